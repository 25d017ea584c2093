"""Import history: every import, refusal, rollback and sample build, kept in the meta store beside the
data (src/warehouse/meta.py) so that a rollback does not erase the record of what it undid.

Problems are stored as their parts (file, message key, line, column, masked value), not as text, so
the page shows them in the reader's language. Nothing personal is stored: NIPs are already masked.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from src.warehouse.meta import open_meta
from src.warehouse.problems import Problem, ProblemList

SCHEMA = """
CREATE TABLE IF NOT EXISTS import_history (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at      TEXT NOT NULL,
    finished_at     TEXT NOT NULL,
    who             TEXT NOT NULL,
    action          TEXT NOT NULL,   -- import | rollback | demo
    outcome         TEXT NOT NULL,   -- committed | refused | unchanged | failed | rolled_back
    version_before  INTEGER,
    version_after   INTEGER,
    files           TEXT NOT NULL,   -- JSON: [{name, sha256, size, dataset, rows}]
    rows            TEXT NOT NULL,   -- JSON: {dataset: rows}
    problems        TEXT NOT NULL,   -- JSON: the first problems, as their parts
    problem_total   INTEGER NOT NULL,
    problem_counts  TEXT NOT NULL    -- JSON: {message key: count}
);
"""

# Problem keys that mean "a record names staff the snapshot does not hold" (the quality panel counts them).
UNKNOWN_STAFF_KEY = "import.error.unknown_staff"


@dataclass
class Entry:
    who: str
    action: str
    outcome: str
    started_at: dt.datetime
    finished_at: dt.datetime = field(default_factory=dt.datetime.now)
    version_before: int | None = None
    version_after: int | None = None
    files: list[dict[str, object]] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    problem_total: int = 0
    problem_counts: dict[str, int] = field(default_factory=dict)
    id: int | None = None

    def with_problems(self, problems: ProblemList) -> Entry:
        self.problems, self.problem_total = list(problems.listed), problems.total
        self.problem_counts = dict(problems.by_key)
        return self

    def rendered_problems(self, lang: str) -> list[str]:
        listed = ProblemList(self.problems, self.problem_total)
        return listed.render(lang)


def record(db_path: Path | str, entry: Entry) -> int:
    """Append `entry` to the history of the database at `db_path`; returns its id."""
    with open_meta(db_path, SCHEMA) as con:
        cursor = con.execute(
            "INSERT INTO import_history (started_at, finished_at, who, action, outcome, version_before,"
            " version_after, files, rows, problems, problem_total, problem_counts)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                entry.started_at.isoformat(timespec="seconds"),
                entry.finished_at.isoformat(timespec="seconds"),
                entry.who,
                entry.action,
                entry.outcome,
                entry.version_before,
                entry.version_after,
                json.dumps(entry.files),
                json.dumps(entry.rows),
                json.dumps([asdict(p) for p in entry.problems], default=str),
                entry.problem_total,
                json.dumps(entry.problem_counts),
            ),
        )
        return int(cursor.lastrowid)


def entries(db_path: Path | str, limit: int = 100) -> list[Entry]:
    """The latest `limit` entries, newest first."""
    with open_meta(db_path, SCHEMA) as con:
        rows = con.execute("SELECT * FROM import_history ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
    return [
        Entry(
            id=row["id"],
            who=row["who"],
            action=row["action"],
            outcome=row["outcome"],
            started_at=dt.datetime.fromisoformat(row["started_at"]),
            finished_at=dt.datetime.fromisoformat(row["finished_at"]),
            version_before=row["version_before"],
            version_after=row["version_after"],
            files=json.loads(row["files"]),
            rows=json.loads(row["rows"]),
            problems=[Problem(**p) for p in json.loads(row["problems"])],
            problem_total=row["problem_total"],
            problem_counts=json.loads(row["problem_counts"]),
        )
        for row in rows
    ]


def refused_unknown_staff(db_path: Path | str) -> int:
    """Records refused because their NIP was not in the staff snapshot, over all refused imports."""
    with open_meta(db_path, SCHEMA) as con:
        rows = con.execute("SELECT problem_counts FROM import_history WHERE outcome = 'refused'").fetchall()
    return sum(json.loads(row["problem_counts"]).get(UNKNOWN_STAFF_KEY, 0) for row in rows)
