"""Karier & Talenta: the page through AppTest (default, one region, nothing matching, English, the
OPD grouping, the Definisi page) and its chart builders as pure functions, asserted on their data."""

from __future__ import annotations

import json

import polars as pl
import pytest

from src.i18n import t
from src.metrics import talent
from src.metrics.filters import Filters
from src.metrics.registry import PAGE_METRIC_BY_ID, TALENT_METRICS
from src.ui import talent as ui
from src.ui.format import format_metric
from tests.ui.conftest import chart_specs, chart_title, no_errors

PAGE = "pages/karier.py"


def _cards(figures, filters: Filters, lang: str) -> dict[str, str]:
    row = talent.talent_kpis(figures.con, filters).row(0, named=True)
    specs = [PAGE_METRIC_BY_ID[m] for m in ui.CARD_METRICS]
    return {s.label(lang): format_metric(s, row[s.id], lang) for s in specs}


# ---- the page --------------------------------------------------------------------------------------


def test_default_view(run_app, figures):
    at = run_app(page=PAGE)
    no_errors(at)
    assert at.title[0].value == "Karier & Talenta"
    assert {m.label: m.value for m in at.metric} == _cards(figures, figures.default, "id")
    headings = [s.value for s in at.subheader]
    for key in ("ninebox", "pool", "careers", "mentoring", "ratings"):
        assert t(f"ui.talent.{key}_heading", "id") in headings
    charts = chart_specs(at)
    grid = charts[0]
    assert grid["data"][0]["type"] == "heatmap"
    # the grid's counts are the metrics layer's, box by box
    counts = talent.ninebox_counts(talent.ninebox(figures.con, figures.default))
    cells = {int(text.split("</b>")[0].split()[-1]): text for row in grid["data"][0]["text"] for text in row}
    assert set(cells) == set(range(1, 10))
    for box, staff in zip(counts["box"], counts["staff"], strict=True):
        assert f"{staff:,}".replace(",", ".") + " orang" in cells[box]
    assert any(t("ui.talent.privacy", "id") == c.value for c in at.caption)


def test_one_region_changes_the_figures(run_app, figures):
    region = figures.regions[0]
    at = run_app(query={"wilayah": region}, page=PAGE)
    no_errors(at)
    filters = figures.default.model_copy(update={"regions": (region,)})
    assert {m.label: m.value for m in at.metric} == _cards(figures, filters, "id")


def test_nothing_matches(run_app, figures):
    at = run_app(query=figures.empty_staff_filter(), page=PAGE)
    no_errors(at)
    assert not at.metric
    assert at.info, "the empty state explains itself"


def test_english(run_app, figures):
    at = run_app(query={"lang": "en"}, page=PAGE)
    no_errors(at)
    assert at.title[0].value == "Careers & Talent"
    assert {m.label: m.value for m in at.metric} == _cards(figures, figures.default, "en")
    assert t("ui.talent.box", "en", box=9) in json.dumps(chart_specs(at)[0]["data"][0]["text"])


def test_the_opd_grouping_lists_every_opd_in_the_table(run_app, figures):
    at = run_app(page=PAGE)
    at.segmented_control(key=ui.KEY_GROUPING).set_value("unit").run()
    no_errors(at)
    frames = [d.value for d in at.dataframe]
    table = next(f for f in frames if t("ui.talent.col_unit", "id") in f.columns)
    expected = talent.talent_kpis(figures.con, figures.default, by="unit")
    assert len(table) == expected.height
    pool = PAGE_METRIC_BY_ID["succession_pool_count"].label("id")
    assert int(table[pool].sum()) == int(expected["succession_pool"].sum())
    # the pool chart's title is the whole view's rate, whichever OPD the chart has room for
    whole = talent.talent_kpis(figures.con, figures.default).row(0, named=True)
    rate = format_metric(PAGE_METRIC_BY_ID["pool_trained_rate"], whole["pool_trained_rate"], "id")
    assert any(chart_title(c).startswith(f"{rate} kelompok suksesi") for c in chart_specs(at))


def test_the_definitions_page_lists_the_talent_metrics(run_app):
    at = run_app(page="pages/definisi.py")
    no_errors(at)
    text = "\n".join(m.value for m in at.markdown)
    assert t("ui.definitions.section_talent", "id") in text
    for spec in TALENT_METRICS:
        assert f"**{spec.label('id')}**" in text, spec.id


# ---- the builders ----------------------------------------------------------------------------------


def _boxes(staff: dict[int, int], unmapped: int = 0) -> pl.DataFrame:
    rows = [("", None, 2025, box, n, 0, 0) for box, n in staff.items()]
    if unmapped:
        rows.append(("", None, None, None, unmapped, 0, 0))
    return pl.DataFrame(
        rows,
        schema={"group": pl.String, "group_region": pl.String, "rating_year": pl.Int32, "box": pl.Int32,
                "staff": pl.Int64, "trained": pl.Int64, "jp20": pl.Int64},
        orient="row",
    )  # fmt: skip


def test_ninebox_figure_places_every_box_where_the_domain_numbers_it():
    frame = _boxes({1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 7, 8: 8, 9: 9}, unmapped=5)
    fig = ui.ninebox_figure(talent.ninebox_counts(frame), talent.rating_years(frame), 5, "id")
    heat = fig.data[0]
    # rows potensial rendah, menengah, tinggi; columns kinerja di bawah, sesuai, di atas
    numbers = [[int(cell.split("</b>")[0].split()[-1]) for cell in row] for row in heat.text]
    assert numbers == [[1, 2, 4], [3, 5, 7], [6, 8, 9]]
    assert list(heat.y) == ["Rendah", "Menengah", "Tinggi"]
    assert list(heat.x) == ["Di bawah<br>ekspektasi", "Sesuai<br>ekspektasi", "Di atas<br>ekspektasi"]
    # pool 7 + 8 + 9 = 24 of 45 mapped = 53,3 %; 5 not placed
    assert _title_text(fig) == "24 ASN di kelompok suksesi (kotak 7–9), 53,3 % dari yang terpetakan"
    assert "5 ASN belum terpetakan" in fig.layout.title.subtitle.text.replace("<br>", " ")
    # colours: pool cells green, box 1 orange, the rest neutral
    colors = dict(heat.colorscale)
    z = heat.z
    assert (
        colors[z[2][2] / 8] == ui.POOL_TINT
        and colors[z[0][0] / 8] == ui.WEAK_TINT
        and colors[z[1][1] / 8] == ui.NEUTRAL
    )


def _title_text(fig) -> str:
    return fig.layout.title.text.replace("<br>", " ")


def test_pool_figure_and_rows_largest_pools_first():
    kpis = pl.DataFrame(
        {
            "group": ["A", "B", "C"], "group_region": ["R", "R", "S"], "succession_pool": [10.0, 0.0, 30.0],
            "pool_trained_rate": [0.5, None, 0.9], "pool_trained_rate_low": [0.2, None, 0.75],
            "pool_trained_rate_high": [0.8, None, 0.97],
        }
    )  # fmt: skip
    rows = ui.pool_rows(kpis, "unit")
    assert rows["group"].to_list() == ["C", "A"]  # B has no pool
    fig = ui.pool_figure(rows, "unit", "id", {"R": "#000000", "S": "#111111"}, 0.8)
    # the title gives the whole view's rate (OPD beyond the chart's limit included), not the bars' own
    assert _title_text(fig).startswith("80,0 % kelompok suksesi ikut pengembangan")
    assert "Paling rendah: A (50,0 %)" in fig.layout.title.subtitle.text
    bar = fig.data[0]
    assert list(bar.x) == [50.0, 90.0]  # smallest pool at the bottom
    assert [list(c)[:2] for c in bar.customdata] == [["A", "R"], ["C", "S"]]  # drill: [unit, region]
    assert bar.customdata[0][2] == "A: 50,0 % (5 dari 10 orang)"  # OPD: the counts in the hover


def test_careers_figure_counts_per_year_and_kind():
    events = pl.DataFrame(
        {"group": [""] * 3, "group_region": [None] * 3, "year": [2024, 2025, 2025],
         "jenis": ["Rotasi", "Promosi", "Rotasi"], "events": [3, 2, 1], "staff": [3, 2, 1]},
        schema_overrides={"group_region": pl.String},
    )  # fmt: skip
    fig = ui.careers_figure(events, 2025, 6, "id")
    by_name = {trace.name: list(trace.y) for trace in fig.data}
    assert by_name["Rotasi"] == [3, 1] and by_name["Promosi"] == [0, 2] and by_name["Tugas belajar"] == [0, 0]
    assert _title_text(fig) == "Januari–Juni 2025: 2 promosi, 1 rotasi, 0 mulai tugas belajar"


def test_mentoring_rows_in_hierarchy_order_with_rates():
    frame = pl.DataFrame(
        {"position_level": ["Pelaksana", "JPT Pratama", "Fungsional"], "asn_count": [100, 4, 50],
         "mentees": [10, 1, 0], "mentoring": [6, 0, 0], "coaching": [5, 1, 0]}
    )  # fmt: skip
    rows = ui.mentoring_rows(frame)
    assert rows["position_level"].to_list() == ["JPT Pratama", "Fungsional", "Pelaksana"]
    assert rows["rate"].to_list() == pytest.approx([0.25, 0.0, 0.1])
    fig = ui.mentoring_figure(rows, 11 / 154, "Januari–Juni 2025", "id")
    assert _title_text(fig) == "7,1 % ASN dibimbing lewat mentoring atau coaching (Januari–Juni 2025)"
    # JPT Pratama (4 ASN) is too small to lead: the most frequent level among those with ≥ 10 is Pelaksana
    assert "Paling sering: Pelaksana (10,0 %)" in fig.layout.title.subtitle.text


def test_ratings_figure_shares_per_cohort():
    raw = pl.DataFrame(
        {"group": [""] * 2, "group_region": [None] * 2, "cohort": [2024, 2024], "mentee": [True, False],
         "staff": [4, 10], "improved": [2, 1], "same": [1, 6], "declined": [1, 3]},
        schema_overrides={"group_region": pl.String},
    )  # fmt: skip
    rows = ui.rating_rows(raw)
    fig = ui.ratings_figure(rows, "id")
    assert _title_text(fig) == "Predikat naik 2024→2025: 50,0 % peserta mentoring, 10,0 % bukan peserta"
    up = next(trace for trace in fig.data if trace.name == "Naik")
    assert list(up.x) == pytest.approx([10.0, 50.0])  # others first (bottom), then mentees
    table = ui.ratings_table(rows, "en")
    assert table["Up (%)"].to_list() == [50.0, 10.0]


def test_every_card_is_a_talent_metric():
    assert set(ui.CARD_METRICS) <= {s.id for s in TALENT_METRICS}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_card_has_a_short_label(lang):
    """Cards are three across on a desktop and two on a tablet: a label longer than this is cut."""
    for metric in ui.CARD_METRICS:
        assert len(PAGE_METRIC_BY_ID[metric].label(lang)) <= 26, metric
