"""What needs attention, and the facts a plain-language summary is built from.

These are business rules (what counts as "behind", which change matters), so they live here; the
UI only turns the returned facts into sentences.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import polars as pl

from src.metrics.budget import plan_curve
from src.metrics.compute import kpis
from src.metrics.filters import Filters
from src.metrics.registry import METRIC_BY_ID

# Units with fewer staff are left out of rankings: one person would swing their rates.
MIN_STAFF_TO_RANK = 10
# The headline metrics the overview and the summary speak about.
HEADLINE_METRICS = (
    "asn_count", "participation_rate", "jp_per_asn", "jp20_rate", "jp20_on_track_rate",
    "absorption_rate", "jpm_mean", "meets_standard_rate", "satisfaction_mean",
)  # fmt: skip


def units_behind(
    con: duckdb.DuckDBPyConnection, filters: Filters, limit: int = 5, min_staff: int = MIN_STAFF_TO_RANK
) -> pl.DataFrame:
    """OPD furthest behind on the 20-JP on-track pace (lowest share first), with how many of their
    staff have had no development at all this year."""
    metrics = ["asn_count", "jp20_on_track_rate", "participation_rate", "no_development_count", "jp_per_asn"]
    frame = kpis(con, filters, by="unit", metric_ids=metrics)
    return (
        frame.filter(pl.col("asn_count") >= min_staff)
        .sort(["jp20_on_track_rate", "asn_count"], descending=[False, True], nulls_last=True)
        .head(limit)
        .select(pl.col("group").alias("unit"), pl.col("group_region").alias("region"), *metrics)
    )


def budget_behind_plan(con: duckdb.DuckDBPyConnection, filters: Filters, limit: int = 5) -> pl.DataFrame:
    """OPD whose cumulative absorption lags the plan curve most, with the amount behind in Rupiah."""
    planned_share = plan_curve()[filters.end_month]
    frame = kpis(con, filters, by="unit", metric_ids=["budget_pagu", "budget_realisasi", "absorption_rate"])
    return (
        frame.filter(pl.col("budget_pagu") > 0)
        .with_columns(
            plan_rate=pl.lit(planned_share),
            amount_behind=pl.col("budget_pagu") * planned_share - pl.col("budget_realisasi"),
        )
        .filter(pl.col("amount_behind") > 0)
        .sort("amount_behind", descending=True)
        .head(limit)
        .select(
            pl.col("group").alias("unit"),
            pl.col("group_region").alias("region"),
            "budget_pagu",
            "budget_realisasi",
            "absorption_rate",
            "plan_rate",
            "amount_behind",
        )
    )


@dataclass(frozen=True)
class Change:
    metric: str
    now: float | None
    before: float | None

    @property
    def delta(self) -> float | None:
        return None if self.now is None or self.before is None else self.now - self.before

    @property
    def relative(self) -> float | None:
        """Change as a share of the earlier value (what "moved most" compares across metrics)."""
        return None if self.delta is None or not self.before else self.delta / abs(self.before)


@dataclass(frozen=True)
class Facts:
    """What a regional head hears first: the leading and trailing region, what moved most since
    last month, and the headline metric furthest from its target."""

    leader: str | None
    laggard: str | None
    ranking_metric: str
    leader_value: float | None
    laggard_value: float | None
    biggest_move: Change | None
    furthest_behind: Change | None  # `before` holds the target


def _changes(now: dict[str, float | None], before: dict[str, float | None]) -> list[Change]:
    return [Change(m, now.get(m), before.get(m)) for m in HEADLINE_METRICS]


def target_for(metric: str, month: int) -> float | None:
    """What a metric should stand at by the end of `month` of the year: JP per ASN the pro-rata
    20 × month ÷ 12, absorption the plan curve, the others their registry target."""
    if metric == "jp_per_asn":
        return 20.0 * month / 12
    if metric == "absorption_rate":
        return plan_curve()[month]
    return METRIC_BY_ID[metric].target


# value ÷ target from which a figure counts as on target, and as worth watching.
ON_TARGET, WATCH = 0.95, 0.80


def status_of(metric: str, value: float | None, month: int) -> str | None:
    """ "ok", "watch" or "behind" against the month's target; None without a target or a value."""
    target = target_for(metric, month)
    if target is None or value is None or target <= 0:
        return None
    ratio = value / target
    return "ok" if ratio >= ON_TARGET else "watch" if ratio >= WATCH else "behind"


def _judged_target(metric: str, month: int) -> float | None:
    """Targets "furthest behind" judges by: the full-year 20-JP rate only in December (before that
    its on-track twin speaks for it)."""
    if metric == "jp20_rate" and month < 12:
        return None
    return target_for(metric, month)


def headline_facts(con: duckdb.DuckDBPyConnection, filters: Filters) -> Facts:
    ranking_metric = "jp20_on_track_rate"
    by_region = kpis(con, filters, by="region", metric_ids=["asn_count", ranking_metric])
    ranked = by_region.filter(pl.col(ranking_metric).is_not_null()).sort(ranking_metric, descending=True)
    leader = ranked.row(0, named=True) if ranked.height >= 2 else None
    laggard = ranked.row(-1, named=True) if ranked.height >= 2 else None

    now = kpis(con, filters, metric_ids=list(HEADLINE_METRICS)).row(0, named=True)
    previous = filters.previous_month()
    biggest_move = None
    if previous is not None:
        before = kpis(con, previous, metric_ids=list(HEADLINE_METRICS)).row(0, named=True)
        moves = [c for c in _changes(now, before) if c.relative is not None and c.metric != "asn_count"]
        biggest_move = max(moves, key=lambda c: abs(c.relative or 0), default=None)

    targets = [
        Change(m, now.get(m), _judged_target(m, filters.end_month))
        for m in HEADLINE_METRICS
        if _judged_target(m, filters.end_month) is not None and now.get(m) is not None
    ]
    furthest = min(targets, key=lambda c: (c.now or 0) / (c.before or 1), default=None)
    return Facts(
        leader=leader["group"] if leader else None,
        laggard=laggard["group"] if laggard else None,
        ranking_metric=ranking_metric,
        leader_value=leader[ranking_metric] if leader else None,
        laggard_value=laggard[ranking_metric] if laggard else None,
        biggest_move=biggest_move,
        furthest_behind=furthest,
    )
