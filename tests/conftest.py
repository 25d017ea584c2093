"""Shared fixtures: a small sample warehouse, built once per test session in a temporary folder.

When the sample-data generator (src/warehouse/demo.py) is present it builds the database; until then
the fixture writes small export files in the shape of shared/data-contract.md and imports them through
the real importer. Tests compute their expected figures from the metrics layer, so they hold for
either source.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import random
import warnings
from pathlib import Path

import pytest

SAMPLE_SCALE = 3000
SAMPLE_SEED = 2026
# The CSV fallback's shape: (region, units, staff). Semarang is large, Siulak small, as in the field.
_REGIONS = (
    ("Semarang", ("BKPP", "Dinas Pendidikan", "Dinas Kesehatan", "Bappeda", "RSUD Wongsonegoro"), 150),
    ("Serang", ("BKPSDM", "Dinas Pendidikan", "Dinas Kesehatan", "Kecamatan Serang"), 60),
    ("Siulak", ("Kantor Camat Siulak", "Puskesmas Siulak"), 20),
)
# How eager each region's staff are (share taking part in a given month), so regions differ.
_EAGERNESS = {"Semarang": 0.30, "Serang": 0.22, "Siulak": 0.12}
_DATA_YEARS = {2025: 12, 2026: 6}  # year -> last month with data
_BENTUK = (
    ("Pelatihan Teknis", "Pelatihan Klasikal", "Teknis"),
    ("Pelatihan Kepemimpinan", "Pelatihan Klasikal", "Manajerial"),
    ("Seminar", "Pelatihan Klasikal", "Teknis"),
    ("Bimtek", "Pelatihan Klasikal", "Teknis"),
    ("E-Learning", "Pelatihan Non-Klasikal", "Teknis"),
    ("Coaching", "Pelatihan Non-Klasikal", "Manajerial"),
    ("Mentoring", "Pelatihan Non-Klasikal", "Sosial Kultural"),
)
_TOPIK = ("Keuangan", "SDM", "Teknologi Informasi", "Pelayanan Publik", "Kepemimpinan", "Komunikasi")
_COMPETENCIES = (
    ("Integritas", "Manajerial"), ("Kerja Sama", "Manajerial"), ("Komunikasi", "Manajerial"),
    ("Orientasi pada Hasil", "Manajerial"), ("Pelayanan Publik", "Manajerial"),
    ("Pengembangan Diri dan Orang Lain", "Manajerial"), ("Mengelola Perubahan", "Manajerial"),
    ("Pengambilan Keputusan", "Manajerial"), ("Perekat Bangsa", "Sosial Kultural"),
)  # fmt: skip


def _write(path: Path, rows: list[dict[str, object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def _staff(rng: random.Random) -> list[dict[str, object]]:
    rows = []
    for region, units, count in _REGIONS:
        for i in range(count):
            born = dt.date(rng.randint(1966, 2000), rng.randint(1, 12), rng.randint(1, 28))
            start = dt.date(max(born.year + 22, 1990) + rng.randint(0, 8), rng.randint(1, 12), 1)
            gender = rng.choice("LP")
            jenis = rng.choices(("PNS", "PPPK", "CPNS"), (75, 20, 5))[0]
            jabatan = rng.choices(("Struktural", "Fungsional", "Pelaksana"), (15, 45, 40))[0]
            golongan = (
                rng.choice(("V", "VII", "IX", "X"))
                if jenis == "PPPK"
                else rng.choice(("II/a", "II/c", "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b"))
            )
            nip = f"{born:%Y%m%d}{start:%Y%m}{1 if gender == 'L' else 2}{len(rows) + 1:03d}"
            rows.append({
                "NIP_BARU": nip, "NAMA": f"Pegawai {region} {i + 1}", "JENIS_KELAMIN": gender,
                "TANGGAL_LAHIR": born.isoformat(), "JENIS_PEGAWAI": jenis, "GOLONGAN": golongan,
                "JENIS_JABATAN": jabatan, "ESELON": "IV.a" if jabatan == "Struktural" else "",
                "JABATAN": {"Struktural": "Kepala Seksi", "Fungsional": "Analis SDM Aparatur Ahli Muda",
                            "Pelaksana": "Pengadministrasi Umum"}[jabatan],
                "TINGKAT_PENDIDIKAN": rng.choices(("SMA/SLTA", "D-III", "S-1", "S-2"), (15, 15, 55, 15))[0],
                "UNIT_KERJA": units[i % len(units)], "WILAYAH": region,
                "TMT_CPNS": start.isoformat() if jenis != "PPPK" else "",
            })  # fmt: skip
    return rows


def _development(rng: random.Random, staff: list[dict[str, object]]) -> list[dict[str, object]]:
    rows = []
    for person in staff:
        eagerness = _EAGERNESS[str(person["WILAYAH"])]
        for year, last_month in _DATA_YEARS.items():
            for month in range(1, last_month + 1):
                if rng.random() > eagerness:
                    continue
                bentuk, jalur, jenis = rng.choice(_BENTUK)
                end = dt.date(year, month, rng.randint(2, 28))
                start = end - dt.timedelta(days=rng.randint(0, 1))
                status = rng.choices(("Selesai", "Tidak Lulus", "Mengundurkan Diri", "Berjalan"),
                                     (88, 4, 3, 5))[0]  # fmt: skip
                pre = rng.randint(40, 80)
                rows.append({
                    "NIP_BARU": person["NIP_BARU"], "NAMA_KEGIATAN": f"{bentuk} {rng.choice(_TOPIK)}",
                    "JALUR": jalur, "BENTUK": bentuk, "JENIS_KOMPETENSI": jenis,
                    "TOPIK": rng.choice(_TOPIK), "PENYELENGGARA": rng.choice(("BKPSDM", "LAN", "BPSDM Provinsi")),
                    "TANGGAL_MULAI": start.isoformat(), "TANGGAL_SELESAI": end.isoformat(),
                    "JP": rng.choice((2, 4, 8, 12, 16, 24)),
                    "BIAYA": "" if rng.random() < 0.2 else rng.choice((0, 250000, 750000, 1500000, 3500000)),
                    "SUMBER_DANA": "APBD", "STATUS": status,
                    "NILAI_PRETEST": pre, "NILAI_POSTTEST": min(100, pre + rng.randint(0, 25)),
                    "NILAI_KEPUASAN": round(rng.uniform(3.0, 5.0), 1),
                })  # fmt: skip
    return rows


def _budget(rng: random.Random) -> list[dict[str, object]]:
    rows = []
    for region, units, count in _REGIONS:
        for unit in units:
            pagu = count * 2_500_000 * rng.choice((1, 2, 3))
            for year, last_month in _DATA_YEARS.items():
                for month in range(1, last_month + 1):
                    rows.append({
                        "TAHUN": year, "BULAN": month, "WILAYAH": region, "UNIT_KERJA": unit,
                        "KODE_SUB_KEGIATAN": "5.03.02.2.03", "NAMA_SUB_KEGIATAN": "Pengembangan Kompetensi ASN",
                        "PAGU": pagu, "REALISASI": round(pagu * rng.uniform(0.02, 0.12)),
                    })  # fmt: skip
    return rows


def _assessments(rng: random.Random, staff: list[dict[str, object]]) -> list[dict[str, object]]:
    rows = []
    for person in staff:
        if rng.random() > 0.6:
            continue
        standard = {"Struktural": 3, "Fungsional": 2, "Pelaksana": 1}[str(person["JENIS_JABATAN"])]
        for name, kind in _COMPETENCIES:
            actual = min(5.0, max(1.0, standard + rng.choice((-1.0, -0.5, 0.0, 0.0, 0.5, 1.0))))
            rows.append({
                "NIP_BARU": person["NIP_BARU"], "TANGGAL_ASESMEN": "2025-03-15", "KOMPETENSI": name,
                "JENIS_KOMPETENSI": kind, "LEVEL_STANDAR": standard, "LEVEL_AKTUAL": actual,
                "METODE": "Assessment Center",
            })  # fmt: skip
    return rows


def build_sample_from_csv(db_path: Path, folder: Path, seed: int = SAMPLE_SEED) -> None:
    """Write the four export files into `folder` and import them into a new database at `db_path`."""
    from src.warehouse.db import connect
    from src.warehouse.importer import import_files

    rng = random.Random(seed)
    staff = _staff(rng)
    files = [
        _write(folder / "pegawai.csv", staff),
        _write(folder / "pengembangan.csv", _development(rng, staff)),
        _write(folder / "anggaran.csv", _budget(rng)),
        _write(folder / "kompetensi.csv", _assessments(rng, staff)),
    ]
    con = connect(db_path)
    try:
        result = import_files(con, files)
        assert result.ok, result.problems
    finally:
        con.close()


def demo_available() -> bool:
    return importlib.util.find_spec("src.warehouse.demo") is not None


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small sample warehouse (read it read-only: every test of the session shares it)."""
    folder = tmp_path_factory.mktemp("sample")
    db_path = folder / "asn.duckdb"
    if demo_available():
        from src.warehouse.demo import build_demo

        try:
            result = build_demo(db_path, scale=SAMPLE_SCALE, seed=SAMPLE_SEED, progress=lambda *_: None)
            if result.ok:
                return db_path
            reason = f"{result.problems.total} import problems"
        except Exception as error:  # the generator is another area's code: say so, then carry on
            reason = repr(error)
        warnings.warn(f"build_demo failed ({reason}); the sample database is built from CSV files",
                      stacklevel=1)  # fmt: skip
        db_path.unlink(missing_ok=True)
        Path(f"{db_path}.wal").unlink(missing_ok=True)
    build_sample_from_csv(db_path, folder)
    return db_path
