"""The main journeys in a real Chromium: a real `streamlit run app.py` on a free port, driven by Playwright.

Screenshots of every page at desktop and tablet width land in test-artifacts/screenshots/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from src.config import ROOT
from src.metrics import compute, options
from src.metrics.filters import Filters
from src.ui.format import format_number
from src.ui.pages_registry import PAGES
from src.warehouse.db import connect

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "tablet": {"width": 800, "height": 1100}}
TIMEOUT_MS = 20_000
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")  # fmt: skip


@pytest.fixture(scope="module")
def expected(sample_db: Path) -> dict[str, object]:
    """The default view's figures, from the metrics layer (what the page must show)."""
    con = connect(sample_db, read_only=True)
    try:
        periods = options.periods(con)
        year = int(periods["year"].max())
        month = int(periods.filter(periods["year"] == year)["last_month"][0])
        filters = Filters(year=year, month=month)
        total = compute.kpis(con, filters, metric_ids=["asn_count"])
        regions = options.units(con)["region"].unique().sort().to_list()
    finally:
        con.close()
    return {"year": year, "month": month, "asn": total["asn_count"][0], "regions": regions}


def _settle(page) -> None:
    """Wait until the script run is over (Streamlit marks it on stApp) and the charts have drawn."""
    page.wait_for_timeout(150)  # let a rerun that a click asked for begin
    page.wait_for_selector(
        '[data-testid="stApp"][data-test-connection-state="CONNECTED"][data-test-script-state="notRunning"]',
        timeout=TIMEOUT_MS,
    )
    page.wait_for_timeout(300)


def _open(browser, url: str, viewport: str):
    context = browser.new_context(viewport=VIEWPORTS[viewport], locale="id-ID")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto(url)
    _settle(page)
    return context, page


def _metric_value(page, label: str) -> str:
    card = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return card.locator('[data-testid="stMetricValue"]').inner_text().strip()


def _shoot(page, name: str) -> None:
    """A screenshot of the whole page: Streamlit scrolls inside its own container, so the viewport is
    made as tall as the content for the shot, then put back."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    height = size["height"]
    for _ in range(4):  # growing the window can reflow the page: measure until it holds still
        needed = page.evaluate(
            """() => Math.max(...['stMainBlockContainer', 'stSidebarContent']
                .map(id => document.querySelector(`[data-testid="${id}"]`))
                .filter(Boolean).map(el => el.getBoundingClientRect().bottom + 48))"""
        )
        if needed <= height:
            break
        height = int(needed)
        page.set_viewport_size({"width": size["width"], "height": height})
        page.wait_for_timeout(300)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
    page.set_viewport_size(size)


def test_a_page_address_as_the_first_request_after_start(server, browser, expected):
    """Runs first: right after the start Streamlit treats pages/ as its legacy page list."""
    region = expected["regions"][-1]
    context, page = _open(browser, f"{server}/definisi?wilayah={region}", "tablet")
    try:
        page.get_by_role("heading", name="Definisi & Data").wait_for()
        assert not page.locator('[data-testid="stException"]').count()
        assert f"wilayah={region}" in page.url
        assert page.locator('[data-testid="stSidebar"] [data-testid="stRadio"]').is_visible()
    finally:
        context.close()


def test_overview_shows_the_figures_and_survives_links_reloads_and_page_switches(server, browser, expected):
    context, page = _open(browser, server, "desktop")
    try:
        asn = format_number(expected["asn"], "id")
        assert "." in asn or len(asn) <= 3
        assert _metric_value(page, "Jumlah ASN") == asn
        table = page.locator('[data-testid="stTable"]')
        for region in expected["regions"]:
            assert region in table.inner_text()
        # The view is in the address: year and month are always there.
        assert f"tahun={expected['year']}" in page.url and f"bulan={expected['month']}" in page.url
        _shoot(page, "ringkasan-desktop-id")

        # Another page keeps the filters (and the address keeps them too).
        page.goto(f"{server}/?wilayah={expected['regions'][0]}")
        _settle(page)
        page.locator('[data-testid="stSidebarNav"] a').filter(has_text="Definisi").click()
        _settle(page)
        page.wait_for_url(re.compile(r"/definisi\?"))
        assert f"wilayah={expected['regions'][0]}" in page.url
        assert page.get_by_role("heading", name="Definisi & Data").is_visible()
        page.locator('[data-testid="stSidebarNav"] a').filter(has_text="Ringkasan").click()
        _settle(page)
        assert f"wilayah={expected['regions'][0]}" in page.url
        table_text = page.locator('[data-testid="stTable"]').inner_text()
        assert expected["regions"][0] in table_text
        assert all(r not in table_text for r in expected["regions"][1:])

        # A reload keeps the view.
        page.reload()
        _settle(page)
        assert f"wilayah={expected['regions'][0]}" in page.url
        assert expected["regions"][0] in page.locator('[data-testid="stTable"]').inner_text()
    finally:
        context.close()


def test_language_switch(server, browser, expected):
    context, page = _open(browser, server, "desktop")
    try:
        page.locator('[data-testid="stSidebar"] label').filter(has_text="English").click()
        _settle(page)
        page.get_by_role("heading", name="Overview").wait_for()
        assert _metric_value(page, "ASN headcount") == format_number(expected["asn"], "en")
        assert "lang=en" in page.url
        # Selections are shown in the new language too (Streamlit keeps a selection as its label).
        month = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(
            has_text="Up to month"
        )
        assert month.locator("input").input_value() == MONTHS_EN[expected["month"] - 1]
        picker = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]').first
        assert picker.locator("input").input_value() == "Meeting 20 JP"
        _shoot(page, "ringkasan-desktop-en")
    finally:
        context.close()


def test_tampered_link_falls_back_with_a_notice(server, browser, expected):
    context, page = _open(browser, server + "/?tahun=19x9&wilayah=%3Cscript%3E&bulan=13", "desktop")
    try:
        toast = page.locator('[data-testid="stToast"]').first
        toast.wait_for()
        assert "tahun" in toast.inner_text() and "wilayah" in toast.inner_text()
        assert _metric_value(page, "Jumlah ASN") == format_number(expected["asn"], "id")
        assert f"tahun={expected['year']}" in page.url and "script" not in page.url
    finally:
        context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_screenshots_of_every_page(server, browser, viewport):
    context, page = _open(browser, server, viewport)
    try:
        for spec in PAGES:
            page.goto(f"{server}/{'' if spec.default else spec.url_path}")
            _settle(page)
            assert not page.locator('[data-testid="stException"]').count()
            _shoot(page, f"{Path(spec.path).stem}-{viewport}-id")
    finally:
        context.close()
