"""Versioned data (src/warehouse/versions.py): publish, refuse, skip, roll back, prune, lock, and what
readers see while it happens: concurrent readers and an import killed at several moments."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from src.config import ROOT
from src.metrics.compute import kpis
from src.metrics.filters import Filters
from src.warehouse import history, versions
from src.warehouse.demo import build_demo


def answers(path: Path) -> tuple:
    """What the data answers: row counts, JP and cost sums, and every metric of 2025 for the whole scope."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        counts = con.execute(
            "SELECT (SELECT count(*) FROM pegawai), (SELECT count(*) FROM pengembangan),"
            " (SELECT sum(jp) FROM pengembangan), (SELECT sum(biaya) FROM pengembangan),"
            " (SELECT count(*) FROM anggaran)"
        ).fetchall()[0]
        metrics = kpis(con, Filters(year=2025)).row(0)
        # Parallel float sums may differ in the last bits from one run to the next.
        return counts, tuple(round(v, 9) if isinstance(v, float) else v for v in metrics)
    finally:
        con.close()


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A sample database (version 1) and its export files; tests work on copies."""
    folder = tmp_path_factory.mktemp("versions")
    db, files = folder / "origin" / "asn.duckdb", folder / "files"
    result = build_demo(db, scale=3000, seed=7, progress=lambda _m: None, keep_files=files)
    assert result.ok
    return db, files


@pytest.fixture
def db(exports: tuple[Path, Path], tmp_path: Path) -> Path:
    """A private copy of the sample's data folder (database, its versions, its history)."""
    copy_folder(exports[0].parent, tmp_path / "data")
    return tmp_path / "data" / "asn.duckdb"


def copy_folder(source: Path, target: Path) -> None:
    """Copy keeping hard links (the database is a link to its current version), like `cp -a`."""
    subprocess.run(["cp", "-a", str(source), str(target)], check=True)


@pytest.fixture
def changed_file(exports: tuple[Path, Path], tmp_path: Path) -> Path:
    """The largest development file without its last 200 records: importing it changes the data."""
    source = max(exports[1].glob("pengembangan_*.csv"), key=lambda p: p.stat().st_size)
    lines = source.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    target = tmp_path / "changed" / source.name
    target.parent.mkdir()
    target.write_text("".join(lines[:-200]), encoding="utf-8")
    return target


def test_sample_build_is_version_one(db: Path) -> None:
    listed = versions.list_versions(db)
    assert [(v.number, v.current) for v in listed] == [(1, True)]
    assert os.path.samefile(versions.current_file(db), db)
    [entry] = history.entries(db)
    assert (entry.action, entry.outcome, entry.version_after) == ("demo", "committed", 1)


def test_committed_import_publishes_a_new_version(db: Path, changed_file: Path) -> None:
    before = answers(db)
    done = versions.import_versioned(db, [changed_file], who="tester")
    assert done.outcome == "committed" and done.version == 2
    assert [(v.number, v.current) for v in versions.list_versions(db)] == [(1, False), (2, True)]
    after = answers(db)
    assert after[0][1] == before[0][1] - 200  # 200 development records fewer
    # The earlier version stays as it was, immutable, for rollback and for readers still on it.
    assert answers(versions.versions_dir(db) / "v0001.duckdb") == before
    entry = history.entries(db)[0]
    assert (entry.who, entry.action, entry.outcome) == ("tester", "import", "committed")
    assert (entry.version_before, entry.version_after) == (1, 2)
    assert entry.rows == {"pengembangan": done.result.rows["pengembangan"]}
    [file] = entry.files
    assert file["name"] == changed_file.name and file["size"] == changed_file.stat().st_size
    assert len(str(file["sha256"])) == 64
    assert not list(versions.versions_dir(db).glob("staging-*"))


def test_reader_on_the_old_version_keeps_answering_it(db: Path, changed_file: Path) -> None:
    pinned = versions.current_file(db)
    reader = duckdb.connect(str(pinned), read_only=True)
    try:
        [(before,)] = reader.execute("SELECT count(*) FROM pengembangan").fetchall()
        versions.import_versioned(db, [changed_file], who="tester")
        [(still,)] = reader.execute("SELECT count(*) FROM pengembangan").fetchall()
        assert still == before
    finally:
        reader.close()
    assert answers(db)[0][1] == before - 200


def test_refused_import_changes_nothing_and_is_recorded(db: Path, tmp_path: Path) -> None:
    before, files_before = answers(db), sorted(p.name for p in versions.versions_dir(db).iterdir())
    bad = tmp_path / "pengembangan_rusak.csv"
    header = "NIP_BARU,NAMA_KEGIATAN,JALUR,BENTUK,JENIS_KOMPETENSI,PENYELENGGARA,TANGGAL_MULAI,TANGGAL_SELESAI,JP,STATUS\n"
    bad.write_text(
        header
        + "199901012020011999,Bimtek,Pelatihan Klasikal,Bimtek,Teknis,BPSDM,2025-01-02,2025-01-03,8,Selesai\n"
        + "199901012020011998,Bimtek,Pelatihan Klasikal,Bimtek,Teknis,BPSDM,2025-01-02,2025-13-03,8,Selesai\n",
        encoding="utf-8",
    )
    done = versions.import_versioned(db, [bad], who="tester")
    assert done.outcome == "refused" and done.version == 1
    assert answers(db) == before
    assert sorted(p.name for p in versions.versions_dir(db).iterdir()) == files_before
    entry = history.entries(db)[0]
    assert (entry.outcome, entry.version_before, entry.version_after) == ("refused", 1, 1)
    assert entry.problem_total == len(done.result.problems.render()) == 3  # two unknown NIPs, one bad date
    rendered = "\n".join(entry.rendered_problems("id"))
    assert "pengembangan_rusak.csv, baris 3, kolom TANGGAL_SELESAI" in rendered
    assert "199901012020011999" not in rendered and "**************1999" in rendered  # NIP masked
    assert history.refused_unknown_staff(db) == 2


def test_the_same_file_again_changes_nothing_until_its_slices_are_replaced(
    db: Path, exports: tuple[Path, Path], changed_file: Path
) -> None:
    original = exports[1] / changed_file.name
    done = versions.import_versioned(db, [original], who="tester")  # loaded by the sample build
    assert done.outcome == "unchanged" and done.version == 1
    assert [p.file for p in done.skipped] == [original.name]
    assert "sudah dimuat" in done.skipped[0].render("id")
    assert versions.import_versioned(db, [changed_file], who="tester").version == 2
    again = versions.import_versioned(db, [changed_file], who="tester")
    assert (again.outcome, again.version) == ("unchanged", 2)
    # The original's slices were replaced by the changed file since: importing it now restores them.
    restored = versions.import_versioned(db, [original], who="tester")
    assert (restored.outcome, restored.version) == ("committed", 3)
    assert answers(db) == answers(versions.versions_dir(db) / "v0001.duckdb")


def test_rollback_returns_to_the_previous_version(db: Path, changed_file: Path) -> None:
    before = answers(db)
    versions.import_versioned(db, [changed_file], who="tester")
    assert answers(db) != before
    assert versions.rollback(db, who="admin") == (2, 1)
    assert answers(db) == before
    assert versions.current_version(db).number == 1
    entry = history.entries(db)[0]
    assert (entry.action, entry.outcome, entry.who) == ("rollback", "rolled_back", "admin")
    assert (entry.version_before, entry.version_after) == (2, 1)
    with pytest.raises(versions.NothingToRollBack):
        versions.rollback(db, who="admin")
    # The next import starts from the version now current and gets a new number.
    assert versions.import_versioned(db, [changed_file], who="tester").version == 3


def test_a_kept_version_can_be_chosen_again_after_a_rollback(db: Path, changed_file: Path) -> None:
    versions.import_versioned(db, [changed_file], who="tester")
    after = answers(db)
    versions.rollback(db, who="admin")
    assert versions.rollback(db, who="admin", to_version=2) == (1, 2)  # forward again
    assert answers(db) == after
    for impossible in (2, 7):  # already current; never made
        with pytest.raises(versions.NothingToRollBack):
            versions.rollback(db, who="admin", to_version=impossible)
    assert [(e.version_before, e.version_after) for e in history.entries(db)[:2]] == [(1, 2), (2, 1)]


def test_an_account_limited_to_a_region_cannot_replace_another(db: Path, changed_file: Path) -> None:
    region = {"pengembangan_semarang.csv": "Semarang", "pengembangan_serang.csv": "Serang"}.get(
        changed_file.name, "Siulak"
    )
    other = next(r for r in ("Semarang", "Serang", "Siulak") if r != region)
    before = answers(db)
    preview = versions.preview(db, [changed_file], regions=(other,))
    assert not preview.plan.ok and preview.changes.is_empty()
    refused = versions.import_versioned(db, [changed_file], who="rina", regions=(other,))
    assert refused.outcome == "refused" and refused.version == 1
    assert f"hanya boleh memuat data {other}" in refused.result.problems.render("id")[0]
    assert answers(db) == before
    allowed = versions.import_versioned(db, [changed_file], who="rina", regions=(region,))
    assert allowed.outcome == "committed"


def test_only_the_newest_versions_are_kept(db: Path, changed_file: Path, exports, monkeypatch) -> None:
    monkeypatch.setenv("DASBOR_KEEP_VERSIONS", "2")
    original = exports[1] / changed_file.name
    for source in (changed_file, original, changed_file):
        assert versions.import_versioned(db, [source], who="tester").outcome == "committed"
    assert [(v.number, v.current) for v in versions.list_versions(db)] == [(3, False), (4, True)]


def test_a_database_made_before_versions_becomes_version_one(tmp_path: Path, db: Path, changed_file) -> None:
    legacy = tmp_path / "legacy" / "asn.duckdb"
    legacy.parent.mkdir()
    shutil.copyfile(db, legacy)  # a plain file, no versions folder
    before = answers(legacy)
    assert versions.import_versioned(legacy, [changed_file], who="tester").version == 2
    assert answers(versions.versions_dir(legacy) / "v0001.duckdb") == before


def test_a_second_writer_is_told_to_wait(db: Path, changed_file: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(versions.versions_dir(db) / "lock")],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(versions.Busy):
            versions.import_versioned(db, [changed_file], who="tester")
        with pytest.raises(versions.Busy):
            versions.rollback(db, who="tester")
    finally:
        holder.kill()
        holder.wait()
    # The kernel released the killed holder's lock: the next writer proceeds.
    assert versions.import_versioned(db, [changed_file], who="tester").outcome == "committed"


LOCK_HOLDER = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
fcntl.flock(fd, fcntl.LOCK_EX)
print("locked", flush=True)
time.sleep(60)
"""


def test_debris_of_an_interrupted_import_is_removed(db: Path, changed_file: Path) -> None:
    debris = versions.versions_dir(db) / "staging-12345-deadbeef.duckdb"
    debris.write_bytes(b"half a database")
    Path(f"{debris}.wal").write_bytes(b"")
    assert versions.import_versioned(db, [changed_file], who="tester").outcome == "committed"
    assert not debris.exists() and not Path(f"{debris}.wal").exists()


def test_readers_see_the_old_or_the_new_version_never_an_error(db: Path, changed_file: Path) -> None:
    """Four threads query as the app does (pin the current file, open it read-only) while imports
    and a rollback are committed: every answer is one of the versions', and nothing fails."""
    old = answers(db)
    seen: list[tuple] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            try:
                seen.append(answers(versions.current_file(db)))
            except BaseException as error:  # every failure is the finding
                errors.append(error)

    readers = [threading.Thread(target=read) for _ in range(4)]
    for reader in readers:
        reader.start()
    try:
        time.sleep(0.5)
        assert versions.import_versioned(db, [changed_file], who="tester").outcome == "committed"
        new = answers(db)
        time.sleep(0.5)
        versions.rollback(db, who="tester")
        time.sleep(0.5)
    finally:
        stop.set()
        for reader in readers:
            reader.join()
    assert errors == []
    assert old != new
    assert set(seen) == {old, new}


@pytest.fixture(scope="module")
def other_exports(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Export files of another sample (another seed): importing them all replaces every slice."""
    folder = tmp_path_factory.mktemp("other")
    result = build_demo(folder / "asn.duckdb", scale=3000, seed=8, progress=lambda _m: None,
                        keep_files=folder / "files")  # fmt: skip
    assert result.ok
    return sorted((folder / "files").iterdir())


@pytest.mark.timeout(600)
def test_an_import_killed_at_any_moment_leaves_the_last_good_version(
    db: Path, other_exports: list[Path]
) -> None:
    """SIGKILL at several moments of an import that replaces every slice of the data."""

    def command(target: Path) -> list[str]:
        return [sys.executable, "-m", "src.cli", "import", "--db", str(target), *map(str, other_exports)]

    before = answers(db)
    # How long the whole command takes here (the second of two runs on a copy), to place the kills.
    rehearsal = db.parent.parent / "rehearsal"
    copy_folder(db.parent, rehearsal)
    for _ in range(2):
        started = time.monotonic()
        subprocess.run(command(rehearsal / db.name), cwd=ROOT, check=True, capture_output=True)
        duration = time.monotonic() - started
        versions.rollback(rehearsal / db.name, who="tester")
    after = answers(versions.versions_dir(rehearsal / db.name) / "v0002.duckdb")
    assert after != before
    staging = versions.versions_dir(db)

    def kill_and_check(when: str, process: subprocess.Popen) -> bool:
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = answers(db)
        assert now in (before, after), f"killed {when}: the data is neither the old nor the new version"
        if now == after:  # it finished: go back, so that the next kill meets the same import
            versions.rollback(db, who="tester")
        return now == after

    # Kills at moments spread over the whole command (start-up, reading, checking, writing, switching).
    finished = []
    for fraction in (0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0):
        process = subprocess.Popen(
            command(db), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(duration * fraction)
        finished.append(kill_and_check(f"at {fraction:.0%} of the import", process))
    # Kills while the new version is being written: as soon as its staging file appears, and a little later.
    for delay in (0.0, 0.02, 0.05, 0.1, 0.2):
        debris = set(staging.glob("staging-*"))  # left by the previous kill, removed by this import
        process = subprocess.Popen(
            command(db), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        while not set(staging.glob("staging-*")) - debris and process.poll() is None:
            time.sleep(0.002)
        time.sleep(delay)
        finished.append(kill_and_check(f"{delay} s into writing the new version", process))
    assert not all(finished), "no kill landed inside the import"
    print(f"{len(finished)} kills, {sum(finished)} of them after the switch to the new version")
    # Nothing left behind blocks the next import.
    done = subprocess.run(command(db), cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert answers(db) == after
    assert not list(versions.versions_dir(db).glob("staging-*"))
