"""Second grouping dimension (kpis(..., by2=...)), the newer metrics (dropout_rate,
no_development_count, cost_per_participant) and the funding and position_level dimensions."""

from __future__ import annotations

import pytest

from src.metrics.compute import kpis
from src.metrics.filters import Filters
from tests.metrics_views.builder import NK, K

Q1 = Filters(year=2025, month=3)  # January-March 2025
RP = 1_000  # Rupiah in thousands, for readable costs


@pytest.fixture(scope="module")
def grid(make_exports):
    """Staff (region, unit, gender, position):
        A Serang/BKPSDM L Struktural III.a (Administrator)   B Serang/BKPSDM P Struktural IV.b (Pengawas)
        C Serang/Dinkes P Fungsional                          G Serang/Dinkes P Pelaksana
        D Semarang/BKPP L Struktural II.b (JPT Pratama)       E Semarang/BKPP P Pelaksana
        F Semarang/BKPP L Struktural without eselon
    Development in 2025 (route K = Klasikal, NK = Non-Klasikal; cost; funding; status):
        1 A 01-15 K 10 JP  Rp1.000.000 APBD         Selesai
        2 A 02-20 NK 6 JP  Rp0 Tanpa Biaya          Selesai
        3 B 01-20 NK 4 JP  cost unknown, no funding Selesai
        4 B 02-10 K 8 JP   Rp500.000 APBD           Mengundurkan Diri
        5 C 02-05 K 12 JP  Rp2.000.000 APBN         Lulus (= Selesai)
        6 C 03-01 NK 2 JP  no funding               Tidak Lulus
        7 D 03-10 NK 20 JP Rp0 Tanpa Biaya          Selesai
        8 D 01-05 K 4 JP   APBD                     Berjalan
        9 F 03-20 K 5 JP   Rp300.000 Mandiri        Selesai
       10 E 04-10 K 16 JP  Rp400.000 APBD           Selesai (April: after the period)
    Budget 2025 (pagu; realisasi by month):
        Serang/BKPSDM 5.03.02.2.03: 100; 5, 10, 15
        Serang/BKPSDM 5.04.02.2.01: 40 in months 1-2, 60 from month 3; 0, 6, 6
        Serang/Dinkes 5.03.02.2.03: 80; 8, 8, 8
        Semarang/BKPP 5.03.02.2.03: 200; 10, 10, 20 (and month 4: pagu 250, 50)
    Assessments (standard/actual): A 2025-01-10 Integritas 3/2, Perekat Bangsa 3/3; C 2025-02-01
    Integritas 2/2; D 2025-02-15 Integritas 4/3, Perekat Bangsa 4/4; E Integritas 2/1 on 2024-05-01 and
    2/2 on 2025-03-05."""
    e = make_exports()
    e.staff("A", jabatan="Struktural", eselon="III.a").staff(
        "B", gender="P", jabatan="Struktural", eselon="IV.b"
    )
    e.staff("C", gender="P", unit="Dinkes", jabatan="Fungsional").staff("G", gender="P", unit="Dinkes")
    e.staff("D", region="Semarang", unit="BKPP", jabatan="Struktural", eselon="II.b")
    e.staff("E", region="Semarang", unit="BKPP", gender="P")
    e.staff("F", region="Semarang", unit="BKPP", jabatan="Struktural")
    e.course("A", "2025-01-15", 10, jalur=K, biaya=1000 * RP, dana="APBD")
    e.course("A", "2025-02-20", 6, jalur=NK, biaya=0, dana="Tanpa Biaya")
    e.course("B", "2025-01-20", 4, jalur=NK)
    e.course("B", "2025-02-10", 8, jalur=K, biaya=500 * RP, dana="APBD", status="Mengundurkan Diri")
    e.course("C", "2025-02-05", 12, jalur=K, biaya=2000 * RP, dana="APBN", status="Lulus")
    e.course("C", "2025-03-01", 2, jalur=NK, status="Tidak Lulus")
    e.course("D", "2025-03-10", 20, jalur=NK, biaya=0, dana="Tanpa Biaya")
    e.course("D", "2025-01-05", 4, jalur=K, dana="APBD", status="Berjalan")
    e.course("F", "2025-03-20", 5, jalur=K, biaya=300 * RP, dana="Mandiri")
    e.course("E", "2025-04-10", 16, jalur=K, biaya=400 * RP, dana="APBD")
    for m, spent in zip((1, 2, 3), (5, 10, 15), strict=True):
        e.budget(2025, m, 100, spent)
    for m, spent in zip((1, 2, 3), (0, 6, 6), strict=True):
        e.budget(2025, m, 40 if m <= 2 else 60, spent, kode="5.04.02.2.01")
    for m in (1, 2, 3):
        e.budget(2025, m, 80, 8, unit="Dinkes")
    for m, spent in zip((1, 2, 3, 4), (10, 10, 20, 50), strict=True):
        e.budget(2025, m, 200 if m <= 3 else 250, spent, region="Semarang", unit="BKPP")
    e.assess("A", "2025-01-10", "Integritas", 3, 2).assess("A", "2025-01-10", "Perekat Bangsa", 3, 3)
    e.assess("C", "2025-02-01", "Integritas", 2, 2)
    e.assess("D", "2025-02-15", "Integritas", 4, 3).assess("D", "2025-02-15", "Perekat Bangsa", 4, 4)
    e.assess("E", "2024-05-01", "Integritas", 2, 1).assess("E", "2025-03-05", "Integritas", 2, 2)
    return e.load()


def table(frame, *metrics: str) -> dict[tuple, tuple]:
    """{(group, group2): (metric values…)}, values approximate."""
    return {
        (r["group"], r["group2"]): tuple(None if r[m] is None else pytest.approx(r[m]) for m in metrics)
        for r in frame.iter_rows(named=True)
    }


# ---- without a dimension: the newer metrics -------------------------------------------------------


def test_new_metrics_without_a_dimension(grid):
    row = kpis(grid, Q1, metric_ids=[
        "dropout_rate", "completion_rate", "no_development_count", "cost_total", "cost_per_participant",
        "cost_per_jp",
    ]).row(0, named=True)  # fmt: skip
    # ended records in the period: Selesai 1, 2, 3, 5, 7, 9 (6) + Mengundurkan Diri 4 + Tidak Lulus 6 = 8
    # (Berjalan 8 and April's 10 are out)
    assert row["dropout_rate"] == pytest.approx(1 / 8)  # = 0.125
    assert row["completion_rate"] == pytest.approx(6 / 8)  # = 0.75
    assert row["no_development_count"] == 2  # E (only April) and G (nothing)
    # known costs of counted records: 1.000.000 + 0 + 2.000.000 + 0 + 300.000 = 3.300.000 over 5
    # records (3 has no known cost): 660.000 per participation (not ÷ 4 people = 825.000)
    assert row["cost_total"] == pytest.approx(3300 * RP)
    assert row["cost_per_participant"] == pytest.approx(660 * RP)
    # ÷ JP of those records 10 + 6 + 12 + 20 + 5 = 53 -> 62.264,15
    assert row["cost_per_jp"] == pytest.approx(3300 * RP / 53)


# ---- one dimension: funding and position_level -----------------------------------------------------


def test_funding_dimension(grid):
    frame = kpis(grid, Q1, by="funding", metric_ids=[
        "jp_total", "participation_rate", "cost_total", "cost_per_participant", "cost_per_jp",
        "completion_rate", "dropout_rate",
    ])  # fmt: skip
    assert table(
        frame,
        "jp_total",
        "participation_rate",
        "cost_total",
        "cost_per_participant",
        "cost_per_jp",
        "completion_rate",
        "dropout_rate",
    ) == {
        # APBD: 1 counted (A 10 JP, Rp1.000.000); ended: 1 and B's withdrawal 4 -> 1/2, 1/2; 8 is Berjalan
        ("APBD", ""): (10, 1 / 7, 1000 * RP, 1000 * RP, 100 * RP, 0.5, 0.5),
        # APBN: C 12 JP for Rp2.000.000 -> 166.666,67 per JP
        ("APBN", ""): (12, 1 / 7, 2000 * RP, 2000 * RP, 2000 * RP / 12, 1.0, 0.0),
        # Mandiri: F 5 JP for Rp300.000 -> 60.000 per JP
        ("Mandiri", ""): (5, 1 / 7, 300 * RP, 300 * RP, 60 * RP, 1.0, 0.0),
        # Tanpa Biaya: A 6 JP and D 20 JP, both Rp0: cost 0 over 2 records
        ("Tanpa Biaya", ""): (26, 2 / 7, 0, 0, 0, 1.0, 0.0),
        # no funding given: B 4 JP of unknown cost (null, not 0); ended: 3 Selesai and 6 Tidak Lulus
        ("–", ""): (4, 1 / 7, None, None, None, 0.5, 0.0),
    }


def test_position_level_dimension(grid):
    frame = kpis(grid, Q1, by="position_level", metric_ids=["asn_count", "jp_total", "participation_rate"])
    assert table(frame, "asn_count", "jp_total", "participation_rate") == {
        ("Administrator", ""): (1, 16, 1.0),  # A, III.a: 10 + 6
        ("Pengawas", ""): (1, 4, 1.0),  # B, IV.b: 4 (the withdrawal does not count)
        ("JPT Pratama", ""): (1, 20, 1.0),  # D, II.b
        ("Struktural", ""): (1, 5, 1.0),  # F: Struktural without an eselon
        ("Fungsional", ""): (1, 12, 1.0),  # C
        ("Pelaksana", ""): (2, 0, 0.0),  # E, G: nothing in the period
    }


# ---- two dimensions ---------------------------------------------------------------------------------


def test_jalur_by_month(grid):
    frame = kpis(grid, Q1, by="jalur", by2="month", metric_ids=[
        "asn_count", "jp_total", "participation_rate", "completion_rate", "dropout_rate",
    ])  # fmt: skip
    assert table(frame, "asn_count", "jp_total", "participation_rate", "completion_rate", "dropout_rate") == {
        # every staff member in scope (7) stays the denominator of per-person rates
        (K, "01"): (7, 10, 1 / 7, 1.0, 0.0),  # A's 10; D's Berjalan has not ended
        (NK, "01"): (7, 4, 1 / 7, 1.0, 0.0),  # B's 4
        (K, "02"): (7, 12, 1 / 7, 0.5, 0.5),  # C's 12; B's withdrawal 8 ended too
        (NK, "02"): (7, 6, 1 / 7, 1.0, 0.0),  # A's 6
        (K, "03"): (7, 5, 1 / 7, 1.0, 0.0),  # F's 5
        (NK, "03"): (7, 20, 1 / 7, 0.5, 0.0),  # D's 20; C's Tidak Lulus 2 ended too
    }


def test_nonclassical_share_over_time_matches_jalur_by_month(grid):
    monthly = kpis(grid, Q1, by="month", metric_ids=["nonclassical_share", "jp_total"])
    # January 4 / (10 + 4); February 6 / (12 + 6); March 20 / (5 + 20)
    assert table(monthly, "nonclassical_share", "jp_total") == {
        ("01", ""): (4 / 14, 14), ("02", ""): (6 / 18, 18), ("03", ""): (20 / 25, 25),
    }  # fmt: skip
    by_route = kpis(grid, Q1, by="jalur", by2="month", metric_ids=["jp_total"])
    jp = {(r["group"], r["group2"]): r["jp_total"] for r in by_route.iter_rows(named=True)}
    for month, share in zip(monthly["group"], monthly["nonclassical_share"], strict=True):
        assert jp[(NK, month)] / (jp[(NK, month)] + jp[(K, month)]) == pytest.approx(share)


def test_jalur_by_region_uses_the_region_headcount(grid):
    frame = kpis(
        grid, Q1, by="jalur", by2="region", metric_ids=["asn_count", "jp_total", "participation_rate"]
    )
    assert table(frame, "asn_count", "jp_total", "participation_rate") == {
        (K, "Serang"): (4, 22, 2 / 4),  # A 10, C 12 (B withdrew) of 4 Serang staff
        (NK, "Serang"): (4, 10, 2 / 4),  # A 6, B 4 (C failed)
        (K, "Semarang"): (3, 5, 1 / 3),  # F 5 (D's is Berjalan) of 3 Semarang staff
        (NK, "Semarang"): (3, 20, 1 / 3),  # D 20
    }


def test_region_by_gender(grid):
    frame = kpis(grid, Q1, by="region", by2="gender", metric_ids=[
        "asn_count", "participation_rate", "jp_per_asn", "no_development_count", "absorption_rate",
    ])  # fmt: skip
    assert table(
        frame, "asn_count", "participation_rate", "jp_per_asn", "no_development_count", "absorption_rate"
    ) == {
        ("Serang", "L"): (1, 1.0, 16, 0, None),  # A: 10 + 6; budget has no gender: null
        ("Serang", "P"): (3, 2 / 3, 16 / 3, 1, None),  # B 4, C 12, G nothing
        ("Semarang", "L"): (2, 1.0, 12.5, 0, None),  # D 20, F 5
        ("Semarang", "P"): (1, 0.0, 0.0, 1, None),  # E: only in April
    }


def test_one_dimension_equals_the_sum_over_the_second(grid):
    one = kpis(
        grid,
        Q1,
        by="region",
        metric_ids=["asn_count", "jp_total", "no_development_count", "participation_rate", "absorption_rate"],
    )
    assert one.equals(kpis(grid, Q1, by="region", by2=None, metric_ids=[
        "asn_count", "jp_total", "no_development_count", "participation_rate", "absorption_rate",
    ]))  # fmt: skip
    assert set(one["group2"]) == {""}
    assert table(
        one, "asn_count", "jp_total", "no_development_count", "participation_rate", "absorption_rate"
    ) == {
        # Serang: 4 staff, 16 + 4 + 12 = 32 JP, G without; budget (30 + 12 + 24) / (100 + 60 + 80)
        ("Serang", ""): (4, 32, 1, 3 / 4, 66 / 240),
        # Semarang: 3 staff, 20 + 5 = 25 JP, E without; budget 40 / 200 (month 4 is after March)
        ("Semarang", ""): (3, 25, 1, 2 / 3, 0.2),
    }
    two = kpis(
        grid, Q1, by="region", by2="gender", metric_ids=["asn_count", "jp_total", "no_development_count"]
    )
    for region in ("Serang", "Semarang"):
        part = two.filter(two["group"] == region)
        whole = one.filter(one["group"] == region).row(0, named=True)
        for metric in ("asn_count", "jp_total", "no_development_count"):
            assert part[metric].sum() == pytest.approx(whole[metric]), (region, metric)


def test_competency_by_region(grid):
    frame = kpis(grid, Q1, by="competency", by2="region", metric_ids=[
        "asn_count", "assessed_rate", "competency_gap_mean", "meets_standard_rate", "participation_rate",
    ])  # fmt: skip
    assert table(
        frame,
        "asn_count",
        "assessed_rate",
        "competency_gap_mean",
        "meets_standard_rate",
        "participation_rate",
    ) == {
        # A gap 1, C gap 0, of 4 Serang staff; participation does not split by competency: null
        ("Integritas", "Serang"): (4, 2 / 4, 0.5, 0.5, None),
        # D gap 1, E's latest (2025: 2/2) gap 0, of 3 Semarang staff
        ("Integritas", "Semarang"): (3, 2 / 3, 0.5, 0.5, None),
        ("Perekat Bangsa", "Serang"): (4, 1 / 4, 0.0, 1.0, None),  # A 3/3
        ("Perekat Bangsa", "Semarang"): (3, 1 / 3, 0.0, 1.0, None),  # D 4/4
    }


def test_unit_by_sub_kegiatan_budget(grid):
    frame = kpis(grid, Q1, by="unit", by2="sub_kegiatan", metric_ids=[
        "budget_pagu", "budget_realisasi", "absorption_rate", "participation_rate",
    ])  # fmt: skip
    got = {
        (r["group"], r["group_region"], r["group2"]): (
            r["budget_pagu"], r["budget_realisasi"], pytest.approx(r["absorption_rate"]), r["participation_rate"]
        )
        for r in frame.iter_rows(named=True)
    }  # fmt: skip
    assert got == {
        ("BKPSDM", "Serang", "5.03.02.2.03"): (100, 30, 0.3, None),  # 5 + 10 + 15 = 30
        ("BKPSDM", "Serang", "5.04.02.2.01"): (60, 12, 0.2, None),  # revised pagu 60; 0 + 6 + 6
        ("Dinkes", "Serang", "5.03.02.2.03"): (80, 24, 0.3, None),  # 3 × 8
        ("BKPP", "Semarang", "5.03.02.2.03"): (200, 40, 0.2, None),  # 10 + 10 + 20; April is out
    }
    # by unit alone the lines of a unit add up: BKPSDM 100 + 60 = 160, 30 + 12 = 42
    units = kpis(grid, Q1, by="unit", metric_ids=["budget_pagu", "budget_realisasi"])
    bkpsdm = units.filter(units["group"] == "BKPSDM").row(0, named=True)
    assert (bkpsdm["budget_pagu"], bkpsdm["budget_realisasi"]) == (160, 42)


def test_unit_by_sub_kegiatan_has_no_headcount(grid):
    frame = kpis(grid, Q1, by="unit", by2="sub_kegiatan", metric_ids=["asn_count"])
    # budget lines are not sets of people (kpis docstring: metrics whose source does not apply are null)
    assert frame["asn_count"].to_list() == [None] * 4


# ---- a person dimension paired with a non-person one: whose headcount? ------------------------------


@pytest.fixture(scope="module")
def twins(make_exports):
    """Two regions with a same-named unit: Serang/Dinas A (S1, S2), Semarang/Dinas A (M1), Semarang/BKPP
    (M2). Development: S1 10 JP on 2025-01-10, M1 5 JP on 2025-01-12, M2 3 JP on 2025-02-01.
    Assessments 2025-01-10: S1 Integritas 3/2, M1 Integritas 3/3."""
    e = make_exports()
    e.staff("S1", unit="Dinas A").staff("S2", unit="Dinas A")
    e.staff("M1", region="Semarang", unit="Dinas A").staff("M2", region="Semarang", unit="BKPP")
    e.course("S1", "2025-01-10", 10).course("M1", "2025-01-12", 5).course("M2", "2025-02-01", 3)
    e.assess("S1", "2025-01-10", "Integritas", 3, 2).assess("M1", "2025-01-10", "Integritas", 3, 3)
    return e.load()


def by_unit(frame, *metrics: str) -> dict[tuple, tuple]:
    """{(group, group_region, group2): (metric values…)}; a repeated key is an error."""
    keys = [(r["group"], r["group_region"], r["group2"]) for r in frame.iter_rows(named=True)]
    assert len(set(keys)) == len(keys), f"repeated groups: {frame}"
    return {
        key: tuple(pytest.approx(r[m]) for m in metrics)
        for key, r in zip(keys, frame.iter_rows(named=True), strict=True)
    }


def test_month_by_region_uses_the_region_headcount(twins):
    frame = kpis(twins, Q1, by="month", by2="region", metric_ids=["asn_count", "participation_rate"])
    assert table(frame, "asn_count", "participation_rate") == {
        ("01", "Serang"): (2, 1 / 2),  # S1 of S1, S2
        ("01", "Semarang"): (2, 1 / 2),  # M1 of M1, M2
        ("02", "Semarang"): (2, 1 / 2),  # M2
    }


def test_region_by_month_uses_the_region_headcount(twins):
    frame = kpis(twins, Q1, by="region", by2="month", metric_ids=["asn_count", "participation_rate"])
    # the same groups as month × region, the other way round
    assert table(frame, "asn_count", "participation_rate") == {
        ("Serang", "01"): (2, 1 / 2),
        ("Semarang", "01"): (2, 1 / 2),
        ("Semarang", "02"): (2, 1 / 2),
    }


def test_region_and_unit_by_competency_use_their_headcount(twins):
    regions = kpis(twins, Q1, by="region", by2="competency", metric_ids=["asn_count", "assessed_rate"])
    assert table(regions, "asn_count", "assessed_rate") == {
        ("Serang", "Integritas"): (2, 1 / 2),  # S1 of S1, S2
        ("Semarang", "Integritas"): (2, 1 / 2),  # M1 of M1, M2
    }
    units = kpis(twins, Q1, by="unit", by2="competency", metric_ids=["asn_count", "assessed_rate"])
    assert by_unit(units, "asn_count", "assessed_rate") == {
        ("Dinas A", "Serang", "Integritas"): (2, 1 / 2),
        ("Dinas A", "Semarang", "Integritas"): (1, 1.0),
    }


def test_month_by_unit_keeps_same_named_units_apart(twins):
    frame = kpis(twins, Q1, by="month", by2="unit", metric_ids=["asn_count", "participation_rate"])
    assert by_unit(frame, "asn_count", "participation_rate") == {
        ("01", "Serang", "Dinas A"): (2, 1 / 2),  # S1 of S1, S2
        ("01", "Semarang", "Dinas A"): (1, 1.0),  # M1
        ("02", "Semarang", "BKPP"): (1, 1.0),  # M2
    }


def test_competency_by_unit_keeps_same_named_units_apart(twins):
    frame = kpis(twins, Q1, by="competency", by2="unit", metric_ids=["asn_count", "assessed_rate"])
    assert by_unit(frame, "asn_count", "assessed_rate") == {
        ("Integritas", "Serang", "Dinas A"): (2, 1 / 2),
        ("Integritas", "Semarang", "Dinas A"): (1, 1.0),
    }


def test_jalur_alone_equals_the_months_added_up(grid):
    one = kpis(grid, Q1, by="jalur", metric_ids=["jp_total", "participation_rate"])
    assert one.equals(kpis(grid, Q1, by="jalur", by2=None, metric_ids=["jp_total", "participation_rate"]))
    # Klasikal: A 10 + C 12 + F 5 = 27 JP by A, C, F (3 of 7); Non-Klasikal: B 4 + A 6 + D 20 = 30 by
    # B, A, D (3 of 7)
    assert table(one, "jp_total", "participation_rate") == {(K, ""): (27, 3 / 7), (NK, ""): (30, 3 / 7)}
    two = kpis(grid, Q1, by="jalur", by2="month", metric_ids=["jp_total"])
    for route, total in ((K, 27), (NK, 30)):
        assert two.filter(two["group"] == route)["jp_total"].sum() == pytest.approx(total)
