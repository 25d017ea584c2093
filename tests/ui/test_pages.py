"""Every page through AppTest: default filters, a narrow filter, no matching data, English, the URL."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from src.config import ROOT
from src.i18n import t
from src.metrics.registry import METRIC_BY_ID, METRICS
from src.ui.components import HEADLINE
from src.ui.format import format_delta, format_metric, format_number
from src.ui.pages_registry import PAGES
from tests.ui.conftest import no_errors


def _labels(at: AppTest) -> list[str]:
    return [m.label for m in at.metric]


def _values(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _expected_cards(figures, filters, lang: str) -> dict[str, str]:
    row = figures.kpis(filters).row(0, named=True)
    return {METRIC_BY_ID[m].label(lang): format_metric(METRIC_BY_ID[m], row[m], lang) for m in HEADLINE}


@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path for p in PAGES])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_page_runs(run_app, spec, lang):
    at = run_app(query={"lang": lang}, page=None if spec.default else spec.path)
    no_errors(at)
    assert at.title[0].value == t(spec.title_key, lang)
    assert at.sidebar.radio(key="lang").value == lang


def test_overview_default_filters(run_app, figures):
    at = run_app()
    no_errors(at)
    assert _labels(at) == [METRIC_BY_ID[m].label("id") for m in HEADLINE]
    assert _values(at) == _expected_cards(figures, figures.default, "id")
    total = figures.kpis(figures.default)["asn_count"][0]
    assert at.metric[0].value == format_number(total, "id")
    # The period is the latest with data and it is in the address.
    assert at.query_params["tahun"] == str(figures.year) and at.query_params["bulan"] == str(figures.month)
    table = at.table[0].value
    assert list(table.columns) == ["Indikator", *figures.regions, "Total"]
    assert list(table["Indikator"]) == [METRIC_BY_ID[m].label("id") for m in HEADLINE]
    chart = at.get("plotly_chart")[0]
    assert "Memenuhi 20 JP" in chart.proto.spec


def test_overview_changes_against_last_year(run_app, figures):
    at = run_app()
    now = figures.kpis(figures.default).row(0, named=True)
    before = figures.kpis(figures.default.previous_year()).row(0, named=True)
    card = next(m for m in at.metric if m.label == METRIC_BY_ID["participation_rate"].label("id"))
    spec = METRIC_BY_ID["participation_rate"]
    assert card.proto.delta == format_delta(spec, now[spec.id] - before[spec.id], "id")
    assert card.proto.delta.endswith(" poin")
    assert "dibanding" in card.proto.delta_description
    assert not at.metric[0].proto.delta  # the staff list is a snapshot: no change to show


def test_overview_narrow_filter(run_app, figures):
    region = figures.regions[-1]
    at = run_app(query={"wilayah": region, "jk": "P"})
    no_errors(at)
    filters = figures.default.model_copy(update={"regions": (region,), "gender": ("P",)})
    assert _values(at) == _expected_cards(figures, filters, "id")
    assert list(at.table[0].value.columns) == ["Indikator", region, "Total"]
    assert region in at.caption[0].value and "filter pegawai aktif" in at.caption[0].value
    assert at.sidebar.multiselect(key="f_regions").value == [region]
    assert at.query_params["wilayah"] == region and at.query_params["jk"] == "P"
    # The budget card says that staff filters do not apply to it.
    assert any(c.value.endswith(t("ui.overview.budget_scope", "id")) for c in at.caption)


def test_overview_when_nothing_matches(run_app, figures):
    at = run_app(query=figures.empty_staff_filter())
    no_errors(at)
    assert not at.metric and not at.table
    assert t("ui.overview.empty_title", "id") in at.info[0].value
    at.button(key="empty_reset").click().run()
    no_errors(at)
    assert len(at.metric) == len(HEADLINE)
    assert "pegawai" not in at.query_params


def test_overview_in_english(run_app, figures):
    at = run_app(query={"lang": "en"})
    no_errors(at)
    assert _values(at) == _expected_cards(figures, figures.default, "en")
    assert at.title[0].value == "Overview"
    assert at.table[0].value.columns[0] == "Indicator"
    assert at.sidebar.selectbox(key="f_month").format_func(figures.month).isascii()


def test_switching_language_with_the_widget(run_app, figures):
    at = run_app()
    at.sidebar.radio(key="lang").set_value("en").run()
    no_errors(at)
    assert _labels(at) == [METRIC_BY_ID[m].label("en") for m in HEADLINE]
    assert at.query_params["lang"] == "en"
    assert at.metric[0].value == format_number(figures.kpis(figures.default)["asn_count"][0], "en")


def test_a_tampered_address_falls_back_with_a_notice(run_app, figures):
    at = run_app(query={"tahun": "2O26", "wilayah": ["Atlantis", "<b>x</b>"], "bulan": "99", "lang": "xx"})
    no_errors(at)
    notice = at.toast[0].value
    for name in ("tahun", "wilayah", "bulan", "lang"):
        assert name in notice
    assert "Atlantis" not in notice and "<b>" not in notice  # names the parameters, never echoes values
    assert _values(at) == _expected_cards(figures, figures.default, "id")
    assert at.query_params["tahun"] == str(figures.year) and "wilayah" not in at.query_params


def test_filters_survive_page_switches(run_app, figures):
    region = figures.regions[0]
    at = run_app(query={"wilayah": region})
    at.switch_page("pages/definisi.py").run()
    no_errors(at)
    assert at.query_params["wilayah"] == region
    at.switch_page("pages/ringkasan.py").run()
    assert list(at.table[0].value.columns) == ["Indikator", region, "Total"]


def test_a_new_year_starts_at_its_latest_month(run_app, figures):
    older = int(figures.periods["year"].min())
    if older == figures.year:
        pytest.skip("the sample holds one year")
    at = run_app()
    at.sidebar.selectbox(key="f_year").set_value(older).run()
    last = int(figures.periods.filter(figures.periods["year"] == older)["last_month"][0])
    assert at.sidebar.selectbox(key="f_month").value == last
    assert at.query_params["tahun"] == str(older) and at.query_params["bulan"] == str(last)


def test_units_follow_the_chosen_regions(run_app, figures):
    region = figures.regions[0]
    at = run_app(query={"wilayah": region})
    units = figures.units.filter(figures.units["region"] == region)["unit"].to_list()
    assert sorted(at.sidebar.multiselect(key="f_units").options) == sorted(set(units))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_definitions_show_every_metric(run_app, lang):
    at = run_app(query={"lang": lang}, page="pages/definisi.py")
    no_errors(at)
    text = "\n".join(m.value for m in at.markdown)
    for spec in METRICS:
        assert f"**{spec.label(lang)}**" in text, spec.id
    assert "Target" in text
    tables = [table.value for table in at.table]
    assert len(tables) == 2 and all(len(table) for table in tables)


def test_a_missing_database_explains_what_to_run(monkeypatch, tmp_path):
    monkeypatch.setenv("DASBOR_DB", str(tmp_path / "nothing.duckdb"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert not at.exception
    message = at.info[0].value
    assert "make run" in message and "python -m src.cli demo --db" in message
    assert at.subheader[0].value == "Basis data belum ada"
    assert not at.metric


def test_an_empty_database_says_so(monkeypatch, tmp_path):
    from src.warehouse.db import connect

    path = tmp_path / "empty.duckdb"
    connect(path).close()
    monkeypatch.setenv("DASBOR_DB", str(path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert not at.exception
    assert at.subheader[0].value == "Belum ada data"


def test_a_page_address_as_the_very_first_request(sample_db, figures, monkeypatch):
    """Right after the server starts, Streamlit's legacy `pages/` folder mode runs a page file
    without app.py; the page must still come up whole (with its sidebar and the address kept)."""
    monkeypatch.setenv("DASBOR_DB", str(sample_db))
    region = figures.regions[0]
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["wilayah"] = region
    at.switch_page("pages/definisi.py").run()
    no_errors(at)
    assert at.title[0].value == "Definisi & Data"
    assert at.sidebar.multiselect(key="f_regions").value == [region]
    assert at.query_params["wilayah"] == region


def test_every_page_is_in_a_navigation_section() -> None:
    from src.ui.pages_registry import SECTIONS, st_pages

    assert {p.section for p in PAGES} == set(SECTIONS)
    grouped = st_pages("id")
    assert list(grouped) == ["Ikhtisar", "Pengembangan kompetensi", "Data"]
    assert sum(len(pages) for pages in grouped.values()) == len(PAGES)


def test_every_address_is_its_file_name() -> None:
    """Until app.py declares the navigation, Streamlit resolves addresses from the pages/ files."""
    assert [p.url_path for p in PAGES] == [Path(p.path).stem for p in PAGES]
