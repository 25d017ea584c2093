"""Ringkasan (overview): the regional head's page. Headline figures, a summary to read aloud,
what needs attention, then the regions side by side."""

import streamlit as st

from src.i18n import t
from src.metrics.registry import METRIC_BY_ID
from src.ui import components, data, overview
from src.ui.drill import narrowing_chips
from src.ui.filters import current_view
from src.ui.format import period_label

view = current_view()
lang, filters = view.lang, view.filters

st.title(t("ui.overview.title", lang))
st.caption(components.scope_line(view))
narrowing_chips(view)

now = data.kpis(filters, metric_ids=components.HEADLINE)
if components.is_empty(now):
    components.empty_state(view)
    st.stop()
components.render_cards(components.overview_cards(view, now), lang)

facts = data.call("headline_facts", filters)
with st.container(border=True):
    st.markdown(f"**{t('ui.summary.heading', lang)}**")
    st.markdown(" ".join(overview.summary_sentences(facts, now.row(0, named=True), view)))

st.subheader(t("ui.attention.heading", lang))
overview.attention_list("units", overview.units_table(data.call("units_behind", filters), lang), lang)
overview.attention_list("budget", overview.budget_table(data.call("budget_behind_plan", filters), lang), lang)

st.subheader(t("ui.overview.by_region", lang))
by_region = data.kpis(filters, by="region", metric_ids=components.HEADLINE)
metric_id = components.chart_metric_picker(lang)
components.region_chart(view, metric_id, by_region)
if METRIC_BY_ID[metric_id].wilson:
    st.caption(t("ui.overview.ci_note", lang))
st.caption(t("ui.overview.table_caption", lang, period=period_label(filters.year, filters.end_month, lang)))
st.table(
    components.region_table(by_region, now, components.HEADLINE, lang), hide_index=True, border="horizontal"
)
