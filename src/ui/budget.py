"""The Anggaran page's pieces: chart builders (pure: frames in, Plotly figure out), the sentences
around them, and the small Streamlit blocks the page is laid out from.

Numbers come from src/metrics (budget, budget_views, attention, compute) through src/ui/data.py;
texts from src/i18n/ui_budget.toml; every number is written by src/ui/format.py.
"""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from src.i18n import t
from src.metrics.attention import status_of
from src.metrics.registry import DIMENSIONS, METRIC_BY_ID, Source
from src.ui import charts, components, data, drill
from src.ui.components import Card
from src.ui.downloads import download_buttons
from src.ui.filters import View, relabel_on_language_change, reset_filters
from src.ui.format import (
    MISSING,
    format_delta,
    format_jp,
    format_metric,
    format_percent,
    format_rupiah,
    month_name,
    period_label,
)

PAGU, SPENT, ABSORPTION = (METRIC_BY_ID[m] for m in ("budget_pagu", "budget_realisasi", "absorption_rate"))
COST_PER_JP, COST_PER_PARTICIPANT = METRIC_BY_ID["cost_per_jp"], METRIC_BY_ID["cost_per_participant"]
COST_TOTAL, JP_TOTAL = METRIC_BY_ID["cost_total"], METRIC_BY_ID["jp_total"]
METHOD_METRICS = ("cost_per_jp", "cost_per_participant", "cost_total", "jp_total")
# How many OPD the chart shows before "show all" (largest pagu first): readable on a tablet.
TOP_UNITS = 15
UNKNOWN_FUNDING = "–"  # how the metrics layer names activities without SUMBER_DANA

# Colours that are not region colours (those come from charts.region_colors).
PAGU_COLOR = "#D5DAE1"
SPENT_COLOR = "#0B3C5D"
PLAN_COLOR = "#1F1F1F"
PREVIOUS_COLOR = "#9AA3AE"
JALUR_COLORS = {"Pelatihan Klasikal": "#5B6770", "Pelatihan Non-Klasikal": "#1B9E77", "Pendidikan": "#7570B3"}
OTHER_COLOR = "#A6761D"
JP_COLOR = "#1B9E77"
# Characters per line: Plotly does not wrap, and on an 800 px tablet with the sidebar open a chart
# is ~470 px wide.
TITLE_WIDTH = 52
SUBTITLE_WIDTH = 72
LABEL_WIDTH = 24  # of a bar's label


# ---- small helpers ---------------------------------------------------------------------------------


_UNIT_SPACE = re.compile(r"(?<=\d) (?=(%|JP|jt|M|T|mn|bn|tn|poin|pts)(\W|$))")


def _wrap(text: str, width: int = TITLE_WIDTH, lines: int | None = None) -> str:
    """Plotly text broken into lines with <br> (at most `lines`, the last one cut with …); a number
    stays on the line of its unit (76 %, 12,3 JP, Rp1,2 M)."""
    parts = textwrap.wrap(_UNIT_SPACE.sub("\u00a0", text), width) or [""]
    if len(parts) >= 2 and len(parts[-1]) < 12 and " " in parts[-2]:  # no word left alone
        head, word = parts[-2].rsplit(" ", 1)
        parts[-2:] = [head, f"{word} {parts[-1]}"]
    if lines is not None and len(parts) > lines:
        parts = [*parts[: lines - 1], textwrap.shorten(" ".join(parts[lines - 1 :]), width, placeholder="…")]
    return "<br>".join(parts)


def _legend(name: str) -> str:
    """A legend entry with room to spare: Plotly measures it before the web font has loaded, and
    would otherwise cut its last letters."""
    return f"{name}\u00a0\u00a0\u00a0"


def plain(text: str) -> str:
    """A chart title without its line breaks (for file statements and tests)."""
    return text.replace("<br>", " ").replace("\u00a0", " ")


def _value(mapping: Mapping[str, Any] | None, key: str) -> float | None:
    value = mapping.get(key) if mapping else None
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


def _points(gap: float, lang: str) -> str:
    """A difference of two shares in points, without its sign: 7,0 poin."""
    return format_delta(ABSORPTION, abs(gap), lang).lstrip("+")


def _plan(share: float, lang: str) -> str:
    return format_percent(share, lang, trim=True)


def _month(month: int, lang: str) -> str:
    return month_name(month, lang)


def year_list(years: Sequence[int], lang: str) -> str:
    """2023–2025 for a run of three or more years; else 2023 dan 2025 / 2022, 2023 and 2025."""
    years = sorted(years)
    if len(years) >= 3 and years[-1] - years[0] == len(years) - 1:
        return f"{years[0]}–{years[-1]}"
    words = [str(y) for y in years]
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {t('ui.budget.and', lang)} {words[-1]}"


def _nice_step(maximum: float, ticks: int = 4) -> float:
    raw = maximum / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)


def rupiah_axis(maximum: float | None, lang: str, room: float = 1.18) -> dict[str, object]:
    """An x or y axis in Rupiah with ticks written by format_rupiah (Rp500 jt, Rp1 M; never SI's
    500M, which an Indonesian reader takes for 500 miliar)."""
    if not maximum or maximum <= 0:
        return {"rangemode": "tozero", "showticklabels": False}
    step = _nice_step(maximum)
    values = [step * i for i in range(int(maximum * room / step) + 1)]
    return {
        "range": [0, maximum * room],
        "tickvals": values,
        "ticktext": [format_rupiah(v, lang) for v in values],
    }


def _base_layout(
    fig: go.Figure, title: str, subtitle: str, lang: str, height: int, legend_rows: int = 1
) -> go.Figure:
    """Finding title (wrapped), subtitle, language separators, the legend at the bottom (room for
    `legend_rows` rows of it, which wrap on a narrow screen)."""
    title_lines = title.count("<br>") + 1
    subtitle_lines = subtitle.count("<br>") + 1 if subtitle else 0
    fig.update_layout(
        title={"text": title, "subtitle": {"text": subtitle}, "x": 0, "xanchor": "left"},
        separators=charts.SEPARATORS.get(lang, charts.SEPARATORS["id"]),
        height=height,
        margin={
            "l": 8,
            "r": 16,
            "t": 36 + 24 * title_lines + 18 * subtitle_lines,
            "b": 40 + 22 * legend_rows,
        },
        font={"family": charts.FONT, "size": 14},
        hoverlabel={"font": {"family": charts.FONT, "size": 14}, "align": "left"},
        legend={
            "orientation": "h",
            "yref": "container",
            "yanchor": "bottom",
            "y": 0,
            "xref": "container",
            "xanchor": "left",
            "x": 0,
        },
        dragmode=False,
    )
    return fig


def _unique_labels(labels: Sequence[str], suffixes: Sequence[str]) -> list[str]:
    """Bar labels made unique (a same-named OPD of another region gets its region added)."""
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    result = [
        f"{label} · {suffix}" if counts[label] > 1 else label
        for label, suffix in zip(labels, suffixes, strict=True)
    ]
    seen: dict[str, int] = {}
    unique = []
    for label in result:
        seen[label] = seen.get(label, 0) + 1
        unique.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return unique


def export_frame(frame: pl.DataFrame, columns: Mapping[str, str]) -> pl.DataFrame:
    """The columns a download holds, renamed for people (numbers stay numbers)."""
    present = {source: label for source, label in columns.items() if source in frame.columns}
    return frame.select([pl.col(source).alias(label) for source, label in present.items()])


# ---- headline ----------------------------------------------------------------------------------


def absorption_card(plan: Mapping[str, Any], month: int, lang: str, staff_filters_active: bool) -> Card:
    """Serapan against the plan for the month: the delta is the gap to the plan, in points."""
    value, planned = _value(plan, "absorption"), float(plan["plan_rate"])
    delta, color, arrow, description = None, "gray", "off", None
    if value is not None:
        gap = value - planned
        delta = format_delta(ABSORPTION, gap, lang)
        description = t("ui.budget.vs_plan", lang)
        if delta[0] in "+-":
            color, arrow = ("green" if gap > 0 else "red"), ("up" if gap > 0 else "down")
    notes = [t("ui.budget.plan_note", lang, month=_month(month, lang), plan=_plan(planned, lang))]
    behind = _value(plan, "amount_behind")
    if behind is not None and format_rupiah(abs(behind), lang) != format_rupiah(0, lang):
        key = "ui.budget.short_of_plan" if behind > 0 else "ui.budget.ahead_of_plan"
        notes.append(t(key, lang, amount=format_rupiah(abs(behind), lang)))
    if staff_filters_active:
        notes.append(t("ui.overview.budget_scope", lang))
    return Card(
        ABSORPTION.id,
        ABSORPTION.label(lang),
        format_metric(ABSORPTION, value, lang),
        f"{ABSORPTION.definition(lang)} {t('ui.budget.plan_help', lang)}",
        delta,
        color,
        arrow,
        description,
        tuple(notes),
        status_of(ABSORPTION.id, value, month),
    )


def headline_cards(
    plan: Mapping[str, Any],
    before: Mapping[str, Any] | None,
    view: View,
    comparable: frozenset[Source],
) -> list[Card]:
    """Pagu and realisasi (change against the same months last year), then serapan against the plan."""
    now = {PAGU.id: plan["pagu"], SPENT.id: plan["realisasi"]}
    staff = view.staff_filters_active > 0
    cards = [
        components.make_card(spec, now, before, view.filters, view.lang, comparable, staff)
        for spec in (PAGU, SPENT)
    ]
    return [*cards, absorption_card(plan, view.filters.end_month, view.lang, staff)]


# ---- the OPD furthest behind ----------------------------------------------------------------------


def behind_message(behind: pl.DataFrame, plan_rate: float, month: int, lang: str) -> str:
    """One sentence on the OPD furthest behind the plan (or that none is)."""
    if behind.is_empty():
        return t("ui.budget.behind_none", lang, month=_month(month, lang), plan=_plan(plan_rate, lang))
    row = behind.row(0, named=True)
    return t(
        "ui.budget.behind_lead",
        lang,
        unit=row["unit"],
        region=row["region"],
        amount=format_rupiah(row["amount_behind"], lang),
        month=_month(month, lang),
        spent=format_rupiah(row["budget_realisasi"], lang),
        pagu=format_rupiah(row["budget_pagu"], lang),
        absorption=format_percent(row["absorption_rate"], lang),
        plan=_plan(row["plan_rate"], lang),
    )


def behind_columns(lang: str) -> dict[str, str]:
    return {
        "unit": DIMENSIONS["unit"].label(lang),
        "region": DIMENSIONS["region"].label(lang),
        "budget_pagu": PAGU.label(lang),
        "budget_realisasi": SPENT.label(lang),
        "absorption_rate": ABSORPTION.label(lang),
        "plan_rate": t("ui.budget.col_plan", lang),
        "amount_behind": t("ui.budget.col_behind", lang),
    }


def behind_table(behind: pl.DataFrame, lang: str) -> pl.DataFrame:
    """The OPD behind the plan, written for reading on a tablet: OPD, region, absorption, amount
    short of the plan (pagu and realisasi are in the download)."""
    columns = behind_columns(lang)
    return pl.DataFrame(
        {
            columns["unit"]: behind["unit"],
            columns["region"]: behind["region"],
            columns["absorption_rate"]: [format_percent(v, lang) for v in behind["absorption_rate"]],
            columns["amount_behind"]: [format_rupiah(v, lang) for v in behind["amount_behind"]],
        },
        schema=dict.fromkeys(
            [columns[c] for c in ("unit", "region", "absorption_rate", "amount_behind")], pl.String
        ),
    )


# ---- absorption month by month -------------------------------------------------------------------


def _month_hover(row: Mapping[str, Any], year: int, lang: str) -> str:
    return "<br>".join(
        [
            f"<b>{_month(row['month'], lang)} {year}</b>",
            f"{t('ui.budget.cumulative_absorption', lang)}: {format_percent(row['absorption'], lang)}",
            f"{t('ui.budget.cumulative_spent', lang)}: {format_rupiah(row['realisasi_cumulative'], lang)}",
            f"{t('ui.budget.spent_in_month', lang)}: {format_rupiah(row['realisasi'], lang)}",
            f"{PAGU.label(lang)}: {format_rupiah(row['pagu'], lang)}",
        ]
    )


def month_finding(
    current: pl.DataFrame, previous: pl.DataFrame, plan: Sequence[float | None], year: int, lang: str
) -> tuple[str, str]:
    """Title: where absorption stands against the plan; subtitle: against last year."""
    known = current.filter(pl.col("absorption").is_not_null())
    if known.is_empty():
        return t("ui.budget.month_title_none", lang, year=year), ""
    last = known.row(-1, named=True)
    month, value = int(last["month"]), float(last["absorption"])
    planned = plan[month - 1]
    values = {"month": _month(month, lang), "value": format_percent(value, lang)}
    if planned is None:
        title = t("ui.budget.month_title_no_plan", lang, **values)
    else:
        gap = value - planned
        values.update(plan=_plan(planned, lang), gap=_points(gap, lang))
        if format_percent(abs(gap), lang) == format_percent(0.0, lang):
            key = "ui.budget.month_title_on"
        else:
            key = "ui.budget.month_title_below" if gap < 0 else "ui.budget.month_title_above"
        title = t(key, lang, **values)
    before = previous.filter(pl.col("month") == month)
    if before.is_empty() or before["absorption"][0] is None:
        subtitle = t("ui.budget.month_subtitle_no_previous", lang, year=year - 1)
    else:
        subtitle = t(
            "ui.budget.month_subtitle_previous",
            lang,
            year=year - 1,
            month=_month(month, lang),
            value=format_percent(before["absorption"][0], lang),
        )
    return title, subtitle


def month_figure(
    months: pl.DataFrame,
    year: int,
    end_month: int,
    plan: Sequence[float | None],
    lang: str,
    projection: Mapping[str, Any] | None = None,
) -> go.Figure:
    """Cumulative absorption (%) month by month: this year up to `end_month`, last year, the plan
    curve (dashed) and, when there is one, the year-end projection (dotted, to December).

    `months` is budget.budget_by_month (year, month, pagu, realisasi, realisasi_cumulative,
    absorption, plan); `plan` the plan curve for months 1–12 (shares).
    """
    current = months.filter((pl.col("year") == year) & (pl.col("month") <= end_month)).sort("month")
    previous = months.filter(pl.col("year") == year - 1).sort("month")
    fig = go.Figure()
    plan_months = [m for m in range(1, 13) if plan[m - 1] is not None]
    fig.add_scatter(
        x=plan_months,
        y=[plan[m - 1] * 100 for m in plan_months],  # type: ignore[operator]
        mode="lines",
        name=_legend(t("ui.budget.plan", lang)),
        line={"color": PLAN_COLOR, "dash": "dash", "width": 2},
        customdata=[
            f"<b>{_month(m, lang)}</b><br>{t('ui.budget.plan', lang)}: {_plan(plan[m - 1], lang)}"  # type: ignore[arg-type]
            for m in plan_months
        ],
        hovertemplate="%{customdata}<extra></extra>",
    )
    if not previous.is_empty():
        fig.add_scatter(
            x=previous["month"].to_list(),
            y=[None if v is None else v * 100 for v in previous["absorption"]],
            mode="lines+markers",
            name=_legend(str(year - 1)),
            line={"color": PREVIOUS_COLOR, "width": 2},
            marker={"size": 5},
            customdata=[_month_hover(r, year - 1, lang) for r in previous.iter_rows(named=True)],
            hovertemplate="%{customdata}<extra></extra>",
        )
    if not current.is_empty():
        values = [None if v is None else v * 100 for v in current["absorption"]]
        labels = [""] * (len(values) - 1) + [f"<b>{format_percent(current['absorption'][-1], lang)}</b>"]
        fig.add_scatter(
            x=current["month"].to_list(),
            y=values,
            mode="lines+markers+text",
            name=_legend(str(year)),
            line={"color": SPENT_COLOR, "width": 3.5},
            marker={"size": 7},
            text=labels,
            textposition="bottom right",
            textfont={"size": 15, "color": SPENT_COLOR},
            customdata=[_month_hover(r, year, lang) for r in current.iter_rows(named=True)],
            hovertemplate="%{customdata}<extra></extra>",
        )
    projected = _value(projection, "projected_absorption")
    last_month = int(current["month"][-1]) if not current.is_empty() else None
    if (
        projected is not None
        and last_month is not None
        and last_month < 12
        and projection is not None
        and projection.get("month") == last_month
        and current["absorption"][-1] is not None
    ):
        hover = t(
            "ui.budget.projection_hover",
            lang,
            value=format_percent(projected, lang),
            amount=format_rupiah(projection.get("projected_spent"), lang),
        )
        fig.add_scatter(
            x=[last_month, 12],
            y=[current["absorption"][-1] * 100, projected * 100],
            mode="lines+markers",
            name=_legend(t("ui.budget.projection_legend", lang, value=format_percent(projected, lang))),
            line={"color": SPENT_COLOR, "dash": "dot", "width": 2},
            marker={"size": [0, 10], "symbol": "circle-open", "line": {"width": 2}},
            customdata=["", hover],
            hovertemplate="%{customdata}<extra></extra>",
        )
    title, subtitle = month_finding(current, previous, plan, year, lang)
    _base_layout(fig, _wrap(title), _wrap(subtitle, SUBTITLE_WIDTH), lang, 420)
    highest = max(
        [100.0]
        + [v * 100 for v in current["absorption"] if v is not None]
        + [v * 100 for v in previous["absorption"] if v is not None]
        + ([projected * 100] if projected is not None else [])
    )
    fig.update_xaxes(
        tickvals=list(range(1, 13)),
        ticktext=[month_name(m, lang, "abbreviated") for m in range(1, 13)],
        range=[0.6, 12.4],
        fixedrange=True,
        title={"text": ""},
    )
    fig.update_yaxes(
        range=[0, highest * 1.08],
        ticksuffix=" %",
        tickformat=",.0f",
        fixedrange=True,
        title={"text": t("ui.budget.axis_absorption", lang)},
        automargin=True,
    )
    return fig


def months_export(months: pl.DataFrame, year: int, end_month: int, lang: str) -> pl.DataFrame:
    """The chart's data: last year and this year up to the month, with the plan."""
    rows = months.filter(
        (pl.col("year") == year - 1) | ((pl.col("year") == year) & (pl.col("month") <= end_month))
    ).sort("year", "month")
    return export_frame(
        rows,
        {
            "year": t("ui.budget.col_year", lang),
            "month": t("ui.budget.col_month", lang),
            "pagu": PAGU.label(lang),
            "realisasi": t("ui.budget.spent_in_month", lang),
            "realisasi_cumulative": t("ui.budget.cumulative_spent", lang),
            "absorption": t("ui.budget.cumulative_absorption", lang),
            "plan": t("ui.budget.plan", lang),
        },
    )


def projection_text(
    projection: Mapping[str, Any], year: int, lang: str, absorption: float | None = None
) -> str:
    """The year-end projection and its assumption in plain words (or why there is none). For a
    complete year, the year's spending and `absorption` (the period's serapan) instead."""
    month = int(projection["month"])
    spent, pagu = _value(projection, "spent"), _value(projection, "pagu")
    if spent is None:
        return t("ui.budget.projection_no_data", lang, year=year, month=_month(month, lang))
    if month == 12:
        return t(
            "ui.budget.projection_complete",
            lang,
            year=year,
            spent=format_rupiah(spent, lang),
            absorption=format_percent(absorption, lang),
        )
    share = _value(projection, "share_by_month")
    years = list(projection.get("years_used") or [])
    if share is None or not years:
        return t("ui.budget.projection_none", lang, year=year)
    return t(
        "ui.budget.projection_text",
        lang,
        projected=format_rupiah(projection["projected_spent"], lang),
        absorption=format_percent(projection["projected_absorption"], lang),
        pagu=format_rupiah(pagu, lang),
        years=year_list(years, lang),
        count=len(years),
        share=format_percent(share, lang),
        month=_month(month, lang),
        spent=format_rupiah(spent, lang),
    )


# ---- pagu and realisasi bars (by OPD, by sub-kegiatan) ---------------------------------------------


def _pagu_bars(
    fig: go.Figure,
    rows: pl.DataFrame,
    labels: list[str],
    custom: list[list[str]],
    spent_colors: Mapping[str, str] | None,
    series: Sequence[str],
    month: int,
    lang: str,
) -> None:
    """Pagu (light, wide) with realisasi over it (dark, narrow), the plan as a tick, serapan as text.

    `series` gives each row's realisasi series (its region, or "" for one series); `custom` each
    row's customdata ([drill value, region, hover]). The subtitle explains the marks; the legend
    names only the regions, when there are several (a legend of long names does not fit a tablet).
    """
    several = len(set(series)) > 1
    fig.add_bar(
        x=rows["budget_pagu"].to_list(),
        y=labels,
        orientation="h",
        name=PAGU.label(lang),
        showlegend=False,
        marker={"color": PAGU_COLOR},
        width=0.8,
        customdata=custom,
        hovertemplate="%{customdata[2]}<extra></extra>",
    )
    for name in dict.fromkeys(series):
        index = [i for i, s in enumerate(series) if s == name]
        color = (spent_colors or {}).get(name, SPENT_COLOR)
        fig.add_bar(
            x=[rows["budget_realisasi"][i] for i in index],
            y=[labels[i] for i in index],
            orientation="h",
            name=_legend(name) if several else SPENT.label(lang),
            showlegend=several,
            marker={"color": color},
            width=0.42,
            customdata=[custom[i] for i in index],
            hovertemplate="%{customdata[2]}<extra></extra>",
        )
    fig.add_scatter(
        x=rows["planned_amount"].to_list(),
        y=labels,
        mode="markers",
        name=t("ui.budget.plan_until", lang, month=month_name(month, lang, "abbreviated")),
        showlegend=False,
        marker={
            "symbol": "line-ns-open",
            "size": 24,
            "color": PLAN_COLOR,
            "line": {"width": 3, "color": PLAN_COLOR},
        },
        customdata=custom,
        hovertemplate="%{customdata[2]}<extra></extra>",
    )
    fig.add_scatter(
        x=rows["budget_pagu"].to_list(),
        y=labels,
        mode="text",
        text=[f"  {format_percent(v, lang)}" for v in rows["absorption_rate"]],
        textposition="middle right",
        textfont={"size": 13},
        customdata=custom,
        hoverinfo="skip",
        showlegend=False,
    )
    fig.update_layout(barmode="overlay", bargap=0.25)


def _bar_hover(title: str, row: Mapping[str, Any], month: int, lang: str, extra: Sequence[str] = ()) -> str:
    lines = [
        f"<b>{title}</b>",
        *extra,
        f"{PAGU.label(lang)}: {format_rupiah(row['budget_pagu'], lang)}",
        f"{SPENT.label(lang)}: {format_rupiah(row['budget_realisasi'], lang)} "
        f"({format_percent(row['absorption_rate'], lang)})",
        f"{t('ui.budget.plan_until', lang, month=_month(month, lang))}: "
        f"{format_rupiah(row['planned_amount'], lang)} ({_plan(row['plan_rate'], lang)})",
    ]
    behind = row.get("amount_behind")
    if behind is None:
        behind = row["planned_amount"] - row["budget_realisasi"]
    key = "ui.budget.hover_behind" if behind > 0 else "ui.budget.hover_ahead"
    lines.append(t(key, lang, amount=format_rupiah(abs(behind), lang)))
    return "<br>".join(lines)


def _finish_bars(fig: go.Figure, labels: list[str], maximum: float | None, lang: str) -> None:
    order = labels[::-1]  # Plotly draws the first category at the bottom: largest on top
    fig.update_yaxes(
        categoryorder="array", categoryarray=order, automargin=True, fixedrange=True, title={"text": ""}
    )
    fig.update_xaxes(**rupiah_axis(maximum, lang, room=1.35), fixedrange=True, title={"text": ""})


def unit_finding(units: pl.DataFrame, shown: int, month: int, lang: str) -> tuple[str, str]:
    """Title: how many OPD are behind the plan; subtitle: what the chart shows."""
    total = units.height
    if total == 0:
        return t("ui.budget.units_title_none", lang), ""
    plan = float(units["plan_rate"][0])
    if total == 1:
        row = units.row(0, named=True)
        title = t(
            "ui.budget.units_title_single",
            lang,
            unit=row["unit"],
            absorption=format_percent(row["absorption_rate"], lang),
            plan=_plan(plan, lang),
        )
    else:
        behind = units.filter(pl.col("amount_behind") > 0).height
        key = "ui.budget.units_title_behind" if behind else "ui.budget.units_title_none_behind"
        title = t(key, lang, behind=behind, total=total, plan=_plan(plan, lang))
    plan_key = "ui.budget.units_subtitle_top" if shown < total else "ui.budget.units_subtitle_all"
    return title, t(plan_key, lang, shown=shown, month=_month(month, lang))


def unit_figure(
    units: pl.DataFrame, colors: Mapping[str, str], month: int, lang: str, limit: int | None = TOP_UNITS
) -> go.Figure:
    """Pagu and realisasi per OPD (largest pagu on top, the first `limit`), realisasi in the
    region's colour, the plan for the month as a tick; customdata [unit, region, hover] for the
    drill-down. `units` is budget_views.budget_by_unit."""
    rows = units.head(limit) if limit else units
    names = [_wrap(u, LABEL_WIDTH, lines=2) for u in rows["unit"]]
    labels = _unique_labels(names, rows["region"].to_list())
    custom = [
        [r["unit"], r["region"], _bar_hover(f"{r['unit']} ({r['region']})", r, month, lang)]
        for r in rows.iter_rows(named=True)
    ]
    fig = go.Figure()
    if not rows.is_empty():
        _pagu_bars(fig, rows, labels, custom, colors, rows["region"].to_list(), month, lang)
    title, subtitle = unit_finding(units, rows.height, month, lang)
    regions = rows["region"].n_unique()
    _base_layout(
        fig,
        _wrap(title),
        _wrap(subtitle, SUBTITLE_WIDTH),
        lang,
        max(300, 170 + 46 * rows.height),
        legend_rows=2 if regions > 1 else 1,
    )
    _finish_bars(fig, labels, rows["budget_pagu"].max() if not rows.is_empty() else None, lang)  # type: ignore[arg-type]
    return fig


def units_export(units: pl.DataFrame, lang: str) -> pl.DataFrame:
    return export_frame(
        units,
        {
            **behind_columns(lang),
            "planned_amount": t("ui.budget.col_planned", lang),
        },
    )


def sub_finding(subs: pl.DataFrame, lang: str) -> tuple[str, str]:
    """Title: the sub-kegiatan with the lowest absorption; subtitle: the one with the largest pagu."""
    known = subs.filter(pl.col("absorption_rate").is_not_null())
    if known.is_empty():
        return t("ui.budget.sub_title_none", lang), ""
    lowest = known.sort("absorption_rate").row(0, named=True)
    largest = subs.row(0, named=True)
    short = lambda name: textwrap.shorten(name, 48, placeholder="…")  # noqa: E731
    if known.height == 1:
        return t(
            "ui.budget.sub_title_single",
            lang,
            name=short(lowest["name"]),
            absorption=format_percent(lowest["absorption_rate"], lang),
        ), ""
    title = t(
        "ui.budget.sub_title_lowest",
        lang,
        name=short(lowest["name"]),
        absorption=format_percent(lowest["absorption_rate"], lang),
    )
    subtitle = t(
        "ui.budget.sub_subtitle_largest",
        lang,
        name=short(largest["name"]),
        pagu=format_rupiah(largest["budget_pagu"], lang),
        share=format_percent(largest["budget_pagu"] / subs["budget_pagu"].sum(), lang),
    )
    return title, subtitle


def _codes(row: Mapping[str, Any], lang: str) -> str:
    codes = str(row["codes"]).split(", ")
    if len(codes) <= 3:
        return t("ui.budget.sub_codes", lang, codes=", ".join(codes))
    return t("ui.budget.sub_codes_many", lang, count=len(codes), codes=", ".join(codes[:2]))


def sub_kegiatan_figure(subs: pl.DataFrame, month: int, lang: str) -> go.Figure:
    """Pagu and realisasi per sub-kegiatan name (largest pagu on top) with the plan tick.
    `subs` is budget_views.sub_kegiatan_budget."""
    labels = _unique_labels([_wrap(n, LABEL_WIDTH, lines=3) for n in subs["name"]], subs["codes"].to_list())
    custom = [
        [r["name"], "", _bar_hover(r["name"], r, month, lang, [_codes(r, lang)])]
        for r in subs.iter_rows(named=True)
    ]
    fig = go.Figure()
    if not subs.is_empty():
        _pagu_bars(fig, subs, labels, custom, None, [""] * subs.height, month, lang)
    title, subtitle = sub_finding(subs, lang)
    key = _wrap(t("ui.budget.sub_key", lang, month=_month(month, lang)), SUBTITLE_WIDTH)
    subtitle = f"{_wrap(subtitle, SUBTITLE_WIDTH)}<br>{key}" if subtitle else key
    _base_layout(fig, _wrap(title), subtitle, lang, max(280, 170 + 84 * subs.height))
    _finish_bars(fig, labels, subs["budget_pagu"].max() if not subs.is_empty() else None, lang)  # type: ignore[arg-type]
    return fig


def subs_export(subs: pl.DataFrame, lang: str) -> pl.DataFrame:
    return export_frame(
        subs,
        {
            "name": DIMENSIONS["sub_kegiatan"].label(lang),
            "codes": t("ui.budget.col_codes", lang),
            "budget_pagu": PAGU.label(lang),
            "budget_realisasi": SPENT.label(lang),
            "absorption_rate": ABSORPTION.label(lang),
            "plan_rate": t("ui.budget.col_plan", lang),
            "planned_amount": t("ui.budget.col_planned", lang),
        },
    )


# ---- cost by method ---------------------------------------------------------------------------------

MEASURES = ("cost_per_jp", "cost_per_participant")
# The comparison's keys per measure: e-learning, classroom, saving share.
_COMPARED = {
    "cost_per_jp": ("elearning_cost_per_jp", "classroom_cost_per_jp", "saving_share", "ui.budget.per_jp"),
    "cost_per_participant": (
        "elearning_cost_per_participant",
        "classroom_cost_per_participant",
        "saving_share_per_participant",
        "ui.budget.per_participant",
    ),
}


def method_finding(
    methods: pl.DataFrame, comparison: Mapping[str, Any], lang: str, measure: str = "cost_per_jp"
) -> tuple[str, str]:
    """Title: what e-learning saves against classroom training on `measure` (or, without both,
    the dearest and cheapest method); subtitle: the saving in Rupiah (per JP only)."""
    spec = METRIC_BY_ID[measure]
    e_key, c_key, share_key, per_key = _COMPARED[measure]
    e, c, share = _value(comparison, e_key), _value(comparison, c_key), _value(comparison, share_key)
    if e is not None and c is not None and share is not None:
        key = "ui.budget.method_title_saving" if share >= 0 else "ui.budget.method_title_costlier"
        title = t(
            key,
            lang,
            e=format_rupiah(e, lang),
            c=format_rupiah(c, lang),
            share=format_percent(abs(share), lang),
            per=t(per_key, lang),
        )
        amount = _value(comparison, "saving_amount")
        subtitle = ""
        if measure == "cost_per_jp" and amount is not None and amount > 0:
            subtitle = t(
                "ui.budget.method_subtitle_saving",
                lang,
                jp=format_jp(comparison["elearning_jp"], lang, trim=True),
                amount=format_rupiah(amount, lang),
            )
        return title, subtitle
    known = methods.filter(pl.col(measure).is_not_null()).sort(measure, descending=True)
    if known.is_empty():
        return t("ui.budget.method_title_none", lang), ""
    top, bottom = known.row(0, named=True), known.row(-1, named=True)
    if known.height == 1:
        return t(
            "ui.budget.method_title_single",
            lang,
            metric=spec.label(lang),
            method=top["group"],
            value=format_rupiah(top[measure], lang),
        ), ""
    return t(
        "ui.budget.method_title_plain",
        lang,
        metric=spec.label(lang),
        top=top["group"],
        top_value=format_rupiah(top[measure], lang),
        bottom=bottom["group"],
        bottom_value=format_rupiah(bottom[measure], lang),
    ), ""


def _method_hover(row: Mapping[str, Any], lang: str) -> str:
    route = f" ({row['group2']})" if row.get("group2") else ""
    return "<br>".join(
        [
            f"<b>{row['group']}</b>{route}",
            f"{COST_PER_JP.label(lang)}: {format_rupiah(row['cost_per_jp'], lang)}",
            f"{COST_PER_PARTICIPANT.label(lang)}: {format_rupiah(row['cost_per_participant'], lang)}",
            f"{COST_TOTAL.label(lang)}: {format_rupiah(row['cost_total'], lang)}",
            f"{JP_TOTAL.label(lang)}: {format_jp(row['jp_total'], lang, trim=True)}",
        ]
    )


def method_figure(
    methods: pl.DataFrame, comparison: Mapping[str, Any], lang: str, measure: str = "cost_per_jp"
) -> go.Figure:
    """Cost per JP (or per participant) by method, dearest on top, coloured by route (jalur), with
    classroom training's figure as a dashed line. `methods` is kpis(by="method", by2="jalur");
    `comparison` is budget_views.elearning_vs_classroom."""
    rows = methods.filter(pl.col(measure).is_not_null()).sort(measure)
    routes = [r or "" for r in rows["group2"].to_list()]
    labels = _unique_labels([_wrap(m, LABEL_WIDTH, lines=2) for m in rows["group"]], routes)
    fig = go.Figure()
    for route in dict.fromkeys(routes):
        index = [i for i, r in enumerate(routes) if r == route]
        values = [rows[measure][i] for i in index]
        fig.add_bar(
            x=values,
            y=[labels[i] for i in index],
            orientation="h",
            name=_legend(route or MISSING),
            marker={"color": JALUR_COLORS.get(route, OTHER_COLOR)},
            text=[format_rupiah(v, lang) for v in values],
            textposition="outside",
            cliponaxis=False,
            customdata=[_method_hover(rows.row(i, named=True), lang) for i in index],
            hovertemplate="%{customdata}<extra></extra>",
        )
    classroom = _value(comparison, _COMPARED[measure][1])
    if classroom is not None and not rows.is_empty():
        # A shape below the bars (so no value label is crossed), named on the chart itself.
        fig.add_shape(
            type="line",
            x0=classroom,
            x1=classroom,
            y0=0,
            y1=1,
            yref="paper",
            layer="below",
            line={"dash": "dash", "color": PREVIOUS_COLOR, "width": 1.5},
        )
        fig.add_annotation(
            x=classroom,
            y=1,
            yref="paper",
            yanchor="bottom",
            xanchor="center",
            text=t("ui.budget.classroom_line", lang, value=format_rupiah(classroom, lang)),
            showarrow=False,
            font={"size": 12, "color": PLAN_COLOR},
        )
    title, subtitle = method_finding(methods, comparison, lang, measure)
    _base_layout(fig, _wrap(title), _wrap(subtitle, SUBTITLE_WIDTH), lang, max(300, 190 + 34 * rows.height))
    fig.update_layout(barmode="overlay", bargap=0.3, margin_t=fig.layout.margin.t + 22)
    fig.update_yaxes(categoryorder="array", categoryarray=labels, automargin=True, fixedrange=True)
    top = rows[measure].max() if not rows.is_empty() else None
    fig.update_xaxes(**rupiah_axis(top, lang, room=1.4), fixedrange=True)  # type: ignore[arg-type]
    return fig


def methods_export(methods: pl.DataFrame, lang: str) -> pl.DataFrame:
    return export_frame(
        methods.sort("cost_per_jp", descending=True, nulls_last=True),
        {
            "group": DIMENSIONS["method"].label(lang),
            "group2": DIMENSIONS["jalur"].label(lang),
            **{m: METRIC_BY_ID[m].label(lang) for m in METHOD_METRICS},
        },
    )


MEASURE_KEY = "budget_cost_measure"


def measure_picker(lang: str) -> str:
    """Cost per JP (default) or per participant, for the method chart."""
    relabel_on_language_change(MEASURE_KEY)
    if st.session_state.get(MEASURE_KEY) not in MEASURES:
        st.session_state[MEASURE_KEY] = MEASURES[0]
    return str(
        st.segmented_control(
            t("ui.budget.measure", lang),
            MEASURES,
            format_func=lambda m: METRIC_BY_ID[m].label(lang),
            key=MEASURE_KEY,
            required=True,
        )
    )


# ---- funding sources --------------------------------------------------------------------------------


def funding_rows(funding: pl.DataFrame, lang: str) -> pl.DataFrame:
    """budget_views.funding_sources with the unrecorded source named in words."""
    return funding.with_columns(
        source=pl.when(pl.col("source") == UNKNOWN_FUNDING)
        .then(pl.lit(t("ui.budget.funding_unknown", lang)))
        .otherwise(pl.col("source"))
    )


def funding_finding(rows: pl.DataFrame, lang: str) -> tuple[str, str]:
    """Title: who pays most of the cost, and which source gives most of the JP."""
    by_jp = rows.filter(pl.col("jp_share").is_not_null()).sort("jp_share", descending=True)
    if by_jp.is_empty():
        return t("ui.budget.funding_title_none", lang), ""
    top_jp = by_jp.row(0, named=True)
    jp_share = format_percent(top_jp["jp_share"], lang)
    costed = rows.filter(pl.col("cost_share").is_not_null()).sort("cost_share", descending=True)
    subtitle = t(
        "ui.budget.funding_subtitle",
        lang,
        cost=format_rupiah(rows["cost_total"].sum() if costed.height else None, lang),
        jp=format_jp(rows["jp_total"].sum(), lang, trim=True),
    )
    if costed.is_empty():
        return t("ui.budget.funding_title_jp", lang, jp_source=top_jp["source"], jp_share=jp_share), subtitle
    top_cost = costed.row(0, named=True)
    cost_share = format_percent(top_cost["cost_share"], lang)
    if top_cost["source"] == top_jp["source"]:
        title = t(
            "ui.budget.funding_title_same",
            lang,
            source=top_jp["source"],
            cost_share=cost_share,
            jp_share=jp_share,
        )
    else:
        title = t(
            "ui.budget.funding_title",
            lang,
            cost_source=top_cost["source"],
            cost_share=cost_share,
            jp_source=top_jp["source"],
            jp_share=jp_share,
        )
    return title, subtitle


def funding_figure(funding: pl.DataFrame, lang: str) -> go.Figure:
    """Each funding source's share of the cost and of the JP, side by side (most JP on top), so
    who pays and who delivers read on one axis. `funding` is budget_views.funding_sources."""
    rows = funding_rows(funding, lang)
    labels = rows["source"].to_list()
    hover = [
        "<br>".join(
            [
                f"<b>{r['source']}</b>",
                f"{COST_TOTAL.label(lang)}: {format_rupiah(r['cost_total'], lang)} "
                f"({format_percent(r['cost_share'], lang)})",
                f"{JP_TOTAL.label(lang)}: {format_jp(r['jp_total'], lang, trim=True)} "
                f"({format_percent(r['jp_share'], lang)})",
                f"{COST_PER_JP.label(lang)}: {format_rupiah(r['cost_per_jp'], lang)}",
            ]
        )
        for r in rows.iter_rows(named=True)
    ]
    fig = go.Figure()
    for column, key, color in (
        ("jp_share", "ui.budget.share_jp", JP_COLOR),
        ("cost_share", "ui.budget.share_cost", SPENT_COLOR),
    ):
        shares = rows[column].to_list()
        fig.add_bar(
            x=[None if v is None else v * 100 for v in shares],
            y=labels,
            orientation="h",
            name=_legend(t(key, lang)),
            marker={"color": color},
            text=[format_percent(v, lang) if v is not None else MISSING for v in shares],
            textposition="outside",
            cliponaxis=False,
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
        )
    title, subtitle = funding_finding(rows, lang)
    _base_layout(fig, _wrap(title), _wrap(subtitle, SUBTITLE_WIDTH), lang, max(300, 170 + 64 * rows.height))
    fig.update_layout(barmode="group", bargap=0.25, bargroupgap=0.05, legend={"traceorder": "reversed"})
    fig.update_yaxes(categoryorder="array", categoryarray=labels[::-1], automargin=True, fixedrange=True)
    ticks = [0, 25, 50, 75, 100]  # written out: Plotly drops the suffix on fixed ticks
    fig.update_xaxes(
        range=[0, 118],
        tickvals=ticks,
        ticktext=[format_percent(v / 100, lang, trim=True) for v in ticks],
        fixedrange=True,
        title={"text": ""},
    )
    return fig


def funding_export(funding: pl.DataFrame, lang: str) -> pl.DataFrame:
    return export_frame(
        funding_rows(funding, lang),
        {
            "source": DIMENSIONS["funding"].label(lang),
            "cost_total": COST_TOTAL.label(lang),
            "cost_share": t("ui.budget.share_cost", lang),
            "jp_total": JP_TOTAL.label(lang),
            "jp_share": t("ui.budget.share_jp", lang),
            "cost_per_jp": COST_PER_JP.label(lang),
        },
    )


# ---- the page's data and blocks (Streamlit) -------------------------------------------------------


@dataclass(frozen=True)
class BudgetPage:
    """Everything the page shows, fetched once per run through the cached data layer."""

    plan: dict[str, Any]
    before: dict[str, Any] | None
    comparable: frozenset[Source]
    months: pl.DataFrame
    projection: dict[str, Any]
    units: pl.DataFrame
    behind: pl.DataFrame
    subs: pl.DataFrame
    methods: pl.DataFrame
    elearning: dict[str, Any]
    funding: pl.DataFrame

    @property
    def has_budget(self) -> bool:
        return bool(self.plan["pagu"]) or bool(self.plan["realisasi"])

    @property
    def has_methods(self) -> bool:
        return self.methods["cost_per_jp"].is_not_null().any()

    @property
    def has_funding(self) -> bool:
        return not self.funding.is_empty()

    @property
    def is_empty(self) -> bool:
        return not (self.has_budget or self.has_methods or self.has_funding)


def load(view: View) -> BudgetPage:
    f = view.filters
    before = data.kpis(f.previous_year(), metric_ids=[PAGU.id, SPENT.id])
    return BudgetPage(
        plan=data.call("budget_vs_plan", f),
        before=before.row(0, named=True) if before.height else None,
        comparable=components.comparable_sources(data.periods(), f.year - 1),
        months=data.call("budget_by_month", f),
        projection=data.call("year_end_projection", f),
        units=data.call("budget_by_unit", f),
        behind=data.call("budget_behind_plan", f),
        subs=data.call("sub_kegiatan_budget", f),
        methods=data.kpis(f, by="method", by2="jalur", metric_ids=METHOD_METRICS),
        elearning=data.call("elearning_vs_classroom", f),
        funding=data.call("funding_sources", f),
    )


def empty_state(view: View) -> None:
    lang = view.lang
    st.info(
        f"**{t('ui.budget.empty_title', lang)}**\n\n{t('ui.budget.empty_body', lang)}",
        icon=":material/filter_alt_off:",
    )
    st.button(
        t("ui.filter.reset", lang),
        on_click=reset_filters,
        args=(view.choices,),
        key="budget_empty_reset",
        icon=":material/restart_alt:",
    )


def scope_notes(view: View, page: BudgetPage) -> None:
    """Which filters the budget follows (when staff filters are on), and how far its data reaches."""
    lang, f = view.lang, view.filters
    if view.staff_filters_active:
        st.info(t("ui.budget.staff_note", lang), icon=":material/info:")
    through = page.plan.get("data_through")
    if through is not None and through < f.end_month:
        st.warning(
            t(
                "ui.budget.data_through",
                lang,
                year=f.year,
                month=_month(through, lang),
                chosen=_month(f.end_month, lang),
            ),
            icon=":material/event_busy:",
        )


def no_budget_notice(view: View) -> None:
    f = view.filters
    st.info(
        t("ui.budget.no_budget", view.lang, period=period_label(f.year, f.end_month, view.lang)),
        icon=":material/account_balance_wallet:",
    )


def behind_block(view: View, page: BudgetPage) -> None:
    lang = view.lang
    message = behind_message(page.behind, float(page.plan["plan_rate"]), view.filters.end_month, lang)
    if page.behind.is_empty():
        st.success(message, icon=":material/check_circle:")
        return
    st.warning(message, icon=":material/priority_high:")
    if page.behind.height > 1:
        st.caption(t("ui.budget.behind_table_caption", lang, count=page.behind.height))
        st.table(behind_table(page.behind, lang), hide_index=True, border="horizontal")
    download_buttons(
        export_frame(page.behind, behind_columns(lang)),
        view,
        t("ui.budget.behind_heading", lang),
        "opd_tertinggal_rencana",
        "budget_behind",
    )


def chart_block(
    view: View,
    fig: go.Figure,
    frame: pl.DataFrame,
    file_stem: str,
    key: str,
    drill_dimension: drill.Dimension | None = None,
) -> None:
    """The chart (clickable when it narrows the filters) and the download of its data."""
    if drill_dimension:
        drill.drill_chart(fig, drill_dimension, key)
    else:
        st.plotly_chart(fig, config=components.PLOTLY_CONFIG, key=key)
    download_buttons(frame, view, plain(str(fig.layout.title.text)), file_stem, f"{key}_download")


def unit_limit(view: View, total: int) -> int | None:
    """TOP_UNITS, or every OPD when the reader asks for all of them."""
    if total <= TOP_UNITS:
        return None
    show_all = st.toggle(t("ui.budget.units_show_all", view.lang, count=total), key="budget_all_units")
    return None if show_all else TOP_UNITS
