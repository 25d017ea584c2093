"""Karier & Talenta: the 9-box, the succession pool and its development, career events, and
mentoring and coaching (who takes part, how mentees' SKP ratings move).

Pure functions (connection, Filters[, by]) -> Polars frame over the SQL in sql/talent_*.sql. The
metrics they feed are declared in src/metrics/registry.py (TALENT_METRICS); `talent_kpis` returns
their components and values per group the same way compute.kpis does for the rest: a ratio whose
denominator is zero is null, never 0. Counts only: nothing here returns a person.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence

import duckdb
import polars as pl

from src.metrics.compute import query, wilson_interval
from src.metrics.filters import Filters
from src.metrics.registry import TALENT_METRICS, MetricSpec

# The 9-box (shared/domain.md): box number by (kinerja, potensial), each from 1 (di bawah ekspektasi /
# rendah) to 3 (di atas ekspektasi / tinggi).
BOX_OF = {(1, 1): 1, (2, 1): 2, (1, 2): 3, (3, 1): 4, (2, 2): 5, (1, 3): 6, (3, 2): 7, (2, 3): 8, (3, 3): 9}
POSITION_OF_BOX = {box: position for position, box in BOX_OF.items()}
SUCCESSION_BOXES = (7, 8, 9)
# BENTUK values that are mentoring and coaching (the participant is the one mentored or coached).
MENTORING_BENTUK = ("Mentoring",)
COACHING_BENTUK = ("Coaching",)
# Career event kinds of the contract (karier JENIS), in reading order.
CAREER_KINDS = ("Rotasi", "Promosi", "Tugas Belajar", "Mutasi Keluar")
_EVENT_COMPONENTS = {"Rotasi": "rotations", "Promosi": "promotions", "Tugas Belajar": "study_leaves"}
# "Trained in the last year": counted activities in the 12 months up to the period's last day.
TRAINED_MONTHS = 12
GROUPINGS = ("none", "region", "unit")
KEYS = ["group", "group_region"]


def months_before(day: dt.date, months: int) -> dt.date:
    """The last day of the month `months` months before `day`'s month (activities count after it)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, calendar.monthrange(year, month + 1)[1])


def _params(filters: Filters, by: str, **extra: object) -> dict[str, object]:
    if by not in GROUPINGS:
        raise ValueError(f"unknown grouping {by!r}")
    return {**filters.sql_params(), "by": by, "by2": "none", **extra}


def _keys(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(pl.col(KEYS).cast(pl.String))


def ninebox(con: duckdb.DuckDBPyConnection, filters: Filters, by: str = "none") -> pl.DataFrame:
    """group, group_region, rating_year, box (null: not mapped), staff, trained, jp20 (see the SQL)."""
    since = months_before(filters.period_end, TRAINED_MONTHS)
    return _keys(query(con, "talent_ninebox", _params(filters, by, since=since)))


def ninebox_counts(frame: pl.DataFrame) -> pl.DataFrame:
    """One row per group and box 1..9 (boxes nobody is in included, as 0): group, group_region, box,
    staff, share of the group's mapped staff (null when nobody is mapped), kinerja, potensial (1-3)."""
    mapped = frame.filter(pl.col("box").is_not_null())
    groups = frame.select(KEYS).unique()
    grid = groups.join(pl.DataFrame({"box": list(range(1, 10))}, schema={"box": pl.Int32}), how="cross")
    counts = (
        mapped.group_by([*KEYS, "box"]).agg(pl.col("staff").sum()).with_columns(pl.col("box").cast(pl.Int32))
    )
    out = grid.join(counts, on=[*KEYS, "box"], how="left", nulls_equal=True).with_columns(
        pl.col("staff").fill_null(0)
    )
    total = pl.col("staff").sum().over(KEYS)
    return out.with_columns(
        share=pl.when(total > 0).then(pl.col("staff") / total),
        kinerja=pl.col("box").replace_strict({b: p[0] for b, p in POSITION_OF_BOX.items()}),
        potensial=pl.col("box").replace_strict({b: p[1] for b, p in POSITION_OF_BOX.items()}),
    ).sort([*KEYS, "box"], nulls_last=True)


def rating_years(frame: pl.DataFrame) -> pl.DataFrame:
    """Which kinerja year the 9-box rests on: rating_year, staff (mapped only), newest first."""
    return (
        frame.filter(pl.col("box").is_not_null())
        .group_by("rating_year")
        .agg(pl.col("staff").sum())
        .sort("rating_year", descending=True)
    )


def careers(con: duckdb.DuckDBPyConnection, filters: Filters, by: str = "none") -> pl.DataFrame:
    """group, group_region, year, jenis, events, staff: career events per year up to the period's year,
    each year counted over the same months (January to the period's month)."""
    return _keys(query(con, "talent_careers", _params(filters, by)))


def mentoring(con: duckdb.DuckDBPyConnection, filters: Filters, by: str = "none") -> pl.DataFrame:
    """group, group_region, position_level, asn_count, mentees, mentoring, coaching (in the period)."""
    params = _params(
        filters, by, mentoring_bentuk=list(MENTORING_BENTUK), coaching_bentuk=list(COACHING_BENTUK)
    )
    return _keys(query(con, "talent_mentoring", params))


def mentee_ratings(con: duckdb.DuckDBPyConnection, filters: Filters, by: str = "none") -> pl.DataFrame:
    """group, group_region, cohort, mentee, staff, improved, same, declined: SKP rating change from the
    cohort year to the next for staff who completed mentoring or coaching in the cohort year
    (mentee) and those who did not."""
    params = _params(filters, by, mentoring_bentuk=[*MENTORING_BENTUK, *COACHING_BENTUK])
    return _keys(query(con, "talent_mentee_ratings", params))


def _sum_by_group(frame: pl.DataFrame, **aggregations: pl.Expr) -> pl.DataFrame:
    return frame.group_by(KEYS).agg(**aggregations)


def _join(left: pl.DataFrame, right: pl.DataFrame) -> pl.DataFrame:
    return left.join(right, on=KEYS, how="left", nulls_equal=True)


def components(con: duckdb.DuckDBPyConnection, filters: Filters, by: str = "none") -> pl.DataFrame:
    """Per group: every component TALENT_METRICS divide (asn_count, talent_mapped, succession_pool,
    pool_trained, pool_jp20, rotations, promotions, study_leaves, mentees, mentee_rated,
    mentee_improved, other_rated, other_improved, rating_cohort)."""
    boxes = ninebox(con, filters, by)
    pool = pl.col("box").is_in(SUCCESSION_BOXES)
    result = _sum_by_group(
        boxes,
        asn_count=pl.col("staff").sum(),
        talent_mapped=pl.col("staff").filter(pl.col("box").is_not_null()).sum(),
        succession_pool=pl.col("staff").filter(pool).sum(),
        pool_trained=pl.col("trained").filter(pool).sum(),
        pool_jp20=pl.col("jp20").filter(pool).sum(),
    )
    events = careers(con, filters, by).filter(pl.col("year") == filters.year)
    result = _join(
        result,
        _sum_by_group(
            events,
            **{
                name: pl.col("events").filter(pl.col("jenis") == kind).sum()
                for kind, name in _EVENT_COMPONENTS.items()
            },
        ),
    )
    result = _join(result, _sum_by_group(mentoring(con, filters, by), mentees=pl.col("mentees").sum()))
    ratings = mentee_ratings(con, filters, by)
    if not ratings.is_empty():
        # The latest cohort whose next year's ratings are in (for the whole scope, so groups agree).
        cohort = ratings["cohort"].max()
        latest = ratings.filter(pl.col("cohort") == cohort)
        result = _join(
            result,
            _sum_by_group(
                latest,
                mentee_rated=pl.col("staff").filter(pl.col("mentee")).sum(),
                mentee_improved=pl.col("improved").filter(pl.col("mentee")).sum(),
                other_rated=pl.col("staff").filter(~pl.col("mentee")).sum(),
                other_improved=pl.col("improved").filter(~pl.col("mentee")).sum(),
            ),
        ).with_columns(rating_cohort=pl.lit(cohort, pl.Int64))
    else:
        result = result.with_columns(
            *(
                pl.lit(0, pl.Int64).alias(c)
                for c in ("mentee_rated", "mentee_improved", "other_rated", "other_improved")
            ),
            rating_cohort=pl.lit(None, pl.Int64),
        )
    if by == "none" and result.is_empty():  # nobody in scope: one row of zeros, rates null
        whole = pl.DataFrame({"group": [""], "group_region": [None]}, schema=dict.fromkeys(KEYS, pl.String))
        result = whole.join(result, on=KEYS, how="left", nulls_equal=True)
    counts = [c for c in result.columns if c not in (*KEYS, "rating_cohort")]
    return result.with_columns(pl.col(counts).fill_null(0).cast(pl.Float64)).sort(KEYS, nulls_last=True)


def metric_values(parts: pl.DataFrame, specs: Sequence[MetricSpec]) -> pl.DataFrame:
    """`parts` with one Float64 column per spec: numerator ÷ denominator (null for a zero denominator),
    or the numerator alone."""
    values = []
    for spec in specs:
        if spec.denominator is None:
            values.append(pl.col(spec.numerator).cast(pl.Float64).alias(spec.id))
        else:
            values.append(
                pl.when(pl.col(spec.denominator) > 0)
                .then(pl.col(spec.numerator) / pl.col(spec.denominator))
                .cast(pl.Float64)
                .alias(spec.id)
            )
    return parts.with_columns(values)


def with_intervals(frame: pl.DataFrame, specs: Sequence[MetricSpec]) -> pl.DataFrame:
    """`frame` (with components and values) plus <id>_low and <id>_high, the 95 % Wilson interval of
    each count rate (null where the denominator is zero)."""
    columns = []
    for spec in specs:
        if not spec.wilson or spec.denominator is None:
            continue
        bounds = [
            wilson_interval(float(n), float(d)) if d else None
            for n, d in frame.select(spec.numerator, spec.denominator).iter_rows()
        ]
        columns.append(pl.Series(f"{spec.id}_low", [b[0] if b else None for b in bounds], pl.Float64))
        columns.append(pl.Series(f"{spec.id}_high", [b[1] if b else None for b in bounds], pl.Float64))
    return frame.with_columns(columns)


def talent_kpis(con: duckdb.DuckDBPyConnection, filters: Filters, by: str = "none") -> pl.DataFrame:
    """One row per group (`group` is "" for by="none"): the components, every TALENT_METRICS value
    and the Wilson interval of each count rate."""
    parts = metric_values(components(con, filters, by), TALENT_METRICS)
    return with_intervals(parts, TALENT_METRICS)
