"""Competency metrics (metrics.md, "Competency"): latest assessment per competency, gaps, JPM."""

from __future__ import annotations

import pytest

from src.metrics.filters import Filters
from tests.metrics.world import MANAGERIAL, Y, one, values

TEKNIS = "Pengelolaan Keuangan Daerah"  # a technical competency's name
BANDS = ("jpm_optimal", "jpm_cukup", "jpm_kurang")


@pytest.fixture(scope="module")
def con(make_world):
    """Assessments (LEVEL_STANDAR / LEVEL_AKTUAL):

    A Serang/Bappeda  2024-03-01 Integritas 3/2, Kerja Sama 3/4 (surplus), Perekat Bangsa 3/3
                      2025-08-31 Integritas 3/3 (newer)
    B Serang/Inspektorat 2025-02-01 Teknis 3/1 only
    C Serang/Dinkes   2025-01-10 Integritas, Kerja Sama, Komunikasi, Orientasi pada Hasil 2/2,
                                 Pelayanan Publik 2/1, Teknis 3/1
    D Semarang/BKPP   2025-03-03 Integritas, Kerja Sama, Komunikasi 5/5, Orientasi pada Hasil 5/2.5,
                                 Pelayanan Publik 5/2
    E Semarang/BKPP   2025-12-01 Integritas 3/2
    F Semarang/BKPP   never assessed

    JPM (Manajerial + Sosial Kultural, each level capped at the standard):
      A to 30 Jun 2025: min(2,3) + min(4,3) + min(3,3) = 8 of 9 -> 88.89 (uncapped 9 / 9 = 100)
      A in all 2025:    3 + 3 + 3 = 9 of 9 -> 100
      C: 2 + 2 + 2 + 2 + 1 = 9 of 10 -> 90 exactly (with the Teknis pair: 10 / 13 = 76.9)
      D: 5 + 5 + 5 + 2.5 + 2 = 19.5 of 25 -> 78 exactly
      E: 2 of 3 -> 66.67
    """
    w = make_world()
    w.staff("A", unit="Bappeda").staff("B", unit="Inspektorat").staff("C", unit="Dinkes")
    for code in "DEF":
        w.staff(code, region="Semarang", unit="BKPP")
    w.assess("A", "2024-03-01", "Integritas", 3, 2)
    w.assess("A", "2024-03-01", "Kerja Sama", 3, 4)
    w.assess("A", "2024-03-01", "Perekat Bangsa", 3, 3)
    w.assess("A", "2025-08-31", "Integritas", 3, 3)
    w.assess("B", "2025-02-01", TEKNIS, 3, 1)
    for name in ("Integritas", "Kerja Sama", "Komunikasi", "Orientasi pada Hasil"):
        w.assess("C", "2025-01-10", name, 2, 2)
    w.assess("C", "2025-01-10", "Pelayanan Publik", 2, 1)
    w.assess("C", "2025-01-10", TEKNIS, 3, 1)
    for name, level in (("Integritas", 5), ("Kerja Sama", 5), ("Komunikasi", 5),
                        ("Orientasi pada Hasil", 2.5), ("Pelayanan Publik", 2)):  # fmt: skip
        w.assess("D", "2025-03-03", name, 5, level)
    w.assess("E", "2025-12-01", "Integritas", 3, 2)
    return w.load()


JUNE = Filters(year=Y, month=6)  # period ends 30 Jun 2025
YEAR = Filters(year=Y)  # period ends 31 Dec 2025


def test_assessed_rate(con):
    # to 30 Jun: A (2024), B, C, D are assessed; E's assessment (1 Dec) is later; F never -> 4 / 6
    assert one(con, JUNE, "assessed_rate") == pytest.approx(4 / 6)
    # whole 2025: E too -> 5 / 6
    assert one(con, YEAR, "assessed_rate") == pytest.approx(5 / 6)


def test_latest_assessment_per_competency(con):
    a = {"units": ("Bappeda",)}  # A alone
    # period ending between A's two Integritas assessments (30 Jun 2025): the older one (2 of 3)
    # pairs: Integritas gap 1, Kerja Sama 0, Perekat Bangsa 0 -> 1 / 3; meeting: 2 of 3
    assert one(con, Filters(year=Y, month=6, **a), "competency_gap_mean") == pytest.approx(1 / 3)
    assert one(con, Filters(year=Y, month=6, **a), "meets_standard_rate") == pytest.approx(2 / 3)
    # whole 2025: the newer one (3 of 3) replaces it: gaps 0, 0, 0 -> 0; all 3 pairs meet
    assert one(con, Filters(year=Y, **a), "competency_gap_mean") == 0
    assert one(con, Filters(year=Y, **a), "meets_standard_rate") == 1
    # still 3 pairs, not 4: the older Integritas is no longer a pair of its own
    assert one(con, Filters(year=Y, **a), "jpm_mean") == pytest.approx(100)


def test_assessment_on_the_periods_last_day_counts(con):
    # A's newer Integritas (3/3) is dated 31 Aug 2025: "on or before the period's last day"
    # M = 8 (ends 31 Aug): the newer one -> gaps 0, 0, 0; M = 7 (ends 31 Jul): the older -> 1 / 3
    assert one(con, Filters(year=Y, month=8, units=("Bappeda",)), "competency_gap_mean") == 0
    assert one(con, Filters(year=Y, month=7, units=("Bappeda",)), "competency_gap_mean") == pytest.approx(
        1 / 3
    )


def test_assessment_after_period_end_is_ignored(con):
    # BKPP (D, E, F) to 30 Jun: E's assessment of 1 Dec is ignored -> assessed 1 (D) of 3
    assert one(con, Filters(year=Y, month=6, units=("BKPP",)), "assessed_rate") == pytest.approx(1 / 3)
    # A, February 2024 (period ends 29 Feb 2024): the first assessment (1 Mar 2024) is later
    before = Filters(year=Y - 1, month=2, units=("Bappeda",))
    assert one(con, before, "assessed_rate") == 0
    assert one(con, before, "competency_gap_mean") is None


def test_competency_gap_mean(con):
    # to 30 Jun, 15 pairs: A 3 (gaps 1, 0, 0), B 1 (gap 2), C 6 (0, 0, 0, 0, 1, Teknis 2),
    # D 5 (0, 0, 0, 2.5, 3) -> (1 + 2 + 3 + 5.5) / 15 = 11.5 / 15
    assert one(con, JUNE, "competency_gap_mean") == pytest.approx(11.5 / 15)
    # whole 2025, 16 pairs: A's gaps now 0, 0, 0; E adds 1 -> (0 + 2 + 3 + 5.5 + 1) / 16 = 11.5 / 16
    assert one(con, YEAR, "competency_gap_mean") == pytest.approx(11.5 / 16)


def test_surplus_counts_as_zero_gap(con):
    # A to 30 Jun: Integritas 3 - 2 = 1, Kerja Sama max(3 - 4, 0) = 0 (not -1), Perekat Bangsa 0
    # -> 1 / 3 (a surplus that counted as -1 would give 0)
    a = Filters(year=Y, month=6, units=("Bappeda",))
    assert one(con, a, "competency_gap_mean") == pytest.approx(1 / 3)


def test_meets_standard_rate(con):
    # to 30 Jun: meeting pairs A 2 (Kerja Sama, Perekat Bangsa), B 0, C 4, D 3 -> 9 of 15
    assert one(con, JUNE, "meets_standard_rate") == pytest.approx(9 / 15)
    # whole 2025: A 3, B 0, C 4, D 3, E 0 -> 10 of 16
    assert one(con, YEAR, "meets_standard_rate") == pytest.approx(10 / 16)


def test_jpm_mean(con):
    # to 30 Jun: A 8/9 x 100 = 88.89, C 90, D 78 (B has only Teknis pairs: left out)
    # -> (800/9 + 90 + 78) / 3 = 85.63
    assert one(con, JUNE, "jpm_mean") == pytest.approx((800 / 9 + 90 + 78) / 3)
    # whole 2025: A 100, C 90, D 78, E 200/3 = 66.67 -> 334.67 / 4 = 83.67
    assert one(con, YEAR, "jpm_mean") == pytest.approx((100 + 90 + 78 + 200 / 3) / 4)


def test_jpm_caps_each_level_at_standard(con):
    # A to 30 Jun: Kerja Sama's surplus (4 over 3) must not hide Integritas' shortfall (2 of 3):
    # (2 + 3 + 3) / 9 x 100 = 88.89 -> Cukup; uncapped (2 + 4 + 3) / 9 = 100 would be Optimal
    a = Filters(year=Y, month=6, units=("Bappeda",))
    assert one(con, a, "jpm_mean") == pytest.approx(800 / 9)
    assert one(con, a, "jpm_cukup") == 1
    assert one(con, a, "jpm_optimal") == 0


def test_jpm_uses_only_manajerial_and_sosial_kultural(con):
    # C alone (Dinkes): JPM over the 5 managerial pairs = 9 / 10 x 100 = 90; the Teknis pair 3/1
    # is left out (with it: (9 + 1) / (10 + 3) = 76.9)
    c = Filters(year=Y, units=("Dinkes",))
    assert one(con, c, "jpm_mean") == pytest.approx(90)
    assert one(con, c, "jpm_optimal") == 1


def test_staff_with_only_teknis_pairs_left_out_of_jpm(con):
    # B alone (Inspektorat): assessed (1 / 1), a gap of 3 - 1 = 2, but no JPM: null and no band
    b = Filters(year=Y, units=("Inspektorat",))
    assert one(con, b, "assessed_rate") == 1
    assert one(con, b, "competency_gap_mean") == pytest.approx(2)
    assert one(con, b, "jpm_mean") is None
    assert list(values(con, b, *BANDS)) == [0, 0, 0]
    # Serang to 30 Jun (A, B, C): the mean is over A and C only: (88.89 + 90) / 2, not / 3
    serang = Filters(year=Y, month=6, regions=("Serang",))
    assert one(con, serang, "jpm_mean") == pytest.approx((800 / 9 + 90) / 2)


def test_jpm_bands_at_edges(con):
    # to 30 Jun: C = 90 exactly -> Optimal; A 88.89 and D = 78 exactly -> Cukup; nobody Kurang
    assert list(values(con, JUNE, *BANDS)) == [1, 2, 0]
    # whole 2025: A 100 and C 90 Optimal; D 78 Cukup; E 66.67 Kurang
    assert list(values(con, YEAR, *BANDS)) == [2, 1, 1]


@pytest.fixture(scope="module")
def decimal_levels(make_world):
    """A full profile (8 managerial competencies + Perekat Bangsa, standard 3 each) with decimal
    levels: H at 2.7 everywhere, K at 2.34 everywhere, L at 2.33 everywhere."""
    w = make_world()
    for code, level in (("H", 2.7), ("K", 2.34), ("L", 2.33)):
        w.staff(code, unit=f"Unit {code}")
        for name in (*sorted(MANAGERIAL), "Perekat Bangsa"):
            w.assess(code, "2025-02-03", name, 3, level)
    return w.load()


def test_jpm_exactly_90_with_decimal_levels(decimal_levels):
    # H: 9 x 2.7 = 24.3 of 9 x 3 = 27 -> 24.3 / 27 x 100 = 90 exactly -> Optimal
    h = Filters(year=Y, units=("Unit H",))
    assert one(decimal_levels, h, "jpm_mean") == pytest.approx(90)
    assert one(decimal_levels, h, "jpm_optimal") == 1


def test_jpm_exactly_78_with_decimal_levels(decimal_levels):
    # K: 9 x 2.34 = 21.06 of 27 -> 21.06 / 27 x 100 = 78 exactly -> Cukup
    k = Filters(year=Y, units=("Unit K",))
    assert one(decimal_levels, k, "jpm_mean") == pytest.approx(78)
    assert one(decimal_levels, k, "jpm_cukup") == 1


def test_jpm_just_below_78_is_kurang(decimal_levels):
    # L: 9 x 2.33 = 20.97 of 27 -> 77.67 -> Kurang
    low = Filters(year=Y, units=("Unit L",))
    assert one(decimal_levels, low, "jpm_mean") == pytest.approx(2097 / 27)
    assert one(decimal_levels, low, "jpm_kurang") == 1
