"""The Karier & Talenta page: chart builders (pure: metric frames in, Plotly figure out) and the
page's sections (small Streamlit functions that fetch through src/ui/data.py and draw).

Counts only: there are no roles yet (issue 5), so no person is ever listed, named or downloadable.
Every number comes from src/metrics/talent.py; this module sorts, labels and formats. Texts come
from ui_talent.toml, numbers go through src/ui/format.py; the charts' frame is src/ui/charts.py's
`layout`. The helpers here (`card`, `show`, `dataframe`, `percent_axis`) serve the IP ASN page too.
"""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from src.i18n import t
from src.metrics.attention import MIN_STAFF_TO_RANK
from src.metrics.registry import PAGE_METRIC_BY_ID, MetricSpec
from src.metrics.talent import CAREER_KINDS, SUCCESSION_BOXES, ninebox_counts, rating_years
from src.ui import charts, components, data
from src.ui.charts import wrap
from src.ui.downloads import download_buttons
from src.ui.drill import drill_chart
from src.ui.filters import View, relabel_on_language_change
from src.ui.format import format_delta, format_metric, format_number, format_percent, month_name, period_label
from src.ui.participation import POSITION_LEVELS, unit_tick

CARD_METRICS = (
    "succession_pool_count",
    "pool_trained_rate",
    "talent_mapped_rate",
    "promotion_count",
    "rotation_count",
    "mentee_rate",
)
GROUPINGS = ("region", "unit")
UNIT_LIMIT = 15  # OPD in the pool chart (the table and the download have all)
PLOTLY_CONFIG = components.PLOTLY_CONFIG
KEY_GROUPING = "talent_grouping"

# Okabe–Ito shades: the succession pool in bluish green, box 1 in vermillion, the rest neutral.
POOL, WEAK, NEUTRAL, INK = "#009E73", "#D55E00", "#E8EBEF", "#31333F"
# Light tints of the same hues behind the 9-box's dark text (readable, and still green / orange).
POOL_TINT, WEAK_TINT = "#A8DCC9", "#F4C2A1"
KIND_COLORS = {
    "Rotasi": "#0072B2",
    "Promosi": "#009E73",
    "Tugas Belajar": "#E69F00",
    "Mutasi Keluar": "#999999",
}
MOVE_COLORS = {"improved": "#009E73", "same": "#C9CED6", "declined": "#D55E00"}


def spec(metric_id: str) -> MetricSpec:
    return PAGE_METRIC_BY_ID[metric_id]


# ---- shared helpers (also used by src/ui/ip_asn.py) -------------------------------------------------


def alt_text(fig: go.Figure) -> str:
    """The chart's finding for screen readers: its title and subtitle."""
    title = fig.layout.title
    parts = [title.text or "", (title.subtitle.text if title.subtitle else "") or ""]
    return ". ".join(p.replace("<br>", " ") for p in parts if p)


def show(fig: go.Figure, key: str) -> None:
    st.plotly_chart(fig, key=key, config=PLOTLY_CONFIG, width="stretch", alt=alt_text(fig))


def dataframe(frame: pl.DataFrame) -> None:
    st.dataframe(frame, hide_index=True, width="stretch")


def percent_axis(lang: str, reach: float = 100.0) -> dict[str, object]:
    """0–100 % with room for the value labels beyond `reach`, no tick past 100 %."""
    ticks = [v for v in (0, 20, 40, 60, 80, 100) if v <= max(reach, 1.0) * 1.05] or [0]
    return {
        "range": [0, max(reach, 1.0) * 1.3],
        "tickvals": ticks,
        "ticktext": [format_percent(v / 100, lang, trim=True) for v in ticks],
        "title": {"text": ""},
    }


def card(
    metric_id: str, now: Mapping[str, object], before: Mapping[str, object] | None, view: View
) -> components.Card:
    """A headline card of a page metric with the change against the same months last year (when last
    year has a value too)."""
    s, lang = spec(metric_id), view.lang
    value = now.get(metric_id)
    previous = before.get(metric_id) if before else None
    delta, color, arrow, description = None, "gray", "off", None
    notes: tuple[str, ...] = ()
    year = view.filters.year - 1
    if value is not None and previous is not None:
        change = float(value) - float(previous)  # type: ignore[arg-type]
        delta = format_delta(s, change, lang)
        description = t("ui.overview.compare_short", lang, year=year)
        if delta[0] in "+-":
            better = (change > 0) == s.higher_is_better
            color, arrow = ("green" if better else "red"), ("up" if change > 0 else "down")
    else:
        notes = (t("ui.overview.no_previous", lang, year=year),)
    return components.Card(
        metric_id,
        s.label(lang),
        format_metric(s, value, lang),  # type: ignore[arg-type]
        s.definition(lang),
        delta,
        color,
        arrow,
        description,
        notes,
    )


def grouping_choice(key: str, label_key: str, lang: str) -> str:
    """The region / OPD switch above a grouped chart: labelled `label_key`, its options
    `label_key`_region and `label_key`_unit. Returns the grouping chosen."""
    relabel_on_language_change(key)
    grouping = st.segmented_control(
        t(label_key, lang),
        GROUPINGS,
        default="region",
        required=True,
        format_func=lambda g: t(f"{label_key}_{g}", lang),
        key=key,
    )
    return str(grouping or "region")


def group_columns(rows: pl.DataFrame, grouping: str, unit: str, region: str) -> dict[str, list[object]]:
    """A table's first columns per group: the region, or the OPD (`unit`) and its region."""
    if grouping == "unit":
        return {unit: rows["group"].to_list(), region: rows["group_region"].to_list()}
    return {region: rows["group"].to_list()}


def group_ticks(rows: pl.DataFrame, grouping: str, colors: Mapping[str, str]) -> list[str]:
    """A grouped bar chart's axis labels: the regions, or the OPD (with their region when several
    regions are in view)."""
    if grouping != "unit":
        return rows["group"].to_list()
    with_region = rows["group_region"].n_unique() > 1
    return [unit_tick(u, r, colors, with_region) for u, r in rows.select("group", "group_region").iter_rows()]


def group_name(record: Mapping[str, object], grouping: str) -> str:
    if grouping == "unit" and record.get("group_region"):
        return f"{record['group']} ({record['group_region']})"
    return str(record["group"])


# ---- 1. the 9-box ----------------------------------------------------------------------------------


def box_color(box: int) -> str:
    return POOL_TINT if box in SUCCESSION_BOXES else WEAK_TINT if box == 1 else NEUTRAL


def ninebox_figure(counts: pl.DataFrame, years: pl.DataFrame, unmapped: int, lang: str) -> go.Figure:
    """The 9-box as a 3 × 3 grid: kinerja across (di bawah, sesuai, di atas ekspektasi), potensial up
    (rendah, menengah, tinggi), each cell with its number, staff and share of the mapped staff.

    `counts`: talent.ninebox_counts for one group (nine rows); `years`: talent.rating_years.
    """
    columns = [wrap(t(f"ui.talent.kinerja_{k}", lang), 12) for k in (1, 2, 3)]
    rows = [t(f"ui.talent.potensial_{p}", lang) for p in (1, 2, 3)]
    by_position = {(r["kinerja"], r["potensial"]): r for r in counts.iter_rows(named=True)}
    mapped = int(counts["staff"].sum())
    pool = int(counts.filter(pl.col("box").is_in(SUCCESSION_BOXES))["staff"].sum())
    z, text, hover, colors = [], [], [], []
    for p in (1, 2, 3):
        z_row, text_row, hover_row = [], [], []
        for k in (1, 2, 3):
            r = by_position[(k, p)]
            share = format_percent(r["share"], lang)
            text_row.append(
                f"<b>{t('ui.talent.box', lang, box=r['box'])}</b><br>"
                f"{t('ui.talent.people', lang, count=format_number(r['staff'], lang))}<br>{share}"
            )
            name = t(f"ui.talent.box_{r['box']}", lang)
            hover_row.append(
                f"<b>{t('ui.talent.box', lang, box=r['box'])}</b>: {name}<br>"
                f"{columns[k - 1].replace('<br>', ' ')} · {rows[p - 1]}<br>"
                f"{t('ui.talent.people', lang, count=format_number(r['staff'], lang))} ({share})"
            )
            z_row.append(len(colors))
            colors.append(box_color(r["box"]))
        z.append(z_row)
        text.append(text_row)
        hover.append(hover_row)
    n = len(colors)
    scale = [[i / (n - 1), c] for i, c in enumerate(colors)] if n > 1 else [[0, colors[0]], [1, colors[0]]]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=columns,
            y=rows,
            text=text,
            texttemplate="%{text}",
            textfont={"size": 14, "color": INK},
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            colorscale=scale,
            zmin=0,
            zmax=max(n - 1, 1),
            showscale=False,
            xgap=4,
            ygap=4,
        )
    )
    title = t(
        "ui.talent.ninebox_title",
        lang,
        pool=format_number(pool, lang),
        share=format_percent(pool / mapped if mapped else None, lang),
    )
    year_list = [str(y) for y in years["rating_year"]]
    subtitle = t(
        "ui.talent.ninebox_subtitle",
        lang,
        years=", ".join(year_list) if year_list else "–",
        unmapped=format_number(unmapped, lang),
    )
    charts.layout(fig, title, subtitle, lang, body=380)
    fig.update_xaxes(side="bottom", title={"text": t("ui.talent.axis_kinerja", lang)})
    fig.update_yaxes(title={"text": t("ui.talent.axis_potensial", lang)})
    return fig


def ninebox_table(boxes: pl.DataFrame, kpis: pl.DataFrame, grouping: str, lang: str) -> pl.DataFrame:
    """One row per group: ASN, mapped, boxes 1–9, succession pool, trained and ≥ 20 JP (counts and %).

    `boxes`: talent.ninebox and `kpis`: talent.talent_kpis, both by region or by unit.
    """
    counts = (
        boxes.filter(pl.col("box").is_not_null())
        .group_by(["group", "group_region", "box"])
        .agg(pl.col("staff").sum())
    )
    wide = counts.pivot(on="box", index=["group", "group_region"], values="staff", sort_columns=True)
    rows = kpis.join(wide, on=["group", "group_region"], how="left", nulls_equal=True).sort(
        ["group_region", "group"] if grouping == "unit" else ["group"], nulls_last=True
    )
    out = group_columns(rows, grouping, t("ui.talent.col_unit", lang), t("ui.talent.col_region", lang))
    out[t("ui.talent.col_staff", lang)] = [int(v) for v in rows["asn_count"]]
    out[t("ui.talent.col_mapped", lang)] = [int(v) for v in rows["talent_mapped"]]
    for box in range(1, 10):
        column = str(box)
        values = rows[column].fill_null(0).to_list() if column in rows.columns else [0] * rows.height
        out[t("ui.talent.box", lang, box=box)] = [int(v) for v in values]
    out[spec("succession_pool_count").label(lang)] = [int(v) for v in rows["succession_pool"]]
    for metric in ("pool_trained_rate", "pool_jp20_rate"):
        out[f"{spec(metric).label(lang)} (%)"] = [
            None if v is None else round(v * 100, 1) for v in rows[metric]
        ]
    return pl.DataFrame(out, strict=False)


def pool_rows(kpis: pl.DataFrame, grouping: str, limit: int = UNIT_LIMIT) -> pl.DataFrame:
    """Groups with a succession pool, the largest pools first (OPD: the `limit` largest)."""
    rows = kpis.filter(pl.col("succession_pool") > 0).sort(
        ["succession_pool", "group"], descending=[True, False]
    )
    return rows.head(limit) if grouping == "unit" else rows


def pool_figure(
    rows: pl.DataFrame, grouping: str, lang: str, colors: Mapping[str, str], overall: float | None
) -> go.Figure:
    """Horizontal bars: the share of each group's succession pool that took part in development in
    the last 12 months, with the 95 % interval; the pool's size in the label. The title gives
    `overall`, the whole view's pool_trained_rate (the chart may show only some OPD)."""
    s = spec("pool_trained_rate")
    if rows.is_empty():
        fig = go.Figure()
        charts.layout(fig, t("ui.talent.pool_none", lang), "", lang, body=60)
        fig.update_xaxes(visible=False)
        fig.update_yaxes(visible=False)
        return fig
    ordered = rows.sort("succession_pool")  # Plotly draws the first category at the bottom
    ticks = group_ticks(ordered, grouping, colors)
    values = [None if v is None else v * 100 for v in ordered["pool_trained_rate"]]
    lows = [None if v is None else v * 100 for v in ordered["pool_trained_rate_low"]]
    highs = [None if v is None else v * 100 for v in ordered["pool_trained_rate_high"]]
    counts = [
        t("ui.talent.of_pool", lang, count=format_number(n * (v or 0), lang), total=format_number(n, lang))
        for v, n in zip(ordered["pool_trained_rate"], ordered["succession_pool"], strict=True)
    ]
    # OPD names take the room on a tablet: there the counts go to the hover only.
    labels = [
        f" {format_metric(s, v, lang)}" + (f" · {c}" if grouping == "region" else "")
        for v, c in zip(ordered["pool_trained_rate"], counts, strict=True)
    ]
    bar_colors = [
        colors.get(r["group"], charts.PALETTE[0]) if grouping == "region" else POOL
        for r in ordered.iter_rows(named=True)
    ]
    fig = go.Figure(
        [
            go.Bar(
                x=values,
                y=ticks,
                orientation="h",
                marker={"color": bar_colors},
                error_x={
                    "type": "data",
                    "symmetric": False,
                    "array": [(h or 0) - (v or 0) for h, v in zip(highs, values, strict=True)],
                    "arrayminus": [(v or 0) - (lo or 0) for lo, v in zip(lows, values, strict=True)],
                    "color": "#555555",
                    "thickness": 1.5,
                    "width": 4,
                },
                customdata=[
                    [r["group"], r["group_region"] or r["group"], f"{r['group']}: {label.strip()} ({c})"]
                    for r, label, c in zip(ordered.iter_rows(named=True), labels, counts, strict=True)
                ],
                hovertemplate="%{customdata[2]}<extra></extra>",
                showlegend=False,
            ),
            charts.bar_labels([h if h is not None else 0 for h in highs], ticks, labels),
        ]
    )
    title = t("ui.talent.pool_title", lang, share=format_percent(overall, lang))
    lowest = rows.filter(pl.col("pool_trained_rate").is_not_null()).sort("pool_trained_rate").head(1)
    subtitle = (
        t(
            "ui.talent.pool_subtitle",
            lang,
            group=str(lowest["group"][0]),
            value=format_metric(s, lowest["pool_trained_rate"][0], lang),
        )
        if lowest.height and rows.height > 1
        else ""
    )
    row_px = max(34, 14 + 17 * max(tick.count("<br>") + 1 for tick in ticks))
    charts.layout(fig, title, subtitle, lang, body=40 + row_px * len(ticks))
    fig.update_xaxes(**percent_axis(lang, 125.0 if grouping == "region" else 100.0))
    fig.update_yaxes(automargin=True, categoryorder="array", categoryarray=ticks)
    fig.update_layout(bargap=0.3)
    return fig


# ---- 2. career events --------------------------------------------------------------------------------


def careers_figure(events: pl.DataFrame, year: int, end_month: int, lang: str) -> go.Figure:
    """Grouped bars per year (the same months of each year) and kind of event."""
    totals = events.group_by(["year", "jenis"]).agg(pl.col("events").sum())
    years = sorted(set(totals["year"].to_list()) | {year})
    fig = go.Figure()
    for kind in CAREER_KINDS:
        part = dict(totals.filter(pl.col("jenis") == kind).select("year", "events").iter_rows())
        values = [part.get(y, 0) for y in years]
        fig.add_bar(
            x=[str(y) for y in years],
            y=values,
            name=t(f"ui.talent.kind_{kind.lower().replace(' ', '_')}", lang),
            marker={"color": KIND_COLORS[kind]},
            text=[format_number(v, lang) for v in values],
            textposition="outside",
            hovertemplate="%{x} · %{fullData.name}: %{y:,.0f}<extra></extra>",
        )
    now = dict(totals.filter(pl.col("year") == year).select("jenis", "events").iter_rows())
    months = period_label(year, end_month, lang)
    title = t(
        "ui.talent.careers_title",
        lang,
        period=months,
        promotions=format_number(now.get("Promosi", 0), lang),
        rotations=format_number(now.get("Rotasi", 0), lang),
        study=format_number(now.get("Tugas Belajar", 0), lang),
    )
    subtitle = t(
        "ui.talent.careers_subtitle",
        lang,
        first=month_name(1, lang),
        last=month_name(end_month, lang),
    )
    charts.layout(fig, title, subtitle, lang, body=320, legend=True)
    top = max([0, *totals["events"].to_list()])
    fig.update_yaxes(range=[0, max(top, 1) * 1.2], tickformat=",.0f", title={"text": ""})
    fig.update_xaxes(type="category", title={"text": ""})
    fig.update_layout(barmode="group", bargap=0.25)
    return fig


def careers_table(events: pl.DataFrame, lang: str) -> pl.DataFrame:
    totals = events.group_by(["year", "jenis"]).agg(pl.col("events").sum(), pl.col("staff").sum())
    ordered = totals.sort(
        ["year", pl.col("jenis").replace_strict(dict(zip(CAREER_KINDS, range(4), strict=True)), default=9)]
    )
    return pl.DataFrame(
        {
            t("ui.talent.col_year", lang): ordered["year"].to_list(),
            t("ui.talent.col_kind", lang): ordered["jenis"].to_list(),
            t("ui.talent.col_events", lang): ordered["events"].to_list(),
        }
    )


# ---- 3. mentoring and coaching -------------------------------------------------------------------


def mentoring_rows(frame: pl.DataFrame) -> pl.DataFrame:
    """One row per position level (highest first): asn_count, mentees, mentoring, coaching, rate."""
    order = {level: i for i, level in enumerate(POSITION_LEVELS)}
    rows = frame.group_by("position_level").agg(pl.col("asn_count", "mentees", "mentoring", "coaching").sum())
    return (
        rows.with_columns(
            rate=pl.when(pl.col("asn_count") > 0).then(pl.col("mentees") / pl.col("asn_count")),
            _order=pl.col("position_level").replace_strict(order, default=len(order)),
        )
        .sort("_order")
        .drop("_order")
    )


def mentoring_figure(rows: pl.DataFrame, overall: float | None, period: str, lang: str) -> go.Figure:
    """Horizontal bars: the share of each position level that was mentored or coached in the period."""
    ordered = rows.reverse()  # highest level on top
    labels = [
        f" {format_percent(r['rate'], lang)} · "
        + t(
            "ui.talent.of_staff",
            lang,
            count=format_number(r["mentees"], lang),
            total=format_number(r["asn_count"], lang),
        )
        for r in ordered.iter_rows(named=True)
    ]
    values = [None if v is None else v * 100 for v in ordered["rate"]]
    levels = ordered["position_level"].to_list()
    fig = go.Figure(
        [
            go.Bar(
                x=values,
                y=levels,
                orientation="h",
                marker={
                    "color": [
                        POOL if (r["asn_count"] or 0) >= MIN_STAFF_TO_RANK else "#9AD0BF"
                        for r in ordered.iter_rows(named=True)
                    ]
                },
                hovertemplate="%{y}: %{x:.1f} %<extra></extra>",
                showlegend=False,
            ),
            charts.bar_labels([v or 0 for v in values], levels, labels),
        ]
    )
    title = t("ui.talent.mentoring_title", lang, share=format_percent(overall, lang), period=period)
    top = rows.filter(pl.col("rate").is_not_null() & (pl.col("asn_count") >= MIN_STAFF_TO_RANK)).sort(
        "rate", descending=True
    )
    subtitle = (
        t(
            "ui.talent.mentoring_subtitle",
            lang,
            level=top["position_level"][0],
            share=format_percent(top["rate"][0], lang),
        )
        if top.height > 1
        else ""
    )
    reach = max([v for v in values if v is not None] or [0])
    charts.layout(fig, title, subtitle, lang, body=40 + 34 * max(len(levels), 1))
    fig.update_xaxes(**percent_axis(lang, reach * 1.6 if reach else 100))
    fig.update_yaxes(automargin=True, categoryorder="array", categoryarray=levels)
    return fig


def mentoring_table(rows: pl.DataFrame, lang: str) -> pl.DataFrame:
    return pl.DataFrame(
        {
            t("ui.talent.col_level", lang): rows["position_level"].to_list(),
            t("ui.talent.col_staff", lang): rows["asn_count"].to_list(),
            t("ui.talent.col_mentees", lang): rows["mentees"].to_list(),
            t("ui.talent.col_mentoring", lang): rows["mentoring"].to_list(),
            t("ui.talent.col_coaching", lang): rows["coaching"].to_list(),
            f"{spec('mentee_rate').label(lang)} (%)": [
                None if v is None else round(v * 100, 1) for v in rows["rate"]
            ],
        }
    )


# ---- 4. mentees' ratings -----------------------------------------------------------------------------


def rating_rows(frame: pl.DataFrame) -> pl.DataFrame:
    """cohort, mentee, staff, improved, same, declined and their shares (whole scope), newest first."""
    rows = frame.group_by(["cohort", "mentee"]).agg(pl.col("staff", "improved", "same", "declined").sum())
    return rows.with_columns(
        (pl.col(c) / pl.col("staff")).alias(f"{c}_share") for c in ("improved", "same", "declined")
    ).sort(["cohort", "mentee"], descending=[True, True])


def ratings_figure(rows: pl.DataFrame, lang: str) -> go.Figure:
    """100 % stacked bars per cohort: mentees and the others, rating up / same / down the next year."""
    ordered = rows.sort(["cohort", "mentee"])  # bottom to top: oldest cohort, others first
    names = [
        t(
            "ui.talent.cohort_row",
            lang,
            group=t(f"ui.talent.{'mentees' if r['mentee'] else 'others'}", lang),
            start=r["cohort"],
            end=r["cohort"] + 1,
        )
        for r in ordered.iter_rows(named=True)
    ]
    fig = go.Figure()
    for move in ("improved", "same", "declined"):
        shares = ordered[f"{move}_share"].to_list()
        fig.add_bar(
            x=[v * 100 for v in shares],
            y=names,
            orientation="h",
            name=t(f"ui.talent.move_{move}", lang),
            marker={"color": MOVE_COLORS[move]},
            text=[format_percent(v, lang) if v >= 0.06 else "" for v in shares],
            textposition="inside",
            insidetextanchor="middle",
            customdata=[
                [t("ui.talent.of_staff", lang, count=format_number(n, lang), total=format_number(s, lang))]
                for n, s in zip(ordered[move], ordered["staff"], strict=True)
            ],
            hovertemplate="%{y} · %{fullData.name}: %{x:.1f} % (%{customdata[0]})<extra></extra>",
        )
    latest = rows["cohort"].max()
    pick = {r["mentee"]: r for r in rows.filter(pl.col("cohort") == latest).iter_rows(named=True)}
    title = t(
        "ui.talent.ratings_title",
        lang,
        mentees=format_percent(pick[True]["improved_share"] if True in pick else None, lang),
        others=format_percent(pick[False]["improved_share"] if False in pick else None, lang),
        start=latest,
        end=latest + 1,
    )
    charts.layout(
        fig, title, t("ui.talent.ratings_subtitle", lang), lang, body=40 + 46 * len(names), legend=True
    )
    fig.update_layout(barmode="stack", legend={"traceorder": "normal"})
    fig.update_xaxes(**{**percent_axis(lang), "range": [0, 100]})
    fig.update_yaxes(automargin=True, categoryorder="array", categoryarray=names)
    return fig


def ratings_table(rows: pl.DataFrame, lang: str) -> pl.DataFrame:
    return pl.DataFrame(
        {
            t("ui.talent.col_cohort", lang): [f"{c}→{c + 1}" for c in rows["cohort"]],
            t("ui.talent.col_group", lang): [
                t("ui.talent.mentees" if m else "ui.talent.others", lang) for m in rows["mentee"]
            ],
            t("ui.talent.col_staff", lang): rows["staff"].to_list(),
            t("ui.talent.move_improved", lang): rows["improved"].to_list(),
            t("ui.talent.move_same", lang): rows["same"].to_list(),
            t("ui.talent.move_declined", lang): rows["declined"].to_list(),
            f"{t('ui.talent.move_improved', lang)} (%)": [round(v * 100, 1) for v in rows["improved_share"]],
        }
    )


# ---- Streamlit: the page's sections ----------------------------------------------------------------


def _download(frame: pl.DataFrame, view: View, title: str, stem: str) -> None:
    if not frame.is_empty():
        download_buttons(frame, view, title, f"karier_{stem}", key=f"talent_{stem}")


def totals(view: View) -> pl.DataFrame:
    """The page's figures for the whole scope (one row)."""
    return data.call("talent_kpis", view.filters)


def cards(view: View, now: pl.DataFrame) -> None:
    before = data.call("talent_kpis", view.filters.previous_year())
    row = now.row(0, named=True)
    previous = before.row(0, named=True) if before.height else None
    components.render_cards([card(m, row, previous, view) for m in CARD_METRICS], view.lang)


def ninebox_section(view: View, now: pl.DataFrame) -> None:
    lang = view.lang
    boxes = data.call("talent_ninebox", view.filters)
    row = now.row(0, named=True)
    if not row["talent_mapped"]:
        st.info(t("ui.talent.ninebox_none", lang), icon=":material/info:")
        return
    counts = ninebox_counts(boxes)
    fig = ninebox_figure(counts, rating_years(boxes), int(row["asn_count"] - row["talent_mapped"]), lang)
    show(fig, "talent_ninebox")
    st.caption(t("ui.talent.ninebox_caption", lang))


def groups_section(view: View, now: pl.DataFrame) -> None:
    """The 9-box and the succession pool per region or OPD: the pool's development as a chart, every
    box as counts in the table."""
    lang = view.lang
    grouping = grouping_choice(KEY_GROUPING, "ui.talent.grouping", lang)
    kpis = data.call("talent_kpis", view.filters, by=grouping)
    rows = pool_rows(kpis, grouping)
    colors = charts.region_colors(view.choices.regions)
    fig = pool_figure(rows, grouping, lang, colors, now["pool_trained_rate"][0])
    if rows.is_empty():
        show(fig, f"talent_pool_{grouping}")
    else:
        drill_chart(fig, grouping, f"talent_pool_{grouping}")  # type: ignore[arg-type]
    notes = [t("ui.talent.pool_caption", lang)]
    if grouping == "unit" and kpis.filter(pl.col("succession_pool") > 0).height > rows.height:
        notes.append(t("ui.talent.pool_units_note", lang, count=UNIT_LIMIT))
    st.caption(" ".join(notes))
    table = ninebox_table(data.call("talent_ninebox", view.filters, by=grouping), kpis, grouping, lang)
    with st.expander(t("ui.talent.table", lang), icon=":material/table:"):
        dataframe(table)
        _download(table, view, t("ui.talent.dl_ninebox", lang), f"9box_{grouping}")


def careers_section(view: View) -> None:
    lang, f = view.lang, view.filters
    events = data.call("talent_careers", f)
    if events.is_empty():
        st.info(t("ui.talent.careers_none", lang), icon=":material/info:")
        return
    fig = careers_figure(events, f.year, f.end_month, lang)
    show(fig, "talent_careers")
    st.caption(t("ui.talent.careers_caption", lang))
    table = careers_table(events, lang)
    with st.expander(t("ui.talent.table", lang), icon=":material/table:"):
        dataframe(table)
        _download(table, view, alt_text(fig), "peristiwa")


def mentoring_section(view: View, now: pl.DataFrame) -> None:
    lang, f = view.lang, view.filters
    rows = mentoring_rows(data.call("talent_mentoring", f))
    if rows.is_empty() or not int(rows["mentees"].sum()):
        st.info(
            t("ui.talent.mentoring_none", lang, period=period_label(f.year, f.end_month, lang)),
            icon=":material/info:",
        )
        return
    fig = mentoring_figure(rows, now["mentee_rate"][0], period_label(f.year, f.end_month, lang), lang)
    show(fig, "talent_mentoring")
    st.caption(t("ui.talent.mentoring_caption", lang, min=MIN_STAFF_TO_RANK))
    table = mentoring_table(rows, lang)
    with st.expander(t("ui.talent.table", lang), icon=":material/table:"):
        dataframe(table)
        _download(table, view, alt_text(fig), "mentoring")


def ratings_section(view: View) -> None:
    lang = view.lang
    raw = data.call("talent_mentee_ratings", view.filters)
    if raw.is_empty():
        st.info(t("ui.talent.ratings_none", lang), icon=":material/info:")
        return
    rows = rating_rows(raw)
    fig = ratings_figure(rows, lang)
    show(fig, "talent_ratings")
    st.warning(t("ui.talent.ratings_caveat", lang), icon=":material/balance:")
    table = ratings_table(rows, lang)
    with st.expander(t("ui.talent.table", lang), icon=":material/table:"):
        dataframe(table)
        _download(table, view, alt_text(fig), "predikat_mentee")
