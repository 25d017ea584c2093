"""Rules the Kesenjangan Kompetensi page shows on top of the competency metrics (no SQL: they work on
what src/metrics/compute.py and src/metrics/competency.py return).

- `jpm_band_split`: the Optimal / Cukup Optimal / Kurang Optimal counts (registry metrics jpm_optimal,
  jpm_cukup, jpm_kurang) with each one's share of the staff who have a JPM.
- `flag_big_gap_little_training`: which competencies have a large gap but little training on the
  topics that address them, so a leader sees where training does not follow need.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

# Band order, best first; the ids are those of src.metrics.competency.jpm_band.
JPM_BANDS = ("optimal", "cukup", "kurang")
_BAND_METRICS = {"optimal": "jpm_optimal", "cukup": "jpm_cukup", "kurang": "jpm_kurang"}


def jpm_band_split(kpi: Mapping[str, object]) -> pl.DataFrame:
    """band, staff, share: one row per JPM band from a kpis row holding jpm_optimal/cukup/kurang.

    The share's denominator is the staff with a JPM (the three counts together); with nobody, every
    share is null (a zero denominator is "–", never 0).
    """
    counts = [float(kpi.get(_BAND_METRICS[band]) or 0.0) for band in JPM_BANDS]
    total = sum(counts)
    return pl.DataFrame(
        {
            "band": list(JPM_BANDS),
            "staff": counts,
            "share": [count / total if total > 0 else None for count in counts],
        },
        schema={"band": pl.String, "staff": pl.Float64, "share": pl.Float64},
    )


def flag_big_gap_little_training(gaps: pl.DataFrame) -> pl.DataFrame:
    """`gaps` (compute competency.gaps_vs_topic_jp) with `big_gap_little_training`, `gap_median` and
    `jp_median` added.

    A competency is flagged when its mean gap is above the median gap of the competencies listed and
    the JP completed on the topics that address it (none known: 0) is at or below the median JP.
    Medians are taken over the competencies in `gaps` (that is, in scope): the rule asks "larger and
    less trained than the others", which holds for any data size. The strict "above" keeps the rule
    from always flagging the competency that sits on both medians; "at or below" keeps competencies
    without any training flagged when most have none (a median of 0 JP).
    """
    if gaps.is_empty():
        return gaps.with_columns(
            big_gap_little_training=pl.lit(None, pl.Boolean),
            gap_median=pl.lit(None, pl.Float64),
            jp_median=pl.lit(None, pl.Float64),
        )
    gap_median = gaps["gap_mean"].median()
    jp_median = gaps["jp_on_topics"].fill_null(0.0).median()
    return gaps.with_columns(
        big_gap_little_training=(pl.col("gap_mean") > gap_median)
        & (pl.col("jp_on_topics").fill_null(0.0) <= jp_median),
        gap_median=pl.lit(gap_median, pl.Float64),
        jp_median=pl.lit(jp_median, pl.Float64),
    )
