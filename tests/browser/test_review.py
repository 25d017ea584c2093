"""The monthly review in a real headless Chromium: choose a month, save a note, reload and see it,
download the pack (PDF and XLSX). Screenshots: test-artifacts/screenshots/review-*.png."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import openpyxl
import pypdfium2 as pdfium
import pytest

from benchmarks.appserver import streamlit_server
from src.i18n import t
from src.ui.format import month_name
from src.warehouse import review_notes
from src.warehouse.db import connect
from tests.browser.helpers import MAIN, SCREENSHOTS, default_filters, settle, shoot
from tests.browser.test_journeys import _goto, _new_page, _rerun

pytestmark = pytest.mark.browser

NOTE = "Sepakat: Kecamatan yang tertinggal dihubungi BKPSDM sebelum tanggal 15."
AUTHOR = "Rina (BKPSDM)"
DOWNLOAD_TIMEOUT_MS = 90_000


@pytest.fixture(scope="module")
def review_app(sample_db: Path, tmp_path_factory: pytest.TempPathFactory):
    """The app on a copy of the sample database, so the notes it saves stay in this test's folder."""
    folder = tmp_path_factory.mktemp("review_app")
    db = folder / "asn.duckdb"
    shutil.copy(sample_db, db)
    with streamlit_server(db, folder / "server.log") as url:
        yield url, db


@pytest.fixture(scope="module")
def latest(sample_db: Path) -> tuple[int, int]:
    con = connect(sample_db, read_only=True)
    try:
        filters = default_filters(con)
    finally:
        con.close()
    return filters.year, filters.month


def _month_label(year: int, month: int) -> str:
    return f"{month_name(month, 'id')} {year}"


def _pick(page, label: str, option: str) -> None:
    def pick() -> None:
        box = page.locator(MAIN).get_by_role("combobox", name=label, exact=True)
        box.click()
        page.get_by_role("option", name=option, exact=True).click()

    _rerun(page, pick)


def test_review_journey(review_app, browser, latest):
    url, db = review_app
    year, month = latest
    chosen = (year, month - 1) if month > 1 else (year - 1, 12)
    context, page = _new_page(browser)
    try:
        assert _goto(page, f"{url}/tinjauan?wilayah=Serang")
        assert page.locator(f"{MAIN} h1").first.inner_text().strip() == t("ui.review.title", "id")
        shoot(page, "review-page")

        # choose the month before the latest: the figures, the sidebar and the address follow
        _pick(page, t("ui.review.pick_month", "id"), _month_label(*chosen))
        query = parse_qs(urlsplit(page.url).query)
        assert query["tahun"] == [str(chosen[0])] and query["bulan"] == [str(chosen[1])]
        assert query["wilayah"] == ["Serang"]
        header = t("ui.review.col_value", "id", month=_month_label(*chosen))
        assert page.locator(f'{MAIN} [data-testid="stTable"] th').filter(has_text=header).count() == 1

        # write and save the month's note
        page.get_by_label(t("ui.review.text", "id"), exact=True).fill(NOTE)
        page.get_by_label(t("ui.review.author", "id"), exact=True).fill(AUTHOR)
        _rerun(page, lambda: page.get_by_role("button", name=t("ui.review.save", "id")).click())
        note = review_notes.latest_note(db, *chosen, "Serang")
        assert (note.text, note.author) == (NOTE, AUTHOR)

        # a reload is a new session: the address brings back the month and region, the store the note
        page.reload()
        settle(page, pause_ms=0)
        latest_note = page.locator(f"{MAIN} .st-key-review_latest_note")
        assert NOTE in latest_note.inner_text()
        assert AUTHOR in latest_note.inner_text()
        shoot(page, "review-page-note")

        # the pack: PDF and XLSX, made when the buttons are pressed
        with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as info:
            page.get_by_role("button", name=t("ui.review.pdf", "id")).click()
        download = info.value
        assert download.suggested_filename == f"tinjauan-serang-{chosen[0]}-{chosen[1]:02d}.pdf"
        pdf = Path(download.path()).read_bytes()
        assert pdf.startswith(b"%PDF")
        document = pdfium.PdfDocument(pdf)
        try:
            text = " ".join(
                " ".join(document[i].get_textpage().get_text_range().split()) for i in range(len(document))
            )
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            document[0].render(scale=1.2).to_pil().save(SCREENSHOTS / "review-download-pdf-1.png")
        finally:
            document.close()
        assert "Serang" in text and _month_label(*chosen) in text and NOTE in text

        with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as info:
            page.get_by_role("button", name=t("ui.review.xlsx", "id")).click()
        workbook = openpyxl.load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
        assert t("ui.review.sheet_figures", "id") in workbook.sheetnames
        notes = [row for row in workbook[t("ui.review.sheet_notes", "id")].iter_rows(values_only=True)]
        assert any(row[3] == NOTE and row[1] == AUTHOR for row in notes)
    finally:
        context.close()
