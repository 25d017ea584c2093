"""`make bench`: measure, print and write docs/benchmarks.md. Figures, not pass/fail assertions.

Measured on the default sample built from scratch in a temporary folder:
- `demo` (write the export files and import them through the importer), wall time;
- `kpi` for the whole scope and `--by region` / `--by unit`, in-process, median and p95 over repeats;
- the same `kpi --by region` as a whole command (process start included), as a script would call it.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from src.metrics.compute import kpis
from src.metrics.filters import Filters
from src.warehouse.db import connect
from src.warehouse.demo import build_demo

ROOT = Path(__file__).resolve().parents[1]
REPEATS = 20
BROWSER_HEADING = "## Browser: filter change to settled page"


def timed(action, repeats: int = REPEATS) -> tuple[float, float]:
    """Median and p95 wall time in milliseconds."""
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(0.95 * (len(samples) - 1))]


def main() -> None:
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "asn.duckdb"
        started = time.perf_counter()
        result = build_demo(db, progress=lambda _message: None)
        rows.append(("demo, default sample (write files + import)", f"{time.perf_counter() - started:.1f} s"))
        rows.append(("rows imported", ", ".join(f"{k} {v:,}" for k, v in result.rows.items())))
        con = connect(db, read_only=True)
        filters = Filters(year=2026, month=10)
        for by in (None, "region", "unit"):
            median, p95 = timed(lambda by=by: kpis(con, filters, by=by))
            rows.append((f"kpi in-process, by={by or '-'}", f"median {median:.0f} ms, p95 {p95:.0f} ms"))
        con.close()
        command = [
            sys.executable,
            "-m",
            "src.cli",
            "kpi",
            "--db",
            str(db),
            "--year",
            "2026",
            "--by",
            "region",
        ]
        median, p95 = timed(lambda: subprocess.run(command, check=True, capture_output=True, cwd=ROOT), 5)
        rows.append(
            ("`kpi --by region` command (incl. process start)", f"median {median:.0f} ms, p95 {p95:.0f} ms")
        )
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    cores = os.cpu_count()
    machine = f"{platform.machine()}, Python {platform.python_version()}, {cores} cores"
    table = "\n".join(f"| {name} | {value} |" for name, value in rows)
    target = ROOT / "docs" / "benchmarks.md"
    # benchmarks/browser.py owns the section from its heading on: keep it.
    previous = target.read_text(encoding="utf-8") if target.exists() else ""
    browser = previous[previous.find(BROWSER_HEADING) :] if BROWSER_HEADING in previous else ""
    target.write_text(
        "# Benchmarks\n\nWritten by `make bench` (benchmarks/run.py and benchmarks/browser.py); "
        "figures, not assertions. Import speed: [benchmarks-import.md](benchmarks-import.md) "
        "(benchmarks/import_speed.py).\n\n"
        f"## Sample data and metrics\n\nMachine: {machine}.\n\n| measurement | figure |\n|---|---|\n{table}\n"
        + (f"\n{browser}" if browser else ""),
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
