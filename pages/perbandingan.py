"""Perbandingan Wilayah: the regions side by side on rates, with their 95 % ranges and headcounts."""

import streamlit as st

from src.i18n import t
from src.ui import comparison, components
from src.ui.drill import narrowing_chips
from src.ui.filters import current_view

view = current_view()
lang = view.lang

st.title(t("ui.nav.regions", lang))
st.caption(components.scope_line(view))
narrowing_chips(view)

long = comparison.region_figures(view)
if comparison.no_staff(long):
    components.empty_state(view)
    st.stop()
st.caption(t("ui.comparison.intro", lang))

st.subheader(t("ui.comparison.ranking", lang))
metric_id = comparison.metric_picker(lang)
comparison.ranking_section(view, long, metric_id)

st.subheader(t("ui.comparison.trend_heading", lang))
comparison.trend_section(view, metric_id)

st.subheader(t("ui.comparison.grid_heading", lang))
comparison.grid_section(view, long)
