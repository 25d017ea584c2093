"""The export-file contract (shared/data-contract.md) as data.

The importer, the sample-data generator and the tests all read these definitions, so a column, an
alias or an accepted value is written down exactly once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    TEXT = "text"
    NIP = "nip"
    DATE = "date"
    NUMBER = "number"  # decimal allowed
    INTEGER = "integer"
    CHOICE = "choice"  # closed list: other values are errors
    OPEN_CHOICE = "open_choice"  # open list: known spellings are normalised, others kept and reported


def choice_key(value: str) -> str:
    """How a categorical cell is compared: case, spaces, `-`, `_`, `.` and `/` do not matter."""
    return re.sub(r"[\s\-_./]+", "", value.casefold())


def _choices(canonical_to_variants: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Map every accepted spelling (by its choice_key) to the canonical value."""
    table: dict[str, str] = {}
    for canonical, variants in canonical_to_variants.items():
        for spelling in (canonical, *variants):
            table[choice_key(spelling)] = canonical
    return table


@dataclass(frozen=True)
class Column:
    name: str  # canonical header, as in the contract
    kind: Kind
    required: bool
    aliases: tuple[str, ...] = ()
    choices: dict[str, str] = field(default_factory=dict)  # choice_key -> canonical value
    minimum: float | None = None
    maximum: float | None = None
    personal: bool = False  # never echo the value in a message (names, birth dates)
    db_column: str = ""  # the warehouse column, when it is not simply the lower-case name

    @property
    def db_name(self) -> str:
        return self.db_column or self.name.lower()


@dataclass(frozen=True)
class Dataset:
    name: str
    columns: tuple[Column, ...]
    # Human description of what an import of this dataset replaces (shown in docs and previews).
    replaces: str
    # Columns that must be unique together within one import (the contract's "one row per ...").
    unique_key: tuple[str, ...] = ()

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def required_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.required)


def header_key(header: str) -> str:
    """Header matching: case-insensitive, surrounding spaces ignored, `-`, `.` and spaces count as `_`."""
    return re.sub(r"[\s\-.]", "_", header.strip()).upper()


# ---- value lists ---------------------------------------------------------------------------------

GENDER = _choices(
    {"L": ("M", "Laki-laki", "Laki laki", "Pria"), "P": ("F", "Perempuan", "Wanita")}
)
JENIS_PEGAWAI = _choices({"PNS": (), "CPNS": (), "PPPK": (), "PPPK Paruh Waktu": ()})
PNS_GOLONGAN = [f"{g}/{r}" for g in ("I", "II", "III") for r in "abcd"] + [
    f"IV/{r}" for r in "abcde"
]
PPPK_GOLONGAN = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
]  # fmt: skip
GOLONGAN = _choices({g: () for g in PNS_GOLONGAN + PPPK_GOLONGAN})
JENIS_JABATAN = _choices(
    {
        "Struktural": ("Jabatan Struktural",),
        "Fungsional": ("Fungsional Tertentu", "Jabatan Fungsional"),
        "Pelaksana": ("Fungsional Umum", "Jabatan Pelaksana"),
    }
)
ESELON = _choices({e: () for e in ("II.a", "II.b", "III.a", "III.b", "IV.a", "IV.b")})
PENDIDIKAN = _choices(
    {
        "SD": (),
        "SMP": ("SLTP",),
        "SMA/SLTA": ("SMA", "SLTA", "SMK"),
        "D-I": ("D1",),
        "D-II": ("D2",),
        "D-III": ("D3",),
        "D-IV": ("D4",),
        "S-1": ("S1",),
        "S-2": ("S2",),
        "S-3": ("S3",),
    }
)
JALUR = _choices(
    {"Pelatihan Klasikal": ("Klasikal",), "Pelatihan Non-Klasikal": ("Non-Klasikal",), "Pendidikan": ()}
)
# BENTUK is an open list; these are the spellings we know and normalise to. Each belongs to a jalur
# (used to describe the method in the app; the record's own JALUR is what the metrics use).
KNOWN_BENTUK = {
    "Pelatihan Teknis": "Pelatihan Klasikal",
    "Pelatihan Kepemimpinan": "Pelatihan Klasikal",
    "Pelatihan Fungsional": "Pelatihan Klasikal",
    "Seminar": "Pelatihan Klasikal",
    "Workshop": "Pelatihan Klasikal",
    "Bimtek": "Pelatihan Klasikal",
    "E-Learning": "Pelatihan Non-Klasikal",
    "Coaching": "Pelatihan Non-Klasikal",
    "Mentoring": "Pelatihan Non-Klasikal",
    "Magang": "Pelatihan Non-Klasikal",
    "Kuliah Umum": "Pelatihan Non-Klasikal",
    "Tugas Belajar": "Pendidikan",
}
BENTUK = _choices({b: () for b in KNOWN_BENTUK})
JENIS_KOMPETENSI = _choices(
    {"Teknis": (), "Manajerial": (), "Sosial Kultural": ("Sosio Kultural", "Sosiokultural")}
)
KNOWN_TOPIK = (
    "Keuangan", "SDM", "Manajemen Proyek", "Teknologi Informasi", "Pelayanan Publik",
    "Kebijakan Publik", "Kepemimpinan", "Komunikasi", "Manajemen Pemerintahan", "Perencanaan Strategis",
)  # fmt: skip
TOPIK = _choices({t: () for t in KNOWN_TOPIK})
SUMBER_DANA = _choices({s: () for s in ("APBD", "APBN", "Mandiri", "Tanpa Biaya", "Lainnya")})
STATUS = _choices(
    {"Selesai": ("Lulus",), "Tidak Lulus": (), "Mengundurkan Diri": (), "Berjalan": ()}
)
MANAGERIAL_COMPETENCIES = (
    "Integritas", "Kerja Sama", "Komunikasi", "Orientasi pada Hasil", "Pelayanan Publik",
    "Pengembangan Diri dan Orang Lain", "Mengelola Perubahan", "Pengambilan Keputusan",
)  # fmt: skip
SOCIO_CULTURAL_COMPETENCY = "Perekat Bangsa"
KOMPETENSI = _choices({k: () for k in (*MANAGERIAL_COMPETENCIES, SOCIO_CULTURAL_COMPETENCY)})
PREDIKAT = _choices(
    {p: () for p in ("Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang")}
)
POTENSIAL = _choices({p: () for p in ("Tinggi", "Menengah", "Rendah")})
JENIS_KARIER = _choices({j: () for j in ("Rotasi", "Promosi", "Tugas Belajar", "Mutasi Keluar")})
PRIORITAS = _choices({p: () for p in ("Tinggi", "Sedang", "Rendah")})

NIP = Column("NIP_BARU", Kind.NIP, True, ("NIP",), db_column="nip")
YEAR_RANGE = (1990, 2100)
# Upper bounds the contract leaves open, chosen to fit the warehouse's types (DECIMAL(18, 2),
# INTEGER) with room to spare: Rp 1 quadrillion, a million respondents.
MAX_RUPIAH = 10**15
MAX_COUNT = 1_000_000


def _year(name: str = "TAHUN") -> Column:
    return Column(name, Kind.INTEGER, True, minimum=YEAR_RANGE[0], maximum=YEAR_RANGE[1])


# ---- datasets ------------------------------------------------------------------------------------

PEGAWAI = Dataset(
    "pegawai",
    (
        NIP,
        Column("NAMA", Kind.TEXT, True, personal=True),
        Column("JENIS_KELAMIN", Kind.CHOICE, True, choices=GENDER),
        Column("TANGGAL_LAHIR", Kind.DATE, True, ("TGL_LHR", "TGL_LAHIR"), personal=True),
        Column(
            "JENIS_PEGAWAI", Kind.CHOICE, True, ("JENIS_PEGAWAI_NAMA", "STATUS_PEGAWAI"),
            choices=JENIS_PEGAWAI,
        ),
        Column("GOLONGAN", Kind.CHOICE, True, ("GOL_AKHIR_NAMA", "GOL_RUANG"), choices=GOLONGAN),
        Column("JENIS_JABATAN", Kind.CHOICE, True, ("JENIS_JABATAN_NAMA",), choices=JENIS_JABATAN),
        Column("ESELON", Kind.CHOICE, False, ("ESELON_NAMA",), choices=ESELON),
        Column("JABATAN", Kind.TEXT, True, ("JABATAN_NAMA",)),
        Column(
            "TINGKAT_PENDIDIKAN", Kind.CHOICE, True, ("TINGKAT_PENDIDIKAN_NAMA",),
            choices=PENDIDIKAN,
        ),
        Column(
            "UNIT_KERJA", Kind.TEXT, True, ("SATUAN_KERJA_INDUK_NAMA", "UNOR_INDUK_NAMA", "OPD")
        ),
        Column("WILAYAH", Kind.TEXT, True, ("INSTANSI_KERJA_NAMA",)),
        Column("TMT_CPNS", Kind.DATE, False),
    ),
    replaces="the whole staff snapshot of each region in the file",
    unique_key=("NIP_BARU",),
)

PENGEMBANGAN = Dataset(
    "pengembangan",
    (
        NIP,
        Column("NAMA_KEGIATAN", Kind.TEXT, True, ("NAMA_KURSUS", "NAMA_DIKLAT", "NAMA_PELATIHAN")),
        Column("JALUR", Kind.CHOICE, True, choices=JALUR),
        Column("BENTUK", Kind.OPEN_CHOICE, True, ("JENIS_KURSUS", "JENIS_DIKLAT", "METODE"), choices=BENTUK),
        Column("JENIS_KOMPETENSI", Kind.CHOICE, True, choices=JENIS_KOMPETENSI),
        Column("TOPIK", Kind.OPEN_CHOICE, False, choices=TOPIK),
        Column("PENYELENGGARA", Kind.TEXT, True, ("INSTITUSI_PENYELENGGARA",)),
        Column("TANGGAL_MULAI", Kind.DATE, True, ("TANGGAL_KURSUS",)),
        Column("TANGGAL_SELESAI", Kind.DATE, True, ("TANGGAL_SELESAI_KURSUS",)),
        Column("JP", Kind.NUMBER, True, ("JUMLAH_JAM", "JUMLAH_JP"), minimum=0, maximum=2000),
        Column("BIAYA", Kind.NUMBER, False, minimum=0, maximum=MAX_RUPIAH),
        Column("SUMBER_DANA", Kind.CHOICE, False, choices=SUMBER_DANA),
        Column("STATUS", Kind.CHOICE, True, choices=STATUS),
        Column("NILAI_PRETEST", Kind.NUMBER, False, minimum=0, maximum=100),
        Column("NILAI_POSTTEST", Kind.NUMBER, False, minimum=0, maximum=100),
        Column("NILAI_KEPUASAN", Kind.NUMBER, False, minimum=1, maximum=5),
    ),
    replaces="all development records of each (region, year of TANGGAL_SELESAI) in the file",
)

ANGGARAN = Dataset(
    "anggaran",
    (
        _year(),
        Column("BULAN", Kind.INTEGER, True, minimum=1, maximum=12),
        Column("WILAYAH", Kind.TEXT, True),
        Column("UNIT_KERJA", Kind.TEXT, True, ("OPD", "SKPD")),
        Column("KODE_SUB_KEGIATAN", Kind.TEXT, True, ("KODE_REKENING",)),
        Column("NAMA_SUB_KEGIATAN", Kind.TEXT, True, ("URAIAN",)),
        Column("PAGU", Kind.NUMBER, True, ("ANGGARAN",), minimum=0, maximum=MAX_RUPIAH),
        Column("REALISASI", Kind.NUMBER, True, minimum=0, maximum=MAX_RUPIAH),
    ),
    replaces="every budget row of each (region, year) in the file",
    unique_key=("TAHUN", "BULAN", "WILAYAH", "UNIT_KERJA", "KODE_SUB_KEGIATAN"),
)

KOMPETENSI_DATASET = Dataset(
    "kompetensi",
    (
        NIP,
        Column("TANGGAL_ASESMEN", Kind.DATE, True, ("TANGGAL",)),
        Column("KOMPETENSI", Kind.OPEN_CHOICE, True, choices=KOMPETENSI),
        Column("JENIS_KOMPETENSI", Kind.CHOICE, True, choices=JENIS_KOMPETENSI),
        Column("LEVEL_STANDAR", Kind.INTEGER, True, ("STANDAR",), minimum=1, maximum=5),
        Column("LEVEL_AKTUAL", Kind.NUMBER, True, ("NILAI", "LEVEL"), minimum=1, maximum=5),
        Column("METODE", Kind.TEXT, False),
    ),
    replaces="all assessment rows of each (region, year of TANGGAL_ASESMEN) in the file",
    unique_key=("NIP_BARU", "TANGGAL_ASESMEN", "KOMPETENSI"),
)

KINERJA = Dataset(
    "kinerja",
    (
        NIP,
        _year(),
        Column("PREDIKAT_KINERJA", Kind.CHOICE, True, ("PREDIKAT",), choices=PREDIKAT),
        Column("POTENSIAL", Kind.CHOICE, False, ("KATEGORI_POTENSIAL",), choices=POTENSIAL),
    ),
    replaces="all ratings of each (region, TAHUN) in the file",
    unique_key=("NIP_BARU", "TAHUN"),
)

KARIER = Dataset(
    "karier",
    (
        NIP,
        Column("TANGGAL", Kind.DATE, True, ("TMT",)),
        Column("JENIS", Kind.CHOICE, True, choices=JENIS_KARIER),
        Column("JABATAN_ASAL", Kind.TEXT, False),
        Column("JABATAN_TUJUAN", Kind.TEXT, False),
    ),
    # The contract is silent here; we use the same rule as the other dated datasets.
    replaces="all career events of each (region, year of TANGGAL) in the file",
)

KEBUTUHAN = Dataset(
    "kebutuhan",
    (
        _year(),
        Column("WILAYAH", Kind.TEXT, True),
        Column("UNIT_KERJA", Kind.TEXT, True, ("OPD",)),
        Column("TOPIK", Kind.OPEN_CHOICE, True, ("KOMPETENSI",), choices=TOPIK),
        Column("JUMLAH_PEMINAT", Kind.INTEGER, True, ("RESPONDEN",), minimum=0, maximum=MAX_COUNT),
        Column("PRIORITAS", Kind.CHOICE, False, choices=PRIORITAS),
    ),
    # The contract is silent here; a survey is per region and year, so a new file replaces that.
    replaces="all survey rows of each (region, TAHUN) in the file",
    unique_key=("TAHUN", "WILAYAH", "UNIT_KERJA", "TOPIK"),
)

DATASETS: dict[str, Dataset] = {
    d.name: d for d in (PEGAWAI, PENGEMBANGAN, ANGGARAN, KOMPETENSI_DATASET, KINERJA, KARIER, KEBUTUHAN)
}
