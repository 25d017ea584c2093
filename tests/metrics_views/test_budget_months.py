"""budget_by_month and year_end_projection (src/metrics/budget.py) against hand sums.

The plan column comes from data/rencana_serapan.csv (cumulative plan share per month):
1 0.02, 2 0.05, 3 0.10, 4 0.16, 5 0.23, 6 0.32, 7 0.41, 8 0.52, 9 0.64, 10 0.76, 11 0.88, 12 1.00.
"""

from __future__ import annotations

import polars as pl
import pytest

from src.metrics.budget import budget_by_month, year_end_projection
from src.metrics.compute import kpis
from src.metrics.filters import Filters

DINKES_SUB = "5.04.02.2.01"


def months_of(frame: pl.DataFrame, year: int) -> dict[int, dict[str, object]]:
    rows = frame.filter(pl.col("year") == year).iter_rows(named=True)
    return {row["month"]: row for row in rows}


@pytest.fixture(scope="module")
def monthly(make_exports):
    """Budget lines (amounts in plain Rupiah, kept small):
    L1 Serang/BKPSDM/5.03.02.2.03, 2025 months 1-10: pagu 100 in months 1-8, 120 from month 9 (APBD-P);
       realisasi 5 a month in 1-8, 20 in 9, 10 in 10. In 2024, months 1-12: pagu 90, realisasi 7.
    L2 Serang/Dinkes/5.04.02.2.01, 2025 months 3-10 only: pagu 50, realisasi 2 a month.
    L3 Semarang/BKPP/5.03.02.2.03, 2025 months 1-6 only: pagu 60, realisasi 3 a month.
    A 2026 row (after the year asked) must never show. Staff: A (L, BKPSDM), B (P, Dinkes)."""
    e = make_exports()
    e.staff("A", gender="L").staff("B", gender="P", unit="Dinkes")
    for m in range(1, 11):
        e.budget(2025, m, 100 if m <= 8 else 120, 5 if m <= 8 else 20 if m == 9 else 10)
    for m in range(3, 11):
        e.budget(2025, m, 50, 2, unit="Dinkes", kode=DINKES_SUB)
    for m in range(1, 7):
        e.budget(2025, m, 60, 3, region="Semarang", unit="BKPP")
    for m in range(1, 13):
        e.budget(2024, m, 90, 7)
    e.budget(2026, 1, 999, 999)
    return e.load()


# month: (pagu as of the month, realisasi in the month, cumulative realisasi), all lines, 2025
EXPECTED_2025 = {
    1: (100 + 60, 5 + 3, 8),  # L2 has no row yet: not counted
    2: (160, 8, 16),
    3: (100 + 50 + 60, 5 + 2 + 3, 26),
    4: (210, 10, 36),
    5: (210, 10, 46),
    6: (210, 10, 56),
    7: (100 + 50 + 60, 5 + 2, 63),  # L3 stopped reporting: its pagu stands at 60 as of its last row
    8: (210, 7, 70),
    9: (120 + 50 + 60, 20 + 2, 92),  # APBD-P: L1's pagu is 120 from month 9
    10: (230, 10 + 2, 104),
}
PLAN = {1: 0.02, 2: 0.05, 3: 0.10, 4: 0.16, 5: 0.23, 6: 0.32, 7: 0.41, 8: 0.52, 9: 0.64, 10: 0.76}


def test_pagu_realisasi_cumulative_and_absorption_per_month(monthly):
    frame = budget_by_month(monthly, Filters(year=2025))
    got = months_of(frame, 2025)
    # 2025 reported up to month 10: months 11 and 12 are left out
    assert sorted(got) == list(range(1, 11))
    for month, (pagu, spent, cumulative) in EXPECTED_2025.items():
        row = got[month]
        assert row["pagu"] == pytest.approx(pagu), month
        assert row["realisasi"] == pytest.approx(spent), month
        assert row["realisasi_cumulative"] == pytest.approx(cumulative), month
        # absorption = cumulative ÷ pagu as of the month, e.g. month 9: 92 / 230 = 0.4
        assert row["absorption"] == pytest.approx(cumulative / pagu), month
    assert got[8]["absorption"] == pytest.approx(70 / 210)  # = 0.3333 (before the revision)
    assert got[9]["absorption"] == pytest.approx(0.4)  # 92 / 230
    assert got[10]["absorption"] == pytest.approx(104 / 230)  # = 0.45217


def test_plan_column_follows_the_plan_curve(monthly):
    got = months_of(budget_by_month(monthly, Filters(year=2025)), 2025)
    for month, share in PLAN.items():
        assert got[month]["plan"] == pytest.approx(share), month


def test_earlier_years_are_included_and_later_ones_are_not(monthly):
    frame = budget_by_month(monthly, Filters(year=2025))
    assert sorted(frame["year"].unique().to_list()) == [2024, 2025]  # no 2026
    y2024 = months_of(frame, 2024)
    assert sorted(y2024) == list(range(1, 13))
    assert y2024[12]["pagu"] == pytest.approx(90)
    assert y2024[12]["realisasi_cumulative"] == pytest.approx(84)  # 12 × 7
    assert y2024[12]["absorption"] == pytest.approx(84 / 90)
    # asking about 2024 shows 2024 (and earlier) only
    assert budget_by_month(monthly, Filters(year=2024))["year"].unique().to_list() == [2024]


def test_months_match_the_headline_budget_metrics(monthly):
    # the month-9 row and budget_pagu / budget_realisasi / absorption_rate for January-September agree
    row = months_of(budget_by_month(monthly, Filters(year=2025)), 2025)[9]
    kpi = kpis(
        monthly,
        Filters(year=2025, month=9),
        metric_ids=["budget_pagu", "budget_realisasi", "absorption_rate"],
    ).row(0, named=True)
    assert kpi["budget_pagu"] == pytest.approx(row["pagu"]) == pytest.approx(230)
    assert kpi["budget_realisasi"] == pytest.approx(row["realisasi_cumulative"]) == pytest.approx(92)
    assert kpi["absorption_rate"] == pytest.approx(row["absorption"]) == pytest.approx(0.4)


def test_region_filter(monthly):
    got = months_of(budget_by_month(monthly, Filters(year=2025, regions=("Semarang",))), 2025)
    # Semarang: L3 only, reported up to month 6; 2024 has no Semarang rows
    assert sorted(got) == [1, 2, 3, 4, 5, 6]
    assert got[6]["pagu"] == pytest.approx(60)
    assert got[6]["realisasi_cumulative"] == pytest.approx(18)  # 6 × 3
    assert got[6]["absorption"] == pytest.approx(0.3)  # 18 / 60
    assert budget_by_month(monthly, Filters(year=2025, regions=("Semarang",)))["year"].unique().to_list() == [
        2025
    ]

    serang = months_of(budget_by_month(monthly, Filters(year=2025, regions=("Serang",))), 2025)
    assert serang[1]["pagu"] == pytest.approx(100)  # L1 only (L2 starts in month 3)
    assert serang[10]["pagu"] == pytest.approx(170)  # 120 + 50
    # 8 × 5 + 20 + 10 (L1) + 8 × 2 (L2) = 70 + 16 = 86
    assert serang[10]["realisasi_cumulative"] == pytest.approx(86)
    assert serang[10]["absorption"] == pytest.approx(86 / 170)


def test_unit_filter(monthly):
    got = months_of(budget_by_month(monthly, Filters(year=2025, units=("Dinkes",))), 2025)
    assert got[3]["pagu"] == pytest.approx(50)
    assert got[3]["realisasi_cumulative"] == pytest.approx(2)
    assert got[10]["realisasi_cumulative"] == pytest.approx(16)  # 8 months × 2
    assert got[10]["absorption"] == pytest.approx(0.32)  # 16 / 50
    # months 1-10 are reported in 2025 (by this line from month 3); before the line's first row it
    # has no pagu yet: pagu 0 and absorption null, not a division by zero
    assert sorted(got) == list(range(1, 11))
    assert got[1]["pagu"] == 0
    assert got[1]["absorption"] is None


def test_person_filters_do_not_apply_to_the_budget(monthly):
    everyone = budget_by_month(monthly, Filters(year=2025))
    women = budget_by_month(monthly, Filters(year=2025, gender=("P",)))
    civil_servants = budget_by_month(monthly, Filters(year=2025, jenis_pegawai=("PPPK",)))
    assert women.equals(everyone)
    assert civil_servants.equals(everyone)


# ---- year-end projection ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seasonal(make_exports):
    """One line, Serang/BKPSDM:
    2022: months 1-6 only (incomplete year: not part of the pattern), pagu 100, realisasi 10 a month.
    2023: pagu 100; realisasi 6 a month in 1-10 (60 by October), 20 in 11 and in 12: year 100 -> 60 %.
    2024: pagu 200; realisasi 14 a month in 1-10 (140 by October), 30 in 11 and in 12: year 200 -> 70 %.
    2025: pagu 250 in months 1-8, 300 from month 9 (APBD-P); realisasi 13 a month in 1-10 (130)."""
    e = make_exports()
    for m in range(1, 7):
        e.budget(2022, m, 100, 10)
    for m in range(1, 13):
        e.budget(2023, m, 100, 6 if m <= 10 else 20)
        e.budget(2024, m, 200, 14 if m <= 10 else 30)
    for m in range(1, 11):
        e.budget(2025, m, 250 if m <= 8 else 300, 13)
    return e.load()


def test_projection_from_the_mean_seasonal_share(seasonal):
    result = year_end_projection(seasonal, Filters(year=2025, month=10))
    assert result["years_used"] == [2023, 2024]  # 2022 is incomplete
    assert result["month"] == 10
    # mean of the yearly shares by October: (60/100 + 140/200) / 2 = (0.6 + 0.7) / 2 = 0.65
    # (not the pooled share (60 + 140) / (100 + 200) = 0.6667)
    assert result["share_by_month"] == pytest.approx(0.65)
    assert result["spent"] == pytest.approx(130)  # 10 × 13
    assert result["pagu"] == pytest.approx(300)  # the revised pagu as of October
    assert result["projected_spent"] == pytest.approx(200)  # 130 / 0.65
    assert result["projected_absorption"] == pytest.approx(200 / 300)  # = 0.6667


def test_projection_earlier_in_the_year(seasonal):
    result = year_end_projection(seasonal, Filters(year=2025, month=4))
    # by April: 2023 24/100 = 0.24, 2024 56/200 = 0.28 -> mean 0.26; spent 4 × 13 = 52; pagu 250
    assert result["share_by_month"] == pytest.approx(0.26)
    assert result["spent"] == pytest.approx(52)
    assert result["projected_spent"] == pytest.approx(200)  # 52 / 0.26
    assert result["projected_absorption"] == pytest.approx(0.8)  # 200 / 250


def test_no_projection_without_an_earlier_complete_year(seasonal):
    # 2023: the only earlier year, 2022, stops in June: no pattern, no projection
    result = year_end_projection(seasonal, Filters(year=2023, month=10))
    assert result["years_used"] == []
    assert result["share_by_month"] is None
    assert result["projected_spent"] is None
    assert result["projected_absorption"] is None
    assert result["spent"] == pytest.approx(60)  # what is known is still given
    assert result["pagu"] == pytest.approx(100)


def test_no_projection_when_there_is_only_the_current_year(exports):
    for m in range(1, 4):
        exports.budget(2025, m, 100, 10)
    con = exports.load()
    result = year_end_projection(con, Filters(year=2025, month=3))
    assert result["years_used"] == []
    assert result["spent"] == pytest.approx(30)
    assert result["projected_spent"] is None
    assert result["projected_absorption"] is None


def test_no_projection_for_a_month_not_reported_yet(seasonal):
    # 2025 is reported up to October: November has no figures to project from
    result = year_end_projection(seasonal, Filters(year=2025, month=11))
    assert result["spent"] is None
    assert result["projected_spent"] is None
