"""Karier & Talenta and IP ASN (kompetensi) in a real headless Chromium against `streamlit run app.py`.

A regional head opens each page from the navigation, reads the headline figures (checked against the
metrics layer), switches the grouping to OPD, downloads the table behind it (counts only: no NIP, no
name), and reads the page in English. Screenshots at desktop (1366 px) and tablet (800 px) width land
in test-artifacts/screenshots/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from src.config import ROOT
from src.i18n import t
from src.metrics import ip_asn, options, talent
from src.metrics.filters import Filters
from src.metrics.registry import PAGE_METRIC_BY_ID
from src.ui.format import format_metric
from src.warehouse.db import connect
from tests.browser.test_journeys import SETTLED_JS, TIMEOUT_MS

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "tablet": {"width": 800, "height": 1100}}
MAIN = '[data-testid="stMain"]'
NIP = re.compile(r"\d{18}")


@pytest.fixture(scope="module")
def figures(sample_db: Path) -> dict[str, dict[str, object]]:
    """The default view's headline figures from the metrics layer (what the pages must show)."""
    con = connect(sample_db, read_only=True)
    try:
        periods = options.periods(con)
        year = int(periods["year"].max())
        month = int(periods.filter(periods["year"] == year)["last_month"][0])
        filters = Filters(year=year, month=month)
        names = con.sql("SELECT nama FROM pegawai ORDER BY nip LIMIT 50").fetchall()
        return {
            "talent": talent.talent_kpis(con, filters).row(0, named=True),
            "ip_asn": ip_asn.ip_asn_kpis(con, filters).row(0, named=True),
            "names": {"list": [n for (n,) in names]},
        }
    finally:
        con.close()


def _settle(page) -> None:
    page.wait_for_timeout(150)
    page.wait_for_function(SETTLED_JS, polling=50, timeout=TIMEOUT_MS)


def _open(browser, url: str, viewport: str = "desktop"):
    context = browser.new_context(viewport=VIEWPORTS[viewport], locale="id-ID", accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto(url)
    _settle(page)
    return context, page


def _metric_value(page, label: str) -> str:
    card = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return card.locator('[data-testid="stMetricValue"]').inner_text().strip()


def _no_exception(page) -> None:
    error = page.locator('[data-testid="stException"]')
    assert not error.count(), error.first.inner_text()


def _shoot(page, name: str) -> None:
    """The whole page: the window is made as tall as the content for the shot, then put back."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    height = size["height"]
    for _ in range(4):
        needed = page.evaluate(
            """() => Math.max(...['stMainBlockContainer', 'stSidebarContent']
                .map(id => document.querySelector(`[data-testid="${id}"]`))
                .filter(Boolean).map(el => el.getBoundingClientRect().bottom + 48))"""
        )
        if needed <= height:
            break
        height = int(needed)
        page.set_viewport_size({"width": size["width"], "height": height})
        page.wait_for_timeout(400)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
    page.set_viewport_size(size)


def _card(metric_id: str, row: dict[str, object], lang: str = "id") -> tuple[str, str]:
    spec = PAGE_METRIC_BY_ID[metric_id]
    return spec.label(lang), format_metric(spec, row[metric_id], lang)  # type: ignore[arg-type]


def _download_table(page, expander: str) -> str:
    """Open the first `expander` on the page and download its CSV; the file's text."""
    page.locator(f'{MAIN} [data-testid="stExpander"]').filter(has_text=expander).first.locator(
        "summary"
    ).click()
    button = page.locator(f'{MAIN} [data-testid="stDownloadButton"]').filter(has_text="CSV").first
    button.scroll_into_view_if_needed()
    with page.expect_download() as info:
        button.click()
    return Path(info.value.path()).read_bytes().decode("utf-8-sig")


def _choose_segment(page, label: str) -> None:
    page.locator(f'{MAIN} [data-testid="stButtonGroup"] button').filter(has_text=label).first.click()
    _settle(page)


def test_karier_from_the_navigation_to_an_opd_download(server, browser, figures):
    row = figures["talent"]
    context, page = _open(browser, server)
    try:
        page.locator('[data-testid="stSidebarNav"] a').filter(has_text=t("ui.nav.talent", "id")).click()
        _settle(page)
        page.wait_for_url(re.compile(r"/karier\?"))
        page.get_by_role("heading", name=t("ui.nav.talent", "id")).wait_for()
        _no_exception(page)
        for metric in ("succession_pool_count", "pool_trained_rate", "talent_mapped_rate", "mentee_rate"):
            label, value = _card(metric, row)
            assert _metric_value(page, label) == value, metric
        charts = page.locator(f'{MAIN} [data-testid="stPlotlyChart"]')
        assert charts.count() >= 4  # 9-box, pool, careers, mentoring (and ratings when two years exist)
        grid = charts.first.inner_text()
        assert t("ui.talent.box", "id", box=9) in grid and t("ui.talent.axis_kinerja", "id") in grid
        assert t("ui.talent.privacy", "id")[:40] in page.locator(MAIN).inner_text()
        _shoot(page, "karier-desktop-id")

        _choose_segment(page, t("ui.talent.grouping_unit", "id"))
        _no_exception(page)
        text = _download_table(page, t("ui.talent.table", "id"))
        lines = text.splitlines()
        assert any(line.startswith("# ") for line in lines)
        header = next(line for line in lines if not line.startswith("#"))
        assert header.startswith(f"{t('ui.talent.col_unit', 'id')},{t('ui.talent.col_region', 'id')}")
        assert t("ui.talent.box", "id", box=9) in header
        assert not NIP.search(text), "a NIP in a download"
        assert not any(name in text for name in figures["names"]["list"]), "a name in a download"
    finally:
        context.close()


def test_ip_asn_shows_the_estimate_the_assumptions_and_reads_in_english(server, browser, figures):
    row = figures["ip_asn"]
    context, page = _open(browser, f"{server}/ip_asn")
    try:
        page.get_by_role("heading", name=t("ui.nav.ip_asn", "id")).wait_for()
        _no_exception(page)
        for metric in ("ip_asn_kompetensi_mean", "ip_asn_kompetensi_share", "ip_asn_tech_rate"):
            label, value = _card(metric, row)
            assert _metric_value(page, label) == value, metric
        main = page.locator(MAIN).inner_text()
        assert "PermenPANRB 38/2018" in main  # the assumption is said where the figures are
        rules = page.locator(f'{MAIN} [data-testid="stTable"]').last.inner_text()
        for item in ("kepemimpinan", "fungsional", "teknis", "seminar"):
            assert t(f"ui.ip_asn.item_{item}", "id") in rules
        _shoot(page, "ip_asn-desktop-id")

        _choose_segment(page, t("ui.ip_asn.grouping_unit", "id"))
        _no_exception(page)
        text = _download_table(page, t("ui.ip_asn.table", "id"))
        header = next(line for line in text.splitlines() if not line.startswith("#"))
        assert header.startswith(f"{t('ui.ip_asn.col_unit', 'id')},{t('ui.ip_asn.col_region', 'id')}")
        assert not NIP.search(text)

        page.locator('[data-testid="stSidebar"] label').filter(has_text="English").click()
        _settle(page)
        page.get_by_role("heading", name=t("ui.nav.ip_asn", "en")).wait_for()
        label, value = _card("ip_asn_kompetensi_mean", row, "en")
        assert _metric_value(page, label) == value
        assert "lang=en" in page.url
        _no_exception(page)
    finally:
        context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("lang", ["id", "en"])
def test_screenshots(server, browser, viewport, lang):
    """Both pages at both widths in both languages, with nothing cut off sideways."""
    context, page = _open(browser, f"{server}/karier?lang={lang}", viewport)
    try:
        for stem, path in (("karier", "karier"), ("ip_asn", "ip_asn")):
            page.goto(f"{server}/{path}?lang={lang}")
            _settle(page)
            _no_exception(page)
            overflow = page.evaluate(
                """() => { const main = document.querySelector('[data-testid="stMainBlockContainer"]');
                           return main.scrollWidth - main.clientWidth; }"""
            )
            assert overflow <= 1, f"{stem} is wider than the window at {viewport}"
            _shoot(page, f"{stem}-{viewport}-{lang}")
    finally:
        context.close()
