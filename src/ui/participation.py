"""The Partisipasi page: chart builders (pure: metric frames in, Plotly figure out) and the page's
sections (small Streamlit functions that fetch through src/ui/data.py and draw).

Every number comes from src/metrics; this module only sorts, picks the top rows, and turns JP into
shares of the chart's own total (a route's share of all JP, e-learning's share of a month's JP).
Titles state the finding; numbers go through src/ui/format.py; texts come from ui_participation.toml.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from src.i18n import t
from src.metrics.attention import MIN_STAFF_TO_RANK, target_for
from src.metrics.filters import AGE_BANDS, EDUCATION, GENDERS, GOLONGAN_GROUPS, JENIS_JABATAN
from src.metrics.registry import DIMENSIONS, METRIC_BY_ID, Format, MetricSpec, Source
from src.ui import charts, components, data
from src.ui.charts import wrap
from src.ui.downloads import download_buttons
from src.ui.drill import drill_chart
from src.ui.filters import View, relabel_on_language_change, value_label
from src.ui.format import (
    format_delta,
    format_jp,
    format_metric,
    format_number,
    format_percent,
    month_name,
    period_label,
)

# ---- what the page shows ---------------------------------------------------------------------------

CARD_METRICS = ("jp20_rate", "jp20_on_track_rate", "no_development_count")
PAGE_METRICS = ("asn_count", *CARD_METRICS, "nonclassical_share", "completion_rate")
GROUP_DIMENSIONS = (
    "unit", "jenis_jabatan", "position_level", "golongan_group", "gender", "age_band", "education",
)  # fmt: skip
# One call serves both OPD charts (compliance and no development), so the cache answers the second.
UNIT_METRICS = ("asn_count", "jp20_rate", "jp20_on_track_rate", "no_development_count", "participation_rate")
GROUP_METRICS = ("asn_count", "jp20_rate", "jp20_on_track_rate")
TREND_METRICS = ("participation_rate", "jp_per_asn", "jp20_on_track_rate")
UNIT_LIMIT = 15  # OPD in the compliance and no-development charts (the download has all)
TOP_LIMIT = 10  # topics, providers
# The spellings the importer normalises to (src/warehouse/contract.py: JALUR, KNOWN_BENTUK).
NONCLASSICAL = "Pelatihan Non-Klasikal"
E_LEARNING = "E-Learning"
JALUR_ORDER = ("Pelatihan Klasikal", NONCLASSICAL, "Pendidikan")
# Reading order of the groups (values not listed follow, alphabetically). Position levels from the
# highest (shared/domain.md) down.
POSITION_LEVELS = ("JPT Pratama", "Administrator", "Pengawas", "Struktural", "Fungsional", "Pelaksana")
GROUP_ORDER: dict[str, tuple[str, ...]] = {
    "jenis_jabatan": JENIS_JABATAN,
    "position_level": POSITION_LEVELS,
    "golongan_group": GOLONGAN_GROUPS,
    "gender": GENDERS,
    "age_band": AGE_BANDS,
    "education": EDUCATION,
}
UNKNOWN_VALUES = frozenset({"", "–"})  # how the metrics layer writes a missing topic / funding

# Colours for charts that are not about regions (Okabe–Ito shades; regions keep charts.region_colors).
NAVY, SKY, VERMILLION, GREY = "#1F3A5F", "#56B4E9", "#D55E00", "#C9CED6"
DISTRIBUTION_BELOW, DISTRIBUTION_ABOVE = VERMILLION, SKY
JALUR_COLORS = {"Pelatihan Klasikal": NAVY, NONCLASSICAL: SKY, "Pendidikan": GREY}
SMALL_OPACITY = 0.4


# ---- helpers ---------------------------------------------------------------------------------------


def _spec(metric_id: str) -> MetricSpec:
    return METRIC_BY_ID[metric_id]


def _pct(values: Sequence[float | None]) -> list[float | None]:
    """Shares (0.42) as per cent (42.0) for the axis; None stays a gap."""
    return [None if v is None else v * 100 for v in values]


def _percent_axis(lang: str, reach: float = 100.0) -> dict[str, object]:
    """0–100 % with room beyond `reach` for the value labels, but no tick past 100 %."""
    top = max(reach, 1.0)
    ticks = [v for v in (0, 20, 40, 60, 80, 100) if v <= top * 1.05] or [0]
    return {
        "range": [0, top * 1.18],
        "tickvals": ticks,
        "ticktext": [format_percent(v / 100, lang, trim=True) for v in ticks],
        "fixedrange": True,
        "title": {"text": ""},
    }


_TAG = re.compile(r"<[^>]+>")
# Plotly measures labels before the browser settles on a font, and Streamlit's fallback font can be
# wider: so the room for axis labels and legend entries is reserved from their length as well.
_CHAR_PX = 7.6


def _text_px(text: str) -> float:
    return max(len(_TAG.sub("", line)) for line in text.split("<br>")) * _CHAR_PX


def _room(fig: go.Figure, labels: Sequence[str] = ()) -> go.Figure:
    """Reserve the left margin for the longest y label and a fixed width for each legend entry."""
    if labels:
        fig.update_layout(margin={"l": int(max(_text_px(label) for label in labels)) + 16})
    names = [trace.name for trace in fig.data if trace.name and trace.showlegend is not False]
    if names:
        fig.update_layout(
            legend={"entrywidth": int(max(_text_px(n) for n in names)) + 44, "entrywidthmode": "pixels"}
        )
    return fig


def empty_figure(lang: str, height: int = 120) -> go.Figure:
    """A chart with nothing to draw: the title says so, no axes."""
    fig = go.Figure()
    charts.layout(fig, t("ui.participation.empty_chart", lang), "", lang, height, fixed_axes=False)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def is_empty_figure(fig: go.Figure) -> bool:
    return not fig.data


def group_label(dimension: str, value: str | None, lang: str) -> str:
    """How a group is named: Laki-laki, < 30 tahun, Golongan III, (tidak diisi) …"""
    if value is None or value in UNKNOWN_VALUES:
        return t("ui.participation.unknown", lang)
    return value_label(dimension, value, lang)


def _short(text: str, width: int = 34) -> str:
    """Long OPD and provider names cut for the axis (the hover has the full name)."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


UNIT_LINE = 24  # characters per line of an OPD's axis label (two lines at most)


def unit_tick(unit: str, region: str | None, colors: Mapping[str, str], with_region: bool) -> str:
    """An OPD's axis label, narrow enough for a tablet: the name on up to two lines and, with several
    regions in view, the region below it with its colour dot."""
    lines = wrap(unit, UNIT_LINE).split("<br>")
    if len(lines) > 2:
        lines = [lines[0], _short(" ".join(lines[1:]), UNIT_LINE)]
    label = "<br>".join(lines)
    if not with_region or not region:
        return label
    color = colors.get(region, charts.PALETTE[0])
    return f"{label}<br><span style='color:{color}'>●</span> <span style='color:#555'>{region}</span>"


def _row_px(ticks: Sequence[str]) -> int:
    """Height of one bar row: enough for the tallest label."""
    return 14 + 17 * max(tick.count("<br>") + 1 for tick in ticks)


def _label(text: str) -> str:
    """A value written beyond its bar, a little apart from it."""
    return f" {text}"


def _hover(lines: Sequence[str]) -> str:
    return "<br>".join(lines)


# ---- 1. distribution of JP per ASN -----------------------------------------------------------------


def _bin_text(jp_from: int, jp_to: int | None, lang: str) -> str:
    if jp_to is None:
        return t("ui.participation.dist_bin_open", lang, low=format_number(jp_from, lang))
    return t(
        "ui.participation.dist_bin", lang, low=format_number(jp_from, lang), high=format_number(jp_to, lang)
    )


def distribution_figure(
    dist: pl.DataFrame, jp20_rate: float | None, lang: str, end_month: int = 12
) -> go.Figure:
    """Bars of how many ASN completed how many JP (`jp_from`, `jp_to`, `staff` from
    compute.jp_distribution), the bins below 20 JP in the warning colour, the 20-JP line and, before
    December, the pace line (where JP per ASN should stand by `end_month`, attention.target_for).

    The title uses the registry's jp20_rate, so it matches the cards to the decimal.
    """
    if dist.is_empty() or not dist["staff"].sum():
        return empty_figure(lang)
    line = _spec("jp_per_asn").target or 20.0
    rows = dist.sort("jp_from")
    widths = [
        (jp_to - jp_from) if jp_to is not None else _open_width(rows)
        for jp_from, jp_to in rows.select("jp_from", "jp_to").iter_rows()
    ]
    below = [(jp_to if jp_to is not None else float("inf")) <= line for jp_to in rows["jp_to"]]
    hover = [
        _hover(
            [
                f"<b>{_bin_text(a, b, lang)}</b>",
                t("ui.participation.people", lang, count=format_number(n, lang)),
            ]
        )
        for a, b, n in rows.select("jp_from", "jp_to", "staff").iter_rows()
    ]
    fig = go.Figure()
    for is_below, name, color in (
        (True, t("ui.participation.dist_below", lang), DISTRIBUTION_BELOW),
        (False, t("ui.participation.dist_above", lang), DISTRIBUTION_ABOVE),
    ):
        keep = [i for i, b in enumerate(below) if b is is_below]
        if not keep:
            continue
        fig.add_bar(
            x=[rows["jp_from"][i] + widths[i] / 2 for i in keep],
            y=[rows["staff"][i] for i in keep],
            width=[widths[i] * 0.92 for i in keep],
            marker={"color": color},
            name=name,
            customdata=[hover[i] for i in keep],
            hovertemplate="%{customdata}<extra></extra>",
        )
    below_count = int(sum(n for n, b in zip(rows["staff"], below, strict=True) if b))
    title = t("ui.participation.dist_title", lang, share=format_percent(jp20_rate, lang))
    subtitle = t("ui.participation.dist_subtitle", lang, below=format_number(below_count, lang))
    charts.layout(
        fig, title, subtitle, lang, 280, legend=True, reserve_legend=False, extra_top=22, fixed_axes=False
    )
    last_from = int(rows["jp_from"][-1])
    ticks = list(range(0, last_from + 1, 10))
    ticktext = [format_number(v, lang) for v in ticks]
    if rows["jp_to"][-1] is None:  # the open-ended last bin: "≥ 60"
        ticks = [v for v in ticks if v < last_from] + [last_from + widths[-1] / 2]
        ticktext = [*ticktext[: len(ticks) - 1], f"≥ {format_number(last_from, lang)}"]
    fig.update_layout(
        xaxis={
            "title": {"text": t("ui.participation.dist_x", lang)},
            "tickvals": ticks,
            "ticktext": ticktext,
            "range": [0, last_from + widths[-1]],
            "fixedrange": True,
        },
        yaxis={
            "title": {"text": t("ui.participation.dist_y", lang)},
            "tickformat": ",.0f",
            "fixedrange": True,
        },
        bargap=0,
        legend={"x": 1, "xanchor": "right", "xref": "paper", "y": 0.98, "yanchor": "top", "yref": "paper"},
    )
    fig.add_vline(
        x=line,
        line={"dash": "dash", "color": "#222222", "width": 2},
        annotation={
            "text": t("ui.participation.dist_line", lang),
            "xanchor": "left",
            "yanchor": "bottom",
            "y": 1,
            "showarrow": False,
            "font": {"size": 13, "color": "#222222"},
        },
    )
    pace = target_for("jp_per_asn", end_month)
    if end_month < 12 and pace is not None:
        fig.add_vline(
            x=pace,
            line={"dash": "dot", "color": "#555555", "width": 1.5},
            annotation={
                "text": t(
                    "ui.participation.dist_pace",
                    lang,
                    month=month_name(end_month, lang),
                    value=format_jp(pace, lang, trim=True),
                ),
                "xanchor": "right",
                "yanchor": "bottom",
                "y": 1,
                "showarrow": False,
                "font": {"size": 12, "color": "#555555"},
            },
        )
    return _room(fig)


def _open_width(rows: pl.DataFrame) -> int:
    """The drawn width of the open-ended last bin: the same as the others."""
    closed = rows.filter(pl.col("jp_to").is_not_null())
    return int((closed["jp_to"] - closed["jp_from"]).max() or 5) if closed.height else 5


def distribution_table(dist: pl.DataFrame, lang: str) -> pl.DataFrame:
    return dist.sort("jp_from").select(
        pl.col("jp_from").alias(t("ui.participation.col_jp_from", lang)),
        pl.col("jp_to").alias(t("ui.participation.col_jp_to", lang)),
        pl.col("staff").alias(t("ui.participation.dist_y", lang)),
    )


# ---- 2. compliance by group ------------------------------------------------------------------------


def compliance_rows(
    frame: pl.DataFrame,
    dimension: str,
    lang: str,
    limit: int = UNIT_LIMIT,
    min_staff: int = MIN_STAFF_TO_RANK,
) -> pl.DataFrame:
    """The groups to draw, top of the chart first: `value`, `region`, `label`, `asn_count`, the two
    rates and `small` (fewer than `min_staff` ASN: drawn pale, not used for the title).

    OPD: the `limit` lowest on the on-track pace among OPD with at least `min_staff` ASN (all OPD when
    none has that many). Other dimensions: every group in its natural order.
    """
    rows = frame.select(
        pl.col("group").alias("value"),
        pl.col("group_region").alias("region"),
        "asn_count",
        "jp20_rate",
        "jp20_on_track_rate",
        (pl.col("asn_count") < min_staff).alias("small"),
    ).filter(pl.col("asn_count") > 0)
    if dimension == "unit":
        ranked = rows.filter(~pl.col("small"))
        rows = (ranked if ranked.height else rows).sort(
            ["jp20_on_track_rate", "asn_count"], descending=[False, True], nulls_last=True
        )
        rows = rows.head(limit)
    else:
        order = {v: i for i, v in enumerate(GROUP_ORDER.get(dimension, ()))}
        rows = rows.with_columns(
            pl.col("value").replace_strict(order, default=len(order), return_dtype=pl.Int64).alias("_order")
        )
        rows = rows.sort(["_order", "value"], nulls_last=True).drop("_order")
    labels = [
        value if dimension == "unit" else group_label(dimension, value, lang) for value in rows["value"]
    ]
    return rows.with_columns(pl.Series("label", labels, pl.String))


def compliance_figure(
    rows: pl.DataFrame, dimension: str, lang: str, colors: Mapping[str, str], total_groups: int | None = None
) -> go.Figure:
    """The on-track share as a light bar with the share that has reached 20 JP as a dark bar inside it,
    one row per group (`rows` from compliance_rows). OPD bars carry customdata [unit, region] for
    the drill-down; every bar's third customdata item is its hover text."""
    if rows.is_empty():
        return empty_figure(lang)
    track, reached = _spec("jp20_on_track_rate"), _spec("jp20_rate")
    is_unit = dimension == "unit"
    with_region = is_unit and rows["region"].drop_nulls().n_unique() > 1
    drawn = rows.reverse()  # Plotly draws the first category at the bottom
    keys = [f"{label}\u2063{region or ''}" for label, region in drawn.select("label", "region").iter_rows()]
    ticks = [
        unit_tick(label, region, colors, with_region) if is_unit else label
        for label, region in drawn.select("label", "region").iter_rows()
    ]
    custom = []
    for record in drawn.iter_rows(named=True):
        name = record["label"] + (f" ({record['region']})" if is_unit and record["region"] else "")
        text = _hover(
            [
                f"<b>{name}</b>",
                f"{track.label(lang)}: {format_metric(track, record['jp20_on_track_rate'], lang)}",
                f"{reached.label(lang)}: {format_metric(reached, record['jp20_rate'], lang)}",
                f"{t('ui.chart.staff', lang)}: {format_number(record['asn_count'], lang)}",
            ]
        )
        custom.append([record["value"], record["region"] or "", text])
    opacity = [SMALL_OPACITY if small else 1.0 for small in drawn["small"]]
    common = {
        "y": keys,
        "orientation": "h",
        "customdata": custom,
        "hovertemplate": "%{customdata[2]}<extra></extra>",
    }
    fig = go.Figure(
        [
            go.Bar(
                x=_pct(drawn["jp20_on_track_rate"].to_list()),
                name=track.label(lang),
                marker={"color": SKY, "opacity": opacity},
                width=0.75,
                text=[_label(format_metric(track, v, lang)) for v in drawn["jp20_on_track_rate"]],
                textposition="outside",
                cliponaxis=False,
                **common,
            ),
            go.Bar(
                x=_pct(drawn["jp20_rate"].to_list()),
                name=reached.label(lang),
                marker={"color": NAVY, "opacity": opacity},
                width=0.32,
                **common,
            ),
        ]
    )
    title, subtitle = _compliance_finding(rows, is_unit, lang, total_groups)
    charts.layout(
        fig, title, subtitle, lang, max(150, 50 + _row_px(ticks) * rows.height), legend=True, fixed_axes=False
    )
    fig.update_layout(
        barmode="overlay",
        xaxis=_percent_axis(lang),
        yaxis={
            "automargin": True,
            "fixedrange": True,
            "categoryorder": "array",
            "categoryarray": keys,
            "tickvals": keys,
            "ticktext": ticks,
        },
    )
    return _room(fig, ticks)


def _compliance_finding(
    rows: pl.DataFrame, is_unit: bool, lang: str, total_groups: int | None
) -> tuple[str, str]:
    spec = _spec("jp20_on_track_rate")
    known = rows.filter(pl.col("jp20_on_track_rate").is_not_null())
    ranked = known.filter(~pl.col("small")) if known.filter(~pl.col("small")).height else known

    def name(record: Mapping[str, object]) -> str:
        region = record["region"]
        return f"{record['label']} ({region})" if is_unit and region else str(record["label"])

    if ranked.is_empty():
        return t("ui.participation.empty_chart", lang), ""
    ordered = ranked.sort("jp20_on_track_rate")
    low = ordered.row(0, named=True)
    value = format_metric(spec, low["jp20_on_track_rate"], lang)
    if ordered.height == 1:
        return t("ui.participation.groups_title_single", lang, group=name(low), value=value), ""
    title = t("ui.participation.groups_title", lang, group=name(low), value=value)
    if is_unit:
        subtitle = t(
            "ui.participation.groups_subtitle_units",
            lang,
            shown=format_number(rows.height, lang),
            total=format_number(total_groups or rows.height, lang),
        )
    else:
        high = ordered.row(-1, named=True)
        subtitle = t(
            "ui.participation.groups_subtitle",
            lang,
            group=name(high),
            value=format_metric(spec, high["jp20_on_track_rate"], lang),
        )
    return title, subtitle


def compliance_table(frame: pl.DataFrame, dimension: str, lang: str) -> pl.DataFrame:
    """Every group (not only those drawn), rates in per cent."""
    track, reached = _spec("jp20_on_track_rate"), _spec("jp20_rate")
    # Labels are made in plain Python, not with map_elements: Python code inside a Polars
    # expression can deadlock with another session's to_pandas() (see src/ui/data.py).
    labels = (
        frame["group"] if dimension == "unit" else [group_label(dimension, v, lang) for v in frame["group"]]
    )
    columns = [pl.Series(DIMENSIONS[dimension].label(lang), labels, dtype=pl.String)]
    if dimension == "unit":
        columns.append(pl.col("group_region").alias(DIMENSIONS["region"].label(lang)))
    columns += [
        pl.col("asn_count").cast(pl.Int64).alias(_spec("asn_count").label(lang)),
        (pl.col("jp20_on_track_rate") * 100).alias(f"{track.label(lang)} (%)"),
        (pl.col("jp20_rate") * 100).alias(f"{reached.label(lang)} (%)"),
    ]
    return frame.select(columns)


# ---- 3. method mix ---------------------------------------------------------------------------------


def _shares(frame: pl.DataFrame) -> pl.DataFrame:
    """`group`, `jp_total` and each group's share of the frame's JP."""
    total = frame["jp_total"].sum()
    return frame.select("group", "jp_total").with_columns(
        share=pl.col("jp_total") / total if total else pl.lit(None, pl.Float64)
    )


def jalur_figure(by_jalur: pl.DataFrame, nonclassical_share: float | None, lang: str) -> go.Figure:
    """JP by route (klasikal, non-klasikal, pendidikan) as shares of all JP (`group`, `jp_total` from
    kpis by "jalur"); the title gives the registry's nonclassical_share."""
    if by_jalur.is_empty() or not by_jalur["jp_total"].sum():
        return empty_figure(lang)
    order = {v: i for i, v in enumerate(JALUR_ORDER)}
    rows = (
        _shares(by_jalur)
        .with_columns(_o=pl.col("group").replace_strict(order, default=len(order), return_dtype=pl.Int64))
        .sort(["_o", "group"])
        .reverse()
    )
    share_spec = _spec("nonclassical_share")
    hover = [
        _hover([f"<b>{g}</b>", format_jp(jp, lang, trim=True), format_percent(s, lang)])
        for g, jp, s in rows.select("group", "jp_total", "share").iter_rows()
    ]
    fig = go.Figure(
        go.Bar(
            x=_pct(rows["share"].to_list()),
            y=rows["group"].to_list(),
            orientation="h",
            marker={"color": [JALUR_COLORS.get(g, GREY) for g in rows["group"]]},
            text=[_label(format_percent(s, lang)) for s in rows["share"]],
            textposition="outside",
            cliponaxis=False,
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            width=0.6,
        )
    )
    title = t("ui.participation.jalur_title", lang, share=format_metric(share_spec, nonclassical_share, lang))
    subtitle = t(
        "ui.participation.jalur_subtitle", lang, total=format_jp(rows["jp_total"].sum(), lang, trim=True)
    )
    charts.layout(fig, title, subtitle, lang, 200, reserve_legend=True, fixed_axes=False)
    fig.update_layout(
        xaxis={**_percent_axis(lang), "title": {"text": t("ui.participation.jalur_x", lang)}},
        yaxis={"automargin": True, "fixedrange": True},
    )
    return _room(fig, rows["group"].to_list())


def jalur_table(by_jalur: pl.DataFrame, lang: str) -> pl.DataFrame:
    return _shares(by_jalur).select(
        pl.col("group").alias(t("ui.participation.col_route", lang)),
        pl.col("jp_total").alias(_spec("jp_total").label(lang)),
        (pl.col("share") * 100).alias(t("ui.participation.col_share", lang)),
    )


def elearning_rows(by_month: pl.DataFrame, by_month_method: pl.DataFrame, end_month: int) -> pl.DataFrame:
    """One row per month 1..end_month: `month`, `jp_total`, `nonclassical_share` (registry) and
    `elearning_share` (E-learning JP ÷ the month's JP; null for a month without JP)."""
    months = pl.DataFrame({"month": list(range(1, end_month + 1))}, schema={"month": pl.Int64})
    totals = by_month.select(pl.col("group").cast(pl.Int64).alias("month"), "jp_total", "nonclassical_share")
    elearning = by_month_method.filter(pl.col("group2") == E_LEARNING).select(
        pl.col("group").cast(pl.Int64).alias("month"), pl.col("jp_total").alias("jp_elearning")
    )
    return (
        months.join(totals, on="month", how="left")
        .join(elearning, on="month", how="left")
        .with_columns(
            elearning_share=pl.when(pl.col("jp_total") > 0).then(
                pl.col("jp_elearning").fill_null(0.0) / pl.col("jp_total")
            )
        )
        .select("month", "jp_total", "nonclassical_share", "elearning_share")
    )


def elearning_figure(rows: pl.DataFrame, lang: str) -> go.Figure:
    """The share of each month's JP from e-learning (and from all non-classical training), with a title
    that says where e-learning went from the first month to the last."""
    known = rows.filter(pl.col("elearning_share").is_not_null())
    if known.is_empty():
        return empty_figure(lang)
    months = [month_name(m, lang, "abbreviated") for m in rows["month"]]
    nonclassical = _spec("nonclassical_share")
    fig = go.Figure()
    for column, name, color, dash in (
        ("nonclassical_share", nonclassical.label(lang), SKY, "dot"),
        ("elearning_share", t("ui.participation.elearning_line", lang), NAVY, "solid"),
    ):
        values = rows[column].to_list()
        fig.add_scatter(
            x=months,
            y=_pct(values),
            mode="lines+markers",
            name=name,
            line={"color": color, "dash": dash, "width": 3 if dash == "solid" else 2},
            customdata=[f"{name}: {format_percent(v, lang)}" for v in values],
            hovertemplate="%{customdata}<extra></extra>",
            connectgaps=False,
        )
    first, last = known.row(0, named=True), known.row(-1, named=True)
    last_text = format_percent(last["elearning_share"], lang)
    if known.height == 1:
        title = t("ui.participation.elearning_single", lang, last=last_text)
    else:
        change = round(last["elearning_share"] * 1000) - round(first["elearning_share"] * 1000)
        key = "elearning_up" if change > 0 else "elearning_down" if change < 0 else "elearning_flat"
        title = t(f"ui.participation.{key}", lang, last=last_text)
    subtitle = t(
        "ui.participation.elearning_subtitle",
        lang,
        first_month=month_name(first["month"], lang),
        first=format_percent(first["elearning_share"], lang),
        last_month=month_name(last["month"], lang),
        last=last_text,
    )
    charts.layout(fig, title, subtitle, lang, 200, legend=True, fixed_axes=False)
    reach = 100 * max(rows["nonclassical_share"].max() or 0.0, known["elearning_share"].max() or 0.0)
    fig.update_layout(
        xaxis={"fixedrange": True, "type": "category"},
        yaxis={**_percent_axis(lang, reach), "title": {"text": t("ui.participation.elearning_y", lang)}},
        hovermode="x unified",
    )
    return _room(fig)


def elearning_table(rows: pl.DataFrame, lang: str) -> pl.DataFrame:
    return rows.select(
        pl.col("month").alias(t("ui.participation.col_month", lang)),
        pl.col("jp_total").alias(_spec("jp_total").label(lang)),
        (pl.col("nonclassical_share") * 100).alias(f"{_spec('nonclassical_share').label(lang)} (%)"),
        (pl.col("elearning_share") * 100).alias(t("ui.participation.col_elearning", lang)),
    )


# ---- 4. monthly trend ------------------------------------------------------------------------------


def trend_figure(
    now: pl.DataFrame, before: pl.DataFrame | None, metric_id: str, year: int, lang: str
) -> go.Figure:
    """Year-to-date values at the end of each month (compute.monthly_trend), this year as a solid line
    and, when `before` is given, the same months of last year dashed. Metrics whose target moves with
    the month (JP per ASN: 20 × month ÷ 12, attention.target_for) get that pace as a dotted line."""
    spec = _spec(metric_id)
    current = now.filter(pl.col(metric_id).is_not_null()).sort("month")
    if current.is_empty():
        return empty_figure(lang)
    scale = 100.0 if spec.format is Format.PERCENT else 1.0
    months = now.sort("month")["month"].to_list()
    series: list[tuple[str, list[int], list[float | None], str, str]] = []
    if spec.target is not None and target_for(metric_id, 12) != target_for(metric_id, 1):
        pace = [target_for(metric_id, m) for m in months]
        series.append((t("ui.participation.trend_pace", lang), months, pace, "#444444", "dot"))
    if before is not None:
        rows = before.sort("month")
        name = t("ui.participation.trend_last_year", lang, year=year - 1)
        series.append((name, rows["month"].to_list(), rows[metric_id].to_list(), GREY, "dash"))
    series.append((str(year), months, now.sort("month")[metric_id].to_list(), NAVY, "solid"))
    fig = go.Figure()
    reach = 0.0
    for name, x, values, color, dash in series:
        reach = max([reach, *(v * scale for v in values if v is not None)])
        fig.add_scatter(
            x=[month_name(m, lang, "abbreviated") for m in x],
            y=[None if v is None else v * scale for v in values],
            mode="lines" if dash == "dot" else "lines+markers",
            name=name,
            line={"color": color, "dash": dash, "width": 3 if dash == "solid" else 2},
            marker={"size": 7 if dash == "solid" else 5},
            customdata=[f"{name}: {format_metric(spec, v, lang)}" for v in values],
            hovertemplate="%{customdata}<extra></extra>",
        )
    last = current.row(-1, named=True)
    value = format_metric(spec, last[metric_id], lang)
    month = month_name(last["month"], lang)
    title = t("ui.participation.trend_title", lang, metric=spec.label(lang), value=value, month=month)
    earlier = before.filter(pl.col("month") == last["month"]) if before is not None else None
    previous = earlier[metric_id][0] if earlier is not None and earlier.height else None
    if previous is not None:
        title = t(
            "ui.participation.trend_title_change",
            lang,
            metric=spec.label(lang),
            value=value,
            month=month,
            change=format_delta(spec, last[metric_id] - previous, lang),
            year=year - 1,
        )
    charts.layout(fig, title, "", lang, 260, legend=True, fixed_axes=False)
    if spec.format is Format.PERCENT:
        yaxis = _percent_axis(lang, reach)
    else:
        yaxis = {
            "range": [0, reach * 1.15 or 1],
            "ticksuffix": " JP" if spec.format is Format.JP else "",
            "tickformat": ",.0f",
            "fixedrange": True,
        }
    fig.update_layout(
        xaxis={"fixedrange": True, "type": "category"},
        yaxis=yaxis,
        hovermode="x unified",
        legend={"traceorder": "reversed"},
    )
    return _room(fig)


def trend_table(now: pl.DataFrame, before: pl.DataFrame | None, year: int, lang: str) -> pl.DataFrame:
    """Both years one below the other: year, month, the three figures (rates in per cent)."""
    frames = [(year, now), *([(year - 1, before)] if before is not None else [])]
    columns = []
    for metric_id in TREND_METRICS:
        spec = _spec(metric_id)
        scale = 100.0 if spec.format is Format.PERCENT else 1.0
        suffix = " (%)" if spec.format is Format.PERCENT else ""
        columns.append((pl.col(metric_id) * scale).alias(f"{spec.label(lang)}{suffix}"))
    return pl.concat(
        [
            frame.sort("month").select(
                pl.lit(y, pl.Int64).alias(t("ui.participation.col_year", lang)),
                pl.col("month").cast(pl.Int64).alias(t("ui.participation.col_month", lang)),
                *columns,
            )
            for y, frame in frames
        ]
    )


# ---- 5. topics and providers -----------------------------------------------------------------------


def top_rows(frame: pl.DataFrame, dimension: str, lang: str, limit: int = TOP_LIMIT) -> pl.DataFrame:
    """The `limit` groups with the most JP (largest first): `label`, `jp_total`, `share` of all JP."""
    rows = _shares(frame.filter(pl.col("jp_total") > 0)).sort(["jp_total", "group"], descending=[True, False])
    labels = [group_label(dimension, g, lang) for g in rows["group"]]
    return rows.with_columns(pl.Series("label", labels, pl.String)).head(limit)


def top_figure(frame: pl.DataFrame, dimension: str, lang: str, limit: int = TOP_LIMIT) -> go.Figure:
    """Horizontal bars of JP by topic or provider (kpis by `dimension`, `jp_total`), the largest on
    top; the title names the largest and its share of all JP."""
    rows = top_rows(frame, dimension, lang, limit)
    if rows.is_empty():
        return empty_figure(lang)
    total_groups = frame.filter(pl.col("jp_total") > 0).height
    drawn = rows.reverse()
    hover = [
        _hover([f"<b>{label}</b>", format_jp(jp, lang, trim=True), format_percent(share, lang)])
        for label, jp, share in drawn.select("label", "jp_total", "share").iter_rows()
    ]
    fig = go.Figure(
        go.Bar(
            x=drawn["jp_total"].to_list(),
            y=[f"{i}\u2063{label}" for i, label in enumerate(drawn["label"])],
            orientation="h",
            marker={"color": NAVY},
            text=[_label(format_jp(v, lang, trim=True)) for v in drawn["jp_total"]],
            textposition="outside",
            cliponaxis=False,
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            width=0.65,
        )
    )
    first = rows.row(0, named=True)
    title = t(
        "ui.participation.top_title",
        lang,
        name=_short(first["label"], 40),
        jp=format_jp(first["jp_total"], lang, trim=True),
        share=format_percent(first["share"], lang),
    )
    key = "top_subtitle_topic" if dimension == "topic" else "top_subtitle_provider"
    subtitle = t(
        f"ui.participation.{key}",
        lang,
        shown=format_number(rows.height, lang),
        total=format_number(total_groups, lang),
    )
    ticks = [unit_tick(label, None, {}, False) for label in drawn["label"]]
    charts.layout(fig, title, subtitle, lang, max(170, 50 + _row_px(ticks) * rows.height), fixed_axes=False)
    keys = list(fig.data[0].y)
    fig.update_layout(
        xaxis={
            "range": [0, float(rows["jp_total"].max()) * 1.3],
            "tickformat": ",.0f",
            "fixedrange": True,
            "title": {"text": t("ui.participation.top_x", lang)},
        },
        yaxis={
            "automargin": True,
            "fixedrange": True,
            "tickvals": keys,
            "ticktext": ticks,
        },
    )
    return _room(fig, list(fig.layout.yaxis.ticktext))


def top_table(frame: pl.DataFrame, dimension: str, lang: str) -> pl.DataFrame:
    rows = top_rows(frame, dimension, lang, limit=frame.height)
    return rows.select(
        pl.col("label").alias(DIMENSIONS[dimension].label(lang)),
        pl.col("jp_total").alias(_spec("jp_total").label(lang)),
        (pl.col("share") * 100).alias(t("ui.participation.col_share", lang)),
    )


# ---- 6. completion and drop-out by method ----------------------------------------------------------


def completion_rows(long: pl.DataFrame) -> pl.DataFrame:
    """One row per method with records that ended: `method`, `ended`, `completion_rate`,
    `dropout_rate` (from kpis_long by "method"), the most drop-outs first."""
    if long.is_empty():
        return pl.DataFrame(
            schema={"method": pl.String, "ended": pl.Float64, "completion_rate": pl.Float64,
                    "dropout_rate": pl.Float64}
        )  # fmt: skip
    wide = long.pivot("metric", index="group", values="value")
    ended = long.filter(pl.col("metric") == "completion_rate").select(
        "group", pl.col("denominator").alias("ended")
    )
    return (
        wide.join(ended, on="group", how="left")
        .filter(pl.col("ended") > 0)
        .select(pl.col("group").alias("method"), "ended", "completion_rate", "dropout_rate")
        .sort(["dropout_rate", "ended"], descending=[True, True], nulls_last=True)
    )


def completion_figure(rows: pl.DataFrame, overall_completion: float | None, lang: str) -> go.Figure:
    """The drop-out rate per method as bars, the most on top, each labelled with its completion rate
    too (rows from completion_rows); the subtitle gives the scope's completion rate."""
    if rows.is_empty():
        return empty_figure(lang)
    completion, dropout = _spec("completion_rate"), _spec("dropout_rate")
    drawn = rows.reverse()
    methods = drawn["method"].to_list()
    hover = [
        _hover(
            [
                f"<b>{m}</b>",
                f"{dropout.label(lang)}: {format_metric(dropout, d, lang)}",
                f"{completion.label(lang)}: {format_metric(completion, c, lang)}",
                t("ui.participation.completion_ended", lang, count=format_number(n, lang)),
            ]
        )
        for m, n, c, d in drawn.select("method", "ended", "completion_rate", "dropout_rate").iter_rows()
    ]
    fig = go.Figure(
        go.Bar(
            x=_pct(drawn["dropout_rate"].to_list()),
            y=methods,
            orientation="h",
            marker={"color": VERMILLION},
            text=[
                _label(
                    t(
                        "ui.participation.completion_label",
                        lang,
                        dropout=format_metric(dropout, d, lang),
                        completion=format_metric(completion, c, lang),
                    )
                )
                for c, d in drawn.select("completion_rate", "dropout_rate").iter_rows()
            ],
            textposition="outside",
            cliponaxis=False,
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            name=dropout.label(lang),
            width=0.6,
        )
    )
    top = rows.row(0, named=True)
    if top["dropout_rate"]:
        title = t(
            "ui.participation.completion_title",
            lang,
            method=top["method"],
            value=format_metric(dropout, top["dropout_rate"], lang),
        )
    else:
        title = t("ui.participation.completion_title_none", lang)
    subtitle = t(
        "ui.participation.completion_subtitle",
        lang,
        value=format_metric(completion, overall_completion, lang),
    )
    charts.layout(fig, title, subtitle, lang, max(170, 50 + 30 * rows.height), fixed_axes=False)
    reach = 100 * (rows["dropout_rate"].max() or 0.0)
    fig.update_layout(
        xaxis={
            # Room for the two figures written beyond the longest bar.
            "range": [0, max(reach, 1.0) * 2.1],
            "ticksuffix": " %",
            "tickformat": ",.0f",
            "fixedrange": True,
            "title": {"text": dropout.label(lang)},
        },
        yaxis={"automargin": True, "fixedrange": True, "categoryorder": "array", "categoryarray": methods},
    )
    return _room(fig, methods)


def completion_table(rows: pl.DataFrame, lang: str) -> pl.DataFrame:
    return rows.select(
        pl.col("method").alias(DIMENSIONS["method"].label(lang)),
        pl.col("ended").cast(pl.Int64).alias(t("ui.participation.col_ended", lang)),
        (pl.col("completion_rate") * 100).alias(f"{_spec('completion_rate').label(lang)} (%)"),
        (pl.col("dropout_rate") * 100).alias(f"{_spec('dropout_rate').label(lang)} (%)"),
    )


# ---- 7. staff with no development at all, by OPD ---------------------------------------------------


def no_development_rows(by_unit: pl.DataFrame, limit: int = UNIT_LIMIT) -> pl.DataFrame:
    """OPD with staff who have had no development in the period, the most first: `unit`, `region`,
    `asn_count`, `no_development_count`, `participation_rate`."""
    return (
        by_unit.filter(pl.col("no_development_count") > 0)
        .sort(["no_development_count", "asn_count", "group"], descending=[True, True, False])
        .head(limit)
        .select(
            pl.col("group").alias("unit"),
            pl.col("group_region").alias("region"),
            "asn_count",
            "no_development_count",
            "participation_rate",
        )
    )


def no_development_figure(
    rows: pl.DataFrame, total_without: float | None, lang: str, colors: Mapping[str, str]
) -> go.Figure:
    """Per OPD a bar of how many of its staff have had no development, labelled "n of headcount";
    customdata [unit, region] for the drill-down. `total_without` is the scope's no_development_count."""
    if rows.is_empty():
        fig = empty_figure(lang)
        if total_without == 0:
            fig.update_layout(title={"text": t("ui.participation.nodev_title_none", lang)})
        return fig
    drawn = rows.reverse()
    with_region = rows["region"].drop_nulls().n_unique() > 1
    keys = [f"{u}\u2063{r or ''}" for u, r in drawn.select("unit", "region").iter_rows()]
    ticks = [unit_tick(u, r, colors, with_region) for u, r in drawn.select("unit", "region").iter_rows()]
    spec, staff, rate = _spec("no_development_count"), _spec("asn_count"), _spec("participation_rate")
    custom = [
        [
            u,
            r or "",
            _hover(
                [
                    f"<b>{u}</b>" + (f" ({r})" if r else ""),
                    f"{spec.label(lang)}: {t('ui.participation.people', lang, count=format_number(n, lang))}",
                    f"{staff.label(lang)}: {format_number(a, lang)}",
                    f"{rate.label(lang)}: {format_metric(rate, p, lang)}",
                ]
            ),
        ]
        for u, r, a, n, p in drawn.select(
            "unit", "region", "asn_count", "no_development_count", "participation_rate"
        ).iter_rows()
    ]
    fig = go.Figure(
        go.Bar(
            x=drawn["no_development_count"].to_list(),
            y=keys,
            orientation="h",
            name=spec.label(lang),
            marker={"color": VERMILLION},
            text=[
                _label(
                    t(
                        "ui.participation.of_total",
                        lang,
                        count=format_number(n, lang),
                        total=format_number(a, lang),
                    )
                )
                for a, n in drawn.select("asn_count", "no_development_count").iter_rows()
            ],
            textposition="outside",
            cliponaxis=False,
            customdata=custom,
            hovertemplate="%{customdata[2]}<extra></extra>",
            width=0.6,
        )
    )
    first = rows.row(0, named=True)
    title = t("ui.participation.nodev_title", lang, count=format_number(total_without, lang))
    subtitle = t(
        "ui.participation.nodev_subtitle",
        lang,
        unit=_short(first["unit"], 40),
        region=first["region"] or "",
        count=format_number(first["no_development_count"], lang),
        total=format_number(first["asn_count"], lang),
    )
    charts.layout(fig, title, subtitle, lang, max(150, 50 + _row_px(ticks) * rows.height), fixed_axes=False)
    fig.update_layout(
        xaxis={
            "range": [0, float(rows["no_development_count"].max()) * 1.45],
            "tickformat": ",.0f",
            "fixedrange": True,
            "title": {"text": t("ui.participation.nodev_x", lang)},
        },
        yaxis={
            "automargin": True,
            "fixedrange": True,
            "categoryorder": "array",
            "categoryarray": keys,
            "tickvals": keys,
            "ticktext": ticks,
        },
    )
    return _room(fig, ticks)


def no_development_table(by_unit: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Every OPD in scope, the most staff without development first."""
    return by_unit.sort(
        ["no_development_count", "asn_count", "group"], descending=[True, True, False]
    ).select(
        pl.col("group").alias(DIMENSIONS["unit"].label(lang)),
        pl.col("group_region").alias(DIMENSIONS["region"].label(lang)),
        pl.col("no_development_count").cast(pl.Int64).alias(_spec("no_development_count").label(lang)),
        pl.col("asn_count").cast(pl.Int64).alias(_spec("asn_count").label(lang)),
        (pl.col("participation_rate") * 100).alias(f"{_spec('participation_rate').label(lang)} (%)"),
    )


# ---- Streamlit: the page's sections ----------------------------------------------------------------

PLOTLY_CONFIG = components.PLOTLY_CONFIG
DIMENSION_KEY, TREND_KEY = "part_dimension", "part_trend_metric"


def _chart(fig: go.Figure, key: str) -> None:
    st.plotly_chart(fig, key=key, config=PLOTLY_CONFIG, width="stretch", alt=_alt(fig))


def _alt(fig: go.Figure) -> str:
    """The chart's finding for screen readers: its title and subtitle."""
    title = fig.layout.title
    parts = [title.text or "", (title.subtitle.text if title.subtitle else "") or ""]
    return ". ".join(p.replace("<br>", " ") for p in parts if p)


def _download(frame: pl.DataFrame, view: View, fig: go.Figure, stem: str) -> None:
    if not frame.is_empty():
        download_buttons(frame, view, _alt(fig), f"partisipasi_{stem}", key=f"part_{stem}")


def scope_totals(view: View) -> pl.DataFrame:
    """The page's figures for the whole scope (one row)."""
    return data.kpis(view.filters, metric_ids=PAGE_METRICS)


def cards(view: View, now: pl.DataFrame) -> None:
    """The 20 JP rule in three cards, with the change against the same months last year."""
    before = data.kpis(view.filters.previous_year(), metric_ids=CARD_METRICS)
    comparable = components.comparable_sources(data.periods(), view.filters.year - 1)
    components.render_cards(
        components.headline_cards(
            now.row(0, named=True),
            before.row(0, named=True) if before.height else None,
            view,
            comparable,
            metric_ids=CARD_METRICS,
        ),
        view.lang,
    )


def distribution_section(view: View, now: pl.DataFrame) -> None:
    lang = view.lang
    dist = data.call("jp_distribution", view.filters)
    fig = distribution_figure(dist, now["jp20_rate"][0], lang, view.filters.end_month)
    _chart(fig, "part_distribution")
    st.caption(t("ui.participation.dist_caption", lang))
    _download(distribution_table(dist, lang), view, fig, "sebaran_jp")


def groups_section(view: View) -> None:
    lang = view.lang
    relabel_on_language_change(DIMENSION_KEY)
    dimension = st.pills(
        t("ui.participation.groups_pick", lang),
        GROUP_DIMENSIONS,
        default="unit",
        required=True,
        format_func=lambda d: DIMENSIONS[d].label(lang),
        key=DIMENSION_KEY,
    )
    metric_ids = UNIT_METRICS if dimension == "unit" else GROUP_METRICS
    frame = data.kpis(view.filters, by=dimension, metric_ids=metric_ids)
    rows = compliance_rows(frame, dimension, lang)
    colors = charts.region_colors(view.choices.regions)
    fig = compliance_figure(rows, dimension, lang, colors, total_groups=frame.height)
    if dimension == "unit" and not is_empty_figure(fig):
        drill_chart(fig, "unit", "part_groups_unit")
    else:
        _chart(fig, f"part_groups_{dimension}")
    notes = [t("ui.participation.groups_caption", lang)]
    if dimension == "unit" and frame.height > rows.height:
        notes.append(t("ui.participation.groups_units_note", lang, min=MIN_STAFF_TO_RANK))
    elif rows["small"].any():
        notes.append(t("ui.participation.groups_small", lang, min=MIN_STAFF_TO_RANK))
    st.caption(" ".join(notes))
    _download(compliance_table(frame, dimension, lang), view, fig, f"20jp_{dimension}")


def no_development_section(view: View, now: pl.DataFrame) -> None:
    lang, f = view.lang, view.filters
    by_unit = data.kpis(f, by="unit", metric_ids=UNIT_METRICS)
    rows = no_development_rows(by_unit)
    colors = charts.region_colors(view.choices.regions)
    fig = no_development_figure(rows, now["no_development_count"][0], lang, colors)
    if is_empty_figure(fig):
        _chart(fig, "part_nodev")
    else:
        drill_chart(fig, "unit", "part_nodev")
        st.caption(
            t(
                "ui.participation.nodev_caption",
                lang,
                shown=format_number(rows.height, lang),
                total=format_number(by_unit.height, lang),
                period=period_label(f.year, f.end_month, lang),
            )
        )
    _download(no_development_table(by_unit, lang), view, fig, "belum_ikut")


def method_section(view: View, now: pl.DataFrame) -> None:
    lang, f = view.lang, view.filters
    by_jalur = data.kpis(f, by="jalur", metric_ids=["jp_total"])
    rows = elearning_rows(
        data.kpis(f, by="month", metric_ids=["jp_total", "nonclassical_share"]),
        data.kpis(f, by="month", by2="method", metric_ids=["jp_total"]),
        f.end_month,
    )
    grid = st.grid(2, min_column_width=380, gap="medium")
    with grid.cell():
        fig = jalur_figure(by_jalur, now["nonclassical_share"][0], lang)
        _chart(fig, "part_jalur")
        _download(jalur_table(by_jalur, lang), view, fig, "jalur")
    with grid.cell():
        fig = elearning_figure(rows, lang)
        _chart(fig, "part_elearning")
        _download(elearning_table(rows, lang), view, fig, "elearning_bulanan")
    st.caption(t("ui.participation.elearning_caption", lang))


def trend_section(view: View) -> None:
    lang, f = view.lang, view.filters
    relabel_on_language_change(TREND_KEY)
    metric_id = st.pills(
        t("ui.participation.trend_pick", lang),
        TREND_METRICS,
        default=TREND_METRICS[0],
        required=True,
        format_func=lambda m: _spec(m).label(lang),
        key=TREND_KEY,
    )
    now = data.monthly_trend(f, metric_ids=TREND_METRICS)
    comparable = components.comparable_sources(data.periods(), f.year - 1)
    has_previous = Source.PARTICIPATION in comparable
    before = data.monthly_trend(f.previous_year(), metric_ids=TREND_METRICS) if has_previous else None
    fig = trend_figure(now, before, metric_id, f.year, lang)
    _chart(fig, "part_trend")
    note = t("ui.participation.trend_caption", lang)
    if before is None:
        note += " " + t("ui.participation.trend_no_previous", lang, year=f.year - 1)
    st.caption(note)
    _download(trend_table(now, before, f.year, lang), view, fig, "tren_bulanan")


def topics_section(view: View) -> None:
    lang = view.lang
    grid = st.grid(2, min_column_width=380, gap="medium")
    for dimension, stem in (("topic", "topik"), ("provider", "penyelenggara")):
        frame = data.kpis(view.filters, by=dimension, metric_ids=["jp_total"])
        with grid.cell():
            fig = top_figure(frame, dimension, lang)
            _chart(fig, f"part_{stem}")
            _download(top_table(frame, dimension, lang), view, fig, stem)
    st.caption(t("ui.participation.topics_caption", lang))


def completion_section(view: View, now: pl.DataFrame) -> None:
    lang = view.lang
    rows = completion_rows(
        data.kpis_long(view.filters, by="method", metric_ids=["completion_rate", "dropout_rate"])
    )
    fig = completion_figure(rows, now["completion_rate"][0], lang)
    _chart(fig, "part_completion")
    st.caption(t("ui.participation.completion_caption", lang))
    _download(completion_table(rows, lang), view, fig, "kelulusan")
