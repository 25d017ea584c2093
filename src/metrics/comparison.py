"""When does a difference between two groups' figures mean something? The interval-overlap rule.

A rate measured on few people (Siulak has a few hundred ASN, Semarang thousands) moves a lot by
chance. Each count rate therefore carries a 95 % Wilson interval (compute.kpis_long). The rule the
app applies when it compares two groups:

- their intervals **do not overlap**: the difference is unlikely to be chance ("clear");
- their intervals **overlap** (touching counts as overlapping): the difference may be chance
  ("may be noise"). This is deliberately cautious: two overlapping 95 % intervals can still hide a
  real difference, so the app says "may be", never "is not";
- either interval is unknown (a metric without one, or a zero denominator): no verdict (None).

Rankings put the best first: the highest value, or the lowest for a metric where lower is better
(registry `higher_is_better`). Equal values keep the groups' alphabetical order. Pure functions on
frames: no connection, no Streamlit.
"""

from __future__ import annotations

import polars as pl

REQUIRED = ("group", "value")


def intervals_overlap(
    low_a: float | None, high_a: float | None, low_b: float | None, high_b: float | None
) -> bool | None:
    """Whether [low_a, high_a] and [low_b, high_b] share a point; None when a bound is unknown."""
    if low_a is None or high_a is None or low_b is None or high_b is None:
        return None
    return low_a <= high_b and low_b <= high_a


def _with_interval(frame: pl.DataFrame) -> pl.DataFrame:
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise ValueError(f"missing columns {missing}")
    return frame.with_columns(
        [pl.lit(None, pl.Float64).alias(c) for c in ("ci_low", "ci_high") if c not in frame.columns]
    )


def ranked(frame: pl.DataFrame, higher_is_better: bool = True) -> pl.DataFrame:
    """The groups with a value, best first, with `rank` (1 = best) and `overlaps_previous`: whether
    the interval overlaps that of the group ranked just above (None for the first, or when either
    interval is unknown). Groups without a value are left out (they cannot be ranked)."""
    rows = (
        _with_interval(frame)
        .filter(pl.col("value").is_not_null())
        .sort(["value", "group"], descending=[higher_is_better, False])
    )
    previous_low = pl.col("ci_low").shift(1)
    previous_high = pl.col("ci_high").shift(1)
    known = pl.all_horizontal(
        pl.col("ci_low").is_not_null(), pl.col("ci_high").is_not_null(),
        previous_low.is_not_null(), previous_high.is_not_null(),
    )  # fmt: skip
    overlap = (pl.col("ci_low") <= previous_high) & (previous_low <= pl.col("ci_high"))
    return rows.with_columns(
        rank=pl.int_range(1, pl.len() + 1, dtype=pl.Int32),
        overlaps_previous=pl.when(known).then(overlap).otherwise(None),
    )


def neighbour_pairs(frame: pl.DataFrame, higher_is_better: bool = True) -> pl.DataFrame:
    """Each pair of groups next to each other in the ranking: `first` (better), `second`, their
    values and intervals, and `overlap` (True: the difference may be chance; False: unlikely to be
    chance; None: no verdict). These are the differences a ranking silently claims."""
    rows = ranked(frame, higher_is_better)
    schema = {
        "first": pl.String, "second": pl.String, "value_first": pl.Float64, "value_second": pl.Float64,
        "ci_low_first": pl.Float64, "ci_high_first": pl.Float64,
        "ci_low_second": pl.Float64, "ci_high_second": pl.Float64, "overlap": pl.Boolean,
    }  # fmt: skip
    if rows.height < 2:
        return pl.DataFrame(schema=schema)
    above, below = rows.head(rows.height - 1), rows.tail(rows.height - 1)
    return pl.DataFrame(
        {
            "first": above["group"].cast(pl.String),
            "second": below["group"].cast(pl.String),
            "value_first": above["value"],
            "value_second": below["value"],
            "ci_low_first": above["ci_low"],
            "ci_high_first": above["ci_high"],
            "ci_low_second": below["ci_low"],
            "ci_high_second": below["ci_high"],
            "overlap": below["overlaps_previous"],
        },
        schema=schema,
    )


def leaders(frames: dict[str, pl.DataFrame], higher_is_better: dict[str, bool]) -> dict[str, list[str]]:
    """Per metric id, the group(s) with the best value (ties share the lead); metrics without any
    value are left out. `frames` maps a metric id to its `group`, `value` frame."""
    best: dict[str, list[str]] = {}
    for metric, frame in frames.items():
        known = frame.filter(pl.col("value").is_not_null())
        if known.is_empty():
            continue
        top = known["value"].max() if higher_is_better.get(metric, True) else known["value"].min()
        best[metric] = sorted(str(g) for g in known.filter(pl.col("value") == top)["group"])
    return best
