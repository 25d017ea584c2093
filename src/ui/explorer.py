"""Eksplorasi (analysts): any metric by one or two dimensions, as a table, a chart and a download.

The choice (metric, first and second dimension) is kept in the page address next to the sidebar's
filters, so that a copied link opens the same view:

| parameter | meaning            | values                                                            |
|-----------|--------------------|-------------------------------------------------------------------|
| metrik    | the metric         | an id of src/metrics/registry.py METRICS (default jp20_rate)      |
| dim       | first dimension    | a DIMENSIONS id whose sources hold the metric's (default unit)    |
| dim2      | second dimension   | another such id, left out for none                                |

The page declares these keys in src/ui/pages_registry.py (PageSpec.url_params), so the sidebar keeps
them when it writes its filters into the address. The page reads them once per browser session and
writes them on every run. A value that is not recognised falls back to its default with a notice
that names the parameter (never echoes the value).

Builders are pure (frames in, figures and tables out); the Streamlit part is at the end.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from src.i18n import t
from src.metrics.attention import MIN_STAFF_TO_RANK
from src.metrics.filters import AGE_BANDS, EDUCATION, GOLONGAN_GROUPS, JENIS_JABATAN, JENIS_PEGAWAI
from src.metrics.registry import DIMENSIONS, METRIC_BY_ID, METRICS, Format, MetricSpec, Source
from src.ui import charts, components, data
from src.ui.comparison import base_text, interval_text, whiskers
from src.ui.downloads import download_buttons
from src.ui.filters import View, relabel_on_language_change, value_label
from src.ui.format import format_metric, format_number, month_name

URL_METRIC, URL_DIM, URL_DIM2 = "metrik", "dim", "dim2"
URL_KEYS = (URL_METRIC, URL_DIM, URL_DIM2)
KEY_METRIC, KEY_DIM, KEY_DIM2 = "x_metric", "x_dim", "x_dim2"
KEY_SIDE = "x_side"
NO_DIM = ""  # the second-dimension option "none"
_LOADED = "_explorer_url_loaded"
_CHOICE = "_explorer_choice"

# Charts stay readable: at most this many categories (the table always holds every row).
TOP_BARS = 20  # one dimension
TOP_ROWS = 15  # two dimensions: rows of the heatmap or groups of bars
TOP_COLUMNS = 12  # two dimensions: columns of the heatmap
GROUPED_MAX_SERIES = 4  # up to this many second-dimension values: grouped bars, else a heatmap
GROUPED_MAX_ROWS = 10
LABEL_CHARS = 32  # axis labels are cut to this length (the hover text has the whole name)
HEAT_CHARS = 22  # a heatmap's row labels are cut shorter, to leave room for its columns
# Dimensions with a natural order: shown in that order, not by value.
ORDERED = {
    "month": tuple(f"{m:02d}" for m in range(1, 13)),
    "age_band": AGE_BANDS,
    "education": EDUCATION,
    "golongan_group": GOLONGAN_GROUPS,
    "jenis_pegawai": JENIS_PEGAWAI,
    "jenis_jabatan": JENIS_JABATAN,
}
# Denominators that count people or records (a group resting on few of them is noisy).
COUNTED_BASES = frozenset(
    {"asn_count", "records_ended", "pairs", "jpm_staff", "satisfaction_n", "gain_n", "records_costed"}
)
_VALUE_LABELS = {"gender", "age_band", "golongan_group"}  # coded values with words (filters.value_label)


@dataclass(frozen=True)
class Choice:
    metric: str
    dim: str
    dim2: str | None = None


DEFAULT = Choice("jp20_rate", "unit", None)


def dimension_options(metric_id: str) -> list[str]:
    """Dimensions the metric can be grouped by (its source is among the dimension's sources)."""
    source = METRIC_BY_ID[metric_id].source
    return [d.id for d in DIMENSIONS.values() if source in d.sources]


def second_dimension_options(metric_id: str, dim: str) -> list[str]:
    """Second dimensions whose sources meet both the first dimension's and the metric's source."""
    source = METRIC_BY_ID[metric_id].source
    first = DIMENSIONS[dim].sources
    return [d.id for d in DIMENSIONS.values() if d.id != dim and source in d.sources and d.sources & first]


def default_dimension(metric_id: str) -> str:
    options = dimension_options(metric_id)
    return DEFAULT.dim if DEFAULT.dim in options else options[0]


def _single(values: Sequence[str]) -> str | None:
    return values[0] if len(values) == 1 else None


def parse_choice(params: Mapping[str, Sequence[str]]) -> tuple[Choice, list[str]]:
    """The choice in URL parameters (name -> every value given) and the names of those refused.

    Pure and total: every input gives a valid choice; unknown parameters are ignored.
    """
    rejected: list[str] = []
    metric = DEFAULT.metric
    if URL_METRIC in params:
        value = _single(params[URL_METRIC])
        if value in METRIC_BY_ID:
            metric = value
        else:
            rejected.append(URL_METRIC)
    dim = default_dimension(metric)
    if URL_DIM in params:
        value = _single(params[URL_DIM])
        if value in dimension_options(metric):
            dim = value
        else:
            rejected.append(URL_DIM)
    dim2 = None
    if URL_DIM2 in params:
        value = _single(params[URL_DIM2])
        if value in second_dimension_options(metric, dim):
            dim2 = value
        elif value != NO_DIM:
            rejected.append(URL_DIM2)
    return Choice(metric, dim, dim2), rejected  # type: ignore[arg-type]


def choice_params(choice: Choice) -> dict[str, list[str]]:
    """The URL parameters of a choice (dim2 left out for none)."""
    params = {URL_METRIC: [choice.metric], URL_DIM: [choice.dim]}
    if choice.dim2:
        params[URL_DIM2] = [choice.dim2]
    return params


# ---- frames ------------------------------------------------------------------------------------------


def category_label(dim: str, value: str | None, lang: str, region: str | None = None) -> str:
    """How a group value is shown: Laki-laki, Mei, Golongan III, Dinas Pendidikan · Serang."""
    if value is None or value == "":
        return t("ui.explorer.unknown", lang)
    if dim == "month" and value.isdigit() and 1 <= int(value) <= 12:
        return month_name(int(value), lang)
    if dim in _VALUE_LABELS:
        return value_label(dim, value, lang)
    if dim == "unit" and region:
        return f"{value} · {region}"
    return value


def short(label: str, limit: int = LABEL_CHARS) -> str:
    """An axis label cut to `limit` characters with an ellipsis."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def labelled(long: pl.DataFrame, choice: Choice, lang: str) -> pl.DataFrame:
    """kpis_long rows of the chosen metric with display labels: `label` (first dimension), `label2`
    (second, "" without one) and `region` (the OPD's region when a dimension is the OPD)."""
    rows = long.filter(pl.col("metric") == choice.metric)
    unit_first, unit_second = choice.dim == "unit", choice.dim2 == "unit"
    labels, labels2 = [], []
    for r in rows.iter_rows(named=True):
        labels.append(category_label(choice.dim, r["group"], lang, r["group_region"] if unit_first else None))
        labels2.append(
            category_label(choice.dim2, r["group2"], lang, r["group_region"] if unit_second else None)
            if choice.dim2
            else ""
        )
    return rows.with_columns(
        label=pl.Series(labels, dtype=pl.String),
        label2=pl.Series(labels2, dtype=pl.String),
        region=pl.col("group_region") if (unit_first or unit_second) else pl.lit(None, pl.String),
    )


def _order_key(dim: str, frame: pl.DataFrame, column: str, raw: str) -> pl.DataFrame:
    """Frame sorted by the dimension's natural order when it has one (`raw` holds the codes)."""
    order = ORDERED.get(dim)
    if not order:
        return frame
    position = {v: i for i, v in enumerate(order)}
    return frame.with_columns(
        pl.col(raw).replace_strict(position, default=len(order), return_dtype=pl.Int32).alias(column)
    )


def min_base(spec: MetricSpec) -> int:
    """The smallest count a group needs to enter a capped chart (rankings leave out groups so small
    that one person swings their figure: src/metrics/attention.py MIN_STAFF_TO_RANK); 0 when the
    metric's denominator is not a count of people or records."""
    return MIN_STAFF_TO_RANK if spec.denominator in COUNTED_BASES else 0


@dataclass(frozen=True)
class Picked:
    labels: list[str]  # the categories to draw, in display order
    total: int  # categories with a value
    small_left_out: int = 0  # left out for resting on fewer than min_base


def pick_categories(
    totals: pl.DataFrame, dim: str, limit: int, lowest: bool = False, minimum: int = 0
) -> Picked:
    """Which categories a chart shows, in display order, and how many there are in all.

    `totals` has `label`, `group`, `value` and `denominator` (the metric over the dimension alone).
    All of them when they fit in `limit`; beyond it, the highest (or lowest, `lowest`) `limit` by
    value among those resting on at least `minimum`. Ordered dimensions (months, age bands …) keep
    their order; the others go by value, highest first (lowest first when `lowest`).
    """
    known = totals.filter(pl.col("value").is_not_null())
    eligible = known
    if known.height > limit and minimum:
        eligible = known.filter(pl.col("denominator").is_null() | (pl.col("denominator") >= minimum))
    chosen = eligible.sort(["value", "label"], descending=[not lowest, False], nulls_last=True).head(limit)
    if dim in ORDERED:
        chosen = _order_key(dim, chosen, "_order", "group").sort("_order", "label")
    return Picked(chosen["label"].to_list(), known.height, known.height - eligible.height)


def table_frame(rows: pl.DataFrame, choice: Choice, lang: str) -> pl.DataFrame:
    """Every row, formatted, highest value first, with its rank (sortable) for analysts."""
    spec = METRIC_BY_ID[choice.metric]
    ordered = rows.sort(["value", "label", "label2"], descending=[True, False, False], nulls_last=True)
    ranks = ordered["value"].rank("min", descending=True).cast(pl.Int32)
    columns: dict[str, object] = {DIMENSIONS[choice.dim].label(lang): ordered["label"]}
    if choice.dim2:
        columns[DIMENSIONS[choice.dim2].label(lang)] = ordered["label2"]
    columns[spec.label(lang)] = [format_metric(spec, v, lang) for v in ordered["value"]]
    if spec.wilson:
        columns[t("ui.chart.interval", lang)] = [
            interval_text(spec, lo, hi, lang)
            for lo, hi in zip(ordered["ci_low"], ordered["ci_high"], strict=True)
        ]
    if spec.denominator:
        columns[t("ui.comparison.base", lang)] = [base_text(spec, d, lang) for d in ordered["denominator"]]
    columns[t("ui.explorer.col_rank", lang)] = ranks
    return pl.DataFrame(columns)


def table_columns(choice: Choice, lang: str) -> dict[str, object]:
    """Column widths that keep the value in sight on a tablet: the first dimension's names pinned
    on the left and medium wide, the other columns as wide as their content."""
    return {DIMENSIONS[choice.dim].label(lang): st.column_config.TextColumn(width="medium", pinned=True)}


def download_frame(rows: pl.DataFrame, choice: Choice, lang: str) -> pl.DataFrame:
    """Every row as numbers (percentages in per cent), with interval, numerator and denominator."""
    spec = METRIC_BY_ID[choice.metric]
    scale = 100.0 if spec.format is Format.PERCENT else 1.0
    ordered = rows.sort(["label", "label2"])
    columns: dict[str, pl.Series | list[object]] = {DIMENSIONS[choice.dim].label(lang): ordered["label"]}
    if choice.dim2:
        columns[DIMENSIONS[choice.dim2].label(lang)] = ordered["label2"]
    columns[t("ui.comparison.col_metric", lang)] = [spec.label(lang)] * ordered.height
    columns[t("ui.comparison.col_value", lang)] = ordered["value"] * scale
    columns[t("ui.comparison.col_unit", lang)] = [components.unit_label(spec, lang)] * ordered.height
    if spec.wilson:
        columns[t("ui.comparison.col_low", lang)] = ordered["ci_low"] * scale
        columns[t("ui.comparison.col_high", lang)] = ordered["ci_high"] * scale
    columns[t("ui.comparison.col_numerator", lang)] = ordered["numerator"]
    if spec.denominator:
        columns[t("ui.comparison.col_denominator", lang)] = ordered["denominator"]
    return pl.DataFrame(columns)


def small_groups(rows: pl.DataFrame, spec: MetricSpec) -> int:
    """How many groups (cells) rest on fewer than min_base (their figure swings by chance)."""
    minimum = min_base(spec)
    if not minimum:
        return 0
    return rows.filter(pl.col("value").is_not_null() & (pl.col("denominator") < minimum)).height


# ---- figures ---------------------------------------------------------------------------------------


def _scale(spec: MetricSpec) -> float:
    return 100.0 if spec.format is Format.PERCENT else 1.0


def _hover(spec: MetricSpec, record: Mapping[str, object], lang: str, title: str) -> str:
    lines = [f"<b>{title}</b>", f"{spec.label(lang)}: {format_metric(spec, record['value'], lang)}"]  # type: ignore[arg-type]
    interval = interval_text(spec, record.get("ci_low"), record.get("ci_high"), lang)  # type: ignore[arg-type]
    if interval:
        lines.append(f"{t('ui.chart.interval', lang)}: {interval}")
    base = base_text(spec, record.get("denominator"), lang)  # type: ignore[arg-type]
    if base:
        lines.append(f"{t('ui.comparison.base', lang)}: {base}")
    return "<br>".join(lines)


def _label_margin(labels: Sequence[str]) -> int:
    """Room on the left for the category labels (Plotly's automargin alone cuts long ones)."""
    return 16 + int(6.8 * max((len(short(label)) for label in labels), default=0))


def _layout(
    fig: go.Figure, title: str, subtitle: str, lang: str, height: int, labels: Sequence[str] = ()
) -> go.Figure:
    fig.update_layout(
        title={"text": title, "subtitle": {"text": subtitle}, "x": 0, "xanchor": "left"},
        separators=charts.SEPARATORS.get(lang, charts.SEPARATORS["id"]),
        height=height,
        margin={"l": _label_margin(labels), "r": 24, "t": 104 if subtitle else 84, "b": 40},
        font={"family": charts.FONT, "size": 13},
        hoverlabel={"font": {"family": charts.FONT, "size": 13}},
    )
    return fig


def _axis(spec: MetricSpec) -> dict[str, object]:
    suffix = {Format.PERCENT: " %", Format.JP: " JP"}.get(spec.format, "")
    axis: dict[str, object] = {"ticksuffix": suffix, "rangemode": "tozero", "fixedrange": True}
    if spec.format is Format.RUPIAH:
        axis.update(tickprefix="Rp", tickformat=",.3s")
    return axis


FINDING_CHARS = 26  # names in a title are cut shorter than on an axis, so it fits on a tablet


def finding(rows: pl.DataFrame, spec: MetricSpec, lang: str, two: bool = False) -> tuple[str, str]:
    """Title and subtitle: the metric, then the highest group (or cell) on a second line; the
    lowest as the subtitle. Long names are cut so the title fits on a tablet."""
    known = rows.filter(pl.col("value").is_not_null()).sort(["value", "label"], descending=[True, False])
    metric = spec.label(lang)
    if known.is_empty():
        return t("ui.chart.finding_none", lang, metric=metric), ""

    def name(i: int) -> str:
        first = known["label"][i]
        if not two:
            return short(first, FINDING_CHARS)
        return f"{short(first, FINDING_CHARS - 6)} · {short(known['label2'][i], 16)}"

    top = t("ui.explorer.finding_top", lang, name=name(0), value=format_metric(spec, known["value"][0], lang))
    title = f"{metric}<br>{top}"
    if known.height == 1:
        return title, ""
    bottom = t(
        "ui.chart.finding_lowest",
        lang,
        bottom=name(-1),
        bottom_value=format_metric(spec, known["value"][-1], lang),
    )
    return title, bottom


def cap_note(shown: int, total: int, dim: str, lang: str, lowest: bool) -> str:
    """'Grafik menampilkan 20 OPD dengan nilai tertinggi dari 101; tabel memuat semuanya.' ("" if all)."""
    if shown >= total:
        return ""
    key = "ui.explorer.cap_lowest" if lowest else "ui.explorer.cap_highest"
    return t(key, lang, shown=shown, total=total, dim=DIMENSIONS[dim].label(lang))


def bar_figure(
    rows: pl.DataFrame, spec: MetricSpec, lang: str, categories: Sequence[str], subtitle: str | None = None
) -> go.Figure:
    """One dimension: horizontal bars in `categories` order (first on top), 95 % whiskers when the
    metric has them, the value beside each bar."""
    by_label = {r["label"]: r for r in rows.iter_rows(named=True)}
    shown = [c for c in categories if c in by_label and by_label[c]["value"] is not None]
    order = list(reversed(shown))  # Plotly draws the first category at the bottom
    scale = _scale(spec)
    values = [by_label[c]["value"] * scale for c in order]
    bar = go.Bar(
        x=values,
        y=order,
        orientation="h",
        marker={"color": charts.PALETTE[0]},
        customdata=[[c] for c in order],
        hovertext=[_hover(spec, by_label[c], lang, c) for c in order],
        hovertemplate="%{hovertext}<extra></extra>",
        showlegend=False,
    )
    highs = [by_label[c]["ci_high"] for c in order]
    lows = [by_label[c]["ci_low"] for c in order]
    if spec.wilson and any(h is not None for h in highs):
        bar.error_x = whiskers(values, lows, highs, scale)
    ends = [max(v, (h or 0.0) * scale) for v, h in zip(values, highs, strict=True)]
    labels = go.Scatter(
        x=ends,
        y=order,
        mode="text",
        text=[f" {format_metric(spec, by_label[c]['value'], lang)}" for c in order],
        textposition="middle right",
        textfont={"size": 12},
        hoverinfo="skip",
        showlegend=False,
    )
    fig = go.Figure([bar, labels])
    title, lowest = finding(rows.filter(pl.col("label").is_in(shown)), spec, lang)
    _layout(
        fig, title, lowest if subtitle is None else subtitle, lang, max(260, 130 + 30 * len(order)), order
    )
    reach = max(ends, default=0.0)
    fig.update_layout(
        bargap=0.3,
        xaxis={**_axis(spec), "range": [0, reach * 1.25 if reach > 0 else 1], "title": {"text": ""}},
        yaxis={
            "categoryorder": "array",
            "categoryarray": order,
            "tickvals": order,
            "ticktext": [short(c) for c in order],
            "automargin": True,
            "fixedrange": True,
        },
    )
    return fig


def grouped_figure(
    rows: pl.DataFrame,
    spec: MetricSpec,
    lang: str,
    categories: Sequence[str],
    series: Sequence[str],
    colors: Mapping[str, str],
    subtitle: str | None = None,
) -> go.Figure:
    """Two dimensions, few second values: horizontal bars grouped by the first dimension, one colour
    per second-dimension value (a region keeps its colour), 95 % whiskers when known."""
    scale = _scale(spec)
    order = list(reversed(categories))
    cells = {(r["label"], r["label2"]): r for r in rows.iter_rows(named=True)}
    fig = go.Figure()
    # Plotly stacks a group's bars from the bottom: added last to first, they read top-down in the
    # order of `series`, as the (reversed) legend lists them.
    for i, name in reversed(list(enumerate(series))):
        present = [c for c in order if (c, name) in cells and cells[(c, name)]["value"] is not None]
        records = [cells[(c, name)] for c in present]
        values = [r["value"] * scale for r in records]
        bar = go.Bar(
            x=values,
            y=present,
            orientation="h",
            name=name,
            marker={"color": colors.get(name, charts.PALETTE[i % len(charts.PALETTE)])},
            customdata=[[c, name] for c in present],
            hovertext=[_hover(spec, r, lang, f"{c} · {name}") for c, r in zip(present, records, strict=True)],
            hovertemplate="%{hovertext}<extra></extra>",
        )
        if spec.wilson:
            bar.error_x = whiskers(
                values, [r["ci_low"] for r in records], [r["ci_high"] for r in records], scale
            )
        fig.add_trace(bar)
    shown = rows.filter(pl.col("label").is_in(list(categories)) & pl.col("label2").is_in(list(series)))
    title, lowest = finding(shown, spec, lang, two=True)
    height = max(300, 150 + len(order) * (16 + 14 * len(series)))
    _layout(fig, title, lowest if subtitle is None else subtitle, lang, height, order)
    fig.update_layout(
        barmode="group",
        bargap=0.25,
        legend={
            "orientation": "h",
            "yref": "container",
            "yanchor": "bottom",
            "y": 0.01,
            "x": 0,
            "traceorder": "reversed",
        },
        margin={"t": 104, "b": 72},
        xaxis={**_axis(spec), "title": {"text": ""}},
        yaxis={
            "categoryorder": "array",
            "categoryarray": order,
            "tickvals": order,
            "ticktext": [short(c) for c in order],
            "automargin": True,
            "fixedrange": True,
        },
    )
    return fig


def cell_text(spec: MetricSpec, value: float | None, lang: str) -> str:
    """A heatmap cell's number, without the unit the colour bar names (42,8 rather than 42,8 %)."""
    if value is None:
        return ""
    if spec.format is Format.PERCENT:
        return format_number(value * 100, lang, 1)
    if spec.format is Format.JP:
        return format_number(value, lang, 1)
    return format_metric(spec, value, lang)


def heatmap_figure(
    rows: pl.DataFrame,
    spec: MetricSpec,
    lang: str,
    categories: Sequence[str],
    columns: Sequence[str],
    subtitle: str | None = None,
    column_ticks: Sequence[str] | None = None,
) -> go.Figure:
    """Two dimensions, many values: a grid of `categories` (rows, first on top) × `columns`, the
    colour and the number giving the value; empty cells have no value."""
    scale = _scale(spec)
    cells = {(r["label"], r["label2"]): r for r in rows.iter_rows(named=True)}
    z, text, hover = [], [], []
    for category in categories:
        z_row, text_row, hover_row = [], [], []
        for column in columns:
            record = cells.get((category, column))
            value = None if record is None else record["value"]
            z_row.append(None if value is None else value * scale)
            text_row.append(cell_text(spec, value, lang))
            hover_row.append("" if value is None else _hover(spec, record, lang, f"{category} · {column}"))
        z.append(z_row)
        text.append(text_row)
        hover.append(hover_row)
    unit = components.unit_label(spec, lang)
    heat = go.Heatmap(
        z=z,
        x=list(columns),
        y=list(categories),
        text=text,
        texttemplate="%{text}",
        textfont={"size": 10},
        hovertext=hover,
        hovertemplate="%{hovertext}<extra></extra>",
        colorscale="Blues",
        colorbar={"title": {"text": unit}, "thickness": 10, "xpad": 4},
        xgap=1,
        ygap=1,
    )
    fig = go.Figure(heat)
    shown = rows.filter(pl.col("label").is_in(list(categories)) & pl.col("label2").is_in(list(columns)))
    title, lowest = finding(shown, spec, lang, two=True)
    height = max(320, 210 + 28 * len(categories))
    _layout(
        fig,
        title,
        lowest if subtitle is None else subtitle,
        lang,
        height,
        [short(c, HEAT_CHARS) for c in categories],
    )
    fig.update_layout(
        xaxis={
            "side": "top",
            "tickvals": list(columns),
            "ticktext": list(column_ticks) if column_ticks else [short(c, 12) for c in columns],
            "tickangle": -40 if len(columns) > 6 else 0,
            "fixedrange": True,
        },
        yaxis={
            "autorange": "reversed",
            "tickvals": list(categories),
            "ticktext": [short(c, HEAT_CHARS) for c in categories],
            "automargin": True,
            "fixedrange": True,
        },
        margin={"t": 170},
    )
    return fig


def column_ticks(dim: str, labels: Sequence[str], lang: str) -> list[str] | None:
    """Short column names for a heatmap: Jan, Feb … for months; None to cut the labels."""
    if dim != "month":
        return None
    short_names = {month_name(m, lang): month_name(m, lang, "abbreviated") for m in range(1, 13)}
    return [short_names.get(label, label) for label in labels]


def shown_note(picks: Sequence[tuple[Picked, str]], lang: str) -> str | None:
    """The subtitle of a capped chart ("20 dari 101 OPD ditampilkan"); None when nothing was cut,
    so that the subtitle names the lowest value instead."""
    parts = [
        t("ui.explorer.shown", lang, shown=len(p.labels), total=p.total, dim=DIMENSIONS[dim].label(lang))
        for p, dim in picks
        if len(p.labels) < p.total
    ]
    return " · ".join(parts) if parts else None


@dataclass(frozen=True)
class Chart:
    figure: go.Figure
    note: str  # what was left out of the chart ("" when nothing was)
    small_left_out: int = 0  # groups left out of the chart for resting on too few

    @property
    def whiskers(self) -> bool:
        """Whether the chart draws 95 % whiskers (bars do, a heatmap does not)."""
        return any(
            getattr(trace, "error_x", None) and trace.error_x.array is not None for trace in self.figure.data
        )


def chart(
    rows: pl.DataFrame,
    choice: Choice,
    lang: str,
    totals: pl.DataFrame,
    totals2: pl.DataFrame | None = None,
    lowest: bool = False,
    region_colors: Mapping[str, str] | None = None,
) -> Chart:
    """The chart of a labelled frame: bars for one dimension; grouped bars or a heatmap for two.

    `totals` (and `totals2`) are the metric over the first (second) dimension alone, labelled: they
    decide which categories are shown when there are too many.
    """
    spec = METRIC_BY_ID[choice.metric]
    minimum = min_base(spec)
    if not choice.dim2:
        first = pick_categories(totals, choice.dim, TOP_BARS, lowest, minimum)
        note = cap_note(len(first.labels), first.total, choice.dim, lang, lowest)
        subtitle = shown_note([(first, choice.dim)], lang)
        return Chart(bar_figure(rows, spec, lang, first.labels, subtitle), note, first.small_left_out)
    assert totals2 is not None
    second = pick_categories(totals2, choice.dim2, TOP_COLUMNS, lowest, minimum)
    grouped = second.total <= GROUPED_MAX_SERIES
    first = pick_categories(totals, choice.dim, GROUPED_MAX_ROWS if grouped else TOP_ROWS, lowest, minimum)
    notes = [
        cap_note(len(first.labels), first.total, choice.dim, lang, lowest),
        cap_note(len(second.labels), second.total, choice.dim2, lang, lowest),
    ]
    note = " ".join(n for n in notes if n)
    small = first.small_left_out + second.small_left_out
    subtitle = shown_note([(first, choice.dim), (second, choice.dim2)], lang)
    if grouped:
        colors = region_colors if choice.dim2 == "region" and region_colors else {}
        figure = grouped_figure(rows, spec, lang, first.labels, second.labels, colors, subtitle)
    else:
        ticks = column_ticks(choice.dim2, second.labels, lang)
        figure = heatmap_figure(rows, spec, lang, first.labels, second.labels, subtitle, ticks)
    return Chart(figure, note, small)


def chart_notes(
    result: Chart, rows: pl.DataFrame, spec: MetricSpec, lang: str, staff_filters: bool
) -> list[str]:
    """What the reader should know under the chart: what was left out, what the whiskers mean, which
    figures rest on few people, and that budget ignores staff filters."""
    left_out = []
    if result.note:
        left_out.append(result.note)
    minimum = min_base(spec)
    if result.small_left_out:
        left_out.append(t("ui.explorer.small_left_out", lang, count=result.small_left_out, minimum=minimum))
    elif small_groups(rows, spec):
        left_out.append(t("ui.explorer.small_groups", lang, count=small_groups(rows, spec), minimum=minimum))
    notes = [" ".join(left_out)] if left_out else []
    if spec.wilson and result.whiskers:
        notes.append(t("ui.explorer.ci_note", lang))
    if spec.source is Source.BUDGET and staff_filters:
        notes.append(t("ui.filter.budget_note", lang))
    return notes


# ---- Streamlit -------------------------------------------------------------------------------------


def _initial_params() -> dict[str, list[str]]:
    """This page's parameters in the address."""
    return {key: st.query_params.get_all(key) for key in URL_KEYS if key in st.query_params}


def _seed(view: View) -> None:
    """Give the widgets their values: from the address on the session's first visit to this page,
    from the last choice when coming back from another page; otherwise the widgets lead."""
    if not st.session_state.get(_LOADED):
        choice, rejected = parse_choice(_initial_params())
        st.session_state[_LOADED] = True
        if rejected:
            st.toast(
                t("ui.explorer.url_notice", view.lang, params=", ".join(rejected)), icon=":material/link_off:"
            )
    elif KEY_METRIC not in st.session_state:
        choice = st.session_state.get(_CHOICE, DEFAULT)
    else:
        return
    st.session_state[KEY_METRIC] = choice.metric
    st.session_state[KEY_DIM] = choice.dim
    st.session_state[KEY_DIM2] = choice.dim2 or NO_DIM


def choose(view: View) -> Choice:
    """The metric and dimension pickers; returns the validated choice and keeps it in the address."""
    lang = view.lang
    _seed(view)
    for key in (KEY_METRIC, KEY_DIM, KEY_DIM2):
        relabel_on_language_change(key)
    if st.session_state.get(KEY_METRIC) not in METRIC_BY_ID:
        st.session_state[KEY_METRIC] = DEFAULT.metric
    metric = st.selectbox(
        t("ui.explorer.metric", lang),
        [m.id for m in METRICS],
        format_func=lambda m: METRIC_BY_ID[m].label(lang),
        key=KEY_METRIC,
    )
    st.caption(METRIC_BY_ID[metric].definition(lang))
    dims = dimension_options(metric)
    if st.session_state.get(KEY_DIM) not in dims:
        st.session_state[KEY_DIM] = default_dimension(metric)
    first, second = st.columns(2)
    dim = first.selectbox(
        t("ui.explorer.dim", lang), dims, format_func=lambda d: DIMENSIONS[d].label(lang), key=KEY_DIM
    )
    seconds = [NO_DIM, *second_dimension_options(metric, dim)]
    if st.session_state.get(KEY_DIM2) not in seconds:
        st.session_state[KEY_DIM2] = NO_DIM
    dim2 = second.selectbox(
        t("ui.explorer.dim2", lang),
        seconds,
        format_func=lambda d: DIMENSIONS[d].label(lang) if d else t("ui.explorer.no_dim", lang),
        key=KEY_DIM2,
        help=t("ui.explorer.dim2_help", lang),
    )
    choice = Choice(metric, dim, dim2 or None)
    st.session_state[_CHOICE] = choice
    write_url(choice)
    return choice


def write_url(choice: Choice) -> None:
    """Put the choice into the address next to the sidebar's parameters (which stay as they are)."""
    wanted = choice_params(choice)
    current = {k: st.query_params.get_all(k) for k in URL_KEYS if k in st.query_params}
    if current == wanted:
        return
    for key in URL_KEYS:
        if key in wanted:
            st.query_params[key] = wanted[key]
        elif key in st.query_params:
            del st.query_params[key]


def _totals(view: View, dim: str, choice: Choice, lang: str) -> pl.DataFrame:
    long = data.kpis_long(view.filters, by=dim, metric_ids=[choice.metric])
    return labelled(long, Choice(choice.metric, dim), lang)


def render(view: View, choice: Choice) -> None:
    """Chart, table and download of the choice under the global filters (or a clear empty state)."""
    lang = view.lang
    spec = METRIC_BY_ID[choice.metric]
    long = data.kpis_long(view.filters, by=choice.dim, metric_ids=[choice.metric], by2=choice.dim2)
    rows = labelled(long, choice, lang)
    if rows.filter(pl.col("value").is_not_null()).is_empty():
        if components.is_empty(data.kpis(view.filters, metric_ids=["asn_count"])):
            components.empty_state(view)
            return
        st.info(
            f"**{t('ui.explorer.empty_title', lang)}**\n\n{t('ui.explorer.empty_body', lang)}",
            icon=":material/filter_alt_off:",
        )
        return
    lowest = False
    totals = _totals(view, choice.dim, choice, lang)
    totals2 = _totals(view, choice.dim2, choice, lang) if choice.dim2 else None
    too_many = totals["value"].is_not_null().sum() > (TOP_ROWS if choice.dim2 else TOP_BARS) or (
        totals2 is not None and totals2["value"].is_not_null().sum() > TOP_COLUMNS
    )
    if too_many:
        relabel_on_language_change(KEY_SIDE)
        side = st.segmented_control(
            t("ui.explorer.side", lang),
            ["high", "low"],
            format_func=lambda s: t(f"ui.explorer.side_{s}", lang),
            default="high",
            key=KEY_SIDE,
        )
        lowest = side == "low"
    result = chart(rows, choice, lang, totals, totals2, lowest, charts.region_colors(view.choices.regions))
    st.plotly_chart(result.figure, config=components.PLOTLY_CONFIG, key="x_chart")
    for note in chart_notes(result, rows, spec, lang, view.staff_filters_active > 0):
        st.caption(note)
    table = table_frame(rows, choice, lang)
    st.caption(t("ui.explorer.table_caption", lang, count=format_number(table.height, lang)))
    st.dataframe(
        table,
        hide_index=True,
        height=min(38 + 35 * table.height, 420),
        column_config=table_columns(choice, lang),
        key="x_table",
    )
    dims = [
        DIMENSIONS[choice.dim].label(lang),
        *([DIMENSIONS[choice.dim2].label(lang)] if choice.dim2 else []),
    ]
    download_buttons(
        download_frame(rows, choice, lang),
        view,
        t("ui.explorer.download_title", lang, metric=spec.label(lang), dims=" × ".join(dims)),
        "-".join(["eksplorasi", choice.metric, choice.dim, *([choice.dim2] if choice.dim2 else [])]),
        key="x_download",
    )
