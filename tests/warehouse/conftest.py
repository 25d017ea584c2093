"""Shared helpers for the importer tests: tiny export files built in code, a whole-database dump.

Rows are dicts keyed by column header (canonical names unless a test renames them); a value is
written as given: str as text, int/float as a number cell (XLSX), date as a date cell (XLSX),
None as an empty cell.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
from collections.abc import Iterable
from pathlib import Path

import duckdb
import pytest
import xlsxwriter

from src.warehouse.db import connect
from src.warehouse.importer import ImportResult, import_files

# Three people in two regions; NIP_1 and NIP_2 in Serang, NIP_3 in Semarang.
NIP_1 = "198001012005011001"
NIP_2 = "198502022010012002"
NIP_3 = "199003032021211003"
NAMES = ("Budi Santoso", "Siti Aminah", "Agus Salim")
BIRTH_DATES = ("1980-01-01", "02-02-1985", "03/03/1990")

GOOD: dict[str, list[dict[str, object]]] = {
    "pegawai": [
        {"NIP_BARU": NIP_1, "NAMA": NAMES[0], "JENIS_KELAMIN": "L", "TANGGAL_LAHIR": BIRTH_DATES[0],
         "JENIS_PEGAWAI": "PNS", "GOLONGAN": "III/a", "JENIS_JABATAN": "Struktural", "ESELON": "IV.a",
         "JABATAN": "Kepala Subbagian Umum", "TINGKAT_PENDIDIKAN": "S-1", "UNIT_KERJA": "BKPSDM",
         "WILAYAH": "Pemerintah Kota Serang", "TMT_CPNS": "2005-01-01"},
        {"NIP_BARU": NIP_2, "NAMA": NAMES[1], "JENIS_KELAMIN": "P", "TANGGAL_LAHIR": BIRTH_DATES[1],
         "JENIS_PEGAWAI": "CPNS", "GOLONGAN": "II/c", "JENIS_JABATAN": "Fungsional", "ESELON": None,
         "JABATAN": "Analis SDM", "TINGKAT_PENDIDIKAN": "D-III", "UNIT_KERJA": "Dinas Kesehatan",
         "WILAYAH": "Serang", "TMT_CPNS": None},
        {"NIP_BARU": NIP_3, "NAMA": NAMES[2], "JENIS_KELAMIN": "L", "TANGGAL_LAHIR": BIRTH_DATES[2],
         "JENIS_PEGAWAI": "PPPK", "GOLONGAN": "IX", "JENIS_JABATAN": "Pelaksana", "ESELON": None,
         "JABATAN": "Pengadministrasi", "TINGKAT_PENDIDIKAN": "SMA/SLTA", "UNIT_KERJA": "Dinas Pendidikan",
         "WILAYAH": "Semarang", "TMT_CPNS": None},
    ],
    "pengembangan": [
        {"NIP_BARU": NIP_1, "NAMA_KEGIATAN": "Pelatihan Pengelolaan Keuangan", "JALUR": "Pelatihan Klasikal",
         "BENTUK": "Pelatihan Teknis", "JENIS_KOMPETENSI": "Teknis", "TOPIK": "Keuangan",
         "PENYELENGGARA": "BPSDM Banten", "TANGGAL_MULAI": "2024-03-04", "TANGGAL_SELESAI": "2024-03-08",
         "JP": "40", "BIAYA": "2500000", "SUMBER_DANA": "APBD", "STATUS": "Selesai",
         "NILAI_PRETEST": "60", "NILAI_POSTTEST": "85", "NILAI_KEPUASAN": "4.5"},
        {"NIP_BARU": NIP_2, "NAMA_KEGIATAN": "Webinar Pelayanan Prima", "JALUR": "Pelatihan Non-Klasikal",
         "BENTUK": "E-Learning", "JENIS_KOMPETENSI": "Manajerial", "TOPIK": "Pelayanan Publik",
         "PENYELENGGARA": "LAN", "TANGGAL_MULAI": "2024-05-01", "TANGGAL_SELESAI": "2024-05-01",
         "JP": "2", "BIAYA": None, "SUMBER_DANA": None, "STATUS": "Selesai",
         "NILAI_PRETEST": None, "NILAI_POSTTEST": None, "NILAI_KEPUASAN": None},
        {"NIP_BARU": NIP_3, "NAMA_KEGIATAN": "Bimtek Kearsipan", "JALUR": "Pelatihan Klasikal",
         "BENTUK": "Bimtek", "JENIS_KOMPETENSI": "Teknis", "TOPIK": None,
         "PENYELENGGARA": "ANRI", "TANGGAL_MULAI": "2025-02-10", "TANGGAL_SELESAI": "2025-02-12",
         "JP": "24", "BIAYA": "1000000", "SUMBER_DANA": "APBD", "STATUS": "Berjalan",
         "NILAI_PRETEST": None, "NILAI_POSTTEST": None, "NILAI_KEPUASAN": None},
    ],
    "anggaran": [
        {"TAHUN": "2024", "BULAN": "1", "WILAYAH": "Serang", "UNIT_KERJA": "BKPSDM",
         "KODE_SUB_KEGIATAN": "5.03.02.2.03", "NAMA_SUB_KEGIATAN": "Pengembangan Kompetensi ASN",
         "PAGU": "500000000", "REALISASI": "25000000"},
        {"TAHUN": "2024", "BULAN": "2", "WILAYAH": "Serang", "UNIT_KERJA": "BKPSDM",
         "KODE_SUB_KEGIATAN": "5.03.02.2.03", "NAMA_SUB_KEGIATAN": "Pengembangan Kompetensi ASN",
         "PAGU": "500000000", "REALISASI": "40000000"},
        {"TAHUN": "2025", "BULAN": "1", "WILAYAH": "Semarang", "UNIT_KERJA": "BKPP",
         "KODE_SUB_KEGIATAN": "5.03.02.2.03", "NAMA_SUB_KEGIATAN": "Pengembangan Kompetensi ASN",
         "PAGU": "750000000", "REALISASI": "0"},
    ],
    "kompetensi": [
        {"NIP_BARU": NIP_1, "TANGGAL_ASESMEN": "2024-06-10", "KOMPETENSI": "Integritas",
         "JENIS_KOMPETENSI": "Manajerial", "LEVEL_STANDAR": "3", "LEVEL_AKTUAL": "3.5",
         "METODE": "Assessment Center"},
        {"NIP_BARU": NIP_1, "TANGGAL_ASESMEN": "2024-06-10", "KOMPETENSI": "Perekat Bangsa",
         "JENIS_KOMPETENSI": "Sosial Kultural", "LEVEL_STANDAR": "3", "LEVEL_AKTUAL": "3",
         "METODE": None},
        {"NIP_BARU": NIP_3, "TANGGAL_ASESMEN": "2025-01-15", "KOMPETENSI": "Integritas",
         "JENIS_KOMPETENSI": "Manajerial", "LEVEL_STANDAR": "2", "LEVEL_AKTUAL": "2.5",
         "METODE": "Uji Kompetensi"},
    ],
    "kinerja": [
        {"NIP_BARU": NIP_1, "TAHUN": "2024", "PREDIKAT_KINERJA": "Baik", "POTENSIAL": "Tinggi"},
        {"NIP_BARU": NIP_2, "TAHUN": "2024", "PREDIKAT_KINERJA": "Sangat Baik", "POTENSIAL": None},
        {"NIP_BARU": NIP_3, "TAHUN": "2024", "PREDIKAT_KINERJA": "Butuh Perbaikan", "POTENSIAL": "Menengah"},
    ],
    "karier": [
        {"NIP_BARU": NIP_1, "TANGGAL": "2023-01-02", "JENIS": "Promosi",
         "JABATAN_ASAL": "Analis SDM", "JABATAN_TUJUAN": "Kepala Subbagian Umum"},
        {"NIP_BARU": NIP_2, "TANGGAL": "2024-07-01", "JENIS": "Rotasi",
         "JABATAN_ASAL": None, "JABATAN_TUJUAN": None},
    ],
    "kebutuhan": [
        {"TAHUN": "2024", "WILAYAH": "Serang", "UNIT_KERJA": "BKPSDM", "TOPIK": "Keuangan",
         "JUMLAH_PEMINAT": "12", "PRIORITAS": "Tinggi"},
        {"TAHUN": "2024", "WILAYAH": "Serang", "UNIT_KERJA": "Dinas Kesehatan", "TOPIK": "Manajemen Proyek",
         "JUMLAH_PEMINAT": "5", "PRIORITAS": None},
        {"TAHUN": "2025", "WILAYAH": "Semarang", "UNIT_KERJA": "Dinas Pendidikan", "TOPIK": "Komunikasi",
         "JUMLAH_PEMINAT": "7", "PRIORITAS": "Sedang"},
    ],
}  # fmt: skip

PERSON_DATASETS = ("pengembangan", "kompetensi", "kinerja", "karier")
# The base tables an import writes (the rest are dimensions, rollups and the import log).
DATA_TABLES = ("pegawai", "pengembangan", "anggaran", "kompetensi", "kinerja", "karier", "kebutuhan")


def rows(dataset: str) -> list[dict[str, object]]:
    """A fresh copy of the dataset's good rows (tests change it freely)."""
    return copy.deepcopy(GOOD[dataset])


def write(
    path: Path,
    data: list[dict[str, object]],
    *,
    header: list[str] | None = None,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> Path:
    """Write rows as CSV (any delimiter and encoding; "utf-8-sig" adds a BOM) or XLSX, by suffix.

    `header` renames the columns in order (default: the keys of the first row).
    """
    keys = list(data[0]) if data else list(header or [])
    header = header or keys
    body = [[row.get(k) for k in keys] for row in data]
    if path.suffix.lower() == ".xlsx":
        return write_xlsx(path, [header, *body])
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(["" if v is None else v for v in line] for line in body)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, lines: Iterable[list[object]]) -> Path:
    """The first sheet gets `lines`; dates become real date cells, numbers number cells."""
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Data")
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    for r, line in enumerate(lines):
        for c, value in enumerate(line):
            if value is None:
                continue
            if isinstance(value, dt.date):
                sheet.write_datetime(r, c, value, date_format)
            elif isinstance(value, int | float):
                sheet.write_number(r, c, value)
            else:
                sheet.write_string(r, c, str(value))
    workbook.add_worksheet("Ignored").write_string(0, 0, "only the first sheet is read")
    workbook.close()
    return path


def good_file(tmp_path: Path, dataset: str, suffix: str = ".csv", name: str | None = None) -> Path:
    return write(tmp_path / f"{name or dataset}{suffix}", rows(dataset))


def dump(con: duckdb.DuckDBPyConnection, exclude: Iterable[str] = ()) -> dict[str, list[tuple]]:
    """Every table's full contents (sorted), to compare a database before and after."""
    names = [n for (n,) in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
    return {
        n: sorted(con.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr)
        for n in names
        if n not in set(exclude)
    }


def table(con: duckdb.DuckDBPyConnection, name: str, order: str = "ALL") -> list[dict[str, object]]:
    return con.sql(f"SELECT * FROM {name} ORDER BY {order}").pl().to_dicts()


def messages(result: ImportResult, lang: str = "id") -> str:
    """Every rendered problem and note, one a line."""
    return "\n".join([*result.problems.render(lang), *(n.render(lang) for n in result.notes)])


def load(con: duckdb.DuckDBPyConnection, *paths: Path, dataset: str | None = None) -> ImportResult:
    """Import and insist that it worked (showing the problems when it did not)."""
    result = import_files(con, list(paths), dataset=dataset)
    assert result.ok, messages(result)
    return result


def refuse(con: duckdb.DuckDBPyConnection, *paths: Path, dataset: str | None = None) -> str:
    """Import, insist it was refused and changed nothing; returns the rendered problems."""
    before = dump(con)
    result = import_files(con, list(paths), dataset=dataset)
    assert not result.ok, "the import should have been refused"
    assert dump(con) == before, "a refused import changed the database"
    return "\n".join(result.problems.render())


@pytest.fixture
def con():
    connection = connect(":memory:")
    yield connection
    connection.close()


@pytest.fixture(autouse=True)
def _default_region_mapping(monkeypatch):
    """Tests use the repository's data/wilayah.csv unless they point DASBOR_WILAYAH elsewhere."""
    monkeypatch.delenv("DASBOR_WILAYAH", raising=False)


@pytest.fixture
def staff(con, tmp_path):
    """A database holding the good staff snapshot (so person-level files can refer to it)."""
    load(con, good_file(tmp_path, "pegawai", name="staff"))
    return con
