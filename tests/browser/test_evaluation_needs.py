"""Evaluasi Pelatihan and Kebutuhan Pelatihan in a real headless Chromium against `streamlit run app.py`.

A BKPSDM analyst opens the evaluation page, reads the headline figures, compares courses instead of
providers, ranks courses per JP and reads the caveat on the rating comparison; then opens the needs
page, reads the requests and the programme for next year, downloads the programme as CSV and reads
the page in English. Screenshots at desktop and tablet width land in test-artifacts/screenshots/.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from src.config import ROOT
from src.i18n import t
from src.metrics import evaluation, needs, options
from src.metrics.filters import Filters
from src.ui import evaluation as ev
from src.ui import needs as nd
from src.ui.format import format_delta, format_metric
from src.warehouse.db import connect

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
TIMEOUT_MS = 30_000
MAIN = '[data-testid="stMain"]'
SETTLED_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.dataset.testConnectionState !== 'CONNECTED' || app.dataset.testScriptState !== 'notRunning')
    return false;
  if (document.querySelector('[data-testid="stStatusWidget"], [data-stale="true"], [data-testid="stSkeleton"]'))
    return false;
  return [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
    .filter(c => c.offsetParent !== null).every(c => c.querySelector('.main-svg'));
}"""
CHART_TITLES_JS = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"] .gtitle')]
  .map(e => e.textContent)"""


@pytest.fixture(scope="module")
def expected(sample_db: Path) -> dict[str, object]:
    """The default view's figures from the metrics layer (what the pages must show)."""
    con = connect(sample_db, read_only=True)
    try:
        periods = options.periods(con)
        year = int(periods["year"].max())
        month = int(periods.filter(periods["year"] == year)["last_month"][0])
        filters = Filters(year=year, month=month)
        return {
            "year": year,
            "evaluation": evaluation.summary(con, filters),
            "effect": evaluation.rating_effect(con, filters),
            "ranked_jp": evaluation.course_ranking(con, filters, "gain_per_jp"),
            "needs": needs.summary(con, filters),
            "programme": needs.programme(con, filters),
        }
    finally:
        con.close()


def _settle(page) -> None:
    page.wait_for_timeout(200)  # let a rerun that a click asked for begin
    page.wait_for_function(SETTLED_JS, polling=100, timeout=TIMEOUT_MS)


def _open(browser, url: str, width: int = 1366):
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="id-ID", accept_downloads=True
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto(url)
    _settle(page)
    assert not page.locator('[data-testid="stException"]').count()
    return context, page


def _metric(page, label: str) -> str:
    card = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return card.locator('[data-testid="stMetricValue"]').inner_text().strip()


def _pill(page, key: str, label: str) -> None:
    """Click the pill labelled `label` of the pills widget keyed `key` (Streamlit marks it st-key-<key>)."""
    page.locator(f".st-key-{key} button").filter(has_text=label).first.click()


def _shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    height = page.evaluate(f"() => document.querySelector('{MAIN}').scrollHeight")
    page.set_viewport_size({"width": page.viewport_size["width"], "height": max(900, int(height) + 60)})
    _settle(page)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def test_evaluation_journey(server, browser, expected):
    context, page = _open(browser, f"{server}/evaluasi")
    try:
        page.get_by_role("heading", name="Evaluasi Pelatihan").wait_for()
        summary, effect = expected["evaluation"], expected["effect"]
        assert _metric(page, ev.SATISFACTION.label("id")) == format_metric(
            ev.SATISFACTION, summary["satisfaction_mean"], "id"
        )
        assert _metric(page, ev.PER_MILLION.label("id")) == format_metric(
            ev.PER_MILLION, summary["gain_per_million"], "id"
        )
        assert _metric(page, ev.UPLIFT.label("id")) == format_delta(ev.UPLIFT, effect["rating_uplift"], "id")
        # Compare courses instead of providers: the chart's title speaks of courses.
        _pill(page, ev.DIMENSION_KEY, t("ui.evaluation.dim_course", "id"))
        _settle(page)
        titles = page.evaluate(CHART_TITLES_JS)
        assert any("kursus jelas di atas" in title for title in titles), titles
        # Rank per JP: the best course per JP heads the ranking chart.
        _pill(page, ev.RANKING_KEY, ev.PER_JP.label("id"))
        _settle(page)
        best = expected["ranked_jp"]["group"][0]
        titles = page.evaluate(CHART_TITLES_JS)
        assert any(title.startswith("Paling tinggi per JP") and best[:20] in title for title in titles), (
            titles
        )
        assert page.get_by_text("bukan bukti sebab-akibat").count()
        _shoot(page, "evaluasi-desktop.png")
    finally:
        context.close()
    context, page = _open(browser, f"{server}/evaluasi", width=800)
    try:
        _shoot(page, "evaluasi-tablet.png")
    finally:
        context.close()


def test_needs_journey(server, browser, expected):
    context, page = _open(browser, f"{server}/kebutuhan")
    try:
        page.get_by_role("heading", name="Kebutuhan Pelatihan").wait_for()
        summary = expected["needs"]
        for spec in nd.CARDS:
            assert _metric(page, spec.label("id")) == format_metric(spec, summary[spec.id], "id")
        plan = expected["programme"]
        assert page.get_by_text(f"Prioritas pertama: {plan['topic'][0]}").count()
        # Download the programme: every ranked topic, in order, under a statement of the filters.
        with page.expect_download() as info:
            page.locator(".st-key-dl_program_pelatihan_csv button").click()
        text = Path(info.value.path()).read_bytes().decode("utf-8-sig")
        rows = [line for line in text.splitlines() if not line.startswith("# ")]
        table = list(csv.DictReader(io.StringIO("\n".join(rows))))
        assert [r[t("ui.needs.col_rank", "id")] for r in table] == [str(r) for r in plan["rank"]]
        assert [r["Topik"] for r in table] == plan["topic"].to_list()
        _shoot(page, "kebutuhan-desktop.png")
    finally:
        context.close()
    context, page = _open(browser, f"{server}/kebutuhan?lang=en", width=800)
    try:
        page.get_by_role("heading", name="Training Needs").wait_for()
        assert _metric(page, nd.REQUESTS.label("en")) == format_metric(
            nd.REQUESTS, summary["needs_requests"], "en"
        )
        _shoot(page, "kebutuhan-tablet-en.png")
    finally:
        context.close()
