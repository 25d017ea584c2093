"""Sign-in journeys in headless Chromium: wrong password, throttling, correct sign-in, sign-out and the
idle timeout, on a server whose installation has accounts (its own copy of the sample data)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.appserver import streamlit_server
from src.i18n import t
from src.warehouse import accounts, audit
from tests.browser.helpers import TIMEOUT_MS, VIEWPORTS, settle, shoot

pytestmark = pytest.mark.browser

PASSWORD = "kata-sandi-rahasia-1"
IDLE_SECONDS = 6


@pytest.fixture(scope="module")
def db(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("signin")
    subprocess.run(["cp", "-a", str(sample_db.parent), str(folder / "data")], check=True)
    path = folder / "data" / sample_db.name
    accounts.add_account(path, "rina", "bkpsdm", PASSWORD, region="Serang")
    accounts.add_account(path, "kepala", "pimpinan", PASSWORD)
    return path


@pytest.fixture(scope="module")
def server(db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    env = {"DASBOR_IDLE_MINUTES": str(IDLE_SECONDS / 60)}
    with streamlit_server(db, tmp_path_factory.mktemp("streamlit") / "server.log", env) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=VIEWPORTS["desktop"], locale="id-ID")
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


def submit(page, name: str, password: str) -> None:
    page.get_by_label(t("ui.auth.name", "id")).fill(name)
    page.get_by_label(t("ui.auth.password", "id")).fill(password)
    page.get_by_role("button", name=t("ui.auth.submit", "id")).click()
    settle(page)


def test_wrong_password_then_sign_in_then_sign_out(server, page, db) -> None:
    page.goto(f"{server}/partisipasi")  # a page's own address: the form, nothing else
    settle(page)
    page.get_by_role("heading", name=t("ui.auth.title", "id")).wait_for()
    assert not page.locator('[data-testid="stMetric"]').count()
    assert not page.locator('[data-testid="stSidebarNav"]').count()
    shoot(page, "sign-in-form")
    submit(page, "rina", "salah-sekali-123")
    page.get_by_text(t("ui.auth.wrong", "id")).wait_for()
    submit(page, "rina", PASSWORD)
    page.locator('[data-testid="stMetric"]').first.wait_for()
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert "rina" in sidebar.inner_text() and t("ui.nav.data_management", "id") in sidebar.inner_text()
    shoot(page, "signed-in")
    sidebar.get_by_role("button", name=t("ui.auth.sign_out", "id")).click()
    page.get_by_text(t("ui.auth.signed_out", "id")).wait_for()
    assert not page.locator('[data-testid="stMetric"]').count()
    actions = [e.action for e in audit.events(db) if e.who == "rina"]
    assert actions[:3] == ["sign_out", "sign_in", "sign_in_failed"]


def test_a_head_does_not_see_kelola_data(server, page) -> None:
    page.goto(server)
    settle(page)
    submit(page, "kepala", PASSWORD)
    page.locator('[data-testid="stMetric"]').first.wait_for()
    nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
    assert t("ui.nav.overview", "id") in nav and t("ui.nav.data_management", "id") not in nav


def test_an_idle_session_is_signed_out(server, page) -> None:
    page.goto(server)
    settle(page)
    submit(page, "kepala", PASSWORD)
    page.locator('[data-testid="stMetric"]').first.wait_for()
    page.wait_for_timeout((IDLE_SECONDS + 1) * 1000)
    page.locator('[data-testid="stSidebarNav"]').get_by_text(t("ui.nav.budget", "id")).click()  # any action
    page.get_by_text(t("ui.auth.idle", "id", minutes="0,1")).wait_for()
    assert not page.locator('[data-testid="stMetric"]').count()


def test_repeated_failures_lock_the_account(server, page) -> None:
    page.goto(server)
    settle(page)
    for _ in range(accounts.MAX_FAILURES):
        submit(page, "kepala", "salah-sekali-123")
    submit(page, "kepala", PASSWORD)
    page.get_by_text("Terlalu banyak percobaan").wait_for()
    shoot(page, "sign-in-locked")
    assert not page.locator('[data-testid="stMetric"]').count()
