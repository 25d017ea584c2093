"""Versions of the data: each committed import, rollback or sample build publishes a new, immutable
database file; readers switch to it at once, and a reader that is answering keeps its version.

Beside the database path (here `data/asn.duckdb`):

    data/asn.duckdb                    the current version: a hard link to one of the files below
    data/asn.versions/v0007.duckdb     every published version, never written again after publishing
    data/asn.versions/lock             held (flock) by the one process writing a new version
    data/asn.versions/staging-*.duckdb a version being built; left by a killed import, removed by the next

Why it is safe: a new version is built in a staging file (a copy of the current one), checkpointed,
flushed to disk, linked under its version name, and only then renamed over `asn.duckdb` (`rename` is
atomic). A process killed at any moment leaves the current version as it was; what it leaves behind
is a staging file the next writer deletes. DuckDB readers never see a half-written file: the files
they open are never modified, and the file they have open stays readable after the rename.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import getpass
import json
import logging
import os
import re
import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from src.config import keep_versions
from src.warehouse import audit, history
from src.warehouse.db import connect
from src.warehouse.importer import (
    ImportPlan,
    ImportResult,
    file_info,
    load_plan,
    plan_import,
    slice_changes,
)
from src.warehouse.problems import Problem, ProblemList

log = logging.getLogger(__name__)

_VERSION_FILE = re.compile(r"^v(\d+)\.duckdb$")
_STAGING_PREFIX = "staging-"


class Busy(Exception):
    """Another process is writing a new version (an import, a rollback or a sample build)."""


class NothingToRollBack(Exception):
    """The current version is the oldest one kept."""


@dataclass(frozen=True)
class Version:
    number: int
    path: Path
    created: dt.datetime
    size: int
    current: bool


def versions_dir(db: Path | str) -> Path:
    db = Path(db)
    return db.with_name(f"{db.stem}.versions")


def _version_files(db: Path) -> list[tuple[int, Path]]:
    folder = versions_dir(db)
    if not folder.is_dir():
        return []
    found = [(int(m.group(1)), p) for p in folder.iterdir() if (m := _VERSION_FILE.match(p.name))]
    return sorted(found)


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_ino, a.st_dev) == (b.st_ino, b.st_dev)


def list_versions(db: Path | str) -> list[Version]:
    """Every kept version, oldest first; `current` marks the one `db` is."""
    db = Path(db)
    current = db.stat() if db.exists() else None
    listed = []
    for number, path in _version_files(db):
        with contextlib.suppress(FileNotFoundError):  # pruned meanwhile
            stat = path.stat()
            listed.append(
                Version(
                    number,
                    path,
                    dt.datetime.fromtimestamp(stat.st_mtime),
                    stat.st_size,
                    current is not None and _same_file(stat, current),
                )
            )
    return listed


def current_version(db: Path | str) -> Version | None:
    return next((v for v in list_versions(db) if v.current), None)


def current_file(db: Path | str) -> Path:
    """The immutable file readers should open for the current version (`db` itself if unversioned).

    Opening this path rather than `db` pins the version: the name of a version file never changes
    what it points to, while `db` may be renamed over by the next import at any moment.
    """
    version = current_version(db)
    return version.path if version else Path(db)


@contextlib.contextmanager
def _writer_lock(db: Path, wait_seconds: float) -> Iterator[None]:
    folder = versions_dir(db)
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / "lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released by the kernel if we are killed
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise Busy(str(db)) from None
                time.sleep(0.2)
        _remove_debris(folder)
        _adopt_unversioned(db)
        yield
    finally:
        os.close(fd)


def _remove_debris(folder: Path) -> None:
    """Staging files of an import that was killed (we hold the lock: nobody is building one)."""
    for path in folder.glob(f"{_STAGING_PREFIX}*"):
        log.warning("removing an unfinished version left by an interrupted import: %s", path.name)
        path.unlink(missing_ok=True)


def _adopt_unversioned(db: Path) -> None:
    """A database made before versions existed becomes version 1 (a link, no copy)."""
    if db.exists() and current_version(db) is None:
        _fsync(db)
        os.link(db, versions_dir(db) / _version_name(_next_number(db)))


def _version_name(number: int) -> str:
    return f"v{number:04d}.duckdb"


def _next_number(db: Path) -> int:
    files = _version_files(db)
    return files[-1][0] + 1 if files else 1


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _publish(staging: Path, db: Path) -> int:
    """Make the finished staging file the current version; returns its number."""
    _fsync(staging)
    number = _next_number(db)
    os.link(staging, versions_dir(db) / _version_name(number))
    os.replace(staging, db)  # the switch: atomic, readers see the old or the new file, never a mix
    _fsync(db.parent)
    _fsync(versions_dir(db))
    _prune(db)
    return number


def _prune(db: Path) -> None:
    """Keep the newest `keep_versions()` versions and the current one."""
    versions = list_versions(db)
    for version in versions[: -keep_versions()]:
        if not version.current:
            version.path.unlink(missing_ok=True)


def _new_staging(db: Path) -> Path:
    return versions_dir(db) / f"{_STAGING_PREFIX}{os.getpid()}-{uuid.uuid4().hex[:8]}.duckdb"


def _build(db: Path, fill: Callable[[duckdb.DuckDBPyConnection], bool]) -> int | None:
    """Copy the current version to staging, let `fill` write to it, publish if it returns True."""
    staging = _new_staging(db)
    if db.exists():
        shutil.copyfile(current_file(db), staging)  # copy_file_range: in the kernel, reflink where possible
    try:
        con = connect(staging)
        try:
            keep = fill(con)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        return _publish(staging, db) if keep else None
    finally:
        staging.unlink(missing_ok=True)
        Path(f"{staging}.wal").unlink(missing_ok=True)


@contextlib.contextmanager
def _read_current(db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """The current version read-only, or an empty warehouse when there is none yet."""
    con = connect(current_file(db), read_only=True) if db.exists() else connect(":memory:")
    try:
        yield con
    finally:
        con.close()


def default_who() -> str:
    """Who runs a command-line import (until accounts exist): the system user."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


# ---- what the CLI and the Kelola Data page call -----------------------------------------------------


@dataclass
class ImportOutcome:
    result: ImportResult
    outcome: str  # committed | refused | unchanged | failed
    version: int | None  # the current version afterwards
    skipped: list[Problem]  # files already imported, unchanged since


@dataclass
class Preview:
    plan: ImportPlan
    changes: pl.DataFrame  # dataset, wilayah, tahun, rows_stored, rows_new (src.warehouse.importer)
    skipped: list[Problem]  # files already loaded and still standing: they would change nothing


def preview(
    db: Path | str, paths: list[Path], dataset: str | None = None, regions: tuple[str, ...] | None = None
) -> Preview:
    """Check files against the current version without writing anything (see import_versioned)."""
    db = Path(db)
    with _read_current(db) as con:
        skipped, remaining = _already_loaded(con, [Path(p) for p in paths])
        plan = _within(plan_import(con, remaining, dataset), regions)
        return Preview(plan, slice_changes(con, plan), skipped)


def _within(plan: ImportPlan, regions: tuple[str, ...] | None) -> ImportPlan:
    """Refuse a plan that would replace data of a region outside `regions` (None: any region)."""
    if regions is None or not plan.ok:
        return plan
    outside = sorted({w for slices in plan.result.slices.values() for w, _ in slices} - set(regions))
    if outside:
        values = {"regions": ", ".join(outside), "allowed": ", ".join(regions)}
        plan.result.problems.add(Problem("", "import.error.region_not_allowed", values=values))
        plan.frames, plan.result.rows, plan.result.slices = {}, {}, {}
    return plan


def import_versioned(
    db: Path | str,
    paths: list[Path],
    who: str,
    dataset: str | None = None,
    wait_seconds: float = 0,
    regions: tuple[str, ...] | None = None,
) -> ImportOutcome:
    """Check `paths` and, if every file passes, publish a new version with them loaded.

    `regions`: the regions the importing account may replace (a bkpsdm account: its own); a file
    touching any other region refuses the whole batch. None: any region (admin, command line).

    Files whose content (SHA-256) is already loaded, and whose slices no later import replaced, are
    skipped and reported: importing them again would change nothing. Raises Busy when another process
    is writing and does not finish within `wait_seconds`.
    """
    db = Path(db)
    started = dt.datetime.now()
    with _writer_lock(db, wait_seconds):
        before = current_version(db)
        entry = history.Entry(who, "import", "refused", started, version_before=before and before.number)
        with _read_current(db) as con:
            skipped, remaining = _already_loaded(con, [Path(p) for p in paths])
            plan = _within(plan_import(con, remaining, dataset), regions) if remaining else None
        entry.files = _file_records(paths, plan)
        result = plan.result if plan else ImportResult(ProblemList())
        number = None
        if plan is None or (plan.ok and not plan.frames):  # everything already loaded, or nothing given
            entry.outcome = "unchanged"
        elif not plan.ok:
            entry.outcome = "refused"
        else:
            number = _build(db, lambda con: load_plan(con, plan).ok)
            entry.outcome = "committed" if number else "failed"
        entry.version_after = number or entry.version_before
        entry.rows = result.rows if number else {}
        history.record(db, entry.with_problems(result.problems))
        audit.record(db, who, "import", outcome=entry.outcome, version=entry.version_after, regions=regions,
                     files=[(f["name"], f["sha256"]) for f in entry.files])  # fmt: skip
        return ImportOutcome(result, entry.outcome, entry.version_after, skipped)


def _file_records(paths: list[Path], plan: ImportPlan | None) -> list[dict[str, object]]:
    """name, sha256, size (and dataset, rows where read) of every file given, skipped ones included."""
    checked = {record["name"]: record for record in (plan.file_records if plan else [])}
    return [checked.get(path.name) or dict(file_info(path).__dict__) for path in map(Path, paths)]


def _already_loaded(con: duckdb.DuckDBPyConnection, paths: list[Path]) -> tuple[list[Problem], list[Path]]:
    """Split `paths` into files whose exact content is loaded and still stands, and the rest."""
    imports = con.execute("SELECT waktu, files, slices FROM import_log ORDER BY id").fetchall()
    loaded: list[tuple[object, dict[str, object], dict[str, list]]] = [
        (waktu, {f["sha256"]: f for f in json.loads(files)}, json.loads(slices))
        for waktu, files, slices in imports
    ]
    skipped, remaining = [], []
    for path in paths:
        digest = file_info(path).sha256  # a missing or unreadable file: the import says why
        found = None
        for index, (waktu, files, slices) in enumerate(loaded):
            if digest in files:
                found = (index, waktu, files[digest]["dataset"], slices)
        if found is None:
            remaining.append(path)
            continue
        index, waktu, dataset, slices = found
        mine = {tuple(s) for s in slices.get(dataset, [])}
        replaced_later = any(
            mine & {tuple(s) for s in later.get(dataset, [])} for _, _, later in loaded[index + 1 :]
        )
        if replaced_later:
            remaining.append(path)
        else:
            when = waktu.strftime("%d-%m-%Y %H:%M") if hasattr(waktu, "strftime") else str(waktu)
            skipped.append(Problem(path.name, "import.already_loaded", values={"when": when}))
    return skipped, remaining


def rollback(
    db: Path | str, who: str, wait_seconds: float = 0, to_version: int | None = None
) -> tuple[int, int]:
    """Make a kept version current again: `to_version`, or the one before the current one.

    Returns (from, to). Raises NothingToRollBack when there is no earlier version, or `to_version`
    is not kept or is already current. A version left this way stays kept and can be chosen again.
    """
    db = Path(db)
    started = dt.datetime.now()
    with _writer_lock(db, wait_seconds):
        current = current_version(db)
        kept = [v for v in list_versions(db) if current and v.number != current.number]
        if to_version is None:
            kept = [v for v in kept if current and v.number < current.number][-1:]
        else:
            kept = [v for v in kept if v.number == to_version]
        if current is None or not kept:
            raise NothingToRollBack(str(db))
        target = kept[0]
        staging = _new_staging(db)
        os.link(target.path, staging)
        os.replace(staging, db)
        _fsync(db.parent)
        history.record(
            db,
            history.Entry(
                who,
                "rollback",
                "rolled_back",
                started,
                version_before=current.number,
                version_after=target.number,
            ),
        )
        audit.record(db, who, "rollback", version_before=current.number, version_after=target.number)
        log.info("rolled back from version %d to %d", current.number, target.number)
        return current.number, target.number


def build_version(
    db: Path | str, who: str, action: str, fill: Callable[[duckdb.DuckDBPyConnection], bool]
) -> int | None:
    """Publish a version written by `fill` (the sample builder), only if it returns True."""
    db = Path(db)
    started = dt.datetime.now()
    with _writer_lock(db, wait_seconds=0):
        before = current_version(db)
        number = _build(db, fill)
        history.record(
            db,
            history.Entry(
                who,
                action,
                "committed" if number else "failed",
                started,
                version_before=before and before.number,
                version_after=number,
            ),
        )
        return number
