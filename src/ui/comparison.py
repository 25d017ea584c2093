"""Perbandingan Wilayah (regional comparison): frames, figures and sentences, then the few widgets.

Builders are pure (frames in, Plotly figures, tables or sentences out) and tested on their data. The
input is compute.kpis_long by "region" (one row per region and metric, with the Wilson interval and
the numerator and denominator) and compute.monthly_trend by "region". Which differences may be chance
is decided in src/metrics/comparison.py; this module only puts it into words.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import plotly.graph_objects as go
import polars as pl
import streamlit as st
from plotly.subplots import make_subplots

from src.i18n import t
from src.metrics.comparison import leaders, neighbour_pairs, ranked
from src.metrics.registry import METRIC_BY_ID, Format, MetricSpec, Source
from src.ui import charts, components, data
from src.ui.downloads import download_buttons
from src.ui.drill import drill_chart
from src.ui.filters import View, relabel_on_language_change
from src.ui.format import format_metric, format_number, format_percent, format_rupiah, month_name

# The regional head's figures that can be compared across regions (rates and per-person figures).
COMPARE_METRICS = tuple(components.chart_metric_options(components.HEADLINE))
LONG_METRICS = ("asn_count", *COMPARE_METRICS)
DEFAULT_METRIC = "jp20_rate"
METRIC_KEY = "cmp_metric"
GRID_COLUMNS = 2  # small multiples: two across reads well on a tablet and on a desktop
FIGURE_CONFIG = components.PLOTLY_CONFIG


# ---- frames -----------------------------------------------------------------------------------------


def metric_rows(long: pl.DataFrame, metric_id: str) -> pl.DataFrame:
    """One metric's rows of a kpis_long frame: group, value, ci_low, ci_high, numerator, denominator."""
    return long.filter(pl.col("metric") == metric_id).select(
        "group", "value", "ci_low", "ci_high", "numerator", "denominator"
    )


def staff_by_region(long: pl.DataFrame) -> dict[str, float]:
    """Region -> ASN headcount (the asn_count rows of a kpis_long frame)."""
    rows = metric_rows(long, "asn_count")
    return {str(g): float(v) for g, v in zip(rows["group"], rows["value"], strict=True) if v is not None}


def no_staff(long: pl.DataFrame) -> bool:
    """No staff in scope in any region: nothing to compare."""
    return not sum(staff_by_region(long).values())


def _scale(spec: MetricSpec) -> float:
    return 100.0 if spec.format is Format.PERCENT else 1.0


def interval_text(spec: MetricSpec, low: float | None, high: float | None, lang: str) -> str:
    """40,9–44,5 % for a percentage, 2,10–2,45 otherwise; "" when the interval is unknown."""
    if low is None or high is None:
        return ""
    if spec.format is Format.PERCENT:
        return f"{format_number(low * 100, lang, 1)}–{format_percent(high, lang)}"
    return f"{format_metric(spec, low, lang)}–{format_metric(spec, high, lang)}"


def whiskers(
    values: Sequence[float], lows: Sequence[float | None], highs: Sequence[float | None], scale: float
) -> dict[str, object]:
    """Plotly error bars for bars at `values` (already scaled) from 95 % bounds (not yet scaled);
    an unknown bound draws no whisker on its side."""
    return {
        "type": "data",
        "symmetric": False,
        "array": [0.0 if h is None else h * scale - v for h, v in zip(highs, values, strict=True)],
        "arrayminus": [0.0 if lo is None else v - lo * scale for lo, v in zip(lows, values, strict=True)],
        "color": "#555555",
        "thickness": 1.2,
        "width": 3,
    }


def base_text(spec: MetricSpec, denominator: float | None, lang: str) -> str:
    """What a rate is measured on, in words: 3.381 ASN, 1.204 kegiatan, pagu Rp6,2 M ("" if none)."""
    if spec.denominator is None or denominator is None:
        return ""
    amount = (
        format_rupiah(denominator, lang)
        if spec.denominator == "budget_pagu"
        else format_number(denominator, lang)
    )
    return t(f"ui.comparison.base_{spec.denominator}", lang, n=amount)


def _hover(
    spec: MetricSpec, region: str, record: Mapping[str, object], lang: str, staff: Mapping[str, float]
) -> str:
    lines = [f"<b>{region}</b>", f"{spec.label(lang)}: {format_metric(spec, record['value'], lang)}"]  # type: ignore[arg-type]
    interval = interval_text(spec, record.get("ci_low"), record.get("ci_high"), lang)  # type: ignore[arg-type]
    if interval:
        lines.append(f"{t('ui.chart.interval', lang)}: {interval}")
    base = base_text(spec, record.get("denominator"), lang)  # type: ignore[arg-type]
    if base and spec.denominator != "asn_count":
        lines.append(f"{t('ui.comparison.base', lang)}: {base}")
    if staff.get(region) is not None:
        lines.append(f"{t('ui.chart.staff', lang)}: {format_number(staff[region], lang)}")
    return "<br>".join(lines)


# ---- the ranking -----------------------------------------------------------------------------------


def ranking_figure(long: pl.DataFrame, metric_id: str, lang: str, colors: Mapping[str, str]) -> go.Figure:
    """The shared region bar chart of one metric (best on top, 95 % whiskers, target line), with
    `[region]` as each bar's customdata so that a click narrows the view to that region."""
    spec = METRIC_BY_ID[metric_id]
    staff = staff_by_region(long)
    rows = metric_rows(long, metric_id)
    fig = charts.region_bar(rows, spec, lang, colors, staff)
    bar = fig.data[0]
    regions = list(bar.y)
    by_region = {str(r["group"]): r for r in rows.iter_rows(named=True)}
    bar.customdata = [[region] for region in regions]
    bar.hovertext = [_hover(spec, region, by_region[region], lang, staff) for region in regions]
    bar.hovertemplate = "%{hovertext}<extra></extra>"
    return fig


def pair_statements(long: pl.DataFrame, metric_id: str, lang: str) -> list[str]:
    """One plain sentence per pair of neighbours in the ranking: may the difference be chance?

    "Selisih Serang dan Siulak (34,0 % vs 23,6 %) bisa jadi kebetulan: rentangnya tumpang tindih."
    Metrics without an interval get one sentence of caution naming the smallest region instead.
    """
    spec = METRIC_BY_ID[metric_id]
    rows = metric_rows(long, metric_id)
    pairs = neighbour_pairs(rows, spec.higher_is_better)
    if pairs.is_empty():
        return []
    sentences = []
    for pair in pairs.iter_rows(named=True):
        values = {
            "first": pair["first"],
            "second": pair["second"],
            "first_value": format_metric(spec, pair["value_first"], lang),
            "second_value": format_metric(spec, pair["value_second"], lang),
        }
        if pair["overlap"] is True:
            sentences.append(t("ui.comparison.pair_noise", lang, **values))
        elif pair["overlap"] is False:
            key = "pair_clear_higher" if pair["value_first"] > pair["value_second"] else "pair_clear_lower"
            sentences.append(t(f"ui.comparison.{key}", lang, **values))
    if not spec.wilson:
        staff = staff_by_region(long)
        known = [g for g in rows.filter(pl.col("value").is_not_null())["group"] if g in staff]
        if known:
            smallest = min(known, key=lambda g: staff[g])
            sentences.append(
                t(
                    "ui.comparison.no_interval",
                    lang,
                    region=smallest,
                    staff=format_number(staff[smallest], lang),
                )
            )
    return sentences


def ranking_download(long: pl.DataFrame, metric_id: str, lang: str) -> pl.DataFrame:
    """The ranking as numbers: rank, region, value, interval, what it is measured on, the verdict."""
    spec = METRIC_BY_ID[metric_id]
    rows = ranked(metric_rows(long, metric_id), spec.higher_is_better)
    scale = _scale(spec)
    verdict = {True: t("ui.comparison.verdict_noise", lang), False: t("ui.comparison.verdict_clear", lang)}
    return pl.DataFrame(
        {
            t("ui.comparison.col_rank", lang): rows["rank"],
            t("ui.comparison.col_region", lang): rows["group"],
            t("ui.comparison.col_metric", lang): [spec.label(lang)] * rows.height,
            t("ui.comparison.col_value", lang): rows["value"] * scale,
            t("ui.comparison.col_unit", lang): [components.unit_label(spec, lang)] * rows.height,
            t("ui.comparison.col_low", lang): rows["ci_low"] * scale,
            t("ui.comparison.col_high", lang): rows["ci_high"] * scale,
            t("ui.comparison.col_numerator", lang): rows["numerator"],
            t("ui.comparison.col_denominator", lang): rows["denominator"],
            t("ui.comparison.col_verdict", lang): [verdict.get(v, "") for v in rows["overlaps_previous"]],
        },
        schema_overrides={t("ui.comparison.col_rank", lang): pl.Int32},
    )


# ---- every metric side by side -------------------------------------------------------------------


def _regions(long: pl.DataFrame) -> list[str]:
    return sorted({str(g) for g in long["group"]})


_NO_BREAK = str.maketrans({" ": "\u00a0", "–": "\u2060–\u2060"})


def _cell(value: str, interval: str) -> str:
    """A table cell: the value, then its range in grey; each stays whole when the cell wraps."""
    value = value.translate(_NO_BREAK)
    return f"{value} :gray[({interval.translate(_NO_BREAK)})]" if interval else value


def side_by_side_table(long: pl.DataFrame, metric_ids: Sequence[str], lang: str) -> pl.DataFrame:
    """Metrics down, regions across; each cell the value and its 95 % range; headcount first."""
    regions = _regions(long)
    first = t("ui.comparison.col_metric", lang)
    columns: dict[str, list[str]] = {first: [t("ui.chart.staff", lang)]}
    staff = staff_by_region(long)
    for region in regions:
        columns[region] = [format_number(staff.get(region), lang)]
    for metric_id in metric_ids:
        spec = METRIC_BY_ID[metric_id]
        columns[first].append(spec.label(lang))
        by_region = {str(r["group"]): r for r in metric_rows(long, metric_id).iter_rows(named=True)}
        for region in regions:
            record = by_region.get(region, {})
            value = format_metric(spec, record.get("value"), lang)
            interval = interval_text(spec, record.get("ci_low"), record.get("ci_high"), lang)
            columns[region].append(_cell(value, interval))
    return pl.DataFrame(columns)


def all_metrics_download(long: pl.DataFrame, metric_ids: Sequence[str], lang: str) -> pl.DataFrame:
    """Region × metric as numbers (percentages in per cent), with interval, numerator, denominator."""
    records = []
    for metric_id in metric_ids:
        spec = METRIC_BY_ID[metric_id]
        scale = _scale(spec)
        for r in metric_rows(long, metric_id).sort("group").iter_rows(named=True):
            records.append({
                "region": r["group"], "metric": spec.label(lang), "unit": components.unit_label(spec, lang),
                "value": None if r["value"] is None else r["value"] * scale,
                "low": None if r["ci_low"] is None else r["ci_low"] * scale,
                "high": None if r["ci_high"] is None else r["ci_high"] * scale,
                "numerator": r["numerator"], "denominator": r["denominator"],
            })  # fmt: skip
    schema = {"region": pl.String, "metric": pl.String, "unit": pl.String, "value": pl.Float64,
              "low": pl.Float64, "high": pl.Float64, "numerator": pl.Float64,
              "denominator": pl.Float64}  # fmt: skip
    frame = pl.DataFrame(records, schema=schema)
    return frame.rename(
        {
            "region": t("ui.comparison.col_region", lang),
            "metric": t("ui.comparison.col_metric", lang),
            "unit": t("ui.comparison.col_unit", lang),
            "value": t("ui.comparison.col_value", lang),
            "low": t("ui.comparison.col_low", lang),
            "high": t("ui.comparison.col_high", lang),
            "numerator": t("ui.comparison.col_numerator", lang),
            "denominator": t("ui.comparison.col_denominator", lang),
        }
    )


def grid_finding(long: pl.DataFrame, metric_ids: Sequence[str], lang: str) -> str:
    """The small multiples' title: which region is best on most metrics."""
    regions = _regions(long)
    if len(regions) == 1:
        return t("ui.comparison.grid_single", lang, region=regions[0], count=len(metric_ids))
    frames = {m: metric_rows(long, m) for m in metric_ids}
    best = leaders(frames, {m: METRIC_BY_ID[m].higher_is_better for m in metric_ids})
    if not best:
        return t("ui.comparison.grid_none", lang)
    wins = {r: sum(r in names for names in best.values()) for r in regions}
    top = max(wins.values())
    winners = [r for r in regions if wins[r] == top]
    return t(
        "ui.comparison.grid_finding",
        lang,
        regions=t("ui.comparison.and", lang).join(winners),
        count=top,
        total=len(best),
    )


def small_multiples(
    long: pl.DataFrame, metric_ids: Sequence[str], lang: str, colors: Mapping[str, str]
) -> go.Figure:
    """One small bar chart per metric, regions in the same place and colour in each, 95 % whiskers
    where the metric has them, the value written beside each bar."""
    regions = _regions(long)
    staff = staff_by_region(long)
    rows = math.ceil(len(metric_ids) / GRID_COLUMNS)
    fig = make_subplots(
        rows=rows,
        cols=GRID_COLUMNS,
        subplot_titles=[METRIC_BY_ID[m].label(lang) for m in metric_ids],
        shared_yaxes=True,
        horizontal_spacing=0.06,
        vertical_spacing=min(0.3 / rows, 0.12),
    )
    order = list(reversed(regions))  # the first region alphabetically on top, in every panel
    for i, metric_id in enumerate(metric_ids):
        spec = METRIC_BY_ID[metric_id]
        scale = _scale(spec)
        row, col = i // GRID_COLUMNS + 1, i % GRID_COLUMNS + 1
        by_region = {str(r["group"]): r for r in metric_rows(long, metric_id).iter_rows(named=True)}
        shown = [r for r in order if by_region.get(r, {}).get("value") is not None]
        values = [by_region[r]["value"] * scale for r in shown]
        bar = go.Bar(
            x=values,
            y=shown,
            orientation="h",
            marker={"color": [colors.get(r, charts.PALETTE[0]) for r in shown]},
            customdata=[[r] for r in shown],
            hovertext=[_hover(spec, r, by_region[r], lang, staff) for r in shown],
            hovertemplate="%{hovertext}<extra></extra>",
            name=spec.label(lang),
            showlegend=False,
        )
        highs = [by_region[r]["ci_high"] for r in shown]
        lows = [by_region[r]["ci_low"] for r in shown]
        if spec.wilson and any(h is not None for h in highs):
            bar.error_x = whiskers(values, lows, highs, scale)
        ends = [max(v, (h or 0.0) * scale) if spec.wilson else v for v, h in zip(values, highs, strict=True)]
        labels = go.Scatter(
            x=ends,
            y=shown,
            mode="text",
            text=[f" {format_metric(spec, by_region[r]['value'], lang)}" for r in shown],
            textposition="middle right",
            textfont={"size": 12},
            hoverinfo="skip",
            showlegend=False,
        )
        fig.add_trace(bar, row=row, col=col)
        fig.add_trace(labels, row=row, col=col)
        reach = max(ends, default=0.0)
        fig.update_xaxes(
            range=[0, reach * 1.6 if reach > 0 else 1],
            showticklabels=False,
            showgrid=False,
            zeroline=True,
            fixedrange=True,
            row=row,
            col=col,
        )
    fig.update_yaxes(categoryorder="array", categoryarray=order, fixedrange=True, automargin=True)
    for i, annotation in enumerate(fig.layout.annotations):  # subplot titles: over each panel's left
        domain = fig.get_subplot(i // GRID_COLUMNS + 1, i % GRID_COLUMNS + 1).xaxis.domain
        annotation.update(x=domain[0], xanchor="left", font={"size": 13})
    fig.update_layout(
        title={"text": grid_finding(long, metric_ids, lang), "x": 0, "xanchor": "left"},
        separators=charts.SEPARATORS.get(lang, charts.SEPARATORS["id"]),
        height=90 + rows * (44 + 26 * max(len(regions), 1)),
        margin={"l": 8, "r": 8, "t": 80, "b": 16},
        font={"family": charts.FONT, "size": 13},
        bargap=0.3,
        hoverlabel={"font": {"family": charts.FONT, "size": 13}},
    )
    return fig


# ---- the trend ---------------------------------------------------------------------------------------


def trend_finding(trend: pl.DataFrame, metric_id: str, lang: str) -> str:
    """Who leads at the last month, and since when without interruption."""
    spec = METRIC_BY_ID[metric_id]
    known = trend.filter(pl.col(metric_id).is_not_null())
    if known.is_empty():
        return t("ui.chart.finding_none", lang, metric=spec.label(lang))
    months = sorted(set(known["month"].to_list()))
    last = months[-1]

    def leader(month: int) -> str | None:
        rows = known.filter(pl.col("month") == month).sort(
            [metric_id, "group"], descending=[spec.higher_is_better, False]
        )
        return str(rows["group"][0]) if rows.height else None

    regions = known["group"].unique().to_list()
    at_last = known.filter(pl.col("month") == last)
    if len(regions) == 1:
        value = format_metric(spec, at_last[metric_id][0], lang)
        return t(
            "ui.comparison.trend_single",
            lang,
            metric=spec.label(lang),
            region=regions[0],
            value=value,
            month=month_name(last, lang),
        )
    top = leader(last)
    since = last
    for month in reversed(months[:-1]):
        if leader(month) != top:
            break
        since = month
    return t(
        "ui.comparison.trend_since", lang, metric=spec.label(lang), region=top, month=month_name(since, lang)
    )


def trend_figure(trend: pl.DataFrame, metric_id: str, lang: str, colors: Mapping[str, str]) -> go.Figure:
    """One line per region: the year-to-date value at the end of each month."""
    spec = METRIC_BY_ID[metric_id]
    scale = _scale(spec)
    months = sorted(set(trend["month"].to_list())) if trend.height else []
    fig = go.Figure()
    for region in sorted({str(g) for g in trend["group"]}):
        rows = trend.filter(pl.col("group") == region).sort("month")
        values = rows[metric_id].to_list()
        fig.add_trace(
            go.Scatter(
                x=rows["month"].to_list(),
                y=[None if v is None else v * scale for v in values],
                mode="lines+markers",
                name=region,
                line={"color": colors.get(region, charts.PALETTE[0]), "width": 3},
                marker={"size": 7},
                customdata=[[region] for _ in values],
                hovertext=[
                    f"<b>{region}</b><br>{t('ui.comparison.until', lang, month=month_name(m, lang))}: "
                    f"{format_metric(spec, v, lang)}"
                    for m, v in zip(rows["month"], values, strict=True)
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    axis = {"ticksuffix": " %" if spec.format is Format.PERCENT else "", "rangemode": "tozero"}
    fig.update_layout(
        title={
            "text": trend_finding(trend, metric_id, lang),
            "subtitle": {"text": t("ui.comparison.trend_subtitle", lang)},
            "x": 0,
            "xanchor": "left",
        },
        separators=charts.SEPARATORS.get(lang, charts.SEPARATORS["id"]),
        height=380,
        margin={"l": 8, "r": 16, "t": 84, "b": 40},
        font={"family": charts.FONT, "size": 14},
        legend={"orientation": "h", "yanchor": "bottom", "y": -0.25, "x": 0},
        xaxis={
            "tickvals": months,
            "ticktext": [month_name(m, lang, "abbreviated") for m in months],
            "fixedrange": True,
        },
        yaxis={**axis, "fixedrange": True, "automargin": True},
        hoverlabel={"font": {"family": charts.FONT, "size": 14}},
    )
    return fig


def trend_download(trend: pl.DataFrame, metric_id: str, lang: str) -> pl.DataFrame:
    spec = METRIC_BY_ID[metric_id]
    rows = trend.sort("month", "group")
    return pl.DataFrame(
        {
            t("ui.comparison.col_month", lang): [month_name(m, lang) for m in rows["month"]],
            t("ui.comparison.col_region", lang): rows["group"],
            t("ui.comparison.col_metric", lang): [spec.label(lang)] * rows.height,
            t("ui.comparison.col_value", lang): rows[metric_id] * _scale(spec),
            t("ui.comparison.col_unit", lang): [components.unit_label(spec, lang)] * rows.height,
        }
    )


# ---- Streamlit ---------------------------------------------------------------------------------------


def region_figures(view: View) -> pl.DataFrame:
    """kpis_long by region for the headline metrics (cached)."""
    return data.kpis_long(view.filters, by="region", metric_ids=LONG_METRICS)


def metric_picker(lang: str) -> str:
    """Which metric the ranking and the trend show (default: the 20 JP rule)."""
    relabel_on_language_change(METRIC_KEY)
    if st.session_state.get(METRIC_KEY) not in COMPARE_METRICS:
        st.session_state[METRIC_KEY] = DEFAULT_METRIC
    return st.selectbox(
        t("ui.comparison.metric", lang),
        COMPARE_METRICS,
        format_func=lambda m: METRIC_BY_ID[m].label(lang),
        key=METRIC_KEY,
        width=360,
    )


def _scope_note(view: View, spec: MetricSpec) -> None:
    if spec.source is Source.BUDGET and view.staff_filters_active:
        st.caption(t("ui.filter.budget_note", view.lang))


def ranking_section(view: View, long: pl.DataFrame, metric_id: str) -> None:
    """The ranking chart (click a bar to narrow), what may be chance, and the data behind it."""
    lang, spec = view.lang, METRIC_BY_ID[metric_id]
    colors = charts.region_colors(view.choices.regions)
    drill_chart(ranking_figure(long, metric_id, lang, colors), "region", key="cmp_ranking")
    sentences = pair_statements(long, metric_id, lang)
    if sentences:
        st.markdown("\n".join(f"- {s}" for s in sentences))
    elif metric_rows(long, metric_id)["value"].is_not_null().sum() == 1:
        st.info(t("ui.comparison.one_region", lang), icon=":material/info:")
    if spec.wilson:
        st.caption(t("ui.comparison.ci_note", lang))
    _scope_note(view, spec)
    download_buttons(
        ranking_download(long, metric_id, lang),
        view,
        f"{t('ui.comparison.ranking', lang)}: {spec.label(lang)}",
        f"peringkat-wilayah-{metric_id}",
        key="cmp_ranking_dl",
    )


def grid_section(view: View, long: pl.DataFrame) -> None:
    """Every headline metric as a small chart, then the same figures as a table."""
    lang = view.lang
    colors = charts.region_colors(view.choices.regions)
    st.plotly_chart(
        small_multiples(long, COMPARE_METRICS, lang, colors), config=FIGURE_CONFIG, key="cmp_grid"
    )
    st.caption(t("ui.comparison.grid_note", lang))
    st.table(side_by_side_table(long, COMPARE_METRICS, lang), hide_index=True, border="horizontal")
    if view.staff_filters_active:
        st.caption(t("ui.filter.budget_note", lang))
    download_buttons(
        all_metrics_download(long, COMPARE_METRICS, lang),
        view,
        t("ui.comparison.grid_heading", lang),
        "perbandingan-wilayah",
        key="cmp_grid_dl",
    )


def trend_section(view: View, metric_id: str) -> None:
    """The selected metric month by month, one line per region."""
    lang = view.lang
    trend = data.monthly_trend(view.filters, metric_ids=COMPARE_METRICS, by="region")
    colors = charts.region_colors(view.choices.regions)
    st.plotly_chart(trend_figure(trend, metric_id, lang, colors), config=FIGURE_CONFIG, key="cmp_trend")
    download_buttons(
        trend_download(trend, metric_id, lang),
        view,
        f"{t('ui.comparison.trend_heading', lang)}: {METRIC_BY_ID[metric_id].label(lang)}",
        f"tren-wilayah-{metric_id}",
        key="cmp_trend_dl",
    )
