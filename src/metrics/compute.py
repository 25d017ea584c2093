"""Metrics as pure functions: (DuckDB connection, Filters[, dimension]) -> Polars frame.

The SQL files return per-group components (counts and sums); this module turns them into the
registry's ratios, with null for a zero denominator and Wilson intervals for count rates.
"""

from __future__ import annotations

import math
import re
from functools import cache
from pathlib import Path

import duckdb
import numpy as np
import polars as pl

from src.metrics.filters import Filters
from src.metrics.registry import DIMENSIONS, METRIC_BY_ID, METRICS, PERSON_DIMENSIONS, MetricSpec, Source

SQL_DIR = Path(__file__).with_name("sql")
Z_95 = 1.959963984540054
ACTIVITY_DIMENSIONS = ("method", "jalur", "topic", "provider", "funding", "month")
# Components that stay null when nothing is known (a sum of unknown costs is not Rp0).
NULLABLE_COMPONENTS = {"cost_total", "satisfaction_sum", "gain_sum", "jpm_sum", "gap_sum"}
KEYS = ["group", "group_region", "group2"]


@cache
def load_sql(name: str) -> str:
    """A query from sql/NAME.sql, each `-- @part` line replaced by the shared CTE in sql/_part.sql."""
    text = (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
    return re.sub(r"-- @(\w+)", lambda m: load_sql(f"_{m.group(1)}"), text)


def query(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, object]) -> pl.DataFrame:
    """Run sql/NAME.sql with bound parameters (only those it names are passed)."""
    sql = load_sql(name)
    used = {k: v for k, v in params.items() if f"${k}" in sql}
    return con.sql(sql, params=used).pl()


def _sources(dim: str) -> frozenset[Source]:
    return DIMENSIONS[dim].sources if dim != "none" else frozenset(Source)


def has_year_to_date_rollup(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the database has rollup_pengembangan_kumulatif (built by every import since issue 6;
    a data version published before has only the monthly rollup)."""
    [(found,)] = con.sql(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'rollup_pengembangan_kumulatif'"
    ).fetchall()
    return found > 0


def _source_queries(by: str, by2: str, wanted: frozenset[Source] | None = None) -> list[str]:
    """The SQL files that compute the components of the `wanted` sources (default: all) that both
    dimensions apply to. When none of the wanted sources applies, those of every applicable source,
    so the groups are the same as without a choice (their values are null)."""
    applicable = _sources(by) & _sources(by2)
    sources = applicable & wanted if wanted is not None else applicable
    if not sources:
        sources = applicable
    chosen = []
    if Source.PARTICIPATION in sources:
        activity = by in ACTIVITY_DIMENSIONS or by2 in ACTIVITY_DIMENSIONS
        chosen.append("participation_activity" if activity else "participation_staff")
    if Source.COMPETENCY in sources:
        chosen.append("competency")
    if Source.BUDGET in sources:
        chosen.append("budget")
    return chosen


def _check_dimension(dim: str) -> None:
    if dim != "none" and dim not in DIMENSIONS:
        raise ValueError(f"unknown dimension {dim!r}")


def _typed(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(pl.col(KEYS).cast(pl.String)).with_columns(pl.exclude(KEYS).cast(pl.Float64))


def _with_headcount(
    con: duckdb.DuckDBPyConnection, params: dict[str, object], frame: pl.DataFrame
) -> pl.DataFrame:
    """Add asn_count to groups that are not sets of people (competencies): the staff in scope of
    the person-level part of the grouping (e.g. the region of a competency × region cell)."""
    dims = {"group": params["by"], "group2": params["by2"]}
    person = {key: dim if dim in PERSON_DIMENSIONS else "none" for key, dim in dims.items()}
    counts = _typed(query(con, "staff_count", {**params, "by": person["group"], "by2": person["group2"]}))
    join_on = [key for key, dim in person.items() if dim != "none"]
    if "unit" in person.values():
        join_on.append("group_region")
    counts = counts.select(*join_on, "asn_count")
    if not join_on:
        return frame.join(counts, how="cross")
    return frame.join(counts, on=join_on, how="left", nulls_equal=True)


def components(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    by: str | None = None,
    by2: str | None = None,
    metric_ids: list[str] | None = None,
) -> pl.DataFrame:
    """Per group (`group`, and `group2` for a second dimension): every component the registry's
    metrics divide (see the SQL files). Components of sources that do not apply are absent.

    With `metric_ids`, only the sources those metrics read are queried: the groups are then those
    of these sources (a unit with budget lines but no staff is no row of a participation figure)."""
    return _components(con, filters, by, by2, metric_ids, year_to_date=has_year_to_date_rollup(con))


def reference_components(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None = None, by2: str | None = None
) -> pl.DataFrame:
    """components the plain way: every source, participation summed month by month per person
    (reference_participation_staff.sql). What the fast paths are tested against."""
    return _components(con, filters, by, by2, None, year_to_date=False)


def _components(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    by: str | None,
    by2: str | None,
    metric_ids: list[str] | None,
    year_to_date: bool,
) -> pl.DataFrame:
    dim, dim2 = by or "none", by2 or "none"
    _check_dimension(dim)
    _check_dimension(dim2)
    params = {**filters.sql_params(), "by": dim, "by2": dim2}
    specs = _specs(metric_ids)
    queries = _source_queries(dim, dim2, frozenset(spec.source for spec in specs) if metric_ids else None)
    if not queries:  # e.g. sub-kegiatan × gender: no source has both
        return pl.DataFrame(schema=dict.fromkeys(KEYS, pl.String))
    if not year_to_date:
        queries = ["reference_participation_staff" if q == "participation_staff" else q for q in queries]
    # The headcount of competency figures, when no participation query gives it: groups of people
    # get it as a source of their own (every group of staff is a row, as with participation);
    # groups that are not sets of people (competencies), the staff in scope of their person part.
    headcount = not metric_ids or any("asn_count" in (spec.numerator, spec.denominator) for spec in specs)
    add_headcount_to = None
    if "competency" in queries and headcount and not any("participation" in q for q in queries):
        if {dim, dim2} <= {"none", *PERSON_DIMENSIONS}:
            queries = ["staff_count", *queries]
        else:
            add_headcount_to = "competency"
    frames = [
        _with_headcount(con, params, _typed(query(con, name, params)))
        if name == add_headcount_to
        else _typed(query(con, name, params))
        for name in queries
    ]
    return _combined(frames, KEYS, _WHOLE if dim == dim2 == "none" else None)


# The one group without a dimension: a row even when the filters match nobody (counts 0, rates null).
_WHOLE = pl.DataFrame(
    {"group": [""], "group_region": [None], "group2": [""]}, schema=dict.fromkeys(KEYS, pl.String)
)


def _combined(frames: list[pl.DataFrame], keys: list[str], rows: pl.DataFrame | None) -> pl.DataFrame:
    """The sources' frames joined on `keys` (the groups of any source; `rows`, when given, are the
    groups there are), absent counts 0, and `staff_without_activity`."""
    result = frames[0]
    for frame in frames[1:]:
        result = result.join(frame, on=keys, how="full", coalesce=True, nulls_equal=True)
    if rows is not None:
        result = rows.join(result, on=keys, how="left", nulls_equal=True)
    fill = [c for c in result.columns if c not in keys and c not in NULLABLE_COMPONENTS]
    result = result.with_columns(pl.col(fill).fill_null(0.0))
    if "participants" in result.columns:
        result = result.with_columns(staff_without_activity=pl.col("asn_count") - pl.col("participants"))
    return result.sort(keys, nulls_last=True)


def _specs(metric_ids: list[str] | None) -> list[MetricSpec]:
    return [METRIC_BY_ID[i] for i in metric_ids] if metric_ids else list(METRICS)


def _applies(spec: MetricSpec, columns: list[str]) -> bool:
    """A metric applies when the grouping computed its components (budget by gender does not)."""
    return spec.numerator in columns and (spec.denominator is None or spec.denominator in columns)


def _quotient(parts: pl.DataFrame, numerator: str, denominator: str) -> pl.Series:
    """numerator / denominator row by row, always as an IEEE division. Polars divides by a column it
    holds as a constant through the reciprocal (6 / 10 gave 0.6000000000000001 when every group had
    10 staff), so the same figure could differ in its last bit from one call to the next."""
    with np.errstate(divide="ignore", invalid="ignore"):
        values = parts[numerator].to_numpy() / parts[denominator].to_numpy()
    return pl.Series(values, dtype=pl.Float64).fill_nan(None)


def _value(spec: MetricSpec, parts: pl.DataFrame) -> pl.Expr:
    """numerator ÷ denominator, null for a zero denominator or a metric that does not apply."""
    if not _applies(spec, parts.columns):
        return pl.lit(None, pl.Float64)
    if spec.denominator is None:
        return pl.col(spec.numerator)
    quotient = _quotient(parts, spec.numerator, spec.denominator)
    return pl.when(pl.col(spec.denominator) > 0).then(pl.lit(quotient))


def kpis(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    by: str | None = None,
    metric_ids: list[str] | None = None,
    by2: str | None = None,
) -> pl.DataFrame:
    """One row per group (`group` is "" without a dimension), one Float64 column per metric.

    Metrics whose source does not apply to the dimension (budget by gender, say) are null.
    For a unit dimension, `group_region` holds the unit's region (units are grouped within
    regions); `group2` is the second dimension's value ("" without one).
    """
    parts = components(con, filters, by, by2, metric_ids)
    return parts.select(*KEYS, *(_value(spec, parts).alias(spec.id) for spec in _specs(metric_ids)))


def wilson_interval(successes: float, total: float, z: float = Z_95) -> tuple[float, float] | None:
    """95 % Wilson score interval for successes/total; None when total is 0."""
    if total <= 0:
        return None
    p = successes / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
    # At 0 of n and n of n the bound is exactly the estimate; rounding must not move it past it.
    low = 0.0 if successes <= 0 else max(0.0, centre - half)
    high = 1.0 if successes >= total else min(1.0, centre + half)
    return low, high


def kpis_long(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    by: str | None = None,
    metric_ids: list[str] | None = None,
    by2: str | None = None,
) -> pl.DataFrame:
    """Long form: group, group_region, group2, metric, value, numerator, denominator, and the 95 %
    Wilson interval ci_low, ci_high for count rates. One row per group and metric, groups first."""
    parts = components(con, filters, by, by2, metric_ids)
    frames = []
    for order, spec in enumerate(_specs(metric_ids)):
        applies = _applies(spec, parts.columns)
        absent = pl.lit(None, pl.Float64)
        frames.append(
            parts.select(
                *KEYS,
                metric=pl.lit(spec.id),
                value=_value(spec, parts),
                numerator=pl.col(spec.numerator) if applies else absent,
                denominator=pl.col(spec.denominator) if applies and spec.denominator else absent,
                _wilson=pl.lit(spec.wilson),
                _order=pl.lit(order),
            )
        )
    long = pl.concat(frames).sort([*KEYS, "_order"], nulls_last=True, maintain_order=True)
    intervals = [
        wilson_interval(n, d) if wilson and value is not None and d else None
        for n, d, value, wilson in long.select("numerator", "denominator", "value", "_wilson").iter_rows()
    ]
    return long.drop("_wilson", "_order").with_columns(
        ci_low=pl.Series([i[0] if i else None for i in intervals], dtype=pl.Float64),
        ci_high=pl.Series([i[1] if i else None for i in intervals], dtype=pl.Float64),
    )


def monthly_trend(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    metric_ids: list[str] | None = None,
    by: str | None = None,
) -> pl.DataFrame:
    """Year-to-date values at the end of each month 1..filters.end_month (column `month`).

    Participation figures come from one query for all months (participation_trend.sql) unless an
    age band filters or groups (a staff member's age band follows each month's last day); the
    other sources' figures, and those cases, from one run per month."""
    specs = _specs(metric_ids)
    dim = by or "none"
    _check_dimension(dim)
    one_pass = (
        any(spec.source == Source.PARTICIPATION for spec in specs)
        and has_year_to_date_rollup(con)
        and dim in ("none", *PERSON_DIMENSIONS)
        and dim != "age_band"
        and not filters.age_band
    )
    months = range(1, filters.end_month + 1)
    if not one_pass:
        frames = [
            kpis(con, filters.model_copy(update={"month": m}), by, metric_ids).with_columns(
                month=pl.lit(m, pl.Int32)
            )
            for m in months
        ]
        return pl.concat(frames).select("month", pl.exclude("month"))
    params = {**filters.sql_params(), "by": dim, "by2": "none"}
    frames = [_typed(query(con, "participation_trend", params)).with_columns(pl.col("month").cast(pl.Int32))]
    others = [spec.id for spec in specs if spec.source != Source.PARTICIPATION]
    if others:  # the participation query has every group of staff and their headcount
        per_month = [
            components(con, filters.model_copy(update={"month": m}), by, metric_ids=others)
            .drop("asn_count", "staff_without_activity", strict=False)
            .with_columns(month=pl.lit(m, pl.Int32))
            for m in months
        ]
        frames.append(pl.concat(per_month, how="diagonal_relaxed"))
    keys = ["month", *KEYS]
    rows = pl.DataFrame({"month": list(months)}, schema={"month": pl.Int32}).join(_WHOLE, how="cross")
    parts = _combined(frames, keys, rows if dim == "none" else None)
    return parts.select(*keys, *(_value(spec, parts).alias(spec.id) for spec in specs))


def jp_distribution(
    con: duckdb.DuckDBPyConnection, filters: Filters, bin_width: int = 5, top: int = 60
) -> pl.DataFrame:
    """How many staff in scope have counted JP in [jp_from, jp_to); the last bin is open-ended."""
    params = {**filters.sql_params(), "by": "none", "by2": "none", "bin_width": bin_width, "top": top}
    return query(con, "jp_distribution", params)


def competency_matrix(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Competency × unit: pairs, mean gap and share meeting the standard (latest assessments)."""
    return query(con, "competency_matrix", {**filters.sql_params(), "by": "unit", "by2": "none"})


__all__ = [
    "PERSON_DIMENSIONS",
    "competency_matrix",
    "components",
    "has_year_to_date_rollup",
    "jp_distribution",
    "kpis",
    "kpis_long",
    "monthly_trend",
    "reference_components",
    "wilson_interval",
]
