"""Competency views beyond the headline metrics: JPM distribution, gaps set against the JP spent on
the topics that address them, and gap change for trained vs untrained staff."""

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

DEFAULT_TOPIC_MAP = ROOT / "data" / "kompetensi_topik.csv"
# JPM bands of the competency mapping (shared/domain.md; the bands are marked "check" there).
JPM_OPTIMAL, JPM_CUKUP = 90.0, 78.0


@cache
def competency_topics(path: Path | None = None) -> tuple[tuple[str, str], ...]:
    """(competency, topic) pairs: which training topics address which competency. A technical
    competency with no row is addressed by the topic of the same name."""
    source = path or Path(os.environ.get("DASBOR_KOMPETENSI_TOPIK", DEFAULT_TOPIC_MAP))
    with source.open(encoding="utf-8-sig", newline="") as handle:
        return tuple((row["kompetensi"], row["topik"]) for row in csv.DictReader(handle))


def _params(filters: Filters, **extra: object) -> dict[str, object]:
    return {**filters.sql_params(), "by": "none", "by2": "none", **extra}


def jpm_band(jpm: float) -> str:
    """optimal / cukup / kurang, as in the competency mapping."""
    return "optimal" if jpm >= JPM_OPTIMAL else "cukup" if jpm >= JPM_CUKUP else "kurang"


def jpm_distribution(con: duckdb.DuckDBPyConnection, filters: Filters, bin_width: int = 2) -> pl.DataFrame:
    """Assessed staff per JPM bin [jpm_from, jpm_from + bin_width), with the bin's band."""
    frame = query(con, "jpm_distribution", _params(filters, bin_width=bin_width))
    return frame.with_columns(
        jpm_to=pl.col("jpm_from") + bin_width,
        band=pl.when(pl.col("jpm_from") >= JPM_OPTIMAL)
        .then(pl.lit("optimal"))
        .when(pl.col("jpm_from") >= JPM_CUKUP)
        .then(pl.lit("cukup"))
        .otherwise(pl.lit("kurang")),
    ).select("jpm_from", "jpm_to", "band", "staff")


def gaps_vs_topic_jp(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Per competency: mean gap, staff below standard, the topics that address it and the JP
    completed on them in the period; largest gaps first."""
    mapping = competency_topics()
    return query(con, "gap_vs_topic_jp", _params(
        filters, map_competency=[c for c, _ in mapping], map_topic=[t for _, t in mapping]
    ))  # fmt: skip


def gap_change(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Mean level change between consecutive assessments (later one in the period), for staff who
    completed development of the same kind in between (trained) and those who did not."""
    return query(con, "gap_change", _params(filters))
