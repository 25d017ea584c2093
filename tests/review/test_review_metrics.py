"""src/metrics/review.py against the hand-computed world of tests/review/world.py."""

from __future__ import annotations

import polars as pl
import pytest

from src.metrics import attention
from src.metrics.compute import kpis, monthly_trend
from src.metrics.registry import Source
from src.metrics.review import (
    REVIEW_METRICS,
    comparable_sources,
    gaps_and_courses,
    monthly_review,
    pace_trend,
    review_filters,
    weakest_courses,
)
from tests.review.world import JT

MARCH = review_filters(2026, 3, "Serang")


def figure(review, metric: str) -> dict:
    return review.figures.filter(pl.col("metric") == metric).row(0, named=True)


def same(a: float | None, b: float | None) -> bool:
    """Equal, or both missing (DuckDB may add floats in another order from one query to the next)."""
    return (a is None and b is None) or (a is not None and b is not None and a == pytest.approx(b, rel=1e-12))


@pytest.fixture(scope="module")
def serang(review_con):
    return monthly_review(review_con, MARCH)


def test_review_figures_equal_the_metrics_layer(review_con, serang):
    """Every figure and both comparison values are the metrics layer's for the same scope."""
    now = kpis(review_con, MARCH, metric_ids=list(REVIEW_METRICS)).row(0, named=True)
    february = kpis(review_con, MARCH.model_copy(update={"month": 2}), metric_ids=list(REVIEW_METRICS)).row(
        0, named=True
    )
    last_year = kpis(
        review_con, MARCH.model_copy(update={"year": 2025}), metric_ids=list(REVIEW_METRICS)
    ).row(0, named=True)
    assert serang.figures["metric"].to_list() == list(REVIEW_METRICS)
    for metric in REVIEW_METRICS:
        row = figure(serang, metric)
        assert same(row["value"], now[metric]), metric
        if metric != "asn_count":  # the staff list is today's: no change to show
            assert same(row["previous_month"], february[metric]), metric
            assert same(row["last_year"], last_year[metric]), metric
        assert row["target"] == attention.target_for(metric, 3)
        assert row["status"] == attention.status_of(metric, now[metric], 3)


def test_month_over_month_and_year_over_year_rates(serang):
    # participation: March S0 S1 T1 S2 T0 S3 S4 S5 = 8/20 = 0.40; February S0 S1 T1 = 3/20 = 0.15;
    # March 2025 S0 S3 = 2/20 = 0.10. Changes in points: +0.25 and +0.30; no relative change for rates
    row = figure(serang, "participation_rate")
    assert (row["value"], row["previous_month"], row["last_year"]) == pytest.approx((0.40, 0.15, 0.10))
    assert (row["delta_month"], row["delta_year"]) == pytest.approx((0.25, 0.30))
    assert (row["relative_month"], row["relative_year"]) == (None, None)
    assert (row["target"], row["status"]) == (1.0, "behind")  # 0.4 / 1 < 0.8
    # on pace: March ≥ 5 JP: S0 6, S2 8, T0 20 = 3/20; February ≥ 3.33 JP: S0 6, S1 4 = 2/20;
    # March 2025 ≥ 5 JP: S0 10, S3 5 = 2/20
    row = figure(serang, "jp20_on_track_rate")
    assert (row["value"], row["previous_month"], row["last_year"]) == pytest.approx((0.15, 0.10, 0.10))
    assert (row["delta_month"], row["delta_year"]) == pytest.approx((0.05, 0.05))


def test_month_over_month_and_year_over_year_amounts(serang):
    # JP: March 2 + 6 + 4 + 20 + 8 + 2 + 2 + 2 = 46 (T2's Tidak Lulus not counted); February 2 + 6 + 4
    # = 12; March 2025 5 + 10 = 15 (S4's November course is after March)
    row = figure(serang, "jp_total")
    assert (row["value"], row["previous_month"], row["last_year"]) == (46.0, 12.0, 15.0)
    assert (row["delta_month"], row["delta_year"]) == (34.0, 31.0)
    assert (row["relative_month"], row["relative_year"]) == pytest.approx((34 / 12, 31 / 15))
    # JP per ASN 46 / 20 = 2.3 against the pace 20 × 3 / 12 = 5: 0.46 of it -> behind
    row = figure(serang, "jp_per_asn")
    assert (row["value"], row["target"], row["status"]) == pytest.approx((2.3, 5.0, "behind"))
    # spending: March (1 + 2 + 3) + (5 + 0 + 1) + 0 = 12 jt; February 1 + 2 + 5 = 8 jt; March 2025
    # 2 + 2 + 2 = 6 jt -> +4 jt (+50 %), +6 jt (+100 %)
    row = figure(serang, "budget_realisasi")
    assert (row["value"], row["previous_month"], row["last_year"]) == (12 * JT, 8 * JT, 6 * JT)
    assert (row["delta_month"], row["relative_month"]) == pytest.approx((4 * JT, 0.5))
    assert (row["delta_year"], row["relative_year"]) == pytest.approx((6 * JT, 1.0))
    # absorption: 12 / 170 now, 8 / 170 in February, 6 / 80 = 0.075 last March; plan 0.10
    row = figure(serang, "absorption_rate")
    assert (row["value"], row["previous_month"], row["last_year"]) == pytest.approx(
        (12 / 170, 8 / 170, 0.075)
    )
    assert (row["delta_month"], row["delta_year"]) == pytest.approx((4 / 170, 12 / 170 - 0.075))
    assert (row["target"], row["status"]) == (pytest.approx(0.10), "behind")  # 0.706 of the plan


def test_satisfaction_and_snapshot(serang):
    # counted scores: March 4.5 4.0 4.0 3.0 2.0 2.5 3.5 = 23.5 / 7; February 4.5 4.0 -> 4.25; 2025 none
    row = figure(serang, "satisfaction_mean")
    assert (row["value"], row["previous_month"]) == pytest.approx((23.5 / 7, 4.25))
    assert (row["last_year"], row["delta_year"]) == (None, None)
    row = figure(serang, "asn_count")
    assert (row["value"], row["previous_month"], row["last_year"], row["delta_month"]) == (
        20.0,
        None,
        None,
        None,
    )
    # assessments of June 2025 stand in March 2026 but not in March 2025: no change a year back
    row = figure(serang, "meets_standard_rate")
    # pairs: Komunikasi 10 of 20 meet, Integritas 16 of 20, Perekat Bangsa 20 of 20, Kerja Sama 0 of 5
    assert row["value"] == pytest.approx(46 / 65)
    assert (row["previous_month"], row["last_year"], row["delta_year"]) == (
        pytest.approx(46 / 65),
        None,
        None,
    )


def test_january_has_no_monthly_change_and_first_year_no_yearly(review_con):
    january = monthly_review(review_con, review_filters(2026, 1, "Serang"))
    assert january.figures["previous_month"].is_null().all()
    assert january.figures["delta_month"].is_null().all()
    first_year = monthly_review(review_con, review_filters(2025, 3, "Serang"))
    # no 2024 data at all: participation and budget have nothing to compare with (not 0 %)
    assert first_year.figures["last_year"].is_null().all()
    assert first_year.trend_last_year is None


def test_comparable_sources_need_data_through_the_month():
    periods = pl.DataFrame(
        {"year": [2025], "last_month": [6], "last_month_development": [6], "last_month_budget": [2]}
    )
    assert comparable_sources(periods, 2025, 3) == {Source.COMPETENCY, Source.PARTICIPATION}
    assert comparable_sources(periods, 2025, 2) == {Source.COMPETENCY, Source.PARTICIPATION, Source.BUDGET}
    assert comparable_sources(periods, 2024, 2) == {Source.COMPETENCY}


def test_budget_lines_behind_the_plan(serang, review_con):
    # plan share 0.10: Dinas A 100 jt -> 10 jt planned, 6 jt spent: 4 jt behind; Dinas B 5.03 20 jt ->
    # 2 jt planned, nothing spent: 2 jt behind; Dinas B 5.04 50 jt -> 5 jt planned, 6 jt spent: ahead
    lines = serang.budget_lines
    assert lines.select("region", "unit", "code", "name").rows() == [
        ("Serang", "Dinas A", "5.03.02.2.03", "Pengembangan Kompetensi ASN"),
        ("Serang", "Dinas B", "5.03.02.2.03", "Pengembangan Kompetensi ASN"),
    ]
    assert lines["amount_behind"].to_list() == pytest.approx([4 * JT, 2 * JT])
    assert lines["absorption_rate"].to_list() == pytest.approx([0.06, 0.0])
    # every region: Semarang/Dinas C (10 jt, nothing spent) is 1 jt behind, after the two
    everywhere = monthly_review(review_con, review_filters(2026, 3)).budget_lines
    assert everywhere.select("region", "unit", "amount_behind").rows() == [
        ("Serang", "Dinas A", pytest.approx(4 * JT)), ("Serang", "Dinas B", pytest.approx(2 * JT)),
        ("Semarang", "Dinas C", pytest.approx(1 * JT)),
    ]  # fmt: skip


def test_units_behind_is_the_attention_list(serang, review_con):
    # 10 staff each, so both rank: Dinas B (T0 on pace: 1/10; T0 and T1 took part, 8 did not) before Dinas A
    # (S0 and S2: 2/10; S6-S9 without development: 4)
    assert serang.units_behind.select("unit", "jp20_on_track_rate", "no_development_count").rows() == [
        ("Dinas B", pytest.approx(0.1), 8.0), ("Dinas A", pytest.approx(0.2), 4.0),
    ]  # fmt: skip
    assert serang.units_behind.equals(attention.units_behind(review_con, MARCH, limit=10))


def test_gaps_and_whether_march_courses_addressed_them(serang, review_con):
    # ranked by mean gap among competencies assessed for ≥ 10 staff (Kerja Sama has 5 pairs)
    gaps = serang.gaps.select(
        "kompetensi",
        "gap_mean",
        "staff_below_standard",
        "month_courses",
        "month_participations",
        "month_jp",
        "addressed",
    )
    assert gaps.rows() == [
        # topic Komunikasi in March (Serang): Kelas Komunikasi, T0 20 JP + S2 8 JP (T2 failed)
        ("Komunikasi", pytest.approx(0.5), 10, 1, 2, 28.0, True),
        # Integritas is addressed by Kepemimpinan: nothing in March
        ("Integritas", pytest.approx(0.1), 4, 0, 0, 0.0, False),
        # Perekat Bangsa (Manajemen Pemerintahan): nothing, and no gap either
        ("Perekat Bangsa", 0.0, 0, 0, 0, 0.0, False),
    ]
    assert serang.gaps["month_course_names"].to_list() == ["Kelas Komunikasi", None, None]
    smaller = gaps_and_courses(review_con, MARCH, min_staff=5)
    # Kerja Sama (gap 2 over 5 pairs) now leads; it is addressed by the Komunikasi topic too
    assert smaller.select("kompetensi", "month_jp").row(0) == ("Kerja Sama", 28.0)


def test_weakest_courses_of_the_month(serang, review_con):
    # March in Serang: Seminar Anggaran (2.0 + 2.5 + 3.5) / 3 = 8 / 3 with 3 scores; Kelas Komunikasi
    # (3.0 + 4.0) / 2 = 3.5 has only 2 counted scores (T2's 1.0 did not finish) -> left out by default
    assert serang.courses.select("course", "participants", "satisfaction_n").rows() == [
        ("Seminar Anggaran", 3, 3)
    ]
    assert serang.courses["satisfaction_mean"][0] == pytest.approx(8 / 3)
    two = weakest_courses(review_con, MARCH, min_responses=2)
    assert two["course"].to_list() == ["Seminar Anggaran", "Kelas Komunikasi"]
    # Kelas Komunikasi: 2 of 3 ended records completed; gain (30 + 10) / 2 = 20
    row = two.row(1, named=True)
    assert (row["participants"], row["ended"], row["gain_mean"]) == (2, 3, 20.0)
    assert row["completion_rate"] == pytest.approx(2 / 3)
    # every region: Semarang's three 1.0 scores join the same course: (3 + 4 + 1 + 1 + 1) / 5 = 2.0
    everywhere = monthly_review(review_con, review_filters(2026, 3)).courses
    assert everywhere.select("course", "satisfaction_n").rows() == [
        ("Kelas Komunikasi", 5),
        ("Seminar Anggaran", 3),
    ]
    assert everywhere["satisfaction_mean"].to_list() == pytest.approx([2.0, 8 / 3])


def test_trend_and_budget_months(serang):
    # on pace month by month: January (≥ 1.67 JP) T1 2 -> 1/20; February 2/20; March 3/20
    assert serang.trend["jp20_on_track_rate"].to_list() == pytest.approx([0.05, 0.10, 0.15])
    # 2025: January nobody; February (≥ 3.33) S3 5; March (≥ 5) S0 10, S3 5
    assert serang.trend_last_year["jp20_on_track_rate"].to_list() == pytest.approx([0.0, 0.05, 0.10])
    march = serang.budget_months.filter((pl.col("year") == 2026) & (pl.col("month") == 3))
    assert march["realisasi_cumulative"].to_list() == [12 * JT]
    assert serang.data_through == {"participation": 3, "budget": 3}


@pytest.mark.parametrize("region", ["Serang", "Semarang", ""])
@pytest.mark.parametrize(("year", "month"), [(2026, 3), (2025, 12), (2026, 1)])
def test_pace_trend_equals_the_metrics_layer_month_by_month(review_con, region, year, month):
    filters = review_filters(year, month, region)
    expected = monthly_trend(review_con, filters, metric_ids=["jp20_on_track_rate"])
    got = pace_trend(review_con, filters)
    assert got["month"].to_list() == list(range(1, month + 1))
    assert got["jp20_on_track_rate"].to_list() == pytest.approx(expected["jp20_on_track_rate"].to_list())


def test_more_than_one_region_is_refused(review_con):
    with pytest.raises(ValueError):
        monthly_review(review_con, MARCH.model_copy(update={"regions": ("Semarang", "Serang")}))
