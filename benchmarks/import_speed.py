"""`python -m benchmarks.import_speed [--rows 100000 1000000] [--repeats 3]`: how fast the whole
import (read + clean + load, through src.warehouse.importer.import_files) takes in a pengembangan
file, as CSV and as XLSX, against the floor: DuckDB's bare `read_csv` of the same CSV into a table.

The files are the sample generator's (src/warehouse/demo.py: regions generated until there are
enough pengembangan records, cut to the row count; plain style, `,` and UTF-8, XLSX with real date
and number cells as xlsxwriter writes them). The staff they refer to is imported first, untimed,
into a database file that each measurement copies, so every import starts from the same state.

Each measurement runs in a fresh process (so that the peak memory it reports is its own): the import
alone, the reader alone (`read_file`), and the floor. Figures, not assertions: the median of
`--repeats` runs is printed and written to docs/benchmarks-import.md (the whole file is this
benchmark's; docs/benchmarks.md links to it).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "benchmarks-import.md"
TARGET_ROWS_PER_SECOND = 500_000  # issue 6: national scale
EXCEL_MAX_ROWS = 1_048_575  # a sheet's rows below its header


def _current_mb() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class _PeakMemory(threading.Thread):
    """The highest resident memory of this process while it runs (sampled every 5 ms)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak, self.done = _current_mb(), threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.005):
            self.peak = max(self.peak, _current_mb())


def measure(kind: str, path: Path, db: Path | None) -> dict[str, float]:
    """One measurement in this process: seconds, rows, peak memory in MB above what the process
    held before it began (its libraries loaded)."""
    import duckdb

    from src.warehouse.db import connect
    from src.warehouse.importer import import_files
    from src.warehouse.reading import read_file

    start_mb = _current_mb()
    sampler = _PeakMemory()
    sampler.start()
    if kind == "floor":
        con = duckdb.connect(":memory:")
        started = time.perf_counter()
        con.execute("CREATE TABLE t AS SELECT * FROM read_csv(?)", [str(path)]).fetchall()
        seconds = time.perf_counter() - started
        rows = con.execute("SELECT count(*) FROM t").fetchall()[0][0]
    elif kind == "read":
        started = time.perf_counter()
        rows = read_file(path).cells.height
        seconds = time.perf_counter() - started
    else:
        assert db is not None
        con = connect(db)
        started = time.perf_counter()
        result = import_files(con, [path])
        seconds = time.perf_counter() - started
        con.close()
        if not result.ok:
            raise SystemExit("\n".join(result.problems.render("en")[:5]))
        rows = sum(result.rows.values())
    sampler.done.set()
    sampler.join()
    return {"seconds": seconds, "rows": rows, "peak_mb": max(sampler.peak, _current_mb()) - start_mb}


def _run(kind: str, path: Path, db: Path | None = None) -> dict[str, float]:
    command = [sys.executable, "-m", "benchmarks.import_speed", "--measure", kind, str(path)]
    if db is not None:
        command.append(str(db))
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        raise SystemExit(f"{' '.join(command[2:])} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.splitlines()[-1])


def write_files(folder: Path, rows: int, xlsx: bool) -> dict[str, Path]:
    """pegawai.csv (the staff), pengembangan.csv and (when asked) pengembangan.xlsx of `rows` rows."""
    import polars as pl
    import xlsxwriter

    from src.warehouse import demo

    nips = demo.NipRegistry()
    staff, development, total = [], [], 0
    for index, region in enumerate(demo.plan_regions(max(rows // 3, 21_000))):
        data = demo.generate_region(region, index, 2026, nips)
        staff.append(data["pegawai"])
        development.append(data["pengembangan"])
        total += data["pengembangan"].height
        if total >= rows:
            break
    people = pl.concat(staff)
    records = pl.concat(development).head(rows)
    files = {"pegawai": folder / "pegawai.csv", "csv": folder / "pengembangan.csv"}
    demo.to_export(people, "pegawai", demo.PLAIN).write_csv(files["pegawai"])
    demo.to_export(records, "pengembangan", demo.PLAIN).write_csv(files["csv"], line_terminator="\r\n")
    if xlsx:
        files["xlsx"] = folder / "pengembangan.xlsx"
        workbook = xlsxwriter.Workbook(str(files["xlsx"]))
        demo.to_export(records, "pengembangan", demo.PLAIN, as_text=False).write_excel(
            workbook, "Data", dtype_formats={pl.Date: "dd/mm/yyyy"}, autofit=False
        )
        workbook.close()
    return files


def _median(runs: list[dict[str, float]]) -> dict[str, float]:
    return {
        "seconds": statistics.median(r["seconds"] for r in runs),
        "rows": runs[0]["rows"],
        "peak_mb": max(r["peak_mb"] for r in runs),
    }


def _count(value: float) -> str:
    return f"{value:,.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-xlsx", action="store_true", help="CSV only (writing big XLSX is slow)")
    parser.add_argument("--measure", nargs="+", help=argparse.SUPPRESS)  # kind path [db]: a child run
    args = parser.parse_args()
    if args.measure:
        kind, path, *db = args.measure
        print(json.dumps(measure(kind, Path(path), Path(db[0]) if db else None)))
        return

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    table: list[list[str]] = []
    with tempfile.TemporaryDirectory(prefix="import_speed_") as temporary:
        folder = Path(temporary)
        for rows in args.rows:
            print(f"{rows:,} rows: writing the files…", flush=True)
            started = time.perf_counter()
            files = write_files(folder, rows, xlsx=not args.no_xlsx and rows <= EXCEL_MAX_ROWS)
            print(f"  written in {time.perf_counter() - started:.0f} s", flush=True)
            base = folder / "base.duckdb"
            base.unlink(missing_ok=True)
            staff = _run("import", files["pegawai"], base)  # the staff the records refer to
            print(f"  staff: {staff['rows']:,} rows imported first (untimed)", flush=True)
            floor = _median([_run("floor", files["csv"]) for _ in range(args.repeats)])
            for fmt in ("csv", "xlsx"):
                if fmt not in files:
                    continue
                imports = []
                for _ in range(args.repeats):
                    db = folder / "run.duckdb"
                    shutil.copyfile(base, db)
                    imports.append(_run("import", files[fmt], db))
                    db.unlink()
                whole = _median(imports)
                read = _median([_run("read", files[fmt]) for _ in range(args.repeats)])
                rate = whole["rows"] / whole["seconds"]
                floor_rate = floor["rows"] / floor["seconds"]
                table.append(
                    [
                        f"pengembangan.{fmt}",
                        _count(whole["rows"]),
                        f"{files[fmt].stat().st_size / 1e6:,.0f} MB",
                        f"{whole['seconds']:.2f} s",
                        _count(rate) + (" ✓" if rate >= TARGET_ROWS_PER_SECOND else " ✗"),
                        f"{whole['peak_mb']:,.0f} MB",
                        _count(read["rows"] / read["seconds"]),
                        f"{read['peak_mb']:,.0f} MB",
                        _count(floor_rate),
                        f"{rate / floor_rate:.2f}" + (" ✓" if rate >= floor_rate / 2 else " ✗"),
                        f"{read['rows'] / read['seconds'] / floor_rate:.2f}",
                    ]
                )
                print("  " + " | ".join(table[-1]), flush=True)
    header = [
        "file",
        "rows",
        "size",
        "import (read + clean + load)",
        "import rows/s",
        "import peak memory",
        "reader alone rows/s",
        "reader peak memory",
        "DuckDB read_csv rows/s (floor)",
        "import ÷ floor",
        "reader ÷ floor",
    ]
    cores = os.cpu_count()
    machine = f"{platform.machine()}, {cores} cores, Python {platform.python_version()}"
    lines = [
        "# Benchmarks: import speed",
        "",
        "Written by `python -m benchmarks.import_speed` (benchmarks/import_speed.py, part of `make bench`); "
        "figures, not assertions.",
        "",
        "The whole import of one pengembangan file (read, clean, load into a database already holding the "
        "staff it refers to), against the floor: DuckDB's bare `read_csv` of the same CSV into a table "
        f"(typed columns, every core). Median of {args.repeats} runs, each in a fresh process; peak memory "
        "is the most that process held during the measurement beyond what it held before (its libraries "
        "loaded, about 300 MB), sampled every 5 ms. Aims (issue 4 and 6): "
        f"at least half the floor (✓ in the last column), and {_count(TARGET_ROWS_PER_SECOND)} rows/s "
        "(✓ beside the import rate).",
        "",
        f"Machine: {machine}; load average at the start {load}.",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|",
        *("| " + " | ".join(row) + " |" for row in table),
        "",
    ]
    text = "\n".join(lines)
    print("\n" + text)
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(text, encoding="utf-8")
    print(f"written to {DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
