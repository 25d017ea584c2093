"""Evaluasi Pelatihan: does training work? Kirkpatrick's levels from the data agencies export.

- Level 1 (reaction): NILAI_KEPUASAN (1–5) per course, method and provider, with a 95 % interval.
- Level 2 (learning): NILAI_POSTTEST − NILAI_PRETEST, with a 95 % interval; per JP and per Rupiah, so
  courses can be ranked by what they return for the hours and money.
- Levels 3/4 (behaviour, results), a proxy: the SKP rating change from year Y to Y+1 of staff who
  completed at least one activity in Y against comparable staff (same region, JENIS_JABATAN and
  rating in Y) who completed none. Not proof of cause: who chooses to train is not random.

Intervals are normal approximations (mean ± 1,96 × sd ÷ √n; no t quantile): groups with fewer than
MIN_N scores get none and are not ranked. Counted activities are those of shared/metrics.md (STATUS
Selesai, TANGGAL_SELESAI in the period, staff in scope); the registry's satisfaction_mean and
learning_gain_mean are the same means over the whole scope.
"""

from __future__ import annotations

import math

import duckdb
import polars as pl

from src.metrics.compute import Z_95, query
from src.metrics.filters import Filters

# Fewer scores than this: no interval and no rank (a mean of a handful says little).
MIN_N = 10
EVALUATION_DIMENSIONS = ("course", "method", "provider", "topic")
MEASURES = ("satisfaction", "gain")
# SKP rating (PermenPANRB 6/2022) as an ordinal scale.
PREDIKAT_SCORE = {"Sangat Kurang": 1, "Kurang": 2, "Butuh Perbaikan": 3, "Baik": 4, "Sangat Baik": 5}
PER_MILLION = 1_000_000.0


def _params(filters: Filters, **extra: object) -> dict[str, object]:
    return {**filters.sql_params(), "by": "none", "by2": "none", **extra}


def _interval(mean: str, sd: str, n: str, min_n: int) -> tuple[pl.Expr, pl.Expr]:
    half = Z_95 * pl.col(sd) / pl.col(n).cast(pl.Float64).sqrt()
    defined = (pl.col(n) >= min_n) & pl.col(sd).is_not_null()
    return (
        pl.when(defined).then(pl.col(mean) - half).otherwise(None),
        pl.when(defined).then(pl.col(mean) + half).otherwise(None),
    )


def evaluation_by(
    con: duckdb.DuckDBPyConnection, filters: Filters, dim: str = "none", min_n: int = MIN_N
) -> pl.DataFrame:
    """Per `dim` (course, method, provider, topic; "none": one row for the scope), most records first:
    group, method (the most frequent BENTUK), topic, providers, records, jp_total, satisfaction_n,
    satisfaction_mean, satisfaction_sd, satisfaction_low/high, gain_n, gain_mean, gain_sd,
    gain_low/high, gain_per_jp, gain_per_million, cost_total, records_costed, cost_per_participant,
    ranked (at least `min_n` test results).

    gain_per_jp = Σ gain ÷ Σ JP of the tested records; gain_per_million = Σ gain ÷ Σ cost × 10⁶ over
    the tested records with a known cost, null when that cost is 0 (free) or unknown.
    """
    if dim != "none" and dim not in EVALUATION_DIMENSIONS:
        raise ValueError(f"unknown dimension {dim!r}")
    frame = query(con, "evaluation_groups", _params(filters, dim=dim))
    floats = [c for c in frame.columns if c not in ("group", "method", "topic")]
    frame = frame.with_columns(pl.col(floats).cast(pl.Float64))
    sat_low, sat_high = _interval("satisfaction_mean", "satisfaction_sd", "satisfaction_n", min_n)
    gain_low, gain_high = _interval("gain_mean", "gain_sd", "gain_n", min_n)
    return frame.with_columns(
        satisfaction_low=sat_low,
        satisfaction_high=sat_high,
        gain_low=gain_low,
        gain_high=gain_high,
        gain_per_jp=pl.when(pl.col("jp_tested") > 0).then(pl.col("gain_sum") / pl.col("jp_tested")),
        gain_per_million=pl.when(pl.col("cost_tested") > 0).then(
            pl.col("gain_sum_costed") / pl.col("cost_tested") * PER_MILLION
        ),
        cost_per_participant=pl.when(pl.col("records_costed") > 0).then(
            pl.col("cost_total") / pl.col("records_costed")
        ),
        ranked=pl.col("gain_n") >= min_n,
    )


def summary(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict[str, float | None]:
    """The scope's evaluation figures: records, satisfaction_n, satisfaction_mean, gain_n, gain_mean,
    gain_per_jp, gain_per_million, satisfaction_coverage and test_coverage (shares of counted
    activities with a satisfaction score, with both test scores; null without activities)."""
    frame = evaluation_by(con, filters, "none")
    if frame.is_empty():
        keys = ("records", "satisfaction_n", "gain_n")
        return {**dict.fromkeys(keys, 0.0), **dict.fromkeys(_SUMMARY_RATES)}
    row = frame.row(0, named=True)
    records = row["records"]
    return {
        "records": records,
        "satisfaction_n": row["satisfaction_n"],
        "gain_n": row["gain_n"],
        "satisfaction_mean": row["satisfaction_mean"],
        "gain_mean": row["gain_mean"],
        "gain_per_jp": row["gain_per_jp"],
        "gain_per_million": row["gain_per_million"],
        "satisfaction_coverage": row["satisfaction_n"] / records if records else None,
        "test_coverage": row["gain_n"] / records if records else None,
    }


_SUMMARY_RATES = (
    "satisfaction_mean", "gain_mean", "gain_per_jp", "gain_per_million", "satisfaction_coverage",
    "test_coverage",
)  # fmt: skip


def course_ranking(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str = "gain_per_million", min_n: int = MIN_N
) -> pl.DataFrame:
    """Courses with at least `min_n` test results and a value for `by` (gain_per_million or
    gain_per_jp), best first (ties: more test results first, then the name)."""
    if by not in ("gain_per_million", "gain_per_jp"):
        raise ValueError(f"unknown ranking {by!r}")
    frame = evaluation_by(con, filters, "course", min_n)
    return frame.filter(pl.col("ranked") & pl.col(by).is_not_null()).sort(
        [by, "gain_n", "group"], descending=[True, True, False]
    )


def compare_groups(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    dim: str = "provider",
    measure: str = "satisfaction",
    min_n: int = MIN_N,
) -> pl.DataFrame:
    """Groups (providers, methods, …) with at least `min_n` scores of `measure` (satisfaction or gain),
    highest mean first: group, n, mean, low, high, overall (the scope's mean) and position: "above"
    when the whole interval lies above the scope's mean, "below" when wholly below, else "unclear"."""
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}")
    overall = summary(con, filters)[f"{measure}_mean"]
    frame = evaluation_by(con, filters, dim, min_n)
    rows = frame.filter(pl.col(f"{measure}_n") >= min_n).select(
        "group",
        pl.col(f"{measure}_n").alias("n"),
        pl.col(f"{measure}_mean").alias("mean"),
        pl.col(f"{measure}_low").alias("low"),
        pl.col(f"{measure}_high").alias("high"),
    )
    reference = pl.lit(overall, pl.Float64)
    return rows.with_columns(
        overall=reference,
        position=pl.when(pl.col("low") > reference)
        .then(pl.lit("above"))
        .when(pl.col("high") < reference)
        .then(pl.lit("below"))
        .otherwise(pl.lit("unclear")),
    ).sort(["mean", "n", "group"], descending=[True, True, False])


# ---- levels 3/4: the rating change against comparable staff -----------------------------------------


def rating_cohort(con: duckdb.DuckDBPyConnection, filters: Filters) -> int | None:
    """The latest year Y ≤ the filter's year with ratings of staff in scope for Y and Y + 1."""
    years = set(query(con, "evaluation_rating_years", _params(filters))["year"].to_list())
    usable = [y for y in years if y + 1 in years and y <= filters.year]
    return max(usable) if usable else None


def rating_groups(con: duckdb.DuckDBPyConnection, filters: Filters, cohort: int) -> pl.DataFrame:
    """Per comparison group (region, jenis_jabatan, start_score) and trained (bool): staff, change_sum,
    change_sq_sum, improved, declined (rating change from `cohort` to `cohort` + 1)."""
    frame = query(con, "evaluation_rating", _params(filters, cohort=cohort))
    return frame.with_columns(
        pl.col("start_score").cast(pl.Int64), pl.col("staff", "improved", "declined").cast(pl.Int64)
    )


def _matched(groups: pl.DataFrame) -> pl.DataFrame:
    """One row per comparison group with both trained and untrained staff: t_/u_ staff, sums and
    sums of squares of the change."""
    keys = ["region", "jenis_jabatan", "start_score"]
    values = ["staff", "change_sum", "change_sq_sum", "improved", "declined"]
    trained = groups.filter(pl.col("trained")).select(*keys, *(pl.col(v).alias(f"t_{v}") for v in values))
    untrained = groups.filter(~pl.col("trained")).select(*keys, *(pl.col(v).alias(f"u_{v}") for v in values))
    return trained.join(untrained, on=keys, how="inner").sort(keys)


def _pooled_variance(staff: pl.Series, sums: pl.Series, squares: pl.Series) -> float | None:
    """Within-group variance pooled over groups: Σ (Σx² − (Σx)² ÷ n) ÷ (Σ n − groups)."""
    freedom = float(staff.sum()) - staff.len()
    if freedom <= 0:
        return None
    within = sum(q - s * s / n for n, s, q in zip(staff, sums, squares, strict=True))
    return max(within, 0.0) / freedom


def rating_effect(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict[str, object]:
    """The level 3/4 proxy for the latest usable cohort year (rating_cohort).

    Keys: cohort (None: no two consecutive years of ratings), trained_n (trained staff with a
    comparison group), unmatched_n (trained staff without one: left out), comparison_n (untrained
    staff in those groups), rating_change_trained, rating_change_comparison (each group's untrained
    mean weighted by its trained staff), rating_uplift (their difference), uplift_low, uplift_high
    (95 %, normal approximation, pooled within-group variances; None with too few staff),
    improved_trained, improved_comparison (shares whose rating went up; the comparison weighted as
    above), declined_trained, declined_comparison.
    """
    cohort = rating_cohort(con, filters)
    empty: dict[str, object] = {
        "cohort": cohort, "trained_n": 0, "unmatched_n": 0, "comparison_n": 0,
        **dict.fromkeys((
            "rating_change_trained", "rating_change_comparison", "rating_uplift", "uplift_low",
            "uplift_high", "improved_trained", "improved_comparison", "declined_trained",
            "declined_comparison",
        )),
    }  # fmt: skip
    if cohort is None:
        return empty
    groups = rating_groups(con, filters, cohort)
    matched = _matched(groups)
    trained_all = int(groups.filter(pl.col("trained"))["staff"].sum() or 0)
    n = int(matched["t_staff"].sum() or 0)
    if n == 0:
        return {**empty, "unmatched_n": trained_all}
    w = matched["t_staff"].cast(pl.Float64) / n
    t_mean = matched["t_change_sum"] / matched["t_staff"]
    u_mean = matched["u_change_sum"] / matched["u_staff"]
    trained_change = float((w * t_mean).sum())
    comparison_change = float((w * u_mean).sum())
    uplift = trained_change - comparison_change
    var_t = _pooled_variance(matched["t_staff"], matched["t_change_sum"], matched["t_change_sq_sum"])
    var_u = _pooled_variance(matched["u_staff"], matched["u_change_sum"], matched["u_change_sq_sum"])
    low = high = None
    if var_t is not None and var_u is not None:
        variance = float((w * w * (var_t / matched["t_staff"] + var_u / matched["u_staff"])).sum())
        half = Z_95 * math.sqrt(variance)
        low, high = uplift - half, uplift + half
    return {
        "cohort": cohort,
        "trained_n": n,
        "unmatched_n": trained_all - n,
        "comparison_n": int(matched["u_staff"].sum()),
        "rating_change_trained": trained_change,
        "rating_change_comparison": comparison_change,
        "rating_uplift": uplift,
        "uplift_low": low,
        "uplift_high": high,
        "improved_trained": float((w * matched["t_improved"] / matched["t_staff"]).sum()),
        "improved_comparison": float((w * matched["u_improved"] / matched["u_staff"]).sum()),
        "declined_trained": float((w * matched["t_declined"] / matched["t_staff"]).sum()),
        "declined_comparison": float((w * matched["u_declined"] / matched["u_staff"]).sum()),
    }


def rating_by_start(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """The same comparison per starting rating (1–5): start_score, trained_n, comparison_n,
    trained_change, comparison_change (weighted by trained staff per region and position type within
    the starting rating), uplift. Only matched groups; empty without a usable cohort."""
    schema = {
        "start_score": pl.Int64, "trained_n": pl.Int64, "comparison_n": pl.Int64,
        "trained_change": pl.Float64, "comparison_change": pl.Float64, "uplift": pl.Float64,
    }  # fmt: skip
    cohort = rating_cohort(con, filters)
    if cohort is None:
        return pl.DataFrame(schema=schema)
    matched = _matched(rating_groups(con, filters, cohort))
    if matched.is_empty():
        return pl.DataFrame(schema=schema)
    return (
        matched.with_columns(
            u_weighted=pl.col("t_staff") * pl.col("u_change_sum") / pl.col("u_staff"),
        )
        .group_by("start_score")
        .agg(
            trained_n=pl.col("t_staff").sum(),
            comparison_n=pl.col("u_staff").sum(),
            trained_change=pl.col("t_change_sum").sum() / pl.col("t_staff").sum(),
            comparison_change=pl.col("u_weighted").sum() / pl.col("t_staff").sum(),
        )
        .with_columns(uplift=pl.col("trained_change") - pl.col("comparison_change"))
        .sort("start_score")
        .cast(schema)  # type: ignore[arg-type]
    )
