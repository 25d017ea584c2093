"""Chart builders: pure functions from metric frames to Plotly figures (no Streamlit, no queries).

Tests assert on the figure's data and layout. Numbers in titles and hover texts come from
src/ui/format.py; axes use Plotly's `separators` so ticks follow the language too (1.234 / 1,234).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go
import polars as pl

from src.i18n import t
from src.metrics.registry import Format, MetricSpec
from src.ui.format import format_metric, format_number, format_percent

# Okabe–Ito: distinguishable with the common colour-vision deficiencies, and on a projector.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
SEPARATORS = {"id": ",.", "en": ".,"}  # Plotly: decimal mark, then thousands separator
# Streamlit serves its text font as "Source Sans": naming it lets Plotly measure labels in the font it draws.
FONT = "Source Sans, Source Sans Pro, sans-serif"
TITLE_WIDTH, SUBTITLE_WIDTH = 46, 64  # characters per line: a tablet's half-screen chart fits them
# Streamlit's template gives ticks a font of their own; one family keeps Plotly's label measurements
# (automatic margins) true to what the browser draws.
TICK_FONT = {"family": FONT, "size": 13, "color": "#31333F"}


def region_colors(regions: Sequence[str]) -> dict[str, str]:
    """One colour per region, fixed by the sorted list of every region in the data.

    Pass all regions (not only the filtered ones) so that a region keeps its colour whatever is chosen.
    """
    return {region: PALETTE[i % len(PALETTE)] for i, region in enumerate(sorted(regions))}


def wrap(text: str, width: int) -> str:
    """Break a title into lines of at most `width` characters at spaces (Plotly does not wrap)."""
    lines: list[str] = []
    for word in text.split(" "):
        unit = word.startswith(("%", "JP", "poin", "pts"))  # never alone at the start of a line
        if lines and (len(lines[-1]) + 1 + len(word) <= width or unit):
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def layout(
    fig: go.Figure,
    title: str,
    subtitle: str,
    lang: str,
    body: int,
    legend: bool = False,
    *,
    reserve_legend: bool | None = None,
    extra_top: int = 0,
    bottom: int = 40,
    fixed_axes: bool = True,
) -> go.Figure:
    """The page charts' frame: the title (the finding) and subtitle wrapped to fit a tablet, the legend
    under them, the plot `body` pixels high below; the top margin grows with the lines, so nothing
    overlaps at any width.

    `reserve_legend` keeps (True) or leaves out (False) the legend's row whatever `legend` says;
    `extra_top` adds room above the plot; `bottom` is the bottom margin; `fixed_axes` turns zooming
    off on both axes (pages that set it per axis pass False)."""
    title, subtitle = wrap(title, TITLE_WIDTH), wrap(subtitle, SUBTITLE_WIDTH)
    heading = 20 + 24 * (title.count("<br>") + 1) + (19 * (subtitle.count("<br>") + 1) + 6 if subtitle else 0)
    legend_row = 30 if (legend if reserve_legend is None else reserve_legend) else 0
    top = heading + legend_row + extra_top + 8
    height = top + body
    fig.update_layout(
        title={
            "text": title,
            "subtitle": {"text": subtitle, "font": {"size": 13, "color": "#555555"}},
            "x": 0,
            "xanchor": "left",
            "xref": "container",
            "y": 1 - 18 / height,
            "yanchor": "top",
            "yref": "container",
            "font": {"size": 17},
        },
        separators=SEPARATORS.get(lang, SEPARATORS["id"]),
        height=height,
        margin={"l": 8, "r": 24, "t": top, "b": bottom},
        font={"family": FONT, "size": 14},
        hoverlabel={"font": {"family": FONT, "size": 14}},
        showlegend=legend,
        legend={
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "xref": "container",
            "y": 1 - (heading + 10) / height,
            "yanchor": "top",
            "yref": "container",
            "font": {"family": FONT, "size": 13},
        },
    )
    fixed = {"fixedrange": True} if fixed_axes else {}
    fig.update_xaxes(tickfont=TICK_FONT, title_font=TICK_FONT, **fixed)
    fig.update_yaxes(tickfont=TICK_FONT, title_font=TICK_FONT, **fixed)
    return fig


def bar_labels(
    x: Sequence[float | None], y: Sequence[str], text: Sequence[str], size: int = 13
) -> go.Scatter:
    """Value labels just right of horizontal bars (at `x`), as a text trace without hover or legend:
    Plotly's own outside labels are cut at the plot's edge."""
    return go.Scatter(
        x=x,
        y=y,
        mode="text",
        text=text,
        textposition="middle right",
        textfont={"size": size},
        hoverinfo="skip",
        showlegend=False,
    )


def _scale(spec: MetricSpec) -> float:
    """Percentages are stored as shares (0.875) and drawn as per cent (87.5)."""
    return 100.0 if spec.format is Format.PERCENT else 1.0


def _axis(spec: MetricSpec) -> dict[str, object]:
    suffix = {Format.PERCENT: " %", Format.JP: " JP"}.get(spec.format, "")
    tickformat = {Format.SCORE: ",.1f", Format.RUPIAH: ",.3s"}.get(spec.format, ",.0f")
    axis: dict[str, object] = {"ticksuffix": suffix, "tickformat": tickformat, "rangemode": "tozero"}
    if spec.format is Format.RUPIAH:
        axis["tickprefix"] = "Rp"
    return axis


def finding(frame: pl.DataFrame, spec: MetricSpec, lang: str) -> tuple[str, str]:
    """The chart's title (what the figure shows) and subtitle, from a frame of `group`, `value`."""
    known = frame.filter(pl.col("value").is_not_null()).sort("value", descending=True)
    metric = spec.label(lang)
    if known.is_empty():
        return t("ui.chart.finding_none", lang, metric=metric), ""
    top, top_value = known["group"][0], known["value"][0]
    if known.height == 1:
        return t(
            "ui.chart.finding_single",
            lang,
            metric=metric,
            region=top,
            value=format_metric(spec, top_value, lang),
        ), ""
    bottom, bottom_value = known["group"][-1], known["value"][-1]
    title = t(
        "ui.chart.finding_spread",
        lang,
        metric=metric,
        top=top,
        top_value=format_metric(spec, top_value, lang),
    )
    subtitle = t(
        "ui.chart.finding_lowest", lang, bottom=bottom, bottom_value=format_metric(spec, bottom_value, lang)
    )
    return title, subtitle


def region_bar(
    frame: pl.DataFrame,
    spec: MetricSpec,
    lang: str,
    colors: Mapping[str, str],
    staff: Mapping[str, float] | None = None,
) -> go.Figure:
    """Horizontal bars of one metric per region, highest on top, with the 95 % interval when known.

    `frame` has one row per region: `group`, `value`, and optionally `ci_low`, `ci_high`
    (compute.kpis_long by="region" filtered to the metric). `staff` maps region -> ASN headcount for
    the hover text. Regions without a value are left out (their value is "–").
    """
    columns = {"ci_low": pl.Float64, "ci_high": pl.Float64}
    rows = frame.with_columns(
        [pl.lit(None, dtype).alias(c) for c, dtype in columns.items() if c not in frame.columns]
    ).filter(pl.col("value").is_not_null())
    rows = rows.sort("value")  # Plotly draws the first category at the bottom
    scale = _scale(spec)
    regions = rows["group"].to_list()
    values = [v * scale for v in rows["value"]]
    hover = []
    for record in rows.iter_rows(named=True):
        lines = [
            f"<b>{record['group']}</b>",
            f"{spec.label(lang)}: {format_metric(spec, record['value'], lang)}",
        ]
        if record["ci_low"] is not None and record["ci_high"] is not None:
            interval = (
                f"{format_metric(spec, record['ci_low'], lang)} – "
                f"{format_metric(spec, record['ci_high'], lang)}"
            )
            lines.append(f"{t('ui.chart.interval', lang)}: {interval}")
        if staff and staff.get(record["group"]) is not None:
            lines.append(f"{t('ui.chart.staff', lang)}: {format_number(staff[record['group']], lang)}")
        hover.append("<br>".join(lines))
    has_interval = rows["ci_low"].is_not_null().any()
    bar = go.Bar(
        x=values,
        y=regions,
        orientation="h",
        marker={"color": [colors.get(r, PALETTE[0]) for r in regions]},
        # [value to narrow to, its region, hover text]: see src/ui/drill.py
        customdata=[[region, region, text] for region, text in zip(regions, hover, strict=True)],
        hovertemplate="%{customdata[2]}<extra></extra>",
        name=spec.label(lang),
        showlegend=False,
    )
    if has_interval:
        above = rows.select(((pl.col("ci_high") - pl.col("value")) * scale).fill_null(0.0)).to_series()
        below = rows.select(((pl.col("value") - pl.col("ci_low")) * scale).fill_null(0.0)).to_series()
        bar.error_x = {
            "type": "data",
            "symmetric": False,
            "array": above.to_list(),
            "arrayminus": below.to_list(),
            "color": "#555555",
            "thickness": 1.5,
            "width": 5,
        }
    # The value written just beyond the bar or its interval, so no line crosses it.
    ends = rows.select(pl.max_horizontal("value", "ci_high") * scale).to_series().to_list()
    labels = bar_labels(ends, regions, [f" {format_metric(spec, v, lang)}" for v in rows["value"]], size=14)
    title, subtitle = finding(frame, spec, lang)
    fig = go.Figure([bar, labels])
    fig.update_layout(
        title={"text": title, "subtitle": {"text": subtitle}, "x": 0, "xanchor": "left"},
        separators=SEPARATORS.get(lang, SEPARATORS["id"]),
        height=max(260, 130 + 52 * len(regions)),
        margin={"l": 8, "r": 24, "t": 84 if subtitle else 60, "b": 40},
        font={"family": FONT, "size": 14},
        bargap=0.35,
        xaxis={**_axis(spec), "title": {"text": ""}, "fixedrange": True},
        yaxis={"automargin": True, "fixedrange": True, "categoryorder": "array", "categoryarray": regions},
        hoverlabel={"font": {"family": FONT, "size": 14}},
    )
    # Room for the longest bar, its interval, its label and the target line (add_vline does not widen
    # the axis).
    reach = [*ends, *([spec.target * scale] if spec.target is not None else [])]
    if reach and max(reach) > 0:
        fig.update_xaxes(range=[0, max(reach) * 1.2])
        if spec.format is Format.PERCENT and max(reach) * 1.2 > 100:
            # Room for the labels past 100, but no "120 %" tick (Plotly drops the suffix on fixed
            # ticks, so they are written out).
            ticks = [0, 20, 40, 60, 80, 100]
            fig.update_xaxes(
                tickvals=ticks, ticktext=[format_percent(v / 100, lang, trim=True) for v in ticks]
            )
    if spec.target is not None:
        target = spec.target * scale
        fig.add_vline(
            x=target,
            line={"dash": "dash", "color": "#444444", "width": 1.5},
            annotation={
                "text": t(
                    "ui.chart.target_line", lang, value=format_metric(spec, spec.target, lang, trim=True)
                ),
                "yanchor": "bottom",
                "y": 1,
                "xanchor": "right",
                "showarrow": False,
                "font": {"size": 12, "color": "#444444"},
            },
        )
    return fig
