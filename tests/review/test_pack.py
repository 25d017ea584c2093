"""The review pack from the command line: `python -m src.cli report … --out FILE.pdf|FILE.xlsx`.

The XLSX is opened and its numbers compared with the metrics layer; the PDF is turned into PNG pages
(test-artifacts/screenshots/review-pack-*.png, looked at while building it) and its text searched for
the region, the month, the headline figures, the charts' titles and the notes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import polars as pl
import pypdfium2 as pdfium
import pytest

from src.cli import main
from src.config import ROOT
from src.metrics.compute import kpis
from src.metrics.registry import METRIC_BY_ID
from src.metrics.review import REVIEW_METRICS, monthly_review, review_filters
from src.warehouse import review_notes
from src.warehouse.db import connect
from tests.review.world import JT

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
MARCH = review_filters(2026, 3, "Serang")


def report(db: Path, out: Path, *extra: str, region: str = "Serang", month: int = 3) -> int:
    return main(["report", "--db", str(db), "--year", "2026", "--month", str(month), "--region", region,
                 "--out", str(out), *extra])  # fmt: skip


def pdf_text(path: Path) -> tuple[int, str]:
    document = pdfium.PdfDocument(path)
    try:
        text = "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
        return len(document), text
    finally:
        document.close()


# ---- XLSX ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workbook(review_db, tmp_path_factory):
    review_notes.save_note(review_db, 2026, 2, "Serang", "=HYPERLINK(\"x\") Sepakat: Dinas B dihubungi.", "Rina",
                           saved_at=dt.datetime(2026, 3, 2, 9, 30))  # fmt: skip
    out = tmp_path_factory.mktemp("xlsx") / "tinjauan.xlsx"
    assert report(review_db, out) == 0
    return openpyxl.load_workbook(out)


def sheet_rows(sheet, first: int) -> list[tuple]:
    return [
        row for row in sheet.iter_rows(min_row=first, values_only=True) if any(v is not None for v in row)
    ]


def test_xlsx_sheets(workbook):
    assert workbook.sheetnames == [
        "Ringkasan", "Angka utama", "Grafik", "OPD tertinggal", "Anggaran tertinggal", "Kesenjangan",
        "Evaluasi kegiatan", "Catatan", "Keterangan",
    ]  # fmt: skip


def test_xlsx_headline_figures_equal_the_metrics_layer(workbook, review_db):
    con = connect(review_db, read_only=True)
    try:
        now = kpis(con, MARCH, metric_ids=list(REVIEW_METRICS)).row(0, named=True)
        february = kpis(con, MARCH.model_copy(update={"month": 2}), metric_ids=list(REVIEW_METRICS)).row(
            0, named=True
        )
    finally:
        con.close()
    sheet = workbook["Angka utama"]
    rows = {
        r[0]: r for r in sheet_rows(sheet, 2) if r[0] in {METRIC_BY_ID[m].label("id") for m in REVIEW_METRICS}
    }
    assert len(rows) == len(REVIEW_METRICS)
    for metric in REVIEW_METRICS:
        spec = METRIC_BY_ID[metric]
        row = rows[spec.label("id")]
        assert row[1] == pytest.approx(now[metric]) if now[metric] is not None else row[1] is None, metric
        if metric != "asn_count":
            assert (
                row[3] == pytest.approx(february[metric]) if february[metric] is not None else row[3] is None
            )
    # changes of rates in points (0.40 − 0.15 = 25 points), of amounts in their unit and relative
    participation = rows["Tingkat partisipasi"]
    assert participation[4] == pytest.approx(25.0) and participation[5] is None
    spending = rows["Realisasi"]
    assert (spending[4], spending[5]) == (pytest.approx(4 * JT), pytest.approx(0.5))
    assert (spending[6], spending[7], spending[8]) == (6 * JT, pytest.approx(6 * JT), pytest.approx(1.0))
    # numbers are numbers with formats an Indonesian Excel shows as 40,0 % and Rp12.000.000
    cells = {c.value: c.row for c in sheet["A"] if c.value}
    assert sheet.cell(cells["Tingkat partisipasi"], 2).number_format == "0.0%"
    assert sheet.cell(cells["Realisasi"], 2).number_format == '"Rp"#,##0'
    assert sheet.cell(cells["Tingkat partisipasi"], 5).number_format == '+0.0" poin";-0.0" poin";0.0" poin"'


def test_xlsx_lists_equal_the_review(workbook, review_con):
    review = monthly_review(review_con, MARCH)
    units = sheet_rows(workbook["OPD tertinggal"], 5)
    assert [(r[0], r[1], r[2], r[3]) for r in units] == [
        (u["unit"], u["asn_count"], pytest.approx(u["jp20_on_track_rate"]), u["no_development_count"])
        for u in review.units_behind.iter_rows(named=True)
    ]
    lines = sheet_rows(workbook["Anggaran tertinggal"], 5)
    # OPD, code, sub-kegiatan, pagu, spent, absorption, plan, short of the plan (one region: no region column)
    assert [(r[0], r[1], r[3], r[4], r[7]) for r in lines] == [
        ("Dinas A", "5.03.02.2.03", 100 * JT, 6 * JT, pytest.approx(4 * JT)),
        ("Dinas B", "5.03.02.2.03", 20 * JT, 0, pytest.approx(2 * JT)),
    ]
    gaps = sheet_rows(workbook["Kesenjangan"], 5)
    assert [(r[0], r[2], r[6], r[7], r[8]) for r in gaps] == [
        ("Komunikasi", pytest.approx(0.5), 28, "ya", "Kelas Komunikasi"),
        ("Integritas", pytest.approx(0.1), 0, "belum", None),
        ("Perekat Bangsa", 0, 0, "belum", None),
    ]
    courses = sheet_rows(workbook["Evaluasi kegiatan"], 5)
    assert [(r[0], r[2], r[4], r[5]) for r in courses] == [("Seminar Anggaran", 3, pytest.approx(8 / 3), 3)]


def test_xlsx_notes_and_scope(workbook):
    notes = sheet_rows(workbook["Catatan"], 2)
    february, march = notes
    assert february[:2] == ("Februari 2026", "Rina") and february[2] == dt.datetime(2026, 3, 2, 9, 30)
    # a note that begins like a formula stays text, neutralised as every download is
    assert february[3] == '\'=HYPERLINK("x") Sepakat: Dinas B dihubungi.'
    assert march == ("Maret 2026", None, None, "Belum ada catatan.")
    scope = [r[0] for r in sheet_rows(workbook["Keterangan"], 1)]
    assert "Wilayah: Serang" in scope
    assert "Periode: Maret 2026 (tahun berjalan, 1 Januari s.d. akhir bulan)" in scope
    summary = [r[0] for r in sheet_rows(workbook["Ringkasan"], 1)]
    assert '\'=HYPERLINK("x") Sepakat: Dinas B dihubungi.' in summary


# ---- PDF -------------------------------------------------------------------------------------------


def save_pngs(path: Path, stem: str) -> list[Path]:
    """Every page as PNG (for people to look at), and a check that none is blank."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    document = pdfium.PdfDocument(path)
    pngs = []
    try:
        for i in range(len(document)):
            image = document[i].render(scale=1.5).to_pil()
            assert image.size == (
                pytest.approx(893, abs=2),
                pytest.approx(1263, abs=2),
            )  # A4 portrait at 108 dpi
            extrema = image.convert("L").getextrema()
            assert extrema[0] < 100, f"page {i + 1} looks blank"
            png = SCREENSHOTS / f"{stem}-{i + 1}.png"
            image.save(png)
            pngs.append(png)
    finally:
        document.close()
    return pngs


@pytest.mark.browser
def test_pdf_pack(review_db, tmp_path):
    review_notes.save_note(
        review_db, 2026, 3, "Serang", "Kesimpulan Maret: percepat Seminar Anggaran.", "Budi"
    )
    out = tmp_path / "tinjauan.pdf"
    assert report(review_db, out) == 0
    assert out.read_bytes().startswith(b"%PDF")
    pages, text = pdf_text(out)
    assert pages >= 3
    assert len(save_pngs(out, "review-pack-id")) == pages
    flat = " ".join(text.split())
    # title page: region, month, date made; the scope it was made under
    assert "Serang" in flat and "Maret 2026" in flat and f"Dibuat {dt.date.today().day} " in flat
    assert "Pegawai: seluruh pegawai dalam data pegawai terkini" in flat
    # headline figures and their changes: participation 40,0 % (+25,0 poin), JP 46,0 JP, spending Rp12 jt
    for figure in (
        "40,0 %",
        "+25,0 poin",
        "+30,0 poin",
        "46,0 JP",
        "Rp12 jt",
        "+Rp4 jt (+50,0 %)",
        "laju 5 JP",
    ):
        assert figure in flat, figure
    # the charts drew (their titles are text in the PDF), the lists and both notes are there
    assert "Sesuai laju 20 JP: 15,0 % sampai Maret" in flat
    assert "Serapan s.d. Maret 7,1 %" in flat
    assert "Seminar Anggaran" in flat and "Kurang dari rencana" in flat
    assert "Sepakat: Dinas B dihubungi." in flat  # last month's agreement (saved by the XLSX fixture or here)
    assert "Kesimpulan Maret: percepat Seminar Anggaran." in flat and "Budi" in flat
    assert f"Halaman 1 dari {pages}" in flat


@pytest.mark.browser
def test_pdf_pack_in_english_for_every_region(review_db, tmp_path):
    # a note is text, never markup: it is printed as typed
    review_notes.save_note(review_db, 2026, 3, "", "<b>Agreed</b> <script>alert(1)</script>", "Ana")
    out = tmp_path / "review.pdf"
    assert main(["--lang", "en", "report", "--db", str(review_db), "--year", "2026", "--month", "3",
                 "--out", str(out)]) == 0  # fmt: skip
    _, text = pdf_text(out)
    flat = " ".join(text.split())
    assert "All regions" in flat and "March 2026" in flat and "Monthly Review" in flat
    # every region: 30 staff, 11 took part (8 in Serang + 3 in Semarang) = 36.7 %
    assert "36.7 %" in flat and "Page 1 of" in flat
    assert "<b>Agreed</b> <script>alert(1)</script>" in flat
    save_pngs(out, "review-pack-en")


# ---- refusals --------------------------------------------------------------------------------------


def test_report_refusals(review_db, tmp_path, capsys, monkeypatch):
    assert report(review_db, tmp_path / "x.docx") == 2
    assert ".docx" in capsys.readouterr().err
    assert report(review_db, tmp_path / "x.xlsx", region="Bogor") == 2
    assert "Bogor" in capsys.readouterr().err
    assert report(review_db, tmp_path / "x.xlsx", month=13) == 2
    assert report(tmp_path / "none.duckdb", tmp_path / "x.xlsx") == 3
    assert main(["report", "--db", str(review_db), "--year", "2019", "--month", "3", "--out",
                 str(tmp_path / "x.xlsx")]) == 2  # fmt: skip
    assert "2025, 2026" in capsys.readouterr().err
    monkeypatch.setenv("DASBOR_CHROMIUM", str(tmp_path / "no-chromium"))
    assert report(review_db, tmp_path / "x.pdf") == 4
    assert "DASBOR_CHROMIUM" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # nothing half-written is left


def test_report_xlsx_for_every_region_matches_the_review(review_db, review_con, tmp_path):
    out = tmp_path / "semua.xlsx"
    assert report(review_db, out, region="") == 0
    lines = sheet_rows(openpyxl.load_workbook(out)["Anggaran tertinggal"], 5)
    review = monthly_review(review_con, review_filters(2026, 3))
    # every region: the region column is back
    assert [(r[0], r[1], r[8]) for r in lines] == [
        (u["unit"], u["region"], pytest.approx(u["amount_behind"]))
        for u in review.budget_lines.iter_rows(named=True)
    ]
    assert pl.DataFrame(lines, orient="row").height == 3
