"""Kebutuhan Pelatihan: the training-needs survey (kebutuhan) set against what was delivered and
against the competency gaps, and what to programme next year.

- `need_units`: per (region, OPD, topic) asked for: how many asked, how many of that OPD's staff
  completed an activity on the topic in the period (met, at most the number who asked), the rest
  (unmet) and the JP delivered.
- `topics`: per topic: requests, met and unmet, JP delivered to all staff in scope, each one's share,
  the JP-to-demand ratio (over- or under-served) and the competency gap the topic addresses.
- `programme`: the topics with unmet requests ranked by priority-weighted unmet requests × (1 + the
  gap), with a cost estimate from this year's JP per participation and cost per JP.
- `summary`: the registry's needs_requests, needs_met_rate, needs_unmet and programme_cost.

The survey is answered per OPD, so these figures follow the region and OPD filters only: staff
filters are set aside (the page says so). The survey of the filter's year is set against the period's
activities (year to date).
"""

from __future__ import annotations

import duckdb
import polars as pl

from src.metrics.competency import competency_topics
from src.metrics.compute import query
from src.metrics.filters import Filters

STAFF_FIELDS = ("jenis_pegawai", "jenis_jabatan", "golongan_group", "gender", "age_band", "education")
# A topic's share of the JP ÷ its share of the requests: above OVER it is over-served, below UNDER
# under-served (a third more or less than its share would be read as a real difference).
OVER, UNDER = 1.5, 1 / 1.5
# PRIORITAS weights of the programme score (empty counts as Rendah).
WEIGHTS = {"Tinggi": 3, "Sedang": 2, "Rendah": 1}


def unit_scope(filters: Filters) -> Filters:
    """The filters without the staff filters: the survey is per OPD, not per person."""
    return filters.model_copy(update=dict.fromkeys(STAFF_FIELDS, ()))


def _params(filters: Filters) -> dict[str, object]:
    mapping = competency_topics()
    return {
        **unit_scope(filters).sql_params(),
        "by": "none",
        "by2": "none",
        "map_competency": [c for c, _ in mapping],
        "map_topic": [t for _, t in mapping],
    }


def need_units(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """region, unit, topic, requested, weight (3/2/1: the highest PRIORITAS among the rows),
    staff_reached, jp_delivered, met (min(staff_reached, requested)), unmet, met_rate."""
    frame = query(con, "needs_units", _params(filters))
    return frame.with_columns(
        pl.col("requested", "weight", "staff_reached").cast(pl.Int64),
        pl.col("jp_delivered").cast(pl.Float64),
    ).with_columns(
        met=pl.min_horizontal("staff_reached", "requested"),
        unmet=pl.max_horizontal(pl.col("requested") - pl.col("staff_reached"), pl.lit(0)),
        met_rate=pl.min_horizontal("staff_reached", "requested") / pl.col("requested"),
    )


def topics(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """One row per topic asked for or delivered, most requests first: topic, requested, units_asking,
    met, unmet, weighted_unmet, jp_delivered, staff_reached, participations, cost_total, jp_costed,
    gap_mean, gap_pairs, competencies, request_share, jp_share, topic_service_ratio and served
    ("over", "under", "balanced", or "not_requested" for JP on a topic nobody asked for)."""
    units = need_units(con, filters)
    asked = units.group_by("topic").agg(
        requested=pl.col("requested").sum(),
        units_asking=pl.len().cast(pl.Int64),
        met=pl.col("met").sum(),
        unmet=pl.col("unmet").sum(),
        weighted_unmet=(pl.col("unmet") * pl.col("weight")).sum(),
    )
    delivered = query(con, "needs_topics", _params(filters)).with_columns(
        pl.col("staff_reached", "participations", "gap_pairs").cast(pl.Int64)
    )
    frame = asked.join(delivered, on="topic", how="full", coalesce=True)
    frame = frame.with_columns(
        pl.col("requested", "units_asking", "met", "unmet", "weighted_unmet", "staff_reached",
               "participations").fill_null(0),
        pl.col("jp_delivered", "jp_costed").fill_null(0.0),
    )  # fmt: skip
    # Topics with neither a request nor a JP (a gap alone) are not needs: the gap page shows them.
    frame = frame.filter((pl.col("requested") > 0) | (pl.col("jp_delivered") > 0))
    total_requested = frame["requested"].sum()
    total_jp = frame["jp_delivered"].sum()
    frame = frame.with_columns(
        request_share=pl.col("requested") / total_requested if total_requested else pl.lit(None, pl.Float64),
        jp_share=pl.col("jp_delivered") / total_jp if total_jp else pl.lit(None, pl.Float64),
    ).with_columns(
        topic_service_ratio=pl.when(pl.col("request_share") > 0).then(
            pl.col("jp_share") / pl.col("request_share")
        )
    )
    served = (
        pl.when(pl.col("requested") == 0)
        .then(pl.lit("not_requested"))
        .when(pl.col("topic_service_ratio") > OVER)
        .then(pl.lit("over"))
        .when(pl.col("topic_service_ratio") < UNDER)
        .then(pl.lit("under"))
        .otherwise(pl.lit("balanced"))
    )
    return frame.with_columns(served=served).sort(
        ["requested", "jp_delivered", "topic"], descending=[True, True, False]
    )


def programme(
    con: duckdb.DuckDBPyConnection, filters: Filters, frame: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Topics with unmet requests, highest programme_score first (rank 1, 2, …): topic, unmet,
    weighted_unmet, gap_mean, programme_score = weighted_unmet × (1 + gap_mean, 0 when unknown),
    jp_per_participation and cost_per_jp (this year's on the topic, else the whole scope's, then
    `estimated_from_scope` is true), estimated_jp = unmet × jp_per_participation, cost_estimate =
    estimated_jp × cost_per_jp (null when no cost is known at all). `frame`: topics() if at hand."""
    frame = topics(con, filters) if frame is None else frame
    participations = frame["participations"].sum()
    scope_jp_each = frame["jp_delivered"].sum() / participations if participations else None
    costed = frame.filter(pl.col("cost_total").is_not_null())
    scope_cost_per_jp = (
        costed["cost_total"].sum() / costed["jp_costed"].sum() if costed["jp_costed"].sum() else None
    )
    topic_jp_each = pl.when(pl.col("participations") > 0).then(
        pl.col("jp_delivered") / pl.col("participations")
    )
    topic_cost_per_jp = pl.when(pl.col("jp_costed") > 0).then(pl.col("cost_total") / pl.col("jp_costed"))
    return (
        frame.filter(pl.col("unmet") > 0)
        .with_columns(
            programme_score=pl.col("weighted_unmet") * (1 + pl.col("gap_mean").fill_null(0.0)),
            estimated_from_scope=topic_jp_each.is_null() | topic_cost_per_jp.is_null(),
            jp_per_participation=topic_jp_each.fill_null(pl.lit(scope_jp_each, pl.Float64)),
            cost_per_jp=topic_cost_per_jp.fill_null(pl.lit(scope_cost_per_jp, pl.Float64)),
        )
        .with_columns(estimated_jp=pl.col("unmet") * pl.col("jp_per_participation"))
        .with_columns(cost_estimate=pl.col("estimated_jp") * pl.col("cost_per_jp"))
        .sort(["programme_score", "unmet", "topic"], descending=[True, True, False])
        .with_row_index("rank", offset=1)
        .select(
            "rank", "topic", "requested", "unmet", "weighted_unmet", "units_asking", "gap_mean",
            "competencies", "programme_score", "jp_per_participation", "cost_per_jp",
            "estimated_from_scope", "estimated_jp", "cost_estimate",
        )
    )  # fmt: skip


def summary(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict[str, float | int | None]:
    """needs_requests, needs_met_rate (null without requests), needs_unmet, programme_cost (null when
    nothing is unmet or no cost is known), topics_requested, units_asking."""
    units = need_units(con, filters)
    requested = int(units["requested"].sum() or 0)
    plan = programme(con, filters)
    costs = plan["cost_estimate"].drop_nulls()
    return {
        "needs_requests": requested,
        "needs_met_rate": units["met"].sum() / requested if requested else None,
        "needs_unmet": int(units["unmet"].sum() or 0),
        "programme_cost": float(costs.sum()) if costs.len() else None,
        "topics_requested": units["topic"].n_unique(),
        "units_asking": units.select("region", "unit").n_unique(),
    }


def survey_years(con: duckdb.DuckDBPyConnection, filters: Filters) -> list[int]:
    """Years with survey rows in the filtered regions and OPD (to say which exist when one is missing)."""
    return query(con, "needs_years", unit_scope(filters).sql_params())["year"].to_list()
