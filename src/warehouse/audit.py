"""The audit log: who did what, when, and in which scope (sign-ins, account changes, imports,
rollbacks, exports), in the meta store beside the data. Details never hold personal data or secrets."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from src.warehouse.meta import open_meta

SCHEMA = """
CREATE TABLE IF NOT EXISTS audit_log (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       TEXT NOT NULL,
    who      TEXT NOT NULL,
    action   TEXT NOT NULL,
    details  TEXT NOT NULL   -- JSON: the scope and what was done (no passwords, no personal data)
);
"""


@dataclass(frozen=True)
class Event:
    id: int
    at: dt.datetime
    who: str
    action: str
    details: dict[str, object]


def record(db: Path | str, who: str, action: str, **details: object) -> None:
    with open_meta(db, SCHEMA) as con:
        con.execute(
            "INSERT INTO audit_log (at, who, action, details) VALUES (?, ?, ?, ?)",
            (dt.datetime.now().isoformat(timespec="seconds"), who, action, json.dumps(details, default=str)),
        )


def events(db: Path | str, limit: int = 200) -> list[Event]:
    """The latest `limit` events, newest first."""
    with open_meta(db, SCHEMA) as con:
        rows = con.execute("SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
    return [
        Event(
            row["id"],
            dt.datetime.fromisoformat(row["at"]),
            row["who"],
            row["action"],
            json.loads(row["details"]),
        )
        for row in rows
    ]
