"""What the browser tests share (the server and browser fixtures are in conftest.py): where screenshots
go, when the app has settled, opening a page, reading a headline card, checking for an exception, a
whole-page screenshot, and the app's default view."""

from __future__ import annotations

import duckdb

from src.config import ROOT
from src.metrics import options
from src.metrics.filters import Filters

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "tablet": {"width": 800, "height": 1100}}
TIMEOUT_MS = 30_000
MAIN = '[data-testid="stMain"]'
# Settled: connected, the script is not running, the status widget is gone, nothing is stale or still
# loading, and every visible chart has drawn.
SETTLED_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.dataset.testConnectionState !== 'CONNECTED' || app.dataset.testScriptState !== 'notRunning')
    return false;
  if (document.querySelector('[data-testid="stStatusWidget"], [data-stale="true"], [data-testid="stSkeleton"]'))
    return false;
  return [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
    .filter(c => c.offsetParent !== null).every(c => c.querySelector('.main-svg'));
}"""
# How tall the window must be to show the whole page: Streamlit scrolls inside its own container, so
# the bottom of the main block and of the sidebar, measured from the top of the page.
PAGE_BOTTOM_JS = """() => { document.querySelector('[data-testid="stMain"]')?.scrollTo(0, 0);
  return Math.max(...['stMainBlockContainer', 'stSidebarContent']
    .map(id => document.querySelector(`[data-testid="${id}"]`))
    .filter(Boolean).map(el => el.getBoundingClientRect().bottom + 48)); }"""


def settle(page, pause_ms: int = 250) -> None:
    """Wait until the app has settled (SETTLED_JS), after `pause_ms` for a rerun that an action asked
    for to begin (0 where the caller waits for the rerun itself)."""
    if pause_ms:
        page.wait_for_timeout(pause_ms)
    page.wait_for_function(SETTLED_JS, polling=50, timeout=TIMEOUT_MS)


def open_page(browser, url: str, viewport: str = "desktop"):
    """A fresh browser context (Indonesian, downloads accepted) showing `url`, settled and without an
    exception: (context, page)."""
    context = browser.new_context(viewport=VIEWPORTS[viewport], locale="id-ID", accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto(url)
    settle(page)
    no_exception(page)
    return context, page


def metric_value(page, label: str) -> str:
    """The value of the headline card called `label`."""
    card = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return card.locator('[data-testid="stMetricValue"]').inner_text().strip()


def no_exception(page) -> None:
    error = page.locator('[data-testid="stException"]')
    assert not error.count(), error.first.inner_text()


def shoot(page, name: str, pause_ms: int = 400) -> None:
    """A screenshot of the whole page in SCREENSHOTS/`name`.png: the window is made as tall as the
    content for the shot, then put back."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    height = size["height"]
    for _ in range(4):  # growing the window can reflow the page: measure until it holds still
        needed = page.evaluate(PAGE_BOTTOM_JS)
        if needed <= height:
            break
        height = int(needed)
        page.set_viewport_size({"width": size["width"], "height": height})
        page.wait_for_timeout(pause_ms)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
    page.set_viewport_size(size)


def default_filters(con: duckdb.DuckDBPyConnection) -> Filters:
    """The app's default view: the latest year with data, up to its last month."""
    periods = options.periods(con)
    year = int(periods["year"].max())
    return Filters(year=year, month=int(periods.filter(periods["year"] == year)["last_month"][0]))
