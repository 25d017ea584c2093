"""`python -m benchmarks.browser [--db PATH] [--sessions 10]`: how long a page takes to settle after a
filter change, in a real headless Chromium against a real `streamlit run app.py`.

One measurement: the user picks another month in the sidebar's "Sampai bulan" box; the clock starts
in the browser at the press on the option (`pointerdown`) and stops in the browser when the page has
settled: the script run the change asked for has happened and is over, the status widget is gone, no
element is stale or still loading, and every visible chart has drawn. Both ends are taken in the
page itself (performance.now()), so the driver's own round trips are not counted.

For every page in src/ui/pages_registry.PAGES, each time on a freshly started server (an empty cache):
- alone: one session makes `--repeats` changes to months it has not shown yet ("new": the server
  computes them), then goes back through the months it has shown ("seen": the server's cache answers);
- together: `--sessions` browser contexts (separate Streamlit sessions, each on its own region
  selection) change their month at the same moment, `--rounds` times to new months, then as many
  times to months they have shown.

A change that does not settle within a minute counts as failed; when the server then no longer
answers its health check, the page's measurement stops there and the table says so. The sessions run
in one Chromium on the same machine as the server, so with many sessions on few cores the browsers'
own work weighs in: a user on their own computer would see less.

The table is printed and written to docs/benchmarks.md under "## Browser: filter change to settled
page" (only that section is replaced; the rest of the file is kept).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from benchmarks.appserver import CHROMIUM, CHROMIUM_ARGS, streamlit_server

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "benchmarks.md"
HEADING = "## Browser: filter change to settled page"

VIEWPORT = {"width": 1366, "height": 900}
MONTH_LABEL = "Sampai bulan"  # the sidebar's month box, in the default language
AIM_MS = 1000
TIMEOUT_MS = 60_000

# In every page from its first byte: count the script runs, and start the clock at the press on an
# option once armed.
INIT_JS = """
window.__bench = {armed: false, t0: null, runs: 0, runsAtArm: 0};
document.addEventListener('pointerdown', () => {
  if (window.__bench.armed) { window.__bench.t0 = performance.now(); window.__bench.armed = false; }
}, true);
new MutationObserver(records => {
  for (const r of records) {
    const state = r.target.getAttribute('data-test-script-state');
    if (state && state !== 'notRunning' && state !== r.oldValue) window.__bench.runs += 1;
  }
}).observe(document, {subtree: true, attributes: true, attributeOldValue: true,
                      attributeFilter: ['data-test-script-state']});
"""
SETTLED_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.dataset.testConnectionState !== 'CONNECTED' || app.dataset.testScriptState !== 'notRunning')
    return false;
  const busy = '[data-testid="stStatusWidget"], [data-stale="true"], [data-testid="stSkeleton"]';
  if (document.querySelector(busy)) return false;
  return [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
    .filter(c => c.offsetParent !== null).every(c => c.querySelector('.main-svg'));
}"""
ARM_JS = "() => { const b = window.__bench; b.armed = true; b.t0 = null; b.runsAtArm = b.runs; }"
# The settle time in ms once the run the change asked for has happened and the page has settled; else
# null. A run shows as a script state other than notRunning, or (a run so short that the browser never
# drew that state) as the new month in the address, which the sidebar writes during the run.
ELAPSED_JS = f"""month => {{
  const b = window.__bench;
  if (b.t0 === null) return null;
  const ran = b.runs > b.runsAtArm || new URLSearchParams(location.search).get('bulan') === String(month);
  if (!ran || !({SETTLED_JS})()) return null;
  return performance.now() - b.t0;
}}"""


# ---- database and server ---------------------------------------------------------------------------


def ensure_database(path: Path | None, folder: Path) -> Path:
    """The given database, built there first if missing; else a default sample in `folder`."""
    db = path or folder / "asn.duckdb"
    if not db.exists():
        db.parent.mkdir(parents=True, exist_ok=True)
        print(f"building the default sample at {db} …", flush=True)
        subprocess.run([sys.executable, "-m", "src.cli", "demo", "--db", str(db)], cwd=ROOT, check=True,
                       capture_output=True)  # fmt: skip
    return db


# ---- what to change --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    year: int
    month: int  # the default month (the latest with data)
    regions: tuple[str, ...]

    @property
    def other_months(self) -> list[int]:
        """Every other month: the earlier ones of the year first, newest first, then the later ones."""
        return [*range(self.month - 1, 0, -1), *range(self.month + 1, 13)]

    def scopes(self) -> list[tuple[str, ...]]:
        """Region selections, one per session: all regions, then each region, pair, … of them."""
        subsets = [()] + [
            combo for size in range(1, len(self.regions) + 1)
            for combo in itertools.combinations(self.regions, size)
        ]  # fmt: skip
        return subsets


def read_sample(db: Path) -> Sample:
    from src.metrics import options
    from src.warehouse.db import connect

    con = connect(db, read_only=True)
    try:
        periods = options.periods(con).sort("year", descending=True)
        regions = tuple(sorted(options.units(con)["region"].unique().to_list()))
    finally:
        con.close()
    return Sample(int(periods["year"][0]), int(periods["last_month"][0] or 12), regions)


def plan(sample: Sample, session: int, changes: int) -> tuple[list[int], list[int]]:
    """(new months, seen months) for one session: `changes` months it has not shown, each different
    from the one before, then back through those it has shown (the page's own first month included)."""
    others = sample.other_months
    new = [others[(session + i) % len(others)] for i in range(changes)]
    shown = [sample.month, *new]
    return new, shown[:-1]


# ---- measuring -------------------------------------------------------------------------------------


@dataclass
class Timings:
    new: list[float] = field(default_factory=list)
    seen: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    hung: bool = False  # the server stopped answering (its health check too)


def _month_names() -> list[str]:
    from src.ui.format import month_name

    return [month_name(m, "id") for m in range(1, 13)]


async def _settle(page) -> None:
    await page.wait_for_function(SETTLED_JS, polling=50, timeout=TIMEOUT_MS)


async def open_session(browser, url: str):
    context = await browser.new_context(viewport=VIEWPORT, locale="id-ID")
    try:
        context.set_default_timeout(TIMEOUT_MS)
        await context.add_init_script(INIT_JS)
        page = await context.new_page()
        await page.goto(url)
        await _settle(page)
    except BaseException:
        await context.close()
        raise
    return context, page


async def change_month(page, month: int, names: Sequence[str]) -> float:
    """Pick `month` in the sidebar; the time in ms from the press on the option to the settled page."""
    box = page.locator('[data-testid="stSidebar"]').get_by_role("combobox", name=MONTH_LABEL, exact=True)
    await box.click()
    option = page.get_by_role("option", name=names[month - 1], exact=True)
    await option.wait_for()
    await page.evaluate(ARM_JS)
    await option.click()
    handle = await page.wait_for_function(ELAPSED_JS, arg=month, polling=10, timeout=TIMEOUT_MS)
    return float(await handle.json_value())


def page_url(server: str, spec, scope: Sequence[str] = ()) -> str:
    query = urlencode([("wilayah", region) for region in scope])
    return f"{server}/{'' if spec.default else spec.url_path}" + (f"?{query}" if query else "")


def healthy(server: str) -> bool:
    try:
        with urllib.request.urlopen(f"{server}/_stcore/health", timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


async def measure_page(browser, server: str, spec, sample: Sample, sessions: int, changes: int) -> Timings:
    """`sessions` sessions on the page, each making `changes` new-month changes then `changes` seen-month
    changes, all sessions at once per step. Stops early when the server stops answering."""
    names = _month_names()
    scopes = sample.scopes()
    timings = Timings()
    opened = await asyncio.gather(
        *(open_session(browser, page_url(server, spec, scopes[k % len(scopes)])) for k in range(sessions)),
        return_exceptions=True,
    )
    pages = []
    for result in opened:
        if isinstance(result, BaseException):
            timings.errors.append(f"open: {result!r}"[:300])
        else:
            pages.append(result)
    try:
        plans = [plan(sample, k, changes) for k in range(len(pages))]
        steps = [(kind, step) for kind in ("new", "seen") for step in range(changes)]
        for kind, step in steps if pages else []:
            results = await asyncio.gather(
                *(
                    change_month(page, plans[k][0 if kind == "new" else 1][step], names)
                    for k, (_, page) in enumerate(pages)
                ),
                return_exceptions=True,
            )
            for result in results:
                if isinstance(result, BaseException):
                    timings.errors.append(f"{kind}: {result!r}"[:300])
                else:
                    getattr(timings, kind).append(result)
            failed = any(isinstance(result, BaseException) for result in results)
            if failed and not await asyncio.to_thread(healthy, server):
                timings.hung = True  # every later change would wait out its timeout too
                break
        if not pages and not await asyncio.to_thread(healthy, server):
            timings.hung = True
    finally:
        for context, _ in pages:
            await context.close()
    return timings


async def run_phase(
    db: Path,
    logs: Path,
    sample: Sample,
    sessions: int,
    changes: int,
    label: str,
    env: dict[str, str],
    pages: Sequence,
) -> dict[str, Timings]:
    """Every page on a freshly started server (an empty cache), `sessions` sessions at once."""
    from playwright.async_api import async_playwright

    results: dict[str, Timings] = {}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for spec in pages:
                started = time.perf_counter()
                log = logs / f"{label}-{spec.url_path}.log"
                with streamlit_server(db, log, env) as server:
                    # The first run after a start leaves Streamlit's legacy pages mode: not measured.
                    context, _ = await open_session(browser, server)
                    await context.close()
                    timings = await measure_page(browser, server, spec, sample, sessions, changes)
                results[spec.url_path] = timings
                if timings.hung:
                    tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:]
                    print("    the server stopped answering; its log ends:", *tail, sep="\n      ")
                print(
                    f"  {label:<9} {spec.url_path:<13} new {_summary(timings.new)}  "
                    f"seen {_summary(timings.seen)}  ({len(timings.errors)} failed"
                    f"{', SERVER STOPPED ANSWERING' if timings.hung else ''}, "
                    f"{time.perf_counter() - started:.0f} s)",
                    flush=True,
                )
                for error in timings.errors[:3]:
                    print(f"    {error}", flush=True)
        finally:
            await browser.close()
    return results


# ---- reporting -------------------------------------------------------------------------------------


def percentile(samples: Sequence[float], share: float) -> float:
    """Nearest-rank percentile (p95 of 10 samples is the largest)."""
    ordered = sorted(samples)
    rank = max(1, -(-len(ordered) * share // 1))  # ceil
    return ordered[int(rank) - 1]


def _summary(samples: Sequence[float]) -> str:
    if not samples:
        return "–"
    return f"{statistics.median(samples):.0f}/{percentile(samples, 0.95):.0f} ms"


def _cell(samples: Sequence[float]) -> str:
    if not samples:
        return "–"
    median, p95 = statistics.median(samples), percentile(samples, 0.95)
    mark = "" if p95 < AIM_MS else " ⚠" if median < AIM_MS else " ✗"
    return f"{median:,.0f} / {p95:,.0f}{mark}"


def table(alone: dict[str, Timings], together: dict[str, Timings], sessions: int, pages: Sequence) -> str:
    header = (
        "| page | alone, new month | alone, month seen | "
        f"{sessions} sessions, new month | {sessions} sessions, month seen | errors |\n"
        "|---|---:|---:|---:|---:|---|\n"
    )
    rows = []
    for spec in pages:
        a, b = alone.get(spec.url_path, Timings()), together.get(spec.url_path, Timings())
        notes = [
            f"{phase}: {len(t.errors)} failed" + (", **server stopped answering**" if t.hung else "")
            for phase, t in (("alone", a), ("together", b))
            if t.errors or t.hung
        ]
        rows.append(
            f"| {Path(spec.path).stem} | {_cell(a.new)} | {_cell(a.seen)} | {_cell(b.new)} | {_cell(b.seen)} "
            f"| {'; '.join(notes) or '0'} |"
        )
    return header + "\n".join(rows) + "\n"


def section(text: str, sample: Sample, args: argparse.Namespace, db: Path, load: str) -> str:
    import streamlit

    machine = (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"Streamlit {streamlit.__version__}, Chromium at {CHROMIUM}"
    )
    return (
        f"{HEADING}\n\n"
        "Written by `python -m benchmarks.browser` (benchmarks/browser.py); figures, not assertions. "
        "Milliseconds from the press on another month in the sidebar to the settled page (script run "
        "over, status widget gone, nothing stale, every chart drawn), measured inside headless "
        "Chromium: **median / p95**. *New month*: a month the session has not shown yet (the server "
        "computes it); *month seen*: back to one it has shown (the cache answers). "
        f"*{args.sessions} sessions*: that many browser contexts, each on its own region selection, "
        "changing their month at the same moment. Every page of either kind is measured on a freshly "
        "started server (an empty cache). "
        f"Aim: under {AIM_MS:,} ms (⚠ median under, p95 over; ✗ median over).\n\n"
        f"Sample: `{db.name}` (latest period {sample.year}-{sample.month:02d}, regions "
        f"{', '.join(sample.regions)}). Alone: {args.repeats} changes of each kind per page; "
        f"{args.sessions} sessions: {args.rounds} rounds of each kind."
        + (
            f" Server environment: {', '.join(f'{k}={v}' for k, v in args.server_env)}."
            if args.server_env
            else ""
        )
        + f" Machine: {machine}; load average at the start {load}. The sessions share the server's "
        "cores with their own browsers, so the concurrent figures are an upper bound for users on "
        "their own computers.\n\n"
        f"{text}"
    )


def write_section(body: str, doc: Path = DOC) -> None:
    """Replace the section under HEADING (up to the next `## ` heading) or append it; keep the rest."""
    old = doc.read_text(encoding="utf-8") if doc.exists() else "# Benchmarks\n"
    lines = old.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.strip() == HEADING), None)
    if start is None:
        new = old.rstrip("\n") + "\n\n" + body
    else:
        end = next(
            (i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")),
            len(lines),
        )
        tail = "".join(lines[end:])
        new = "".join(lines[:start]) + body + ("\n" + tail if tail else "")
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(new, encoding="utf-8")


def _env_pair(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name, value


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.browser", description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, help="database to serve (built as the default sample if missing; "
                        "default: a fresh default sample in a temporary folder)")  # fmt: skip
    parser.add_argument("--sessions", type=int, default=10, help="concurrent sessions (default 10)")
    parser.add_argument("--repeats", type=int, default=10, help="changes of each kind, alone (default 10)")
    parser.add_argument("--rounds", type=int, default=3, help="changes of each kind, together (default 3)")
    parser.add_argument(
        "--server-env",
        type=_env_pair,
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="extra environment variable for the server, e.g. POLARS_MAX_THREADS=8",
    )
    parser.add_argument("--pages", help="comma-separated page files to measure (default: every page)")
    parser.add_argument("--no-write", action="store_true", help=f"print only; leave {DOC.name} alone")
    args = parser.parse_args(argv)
    from src.ui.pages_registry import PAGES

    pages = [p for p in PAGES if not args.pages or Path(p.path).stem in args.pages.split(",")]
    if not pages:
        parser.error(f"--pages: none of {args.pages!r} is in {', '.join(Path(p.path).stem for p in PAGES)}")
    # A plain `kill` still stops the servers and browsers this started (their finally blocks run).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if args.repeats < 1 or args.rounds < 1 or args.sessions < 1:
        parser.error("--sessions, --repeats and --rounds must be at least 1")
    if max(args.repeats, args.rounds) > 11:
        parser.error("--repeats and --rounds can be at most 11: a year has 11 other months to change to")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    with tempfile.TemporaryDirectory() as folder:
        db = ensure_database(args.db, Path(folder))
        sample = read_sample(db)
        logs, env = Path(folder), dict(args.server_env)
        print(f"alone: {args.repeats} new + {args.repeats} seen months per page", flush=True)
        alone = asyncio.run(run_phase(db, logs, sample, 1, args.repeats, "alone", env, pages))
        print(
            f"{args.sessions} sessions: {args.rounds} new + {args.rounds} seen months each, at once",
            flush=True,
        )
        together = asyncio.run(
            run_phase(db, logs, sample, args.sessions, args.rounds, "together", env, pages)
        )
    text = table(alone, together, args.sessions, pages)
    print()
    print(text)
    if not args.no_write:
        write_section(section(text, sample, args, db, load))
        print(f"written to {DOC.relative_to(ROOT)} under '{HEADING}'")


if __name__ == "__main__":
    main()
