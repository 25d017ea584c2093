"""How fresh the data is: per dataset and region, rows, latest date covered and last import."""

from __future__ import annotations

import json

import duckdb
import polars as pl

from src.metrics.compute import query


def last_imports(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """The time each (dataset, region) slice was last replaced by an import."""
    latest: dict[tuple[str, str], object] = {}
    for waktu, slices in con.execute("SELECT waktu, slices FROM import_log ORDER BY waktu").fetchall():
        for dataset, pairs in json.loads(slices).items():
            for region, _year in pairs:
                latest[(dataset, region)] = waktu
    return pl.DataFrame(
        [{"dataset": d, "wilayah": r, "last_import": w} for (d, r), w in latest.items()],
        schema={"dataset": pl.String, "wilayah": pl.String, "last_import": pl.Datetime},
    )


def data_freshness(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """dataset, wilayah, rows, latest_date, last_import."""
    held = query(con, "freshness", {})
    return held.join(last_imports(con), on=["dataset", "wilayah"], how="left")
