"""The main user journeys, end to end in a real headless Chromium against a real `streamlit run app.py`.

A regional head opens the overview and reads the headline figures; narrows the view to a region in
the sidebar and by clicking a region's bar (and undoes it with the chip above the page); drills into
an OPD; reads the dashboard in English; downloads the data behind a chart; and shares a link that a
colleague opens in a fresh browser to get the same view.

Only stable hooks are used (headings, Streamlit's data-testid attributes, ARIA roles and names, URL
parameters, the `customdata` that src/ui/drill.py puts on every drillable point), so the journeys
hold whatever the pages draw around them. Each journey ends with a screenshot in
test-artifacts/screenshots/journey-*.png.
"""

from __future__ import annotations

import contextlib
import csv
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import polars as pl
import pytest

from src.i18n import t
from src.metrics import compute, options
from src.metrics.filters import Filters
from src.metrics.registry import METRIC_BY_ID
from src.ui.format import format_number, month_name, period_label
from src.ui.pages_registry import PAGES
from src.warehouse.db import connect
from tests.browser.helpers import MAIN, SCREENSHOTS, TIMEOUT_MS, metric_value, settle

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1366, "height": 900}
SIDEBAR = '[data-testid="stSidebar"]'
CHART = '[data-testid="stPlotlyChart"]'
HEADCOUNT = {lang: METRIC_BY_ID["asn_count"].label(lang) for lang in ("id", "en")}  # the first headline card
REGION, UNIT, YEAR, MONTH = (t(f"ui.filter.{key}", "id") for key in ("regions", "units", "year", "month"))
OVERVIEW = t("ui.overview.title", "id")

# Counts the script runs the page has seen (any state but notRunning), from the first byte on, so an
# action can wait for the rerun it asked for instead of sleeping and hoping.
RUN_COUNTER_JS = """
window.__runs = 0;
new MutationObserver(records => {
  for (const r of records) {
    const state = r.target.getAttribute('data-test-script-state');
    if (state && state !== 'notRunning' && state !== r.oldValue) window.__runs += 1;
  }
}).observe(document, {subtree: true, attributes: true, attributeOldValue: true,
                      attributeFilter: ['data-test-script-state']});
"""
# Per chart on the page: the (value, region) of every drawn bar, from its customdata; null for a bar
# without any. Bars are listed in the order of `.bars .point path` (what a click can target).
BAR_TARGETS_JS = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].map(chart =>
  [...chart.querySelectorAll('.bars .point')].map(point => {
    const trace = point.closest('.trace').__data__[0].trace;
    const custom = (trace.customdata || [])[point.__data__.i];
    const box = point.querySelector('path').getBoundingClientRect();
    return {
      custom: Array.isArray(custom) && custom.length >= 2 ? [String(custom[0]), String(custom[1])] : null,
      area: box.width * box.height, width: box.width,
    };
  }))"""


# ---- the server, the browser, the figures the pages must show --------------------------------------


class Expected:
    """What the pages must show, from the metrics layer (never from the page itself)."""

    def __init__(self, db: Path) -> None:
        self.db = db
        con = connect(db, read_only=True)
        try:
            periods = options.periods(con).sort("year", descending=True)
            units = options.units(con)
        finally:
            con.close()
        self.year = int(periods["year"][0])
        self.month = int(periods["last_month"][0])
        self.years = [int(y) for y in periods["year"]]
        self.regions: list[str] = sorted(units["region"].unique().to_list())
        self.units_by_region: dict[str, list[str]] = {
            region: sorted(units.filter(pl.col("region") == region)["unit"].to_list())
            for region in self.regions
        }
        self.unit_staff = {(r, u): int(s) for r, u, s in units.select("region", "unit", "staff").iter_rows()}

    def asn(self, year: int | None = None, month: int | None = None, regions=(), units=()) -> int:
        filters = Filters(
            year=year or self.year, month=month or self.month, regions=tuple(regions), units=tuple(units)
        )
        con = connect(self.db, read_only=True)
        try:
            return int(compute.kpis(con, filters, metric_ids=["asn_count"])["asn_count"][0])
        finally:
            con.close()

    def biggest_unit(self, region: str) -> str:
        return max(self.units_by_region[region], key=lambda unit: self.unit_staff[(region, unit)])


@pytest.fixture(scope="module")
def expected(sample_db: Path) -> Expected:
    return Expected(sample_db)


# ---- page helpers ----------------------------------------------------------------------------------


def _rerun(page, action: Callable[[], object]) -> None:
    """Do `action`, wait for the script run it asks for to start (if it asks for one), then settle."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    before = page.evaluate("() => window.__runs")
    action()
    # No run within 3 s: the action asked for none; settling then costs nothing.
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(f"() => window.__runs > {before}", polling=20, timeout=3000)
    settle(page, pause_ms=0)


def _new_page(browser, locale: str = "id-ID"):
    context = browser.new_context(viewport=VIEWPORT, locale=locale, accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(RUN_COUNTER_JS)
    return context, context.new_page()


def _goto(page, url: str, *, allow_exception: bool = False) -> bool:
    """Open `url` and settle; False when the page shows an exception (an assertion error unless allowed)."""
    page.goto(url)
    settle(page, pause_ms=0)
    error = page.locator('[data-testid="stException"]')
    if error.count():
        assert allow_exception, error.first.inner_text()
        return False
    return True


def _query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def _page_url(server: str, stem: str) -> str:
    spec = next(p for p in PAGES if Path(p.path).stem == stem)
    return f"{server}/{'' if spec.default else spec.url_path}"


def _heading(page, text: str):
    return page.locator(f"{MAIN} h1").filter(has_text=text).first


def _nav_link(page, title: str):
    return page.locator('[data-testid="stSidebarNav"] a').filter(has_text=title)


def _metric_values(page) -> list[str]:
    return [v.strip() for v in page.locator(f'{MAIN} [data-testid="stMetricValue"]').all_inner_texts()]


def _language(page, name: str):
    return page.locator(f'{SIDEBAR} [data-testid="stRadio"]').get_by_text(name, exact=True)


def _combobox(page, label: str):
    return page.locator(SIDEBAR).get_by_role("combobox", name=label, exact=True)


def _multiselect(page, label: str):
    combobox = page.get_by_role("combobox", name=label, exact=True)  # relative to the multiselect
    return page.locator(f'{SIDEBAR} [data-testid="stMultiSelect"]').filter(has=combobox)


def _tags(page, label: str) -> list[str]:
    """The values chosen in a sidebar multiselect."""
    tags = _multiselect(page, label).locator("[data-tag]")
    return [tags.nth(i).get_attribute("aria-label") or "" for i in range(tags.count())]


def _choose(page, label: str, option: str, *, multi: bool = False) -> None:
    """Pick `option` in the sidebar selectbox / multiselect called `label`, as a user does."""

    def pick() -> None:
        box = _combobox(page, label)
        box.click()
        box.fill(option)  # long lists only draw the options in view: filter them as a user types
        page.get_by_role("option", name=option, exact=True).click()
        if multi:
            page.keyboard.press("Escape")

    _rerun(page, pick)


def _chip(page, value: str):
    """The narrowing chip above the page (Streamlit also keeps a hidden copy of a button to measure it)."""
    return page.locator(f'{MAIN} [data-testid^="stBaseButton"]').filter(has_text=value).filter(visible=True)


def _bar_targets(page) -> list[list[dict]]:
    return page.evaluate(BAR_TARGETS_JS)


def _drill_chart_index(page, dimension: str, expected: Expected) -> int | None:
    """The first chart whose bars carry drill customdata of `dimension`: [region, region] or [unit, region]."""
    for index, bars in enumerate(_bar_targets(page)):
        if not bars or any(bar["custom"] is None for bar in bars):
            continue
        if dimension == "region" and all(
            value == region and region in expected.regions for value, region in (b["custom"] for b in bars)
        ):
            return index
        if dimension == "unit" and all(
            region in expected.units_by_region and value in expected.units_by_region[region]
            for value, region in (b["custom"] for b in bars)
        ):
            return index
    return None


def _click_bar(page, chart_index: int) -> tuple[str, str]:
    """Click the largest bar of a chart (a thin one is easy to miss); returns its (value, region)."""
    bars = _bar_targets(page)[chart_index]
    best = max(range(len(bars)), key=lambda i: bars[i]["area"])
    assert bars[best]["width"] >= 2, "no bar wide enough to click"
    path = page.locator(CHART).nth(chart_index).locator(".bars .point path").nth(best)
    path.scroll_into_view_if_needed()
    # Plotly's drag layer lies over the bars and takes the click: a real click at the bar's centre
    # (force skips Playwright's "is it the topmost element" check, not the mouse events).
    _rerun(page, lambda: path.click(force=True))
    value, region = bars[best]["custom"]
    return value, region


def _shoot(page, name: str) -> None:
    """What the user sees at the end of the journey (the window, not the whole page: growing the window
    to the page's height makes every chart redraw, which a journey cannot afford twice a minute)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"journey-{name}.png"))


@pytest.fixture
def tab(browser) -> Iterator:
    context, page = _new_page(browser)
    try:
        yield page
    finally:
        context.close()


# ---- the journeys ----------------------------------------------------------------------------------


def test_overview_shows_the_headline_figures(server, tab, expected):
    page = tab
    _goto(page, server)
    _heading(page, t("ui.overview.title", "id")).wait_for()
    assert metric_value(page, HEADCOUNT["id"]) == format_number(expected.asn(), "id")
    assert len(_metric_values(page)) >= 6  # the headline wall, not a lone number
    assert all(value for value in _metric_values(page))
    query = _query(page)
    assert query["tahun"] == [str(expected.year)] and query["bulan"] == [str(expected.month)]
    assert "wilayah" not in query
    _shoot(page, "overview")


def test_choosing_a_region_in_the_sidebar_changes_the_figures_and_the_address(server, tab, expected):
    page = tab
    _goto(page, server)
    everyone = metric_value(page, HEADCOUNT["id"])
    region = expected.regions[-1]
    _choose(page, REGION, region, multi=True)
    page.wait_for_url(lambda url: parse_qs(urlsplit(url).query).get("wilayah") == [region])
    assert _tags(page, REGION) == [region]
    now = metric_value(page, HEADCOUNT["id"])
    assert now == format_number(expected.asn(regions=[region]), "id")
    assert now != everyone
    assert region in page.locator(f'{MAIN} [data-testid="stCaptionContainer"]').first.inner_text()
    assert _chip(page, region).count() == 1

    # A second region widens the view again: both are in the address.
    other = expected.regions[0]
    _choose(page, REGION, other, multi=True)
    page.wait_for_url(
        lambda url: sorted(parse_qs(urlsplit(url).query).get("wilayah", [])) == sorted([region, other])
    )
    assert sorted(_tags(page, REGION)) == sorted([region, other])
    assert metric_value(page, HEADCOUNT["id"]) == format_number(expected.asn(regions=[region, other]), "id")
    _shoot(page, "sidebar-region")


def test_clicking_a_region_bar_cross_filters_and_the_chip_undoes_it(server, tab, expected):
    page = tab
    _goto(page, server)
    index = _drill_chart_index(page, "region", expected)
    assert index is not None, "the overview has no region chart drawn with drill_chart"
    region, _ = _click_bar(page, index)
    page.wait_for_url(lambda url: parse_qs(urlsplit(url).query).get("wilayah") == [region])
    chip = _chip(page, region)
    chip.wait_for()
    assert _tags(page, REGION) == [region]
    assert metric_value(page, HEADCOUNT["id"]) == format_number(expected.asn(regions=[region]), "id")
    _shoot(page, "region-bar-click")

    _rerun(page, chip.click)
    page.wait_for_url(lambda url: "wilayah" not in parse_qs(urlsplit(url).query))
    assert _chip(page, region).count() == 0
    assert _tags(page, REGION) == []
    assert metric_value(page, HEADCOUNT["id"]) == format_number(expected.asn(), "id")


def _assert_opd_view(page, expected: Expected, unit: str, region: str) -> None:
    """The address, the sidebar, the chip, the scope line and the charts all show the one OPD; the
    overview counts its staff."""
    page.wait_for_url(lambda url: parse_qs(urlsplit(url).query).get("opd") == [unit])
    assert _query(page)["wilayah"] == [region]
    assert _tags(page, UNIT) == [unit] and _tags(page, REGION) == [region]
    _chip(page, unit).wait_for()
    scope_line = page.locator(f'{MAIN} [data-testid="stCaptionContainer"]').filter(has_text=region).first
    assert unit in scope_line.inner_text()
    for bars in _bar_targets(page):  # any OPD chart left shows this OPD only
        pairs = {tuple(b["custom"]) for b in bars if b["custom"]}
        if pairs and all(
            r in expected.units_by_region and v in expected.units_by_region[r] for v, r in pairs
        ):
            assert pairs == {(unit, region)}
    if not _heading(page, OVERVIEW).count():
        _rerun(page, _nav_link(page, t("ui.nav.overview", "id")).click)
        _heading(page, OVERVIEW).wait_for()
        assert _query(page)["opd"] == [unit]
    assert metric_value(page, HEADCOUNT["id"]) == format_number(
        expected.asn(regions=[region], units=[unit]), "id"
    )


def _pages_partisipasi_first() -> list[str]:
    stems = [Path(p.path).stem for p in PAGES]
    return sorted(stems, key=lambda stem: stem != "partisipasi")


def test_drilling_into_an_opd_by_clicking_its_bar(server, tab, expected):
    page = tab
    for stem in _pages_partisipasi_first():  # a page that fails is test_app.py's to report
        if not _goto(page, _page_url(server, stem), allow_exception=True):
            continue
        index = _drill_chart_index(page, "unit", expected)
        if index is not None:
            break
    else:
        pytest.skip("no page draws an OPD chart with drill_chart('unit') yet; the sidebar path is tested")
    unit, region = _click_bar(page, index)
    _assert_opd_view(page, expected, unit, region)
    _shoot(page, "opd-bar-click")


def test_drilling_into_an_opd_from_the_sidebar(server, tab, expected):
    """The way in without a chart: the sidebar's region, then its OPD (on the overview, whose figures
    the OPD's own must replace)."""
    page = tab
    region = expected.regions[-1]
    unit = expected.biggest_unit(region)
    _goto(page, server)
    _choose(page, REGION, region, multi=True)
    _choose(page, UNIT, unit, multi=True)
    _assert_opd_view(page, expected, unit, region)
    _shoot(page, "opd-sidebar")


def test_switching_to_english_and_back(server, tab, expected):
    page = tab
    _goto(page, server)
    _rerun(page, _language(page, "English").click)
    _heading(page, t("ui.overview.title", "en")).wait_for()
    assert _query(page)["lang"] == ["en"]
    assert metric_value(page, HEADCOUNT["en"]) == format_number(expected.asn(), "en")
    sidebar = page.locator(SIDEBAR)
    assert sidebar.get_by_role("heading", name=t("ui.filter.heading", "en")).is_visible()
    assert _combobox(page, t("ui.filter.month", "en")).input_value() == month_name(expected.month, "en")
    nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
    assert all(t(p.title_key, "en") in nav for p in PAGES)
    # Another page is in English too.
    _rerun(page, _nav_link(page, t("ui.nav.definitions", "en")).click)
    _heading(page, t("ui.definitions.title", "en")).wait_for()
    assert _query(page)["lang"] == ["en"]
    _shoot(page, "english")

    _rerun(page, _language(page, "Bahasa Indonesia").click)
    _heading(page, t("ui.definitions.title", "id")).wait_for()
    assert "lang" not in _query(page)
    assert sidebar.get_by_role("heading", name=t("ui.filter.heading", "id")).is_visible()
    _rerun(page, _nav_link(page, t("ui.nav.overview", "id")).click)
    _heading(page, OVERVIEW).wait_for()
    assert metric_value(page, HEADCOUNT["id"]) == format_number(expected.asn(), "id")


def test_downloading_a_csv_states_the_filters_and_parses(server, tab, expected):
    page = tab
    region = expected.regions[-1]
    for stem in _pages_partisipasi_first():
        if not _goto(
            page, f"{_page_url(server, stem)}?{urlencode({'wilayah': region})}", allow_exception=True
        ):
            continue
        buttons = page.locator(f'{MAIN} [data-testid="stDownloadButton"]').filter(has_text="CSV")
        if buttons.count():
            break
    else:
        pytest.fail("no page offers a CSV download button")
    button = buttons.first
    button.scroll_into_view_if_needed()
    with page.expect_download() as download_info:
        button.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    raw = Path(download.path()).read_bytes()
    text = raw.decode("utf-8-sig")
    lines = text.splitlines()
    statement = [line for line in lines if line.startswith("# ")]
    assert lines[0].startswith("# ") and len(statement) >= 4, lines[:6]
    period = period_label(expected.year, expected.month, "id")
    assert f"# {t('ui.download.period', 'id', period=period)}" in lines
    assert f"# {t('ui.download.regions', 'id', values=region)}" in lines
    assert f"# {t('ui.download.units', 'id', values=t('ui.download.all', 'id'))}" in lines
    body = [line for line in lines if not line.startswith("#")]
    rows = list(csv.reader(io.StringIO("\n".join(body))))
    assert len(rows) >= 2 and all(len(row) == len(rows[0]) for row in rows)
    frame = pl.read_csv(io.BytesIO(raw), comment_prefix="#")
    assert frame.columns == rows[0] and frame.height == len(rows) - 1
    _shoot(page, "download")


def test_a_copied_link_opens_the_same_view_in_a_new_browser(server, browser, expected):
    year = expected.years[1] if len(expected.years) > 1 else expected.year
    month = 6
    region = expected.regions[0]
    context, page = _new_page(browser)
    try:
        _goto(page, server)
        _choose(page, YEAR, str(year))
        _choose(page, MONTH, month_name(month, "id"))
        _choose(page, REGION, region, multi=True)
        _rerun(page, _language(page, "English").click)
        _heading(page, t("ui.overview.title", "en")).wait_for()
        link = page.url
        query = _query(page)
        assert query["tahun"] == [str(year)] and query["bulan"] == [str(month)]
        assert query["wilayah"] == [region] and query["lang"] == ["en"]
        figures = _metric_values(page)
        headcount = metric_value(page, HEADCOUNT["en"])
        assert headcount == format_number(expected.asn(year, month, [region]), "en")
    finally:
        context.close()

    context, page = _new_page(browser, locale="en-US")
    try:
        _goto(page, link)
        _heading(page, t("ui.overview.title", "en")).wait_for()
        assert metric_value(page, HEADCOUNT["en"]) == headcount
        assert _metric_values(page) == figures
        assert _combobox(page, t("ui.filter.year", "en")).input_value() == str(year)
        assert _combobox(page, t("ui.filter.month", "en")).input_value() == month_name(month, "en")
        assert _tags(page, t("ui.filter.regions", "en")) == [region]
        assert _query(page) == query
        _shoot(page, "copied-link")
    finally:
        context.close()
