"""Dasbor Kompetensi ASN: the frame. Page config, the global filter sidebar, the navigation.

Run with `make run` (or `streamlit run app.py`; the database is DASBOR_DB, default data/asn.duckdb).
"""

import streamlit as st

from src.i18n import t
from src.ui import data
from src.ui.filters import current_choices, language_from_url, sidebar
from src.ui.pages_registry import leave_legacy_pages_mode, st_pages, url_params_of

st.set_page_config(page_title=t("ui.app.title"), page_icon=":material/school:", layout="wide")
leave_legacy_pages_mode(language_from_url())
data.require_database(language_from_url())
# The page is chosen first (its titles in the address's language) so that the sidebar knows which
# address parameters belong to it; a language switch in the sidebar retitles them on the rerun.
page = st.navigation(st_pages(language_from_url()))
view = sidebar(current_choices(), url_params_of(page.url_path))
page.run()
