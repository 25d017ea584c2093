"""What the filter widgets may offer: the years and months with data, the regions and their units.

Read from the warehouse (sql/filter_options.sql), so a fourth region or a new year needs no code.
"""

from __future__ import annotations

import re
from functools import cache

import duckdb
import polars as pl

from src.metrics.compute import SQL_DIR

_NAME = re.compile(r"^-- name: (\w+)\s*$", re.MULTILINE)


@cache
def named_queries(file: str = "filter_options") -> dict[str, str]:
    """The `-- name: NAME` sections of sql/FILE.sql, by name."""
    text = (SQL_DIR / f"{file}.sql").read_text(encoding="utf-8")
    parts = _NAME.split(text)[1:]  # [name, body, name, body, ...]
    return {name: body.strip() for name, body in zip(parts[::2], parts[1::2], strict=True)}


def periods(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """year, last_month, last_month_development, last_month_budget (null: no data of that kind)."""
    return con.sql(named_queries()["periods"]).pl()


def units(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """region, unit, staff: every unit of the current staff snapshot."""
    return con.sql(named_queries()["units"]).pl()
