"""Grouped metrics (kpis by region / unit / method) and Wilson intervals (kpis_long)."""

from __future__ import annotations

import math

import pytest

from src.metrics.compute import Z_95, kpis_long, wilson_interval
from src.metrics.filters import Filters
from tests.metrics.world import Y, per_group

M = 1_000_000
SETDA = "Sekretariat Daerah"  # a unit name both regions have


@pytest.fixture(scope="module")
def con(make_world):
    """Five staff; "Sekretariat Daerah" exists in Serang and in Semarang.

    G1 Serang/Setda     20 JP Pelatihan Teknis (klasikal), 4 JP E-Learning; Integritas 3/3 -> JPM 100
    G2 Serang/Setda     10 JP E-Learning; Integritas 3/2.4 -> JPM 80 (an older 2024 one: 3/1)
    G3 Serang/Dinkes    8 JP E-Learning still Berjalan; Teknis 3/2 (assessed, no JPM)
    G4 Semarang/Setda   30 JP Pelatihan Kepemimpinan (klasikal); Integritas 2/1 -> JPM 50
    G5 Semarang/Setda   6 JP E-Learning, Tidak Lulus
    Budget (month 1, pagu/realisasi in millions): Serang/Setda 100/40, Serang/Dinkes 60/15,
    Semarang/Setda 200/20.
    """
    w = make_world()
    w.staff("G1", unit=SETDA, gender="L").staff("G2", unit=SETDA, gender="P")
    w.staff("G3", unit="Dinkes", gender="P")
    w.staff("G4", region="Semarang", unit=SETDA, gender="L")
    w.staff("G5", region="Semarang", unit=SETDA, gender="P")
    non_klasikal = {"jalur": "Pelatihan Non-Klasikal", "bentuk": "E-Learning"}
    w.course("G1", "2025-04-10", 20, bentuk="Pelatihan Teknis")
    w.course("G1", "2025-05-05", 4, **non_klasikal)
    w.course("G2", "2025-05-20", 10, **non_klasikal)
    w.course("G4", "2025-08-29", 30, bentuk="Pelatihan Kepemimpinan")
    w.course("G5", "2025-06-10", 6, status="Tidak Lulus", **non_klasikal)
    w.course("G3", "2025-11-30", 8, status="Berjalan", start="2025-10-01", **non_klasikal)
    w.assess("G1", "2025-04-01", "Integritas", 3, 3)
    w.assess("G2", "2024-05-01", "Integritas", 3, 1)
    w.assess("G2", "2025-04-01", "Integritas", 3, 2.4)
    w.assess("G3", "2025-04-01", "Pengelolaan Keuangan Daerah", 3, 2)
    w.assess("G4", "2025-04-01", "Integritas", 2, 1)
    w.budget(1, 100 * M, 40 * M, unit=SETDA)
    w.budget(1, 60 * M, 15 * M, unit="Dinkes")
    w.budget(1, 200 * M, 20 * M, region="Semarang", unit=SETDA)
    return w.load()


YEAR = Filters(year=Y)


def test_by_region_participation(con):
    groups = lambda metric: per_group(con, YEAR, "region", metric)  # noqa: E731
    # Serang: G1, G2, G3; Semarang: G4, G5
    assert groups("asn_count") == {"Serang": 3, "Semarang": 2}
    # Serang: G1 and G2 took part (2 / 3); Semarang: G4 (1 / 2; G5 did not pass)
    assert groups("participation_rate") == pytest.approx({"Serang": 2 / 3, "Semarang": 1 / 2})
    # Serang: 20 + 4 + 10 = 34; Semarang: 30
    assert groups("jp_total") == pytest.approx({"Serang": 34, "Semarang": 30})
    assert groups("jp_per_asn") == pytest.approx({"Serang": 34 / 3, "Semarang": 30 / 2})
    # >= 20 JP: Serang G1 (24) of 3; Semarang G4 (30) of 2
    assert groups("jp20_rate") == pytest.approx({"Serang": 1 / 3, "Semarang": 1 / 2})
    # Serang 3 completed of 3 ended (G3's Berjalan left out); Semarang 1 of 2 (G5's Tidak Lulus)
    assert groups("completion_rate") == pytest.approx({"Serang": 1.0, "Semarang": 0.5})
    # non-klasikal: Serang 4 + 10 = 14 of 34; Semarang 0 of 30
    assert groups("nonclassical_share") == pytest.approx({"Serang": 14 / 34, "Semarang": 0.0})


def test_by_region_competency(con):
    groups = lambda metric: per_group(con, YEAR, "region", metric)  # noqa: E731
    # Serang: G1, G2, G3 assessed (3 / 3); Semarang: G4 of 2
    assert groups("assessed_rate") == pytest.approx({"Serang": 1.0, "Semarang": 0.5})
    # Serang gaps: G1 0, G2 3 - 2.4 = 0.6 (the newer one), G3 1 -> 1.6 / 3; Semarang: G4 1 / 1
    assert groups("competency_gap_mean") == pytest.approx({"Serang": 1.6 / 3, "Semarang": 1.0})
    # JPM: Serang (100 + 80) / 2 = 90 (G3 has only Teknis); Semarang 50
    assert groups("jpm_mean") == pytest.approx({"Serang": 90, "Semarang": 50})
    assert groups("jpm_optimal") == {"Serang": 1, "Semarang": 0}  # G1
    assert groups("jpm_cukup") == {"Serang": 1, "Semarang": 0}  # G2 (80)
    assert groups("jpm_kurang") == {"Serang": 0, "Semarang": 1}  # G4 (50)


def test_by_region_budget(con):
    groups = lambda metric: per_group(con, YEAR, "region", metric)  # noqa: E731
    # Serang: 100 + 60 = 160 pagu, 40 + 15 = 55 spent; Semarang: 200, 20
    assert groups("budget_pagu") == pytest.approx({"Serang": 160 * M, "Semarang": 200 * M})
    assert groups("budget_realisasi") == pytest.approx({"Serang": 55 * M, "Semarang": 20 * M})
    assert groups("absorption_rate") == pytest.approx({"Serang": 55 / 160, "Semarang": 0.1})


SERANG_SETDA, SERANG_DINKES, SEMARANG_SETDA = (SETDA, "Serang"), ("Dinkes", "Serang"), (SETDA, "Semarang")


def test_by_unit_keeps_same_named_units_of_different_regions_apart(con):
    # three groups, not two: Serang's Sekretariat Daerah is not Semarang's
    assert per_group(con, YEAR, "unit", "asn_count") == {
        SERANG_SETDA: 2,  # G1, G2
        SERANG_DINKES: 1,  # G3
        SEMARANG_SETDA: 2,  # G4, G5
    }


def test_by_unit_participation(con):
    # Serang/Setda: 24 + 10 = 34 JP, both took part; Dinkes: nothing; Semarang/Setda: 30, 1 of 2
    assert per_group(con, YEAR, "unit", "jp_total") == pytest.approx(
        {SERANG_SETDA: 34, SERANG_DINKES: 0, SEMARANG_SETDA: 30}
    )
    assert per_group(con, YEAR, "unit", "participation_rate") == pytest.approx(
        {SERANG_SETDA: 1.0, SERANG_DINKES: 0.0, SEMARANG_SETDA: 0.5}
    )
    # >= 20 JP: G1 of 2; nobody of 1; G4 of 2
    assert per_group(con, YEAR, "unit", "jp20_rate") == pytest.approx(
        {SERANG_SETDA: 0.5, SERANG_DINKES: 0.0, SEMARANG_SETDA: 0.5}
    )


def test_by_unit_competency(con):
    # JPM: Serang/Setda (100 + 80) / 2 = 90; Dinkes only Teknis -> null; Semarang/Setda 50
    jpm = per_group(con, YEAR, "unit", "jpm_mean")
    assert jpm[SERANG_DINKES] is None
    assert {k: v for k, v in jpm.items() if k != SERANG_DINKES} == pytest.approx(
        {SERANG_SETDA: 90, SEMARANG_SETDA: 50}
    )
    assert per_group(con, YEAR, "unit", "jpm_kurang") == {
        SERANG_SETDA: 0,
        SERANG_DINKES: 0,
        SEMARANG_SETDA: 1,
    }
    assert per_group(con, YEAR, "unit", "assessed_rate") == pytest.approx(
        {SERANG_SETDA: 1.0, SERANG_DINKES: 1.0, SEMARANG_SETDA: 0.5}
    )


def test_by_unit_budget(con):
    # Serang/Setda 40 / 100; Dinkes 15 / 60; Semarang/Setda 20 / 200
    assert per_group(con, YEAR, "unit", "absorption_rate") == pytest.approx(
        {SERANG_SETDA: 0.4, SERANG_DINKES: 0.25, SEMARANG_SETDA: 0.1}
    )


def test_by_method_keeps_every_staff_member_as_denominator(con):
    # asn_count stays all 5 staff in scope for every method
    assert per_group(con, YEAR, "method", "asn_count") == {
        "Pelatihan Teknis": 5, "E-Learning": 5, "Pelatihan Kepemimpinan": 5,
    }  # fmt: skip
    # took part: Pelatihan Teknis G1 (1 / 5); E-Learning G1, G2 (2 / 5); Kepemimpinan G4 (1 / 5)
    assert per_group(con, YEAR, "method", "participation_rate") == pytest.approx(
        {"Pelatihan Teknis": 1 / 5, "E-Learning": 2 / 5, "Pelatihan Kepemimpinan": 1 / 5}
    )
    # JP: 20; 4 + 10 = 14 (G5's Tidak Lulus 6 and G3's Berjalan 8 not counted); 30
    assert per_group(con, YEAR, "method", "jp_total") == pytest.approx(
        {"Pelatihan Teknis": 20, "E-Learning": 14, "Pelatihan Kepemimpinan": 30}
    )
    # E-Learning: 2 completed of 3 ended (G5's Tidak Lulus; G3's Berjalan left out)
    assert per_group(con, YEAR, "method", "completion_rate")["E-Learning"] == pytest.approx(2 / 3)


def test_by_method_denominator_follows_the_filters(con):
    # Semarang only (G4, G5): every method's asn_count is 2
    semarang = Filters(year=Y, regions=("Semarang",))
    assert set(per_group(con, semarang, "method", "asn_count").values()) == {2}
    # Kepemimpinan: G4 took part, 1 / 2; E-Learning: G5 did not pass, 0 of 1 ended completed
    assert per_group(con, semarang, "method", "participation_rate")["Pelatihan Kepemimpinan"] == 0.5
    assert per_group(con, semarang, "method", "completion_rate").get("E-Learning") == 0


def test_by_method_has_no_budget_or_competency(con):
    # a budget line or an assessment does not belong to a course method: null, not 0
    for metric in ("absorption_rate", "jpm_mean", "assessed_rate"):
        assert set(per_group(con, YEAR, "method", metric).values()) == {None}, metric


def test_by_person_dimension_has_budget_null(con):
    # budget lines do not belong to a gender: budget metrics are null for every gender group
    assert set(per_group(con, YEAR, "gender", "absorption_rate").values()) == {None}
    # the person metrics are there: L = G1, G4; P = G2, G3, G5
    assert per_group(con, YEAR, "gender", "asn_count") == {"L": 2, "P": 3}


# ---- Wilson intervals ---------------------------------------------------------------------------


def wilson_by_quadratic(successes: int, n: int) -> tuple[float, float]:
    """Independently: the Wilson bounds are the roots p of (p̂ - p)² = z² p (1 - p) / n, i.e. of
    (1 + z²/n) p² - (2 p̂ + z²/n) p + p̂² = 0."""
    p_hat, k = successes / n, Z_95**2 / n
    a, b, c = 1 + k, -(2 * p_hat + k), p_hat**2
    root = math.sqrt(b * b - 4 * a * c)
    return (-b - root) / (2 * a), (-b + root) / (2 * a)


def long_row(con, by: str, group: str, metric: str) -> dict:
    frame = kpis_long(con, YEAR, by=by, metric_ids=[metric])
    rows = [r for r in frame.iter_rows(named=True) if r["group"] == group and r["metric"] == metric]
    assert len(rows) == 1, frame
    return rows[0]


def test_wilson_interval_one_of_two(con):
    # Semarang participation: 1 (G4) of 2 -> p̂ = 0.5, interval (0.0945, 0.9055)
    row = long_row(con, "region", "Semarang", "participation_rate")
    assert (row["numerator"], row["denominator"], row["value"]) == (1, 2, 0.5)
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((0.0945, 0.9055), abs=5e-5)


def test_wilson_interval_two_of_three(con):
    # Serang participation: 2 of 3 -> roots of the Wilson quadratic: (0.2077, 0.9385)
    row = long_row(con, "region", "Serang", "participation_rate")
    assert (row["numerator"], row["denominator"]) == (2, 3)
    assert (row["ci_low"], row["ci_high"]) == pytest.approx(wilson_by_quadratic(2, 3))
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((0.2077, 0.9385), abs=5e-5)


def test_kpis_long_values_match_kpis(con):
    # jp_per_asn Serang = 34 / 3, from numerator 34 and denominator 3; no interval (not a count rate)
    row = long_row(con, "region", "Serang", "jp_per_asn")
    assert (row["numerator"], row["denominator"]) == (34, 3)
    assert row["value"] == pytest.approx(34 / 3)
    assert row["ci_low"] is None and row["ci_high"] is None


def test_wilson_interval_edges():
    z2 = Z_95**2  # 3.8415
    # 0 of 10: lower bound 0, upper z² / (n + z²) = 3.8415 / 13.8415 = 0.2775
    low, high = wilson_interval(0, 10)
    assert low == pytest.approx(0, abs=1e-12)
    assert high == pytest.approx(z2 / (10 + z2)) and high == pytest.approx(0.2775, abs=5e-5)
    # 10 of 10: lower n / (n + z²) = 10 / 13.8415 = 0.7225, upper 1
    low, high = wilson_interval(10, 10)
    assert low == pytest.approx(10 / (10 + z2)) and low == pytest.approx(0.7225, abs=5e-5)
    assert high == pytest.approx(1, abs=1e-12)
    # 1 of 2 and 2 of 3 as above; nothing to estimate from 0 trials
    assert wilson_interval(1, 2) == pytest.approx((0.0945, 0.9055), abs=5e-5)
    assert wilson_interval(2, 3) == pytest.approx(wilson_by_quadratic(2, 3))
    assert wilson_interval(0, 0) is None


def test_wilson_interval_contains_its_estimate_at_the_edges():
    # 0 of n: p̂ = 0 and the lower bound is exactly 0; n of n: p̂ = 1 and the upper bound exactly 1,
    # so that ci_low <= value <= ci_high holds for every count rate (error bars, "within CI" tests)
    for n in (1, 2, 3, 7, 10, 13, 25):
        assert wilson_interval(0, n)[0] == 0, n
        assert wilson_interval(n, n)[1] == 1, n
