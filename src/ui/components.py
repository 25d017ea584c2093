"""Reusable pieces of the pages: what to show is computed by pure functions, drawn by small ones."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from src.i18n import t
from src.metrics.attention import status_of, target_for
from src.metrics.budget import plan_curve
from src.metrics.filters import Filters
from src.metrics.registry import METRIC_BY_ID, VIEW_METRICS, Format, MetricSpec, Source
from src.ui import charts, data
from src.ui.drill import drill_chart
from src.ui.filters import View, relabel_on_language_change, reset_filters
from src.ui.format import format_delta, format_metric, format_number, month_name, period_label

# The regional head's figures, in reading order.
HEADLINE = (
    "asn_count",
    "participation_rate",
    "jp_per_asn",
    "jp20_rate",
    "jp20_on_track_rate",
    "absorption_rate",
    "jpm_mean",
    "meets_standard_rate",
    "satisfaction_mean",
)
# Counted on the current staff list, so last year's figure is the same list: no change to show.
SNAPSHOT_METRICS = frozenset({"asn_count"})


@dataclass(frozen=True)
class Card:
    metric_id: str
    label: str
    value: str
    help: str
    delta: str | None = None
    delta_color: str = "gray"
    delta_arrow: str = "off"
    delta_description: str | None = None
    notes: tuple[str, ...] = ()
    status: str | None = None  # "ok", "watch" or "behind" against the month's target


def comparable_sources(periods: pl.DataFrame, year: int) -> frozenset[Source]:
    """Sources whose figures exist for `year` (competency assessments carry over from earlier years)."""
    row = periods.filter(pl.col("year") == year)
    sources = {Source.COMPETENCY}
    if not row.is_empty():
        if row["last_month_development"][0] is not None:
            sources.add(Source.PARTICIPATION)
        if row["last_month_budget"][0] is not None:
            sources.add(Source.BUDGET)
    return frozenset(sources)


def _value(row: Mapping[str, object] | None, metric_id: str) -> float | None:
    value = row.get(metric_id) if row else None
    return float(value) if isinstance(value, int | float) else None


def make_card(
    spec: MetricSpec,
    now: Mapping[str, object],
    before: Mapping[str, object] | None,
    filters: Filters,
    lang: str,
    comparable: frozenset[Source],
    staff_filters_active: bool = False,
) -> Card:
    """One headline card: value, change against the same months last year, target and scope notes."""
    value = _value(now, spec.id)
    notes: list[str] = []
    delta = None
    color, arrow = "gray", "off"
    previous = filters.previous_year()
    description: str | None = t("ui.overview.compare_short", lang, year=previous.year)
    if spec.id in SNAPSHOT_METRICS:
        notes.append(t("ui.overview.snapshot", lang))
        description = None
    elif spec.source not in comparable:
        notes.append(t("ui.overview.no_previous", lang, year=previous.year))
        description = None
    else:
        before_value = _value(before, spec.id)
        if value is not None and before_value is not None:
            change = value - before_value
            delta = format_delta(spec, change, lang)
            if delta[0] in "+-":
                better = (change > 0) == spec.higher_is_better
                color, arrow = ("green" if better else "red"), ("up" if change > 0 else "down")
        else:
            description = None
    target = target_for(spec.id, filters.end_month)
    if target is not None:
        key = "ui.overview.plan" if spec.id == "absorption_rate" else "ui.overview.target"
        notes.append(t(key, lang, value=format_metric(spec, target, lang, trim=True)))
    if spec.source is Source.BUDGET and staff_filters_active:
        notes.append(t("ui.overview.budget_scope", lang))
    return Card(
        spec.id,
        spec.label(lang),
        format_metric(spec, value, lang),
        spec.definition(lang),
        delta,
        color,
        arrow,
        description if delta else None,
        tuple(notes),
        status_of(spec.id, value, filters.end_month),
    )


def headline_cards(
    now: Mapping[str, object],
    before: Mapping[str, object] | None,
    view: View,
    comparable: frozenset[Source],
    metric_ids: Sequence[str] = HEADLINE,
) -> list[Card]:
    return [
        make_card(
            METRIC_BY_ID[m], now, before, view.filters, view.lang, comparable, view.staff_filters_active > 0
        )
        for m in metric_ids
    ]


def overview_cards(view: View, now: pl.DataFrame) -> list[Card]:
    """The headline cards of the view, with last year's figures for the changes."""
    before = data.kpis(view.filters.previous_year(), metric_ids=HEADLINE)
    comparable = comparable_sources(data.periods(), view.filters.year - 1)
    return headline_cards(
        now.row(0, named=True), before.row(0, named=True) if before.height else None, view, comparable
    )


STATUS_COLORS = {"ok": "green", "watch": "orange", "behind": "red"}


def render_cards(cards: Sequence[Card], lang: str) -> None:
    """A responsive wall of bordered cards: three across on a desktop, two on a tablet, one on a phone."""
    grid = st.grid(3, min_column_width=200, border=True, gap="small")
    for card in cards:
        with grid.cell():
            st.metric(
                card.label,
                card.value,
                card.delta,
                delta_color=card.delta_color,  # type: ignore[arg-type]
                delta_arrow=card.delta_arrow,
                delta_description=card.delta_description,  # type: ignore[arg-type]
                help=card.help,
            )
            if card.status:
                st.badge(t(f"ui.status.{card.status}", lang), color=STATUS_COLORS[card.status])
            if card.notes:
                st.caption(" · ".join(card.notes))


def scope_line(view: View) -> str:
    """Januari–Juni 2026 · Serang, Siulak · 2 OPD · filter pegawai aktif · perubahan dibanding …"""
    f, lang = view.filters, view.lang
    parts = [period_label(f.year, f.end_month, lang)]
    parts.append(", ".join(f.regions) if f.regions else t("ui.overview.scope_all", lang))
    if f.units:
        parts.append(
            ", ".join(f.units)
            if len(f.units) <= 2
            else t("ui.overview.scope_units", lang, count=len(f.units))
        )
    if view.staff_filters_active:
        parts.append(t("ui.overview.scope_staff_filters", lang))
    previous = f.previous_year()
    parts.append(t("ui.overview.compare", lang, period=period_label(previous.year, previous.end_month, lang)))
    return " · ".join(parts)


def region_table(
    by_region: pl.DataFrame, total: pl.DataFrame, metric_ids: Sequence[str], lang: str
) -> pl.DataFrame:
    """Metrics down, regions across, then the total of the filtered scope; every cell formatted."""
    first = t("ui.overview.table_metric", lang)
    columns: dict[str, list[str]] = {first: [METRIC_BY_ID[m].label(lang) for m in metric_ids]}
    for record in by_region.sort("group").iter_rows(named=True):
        columns[str(record["group"])] = [
            format_metric(METRIC_BY_ID[m], record.get(m), lang) for m in metric_ids
        ]
    total_row = total.row(0, named=True) if total.height else {}
    columns[t("ui.overview.total", lang)] = [
        format_metric(METRIC_BY_ID[m], total_row.get(m), lang) for m in metric_ids
    ]
    return pl.DataFrame(columns)


def is_empty(now: pl.DataFrame) -> bool:
    """No staff in scope: nothing meaningful to show."""
    return now.is_empty() or not (now["asn_count"][0] or 0)


def empty_state(view: View) -> None:
    lang = view.lang
    st.info(
        f"**{t('ui.overview.empty_title', lang)}**\n\n{t('ui.overview.empty_body', lang)}",
        icon=":material/filter_alt_off:",
    )
    st.button(
        t("ui.filter.reset", lang),
        on_click=reset_filters,
        args=(view.choices,),
        key="empty_reset",
        icon=":material/restart_alt:",
    )


def chart_metric_options(metric_ids: Sequence[str]) -> list[str]:
    """Metrics that can be compared across regions as bars (rates and per-person figures, not totals)."""
    return [m for m in metric_ids if METRIC_BY_ID[m].format is not Format.COUNT]


CHART_DEFAULT = "jp20_rate"
CHART_METRIC_KEY = "chart_metric"
PLOTLY_CONFIG = {"displayModeBar": False, "responsive": True}


def chart_metric_picker(lang: str) -> str:
    """Which headline metric the region chart shows (default: the 20 JP rule)."""
    choices = chart_metric_options(HEADLINE)
    relabel_on_language_change(CHART_METRIC_KEY)
    if st.session_state.get(CHART_METRIC_KEY) not in choices:
        st.session_state[CHART_METRIC_KEY] = CHART_DEFAULT
    return st.selectbox(
        t("ui.overview.chart_metric", lang),
        choices,
        format_func=lambda m: METRIC_BY_ID[m].label(lang),
        key=CHART_METRIC_KEY,
        width=360,
    )


def region_chart(view: View, metric_id: str, by_region: pl.DataFrame) -> None:
    """The region bar chart; a click on a region's bar narrows the view to it."""
    drill_chart(region_figure(view, metric_id, by_region), "region", key="overview_region_chart")


def region_figure(view: View, metric_id: str, by_region: pl.DataFrame) -> go.Figure:
    """The region bar chart of one metric, colours fixed over every region in the data."""
    spec = METRIC_BY_ID[metric_id]
    values = data.kpis_long(view.filters, by="region", metric_ids=[metric_id])
    staff = dict(zip(by_region["group"], by_region["asn_count"], strict=True))
    return charts.region_bar(values, spec, view.lang, charts.region_colors(view.choices.regions), staff)


# ---- Definisi & Data -----------------------------------------------------------------------------

DEFINITION_RULES = (
    "rule_period",
    "rule_scope",
    "rule_counted",
    "rule_jp20",
    "rule_jpm",
    "rule_budget",
    "rule_plan",
    "rule_missing",
    "rule_formats",
)
_SECTIONS = {Source.PARTICIPATION: "participation", Source.BUDGET: "budget", Source.COMPETENCY: "competency"}
_UNIT_KEYS = {
    "orang": "orang",
    "JP": "jp",
    "Rp": "rp",
    "Rp/JP": "rp_per_jp",
    "level": "level",
    "%": "percent",
    "/5": "out_of_5",
    "poin": "poin",
}


def unit_label(spec: MetricSpec, lang: str) -> str:
    """The unit in words: orang / people, Rupiah per JP, % … (the registry's unit, else the format's)."""
    raw = spec.unit or ("%" if spec.format is Format.PERCENT else "")
    key = _UNIT_KEYS.get(raw)
    return t(f"ui.unit.{key}", lang) if key else raw


def metrics_by_section() -> list[tuple[str, list[MetricSpec]]]:
    """The registry's metrics grouped by what they are computed from, in registry order, then the
    pages' view metrics by their section (catalogue key ui.definitions.section_<section>)."""
    sections: dict[str, list[MetricSpec]] = {}
    for spec in METRIC_BY_ID.values():
        sections.setdefault(_SECTIONS[spec.source], []).append(spec)
    for section, specs in VIEW_METRICS.items():
        sections.setdefault(section, []).extend(specs)
    return list(sections.items())


def _escape(text: str) -> str:
    """Column names such as LEVEL_STANDAR must not turn into italics."""
    return text.replace("\\", "\\\\").replace("_", "\\_").replace("*", "\\*")


def definitions_markdown(specs: Sequence[MetricSpec], lang: str) -> str:
    lines = []
    for spec in specs:
        extra = (
            [t("ui.definitions.unit", lang, unit=unit_label(spec, lang))] if unit_label(spec, lang) else []
        )
        if spec.target is not None:
            extra.append(
                t("ui.definitions.target", lang, value=format_metric(spec, spec.target, lang, trim=True))
            )
        suffix = f"  \n  *{' · '.join(extra)}*" if extra else ""
        lines.append(f"- **{spec.label(lang)}**: {_escape(spec.definition(lang))}{suffix}")
    return "\n".join(lines)


def coverage_by_region(units: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Wilayah, Jumlah OPD, Jumlah ASN (formatted)."""
    per_region = units.group_by("region").agg(pl.len().alias("units"), pl.col("staff").sum()).sort("region")
    return pl.DataFrame(
        {
            t("ui.definitions.col_region", lang): per_region["region"],
            t("ui.definitions.col_units", lang): [format_number(n, lang) for n in per_region["units"]],
            t("ui.definitions.col_staff", lang): [format_number(n, lang) for n in per_region["staff"]],
        }
    )


def coverage_by_year(periods: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Tahun, last month with development data, last month with budget data (newest year first)."""

    def month(value: int | None) -> str:
        return month_name(value, lang) if value else t("ui.definitions.none", lang)

    rows = periods.sort("year", descending=True)
    return pl.DataFrame(
        {
            t("ui.definitions.col_year", lang): [str(y) for y in rows["year"]],
            t("ui.definitions.col_development", lang): [month(m) for m in rows["last_month_development"]],
            t("ui.definitions.col_budget", lang): [month(m) for m in rows["last_month_budget"]],
        }
    )


def definition_rules(lang: str) -> str:
    """The general rules as a Markdown list (the plan curve's figures filled in from its data file)."""
    percent = METRIC_BY_ID["absorption_rate"]
    plan = ", ".join(
        f"{month_name(m, lang)[:3]} {format_metric(percent, share, lang, trim=True)}"
        for m, share in sorted(plan_curve().items())
    )
    return "\n".join(f"- {t(f'ui.definitions.{rule}', lang, plan=plan)}" for rule in DEFINITION_RULES)


def freshness_table(freshness: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Jenis data, Wilayah, Baris, Data sampai, Impor terakhir (formatted)."""

    def day(value: object) -> str:
        return value.strftime("%d-%m-%Y") if value is not None else "–"  # type: ignore[attr-defined]

    def moment(value: object) -> str:
        return value.strftime("%d-%m-%Y %H:%M") if value is not None else "–"  # type: ignore[attr-defined]

    return pl.DataFrame(
        {
            t("ui.definitions.col_dataset", lang): freshness["dataset"],
            t("ui.definitions.col_region", lang): freshness["wilayah"],
            t("ui.definitions.col_rows", lang): [format_number(n, lang) for n in freshness["rows"]],
            t("ui.definitions.col_latest", lang): [day(d) for d in freshness["latest_date"]],
            t("ui.definitions.col_last_import", lang): [moment(w) for w in freshness["last_import"]],
        }
    )
