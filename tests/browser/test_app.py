"""The main journeys in a real Chromium: a real `streamlit run app.py` on a free port, driven by Playwright.

Screenshots of every page at desktop and tablet width land in test-artifacts/screenshots/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from src.metrics import compute, options
from src.ui.format import format_number
from src.ui.pages_registry import PAGES
from src.warehouse.db import connect
from tests.browser.helpers import VIEWPORTS, default_filters, metric_value, open_page, settle, shoot

pytestmark = pytest.mark.browser

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")  # fmt: skip


@pytest.fixture(scope="module")
def expected(sample_db: Path) -> dict[str, object]:
    """The default view's figures, from the metrics layer (what the page must show)."""
    con = connect(sample_db, read_only=True)
    try:
        filters = default_filters(con)
        total = compute.kpis(con, filters, metric_ids=["asn_count"])
        regions = options.units(con)["region"].unique().sort().to_list()
    finally:
        con.close()
    return {"year": filters.year, "month": filters.month, "asn": total["asn_count"][0], "regions": regions}


def test_a_page_address_as_the_first_request_after_start(server, browser, expected):
    """Runs first: right after the start Streamlit treats pages/ as its legacy page list."""
    region = expected["regions"][-1]
    context, page = open_page(browser, f"{server}/definisi?wilayah={region}", "tablet")
    try:
        page.get_by_role("heading", name="Definisi & Data").wait_for()
        assert not page.locator('[data-testid="stException"]').count()
        assert f"wilayah={region}" in page.url
        # The sidebar's filters are drawn (after the rerun that leaves the legacy mode).
        page.locator('[data-testid="stSidebar"] [data-testid="stRadio"]').wait_for(state="visible")
    finally:
        context.close()


def test_overview_shows_the_figures_and_survives_links_reloads_and_page_switches(server, browser, expected):
    context, page = open_page(browser, server, "desktop")
    try:
        asn = format_number(expected["asn"], "id")
        assert "." in asn or len(asn) <= 3
        assert metric_value(page, "Jumlah ASN") == asn
        table = page.locator('[data-testid="stTable"]')
        for region in expected["regions"]:
            assert region in table.inner_text()
        # The view is in the address: year and month are always there.
        assert f"tahun={expected['year']}" in page.url and f"bulan={expected['month']}" in page.url
        shoot(page, "ringkasan-desktop-id")

        # Another page keeps the filters (and the address keeps them too).
        page.goto(f"{server}/?wilayah={expected['regions'][0]}")
        settle(page)
        page.locator('[data-testid="stSidebarNav"] a').filter(has_text="Definisi").click()
        settle(page)
        page.wait_for_url(re.compile(r"/definisi\?"))
        assert f"wilayah={expected['regions'][0]}" in page.url
        assert page.get_by_role("heading", name="Definisi & Data").is_visible()
        page.locator('[data-testid="stSidebarNav"] a').filter(has_text="Ringkasan").click()
        settle(page)
        assert f"wilayah={expected['regions'][0]}" in page.url
        table_text = page.locator('[data-testid="stTable"]').inner_text()
        assert expected["regions"][0] in table_text
        assert all(r not in table_text for r in expected["regions"][1:])

        # A reload keeps the view.
        page.reload()
        settle(page)
        assert f"wilayah={expected['regions'][0]}" in page.url
        assert expected["regions"][0] in page.locator('[data-testid="stTable"]').inner_text()
    finally:
        context.close()


def test_language_switch(server, browser, expected):
    context, page = open_page(browser, server, "desktop")
    try:
        page.locator('[data-testid="stSidebar"] label').filter(has_text="English").click()
        settle(page)
        page.get_by_role("heading", name="Overview").wait_for()
        assert metric_value(page, "ASN headcount") == format_number(expected["asn"], "en")
        assert "lang=en" in page.url
        # Selections are shown in the new language too (Streamlit keeps a selection as its label).
        month = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(
            has_text="Up to month"
        )
        assert month.locator("input").input_value() == MONTHS_EN[expected["month"] - 1]
        picker = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]').first
        assert picker.locator("input").input_value() == "Meeting 20 JP"
        shoot(page, "ringkasan-desktop-en")
    finally:
        context.close()


def test_tampered_link_falls_back_with_a_notice(server, browser, expected):
    context, page = open_page(browser, server + "/?tahun=19x9&wilayah=%3Cscript%3E&bulan=13", "desktop")
    try:
        toast = page.locator('[data-testid="stToast"]').first
        toast.wait_for()
        assert "tahun" in toast.inner_text() and "wilayah" in toast.inner_text()
        assert metric_value(page, "Jumlah ASN") == format_number(expected["asn"], "id")
        assert f"tahun={expected['year']}" in page.url and "script" not in page.url
    finally:
        context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_screenshots_of_every_page(server, browser, viewport):
    context, page = open_page(browser, server, viewport)
    try:
        for spec in PAGES:
            page.goto(f"{server}/{'' if spec.default else spec.url_path}")
            settle(page)
            assert not page.locator('[data-testid="stException"]').count()
            shoot(page, f"{Path(spec.path).stem}-{viewport}-id")
    finally:
        context.close()
