"""Kelola Data through AppTest: the page with and without a database, the preview of good, bad and
already-loaded files, commit, cancel, the rollback dialog, the history; and the page's pure builders.

Every test that writes gets its own small sample database in tmp_path (tests/ui/manage_exports.py),
never the session's shared one. The uploads are real export files that the sample generator wrote.
What the page must show is counted from those files' text (or computed by hand), not read back
from the importer.

The rollback dialog's confirm button runs as a fragment rerun in a browser, which AppTest does not
do (it reruns the whole script): opening the dialog is tested here, confirming it in
tests/browser/test_manage.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from src.config import ROOT
from src.i18n import t
from src.ui import data_management as dm
from src.warehouse import history, versions
from src.warehouse.db import connect
from src.warehouse.history import Entry
from tests.ui.manage_exports import (
    BAD_DATE,
    IGNORED_COLUMN,
    NEW_BENTUK,
    REGION,
    UNKNOWN_NIP,
    Exports,
    make_exports,
    size_kb,
)

PAGE = "pages/kelola_data.py"
NAME = "Rina Wulandari"


@pytest.fixture(autouse=True)
def _declared(navigation_already_declared: None) -> None:
    """Every run here behaves like a running server's (see tests/ui/conftest.py)."""


@pytest.fixture
def exports(tmp_path: Path) -> Exports:
    return make_exports(tmp_path)


def open_page(db: Path, monkeypatch: pytest.MonkeyPatch, lang: str = "id", name: str = "") -> AppTest:
    monkeypatch.setenv("DASBOR_DB", str(db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if lang != "id":
        at.query_params["lang"] = lang
    at.run()
    at.switch_page(PAGE).run()
    if name:
        at.text_input(key=dm.WHO).set_value(name).run()
    assert_no_errors(at)
    return at


def assert_no_errors(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def upload(at: AppTest, exports: Exports, *paths: Path) -> AppTest:
    at.file_uploader[0].set_value(exports.upload(*paths)).run()
    assert_no_errors(at)
    return at


def button(at: AppTest, label: str):
    found = [b for b in at.button if b.label == label]
    assert len(found) == 1, [b.label for b in at.button]
    return found[0]


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def plain(text: str) -> str:
    """Markdown as read on screen: escapes dropped (file_name\\_x.csv -> file_name_x.csv)."""
    return re.sub(r"\\(.)", r"\1", text)


def table(at: AppTest, index: int) -> list[dict[str, str]]:
    return at.table[index].value.to_dict("records")


def column(rows: list[dict[str, str]], name: str) -> list[str]:
    return [row[name] for row in rows]


def stored_rows(db: Path, region: str, year: int) -> int:
    con = connect(versions.current_file(db), read_only=True)
    try:
        [(count,)] = con.execute(
            "SELECT count(*) FROM pengembangan WHERE wilayah = ? AND tahun = ?", [region, year]
        ).fetchall()
    finally:
        con.close()
    return count


# ---- the page opens --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_page_opens_with_data(exports, monkeypatch, lang):
    at = open_page(exports.db, monkeypatch, lang)
    assert at.title[0].value == t("ui.manage.title", lang)
    assert at.file_uploader[0].label == t("ui.manage.upload_label", lang)
    assert at.file_uploader[0].accept_multiple_files
    text = markdown(at)
    [first] = versions.list_versions(exports.db)  # the sample build published version 1 as "demo"
    when = f"{first.created:%d-%m-%Y %H:%M}"
    assert t("ui.manage.current_version", lang, number=1, when=when, who="demo") in text
    assert f"· demo · {t('history.action.demo', lang)}: **{t('history.outcome.committed', lang)}**" in text
    assert t("ui.manage.no_earlier", lang) in [c.value for c in at.caption]
    assert not [b for b in at.button if b.label.startswith(t("ui.manage.rollback", lang, number=""))]
    assert at.sidebar.radio(key="lang").value == lang  # the data is there: the full frame


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_page_opens_without_any_database(tmp_path, monkeypatch, lang):
    db = tmp_path / "baru" / "asn.duckdb"
    at = open_page(db, monkeypatch, lang)
    assert not at.error
    assert at.title[0].value == t("ui.manage.title", lang)
    assert len(at.file_uploader) == 1
    assert t("ui.manage.no_version", lang) in markdown(at)
    assert t("cli.history_empty", lang) in [c.value for c in at.caption]
    assert not at.sidebar.radio  # no data, no filters: only the page itself
    assert not db.exists()  # looking at the page creates no database


def test_a_first_load_into_an_empty_installation(exports, tmp_path, monkeypatch):
    """A new region's officer starts with no database: staff list and training register at once."""
    db = tmp_path / "baru" / "asn.duckdb"
    staff, development = exports.folder / "pegawai_serang.csv", exports.folder / "pengembangan_serang.csv"
    staff_rows = len(staff.read_text(encoding="utf-8").splitlines()) - 1  # minus the header
    development_rows = len(development.read_text(encoding="utf-8").splitlines()) - 1
    at = open_page(db, monkeypatch, name=NAME)
    upload(at, exports, staff, development)

    files = table(at, 0)
    assert column(files, t("ui.manage.col_dataset", "id")) == ["pegawai", "pengembangan"]
    assert column(files, t("ui.manage.col_rows", "id")) == [str(staff_rows), str(development_rows)]
    changes = table(at, 1)
    assert set(column(changes, t("ui.manage.col_stored", "id"))) == {"0"}  # nothing stored yet
    assert t("ui.manage.whole_snapshot", "id") in column(changes, t("ui.manage.col_year", "id"))
    assert t("import.new_region", "id", regions="Serang") in [w.value for w in at.warning]

    button(at, t("ui.manage.commit", "id")).click().run()
    assert_no_errors(at)
    assert db.exists()
    assert at.success[0].value.startswith(t("ui.manage.committed", "id", version=1, rows="").split(":")[0])
    assert at.sidebar.radio(key="lang").value == "id"  # the data is there now: the full frame


# ---- the preview -----------------------------------------------------------------------------------


def test_the_preview_lists_datasets_rows_slices_and_notes(exports, monkeypatch):
    at = open_page(exports.db, monkeypatch, name=NAME)
    upload(at, exports, exports.revised, exports.loaded)

    assert f"#### {t('ui.manage.preview_heading', 'id')}" in markdown(at)
    files = table(at, 0)
    # The revision holds (14 - 1) records of 2025, the 10 of 2026 and 2 new ones: 25 with the sample
    # of seed 2026; counted from the files rather than assumed.
    revised_rows = sum(exports.revised_by_year.values())
    assert revised_rows == exports.stored_by_year[2025] - 1 + exports.stored_by_year[2026] + 2
    assert files == [
        {
            t("ui.manage.col_file", "id"): dm.markdown_text(exports.revised.name),
            t("ui.manage.col_dataset", "id"): "pengembangan",
            t("ui.manage.col_rows", "id"): str(revised_rows),
            t("ui.manage.col_size", "id"): size_kb(exports.revised.stat().st_size),
        }
    ]  # karier.csv is already loaded: not listed, said below
    already = [i.value for i in at.info]
    assert len(already) == 1 and already[0].startswith(f"{exports.loaded.name}: ")
    assert "(tidak ada yang berubah)" in already[0]

    # Only the (region, year) slices in the file are replaced: 2025 loses the withdrawn record,
    # 2026 gains the two October records.
    changes = [tuple(row.values()) for row in table(at, 1)]
    stored, new = exports.stored_by_year, exports.revised_by_year
    assert changes == [
        ("pengembangan", REGION, "2025", str(stored[2025]), str(new[2025]), "-1"),
        ("pengembangan", REGION, "2026", str(stored[2026]), str(new[2026]), "+2"),
    ]
    notes = [w.value for w in at.warning]
    assert notes == [
        f"{exports.revised.name}: {t('import.ignored_columns', 'id', columns=IGNORED_COLUMN)}",
        f"{exports.revised.name}: {t('import.new_values', 'id', column='BENTUK', values=NEW_BENTUK)}",
    ]
    assert t("ui.manage.notes_intro", "id") in markdown(at)
    assert not button(at, t("ui.manage.commit", "id")).disabled
    # A preview writes nothing.
    assert [v.number for v in versions.list_versions(exports.db)] == [1]
    assert [e.action for e in history.entries(exports.db)] == ["demo"]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_bad_file_lists_every_error_with_file_line_and_column(exports, monkeypatch, lang):
    at = open_page(exports.db, monkeypatch, lang, name=NAME)
    upload(at, exports, exports.broken)

    assert at.error[0].value == t("ui.manage.refused", lang, count=2)
    lines = at.code[0].value.splitlines()
    name = exports.broken.name
    at_line = {"id": "{file}, baris {line}, kolom {column}: ", "en": "{file}, line {line}, column {column}: "}
    assert lines == [
        at_line[lang].format(file=name, line=2, column="TANGGAL_SELESAI")
        + t("import.error.date", lang)
        + " "
        + t("import.found", lang, value=f"'{BAD_DATE}'"),
        at_line[lang].format(file=name, line=3, column="NIP_BARU")
        + t("import.error.unknown_staff", lang)
        + " "
        + t("import.found", lang, value=f"'{'*' * 14}{UNKNOWN_NIP[-4:]}'"),  # masked: last four digits
    ]
    assert UNKNOWN_NIP not in at.code[0].value
    assert [d.label for d in at.download_button if d.key is None] == [t("ui.manage.problems_download", lang)]
    assert button(at, t("ui.manage.commit", lang)).disabled
    assert len(at.table) == 1  # the files; no slices: nothing would be replaced


def test_a_file_already_loaded_changes_nothing(exports, monkeypatch):
    at = open_page(exports.db, monkeypatch, name=NAME)
    upload(at, exports, exports.loaded)
    said = re.escape(f"{exports.loaded.name}: {t('import.already_loaded', 'id', when='WHEN')}")
    [info] = [i.value for i in at.info]
    assert re.fullmatch(said.replace("WHEN", r"\d\d-\d\d-\d{4} \d\d:\d\d"), info), info
    assert not at.table  # no file to read, no slice to replace
    assert button(at, t("ui.manage.commit", "id")).disabled


def test_loading_needs_the_officers_name(exports, monkeypatch):
    at = open_page(exports.db, monkeypatch)
    upload(at, exports, exports.revised)
    assert button(at, t("ui.manage.commit", "id")).disabled
    assert t("ui.manage.who_needed", "id") in [c.value for c in at.caption]
    at.text_input(key=dm.WHO).set_value("  ").run()  # blanks are no name
    assert button(at, t("ui.manage.commit", "id")).disabled
    at.text_input(key=dm.WHO).set_value(NAME).run()
    assert not button(at, t("ui.manage.commit", "id")).disabled


def test_the_officers_name_survives_a_visit_to_another_page(exports, monkeypatch):
    at = open_page(exports.db, monkeypatch, name=NAME)
    at.switch_page("pages/definisi.py").run()  # a run that does not draw the name field
    at.switch_page(PAGE).run()
    assert_no_errors(at)
    assert at.text_input(key=dm.WHO).value == NAME
    upload(at, exports, exports.revised)
    assert not button(at, t("ui.manage.commit", "id")).disabled


# ---- commit, cancel, rollback, history -------------------------------------------------------------


def test_commit_publishes_a_new_version_and_the_history_shows_it(exports, monkeypatch):
    at = open_page(exports.db, monkeypatch, name=NAME)
    upload(at, exports, exports.revised, exports.loaded)
    folder = Path(at.session_state["data_upload_folder"])
    assert folder.is_dir()
    revised_rows = sum(exports.revised_by_year.values())

    button(at, t("ui.manage.commit", "id")).click().run()
    assert_no_errors(at)
    rows = t("import.rows_of", "id", dataset="pengembangan", rows=revised_rows)
    assert [s.value for s in at.success] == [t("ui.manage.committed", "id", version=2, rows=rows)]
    assert [x.value for x in at.toast] == [t("ui.db.new_version", "id")]
    # The new version is the one in use, and it holds the revised slices.
    assert [(v.number, v.current) for v in versions.list_versions(exports.db)] == [(1, False), (2, True)]
    assert stored_rows(exports.db, REGION, 2025) == exports.revised_by_year[2025]
    assert stored_rows(exports.db, REGION, 2026) == exports.revised_by_year[2026]
    assert stored_rows(exports.db, REGION, 2024) == exports.stored_by_year[2024]  # not in the file: kept

    text = plain(markdown(at))
    assert (
        f"**2**, dibuat {versions.list_versions(exports.db)[1].created:%d-%m-%Y %H:%M} oleh {NAME}." in text
    )
    entry = next(line for line in text.splitlines() if f"· {NAME} ·" in line)
    assert entry.rstrip().endswith("· impor: **dimuat** · versi 1 → 2")
    assert t("ui.manage.history_rows", "id", rows=rows) in text
    for path in (exports.revised, exports.loaded):  # every file given, the skipped one too
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert f"{path.name} ({size_kb(path.stat().st_size)}, SHA-256 {digest[:12]}…)" in text
    # The upload is forgotten: an empty uploader, the session's files deleted, and one step back.
    assert not at.file_uploader[0].value
    assert not folder.exists()
    assert button(at, t("ui.manage.rollback", "id", number=1))


def test_cancel_forgets_the_files(exports, monkeypatch):
    at = open_page(exports.db, monkeypatch, name=NAME)
    upload(at, exports, exports.revised)
    folder = Path(at.session_state["data_upload_folder"])
    button(at, t("ui.manage.cancel", "id")).click().run()
    assert_no_errors(at)
    assert not at.file_uploader[0].value and not at.table
    assert not folder.exists()
    assert [v.number for v in versions.list_versions(exports.db)] == [1]


def test_rollback_asks_first_in_a_dialog(exports, monkeypatch):
    at = open_page(exports.db, monkeypatch, name=NAME)
    upload(at, exports, exports.revised)
    button(at, t("ui.manage.commit", "id")).click().run()
    in_use = dm.version_line(versions.list_versions(exports.db), dm.data.import_history(), "id")

    button(at, t("ui.manage.rollback", "id", number=1)).click().run()
    assert_no_errors(at)
    text = markdown(at)
    assert f"### {t('ui.manage.rollback_title', 'id')}" in text
    assert t("ui.manage.rollback_confirm", "id", current=2, target=1) in text
    assert text.count(in_use) == 2  # on the page and in the dialog
    assert button(at, t("ui.manage.rollback_yes", "id", number=1))
    assert [b.label for b in at.button].count(t("ui.manage.cancel", "id")) == 1
    assert versions.current_version(exports.db).number == 2  # asking changes nothing


def test_rollback_needs_the_officers_name(exports, monkeypatch):
    at = open_page(exports.db, monkeypatch, name=NAME)
    upload(at, exports, exports.revised)
    button(at, t("ui.manage.commit", "id")).click().run()
    at.text_input(key=dm.WHO).set_value("").run()
    assert button(at, t("ui.manage.rollback", "id", number=1)).disabled
    assert t("ui.manage.who_needed_rollback", "id") in [c.value for c in at.caption]


def test_after_a_rollback_the_page_says_who_brought_the_version_back(exports, monkeypatch):
    at = open_page(exports.db, monkeypatch, name=NAME)
    upload(at, exports, exports.revised)
    button(at, t("ui.manage.commit", "id")).click().run()
    versions.rollback(exports.db, "Budi Santoso")  # what the dialog's button calls (data.roll_back)
    at.run()
    assert_no_errors(at)
    text = markdown(at)
    back = dm.data.import_history()[0]
    first = versions.list_versions(exports.db)[0]
    assert (
        f"**1**, dibuat {first.created:%d-%m-%Y %H:%M} oleh demo. "  # not "oleh Budi Santoso"
        f"Dipakai lagi sejak {back.started_at:%d-%m-%Y %H:%M}: Budi Santoso mengembalikan data dari versi 2."
    ) in text
    assert "· Budi Santoso · kembalikan versi: **dikembalikan** · versi 2 → 1" in text
    assert t("ui.manage.no_earlier", "id") in [c.value for c in at.caption]
    assert stored_rows(exports.db, REGION, 2026) == exports.stored_by_year[2026]


def test_a_refused_import_keeps_its_errors_in_the_history(exports, monkeypatch):
    """A batch refused at the command line: the page's history shows it and lists its errors."""
    outcome = versions.import_versioned(exports.db, [exports.broken], "cli:operator")
    assert outcome.outcome == "refused"
    at = open_page(exports.db, monkeypatch)
    text = markdown(at)
    assert "· cli:operator · impor: **ditolak** · versi 1 → 1" in text
    assert t("ui.manage.history_problem_count", "id", count=2) in text
    [expander] = [e for e in at.expander if e.label.startswith("Masalah impor #")]
    assert expander.label.endswith(": 2")
    problems = expander.code[0].value
    assert f"{exports.broken.name}, baris 2, kolom TANGGAL_SELESAI" in problems
    assert f"{exports.broken.name}, baris 3, kolom NIP_BARU" in problems
    assert UNKNOWN_NIP not in problems


# ---- the pure builders -----------------------------------------------------------------------------


def test_size_label():
    assert dm.size_label(5_449, "id") == "5,4 KB"
    assert dm.size_label(5_450, "id") == "5,5 KB"  # half up, as people round
    assert dm.size_label(999_949, "id") == "999,9 KB"
    assert dm.size_label(1_250_000, "en") == "1.3 MB"
    assert dm.size_label(12_345_678, "id") == "12,3 MB"


def test_signed_number():
    assert [dm.signed_number(n, "id") for n in (2, -1, 0, 1_234)] == ["+2", "-1", "0", "+1.234"]
    assert dm.signed_number(-1_234, "en") == "-1,234"


def test_markdown_text_shows_names_as_they_are():
    assert dm.markdown_text("pengembangan_*draft*.csv") == r"pengembangan\_\*draft\*.csv"
    assert dm.markdown_text("[a](b) <i>") == r"\[a\](b) \<i\>"
    assert plain(dm.markdown_text("a_b*c")) == "a_b*c"


def test_changes_table_names_the_staff_snapshot_and_signs_the_change():
    changes = pl.DataFrame(
        {"dataset": ["pegawai", "pengembangan"], "wilayah": ["Serang", "Serang"], "tahun": [None, 2026],
         "rows_stored": [5_500, 0], "rows_new": [5_498, 1_250]},
        schema={"dataset": pl.String, "wilayah": pl.String, "tahun": pl.Int32, "rows_stored": pl.Int64,
                "rows_new": pl.Int64},
    )  # fmt: skip
    assert dm.changes_table(changes, "id").rows() == [
        ("pegawai", "Serang", "(seluruh data pegawai)", "5.500", "5.498", "-2"),  # 5.498 - 5.500
        ("pengembangan", "Serang", "2026", "0", "1.250", "+1.250"),
    ]
    assert dm.changes_table(changes, "en").columns == ["Dataset", "Region", "Year", "Rows now", "Rows after",
                                                       "Change"]  # fmt: skip


def _version(number: int, current: bool) -> versions.Version:
    return versions.Version(
        number, Path(f"v{number:04d}.duckdb"), dt.datetime(2026, 11, number, 9, 30), 1, current
    )


def _entry(who: str, action: str, outcome: str, before: int | None, after: int | None, day: int) -> Entry:
    return Entry(who, action, outcome, dt.datetime(2026, 11, day, 10, 0), version_before=before,
                 version_after=after)  # fmt: skip


def test_version_line():
    demo = _entry("demo", "demo", "committed", None, 1, 1)
    load = _entry("Rina", "import", "committed", 1, 2, 2)
    refused = _entry("Ali", "import", "refused", 2, 2, 3)
    back = _entry("Budi", "rollback", "rolled_back", 2, 1, 4)
    assert dm.version_line([], [], "id") == "Belum ada versi data."
    at_two = [_version(1, False), _version(2, True)]
    assert dm.version_line(at_two, [refused, load, demo], "id") == (
        "Versi yang dipakai sekarang: **2**, dibuat 02-11-2026 09:30 oleh Rina."  # not Ali: refused
    )
    at_one = [_version(1, True), _version(2, False)]
    assert dm.version_line(at_one, [back, refused, load, demo], "en") == (
        "Version in use: **1**, made 01-11-2026 09:30 by demo. "
        "In use again since 04-11-2026 10:00: Budi rolled the data back from version 2."
    )
    # A later import leaves the rollback behind: no "in use again" line for the new version.
    again = _entry("Rina", "import", "committed", 1, 3, 5)
    at_three = [_version(1, False), _version(2, False), _version(3, True)]
    assert dm.version_line(at_three, [again, back, refused, load, demo], "id").endswith("oleh Rina.")


def test_history_entry_lists_rows_problems_and_files():
    entry = _entry("Rina", "import", "committed", 1, 2, 2)
    entry.rows = {"pegawai": 5_500, "pengembangan": 1_250}
    entry.files = [
        {"name": "pegawai_serang.csv", "size": 812_345, "sha256": "ab" * 32},
        {"name": "pengembangan_serang.xlsx", "size": 1_500_000, "sha256": "cd" * 32},
    ]
    assert dm.history_entry(entry, "id").split("  \n  ") == [
        "**02-11-2026 10:00** · Rina · impor: **dimuat** · versi 1 → 2",
        "Baris dimuat: pegawai 5.500 baris, pengembangan 1.250 baris",
        r"Berkas: pegawai\_serang.csv (812,3 KB, SHA-256 abababababab…); "
        r"pengembangan\_serang.xlsx (1,5 MB, SHA-256 cdcdcdcdcdcd…)",
    ]
    refused = _entry("cli:ops", "import", "refused", 2, 2, 3)
    refused.problem_total = 1_204
    assert dm.history_entry(refused, "en").split("  \n  ") == [
        r"**03-11-2026 10:00** · cli:ops · import: **refused** · version 2 → 2",
        "Problems: 1,204 (listed below)",
    ]
    assert dm.history_markdown([entry, refused], "id").count("\n- ") == 1  # one list item each


def test_files_that_cannot_be_exports_are_refused_before_they_are_saved(monkeypatch) -> None:
    from src.ui import data

    monkeypatch.setenv("DASBOR_MAX_UPLOAD_MB", "1")
    assert data.upload_refusal("pengembangan.csv", 1024, "id") is None
    assert data.upload_refusal("rekap.pdf", 1024, "id") == t("import.error.file_type", "id")
    assert data.upload_refusal("kosong.csv", 0, "en") == t("import.error.file_empty", "en")
    too_large = data.upload_refusal("besar.xlsx", 1024 * 1024 + 1, "id")
    assert too_large == t("import.error.file_too_large", "id", limit=1) and "1" in too_large
