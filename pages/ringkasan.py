"""Ringkasan (overview): the regional head's page. Headline figures, then the regions side by side."""

import streamlit as st

from src.i18n import t
from src.metrics.registry import METRIC_BY_ID
from src.ui import components, data
from src.ui.filters import current_view
from src.ui.format import period_label

view = current_view()
lang, filters = view.lang, view.filters

st.title(t("ui.overview.title", lang))
st.caption(components.scope_line(view))

now = data.kpis(filters, metric_ids=components.HEADLINE)
if components.is_empty(now):
    components.empty_state(view)
    st.stop()
components.render_cards(components.overview_cards(view, now))

st.subheader(t("ui.overview.by_region", lang))
by_region = data.kpis(filters, by="region", metric_ids=components.HEADLINE)
metric_id = components.chart_metric_picker(lang)
st.plotly_chart(components.region_figure(view, metric_id, by_region), config=components.PLOTLY_CONFIG)
if METRIC_BY_ID[metric_id].wilson:
    st.caption(t("ui.overview.ci_note", lang))
st.caption(t("ui.overview.table_caption", lang, period=period_label(filters.year, filters.end_month, lang)))
st.table(
    components.region_table(by_region, now, components.HEADLINE, lang), hide_index=True, border="horizontal"
)
