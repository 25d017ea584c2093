"""Notes of the monthly review: the conclusions and agreed actions, per month and region.

Kept in the meta store beside the database (src/warehouse/meta.py), so imports and rollbacks never
touch them. Every save is a new row: the history stays, the latest row is the note. There are no
accounts yet, so `author` is the name the writer typed. The text is never logged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from src.warehouse.meta import meta_path, open_meta

SCHEMA = """
CREATE TABLE IF NOT EXISTS review_notes (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    year     INTEGER NOT NULL,
    month    INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    region   TEXT NOT NULL DEFAULT '',   -- '' = every region
    text     TEXT NOT NULL,
    author   TEXT NOT NULL,
    saved_at TEXT NOT NULL               -- ISO 8601, local time of the machine, to the second
);
CREATE INDEX IF NOT EXISTS review_notes_period ON review_notes (year, month, region, id);
"""
MAX_TEXT = 10_000
MAX_AUTHOR = 120


@dataclass(frozen=True)
class Note:
    year: int
    month: int
    region: str
    text: str
    author: str
    saved_at: dt.datetime


def previous_period(year: int, month: int) -> tuple[int, int]:
    """The month before (December of the year before for January)."""
    return (year - 1, 12) if month == 1 else (year, month - 1)


def save_note(
    db_path: Path | str,
    year: int,
    month: int,
    region: str,
    text: str,
    author: str,
    saved_at: dt.datetime | None = None,
) -> Note:
    """Store a new version of the note of (year, month, region); blank text or author is refused."""
    text, author = text.strip(), " ".join(author.split())
    if not text or not author:
        raise ValueError("a note needs a text and an author")
    if len(text) > MAX_TEXT or len(author) > MAX_AUTHOR:
        raise ValueError("note or author too long")
    if not 1 <= month <= 12:
        raise ValueError("month must be 1-12")
    moment = (saved_at or dt.datetime.now()).replace(microsecond=0)
    with open_meta(db_path, SCHEMA) as con:
        con.execute(
            "INSERT INTO review_notes (year, month, region, text, author, saved_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (year, month, region, text, author, moment.isoformat()),
        )
    return Note(year, month, region, text, author, moment)


def history(db_path: Path | str, year: int, month: int, region: str) -> list[Note]:
    """Every saved version of the note of (year, month, region), newest first (none: [])."""
    if not meta_path(db_path).exists():  # reading never creates the store
        return []
    with open_meta(db_path, SCHEMA) as con:
        rows = con.execute(
            "SELECT year, month, region, text, author, saved_at FROM review_notes"
            " WHERE year = ? AND month = ? AND region = ? ORDER BY id DESC",
            (year, month, region),
        ).fetchall()
    return [
        Note(
            *(r[k] for k in ("year", "month", "region", "text", "author")),
            dt.datetime.fromisoformat(r["saved_at"]),
        )
        for r in rows
    ]


def latest_note(db_path: Path | str, year: int, month: int, region: str) -> Note | None:
    """The note of (year, month, region) as last saved, or None."""
    notes = history(db_path, year, month, region)
    return notes[0] if notes else None


def previous_note(db_path: Path | str, year: int, month: int, region: str) -> Note | None:
    """Last month's note of the same region ("last month we agreed …")."""
    return latest_note(db_path, *previous_period(year, month), region)
