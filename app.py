"""Dasbor Kompetensi ASN: the frame. Page config, the global filter sidebar, the navigation.

Run with `make run` (or `streamlit run app.py`; the database is DASBOR_DB, default data/asn.duckdb).
"""

import streamlit as st

from src.i18n import t
from src.ui import auth, data
from src.ui.filters import current_choices, language_from_url, sidebar
from src.ui.pages_registry import leave_legacy_pages_mode, spec_of, st_pages

st.set_page_config(page_title=t("ui.app.title"), page_icon=":material/school:", layout="wide")
lang = language_from_url()
leave_legacy_pages_mode(lang)
account = auth.require_sign_in(lang)  # with accounts, nothing below runs before a sign-in
if data.pin_data_version():  # an import was committed since this session's last run
    st.toast(t("ui.db.new_version", lang), icon=":material/update:")
# The page is chosen first (its titles in the address's language) so that the sidebar knows which
# address parameters belong to it; a language switch in the sidebar retitles them on the rerun.
page = st.navigation(st_pages(lang, account.role if account else None), expanded=True)
problem = data.database_problem(lang)
if problem is None:
    sidebar(current_choices(), spec_of(page.url_path).url_params)
elif spec_of(page.url_path).needs_data:
    data.show_database_problem(problem, lang)
if account:
    auth.account_box(account, lang)
page.run()
