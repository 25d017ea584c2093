"""Kesenjangan Kompetensi: the page through AppTest (default, one region, nothing matching, no
assessments, English, the toggles) and its chart builders as pure functions, asserted on their data."""

from __future__ import annotations

import polars as pl
import pytest

from src.i18n import t
from src.metrics import compute
from src.metrics.competency_views import flag_big_gap_little_training, jpm_band_split
from src.metrics.registry import METRIC_BY_ID
from src.ui import competency as comp
from src.ui.format import format_metric, format_number, format_percent
from tests.ui.conftest import chart_specs, no_errors

PAGE = "pages/kesenjangan.py"


def _flat(text: str) -> str:
    """A title as one line: long titles are broken with <br> to fit a tablet, and a number keeps its
    unit with a no-break space."""
    return text.replace("<br>", " ").replace("\u00a0", " ")


def _title(chart: dict) -> str:
    return _flat(chart["layout"]["title"]["text"])


def _chart(at, title_part: str) -> dict:
    found = [c for c in chart_specs(at) if title_part in _title(c)]
    assert found, [_title(c) for c in chart_specs(at)]
    return found[0]


def _expected_cards(figures, filters, lang: str) -> dict[str, str]:
    row = compute.kpis(figures.con, filters, metric_ids=list(comp.HEADLINE)).row(0, named=True)
    return {METRIC_BY_ID[m].label(lang): format_metric(METRIC_BY_ID[m], row[m], lang) for m in comp.HEADLINE}


# ---- the page --------------------------------------------------------------------------------------


def test_default_filters(run_app, figures):
    at = run_app(page=PAGE)
    no_errors(at)
    assert at.title[0].value == "Kesenjangan Kompetensi"
    assert {m.label: m.value for m in at.metric} == _expected_cards(figures, figures.default, "id")
    assert [s.value for s in at.subheader][:6] == [
        t(f"ui.competency.{k}_heading", "id")
        for k in ("jpm", "opd", "heatmap", "position", "topics", "change")
    ]
    # The JPM split: counts from the registry's band metrics, shares of their sum.
    row = compute.kpis(figures.con, figures.default, metric_ids=["jpm_optimal", "jpm_cukup", "jpm_kurang"])
    counts = [row[m][0] for m in ("jpm_optimal", "jpm_cukup", "jpm_kurang")]
    split = at.table[0].value
    assert list(split["Kategori"]) == ["Optimal", "Cukup Optimal", "Kurang Optimal"]
    assert list(split["Jumlah pegawai"]) == [format_number(c, "id") for c in counts]
    assert list(split["Porsi"]) == [format_percent(c / sum(counts), "id") for c in counts]
    # Six charts, each with its data downloadable (CSV and XLSX).
    assert len(at.get("plotly_chart")) == 6
    assert len(at.get("download_button")) == 12
    assert "pegawai yang diases sudah Optimal" in _title(_chart(at, "Optimal (JPM ≥ 90)"))
    heat = _chart(at, "Kesenjangan terbesar:")
    assert heat["data"][0]["type"] == "heatmap"
    assert len(heat["data"][0]["y"]) <= comp.OPD_LIMITS[0]
    # The caveat on the trained vs untrained comparison is on screen.
    assert any("bukan bukti" in w.value for w in at.warning)


def test_one_region(run_app, figures):
    region = figures.regions[-1]
    at = run_app(query={"wilayah": region}, page=PAGE)
    no_errors(at)
    filters = figures.default.model_copy(update={"regions": (region,)})
    assert {m.label: m.value for m in at.metric} == _expected_cards(figures, filters, "id")
    assert at.query_params["wilayah"] == region
    assert at.button(key=f"chip_f_regions_{region}")  # the chip that undoes the narrowing
    bars = _chart(at, "paling tertinggal")["data"][0]
    assert bars["customdata"] and {region_of for _, region_of in bars["customdata"]} == {region}
    # One region: the OPD labels need no region suffix.
    assert not any(f"({region})" in label for label in bars["y"])


def test_nothing_matches(run_app, figures):
    at = run_app(query=figures.empty_staff_filter(), page=PAGE)
    no_errors(at)
    assert not at.metric and not at.get("plotly_chart")
    assert t("ui.overview.empty_title", "id") in at.info[0].value


def test_staff_without_assessments(run_app, figures):
    per_unit = compute.kpis(
        figures.con, figures.default, by="unit", metric_ids=["asn_count", "assessed_rate"]
    )
    bare = per_unit.filter((pl.col("asn_count") > 0) & (pl.col("assessed_rate") == 0))
    if bare.is_empty():
        pytest.skip("every OPD of the sample has assessed staff")
    unit, region = bare["group"][0], bare["group_region"][0]
    at = run_app(query={"wilayah": region, "opd": unit}, page=PAGE)
    no_errors(at)
    assert len(at.metric) == len(comp.HEADLINE)
    assert t("ui.competency.no_assessment_title", "id") in at.info[0].value
    assert not at.get("plotly_chart")


def test_english(run_app, figures):
    at = run_app(query={"lang": "en"}, page=PAGE)
    no_errors(at)
    assert at.title[0].value == "Competency gaps"
    assert {m.label: m.value for m in at.metric} == _expected_cards(figures, figures.default, "en")
    assert list(at.table[0].value.columns) == ["Category", "JPM range", "Staff", "Share"]
    assert "of assessed staff are Optimal" in _title(_chart(at, "Optimal"))
    assert any("not proof" in w.value for w in at.warning)


def test_the_toggles(run_app):
    at = run_app(page=PAGE)
    at.segmented_control(key=comp.KEY_MODE).set_value("meets").run()
    no_errors(at)
    assert _chart(at, "paling jarang memenuhi standar")["data"][0]["type"] == "bar"
    assert _chart(at, "Paling jarang memenuhi standar:")["data"][0]["type"] == "heatmap"
    at.segmented_control(key=comp.KEY_TYPES).set_value("technical").run()
    no_errors(at)
    heat = [c for c in chart_specs(at) if c["data"] and c["data"][0]["type"] == "heatmap"]
    if heat:  # the sample may hold no technical assessments in the largest OPD
        assert "Integritas" not in heat[0]["data"][0]["x"]
    else:
        assert any(t("ui.competency.heatmap_none", "id") in i.value for i in at.info)
    at.segmented_control(key=comp.KEY_LIMIT).set_value(0).run()
    no_errors(at)


# ---- the builders ------------------------------------------------------------------------------------

BINS = pl.DataFrame(
    {
        "jpm_from": [70.0, 78.0, 88.0, 98.0],
        "jpm_to": [72.0, 80.0, 90.0, 100.0],
        "band": ["kurang", "cukup", "cukup", "optimal"],
        "staff": [2, 3, 1, 4],
    }
)
SPLIT = jpm_band_split({"jpm_optimal": 4.0, "jpm_cukup": 4.0, "jpm_kurang": 2.0})


def test_jpm_figure():
    fig = comp.jpm_figure(BINS, SPLIT, "id")
    optimal, cukup, kurang = fig.data
    assert [tr.marker.color for tr in fig.data] == [
        comp.BAND_COLORS[b] for b in ("optimal", "cukup", "kurang")
    ]
    assert list(cukup.x) == [79.0, 89.0] and list(cukup.y) == [3, 1] and list(cukup.width) == [2.0, 2.0]
    assert list(optimal.x) == [99.0] and list(kurang.y) == [2]
    assert optimal.name == "Optimal (≥ 90)"
    assert "JPM 78 – < 80" in cukup.hovertext[0] and "Pegawai: 3" in cukup.hovertext[0]
    assert sorted(shape.x0 for shape in fig.layout.shapes) == [78.0, 90.0]
    # 4 of 10 Optimal; 2 (20 %) Kurang Optimal
    assert "40,0 % pegawai yang diases sudah Optimal" in _flat(fig.layout.title.text)
    assert "2 orang (20,0 %) masih Kurang Optimal" in _flat(fig.layout.title.text)


def test_band_table():
    table = comp.band_table(SPLIT, "en")
    assert table.rows() == [
        ("Optimal", "≥ 90", "4", "40.0 %"),
        ("Cukup Optimal", "78 – < 90", "4", "40.0 %"),
        ("Kurang Optimal", "< 78", "2", "20.0 %"),
    ]


def _long(rows: list[tuple]) -> pl.DataFrame:
    """(unit, region, metric, value, numerator, denominator, ci_low, ci_high) -> kpis_long shape."""
    return pl.DataFrame(
        rows,
        schema=["group", "group_region", "metric", "value", "numerator", "denominator", "ci_low", "ci_high"],
        orient="row",
    ).with_columns(group2=pl.lit(""))


LONG = _long(
    [
        ("Dinas A", "Serang", "asn_count", 40.0, 40.0, None, None, None),
        ("Dinas A", "Serang", "assessed_rate", 0.25, 10.0, 40.0, 0.1, 0.4),
        ("Dinas A", "Serang", "competency_gap_mean", 0.5, 45.0, 90.0, None, None),
        ("Dinas A", "Serang", "meets_standard_rate", 0.6, 54.0, 90.0, 0.5, 0.7),
        ("Dinas A", "Siulak", "asn_count", 8.0, 8.0, None, None, None),
        ("Dinas A", "Siulak", "assessed_rate", 0.5, 4.0, 8.0, 0.2, 0.8),
        ("Dinas A", "Siulak", "competency_gap_mean", 0.9, 32.4, 36.0, None, None),
        ("Dinas A", "Siulak", "meets_standard_rate", 0.2, 7.2, 36.0, 0.1, 0.35),
        (
            "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
            "Serang",
            "asn_count",
            20.0,
            20.0,
            None,
            None,
            None,
        ),
        (
            "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
            "Serang",
            "assessed_rate",
            0.1,
            2.0,
            20.0,
            0.0,
            0.3,
        ),
        (
            "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
            "Serang",
            "competency_gap_mean",
            0.1,
            1.8,
            18.0,
            None,
            None,
        ),
        (
            "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
            "Serang",
            "meets_standard_rate",
            0.8,
            14.4,
            18.0,
            0.6,
            0.9,
        ),
        ("Kantor Sepi", "Serang", "asn_count", 30.0, 30.0, None, None, None),
        ("Kantor Sepi", "Serang", "assessed_rate", 0.0, 0.0, 30.0, 0.0, 0.1),
        ("Kantor Sepi", "Serang", "competency_gap_mean", None, None, 0.0, None, None),
        ("Kantor Sepi", "Serang", "meets_standard_rate", None, None, 0.0, None, None),
    ]
)
BKPSDM = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"


def test_unit_frame_and_the_opd_shown():
    units = comp.unit_frame(LONG)
    serang = units.filter((pl.col("unit") == "Dinas A") & (pl.col("region") == "Serang")).row(0, named=True)
    assert (serang["staff"], serang["assessed"], serang["pairs"], serang["gap"], serang["meets"]) == (
        40.0, 10.0, 90.0, 0.5, 0.6,
    )  # fmt: skip
    # Without assessments an OPD is not shown; the largest by headcount come first.
    assert comp.shown_units(units, 0)["unit"].to_list() == ["Dinas A", BKPSDM, "Dinas A"]
    assert comp.shown_units(units, 2)["staff"].to_list() == [40.0, 20.0]


def test_unit_figure_worst_on_top_with_drill_data():
    units = comp.shown_units(comp.unit_frame(LONG), 0)
    fig = comp.unit_figure(units, "gap", "id", total=3)
    bars = fig.data[0]
    # Plotly draws the first category at the bottom: the largest gap (Siulak's 0.9) is last.
    assert list(bars.x) == [0.1, 0.5, 0.9]
    assert [list(c) for c in bars.customdata] == [
        [BKPSDM, "Serang"],
        ["Dinas A", "Serang"],
        ["Dinas A", "Siulak"],
    ]
    # Several regions: each label names its region; long names are cut, the hover has them whole.
    assert bars.y[-1] == "Dinas A (Siulak)"
    assert bars.y[0].endswith("… (Serang)") and len(bars.y[0]) <= comp.UNIT_LABEL_WIDTH
    assert f"<b>{BKPSDM}</b>" in bars.hovertext[0]
    hover = bars.hovertext[-1]
    assert "Rata-rata kesenjangan: 0,90 level" in hover and "Diases: 4 dari 8 ASN" in hover
    assert "Memenuhi standar: 20,0 % (rentang 95 %: 10,0 % – 35,0 %)" in hover
    assert [s.strip() for s in bars.text] == ["0,10", "0,50", "0,90"]
    assert "Dinas A (Siulak) paling tertinggal: kesenjangan rata-rata 0,90 level" in _flat(
        fig.layout.title.text
    )
    assert "3 dari 3 OPD" in _flat(fig.layout.title.text)


def test_unit_figure_share_meeting_the_standard():
    units = comp.shown_units(comp.unit_frame(LONG), 0)
    fig = comp.unit_figure(units, "meets", "en")
    bars = fig.data[0]
    assert [round(x, 6) for x in bars.x] == [80.0, 60.0, 20.0]  # per cent; lowest share on top
    assert bars.customdata[-1][1] == "Siulak"
    assert "meets the standard least often (20.0 %)" in _flat(fig.layout.title.text)


def test_unit_labels_stay_unique():
    labels = comp.unit_labels(["Dinas Pendidikan dan Kebudayaan A", "Dinas Pendidikan dan Kebudayaan B"],
                              ["Serang", "Serang"], width=20)  # fmt: skip
    assert len(set(labels)) == 2 and labels[0].startswith("Dinas Pendidikan")
    assert comp.unit_labels(["A<b>"], ["X"]) == ["A&lt;b&gt;"]


MATRIX = pl.DataFrame(
    {
        "kompetensi": [
            "Integritas",
            "Integritas",
            "Pengambilan Keputusan",
            "Pengambilan Keputusan",
            "Integritas",
        ],
        "jenis_kompetensi": ["Manajerial"] * 5,
        "wilayah": ["Serang", "Siulak", "Serang", "Siulak", "Semarang"],
        "unit_kerja": ["Dinas A", "Dinas A", "Dinas A", "Dinas A", "Dinas Z"],
        "pairs": [10, 4, 10, 4, 3],
        "gap_mean": [0.2, 0.5, 0.8, 1.25, 0.0],
        "meets_standard_rate": [0.8, 0.5, 0.3, 0.25, 1.0],
    }
)
BY_COMPETENCY = pl.DataFrame(
    {
        "group": ["Integritas", "Pengambilan Keputusan"],
        "competency_gap_mean": [0.3, 0.93],
        "meets_standard_rate": [0.7, 0.28],
    }
)
ROWS = pl.DataFrame({"unit": ["Dinas A", "Dinas A", "Dinas Q"], "region": ["Siulak", "Serang", "Serang"]})


def test_heatmap_figure():
    fig = comp.heatmap_figure(MATRIX, ROWS, BY_COMPETENCY, "gap", "id")
    heat = fig.data[0]
    # Columns: the largest overall gap first; rows: the OPD given, in order (Dinas Z is not asked for).
    assert list(heat.x) == ["Pengambilan Kep…", "Integritas"]
    assert list(heat.y) == ["Dinas A (Siulak)", "Dinas A (Serang)", "Dinas Q (Serang)"]
    assert [list(r) for r in heat.z] == [[1.25, 0.5], [0.8, 0.2], [None, None]]
    assert [list(r) for r in heat.text] == [["1,25", "0,50"], ["0,80", "0,20"], ["", ""]]
    hover = heat.customdata[0][0]
    assert "<b>Pengambilan Keputusan</b>" in hover and "Dinas A (Siulak)" in hover
    assert "Pasangan pegawai × kompetensi: 4" in hover
    assert fig.layout.yaxis.autorange == "reversed"
    assert "Kesenjangan terbesar: Pengambilan Keputusan (0,93 level)" in _flat(fig.layout.title.text)


def test_heatmap_share_mode_and_many_columns():
    fig = comp.heatmap_figure(MATRIX, ROWS, BY_COMPETENCY, "meets", "en")
    heat = fig.data[0]
    assert [list(r) for r in heat.z][:2] == [[25.0, 50.0], [30.0, 80.0]]  # per cent, lowest share first
    assert heat.colorscale[0][1] == comp.HEAT_SCALES["meets"][0][1]  # dark = few meet the standard
    names = [f"Teknis {i:02d}" for i in range(comp.HEAT_TEXT_COLUMNS + 2)]
    wide = pl.DataFrame(
        {
            "kompetensi": names, "jenis_kompetensi": ["Teknis"] * len(names), "wilayah": ["Serang"] * len(names),
            "unit_kerja": ["Dinas A"] * len(names), "pairs": [1] * len(names),
            "gap_mean": [0.5] * len(names), "meets_standard_rate": [0.5] * len(names),
        }
    )  # fmt: skip
    by = pl.DataFrame(
        {"group": names, "competency_gap_mean": [0.5] * len(names), "meets_standard_rate": [0.5] * len(names)}
    )
    many = comp.heatmap_figure(wide, ROWS.tail(2), by, "gap", "id").data[0]
    assert many.text is None and many.showscale  # too many columns for values: a colour scale instead


def test_of_types():
    matrix = MATRIX.with_columns(
        jenis_kompetensi=pl.Series(["Manajerial", "Teknis", "Sosial Kultural", "Teknis", "X"])
    )
    assert comp.of_types(matrix, "core")["jenis_kompetensi"].to_list() == ["Manajerial", "Sosial Kultural"]
    assert comp.of_types(matrix, "technical")["jenis_kompetensi"].to_list() == ["Teknis", "Teknis", "X"]


LEVELS = pl.DataFrame(
    {
        "group": ["Pelaksana", "Administrator", "Fungsional", "Lainnya", "JPT Pratama"],
        "asn_count": [100.0, 10.0, 80.0, 5.0, 2.0],
        "assessed_rate": [0.1, 0.8, 0.3, 0.0, 1.0],
        "competency_gap_mean": [0.05, 0.5, 0.3, None, 0.4],
        "meets_standard_rate": [0.95, 0.4, 0.55, None, 0.5],
    }
)


def test_position_figure_in_hierarchy_order():
    fig = comp.position_figure(LEVELS, "id")
    bars = fig.data[0]
    # Top of the hierarchy on top (Plotly's first category is at the bottom); no gap, no bar.
    assert list(bars.y) == ["Pelaksana", "Fungsional", "Administrator", "JPT Pratama"]
    assert list(bars.x) == [0.05, 0.3, 0.5, 0.4]
    assert bars.text[0].strip() == "0,05 · 95,0 % memenuhi standar"
    title = _flat(fig.layout.title.text)
    assert "terbesar pada Administrator (0,50 level), terkecil pada Pelaksana (0,05 level)" in title
    table = comp.position_table(LEVELS, "id")
    assert table["Tingkat jabatan"].to_list() == [
        "JPT Pratama",
        "Administrator",
        "Fungsional",
        "Pelaksana",
        "Lainnya",
    ]
    assert table["Rata-rata kesenjangan"].to_list()[-1] == "–"


GAPS = pl.DataFrame(
    {
        "kompetensi": ["Pengadaan", "Integritas", "Komunikasi", "Keuangan", "Kerja Sama"],
        "jenis_kompetensi": ["Teknis", "Manajerial", "Manajerial", "Teknis", "Manajerial"],
        "pairs": [20, 50, 50, 10, 50],
        "gap_mean": [1.0, 0.6, 0.5, 0.4, 0.1],
        "staff_below_standard": [15, 30, 20, 6, 5],
        "topics": [None, "Kepemimpinan", "Komunikasi", "Keuangan", "Komunikasi"],
        "jp_on_topics": [0.0, 40.0, 300.0, 12.0, 300.0],
    }
)


def test_topics_figure_marks_big_gaps_with_little_training():
    # medians: gap 0.5, JP 40 -> Pengadaan (1.0, 0 JP) and Integritas (0.6, 40 JP); Komunikasi sits on
    # the gap median
    flagged = flag_big_gap_little_training(GAPS)
    fig = comp.topics_figure(flagged, "id")
    other, marked = fig.data
    assert marked.marker.color == comp.FLAG_COLOR and other.marker.color == comp.OTHER_COLOR
    assert list(marked.y) == [0.6, 1.0] and list(marked.x) == [40.0, 0.0]  # most staff below first
    assert list(other.y) == [0.5, 0.4, 0.1]
    assert marked.marker.size[0] > marked.marker.size[1]  # 30 staff below against 15
    assert sorted(a.text for a in fig.layout.annotations if a.showarrow) == ["Integritas", "Pengadaan"]
    assert "belum ada topik yang dipetakan" in marked.hovertext[1]
    title = _flat(fig.layout.title.text)
    assert "2 kompetensi: kesenjangan besar, pelatihan sedikit; terutama Integritas" in title
    assert "Integritas: 30 pegawai di bawah standar, 40 JP" in title
    table = comp.topics_table(flagged, "id")
    assert table["Kesenjangan besar, pelatihan sedikit"].to_list() == ["Ya", "Ya", "–", "–", "–"]
    assert table["Topik pelatihan"].to_list()[0] == "–"


def test_topics_figure_when_training_follows_the_gaps():
    even = GAPS.with_columns(jp_on_topics=pl.Series([500.0, 400.0, 10.0, 5.0, 0.0]))
    fig = comp.topics_figure(flag_big_gap_little_training(even), "en")
    assert len(fig.data[1].x) == 0
    assert _flat(fig.layout.title.text).startswith("Training follows the gaps")


CHANGE = pl.DataFrame(
    {
        "trained": [True, False],
        "pairs": [120, 80],
        "level_change_mean": [0.35, 0.125],
        "gap_closed_mean": [0.2, 0.05],
        "improved_share": [0.6, 0.3],
    }
)


def test_change_figure_and_table():
    fig = comp.change_figure(CHANGE.reverse(), "id")
    bars = fig.data[0]
    assert list(bars.y) == ["Tidak ikut", "Ikut pelatihan sejenis"]  # trained on top
    assert list(bars.x) == [0.125, 0.35]
    assert bars.text[1].strip() == "+0,35 level · 60,0 % naik level"
    assert "Pasangan asesmen: 120" in bars.hovertext[1]
    title = _flat(fig.layout.title.text)
    assert "naik rata-rata +0,35 level; yang tidak +0,13 level" in title
    assert comp.change_table(CHANGE, "en").rows()[0] == (
        "Took training of the same kind",
        "120",
        "+0.35",
        "+0.20",
        "60.0 %",
    )
    raw = comp.change_table(CHANGE, "en", formatted=False)
    assert raw["Rose a level (%)"].to_list() == [60.0, 30.0]


def test_change_figure_with_one_group():
    fig = comp.change_figure(CHANGE.filter(pl.col("trained")), "en")
    title = _flat(fig.layout.title.text)
    assert title.startswith("Took training of the same kind: mean level change +0.35 levels")


def test_downloads_are_numbers_headed_in_the_language():
    units = comp.unit_frame(LONG)
    frame = comp.unit_download(units, "en")
    assert frame.columns == ["OPD", "Region", "ASN headcount", "Assessed (people)", "Staff × competency pairs",
                             "Mean gap (levels)", "Meeting the standard (%)"]  # fmt: skip
    assert frame.row(0) == ("Dinas A", "Siulak", 8.0, 4.0, 36.0, 0.9, 20.0)
    assert frame.height == 4  # every OPD, the unassessed one too
    jpm = comp.jpm_download(BINS, "id")
    assert jpm.row(0) == (70.0, 72.0, "Kurang Optimal", 2)
    cells = comp.heatmap_download(MATRIX, "id")
    assert cells.height == MATRIX.height and cells["Memenuhi standar (%)"].max() == 100.0


def test_the_catalogue_has_both_languages_with_the_same_placeholders():
    import string
    import tomllib

    from src.config import ROOT

    entries = tomllib.loads((ROOT / "src" / "i18n" / "ui_competency.toml").read_text(encoding="utf-8"))
    section = entries["ui"]["competency"]
    assert len(section) > 50
    for key, entry in section.items():
        assert set(entry) == {"id", "en"} and entry["id"].strip() and entry["en"].strip(), key
        fields = [{f for _, f, _, _ in string.Formatter().parse(entry[lang]) if f} for lang in ("id", "en")]
        assert fields[0] == fields[1], key
