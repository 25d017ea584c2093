"""Tiny hand-made worlds for the metric tests, loaded through the real importer.

A `World` collects rows of staff, development records, budget lines and assessments, writes them as
export CSV files with the contract's headers (shared/data-contract.md), and imports them with
`src.warehouse.importer.import_files` into an in-memory warehouse. Tests then ask the metrics layer
and compare with numbers worked out by hand next to the assertion.

Staff are named by short codes ("A", "G1", …); `World.nip(code)` gives the 18-digit NIP.
"""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import polars as pl

from src.metrics.compute import kpis
from src.metrics.filters import Filters
from src.warehouse.db import connect
from src.warehouse.importer import import_files

Y = 2025  # the year every world is about

# Every metric id of shared/metrics.md, and those that are rates (a ratio with a denominator).
SPEC_IDS = (
    "asn_count", "participation_rate", "jp_total", "jp_per_asn", "jp20_rate", "jp20_on_track_rate",
    "completion_rate", "nonclassical_share", "cost_total", "cost_per_jp", "budget_pagu",
    "budget_realisasi", "absorption_rate", "assessed_rate", "competency_gap_mean",
    "meets_standard_rate", "jpm_mean", "jpm_optimal", "jpm_cukup", "jpm_kurang", "satisfaction_mean",
    "learning_gain_mean",
)  # fmt: skip
SPEC_RATES = (
    "participation_rate", "jp_per_asn", "jp20_rate", "jp20_on_track_rate", "completion_rate",
    "nonclassical_share", "cost_per_jp", "absorption_rate", "assessed_rate", "competency_gap_mean",
    "meets_standard_rate", "jpm_mean", "satisfaction_mean", "learning_gain_mean",
)  # fmt: skip

PEGAWAI_HEADER = [
    "NIP_BARU", "NAMA", "JENIS_KELAMIN", "TANGGAL_LAHIR", "JENIS_PEGAWAI", "GOLONGAN", "JENIS_JABATAN",
    "ESELON", "JABATAN", "TINGKAT_PENDIDIKAN", "UNIT_KERJA", "WILAYAH", "TMT_CPNS",
]  # fmt: skip
PENGEMBANGAN_HEADER = [
    "NIP_BARU", "NAMA_KEGIATAN", "JALUR", "BENTUK", "JENIS_KOMPETENSI", "TOPIK", "PENYELENGGARA",
    "TANGGAL_MULAI", "TANGGAL_SELESAI", "JP", "BIAYA", "SUMBER_DANA", "STATUS", "NILAI_PRETEST",
    "NILAI_POSTTEST", "NILAI_KEPUASAN",
]  # fmt: skip
ANGGARAN_HEADER = [
    "TAHUN", "BULAN", "WILAYAH", "UNIT_KERJA", "KODE_SUB_KEGIATAN", "NAMA_SUB_KEGIATAN", "PAGU",
    "REALISASI",
]  # fmt: skip
KOMPETENSI_HEADER = [
    "NIP_BARU", "TANGGAL_ASESMEN", "KOMPETENSI", "JENIS_KOMPETENSI", "LEVEL_STANDAR", "LEVEL_AKTUAL",
    "METODE",
]  # fmt: skip

MANAGERIAL = {
    "Integritas", "Kerja Sama", "Komunikasi", "Orientasi pada Hasil", "Pelayanan Publik",
    "Pengembangan Diri dan Orang Lain", "Mengelola Perubahan", "Pengambilan Keputusan",
}  # fmt: skip
DEFAULT_BENTUK = {
    "Pelatihan Klasikal": "Pelatihan Teknis",
    "Pelatihan Non-Klasikal": "E-Learning",
    "Pendidikan": "Tugas Belajar",
}


def cell(value: object) -> str:
    """A CSV cell: None is an empty (unknown) cell; whole numbers are written without decimals."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class World:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.nips: dict[str, str] = {}
        self.rows: dict[str, list[list[str]]] = {
            "pegawai": [],
            "pengembangan": [],
            "anggaran": [],
            "kompetensi": [],
        }

    def nip(self, code: str) -> str:
        return self.nips[code]

    def staff(
        self,
        code: str,
        *,
        region: str = "Serang",
        unit: str = "BKPSDM",
        gender: str = "L",
        born: str = "1985-05-05",
        jenis: str = "PNS",
        golongan: str = "III/a",
        jabatan: str = "Pelaksana",
        education: str = "S-1",
    ) -> World:
        # 8 + 6 + 4 digits: 18-digit NIPs without leading zeros, one per code.
        self.nips[code] = f"19800101200501{len(self.nips) + 1:04d}"
        self.rows["pegawai"].append([cell(v) for v in (
            self.nips[code], f"Pegawai {code}", gender, born, jenis, golongan, jabatan, None,
            "Analis", education, unit, region, None,
        )])  # fmt: skip
        return self

    def course(
        self,
        code: str,
        end: str,
        jp: float,
        *,
        status: str = "Selesai",
        jalur: str = "Pelatihan Klasikal",
        bentuk: str | None = None,
        start: str | None = None,
        biaya: float | None = None,
        kepuasan: float | None = None,
        pre: float | None = None,
        post: float | None = None,
        topik: str = "Keuangan",
        provider: str = "BPSDM Provinsi",
    ) -> World:
        self.rows["pengembangan"].append([cell(v) for v in (
            self.nip(code), f"Kegiatan {len(self.rows['pengembangan']) + 1}", jalur,
            bentuk or DEFAULT_BENTUK[jalur], "Teknis", topik, provider, start or end, end, jp, biaya,
            None, status, pre, post, kepuasan,
        )])  # fmt: skip
        return self

    def budget(
        self,
        month: int,
        pagu: float,
        realisasi: float,
        *,
        region: str = "Serang",
        unit: str = "BKPSDM",
        kode: str = "5.03.02.2.03",
        year: int = Y,
    ) -> World:
        self.rows["anggaran"].append([cell(v) for v in (
            year, month, region, unit, kode, "Pengembangan Kompetensi ASN", pagu, realisasi,
        )])  # fmt: skip
        return self

    def assess(
        self, code: str, date: str, kompetensi: str, standar: int, aktual: float, *, jenis: str | None = None
    ) -> World:
        if jenis is None:
            jenis = (
                "Manajerial"
                if kompetensi in MANAGERIAL
                else "Sosial Kultural"
                if kompetensi == "Perekat Bangsa"
                else "Teknis"
            )
        self.rows["kompetensi"].append([cell(v) for v in (
            self.nip(code), date, kompetensi, jenis, standar, aktual, "Assessment Center",
        )])  # fmt: skip
        return self

    def write(self) -> list[Path]:
        headers = {
            "pegawai": PEGAWAI_HEADER,
            "pengembangan": PENGEMBANGAN_HEADER,
            "anggaran": ANGGARAN_HEADER,
            "kompetensi": KOMPETENSI_HEADER,
        }
        paths = []
        for name, rows in self.rows.items():
            if not rows:
                continue
            path = self.directory / f"{name}.csv"
            with path.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(headers[name])
                writer.writerows(rows)
            paths.append(path)
        return paths

    def load(self) -> duckdb.DuckDBPyConnection:
        """Import every file in one call into a fresh in-memory warehouse (must be accepted)."""
        con = connect(":memory:")
        result = import_files(con, self.write())
        assert result.ok, "\n".join(result.problems.render("en"))
        return con


# ---- asking the metrics layer --------------------------------------------------------------------


def values(con: duckdb.DuckDBPyConnection, filters: Filters, *metrics: str) -> tuple[float | None, ...]:
    """The values of some metrics without a dimension (exactly one row is expected)."""
    frame = kpis(con, filters, metric_ids=list(metrics))
    assert frame.height == 1, f"expected one row without a dimension, got {frame.height}: {frame}"
    row = frame.row(0, named=True)
    return tuple(row[m] for m in metrics)


def one(con: duckdb.DuckDBPyConnection, filters: Filters, metric: str) -> float | None:
    """The value of one metric without a dimension."""
    return values(con, filters, metric)[0]


def every(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict[str, float | None]:
    """Every metric of metrics.md without a dimension, by id."""
    frame = kpis(con, filters, metric_ids=list(SPEC_IDS))
    assert frame.height == 1, f"expected one row without a dimension, got {frame.height}: {frame}"
    return frame.select(SPEC_IDS).row(0, named=True)


def per_group(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str, metric: str
) -> dict[object, float | None]:
    """{group: value}; for by="unit" the key is (unit, region)."""
    frame = kpis(con, filters, by=by, metric_ids=[metric])
    if by == "unit":
        keys = list(zip(frame["group"], frame["group_region"], strict=True))
    else:
        keys = frame["group"].to_list()
    assert len(set(keys)) == len(keys), f"repeated groups: {frame}"
    return dict(zip(keys, frame[metric].to_list(), strict=True))


def rows_of(frame: pl.DataFrame, *columns: str) -> list[tuple]:
    return [tuple(r) for r in frame.select(columns).iter_rows()]
