"""Kebutuhan Pelatihan: the training-needs survey set against what was delivered and against the
competency gaps: unmet needs, over-served topics, and a ranked programme for next year with a cost
estimate. Layout only: the pieces live in src/ui/needs.py."""

import streamlit as st

from src.i18n import t
from src.ui import components, needs
from src.ui.drill import narrowing_chips
from src.ui.filters import current_view

view = current_view()
lang = view.lang

st.title(t("ui.nav.needs", lang))
narrowing_chips(view)
st.caption(components.scope_line(view))
st.write(t("ui.needs.intro", lang))

summary = needs.headline(view)
if summary is None:
    st.stop()

st.subheader(t("ui.needs.demand_heading", lang))
needs.demand_section(view)

st.subheader(t("ui.needs.unmet_heading", lang))
needs.unmet_section(view, summary)

st.subheader(t("ui.needs.programme_heading", lang))
needs.programme_section(view, summary)
