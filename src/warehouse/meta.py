"""The store beside the data: what people write (import history, review notes, later accounts and the
audit log), kept out of the imported data so that imports and rollbacks never touch it.

One SQLite file next to the database (`data/asn.duckdb` -> `data/asn.meta.sqlite`). SQLite, because
the app and the command line write to it at the same time: it locks per write and waits for the
other writer, where a second DuckDB writer would be refused. Each module owns its tables and passes
their `CREATE TABLE IF NOT EXISTS` statements to `open_meta`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

# How long a writer waits for another one before giving up (seconds).
BUSY_TIMEOUT = 30


def meta_path(db_path: Path | str) -> Path:
    """`data/asn.duckdb` -> `data/asn.meta.sqlite`."""
    db_path = Path(db_path)
    return db_path.with_name(f"{db_path.stem}.meta.sqlite")


@contextmanager
def open_meta(db_path: Path | str, schema: str = "") -> Iterator[sqlite3.Connection]:
    """A connection to the meta store of `db_path`, with `schema` created; commits on success."""
    path = meta_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(path, timeout=BUSY_TIMEOUT)) as con:
        con.row_factory = sqlite3.Row
        con.execute("PRAGMA journal_mode=WAL")  # readers do not wait for a writer
        if schema:
            con.executescript(schema)
        with con:  # one transaction: committed on success, rolled back on error
            yield con
