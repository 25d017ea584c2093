"""Partisipasi: the chart builders as pure functions (asserting the figures' data), then the page
through AppTest with default filters, one region, no matching staff, English and another grouping."""

from __future__ import annotations

import json
import re
import string
import tomllib

import polars as pl
import pytest

from src.config import ROOT
from src.i18n import LANGUAGES, catalogue, t
from src.metrics.registry import METRIC_BY_ID
from src.ui import participation as part
from src.ui.charts import region_colors
from src.ui.format import format_metric, format_number
from src.warehouse.contract import JALUR, KNOWN_BENTUK
from tests.ui.conftest import no_errors

COLORS = region_colors(["Semarang", "Serang", "Siulak"])
PAGE = "pages/partisipasi.py"
CATALOGUE = ROOT / "src" / "i18n" / "ui_participation.toml"


def _plain(text: str) -> str:
    """A title as read: wrapped lines joined."""
    return text.replace("<br>", " ")


def _title(fig) -> str:
    return _plain(fig.layout.title.text)


def _subtitle(fig) -> str:
    return _plain(fig.layout.title.subtitle.text or "")


# ---- the catalogue ---------------------------------------------------------------------------------


def _entries() -> dict[str, dict[str, str]]:
    tables = tomllib.loads(CATALOGUE.read_text(encoding="utf-8"))
    return {f"ui.participation.{k}": v for k, v in tables["ui"]["participation"].items()}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_text_is_in_both_languages_with_the_same_placeholders():
    entries = _entries()
    assert len(entries) > 40
    for key, entry in entries.items():
        assert set(entry) == set(LANGUAGES), key
        assert all(entry[lang].strip() for lang in LANGUAGES), key
        assert _fields(entry["id"]) == _fields(entry["en"]), key


def test_every_key_the_page_uses_exists():
    code = (ROOT / "src" / "ui" / "participation.py").read_text(encoding="utf-8")
    code += (ROOT / PAGE).read_text(encoding="utf-8")
    used = set(re.findall(r"""["'](ui\.[a-z_]+\.[a-z_0-9]+)["']""", code))
    # Keys picked at run time (f"ui.participation.{key}").
    for key in (
        "elearning_up",
        "elearning_down",
        "elearning_flat",
        "top_subtitle_topic",
        "top_subtitle_provider",
    ):
        used.add(f"ui.participation.{key}")
    assert not sorted(k for k in used if k not in catalogue())


def test_the_spellings_the_page_relies_on_are_the_importers():
    assert part.E_LEARNING in KNOWN_BENTUK
    assert set(part.JALUR_ORDER) <= set(JALUR.values())


def test_titles_wrap_at_spaces_and_keep_units_with_their_numbers():
    assert part.wrap("Terbanyak: Pelayanan Publik, 18.385 JP (15,4 % dari JP)", 46) == (
        "Terbanyak: Pelayanan Publik, 18.385 JP (15,4 %<br>dari JP)"
    )
    assert part.wrap("short", 46) == "short"


# ---- 1. distribution ---------------------------------------------------------------------------------

DIST = pl.DataFrame(
    {
        "jp_from": [0, 5, 10, 15, 20, 25, 30],
        "jp_to": [5, 10, 15, 20, 25, 30, None],
        "staff": [40, 10, 5, 5, 20, 10, 10],
    },
    schema={"jp_from": pl.Int32, "jp_to": pl.Int32, "staff": pl.Int64},
)


def test_the_distribution_marks_who_is_below_20_jp():
    fig = part.distribution_figure(DIST, 0.40, "id", end_month=12)
    below, above = fig.data
    assert list(below.x) == [2.5, 7.5, 12.5, 17.5] and list(below.y) == [40, 10, 5, 5]
    assert list(above.x) == [22.5, 27.5, 32.5] and list(above.y) == [20, 10, 10]
    assert below.marker.color == part.DISTRIBUTION_BELOW != above.marker.color
    assert _title(fig) == "40,0 % ASN sudah mencapai 20 JP"
    assert _subtitle(fig) == "60 orang masih di bawah garis 20 JP"
    assert "≥ 30" in fig.layout.xaxis.ticktext  # the open-ended last bin
    assert "<b>30 JP atau lebih</b>" in above.customdata[-1]


def test_the_20_jp_line_and_the_pace_line_before_december():
    full_year = part.distribution_figure(DIST, 0.40, "id", end_month=12)
    assert [s.x0 for s in full_year.layout.shapes] == [20]
    assert full_year.layout.annotations[0].text == "20 JP per tahun"
    october = part.distribution_figure(DIST, 0.40, "id", end_month=10)
    assert [round(s.x0, 3) for s in october.layout.shapes] == [20, 16.667]
    assert october.layout.annotations[1].text == "Laju sampai Oktober: 16,7 JP"
    assert part.distribution_figure(DIST, 0.40, "en").layout.annotations[0].text == "20 JP a year"


def test_an_empty_distribution_says_so():
    fig = part.distribution_figure(DIST.with_columns(staff=pl.lit(0, pl.Int64)), None, "id")
    assert part.is_empty_figure(fig) and _title(fig) == t("ui.participation.empty_chart", "id")
    assert part.is_empty_figure(part.distribution_figure(DIST.head(0), None, "en"))


# ---- 2. compliance by group ----------------------------------------------------------------------

UNITS = pl.DataFrame(
    {
        "group": ["Dinas A", "Dinas B", "Dinas A", "Kecil", "Dinas C"],
        "group_region": ["Serang", "Serang", "Siulak", "Siulak", "Semarang"],
        "group2": [""] * 5,
        "asn_count": [100.0, 50.0, 40.0, 3.0, 200.0],
        "jp20_rate": [0.30, 0.10, 0.50, 0.0, 0.20],
        "jp20_on_track_rate": [0.35, 0.12, 0.55, 0.0, 0.25],
        "no_development_count": [20.0, 30.0, 5.0, 3.0, 60.0],
        "participation_rate": [0.8, 0.4, 0.875, 0.0, 0.7],
    }
)


def test_opd_compliance_lowest_first_small_opd_left_out_with_drill_customdata():
    rows = part.compliance_rows(UNITS, "unit", "id", limit=3)
    assert rows["value"].to_list() == ["Dinas B", "Dinas C", "Dinas A"]  # "Kecil" has 3 ASN: not ranked
    assert rows["region"].to_list() == ["Serang", "Semarang", "Serang"]
    fig = part.compliance_figure(rows, "unit", "id", COLORS, total_groups=UNITS.height)
    track, reached = fig.data
    # Plotly draws the first category at the bottom: the lowest OPD is the last point, on top.
    assert [round(x, 6) for x in track.x] == [35.0, 25.0, 12.0]
    assert [round(x, 6) for x in reached.x] == [30.0, 20.0, 10.0]
    assert [list(c[:2]) for c in track.customdata] == [["Dinas A", "Serang"], ["Dinas C", "Semarang"],
                                                       ["Dinas B", "Serang"]]  # fmt: skip
    assert [list(c[:2]) for c in reached.customdata] == [list(c[:2]) for c in track.customdata]
    assert track.name == "Sesuai laju 20 JP" and reached.name == "Memenuhi 20 JP"
    assert _title(fig) == "Paling tertinggal: Dinas B (Serang), 12,0 % sesuai laju 20 JP"
    assert _subtitle(fig) == "3 OPD dengan capaian terendah dari 5 OPD"
    # Several regions in view: each OPD's label names its region, with the region's colour.
    assert "Serang" in fig.layout.yaxis.ticktext[-1] and COLORS["Serang"] in fig.layout.yaxis.ticktext[-1]
    assert "Jumlah ASN: 50" in track.customdata[-1][2]


def test_same_named_opd_of_two_regions_stay_two_bars():
    rows = part.compliance_rows(UNITS, "unit", "id")
    fig = part.compliance_figure(rows, "unit", "id", COLORS, UNITS.height)
    names = [c[:2] for c in fig.data[0].customdata]
    assert ["Dinas A", "Serang"] in [list(n) for n in names] and ["Dinas A", "Siulak"] in [
        list(n) for n in names
    ]
    assert len(set(fig.data[0].y)) == len(fig.data[0].y) == 4


GENDER = pl.DataFrame(
    {
        "group": ["P", "L"],
        "group_region": [None, None],
        "group2": ["", ""],
        "asn_count": [60.0, 5.0],
        "jp20_rate": [0.5, 0.2],
        "jp20_on_track_rate": [0.6, 0.2],
    }
)


def test_person_groups_keep_their_natural_order_and_small_groups_are_pale():
    rows = part.compliance_rows(GENDER, "gender", "id")
    assert rows["label"].to_list() == ["Laki-laki", "Perempuan"]
    fig = part.compliance_figure(rows, "gender", "id", COLORS)
    assert list(fig.layout.yaxis.ticktext) == ["Perempuan", "Laki-laki"]
    assert list(fig.data[0].marker.opacity) == [1.0, part.SMALL_OPACITY]  # 5 men: below 10 ASN
    # The pale group does not make the title: the only group with 10 or more ASN does.
    assert _title(fig) == "Perempuan: 60,0 % sesuai laju 20 JP"
    english = part.compliance_figure(part.compliance_rows(GENDER, "gender", "en"), "gender", "en", COLORS)
    assert list(english.layout.yaxis.ticktext) == ["Female", "Male"]
    assert english.layout.separators == ".,"


def test_compliance_download_has_every_group_in_per_cent():
    table = part.compliance_table(UNITS, "unit", "id")
    assert table.columns == ["OPD", "Wilayah", "Jumlah ASN", "Sesuai laju 20 JP (%)", "Memenuhi 20 JP (%)"]
    assert table.height == UNITS.height and table["Memenuhi 20 JP (%)"][0] == pytest.approx(30.0)
    assert part.compliance_table(GENDER, "gender", "en")["Gender"].to_list() == ["Female", "Male"]


def test_no_group_draws_the_empty_state():
    assert part.is_empty_figure(part.compliance_figure(part.compliance_rows(UNITS.head(0), "unit", "id"),
                                                       "unit", "id", COLORS))  # fmt: skip


# ---- 3. method mix -------------------------------------------------------------------------------

JALUR_FRAME = pl.DataFrame(
    {"group": ["Pelatihan Non-Klasikal", "Pendidikan", "Pelatihan Klasikal"], "jp_total": [30.0, 10.0, 60.0]}
)


def test_route_mix_as_shares_of_all_jp_with_the_registry_share_in_the_title():
    fig = part.jalur_figure(JALUR_FRAME, 0.30, "id")
    bar = fig.data[0]
    assert list(bar.y) == ["Pendidikan", "Pelatihan Non-Klasikal", "Pelatihan Klasikal"]  # klasikal on top
    assert [round(x, 6) for x in bar.x] == [10.0, 30.0, 60.0]
    assert [s.strip() for s in bar.text] == ["10,0 %", "30,0 %", "60,0 %"]
    assert _title(fig) == "Non-klasikal menyumbang 30,0 % dari JP"
    assert _subtitle(fig) == "100 JP selesai dalam periode"
    assert part.jalur_table(JALUR_FRAME, "en").columns == ["Route", "Total JP", "Share of JP (%)"]


BY_MONTH = pl.DataFrame(
    {"group": ["01", "02", "04"], "jp_total": [100.0, 200.0, 100.0], "nonclassical_share": [0.5, 0.4, 0.6]}
)
BY_MONTH_METHOD = pl.DataFrame(
    {
        "group": ["01", "01", "02", "04"],
        "group2": ["E-Learning", "Bimtek", "Bimtek", "E-Learning"],
        "jp_total": [20.0, 80.0, 200.0, 45.0],
    }
)


def test_elearning_share_of_each_months_jp():
    rows = part.elearning_rows(BY_MONTH, BY_MONTH_METHOD, end_month=4)
    assert rows["month"].to_list() == [1, 2, 3, 4]
    assert rows["elearning_share"].to_list() == [0.2, 0.0, None, 0.45]  # March had no JP: a gap, not 0
    fig = part.elearning_figure(rows, "id")
    nonclassical, elearning = fig.data
    assert list(elearning.x) == ["Jan", "Feb", "Mar", "Apr"]
    assert [None if v is None else round(v, 6) for v in elearning.y] == [20.0, 0.0, None, 45.0]
    assert nonclassical.name == "Porsi non-klasikal" and elearning.name == "E-learning"
    assert _title(fig) == "E-learning naik menjadi 45,0 % dari JP"
    assert _subtitle(fig) == "Januari: 20,0 % · April: 45,0 %"


def test_elearning_title_follows_the_direction():
    down = part.elearning_rows(
        BY_MONTH, BY_MONTH_METHOD.with_columns(jp_total=pl.Series([80.0, 20.0, 200.0, 5.0])), 4
    )
    assert _title(part.elearning_figure(down, "en")) == "E-learning fell to 5.0 % of JP"
    one = part.elearning_rows(BY_MONTH.head(1), BY_MONTH_METHOD.head(2), 1)
    assert _title(part.elearning_figure(one, "id")) == "E-learning: 20,0 % dari JP"
    none = part.elearning_rows(BY_MONTH.head(0), BY_MONTH_METHOD.head(0), 3)
    assert part.is_empty_figure(part.elearning_figure(none, "id"))


# ---- 4. monthly trend ------------------------------------------------------------------------------

NOW = pl.DataFrame(
    {
        "month": pl.Series([1, 2, 3], dtype=pl.Int32),
        "participation_rate": [0.1, 0.2, 0.3],
        "jp_per_asn": [1.0, 3.0, 6.0],
        "jp20_on_track_rate": [0.1, 0.15, 0.25],
    }
)
BEFORE = NOW.with_columns(
    participation_rate=pl.Series([0.05, 0.1, 0.2]), jp_per_asn=pl.Series([1.0, 2.0, 4.5])
)


def test_trend_against_the_same_months_last_year():
    fig = part.trend_figure(NOW, BEFORE, "participation_rate", 2026, "id")
    last_year, this_year = fig.data
    assert this_year.name == "2026" and last_year.name == "2025 (bulan yang sama)"
    assert [round(v, 6) for v in this_year.y] == [10.0, 20.0, 30.0]
    assert [round(v, 6) for v in last_year.y] == [5.0, 10.0, 20.0]
    assert last_year.line.dash == "dash" and list(this_year.x) == ["Jan", "Feb", "Mar"]
    assert _title(fig) == "Tingkat partisipasi: 30,0 % sampai Maret, +10,0 poin dibanding 2025"


def test_jp_per_asn_gets_the_pace_towards_20_jp():
    fig = part.trend_figure(NOW, BEFORE, "jp_per_asn", 2026, "en")
    pace = fig.data[0]
    assert pace.name == "Pace towards 20 JP a year"
    assert [round(v, 4) for v in pace.y] == [1.6667, 3.3333, 5.0]  # 20 × month ÷ 12
    assert _title(fig) == "JP per ASN: 6.0 JP by March, +1.5 JP on 2025"
    # Rates have a fixed target (100 %): no pace line.
    assert len(part.trend_figure(NOW, BEFORE, "jp20_on_track_rate", 2026, "id").data) == 2


def test_trend_without_last_year():
    fig = part.trend_figure(NOW, None, "jp20_on_track_rate", 2026, "id")
    assert len(fig.data) == 1 and _title(fig) == "Sesuai laju 20 JP: 25,0 % sampai Maret"
    table = part.trend_table(NOW, BEFORE, 2026, "id")
    assert table.height == 6 and table["Tahun"].to_list() == [2026] * 3 + [2025] * 3
    assert table["Tingkat partisipasi (%)"][2] == pytest.approx(30.0)


# ---- 5. topics and providers -----------------------------------------------------------------------

TOPICS = pl.DataFrame(
    {"group": ["SDM", "–", "Keuangan", "Kepemimpinan"], "jp_total": [50.0, 10.0, 40.0, 0.0]}
)


def test_top_topics_largest_on_top_with_the_share_of_all_jp():
    fig = part.top_figure(TOPICS, "topic", "id", limit=2)
    bar = fig.data[0]
    assert list(bar.x) == [40.0, 50.0]
    assert list(fig.layout.yaxis.ticktext) == ["Keuangan", "SDM"]
    assert _title(fig) == "Terbanyak: SDM, 50 JP (50,0 % dari JP)"
    assert _subtitle(fig) == "2 topik teratas dari 3"
    table = part.top_table(TOPICS, "topic", "en")
    assert table["Topic"].to_list() == ["SDM", "Keuangan", "(not recorded)"]
    assert table["Share of JP (%)"].to_list() == pytest.approx([50.0, 40.0, 10.0])


# ---- 6. completion and drop-out ---------------------------------------------------------------------


def _long(rows: list[tuple[str, str, float | None, float]]) -> pl.DataFrame:
    return pl.DataFrame(
        [{"group": g, "metric": m, "value": v, "denominator": d} for g, m, v, d in rows],
        schema={"group": pl.String, "metric": pl.String, "value": pl.Float64, "denominator": pl.Float64},
    )


LONG = _long([
    ("Bimtek", "completion_rate", 0.95, 100.0), ("Bimtek", "dropout_rate", 0.02, 100.0),
    ("E-Learning", "completion_rate", 0.80, 50.0), ("E-Learning", "dropout_rate", 0.15, 50.0),
    ("Magang", "completion_rate", None, 0.0), ("Magang", "dropout_rate", None, 0.0),
])  # fmt: skip


def test_dropout_by_method_most_on_top_with_completion_in_the_label():
    rows = part.completion_rows(LONG)
    assert rows["method"].to_list() == ["E-Learning", "Bimtek"]  # Magang: nothing ended, left out
    fig = part.completion_figure(rows, 0.9, "id")
    bar = fig.data[0]
    assert list(bar.y) == ["Bimtek", "E-Learning"] and [round(x, 6) for x in bar.x] == [2.0, 15.0]
    assert bar.text[-1].strip() == "15,0 % (kelulusan 80,0 %)"
    assert "Berakhir dalam periode: 50 kegiatan" in bar.customdata[-1]
    assert _title(fig) == "Paling banyak mengundurkan diri: E-Learning (15,0 %)"
    assert _subtitle(fig) == "Tingkat kelulusan seluruhnya 90,0 %"
    assert part.completion_table(rows, "en").columns == ["Method", "Records ended", "Completion rate (%)",
                                                         "Drop-out rate (%)"]  # fmt: skip


def test_nobody_dropping_out_is_said_plainly():
    rows = part.completion_rows(
        _long([("Bimtek", "completion_rate", 1.0, 10.0), ("Bimtek", "dropout_rate", 0.0, 10.0)])
    )
    assert _title(part.completion_figure(rows, 1.0, "en")) == "Nobody dropped out"
    assert part.is_empty_figure(part.completion_figure(part.completion_rows(LONG.head(0)), None, "id"))


# ---- 7. no development -------------------------------------------------------------------------------


def test_opd_with_the_most_staff_without_development_first_drillable():
    rows = part.no_development_rows(UNITS, limit=3)
    assert rows["unit"].to_list() == ["Dinas C", "Dinas B", "Dinas A"]
    fig = part.no_development_figure(rows, 118.0, "id", COLORS)
    bar = fig.data[0]
    assert list(bar.x) == [20.0, 30.0, 60.0]  # the most on top (last)
    assert [list(c[:2]) for c in bar.customdata] == [["Dinas A", "Serang"], ["Dinas B", "Serang"],
                                                     ["Dinas C", "Semarang"]]  # fmt: skip
    assert bar.text[-1].strip() == "60 dari 200"
    assert _title(fig) == "118 ASN belum ikut pengembangan apa pun"
    assert _subtitle(fig) == "Terbanyak: Dinas C (Semarang), 60 dari 200 orang"
    table = part.no_development_table(UNITS, "id")
    assert table.height == UNITS.height and table["Belum pernah ikut"].to_list() == [60, 30, 20, 5, 3]


def test_everybody_developed_is_said_plainly():
    done = UNITS.with_columns(no_development_count=pl.lit(0.0))
    fig = part.no_development_figure(part.no_development_rows(done), 0.0, "id", COLORS)
    assert part.is_empty_figure(fig) and _title(fig) == "Semua ASN sudah ikut pengembangan"


# ---- the page ---------------------------------------------------------------------------------------


def _titles(at) -> list[str]:
    return [_plain(json.loads(c.proto.spec)["layout"]["title"]["text"]) for c in at.get("plotly_chart")]


def test_the_page_with_default_filters(run_app, figures):
    at = run_app(page=PAGE)
    no_errors(at)
    assert at.title[0].value == t("ui.nav.participation", "id")
    row = figures.kpis(figures.default).row(0, named=True)
    cards = {m.label: m.value for m in at.metric}
    assert cards == {METRIC_BY_ID[m].label("id"): format_metric(METRIC_BY_ID[m], row[m], "id")
                     for m in part.CARD_METRICS}  # fmt: skip
    titles = _titles(at)
    assert len(titles) == 9  # distribution, OPD, no development, trend, 2 × method, 2 × topics, completion
    jp20 = format_metric(METRIC_BY_ID["jp20_rate"], row["jp20_rate"], "id")
    assert titles[0] == f"{jp20} ASN sudah mencapai 20 JP"
    assert titles[1].startswith("Paling tertinggal: ")
    nodev = format_number(row["no_development_count"], "id")
    assert titles[2] == f"{nodev} ASN belum ikut pengembangan apa pun"
    # The two OPD charts narrow the filters when a bar is clicked.
    selectable = [c for c in at.get("plotly_chart") if c.proto.selection_mode]
    assert len(selectable) == 2
    assert len([b for b in at.get("download_button")]) == 2 * 9
    subheaders = [s.value for s in at.subheader]
    assert subheaders[0] == t("ui.participation.dist_heading", "id")


def test_another_grouping_through_the_pills(run_app):
    at = run_app(page=PAGE)
    at.pills(key=part.DIMENSION_KEY).set_value("age_band").run()
    no_errors(at)
    title = _titles(at)[1]
    assert "sesuai laju 20 JP" in title and "tahun" in title  # an age band names the finding
    at.pills(key=part.TREND_KEY).set_value("jp_per_asn").run()
    no_errors(at)
    assert any(t_.startswith("JP per ASN: ") for t_ in _titles(at))


def test_one_region(run_app, figures):
    region = figures.regions[-1]
    at = run_app(query={"wilayah": region}, page=PAGE)
    no_errors(at)
    assert at.button(key=f"chip_f_regions_{region}").label == region  # the chip that undoes it
    filters = figures.default.model_copy(update={"regions": (region,)})
    row = figures.kpis(filters).row(0, named=True)
    label = METRIC_BY_ID["no_development_count"].label("id")
    assert {m.label: m.value for m in at.metric}[label] == format_number(row["no_development_count"], "id")
    drill = [json.loads(c.proto.spec) for c in at.get("plotly_chart") if c.proto.selection_mode]
    regions = {point[1] for fig in drill for point in fig["data"][0]["customdata"]}
    assert len(drill) == 2 and regions == {region}


def test_no_matching_staff_shows_the_empty_state(run_app, figures):
    at = run_app(query=figures.empty_staff_filter(), page=PAGE)
    no_errors(at)
    assert t("ui.overview.empty_title", "id") in at.info[0].value
    assert not at.get("plotly_chart") and not at.metric


def test_the_page_in_english(run_app, figures):
    at = run_app(query={"lang": "en"}, page=PAGE)
    no_errors(at)
    assert at.title[0].value == "Participation"
    assert [s.value for s in at.subheader][:3] == [
        t("ui.participation.dist_heading", "en"),
        t("ui.participation.groups_heading", "en"),
        t("ui.participation.nodev_heading", "en"),
    ]
    titles = _titles(at)
    assert titles[0].endswith("of ASN have reached 20 JP") and titles[1].startswith("Furthest behind: ")
    assert {m.label for m in at.metric} == {METRIC_BY_ID[m].label("en") for m in part.CARD_METRICS}
