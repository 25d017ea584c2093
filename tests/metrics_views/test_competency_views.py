"""jpm_distribution, gaps_vs_topic_jp and gap_change (src/metrics/competency.py) against hand values.

Topic map (data/kompetensi_topik.csv): Integritas -> Kepemimpinan, Kerja Sama -> Komunikasi,
Komunikasi -> Komunikasi; a technical competency with no row is addressed by the topic of its name.
"""

from __future__ import annotations

import pytest

from src.metrics.competency import gap_change, gaps_vs_topic_jp, jpm_distribution
from src.metrics.compute import kpis
from src.metrics.filters import Filters

FIVE = ("Integritas", "Kerja Sama", "Komunikasi", "Orientasi pada Hasil", "Pelayanan Publik")


def bins(frame) -> list[tuple]:
    return [tuple(r) for r in frame.select("jpm_from", "jpm_to", "band", "staff").iter_rows()]


# ---- JPM distribution ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def jpm(make_exports):
    """Assessments (standard/actual):
    J90 (2025-02-01): Integritas 5/4, Komunikasi 5/5 -> (4 + 5) / 10 = 90.
    J78 (2025-02-01): five managerial 5/4, 5/4, 5/4, 5/4, 5/3.5 -> 19.5 / 25 = 78.
    J100 (2025-02-01): Integritas 3/4 (capped at 3), Perekat Bangsa 3/3, technical Keuangan 4/1
         (not Manajerial/Sosial Kultural: ignored) -> 6 / 6 = 100.
    JL: Integritas 4/2 and Komunikasi 4/4 on 2024-03-01, Integritas again 4/3 on 2025-03-01 and
        4/4 on 2026-01-10 (after every period asked) -> 2025: (3 + 4) / 8 = 87.5; 2024: (2 + 4) / 8 = 75.
    JT: technical Keuangan 3/1 only -> no JPM, not counted.
    JS (Semarang, 2025-02-01): Integritas 2/2 -> 100."""
    e = make_exports()
    for code in ("J90", "J78", "J100", "JL", "JT"):
        e.staff(code)
    e.staff("JS", region="Semarang", unit="BKPP")
    e.assess("J90", "2025-02-01", "Integritas", 5, 4).assess("J90", "2025-02-01", "Komunikasi", 5, 5)
    for name, actual in zip(FIVE, (4, 4, 4, 4, 3.5), strict=True):
        e.assess("J78", "2025-02-01", name, 5, actual)
    e.assess("J100", "2025-02-01", "Integritas", 3, 4).assess("J100", "2025-02-01", "Perekat Bangsa", 3, 3)
    e.assess("J100", "2025-02-01", "Keuangan", 4, 1)
    e.assess("JL", "2024-03-01", "Integritas", 4, 2).assess("JL", "2024-03-01", "Komunikasi", 4, 4)
    e.assess("JL", "2025-03-01", "Integritas", 4, 3).assess("JL", "2026-01-10", "Integritas", 4, 4)
    e.assess("JT", "2025-02-01", "Keuangan", 3, 1)
    e.assess("JS", "2025-02-01", "Integritas", 2, 2)
    return e.load()


def test_jpm_bins_and_bands(jpm):
    assert bins(jpm_distribution(jpm, Filters(year=2025))) == [
        (78, 80, "cukup", 1),  # J78: exactly 78 is Cukup Optimal
        (86, 88, "cukup", 1),  # JL: 87.5 (latest Integritas 3 of 2025, Komunikasi 4 of 2024)
        (90, 92, "optimal", 1),  # J90: exactly 90 is Optimal
        (98, 100, "optimal", 2),  # J100 and JS: 100 falls in the last bin
    ]


def test_jpm_latest_assessment_on_or_before_the_period_end(jpm):
    # 2024: only JL's 2024 assessments exist by 31 December 2024 -> (2 + 4) / 8 = 75 -> bin 74-76
    assert bins(jpm_distribution(jpm, Filters(year=2024))) == [(74, 76, "kurang", 1)]


def test_jpm_scope_filter(jpm):
    assert bins(jpm_distribution(jpm, Filters(year=2025, regions=("Semarang",)))) == [(98, 100, "optimal", 1)]


def test_jpm_distribution_agrees_with_the_band_counts(jpm):
    kpi = kpis(jpm, Filters(year=2025), metric_ids=["jpm_optimal", "jpm_cukup", "jpm_kurang", "jpm_mean"])
    row = kpi.row(0, named=True)
    assert (row["jpm_optimal"], row["jpm_cukup"], row["jpm_kurang"]) == (3, 2, 0)  # 90, 100, 100 | 78, 87.5
    assert row["jpm_mean"] == pytest.approx((90 + 78 + 100 + 87.5 + 100) / 5)  # = 91.1


def test_jpm_exactly_on_a_bin_edge_lands_in_that_bin(exports):
    # five managerial 5/3, 5/3, 5/3, 5/3, 5/2.5 -> 14.5 / 25 = 0.58 -> JPM exactly 58 -> bin [58, 60)
    exports.staff("X")
    for name, actual in zip(FIVE, (3, 3, 3, 3, 2.5), strict=True):
        exports.assess("X", "2025-02-01", name, 5, actual)
    con = exports.load()
    assert bins(jpm_distribution(con, Filters(year=2025))) == [(58, 60, "kurang", 1)]


# ---- gaps vs JP on the topics that address them --------------------------------------------------


@pytest.fixture(scope="module")
def gaps(make_exports):
    """G1, G2 in Serang, G3 in Semarang (no assessments).
    Assessments on 2025-02-01 (standard/actual):
        Integritas  G1 3/2 (gap 1)    G2 3/3 (gap 0)     (G1's 2024 Integritas 3/1 is superseded)
        Komunikasi  G1 3/1 (gap 2)    G2 3/2.5 (gap 0.5)
        Kerja Sama  G1 2/3 (gap 0)    G2 2/2 (gap 0)
        Keuangan (Teknis) G1 3/2.5 (0.5)  G2 3/1.5 (1.5)
    Development (Selesai unless said): G1 Kepemimpinan 10 JP (2025-03-01); G2 Komunikasi 6 JP
    (2025-04-01); G1 Komunikasi 4 JP Lulus (2025-05-01); G2 Keuangan 8 JP (2025-06-01); G1 Keuangan 3 JP
    Tidak Lulus (2025-06-15); G2 Keuangan 5 JP (2024-12-31, other year); G1 Komunikasi 7 JP (2025-09-01,
    after June); G3 Kepemimpinan 7 JP (2025-03-01, Semarang)."""
    e = make_exports()
    e.staff("G1").staff("G2").staff("G3", region="Semarang", unit="BKPP")
    e.assess("G1", "2024-05-01", "Integritas", 3, 1)
    for code, levels in (("G1", (2, 1, 3, 2.5)), ("G2", (3, 2.5, 2, 1.5))):
        for (name, standard), actual in zip(
            (("Integritas", 3), ("Komunikasi", 3), ("Kerja Sama", 2), ("Keuangan", 3)), levels, strict=True
        ):
            e.assess(code, "2025-02-01", name, standard, actual)
    e.course("G1", "2025-03-01", 10, topik="Kepemimpinan", jenis="Manajerial")
    e.course("G2", "2025-04-01", 6, topik="Komunikasi", jenis="Manajerial")
    e.course("G1", "2025-05-01", 4, topik="Komunikasi", jenis="Manajerial", status="Lulus")
    e.course("G2", "2025-06-01", 8, topik="Keuangan")
    e.course("G1", "2025-06-15", 3, topik="Keuangan", status="Tidak Lulus")
    e.course("G2", "2024-12-31", 5, topik="Keuangan")
    e.course("G1", "2025-09-01", 7, topik="Komunikasi", jenis="Manajerial")
    e.course("G3", "2025-03-01", 7, topik="Kepemimpinan", jenis="Manajerial")
    return e.load()


def gap_rows(frame) -> list[tuple]:
    return [
        (r["kompetensi"], r["jenis_kompetensi"], r["pairs"], pytest.approx(r["gap_mean"]),
         r["staff_below_standard"], r["jp_on_topics"])
        for r in frame.iter_rows(named=True)
    ]  # fmt: skip


def test_gaps_vs_topic_jp_ordered_by_largest_gap(gaps):
    frame = gaps_vs_topic_jp(gaps, Filters(year=2025, month=6, regions=("Serang",)))
    assert gap_rows(frame) == [
        # (2 + 0.5) / 2 = 1.25; both below; JP on Komunikasi by June: 6 + 4 (Lulus counts) = 10
        ("Komunikasi", "Manajerial", 2, 1.25, 2, 10.0),
        # technical: (0.5 + 1.5) / 2 = 1.0; both below; topic of the same name: 8 (the Tidak Lulus 3
        # and the 2024 course 5 do not count)
        ("Keuangan", "Teknis", 2, 1.0, 2, 8.0),
        # (1 + 0) / 2 = 0.5 (latest 2025 level, not the 2024 one); JP on Kepemimpinan: G1's 10
        ("Integritas", "Manajerial", 2, 0.5, 1, 10.0),
        # 0 and 0 -> 0; nobody below; addressed by Komunikasi too: 10
        ("Kerja Sama", "Manajerial", 2, 0.0, 0, 10.0),
    ]
    topics = dict(zip(frame["kompetensi"], frame["topics"], strict=True))
    assert topics["Komunikasi"] == "Komunikasi"
    assert topics["Integritas"] == "Kepemimpinan"
    assert topics["Kerja Sama"] == "Komunikasi"


def test_gaps_jp_follows_scope_and_period(gaps):
    # no region filter: G3's 7 JP on Kepemimpinan count for Integritas (10 + 7 = 17); gaps unchanged
    whole = gaps_vs_topic_jp(gaps, Filters(year=2025, month=6))
    jp = dict(zip(whole["kompetensi"], whole["jp_on_topics"], strict=True))
    assert jp == {"Komunikasi": 10.0, "Keuangan": 8.0, "Integritas": 17.0, "Kerja Sama": 10.0}
    # whole year: G1's September 7 JP on Komunikasi count too: 10 + 7 = 17
    year = gaps_vs_topic_jp(gaps, Filters(year=2025, regions=("Serang",)))
    jp = dict(zip(year["kompetensi"], year["jp_on_topics"], strict=True))
    assert jp == {"Komunikasi": 17.0, "Keuangan": 8.0, "Integritas": 10.0, "Kerja Sama": 17.0}


def test_gaps_technical_competency_names_its_topic(gaps):
    frame = gaps_vs_topic_jp(gaps, Filters(year=2025, month=6, regions=("Serang",)))
    topics = dict(zip(frame["kompetensi"], frame["topics"], strict=True))
    assert topics["Keuangan"] == "Keuangan"  # the topic whose 8 JP are shown beside it


# ---- gap change, trained vs not ------------------------------------------------------------------


@pytest.fixture(scope="module")
def change(make_exports):
    """Assessments (standard/actual), H1 and H2 in Serang, H3 in Semarang:
    H1 Integritas  2024-03-01 3/1.5 -> 2025-03-01 3/2.5
    H1 Komunikasi  2024-03-01 3/2   -> 2025-03-01 3/2
    H1 Kerja Sama  2023-01-10 3/1, 2024-06-01 3/2 -> 2025-06-01 3/3 (consecutive pair: 2024 -> 2025)
    H2 Integritas  2024-03-01 3/2   -> 2025-04-01 3/2.5
    H2 Komunikasi  2023-01-10 3/1   -> 2024-01-10 3/2 (later one not in 2025)
    H3 Perekat Bangsa 2024-06-01 2/2 -> 2025-02-01 3/2 (the standard rose)
    H3 Integritas  2025-02-01 3/3 only (no pair)
    Development: H1 Manajerial Selesai 2024-09-01 (between all of H1's pairs: trained);
    H2 Teknis Selesai 2024-08-01 (other kind) and Manajerial Selesai 2025-05-01 (after 2025-04-01);
    H3 Sosial Kultural Mengundurkan Diri 2024-10-01 and Manajerial Selesai 2024-11-01 (other kind)."""
    e = make_exports()
    e.staff("H1").staff("H2").staff("H3", region="Semarang", unit="BKPP")
    e.assess("H1", "2024-03-01", "Integritas", 3, 1.5).assess("H1", "2025-03-01", "Integritas", 3, 2.5)
    e.assess("H1", "2024-03-01", "Komunikasi", 3, 2).assess("H1", "2025-03-01", "Komunikasi", 3, 2)
    e.assess("H1", "2023-01-10", "Kerja Sama", 3, 1).assess("H1", "2024-06-01", "Kerja Sama", 3, 2)
    e.assess("H1", "2025-06-01", "Kerja Sama", 3, 3)
    e.assess("H2", "2024-03-01", "Integritas", 3, 2).assess("H2", "2025-04-01", "Integritas", 3, 2.5)
    e.assess("H2", "2023-01-10", "Komunikasi", 3, 1).assess("H2", "2024-01-10", "Komunikasi", 3, 2)
    e.assess("H3", "2024-06-01", "Perekat Bangsa", 2, 2).assess("H3", "2025-02-01", "Perekat Bangsa", 3, 2)
    e.assess("H3", "2025-02-01", "Integritas", 3, 3)
    e.course("H1", "2024-09-01", 10, jenis="Manajerial", topik="Kepemimpinan")
    e.course("H2", "2024-08-01", 10, jenis="Teknis")
    e.course("H2", "2025-05-01", 10, jenis="Manajerial", topik="Kepemimpinan")
    e.course("H3", "2024-10-01", 10, jenis="Sosial Kultural", topik=None, status="Mengundurkan Diri")
    e.course("H3", "2024-11-01", 10, jenis="Manajerial", topik="Kepemimpinan")
    return e.load()


def change_rows(frame) -> dict[bool, tuple]:
    return {
        r["trained"]: (r["pairs"], pytest.approx(r["level_change_mean"]), pytest.approx(r["gap_closed_mean"]),
                       pytest.approx(r["improved_share"]))
        for r in frame.iter_rows(named=True)
    }  # fmt: skip


def test_gap_change_trained_vs_not(change):
    frame = gap_change(change, Filters(year=2025))
    assert frame["trained"].to_list() == [True, False]
    assert change_rows(frame) == {
        # H1 Integritas +1 (gap 1.5 -> 0.5: closed 1, improved), Komunikasi 0 (gap 1 -> 1: 0, not),
        # Kerja Sama +1 (gap 1 -> 0: 1, improved): change 2/3, closed 2/3, improved 2/3
        True: (3, 2 / 3, 2 / 3, 2 / 3),
        # H2 Integritas +0.5 (gap 1 -> 0.5: 0.5, improved); H3 Perekat Bangsa 0 (gap 0 -> 1: -1, not):
        # change 0.25, closed (0.5 - 1) / 2 = -0.25, improved 1/2
        False: (2, 0.25, -0.25, 0.5),
    }


def test_gap_change_later_assessment_in_the_period(change):
    # January-March 2025: H1 Integritas and Komunikasi (trained), H3 Perekat Bangsa (not);
    # H2 (April) and H1 Kerja Sama (June) fall outside
    assert change_rows(gap_change(change, Filters(year=2025, month=3))) == {
        True: (2, 0.5, 0.5, 0.5),  # (+1 + 0) / 2; (1 + 0) / 2; 1 of 2
        False: (1, 0.0, -1.0, 0.0),
    }


def test_gap_change_scope(change):
    # Serang only: H3 is out; the untrained group is H2's Integritas alone
    assert change_rows(gap_change(change, Filters(year=2025, regions=("Serang",)))) == {
        True: (3, 2 / 3, 2 / 3, 2 / 3),
        False: (1, 0.5, 0.5, 1.0),
    }
