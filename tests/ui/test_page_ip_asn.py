"""IP ASN (kompetensi): the page through AppTest (default, one region, nothing matching, English, the
OPD grouping, the Definisi page) and its chart builders as pure functions, asserted on their data."""

from __future__ import annotations

import polars as pl
import pytest

from src.i18n import t
from src.metrics import ip_asn
from src.metrics.filters import Filters
from src.metrics.registry import IP_ASN_METRICS, PAGE_METRIC_BY_ID
from src.ui import ip_asn as ui
from src.ui.format import format_metric
from tests.ui.conftest import chart_specs, no_errors

PAGE = "pages/ip_asn.py"


def _cards(figures, filters: Filters, lang: str) -> dict[str, str]:
    row = ip_asn.ip_asn_kpis(figures.con, filters).row(0, named=True)
    specs = [PAGE_METRIC_BY_ID[m] for m in ui.CARD_METRICS]
    return {s.label(lang): format_metric(s, row[s.id], lang) for s in specs}


# ---- the page --------------------------------------------------------------------------------------


def test_default_view(run_app, figures):
    at = run_app(page=PAGE)
    no_errors(at)
    assert at.title[0].value == "IP ASN (kompetensi)"
    assert {m.label: m.value for m in at.metric} == _cards(figures, figures.default, "id")
    # the assumption is stated above the figures, naming the rule to confirm against
    assert "PermenPANRB 38/2018" in at.info[0].value
    headings = [s.value for s in at.subheader]
    for key in ("groups", "items", "dist", "rules"):
        assert t(f"ui.ip_asn.{key}_heading", "id") in headings
    # the scoring table shows the configuration's points, one row per element
    rules = ip_asn.scoring()
    table = at.table[-1].value
    assert table[t("ui.ip_asn.col_points", "id")].tolist() == [str(int(i.points)) for i in rules.items]
    # the spread's bars add up to the staff in scope
    dist = next(c for c in chart_specs(at) if c["layout"]["xaxis"].get("type") == "category")
    row = ip_asn.ip_asn_kpis(figures.con, figures.default).row(0, named=True)
    assert sum(dist["data"][0]["y"]) == row["ip_staff"]


def test_one_region(run_app, figures):
    region = figures.regions[-1]
    at = run_app(query={"wilayah": region}, page=PAGE)
    no_errors(at)
    filters = figures.default.model_copy(update={"regions": (region,)})
    assert {m.label: m.value for m in at.metric} == _cards(figures, filters, "id")


def test_nothing_matches(run_app, figures):
    at = run_app(query=figures.empty_staff_filter(), page=PAGE)
    no_errors(at)
    assert not at.metric


def test_english(run_app, figures):
    at = run_app(query={"lang": "en"}, page=PAGE)
    no_errors(at)
    assert at.title[0].value == "IP ASN (competency)"
    assert {m.label: m.value for m in at.metric} == _cards(figures, figures.default, "en")
    assert "An estimate, not the official score" in at.info[0].value


def test_the_opd_grouping_lists_every_opd_with_staff(run_app, figures):
    at = run_app(page=PAGE)
    at.segmented_control(key=ui.KEY_GROUPING).set_value("unit").run()
    no_errors(at)
    table = next(d.value for d in at.dataframe if t("ui.ip_asn.col_unit", "id") in d.value.columns)
    expected = ip_asn.ip_asn_kpis(figures.con, figures.default, by="unit")
    assert len(table) == expected.filter(pl.col("ip_staff") > 0).height
    assert int(table[t("ui.ip_asn.col_staff", "id")].sum()) == int(expected["ip_staff"].sum())


def test_the_definitions_page_lists_the_ip_asn_metrics(run_app):
    at = run_app(page="pages/definisi.py", query={"lang": "en"})
    no_errors(at)
    text = "\n".join(m.value for m in at.markdown)
    assert t("ui.definitions.section_ip_asn", "en") in text
    for spec in IP_ASN_METRICS:
        assert f"**{spec.label('en')}**" in text, spec.id


# ---- the builders ----------------------------------------------------------------------------------


def _kpis() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "group": ["Dinas A", "Dinas B", "Dinas C", "Kecil"],
            "group_region": ["Serang", "Serang", "Siulak", "Siulak"],
            "ip_staff": [20.0, 30.0, 12.0, 3.0],
            "ip_asn_kompetensi_mean": [10.0, 25.5, 4.0, 1.0],
            "ip_asn_kompetensi_share": [0.25, 0.6375, 0.1, 0.025],
            **{m: [0.5, 0.5, 0.5, None] for m in ui.ITEM_METRICS.values()},
        }
    )


def test_group_rows_leave_small_opd_to_the_table():
    rows = ui.group_rows(_kpis(), "unit")
    assert rows["group"].to_list() == ["Dinas C", "Dinas A", "Dinas B"]  # lowest first; Kecil has 3 ASN
    assert ui.groups_table(_kpis(), "unit", "id").height == 4


def test_groups_figure_lowest_on_top_with_drill_data():
    rows = ui.group_rows(_kpis(), "unit")
    fig = ui.groups_figure(rows, "unit", "id", {"Serang": "#000", "Siulak": "#111"}, 40.0)
    assert fig.layout.title.text.replace("<br>", " ") == "OPD terendah: Dinas C, rata-rata 4,0 dari 40 poin"
    bar = fig.data[0]
    assert list(bar.x) == [25.5, 10.0, 4.0]  # Plotly draws the first at the bottom: the lowest on top
    assert [list(c) for c in bar.customdata] == [
        ["Dinas B", "Serang"],
        ["Dinas A", "Serang"],
        ["Dinas C", "Siulak"],
    ]
    assert list(fig.layout.xaxis.tickvals) == [0, 10, 20, 30, 40]
    # with room for two OPD the bars are the two lowest, but the subtitle still names the highest of all
    two = ui.groups_figure(rows, "unit", "id", {}, 40.0, limit=2)
    assert list(two.data[0].x) == [10.0, 4.0]
    assert two.layout.title.subtitle.text == "Tertinggi: Dinas B (25,5)"


def test_items_figure_names_the_weakest_element():
    row = {
        "ip_asn_lead_rate": 0.4, "lead_met": 2, "lead_app": 5,
        "ip_asn_func_rate": None, "func_met": 0, "func_app": 0,
        "ip_asn_tech_rate": 0.25, "tech_met": 5, "tech_app": 20,
        "ip_asn_seminar_rate": 0.5, "sem_met": 10, "sem_app": 20,
    }  # fmt: skip
    fig = ui.items_figure(row, ip_asn.scoring(), "id")
    assert fig.layout.title.text.replace("<br>", " ") == (
        "Paling kurang: Pelatihan teknis ≥ 20 JP, baru 25,0 % yang memenuhi"
    )
    labels = list(fig.data[1].text)
    assert labels[-1].strip() == "40,0 % · 2 dari 5"  # kepemimpinan on top
    assert labels[2].strip() == "– · 0 dari 0"  # nobody it applies to: "–", never 0 %


def test_distribution_figure_counts_the_zero_scores():
    dist = pl.DataFrame({"points": [0.0, 12.0, 40.0], "staff": [6, 3, 1]})
    fig = ui.distribution_figure(dist, 40.0, "id")
    assert (
        fig.layout.title.text.replace("<br>", " ") == "60,0 % ASN (6 orang) belum mendapat poin sama sekali"
    )
    assert list(fig.data[0].x) == ["0,0", "12,0", "40,0"]


def test_rules_table_follows_the_configuration(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text(
        ip_asn.DEFAULT_CONFIG.read_text(encoding="utf-8").replace("min_jp = 20", "min_jp = 24"),
        encoding="utf-8",
    )
    table = ui.rules_table(ip_asn.scoring(path), "en")
    condition = table.filter(pl.col("Element") == "Technical training ≥ 20 JP")["Condition"][0]
    assert condition == "JP added up, at least 24 JP."
    assert table["Window"].to_list()[0] == "all recorded history"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_card_has_a_short_label(lang):
    """Cards are three across on a desktop and two on a tablet: a label longer than this is cut."""
    for metric in ui.CARD_METRICS:
        assert len(PAGE_METRIC_BY_ID[metric].label(lang)) <= 26, metric
