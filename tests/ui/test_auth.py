"""Sign-in before anything else once accounts exist: the form, wrong passwords, throttling, idle
timeout, sign-out, the audit log; an installation without accounts stays open."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from src.config import ROOT
from src.i18n import t
from src.warehouse import accounts, audit

APP = ROOT / "app.py"
PASSWORD = "kata-sandi-rahasia-1"


@pytest.fixture
def db(
    sample_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, navigation_already_declared: None
) -> Path:
    """A private copy of the sample's data folder, with one bkpsdm account."""
    subprocess.run(["cp", "-a", str(sample_db.parent), str(tmp_path / "data")], check=True)
    path = tmp_path / "data" / sample_db.name
    accounts.add_account(path, "rina", "bkpsdm", PASSWORD, region="Serang")
    monkeypatch.setenv("DASBOR_DB", str(path))
    return path


def run(page: str | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def sign_in(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input[0].input(name)
    at.text_input[1].input(password)
    at.button[0].click()
    return at.run()


def shows_the_form_only(at: AppTest) -> bool:
    return (
        [s.value for s in at.subheader] == [t("ui.auth.title", "id")]
        and len(at.text_input) == 2
        and not at.metric
        and not at.dataframe
        and not at.sidebar.selectbox
    )


@pytest.mark.parametrize("page", [None, "pages/definisi.py", "pages/kelola_data.py", "pages/eksplorasi.py"])
def test_nothing_is_served_before_a_sign_in(db: Path, page: str | None) -> None:
    assert shows_the_form_only(run(page))


def test_a_wrong_password_is_refused_and_audited(db: Path) -> None:
    at = sign_in(run(), "rina", "salah-sekali-123")
    assert [e.value for e in at.error] == [t("ui.auth.wrong", "id")]
    assert shows_the_form_only(at)
    [event] = audit.events(db)
    assert (event.who, event.action) == ("rina", "sign_in_failed")
    assert PASSWORD not in str(event.details) and "salah" not in str(event.details)


def test_a_correct_sign_in_shows_the_dashboard_and_who_is_signed_in(db: Path) -> None:
    at = sign_in(run(), "rina", PASSWORD)
    assert not at.exception
    assert at.metric  # the overview's headline cards
    assert any("rina" in c.value and "bkpsdm" in c.value for c in at.sidebar.caption)
    assert [(e.who, e.action) for e in audit.events(db)] == [("rina", "sign_in")]


def test_repeated_failures_lock_the_account_even_with_the_right_password(db: Path) -> None:
    at = run()
    for _ in range(accounts.MAX_FAILURES):
        at = sign_in(at, "rina", "salah-sekali-123")
    at = sign_in(at, "rina", PASSWORD)
    assert at.error and at.error[0].value.startswith("Terlalu banyak percobaan")
    assert shows_the_form_only(at)
    assert audit.events(db)[0].action == "sign_in_blocked"


def test_failures_from_one_address_lock_every_account_tried_from_it(db: Path) -> None:
    now = dt.datetime.now()
    for number in range(accounts.MAX_FAILURES):
        accounts.record_failure(db, f"tebakan{number}", "10.0.0.9", now)
    assert (
        accounts.locked_until(db, "rina", "10.0.0.9", now)
        == now.replace(microsecond=0) + accounts.FAILURE_WINDOW
    )
    assert accounts.locked_until(db, "rina", "10.0.0.8", now) is None
    later = now + accounts.FAILURE_WINDOW + dt.timedelta(seconds=1)
    assert accounts.locked_until(db, "rina", "10.0.0.9", later) is None


def test_an_idle_session_is_signed_out(db: Path) -> None:
    at = sign_in(run(), "rina", PASSWORD)
    at.session_state["auth_last_seen"] = dt.datetime.now() - dt.timedelta(minutes=31)
    at.run()
    assert shows_the_form_only(at)
    assert [i.value for i in at.info] == [t("ui.auth.idle", "id", minutes=30)]
    assert audit.events(db)[0].action == "sign_out_idle"


def test_signing_out(db: Path) -> None:
    at = sign_in(run(), "rina", PASSWORD)
    next(b for b in at.sidebar.button if b.label == t("ui.auth.sign_out", "id")).click()
    at.run()
    assert shows_the_form_only(at)
    assert audit.events(db)[0].action == "sign_out"


def test_kelola_data_records_the_account_as_the_officer(db: Path) -> None:
    at = sign_in(run(), "rina", PASSWORD)
    at.switch_page("pages/kelola_data.py").run()
    assert not at.exception
    assert not any(i.label == t("ui.manage.who", "id") for i in at.text_input)  # no name to type
    assert any("**rina**" in c.value for c in at.caption)


def signed_in_as(db: Path, name: str, role: str, region: str | None = None) -> AppTest:
    accounts.add_account(db, name, role, PASSWORD, region=region)
    return sign_in(run(), name, PASSWORD)


@pytest.mark.parametrize("role", ["pimpinan", "analis"])
def test_kelola_data_is_not_for_heads_and_analysts(db: Path, role: str) -> None:
    at = signed_in_as(db, "kepala", role)
    assert at.metric and not at.exception  # signed in, on the overview
    with pytest.raises(ValueError, match="Could not find a navigation page"):  # not in their navigation
        at.switch_page("pages/kelola_data.py")


def test_bkpsdm_loads_data_but_only_an_admin_rolls_back(db: Path) -> None:
    at = sign_in(run(), "rina", PASSWORD)
    at.switch_page("pages/kelola_data.py").run()
    assert at.get("file_uploader")
    assert any(c.value == t("ui.manage.rollback_admin_only", "id") for c in at.caption)
    admin = signed_in_as(db, "admin", "admin")
    admin.switch_page("pages/kelola_data.py").run()
    assert not any(c.value == t("ui.manage.rollback_admin_only", "id") for c in admin.caption)


def test_an_admin_manages_accounts_and_reads_the_audit_log(db: Path) -> None:
    at = signed_in_as(db, "admin", "admin")
    at.switch_page("pages/admin.py").run()
    assert not at.exception
    assert sorted(at.table[0].value.iloc[:, 0]) == ["admin", "rina"]
    form = at.text_input
    form[0].input("siti")  # name
    at.selectbox[0].select("pimpinan")
    form[2].input(PASSWORD)  # password (the region stays empty)
    next(b for b in at.button if b.label == t("ui.admin.add", "id")).click()
    at.run()
    assert [s.value for s in at.success] == [t("ui.admin.done_add", "id", name="siti")]
    assert accounts.verify(db, "siti", PASSWORD).role == "pimpinan"
    event = audit.events(db)[0]
    assert (event.who, event.action, event.details) == (
        "admin",
        "account.add",
        {"name": "siti", "role": "pimpinan", "region": None},
    )
    audit_rows = at.dataframe[0].value
    assert "sign_in" in set(audit_rows.iloc[:, 2])


def test_the_admin_page_is_not_for_other_roles(db: Path) -> None:
    at = sign_in(run(), "rina", PASSWORD)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/admin.py")
