"""Kelola Data: load the month's export files (preview, then commit or cancel), the versions of the
data with rollback, the import history, and the data quality panel."""

import streamlit as st

from src.i18n import t
from src.ui import data, data_management, quality
from src.ui.filters import current_view, language_from_url

has_data = data.database_problem(language_from_url()) is None
view = current_view() if has_data else None
lang = view.lang if view else language_from_url()

st.title(t("ui.manage.title", lang))
if not data_management.may_open():
    st.warning(t("ui.manage.not_for_role", lang), icon=":material/lock:")
    st.stop()
st.write(t("ui.manage.intro", lang))
data_management.show_remembered_message()
who = data_management.operator_name(lang)
data_management.upload_section(lang, who)
data_management.versions_section(lang, who)
if view:
    quality.quality_panel(view, refused_unknown_staff=data.refused_unknown_staff())
