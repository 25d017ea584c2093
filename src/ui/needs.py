"""The Kebutuhan Pelatihan page's pieces.

First the pure builders (metric frames in, Plotly figures and tables out; no Streamlit, no queries;
tests assert on their data), then the small sections pages/kebutuhan.py calls, which fetch through
src/ui/data.py and draw. Every number comes from src/metrics/needs.py; every text from
src/i18n/ui_needs.toml; every figure is formatted by src/ui/format.py.
"""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from src.i18n import t
from src.metrics.needs import OVER, UNDER
from src.metrics.registry import DIMENSIONS, METRIC_BY_ID, view_metric
from src.ui import charts, data
from src.ui.components import Card
from src.ui.downloads import download_buttons
from src.ui.evaluation import chart, empty_figure, layout, left_margin, short, table_and_downloads
from src.ui.filters import View
from src.ui.format import format_jp, format_metric, format_number, format_percent, format_rupiah, format_score
from src.ui.participation import unit_tick

REQUESTS, MET, UNMET = (
    view_metric("needs_requests"),
    view_metric("needs_met_rate"),
    view_metric("needs_unmet"),
)
RATIO, SCORE, COST = (
    view_metric("topic_service_ratio"),
    view_metric("programme_score"),
    view_metric("programme_cost"),
)
GAP = METRIC_BY_ID["competency_gap_mean"]
CARDS = (REQUESTS, MET, UNMET, COST)
TOP_TOPICS, TOP_UNITS = 10, 12
NAVY, SKY, VERMILLION = "#1F3A5F", "#56B4E9", "#D55E00"


# ---- headline -----------------------------------------------------------------------------------------


def headline_cards(summary: Mapping[str, object], year: int, lang: str) -> list[Card]:
    """Requests, share met, requests not yet met, and next year's programme cost estimate."""
    notes = {
        "needs_requests": t(
            "ui.needs.card_requests",
            lang,
            year=year,
            units=format_number(summary.get("units_asking"), lang),  # type: ignore[arg-type]
            topics=format_number(summary.get("topics_requested"), lang),  # type: ignore[arg-type]
        ),
        "programme_cost": t("ui.needs.card_cost", lang, year=year + 1),
    }
    cards = []
    for spec in CARDS:
        value = summary.get(spec.id)
        number = value if isinstance(value, int | float) else None
        note = notes.get(spec.id)
        cards.append(Card(spec.id, spec.label(lang), format_metric(spec, number, lang), spec.definition(lang),
                          notes=(note,) if note else ()))  # fmt: skip
    return cards


# ---- requests against delivery, per topic ---------------------------------------------------------------


def demand_rows(topics: pl.DataFrame, lang: str, limit: int = TOP_TOPICS) -> pl.DataFrame:
    """The `limit` most requested topics (topics nobody asked for but with JP follow), the rest added
    up as one "lainnya" row: topic, label, requested, jp_delivered, request_share, jp_share, served."""
    ordered = topics.sort(["requested", "jp_delivered", "topic"], descending=[True, True, False])
    head, rest = ordered.head(limit), ordered.slice(limit)
    rows = head.select("topic", "requested", "jp_delivered", "request_share", "jp_share", "served")
    if rest.height:
        other = pl.DataFrame(
            {
                "topic": [t("ui.needs.other", lang, count=rest.height)],
                "requested": [int(rest["requested"].sum())],
                "jp_delivered": [float(rest["jp_delivered"].sum())],
                "request_share": [rest["request_share"].sum()],
                "jp_share": [rest["jp_share"].sum()],
                "served": [""],
            },
            schema=rows.schema,
        )
        rows = pl.concat([rows, other])
    return rows


def demand_figure(topics: pl.DataFrame, lang: str) -> go.Figure:
    """Per topic, its share of the requests and its share of the JP delivered as paired bars; the
    title names the most under-served topic, the subtitle the over-served ones."""
    if topics.is_empty() or not topics["requested"].sum():
        return empty_figure(lang, "ui.needs.demand_none")
    rows = demand_rows(topics, lang)
    drawn = rows.reverse()
    labels = drawn["topic"].to_list()
    fig = go.Figure()
    # Plotly draws a group's first bar lowest: JP first puts each topic's request bar on top.
    for column, name, color in (
        ("jp_share", t("ui.needs.share_jp", lang), SKY),
        ("request_share", t("ui.needs.share_requests", lang), NAVY),
    ):
        fig.add_bar(
            x=[None if v is None else v * 100 for v in drawn[column]],
            y=labels,
            orientation="h",
            name=name,
            marker={"color": color},
            text=[f" {format_percent(v, lang)}" for v in drawn[column]],
            textposition="outside",
            cliponaxis=False,
            customdata=[
                "<br>".join([
                    f"<b>{topic}</b>",
                    t("ui.needs.hover_requests", lang, count=format_number(r, lang),
                      share=format_percent(rs, lang)),
                    t("ui.needs.hover_jp", lang, jp=format_jp(j, lang), share=format_percent(js, lang)),
                ])
                for topic, r, j, rs, js in drawn.select(
                    "topic", "requested", "jp_delivered", "request_share", "jp_share"
                ).iter_rows()
            ],
            hovertemplate="%{customdata}<extra></extra>",
        )  # fmt: skip
    asked = topics.filter(pl.col("requested") > 0).sort(
        ["topic_service_ratio", "requested"], descending=[False, True]
    )
    low = asked.row(0, named=True)
    title = t(
        "ui.needs.demand_title",
        lang,
        topic=low["topic"],
        requests=format_percent(low["request_share"], lang),
        jp=format_percent(low["jp_share"], lang),
    )
    over = topics.filter(pl.col("served").is_in(["over", "not_requested"]))["topic"].to_list()
    subtitle = (
        t("ui.needs.demand_subtitle", lang, topics=", ".join(over))
        if over
        else t("ui.needs.demand_subtitle_none", lang)
    )
    layout(fig, title, subtitle, lang, max(180, 46 * rows.height + 30), legend=True)
    reach = max(
        [v * 100 for v in [*rows["request_share"].to_list(), *rows["jp_share"].to_list()] if v is not None]
        or [1.0]
    )
    fig.update_layout(
        barmode="group",
        bargap=0.25,
        legend={"traceorder": "reversed"},
        xaxis={"range": [0, reach * 1.3], "ticksuffix": " %", "tickformat": ",.0f", "title": {"text": ""}},
        yaxis={"categoryorder": "array", "categoryarray": labels},
    )
    return left_margin(fig, labels)


def topics_table(topics: pl.DataFrame, lang: str) -> pl.DataFrame:
    served = {k: t(f"ui.needs.served_{k}", lang) for k in ("over", "under", "balanced", "not_requested")}
    return topics.select(
        pl.col("topic").alias(DIMENSIONS["topic"].label(lang)),
        pl.col("requested").alias(REQUESTS.label(lang)),
        pl.col("units_asking").alias(t("ui.needs.col_units", lang)),
        pl.col("met").alias(t("ui.needs.col_met", lang)),
        pl.col("unmet").alias(UNMET.label(lang)),
        pl.col("jp_delivered").alias(t("ui.needs.col_jp", lang)),
        (pl.col("request_share") * 100).alias(t("ui.needs.col_request_share", lang)),
        (pl.col("jp_share") * 100).alias(t("ui.needs.col_jp_share", lang)),
        pl.col("topic_service_ratio").alias(RATIO.label(lang)),
        pl.Series(t("ui.needs.col_served", lang), [served[s] for s in topics["served"]], pl.String),
        pl.col("gap_mean").alias(GAP.label(lang)),
        pl.col("competencies").alias(t("ui.needs.col_competencies", lang)),
    )


# ---- unmet needs, per OPD --------------------------------------------------------------------------------


def unmet_rows(units: pl.DataFrame, limit: int = TOP_UNITS) -> pl.DataFrame:
    """OPD with requests not yet met, the most first: region, unit, requested, met, unmet and the
    topics behind it ("Komunikasi 466, Kepemimpinan 76"), largest first."""
    ordered = units.filter(pl.col("unmet") > 0).sort(["unmet", "topic"], descending=[True, False])
    # The topics as text are built in plain Python, not in a Polars expression (see src/ui/data.py).
    topics: dict[tuple[str, str], list[str]] = {}
    for region, unit, topic, unmet in ordered.select("region", "unit", "topic", "unmet").iter_rows():
        topics.setdefault((region, unit), []).append(f"{topic} {unmet}")
    per_unit = (
        units.group_by("region", "unit")
        .agg(pl.col("requested").sum(), pl.col("met").sum(), pl.col("unmet").sum())
        .filter(pl.col("unmet") > 0)
        .sort(["unmet", "requested", "unit"], descending=[True, True, False])
        .head(limit)
    )
    return per_unit.with_columns(
        pl.Series(
            "topics", [", ".join(topics[(r, u)]) for r, u in per_unit.select("region", "unit").iter_rows()]
        )
    )


def unmet_figure(
    rows: pl.DataFrame, total_unmet: int, total_units: int, lang: str, colors: Mapping[str, str]
) -> go.Figure:
    """Per OPD a bar of the requests not yet met, labelled "n of requested"."""
    if rows.is_empty():
        return empty_figure(lang, "ui.needs.unmet_none")
    drawn = rows.reverse()
    with_region = rows["region"].n_unique() > 1
    keys = [f"{u}\u2063{r}" for u, r in drawn.select("unit", "region").iter_rows()]
    ticks = [unit_tick(u, r, colors, with_region) for u, r in drawn.select("unit", "region").iter_rows()]
    fig = go.Figure(
        go.Bar(
            x=drawn["unmet"].to_list(),
            y=keys,
            orientation="h",
            marker={"color": VERMILLION},
            text=[
                " "
                + t("ui.needs.of_requested", lang, count=format_number(u, lang), total=format_number(q, lang))
                for u, q in drawn.select("unmet", "requested").iter_rows()
            ],
            textposition="outside",
            cliponaxis=False,
            customdata=[
                f"<b>{u}</b> ({r})<br>{UNMET.label(lang)}: {format_number(n, lang)}<br>{short(topics, 80)}"
                for u, r, n, topics in drawn.select("unit", "region", "unmet", "topics").iter_rows()
            ],
            hovertemplate="%{customdata}<extra></extra>",
            width=0.6,
        )
    )
    first = rows.row(0, named=True)
    title = t("ui.needs.unmet_title", lang, count=format_number(total_unmet, lang),
              units=format_number(total_units, lang))  # fmt: skip
    subtitle = t("ui.needs.unmet_subtitle", lang, unit=short(first["unit"], 40), region=first["region"],
                 topics=short(first["topics"], 60))  # fmt: skip
    row_px = 14 + 17 * max(tick.count("<br>") + 1 for tick in ticks)
    layout(fig, title, subtitle, lang, max(150, 40 + row_px * rows.height))
    fig.update_layout(
        xaxis={"range": [0, float(rows["unmet"].max()) * 1.5], "tickformat": ",.0f",
               "title": {"text": UNMET.label(lang)}},
        yaxis={"categoryorder": "array", "categoryarray": keys, "tickvals": keys, "ticktext": ticks},
    )  # fmt: skip
    return left_margin(fig, [tick.split("<br>")[0] for tick in ticks])


def units_table(units: pl.DataFrame, lang: str) -> pl.DataFrame:
    return units.sort(["unmet", "requested"], descending=True).select(
        pl.col("region").alias(DIMENSIONS["region"].label(lang)),
        pl.col("unit").alias(DIMENSIONS["unit"].label(lang)),
        pl.col("topic").alias(DIMENSIONS["topic"].label(lang)),
        pl.col("requested").alias(REQUESTS.label(lang)),
        pl.col("staff_reached").alias(t("ui.needs.col_reached", lang)),
        pl.col("met").alias(t("ui.needs.col_met", lang)),
        pl.col("unmet").alias(UNMET.label(lang)),
        pl.col("jp_delivered").alias(t("ui.needs.col_jp", lang)),
    )


# ---- next year's programme -------------------------------------------------------------------------------


def programme_table(plan: pl.DataFrame, lang: str, formatted: bool = True) -> pl.DataFrame:
    """The ranked programme: formatted for the screen, or raw numbers for the download."""
    marker = t("ui.needs.scope_marker", lang)
    columns = {
        t("ui.needs.col_rank", lang): plan["rank"].cast(pl.Int64),
        DIMENSIONS["topic"].label(lang): plan["topic"],
        UNMET.label(lang): plan["unmet"],
        t("ui.needs.col_units", lang): plan["units_asking"],
        GAP.label(lang): plan["gap_mean"],
        SCORE.label(lang): plan["programme_score"],
        t("ui.needs.col_jp_each", lang): plan["jp_per_participation"],
        t("ui.needs.col_cost_per_jp", lang): plan["cost_per_jp"],
        t("ui.needs.col_jp_estimate", lang): plan["estimated_jp"],
        t("ui.needs.col_cost_estimate", lang): plan["cost_estimate"],
    }
    if not formatted:
        return pl.DataFrame(columns).with_columns(
            pl.Series(t("ui.needs.col_from_scope", lang), plan["estimated_from_scope"])
        )
    flags = plan["estimated_from_scope"].to_list()
    return pl.DataFrame(
        {
            t("ui.needs.col_rank", lang): [str(r) for r in plan["rank"]],
            DIMENSIONS["topic"].label(lang): plan["topic"],
            UNMET.label(lang): [format_number(v, lang) for v in plan["unmet"]],
            GAP.label(lang): [format_score(v, lang) for v in plan["gap_mean"]],
            SCORE.label(lang): [format_number(v, lang) for v in plan["programme_score"]],
            t("ui.needs.col_cost_per_jp", lang): [
                format_rupiah(v, lang) + (f" {marker}" if flag else "")
                for v, flag in zip(plan["cost_per_jp"], flags, strict=True)
            ],
            t("ui.needs.col_cost_estimate", lang): [format_rupiah(v, lang) for v in plan["cost_estimate"]],
        }
    )


# ---- Streamlit: the page's sections ------------------------------------------------------------------------


def headline(view: View) -> dict[str, object] | None:
    """The four cards, or the notice that the year has no survey (then None: the page stops)."""
    lang, year = view.lang, view.filters.year
    summary = data.call("needs_summary", view.filters)
    if not summary["needs_requests"]:
        years = data.call("survey_years", view.filters)
        st.info(
            f"**{t('ui.needs.no_survey_title', lang, year=year)}**\n\n"
            + (t("ui.needs.no_survey_years", lang, years=", ".join(map(str, years))) if years
               else t("ui.needs.no_survey_body", lang)),
            icon=":material/assignment_late:",
        )  # fmt: skip
        return None
    grid = st.grid(4, min_column_width=170, border=True, gap="small")
    for card in headline_cards(summary, year, lang):
        with grid.cell():
            st.metric(card.label, card.value, help=card.help)
            if card.notes:
                st.caption(" · ".join(card.notes))
    if view.staff_filters_active:
        st.caption(t("ui.needs.staff_filters", lang))
    return summary


def demand_section(view: View) -> None:
    lang = view.lang
    topics = data.call("needs_topics", view.filters)
    fig = demand_figure(topics, lang)
    chart(fig, "needs_chart_demand")
    st.caption(t("ui.needs.demand_caption", lang, over=format_score(OVER, lang, trim=True),
                 under=format_score(UNDER, lang)))  # fmt: skip
    if not topics.is_empty():
        table_and_downloads(topics_table(topics, lang), view, fig.layout.title.text, "kebutuhan_topik")


def unmet_section(view: View, summary: Mapping[str, object]) -> None:
    lang = view.lang
    units = data.call("need_units", view.filters)
    rows = unmet_rows(units)
    total_units = units.filter(pl.col("unmet") > 0).select("region", "unit").n_unique()
    colors = charts.region_colors(view.choices.regions)
    fig = unmet_figure(rows, int(summary["needs_unmet"] or 0), total_units, lang, colors)  # type: ignore[call-overload]
    chart(fig, "needs_chart_unmet")
    st.caption(t("ui.needs.unmet_caption", lang))
    if not units.is_empty():
        table_and_downloads(units_table(units, lang), view, fig.layout.title.text, "kebutuhan_opd")


def programme_section(view: View, summary: Mapping[str, object]) -> None:
    lang, year = view.lang, view.filters.year
    plan = data.call("needs_programme", view.filters)
    if plan.is_empty():
        st.success(t("ui.needs.programme_none", lang), icon=":material/task_alt:")
        return
    top = plan.row(0, named=True)
    st.markdown(
        t(
            "ui.needs.programme_lead",
            lang,
            year=year + 1,
            topic=top["topic"],
            cost=format_rupiah(summary.get("programme_cost"), lang),  # type: ignore[arg-type]
            count=format_number(plan.height, lang),
        )
    )
    # A table, not a dataframe: it wraps to the width instead of scrolling sideways on a tablet.
    st.table(programme_table(plan, lang), hide_index=True, border="horizontal")
    st.caption(t("ui.needs.programme_caption", lang, year=year))
    download_buttons(programme_table(plan, lang, formatted=False), view,
                     t("ui.needs.programme_download", lang, year=year + 1), "program_pelatihan",
                     key="dl_program_pelatihan")  # fmt: skip
