"""Data quality: who the data covers, records of staff no longer on the staff list, and values worth
a look, per dataset and region. How fresh each slice is comes from src/metrics/freshness.py.

What the year means here:
- coverage (`quality_coverage`) is about the staff in scope, the current snapshot under every staff
  filter: the share assessed at least once on or before the period's last day (as assessed_rate),
  and the share with a performance rating for the filter year and for the year before (a year's SKP
  rating is only given early the next year);
- the checks (`quality_checks`, `flagged_development`) look at the records of the filter year (the
  year of the record's date, or TAHUN: the slice an import replaces, so a corrected file re-imported
  replaces exactly what was checked), in the chosen regions; other filters do not apply (a record of
  someone no longer on the staff list has no OPD).
"""

from __future__ import annotations

import duckdb
import polars as pl

from src.metrics.compute import query
from src.metrics.filters import Filters

# A development record is implausible when it claims more JP than this per calendar day of the
# course (start and end day counted): 16 JP of 45 minutes is 12 hours.
MAX_JP_PER_DAY = 16
# A development record's cost is far above the usual when BIAYA exceeds this many times the median
# BIAYA of the same BENTUK (over every stored record of it with a known, non-zero BIAYA).
COST_FACTOR = 3
# How many flagged records the sample holds.
SAMPLE_LIMIT = 50
# The datasets the checks cover (pegawai is the snapshot itself; its coverage is quality_coverage).
CHECKED_DATASETS = ("pengembangan", "kompetensi", "kinerja", "karier", "anggaran", "kebutuhan")


def _params(filters: Filters) -> dict[str, object]:
    return {
        **filters.sql_params(),
        "by": "none",
        "by2": "none",
        "max_jp_per_day": MAX_JP_PER_DAY,
        "cost_factor": COST_FACTOR,
    }


def _share(part: str, whole: str = "staff") -> pl.Expr:
    """part ÷ whole, null when whole is zero."""
    return pl.when(pl.col(whole) > 0).then(pl.col(part) / pl.col(whole))


def quality_coverage(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Per region of the staff in scope: staff, assessed, rated (kinerja for filters.year),
    rated_previous (for the year before) and the three shares of staff."""
    counts = query(con, "quality_coverage", _params(filters))
    counts = counts.with_columns(pl.col("staff", "assessed", "rated", "rated_previous").cast(pl.Int64))
    return counts.with_columns(
        assessed_share=_share("assessed"),
        rated_share=_share("rated"),
        rated_previous_share=_share("rated_previous"),
    )


def quality_checks(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Per dataset (CHECKED_DATASETS) and region, for the records of filters.year in filters.regions:
    records, unknown_staff (NIP not in the staff snapshot; null for datasets not about a person),
    too_many_jp and cost_outlier (development only; null elsewhere) and flagged (development records
    failing either check). A region that has staff or data gets a row for every dataset, so a
    missing dataset shows as 0 records."""
    frame = query(con, "quality_checks", _params(filters))
    counts = ["records", "unknown_staff", "too_many_jp", "cost_outlier", "flagged"]
    return frame.with_columns(pl.col(counts).cast(pl.Int64))


def flagged_development(
    con: duckdb.DuckDBPyConnection, filters: Filters, limit: int = SAMPLE_LIMIT
) -> pl.DataFrame:
    """Up to `limit` flagged development records of filters.year in filters.regions, oldest first,
    without personal data: wilayah, unit_kerja (the person's current OPD; null when no longer on the
    staff list), nama_kegiatan, bentuk, penyelenggara, tanggal_mulai, tanggal_selesai, days, jp,
    jp_per_day, biaya, usual_cost (the BENTUK's median), too_many_jp, cost_outlier."""
    return query(con, "quality_flagged", {**_params(filters), "limit": limit})


__all__ = [
    "CHECKED_DATASETS",
    "COST_FACTOR",
    "MAX_JP_PER_DAY",
    "SAMPLE_LIMIT",
    "flagged_development",
    "quality_checks",
    "quality_coverage",
]
