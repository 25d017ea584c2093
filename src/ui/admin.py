"""Akun & Audit (admins): the accounts, adding, removing and re-keying them, and the audit log."""

from __future__ import annotations

import json

import polars as pl
import streamlit as st

from src.i18n import t
from src.ui import auth, data
from src.ui.export import to_csv
from src.warehouse.accounts import ROLES, AccountError


def accounts_table(lang: str) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                t("ui.admin.col_name", lang): a.name,
                t("ui.admin.col_role", lang): a.role,
                t("ui.admin.col_region", lang): a.region or "–",
                t("ui.admin.col_created", lang): a.created_at.replace("T", " "),
            }
            for a in data.account_list()
        ]
    )


def audit_table(lang: str) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                t("ui.admin.col_when", lang): f"{e.at:%d-%m-%Y %H:%M:%S}",
                t("ui.admin.col_who", lang): e.who,
                t("ui.admin.col_action", lang): e.action,
                t("ui.admin.col_details", lang): json.dumps(e.details, ensure_ascii=False),
            }
            for e in data.audit_events()
        ],
        schema=[t(f"ui.admin.col_{c}", lang) for c in ("when", "who", "action", "details")],
    )


def _apply(admin: str, action: str, name: str, lang: str, **fields: object) -> None:
    try:
        data.change_accounts(admin, action, name, **fields)
    except AccountError as error:
        st.error(error.message(lang), icon=":material/error:")
    else:
        st.success(t(f"ui.admin.done_{action}", lang, name=name), icon=":material/check_circle:")


def accounts_section(lang: str) -> None:
    admin = auth.current_account()
    st.subheader(t("ui.admin.accounts_heading", lang))
    with st.form("add_account", clear_on_submit=True):
        st.markdown(f"**{t('ui.admin.add_heading', lang)}**")
        name = st.text_input(t("ui.admin.col_name", lang)).strip()
        role = st.selectbox(t("ui.admin.col_role", lang), ROLES)
        region = st.text_input(t("ui.admin.region_help", lang)).strip() or None
        password = st.text_input(t("ui.auth.password", lang), type="password", autocomplete="new-password")
        if st.form_submit_button(t("ui.admin.add", lang), type="primary"):
            _apply(admin.name, "add", name, lang, role=role, region=region, password=password)
    names = [a.name for a in data.account_list() if a.name != admin.name]  # never lock oneself out
    if names:
        with st.form("change_account", clear_on_submit=True):
            st.markdown(f"**{t('ui.admin.change_heading', lang)}**")
            name = st.selectbox(t("ui.admin.col_name", lang), names)
            password = st.text_input(t("ui.admin.new_password", lang), type="password",
                                     autocomplete="new-password")  # fmt: skip
            row = st.container(horizontal=True)
            if row.form_submit_button(t("ui.admin.set_password", lang)):
                _apply(admin.name, "set_password", name, lang, password=password)
            if row.form_submit_button(t("ui.admin.remove", lang)):
                _apply(admin.name, "remove", name, lang)
    st.table(accounts_table(lang), hide_index=True, border="horizontal")


def audit_section(lang: str) -> None:
    st.subheader(t("ui.admin.audit_heading", lang))
    st.caption(t("ui.admin.audit_intro", lang))
    table = audit_table(lang)
    st.dataframe(table, hide_index=True)
    st.download_button("CSV", to_csv(table, [t("ui.admin.audit_heading", lang)]), file_name="audit.csv",
                       mime="text/csv", icon=":material/download:", on_click="ignore")  # fmt: skip
