"""Partisipasi: the 20 JP rule (who has reached it, who is behind), how ASN learn, and month by month.

Layout only: every section's data, chart and download live in src/ui/participation.py.
"""

import streamlit as st

from src.i18n import t
from src.ui import components
from src.ui import participation as part
from src.ui.drill import narrowing_chips
from src.ui.filters import current_view

view = current_view()
lang = view.lang

st.title(t("ui.nav.participation", lang))
narrowing_chips(view)
st.caption(components.scope_line(view))

now = part.scope_totals(view)
if components.is_empty(now):
    components.empty_state(view)
    st.stop()

st.write(t("ui.participation.intro", lang))
part.cards(view, now)

st.subheader(t("ui.participation.dist_heading", lang))
part.distribution_section(view, now)

st.subheader(t("ui.participation.groups_heading", lang))
part.groups_section(view)

st.subheader(t("ui.participation.nodev_heading", lang))
part.no_development_section(view, now)

st.subheader(t("ui.participation.trend_heading", lang))
part.trend_section(view)

st.subheader(t("ui.participation.method_heading", lang))
part.method_section(view, now)

st.subheader(t("ui.participation.topics_heading", lang))
part.topics_section(view)

st.subheader(t("ui.participation.completion_heading", lang))
part.completion_section(view, now)
