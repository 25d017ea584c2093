"""The Anggaran page: its chart builders as pure functions (frames in, figure data out) and the page
through AppTest (default filters, one region, filters matching nothing, English)."""

from __future__ import annotations

import string
import tomllib

import polars as pl
import pytest

from src.config import ROOT
from src.i18n import LANGUAGES, t
from src.metrics import budget_views
from src.metrics.filters import Filters
from src.metrics.registry import METRIC_BY_ID
from src.ui import budget
from src.ui.charts import region_colors
from src.ui.drill import narrow, selected_targets
from src.ui.filters import KEY_REGIONS, KEY_UNITS
from src.ui.format import format_metric, format_percent
from tests.ui.conftest import chart_specs, no_errors

PLAN = [0.02, 0.05, 0.10, 0.16, 0.23, 0.32, 0.41, 0.52, 0.64, 0.76, 0.88, 1.00]
COLORS = region_colors(["Semarang", "Serang", "Siulak"])


def title_of(fig) -> str:
    return budget.plain(fig.layout.title.text)


def subtitle_of(fig) -> str:
    return budget.plain(fig.layout.title.subtitle.text or "")


def trace(fig, name: str):
    return next(d for d in fig.data if (d.name or "").strip() == name)


# ---- absorption month by month -------------------------------------------------------------------


def months_frame(current: dict[int, tuple[float, float]], previous: dict[int, tuple[float, float]]):
    """year 2026 and 2025 rows: month -> (pagu, cumulative spent); absorption = spent / pagu."""
    rows = []
    for year, months in ((2026, current), (2025, previous)):
        for month, (pagu, spent) in months.items():
            rows.append({
                "year": year, "month": month, "pagu": pagu, "realisasi": 0.0,
                "realisasi_cumulative": spent, "absorption": spent / pagu, "plan": PLAN[month - 1],
            })  # fmt: skip
    return pl.DataFrame(rows)


MONTHS = months_frame(
    {1: (1000.0, 10.0), 2: (1000.0, 30.0), 3: (1000.0, 70.0), 4: (1000.0, 150.0)},
    {m: (900.0, 900.0 * PLAN[m - 1] * 1.1) for m in range(1, 13)},
)
PROJECTION = {
    "years_used": [2023, 2024, 2025], "month": 3, "share_by_month": 0.08, "spent": 70.0,
    "projected_spent": 875.0, "pagu": 1000.0, "projected_absorption": 0.875,
}  # fmt: skip


def test_month_chart_this_year_up_to_the_month_last_year_and_the_plan():
    fig = budget.month_figure(MONTHS, 2026, 3, PLAN, "id", PROJECTION)
    assert [d.name.strip() for d in fig.data] == ["Rencana", "2025", "2026", "Proyeksi Desember: 87,5 %"]
    plan = trace(fig, "Rencana")
    assert list(plan.x) == list(range(1, 13))
    assert [round(y, 6) for y in plan.y] == [round(p * 100, 6) for p in PLAN]  # per cent, dashed
    assert plan.line.dash == "dash"
    now = trace(fig, "2026")
    assert list(now.x) == [1, 2, 3]  # month 4 is after the period
    assert [round(y, 6) for y in now.y] == [1.0, 3.0, 7.0]
    assert now.text[-1] == "<b>7,0 %</b>"
    assert len(trace(fig, "2025").x) == 12
    projection = trace(fig, "Proyeksi Desember: 87,5 %")
    assert list(projection.x) == [3, 12] and [round(y, 6) for y in projection.y] == [7.0, 87.5]


def test_month_chart_title_states_the_gap_to_the_plan_and_last_year():
    fig = budget.month_figure(MONTHS, 2026, 3, PLAN, "id", PROJECTION)
    # 7 % against the plan's 10 % by March: 3 points below; last year 11 % (10 % × 1.1)
    assert title_of(fig) == "Serapan s.d. Maret 7,0 %: 3,0 poin di bawah rencana (10 %)"
    assert subtitle_of(fig) == "Tahun lalu (2025) s.d. Maret: 11,0 %"
    ahead = budget.month_figure(MONTHS, 2026, 4, PLAN, "en")
    assert title_of(ahead) == "Absorption to April 15.0 %: 1.0 pts below the plan (16 %)"
    hover = trace(fig, "2026").customdata[2]
    assert "Maret 2026" in hover and "Realisasi kumulatif: Rp70" in hover


def test_month_chart_without_last_year_or_spending():
    only_now = MONTHS.filter(pl.col("year") == 2026)
    fig = budget.month_figure(only_now, 2026, 4, PLAN, "id")
    assert subtitle_of(fig) == "Belum ada data 2025 sebagai pembanding"
    assert [d.name.strip() for d in fig.data] == ["Rencana", "2026"]  # no projection without one
    empty = budget.month_figure(MONTHS.clear(), 2026, 4, PLAN, "id")
    assert title_of(empty) == "Belum ada realisasi anggaran 2026"
    assert [d.name.strip() for d in empty.data] == ["Rencana"]


def test_projection_sentence_states_its_assumption():
    text = budget.projection_text(PROJECTION, 2026, "id")
    assert text.startswith("**Proyeksi akhir tahun: Rp875 (87,5 % dari pagu Rp1.000).**")
    assert "pola belanja 2023–2025" in text and "rata-rata 8,0 % belanja setahun" in text
    assert "akhir Maret" in text and "Rp70 ÷ 8,0 % ≈ Rp875" in text
    english = budget.projection_text(PROJECTION, 2026, "en")
    assert "spending pattern of 2023–2025" in english and "8.0 %" in english
    two = budget.projection_text({**PROJECTION, "years_used": [2023, 2025]}, 2026, "id")
    assert "pola belanja 2023 dan 2025" in two


def test_projection_sentence_without_a_pattern():
    none = {**PROJECTION, "years_used": [], "share_by_month": None, "projected_spent": None}
    assert "belum ada tahun sebelum 2026" in budget.projection_text(none, 2026, "id")
    no_data = {**PROJECTION, "spent": None}
    assert "belum sampai Maret" in budget.projection_text(no_data, 2026, "id")
    december = {**PROJECTION, "month": 12, "spent": 950.0}
    assert budget.projection_text(december, 2025, "id", absorption=0.95) == (
        "Tahun 2025 sudah lengkap: realisasi setahun Rp950 (95,0 % dari pagu)."
    )


# ---- pagu and realisasi by OPD and sub-kegiatan ----------------------------------------------------

UNITS = pl.DataFrame(
    {
        "unit": ["Dinas A", "BKPSDM", "Dinas A", "Kecamatan"],
        "region": ["Semarang", "Serang", "Serang", "Siulak"],
        "budget_pagu": [4e9, 1e9, 5e8, 1e8],
        "budget_realisasi": [1e9, 4e8, 1e8, 5e7],
        "absorption_rate": [0.25, 0.40, 0.20, 0.50],
        "plan_rate": [0.32] * 4,
        "planned_amount": [1.28e9, 3.2e8, 1.6e8, 3.2e7],
        "amount_behind": [2.8e8, -8e7, 6e7, -1.8e7],
    }
)


def test_unit_chart_pagu_realisasi_plan_and_drill_down_data():
    fig = budget.unit_figure(UNITS, COLORS, 6, "id")
    pagu = fig.data[0]
    assert pagu.type == "bar" and list(pagu.x) == [4e9, 1e9, 5e8, 1e8]
    # A same-named OPD of another region gets its region in the label.
    assert list(pagu.y) == ["Dinas A · Semarang", "BKPSDM", "Dinas A · Serang", "Kecamatan"]
    assert [c[:2] for c in pagu.customdata] == [
        ["Dinas A", "Semarang"], ["BKPSDM", "Serang"], ["Dinas A", "Serang"], ["Kecamatan", "Siulak"],
    ]  # fmt: skip
    spent = {d.name.strip(): d for d in fig.data if d.type == "bar" and d is not pagu}
    assert set(spent) == {"Semarang", "Serang", "Siulak"}  # realisasi in the region's colour
    assert spent["Serang"].marker.color == COLORS["Serang"] and list(spent["Serang"].x) == [4e8, 1e8]
    assert all(c[1] == "Serang" for c in spent["Serang"].customdata)
    plan = next(d for d in fig.data if d.type == "scatter" and d.mode == "markers")
    assert list(plan.x) == [1.28e9, 3.2e8, 1.6e8, 3.2e7]
    labels = next(d for d in fig.data if d.type == "scatter" and d.mode == "text")
    assert [s.strip() for s in labels.text] == ["25,0 %", "40,0 %", "20,0 %", "50,0 %"]
    # largest pagu on top (Plotly draws the first category at the bottom)
    assert list(fig.layout.yaxis.categoryarray)[-1] == "Dinas A · Semarang"


def test_unit_chart_title_counts_the_opd_behind_the_plan():
    fig = budget.unit_figure(UNITS, COLORS, 6, "id")
    assert title_of(fig) == "2 dari 4 OPD di bawah rencana serapan 32 %"
    assert subtitle_of(fig).startswith("Abu-abu: pagu")
    top = budget.unit_figure(UNITS, COLORS, 6, "id", limit=2)
    assert len(top.data[0].x) == 2
    assert subtitle_of(top).startswith("2 OPD dengan pagu terbesar")
    assert title_of(top) == "2 dari 4 OPD di bawah rencana serapan 32 %"  # counted over every OPD
    one = budget.unit_figure(UNITS.head(1), COLORS, 6, "en")
    assert title_of(one) == "Dinas A: absorption 25.0 %, plan 32 %"
    hover = fig.data[0].customdata[0][2]
    assert "<b>Dinas A (Semarang)</b>" in hover and "Kurang dari rencana: Rp280 jt" in hover


def test_a_click_on_an_opd_bar_narrows_to_that_opd_and_its_region():
    fig = budget.unit_figure(UNITS, COLORS, 6, "id")
    point = {"customdata": list(fig.data[0].customdata[2])}
    state: dict[str, list[str]] = {KEY_REGIONS: [], KEY_UNITS: []}
    narrow(state, "unit", selected_targets([point]))
    assert state == {KEY_REGIONS: ["Serang"], KEY_UNITS: ["Dinas A"]}


SUBS = pl.DataFrame(
    {
        "name": [
            "Pengembangan Kompetensi ASN",
            "Pendidikan dan Pelatihan Pegawai Berdasarkan Tugas dan Fungsi",
        ],
        "codes": ["5.03.02.2.03", "1.01.01.1.05.09, 1.02.01.1.05.09, 1.03.01.1.05.09, 2.07.01.1.05.09"],
        "code_count": [1, 4],
        "budget_pagu": [3e9, 1e9],
        "budget_realisasi": [9e8, 4e8],
        "absorption_rate": [0.30, 0.40],
        "plan_rate": [0.32, 0.32],
        "planned_amount": [9.6e8, 3.2e8],
    }
)


def test_sub_kegiatan_chart():
    fig = budget.sub_kegiatan_figure(SUBS, 6, "id")
    assert list(fig.data[0].x) == [3e9, 1e9]
    assert title_of(fig) == "Serapan terendah: Pengembangan Kompetensi ASN (30,0 %)"
    assert subtitle_of(fig).startswith(
        "Pagu terbesar: Pengembangan Kompetensi ASN (Rp3 M, 75,0 % dari seluruh pagu)"
    )
    hover = fig.data[0].customdata[1][2]
    assert "4 kode, antara lain 1.01.01.1.05.09, 1.02.01.1.05.09" in hover
    assert "Kode: 5.03.02.2.03" in fig.data[0].customdata[0][2]
    assert list(next(d for d in fig.data if d.type == "scatter" and d.mode == "markers").x) == [9.6e8, 3.2e8]


# ---- cost by method and funding ---------------------------------------------------------------------

METHODS = pl.DataFrame(
    {
        "group": ["Pelatihan Teknis", "E-Learning", "Coaching", "Seminar"],
        "group_region": [None] * 4,
        "group2": [
            "Pelatihan Klasikal",
            "Pelatihan Non-Klasikal",
            "Pelatihan Non-Klasikal",
            "Pelatihan Klasikal",
        ],
        "cost_per_jp": [150_000.0, 5_000.0, None, 80_000.0],
        "cost_per_participant": [4_000_000.0, 60_000.0, None, 400_000.0],
        "cost_total": [3e9, 1e8, None, 2e8],
        "jp_total": [20_000.0, 20_000.0, 500.0, 2_500.0],
    },
    schema_overrides={"group_region": pl.String},
)
COMPARISON = {
    "elearning_cost_per_jp": 5_000.0, "classroom_cost_per_jp": 125_000.0,
    "elearning_cost_per_participant": 60_000.0, "classroom_cost_per_participant": 2_000_000.0,
    "elearning_jp": 20_000.0, "saving_share": 0.96, "saving_share_per_participant": 0.97,
    "saving_amount": 2.4e9,
}  # fmt: skip


def test_method_chart_states_what_elearning_saves():
    fig = budget.method_figure(METHODS, COMPARISON, "id")
    assert title_of(fig) == (
        "E-learning Rp5.000 per JP: 96,0 % lebih hemat daripada pelatihan klasikal (Rp125.000 per JP)"
    )
    assert subtitle_of(fig) == (
        "Untuk 20.000 JP e-learning itu, hematnya ≈ Rp2,4 M dibanding bila diberikan secara klasikal"
    )
    bars = {d.name.strip(): d for d in fig.data}
    assert set(bars) == {"Pelatihan Klasikal", "Pelatihan Non-Klasikal"}  # Coaching has no known cost
    assert list(bars["Pelatihan Non-Klasikal"].y) == ["E-Learning"]
    assert list(bars["Pelatihan Klasikal"].x) == [80_000.0, 150_000.0]  # cheapest at the bottom
    assert fig.layout.shapes[0].x0 == 125_000.0  # classroom line
    assert "Rp125.000" in fig.layout.annotations[0].text
    per_person = budget.method_figure(METHODS, COMPARISON, "en", "cost_per_participant")
    assert title_of(per_person) == (
        "E-learning costs Rp60,000 per participant: 97.0 % less than classroom training "
        "(Rp2 mn per participant)"
    )
    assert list(trace(per_person, "Pelatihan Klasikal").x) == [400_000.0, 4_000_000.0]


def test_method_chart_without_a_comparison():
    fig = budget.method_figure(METHODS, dict.fromkeys(COMPARISON), "id")
    assert (
        title_of(fig) == "Biaya per JP: Pelatihan Teknis termahal (Rp150.000), E-Learning termurah (Rp5.000)"
    )
    assert not fig.layout.shapes


FUNDING = pl.DataFrame(
    {
        "source": ["APBD", "Tanpa Biaya", "–"],
        "cost_total": [3e9, 0.0, None],
        "jp_total": [600.0, 300.0, 100.0],
        "cost_per_jp": [5e6, 0.0, None],
        "cost_share": [1.0, 0.0, None],
        "jp_share": [0.6, 0.3, 0.1],
    }
)


def test_funding_chart_shares_of_cost_and_jp():
    fig = budget.funding_figure(FUNDING, "id")
    assert title_of(fig) == "APBD menanggung 100,0 % biaya dan menyumbang 60,0 % JP"
    assert subtitle_of(fig) == "Seluruh biaya yang diketahui Rp3 M · seluruh JP 1.000 JP"
    jp, cost = trace(fig, "Porsi JP"), trace(fig, "Porsi biaya")
    assert list(jp.y) == ["APBD", "Tanpa Biaya", "Tidak diisi"]
    assert [round(x, 6) for x in jp.x] == [60.0, 30.0, 10.0]
    assert list(cost.x) == [100.0, 0.0, None] and cost.text[2] == "–"
    other = FUNDING.with_columns(cost_share=pl.Series([0.4, 0.6, None]))
    assert title_of(budget.funding_figure(other, "en")) == (
        "Tanpa Biaya pays 60.0 % of the cost; APBD gives 60.0 % of the JP"
    )


# ---- headline and helpers --------------------------------------------------------------------------

PLAN_ROW = {
    "pagu": 8e9, "realisasi": 5.5e9, "absorption": 0.69, "plan_rate": 0.76, "planned_amount": 6.08e9,
    "amount_behind": 5.8e8, "data_through": 10, "plan_by_month": PLAN,
}  # fmt: skip


def test_absorption_card_against_the_plan():
    card = budget.absorption_card(PLAN_ROW, 10, "id", staff_filters_active=True)
    assert card.value == format_metric(METRIC_BY_ID["absorption_rate"], 0.69, "id") == "69,0 %"
    assert card.delta == "-7,0 poin" and card.delta_color == "red" and card.delta_arrow == "down"
    assert card.notes == (
        "Rencana s.d. Oktober: 76 %",
        "kurang Rp580 jt dari rencana",
        "Hanya filter wilayah & OPD",
    )
    assert card.status == "watch"  # 0.69 ÷ 0.76 = 0.91
    ahead = budget.absorption_card({**PLAN_ROW, "absorption": 0.8, "amount_behind": -3e8}, 10, "en", False)
    assert ahead.delta == "+4.0 pts" and ahead.delta_color == "green"
    assert ahead.notes[-1] == "Rp300 mn ahead of the plan"


def test_behind_message_and_table():
    behind = pl.DataFrame(
        {
            "unit": ["Dinas A"], "region": ["Semarang"], "budget_pagu": [4e9], "budget_realisasi": [1e9],
            "absorption_rate": [0.25], "plan_rate": [0.32], "amount_behind": [2.8e8],
        }
    )  # fmt: skip
    assert budget.behind_message(behind, 0.32, 6, "id") == (
        "**Dinas A** (Semarang) paling tertinggal: baru merealisasikan Rp1 M dari pagu Rp4 M, "
        "**kurang Rp280 jt** dari rencana s.d. Juni (serapan 25,0 %, rencana 32 %)."
    )
    assert budget.behind_message(behind.clear(), 0.32, 6, "en") == (
        "No OPD is behind the planned absorption to June (32 %)."
    )
    assert budget.behind_table(behind, "id").row(0) == ("Dinas A", "Semarang", "25,0 %", "Rp280 jt")


def test_rupiah_axis_is_written_the_indonesian_way():
    axis = budget.rupiah_axis(3.8e9, "id")
    assert axis["ticktext"] == ["Rp0", "Rp1 M", "Rp2 M", "Rp3 M", "Rp4 M"]
    assert budget.rupiah_axis(3.8e9, "en")["ticktext"][1] == "Rp1 bn"
    assert budget.rupiah_axis(None, "id") == {"rangemode": "tozero", "showticklabels": False}


def test_titles_wrap_for_a_tablet_without_splitting_a_number_from_its_unit():
    text = "Serapan s.d. Oktober 69,0 %: 7,0 poin di bawah rencana (76 %)"
    wrapped = budget._wrap(text)
    assert all(len(line) <= budget.TITLE_WIDTH for line in wrapped.split("<br>"))
    assert "76\u00a0%" in wrapped and budget.plain(wrapped) == text.replace("\u00a0", " ")


def test_the_budget_catalogue_has_both_languages_with_the_same_placeholders():
    entries = tomllib.loads((ROOT / "src" / "i18n" / "ui_budget.toml").read_text(encoding="utf-8"))
    texts = entries["ui"]["budget"]

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for key, entry in texts.items():
        assert set(entry) == set(LANGUAGES), key
        assert fields(entry["id"]) == fields(entry["en"]), key
    assert t("ui.budget.per_jp", "en") == "JP"


# ---- the page ---------------------------------------------------------------------------------------


def _chart_titles(at) -> list[str]:
    return [budget.plain(spec["layout"]["title"]["text"]) for spec in chart_specs(at)]


def _expected_cards(figures, filters: Filters, lang: str) -> dict[str, str]:
    plan = budget_views.budget_vs_plan(figures.con, filters)
    return {
        METRIC_BY_ID["budget_pagu"].label(lang): format_metric(
            METRIC_BY_ID["budget_pagu"], plan["pagu"], lang
        ),
        METRIC_BY_ID["budget_realisasi"].label(lang): format_metric(
            METRIC_BY_ID["budget_realisasi"], plan["realisasi"], lang
        ),
        METRIC_BY_ID["absorption_rate"].label(lang): format_percent(plan["absorption"], lang),
    }


PAGE = "pages/anggaran.py"


def test_page_with_default_filters(run_app, figures):
    at = run_app(page=PAGE)
    no_errors(at)
    assert at.title[0].value == "Anggaran"
    assert {m.label: m.value for m in at.metric} == _expected_cards(figures, figures.default, "id")
    titles = _chart_titles(at)
    assert len(titles) == 5
    assert titles[0].startswith("Serapan s.d. ") and "rencana" in titles[0]
    assert " OPD " in titles[1]
    assert any("per JP" in title for title in titles)
    behind = budget_views.budget_by_unit(figures.con, figures.default)
    if (behind["amount_behind"] > 0).any():
        assert "paling tertinggal" in at.warning[0].value
    assert any(m.value.startswith(("**Proyeksi", "Proyeksi", "Tahun")) for m in at.markdown)
    assert len(at.get("download_button")) == 2 * 6  # five charts and the list of OPD behind
    assert not at.info  # no staff filter, nothing missing


def test_the_opd_chart_carries_unit_and_region_for_the_drill_down(run_app, figures):
    region = figures.regions[-1]
    at = run_app(query={"wilayah": region}, page=PAGE)
    no_errors(at)
    filters = figures.default.model_copy(update={"regions": (region,)})
    assert {m.label: m.value for m in at.metric} == _expected_cards(figures, filters, "id")
    units = chart_specs(at)[1]
    points = [c for d in units["data"] if d.get("type") == "bar" for c in d["customdata"]]
    assert points and all(c[1] == region for c in points)
    expected = budget_views.budget_by_unit(figures.con, filters)["unit"].head(budget.TOP_UNITS).to_list()
    assert [c[0] for c in units["data"][0]["customdata"]] == expected
    assert at.button(key=f"chip_f_regions_{region}")  # the chip that undoes the narrowing


def test_staff_filters_leave_the_budget_and_empty_the_costs(run_app, figures):
    query = figures.empty_staff_filter()
    at = run_app(query=query, page=PAGE)
    no_errors(at)
    # Budget figures follow only region and OPD: the same cards as without the staff filters.
    assert {m.label: m.value for m in at.metric} == _expected_cards(figures, figures.default, "id")
    infos = [i.value for i in at.info]
    assert t("ui.budget.staff_note", "id") in infos
    assert t("ui.budget.method_empty", "id") in infos and t("ui.budget.funding_empty", "id") in infos


def _unit_without_budget(figures) -> tuple[str, str] | None:
    with_budget = set(
        budget_views.budget_by_unit(figures.con, figures.default).select("unit", "region").iter_rows()
    )
    for region, unit in figures.units.select("region", "unit").iter_rows():
        if (unit, region) not in with_budget and not any(u == unit for u, _ in with_budget):
            return region, unit
    return None


def test_an_opd_without_budget_says_so(run_app, figures):
    found = _unit_without_budget(figures)
    if found is None:
        pytest.skip("every OPD of the sample has a budget")
    region, unit = found
    at = run_app(query={"wilayah": region, "opd": unit}, page=PAGE)
    no_errors(at)
    assert not at.metric
    assert any(i.value.startswith("Tidak ada data anggaran") for i in at.info)


def test_nothing_matches_shows_the_empty_state(run_app, figures):
    found = _unit_without_budget(figures)
    if found is None:
        pytest.skip("every OPD of the sample has a budget")
    region, unit = found
    at = run_app(query={"wilayah": region, "opd": unit, **figures.empty_staff_filter()}, page=PAGE)
    no_errors(at)
    assert not at.metric and not at.get("plotly_chart")
    assert t("ui.budget.empty_title", "id") in at.info[0].value
    at.button(key="budget_empty_reset").click().run()
    no_errors(at)
    assert len(at.metric) == 3


def test_page_in_english_and_the_cost_measure(run_app, figures):
    at = run_app(query={"lang": "en"}, page=PAGE)
    no_errors(at)
    assert at.title[0].value == "Budget"
    assert {m.label: m.value for m in at.metric} == _expected_cards(figures, figures.default, "en")
    titles = _chart_titles(at)
    assert titles[0].startswith("Absorption to ")
    assert at.subheader[0].value == "OPD furthest behind the plan"
    at.button_group(key=budget.MEASURE_KEY).set_value("cost_per_participant").run()
    no_errors(at)
    assert any("per participant" in title or "Cost per participant" in title for title in _chart_titles(at))


def test_a_month_after_the_budget_data_is_flagged(run_app, figures):
    periods = figures.periods.filter(figures.periods["year"] == figures.year)
    through = periods["last_month_budget"][0]
    if through is None or through >= 12:
        pytest.skip("the sample's budget data reaches December")
    at = run_app(query={"tahun": str(figures.year), "bulan": "12"}, page=PAGE)
    no_errors(at)
    warning = at.warning[0].value
    assert f"Data anggaran {figures.year} baru sampai" in warning and "Desember" in warning
