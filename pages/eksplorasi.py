"""Eksplorasi (analysts): any metric by one or two dimensions; the choice lives in the address."""

import streamlit as st

from src.i18n import t
from src.ui import components, explorer
from src.ui.drill import narrowing_chips
from src.ui.filters import current_view

view = current_view()
lang = view.lang

st.title(t("ui.nav.explorer", lang))
st.caption(components.scope_line(view))
narrowing_chips(view)

choice = explorer.choose(view)
st.caption(t("ui.explorer.share_hint", lang))
explorer.render(view, choice)
