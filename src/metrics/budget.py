"""Budget over the months: absorption against the plan curve and last year, and a year-end projection.

The plan curve (cumulative share of the pagu planned to be spent by the end of each month) is an
assumption, kept as data in data/rencana_serapan.csv (or the file named by DASBOR_RENCANA_SERAPAN):
budget plans are back-loaded, so a straight line would call every region late until October.
"""

from __future__ import annotations

import csv
import os
from functools import cache
from pathlib import Path

import duckdb
import polars as pl

from src.config import ROOT
from src.metrics.compute import query
from src.metrics.filters import Filters

DEFAULT_PLAN = ROOT / "data" / "rencana_serapan.csv"


@cache
def plan_curve(path: Path | None = None) -> dict[int, float]:
    """Month -> planned cumulative absorption (0–1)."""
    source = path or Path(os.environ.get("DASBOR_RENCANA_SERAPAN", DEFAULT_PLAN))
    with source.open(encoding="utf-8-sig", newline="") as handle:
        return {int(row["bulan"]): float(row["rencana_kumulatif"]) for row in csv.DictReader(handle)}


def budget_by_month(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Per year (filters.year and earlier) and month: pagu as of the month, spent in the month,
    cumulative spent, cumulative absorption, and the plan's cumulative absorption."""
    frame = query(con, "budget_monthly", filters.sql_params())
    plan = plan_curve()
    return frame.with_columns(
        absorption=pl.when(pl.col("pagu") > 0).then(pl.col("realisasi_cumulative") / pl.col("pagu")),
        plan=pl.col("month").replace_strict(plan, default=None, return_dtype=pl.Float64),
    )


def year_end_projection(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict[str, object]:
    """Projected spending by 31 December from the year-to-date spending and the seasonal pattern.

    Assumption: this year follows the average of earlier complete years, in which by the end of
    month M a share s(M) of the year's spending had been made; projection = spent so far ÷ s(M).
    Returns the figures and the years the pattern rests on (none: no projection).
    """
    months = budget_by_month(con, filters)
    month = filters.end_month
    earlier = months.filter(pl.col("year") < filters.year)
    complete_years = earlier.group_by("year").agg(pl.col("month").max()).filter(pl.col("month") == 12)
    years = sorted(complete_years["year"].to_list())
    current = months.filter((pl.col("year") == filters.year) & (pl.col("month") == month))
    result: dict[str, object] = {
        "years_used": years, "month": month, "share_by_month": None, "spent": None,
        "projected_spent": None, "pagu": None, "projected_absorption": None,
    }  # fmt: skip
    if current.is_empty():
        return result
    spent, pagu = current["realisasi_cumulative"][0], current["pagu"][0]
    result.update(spent=spent, pagu=pagu)
    shares = (
        earlier.filter(pl.col("year").is_in(years))
        .group_by("year")
        .agg(
            (
                pl.col("realisasi_cumulative").filter(pl.col("month") == month).first()
                / pl.col("realisasi_cumulative").filter(pl.col("month") == 12).first()
            ).alias("share")
        )
        .drop_nulls()
    )
    if shares.is_empty() or not shares["share"].mean():
        return result
    share = float(shares["share"].mean())
    projected = spent / share
    result.update(
        share_by_month=share,
        projected_spent=projected,
        projected_absorption=projected / pagu if pagu else None,
    )
    return result
