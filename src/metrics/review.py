"""The monthly review (Tinjauan Bulanan) of BKPSDM: every figure of one month's review, in one call.

A review looks at one month M of year Y and one region (or all): the year-to-date figures at the end
of M, how they moved since the end of M − 1 and against the end of M in Y − 1, their target for the
month (attention.target_for: the 20-JP pace, the spending plan curve), and the lists to act on.
The screen (pages/tinjauan.py) and the printed pack (src/reports) both draw this one result, so
they cannot disagree.

Rules decided here (business rules, not layout):
- A comparison value exists only when the data it rests on reaches that month: last year's
  participation needs development data of Y − 1 through M, its absorption budget rows through M
  (otherwise 0 % would read as a collapse). Competency figures carry over (the latest assessment
  on or before the date), so they always compare. asn_count counts the current staff list, so
  it has no change.
- January has no "last month" inside the year: the year to date starts again, so no monthly change.
- The courses that "addressed" a competency are those of the month (ending in M) on a topic that
  addresses it (data/kompetensi_topik.csv, as competency.gaps_vs_topic_jp).
- The weakest courses are ranked by mean satisfaction (then learning gain) among courses of the month
  with at least MIN_RESPONSES satisfaction scores: one unhappy participant is not a weak course.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import polars as pl

from src.metrics import attention, options
from src.metrics.budget import budget_by_month, plan_curve
from src.metrics.budget_views import BUDGET_METRICS
from src.metrics.competency import competency_topics, gaps_vs_topic_jp
from src.metrics.compute import kpis, query
from src.metrics.filters import Filters
from src.metrics.registry import METRIC_BY_ID, Format, Source

# The review's figures, in reading order: the overview's headline metrics with the two amounts
# (total JP, spending) a review also talks about.
REVIEW_METRICS = (
    "asn_count", "participation_rate", "jp_total", "jp_per_asn", "jp20_rate", "jp20_on_track_rate",
    "budget_realisasi", "absorption_rate", "jpm_mean", "meets_standard_rate", "satisfaction_mean",
)  # fmt: skip
SNAPSHOT_METRICS = frozenset({"asn_count"})
TREND_METRIC = "jp20_on_track_rate"
LIST_LIMIT = 10
MIN_RESPONSES = 3


@dataclass(frozen=True)
class Review:
    """One month's review. Frames are plain data; the UI and the pack format them.

    - `figures`: one row per REVIEW_METRICS id: metric, value, previous_month, last_year, target,
      status, delta_month, delta_year, relative_month, relative_year (changes of rates are in shares:
      0.031 = 3.1 points; `relative_*` is the change over the earlier value, for amounts).
    - `units_behind`: attention.units_behind (OPD furthest behind the 20-JP pace).
    - `budget_lines`: region, unit, code, name, budget_pagu, budget_realisasi, absorption_rate,
      plan_rate, planned_amount, amount_behind (> 0 only), largest shortfall first.
    - `gaps`: kompetensi, jenis_kompetensi, pairs, gap_mean, staff_below_standard, topics,
      month_courses, month_course_names, month_participations, month_jp, addressed.
    - `courses`: course, provider, method, participants, ended, completion_rate, satisfaction_mean,
      satisfaction_n, gain_mean, gain_n (weakest first; at least MIN_RESPONSES scores).
    - `trend`, `trend_last_year`: month, TREND_METRIC year to date through each month (pace_trend;
      None: last year not comparable).
    - `budget_months`: budget.budget_by_month (this year and the earlier ones).
    """

    year: int
    month: int
    region: str  # "" for every region
    figures: pl.DataFrame
    units_behind: pl.DataFrame
    budget_lines: pl.DataFrame
    gaps: pl.DataFrame
    courses: pl.DataFrame
    trend: pl.DataFrame
    trend_last_year: pl.DataFrame | None
    budget_months: pl.DataFrame
    plan: tuple[float | None, ...]  # the plan curve, months 1–12
    data_through: dict[str, int | None]  # source -> last month of `year` with its data

    @property
    def staff(self) -> float:
        row = self.figures.filter(pl.col("metric") == "asn_count")
        return float(row["value"][0] or 0) if row.height else 0.0


def review_filters(year: int, month: int, region: str = "") -> Filters:
    """The scope of a review: the whole staff of one region (or all), year to date through `month`."""
    return Filters(year=year, month=month, regions=(region,) if region else ())


def _data_through(periods: pl.DataFrame, year: int) -> dict[str, int | None]:
    row = periods.filter(pl.col("year") == year)
    if row.is_empty():
        return {Source.PARTICIPATION: None, Source.BUDGET: None}
    return {
        Source.PARTICIPATION: row["last_month_development"][0],
        Source.BUDGET: row["last_month_budget"][0],
    }


def comparable_sources(periods: pl.DataFrame, year: int, month: int) -> frozenset[Source]:
    """Sources whose data reaches the end of `month` of `year` (competency always: it carries over)."""
    through = _data_through(periods, year)
    covered = {s for s, last in through.items() if last is not None and last >= month}
    return frozenset({Source.COMPETENCY, *covered})


def _delta(now: float | None, before: float | None) -> float | None:
    return None if now is None or before is None else now - before


def _relative(now: float | None, before: float | None) -> float | None:
    return None if now is None or not before else (now - before) / abs(before)


def figures(con: duckdb.DuckDBPyConnection, filters: Filters, periods: pl.DataFrame) -> pl.DataFrame:
    """The review's figures with their changes and targets (see Review.figures)."""
    month = filters.end_month
    ids = list(REVIEW_METRICS)
    now = kpis(con, filters, metric_ids=ids).row(0, named=True)
    previous = filters.previous_month()
    before_month = kpis(con, previous, metric_ids=ids).row(0, named=True) if previous else {}
    last_year = kpis(con, filters.previous_year(), metric_ids=ids).row(0, named=True)
    same_year = comparable_sources(periods, filters.year, month - 1) if previous else frozenset()
    earlier_year = comparable_sources(periods, filters.year - 1, month)
    rows = []
    for metric in ids:
        spec = METRIC_BY_ID[metric]
        value = now[metric]
        snapshot = metric in SNAPSHOT_METRICS
        prev = before_month.get(metric) if spec.source in same_year and not snapshot else None
        year_ago = last_year[metric] if spec.source in earlier_year and not snapshot else None
        rows.append({
            "metric": metric, "value": value, "previous_month": prev, "last_year": year_ago,
            "target": attention.target_for(metric, month),
            "status": attention.status_of(metric, value, month),
            "delta_month": _delta(value, prev), "delta_year": _delta(value, year_ago),
            "relative_month": None if spec.format is Format.PERCENT else _relative(value, prev),
            "relative_year": None if spec.format is Format.PERCENT else _relative(value, year_ago),
        })  # fmt: skip
    schema = {"metric": pl.String, "status": pl.String}
    numbers = ["value", "previous_month", "last_year", "target", "delta_month", "delta_year"]
    schema |= {c: pl.Float64 for c in [*numbers, "relative_month", "relative_year"]}
    return pl.DataFrame(rows, schema=schema)


def _month_params(filters: Filters) -> dict[str, object]:
    month_start = dt.date(filters.year, filters.end_month, 1)
    return {**filters.sql_params(), "by": "none", "by2": "none", "month_start": month_start}


def budget_lines_behind(
    con: duckdb.DuckDBPyConnection, filters: Filters, limit: int = LIST_LIMIT
) -> pl.DataFrame:
    """Budget lines (region, OPD, sub-kegiatan) whose cumulative spending lags the plan curve most,
    in Rupiah: planned_amount = pagu × plan share of the month; amount_behind = planned − spent."""
    plan = plan_curve()[filters.end_month]
    lines = kpis(con, filters, by="unit", by2="sub_kegiatan", metric_ids=BUDGET_METRICS)
    names = query(con, "budget_sub_kegiatan_names", filters.sql_params())
    return (
        lines.filter(pl.col("budget_pagu") > 0)
        .join(names, left_on="group2", right_on="code", how="left")
        .with_columns(plan_rate=pl.lit(plan), planned_amount=pl.col("budget_pagu") * plan)
        .with_columns(amount_behind=pl.col("planned_amount") - pl.col("budget_realisasi"))
        .filter(pl.col("amount_behind") > 0)
        .sort(["amount_behind", "group_region", "group", "group2"], descending=[True, False, False, False])
        .head(limit)
        .select(
            pl.col("group_region").alias("region"),
            pl.col("group").alias("unit"),
            pl.col("group2").alias("code"),
            pl.coalesce("name", "group2").alias("name"),
            "budget_pagu",
            "budget_realisasi",
            "absorption_rate",
            "plan_rate",
            "planned_amount",
            "amount_behind",
        )
    )


def gaps_and_courses(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    limit: int = LIST_LIMIT,
    min_staff: int = attention.MIN_STAFF_TO_RANK,
) -> pl.DataFrame:
    """The competencies with the largest mean gap (among those assessed for at least `min_staff`
    staff: one person would swing a mean), and what the month's courses did about them: the courses,
    participations and JP completed in month M on the topics that address each one."""
    gaps = gaps_vs_topic_jp(con, filters).filter(pl.col("pairs") >= min_staff).head(limit)
    mapping = pl.DataFrame(list(competency_topics()), schema=["kompetensi", "topic"], orient="row")
    # A competency without a row in the map is addressed by the topic of its own name.
    unmapped = gaps.select("kompetensi", topic=pl.col("kompetensi")).join(
        mapping, on="kompetensi", how="anti"
    )
    month = query(con, "review_month_topics", _month_params(filters))
    per_competency = (
        pl.concat([mapping, unmapped])
        .join(month, on="topic", how="inner")
        .group_by("kompetensi")
        .agg(
            month_courses=pl.col("course").n_unique(),
            month_course_names=pl.col("course").unique().sort().str.join("; "),
            month_participations=pl.col("participations").sum(),
            month_jp=pl.col("jp").sum(),
        )
    )
    return (
        gaps.join(per_competency, on="kompetensi", how="left")
        .with_columns(
            pl.col("month_courses", "month_participations").fill_null(0).cast(pl.Int64),
            pl.col("month_jp").fill_null(0.0),
        )
        .with_columns(addressed=pl.col("month_jp") > 0)
        .select(
            "kompetensi",
            "jenis_kompetensi",
            "pairs",
            "gap_mean",
            "staff_below_standard",
            "topics",
            "month_courses",
            "month_course_names",
            "month_participations",
            "month_jp",
            "addressed",
        )
    )


def weakest_courses(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    limit: int = LIST_LIMIT,
    min_responses: int = MIN_RESPONSES,
) -> pl.DataFrame:
    """Courses of month M with the lowest mean satisfaction (then learning gain), among those with at
    least `min_responses` satisfaction scores."""
    courses = query(con, "review_courses", _month_params(filters))
    return (
        courses.filter(pl.col("satisfaction_n") >= min_responses)
        .with_columns(
            completion_rate=pl.when(pl.col("ended") > 0).then(pl.col("participants") / pl.col("ended"))
        )
        .sort(["satisfaction_mean", "gain_mean", "course"], nulls_last=True)
        .head(limit)
        .select(
            "course",
            "provider",
            "method",
            "participants",
            "ended",
            "completion_rate",
            "satisfaction_mean",
            "satisfaction_n",
            "gain_mean",
            "gain_n",
        )
    )


def pace_trend(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """month, jp20_on_track_rate: the year to date through each month 1..M, as compute.monthly_trend
    gives it, in one query instead of one per month (the review's slowest part otherwise)."""
    frame = query(con, "review_pace_trend", {**filters.sql_params(), "by": "none", "by2": "none"})
    return frame.select(
        "month",
        pl.when(pl.col("asn_count") > 0)
        .then(pl.col("jp20_on_track_staff") / pl.col("asn_count"))
        .alias(TREND_METRIC),
    )


def monthly_review(con: duckdb.DuckDBPyConnection, filters: Filters) -> Review:
    """Every figure of the review of `filters` (its year, month and regions; one region or none)."""
    if len(filters.regions) > 1:
        raise ValueError("a monthly review covers one region or all of them")
    region = filters.regions[0] if filters.regions else ""
    scope = review_filters(filters.year, filters.end_month, region)
    periods = options.periods(con)
    last_year = scope.previous_year()
    trend_before = None
    if Source.PARTICIPATION in comparable_sources(periods, last_year.year, scope.end_month):
        trend_before = pace_trend(con, last_year)
    curve = plan_curve()
    return Review(
        year=scope.year,
        month=scope.end_month,
        region=region,
        figures=figures(con, scope, periods),
        units_behind=attention.units_behind(con, scope, limit=LIST_LIMIT),
        budget_lines=budget_lines_behind(con, scope),
        gaps=gaps_and_courses(con, scope),
        courses=weakest_courses(con, scope),
        trend=pace_trend(con, scope),
        trend_last_year=trend_before,
        budget_months=budget_by_month(con, scope),
        plan=tuple(curve.get(m) for m in range(1, 13)),
        data_through={str(k): v for k, v in _data_through(periods, scope.year).items()},
    )
