"""Kesenjangan Kompetensi: how far staff are from their positions' competency standards, where, and
whether training goes where the gaps are. Layout only: the pieces live in src/ui/competency.py."""

import streamlit as st

from src.i18n import t
from src.ui import competency, components, data
from src.ui.drill import narrowing_chips
from src.ui.filters import current_view

view = current_view()
lang, filters = view.lang, view.filters

st.title(t("ui.nav.competency", lang))
narrowing_chips(view)
st.caption(components.scope_line(view))

now = data.kpis(filters, metric_ids=competency.KPI_IDS)
if components.is_empty(now):
    components.empty_state(view)
    st.stop()
competency.headline(view, now)
if not competency.has_assessments(now):
    competency.no_assessments(view)
    st.stop()

st.subheader(t("ui.competency.jpm_heading", lang))
competency.jpm_section(view, now)

st.subheader(t("ui.competency.opd_heading", lang))
mode, limit = competency.opd_controls(lang)
shown = competency.opd_section(view, mode, limit)
if not shown.is_empty():
    st.subheader(t("ui.competency.heatmap_heading", lang))
    competency.heatmap_section(view, mode, shown)

st.subheader(t("ui.competency.position_heading", lang))
competency.position_section(view)

st.subheader(t("ui.competency.topics_heading", lang))
competency.topics_section(view)

st.subheader(t("ui.competency.change_heading", lang))
competency.change_section(view)
