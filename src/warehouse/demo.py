"""Realistic sample data: export files in the contract's formats, loaded through the real importer.

The generator writes what regional HR agencies would hand over (shared/data-contract.md): SIASN staff
lists, training registers, SIPD budget workbooks, assessment-centre results, SKP ratings, career
events and the needs survey, in a mix of CSV and XLSX, `,` and `;`, ISO and DD-MM-YYYY dates, plain
and Indonesian (`Rp1.250.000`) numbers. `build_demo` then imports them with `import_files`, so the
sample path is the import path.

The data "today" is 31 October 2026; history runs from January 2023. Three named regions (Semarang,
Serang, Siulak) differ the way real ones do: the large city is ahead on e-learning, participation and
budget, the small kabupaten seat offers fewer methods on less money. A larger `scale` adds regions
named after real kabupaten/kota (demo_data/wilayah_indonesia.txt).

Everything is drawn from numpy Generators seeded by `seed` (one per region, so a region's data does
not depend on the batch it is written in) and built column-wise; the only loops run over regions,
years, methods and categories, never over rows. Large scales are written region by region and
imported in batches of regions, so memory stays bounded.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO

import duckdb
import numpy as np
import polars as pl
import xlsxwriter

from src.warehouse import contract
from src.warehouse.importer import ImportResult, import_files
from src.warehouse.problems import ProblemList
from src.warehouse.versions import build_version

Progress = Callable[[str], None]

# ---- time frame ----------------------------------------------------------------------------------

TODAY = dt.date(2026, 10, 31)  # the data's "today": the exports were taken at the end of October 2026
TODAY_NP = np.datetime64(TODAY, "D")
YEARS = (2023, 2024, 2025, 2026)
HISTORY_START = np.datetime64("2023-01-01", "D")
# Development activity by month: little in January-February (budgets not yet released), peaks in
# August-November, a smaller December (the books close).
MONTH_WEIGHTS = np.array([0.25, 0.4, 0.75, 0.85, 0.8, 0.9, 0.95, 1.45, 1.65, 1.65, 1.5, 0.65])
# Self-paced e-learning is spread more evenly over the year.
ELEARNING_MONTH_WEIGHTS = 0.5 * MONTH_WEIGHTS / MONTH_WEIGHTS.sum() + 0.5 / 12
# Volume of development per year relative to 2025, and the budget's yearly factor (2025 carries the
# central government's spending-efficiency cuts).
YEAR_VOLUME = {2023: 0.88, 2024: 0.96, 2025: 1.0, 2026: 1.05}
BUDGET_YEAR = {2023: 0.93, 2024: 1.0, 2025: 0.9, 2026: 1.03}
# Share of a year's realisation spent in each month: back-loaded towards the fourth quarter.
SPENDING_PROFILE = np.array([0.01, 0.03, 0.05, 0.06, 0.07, 0.08, 0.08, 0.1, 0.12, 0.13, 0.13, 0.14])
SKP_YEARS = (2023, 2024, 2025)  # the 2026 SKP rating is only given in early 2027

# How unevenly development is spread over staff (gamma shape of a person's engagement): lower means
# more people who never train and a few who train a lot.
ENGAGEMENT_SHAPE = 3.0
DEFAULT_SIZES = {"Semarang": 14_000, "Serang": 5_500, "Siulak": 1_200}
DEFAULT_TOTAL = sum(DEFAULT_SIZES.values())
REGION_SIZE_RANGE = (1_000, 40_000)
# Typical staff of a generated region relative to 6,000: provinces employ the most (teachers of
# upper-secondary schools), Java's regions are large, eastern Indonesia's small.
KIND_SIZE = {"kabupaten": 1.0, "kota": 0.75, "provinsi": 2.5}
PROVINCE_SIZE = {"Jawa Barat": 2.0, "Jawa Tengah": 1.7, "Jawa Timur": 1.8, "Banten": 1.5, "DKI Jakarta": 3.0,
                 "DI Yogyakarta": 1.3, "Nusa Tenggara Timur": 0.6, "Maluku": 0.6, "Maluku Utara": 0.5,
                 "Papua": 0.45, "Papua Barat": 0.45, "Papua Barat Daya": 0.45, "Papua Tengah": 0.4,
                 "Papua Pegunungan": 0.35, "Papua Selatan": 0.45}  # fmt: skip
BATCH_STAFF = 250_000  # staff per import batch at large scales (bounds the importer's memory)
DATA_DIR = Path(__file__).with_name("demo_data")

# ---- reference data: organisations ---------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """An OPD. `category` drives its positions, topics and courses; `urusan` starts its budget codes."""

    name: str
    category: str
    weight: float  # relative share of the region's staff
    urusan: str


def _units(rows: Sequence[tuple[str, str, float, str]]) -> tuple[Unit, ...]:
    return tuple(Unit(*row) for row in rows)


def _kecamatan(names: Sequence[str], weight: float) -> list[tuple[str, str, float, str]]:
    return [(f"Kecamatan {k}", "kecamatan", weight, "7.01") for k in names]


SEMARANG_UNITS = _units([
    ("Sekretariat Daerah", "setda", 2.2, "4.01"),
    ("Sekretariat DPRD", "sekretariat", 0.7, "4.02"),
    ("Inspektorat", "inspektorat", 0.8, "6.01"),
    ("Badan Perencanaan Pembangunan Daerah", "perencanaan", 0.7, "5.01"),
    ("Badan Keuangan Daerah", "keuangan", 1.4, "5.02"),
    ("Badan Pendapatan Daerah", "keuangan", 1.3, "5.02"),
    ("Badan Kepegawaian, Pendidikan dan Pelatihan", "kepegawaian", 0.9, "5.03"),
    ("Badan Penanggulangan Bencana Daerah", "teknis", 0.5, "1.05"),
    ("Badan Kesatuan Bangsa dan Politik", "teknis", 0.3, "8.01"),
    ("Dinas Pendidikan", "pendidikan", 33.0, "1.01"),
    ("Dinas Kesehatan", "kesehatan", 12.0, "1.02"),
    ("RSUD K.R.M.T. Wongsonegoro", "rsud", 6.5, "1.02"),
    ("Dinas Pekerjaan Umum", "teknis", 1.6, "1.03"),
    ("Dinas Penataan Ruang", "teknis", 0.6, "1.03"),
    ("Dinas Perumahan dan Kawasan Permukiman", "teknis", 0.6, "1.04"),
    ("Satuan Polisi Pamong Praja", "teknis", 1.3, "1.05"),
    ("Dinas Pemadam Kebakaran", "teknis", 0.9, "1.05"),
    ("Dinas Sosial", "sosial", 0.6, "1.06"),
    ("Dinas Tenaga Kerja", "teknis", 0.4, "2.07"),
    ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "sosial", 0.4, "2.08"),
    ("Dinas Ketahanan Pangan", "pertanian", 0.4, "2.09"),
    ("Dinas Lingkungan Hidup", "teknis", 1.8, "2.11"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "pelayanan", 0.8, "2.12"),
    ("Dinas Pengendalian Penduduk dan Keluarga Berencana", "sosial", 0.8, "2.14"),
    ("Dinas Perhubungan", "teknis", 1.2, "2.15"),
    ("Dinas Komunikasi, Informatika, Statistik dan Persandian", "kominfo", 0.6, "2.16"),
    ("Dinas Koperasi dan Usaha Mikro", "teknis", 0.4, "2.17"),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "pelayanan", 0.5, "2.18"),
    ("Dinas Kepemudaan dan Olahraga", "teknis", 0.4, "2.19"),
    ("Dinas Kebudayaan dan Pariwisata", "teknis", 0.5, "2.22"),
    ("Dinas Arsip dan Perpustakaan", "teknis", 0.4, "2.23"),
    ("Dinas Pertanian", "pertanian", 0.5, "3.27"),
    ("Dinas Perdagangan", "teknis", 0.8, "3.30"),
    ("Dinas Perindustrian", "teknis", 0.3, "3.31"),
    *_kecamatan(["Semarang Tengah", "Semarang Utara", "Semarang Timur", "Semarang Selatan",
                 "Semarang Barat", "Gayamsari", "Candisari", "Gajahmungkur", "Genuk", "Pedurungan",
                 "Tembalang", "Banyumanik", "Gunungpati", "Mijen", "Ngaliyan", "Tugu"], 0.75),
])  # fmt: skip

SERANG_UNITS = _units([
    ("Sekretariat Daerah", "setda", 2.6, "4.01"),
    ("Sekretariat DPRD", "sekretariat", 0.9, "4.02"),
    ("Inspektorat", "inspektorat", 0.9, "6.01"),
    ("Badan Perencanaan Pembangunan Daerah", "perencanaan", 0.8, "5.01"),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "keuangan", 1.4, "5.02"),
    ("Badan Pendapatan Daerah", "keuangan", 1.0, "5.02"),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "kepegawaian", 0.9, "5.03"),
    ("Badan Penanggulangan Bencana Daerah", "teknis", 0.5, "1.05"),
    ("Badan Kesatuan Bangsa dan Politik", "teknis", 0.4, "8.01"),
    ("Dinas Pendidikan dan Kebudayaan", "pendidikan", 36.0, "1.01"),
    ("Dinas Kesehatan", "kesehatan", 12.0, "1.02"),
    ("RSUD Kota Serang", "rsud", 4.5, "1.02"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "teknis", 1.8, "1.03"),
    ("Dinas Perumahan dan Kawasan Permukiman", "teknis", 0.7, "1.04"),
    ("Satuan Polisi Pamong Praja", "teknis", 1.5, "1.05"),
    ("Dinas Sosial", "sosial", 0.7, "1.06"),
    ("Dinas Tenaga Kerja", "teknis", 0.5, "2.07"),
    ("Dinas Pemberdayaan Perempuan, Perlindungan Anak dan Keluarga Berencana", "sosial", 0.9, "2.08"),
    ("Dinas Ketahanan Pangan, Pertanian dan Perikanan", "pertanian", 1.2, "2.09"),
    ("Dinas Lingkungan Hidup", "teknis", 1.6, "2.11"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "pelayanan", 0.7, "2.12"),
    ("Dinas Perhubungan", "teknis", 0.9, "2.15"),
    ("Dinas Komunikasi dan Informatika", "kominfo", 0.6, "2.16"),
    ("Dinas Koperasi, UKM, Perindustrian dan Perdagangan", "teknis", 0.8, "2.17"),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "pelayanan", 0.5, "2.18"),
    ("Dinas Pemuda dan Olahraga", "teknis", 0.4, "2.19"),
    ("Dinas Pariwisata", "teknis", 0.4, "3.26"),
    ("Dinas Perpustakaan dan Kearsipan", "teknis", 0.4, "2.23"),
    *_kecamatan(["Serang", "Cipocok Jaya", "Curug", "Kasemen", "Taktakan", "Walantaka"], 1.2),
])  # fmt: skip

# Siulak is the seat of Kabupaten Kerinci: a compact set of offices, fewer and smaller.
SIULAK_UNITS = _units([
    ("Sekretariat Daerah", "setda", 3.0, "4.01"),
    ("Inspektorat", "inspektorat", 1.2, "6.01"),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "kepegawaian", 1.2, "5.03"),
    ("Badan Perencanaan Pembangunan Daerah", "perencanaan", 1.0, "5.01"),
    ("Badan Keuangan dan Aset Daerah", "keuangan", 1.5, "5.02"),
    ("Dinas Pendidikan dan Kebudayaan", "pendidikan", 40.0, "1.01"),
    ("Dinas Kesehatan", "kesehatan", 16.0, "1.02"),
    ("Dinas Pertanian dan Ketahanan Pangan", "pertanian", 5.0, "3.27"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "teknis", 2.0, "1.03"),
    ("Dinas Sosial", "sosial", 1.0, "1.06"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "pelayanan", 1.0, "2.12"),
    ("Satuan Polisi Pamong Praja", "teknis", 2.0, "1.05"),
    ("Dinas Komunikasi dan Informatika", "kominfo", 0.8, "2.16"),
    *_kecamatan(["Siulak", "Siulak Mukai", "Gunung Kerinci", "Kayu Aro"], 1.5),
])  # fmt: skip

# Generated regions: (name, category, urusan, weight in a kota, in a kabupaten, in a province);
# a weight of 0 leaves the OPD out. `{r}` is the region's name.
UNIT_TEMPLATE = (
    ("Sekretariat Daerah", "setda", "4.01", 2.4, 2.6, 2.0),
    ("Sekretariat DPRD", "sekretariat", "4.02", 0.8, 0.9, 0.8),
    ("Inspektorat", "inspektorat", "6.01", 0.9, 0.9, 0.8),
    ("Badan Perencanaan Pembangunan Daerah", "perencanaan", "5.01", 0.8, 0.8, 0.8),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "keuangan", "5.02", 1.3, 1.3, 1.2),
    ("Badan Pendapatan Daerah", "keuangan", "5.02", 1.0, 0.9, 2.0),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "kepegawaian", "5.03", 0.8, 0.8, 0.0),
    ("Badan Kepegawaian Daerah", "kepegawaian", "5.03", 0.0, 0.0, 0.8),
    ("Badan Pengembangan Sumber Daya Manusia", "kepegawaian", "5.04", 0.0, 0.0, 0.6),
    ("Badan Penanggulangan Bencana Daerah", "teknis", "1.05", 0.5, 0.6, 0.5),
    ("Badan Kesatuan Bangsa dan Politik", "teknis", "8.01", 0.4, 0.4, 0.4),
    ("Dinas Pendidikan", "pendidikan", "1.01", 33.0, 38.0, 45.0),
    ("Dinas Kesehatan", "kesehatan", "1.02", 12.0, 13.0, 2.0),
    ("RSUD {r}", "rsud", "1.02", 6.0, 5.0, 9.0),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "teknis", "1.03", 1.6, 1.8, 2.0),
    ("Dinas Perumahan dan Kawasan Permukiman", "teknis", "1.04", 0.6, 0.6, 0.5),
    ("Satuan Polisi Pamong Praja", "teknis", "1.05", 1.4, 1.2, 1.0),
    ("Dinas Sosial", "sosial", "1.06", 0.7, 0.7, 1.0),
    ("Dinas Tenaga Kerja", "teknis", "2.07", 0.5, 0.4, 0.8),
    ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "sosial", "2.08", 0.5, 0.5, 0.4),
    ("Dinas Ketahanan Pangan", "pertanian", "2.09", 0.4, 0.5, 0.5),
    ("Dinas Lingkungan Hidup", "teknis", "2.11", 1.6, 1.0, 1.2),
    ("Dinas Kependudukan dan Pencatatan Sipil", "pelayanan", "2.12", 0.7, 0.7, 0.0),
    ("Dinas Pemberdayaan Masyarakat dan Desa", "sosial", "2.13", 0.0, 0.6, 0.5),
    ("Dinas Pengendalian Penduduk dan Keluarga Berencana", "sosial", "2.14", 0.8, 1.0, 0.0),
    ("Dinas Perhubungan", "teknis", "2.15", 1.0, 0.8, 1.2),
    ("Dinas Komunikasi dan Informatika", "kominfo", "2.16", 0.6, 0.5, 0.6),
    ("Dinas Koperasi dan Usaha Kecil Menengah", "teknis", "2.17", 0.5, 0.5, 0.5),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "pelayanan", "2.18", 0.5, 0.5, 0.5),
    ("Dinas Pemuda, Olahraga dan Pariwisata", "teknis", "2.19", 0.6, 0.6, 0.6),
    ("Dinas Perpustakaan dan Kearsipan", "teknis", "2.23", 0.5, 0.5, 0.6),
    ("Dinas Pertanian", "pertanian", "3.27", 0.6, 3.0, 1.5),
    ("Dinas Perikanan", "pertanian", "3.25", 0.3, 0.8, 0.8),
    ("Dinas Perdagangan dan Perindustrian", "teknis", "3.30", 0.7, 0.6, 0.6),
    ("Dinas Energi dan Sumber Daya Mineral", "teknis", "3.29", 0.0, 0.0, 0.6),
    ("Dinas Kehutanan", "pertanian", "2.11", 0.0, 0.0, 1.5),
)
# Kecamatan of generated regions: compass names first, then names found all over Indonesia.
KECAMATAN_NAMES = (
    "{r} Utara", "{r} Selatan", "{r} Barat", "{r} Timur", "{r} Tengah", "{r} Kota", "Sukamaju",
    "Sukajadi", "Sumber Jaya", "Tanjung Harapan", "Karang Anyar", "Mekar Sari", "Bukit Raya",
    "Sungai Raya", "Suka Makmur", "Bumi Agung", "Talang Padang", "Sido Mulyo", "Tanah Merah",
    "Muara Baru", "Pasir Putih", "Gunung Sari", "Batu Ampar", "Air Hitam", "Kota Baru",
    "Sukaraja", "Mulyorejo", "Kampung Baru", "Padang Panjang", "Rantau Jaya",
)  # fmt: skip
BIDANG = {
    "pendidikan": ("Pembinaan Sekolah Dasar", "Pembinaan Sekolah Menengah Pertama",
                   "Pendidikan Anak Usia Dini dan Nonformal", "Ketenagaan"),
    "kesehatan": ("Kesehatan Masyarakat", "Pencegahan dan Pengendalian Penyakit",
                  "Pelayanan Kesehatan", "Sumber Daya Kesehatan"),
    "kepegawaian": ("Pengadaan dan Informasi Kepegawaian", "Mutasi dan Promosi",
                    "Pengembangan Kompetensi", "Penilaian Kinerja dan Penghargaan"),
    "keuangan": ("Anggaran", "Perbendaharaan", "Akuntansi", "Aset"),
    "perencanaan": ("Perencanaan Ekonomi", "Perencanaan Sosial Budaya",
                    "Perencanaan Infrastruktur", "Penelitian dan Pengembangan"),
}  # fmt: skip
DEFAULT_BIDANG = ("Perencanaan dan Program", "Pelayanan", "Pembinaan dan Pengembangan",
                  "Pengendalian dan Evaluasi")  # fmt: skip
# The first structural posts of a unit, taken by its oldest structural staff in this order
# (`{u}` the unit, `{k}` a kecamatan's name); everyone after them holds an eselon IV post.
SETDA_POSTS = (
    ("II.a", "Sekretaris Daerah"), ("II.b", "Asisten Pemerintahan dan Kesejahteraan Rakyat"),
    ("II.b", "Asisten Perekonomian dan Pembangunan"), ("II.b", "Asisten Administrasi Umum"),
    ("III.a", "Kepala Bagian Tata Pemerintahan"), ("III.a", "Kepala Bagian Hukum"),
    ("III.a", "Kepala Bagian Organisasi"), ("III.a", "Kepala Bagian Pengadaan Barang dan Jasa"),
    ("III.a", "Kepala Bagian Umum"), ("III.a", "Kepala Bagian Protokol dan Komunikasi Pimpinan"),
)  # fmt: skip
SPECIAL_POSTS = {
    "setda": SETDA_POSTS,
    "sekretariat": (("II.b", "Sekretaris DPRD"), ("III.a", "Kepala Bagian Umum dan Keuangan"),
                    ("III.a", "Kepala Bagian Persidangan dan Perundang-undangan")),
    "inspektorat": (("II.b", "Inspektur"), ("III.a", "Sekretaris Inspektorat"),
                    ("III.b", "Inspektur Pembantu Wilayah I"), ("III.b", "Inspektur Pembantu Wilayah II"),
                    ("III.b", "Inspektur Pembantu Wilayah III"), ("III.b", "Inspektur Pembantu Wilayah IV")),
    "rsud": (("II.b", "Direktur {u}"), ("III.a", "Wakil Direktur Pelayanan"),
             ("III.a", "Wakil Direktur Umum dan Keuangan")),
    "kecamatan": (("III.a", "Camat {k}"), ("III.b", "Sekretaris Kecamatan {k}")),
}  # fmt: skip
KECAMATAN_TAIL = ("Kepala Seksi Pemerintahan", "Kepala Seksi Ketenteraman dan Ketertiban Umum",
                  "Kepala Seksi Pemberdayaan Masyarakat", "Kepala Seksi Pelayanan Umum", "Lurah")  # fmt: skip
OFFICE_TAIL = ("Kepala Subbagian Umum dan Kepegawaian", "Kepala Subbagian Keuangan",
               "Kepala Subbagian Perencanaan dan Evaluasi", "Kepala UPTD")  # fmt: skip
# Minimum and maximum golongan (index into PNS_GOLONGAN) for each eselon.
ESELON_GOLONGAN = {"II.a": (14, 16), "II.b": (13, 16), "III.a": (12, 14), "III.b": (11, 13),
                   "IV.a": (9, 12), "IV.b": (8, 11)}  # fmt: skip
ESELON_STANDARD = {"II.a": 4, "II.b": 4, "III.a": 3, "III.b": 3, "IV.a": 2, "IV.b": 2}

# Functional positions by unit category: (name, needs a degree ("A": ahli only) or not ("B": ahli or
# keterampilan), weight).
FUNCTIONAL = {
    "pendidikan": (("Guru", "A", 0.93), ("Pengawas Sekolah", "A", 0.03), ("Pamong Belajar", "A", 0.02),
                   ("Pustakawan", "B", 0.02)),
    "kesehatan": (("Perawat", "B", 0.3), ("Bidan", "B", 0.25), ("Dokter", "A", 0.1),
                  ("Apoteker", "A", 0.05), ("Nutrisionis", "B", 0.07), ("Sanitarian", "B", 0.07),
                  ("Penyuluh Kesehatan Masyarakat", "A", 0.08), ("Epidemiolog Kesehatan", "A", 0.04),
                  ("Pranata Laboratorium Kesehatan", "B", 0.04)),
    "rsud": (("Perawat", "B", 0.5), ("Bidan", "B", 0.1), ("Dokter", "A", 0.12),
             ("Dokter Spesialis", "A", 0.08), ("Apoteker", "A", 0.05), ("Radiografer", "B", 0.05),
             ("Pranata Laboratorium Kesehatan", "B", 0.05), ("Perekam Medis", "B", 0.05)),
    "inspektorat": (("Auditor", "A", 0.6),
                    ("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah", "A", 0.4)),
    "kepegawaian": (("Analis Sumber Daya Manusia Aparatur", "A", 0.6), ("Asesor SDM Aparatur", "A", 0.2),
                    ("Widyaiswara", "A", 0.2)),
    "keuangan": (("Analis Keuangan Pusat dan Daerah", "A", 0.5),
                 ("Analis Pengelolaan Keuangan APBD", "A", 0.3),
                 ("Pengelola Pengadaan Barang/Jasa", "A", 0.2)),
    "perencanaan": (("Perencana", "A", 0.7), ("Statistisi", "B", 0.3)),
    "kominfo": (("Pranata Komputer", "B", 0.5), ("Pranata Hubungan Masyarakat", "B", 0.3),
                ("Sandiman", "B", 0.2)),
    "pertanian": (("Penyuluh Pertanian", "B", 0.6), ("Pengendali Organisme Pengganggu Tumbuhan", "B", 0.2),
                  ("Medik Veteriner", "A", 0.1), ("Pengawas Mutu Hasil Pertanian", "B", 0.1)),
    "sosial": (("Pekerja Sosial", "B", 0.6), ("Penyuluh Sosial", "A", 0.2),
               ("Penyuluh Keluarga Berencana", "B", 0.2)),
    "pelayanan": (("Administrator Database Kependudukan", "B", 0.5), ("Analis Kebijakan", "A", 0.3),
                  ("Arsiparis", "B", 0.2)),
    "setda": (("Analis Kebijakan", "A", 0.4), ("Perancang Peraturan Perundang-undangan", "A", 0.2),
              ("Pranata Hubungan Masyarakat", "B", 0.2), ("Arsiparis", "B", 0.2)),
    "_": (("Analis Kebijakan", "A", 0.3), ("Arsiparis", "B", 0.2), ("Pustakawan", "B", 0.1),
          ("Polisi Pamong Praja", "B", 0.2), ("Teknik Jalan dan Jembatan", "A", 0.1),
          ("Pengendali Dampak Lingkungan", "A", 0.1)),
}  # fmt: skip
PELAKSANA_TITLES = (  # by education: up to SMA, diploma, degree
    ("Operator Layanan Operasional", "Pengadministrasi Perkantoran", "Pengelola Umum Operasional"),
    ("Pengelola Layanan Operasional", "Pengolah Data dan Informasi", "Pengadministrasi Perkantoran"),
    ("Penata Layanan Operasional", "Penelaah Teknis Kebijakan", "Pengolah Data dan Informasi"),
)

# ---- reference data: people ----------------------------------------------------------------------

EDUCATION = ("SD", "SMP", "SMA/SLTA", "D-I", "D-II", "D-III", "D-IV", "S-1", "S-2", "S-3")
EDU = {name: i for i, name in enumerate(EDUCATION)}
# First PNS golongan (index into PNS_GOLONGAN) for each education level.
START_GOLONGAN = np.array([0, 2, 4, 5, 5, 6, 8, 8, 9, 10])
PPPK_GOLONGAN_BY_EDUCATION = np.array(["I", "IV", "V", "VI", "VI", "VII", "IX", "IX", "X", "XI"])
PNS_GOLONGAN = np.array(contract.PNS_GOLONGAN)
JENIS_PEGAWAI = ("PNS", "CPNS", "PPPK", "PPPK Paruh Waktu")
JENIS_JABATAN = ("Struktural", "Fungsional", "Pelaksana")

MALE_FIRST = (
    "Agus", "Ahmad", "Andi", "Arif", "Bambang", "Budi", "Dedi", "Dwi", "Eko", "Fajar", "Hadi", "Hendra",
    "Heru", "Imam", "Irfan", "Joko", "Muhammad", "Rahmat", "Rizki", "Slamet", "Sugeng", "Teguh", "Wahyu",
    "Yusuf", "Adi", "Bayu", "Dimas", "Fikri", "Galih", "Hari", "Ilham", "Iwan", "Rudi", "Yoga", "Asep",
    "Dadang", "Ujang", "Deden", "Cecep", "Syahrul", "Zulkifli", "Rizal", "Ferry", "Hasan", "Ismail",
    "Anton", "Dodi", "Firman", "Haris", "Lukman", "Nanang", "Sigit", "Taufik", "Yudi", "Aris", "Bagus",
    "Danang", "Edi", "Fauzi", "Gilang", "Indra", "Jamal", "Lutfi", "Mahmud", "Reza", "Satria", "Umar",
    "Wawan", "Yogi", "Zainal", "Ade", "Rendra", "Arief", "Doni", "Erwin", "Heri", "Kurnia", "Rahmadi",
)  # fmt: skip
FEMALE_FIRST = (
    "Ani", "Ayu", "Dewi", "Dian", "Endah", "Fitri", "Indah", "Intan", "Kartika", "Lina", "Maya", "Mega",
    "Nia", "Nur", "Putri", "Rina", "Rini", "Sari", "Siti", "Sri", "Tri", "Wulan", "Yuni", "Yanti",
    "Ratna", "Ratih", "Nurul", "Novi", "Retno", "Anisa", "Aulia", "Citra", "Desi", "Eka", "Elis", "Erna",
    "Evi", "Fatimah", "Ika", "Irma", "Laila", "Lilis", "Melati", "Nadia", "Neng", "Puspita", "Rosa",
    "Sinta", "Susi", "Tuti", "Umi", "Vina", "Widya", "Yulia", "Zahra", "Dina", "Euis", "Hana", "Kurniasih",
    "Lusi", "Mira", "Nining", "Okta", "Rahma", "Septi", "Tika", "Wiwik", "Yeni", "Astuti", "Dyah",
)  # fmt: skip
MALE_LAST = (
    "Santoso", "Wijaya", "Saputra", "Pratama", "Setiawan", "Hidayat", "Nugroho", "Kurniawan", "Susanto",
    "Purnomo", "Wibowo", "Gunawan", "Ramadhan", "Firmansyah", "Hakim", "Syahputra", "Suryadi", "Prasetyo",
    "Hartono", "Sulistyo", "Hermawan", "Iskandar", "Kusuma", "Rahman", "Wahyudi", "Yulianto", "Mulyana",
    "Sumarna", "Suhendar", "Maulana", "Fauzan", "Irawan", "Permana", "Sutrisno", "Haryanto", "Budiman",
    "Sanjaya", "Nugraha", "Setiadi", "Hidayatullah",
)  # fmt: skip
FEMALE_LAST = (
    "Rahayu", "Lestari", "Handayani", "Wulandari", "Kusumawati", "Safitri", "Anggraini", "Puspitasari",
    "Utami", "Maharani", "Sukmawati", "Fitriani", "Novitasari", "Marlina", "Yusnita", "Permatasari",
    "Oktaviani", "Rahmawati", "Susanti", "Mulyani", "Nurhayati", "Sulistyowati", "Kurniasari",
    "Hidayati", "Purwanti", "Setyaningsih", "Wahyuni", "Ningsih", "Pertiwi", "Damayanti",
)  # fmt: skip
CLAN_NAMES = (  # Batak, Minang and Malay family names, carried by men and women
    "Siregar", "Nasution", "Lubis", "Harahap", "Simanjuntak", "Sitompul", "Hasibuan", "Saragih",
    "Sembiring", "Ginting", "Tarigan", "Pohan", "Nainggolan", "Panjaitan", "Hutapea", "Manurung",
    "Sinaga", "Batubara", "Rangkuti", "Daulay", "Tanjung", "Chaniago", "Piliang", "Koto",
)  # fmt: skip
# GELAR_BELAKANG (an extra SIASN column the importer ignores) by field and education level.
DEGREE_TITLES = {
    "_": {EDU["D-III"]: ("A.Md.", "A.Md.Kom.", "A.Md.Ak."), EDU["D-IV"]: ("S.Tr.Ak.", "S.ST.", "S.Tr.T."),
          EDU["S-1"]: ("S.E.", "S.H.", "S.Sos.", "S.Kom.", "S.T.", "S.IP.", "S.AP.", "S.Pt."),
          EDU["S-2"]: ("M.M.", "M.Si.", "M.H.", "M.T.", "M.AP."), EDU["S-3"]: ("M.Si.", "M.M.")},
    "teacher": {EDU["S-1"]: ("S.Pd.",), EDU["S-2"]: ("M.Pd.",), EDU["D-IV"]: ("S.Pd.",)},
    "health": {EDU["D-III"]: ("A.Md.Kep.", "A.Md.Keb.", "A.Md.Farm."),
               EDU["D-IV"]: ("S.Tr.Keb.", "S.Tr.Kes."),
               EDU["S-1"]: ("S.Kep.", "S.Ked.", "S.Farm.", "S.KM."), EDU["S-2"]: ("M.Kes.", "M.Kep.")},
}  # fmt: skip

# ---- reference data: development catalogue -------------------------------------------------------

# The general stream's methods (leadership training and tugas belajar are drawn for their own
# target groups). Base weight of each, and its weight multiplier for Struktural/Fungsional/Pelaksana.
GENERAL_METHODS = ("Pelatihan Teknis", "Pelatihan Fungsional", "Seminar", "Workshop", "Bimtek",
                   "E-Learning", "Coaching", "Mentoring", "Magang", "Kuliah Umum")  # fmt: skip
METHOD_BASE = np.array([0.22, 0.04, 0.17, 0.10, 0.17, 0.0, 0.06, 0.08, 0.012, 0.07])
METHOD_BY_JABATAN = np.array([
    [1.0, 0.1, 1.3, 1.4, 1.1, 1.0, 1.5, 0.6, 0.8, 1.3],  # Struktural
    [0.8, 2.5, 1.0, 0.8, 0.8, 1.0, 0.8, 0.8, 0.7, 1.0],  # Fungsional
    [1.2, 0.1, 0.9, 0.9, 1.3, 1.0, 0.8, 1.2, 0.6, 0.8],  # Pelaksana
])  # fmt: skip
ELEARNING = GENERAL_METHODS.index("E-Learning")
# A region offers a method only when its capacity reaches this (Siulak offers the fewest).
METHOD_MIN_CAPACITY = {"Workshop": 0.15, "Coaching": 0.25, "Magang": 0.35, "Kuliah Umum": 0.6}


@dataclass(frozen=True)
class MethodSpec:
    days: tuple[int, int]  # duration range in calendar days
    jp: tuple[int, ...] | None  # JP drawn from these values; None: 8 JP per day of the course
    cost: tuple[float, int, int]  # (share free of charge, low, high) in thousand Rupiah
    tested: bool  # has a pre/post test (and can be failed)


METHODS = {
    "Pelatihan Teknis": MethodSpec((3, 5), None, (0.03, 2_000, 7_500), True),
    "Pelatihan Fungsional": MethodSpec((3, 7), None, (0.05, 4_000, 14_000), True),
    "Seminar": MethodSpec((1, 1), (2, 3, 4, 4, 5, 6, 8), (0.55, 150, 1_500), False),
    "Workshop": MethodSpec((1, 2), None, (0.1, 1_000, 4_000), False),
    "Bimtek": MethodSpec((2, 3), None, (0.02, 2_500, 7_500), True),
    "E-Learning": MethodSpec((7, 30), (4, 6, 8, 10, 12, 16, 20), (0.7, 50, 350), True),
    "Coaching": MethodSpec((30, 90), (4, 6, 8, 12, 16), (0.7, 250, 1_500), False),
    "Mentoring": MethodSpec((30, 120), (8, 12, 16, 20, 24), (0.85, 250, 1_000), False),
    "Magang": MethodSpec((10, 15), None, (0.1, 2_500, 10_000), False),
    "Kuliah Umum": MethodSpec((1, 1), (2, 3, 4), (0.8, 100, 500), False),
    "Pelatihan Kepemimpinan": MethodSpec((100, 140), None, (0.0, 0, 0), True),  # JP and cost per level
    "Tugas Belajar": MethodSpec((700, 760), None, (0.0, 0, 0), False),  # set per degree
}

# Providers: "@region" the region's own agency, "@province" the provincial training agency,
# "@university" the nearby state university; other names are central institutions (APBN-funded).
LAN = "Lembaga Administrasi Negara"
BKN = "Badan Kepegawaian Negara"
PANRB = "Kementerian PANRB"
KOMDIGI = "Kementerian Komunikasi dan Digital"
KEMENDAGRI = "Kementerian Dalam Negeri"

# (BENTUK, NAMA_KEGIATAN, TOPIK or "", JENIS_KOMPETENSI, providers separated by "|")
CATALOGUE = (
    ("Pelatihan Teknis", "Pelatihan Pengelolaan Keuangan Daerah", "Keuangan", "Teknis",
     "@region|@province|BPKP"),
    ("Pelatihan Teknis", "Pelatihan Penyusunan Laporan Keuangan Berbasis Akrual", "Keuangan", "Teknis",
     "@province|BPKP"),
    ("Pelatihan Teknis", "Pelatihan Pengadaan Barang/Jasa Pemerintah Tingkat Dasar", "Manajemen Proyek",
     "Teknis", "LKPP|@province"),
    ("Pelatihan Teknis", "Pelatihan Manajemen Proyek Pembangunan Daerah", "Manajemen Proyek", "Teknis",
     "@region|@province|@university"),
    ("Pelatihan Teknis", "Pelatihan Manajemen Sumber Daya Manusia Aparatur", "SDM", "Teknis",
     f"@region|@province|{BKN}"),
    ("Pelatihan Teknis", "Pelatihan Analisis Jabatan dan Analisis Beban Kerja", "SDM", "Teknis",
     f"@region|{PANRB}"),
    ("Pelatihan Teknis", "Pelatihan Sistem Pemerintahan Berbasis Elektronik", "Teknologi Informasi",
     "Teknis", f"@region|{KOMDIGI}"),
    ("Pelatihan Teknis", "Pelatihan Analisis Data dan Statistik Sektoral", "Teknologi Informasi", "Teknis",
     "@region|Badan Pusat Statistik"),
    ("Pelatihan Teknis", "Pelatihan Pelayanan Prima", "Pelayanan Publik", "Manajerial", "@region|@province"),
    ("Pelatihan Teknis", "Pelatihan Manajemen Pemerintahan Daerah", "Manajemen Pemerintahan", "Manajerial",
     f"@province|{KEMENDAGRI}"),
    ("Pelatihan Teknis", "Pelatihan Komunikasi Efektif dan Kehumasan Pemerintah", "Komunikasi", "Manajerial",
     "@region|@province"),
    ("Pelatihan Teknis", "Pelatihan Perencanaan Strategis dan Penganggaran Daerah", "Perencanaan Strategis",
     "Teknis", f"@province|{KEMENDAGRI}"),
    ("Bimtek", "Bimtek Penatausahaan Keuangan pada SIPD", "Keuangan", "Teknis", f"@region|{KEMENDAGRI}"),
    ("Bimtek", "Bimtek Pengelolaan Barang Milik Daerah", "Keuangan", "Teknis", "@region|@province"),
    ("Bimtek", "Bimtek Penyusunan SAKIP dan Perjanjian Kinerja", "Perencanaan Strategis", "Teknis",
     f"@region|{PANRB}"),
    ("Bimtek", "Bimtek SIASN dan e-Kinerja", "SDM", "Teknis", f"@region|{BKN}"),
    ("Bimtek", "Bimtek Keamanan Informasi dan Persandian", "Teknologi Informasi", "Teknis",
     "@region|Badan Siber dan Sandi Negara"),
    ("Bimtek", "Bimtek Penyusunan Standar Pelayanan", "Pelayanan Publik", "Teknis", f"@region|{PANRB}"),
    ("Bimtek", "Bimtek Pengadaan melalui E-Katalog", "Manajemen Proyek", "Teknis", "@region|LKPP"),
    ("Seminar", "Seminar Inovasi Pelayanan Publik", "Pelayanan Publik", "Manajerial",
     f"@region|{PANRB}|@university"),
    ("Seminar", "Seminar Digitalisasi Pelayanan Publik", "Teknologi Informasi", "Manajerial",
     "@region|@university"),
    ("Seminar", "Seminar Reformasi Birokrasi dan Zona Integritas", "Kebijakan Publik", "Manajerial",
     f"@region|{PANRB}"),
    ("Seminar", "Seminar Kebijakan Publik Berbasis Bukti", "Kebijakan Publik", "Manajerial",
     f"@university|{LAN}"),
    ("Seminar", "Seminar Wawasan Kebangsaan dan Moderasi Beragama", "", "Sosial Kultural", "@region"),
    ("Workshop", "Workshop Penyusunan Rencana Strategis Perangkat Daerah", "Perencanaan Strategis",
     "Teknis", "@region|@university"),
    ("Workshop", "Workshop Penyusunan Standar Operasional Prosedur", "Manajemen Pemerintahan", "Teknis",
     "@region"),
    ("Workshop", "Workshop Analisis Kebutuhan Pelatihan", "SDM", "Teknis", "@region|@province"),
    ("Workshop", "Workshop Manajemen Risiko Pembangunan", "Manajemen Proyek", "Teknis", "@region|BPKP"),
    ("Workshop", "Workshop Penulisan Naskah Kebijakan", "Kebijakan Publik", "Teknis", f"{LAN}|@university"),
    ("E-Learning", "E-Learning Literasi Digital ASN", "Teknologi Informasi", "Teknis",
     f"@region|{KOMDIGI}|{LAN}"),
    ("E-Learning", "E-Learning Dasar-Dasar Pengelolaan Keuangan Daerah", "Keuangan", "Teknis",
     "@region|@province"),
    ("E-Learning", "E-Learning Pelayanan Publik Berorientasi BerAKHLAK", "Pelayanan Publik", "Manajerial",
     f"{LAN}|@province"),
    ("E-Learning", "E-Learning Manajemen ASN dan Sistem Merit", "SDM", "Teknis", f"{BKN}|@region"),
    ("E-Learning", "E-Learning Manajemen Proyek untuk ASN", "Manajemen Proyek", "Teknis", f"@province|{LAN}"),
    ("E-Learning", "E-Learning Kepemimpinan Digital", "Kepemimpinan", "Manajerial", LAN),
    ("E-Learning", "E-Learning Analisis Kebijakan Publik", "Kebijakan Publik", "Teknis", f"{LAN}|@province"),
    ("E-Learning", "E-Learning Keamanan Siber bagi ASN", "Teknologi Informasi", "Teknis",
     "Badan Siber dan Sandi Negara|@region"),
    ("E-Learning", "E-Learning Komunikasi Publik di Media Sosial", "Komunikasi", "Manajerial",
     f"@region|{KOMDIGI}"),
    ("E-Learning", "E-Learning Wawasan Kebangsaan dan Nilai Bela Negara", "", "Sosial Kultural", LAN),
    ("Pelatihan Fungsional", "Pelatihan Fungsional Guru", "Pelayanan Publik", "Teknis",
     "Kementerian Pendidikan Dasar dan Menengah|@province"),
    ("Pelatihan Fungsional", "Pelatihan Fungsional Tenaga Kesehatan", "Pelayanan Publik", "Teknis",
     "Kementerian Kesehatan|@province"),
    ("Pelatihan Fungsional", "Pelatihan Fungsional Analis Kebijakan", "Kebijakan Publik", "Teknis",
     f"{LAN}|@province"),
    ("Pelatihan Fungsional", "Pelatihan Fungsional Auditor", "Keuangan", "Teknis", "BPKP"),
    ("Pelatihan Fungsional", "Pelatihan Fungsional Perencana", "Perencanaan Strategis", "Teknis",
     "Kementerian PPN/Bappenas|@province"),
    ("Pelatihan Fungsional", "Pelatihan Fungsional Pranata Komputer", "Teknologi Informasi", "Teknis",
     "Badan Pusat Statistik|@province"),
    ("Pelatihan Fungsional", "Pelatihan Fungsional Analis SDM Aparatur", "SDM", "Teknis", BKN),
    ("Coaching", "Coaching Kinerja oleh Atasan Langsung", "SDM", "Manajerial", "@region"),
    ("Coaching", "Coaching Penyusunan SKP dan Rencana Pengembangan Individu", "SDM", "Manajerial", "@region"),
    ("Coaching", "Coaching Kepemimpinan Transformasional", "Kepemimpinan", "Manajerial", f"@province|{LAN}"),
    ("Mentoring", "Mentoring ASN Muda oleh Pejabat Senior", "Kepemimpinan", "Manajerial", "@region"),
    ("Mentoring", "Mentoring Orientasi Tugas bagi Pegawai Baru", "Manajemen Pemerintahan", "Manajerial",
     "@region"),
    ("Mentoring", "Mentoring Aktualisasi Nilai BerAKHLAK", "", "Sosial Kultural", "@region"),
    ("Magang", "Magang Inovasi Pelayanan Publik", "Pelayanan Publik", "Teknis", f"{PANRB}|@university"),
    ("Magang", "Magang Pengelolaan Keuangan Daerah", "Keuangan", "Teknis", "BPKP"),
    ("Magang", "Magang Riset Kebijakan di Perguruan Tinggi", "Kebijakan Publik", "Teknis", "@university"),
    ("Magang", "Magang Transformasi Digital Pemerintahan", "Teknologi Informasi", "Teknis",
     f"{KOMDIGI}|@university"),
    ("Kuliah Umum", "Kuliah Umum Kebijakan Publik", "Kebijakan Publik", "Manajerial", f"@university|{LAN}"),
    ("Kuliah Umum", "Kuliah Umum Kepemimpinan Sektor Publik", "Kepemimpinan", "Manajerial",
     f"@university|{LAN}"),
    ("Kuliah Umum", "Kuliah Umum Transformasi Digital Pemerintahan", "Teknologi Informasi", "Teknis",
     "@university"),
)  # fmt: skip
# Functional training follows the person's field: teachers and health staff get their own course.
FUNCTIONAL_COURSE_BY_CATEGORY = {"pendidikan": "Pelatihan Fungsional Guru",
                                 "kesehatan": "Pelatihan Fungsional Tenaga Kesehatan",
                                 "rsud": "Pelatihan Fungsional Tenaga Kesehatan"}  # fmt: skip
# Leadership training by the eselon the person holds (or prepares for): name, JP, cost range (thousand Rp),
# providers.
LEADERSHIP = {
    "II": ("Pelatihan Kepemimpinan Nasional Tingkat II", 300, (55_000, 80_000), LAN),
    "III": ("Pelatihan Kepemimpinan Administrator", 240, (30_000, 45_000), f"@province|{LAN}"),
    "IV": ("Pelatihan Kepemimpinan Pengawas", 200, (18_000, 28_000), "@province|@region"),
}
# Tugas belajar by the degree studied: programmes, days, JP range, cost range (thousand Rp).
STUDY = {
    "S-2": (("Tugas Belajar S-2 Magister Administrasi Publik", "Kebijakan Publik"),
            ("Tugas Belajar S-2 Magister Manajemen", "Manajemen Pemerintahan"),
            ("Tugas Belajar S-2 Magister Perencanaan Wilayah dan Kota", "Perencanaan Strategis"),
            ("Tugas Belajar S-2 Magister Sistem Informasi", "Teknologi Informasi")),
    "S-1": (("Tugas Belajar S-1 Ilmu Pemerintahan", "Manajemen Pemerintahan"),
            ("Tugas Belajar S-1 Akuntansi Sektor Publik", "Keuangan")),
}  # fmt: skip
STUDY_SPEC = {"S-2": ((700, 760), (1_200, 1_600), (40_000, 120_000)),
              "S-1": ((1_400, 1_460), (1_600, 2_000), (25_000, 60_000))}  # fmt: skip
UNIVERSITY_BY_PROVINCE = {
    "Aceh": "Universitas Syiah Kuala", "Sumatera Utara": "Universitas Sumatera Utara",
    "Sumatera Barat": "Universitas Andalas", "Riau": "Universitas Riau", "Jambi": "Universitas Jambi",
    "Sumatera Selatan": "Universitas Sriwijaya", "Bengkulu": "Universitas Bengkulu",
    "Lampung": "Universitas Lampung", "Kepulauan Bangka Belitung": "Universitas Bangka Belitung",
    "Kepulauan Riau": "Universitas Maritim Raja Ali Haji", "DKI Jakarta": "Universitas Indonesia",
    "Jawa Barat": "Universitas Padjadjaran", "Jawa Tengah": "Universitas Diponegoro",
    "DI Yogyakarta": "Universitas Gadjah Mada", "Jawa Timur": "Universitas Airlangga",
    "Banten": "Universitas Sultan Ageng Tirtayasa", "Bali": "Universitas Udayana",
    "Nusa Tenggara Barat": "Universitas Mataram", "Nusa Tenggara Timur": "Universitas Nusa Cendana",
    "Kalimantan Barat": "Universitas Tanjungpura", "Kalimantan Tengah": "Universitas Palangka Raya",
    "Kalimantan Selatan": "Universitas Lambung Mangkurat", "Kalimantan Timur": "Universitas Mulawarman",
    "Kalimantan Utara": "Universitas Borneo Tarakan", "Sulawesi Utara": "Universitas Sam Ratulangi",
    "Sulawesi Tengah": "Universitas Tadulako", "Sulawesi Selatan": "Universitas Hasanuddin",
    "Sulawesi Tenggara": "Universitas Halu Oleo", "Gorontalo": "Universitas Negeri Gorontalo",
    "Sulawesi Barat": "Universitas Sulawesi Barat", "Maluku": "Universitas Pattimura",
    "Maluku Utara": "Universitas Khairun", "Papua Barat": "Universitas Papua",
    "Papua Barat Daya": "Universitas Papua", "Papua": "Universitas Cenderawasih",
    "Papua Tengah": "Universitas Cenderawasih", "Papua Pegunungan": "Universitas Cenderawasih",
    "Papua Selatan": "Universitas Musamus",
}  # fmt: skip

# ---- reference data: competencies, performance, careers, budget, needs ---------------------------

# Managerial competencies where staff are usually stronger (+) or weaker (-) than their level.
COMPETENCY_BIAS = {"Integritas": 0.25, "Kerja Sama": 0.15, "Komunikasi": 0.0, "Orientasi pada Hasil": -0.05,
                   "Pelayanan Publik": 0.1, "Pengembangan Diri dan Orang Lain": -0.15,
                   "Mengelola Perubahan": -0.2, "Pengambilan Keputusan": -0.25,
                   contract.SOCIO_CULTURAL_COMPETENCY: 0.2}  # fmt: skip
TECHNICAL_COMPETENCIES = {
    "pendidikan": ("Pembelajaran dan Asesmen", "Pengembangan Kurikulum"),
    "kesehatan": ("Pelayanan Kesehatan Primer", "Surveilans Kesehatan"),
    "rsud": ("Pelayanan Klinis", "Keselamatan Pasien"),
    "inspektorat": ("Pengawasan Internal", "Manajemen Risiko"),
    "keuangan": ("Pengelolaan Keuangan Daerah", "Pengelolaan Aset Daerah"),
    "kepegawaian": ("Manajemen SDM Aparatur", "Pengembangan Kompetensi"),
    "perencanaan": ("Perencanaan Pembangunan Daerah", "Analisis Data"),
    "kominfo": ("Tata Kelola Teknologi Informasi", "Keamanan Informasi"),
    "_": ("Administrasi Pemerintahan", "Pengadaan Barang/Jasa"),
}  # fmt: skip
PREDIKAT = ("Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang")
PREDIKAT_SHARE = (0.17, 0.72, 0.08, 0.025, 0.005)
POTENSIAL = ("Tinggi", "Menengah", "Rendah")
POTENSIAL_SHARE = (0.22, 0.53, 0.25)
CENTRAL_BUDGET_LINES = (  # (code, name, share of the region's budget, minimum capacity)
    ("5.03.02.2.03", "Pengembangan Kompetensi ASN", 0.40, 0.0),
    ("5.04.02.2.01", "Pengembangan Kompetensi Teknis", 0.12, 0.3),
    ("5.04.02.2.02", "Sertifikasi, Kelembagaan, Pengembangan Kompetensi Manajerial dan Fungsional",
     0.08, 0.8),
)  # fmt: skip
OPD_BUDGET_LINE = ("01.1.05.09", "Pendidikan dan Pelatihan Pegawai Berdasarkan Tugas dan Fungsi")
# Needs survey: how strongly each unit category asks for each topic (contract.KNOWN_TOPIK order).
TOPIC_PREFERENCE = {
    "keuangan": (4, 1, 2, 2, 1, 1, 1, 1, 1, 1),
    "kepegawaian": (1, 4, 1, 2, 1, 1, 2, 1, 1, 1),
    "perencanaan": (2, 1, 2, 2, 1, 3, 1, 1, 2, 4),
    "kominfo": (1, 1, 2, 5, 2, 1, 1, 2, 1, 1),
    "pendidikan": (1, 1, 1, 3, 3, 1, 2, 2, 1, 1),
    "kesehatan": (1, 1, 1, 2, 4, 1, 1, 2, 1, 1),
    "rsud": (2, 2, 1, 2, 4, 1, 1, 2, 1, 1),
    "kecamatan": (1, 1, 1, 3, 4, 1, 1, 2, 3, 1),
    "setda": (1, 1, 1, 2, 1, 3, 2, 2, 3, 2),
    "inspektorat": (4, 1, 2, 2, 1, 2, 1, 1, 2, 1),
    "_": (1, 1, 3, 3, 2, 1, 1, 1, 2, 1),
}  # fmt: skip
PRIORITAS = ("Tinggi", "Sedang", "Rendah")


# ---- regions -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    """How a region develops its staff; every figure follows from one capacity between 0 and 1."""

    capacity: float
    records_per_asn: float  # general development records per ASN in a full year (2025 level)
    elearning_share: tuple[float, ...]  # share of e-learning among those records, per year of YEARS
    methods: tuple[str, ...]  # general methods on offer
    leadership_rate: float  # share of structural staff starting leadership training in a year
    study_rate: float  # share of eligible young PNS starting tugas belajar in a year
    budget_per_asn: float  # Rupiah per ASN per year (before BUDGET_YEAR)
    absorption: float  # share of the final pagu spent by December
    assessed_share: float  # reach of competency mapping (1 = the usual)
    reassessed_share: float  # of those first assessed in 2023-2024, share assessed again two years later
    gap: float  # mean shortfall below the standard at the first assessment
    potential_share: float  # PNS with a talent-mapping POTENSIAL
    tested_share: float  # of tested methods' records, share with pre/post test scores
    cost_factor: float
    satisfaction: float  # mean NILAI_KEPUASAN


def profile(capacity: float) -> Profile:
    c = float(np.clip(capacity, 0.0, 1.0))
    base, growth = 0.06 + 0.21 * c, 0.035 + 0.035 * c
    return Profile(
        capacity=c,
        records_per_asn=0.7 + 1.3 * c,
        elearning_share=tuple(round(base + growth * i, 3) for i in range(len(YEARS))),
        methods=tuple(m for m in GENERAL_METHODS if c >= METHOD_MIN_CAPACITY.get(m, 0.0)),
        leadership_rate=0.05 + 0.06 * c,
        study_rate=0.0012 + 0.0015 * c,
        budget_per_asn=550_000 + 1_150_000 * c,
        absorption=0.86 + 0.08 * c,
        assessed_share=0.5 + 0.5 * c,
        reassessed_share=0.25 + 0.3 * c,
        gap=0.7 - 0.3 * c,
        potential_share=0.45 + 0.45 * c,
        tested_share=0.4 + 0.35 * c,
        cost_factor=1.1 - 0.1 * c,
        satisfaction=4.0 + 0.25 * c,
    )


@dataclass(frozen=True)
class Region:
    name: str  # as the dashboard shows it (what regions.py maps `instansi` to)
    instansi: str  # INSTANSI_KERJA_NAMA in the staff export
    budget_name: str  # WILAYAH in SIPD and survey exports
    province: str
    size: int
    units: tuple[Unit, ...]
    hr_agency: str  # the region's own agency as a course provider
    provincial_agency: str
    university: str
    profile: Profile
    named: bool = False  # one of the three regions of the seed documents

    def with_size(self, size: int) -> Region:
        return replace(self, size=size)


NAMED_REGIONS = (
    Region(
        name="Semarang", instansi="Pemerintah Kota Semarang", budget_name="Kota Semarang",
        province="Jawa Tengah", size=DEFAULT_SIZES["Semarang"], units=SEMARANG_UNITS,
        hr_agency="BKPP Kota Semarang", provincial_agency="BPSDMD Provinsi Jawa Tengah",
        university="Universitas Diponegoro", profile=profile(1.0), named=True,
    ),
    Region(
        name="Serang", instansi="Pemerintah Kota Serang", budget_name="Kota Serang", province="Banten",
        size=DEFAULT_SIZES["Serang"], units=SERANG_UNITS, hr_agency="BKPSDM Kota Serang",
        provincial_agency="BPSDM Provinsi Banten", university="Universitas Sultan Ageng Tirtayasa",
        profile=profile(0.5), named=True,
    ),
    Region(  # the seat of Kabupaten Kerinci: its agency is the regency's
        name="Siulak", instansi="Kecamatan Siulak", budget_name="Siulak", province="Jambi",
        size=DEFAULT_SIZES["Siulak"], units=SIULAK_UNITS, hr_agency="BKPSDM Kabupaten Kerinci",
        provincial_agency="BPSDM Provinsi Jambi", university="Universitas Jambi", profile=profile(0.05),
        named=True,
    ),
)  # fmt: skip
EXCLUDED_NAMES = {"Semarang", "Serang", "Kerinci"}  # already named, or the regency Siulak is the seat of


def _region_list() -> list[tuple[str, str, str]]:
    """(kind, name, province) of every regional government in demo_data, one per distinct name."""
    seen: set[str] = set(EXCLUDED_NAMES)
    regions = []
    for line in (DATA_DIR / "wilayah_indonesia.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        full, province = line.split(";")
        kind, name = full.split(" ", 1)
        if name not in seen:  # "Kota X" and "Kabupaten X" would both be region "X"
            seen.add(name)
            regions.append((kind.lower(), name, province))
    return regions


def _generated_units(kind: str, name: str, size: int, rng: np.random.Generator) -> tuple[Unit, ...]:
    column = {"kota": 3, "kabupaten": 4, "provinsi": 5}[kind]
    rows = [(u[0].replace("{r}", name), u[1], u[column], u[2]) for u in UNIT_TEMPLATE if u[column] > 0]
    if kind != "provinsi":
        low, high = (5, 14) if kind == "kota" else (8, 24)
        count = int(np.clip(round(low + (high - low) * size / 25_000), low, high))
        names = [k.replace("{r}", name) for k in KECAMATAN_NAMES[:6]]
        names += list(rng.choice(KECAMATAN_NAMES[6:], count, replace=False))
        rows += _kecamatan(names[:count], 0.9 if kind == "kota" else 0.7)
    return _units(rows)


def plan_regions(scale: int | None, seed: int = 2026) -> list[Region]:
    """The regions to generate and their sizes: the three named ones, then generated regions."""
    if scale is None:
        return list(NAMED_REGIONS)
    if scale < 3:
        raise ValueError("scale must be at least 3 (one person per named region)")
    if scale < DEFAULT_TOTAL + REGION_SIZE_RANGE[0]:
        sizes = [max(1, round(r.size * scale / DEFAULT_TOTAL)) for r in NAMED_REGIONS]
        sizes[0] += scale - sum(sizes)
        return [r.with_size(s) for r, s in zip(NAMED_REGIONS, sizes, strict=True)]
    rng = np.random.default_rng([seed, 1_000_003])
    candidates = _region_list()
    order = rng.permutation(len(candidates))
    remaining = scale - DEFAULT_TOTAL
    sizes: list[int] = []
    for index in order:
        if remaining <= 0:
            break
        kind, _, province = candidates[index]
        median = 6_000 * KIND_SIZE[kind] * PROVINCE_SIZE.get(province, 1.0)
        size = int(np.clip(rng.lognormal(np.log(median), 0.6), *REGION_SIZE_RANGE))
        if remaining - size < REGION_SIZE_RANGE[0]:
            size = remaining  # the last region takes the rest (never below the minimum)
        sizes.append(size)
        remaining -= size
    if remaining > 0:  # more staff than the named list holds at these sizes: scale every region up
        factor = (scale - DEFAULT_TOTAL) / sum(sizes)
        sizes = [int(s * factor) for s in sizes]
        sizes[-1] += scale - DEFAULT_TOTAL - sum(sizes)
    regions = list(NAMED_REGIONS)
    for index, size in zip(order, sizes, strict=False):
        kind, name, province = candidates[index]
        instansi = f"Pemerintah {kind.capitalize()} {name}"
        capacity = rng.beta(2.2, 2.2) + (0.12 if kind == "kota" else 0.0)
        agency = f"BPSDMD Provinsi {province}" if province == "Jawa Tengah" else f"BPSDM Provinsi {province}"
        own = f"BKD Provinsi {name}" if kind == "provinsi" else f"BKPSDM {kind.capitalize()} {name}"
        university = UNIVERSITY_BY_PROVINCE.get(province, "Universitas Terbuka")
        units = _generated_units(kind, name, size, rng)
        regions.append(
            Region(
                name, instansi, instansi, province, size, units, own, agency, university, profile(capacity)
            )
        )
    return regions


# ---- small vectorised helpers --------------------------------------------------------------------


def _lookup(
    values: np.ndarray, table: dict, default: object, dtype: type[pl.DataType] | None = None
) -> np.ndarray:
    """Map every value through `table` (in Polars, so it stays fast on millions of rows)."""
    series = pl.Series(values, dtype=pl.String) if values.dtype == object else pl.Series(values)
    return series.replace_strict(table, default=default, return_dtype=dtype).to_numpy()


def _frame(columns: dict[str, object]) -> pl.DataFrame:
    """A frame from arrays, Series and scalars, in which text columns are text even with no rows."""
    height = next(len(v) for v in columns.values() if isinstance(v, np.ndarray | pl.Series))
    series = []
    for name, values in columns.items():
        if isinstance(values, pl.Series):
            series.append(values.alias(name))
        elif isinstance(values, np.ndarray):
            series.append(pl.Series(name, values, dtype=pl.String if values.dtype == object else None))
        else:  # a scalar, the same on every row
            series.append(pl.repeat(values, height, eager=True).alias(name))
    return pl.DataFrame(series)


def _masked(values: np.ndarray, keep: np.ndarray) -> pl.Series:
    """`values` where `keep` holds, null elsewhere (an empty cell in the export)."""
    series = pl.Series(values, dtype=pl.String) if values.dtype == object else pl.Series(values)
    return pl.select(pl.when(pl.Series(keep)).then(series)).to_series()


def _choice_rows(rng: np.random.Generator, probabilities: np.ndarray) -> np.ndarray:
    """One index per row of an (n, k) matrix of (unnormalised) probabilities."""
    cumulative = np.cumsum(probabilities, axis=1)
    draws = rng.random(len(probabilities)) * cumulative[:, -1]
    return np.minimum((cumulative < draws[:, None]).sum(axis=1), probabilities.shape[1] - 1)


def _pick(rng: np.random.Generator, options: Sequence[str], size: int) -> np.ndarray:
    return np.asarray(options, dtype=object)[rng.integers(0, len(options), size)]


def _month_start(year: np.ndarray | int, month: np.ndarray | int = 0) -> np.ndarray:
    """First day of the (0-based) month of each year."""
    months = (np.asarray(year) - 1970) * 12 + np.asarray(month)
    return months.astype("datetime64[M]").astype("datetime64[D]")


def _dates_in_months(rng: np.random.Generator, year: np.ndarray | int, month: np.ndarray) -> np.ndarray:
    """A uniformly drawn day in each given (0-based) month."""
    first, following = _month_start(year, month), _month_start(year, np.asarray(month) + 1)
    return first + (rng.random(len(month)) * (following - first).astype(int)).astype(int)


def _to_workday(dates: np.ndarray) -> np.ndarray:
    """Courses, assessments and appointments start on a weekday: weekends move to Monday."""
    weekday = (dates.astype("datetime64[D]").astype(np.int64) + 3) % 7  # 1 January 1970 was a Thursday
    return dates + np.where(weekday == 5, 2, np.where(weekday == 6, 1, 0))


def _years_between(start: np.ndarray, end: np.datetime64 | np.ndarray) -> np.ndarray:
    return (end - start).astype("timedelta64[D]").astype(float) / 365.25


def _round_to(values: np.ndarray, step: float | np.ndarray) -> np.ndarray:
    return np.round(values / step) * step


# ---- NIP -----------------------------------------------------------------------------------------


class NipRegistry:
    """Hands out unique NIPs: birth date, TMT (yyyymm, or yyyy + "21" for PPPK), gender 1/2, sequence.

    The 3-digit sequence counts people sharing the first 15 digits over every region generated so far,
    as the national numbering does.
    """

    FIRST_BIRTH = np.datetime64("1950-01-01", "D")
    FIRST_YEAR = 1970
    SLOTS = 13 * 60  # TMT slots per birth day: 60 years of 12 months plus the PPPK slot

    def __init__(self) -> None:
        self._counts = np.zeros(0, dtype=np.uint16)

    def assign(self, birth: np.ndarray, tmt: np.ndarray, female: np.ndarray, pppk: np.ndarray) -> pl.Series:
        months = tmt.astype("datetime64[M]").astype(np.int64)  # since January 1970
        year, month = 1970 + months // 12, months % 12
        slot = (year - self.FIRST_YEAR) * 13 + np.where(pppk, 12, month)
        key = ((birth - self.FIRST_BIRTH).astype(np.int64) * self.SLOTS + slot) * 2 + female
        if len(key) and key.max() >= len(self._counts):
            grown = np.zeros(int(key.max()) + 1, dtype=np.uint16)
            grown[: len(self._counts)] = self._counts
            self._counts = grown
        # Rank of each person among those with the same key, after everyone numbered before.
        order = np.argsort(key, kind="stable")
        sorted_keys = key[order]
        starts = np.r_[0, np.flatnonzero(np.diff(sorted_keys)) + 1]
        rank = np.arange(len(key)) - np.repeat(starts, np.diff(np.r_[starts, len(key)]))
        sequence = np.empty(len(key), dtype=np.int64)
        sequence[order] = rank + self._counts[sorted_keys] + 1
        np.add.at(self._counts, key, 1)
        parts = pl.DataFrame({"birth": birth, "year": year, "month": month + 1, "pppk": pppk,
                              "gender": np.where(female, 2, 1), "seq": sequence})  # fmt: skip
        return parts.select(
            pl.concat_str(
                pl.col("birth").dt.strftime("%Y%m%d"),
                pl.col("year").cast(pl.String),
                pl.when("pppk").then(pl.lit("21")).otherwise(pl.col("month").cast(pl.String).str.zfill(2)),
                pl.col("gender").cast(pl.String),
                pl.col("seq").cast(pl.String).str.zfill(3),
            ).alias("nip")
        ).to_series()


# ---- staff ---------------------------------------------------------------------------------------


@dataclass
class Staff:
    """One region's staff: the contract's columns (`frame`) and the arrays the other datasets use."""

    frame: pl.DataFrame
    nip: np.ndarray
    tmt: np.ndarray  # datetime64[D]; for PPPK the appointment date (also in their NIP)
    birth: np.ndarray
    jabatan: np.ndarray  # index into JENIS_JABATAN
    kind: np.ndarray  # index into JENIS_PEGAWAI
    education: np.ndarray  # index into EDUCATION
    category: np.ndarray  # the unit's category
    unit: np.ndarray  # index into the region's units
    eselon: np.ndarray  # "" when none
    golongan_index: np.ndarray  # index into PNS_GOLONGAN, -1 for PPPK
    title: np.ndarray  # JABATAN
    standard: np.ndarray  # competency level the position requires
    engagement: np.ndarray  # how much this person develops (mean about 1; many near 0)
    talent: np.ndarray  # a persistent performance and potential trait (standard normal)


def _staff(region: Region, rng: np.random.Generator, nips: NipRegistry) -> Staff:
    n = region.size
    units = region.units
    weights = np.array([u.weight for u in units])
    unit = rng.choice(len(units), n, p=weights / weights.sum())
    category = np.array([u.category for u in units], dtype=object)[unit]
    care = np.isin(category, ["pendidikan", "kesehatan", "rsud"])  # schools and health: many PPPK
    kind = _choice_rows(rng, np.where(care[:, None], [0.62, 0.03, 0.27, 0.08], [0.76, 0.03, 0.11, 0.10]))
    age = np.select(
        [kind == 0, kind == 1, kind == 2],
        [24 + 34 * rng.beta(2.2, 1.6, n), 21 + 14 * rng.beta(1.5, 3.0, n), 24 + 32 * rng.beta(2.5, 2.2, n)],
        22 + 30 * rng.beta(2.0, 2.5, n),
    )
    birth = TODAY_NP - np.round(age * 365.25).astype(int)
    tmt = _appointment_dates(rng, kind, birth, age)

    # Position type: structural posts only for PNS of 32 and over; schools and health are mostly
    # functional (teachers, nurses, midwives); part-time PPPK are pelaksana.
    structural_p = _lookup(category, STRUCTURAL_SHARE, 0.09, pl.Float64)
    functional_p = _lookup(category, FUNCTIONAL_SHARE, 0.22, pl.Float64)
    u1, u2 = rng.random(n), rng.random(n)
    jabatan = np.full(n, 2)
    jabatan[(kind == 0) & (u2 < functional_p)] = 1
    jabatan[(kind == 1) & (u2 < functional_p * 0.95)] = 1
    jabatan[(kind == 2) & (u2 < np.where(care, 0.85, 0.35))] = 1
    jabatan[(kind == 0) & (age >= 32) & (u1 < structural_p)] = 0

    family, expert = _functional_families(rng, jabatan, category)
    group = np.select([jabatan == 0, (jabatan == 1) & expert, jabatan == 1, kind == 3], [0, 1, 2, 4], 3)
    education = _choice_rows(rng, EDUCATION_BY_GROUP[group])
    female_p = np.select(
        [jabatan == 0, (jabatan == 1) & (category == "pendidikan"),
         (jabatan == 1) & np.isin(category, ["kesehatan", "rsud"]), jabatan == 1, kind == 3],
        [0.33, 0.68, 0.76, 0.45, 0.45], 0.4,
    )  # fmt: skip
    female = rng.random(n) < female_p

    # PNS golongan: the education level's starting rank, one step every 4-5.5 years of service, up to
    # the position's ceiling; structural posts then bound it by their eselon.
    service = _years_between(tmt, TODAY_NP)
    steps = np.where(kind == 0, np.floor(service / rng.uniform(4.0, 5.5, n)), 0).astype(int)
    ceiling = np.select([jabatan == 0, (jabatan == 1) & expert, education <= EDU["SMP"]], [16, 15, 7], 11)
    start = START_GOLONGAN[education]
    golongan_index = np.minimum(start + steps, np.maximum(ceiling, start))
    eselon, structural_title = _structural_posts(rng, units, unit, age, jabatan)
    for level, (low, high) in ESELON_GOLONGAN.items():
        rows = eselon == level
        golongan_index[rows] = np.clip(golongan_index[rows], low, high)
    pns = kind <= 1
    golongan = np.where(pns, PNS_GOLONGAN[golongan_index], PPPK_GOLONGAN_BY_EDUCATION[education])

    level = _functional_level(golongan_index, education, expert, pns)
    standard = np.select(
        [jabatan == 0, (jabatan == 1) & expert],
        [_lookup(eselon, ESELON_STANDARD, 1, pl.Int64), _lookup(level, EXPERT_STANDARD, 1, pl.Int64)],
        1,
    )
    title = np.select(
        [jabatan == 0, jabatan == 1],
        [structural_title, (pl.Series(family, dtype=pl.String) + " " + pl.Series(level)).to_numpy()],
        _pelaksana_titles(rng, education, kind),
    ).astype(object)
    engagement = (
        rng.gamma(ENGAGEMENT_SHAPE, 1 / ENGAGEMENT_SHAPE, n)
        * np.select([kind == 3, kind == 1, jabatan == 0, jabatan == 1], [0.45, 1.3, 1.35, 1.1], 0.9)
        * np.where(age > 55, 0.75, 1.0)
    )
    nip = nips.assign(birth, tmt, female, kind >= 2)
    frame = _frame({
        "nip": nip,
        "nama": _names(rng, female),
        "jenis_kelamin": np.where(female, "P", "L"),
        "tanggal_lahir": birth,
        "jenis_pegawai": np.array(JENIS_PEGAWAI, dtype=object)[kind],
        "golongan": golongan,
        "jenis_jabatan": np.array(JENIS_JABATAN, dtype=object)[jabatan],
        "eselon": _masked(eselon, eselon != ""),
        "jabatan": title,
        "tingkat_pendidikan": np.array(EDUCATION, dtype=object)[education],
        "unit_kerja": np.array([u.name for u in units], dtype=object)[unit],
        "wilayah": region.instansi,
        "tmt_cpns": np.where(pns, tmt, np.datetime64("NaT")),
        "gelar_belakang": _degree_titles(
            rng, education, np.select([(jabatan == 1) & (category == "pendidikan"), (jabatan == 1) & care],
                                      ["teacher", "health"], "_")
        ),
    })  # fmt: skip
    return Staff(
        frame, nip.to_numpy(), tmt, birth, jabatan, kind, education, category, unit, eselon,
        np.where(pns, golongan_index, -1), title, standard, engagement, rng.standard_normal(n),
    )  # fmt: skip


# Share of PNS in structural posts (of those 32 and over) and in functional posts, by unit category.
STRUCTURAL_SHARE = {"setda": 0.12, "sekretariat": 0.1, "kecamatan": 0.14, "inspektorat": 0.08,
                    "pendidikan": 0.004, "kesehatan": 0.02, "rsud": 0.02}  # fmt: skip
FUNCTIONAL_SHARE = {"pendidikan": 0.88, "kesehatan": 0.72, "rsud": 0.75, "inspektorat": 0.55,
                    "pertanian": 0.45, "kepegawaian": 0.3, "perencanaan": 0.35}  # fmt: skip
# Education (index into EDUCATION) by group: structural, functional expert, functional skilled,
# pelaksana, part-time PPPK.
EDUCATION_BY_GROUP = np.array([
    [0, 0, 0, 0, 0, 0, 0.02, 0.55, 0.41, 0.02],
    [0, 0, 0, 0, 0, 0, 0.04, 0.80, 0.16, 0.0],
    [0, 0, 0.07, 0.03, 0.04, 0.86, 0, 0, 0, 0],
    [0.01, 0.03, 0.38, 0.01, 0.01, 0.16, 0.03, 0.35, 0.02, 0],
    [0.07, 0.14, 0.56, 0, 0, 0.07, 0, 0.16, 0, 0],
])  # fmt: skip
EXPERT_STANDARD = {"Ahli Pertama": 1, "Ahli Muda": 2, "Ahli Madya": 3, "Ahli Utama": 4}
# Appointment rounds (TMT) and their shares for CPNS, PPPK and part-time PPPK.
APPOINTMENT_ROUNDS = {
    1: (("2025-06-01", "2025-10-01"), (0.5, 0.5)),
    2: (("2022-04-01", "2023-03-01", "2024-04-01", "2025-03-01", "2025-10-01"), (0.2, 0.2, 0.25, 0.2, 0.15)),
    3: (("2025-10-01", "2026-01-01"), (0.6, 0.4)),
}  # fmt: skip


def _appointment_dates(
    rng: np.random.Generator, kind: np.ndarray, birth: np.ndarray, age: np.ndarray
) -> np.ndarray:
    """TMT: PNS entered at 20-35 and have been PNS for over a year; the others came in recent rounds."""
    n = len(kind)
    entry = np.minimum(np.clip(20 + rng.gamma(2.5, 2.2, n), 18, 35), age - 2.5)
    tmt = (birth + np.round(entry * 365.25).astype(int)).astype("datetime64[M]").astype("datetime64[D]")
    for k, (dates, shares) in APPOINTMENT_ROUNDS.items():
        rows = kind == k
        tmt[rows] = np.array(dates, dtype="datetime64[D]")[rng.choice(len(dates), int(rows.sum()), p=shares)]
    return tmt


def _functional_families(
    rng: np.random.Generator, jabatan: np.ndarray, category: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The functional position family of each functional row (by unit category), and whether it is
    an expert (ahli) rather than a skilled (keterampilan) position."""
    family = np.full(len(jabatan), "", dtype=object)
    expert = np.zeros(len(jabatan), dtype=bool)
    for cat in np.unique(category[jabatan == 1]):
        rows = np.flatnonzero((jabatan == 1) & (category == cat))
        options = FUNCTIONAL.get(cat, FUNCTIONAL["_"])
        weights = np.array([o[2] for o in options])
        picked = rng.choice(len(options), len(rows), p=weights / weights.sum())
        family[rows] = np.array([o[0] for o in options], dtype=object)[picked]
        expert[rows] = (np.array([o[1] for o in options])[picked] == "A") | (rng.random(len(rows)) < 0.4)
    return family, expert


def _functional_level(
    index: np.ndarray, education: np.ndarray, expert: np.ndarray, pns: np.ndarray
) -> np.ndarray:
    """Jenjang of a functional position from the PNS golongan (PPPK: mostly the entry jenjang)."""
    expert_level = np.where(
        pns,
        np.select([index >= 15, index >= 12, index >= 10], ["Ahli Utama", "Ahli Madya", "Ahli Muda"],
                  "Ahli Pertama"),
        np.where(education >= EDU["S-2"], "Ahli Muda", "Ahli Pertama"),
    )  # fmt: skip
    skilled_level = np.where(
        pns, np.select([index >= 10, index >= 8], ["Penyelia", "Mahir"], "Terampil"), "Terampil"
    )
    return np.where(expert, expert_level, skilled_level)


def _structural_posts(
    rng: np.random.Generator, units: tuple[Unit, ...], unit: np.ndarray, age: np.ndarray, jabatan: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Eselon and title of each structural row: a unit's oldest take its named posts in order (head,
    secretary, heads of division …); the others hold eselon IV posts."""
    n = len(unit)
    eselon = np.full(n, "", dtype=object)
    title = np.full(n, "", dtype=object)
    rows = np.flatnonzero(jabatan == 0)
    order = rows[np.lexsort((-age[rows], unit[rows]))]  # by unit, oldest first
    if not len(order):
        return eselon, title
    starts = np.r_[0, np.flatnonzero(np.diff(unit[order])) + 1]
    ends = np.r_[starts[1:], len(order)]
    for first, last in zip(starts, ends, strict=True):
        members = order[first:last]
        this = units[unit[members[0]]]
        posts = _posts_for(this)
        named = members[: len(posts)]
        eselon[named] = [e for e, _ in posts[: len(named)]]
        title[named] = [t for _, t in posts[: len(named)]]
        rest = members[len(posts) :]
        tail = KECAMATAN_TAIL if this.category == "kecamatan" else (
            *(f"Kepala Seksi {b}" for b in BIDANG.get(this.category, DEFAULT_BIDANG)), *OFFICE_TAIL
        )  # fmt: skip
        eselon[rest] = np.where(rng.random(len(rest)) < 0.85, "IV.a", "IV.b")
        title[rest] = _pick(rng, tail, len(rest))
    return eselon, title


def _posts_for(unit: Unit) -> tuple[tuple[str, str], ...]:
    if unit.category in SPECIAL_POSTS:
        posts = SPECIAL_POSTS[unit.category]
    else:
        bidang = BIDANG.get(unit.category, DEFAULT_BIDANG)
        posts = (("II.b", "Kepala {u}"), ("III.a", "Sekretaris {u}"),
                 *(("III.b", f"Kepala Bidang {b}") for b in bidang))  # fmt: skip
    short = unit.name.removeprefix("Kecamatan ")
    return tuple((e, t.replace("{u}", unit.name).replace("{k}", short)) for e, t in posts)


def _pelaksana_titles(rng: np.random.Generator, education: np.ndarray, kind: np.ndarray) -> np.ndarray:
    band = np.select([education >= EDU["D-IV"], education >= EDU["D-I"]], [2, 1], 0)
    titles = np.array(PELAKSANA_TITLES, dtype=object)[band, rng.integers(0, 3, len(education))]
    return np.where((kind == 3) & (band < 2), "Operator Layanan Operasional", titles)


def _names(rng: np.random.Generator, female: np.ndarray) -> pl.Series:
    n = len(female)
    first = np.where(female, _pick(rng, FEMALE_FIRST, n), _pick(rng, MALE_FIRST, n))
    middle = np.where(female, _pick(rng, FEMALE_FIRST, n), _pick(rng, MALE_FIRST, n))
    last = np.where(female, _pick(rng, FEMALE_LAST, n), _pick(rng, MALE_LAST, n))
    shape = rng.random(n)
    last = np.where(shape < 0.15, _pick(rng, CLAN_NAMES, n), last)  # Batak and Minang family names
    frame = pl.DataFrame({"first": first, "middle": middle, "last": last, "shape": shape})
    return frame.select(
        pl.when(pl.col("shape") > 0.93)  # a single name, as many Javanese have
        .then(pl.col("last"))
        .when((pl.col("shape") > 0.72) & (pl.col("middle") != pl.col("first")))
        .then(pl.concat_str("first", "middle", "last", separator=" "))
        .otherwise(pl.concat_str("first", "last", separator=" "))
        .alias("nama")
    ).to_series()


def _degree_titles(rng: np.random.Generator, education: np.ndarray, field: np.ndarray) -> pl.Series:
    titles = np.full(len(education), "", dtype=object)
    for name in ("_", "teacher", "health"):  # the general titles first, then the fields' own
        for level, options in DEGREE_TITLES[name].items():
            rows = (education == level) & ((field == name) | (name == "_"))
            titles[rows] = _pick(rng, options, int(rows.sum()))
    return _masked(titles, titles != "")


# ---- development history -------------------------------------------------------------------------


def _build_catalogue() -> pl.DataFrame:
    """Every course (general catalogue, leadership and study programmes) with an id and its providers."""
    rows = [(b, name, topic or None, kind, providers) for b, name, topic, kind, providers in CATALOGUE]
    rows += [("Pelatihan Kepemimpinan", name, "Kepemimpinan", "Manajerial", providers)
             for name, _, _, providers in LEADERSHIP.values()]  # fmt: skip
    rows += [("Tugas Belajar", name, topic, "Teknis", "@university")
             for programmes in STUDY.values() for name, topic in programmes]  # fmt: skip
    frame = pl.DataFrame(rows, schema=["bentuk", "nama_kegiatan", "topik", "jenis_kompetensi", "providers"],
                         orient="row")  # fmt: skip
    return frame.with_row_index("course").with_columns(
        pl.col("course").cast(pl.Int64), n_providers=pl.col("providers").str.split("|").list.len()
    )


COURSES = _build_catalogue()
COURSE_ID = dict(zip(COURSES["nama_kegiatan"], COURSES["course"], strict=True))
PROVIDER_LIST = COURSES["providers"].str.split("|").explode().to_numpy()
PROVIDER_OFFSET = np.r_[0, np.cumsum(COURSES["n_providers"].to_numpy())[:-1]].astype(np.int64)


def _courses_of(method: str) -> np.ndarray:
    return COURSES.filter(pl.col("bentuk") == method)["course"].to_numpy()


def _general_records(region: Region, staff: Staff, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Courses, seminars, e-learning …: a count per person and year (Poisson around the person's
    engagement, so many do nothing and a few do a lot), then method, date, course and JP."""
    p = region.profile
    n = len(staff.tmt)
    offered = np.array([m in p.methods for m in GENERAL_METHODS], dtype=float)
    parts: list[dict[str, np.ndarray]] = []
    for y, year in enumerate(YEARS):
        months = 12 if year < TODAY.year else TODAY.month
        share = MONTH_WEIGHTS[:months].sum() / MONTH_WEIGHTS.sum()
        rate = p.records_per_asn * YEAR_VOLUME[year] * share * staff.engagement * rng.gamma(6.0, 1 / 6, n)
        who = np.repeat(np.arange(n), rng.poisson(rate))
        weights = METHOD_BASE * offered
        weights = weights / weights.sum() * (1 - p.elearning_share[y])
        weights[ELEARNING] = p.elearning_share[y]
        method = _choice_rows(rng, weights * METHOD_BY_JABATAN[staff.jabatan[who]])
        elearning = method == ELEARNING
        season = np.where(elearning[:, None], ELEARNING_MONTH_WEIGHTS[:months], MONTH_WEIGHTS[:months])
        start = _dates_in_months(rng, year, _choice_rows(rng, season))
        parts.append({"who": who, "method": method, "start": np.where(elearning, start, _to_workday(start))})
    who, method, start = (np.concatenate([part[k] for part in parts]) for k in ("who", "method", "start"))
    course = np.zeros(len(who), dtype=np.int64)
    for m, name in enumerate(GENERAL_METHODS):
        rows = np.flatnonzero(method == m)
        options = _courses_of(name)
        course[rows] = options[rng.integers(0, len(options), len(rows))]
    # Functional training follows the person's field: teachers and health staff get their own course,
    # everyone else one of the other functional courses.
    functional = method == GENERAL_METHODS.index("Pelatihan Fungsional")
    by_field = {category: COURSE_ID[name] for category, name in FUNCTIONAL_COURSE_BY_CATEGORY.items()}
    field_course = _lookup(staff.category[who[functional]], by_field, -1, pl.Int64)
    specific = set(by_field.values())
    others = np.array([c for c in _courses_of("Pelatihan Fungsional") if c not in specific])
    course[functional] = np.where(
        field_course >= 0, field_course, others[rng.integers(0, len(others), len(field_course))]
    )
    spec_days = np.array([METHODS[m].days for m in GENERAL_METHODS])
    days = rng.integers(spec_days[method, 0], spec_days[method, 1] + 1)
    jp = days * 8.0  # classroom courses: 8 JP a day
    for m, name in enumerate(GENERAL_METHODS):
        values = METHODS[name].jp
        if values is not None:
            rows = method == m
            jp[rows] = rng.choice(values, int(rows.sum()))
    return {"who": who, "method": np.array(GENERAL_METHODS, dtype=object)[method], "start": start,
            "end": start + days - 1, "course": course, "jp": jp,
            "level": np.full(len(who), "", dtype=object)}  # fmt: skip


def _leadership_records(region: Region, staff: Staff, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """At most one leadership course per person in the window, for the eselon held or prepared for
    (structural staff; a few senior PNS being prepared for an eselon IV post)."""
    n = len(staff.tmt)
    age = _years_between(staff.birth, TODAY_NP)
    prepared = (
        (staff.kind == 0) & (staff.jabatan != 0) & (staff.golongan_index >= 9) & (age >= 30) & (age <= 50)
    )
    rate = np.where(staff.jabatan == 0, region.profile.leadership_rate, np.where(prepared, 0.004, 0.0))
    year_index = np.floor(rng.random(n) / np.maximum(rate, 1e-12))
    who = np.flatnonzero(year_index < len(YEARS))
    year = np.array(YEARS)[year_index[who].astype(int)]
    last_month = np.where(year == TODAY.year, TODAY.month - 1, 10)
    month = np.minimum(1 + (rng.beta(2.0, 2.2, len(who)) * 10).astype(int), last_month)  # cohorts Feb-Nov
    start = _to_workday(_month_start(year, month) + rng.integers(0, 20, len(who)))
    level = _lookup(
        staff.eselon[who], {"II.a": "II", "II.b": "II", "III.a": "III", "III.b": "III"}, "IV", pl.String
    )
    spec = METHODS["Pelatihan Kepemimpinan"].days
    return {"who": who, "method": np.full(len(who), "Pelatihan Kepemimpinan", dtype=object), "start": start,
            "end": start + rng.integers(spec[0], spec[1] + 1, len(who)) - 1,
            "course": _lookup(level, {k: COURSE_ID[v[0]] for k, v in LEADERSHIP.items()}, -1, pl.Int64),
            "jp": _lookup(level, {k: float(v[1]) for k, v in LEADERSHIP.items()}, 0.0, pl.Float64),
            "level": level.astype(object)}  # fmt: skip


def _study_records(region: Region, staff: Staff, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Tugas belajar: PNS under 47 study for the next degree; starts since 2019 can end in the window."""
    n = len(staff.tmt)
    first_year, years = 2019, TODAY.year - 2019 + 1
    age = _years_between(staff.birth, TODAY_NP)
    eligible = (
        (staff.kind == 0)
        & (age < 47)
        & (staff.education >= EDU["SMA/SLTA"])
        & (staff.education <= EDU["S-1"])
    )
    year_index = np.floor(rng.random(n) / region.profile.study_rate).astype(int)
    who = np.flatnonzero(eligible & (year_index < years))
    start = _to_workday(_month_start(first_year + year_index[who], 7) + 14 + rng.integers(0, 30, len(who)))
    degree = np.where(staff.education[who] >= EDU["D-IV"], "S-2", "S-1").astype(object)
    days, jp, course = np.zeros(len(who), dtype=int), np.zeros(len(who)), np.zeros(len(who), dtype=np.int64)
    for d, ((d0, d1), (j0, j1), _) in STUDY_SPEC.items():
        rows = degree == d
        days[rows] = rng.integers(d0, d1 + 1, int(rows.sum()))
        jp[rows] = _round_to(rng.uniform(j0, j1, int(rows.sum())), 40)
        course[rows] = rng.choice([COURSE_ID[name] for name, _ in STUDY[d]], int(rows.sum()))
    keep = (start >= staff.tmt[who] + 365) & (start <= TODAY_NP)
    return {"who": who[keep], "method": np.full(int(keep.sum()), "Tugas Belajar", dtype=object),
            "start": start[keep], "end": (start + days)[keep], "course": course[keep], "jp": jp[keep],
            "level": degree[keep]}  # fmt: skip


def _development(region: Region, staff: Staff, rng: np.random.Generator) -> pl.DataFrame:
    """The region's development records (pengembangan), typed, with `_who` (the person's row)."""
    streams = [_general_records(region, staff, rng), _leadership_records(region, staff, rng),
               _study_records(region, staff, rng)]  # fmt: skip
    records = {key: np.concatenate([s[key] for s in streams]) for key in streams[0]}
    # Only what happened while the person was employed, up to today, ending in the history window.
    keep = (records["start"] >= staff.tmt[records["who"]]) & (records["start"] <= TODAY_NP)
    keep &= records["end"] >= HISTORY_START
    records = {key: values[keep] for key, values in records.items()}
    count = len(records["who"])
    p = region.profile
    method, course = records["method"], records["course"]

    courses = COURSES.select(pl.all().gather(course))
    provider = PROVIDER_LIST[
        PROVIDER_OFFSET[course] + (rng.random(count) * courses["n_providers"].to_numpy()).astype(int)
    ]
    status = _status(rng, method, records["end"])
    cost, known = _costs(rng, method, records["level"], p.cost_factor)
    funding = _funding(rng, method, provider, cost)
    funding_known = known | (rng.random(count) < 0.5)  # an unknown cost often has no source either
    ended = np.isin(status, ["Selesai", "Tidak Lulus"])
    tested = np.isin(method, [m for m, spec in METHODS.items() if spec.tested])
    with_test = tested & ended & (rng.random(count) < p.tested_share)
    pretest = np.clip(np.round(rng.normal(60, 12, count)), 20, 95)
    gain = np.where(status == "Tidak Lulus", rng.normal(4, 6, count), rng.normal(16, 8, count))
    posttest = np.clip(np.round(pretest + gain), 0, 100)
    mood = _lookup(
        method, {"Coaching": 0.1, "Mentoring": 0.1, "E-Learning": -0.2, "Seminar": -0.05}, 0.0, pl.Float64
    )
    rated = ended & (rng.random(count) < np.where(method == "E-Learning", 0.7, 0.88))
    satisfaction = np.clip(np.round(rng.normal(p.satisfaction + mood, 0.45), 1), 1, 5)
    local_providers = {"@region": region.hr_agency, "@province": region.provincial_agency,
                       "@university": region.university}  # fmt: skip
    frame = _frame({
        "_who": records["who"],
        "nip": staff.nip[records["who"]],
        "nama_kegiatan": courses["nama_kegiatan"],
        "jalur": _lookup(method, contract.KNOWN_BENTUK, None, pl.String),
        "bentuk": method,
        "jenis_kompetensi": courses["jenis_kompetensi"],
        "topik": courses["topik"],
        "penyelenggara": pl.Series(provider, dtype=pl.String).replace(local_providers),
        "tanggal_mulai": records["start"],
        "tanggal_selesai": records["end"],
        "jp": records["jp"].astype(np.int64),
        "biaya": _masked(cost, known),
        "sumber_dana": _masked(funding, funding_known),
        "status": status,
        "nilai_pretest": _masked(pretest, with_test),
        "nilai_posttest": _masked(posttest, with_test),
        "nilai_kepuasan": _masked(satisfaction, rated),
    })  # fmt: skip
    return frame.sort("tanggal_mulai", "nip", "nama_kegiatan", maintain_order=True)


def _status(rng: np.random.Generator, method: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Ongoing courses are Berjalan; of the others most pass, a few fail or withdraw."""
    u = rng.random(len(method))
    tested = np.isin(method, [m for m, spec in METHODS.items() if spec.tested])
    fail = np.where(tested, 0.025, 0.0)
    withdraw = np.where(method == "E-Learning", 0.07, 0.02)
    status = np.select([u < fail, u < fail + withdraw], ["Tidak Lulus", "Mengundurkan Diri"], "Selesai")
    return np.where(end > TODAY_NP, "Berjalan", status).astype(object)


def _costs(
    rng: np.random.Generator, method: np.ndarray, level: np.ndarray, factor: float
) -> tuple[np.ndarray, np.ndarray]:
    """Rupiah per participant by method (e-learning mostly free, leadership dearest); about 6 % unknown."""
    count = len(method)
    free, low, high = np.zeros(count), np.zeros(count), np.zeros(count)
    for name, spec in METHODS.items():
        rows = method == name
        free[rows], low[rows], high[rows] = spec.cost
    for lv, (_, _, (lo, hi), _) in LEADERSHIP.items():
        rows = (method == "Pelatihan Kepemimpinan") & (level == lv)
        low[rows], high[rows] = lo, hi
    for degree, (_, _, (lo, hi)) in STUDY_SPEC.items():
        rows = (method == "Tugas Belajar") & (level == degree)
        low[rows], high[rows] = lo, hi
    thousands = rng.uniform(low, high) * factor
    step = np.where(thousands >= 1_000, 50, 5)  # classroom fees in 50,000s, small fees in 5,000s
    cost = np.where(rng.random(count) < free, 0, _round_to(thousands, step) * 1_000).astype(np.int64)
    return cost, rng.random(count) >= 0.06


def _funding(
    rng: np.random.Generator, method: np.ndarray, provider: np.ndarray, cost: np.ndarray
) -> np.ndarray:
    """SUMBER_DANA: free courses cost nothing; central institutions often pay from the APBN."""
    u = rng.random(len(method))
    local = np.isin(provider, ["@region", "@province"])
    university = provider == "@university"
    self_paid = np.isin(method, ["Seminar", "Kuliah Umum"]) & (u > 0.65)
    funding = np.select(
        [cost == 0, method == "Tugas Belajar", self_paid, local, university],
        [np.full(len(u), "Tanpa Biaya"), np.where(u < 0.5, "APBD", np.where(u < 0.75, "APBN", "Lainnya")),
         np.full(len(u), "Mandiri"), np.where(u < 0.93, "APBD", np.where(u < 0.97, "Mandiri", "Lainnya")),
         np.where(u < 0.6, "APBD", np.where(u < 0.9, "Mandiri", "Lainnya"))],
        np.where(u < 0.55, "APBN", "APBD"),
    )  # fmt: skip
    return funding.astype(object)


# ---- competency, performance, careers ------------------------------------------------------------


def _assessment_dates(rng: np.random.Generator, year: np.ndarray) -> np.ndarray:
    """A weekday from March to November (to October in the current year)."""
    months = np.where(year == TODAY.year, TODAY.month - 2, 9)  # how many months from March on
    month = 2 + (rng.random(len(year)) * months).astype(int)
    return np.minimum(_to_workday(_month_start(year, month) + rng.integers(0, 26, len(year))), TODAY_NP)


def _competency(
    region: Region, staff: Staff, development: pl.DataFrame, rng: np.random.Generator
) -> pl.DataFrame:
    """Competency mapping against the position's standard. Some staff are assessed again two years
    later; those who completed more JP in between close more of their gap."""
    p = region.profile
    n = len(staff.tmt)
    reach = np.select([staff.jabatan == 0, (staff.jabatan == 1) & (staff.standard >= 2), staff.jabatan == 1],
                      [0.85, 0.45, 0.2], 0.12) * p.assessed_share  # fmt: skip
    reach = np.where(staff.kind >= 2, reach * 0.3, reach)
    year = rng.choice([2023, 2024, 2025], n, p=[0.4, 0.35, 0.25])
    first = _assessment_dates(rng, year)
    who = np.flatnonzero((rng.random(n) < reach) & (first >= staff.tmt + 180))
    first, year = first[who], year[who]
    second = _assessment_dates(rng, year + 2)
    again = (year <= 2024) & (rng.random(len(who)) < p.reassessed_share) & (second <= TODAY_NP)
    between = pl.DataFrame({"_who": who[again], "first": first[again], "second": second[again]})
    completed = development.filter(pl.col("status") == "Selesai").select("_who", "tanggal_selesai", "jp")
    trained = (
        between.join(completed, on="_who")
        .filter(pl.col("tanggal_selesai").is_between("first", "second"))
        .group_by("_who")
        .agg(pl.col("jp").sum())
    )
    jp = between.join(trained, on="_who", how="left", maintain_order="left")["jp"].fill_null(0).to_numpy()
    improvement = 0.05 + 0.55 * np.minimum(jp / 80, 1.0)

    names = [*contract.MANAGERIAL_COMPETENCIES, contract.SOCIO_CULTURAL_COMPETENCY]
    kinds = ["Manajerial"] * len(contract.MANAGERIAL_COMPETENCIES) + ["Sosial Kultural"]
    standard = staff.standard[who]
    ability = rng.normal(-p.gap, 0.45, len(who))
    bias = np.array([COMPETENCY_BIAS[c] for c in names])
    level1 = standard[:, None] + ability[:, None] + bias[None, :] + rng.normal(0, 0.4, (len(who), len(names)))
    level2 = level1[again] + improvement[:, None] + rng.normal(0, 0.25, (int(again.sum()), len(names)))
    method = np.select(
        [staff.jabatan[who] == 0, staff.jabatan[who] == 1], ["Assessment Center", "Uji Kompetensi"], "360"
    ).astype(object)

    def rows(people: np.ndarray, dates: np.ndarray, levels: np.ndarray, methods: np.ndarray) -> pl.DataFrame:
        m = len(names)
        return _frame({
            "nip": np.repeat(staff.nip[people], m),
            "tanggal_asesmen": np.repeat(dates, m),
            "kompetensi": np.tile(np.array(names, dtype=object), len(people)),
            "jenis_kompetensi": np.tile(np.array(kinds, dtype=object), len(people)),
            "level_standar": np.repeat(staff.standard[people], m).astype(np.int64),
            "level_aktual": np.clip(_round_to(levels.ravel(), 0.5), 1, 5),
            "metode": np.repeat(methods, m),
        })  # fmt: skip

    # About half the first assessments also rate a technical competency of the person's field.
    technical = np.flatnonzero(rng.random(len(who)) < 0.5)
    tech_name = np.full(len(technical), "", dtype=object)
    for cat in np.unique(staff.category[who[technical]]):
        at = staff.category[who[technical]] == cat
        tech_name[at] = _pick(
            rng, TECHNICAL_COMPETENCIES.get(cat, TECHNICAL_COMPETENCIES["_"]), int(at.sum())
        )
    tech_standard = np.clip(standard[technical] + 1, 1, 4)
    tech_level = tech_standard + ability[technical] - 0.1 + rng.normal(0, 0.45, len(technical))
    technical_rows = _frame({
        "nip": staff.nip[who[technical]],
        "tanggal_asesmen": first[technical],
        "kompetensi": tech_name,
        "jenis_kompetensi": "Teknis",
        "level_standar": tech_standard.astype(np.int64),
        "level_aktual": np.clip(_round_to(tech_level, 0.5), 1, 5),
        "metode": "Uji Kompetensi",
    })  # fmt: skip
    frames = [
        rows(who, first, level1, method),
        rows(who[again], second[again], level2, method[again]),
        technical_rows,
    ]
    return pl.concat(frames).sort(
        "tanggal_asesmen", "nip", "jenis_kompetensi", "kompetensi", maintain_order=True
    )


def _performance(region: Region, staff: Staff, rng: np.random.Generator) -> pl.DataFrame:
    """SKP ratings per year (persistent per person, better for those who develop) and POTENSIAL."""
    n = len(staff.tmt)
    drive = np.log(staff.engagement + 0.05)
    drive = (drive - drive.mean()) / (drive.std() or 1.0)
    young = _years_between(staff.birth, TODAY_NP) < 45
    mapped = (staff.kind == 0) & (rng.random(n) < region.profile.potential_share)
    potential_score = (0.5 * staff.talent + 0.15 * (staff.education - 7) + 0.3 * young + 0.2 * drive
                       + rng.normal(0, 0.7, n))  # fmt: skip
    potential = _by_quantile(potential_score, POTENSIAL, POTENSIAL_SHARE)
    frames = []
    for year in SKP_YEARS:
        rated = staff.tmt <= np.datetime64(f"{year}-07-01", "D")
        score = 0.55 * staff.talent + 0.35 * drive + 0.6 * rng.standard_normal(n)
        # Regions that started talent management late have POTENSIAL from 2024 on.
        has_potential = mapped & ((year >= 2024) | (region.profile.capacity >= 0.4))
        frames.append(_frame({
            "nip": staff.nip[rated],
            "tahun": np.full(int(rated.sum()), year),
            "predikat_kinerja": _by_quantile(score, PREDIKAT, PREDIKAT_SHARE)[rated],
            "potensial": _masked(potential[rated], has_potential[rated]),
        }))  # fmt: skip
    return pl.concat(frames)


def _by_quantile(score: np.ndarray, labels: Sequence[str], shares: Sequence[float]) -> np.ndarray:
    """Label the highest `shares[0]` of the scores labels[0], the next `shares[1]` labels[1], …"""
    if len(score) == 0:
        return np.array([], dtype=object)
    cuts = np.quantile(score, 1 - np.cumsum(shares)[:-1])
    return np.array(labels, dtype=object)[np.searchsorted(-cuts, -score, side="right")]


def _careers(staff: Staff, development: pl.DataFrame, rng: np.random.Generator) -> pl.DataFrame:
    """Promotions, rotations, study leave and a few transfers out, from January 2023 to today."""
    n = len(staff.tmt)
    frames = []

    def add(rows: np.ndarray, kind: str, dates: np.ndarray, origin: np.ndarray, target: np.ndarray) -> None:
        frames.append(_frame({"nip": staff.nip[rows], "tanggal": dates, "jenis": kind, "jabatan_asal": origin,
                              "jabatan_tujuan": target}))  # fmt: skip

    def dates_from(rows: np.ndarray, earliest: np.ndarray) -> np.ndarray:
        span = np.maximum((TODAY_NP - earliest).astype(int), 1)
        return np.minimum(_to_workday(earliest + (rng.random(len(rows)) * span).astype(int)), TODAY_NP)

    settled = np.maximum(HISTORY_START, staff.tmt + 365)  # no move in the first year of service
    # Promotions: structural posts filled in the window and functional jenjang steps; people who
    # develop more are promoted more often.
    previous = _lookup(staff.title, {t: p for t in np.unique(staff.title) if (p := _previous_title(t))}, None,
                       pl.String)  # fmt: skip
    drive = np.minimum(staff.engagement, 3.0)
    promoted = ((staff.jabatan == 0) & (rng.random(n) < 0.18 * drive)) | (
        (staff.jabatan == 1) & (previous != None) & (rng.random(n) < 0.08 * drive)  # noqa: E711 (elementwise)
    )
    rows = np.flatnonzero(promoted & (staff.tmt + 2 * 365 < TODAY_NP))
    # A structural post is reached from one eselon down (eselon IV from a functional or pelaksana post).
    tier = _lookup(staff.eselon[rows], {"II.a": 0, "II.b": 0, "III.a": 1, "III.b": 1}, 2, pl.Int64)
    earlier = np.select([tier == 0, tier == 1], [_pick(rng, PROMOTED_FROM[0], len(rows)),
                                                _pick(rng, PROMOTED_FROM[1], len(rows))],
                        _pick(rng, PROMOTED_FROM[2], len(rows)))  # fmt: skip
    origin = np.where(staff.jabatan[rows] == 0, earlier, previous[rows])
    add(rows, "Promosi", dates_from(rows, settled[rows]), origin, staff.title[rows])
    # Rotations between comparable posts (same position type and eselon or jenjang).
    rate = np.select([staff.jabatan == 0, staff.jabatan == 2], [0.25, 0.05], 0.01)
    rows = np.flatnonzero((staff.kind == 0) & (rng.random(n) < rate) & (settled < TODAY_NP))
    level = _lookup(staff.eselon[rows], {e: i + 1 for i, e in enumerate(ESELON_GOLONGAN)}, 0, pl.Int64)
    peer = _peer_within(rng, staff.jabatan[rows] * 100 + level * 10 + staff.standard[rows])
    add(rows, "Rotasi", dates_from(rows, settled[rows]), staff.title[rows[peer]], staff.title[rows])
    # Study leave starts (tugas belajar begun in the window).
    study = development.filter(
        (pl.col("bentuk") == "Tugas Belajar") & (pl.col("tanggal_mulai") >= HISTORY_START)
    )
    rows = study["_who"].to_numpy()
    add(rows, "Tugas Belajar", study["tanggal_mulai"].to_numpy(), staff.title[rows],
        study["nama_kegiatan"].str.replace("Tugas Belajar ", "").to_numpy())  # fmt: skip
    # Transfers out decided in the last months: the snapshot still lists them (the contract needs every
    # NIP in the staff file, so people who have already left cannot appear at all).
    rows = np.flatnonzero((staff.kind == 0) & (rng.random(n) < 0.003))
    add(rows, "Mutasi Keluar", dates_from(rows, np.maximum(TODAY_NP - 75, settled[rows])), staff.title[rows],
        np.full(len(rows), None))  # fmt: skip
    return pl.concat(frames).sort("tanggal", "nip", "jenis", maintain_order=True)


def _peer_within(rng: np.random.Generator, group: np.ndarray) -> np.ndarray:
    """For each element, the index of another element of the same group (itself when alone)."""
    n = len(group)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    order = np.lexsort((rng.random(n), group))  # grouped, shuffled within each group
    sorted_group = group[order]
    first = np.r_[True, sorted_group[1:] != sorted_group[:-1]]
    last = np.r_[sorted_group[1:] != sorted_group[:-1], True]
    group_start = np.maximum.accumulate(np.where(first, np.arange(n), 0))
    following = np.where(last, group_start, np.arange(n) + 1)  # the next one, wrapping around
    peer = np.empty(n, dtype=np.int64)
    peer[order] = order[following]
    return peer


PROMOTED_FROM = (  # earlier posts of those promoted to eselon II, III and IV
    ("Kepala Bidang Perencanaan dan Program", "Sekretaris Dinas", "Kepala Bagian Umum", "Camat"),
    ("Kepala Seksi Pelayanan", "Kepala Subbagian Umum dan Kepegawaian", "Kepala Subbagian Keuangan", "Lurah"),
    (
        "Analis Kebijakan Ahli Muda",
        "Penelaah Teknis Kebijakan",
        "Perencana Ahli Muda",
        "Penata Layanan Operasional",
    ),
)
FUNCTIONAL_STEP = {"Ahli Muda": "Ahli Pertama", "Ahli Madya": "Ahli Muda", "Ahli Utama": "Ahli Madya",
                   "Mahir": "Terampil", "Penyelia": "Mahir"}  # fmt: skip


def _previous_title(title: str) -> str | None:
    """The functional title one jenjang down ("Guru Ahli Madya" -> "Guru Ahli Muda"), if any."""
    for level, before in FUNCTIONAL_STEP.items():
        if title.endswith(" " + level):
            return title[: -len(level)] + before
    return None


# ---- budget and needs ----------------------------------------------------------------------------


def _budget(region: Region, staff: Staff, rng: np.random.Generator) -> pl.DataFrame:
    """SIPD rows per budget line and month: PAGU as it stood that month, REALISASI spent that month."""
    p = region.profile
    units = region.units
    staff_per_unit = np.bincount(staff.unit, minlength=len(units)).astype(float)
    hr_unit = next((u for u in units if u.category == "kepegawaian"), units[0])
    central = [line for line in CENTRAL_BUDGET_LINES if p.capacity >= line[3]]
    # Training-affairs lines (5.04…) sit with a province's BPSDM where there is one.
    owner = {code: next((u for u in units if u.urusan == code[:4]), hr_unit) for code, *_ in central}
    lines = [(owner[code].name, code, name, share) for code, name, share, _ in central]
    # Every OPD has its own training line, by size; weak regions' small kecamatan offices have none.
    is_kecamatan = np.array([u.category == "kecamatan" for u in units])
    has_line = (staff_per_unit > 0) & ~(is_kecamatan & (rng.random(len(units)) > 0.3 + p.capacity))
    weight = np.where(has_line, staff_per_unit**0.8 * rng.lognormal(0, 0.35, len(units)), 0)
    opd_share = 1 - sum(share for *_, share in lines)
    lines += [(u.name, f"{u.urusan}.{OPD_BUDGET_LINE[0]}", OPD_BUDGET_LINE[1], opd_share * w)
              for u, w in zip(units, weight / max(weight.sum(), 1e-9), strict=True) if w > 0]  # fmt: skip
    shares = np.array([line[3] for line in lines])
    frames = []
    for year in YEARS:
        total = region.size * p.budget_per_asn * BUDGET_YEAR[year] * rng.lognormal(0, 0.05)
        pagu = _round_to(total * shares * rng.lognormal(0, 0.1, len(lines)), 1_000)
        # APBD Perubahan from September: top-ups in most years, cuts in 2025's efficiency drive.
        revised = rng.random(len(lines)) < (0.45 if year == 2025 else 0.3)
        change = rng.uniform(0.75, 0.95, len(lines)) if year == 2025 else rng.uniform(0.9, 1.25, len(lines))
        final = np.where(revised, _round_to(pagu * change, 1_000), pagu)
        spend = final * np.clip(rng.normal(p.absorption, 0.04, len(lines)), 0.6, 0.995)
        # Back-loaded spending; small lines are spent in a few lumps (when staff go on a course).
        pattern = SPENDING_PROFILE[None, :] * rng.lognormal(0, 0.35, (len(lines), 12))
        pattern = np.where((shares < 0.02)[:, None] & (rng.random((len(lines), 12)) < 0.55), 0, pattern)
        pattern[:, 11] += 1e-9  # never all zero
        realisasi = _round_to(spend[:, None] * pattern / pattern.sum(axis=1, keepdims=True), 1_000)
        months = np.arange(1, (TODAY.month if year == TODAY.year else 12) + 1)
        frames.append(_frame({
            "tahun": year,
            "bulan": np.tile(months, len(lines)),
            "wilayah": region.budget_name,
            "unit_kerja": np.repeat([line[0] for line in lines], len(months)),
            "kode_sub_kegiatan": np.repeat([line[1] for line in lines], len(months)),
            "nama_sub_kegiatan": np.repeat([line[2] for line in lines], len(months)),
            "pagu": np.where(months[None, :] >= 9, final[:, None], pagu[:, None]).ravel().astype(np.int64),
            "realisasi": realisasi[:, : len(months)].ravel().astype(np.int64),
        }))  # fmt: skip
    return pl.concat(frames)


def _needs(region: Region, staff: Staff, rng: np.random.Generator) -> pl.DataFrame:
    """Training-needs survey per year and OPD: the topics staff asked for, the most wanted first."""
    units = region.units
    staff_per_unit = np.bincount(staff.unit, minlength=len(units))
    present = np.flatnonzero(staff_per_unit > 0)
    topics = np.array(contract.KNOWN_TOPIK, dtype=object)
    preference = np.array(
        [TOPIC_PREFERENCE.get(units[u].category, TOPIC_PREFERENCE["_"]) for u in present], float
    )
    digital = list(topics).index("Teknologi Informasi")
    frames = []
    for year in YEARS:
        trend = np.ones(len(topics))
        trend[digital] = 1 + 0.25 * (year - YEARS[0])  # digital skills are asked for more every year
        score = np.log(preference * trend) + rng.gumbel(size=preference.shape)
        rank = np.argsort(np.argsort(-score, axis=1), axis=1)
        wanted = np.clip(2 + staff_per_unit[present] // 150, 2, 6)
        unit_rows, topic_index = np.nonzero(rank < wanted[:, None])
        place = rank[unit_rows, topic_index]
        share = rng.uniform(0.03, 0.22, len(place)) / (1 + 0.3 * place)  # fewer ask for the later topics
        interest = np.maximum(1, np.round(staff_per_unit[present][unit_rows] * share))
        priority = np.array(PRIORITAS, dtype=object)[np.minimum(place, 2)]
        frames.append(_frame({
            "tahun": year,
            "wilayah": region.budget_name,
            "unit_kerja": np.array([units[u].name for u in present], dtype=object)[unit_rows],
            "topik": topics[topic_index],
            "jumlah_peminat": interest.astype(np.int64),
            "prioritas": _masked(priority, rng.random(len(place)) >= 0.12),
        }))  # fmt: skip
    return pl.concat(frames)


# ---- one region's datasets -----------------------------------------------------------------------

DATASETS = ("pegawai", "pengembangan", "kompetensi", "kinerja", "karier", "anggaran", "kebutuhan")


# Entry slips a data-quality check should catch (src/metrics/quality.py), in each region's records of
# the current year: two one-day seminars with a whole programme's JP typed in, and two Bimtek fees
# with an extra zero. Chosen by position, not drawn, so every other value stays as the seed made it.
SLIP_JP = 40
SLIP_COST_FACTOR = 10


def _entry_slips(development: pl.DataFrame) -> pl.DataFrame:
    frame = development.with_row_index("_row")
    this_year = pl.col("tanggal_selesai").dt.year() == TODAY.year

    def two(rows: pl.Series) -> list[int]:
        return rows.gather_every(max(len(rows) // 3, 1), offset=len(rows) // 3).head(2).to_list()

    seminars = two(frame.filter(this_year & (pl.col("bentuk") == "Seminar"))["_row"])
    fees = two(frame.filter(this_year & (pl.col("bentuk") == "Bimtek") & (pl.col("biaya") > 0))["_row"])
    return frame.with_columns(
        jp=pl.when(pl.col("_row").is_in(seminars)).then(SLIP_JP).otherwise(pl.col("jp")),
        biaya=pl.when(pl.col("_row").is_in(fees))
        .then(pl.col("biaya") * SLIP_COST_FACTOR)
        .otherwise(pl.col("biaya")),
    ).drop("_row")


def generate_region(region: Region, index: int, seed: int, nips: NipRegistry) -> dict[str, pl.DataFrame]:
    """Every dataset of one region: the contract's columns under their database names, typed."""
    rng = np.random.default_rng([seed, index])
    staff = _staff(region, rng, nips)
    development = _development(region, staff, rng)
    return {
        "pegawai": staff.frame,
        "pengembangan": _entry_slips(development.drop("_who")),
        "kompetensi": _competency(region, staff, development, rng),
        "kinerja": _performance(region, staff, rng),
        "karier": _careers(staff, development, rng),
        "anggaran": _budget(region, staff, rng),
        "kebutuhan": _needs(region, staff, rng),
    }


# ---- file formats --------------------------------------------------------------------------------

SIASN_STAFF_HEADERS = {
    "TANGGAL_LAHIR": "TGL_LHR", "JENIS_PEGAWAI": "JENIS_PEGAWAI_NAMA", "GOLONGAN": "GOL_AKHIR_NAMA",
    "JENIS_JABATAN": "JENIS_JABATAN_NAMA", "ESELON": "ESELON_NAMA", "JABATAN": "JABATAN_NAMA",
    "TINGKAT_PENDIDIKAN": "TINGKAT_PENDIDIKAN_NAMA", "UNIT_KERJA": "UNOR_INDUK_NAMA",
    "WILAYAH": "INSTANSI_KERJA_NAMA",
}  # fmt: skip
SIASN_COURSE_HEADERS = {
    "NAMA_KEGIATAN": "NAMA_KURSUS", "BENTUK": "JENIS_KURSUS", "PENYELENGGARA": "INSTITUSI_PENYELENGGARA",
    "TANGGAL_MULAI": "TANGGAL_KURSUS", "TANGGAL_SELESAI": "TANGGAL_SELESAI_KURSUS", "JP": "JUMLAH_JAM",
}  # fmt: skip
SHORT_EDUCATION = {"SMA/SLTA": "SLTA", "SMP": "SLTP", "D-I": "D1", "D-II": "D2", "D-III": "D3", "D-IV": "D4",
                   "S-1": "S1", "S-2": "S2", "S-3": "S3"}  # fmt: skip
MONEY = {"BIAYA", "PAGU", "REALISASI"}


@dataclass(frozen=True)
class Style:
    """How one agency's export looks: delimiter, date and number style, header and value spellings."""

    delimiter: str = ","
    date_format: str = "%Y-%m-%d"
    indonesian_numbers: bool = False  # `Rp1.250.000` money, `4,5` decimals
    bom: bool = False
    headers: dict[str, str] = field(default_factory=dict)  # contract name -> header in the file
    spellings: dict[str, dict[str, str]] = field(default_factory=dict)  # column -> value -> as written
    extra_columns: tuple[str, ...] = ()  # beyond the contract (the importer ignores and reports them)


PLAIN = Style()
SIASN = Style(headers=SIASN_STAFF_HEADERS)
# Semarang: the SIASN export as it comes (gender as M/F, degree titles in an extra column).
SEMARANG_STAFF = Style(headers=SIASN_STAFF_HEADERS, spellings={"JENIS_KELAMIN": {"L": "M", "P": "F"}},
                       extra_columns=("GELAR_BELAKANG",))  # fmt: skip
# Serang: `;` files saved from a spreadsheet in Indonesian locale, with SIASN course headers.
SERANG = Style(
    delimiter=";", date_format="%d-%m-%Y", indonesian_numbers=True, bom=True,
    headers={**SIASN_STAFF_HEADERS, **SIASN_COURSE_HEADERS},
    spellings={"JENIS_KELAMIN": {"L": "Laki-laki", "P": "Perempuan"}, "TINGKAT_PENDIDIKAN": SHORT_EDUCATION,
               "JENIS_JABATAN": {j: f"Jabatan {j}" for j in JENIS_JABATAN},
               "ESELON": {e: e.replace(".", "/") for e in ESELON_GOLONGAN}, "STATUS": {"Selesai": "Lulus"}},
)  # fmt: skip
NAMED_STYLES = {  # file (dataset, or dataset_region) -> style, for the three named regions
    "pegawai_semarang": SEMARANG_STAFF,
    "pegawai_serang": SERANG,
    "pegawai_siulak": SIASN,
    "pengembangan_semarang": PLAIN,
    "pengembangan_serang": SERANG,
    "pengembangan_siulak": Style(date_format="%d/%m/%Y"),
    "kompetensi": PLAIN,
    "kinerja": Style(
        delimiter=";", headers={"PREDIKAT_KINERJA": "PREDIKAT", "POTENSIAL": "KATEGORI_POTENSIAL"}
    ),
    "karier": Style(date_format="%d-%m-%Y", headers={"TANGGAL": "TMT"}),
    "anggaran": Style(headers={"UNIT_KERJA": "SKPD"}),
    "kebutuhan": Style(headers={"UNIT_KERJA": "OPD"}),
}
NAMED_XLSX = frozenset({"pegawai_siulak", "anggaran", "kebutuhan"})
# The generated regions' batches alternate between two looks (always CSV: these files can be large).
BATCH_STYLES = ({"pegawai": SIASN}, dict.fromkeys(DATASETS, SERANG))


def _thousands(value: pl.Expr) -> pl.Expr:
    """Whole numbers with thousands dots: 1250000 -> `1.250.000` (grouped on the reversed digits)."""
    reversed_digits = value.cast(pl.Int64).cast(pl.String).str.reverse()
    return reversed_digits.str.replace_all(r"(\d{3})", "${1}.").str.strip_suffix(".").str.reverse()


def to_export(frame: pl.DataFrame, dataset: str, style: Style, as_text: bool = True) -> pl.DataFrame:
    """The contract's columns under the file's headers, written as the style writes them.

    With `as_text=False` (XLSX) dates and numbers stay typed, to become real date and number cells.
    """
    columns = []
    for column in contract.DATASETS[dataset].columns:
        expr = pl.col(column.db_name)
        dtype = frame.schema[column.db_name]
        if column.name in style.spellings:
            expr = expr.replace(style.spellings[column.name])
        if as_text and dtype == pl.Date:
            expr = expr.dt.strftime(style.date_format)
        elif as_text and dtype.is_float():
            expr = expr.round(1).cast(pl.String)
            if style.indonesian_numbers:
                expr = expr.str.replace(".", ",", literal=True)
        elif as_text and column.name in MONEY and style.indonesian_numbers:
            expr = _thousands(expr)
            if column.name == "BIAYA":
                expr = pl.concat_str(pl.lit("Rp"), expr)
        header = style.headers.get(column.name, column.name)
        columns.append(expr.alias(header if header in (column.name, *column.aliases) else column.name))
    columns += [pl.col(extra.lower()).alias(extra) for extra in style.extra_columns]
    return frame.select(columns)


class _ExportFile:
    """One export file: CSV parts are appended as regions come; XLSX is written once at the end."""

    def __init__(self, path: Path, dataset: str, style: Style) -> None:
        self.path, self.dataset, self.style = path, dataset, style
        self.parts: list[pl.DataFrame] = []
        self.handle: IO[bytes] | None = None

    def add(self, frame: pl.DataFrame) -> None:
        if frame.is_empty():
            return
        if self.path.suffix == ".xlsx":
            self.parts.append(to_export(frame, self.dataset, self.style, as_text=False))
            return
        first = self.handle is None
        if self.handle is None:
            self.handle = self.path.open("wb")
        to_export(frame, self.dataset, self.style).write_csv(
            self.handle, separator=self.style.delimiter, include_header=first,
            include_bom=self.style.bom and first, line_terminator="\r\n",
        )  # fmt: skip

    def close(self) -> Path | None:
        if self.handle is not None:
            self.handle.close()
            return self.path
        if not self.parts:
            return None
        workbook = xlsxwriter.Workbook(str(self.path))
        # A fixed creation time keeps the workbook byte-identical for the same seed.
        workbook.set_properties({"created": dt.datetime(TODAY.year, TODAY.month, TODAY.day)})
        pl.concat(self.parts).write_excel(
            workbook, "Data", dtype_formats={pl.Date: "dd/mm/yyyy"}, autofit=False
        )
        workbook.close()
        return self.path


@dataclass
class _Batch:
    """Regions imported together (one import call), and how their files look."""

    regions: list[tuple[int, Region]]
    prefix: str = ""  # file name prefix
    styles: dict[str, Style] = field(default_factory=dict)  # by file key or by dataset
    per_region: tuple[str, ...] = ()  # datasets written one file per region
    xlsx: frozenset[str] = frozenset()  # file keys written as XLSX

    def file_key(self, dataset: str, region: Region) -> str:
        return f"{dataset}_{_slug(region.name)}" if dataset in self.per_region else dataset


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def _batches(regions: list[Region]) -> list[_Batch]:
    """The named regions in their own files; generated regions in batches of about BATCH_STAFF staff."""
    batches = [_Batch([(i, r) for i, r in enumerate(regions) if r.named], "", NAMED_STYLES,
                      ("pegawai", "pengembangan"), NAMED_XLSX)]  # fmt: skip
    group: list[tuple[int, Region]] = []
    for i, region in enumerate(regions):
        if region.named:
            continue
        if group and sum(r.size for _, r in group) + region.size > BATCH_STAFF:
            batches.append(_Batch(group))
            group = []
        group.append((i, region))
    if group:
        batches.append(_Batch(group))
    for number, batch in enumerate(batches[1:], start=1):
        batch.prefix = f"wilayah_lain_{number:02d}_"
        batch.styles = BATCH_STYLES[(number - 1) % len(BATCH_STYLES)]
    return batches


def _write_batch(
    batch: _Batch, out_dir: Path, seed: int, nips: NipRegistry, progress: Progress
) -> list[Path]:
    files: dict[str, _ExportFile] = {}
    for index, region in batch.regions:
        progress(f"Menulis data {region.name} ({_count(region.size)} ASN)…")
        data = generate_region(region, index, seed, nips)
        for dataset in DATASETS:
            key = batch.file_key(dataset, region)
            if key not in files:
                suffix = ".xlsx" if key in batch.xlsx else ".csv"
                style = batch.styles.get(key, batch.styles.get(dataset, PLAIN))
                files[key] = _ExportFile(out_dir / f"{batch.prefix}{key}{suffix}", dataset, style)
            files[key].add(data[dataset])
    return [path for file in files.values() if (path := file.close()) is not None]


def _count(value: int) -> str:
    return f"{value:,}".replace(",", ".")


# ---- public interface ----------------------------------------------------------------------------


def _write_batches(out_dir: Path, scale: int | None, seed: int, progress: Progress) -> list[list[Path]]:
    out_dir.mkdir(parents=True, exist_ok=True)
    nips = NipRegistry()  # shared by all batches: NIPs are unique nationally
    return [
        _write_batch(batch, out_dir, seed, nips, progress) for batch in _batches(plan_regions(scale, seed))
    ]


def write_exports(
    out_dir: Path, scale: int | None = None, seed: int = 2026, progress: Progress = print
) -> list[Path]:
    """Write sample export files (contract formats) into out_dir; return their paths."""
    return [path for batch in _write_batches(Path(out_dir), scale, seed, progress) for path in batch]


def build_demo(
    db_path: Path | str,
    scale: int | None = None,
    seed: int = 2026,
    progress: Progress = print,
    keep_files: Path | None = None,
) -> ImportResult:
    """Write the exports (into keep_files, or a temporary folder) and load them through
    src.warehouse.importer.import_files into the database at db_path (created if missing).

    Large scales are imported batch by batch (each batch all or nothing); the first refused batch
    stops the build and its result is returned. Meant for a new database: an import replaces only the
    regions it contains, so regions of an earlier, larger demo would stay (and their NIPs can clash
    with those of a demo made with another seed).
    """
    with tempfile.TemporaryDirectory(prefix="asn_demo_") as temporary:
        folder = Path(keep_files) if keep_files is not None else Path(temporary)
        batches = _write_batches(folder, scale, seed, progress)
        combined = ImportResult(ProblemList())

        def load_batches(con: duckdb.DuckDBPyConnection) -> bool:
            nonlocal combined
            for number, paths in enumerate(batches, start=1):
                part = f" (kelompok {number}/{len(batches)})" if len(batches) > 1 else ""
                progress(f"Mengimpor {len(paths)} berkas{part}…")
                result = import_files(con, paths)
                combined.notes.extend(result.notes)
                if not result.ok:
                    result.notes = combined.notes
                    combined = result
                    return False
                for name, rows in result.rows.items():
                    combined.rows[name] = combined.rows.get(name, 0) + rows
                for name, slices in result.slices.items():
                    combined.slices.setdefault(name, []).extend(slices)
            return True

        # Published as one new version of the data (src/warehouse/versions.py), or not at all.
        build_version(db_path, who="demo", action="demo", fill=load_batches)
        return combined
