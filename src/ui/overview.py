"""The overview's words: a short summary a regional head can read aloud, and what needs attention.

The facts (who leads, what moved, what is behind) come from src/metrics/attention.py; this module
only phrases them in the view's language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import polars as pl
import streamlit as st

from src.i18n import t
from src.metrics.attention import Facts
from src.metrics.registry import METRIC_BY_ID
from src.ui.filters import View
from src.ui.format import format_delta, format_metric, format_number, month_name, period_label


def _metric(metric_id: str, value: float | None, lang: str) -> str:
    return format_metric(METRIC_BY_ID[metric_id], value, lang)


def _in_sentence(label: str) -> str:
    """A label inside a sentence: "Serapan anggaran" -> "serapan anggaran"; "JP per ASN" stays."""
    return label[0].lower() + label[1:] if label[1:2].islower() else label


def summary_sentences(facts: Facts, now: Mapping[str, object], view: View) -> list[str]:
    """Three to four plain sentences built from the figures (nothing canned)."""
    lang, f = view.lang, view.filters
    on_track = now.get("jp20_on_track_rate")
    sentences = [
        t(
            "ui.summary.headline",
            lang,
            period=period_label(f.year, f.end_month, lang),
            asn=format_number(now.get("asn_count"), lang),  # type: ignore[arg-type]
            on_track=_metric("jp20_on_track_rate", on_track, lang),  # type: ignore[arg-type]
            participation=_metric("participation_rate", now.get("participation_rate"), lang),  # type: ignore[arg-type]
        )
    ]
    if facts.leader and facts.laggard:
        sentences.append(
            t(
                "ui.summary.leader",
                lang,
                leader=facts.leader,
                leader_value=_metric(facts.ranking_metric, facts.leader_value, lang),
                laggard=facts.laggard,
                laggard_value=_metric(facts.ranking_metric, facts.laggard_value, lang),
            )
        )
    move = facts.biggest_move
    if move and move.delta:
        spec = METRIC_BY_ID[move.metric]
        key = "ui.summary.move_up" if move.delta > 0 else "ui.summary.move_down"
        sentences.append(
            t(
                key,
                lang,
                month=month_name(f.end_month - 1, lang),
                metric=_in_sentence(spec.label(lang)),
                change=format_delta(spec, abs(move.delta), lang).lstrip("+"),
                value=format_metric(spec, move.now, lang),
            )
        )
    behind = facts.furthest_behind
    if behind and behind.now is not None and behind.before:
        spec = METRIC_BY_ID[behind.metric]
        sentences.append(
            t(
                "ui.summary.behind",
                lang,
                metric=spec.label(lang),
                value=format_metric(spec, behind.now, lang),
                target=format_metric(spec, behind.before, lang, trim=True),
            )
        )
    return sentences


def _formatted(frame: pl.DataFrame, column: str, formatter: Callable[[object], str]) -> list[str]:
    # Plain Python on purpose: Python code inside a Polars expression (map_elements) can deadlock
    # with another session's to_pandas() when the app serves several sessions at once.
    return [formatter(value) for value in frame[column]]


def units_table(units: pl.DataFrame, lang: str) -> pl.DataFrame:
    """The OPD furthest behind on the 20-JP pace, as a table with formatted figures."""
    return pl.DataFrame(
        {
            t("ui.attention.unit", lang): units["unit"],
            t("ui.attention.region", lang): units["region"],
            METRIC_BY_ID["asn_count"].label(lang): _formatted(
                units, "asn_count", lambda v: format_number(v, lang)
            ),
            METRIC_BY_ID["jp20_on_track_rate"].label(lang): _formatted(
                units, "jp20_on_track_rate", lambda v: _metric("jp20_on_track_rate", v, lang)
            ),
            METRIC_BY_ID["no_development_count"].label(lang): _formatted(
                units, "no_development_count", lambda v: format_number(v, lang)
            ),
        },
        schema_overrides={t("ui.attention.unit", lang): pl.String, t("ui.attention.region", lang): pl.String},
    )


def budget_table(lines: pl.DataFrame, lang: str) -> pl.DataFrame:
    """The OPD whose spending lags the plan most, with the amount behind."""
    rupiah = METRIC_BY_ID["budget_pagu"]
    rate = METRIC_BY_ID["absorption_rate"]
    return pl.DataFrame(
        {
            t("ui.attention.unit", lang): lines["unit"],
            t("ui.attention.region", lang): lines["region"],
            rate.label(lang): _formatted(lines, "absorption_rate", lambda v: format_metric(rate, v, lang)),
            t("ui.attention.plan", lang): _formatted(
                lines, "plan_rate", lambda v: format_metric(rate, v, lang)
            ),
            t("ui.attention.amount_behind", lang): _formatted(
                lines, "amount_behind", lambda v: format_metric(rupiah, v, lang)
            ),
        },
        schema_overrides={t("ui.attention.unit", lang): pl.String, t("ui.attention.region", lang): pl.String},
    )


def attention_list(kind: str, table: pl.DataFrame, lang: str) -> None:
    """A heading line and the table of what needs attention, or a line saying nothing does."""
    st.markdown(t(f"ui.attention.{kind}", lang))
    if table.is_empty():
        st.caption(t(f"ui.attention.none_{kind}", lang))
    else:
        st.dataframe(table, hide_index=True)
