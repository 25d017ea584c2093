"""Opening the warehouse: the schema is created on first write; readers open read-only."""

from __future__ import annotations

from pathlib import Path

import duckdb

_HERE = Path(__file__).parent
SCHEMA_SQL = (_HERE / "schema.sql").read_text(encoding="utf-8")
ROLLUPS_SQL = (_HERE / "rollups.sql").read_text(encoding="utf-8")


def refresh_rollups(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild dimension and rollup tables from the base tables (the importer calls this)."""
    con.execute(ROLLUPS_SQL)


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse at `path` (":memory:" for tests); a writer creates what is missing."""
    if read_only:
        return duckdb.connect(str(path), read_only=True)
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    con.execute(SCHEMA_SQL)
    # DuckDB 2.0 refuses new work while an execute() result is unread: fetch everything.
    [(rollups_exist,)] = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'dim_wilayah'"
    ).fetchall()
    if not rollups_exist:
        refresh_rollups(con)
    return con
