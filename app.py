"""Dasbor Kompetensi ASN: the frame. Page config, the global filter sidebar, the navigation.

Run with `make run` (or `streamlit run app.py`; the database is DASBOR_DB, default data/asn.duckdb).
"""

import streamlit as st

from src.i18n import t
from src.ui import data
from src.ui.filters import current_choices, language_from_url, sidebar
from src.ui.pages_registry import leave_legacy_pages_mode, st_pages

st.set_page_config(page_title=t("ui.app.title"), page_icon=":material/school:", layout="wide")
leave_legacy_pages_mode(language_from_url())
data.require_database(language_from_url())
view = sidebar(current_choices())
st.navigation(st_pages(view.lang)).run()
