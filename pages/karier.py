"""Karier & Talenta: the 9-box and the succession pool, whether the pool develops, career moves, and
mentoring and coaching. Counts only (no roles yet: no person is named). Layout only: the pieces live
in src/ui/talent.py."""

import streamlit as st

from src.i18n import t
from src.ui import components
from src.ui import talent as talent_ui
from src.ui.drill import narrowing_chips
from src.ui.filters import current_view

view = current_view()
lang = view.lang

st.title(t("ui.nav.talent", lang))
narrowing_chips(view)
st.caption(components.scope_line(view))

now = talent_ui.totals(view)
if components.is_empty(now):
    components.empty_state(view)
    st.stop()

st.write(t("ui.talent.intro", lang))
talent_ui.cards(view, now)
st.caption(t("ui.talent.privacy", lang))

st.subheader(t("ui.talent.ninebox_heading", lang))
talent_ui.ninebox_section(view, now)

st.subheader(t("ui.talent.pool_heading", lang))
talent_ui.groups_section(view, now)

st.subheader(t("ui.talent.careers_heading", lang))
talent_ui.careers_section(view)

st.subheader(t("ui.talent.mentoring_heading", lang))
talent_ui.mentoring_section(view, now)

st.subheader(t("ui.talent.ratings_heading", lang))
talent_ui.ratings_section(view)
