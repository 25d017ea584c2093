"""Messages: `file, line, column: what is wrong (what was found)`, Indonesian or English, and never any
personal data (names, birth dates, whole NIPs) in a problem, a note or a log record."""

from __future__ import annotations

import logging
import re
import string
from pathlib import Path

import pytest

from src.i18n import catalogue
from src.warehouse.importer import import_files
from src.warehouse.problems import Problem, ProblemList, mask_nip
from tests.warehouse.conftest import (
    BIRTH_DATES,
    NAMES,
    NIP_1,
    NIP_2,
    NIP_3,
    good_file,
    load,
    messages,
    rows,
    write,
)

NIPS = (NIP_1, NIP_2, NIP_3)
CELL_PROBLEM = re.compile(
    r"^(?P<file>[^,]+), baris (?P<line>\d+|–), kolom (?P<column>[A-Z_]+): (?P<what>.+)$"
)
CELL_PROBLEM_EN = re.compile(
    r"^(?P<file>[^,]+), line (?P<line>\d+|–), column (?P<column>[A-Z_]+): (?P<what>.+)$"
)


def _assert_no_personal_data(text: str) -> None:
    for name in NAMES:
        assert name not in text and name.split()[0] not in text, name
    for date in (*BIRTH_DATES, "1980-01-01", "1985-02-02", "1990-03-03", "31-02-1980"):
        assert date not in text, date
    for nip in NIPS:
        assert nip not in text and nip[-8:] not in text, nip
    assert not re.search(r"\d{9,}", text), "a long run of digits (a NIP?) in a message"


def _bad_files(tmp_path: Path) -> list[Path]:
    """Files that break every rule that involves a person's data."""
    staff = rows("pegawai")
    staff[0]["TANGGAL_LAHIR"] = "31-02-1980"  # impossible birth date
    staff[1]["NAMA"] = ""  # empty name
    staff[1]["NIP_BARU"] = NIP_2[:-1]  # 17 digits
    staff.append({**rows("pegawai")[0], "NAMA": NAMES[0] + " (2)"})  # NIP_1 again
    staff.append({**rows("pegawai")[2], "TANGGAL_LAHIR": "", "NIP_BARU": "Budi Santoso"})
    xlsx = rows("pegawai")[2:]
    xlsx[0]["NIP_BARU"] = int(NIP_3)
    xlsx[0]["WILAYAH"] = "Kerinci"
    ratings = rows("kinerja")
    ratings.append(dict(ratings[0]))  # repeated (NIP, TAHUN)
    ratings[1]["NIP_BARU"] = "199912312022031999"  # unknown
    assessments = rows("kompetensi")
    assessments.append(dict(assessments[0]))  # repeated (NIP, TANGGAL_ASESMEN, KOMPETENSI)
    return [
        write(tmp_path / "pegawai.csv", staff),
        write(tmp_path / "semarang.xlsx", xlsx),
        write(tmp_path / "kinerja.csv", ratings),
        write(tmp_path / "kompetensi.csv", assessments),
    ]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_personal_data_in_any_problem(staff, tmp_path, lang):
    result = import_files(staff, _bad_files(tmp_path))
    assert not result.ok
    keys = {p.key.rsplit(".", 1)[-1] for p in result.problems.listed}
    assert {"date", "required", "nip", "duplicate_key", "nip_number_cell", "unknown_staff"} <= keys
    text = messages(result, lang) + result.summary(lang)
    _assert_no_personal_data(text)
    assert "**************1001" in text  # the repeated NIP_1 is named by its last four digits


def test_no_personal_data_in_other_region_and_unknown_staff_messages(staff, tmp_path):
    moved = [{**rows("pegawai")[2], "NIP_BARU": NIP_1}]
    result = import_files(staff, [write(tmp_path / "semarang.csv", moved)])
    assert "(ditemukan: '**************1001')" in messages(result)
    _assert_no_personal_data(messages(result))


def test_duplicate_key_messages_mask_the_nip(staff, tmp_path):
    ratings = rows("kinerja")
    ratings.append(dict(ratings[2]))
    result = import_files(staff, [write(tmp_path / "kinerja.csv", ratings)])
    text = messages(result)
    assert "kinerja.csv, baris 5, kolom NIP_BARU: baris ganda untuk kunci " in text
    assert "(NIP_BARU=**************1003, TAHUN=2024); sudah ada di kinerja.csv:4" in text
    _assert_no_personal_data(text)


def test_no_personal_data_in_log_records(staff, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    import_files(staff, _bad_files(tmp_path))
    load(staff, good_file(tmp_path, "pegawai"), good_file(tmp_path, "kinerja"))
    assert caplog.records, "the importer logs what it did"
    logged = "\n".join(
        [caplog.text, *(r.getMessage() for r in caplog.records), *(repr(r.args) for r in caplog.records)]
    )
    _assert_no_personal_data(logged)


def test_problems_read_file_line_column_what_found(staff, tmp_path):
    result = import_files(staff, _bad_files(tmp_path))
    for lang, pattern, found in (("id", CELL_PROBLEM, "ditemukan"), ("en", CELL_PROBLEM_EN, "found")):
        for problem, line in zip(result.problems.listed, result.problems.render(lang), strict=True):
            if problem.line is None or problem.column is None:
                continue
            match = pattern.match(line)
            assert match, line
            assert match["file"] == problem.file and match["column"] == problem.column
            if problem.found is not None:
                assert line.endswith(f"({found}: '{problem.found}')")


def test_english_messages(staff, tmp_path):
    data = rows("pengembangan")
    data[0]["JP"] = "banyak"
    result = import_files(staff, [write(tmp_path / "dev.csv", data)], dataset="pengembangan")
    assert result.problems.render("en") == ["dev.csv, line 2, column JP: not a number (found: 'banyak')"]
    assert result.problems.render() == ["dev.csv, baris 2, kolom JP: bukan angka (ditemukan: 'banyak')"]


def test_whole_line_and_whole_file_problems_have_no_column(con, tmp_path):
    path = write(tmp_path / "pegawai.csv", rows("pegawai"))
    path.write_text(path.read_text() + "1,2\n")
    result = import_files(con, [path, tmp_path / "hilang.xlsx"])
    assert result.problems.render() == [
        "pegawai.csv, baris 5: jumlah kolom tidak sama dengan judul (ada 2, seharusnya 13)",
        "hilang.xlsx: berkas tidak ditemukan",
    ]
    assert result.problems.render("en")[1] == "hilang.xlsx: file not found"


def test_successful_import_summary(staff, tmp_path):
    result = load(staff, good_file(tmp_path, "pengembangan"), good_file(tmp_path, "anggaran"))
    assert result.summary() == "Impor selesai: pengembangan 3 baris, anggaran 3 baris."
    assert result.summary("en") == "Import finished: pengembangan 3 rows, anggaran 3 rows."


def test_mask_nip():
    assert mask_nip(NIP_1) == "*" * 14 + "1001"
    assert mask_nip("1980 0101") == "****0101"
    assert mask_nip("12") == "12"
    assert mask_nip("Budi") == ""


def test_problem_list_cap():
    problems = ProblemList()
    for line in range(250):
        problems.add(Problem("f.csv", "import.error.required", line, "NAMA"))
    assert problems.total == 250 and len(problems.listed) == 200
    assert problems.render()[-1] == "… dan 50 masalah lain tidak ditampilkan."


# ---- the catalogue ---------------------------------------------------------------------------------


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_import_message_in_both_languages_with_the_same_placeholders():
    entries = {k: v for k, v in catalogue().items() if k.startswith("import.")}
    assert entries
    for key, entry in entries.items():
        assert entry.get("id") and entry.get("en"), key
        assert _placeholders(entry["id"]) == _placeholders(entry["en"]), key


def test_every_message_key_the_importer_uses_exists():
    source = "\n".join(p.read_text(encoding="utf-8") for p in Path("src/warehouse").glob("*.py"))
    used = set(re.findall(r'"(import\.[a-z_.]+)"', source))
    assert len(used) > 30
    assert used <= set(catalogue()), used - set(catalogue())
