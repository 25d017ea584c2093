"""IP ASN (kompetensi): an estimate of the competency dimension of the ASN professionalism index from
the development history, per OPD and region.

The scoring's parameters live in one file, data/ip_asn_kompetensi.toml (DASBOR_IP_ASN names another):
every point value there is an assumption to be confirmed against PermenPANRB 38/2018. The SQL
(sql/ip_asn_kompetensi.sql) only decides which items each person meets and counts people per
combination of items; the points are applied here, with Polars expressions over those few rows.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb
import polars as pl

from src.config import ROOT
from src.metrics.compute import query
from src.metrics.filters import Filters
from src.metrics.registry import IP_ASN_METRICS
from src.metrics.talent import GROUPINGS, KEYS, metric_values, months_before, with_intervals

DEFAULT_CONFIG = ROOT / "data" / "ip_asn_kompetensi.toml"
ITEMS = ("kepemimpinan", "fungsional", "teknis", "seminar")
# Column prefix of each item in the SQL's output.
PREFIX = {"kepemimpinan": "lead", "fungsional": "func", "teknis": "tech", "seminar": "sem"}


@dataclass(frozen=True)
class Item:
    id: str
    points: float
    bentuk: tuple[str, ...]
    lookback_months: int  # 0: all recorded history
    applies_to: tuple[str, ...] = ()  # position levels; empty: everyone
    min_jp: float = 0.0  # teknis: JP that must add up
    # kepemimpinan: (level, texts) from the highest level down.
    levels: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class Scoring:
    dimension_points: float
    scale_to_applicable: bool
    items: tuple[Item, ...]

    def item(self, item_id: str) -> Item:
        return next(i for i in self.items if i.id == item_id)


def _item(item_id: str, raw: dict) -> Item:
    levels = tuple((str(e["level"]), tuple(str(n) for n in e["names"])) for e in raw.get("levels", ()))
    applies = tuple(str(v) for v in raw.get("applies_to", ())) or tuple(level for level, _ in levels)
    return Item(
        id=item_id,
        points=float(raw["points"]),
        bentuk=tuple(str(b) for b in raw["bentuk"]),
        lookback_months=int(raw.get("lookback_months", 0)),
        applies_to=applies,
        min_jp=float(raw.get("min_jp", 0)),
        levels=levels,
    )


@cache
def scoring(path: Path | None = None) -> Scoring:
    """The scoring parameters from the TOML file (see data/ip_asn_kompetensi.toml)."""
    source = path or Path(os.environ.get("DASBOR_IP_ASN", DEFAULT_CONFIG))
    raw = tomllib.loads(source.read_text(encoding="utf-8"))
    items = raw["items"]
    missing = [i for i in ITEMS if i not in items]
    if missing:
        raise ValueError(f"{source}: items missing: {', '.join(missing)}")
    return Scoring(
        dimension_points=float(raw["dimension_points"]),
        scale_to_applicable=bool(raw.get("scale_to_applicable", True)),
        items=tuple(_item(i, items[i]) for i in ITEMS),
    )


def _since(filters: Filters, item: Item) -> object:
    """Activities count when they end after this day (all recorded history for lookback 0)."""
    return months_before(filters.period_end, item.lookback_months) if item.lookback_months else "1900-01-01"


def sql_params(filters: Filters, by: str, rules: Scoring) -> dict[str, object]:
    if by not in GROUPINGS:
        raise ValueError(f"unknown grouping {by!r}")
    lead, func, tech, sem = (rules.item(i) for i in ITEMS)
    ranks = [rank for rank, (_, names) in enumerate(lead.levels, start=1) for _ in names]
    texts = [name.lower() for _, names in lead.levels for name in names]
    return {
        **filters.sql_params(),
        "by": by,
        "by2": "none",
        "lead_order": [level for level, _ in lead.levels],
        "lead_rank": ranks,
        "lead_text": texts,
        "lead_bentuk": list(lead.bentuk),
        "lead_since": _since(filters, lead),
        "func_bentuk": list(func.bentuk),
        "func_since": _since(filters, func),
        "func_applies": list(func.applies_to),
        "tech_bentuk": list(tech.bentuk),
        "tech_since": _since(filters, tech),
        "tech_applies": list(tech.applies_to),
        "tech_min_jp": tech.min_jp,
        "sem_bentuk": list(sem.bentuk),
        "sem_since": _since(filters, sem),
        "sem_applies": list(sem.applies_to),
    }


def item_combinations(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str = "none", rules: Scoring | None = None
) -> pl.DataFrame:
    """group, group_region, <item>_app, <item>_met for lead/func/tech/sem, staff, points: how many
    people meet which items, and the points each of them scores."""
    rules = rules or scoring()
    frame = query(con, "ip_asn_kompetensi", sql_params(filters, by, rules))
    frame = frame.with_columns(pl.col(KEYS).cast(pl.String))
    return frame.with_columns(points=points_expr(rules))


def points_expr(rules: Scoring) -> pl.Expr:
    """A person's points from the <item>_app / <item>_met columns.

    Earned = Σ points of the items met. With scale_to_applicable, items that do not apply to the
    person's position are left out and the earned points are scaled to the dimension's maximum:
    dimension_points × earned ÷ Σ points of the items that apply (0 when none applies). Without it,
    earned as it is, capped at the dimension's maximum.
    """
    earned = pl.sum_horizontal(
        pl.when(pl.col(f"{PREFIX[i.id]}_met")).then(pl.lit(i.points)).otherwise(0.0) for i in rules.items
    )
    if not rules.scale_to_applicable:
        return pl.min_horizontal(earned, pl.lit(rules.dimension_points))
    possible = pl.sum_horizontal(
        pl.when(pl.col(f"{PREFIX[i.id]}_app")).then(pl.lit(i.points)).otherwise(0.0) for i in rules.items
    )
    return pl.when(possible > 0).then(earned * rules.dimension_points / possible).otherwise(0.0)


def components(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str = "none", rules: Scoring | None = None
) -> pl.DataFrame:
    """Per group: ip_staff, ip_points, ip_points_max, and <prefix>_app / <prefix>_met counts."""
    rules = rules or scoring()
    combos = item_combinations(con, filters, by, rules)
    staff = pl.col("staff")
    aggregations = {
        "ip_staff": staff.sum(),
        "ip_points": (staff * pl.col("points")).sum(),
        "ip_points_max": staff.sum() * rules.dimension_points,
    }
    for prefix in PREFIX.values():
        aggregations[f"{prefix}_app"] = staff.filter(pl.col(f"{prefix}_app")).sum()
        aggregations[f"{prefix}_met"] = staff.filter(pl.col(f"{prefix}_met")).sum()
    result = combos.group_by(KEYS).agg(**aggregations)
    if by == "none" and result.is_empty():  # nobody in scope: one row of zeros, rates null
        result = pl.DataFrame({"group": [""], "group_region": [None]}, schema=dict.fromkeys(KEYS, pl.String))
        result = result.with_columns(pl.lit(0.0).alias(c) for c in aggregations)
    counts = [c for c in result.columns if c not in KEYS]
    return result.with_columns(pl.col(counts).cast(pl.Float64)).sort(KEYS, nulls_last=True)


def ip_asn_kpis(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str = "none", rules: Scoring | None = None
) -> pl.DataFrame:
    """One row per group: the components, every IP_ASN_METRICS value and each rate's Wilson interval."""
    parts = metric_values(components(con, filters, by, rules), IP_ASN_METRICS)
    return with_intervals(parts, IP_ASN_METRICS)


def score_distribution(
    con: duckdb.DuckDBPyConnection, filters: Filters, rules: Scoring | None = None
) -> pl.DataFrame:
    """points, staff: how many people in scope score each number of points (rounded to 0.1)."""
    combos = item_combinations(con, filters, rules=rules)
    return (
        combos.group_by(pl.col("points").round(1))
        .agg(pl.col("staff").sum())
        .with_columns(pl.col("staff").cast(pl.Int64))
        .sort("points")
    )
