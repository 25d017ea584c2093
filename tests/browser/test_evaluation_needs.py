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

from src.i18n import t
from src.metrics import evaluation, needs
from src.ui import evaluation as ev
from src.ui import needs as nd
from src.ui.format import format_delta, format_metric
from src.warehouse.db import connect
from tests.browser.helpers import default_filters, metric_value, open_page, settle, shoot

pytestmark = pytest.mark.browser

CHART_TITLES_JS = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"] .gtitle')]
  .map(e => e.textContent)"""


@pytest.fixture(scope="module")
def expected(sample_db: Path) -> dict[str, object]:
    """The default view's figures from the metrics layer (what the pages must show)."""
    con = connect(sample_db, read_only=True)
    try:
        filters = default_filters(con)
        return {
            "year": filters.year,
            "evaluation": evaluation.summary(con, filters),
            "effect": evaluation.rating_effect(con, filters),
            "ranked_jp": evaluation.course_ranking(con, filters, "gain_per_jp"),
            "needs": needs.summary(con, filters),
            "programme": needs.programme(con, filters),
        }
    finally:
        con.close()


def _pill(page, key: str, label: str) -> None:
    """Click the pill labelled `label` of the pills widget keyed `key` (Streamlit marks it st-key-<key>)."""
    page.locator(f".st-key-{key} button").filter(has_text=label).first.click()


def test_evaluation_journey(server, browser, expected):
    context, page = open_page(browser, f"{server}/evaluasi")
    try:
        page.get_by_role("heading", name="Evaluasi Pelatihan").wait_for()
        summary, effect = expected["evaluation"], expected["effect"]
        assert metric_value(page, ev.SATISFACTION.label("id")) == format_metric(
            ev.SATISFACTION, summary["satisfaction_mean"], "id"
        )
        assert metric_value(page, ev.PER_MILLION.label("id")) == format_metric(
            ev.PER_MILLION, summary["gain_per_million"], "id"
        )
        assert metric_value(page, ev.UPLIFT.label("id")) == format_delta(
            ev.UPLIFT, effect["rating_uplift"], "id"
        )
        # Compare courses instead of providers: the chart's title speaks of courses.
        _pill(page, ev.DIMENSION_KEY, t("ui.evaluation.dim_course", "id"))
        settle(page)
        titles = page.evaluate(CHART_TITLES_JS)
        assert any("kursus jelas di atas" in title for title in titles), titles
        # Rank per JP: the best course per JP heads the ranking chart.
        _pill(page, ev.RANKING_KEY, ev.PER_JP.label("id"))
        settle(page)
        best = expected["ranked_jp"]["group"][0]
        titles = page.evaluate(CHART_TITLES_JS)
        assert any(title.startswith("Paling tinggi per JP") and best[:20] in title for title in titles), (
            titles
        )
        assert page.get_by_text("bukan bukti sebab-akibat").count()
        shoot(page, "evaluasi-desktop")
    finally:
        context.close()
    context, page = open_page(browser, f"{server}/evaluasi", "tablet")
    try:
        shoot(page, "evaluasi-tablet")
    finally:
        context.close()


def test_needs_journey(server, browser, expected):
    context, page = open_page(browser, f"{server}/kebutuhan")
    try:
        page.get_by_role("heading", name="Kebutuhan Pelatihan").wait_for()
        summary = expected["needs"]
        for spec in nd.CARDS:
            assert metric_value(page, spec.label("id")) == format_metric(spec, summary[spec.id], "id")
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
        shoot(page, "kebutuhan-desktop")
    finally:
        context.close()
    context, page = open_page(browser, f"{server}/kebutuhan?lang=en", "tablet")
    try:
        page.get_by_role("heading", name="Training Needs").wait_for()
        assert metric_value(page, nd.REQUESTS.label("en")) == format_metric(
            nd.REQUESTS, summary["needs_requests"], "en"
        )
        shoot(page, "kebutuhan-tablet-en")
    finally:
        context.close()
