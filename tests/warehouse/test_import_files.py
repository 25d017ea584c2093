"""File formats: CSV delimiters and encodings, XLSX cells, and files that are broken in every way."""

from __future__ import annotations

import datetime as dt
import random
import zipfile
from decimal import Decimal

import pytest

from src.warehouse import contract
from src.warehouse.db import connect
from src.warehouse.importer import import_files
from tests.warehouse.conftest import (
    NIP_1,
    NIP_2,
    NIP_3,
    dump,
    good_file,
    load,
    messages,
    refuse,
    rows,
    table,
    write,
    write_xlsx,
)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"], ids=["comma", "semicolon", "tab"])
def test_csv_delimiters(con, tmp_path, delimiter):
    path = write(tmp_path / "pegawai.csv", rows("pegawai"), delimiter=delimiter)
    result = load(con, path)
    assert result.rows == {"pegawai": 3}
    assert [r["nip"] for r in table(con, "pegawai", "nip")] == [NIP_1, NIP_2, NIP_3]


@pytest.mark.parametrize("suffix", [".tsv", ".txt", ".CSV"])
def test_other_text_suffixes(con, tmp_path, suffix):
    assert load(con, write(tmp_path / f"pegawai{suffix}", rows("pegawai"), delimiter="\t")).rows == {
        "pegawai": 3
    }


def test_semicolon_file_with_indonesian_decimal_commas(staff, tmp_path):
    """`;` files usually carry `1.250.000,50`; the comma inside a cell is not a delimiter."""
    data = rows("pengembangan")
    data[0]["BIAYA"] = "1.250.000,50"
    data[2]["BIAYA"] = "Rp 2.000.000"
    load(staff, write(tmp_path / "dev.csv", data, delimiter=";"))
    assert [r["biaya"] for r in table(staff, "pengembangan", "nip")] == [
        Decimal("1250000.50"), None, Decimal("2000000.00")]  # fmt: skip


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_csv_encodings(con, tmp_path, encoding):
    data = rows("pegawai")
    data[0]["NAMA"] = "André Siregar"
    data[0]["UNIT_KERJA"] = "Dinas Pemuda’s Olahraga"
    data[1]["UNIT_KERJA"] = "Badan Perencanaan – Bappeda"
    load(con, write(tmp_path / "pegawai.csv", data, encoding=encoding))
    stored = table(con, "pegawai", "nip")
    assert stored[0]["nama"] == "André Siregar"
    assert stored[0]["unit_kerja"] == "Dinas Pemuda’s Olahraga"
    assert stored[1]["unit_kerja"] == "Badan Perencanaan – Bappeda"
    # A BOM must not end up in the first header (which would make NIP_BARU unknown).
    assert stored[0]["nip"] == NIP_1


def test_crlf_lf_and_trailing_blank_lines(con, tmp_path):
    path = write(tmp_path / "pegawai.csv", rows("pegawai"))
    path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n") + b"\n\n  \n")
    assert load(con, path).rows == {"pegawai": 3}


def test_quoted_cells_with_delimiters_and_newlines(con, tmp_path):
    data = rows("pegawai")
    data[0]["JABATAN"] = 'Kepala Seksi "Umum", Perencanaan\ndan Evaluasi'
    load(con, write(tmp_path / "pegawai.csv", data))
    assert table(con, "pegawai", "nip")[0]["jabatan"] == data[0]["JABATAN"]


def test_xlsx_with_text_date_and_number_cells(staff, tmp_path):
    """First sheet, header in the first row; real date cells and number cells are understood."""
    data = rows("pengembangan")
    data[0].update(TANGGAL_MULAI=dt.date(2024, 3, 4), TANGGAL_SELESAI=dt.datetime(2024, 3, 8, 0, 0),
                   JP=40, BIAYA=1250000.5, NILAI_KEPUASAN=4.5, NILAI_PRETEST=60)  # fmt: skip
    data[1].update(JP=2.5)
    load(staff, write(tmp_path / "dev.xlsx", data))
    stored = table(staff, "pengembangan", "nip")
    assert stored[0]["tanggal_mulai"] == dt.date(2024, 3, 4)
    assert stored[0]["tanggal_selesai"] == dt.date(2024, 3, 8)
    assert stored[0]["tahun"] == 2024
    assert stored[0]["jp"] == Decimal("40")
    assert stored[0]["biaya"] == Decimal("1250000.50")
    assert stored[0]["nilai_kepuasan"] == 4.5
    assert stored[1]["jp"] == Decimal("2.5")
    assert stored[2]["biaya"] == Decimal("1000000")  # a text cell in the same column


def test_xlsx_number_cells_beside_indonesian_text_numbers(staff, tmp_path):
    """Number cells do not vote on the column's style: 1250000.5 beside the text 1.000.000,50 is fine."""
    data = rows("pengembangan")
    data[0]["BIAYA"], data[2]["BIAYA"] = 1250000.5, "Rp 1.000.000,50"
    load(staff, write(tmp_path / "dev.xlsx", data))
    stored = table(staff, "pengembangan", "nip")
    assert (stored[0]["biaya"], stored[2]["biaya"]) == (Decimal("1250000.50"), Decimal("1000000.50"))


def test_xlsx_number_cells_in_integer_and_text_columns(con, tmp_path):
    data = rows("anggaran")
    for row in data:
        row.update(TAHUN=int(row["TAHUN"]), BULAN=int(row["BULAN"]), PAGU=int(row["PAGU"]))
    data[0]["UNIT_KERJA"] = 1234  # a number cell in a text column stays its digits
    load(con, write(tmp_path / "anggaran.xlsx", data))
    stored = table(con, "anggaran", "wilayah, tahun, bulan")
    assert [(r["tahun"], r["bulan"]) for r in stored] == [(2025, 1), (2024, 1), (2024, 2)]
    assert stored[1]["unit_kerja"] == "1234"
    assert stored[1]["pagu"] == Decimal("500000000")


def test_xlsx_pegawai_with_date_cells(con, tmp_path):
    data = rows("pegawai")
    for row in data:
        row["TANGGAL_LAHIR"] = dt.date(1980, 1, 1)
    data[0]["TMT_CPNS"] = dt.date(2005, 1, 1)
    load(con, write(tmp_path / "pegawai.xlsx", data))
    stored = table(con, "pegawai", "nip")
    assert {r["tanggal_lahir"] for r in stored} == {dt.date(1980, 1, 1)}
    assert stored[0]["tmt_cpns"] == dt.date(2005, 1, 1)


def test_xlsx_number_cell_in_a_date_column_is_refused_cleanly(staff, tmp_path):
    data = rows("pengembangan")
    data[0]["TANGGAL_MULAI"] = 45355  # an Excel serial number without date format: not a date cell
    text = refuse(staff, write(tmp_path / "dev.xlsx", data))
    assert "dev.xlsx, baris 2, kolom TANGGAL_MULAI: tanggal tidak valid" in text
    assert "\x00" not in text and "num:" not in text  # the reader's internal mark never shows


def test_csv_and_xlsx_of_the_same_data_give_the_same_database(tmp_path):
    databases = []
    for suffix in (".csv", ".xlsx"):
        con = connect(":memory:")
        load(con, *(good_file(tmp_path, d, suffix) for d in ("pegawai", "pengembangan", "anggaran")))
        databases.append(dump(con, exclude=["import_log"]))
        con.close()
    assert databases[0] == databases[1]


# ---- broken files: always a Problem, never an exception -------------------------------------------


def _one_problem(con, path, key_text: str) -> str:
    text = refuse(con, path)
    assert text.startswith(f"{path.name}"), text
    assert key_text in text, text
    return text


def test_missing_file(con, tmp_path):
    _one_problem(con, tmp_path / "hilang.csv", "berkas tidak ditemukan")


def test_empty_file(con, tmp_path):
    path = tmp_path / "kosong.csv"
    path.write_bytes(b"")
    _one_problem(con, path, "berkas kosong")


def test_blank_lines_only(con, tmp_path):
    path = tmp_path / "kosong.csv"
    path.write_bytes(b"\r\n  \r\n\r\n")
    _one_problem(con, path, "berkas kosong")


def test_header_only_file(con, tmp_path):
    path = write(tmp_path / "pegawai.csv", [], header=list(rows("pegawai")[0]))
    _one_problem(con, path, "hanya berisi judul kolom")


def test_header_only_xlsx(con, tmp_path):
    path = write(tmp_path / "pegawai.xlsx", [], header=list(rows("pegawai")[0]))
    _one_problem(con, path, "hanya berisi judul kolom")


def test_xlsx_with_an_empty_first_sheet(con, tmp_path):
    _one_problem(con, write_xlsx(tmp_path / "kosong.xlsx", []), "berkas kosong")


def test_binary_garbage(con, tmp_path):
    path = tmp_path / "foto.csv"
    path.write_bytes(bytes(range(256)) * 8)
    _one_problem(con, path, "tidak dapat dibaca")


def test_unknown_extension(con, tmp_path):
    path = good_file(tmp_path, "pegawai", ".pdf")
    _one_problem(con, path, "jenis berkas tidak dikenali")


def test_directory_instead_of_a_file(con, tmp_path):
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    result = import_files(con, [folder])
    assert not result.ok
    assert messages(result).startswith("folder.csv")


def test_ragged_csv_row(con, tmp_path):
    path = write(tmp_path / "pegawai.csv", rows("pegawai"))
    lines = path.read_text().splitlines()
    lines[2] += ",extra"
    path.write_text("\n".join(lines))
    text = _one_problem(con, path, "jumlah kolom tidak sama dengan judul (ada 14, seharusnya 13)")
    assert "baris 3" in text


def test_truncated_xlsx(con, tmp_path):
    path = good_file(tmp_path, "pegawai", ".xlsx")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    _one_problem(con, path, "berkas XLSX rusak")


def test_xlsx_with_a_damaged_sheet(con, tmp_path):
    path = good_file(tmp_path, "pegawai", ".xlsx")
    damaged = tmp_path / "rusak.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            body = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = body[: len(body) // 2]
            target.writestr(item, body)
    _one_problem(con, damaged, "berkas XLSX rusak")


def test_csv_named_xlsx(con, tmp_path):
    path = tmp_path / "pegawai.xlsx"
    path.write_bytes(good_file(tmp_path, "pegawai").read_bytes())
    _one_problem(con, path, "berkas XLSX rusak")


def test_very_long_quoted_field(con, tmp_path):
    path = tmp_path / "panjang.csv"
    path.write_text('NIP_BARU,NAMA\n"' + "x" * 300_000 + '",y\n')
    result = import_files(con, [path])
    assert not result.ok


def test_unterminated_quote(con, tmp_path):
    path = write(tmp_path / "pegawai.csv", rows("pegawai"))
    path.write_text(path.read_text().replace("Analis SDM", '"Analis SDM', 1))
    assert not import_files(con, [path]).ok


def test_the_same_file_twice_in_one_call(staff, tmp_path):
    """pengembangan has no key, so a file given twice would double its rows: the repeat is refused."""
    path = good_file(tmp_path, "pengembangan")
    copy = tmp_path / "salinan.csv"
    copy.write_bytes(path.read_bytes())
    text = refuse(staff, path, copy)
    assert (
        text
        == "salinan.csv: isinya sama persis dengan pengembangan.csv; satu berkas hanya boleh sekali dalam satu impor"
    )
    assert refuse(staff, path, path).startswith(
        "pengembangan.csv: isinya sama persis dengan pengembangan.csv"
    )


def test_paths_as_strings(con, tmp_path):
    assert load(con, str(good_file(tmp_path, "pegawai"))).rows == {"pegawai": 3}


def test_long_values_are_shortened_in_messages(staff, tmp_path):
    data = rows("pengembangan")
    data[0]["JALUR"] = "Klasikal " * 50
    text = refuse(staff, write(tmp_path / "dev.csv", data))
    assert "(ditemukan: 'Klasikal Klasikal" in text and "…')" in text
    assert len(text) < 400


def test_empty_list_of_files_changes_nothing(con):
    before = dump(con)
    result = import_files(con, [])
    assert result.ok and result.rows == {}
    assert dump(con) == before


# ---- fuzz: import_files never raises ----------------------------------------------------------------


def _mutations(seed_data: bytes, rng: random.Random, count: int):
    for _ in range(count):
        data = bytearray(seed_data)
        for _ in range(rng.randint(1, 8)):
            choice = rng.random()
            position = rng.randrange(len(data) or 1)
            if choice < 0.3 and data:
                data[position] = rng.randrange(256)
            elif choice < 0.5:
                data[position:position] = rng.choice(
                    [b",", b";", b"\t", b'"', b"\r\n", b"\x00", b".", b"-", b"/", b"Rp", b"\xff", b" "]
                )
            elif choice < 0.7 and data:
                del data[position : position + rng.randint(1, 40)]
            elif choice < 0.85:
                start = rng.randrange(len(data) or 1)
                data[position:position] = data[start : start + rng.randint(1, 60)]
            else:
                data = data[:position]
        yield bytes(data)


def test_fuzz_never_raises(con, tmp_path):
    """A deterministic fuzz loop: random bytes and mutations of good files (CSV and XLSX)."""
    rng = random.Random(20250101)
    load(con, good_file(tmp_path, "pegawai", name="staff"))
    seeds = {
        ".csv": [good_file(tmp_path, d).read_bytes() for d in ("pegawai", "pengembangan", "anggaran")],
        ".xlsx": [good_file(tmp_path, "kompetensi", ".xlsx").read_bytes()],
    }
    cases = [(".csv", bytes(rng.randrange(256) for _ in range(rng.randrange(300)))) for _ in range(20)]
    for suffix, seed_list in seeds.items():
        for seed in seed_list:
            cases += [(suffix, data) for data in _mutations(seed, rng, 60 if suffix == ".csv" else 40)]
    before = dump(con, exclude=["import_log"])
    for index, (suffix, data) in enumerate(cases):
        path = tmp_path / f"fuzz{index}{suffix}"
        path.write_bytes(data)
        try:
            result = import_files(con, [path])
        except Exception as error:  # pragma: no cover - the failure message is the point
            raise AssertionError(f"import_files raised on case {index} ({suffix}): {error!r}") from error
        result.problems.render("id")
        result.problems.render("en")
        if result.ok:  # a harmless mutation: put the good state back for the next case
            load(con, good_file(tmp_path, "pegawai", name="staff"))
    assert dump(con, exclude=["import_log"]).keys() == before.keys()


TRICKY_CELLS = (
    "", " ", "0", "-1", "1.250", "1.250.000", "1.250.000,50", "1250000.5", "Rp", "Rp 1.000", "1e5", "NaN",
    "inf", "9" * 25, "-" + "9" * 25, "99999999999999999.99", "2147483648", "31-02-2025", "2025-02-29",
    "00-00-0000", "9999-12-31", "0001-01-01", "29/02/2024", "I/a", "XVIII", "Lulus", "’", "é", "\u00a0",
    "=1+1", "null", "None", "\\N", "'", '"', "x" * 500, "٣", "１２", "0" * 18, "1" * 19, "12 34",
)  # fmt: skip


def test_fuzz_cells_never_raise(con, tmp_path):
    """Well-formed files whose cells are hostile: exercises cleaning and the load, not just reading."""
    rng = random.Random(7)
    staff = good_file(tmp_path, "pegawai", name="staff")
    load(con, staff)
    for index in range(150):
        dataset = rng.choice(list(contract.DATASETS))
        data = rows(dataset)
        for _ in range(rng.randint(1, 3)):
            row = rng.choice(data)
            column = rng.choice(list(row))
            row[column] = (
                rng.choice(TRICKY_CELLS)
                if rng.random() < 0.8
                else "".join(rng.choice("0123456789.,-/ Rp") for _ in range(rng.randint(1, 25)))
            )
        suffix = ".xlsx" if index % 5 == 0 else ".csv"
        path = write(tmp_path / f"cells{index}{suffix}", data, delimiter=rng.choice(",;\t"))
        try:
            result = import_files(con, [path], dataset=rng.choice([None, dataset]))
        except Exception as error:  # pragma: no cover
            raise AssertionError(f"import_files raised on {dataset} case {index}: {error!r}") from error
        result.problems.render("en")
        if result.ok and dataset == "pegawai":  # start again from the good staff snapshot
            con = connect(":memory:")
            load(con, staff)
