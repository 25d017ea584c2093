"""Sign-in before anything else, once the installation has accounts (issue 5, first part).

An installation without accounts stays open as before (`python -m src.cli user list` says how to
create the first admin). With accounts, app.py calls `require_sign_in` before the navigation: no
page, figure or file is served to a session that has not signed in. Failed sign-ins are throttled
per account and per address (src/warehouse/accounts.py), a session idle longer than
DASBOR_IDLE_MINUTES is signed out, and sign-ins, failures and sign-outs go to the audit log.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from src import config
from src.i18n import t
from src.ui import data
from src.ui.format import format_number
from src.warehouse.accounts import Account

SIGNED_IN = "auth_account"
_LAST_SEEN = "auth_last_seen"
_NOTICE = "auth_notice"


def current_account() -> Account | None:
    return st.session_state.get(SIGNED_IN)


def _address() -> str:
    """The client's address (throttling, audit); "unknown" where Streamlit cannot tell."""
    address = st.context.ip_address
    return address if isinstance(address, str) and address else "unknown"


def sign_out(reason: str = "sign_out") -> None:
    account = st.session_state.pop(SIGNED_IN, None)
    st.session_state.pop(_LAST_SEEN, None)
    if account:
        data.audit_event(account.name, reason, address=_address())
    st.session_state[_NOTICE] = reason


def require_sign_in(lang: str) -> Account | None:
    """The signed-in account; or, when accounts exist and nobody is signed in, the form, then stop."""
    if not data.accounts_exist():
        return None
    now = dt.datetime.now()
    last_seen = st.session_state.get(_LAST_SEEN)
    if current_account() and last_seen and now - last_seen > dt.timedelta(minutes=config.idle_minutes()):
        sign_out("sign_out_idle")
    if account := current_account():
        st.session_state[_LAST_SEEN] = now
        return account
    sign_in_form(lang)
    st.stop()


def sign_in_form(lang: str) -> None:
    st.title(t("ui.app.title", lang))
    st.subheader(t("ui.auth.title", lang))
    notice = st.session_state.pop(_NOTICE, None)
    if notice == "sign_out_idle":
        limit = config.idle_minutes()
        minutes = format_number(limit, lang, decimals=0 if limit.is_integer() else 1)
        st.info(t("ui.auth.idle", lang, minutes=minutes), icon=":material/timer_off:")
    elif notice == "sign_out":
        st.info(t("ui.auth.signed_out", lang), icon=":material/logout:")
    with st.form("sign_in", width=420):
        name = st.text_input(t("ui.auth.name", lang), autocomplete="username").strip()
        password = st.text_input(
            t("ui.auth.password", lang), type="password", autocomplete="current-password"
        )
        submitted = st.form_submit_button(t("ui.auth.submit", lang), type="primary")
    if submitted:
        attempt(name, password, lang)


def attempt(name: str, password: str, lang: str) -> None:
    address = _address()
    if until := data.sign_in_locked_until(name, address):
        data.audit_event(name, "sign_in_blocked", address=address)
        st.error(t("ui.auth.locked", lang, time=f"{until:%H:%M}"), icon=":material/lock_clock:")
        return
    account = data.verify_account(name, password)
    if account is None:
        data.record_sign_in_failure(name, address)
        data.audit_event(name, "sign_in_failed", address=address)
        st.error(t("ui.auth.wrong", lang), icon=":material/error:")
        return
    st.session_state[SIGNED_IN] = account
    st.session_state[_LAST_SEEN] = dt.datetime.now()
    data.audit_event(account.name, "sign_in", role=account.role, region=account.region, address=address)
    st.rerun()


def account_box(account: Account, lang: str) -> None:
    """Who is signed in, and the sign-out button (in the sidebar)."""
    with st.sidebar:
        region = f", {account.region}" if account.region else ""
        st.caption(t("ui.auth.signed_in_as", lang, name=account.name, role=account.role, region=region))
        st.button(t("ui.auth.sign_out", lang), icon=":material/logout:", on_click=sign_out)
