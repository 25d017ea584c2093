"""The command line end to end: `import` refuses or loads, `kpi` prints every metric of metrics.md."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from src.cli import main
from src.metrics.registry import METRICS

STAFF = """NIP_BARU;NAMA;JENIS_KELAMIN;TANGGAL_LAHIR;JENIS_PEGAWAI;GOLONGAN;JENIS_JABATAN;JABATAN;TINGKAT_PENDIDIKAN;UNIT_KERJA;WILAYAH
199001012015011001;Ani;P;1990-01-01;PNS;III/a;Pelaksana;Analis;S-1;Dinas Kesehatan;Pemerintah Kota Serang
199002022015011002;Budi;L;1990-02-02;PNS;III/b;Pelaksana;Analis;S-1;Dinas Kesehatan;Pemerintah Kota Serang
198803032010012003;Citra;P;1988-03-03;PNS;III/c;Fungsional;Guru;S-2;Dinas Kesehatan;Pemerintah Kota Semarang
"""
# A (Serang) completes 24 JP in March; C (Semarang) 8 JP in May; B's course is still running.
DEVELOPMENT = """NIP_BARU,NAMA_KEGIATAN,JALUR,BENTUK,JENIS_KOMPETENSI,PENYELENGGARA,TANGGAL_MULAI,TANGGAL_SELESAI,JP,BIAYA,STATUS
199001012015011001,Keuangan Daerah,Pelatihan Klasikal,Pelatihan Teknis,Teknis,BKPSDM,2025-03-01,2025-03-04,24,1500000,Selesai
199002022015011002,SIPD,Pelatihan Non-Klasikal,E-Learning,Teknis,LAN,2025-11-01,2026-02-01,10,,Berjalan
198803032010012003,Pelayanan Prima,Pelatihan Non-Klasikal,E-Learning,Teknis,LAN,2025-05-01,2025-05-02,8,0,Selesai
"""


@pytest.fixture
def database(tmp_path: Path) -> Path:
    (tmp_path / "pegawai.csv").write_text(STAFF, encoding="utf-8")
    (tmp_path / "pengembangan.csv").write_text(DEVELOPMENT, encoding="utf-8")
    db = tmp_path / "asn.duckdb"
    assert (
        main(["import", "--db", str(db), str(tmp_path / "pegawai.csv"), str(tmp_path / "pengembangan.csv")])
        == 0
    )
    return db


def run_kpi(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(["kpi", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_kpi_prints_every_metric_of_the_registry(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = run_kpi(capsys, "--db", str(database), "--year", "2025")
    assert output["year"] == 2025 and output["month"] == 12
    assert list(output["kpi"]) == [m.id for m in METRICS]
    kpi = output["kpi"]
    assert kpi["asn_count"] == 3
    assert kpi["jp_total"] == 32  # 24 + 8; the running course does not count
    assert kpi["participation_rate"] == pytest.approx(2 / 3)
    assert kpi["jp20_rate"] == pytest.approx(1 / 3)  # only A reaches 20 JP
    assert kpi["cost_total"] == 1_500_000  # a known cost of 0 is a cost; nothing is unknown here
    assert kpi["cost_per_jp"] == pytest.approx(1_500_000 / 32)
    assert kpi["absorption_rate"] is None  # no budget lines: an empty denominator is null, not 0


def test_kpi_by_region_and_month(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = run_kpi(capsys, "--db", str(database), "--year", "2025", "--month", "4", "--by", "region")
    assert output["month"] == 4 and output["filters"]["period_end"] == "2025-04-30"
    groups = output["groups"]
    assert set(groups) == {"Serang", "Semarang"}
    assert groups["Serang"]["kpi"]["jp_total"] == 24
    assert groups["Semarang"]["kpi"]["jp_total"] == 0  # C's course ends in May, after April
    assert groups["Semarang"]["kpi"]["completion_rate"] is None


def test_kpi_by_unit_tells_same_named_units_apart(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = run_kpi(capsys, "--db", str(database), "--year", "2025", "--by", "unit")
    assert set(output["groups"]) == {"Dinas Kesehatan (Semarang)", "Dinas Kesehatan (Serang)"}
    region_only = run_kpi(
        capsys, "--db", str(database), "--year", "2025", "--region", "Serang", "--by", "unit"
    )
    assert set(region_only["groups"]) == {"Dinas Kesehatan"}
    assert region_only["kpi"]["asn_count"] == 2


def test_import_refusal_exits_non_zero_and_changes_nothing(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = run_kpi(capsys, "--db", str(database), "--year", "2025")
    bad = tmp_path / "bad.csv"
    bad.write_text(DEVELOPMENT.replace(",24,", ",abc,"), encoding="utf-8")
    assert main(["--lang", "en", "import", "--db", str(database), str(bad)]) == 1
    errors = capsys.readouterr().err
    assert "bad.csv, line 2, column JP: not a number (found: 'abc')" in errors
    assert "The database was not changed" in errors
    assert run_kpi(capsys, "--db", str(database), "--year", "2025") == before


def test_kpi_on_a_missing_database_says_how_to_make_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["kpi", "--db", str(tmp_path / "none.duckdb"), "--year", "2025"]) == 3
    assert "python -m src.cli demo" in capsys.readouterr().err


def test_kpi_refuses_an_impossible_month(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "kpi", "--db", str(database), "--year", "2025", "--month", "13"]) == 2
    assert "month" in capsys.readouterr().err
