"""A tiny export-file builder for the metrics-view tests.

`Exports` collects rows with the contract's headers (shared/data-contract.md), writes them as CSV
files into a folder and imports them through the real importer (`import_files`) into an in-memory
warehouse. Staff are named by short codes; `Exports.nip(code)` gives the 18-digit NIP.
"""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb

from src.warehouse.db import connect
from src.warehouse.importer import import_files

HEADERS = {
    "pegawai": [
        "NIP_BARU", "NAMA", "JENIS_KELAMIN", "TANGGAL_LAHIR", "JENIS_PEGAWAI", "GOLONGAN",
        "JENIS_JABATAN", "ESELON", "JABATAN", "TINGKAT_PENDIDIKAN", "UNIT_KERJA", "WILAYAH", "TMT_CPNS",
    ],
    "pengembangan": [
        "NIP_BARU", "NAMA_KEGIATAN", "JALUR", "BENTUK", "JENIS_KOMPETENSI", "TOPIK", "PENYELENGGARA",
        "TANGGAL_MULAI", "TANGGAL_SELESAI", "JP", "BIAYA", "SUMBER_DANA", "STATUS", "NILAI_PRETEST",
        "NILAI_POSTTEST", "NILAI_KEPUASAN",
    ],
    "anggaran": [
        "TAHUN", "BULAN", "WILAYAH", "UNIT_KERJA", "KODE_SUB_KEGIATAN", "NAMA_SUB_KEGIATAN", "PAGU",
        "REALISASI",
    ],
    "kompetensi": [
        "NIP_BARU", "TANGGAL_ASESMEN", "KOMPETENSI", "JENIS_KOMPETENSI", "LEVEL_STANDAR", "LEVEL_AKTUAL",
        "METODE",
    ],
    "kinerja": ["NIP_BARU", "TAHUN", "PREDIKAT_KINERJA", "POTENSIAL"],
    "karier": ["NIP_BARU", "TANGGAL", "JENIS", "JABATAN_ASAL", "JABATAN_TUJUAN"],
    "kebutuhan": ["TAHUN", "WILAYAH", "UNIT_KERJA", "TOPIK", "JUMLAH_PEMINAT", "PRIORITAS"],
}  # fmt: skip
MANAGERIAL = {
    "Integritas", "Kerja Sama", "Komunikasi", "Orientasi pada Hasil", "Pelayanan Publik",
    "Pengembangan Diri dan Orang Lain", "Mengelola Perubahan", "Pengambilan Keputusan",
}  # fmt: skip
BENTUK = {"Pelatihan Klasikal": "Pelatihan Teknis", "Pelatihan Non-Klasikal": "E-Learning"}
SUB_NAMES = {
    "5.03.02.2.03": "Pengembangan Kompetensi ASN",
    "5.04.02.2.01": "Pengembangan Kompetensi Teknis",
}
K, NK = "Pelatihan Klasikal", "Pelatihan Non-Klasikal"


def cell(value: object) -> str:
    """None is an empty (unknown) cell; whole floats are written without decimals."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class Exports:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.nips: dict[str, str] = {}
        self.rows: dict[str, list[list[str]]] = {name: [] for name in HEADERS}
        self.batches = 0

    def nip(self, code: str) -> str:
        return self.nips[code]

    def staff(
        self,
        code: str,
        *,
        region: str = "Serang",
        unit: str = "BKPSDM",
        gender: str = "L",
        jabatan: str = "Pelaksana",
        eselon: str | None = None,
    ) -> Exports:
        self.nips[code] = f"19800101200501{len(self.nips) + 1:04d}"
        self.rows["pegawai"].append([cell(v) for v in (
            self.nips[code], f"Pegawai {code}", gender, "1985-05-05", "PNS", "III/a", jabatan, eselon,
            "Analis", "S-1", unit, region, None,
        )])  # fmt: skip
        return self

    def course(
        self,
        code: str,
        end: str,
        jp: float,
        *,
        status: str = "Selesai",
        jalur: str = K,
        jenis: str = "Teknis",
        topik: str | None = "Keuangan",
        biaya: float | None = None,
        dana: str | None = None,
        start: str | None = None,
    ) -> Exports:
        self.rows["pengembangan"].append([cell(v) for v in (
            self.nip(code), f"Kegiatan {len(self.rows['pengembangan']) + 1}", jalur, BENTUK[jalur], jenis,
            topik, "BPSDM Provinsi", start or end, end, jp, biaya, dana, status, None, None, None,
        )])  # fmt: skip
        return self

    def budget(
        self,
        year: int,
        month: int,
        pagu: float,
        realisasi: float,
        *,
        region: str = "Serang",
        unit: str = "BKPSDM",
        kode: str = "5.03.02.2.03",
    ) -> Exports:
        self.rows["anggaran"].append([cell(v) for v in (
            year, month, region, unit, kode, SUB_NAMES.get(kode, "Sub-kegiatan"), pagu, realisasi,
        )])  # fmt: skip
        return self

    def assess(self, code: str, date: str, kompetensi: str, standar: int, aktual: float) -> Exports:
        jenis = (
            "Manajerial" if kompetensi in MANAGERIAL
            else "Sosial Kultural" if kompetensi == "Perekat Bangsa"
            else "Teknis"
        )  # fmt: skip
        self.rows["kompetensi"].append([cell(v) for v in (
            self.nip(code), date, kompetensi, jenis, standar, aktual, "Assessment Center",
        )])  # fmt: skip
        return self

    def rating(self, code: str, year: int, predikat: str, potensial: str | None = None) -> Exports:
        """An SKP rating (kinerja) of TAHUN `year`, with the talent-mapping potensial when given."""
        self.rows["kinerja"].append([cell(v) for v in (self.nip(code), year, predikat, potensial)])
        return self

    def event(self, code: str, date: str, jenis: str) -> Exports:
        """A career event (karier) of JENIS `jenis` on `date`."""
        self.rows["karier"].append([cell(v) for v in (self.nip(code), date, jenis, "Analis", "Analis")])
        return self

    def need(
        self, year: int, region: str, unit: str, topik: str, peminat: int, prioritas: str | None = None
    ) -> Exports:
        """A needs-survey row (kebutuhan): `peminat` staff of an OPD asking for `topik`."""
        self.rows["kebutuhan"].append([cell(v) for v in (year, region, unit, topik, peminat, prioritas)])
        return self

    def write(self) -> list[Path]:
        """Write the collected rows as one CSV per dataset (a fresh sub-folder per call) and forget them."""
        self.batches += 1
        batch = self.folder / f"batch{self.batches}"
        batch.mkdir()
        paths = []
        for name, rows in self.rows.items():
            if not rows:
                continue
            path = batch / f"{name}.csv"
            with path.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(HEADERS[name])
                writer.writerows(rows)
            paths.append(path)
        self.rows = {name: [] for name in HEADERS}
        return paths

    def import_into(self, con: duckdb.DuckDBPyConnection) -> None:
        """Import what was collected since the last import, in one call (must be accepted)."""
        result = import_files(con, self.write())
        assert result.ok, "\n".join(result.problems.render("en"))

    def load(self) -> duckdb.DuckDBPyConnection:
        """A fresh in-memory warehouse with everything collected, imported in one call."""
        con = connect(":memory:")
        self.import_into(con)
        return con
