"""Kelola Data in a real headless Chromium: the upload journey of issue 4.

An officer uploads this month's revised training register (and a file that is already loaded), reads
the preview, loads it, sees the new version and the new freshness on Definisi & Data; uploads a
broken file and reads its errors; rolls back through the dialog. Screenshots at 1366 and 800 px:
test-artifacts/screenshots/kelola_data_*.png.

The journey runs its own server on its own small sample database (tests/ui/manage_exports.py), so the
other browser tests keep their data. Files go in through the uploader's <input type=file>, as a
browser sends them; everything asserted is text on screen.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.appserver import streamlit_server
from src.i18n import t
from tests.browser.helpers import MAIN, TIMEOUT_MS, settle, shoot
from tests.ui.manage_exports import BAD_DATE, NEW_BENTUK, REGION, Exports, make_exports, size_kb

pytestmark = pytest.mark.browser

WIDTHS = (1366, 800)
HEIGHT = 900
NAME = "Rina Wulandari"


def _shoot(page, state: str) -> None:
    """The whole page at each width (kelola_data_<state>_<width>.png), then the window as it was."""
    size = page.viewport_size
    page.mouse.move(0, 0)  # no hover effects in the picture
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": HEIGHT})
        page.wait_for_timeout(200)
        shoot(page, f"kelola_data_{state}_{width}", pause_ms=250)
    page.set_viewport_size(size)


def _text(page) -> str:
    return page.locator(MAIN).inner_text()


def _upload(page, *paths: Path) -> None:
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([str(p) for p in paths])
    settle(page)


def _row(page, table: int, *cells: str):
    """The row of the `table`-th st.table in the page that holds all of `cells`."""
    rows = page.locator(f'{MAIN} [data-testid="stTable"]').nth(table).locator("tr")
    for cell in cells:
        rows = rows.filter(has_text=cell)
    return rows


def _go_to(page, title: str) -> None:
    """Click a page's link in the sidebar navigation (opening "View more" when the list is folded)."""
    link = page.locator('[data-testid="stSidebarNav"] a').filter(has_text=title)
    if not link.count():
        page.locator('[data-testid="stSidebarNavViewButton"]').click()
    link.click()
    settle(page)


def _cells(row) -> list[str]:
    return [c.strip() for c in row.locator("td, th").all_inner_texts()]


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> Exports:
    return make_exports(tmp_path_factory.mktemp("kelola"))


@pytest.fixture
def server(exports: Exports, tmp_path: Path) -> Iterator[str]:
    with streamlit_server(exports.db, tmp_path / "server.log") as url:
        yield url


@pytest.fixture
def tab(browser) -> Iterator:
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": HEIGHT}, locale="id-ID")
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_the_page_address_as_the_first_request_after_a_start(server, tab):
    """The page's own address as the server's first request (its address is its file's name)."""
    tab.goto(f"{server}/kelola_data")
    settle(tab)
    tab.get_by_role("heading", name=t("ui.manage.title", "id")).wait_for()
    assert not tab.get_by_role("dialog").filter(has_text="Page not found").count()


def test_upload_preview_commit_errors_and_rollback(server, tab, exports):
    page = tab
    page.goto(f"{server}/kelola_data")
    settle(page)
    page.get_by_role("heading", name=t("ui.manage.title", "id")).wait_for()
    assert "Versi yang dipakai sekarang: 1" in _text(page)
    commit = page.get_by_role("button", name=t("ui.manage.commit", "id"))

    # The name first (the history records it), then this month's files.
    page.get_by_role("textbox", name=t("ui.manage.who", "id")).fill(NAME)
    page.keyboard.press("Tab")
    settle(page)
    _upload(page, exports.revised, exports.loaded)
    page.get_by_text(t("ui.manage.preview_heading", "id")).wait_for()
    text = _text(page)
    stored, new = exports.stored_by_year, exports.revised_by_year
    assert _cells(_row(page, 0, exports.revised.name)) == [
        exports.revised.name, "pengembangan", str(sum(new.values())), size_kb(exports.revised.stat().st_size)
    ]  # fmt: skip
    assert _cells(_row(page, 1, REGION, "2025")) == ["pengembangan", REGION, "2025", str(stored[2025]),
                                                    str(new[2025]), "-1"]  # fmt: skip
    assert _cells(_row(page, 1, REGION, "2026")) == ["pengembangan", REGION, "2026", str(stored[2026]),
                                                    str(new[2026]), "+2"]  # fmt: skip
    assert f"{exports.loaded.name}: isi berkas ini sudah dimuat" in text
    assert "kolom diabaikan: KETERANGAN" in text
    assert f"kolom BENTUK: nilai baru dicatat apa adanya: {NEW_BENTUK}" in text
    assert commit.is_enabled()
    _shoot(page, "preview")

    # Load: version 2, by the officer, with the rows the preview announced.
    commit.click()
    settle(page)
    rows = t("import.rows_of", "id", dataset="pengembangan", rows=sum(new.values()))
    page.get_by_text(t("ui.manage.committed", "id", version=2, rows=rows)).wait_for()
    text = _text(page)
    assert "Versi yang dipakai sekarang: 2, dibuat" in text and f"oleh {NAME}." in text
    assert f"{NAME} · impor: dimuat · versi 1 → 2" in text
    assert f"Baris dimuat: {rows}" in text
    assert f"{exports.revised.name} (" in text and "SHA-256 " in text
    assert page.get_by_role("button", name=t("ui.manage.rollback", "id", number=1)).is_enabled()
    _shoot(page, "committed")

    # The new freshness on Definisi & Data: Siulak's register has the revised count and runs to the
    # new October records (15-10-2026).
    _go_to(page, t("ui.nav.definitions", "id"))
    page.get_by_role("heading", name=t("ui.definitions.freshness_heading", "id")).wait_for()
    freshness = page.locator(f'{MAIN} [data-testid="stDataFrame"]').first  # the quality panel's come later
    freshness.scroll_into_view_if_needed()
    # The grid draws on a canvas and keeps an accessible copy of the rows in view: scroll to the last
    # rows (pengembangan sorts after the other datasets).
    freshness.locator(".dvn-scroller").evaluate("el => el.scrollTop = el.scrollHeight")
    row = freshness.locator('[role="row"]').filter(has_text="pengembangan").filter(has_text=REGION)
    row.wait_for(state="attached")  # the accessible copy is not drawn
    cells = [c.strip() for c in row.locator('[role="gridcell"]').all_text_contents()]
    assert cells[:4] == ["pengembangan", REGION, str(sum(stored.values()) - 1 + 2), "15-10-2026"]
    _go_to(page, t("ui.nav.data_management", "id"))

    # A broken file: every error with file, line and column; nothing can be loaded.
    _upload(page, exports.broken)
    page.get_by_text(t("ui.manage.refused", "id", count=2)).wait_for()
    errors = page.locator(f'{MAIN} [data-testid="stCode"]').inner_text()
    assert f"{exports.broken.name}, baris 2, kolom TANGGAL_SELESAI: tanggal tidak valid" in errors
    assert f"(ditemukan: '{BAD_DATE}')" in errors
    assert f"{exports.broken.name}, baris 3, kolom NIP_BARU: NIP tidak ada dalam data pegawai" in errors
    assert "**************1999" in errors
    assert commit.is_disabled()
    _shoot(page, "errors")
    page.get_by_role("button", name=t("ui.manage.cancel", "id")).click()
    page.get_by_text(t("ui.manage.refused", "id", count=2)).wait_for(state="detached")  # the preview goes

    # Roll back, through the dialog.
    page.get_by_role("button", name=t("ui.manage.rollback", "id", number=1)).click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_text(t("ui.manage.rollback_title", "id")).wait_for()
    assert t("ui.manage.rollback_confirm", "id", current=2, target=1) in dialog.inner_text()
    _shoot(page, "rollback_dialog")
    dialog.get_by_role("button", name=t("ui.manage.rollback_yes", "id", number=1)).click()
    settle(page)
    page.get_by_text(t("cli.rollback_done", "id", before=2, after=1)).wait_for()
    assert not dialog.count()
    text = _text(page)
    assert "Versi yang dipakai sekarang: 1, dibuat" in text and "oleh demo." in text
    assert f"{NAME} mengembalikan data dari versi 2." in text
    assert f"{NAME} · kembalikan versi: dikembalikan · versi 2 → 1" in text
    _shoot(page, "rolled_back")
