"""The IP ASN (kompetensi) page: chart builders (pure: metric frames in, Plotly figure out) and the
page's sections. Every number comes from src/metrics/ip_asn.py; the scoring's parameters are shown
as they stand in data/ip_asn_kompetensi.toml, because they are assumptions to be confirmed. Texts
come from ui_ip_asn.toml, numbers go through src/ui/format.py.
"""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from src.i18n import t
from src.metrics.attention import MIN_STAFF_TO_RANK
from src.metrics.ip_asn import ITEMS, PREFIX, Scoring, scoring
from src.metrics.registry import PAGE_METRIC_BY_ID
from src.ui import charts, components, data
from src.ui.charts import wrap
from src.ui.downloads import download_buttons
from src.ui.drill import drill_chart
from src.ui.filters import View
from src.ui.format import format_metric, format_number, format_percent
from src.ui.talent import (
    alt_text,
    card,
    dataframe,
    group_columns,
    group_ticks,
    grouping_choice,
    percent_axis,
    show,
)

CARD_METRICS = (
    "ip_asn_kompetensi_mean",
    "ip_asn_kompetensi_share",
    "ip_asn_lead_rate",
    "ip_asn_func_rate",
    "ip_asn_tech_rate",
    "ip_asn_seminar_rate",
)
ITEM_METRICS = {
    "kepemimpinan": "ip_asn_lead_rate",
    "fungsional": "ip_asn_func_rate",
    "teknis": "ip_asn_tech_rate",
    "seminar": "ip_asn_seminar_rate",
}
MEAN = PAGE_METRIC_BY_ID["ip_asn_kompetensi_mean"]
UNIT_LIMIT = 15
KEY_GROUPING = "ip_asn_grouping"
BAR, SMALL, ITEM = "#0072B2", "#9CC3E0", "#56B4E9"


# ---- per region or OPD -------------------------------------------------------------------------------


def group_rows(kpis: pl.DataFrame, grouping: str) -> pl.DataFrame:
    """Groups with staff, lowest mean first (OPD: only those with at least MIN_STAFF_TO_RANK staff;
    smaller OPD are in the table only)."""
    rows = kpis.filter(pl.col("ip_staff") > 0)
    if grouping == "unit":
        rows = rows.filter(pl.col("ip_staff") >= MIN_STAFF_TO_RANK)
    return rows.sort(["ip_asn_kompetensi_mean", "group"], nulls_last=True)


def groups_figure(
    ranked: pl.DataFrame,
    grouping: str,
    lang: str,
    colors: Mapping[str, str],
    points: float,
    limit: int = UNIT_LIMIT,
) -> go.Figure:
    """Horizontal bars of the mean competency-dimension points per group (of `points`), the lowest on
    top for OPD (the `limit` lowest of `ranked`, group_rows); the staff in the label. The title and
    subtitle name the lowest and the highest of all of `ranked`."""
    rows = ranked.head(limit) if grouping == "unit" else ranked
    ordered = rows.reverse() if grouping == "unit" else rows.sort("ip_asn_kompetensi_mean")
    ticks = group_ticks(ordered, grouping, colors)
    values = ordered["ip_asn_kompetensi_mean"].to_list()
    labels = [
        f" {format_metric(MEAN, v, lang)} · " + t("ui.ip_asn.staff", lang, count=format_number(n, lang))
        for v, n in zip(values, ordered["ip_staff"], strict=True)
    ]
    bar_colors = [
        colors.get(r["group"], BAR) if grouping == "region" else BAR for r in ordered.iter_rows(named=True)
    ]
    fig = go.Figure(
        [
            go.Bar(
                x=values,
                y=ticks,
                orientation="h",
                marker={"color": bar_colors},
                customdata=[
                    [r["group"], r["group_region"] or r["group"]] for r in ordered.iter_rows(named=True)
                ],
                hovertemplate="%{y}: %{x:.1f}<extra></extra>",
                showlegend=False,
            ),
            charts.bar_labels([v or 0 for v in values], ticks, labels),
        ]
    )
    lowest = ranked.filter(pl.col("ip_asn_kompetensi_mean").is_not_null()).sort("ip_asn_kompetensi_mean")
    key = "ui.ip_asn.groups_title_unit" if grouping == "unit" else "ui.ip_asn.groups_title_region"
    title = (
        t(
            key,
            lang,
            group=str(lowest["group"][0]),
            value=format_metric(MEAN, lowest["ip_asn_kompetensi_mean"][0], lang),
            max=format_number(points, lang),
        )
        if lowest.height
        else t("ui.ip_asn.groups_none", lang)
    )
    highest = lowest.tail(1)
    subtitle = (
        t(
            "ui.ip_asn.groups_subtitle",
            lang,
            group=str(highest["group"][0]),
            value=format_metric(MEAN, highest["ip_asn_kompetensi_mean"][0], lang),
        )
        if lowest.height > 1
        else ""
    )
    row_px = max(34, 14 + 17 * max([tick.count("<br>") + 1 for tick in ticks] or [1]))
    charts.layout(fig, title, subtitle, lang, body=40 + row_px * max(len(ticks), 1))
    ticks_at = list(range(0, int(points) + 1, 10))
    fig.update_xaxes(
        range=[0, points * 1.45],
        tickvals=ticks_at,
        ticktext=[format_number(v, lang) for v in ticks_at],
        title={"text": ""},
    )
    fig.update_yaxes(automargin=True, categoryorder="array", categoryarray=ticks)
    fig.add_vline(
        x=points,
        line={"dash": "dash", "color": "#444444", "width": 1.5},
        annotation={
            "text": t("ui.ip_asn.max_line", lang, max=format_number(points, lang)),
            "yanchor": "bottom",
            "y": 1,
            "xanchor": "right",
            "showarrow": False,
            "font": {"size": 12, "color": "#444444"},
        },
    )
    fig.update_layout(bargap=0.3)
    return fig


def groups_table(kpis: pl.DataFrame, grouping: str, lang: str) -> pl.DataFrame:
    """Every group: staff, mean points, share of the maximum and each item's rate (met of applicable)."""
    rows = kpis.filter(pl.col("ip_staff") > 0).sort(
        ["group_region", "group"] if grouping == "unit" else ["group"], nulls_last=True
    )
    out = group_columns(rows, grouping, t("ui.ip_asn.col_unit", lang), t("ui.ip_asn.col_region", lang))
    out[t("ui.ip_asn.col_staff", lang)] = [int(v) for v in rows["ip_staff"]]
    out[MEAN.label(lang)] = [None if v is None else round(v, 2) for v in rows["ip_asn_kompetensi_mean"]]
    for metric in ("ip_asn_kompetensi_share", *ITEM_METRICS.values()):
        out[f"{PAGE_METRIC_BY_ID[metric].label(lang)} (%)"] = [
            None if v is None else round(v * 100, 1) for v in rows[metric]
        ]
    return pl.DataFrame(out, strict=False)


# ---- the items ---------------------------------------------------------------------------------------


def items_figure(row: Mapping[str, object], rules: Scoring, lang: str) -> go.Figure:
    """One bar per item: the share of the staff it applies to who meet it, with its points."""
    ids = list(reversed(ITEMS))  # first item on top
    names = [
        wrap(t(f"ui.ip_asn.item_{i}", lang), 24)
        + "<br>"
        + t("ui.ip_asn.item_points", lang, points=format_number(rules.item(i).points, lang))
        for i in ids
    ]
    rates = [row.get(ITEM_METRICS[i]) for i in ids]
    met = [row.get(f"{PREFIX[i]}_met") or 0 for i in ids]
    app = [row.get(f"{PREFIX[i]}_app") or 0 for i in ids]
    labels = [
        f" {format_percent(r, lang)} · "  # type: ignore[arg-type]
        + t("ui.ip_asn.of_staff", lang, count=format_number(m, lang), total=format_number(a, lang))
        for r, m, a in zip(rates, met, app, strict=True)
    ]
    values = [None if r is None else r * 100 for r in rates]  # type: ignore[operator]
    fig = go.Figure(
        [
            go.Bar(
                x=values,
                y=names,
                orientation="h",
                marker={"color": ITEM},
                hovertemplate="%{x:.1f} %<extra></extra>",
                showlegend=False,
            ),
            charts.bar_labels([v or 0 for v in values], names, labels),
        ]
    )
    known = [(r, i) for r, i in zip(rates, ids, strict=True) if r is not None]
    if known:
        weakest = min(known, key=lambda pair: pair[0])  # type: ignore[arg-type, return-value]
        title = t(
            "ui.ip_asn.items_title",
            lang,
            item=t(f"ui.ip_asn.item_{weakest[1]}", lang),
            share=format_percent(weakest[0], lang),  # type: ignore[arg-type]
        )
    else:
        title = t("ui.ip_asn.groups_none", lang)
    charts.layout(fig, title, t("ui.ip_asn.items_subtitle", lang), lang, body=40 + 52 * len(ids))
    fig.update_xaxes(**percent_axis(lang))
    fig.update_yaxes(automargin=True, categoryorder="array", categoryarray=names)
    return fig


def distribution_figure(dist: pl.DataFrame, points: float, lang: str) -> go.Figure:
    """Bars: how many staff score each number of points (the scores are few distinct values)."""
    total = int(dist["staff"].sum())
    zero = int(dist.filter(pl.col("points") == 0)["staff"].sum())
    labels = [format_number(p, lang, decimals=1) for p in dist["points"]]
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=dist["staff"].to_list(),
            marker={"color": [SMALL if p == 0 else BAR for p in dist["points"]]},
            text=[format_number(n, lang) for n in dist["staff"]],
            textposition="outside",
            hovertemplate="%{x}: %{y:,.0f}<extra></extra>",
            showlegend=False,
        )
    )
    title = t(
        "ui.ip_asn.dist_title",
        lang,
        share=format_percent(zero / total if total else None, lang),
        count=format_number(zero, lang),
    )
    charts.layout(
        fig, title, t("ui.ip_asn.dist_subtitle", lang, max=format_number(points, lang)), lang, body=300
    )
    fig.update_xaxes(type="category", title={"text": t("ui.ip_asn.dist_x", lang)})
    fig.update_yaxes(
        range=[0, max([0, *dist["staff"].to_list()]) * 1.2 or 1], tickformat=",.0f", title={"text": ""}
    )
    return fig


def rules_table(rules: Scoring, lang: str) -> pl.DataFrame:
    """The scoring's parameters as they stand in the configuration file, one row per item."""
    everyone = t("ui.ip_asn.applies_all", lang)
    whole = t("ui.ip_asn.lookback_all", lang)
    rows = []
    for item in rules.items:
        condition = t(f"ui.ip_asn.rule_{item.id}", lang, jp=format_number(item.min_jp, lang))
        if item.levels:
            condition += " " + "; ".join(f"{level}: {', '.join(names)}" for level, names in item.levels)
        rows.append(
            {
                t("ui.ip_asn.col_item", lang): t(f"ui.ip_asn.item_{item.id}", lang),
                t("ui.ip_asn.col_points", lang): format_number(item.points, lang),
                t("ui.ip_asn.col_for", lang): ", ".join(item.applies_to) or everyone,
                t("ui.ip_asn.col_forms", lang): ", ".join(item.bentuk),
                t("ui.ip_asn.col_window", lang): (
                    t("ui.ip_asn.lookback_months", lang, months=item.lookback_months)
                    if item.lookback_months
                    else whole
                ),
                t("ui.ip_asn.col_condition", lang): condition,
            }
        )
    return pl.DataFrame(rows)


# ---- Streamlit: the page's sections ----------------------------------------------------------------


def _download(frame: pl.DataFrame, view: View, title: str, stem: str) -> None:
    if not frame.is_empty():
        download_buttons(frame, view, title, f"ip_asn_{stem}", key=f"ip_asn_{stem}")


def totals(view: View) -> pl.DataFrame:
    return data.call("ip_asn_kpis", view.filters)


def assumption_note(view: View) -> None:
    rules = scoring()
    key = "ui.ip_asn.assumption_scaled" if rules.scale_to_applicable else "ui.ip_asn.assumption_flat"
    st.info(t(key, view.lang, max=format_number(rules.dimension_points, view.lang)), icon=":material/rule:")


def cards(view: View, now: pl.DataFrame) -> None:
    before = data.call("ip_asn_kpis", view.filters.previous_year())
    row = now.row(0, named=True)
    previous = before.row(0, named=True) if before.height else None
    components.render_cards([card(m, row, previous, view) for m in CARD_METRICS], view.lang)


def groups_section(view: View) -> None:
    lang = view.lang
    grouping = grouping_choice(KEY_GROUPING, "ui.ip_asn.grouping", lang)
    kpis = data.call("ip_asn_kpis", view.filters, by=grouping)
    rows = group_rows(kpis, grouping)
    points = scoring().dimension_points
    if rows.is_empty():
        st.info(t("ui.ip_asn.groups_none", lang), icon=":material/info:")
    else:
        fig = groups_figure(rows, grouping, lang, charts.region_colors(view.choices.regions), points)
        drill_chart(fig, grouping, f"ip_asn_groups_{grouping}")  # type: ignore[arg-type]
        if grouping == "unit":
            st.caption(t("ui.ip_asn.groups_units_note", lang, count=UNIT_LIMIT, min=MIN_STAFF_TO_RANK))
    table = groups_table(kpis, grouping, lang)
    with st.expander(t("ui.ip_asn.table", lang), icon=":material/table:"):
        dataframe(table)
        _download(table, view, t("ui.ip_asn.dl_groups", lang), f"per_{grouping}")


def items_section(view: View, now: pl.DataFrame) -> None:
    fig = items_figure(now.row(0, named=True), scoring(), view.lang)
    show(fig, "ip_asn_items")
    st.caption(t("ui.ip_asn.items_caption", view.lang))


def distribution_section(view: View) -> None:
    dist = data.call("ip_asn_distribution", view.filters)
    if dist.is_empty():
        return
    points = scoring().dimension_points
    fig = distribution_figure(dist, points, view.lang)
    show(fig, "ip_asn_distribution")
    table = dist.rename(
        {"points": t("ui.ip_asn.dist_x", view.lang), "staff": t("ui.ip_asn.col_staff", view.lang)}
    )
    with st.expander(t("ui.ip_asn.table", view.lang), icon=":material/table:"):
        dataframe(table)
        _download(table, view, alt_text(fig), "sebaran_nilai")


def rules_section(view: View) -> None:
    lang = view.lang
    st.write(t("ui.ip_asn.rules_intro", lang))
    st.table(rules_table(scoring(), lang), hide_index=True, border="horizontal")
    st.caption(t("ui.ip_asn.rules_caption", lang))
