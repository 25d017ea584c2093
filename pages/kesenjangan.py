"""Placeholder while the page is being built (replaced before this lands)."""

import streamlit as st

from src.i18n import t
from src.ui.filters import current_view

view = current_view()
st.title(t("ui.nav.competency", view.lang))
