"""What the headline cards and the region table say, as pure functions."""

from __future__ import annotations

import polars as pl

from src.metrics.filters import Filters
from src.metrics.registry import METRIC_BY_ID, Source
from src.ui.components import comparable_sources, make_card, region_table, scope_line
from src.ui.filters import Choices, View

FILTERS = Filters(year=2026, month=6)
ALL = frozenset(Source)
CHOICES = Choices({2026: 6}, {"Serang": ("BKPSDM",)})


def card(metric_id, now, before, comparable=ALL, lang="id", staff_filters=False):
    return make_card(METRIC_BY_ID[metric_id], {metric_id: now}, {metric_id: before}, FILTERS, lang, comparable,
                     staff_filters)  # fmt: skip


def test_a_better_figure_is_green_and_points_up():
    c = card("participation_rate", 0.62, 0.50)
    assert (c.value, c.delta, c.delta_color, c.delta_arrow) == ("62,0 %", "+12,0 poin", "green", "up")
    assert c.delta_description == "dibanding 2025"
    assert c.notes == ("Target: 100 %",)
    assert c.help == METRIC_BY_ID["participation_rate"].definition_id


def test_lower_is_better_turns_the_colours_round():
    c = (
        card("dropout_rate", 0.02, 0.05)
        if "dropout_rate" in METRIC_BY_ID
        else card("cost_per_jp", 80_000, 90_000)
    )
    assert (c.delta_color, c.delta_arrow) == ("green", "down")


def test_no_change_is_grey_without_an_arrow():
    c = card("jpm_mean", 84.0, 84.0)
    assert (c.delta, c.delta_color, c.delta_arrow) == ("0,0", "gray", "off")


def test_the_staff_list_is_a_snapshot_so_it_has_no_change():
    c = card("asn_count", 1234, 1234)
    assert (c.value, c.delta, c.delta_description) == ("1.234", None, None)
    assert c.notes == ("Data pegawai terkini",)


def test_no_data_last_year_means_no_change_and_says_so():
    c = card("absorption_rate", 0.4, None, comparable=frozenset({Source.PARTICIPATION, Source.COMPETENCY}))
    assert c.delta is None and c.delta_description is None
    # June: the plan curve (data/rencana_serapan.csv) has 32 % spent by the end of June
    assert c.notes == ("Belum ada data 2025 sebagai pembanding.", "Rencana: 32 %")


def test_budget_cards_say_when_staff_filters_do_not_apply():
    assert card("absorption_rate", 0.4, 0.3, staff_filters=True).notes == ("Rencana: 32 %", "Hanya filter wilayah & OPD")
    assert card("absorption_rate", 0.4, 0.3).notes == ("Rencana: 32 %",)


def test_cards_carry_a_status_against_the_months_target():
    # June targets: absorption plan 32 %; JP per ASN 20 × 6 / 12 = 10 JP; on-track rate 100 %
    assert card("absorption_rate", 0.40, 0.3).status == "ok"  # 0.40 / 0.32 = 1.25 >= 0.95
    assert card("absorption_rate", 0.28, 0.3).status == "watch"  # 0.28 / 0.32 = 0.875
    assert card("jp_per_asn", 7.0, 6.0).status == "behind"  # 7 / 10 = 0.7 < 0.8
    assert card("satisfaction_mean", 4.1, 4.0).status is None  # no target, no status


def test_a_missing_value_is_a_dash_without_change():
    c = card("satisfaction_mean", None, 4.1, lang="en")
    assert (c.value, c.delta, c.label) == ("–", None, "Participant satisfaction")


def test_comparable_sources_follow_the_data_of_last_year():
    periods = pl.DataFrame(
        {"year": [2025], "last_month": [12], "last_month_development": [None], "last_month_budget": [12]},
        schema={"year": pl.Int32, "last_month": pl.Int32, "last_month_development": pl.Int32,
                "last_month_budget": pl.Int32},
    )  # fmt: skip
    assert comparable_sources(periods, 2025) == {Source.BUDGET, Source.COMPETENCY}
    assert comparable_sources(periods, 2024) == {Source.COMPETENCY}


def test_region_table_has_metrics_down_and_regions_across():
    by_region = pl.DataFrame(
        {"group": ["Siulak", "Serang"], "asn_count": [20.0, 60.0], "jp20_rate": [0.1, None]}
    )
    total = pl.DataFrame({"group": [""], "asn_count": [80.0], "jp20_rate": [0.2]})
    table = region_table(by_region, total, ["asn_count", "jp20_rate"], "id")
    assert table.columns == ["Indikator", "Serang", "Siulak", "Total"]
    assert table.rows() == [("Jumlah ASN", "60", "20", "80"), ("Memenuhi 20 JP", "–", "10,0 %", "20,0 %")]


def test_scope_line():
    view = View("id", FILTERS.model_copy(update={"regions": ("Serang",), "gender": ("P",)}), CHOICES)
    assert scope_line(view) == (
        "Januari–Juni 2026 · Serang · filter pegawai aktif · perubahan dibanding Januari–Juni 2025"
    )
    assert (
        scope_line(View("en", FILTERS, CHOICES))
        == "January–June 2026 · All regions · changes against January–June 2025"
    )
