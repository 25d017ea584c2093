"""The Evaluasi Pelatihan page's pieces.

First the pure builders (metric frames in, Plotly figures and tables out; no Streamlit, no queries;
tests assert on their data), then the small sections pages/evaluasi.py calls, which fetch through
src/ui/data.py and draw. Every number comes from src/metrics/evaluation.py; every text from
src/i18n/ui_evaluation.toml; every figure is formatted by src/ui/format.py. `layout` and `chart` are
shared with the Kebutuhan Pelatihan page (src/ui/needs.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from src.i18n import t
from src.metrics.evaluation import MIN_N
from src.metrics.registry import DIMENSIONS, METRIC_BY_ID, MetricSpec, view_metric
from src.ui import charts, components, data
from src.ui.components import Card
from src.ui.downloads import download_buttons
from src.ui.filters import View, relabel_on_language_change
from src.ui.format import (
    format_delta,
    format_metric,
    format_number,
    format_percent,
    format_rupiah,
    format_score,
)

SATISFACTION = METRIC_BY_ID["satisfaction_mean"]
GAIN = METRIC_BY_ID["learning_gain_mean"]
PER_JP, PER_MILLION = view_metric("gain_per_jp"), view_metric("gain_per_million")
UPLIFT = view_metric("rating_uplift")
TRAINED, COMPARISON = view_metric("rating_change_trained"), view_metric("rating_change_comparison")
MEASURE_SPECS = {"satisfaction": SATISFACTION, "gain": GAIN}
COMPARE_DIMENSIONS = ("provider", "method", "course")
RANKINGS = {"gain_per_million": PER_MILLION, "gain_per_jp": PER_JP}
TOP = 12  # rows in a chart (the download has all)
PREDIKAT = {1: "Sangat Kurang", 2: "Kurang", 3: "Butuh Perbaikan", 4: "Baik", 5: "Sangat Baik"}

NAVY, SKY, GREEN, VERMILLION, GREY = "#1F3A5F", "#56B4E9", "#009E73", "#D55E00", "#8C8C8C"
POSITION_COLORS = {"above": GREEN, "below": VERMILLION, "unclear": GREY}
PLOTLY_CONFIG = components.PLOTLY_CONFIG
_CHAR_PX = 7.6


# ---- shared chart frame -------------------------------------------------------------------------------


def layout(
    fig: go.Figure, title: str, subtitle: str, lang: str, body: int, legend: bool = False
) -> go.Figure:
    """The charts' frame (src/ui/charts.py `layout`) with a little more room below the plot."""
    return charts.layout(fig, title, subtitle, lang, body, legend, bottom=44)


def left_margin(fig: go.Figure, labels: Sequence[str]) -> go.Figure:
    """Room on the left for the longest axis label (Plotly measures before the web font loads)."""
    if labels:
        longest = max(max(len(line) for line in label.split("<br>")) for label in labels)
        fig.update_layout(margin={"l": int(longest * _CHAR_PX) + 16})
    return fig


def empty_figure(lang: str, text_key: str = "ui.evaluation.empty_chart") -> go.Figure:
    fig = layout(go.Figure(), t(text_key, lang), "", lang, 100)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def short(text: str, width: int = 38) -> str:
    """A long course or provider name cut for the axis (the hover and the download have it whole)."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def chart(fig: go.Figure, key: str) -> None:
    title = fig.layout.title
    alt = ". ".join(
        p.replace("<br>", " ")
        for p in (title.text or "", (title.subtitle.text if title.subtitle else "") or "")
        if p
    )
    st.plotly_chart(fig, key=key, config=PLOTLY_CONFIG, width="stretch", alt=alt)


def table_and_downloads(frame: pl.DataFrame, view: View, title: str, stem: str) -> None:
    """The chart's data in a folded table with CSV and XLSX buttons (every row, not only those drawn)."""
    with st.expander(t("ui.evaluation.table", view.lang), icon=":material/table:"):
        st.dataframe(frame, hide_index=True)
        download_buttons(frame, view, title, stem, key=f"dl_{stem}")


# ---- headline -------------------------------------------------------------------------------------------


def headline_cards(summary: Mapping[str, object], effect: Mapping[str, object], lang: str) -> list[Card]:
    """Satisfaction (level 1), learning gain (level 2), gain per JP and per Rp1 juta, and the rating
    change difference (level 3/4 proxy), each with what it rests on."""

    def card(spec: MetricSpec, value: object, *notes: str) -> Card:
        number = value if isinstance(value, int | float) else None
        return Card(spec.id, spec.label(lang), format_metric(spec, number, lang), spec.definition(lang),
                    notes=tuple(n for n in notes if n))  # fmt: skip

    coverage = t(
        "ui.evaluation.card_coverage",
        lang,
        share=format_percent(summary.get("satisfaction_coverage"), lang),
    )
    tested = t("ui.evaluation.card_tested", lang, share=format_percent(summary.get("test_coverage"), lang))
    cohort = effect.get("cohort")
    uplift_note = (
        t(
            "ui.evaluation.card_uplift",
            lang,
            year=cohort,
            next=int(cohort) + 1,  # type: ignore[arg-type]
            low=format_score(effect.get("uplift_low"), lang),  # type: ignore[arg-type]
            high=format_score(effect.get("uplift_high"), lang),  # type: ignore[arg-type]
        )
        if cohort is not None and effect.get("rating_uplift") is not None
        else t("ui.evaluation.card_uplift_none", lang)
    )
    return [
        card(SATISFACTION, summary.get("satisfaction_mean"), coverage),
        card(GAIN, summary.get("gain_mean"), tested),
        card(PER_JP, summary.get("gain_per_jp")),
        card(PER_MILLION, summary.get("gain_per_million")),
        replace(
            card(UPLIFT, effect.get("rating_uplift"), uplift_note),
            value=format_delta(UPLIFT, effect.get("rating_uplift"), lang),  # type: ignore[arg-type]
        ),
    ]


# ---- levels 1 and 2: groups compared with intervals ------------------------------------------------------


def group_label(dimension: str, value: str, lang: str) -> str:
    return t("ui.evaluation.unknown", lang) if value in ("", "–") else value


def interval_figure(rows: pl.DataFrame, measure: str, dimension: str, lang: str) -> go.Figure:
    """Each group's mean as a dot with its 95 % interval, the scope's mean as a dashed line; dots in
    green when the whole interval lies above it, vermillion when below, grey when it is unclear.
    `rows` from evaluation.compare_groups (highest first); at most TOP drawn, the largest groups."""
    if rows.is_empty():
        return empty_figure(lang, "ui.evaluation.compare_none")
    spec = MEASURE_SPECS[measure]
    shown = rows.sort(["n", "group"], descending=[True, False]).head(TOP).sort("mean", descending=True)
    drawn = shown.reverse()  # Plotly draws the first category at the bottom
    labels = [short(group_label(dimension, g, lang)) for g in drawn["group"]]
    keys = [f"{i}\u2063{g}" for i, g in enumerate(drawn["group"])]
    hover = [
        "<br>".join([
            f"<b>{group_label(dimension, r['group'], lang)}</b>",
            f"{spec.label(lang)}: {format_metric(spec, r['mean'], lang)}",
            f"{t('ui.evaluation.interval', lang)}: {format_metric(spec, r['low'], lang)} – "
            f"{format_metric(spec, r['high'], lang)}",
            t("ui.evaluation.scores", lang, count=format_number(r["n"], lang)),
        ])
        for r in drawn.iter_rows(named=True)
    ]  # fmt: skip
    fig = go.Figure(
        go.Scatter(
            x=drawn["mean"].to_list(),
            y=keys,
            mode="markers+text",
            marker={"size": 11, "color": [POSITION_COLORS[p] for p in drawn["position"]]},
            error_x={
                "type": "data", "symmetric": False, "color": "#555555", "thickness": 1.5, "width": 4,
                "array": (drawn["high"] - drawn["mean"]).fill_null(0).to_list(),
                "arrayminus": (drawn["mean"] - drawn["low"]).fill_null(0).to_list(),
            },
            text=[format_metric(spec, v, lang) for v in drawn["mean"]],
            textposition="top center",
            textfont={"size": 12},
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            showlegend=False,
        )
    )  # fmt: skip
    overall = rows["overall"][0]
    above = rows.filter(pl.col("position") == "above")["group"].to_list()
    below = rows.filter(pl.col("position") == "below")["group"].to_list()
    what = t(f"ui.evaluation.plural_{dimension}", lang)
    title = t(
        "ui.evaluation.compare_title",
        lang,
        above=format_number(len(above), lang),
        below=format_number(len(below), lang),
        total=format_number(rows.height, lang),
        what=what,
    )
    subtitle = t(
        "ui.evaluation.compare_subtitle",
        lang,
        metric=spec.label(lang),
        overall=format_metric(spec, overall, lang),
        shown=format_number(shown.height, lang),
    )
    layout(fig, title, subtitle, lang, max(160, 40 * shown.height + 40))
    fig.update_layout(
        xaxis={
            "title": {"text": spec.label(lang)},
            "tickformat": ",.2f" if measure == "satisfaction" else ",.1f",
            "zeroline": False,
        },
        yaxis={"categoryorder": "array", "categoryarray": keys, "tickvals": keys, "ticktext": labels},
    )
    if overall is not None:
        fig.add_vline(
            x=overall,
            line={"dash": "dash", "color": "#444444", "width": 1.5},
            annotation={
                "text": t("ui.evaluation.overall_line", lang, value=format_metric(spec, overall, lang)),
                "yanchor": "bottom", "y": 1, "xanchor": "left", "showarrow": False,
                "font": {"size": 12, "color": "#444444"},
            },
        )  # fmt: skip
    return left_margin(fig, labels)


def compare_table(rows: pl.DataFrame, measure: str, dimension: str, lang: str) -> pl.DataFrame:
    spec = MEASURE_SPECS[measure]
    name = t("ui.evaluation.dim_course", lang) if dimension == "course" else DIMENSIONS[dimension].label(lang)
    position = {k: t(f"ui.evaluation.position_{k}", lang) for k in POSITION_COLORS}
    return rows.select(
        pl.Series(name, [group_label(dimension, g, lang) for g in rows["group"]], pl.String),
        pl.col("n").cast(pl.Int64).alias(t("ui.evaluation.col_n", lang)),
        pl.col("mean").alias(spec.label(lang)),
        pl.col("low").alias(t("ui.evaluation.col_low", lang)),
        pl.col("high").alias(t("ui.evaluation.col_high", lang)),
        pl.Series(t("ui.evaluation.col_position", lang), [position[p] for p in rows["position"]], pl.String),
    )


# ---- courses ranked by what they return ------------------------------------------------------------------


def ranking_figure(ranked: pl.DataFrame, by: str, lang: str, total: int | None = None) -> go.Figure:
    """The TOP courses by learning gain per Rp1 juta (or per JP) as bars, best on top, coloured by
    method; `ranked` from evaluation.course_ranking."""
    if ranked.is_empty():
        return empty_figure(lang, "ui.evaluation.ranking_none")
    spec = RANKINGS[by]
    shown = ranked.head(TOP)
    drawn = shown.reverse()
    methods = sorted(set(shown["method"].drop_nulls()))
    colors = {m: charts.PALETTE[i % len(charts.PALETTE)] for i, m in enumerate(methods)}
    labels = [short(c) for c in drawn["group"]]
    keys = [f"{i}\u2063{c}" for i, c in enumerate(drawn["group"])]
    fig = go.Figure()
    for method in methods:
        picked = [i for i, m in enumerate(drawn["method"]) if m == method]
        fig.add_bar(
            x=[drawn[by][i] for i in picked],
            y=[keys[i] for i in picked],
            orientation="h",
            name=method,
            marker={"color": colors[method]},
            text=[f" {format_metric(spec, drawn[by][i], lang)}" for i in picked],
            textposition="outside",
            cliponaxis=False,
            customdata=[
                "<br>".join([
                    f"<b>{drawn['group'][i]}</b>", method,
                    f"{spec.label(lang)}: {format_metric(spec, drawn[by][i], lang)}",
                    f"{GAIN.label(lang)}: {format_metric(GAIN, drawn['gain_mean'][i], lang)}",
                    f"{t('ui.evaluation.cost_each', lang)}: "
                    f"{format_rupiah(drawn['cost_per_participant'][i], lang)}",
                    t("ui.evaluation.scores", lang, count=format_number(drawn["gain_n"][i], lang)),
                ])
                for i in picked
            ],
            hovertemplate="%{customdata}<extra></extra>",
            width=0.6,
        )  # fmt: skip
    best = ranked.row(0, named=True)
    title = t(f"ui.evaluation.ranking_title_{by}", lang, course=short(best["group"], 60),
              value=format_metric(spec, best[by], lang))  # fmt: skip
    subtitle = t(
        "ui.evaluation.ranking_subtitle",
        lang,
        shown=format_number(shown.height, lang),
        total=format_number(total if total is not None else ranked.height, lang),
        min=MIN_N,
    )
    layout(fig, title, subtitle, lang, max(160, 34 * shown.height + 40), legend=True)
    reach = float(shown[by].max() or 1.0)
    fig.update_layout(
        barmode="overlay",
        xaxis={
            "range": [0, reach * 1.3],
            "tickformat": ",.0f" if by == "gain_per_million" else ",.2f",
            "title": {"text": spec.label(lang)},
        },
        yaxis={"categoryorder": "array", "categoryarray": keys, "tickvals": keys, "ticktext": labels},
    )
    return left_margin(fig, labels)


def ranking_table(ranked: pl.DataFrame, lang: str) -> pl.DataFrame:
    return ranked.select(
        pl.col("group").alias(t("ui.evaluation.dim_course", lang)),
        pl.col("method").alias(DIMENSIONS["method"].label(lang)),
        pl.col("gain_n").cast(pl.Int64).alias(t("ui.evaluation.col_n", lang)),
        pl.col("gain_mean").alias(GAIN.label(lang)),
        pl.col("gain_per_jp").alias(PER_JP.label(lang)),
        pl.col("gain_per_million").alias(PER_MILLION.label(lang)),
        pl.col("cost_per_participant").alias(t("ui.evaluation.cost_each", lang)),
        pl.col("satisfaction_mean").alias(SATISFACTION.label(lang)),
    )


# ---- levels 3/4: the rating change of the trained against comparable staff --------------------------------


def rating_figure(by_start: pl.DataFrame, effect: Mapping[str, object], lang: str) -> go.Figure:
    """Per starting rating, the mean rating change of the trained and of their comparison group as
    paired bars (rating_by_start); the title gives the overall difference (rating_effect)."""
    if by_start.is_empty() or effect.get("rating_uplift") is None:
        return empty_figure(lang, "ui.evaluation.rating_none")
    labels = [PREDIKAT[s] for s in by_start["start_score"]]
    fig = go.Figure()
    for column, n_column, spec, color in (
        ("trained_change", "trained_n", TRAINED, NAVY),
        ("comparison_change", "comparison_n", COMPARISON, SKY),
    ):
        fig.add_bar(
            x=labels,
            y=by_start[column].to_list(),
            name=spec.label(lang),
            marker={"color": color},
            text=[format_score(v, lang) for v in by_start[column]],
            textposition="outside",
            cliponaxis=False,
            customdata=[
                "<br>".join(
                    [
                        f"<b>{label}</b>",
                        f"{spec.label(lang)}: {format_score(v, lang)}",
                        t("ui.evaluation.staff", lang, count=format_number(n, lang)),
                    ]
                )
                for label, v, n in zip(labels, by_start[column], by_start[n_column], strict=True)
            ],
            hovertemplate="%{customdata}<extra></extra>",
        )
    uplift = float(effect["rating_uplift"])  # type: ignore[arg-type]
    key = "ui.evaluation.rating_title_up" if uplift > 0 else "ui.evaluation.rating_title_down"
    title = t(key, lang, value=format_score(abs(uplift), lang))
    subtitle = t(
        "ui.evaluation.rating_subtitle",
        lang,
        year=effect["cohort"],
        next=int(effect["cohort"]) + 1,  # type: ignore[arg-type]
        trained=format_number(effect["trained_n"], lang),  # type: ignore[arg-type]
        comparison=format_number(effect["comparison_n"], lang),  # type: ignore[arg-type]
    )
    layout(fig, title, subtitle, lang, 300, legend=True)
    values = [*by_start["trained_change"].to_list(), *by_start["comparison_change"].to_list()]
    low, high = min(0.0, *values), max(0.0, *values)
    pad = 0.25 * max(high - low, 0.5)
    fig.update_layout(
        barmode="group",
        xaxis={"title": {"text": t("ui.evaluation.rating_x", lang)}},
        yaxis={"title": {"text": t("ui.evaluation.rating_y", lang)}, "tickformat": ",.1f",
               "range": [low - pad, high + pad], "zeroline": True, "zerolinecolor": "#888888"},
    )  # fmt: skip
    return fig


def rating_table(by_start: pl.DataFrame, lang: str) -> pl.DataFrame:
    return by_start.select(
        pl.Series(
            t("ui.evaluation.rating_x", lang), [PREDIKAT[s] for s in by_start["start_score"]], pl.String
        ),
        pl.col("trained_n").alias(t("ui.evaluation.col_trained_n", lang)),
        pl.col("comparison_n").alias(t("ui.evaluation.col_comparison_n", lang)),
        pl.col("trained_change").alias(TRAINED.label(lang)),
        pl.col("comparison_change").alias(COMPARISON.label(lang)),
        pl.col("uplift").alias(UPLIFT.label(lang)),
    )


# ---- Streamlit: the page's sections ------------------------------------------------------------------------

MEASURE_KEY, DIMENSION_KEY, RANKING_KEY = "eval_measure", "eval_dimension", "eval_ranking"


def headline(view: View) -> dict[str, object]:
    """The five cards; returns the scope's evaluation summary (the page stops when it has no records)."""
    summary = data.call("evaluation_summary", view.filters)
    effect = data.call("rating_effect", view.filters)
    grid = st.grid(3, min_column_width=200, border=True, gap="small")
    for card in headline_cards(summary, effect, view.lang):
        with grid.cell():
            st.metric(card.label, card.value, help=card.help)
            if card.notes:
                st.caption(" · ".join(card.notes))
    return summary


def no_records(view: View) -> None:
    lang = view.lang
    st.info(
        f"**{t('ui.evaluation.no_records_title', lang)}**\n\n{t('ui.evaluation.no_records_body', lang)}",
        icon=":material/rate_review:",
    )


def compare_section(view: View) -> None:
    lang = view.lang
    for key in (MEASURE_KEY, DIMENSION_KEY):
        relabel_on_language_change(key)
    left, right = st.columns(2)
    with left:
        measure = st.pills(
            t("ui.evaluation.measure_pick", lang),
            tuple(MEASURE_SPECS),
            default="satisfaction",
            required=True,
            key=MEASURE_KEY,
            format_func=lambda m: t(f"ui.evaluation.measure_{m}", lang),
        )
    with right:
        dimension = st.pills(t("ui.evaluation.dimension_pick", lang), COMPARE_DIMENSIONS, default="provider",
                             required=True, key=DIMENSION_KEY,
                             format_func=lambda d: t(f"ui.evaluation.dim_{d}", lang))  # fmt: skip
    rows = data.call("compare_groups", view.filters, dim=dimension, measure=measure)
    fig = interval_figure(rows, measure, dimension, lang)
    chart(fig, "eval_chart_compare")
    st.caption(t("ui.evaluation.compare_caption", lang, min=MIN_N))
    if not rows.is_empty():
        table_and_downloads(compare_table(rows, measure, dimension, lang), view, fig.layout.title.text,
                            f"evaluasi_{measure}_{dimension}")  # fmt: skip


def ranking_section(view: View) -> None:
    lang = view.lang
    relabel_on_language_change(RANKING_KEY)
    by = st.pills(t("ui.evaluation.ranking_pick", lang), tuple(RANKINGS), default="gain_per_million",
                  required=True, key=RANKING_KEY, format_func=lambda b: RANKINGS[b].label(lang))  # fmt: skip
    ranked = data.call("course_ranking", view.filters, by=by)
    courses = data.call("evaluation_by", view.filters, dim="course")
    fig = ranking_figure(ranked, by, lang)
    chart(fig, "eval_chart_ranking")
    free = courses.filter((pl.col("cost_tested") == 0) & pl.col("ranked")).height
    note = t("ui.evaluation.ranking_caption", lang)
    if by == "gain_per_million" and free:
        note += " " + t("ui.evaluation.ranking_free", lang, count=format_number(free, lang))
    st.caption(note)
    if not ranked.is_empty():
        table_and_downloads(ranking_table(ranked, lang), view, fig.layout.title.text, f"kursus_{by}")


def rating_section(view: View) -> None:
    lang = view.lang
    effect = data.call("rating_effect", view.filters)
    by_start = data.call("rating_by_start", view.filters)
    fig = rating_figure(by_start, effect, lang)
    chart(fig, "eval_chart_rating")
    st.warning(t("ui.evaluation.rating_caveat", lang), icon=":material/balance:")
    if effect.get("rating_uplift") is not None:
        st.caption(
            t(
                "ui.evaluation.rating_caption",
                lang,
                improved_t=format_percent(effect["improved_trained"], lang),
                improved_c=format_percent(effect["improved_comparison"], lang),
                declined_t=format_percent(effect["declined_trained"], lang),
                declined_c=format_percent(effect["declined_comparison"], lang),
                unmatched=format_number(effect["unmatched_n"], lang),
            )
        )
        table_and_downloads(rating_table(by_start, lang), view, fig.layout.title.text, "predikat_berlatih")
