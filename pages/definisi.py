"""Definisi & Data: every metric's definition from the registry, and what data is loaded."""

import streamlit as st

from src.i18n import t
from src.ui import components, data, quality
from src.ui.filters import current_view

view = current_view()
lang = view.lang

st.title(t("ui.definitions.title", lang))
st.write(t("ui.definitions.intro", lang))

st.subheader(t("ui.definitions.rules_heading", lang))
st.markdown(components.definition_rules(lang))

st.subheader(t("ui.definitions.metrics_heading", lang))
for section, specs in components.metrics_by_section():
    st.markdown(f"#### {t(f'ui.definitions.section_{section}', lang)}")
    st.markdown(components.definitions_markdown(specs, lang))

st.subheader(t("ui.definitions.data_heading", lang))
st.table(components.coverage_by_region(data.units(), lang), hide_index=True, border="horizontal")
st.table(components.coverage_by_year(data.periods(), lang), hide_index=True, border="horizontal")
st.subheader(t("ui.definitions.freshness_heading", lang))
st.dataframe(components.freshness_table(data.data_freshness(), lang), hide_index=True)

quality.quality_panel(view, refused_unknown_staff=data.refused_unknown_staff())
