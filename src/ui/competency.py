"""The Kesenjangan Kompetensi page's pieces.

First the pure builders (metric frames in, Plotly figures and tables out; no Streamlit, no queries;
tests assert on their data), then the small sections pages/kesenjangan.py calls, which fetch through
src/ui/data.py and draw. Every number comes from src/metrics; every text from the catalogue
src/i18n/ui_competency.toml; every figure is formatted by src/ui/format.py.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping, Sequence

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from src.i18n import t
from src.metrics.competency import JPM_CUKUP, JPM_OPTIMAL
from src.metrics.competency_views import JPM_BANDS, flag_big_gap_little_training, jpm_band_split
from src.metrics.registry import DIMENSIONS, METRIC_BY_ID
from src.ui import components, data
from src.ui.charts import PALETTE, SEPARATORS
from src.ui.downloads import download_buttons
from src.ui.drill import drill_chart
from src.ui.filters import View, relabel_on_language_change
from src.ui.format import (
    format_delta,
    format_jp,
    format_metric,
    format_number,
    format_percent,
    format_score,
)

# The page's headline figures, in reading order, and what else the page reads from the same row.
HEADLINE = ("assessed_rate", "jpm_mean", "meets_standard_rate", "competency_gap_mean")
KPI_IDS = ("asn_count", *HEADLINE, "jpm_optimal", "jpm_cukup", "jpm_kurang")
GROUP_METRICS = ("asn_count", "assessed_rate", "competency_gap_mean", "meets_standard_rate")
GAP = METRIC_BY_ID["competency_gap_mean"]
MEETS = METRIC_BY_ID["meets_standard_rate"]

# Okabe–Ito colours (src/ui/charts.py): green, orange and vermillion for the three JPM bands.
BAND_COLORS = {"optimal": PALETTE[2], "cukup": PALETTE[1], "kurang": PALETTE[5]}
FLAG_COLOR, OTHER_COLOR, UNTRAINED_COLOR = PALETTE[5], PALETTE[0], "#8C8C8C"
# Sequential, light = good, dark = bad, in both heatmap modes.
_HEAT = [[0.0, "#FFF7EC"], [0.35, "#FDD49E"], [0.7, "#EF6548"], [1.0, "#990000"]]
HEAT_SCALES = {"gap": _HEAT, "meets": [[1 - s, c] for s, c in reversed(_HEAT)]}

MODES = ("gap", "meets")
OPD_LIMITS = (12, 25, 0)  # 0: every OPD
TYPE_GROUPS = ("core", "technical")
# The types a JPM is computed over (src/metrics/sql/_latest_assessments.sql); the rest are technical.
CORE_TYPES = ("Manajerial", "Sosial Kultural")
# Position levels from the top down (shared/domain.md); levels not listed follow in name order.
POSITION_ORDER = (
    "JPT Utama",
    "JPT Madya",
    "JPT Pratama",
    "Administrator",
    "Pengawas",
    "Struktural",
    "Fungsional",
    "Pelaksana",
)
UNIT_LABEL_WIDTH, COMPETENCY_LABEL_WIDTH, TITLE_WIDTH, SUBTITLE_WIDTH = 34, 16, 54, 72
# Heatmap cells carry their value up to this many columns; past it a tablet has no room (hover has it).
HEAT_TEXT_COLUMNS = 10
KEY_MODE, KEY_LIMIT, KEY_TYPES = "comp_mode", "comp_opd_limit", "comp_types"
_UNIT_AFTER_NUMBER = re.compile(r"(\d) (%|levels?|JP|orang|people)(?!\w)")
PAD = "\u2002"  # an en space between a bar and its label (Plotly trims ordinary spaces)


# ---- text helpers ----------------------------------------------------------------------------------


def shorten(text: str, width: int) -> str:
    """`text` cut to `width` characters with an ellipsis (full names go in the hover text)."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _esc(text: object) -> str:
    """Names from the data in Plotly's HTML-like text: no tags."""
    return str(text).replace("<", "&lt;").replace(">", "&gt;")


def unit_labels(
    units: Sequence[str], regions: Sequence[str | None], width: int = UNIT_LABEL_WIDTH
) -> list[str]:
    """Short, unique axis labels for OPD; with several regions each label names its region, since
    same-named OPD exist in several regions."""
    several = len(set(regions)) > 1
    labels: list[str] = []
    for unit, region in zip(units, regions, strict=True):
        if several and region:
            label = f"{shorten(unit, max(12, width - len(region) - 3))} ({region})"
        else:
            label = shorten(unit, width)
        while label in labels:  # two long names cut to the same text: keep both rows
            label += "\u200b"
        labels.append(_esc(label))
    return labels


def levels(value: float | None, lang: str) -> str:
    """0,41 level / 0.41 levels ("–" when unknown)."""
    text = format_score(value, lang)
    return text if value is None else t("ui.competency.levels", lang, value=text)


def signed_levels(value: float | None, lang: str) -> str:
    """+0,35 level: a change in levels with its sign."""
    text = format_delta(GAP, value, lang)
    return text if value is None else t("ui.competency.levels", lang, value=text)


def _title(title: str, subtitle: str = "") -> tuple[str, int]:
    """Plotly does not wrap titles: break long ones (so they fit a tablet), the subtitle in grey below.
    Returns the text and the top margin it needs."""
    # Never inside "rata-rata" or a long name, nor between a number and its unit: only at spaces.
    title, subtitle = (_UNIT_AFTER_NUMBER.sub("\\1\u00a0\\2", text) for text in (title, subtitle))
    lines = textwrap.wrap(title, TITLE_WIDTH, break_on_hyphens=False, break_long_words=False) or [""]
    sub = (
        textwrap.wrap(subtitle, SUBTITLE_WIDTH, break_on_hyphens=False, break_long_words=False)
        if subtitle
        else []
    )
    text = "<br>".join(lines)
    if sub:
        style = "font-size:13px;color:#555555;font-weight:normal"
        text += "<br>" + "<br>".join(f"<span style='{style}'>{s}</span>" for s in sub)
    return text, 30 + 22 * len(lines) + 18 * len(sub)


def _layout(
    fig: go.Figure, title: str, subtitle: str, lang: str, height: int, extra_top: int = 0
) -> go.Figure:
    text, top = _title(title, subtitle)
    fig.update_layout(
        # Anchored at the top with room above: Plotly lifts a multi-line title by about half a line.
        title={
            "text": text,
            "x": 0,
            "xanchor": "left",
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            "pad": {"t": 20},
        },
        separators=SEPARATORS.get(lang, SEPARATORS["id"]),
        height=height + top + extra_top,
        margin={"l": 16, "r": 24, "t": top + extra_top, "b": 40},
        # No font family: Streamlit's theme supplies one, and naming another makes Plotly measure labels
        # in one font and draw them in another (long OPD names and legends then get clipped).
        hoverlabel={"font": {"size": 14}, "align": "left"},
    )
    return fig


def band_label(band: str, lang: str) -> str:
    return t(f"ui.competency.band_{band}", lang)


# ---- JPM ---------------------------------------------------------------------------------------------


def jpm_figure(bins: pl.DataFrame, split: pl.DataFrame, lang: str) -> go.Figure:
    """Assessed staff per JPM bin, one colour per band, dashed lines at 78 and 90.

    `bins`: jpm_from, jpm_to, band, staff (competency.jpm_distribution); `split`: band, staff, share
    (competency_views.jpm_band_split), which gives the title its shares.
    """
    by_band = {row["band"]: row for row in split.iter_rows(named=True)}
    fig = go.Figure()

    def _num(value: float) -> str:
        return format_number(value, lang)

    for band in JPM_BANDS:
        rows = bins.filter(pl.col("band") == band)
        lows, highs, staff = rows["jpm_from"].to_list(), rows["jpm_to"].to_list(), rows["staff"].to_list()
        name = band_label(band, lang)
        hover = [
            "<br>".join(
                [
                    f"<b>{t('ui.competency.hover_bin', lang, low=_num(lo), high=_num(hi))}</b>",
                    name,
                    t("ui.competency.hover_staff", lang, count=format_number(n, lang)),
                ]
            )
            for lo, hi, n in zip(lows, highs, staff, strict=True)
        ]
        fig.add_bar(
            x=[(lo + hi) / 2 for lo, hi in zip(lows, highs, strict=True)],
            y=staff,
            width=[hi - lo for lo, hi in zip(lows, highs, strict=True)],
            name=t(
                "ui.competency.legend_band", lang, band=name, range=t(f"ui.competency.range_{band}", lang)
            ),
            marker={"color": BAND_COLORS[band], "line": {"width": 0.5, "color": "#FFFFFF"}},
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
        )
    for edge in (JPM_CUKUP, JPM_OPTIMAL):
        fig.add_vline(
            x=edge,
            line={"dash": "dash", "color": "#444444", "width": 1.5},
            annotation={
                "text": format_number(edge, lang),
                "yanchor": "bottom",
                "y": 1,
                "showarrow": False,
                "font": {"size": 12, "color": "#444444"},
            },
        )
    optimal, kurang = by_band.get("optimal", {}), by_band.get("kurang", {})
    title = t("ui.competency.jpm_title", lang, share=format_percent(optimal.get("share"), lang))
    subtitle = t(
        "ui.competency.jpm_subtitle",
        lang,
        count=format_number(kurang.get("staff"), lang),
        share=format_percent(kurang.get("share"), lang),
    )
    low = min([JPM_CUKUP - 8, *bins["jpm_from"].to_list()])
    _layout(fig, title, subtitle, lang, 330, extra_top=12)
    fig.update_layout(
        bargap=0,
        legend={"orientation": "h", "x": 0, "y": -0.22, "yanchor": "top", "font": {"size": 13}},
        xaxis={
            "title": {"text": t("ui.competency.axis_jpm", lang)},
            "range": [low - 1, 101],
            "dtick": 10,
            "fixedrange": True,
        },
        yaxis={
            "title": {"text": t("ui.competency.axis_staff", lang)},
            "tickformat": ",.0f",
            "fixedrange": True,
            "rangemode": "tozero",
        },
    )
    fig.update_layout(margin={"b": 100})
    return fig


def band_table(split: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Kategori, Rentang JPM, Jumlah pegawai, Porsi: formatted, best band first."""
    return pl.DataFrame(
        {
            t("ui.competency.col_band", lang): [band_label(b, lang) for b in split["band"]],
            t("ui.competency.col_range", lang): [t(f"ui.competency.range_{b}", lang) for b in split["band"]],
            t("ui.competency.col_staff", lang): [format_number(n, lang) for n in split["staff"]],
            t("ui.competency.col_share", lang): [format_percent(s, lang) for s in split["share"]],
        }
    )


def jpm_download(bins: pl.DataFrame, lang: str) -> pl.DataFrame:
    """The distribution behind the chart, numbers unformatted, headed in `lang`."""
    return pl.DataFrame(
        {
            t("ui.competency.col_jpm_from", lang): bins["jpm_from"],
            t("ui.competency.col_jpm_to", lang): bins["jpm_to"],
            t("ui.competency.col_band", lang): [band_label(b, lang) for b in bins["band"]],
            t("ui.competency.col_staff", lang): bins["staff"],
        }
    )


# ---- by OPD ----------------------------------------------------------------------------------------


def unit_frame(long: pl.DataFrame) -> pl.DataFrame:
    """One row per OPD from compute.kpis_long(by="unit", metric_ids=GROUP_METRICS): unit, region,
    staff, assessed (people), assessed_rate, pairs, gap, meets, meets_low, meets_high."""

    def part(metric: str, **columns: pl.Expr) -> pl.DataFrame:
        return long.filter(pl.col("metric") == metric).select(
            pl.col("group").alias("unit"), pl.col("group_region").alias("region"), **columns
        )

    frame = part("asn_count", staff=pl.col("value"))
    for other in (
        part("assessed_rate", assessed=pl.col("numerator"), assessed_rate=pl.col("value")),
        part("competency_gap_mean", pairs=pl.col("denominator"), gap=pl.col("value")),
        part(
            "meets_standard_rate",
            meets=pl.col("value"),
            meets_low=pl.col("ci_low"),
            meets_high=pl.col("ci_high"),
        ),
    ):
        frame = frame.join(other, on=["unit", "region"], how="left", nulls_equal=True)
    return frame


def shown_units(units: pl.DataFrame, limit: int) -> pl.DataFrame:
    """OPD with at least one assessed pair, the largest by headcount first; `limit` 0 keeps all."""
    assessed = units.filter(pl.col("pairs").fill_null(0) > 0).sort(
        ["staff", "unit", "region"], descending=[True, False, False], nulls_last=True
    )
    return assessed.head(limit) if limit else assessed


def worst_first(units: pl.DataFrame, mode: str) -> pl.DataFrame:
    """Largest mean gap (or lowest share meeting the standard) first; ties by headcount, then name."""
    if mode == "meets":
        return units.sort(["meets", "staff", "unit"], descending=[False, True, False], nulls_last=True)
    return units.sort(["gap", "staff", "unit"], descending=[True, True, False], nulls_last=True)


def _unit_hover(row: Mapping[str, object], lang: str) -> str:
    meets = format_percent(row["meets"], lang)
    if row.get("meets_low") is not None and row.get("meets_high") is not None:
        interval = t(
            "ui.competency.hover_interval",
            lang,
            low=format_percent(row["meets_low"], lang),
            high=format_percent(row["meets_high"], lang),
        )
        meets = f"{meets} ({interval})"
    return "<br>".join(
        [
            f"<b>{_esc(row['unit'])}</b>",
            _esc(row["region"] or ""),
            f"{GAP.label(lang)}: {levels(row['gap'], lang)}",
            f"{MEETS.label(lang)}: {meets}",
            t(
                "ui.competency.hover_assessed",
                lang,
                assessed=format_number(row["assessed"], lang),
                staff=format_number(row["staff"], lang),
            ),
            t("ui.competency.hover_pairs", lang, pairs=format_number(row["pairs"], lang)),
        ]
    )


def unit_figure(units: pl.DataFrame, mode: str, lang: str, total: int | None = None) -> go.Figure:
    """Horizontal bars, one per OPD in `units` (unit_frame rows), worst on top, of the mean gap
    (mode "gap") or the share meeting the standard ("meets"). customdata is [unit, region] for
    src/ui/drill.py; `total` is how many OPD have assessments (for the subtitle)."""
    rows = worst_first(units.filter(pl.col("gap").is_not_null()), mode)
    column = "gap" if mode == "gap" else "meets"
    records = list(rows.iter_rows(named=True))
    values = [(r[column] or 0.0) * (100.0 if mode == "meets" else 1.0) for r in records]
    texts = [
        format_score(r["gap"], lang) if mode == "gap" else format_percent(r["meets"], lang) for r in records
    ]
    labels = unit_labels([r["unit"] for r in records], [r["region"] for r in records])
    fig = go.Figure(
        go.Bar(
            x=values[::-1],  # Plotly draws the first category at the bottom: worst goes last
            y=labels[::-1],
            orientation="h",
            marker={"color": OTHER_COLOR},
            text=[f"{PAD}{s}" for s in texts[::-1]],
            textposition="outside",
            cliponaxis=False,
            customdata=[[r["unit"], r["region"]] for r in records[::-1]],
            hovertext=[_unit_hover(r, lang) for r in records[::-1]],
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
        )
    )
    if records:
        worst = records[0]
        value = levels(worst["gap"], lang) if mode == "gap" else texts[0]
        name = (
            worst["unit"]
            if len({r["region"] for r in records}) == 1
            else f"{worst['unit']} ({worst['region']})"
        )
        if len(records) == 1:
            title = t(f"ui.competency.opd_title_single_{mode}", lang, unit=_esc(name), value=value)
        else:
            title = t(f"ui.competency.opd_title_{mode}", lang, unit=_esc(name), value=value)
        subtitle = t(
            "ui.competency.opd_subtitle",
            lang,
            shown=format_number(len(records), lang),
            total=format_number(total if total is not None else len(records), lang),
        )
    else:
        title, subtitle = t("ui.competency.opd_none", lang), ""
    _layout(fig, title, subtitle, lang, max(160, 40 + 30 * len(records)))
    top = max(values, default=0.0)
    axis_max = 100.0 if mode == "meets" else max(top, 0.5)
    # Room past 100 % for the labels, but no "120 %" tick (fixed ticks are written out: Plotly drops the
    # suffix on them).
    steps = [0, 20, 40, 60, 80, 100]
    ticks = {"tickvals": steps, "ticktext": [format_percent(v / 100, lang, trim=True) for v in steps]}
    fig.update_layout(
        bargap=0.3,
        xaxis={
            **(ticks if mode == "meets" else {}),
            "range": [0, axis_max * 1.25],
            "fixedrange": True,
            "tickformat": ",.0f" if mode == "meets" else ",.1f",
            "ticksuffix": " %" if mode == "meets" else "",
            "title": {
                "text": t("ui.competency.col_gap" if mode == "gap" else "ui.competency.col_meets", lang)
            },
        },
        yaxis={
            "automargin": True,
            "fixedrange": True,
            "categoryorder": "array",
            "categoryarray": labels[::-1],
        },
    )
    return fig


def unit_download(units: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Every OPD in scope (assessed or not), worst gap first, numbers unformatted."""
    rows = worst_first(units, "gap")
    return pl.DataFrame(
        {
            t("ui.competency.col_unit", lang): rows["unit"],
            t("ui.competency.col_region", lang): rows["region"],
            t("ui.competency.col_asn", lang): rows["staff"],
            t("ui.competency.col_assessed", lang): rows["assessed"],
            t("ui.competency.col_pairs", lang): rows["pairs"],
            t("ui.competency.col_gap", lang): rows["gap"].round(3),
            t("ui.competency.col_meets", lang): (rows["meets"] * 100).round(2),
        }
    )


def unit_table(units: pl.DataFrame, lang: str) -> pl.DataFrame:
    """The OPD shown in the chart, worst first, every cell formatted."""
    rows = worst_first(units, "gap")
    return pl.DataFrame(
        {
            t("ui.competency.col_unit", lang): rows["unit"],
            t("ui.competency.col_region", lang): rows["region"],
            t("ui.competency.col_asn", lang): [format_number(v, lang) for v in rows["staff"]],
            METRIC_BY_ID["assessed_rate"].label(lang): [
                format_percent(v, lang) for v in rows["assessed_rate"]
            ],
            GAP.label(lang): [format_score(v, lang) for v in rows["gap"]],
            MEETS.label(lang): [format_percent(v, lang) for v in rows["meets"]],
        }
    )


# ---- competency × OPD ---------------------------------------------------------------------------------


def of_types(matrix: pl.DataFrame, group: str) -> pl.DataFrame:
    """competency_matrix rows of the managerial & socio-cultural types ("core") or the rest."""
    core = pl.col("jenis_kompetensi").is_in(CORE_TYPES)
    return matrix.filter(core if group == "core" else ~core)


def heatmap_figure(
    matrix: pl.DataFrame, units: pl.DataFrame, competencies: pl.DataFrame, mode: str, lang: str
) -> go.Figure:
    """Competency (columns) × OPD (rows) of the mean gap or the share meeting the standard.

    `matrix`: compute.competency_matrix rows (kompetensi, jenis_kompetensi, wilayah, unit_kerja,
    pairs, gap_mean, meets_standard_rate); `units`: the OPD rows to show (unit, region), top first;
    `competencies`: compute.kpis by="competency" (group, competency_gap_mean, meets_standard_rate),
    which orders the columns worst first and gives the title its finding.
    """
    unit_keys = [(u, r) for u, r in units.select("unit", "region").iter_rows()]
    cells = {
        (row["unit_kerja"], row["wilayah"], row["kompetensi"]): row
        for row in matrix.iter_rows(named=True)
        if (row["unit_kerja"], row["wilayah"]) in set(unit_keys)
    }
    present = {k for _, _, k in cells}
    metric = "competency_gap_mean" if mode == "gap" else "meets_standard_rate"
    overall = dict(zip(competencies["group"], competencies[metric], strict=True))
    columns = sorted(
        present,
        key=lambda k: (
            overall.get(k) is None,
            -(overall.get(k) or 0.0) if mode == "gap" else overall.get(k) or 0.0,
            k,
        ),
    )
    row_labels = unit_labels([u for u, _ in unit_keys], [r for _, r in unit_keys], width=30)
    col_labels = [_esc(shorten(k, COMPETENCY_LABEL_WIDTH)) for k in columns]
    z, text, hover = [], [], []
    for unit, region in unit_keys:
        z_row, text_row, hover_row = [], [], []
        for name in columns:
            cell = cells.get((unit, region, name))
            if cell is None:
                z_row.append(None)
                text_row.append("")
                hover_row.append(f"<b>{_esc(name)}</b><br>{_esc(unit)} ({_esc(region)})<br>–")
                continue
            gap, meets = cell["gap_mean"], cell["meets_standard_rate"]
            z_row.append(gap if mode == "gap" else meets * 100)
            text_row.append(format_score(gap, lang) if mode == "gap" else format_number(meets * 100, lang))
            hover_row.append(
                "<br>".join(
                    [
                        f"<b>{_esc(name)}</b>",
                        f"{_esc(unit)} ({_esc(region)})",
                        f"{GAP.label(lang)}: {levels(gap, lang)}",
                        f"{MEETS.label(lang)}: {format_percent(meets, lang)}",
                        t("ui.competency.hover_pairs", lang, pairs=format_number(cell["pairs"], lang)),
                    ]
                )
            )
        z.append(z_row)
        text.append(text_row)
        hover.append(hover_row)
    peak = max((v for r in z for v in r if v is not None), default=0.0)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=col_labels,
            y=row_labels,
            text=text if len(columns) <= HEAT_TEXT_COLUMNS else None,
            texttemplate="%{text}" if len(columns) <= HEAT_TEXT_COLUMNS else None,
            textfont={"size": 10},
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            colorscale=HEAT_SCALES[mode],
            zmin=0,
            zmax=100 if mode == "meets" else max(1.0, peak),
            xgap=2,
            ygap=2,
            hoverongaps=False,
            # Cells with their values need no scale; without values (many columns) the scale explains them.
            showscale=len(columns) > HEAT_TEXT_COLUMNS,
            colorbar={
                "thickness": 10,
                "len": 0.8,
                "ticksuffix": " %" if mode == "meets" else "",
                "tickformat": ",.0f" if mode == "meets" else ",.1f",
                "outlinewidth": 0,
            },
        )
    )
    if columns:
        first = columns[0]
        value = (
            levels(overall.get(first), lang) if mode == "gap" else format_percent(overall.get(first), lang)
        )
        title = t(f"ui.competency.heatmap_title_{mode}", lang, competency=_esc(first), value=value)
        subtitle = t(f"ui.competency.heatmap_subtitle_{mode}", lang)
    else:
        title, subtitle = t("ui.competency.heatmap_none", lang), ""
    # Column names go under the cells, slanted (a title above cannot share the top margin with them).
    label_room = int(5 * max((len(c) for c in col_labels), default=0)) + 28
    _layout(fig, title, subtitle, lang, 30 + 28 * len(unit_keys) + label_room)
    fig.update_layout(
        xaxis={"side": "bottom", "tickangle": -50, "fixedrange": True, "tickfont": {"size": 11}},
        yaxis={"autorange": "reversed", "fixedrange": True, "automargin": True, "tickfont": {"size": 11}},
        plot_bgcolor="#FFFFFF",
        margin={"b": label_room},
    )
    return fig


def heatmap_download(matrix: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Every competency × OPD cell in scope, numbers unformatted."""
    rows = matrix.sort(["kompetensi", "wilayah", "unit_kerja"])
    return pl.DataFrame(
        {
            t("ui.competency.col_competency", lang): rows["kompetensi"],
            t("ui.competency.col_type", lang): rows["jenis_kompetensi"],
            t("ui.competency.col_region", lang): rows["wilayah"],
            t("ui.competency.col_unit", lang): rows["unit_kerja"],
            t("ui.competency.col_pairs", lang): rows["pairs"],
            t("ui.competency.col_gap", lang): rows["gap_mean"].round(3),
            t("ui.competency.col_meets", lang): (rows["meets_standard_rate"] * 100).round(2),
        }
    )


# ---- position level ---------------------------------------------------------------------------------


def position_order(frame: pl.DataFrame) -> pl.DataFrame:
    """kpis by position_level, from the top of the hierarchy down (unknown levels last, by name)."""
    rank = {name: i for i, name in enumerate(POSITION_ORDER)}
    order = sorted(frame["group"].to_list(), key=lambda g: (rank.get(g, len(rank)), g))
    return (
        frame.with_columns(_order=pl.col("group").replace_strict(order, list(range(len(order)))))
        .sort("_order")
        .drop("_order")
    )


def position_figure(frame: pl.DataFrame, lang: str) -> go.Figure:
    """Mean gap per position level (hierarchy top to bottom), labelled with the share meeting the
    standard. `frame`: compute.kpis by="position_level" with GROUP_METRICS."""
    rows = position_order(frame.filter(pl.col("competency_gap_mean").is_not_null()))
    records = list(rows.iter_rows(named=True))
    names = [_esc(r["group"]) for r in records]
    labels = [
        t(
            "ui.competency.position_label",
            lang,
            gap=format_score(r["competency_gap_mean"], lang),
            meets=format_percent(r["meets_standard_rate"], lang),
        )
        for r in records
    ]
    hover = [
        "<br>".join(
            [
                f"<b>{_esc(r['group'])}</b>",
                f"{GAP.label(lang)}: {levels(r['competency_gap_mean'], lang)}",
                f"{MEETS.label(lang)}: {format_percent(r['meets_standard_rate'], lang)}",
                f"{METRIC_BY_ID['assessed_rate'].label(lang)}: {format_percent(r['assessed_rate'], lang)}",
                f"{METRIC_BY_ID['asn_count'].label(lang)}: {format_number(r['asn_count'], lang)}",
            ]
        )
        for r in records
    ]
    fig = go.Figure(
        go.Bar(
            x=[r["competency_gap_mean"] for r in records][::-1],
            y=names[::-1],
            orientation="h",
            marker={"color": OTHER_COLOR},
            text=[f"{PAD}{s}" for s in labels[::-1]],
            textposition="outside",
            cliponaxis=False,
            hovertext=hover[::-1],
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
        )
    )
    ranked = sorted(records, key=lambda r: -r["competency_gap_mean"])
    if len(ranked) >= 2:
        top, bottom = ranked[0], ranked[-1]
        title = t(
            "ui.competency.position_title",
            lang,
            top=_esc(top["group"]),
            top_value=levels(top["competency_gap_mean"], lang),
            bottom=_esc(bottom["group"]),
            bottom_value=levels(bottom["competency_gap_mean"], lang),
        )
    elif ranked:
        only = ranked[0]
        title = t(
            "ui.competency.position_title_single",
            lang,
            level=_esc(only["group"]),
            value=levels(only["competency_gap_mean"], lang),
        )
    else:
        title = t("ui.competency.position_none", lang)
    peak = max((r["competency_gap_mean"] for r in records), default=0.0)
    _layout(fig, title, "", lang, max(160, 40 + 40 * len(records)))
    fig.update_layout(
        bargap=0.35,
        xaxis={
            "range": [0, max(peak, 0.25) * 1.9],
            "fixedrange": True,
            "tickformat": ",.1f",
            "title": {"text": t("ui.competency.axis_gap", lang)},
        },
        yaxis={
            "automargin": True,
            "fixedrange": True,
            "categoryorder": "array",
            "categoryarray": names[::-1],
        },
    )
    return fig


def position_table(frame: pl.DataFrame, lang: str) -> pl.DataFrame:
    rows = position_order(frame)
    return pl.DataFrame(
        {
            DIMENSIONS["position_level"].label(lang): rows["group"],
            **{
                METRIC_BY_ID[m].label(lang): [format_metric(METRIC_BY_ID[m], v, lang) for v in rows[m]]
                for m in GROUP_METRICS
            },
        }
    )


def position_download(frame: pl.DataFrame, lang: str) -> pl.DataFrame:
    rows = position_order(frame)
    return pl.DataFrame(
        {
            DIMENSIONS["position_level"].label(lang): rows["group"],
            t("ui.competency.col_asn", lang): rows["asn_count"],
            f"{METRIC_BY_ID['assessed_rate'].label(lang)} (%)": (rows["assessed_rate"] * 100).round(2),
            t("ui.competency.col_gap", lang): rows["competency_gap_mean"].round(3),
            t("ui.competency.col_meets", lang): (rows["meets_standard_rate"] * 100).round(2),
        }
    )


# ---- gaps vs training ---------------------------------------------------------------------------------


def _topic_hover(row: Mapping[str, object], lang: str) -> str:
    topics = row["topics"] or t("ui.competency.no_topic", lang)
    return "<br>".join(
        [
            f"<b>{_esc(row['kompetensi'])}</b> ({_esc(row['jenis_kompetensi'])})",
            f"{GAP.label(lang)}: {levels(row['gap_mean'], lang)}",
            t(
                "ui.competency.hover_below",
                lang,
                below=format_number(row["staff_below_standard"], lang),
                pairs=format_number(row["pairs"], lang),
            ),
            t("ui.competency.hover_topics", lang, topics=_esc(topics)),
            t("ui.competency.hover_jp", lang, jp=format_jp(row["jp_on_topics"], lang, trim=True)),
        ]
    )


SCATTER_HEIGHT, SCATTER_BOTTOM = 380, 96


def _bubble(staff_below: float, peak_staff: float) -> float:
    """A dot's diameter in pixels: its area grows with the staff below the standard."""
    return 10 + 26 * (staff_below / peak_staff) ** 0.5


def _point_labels(
    points: pl.DataFrame, y_max: float, peak_staff: float, spacing: float = 17.0
) -> list[dict[str, object]]:
    """Name labels for the flagged dots, to the right of each, pushed apart vertically so that dots
    with nearly the same gap keep legible names (a thin line joins each name to its dot)."""
    inner = SCATTER_HEIGHT - SCATTER_BOTTOM  # the plot area's height in pixels
    notes, previous = [], -spacing
    for row in points.sort("gap_mean", descending=True).iter_rows(named=True):
        at = (1 - row["gap_mean"] / y_max) * inner
        placed = max(at, previous + spacing)
        previous = placed
        notes.append(
            {
                "x": row["jp_on_topics"] or 0.0,
                "y": row["gap_mean"],
                "text": _esc(shorten(row["kompetensi"], 26)),
                "ax": _bubble(row["staff_below_standard"], peak_staff) / 2 + 18,
                "ay": placed - at,
                "xanchor": "left",
                "showarrow": True,
                "arrowhead": 0,
                "arrowwidth": 1,
                "arrowcolor": FLAG_COLOR,
                "font": {"size": 12, "color": FLAG_COLOR},
                "bgcolor": "rgba(255, 255, 255, 0.85)",  # legible where it crosses other dots
            }
        )
    return notes


def topics_figure(flagged: pl.DataFrame, lang: str, labelled: int = 5) -> go.Figure:
    """Each competency a dot: JP on the topics that address it (x) against its mean gap (y), sized by
    the staff below the standard. Big gap, little training (competency_views rule) is red, in a
    shaded corner bounded by the two medians; the `labelled` largest of them carry their names.
    `flagged`: competency_views.flag_big_gap_little_training(gaps_vs_topic_jp)."""
    fig = go.Figure()
    peak_staff = max(float(flagged["staff_below_standard"].max() or 0), 1.0)
    for is_flagged in (False, True):
        rows = flagged.filter(pl.col("big_gap_little_training") == is_flagged).sort(
            "staff_below_standard", descending=True
        )
        records = list(rows.iter_rows(named=True))
        fig.add_scatter(
            x=[r["jp_on_topics"] or 0.0 for r in records],
            y=[r["gap_mean"] for r in records],
            mode="markers",
            name=t(f"ui.competency.topics_{'flagged' if is_flagged else 'other'}", lang),
            marker={
                "size": [_bubble(r["staff_below_standard"], peak_staff) for r in records],
                "color": FLAG_COLOR if is_flagged else OTHER_COLOR,
                "opacity": 0.85 if is_flagged else 0.6,
                "line": {"width": 1, "color": "#FFFFFF"},
            },
            hovertext=[_topic_hover(r, lang) for r in records],
            hovertemplate="%{hovertext}<extra></extra>",
            cliponaxis=False,
        )
    gap_median = flagged["gap_median"][0] if flagged.height else None
    jp_median = flagged["jp_median"][0] if flagged.height else None
    jp_peak = float(flagged["jp_on_topics"].fill_null(0.0).max() or 0.0) if flagged.height else 0.0
    gap_peak = float(flagged["gap_mean"].max() or 0.0) if flagged.height else 0.0
    x_max, y_max = max(jp_peak, 10.0) * 1.15, max(gap_peak, 0.5) * 1.15
    if gap_median is not None and jp_median is not None:
        fig.add_shape(
            type="rect",
            x0=-x_max * 0.05,
            x1=jp_median,
            y0=gap_median,
            y1=y_max,
            layer="below",
            line={"width": 0},
            fillcolor="rgba(213, 94, 0, 0.08)",
        )
        median = t("ui.competency.topics_median", lang)
        fig.add_hline(
            y=gap_median,
            line={"dash": "dot", "color": "#777777", "width": 1},
            annotation={
                "text": median,
                "xanchor": "right",
                "x": 1,
                "showarrow": False,
                "font": {"size": 11, "color": "#777777"},
            },
        )
        fig.add_vline(
            x=jp_median,
            line={"dash": "dot", "color": "#777777", "width": 1},
            annotation={
                "text": median,
                "yanchor": "bottom",
                "xanchor": "left",
                "y": 0,
                "showarrow": False,
                "font": {"size": 11, "color": "#777777"},
            },
        )
    marked = flagged.filter(pl.col("big_gap_little_training")).sort(
        ["staff_below_standard", "gap_mean"], descending=True
    )
    for note in _point_labels(marked.head(labelled), y_max, peak_staff):
        fig.add_annotation(note)
    if marked.height:
        top = marked.row(0, named=True)
        title = t(
            "ui.competency.topics_title",
            lang,
            count=format_number(marked.height, lang),
            competency=_esc(top["kompetensi"]),
        )
        subtitle = t(
            "ui.competency.topics_subtitle",
            lang,
            competency=_esc(top["kompetensi"]),
            below=format_number(top["staff_below_standard"], lang),
            jp=format_jp(top["jp_on_topics"], lang, trim=True),
        )
    elif flagged.height:
        title, subtitle = t("ui.competency.topics_title_none", lang), ""
    else:
        title, subtitle = t("ui.competency.topics_none", lang), ""
    _layout(fig, title, subtitle, lang, SCATTER_HEIGHT, extra_top=14)
    fig.update_layout(
        legend={"orientation": "h", "x": 0, "y": -0.18, "yanchor": "top"},
        xaxis={
            "title": {"text": t("ui.competency.axis_topic_jp", lang)},
            "range": [-x_max * 0.05, x_max],
            "tickformat": ",.0f",
            "fixedrange": True,
            "zeroline": False,
        },
        yaxis={
            "title": {"text": t("ui.competency.axis_gap", lang)},
            "range": [0, y_max],
            "tickformat": ",.1f",
            "fixedrange": True,
        },
    )
    fig.update_layout(margin={"b": SCATTER_BOTTOM})
    return fig


def topics_table(flagged: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Largest gap first, every cell formatted; the flag column says "Ya" where training lags."""
    rows = flagged.sort(["gap_mean", "kompetensi"], descending=[True, False])
    return pl.DataFrame(
        {
            t("ui.competency.col_competency", lang): rows["kompetensi"],
            t("ui.competency.col_type", lang): rows["jenis_kompetensi"],
            GAP.label(lang): [format_score(v, lang) for v in rows["gap_mean"]],
            t("ui.competency.col_below", lang): [
                format_number(v, lang) for v in rows["staff_below_standard"]
            ],
            t("ui.competency.col_topics", lang): [v or "–" for v in rows["topics"]],
            t("ui.competency.col_jp", lang): [format_jp(v, lang, trim=True) for v in rows["jp_on_topics"]],
            t("ui.competency.col_flag", lang): [
                t("ui.competency.yes", lang) if v else "–" for v in rows["big_gap_little_training"]
            ],
        }
    )


def topics_download(flagged: pl.DataFrame, lang: str) -> pl.DataFrame:
    rows = flagged.sort(["gap_mean", "kompetensi"], descending=[True, False])
    return pl.DataFrame(
        {
            t("ui.competency.col_competency", lang): rows["kompetensi"],
            t("ui.competency.col_type", lang): rows["jenis_kompetensi"],
            t("ui.competency.col_pairs", lang): rows["pairs"],
            t("ui.competency.col_gap", lang): rows["gap_mean"].round(3),
            t("ui.competency.col_below", lang): rows["staff_below_standard"],
            t("ui.competency.col_topics", lang): rows["topics"],
            t("ui.competency.col_jp", lang): rows["jp_on_topics"],
            t("ui.competency.col_flag", lang): rows["big_gap_little_training"],
        }
    )


# ---- gap change, trained vs not --------------------------------------------------------------------


def _group_name(trained: bool, lang: str) -> str:
    return t(f"ui.competency.change_{'trained' if trained else 'untrained'}", lang)


def change_figure(change: pl.DataFrame, lang: str) -> go.Figure:
    """Mean level change between consecutive assessments, trained (top) and untrained.
    `change`: competency.gap_change (trained, pairs, level_change_mean, gap_closed_mean,
    improved_share)."""
    rows = change.sort("trained", descending=True)
    records = list(rows.iter_rows(named=True))
    names = [_group_name(r["trained"], lang) for r in records]
    values = [r["level_change_mean"] or 0.0 for r in records]
    labels = [
        t(
            "ui.competency.change_label",
            lang,
            change=signed_levels(r["level_change_mean"], lang),
            improved=format_percent(r["improved_share"], lang),
        )
        for r in records
    ]
    hover = [
        "<br>".join(
            [
                f"<b>{name}</b>",
                t("ui.competency.hover_change", lang, value=signed_levels(r["level_change_mean"], lang)),
                t("ui.competency.hover_closed", lang, value=signed_levels(r["gap_closed_mean"], lang)),
                t("ui.competency.hover_improved", lang, value=format_percent(r["improved_share"], lang)),
                t("ui.competency.hover_change_pairs", lang, pairs=format_number(r["pairs"], lang)),
            ]
        )
        for name, r in zip(names, records, strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=values[::-1],
            y=names[::-1],
            orientation="h",
            marker={"color": [OTHER_COLOR if r["trained"] else UNTRAINED_COLOR for r in records][::-1]},
            text=[f"{PAD}{s}" for s in labels[::-1]],
            textposition="outside",
            cliponaxis=False,
            hovertext=hover[::-1],
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
        )
    )
    by_group = {r["trained"]: r["level_change_mean"] for r in records}
    if True in by_group and False in by_group:
        title = t(
            "ui.competency.change_title",
            lang,
            trained=signed_levels(by_group[True], lang),
            untrained=signed_levels(by_group[False], lang),
        )
    elif records:
        title = t(
            "ui.competency.change_title_single", lang, group=names[0], value=signed_levels(values[0], lang)
        )
    else:
        title = t("ui.competency.change_none", lang)
    low, high = min([0.0, *values]), max([0.0, *values])
    span = max(high - low, 0.25)
    _layout(fig, title, "", lang, 200)
    fig.update_layout(
        bargap=0.4,
        xaxis={
            "range": [low - span * 0.1, high + span * 1.1],
            "fixedrange": True,
            "tickformat": ",.1f",
            "zeroline": True,
            "zerolinecolor": "#444444",
            "title": {"text": t("ui.competency.axis_change", lang)},
        },
        yaxis={"automargin": True, "fixedrange": True},
    )
    return fig


def change_table(change: pl.DataFrame, lang: str, formatted: bool = True) -> pl.DataFrame:
    """Trained first: pairs, mean level change, mean gap closed, share who rose a level."""
    rows = change.sort("trained", descending=True)
    group = [_group_name(v, lang) for v in rows["trained"]]
    if not formatted:
        return pl.DataFrame(
            {
                t("ui.competency.col_group", lang): group,
                t("ui.competency.col_change_pairs", lang): rows["pairs"],
                t("ui.competency.col_change", lang): rows["level_change_mean"].round(3),
                t("ui.competency.col_closed", lang): rows["gap_closed_mean"].round(3),
                t("ui.competency.col_improved", lang): (rows["improved_share"] * 100).round(2),
            }
        )
    return pl.DataFrame(  # short headers: the table sits under the chart on a tablet
        {
            t("ui.competency.col_group", lang): group,
            t("ui.competency.col_pairs_short", lang): [format_number(v, lang) for v in rows["pairs"]],
            t("ui.competency.col_change_short", lang): [
                format_delta(GAP, v, lang) for v in rows["level_change_mean"]
            ],
            t("ui.competency.col_closed_short", lang): [
                format_delta(GAP, v, lang) for v in rows["gap_closed_mean"]
            ],
            t("ui.competency.col_improved_short", lang): [
                format_percent(v, lang) for v in rows["improved_share"]
            ],
        }
    )


# ---- Streamlit sections (pages/kesenjangan.py) ---------------------------------------------------------

PLOTLY_CONFIG = components.PLOTLY_CONFIG


def _table(frame: pl.DataFrame) -> None:
    st.table(frame, hide_index=True, border="horizontal")


def has_assessments(now: pl.DataFrame) -> bool:
    return bool(now.height and (now["assessed_rate"][0] or 0) > 0)


def headline(view: View, now: pl.DataFrame) -> None:
    """The four competency cards with the change against the same months last year, four across on a
    desktop, two on a tablet."""
    before = data.kpis(view.filters.previous_year(), metric_ids=KPI_IDS)
    comparable = components.comparable_sources(data.periods(), view.filters.year - 1)
    cards = components.headline_cards(
        now.row(0, named=True),
        before.row(0, named=True) if before.height else None,
        view,
        comparable,
        HEADLINE,
    )
    grid = st.grid(4, min_column_width=170, border=True, gap="small")
    for card in cards:
        with grid.cell():
            st.metric(
                card.label,
                card.value,
                card.delta,
                delta_color=card.delta_color,  # type: ignore[arg-type]
                delta_arrow=card.delta_arrow,  # type: ignore[arg-type]
                delta_description=card.delta_description,
                help=card.help,
            )
            if card.notes:
                st.caption(" · ".join(card.notes))


def no_assessments(view: View) -> None:
    st.info(
        f"**{t('ui.competency.no_assessment_title', view.lang)}**\n\n"
        f"{t('ui.competency.no_assessment_body', view.lang)}",
        icon=":material/assignment_late:",
    )


def jpm_section(view: View, now: pl.DataFrame) -> None:
    lang = view.lang
    st.caption(t("ui.competency.jpm_intro", lang))
    bins = data.call("jpm_distribution", view.filters)
    if bins.is_empty():
        st.info(t("ui.competency.jpm_none", lang), icon=":material/info:")
        return
    split = jpm_band_split(now.row(0, named=True))
    st.plotly_chart(jpm_figure(bins, split, lang), config=PLOTLY_CONFIG, key="comp_jpm")
    _table(band_table(split, lang))
    st.caption(t("ui.competency.band_note", lang))
    download_buttons(jpm_download(bins, lang), view, t("ui.competency.dl_jpm", lang), "sebaran_jpm", "dl_jpm")


def _segmented(
    label: str, options: Sequence[object], key: str, lang: str, names: Mapping[object, str], **extra: object
) -> object:
    relabel_on_language_change(key)
    if st.session_state.get(key) not in options:
        st.session_state[key] = options[0]
    return st.segmented_control(
        label, options, format_func=names.__getitem__, key=key, required=True, **extra
    )


def opd_controls(lang: str) -> tuple[str, int]:
    """The measure (mean gap or share meeting the standard) and how many OPD the two OPD charts show."""
    limits = {
        n: t("ui.competency.opd_count_top", lang, count=n) if n else t("ui.competency.opd_count_all", lang)
        for n in OPD_LIMITS
    }
    with st.container(horizontal=True, wrap=True, gap="medium"):
        mode = _segmented(
            t("ui.competency.mode_label", lang),
            MODES,
            KEY_MODE,
            lang,
            {m: t(f"ui.competency.mode_{m}", lang) for m in MODES},
        )
        limit = _segmented(
            t("ui.competency.opd_count_label", lang),
            OPD_LIMITS,
            KEY_LIMIT,
            lang,
            limits,
            help=t("ui.competency.opd_count_help", lang),
        )
    return str(mode), int(limit)  # type: ignore[call-overload]


def opd_section(view: View, mode: str, limit: int) -> pl.DataFrame:
    """The OPD bar chart (a click narrows the view to that OPD) and its table; returns the OPD shown."""
    lang = view.lang
    units = unit_frame(data.kpis_long(view.filters, by="unit", metric_ids=GROUP_METRICS))
    shown = shown_units(units, limit)
    if shown.is_empty():
        st.info(t("ui.competency.opd_none", lang), icon=":material/info:")
        return shown
    total = units.filter(pl.col("pairs").fill_null(0) > 0).height
    drill_chart(unit_figure(shown, mode, lang, total), "unit", key="comp_opd_drill")
    st.caption(t("ui.competency.opd_small_note", lang))
    with st.expander(t("ui.competency.table", lang), icon=":material/table:"):
        _table(unit_table(shown, lang))
        download_buttons(
            unit_download(units, lang), view, t("ui.competency.dl_opd", lang), "kesenjangan_per_opd", "dl_opd"
        )
    return worst_first(shown, mode)


def heatmap_section(view: View, mode: str, shown: pl.DataFrame) -> None:
    """Competency × OPD for the OPD of the chart above, of one competency type."""
    lang = view.lang
    group = _segmented(
        t("ui.competency.types_label", lang),
        TYPE_GROUPS,
        KEY_TYPES,
        lang,
        {g: t(f"ui.competency.types_{g}", lang) for g in TYPE_GROUPS},
    )
    matrix = of_types(data.call("competency_matrix", view.filters), str(group))
    keys = shown.select(pl.col("unit").alias("unit_kerja"), pl.col("region").alias("wilayah"))
    cells = matrix.join(keys, on=["unit_kerja", "wilayah"], how="semi")
    if cells.is_empty():
        st.info(t("ui.competency.heatmap_none", lang), icon=":material/info:")
        return
    shown = shown.join(
        cells.select(pl.col("unit_kerja").alias("unit"), pl.col("wilayah").alias("region")).unique(),
        on=["unit", "region"],
        how="semi",
        maintain_order="left",
    )
    by_competency = data.kpis(
        view.filters, by="competency", metric_ids=["competency_gap_mean", "meets_standard_rate"]
    )
    st.plotly_chart(
        heatmap_figure(cells, shown, by_competency, mode, lang), config=PLOTLY_CONFIG, key="comp_heatmap"
    )
    st.caption(t("ui.competency.heatmap_note", lang))
    download_buttons(
        heatmap_download(matrix, lang),
        view,
        t("ui.competency.dl_heatmap", lang),
        "kesenjangan_kompetensi_opd",
        "dl_heatmap",
    )


def position_section(view: View) -> None:
    lang = view.lang
    frame = data.kpis(view.filters, by="position_level", metric_ids=GROUP_METRICS)
    if frame.filter(pl.col("competency_gap_mean").is_not_null()).is_empty():
        st.info(t("ui.competency.position_none", lang), icon=":material/info:")
        return
    st.plotly_chart(position_figure(frame, lang), config=PLOTLY_CONFIG, key="comp_position")
    with st.expander(t("ui.competency.table", lang), icon=":material/table:"):
        _table(position_table(frame, lang))
        download_buttons(
            position_download(frame, lang),
            view,
            t("ui.competency.dl_position", lang),
            "kesenjangan_per_jabatan",
            "dl_position",
        )


def topics_section(view: View) -> None:
    lang = view.lang
    gaps = data.call("gaps_vs_topic_jp", view.filters)
    if gaps.is_empty():
        st.info(t("ui.competency.topics_none", lang), icon=":material/info:")
        return
    flagged = flag_big_gap_little_training(gaps)
    st.caption(t("ui.competency.topics_intro", lang))
    st.plotly_chart(topics_figure(flagged, lang), config=PLOTLY_CONFIG, key="comp_topics")
    st.caption(
        t(
            "ui.competency.topics_rule",
            lang,
            gap_median=levels(flagged["gap_median"][0], lang),
            jp_median=format_jp(flagged["jp_median"][0], lang, trim=True),
        )
    )
    with st.expander(t("ui.competency.table", lang), icon=":material/table:"):
        _table(topics_table(flagged, lang))
        download_buttons(
            topics_download(flagged, lang),
            view,
            t("ui.competency.dl_topics", lang),
            "kesenjangan_vs_jp",
            "dl_topics",
        )


def change_section(view: View) -> None:
    lang = view.lang
    change = data.call("gap_change", view.filters)
    if change.is_empty():
        st.info(t("ui.competency.change_none", lang), icon=":material/info:")
        return
    st.plotly_chart(change_figure(change, lang), config=PLOTLY_CONFIG, key="comp_change")
    st.warning(t("ui.competency.change_caveat", lang), icon=":material/balance:")
    st.caption(t("ui.competency.change_scope", lang))
    _table(change_table(change, lang))
    download_buttons(
        change_table(change, lang, formatted=False),
        view,
        t("ui.competency.dl_change", lang),
        "perubahan_kesenjangan",
        "dl_change",
    )
