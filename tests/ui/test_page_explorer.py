"""Eksplorasi: the choice and its address, the builders on hand-made frames, the page through AppTest."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from src.config import ROOT
from src.i18n import catalogue, t
from src.metrics import compute
from src.metrics.compute import wilson_interval
from src.metrics.registry import DIMENSIONS, METRIC_BY_ID, METRICS, Source
from src.ui import explorer
from src.ui.explorer import (
    DEFAULT,
    Choice,
    chart,
    choice_params,
    dimension_options,
    parse_choice,
    pick_categories,
    second_dimension_options,
)
from tests.ui.conftest import no_errors

# ---- the choice and its address -----------------------------------------------------------------


def test_a_valid_address():
    params = {"metrik": ["participation_rate"], "dim": ["region"], "dim2": ["gender"]}
    assert parse_choice(params) == (Choice("participation_rate", "region", "gender"), [])
    assert parse_choice({}) == (DEFAULT, [])
    assert parse_choice({"dim2": [""]}) == (DEFAULT, [])  # an empty dim2 means none


@pytest.mark.parametrize(
    ("params", "expected", "rejected"),
    [
        # unknown metric: the default metric, the dimensions still checked against it
        ({"metrik": ["<script>"], "dim": ["gender"]}, Choice("jp20_rate", "gender"), ["metrik"]),
        # budget cannot be split by gender: the default dimension
        ({"metrik": ["absorption_rate"], "dim": ["gender"]}, Choice("absorption_rate", "unit"), ["dim"]),
        # the same dimension twice, or one of another source
        ({"dim": ["region"], "dim2": ["region"]}, Choice("jp20_rate", "region"), ["dim2"]),
        ({"dim2": ["competency"]}, Choice("jp20_rate", "unit"), ["dim2"]),
        # repeated values are refused, never guessed
        ({"metrik": ["jp20_rate", "asn_count"]}, DEFAULT, ["metrik"]),
        (
            {"metrik": ["jp20_rate"], "dim": ["x" * 500], "dim2": ["month"]},
            Choice("jp20_rate", "unit", "month"),
            ["dim"],
        ),
    ],
)
def test_a_tampered_address_falls_back_per_parameter(params, expected, rejected):
    assert parse_choice(params) == (expected, rejected)


def test_every_offered_choice_survives_the_round_trip_through_the_address():
    for spec in METRICS:
        for dim in dimension_options(spec.id):
            for dim2 in [None, *second_dimension_options(spec.id, dim)]:
                choice = Choice(spec.id, dim, dim2)
                assert parse_choice(choice_params(choice)) == (choice, [])


def test_second_dimensions_share_a_source_with_the_first_and_the_metric():
    assert second_dimension_options("absorption_rate", "unit") == ["region", "sub_kegiatan"]
    assert "gender" not in dimension_options("absorption_rate")
    participation = second_dimension_options("jp20_rate", "unit")
    assert "month" in participation and "competency" not in participation and "unit" not in participation
    competency = second_dimension_options("meets_standard_rate", "competency")
    assert "competency_type" in competency and "month" not in competency
    for spec in METRICS:
        for dim in dimension_options(spec.id):
            for dim2 in second_dimension_options(spec.id, dim):
                assert spec.source in DIMENSIONS[dim].sources & DIMENSIONS[dim2].sources


def test_labels_of_coded_values():
    assert explorer.category_label("gender", "L", "id") == "Laki-laki"
    assert explorer.category_label("month", "05", "id") == "Mei"
    assert explorer.category_label("month", "05", "en") == "May"
    assert explorer.category_label("unit", "Dinas Pendidikan", "id", "Serang") == "Dinas Pendidikan · Serang"
    assert explorer.category_label("golongan_group", "III", "id") == "Golongan III"
    assert explorer.category_label("funding", None, "en") == "(unknown)"
    assert (
        explorer.short("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", 20) == "Badan Kepegawaian d…"
    )


# ---- builders --------------------------------------------------------------------------------------

SCHEMA = {"group": pl.String, "group_region": pl.String, "group2": pl.String, "metric": pl.String,
          "value": pl.Float64, "numerator": pl.Float64, "denominator": pl.Float64, "ci_low": pl.Float64,
          "ci_high": pl.Float64}  # fmt: skip


def _long(cells: Mapping[tuple[str, str], tuple[int, int]], metric="jp20_rate", region=None) -> pl.DataFrame:
    """A kpis_long frame from (group, group2) -> (successes, total)."""
    rows = []
    for (group, group2), (k, n) in cells.items():
        low, high = wilson_interval(k, n)
        rows.append({"group": group, "group_region": region, "group2": group2, "metric": metric,
                     "value": k / n, "numerator": float(k), "denominator": float(n), "ci_low": low,
                     "ci_high": high})  # fmt: skip
    return pl.DataFrame(rows, schema=SCHEMA)


# 25 OPD: OPD 01 has 1 of 40 … OPD 25 has 25 of 40; OPD 26 has 5 of 5 (100 %, but only 5 staff).
UNITS = {(f"OPD {i:02d}", ""): (i, 40) for i in range(1, 26)} | {("OPD 26", ""): (5, 5)}
UNIT_CHOICE = Choice("jp20_rate", "unit")


def _unit_rows() -> pl.DataFrame:
    return explorer.labelled(_long(UNITS, region="Serang"), UNIT_CHOICE, "id")


def test_a_chart_of_many_categories_shows_the_top_ones_and_says_so():
    rows = _unit_rows()
    result = chart(rows, UNIT_CHOICE, "id", rows)
    bar = result.figure.data[0]
    # Top 20 by value among groups of at least 10 staff: OPD 25 … OPD 06, highest on top.
    assert list(bar.y) == [f"OPD {i:02d} · Serang" for i in range(6, 26)]
    assert [round(x, 6) for x in bar.x] == [round(i / 40 * 100, 6) for i in range(6, 26)]
    assert [list(c) for c in bar.customdata][-1] == ["OPD 25 · Serang"]
    assert bar.error_x.array is not None
    assert result.small_left_out == 1  # OPD 26 (5 staff) stays in the table only
    assert (
        result.note
        == "Grafik menampilkan 20 OPD dengan nilai tertinggi dari 26; tabel di bawah memuat semuanya."
    )
    title = result.figure.layout.title
    assert title.text == "Memenuhi 20 JP<br>OPD 25 · Serang tertinggi (62,5 %)"
    assert title.subtitle.text == "20 dari 26 OPD ditampilkan"
    lowest = chart(rows, UNIT_CHOICE, "id", rows, lowest=True).figure.data[0]
    assert list(lowest.y)[-1] == "OPD 01 · Serang"  # the lowest on top


def test_few_categories_are_all_shown_small_ones_included():
    rows = explorer.labelled(
        _long({("L", ""): (3, 4), ("P", ""): (30, 60)}), Choice("jp20_rate", "gender"), "en"
    )
    result = chart(rows, Choice("jp20_rate", "gender"), "en", rows)
    assert list(result.figure.data[0].y) == ["Female", "Male"]  # Male (75 %) on top
    assert result.note == "" and result.small_left_out == 0
    assert explorer.small_groups(rows, METRIC_BY_ID["jp20_rate"]) == 1  # 4 staff: said in a caption
    assert result.figure.layout.title.subtitle.text == "Female lowest (50.0 %)"


def test_ordered_dimensions_keep_their_order():
    cells = {(f"{m:02d}", ""): (m % 5 + 1, 20) for m in range(1, 13)}
    choice = Choice("jp20_rate", "month")
    rows = explorer.labelled(_long(cells), choice, "id")
    picked = pick_categories(rows, "month", 20)
    assert picked.labels[:3] == ["Januari", "Februari", "Maret"] and picked.total == 12


def test_two_dimensions_with_few_values_make_grouped_bars():
    cells = {(f"OPD {i}", g): (i + (g == "P"), 20) for i in range(1, 4) for g in ("L", "P")}
    choice = Choice("jp20_rate", "unit", "gender")
    rows = explorer.labelled(_long(cells, region="Siulak"), choice, "id")
    totals = explorer.labelled(_long({(f"OPD {i}", ""): (i, 40) for i in range(1, 4)}, region="Siulak"),
                               Choice("jp20_rate", "unit"), "id")  # fmt: skip
    totals2 = explorer.labelled(
        _long({("L", ""): (6, 60), ("P", ""): (9, 60)}), Choice("jp20_rate", "gender"), "id"
    )
    result = chart(rows, choice, "id", totals, totals2)
    assert [trace.type for trace in result.figure.data] == ["bar", "bar"]
    # By value, Perempuan first: added last so that it is the top bar of each group.
    assert [trace.name for trace in result.figure.data] == ["Laki-laki", "Perempuan"]
    assert result.figure.layout.legend.traceorder == "reversed"
    assert result.figure.layout.barmode == "group"
    assert list(result.figure.data[0].y) == ["OPD 1 · Siulak", "OPD 2 · Siulak", "OPD 3 · Siulak"]
    assert (
        result.figure.layout.title.text == "Memenuhi 20 JP<br>OPD 3 · Siulak · Perempuan tertinggi (20,0 %)"
    )


def test_two_dimensions_with_many_values_make_a_heatmap():
    cells = {(f"OPD {i}", f"{m:02d}"): (i + m, 40) for i in range(1, 4) for m in range(1, 13)}
    choice = Choice("jp20_rate", "unit", "month")
    rows = explorer.labelled(_long(cells, region="Serang"), choice, "en")
    totals = explorer.labelled(_long({(f"OPD {i}", ""): (i, 40) for i in range(1, 4)}, region="Serang"),
                               Choice("jp20_rate", "unit"), "en")  # fmt: skip
    totals2 = explorer.labelled(
        _long({(f"{m:02d}", ""): (m, 40) for m in range(1, 13)}), Choice("jp20_rate", "month"), "en"
    )
    heat = chart(rows, choice, "en", totals, totals2).figure.data[0]
    assert heat.type == "heatmap"
    assert list(heat.y) == ["OPD 3 · Serang", "OPD 2 · Serang", "OPD 1 · Serang"]
    assert list(heat.x)[:2] == ["January", "February"]
    assert heat.z[0][0] == pytest.approx(10.0)  # OPD 3 in January: 4 of 40
    assert heat.text[0][0] == "10.0"
    layout = chart(rows, choice, "en", totals, totals2).figure.layout
    assert list(layout.xaxis.ticktext)[:2] == ["Jan", "Feb"]


def test_heatmap_cells_hold_the_number_and_the_colour_bar_the_unit():
    assert explorer.cell_text(METRIC_BY_ID["jp20_rate"], 0.428, "id") == "42,8"
    assert explorer.cell_text(METRIC_BY_ID["jp_per_asn"], 12.34, "en") == "12.3"
    assert explorer.cell_text(METRIC_BY_ID["cost_total"], 350_000_000, "id") == "Rp350 jt"
    assert explorer.cell_text(METRIC_BY_ID["jp20_rate"], None, "id") == ""


def test_the_table_and_the_download():
    rows = _unit_rows()
    table = explorer.table_frame(rows, UNIT_CHOICE, "id")
    assert table.columns == ["OPD", "Memenuhi 20 JP", "Rentang 95 %", "Dasar", "Peringkat"]
    assert table.height == 26
    assert table.row(0) == ("OPD 26 · Serang", "100,0 %", "56,6–100,0 %", "5 ASN", 1)
    download = explorer.download_frame(rows, UNIT_CHOICE, "en")
    assert download.columns == ["OPD (unit)", "Indicator", "Value", "Unit", "95 % lower bound", "95 % upper bound",
                                "Numerator", "Denominator"]  # fmt: skip
    assert download.row(0)[:4] == ("OPD 01 · Serang", "Meeting 20 JP", pytest.approx(2.5), "%")


def test_every_explorer_text_has_both_languages():
    entries = {k: v for k, v in catalogue().items() if k.startswith("ui.explorer.")}
    assert len(entries) > 20
    for key, entry in entries.items():
        assert entry.get("id") and entry.get("en"), key


# ---- the page ----------------------------------------------------------------------------------------

PAGE = "pages/eksplorasi.py"


@pytest.fixture
def open_page(sample_db, monkeypatch) -> Callable[..., AppTest]:
    """Open /eksplorasi?… as the first request of a browser session (a shared link)."""
    monkeypatch.setenv("DASBOR_DB", str(sample_db))

    def run(query: Mapping[str, str | list[str]] | None = None) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
        at.query_params.update(query or {})
        return at.switch_page(PAGE).run()

    return run


def _rows(figures, filters, choice: Choice) -> pl.DataFrame:
    long = compute.kpis_long(figures.con, filters, by=choice.dim, metric_ids=[choice.metric], by2=choice.dim2)
    return long.filter(pl.col("metric") == choice.metric)


def test_the_page_with_default_filters(open_page, figures):
    at = open_page()
    no_errors(at)
    assert at.title[0].value == "Eksplorasi"
    assert at.selectbox(key=explorer.KEY_METRIC).value == "jp20_rate"
    assert at.selectbox(key=explorer.KEY_DIM).value == "unit"
    assert at.selectbox(key=explorer.KEY_DIM2).value == ""
    assert at.dataframe[0].value.shape[0] == _rows(figures, figures.default, DEFAULT).height
    # The choice joins the sidebar's parameters in the address.
    assert at.query_params["metrik"] == "jp20_rate" and at.query_params["dim"] == "unit"
    assert at.query_params["tahun"] == str(figures.year) and "dim2" not in at.query_params
    assert len(at.get("plotly_chart")) == 1 and len(at.get("download_button")) == 2


def test_a_shared_link_with_two_dimensions_and_a_filter(open_page, figures):
    region = figures.regions[0]
    query = {"wilayah": region, "metrik": "participation_rate", "dim": "gender", "dim2": "jenis_jabatan"}
    at = open_page(query)
    no_errors(at)
    assert (at.selectbox(key=explorer.KEY_METRIC).value, at.selectbox(key=explorer.KEY_DIM).value,
            at.selectbox(key=explorer.KEY_DIM2).value) == ("participation_rate", "gender", "jenis_jabatan")  # fmt: skip
    filters = figures.default.model_copy(update={"regions": (region,)})
    expected = _rows(figures, filters, Choice("participation_rate", "gender", "jenis_jabatan"))
    table = at.dataframe[0].value
    assert list(table.columns)[:3] == ["Jenis kelamin", "Jenis jabatan", "Tingkat partisipasi"]
    assert table.shape[0] == expected.height
    assert not at.toast
    # Neither the sidebar nor this page loses the other's parameters.
    for key, value in query.items():
        assert at.query_params[key] == value
    assert at.query_params["tahun"] == str(figures.year)


def test_a_tampered_link_falls_back_with_a_notice(open_page, figures):
    at = open_page({"metrik": "<b>DROP</b>", "dim": "gender", "dim2": "competency", "wilayah": "Atlantis"})
    no_errors(at)
    notices = " ".join(toast.value for toast in at.toast)
    assert "metrik" in notices and "dim2" in notices and "wilayah" in notices
    assert "<b>" not in notices and "DROP" not in notices and "Atlantis" not in notices
    assert at.selectbox(key=explorer.KEY_METRIC).value == "jp20_rate"
    assert at.selectbox(key=explorer.KEY_DIM).value == "gender"  # valid for the default metric: kept
    assert at.query_params["metrik"] == "jp20_rate" and "dim2" not in at.query_params


def test_choices_go_into_the_address_and_survive_a_page_switch(open_page, figures):
    at = open_page()
    at.selectbox(key=explorer.KEY_DIM2).set_value("gender").run()
    no_errors(at)
    assert at.query_params["dim2"] == "gender" and at.query_params["tahun"] == str(figures.year)
    assert at.get("plotly_chart")[0].proto.spec.count('"type":"bar"') >= 2  # grouped bars: one per gender
    at.switch_page("pages/ringkasan.py").run()
    assert "metrik" not in at.query_params  # other pages keep only the filters
    at.switch_page(PAGE).run()
    no_errors(at)
    assert at.selectbox(key=explorer.KEY_DIM2).value == "gender"
    assert at.query_params["dim2"] == "gender" and at.query_params["metrik"] == "jp20_rate"


def test_a_budget_metric_offers_only_budget_groupings(open_page):
    at = open_page({"metrik": "absorption_rate"})
    no_errors(at)
    assert at.selectbox(key=explorer.KEY_DIM).options == [
        DIMENSIONS[d].label("id") for d in ("region", "unit", "sub_kegiatan")
    ]
    assert METRIC_BY_ID["absorption_rate"].source is Source.BUDGET


def test_a_narrow_filter(open_page, figures):
    region = figures.regions[-1]
    at = open_page({"wilayah": region, "jk": "P"})
    no_errors(at)
    labels = at.dataframe[0].value["OPD"].tolist()
    assert labels and all(label.endswith(f" · {region}") for label in labels)


def test_no_matching_staff(open_page, figures):
    at = open_page(figures.empty_staff_filter())
    no_errors(at)
    assert t("ui.overview.empty_title", "id") in at.info[0].value
    assert not at.get("plotly_chart") and not at.dataframe


def test_in_english(open_page, figures):
    at = open_page({"lang": "en", "dim": "region"})
    no_errors(at)
    assert at.title[0].value == "Explorer"
    assert at.selectbox(key=explorer.KEY_DIM).value == "region"
    table = at.dataframe[0].value
    assert list(table.columns)[:2] == ["Region", "Meeting 20 JP"]
    assert sorted(table["Region"]) == figures.regions
    assert at.query_params["lang"] == "en" and at.query_params["dim"] == "region"


def test_switching_the_language_keeps_the_choice(open_page):
    at = open_page({"metrik": "participation_rate", "dim": "region", "dim2": "gender"})
    at.sidebar.radio(key="lang").set_value("en").run()
    no_errors(at)
    assert at.selectbox(key=explorer.KEY_DIM2).value == "gender"
    assert at.selectbox(key=explorer.KEY_DIM2).format_func("gender") == "Gender"
    assert list(at.dataframe[0].value.columns)[:3] == ["Region", "Gender", "Participation rate"]
    assert at.query_params["lang"] == "en" and at.query_params["dim2"] == "gender"
