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

from src.i18n import t
from src.metrics import ip_asn, talent
from src.metrics.registry import PAGE_METRIC_BY_ID
from src.ui.format import format_metric
from src.warehouse.db import connect
from tests.browser.helpers import (
    MAIN,
    VIEWPORTS,
    default_filters,
    metric_value,
    no_exception,
    open_page,
    settle,
    shoot,
)

pytestmark = pytest.mark.browser

NIP = re.compile(r"\d{18}")


@pytest.fixture(scope="module")
def figures(sample_db: Path) -> dict[str, dict[str, object]]:
    """The default view's headline figures from the metrics layer (what the pages must show)."""
    con = connect(sample_db, read_only=True)
    try:
        filters = default_filters(con)
        names = con.sql("SELECT nama FROM pegawai ORDER BY nip LIMIT 50").fetchall()
        return {
            "talent": talent.talent_kpis(con, filters).row(0, named=True),
            "ip_asn": ip_asn.ip_asn_kpis(con, filters).row(0, named=True),
            "names": {"list": [n for (n,) in names]},
        }
    finally:
        con.close()


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
    settle(page)


def test_karier_from_the_navigation_to_an_opd_download(server, browser, figures):
    row = figures["talent"]
    context, page = open_page(browser, server)
    try:
        page.locator('[data-testid="stSidebarNav"] a').filter(has_text=t("ui.nav.talent", "id")).click()
        settle(page)
        page.wait_for_url(re.compile(r"/karier\?"))
        page.get_by_role("heading", name=t("ui.nav.talent", "id")).wait_for()
        no_exception(page)
        for metric in ("succession_pool_count", "pool_trained_rate", "talent_mapped_rate", "mentee_rate"):
            label, value = _card(metric, row)
            assert metric_value(page, label) == value, metric
        charts = page.locator(f'{MAIN} [data-testid="stPlotlyChart"]')
        assert charts.count() >= 4  # 9-box, pool, careers, mentoring (and ratings when two years exist)
        grid = charts.first.inner_text()
        assert t("ui.talent.box", "id", box=9) in grid and t("ui.talent.axis_kinerja", "id") in grid
        assert t("ui.talent.privacy", "id")[:40] in page.locator(MAIN).inner_text()
        shoot(page, "karier-desktop-id")

        _choose_segment(page, t("ui.talent.grouping_unit", "id"))
        no_exception(page)
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
    context, page = open_page(browser, f"{server}/ip_asn")
    try:
        page.get_by_role("heading", name=t("ui.nav.ip_asn", "id")).wait_for()
        no_exception(page)
        for metric in ("ip_asn_kompetensi_mean", "ip_asn_kompetensi_share", "ip_asn_tech_rate"):
            label, value = _card(metric, row)
            assert metric_value(page, label) == value, metric
        main = page.locator(MAIN).inner_text()
        assert "PermenPANRB 38/2018" in main  # the assumption is said where the figures are
        rules = page.locator(f'{MAIN} [data-testid="stTable"]').last.inner_text()
        for item in ("kepemimpinan", "fungsional", "teknis", "seminar"):
            assert t(f"ui.ip_asn.item_{item}", "id") in rules
        shoot(page, "ip_asn-desktop-id")

        _choose_segment(page, t("ui.ip_asn.grouping_unit", "id"))
        no_exception(page)
        text = _download_table(page, t("ui.ip_asn.table", "id"))
        header = next(line for line in text.splitlines() if not line.startswith("#"))
        assert header.startswith(f"{t('ui.ip_asn.col_unit', 'id')},{t('ui.ip_asn.col_region', 'id')}")
        assert not NIP.search(text)

        page.locator('[data-testid="stSidebar"] label').filter(has_text="English").click()
        settle(page)
        page.get_by_role("heading", name=t("ui.nav.ip_asn", "en")).wait_for()
        label, value = _card("ip_asn_kompetensi_mean", row, "en")
        assert metric_value(page, label) == value
        assert "lang=en" in page.url
        no_exception(page)
    finally:
        context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("lang", ["id", "en"])
def test_screenshots(server, browser, viewport, lang):
    """Both pages at both widths in both languages, with nothing cut off sideways."""
    context, page = open_page(browser, f"{server}/karier?lang={lang}", viewport)
    try:
        for stem, path in (("karier", "karier"), ("ip_asn", "ip_asn")):
            page.goto(f"{server}/{path}?lang={lang}")
            settle(page)
            no_exception(page)
            overflow = page.evaluate(
                """() => { const main = document.querySelector('[data-testid="stMainBlockContainer"]');
                           return main.scrollWidth - main.clientWidth; }"""
            )
            assert overflow <= 1, f"{stem} is wider than the window at {viewport}"
            shoot(page, f"{stem}-{viewport}-{lang}")
    finally:
        context.close()
