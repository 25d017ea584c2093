"""Akun & Audit: accounts and the audit log, for admins."""

import streamlit as st

from src.i18n import t
from src.ui import admin, auth
from src.ui.filters import language_from_url
from src.ui.pages_registry import leave_legacy_pages_mode

lang = language_from_url()
leave_legacy_pages_mode(lang)  # a first request straight to this address runs app.py first
account = auth.current_account()
st.title(t("ui.admin.title", lang))
if account is None:  # an installation without accounts: the first admin is made on the command line
    st.info(t("ui.admin.no_accounts", lang), icon=":material/person_add:")
    st.stop()
if account.role != "admin":
    st.warning(t("ui.admin.not_for_role", lang), icon=":material/lock:")
    st.stop()
admin.accounts_section(lang)
admin.audit_section(lang)
