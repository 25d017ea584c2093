"""The sample-data generator: its exports go through the real importer cleanly, are deterministic, and
show the regional differences and seasonality the dashboard is meant to reveal."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import duckdb
import pytest

from src.warehouse import contract, demo
from src.warehouse.db import connect
from src.warehouse.importer import import_files

SCALE = 3_000
TODAY = dt.date(2026, 10, 31)


def _hashes(paths: list[Path]) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """One small demo, built once for the module: database, result, export folder, progress lines."""
    folder = tmp_path_factory.mktemp("demo")
    messages: list[str] = []
    result = demo.build_demo(folder / "asn.duckdb", scale=SCALE, progress=messages.append,
                             keep_files=folder / "exports")  # fmt: skip
    return {
        "db": folder / "asn.duckdb",
        "result": result,
        "exports": folder / "exports",
        "messages": messages,
    }


@pytest.fixture(scope="module")
def db(built: dict[str, object]):
    con = duckdb.connect(str(built["db"]), read_only=True)
    yield con
    con.close()


def scalar(con: duckdb.DuckDBPyConnection, sql: str, *params: object) -> object:
    return con.execute(sql, list(params)).fetchone()[0]


def test_small_demo_imports_cleanly_with_every_dataset(built, db) -> None:
    result = built["result"]
    assert result.ok, "\n".join(result.problems.render())
    assert set(result.rows) == set(contract.DATASETS)
    assert all(rows > 0 for rows in result.rows.values()), result.rows
    assert scalar(db, "SELECT count(*) FROM pegawai") == SCALE
    assert any(m.startswith("Menulis data Semarang") for m in built["messages"])
    assert any(m.startswith("Mengimpor") for m in built["messages"])


def test_exports_mix_formats_like_real_agencies(built) -> None:
    files = {p.name: p for p in Path(built["exports"]).iterdir()}
    assert {"pegawai_siulak.xlsx", "anggaran.xlsx", "kebutuhan.xlsx"} <= set(files)
    assert {"pegawai_semarang.csv", "pegawai_serang.csv", "pengembangan_serang.csv"} <= set(files)
    serang = files["pengembangan_serang.csv"].read_text(encoding="utf-8-sig")
    header, first = serang.splitlines()[:2]
    assert header.startswith("NIP_BARU;NAMA_KURSUS;") and "JUMLAH_JAM" in header  # SIASN names, `;`
    assert ";Rp" in serang and ";Lulus;" in serang  # Indonesian Rupiah, the "Lulus" spelling
    assert first.split(";")[7][2] == "-" and len(first.split(";")[7]) == 10  # DD-MM-YYYY
    staff = files["pegawai_semarang.csv"].read_text(encoding="utf-8").splitlines()[0]
    for siasn in ("NIP_BARU", "TGL_LHR", "JENIS_PEGAWAI_NAMA", "GOL_AKHIR_NAMA", "JENIS_JABATAN_NAMA",
                  "ESELON_NAMA", "JABATAN_NAMA", "TINGKAT_PENDIDIKAN_NAMA", "UNOR_INDUK_NAMA",
                  "INSTANSI_KERJA_NAMA", "TMT_CPNS"):  # fmt: skip
        assert siasn in staff.split(",")


def test_same_seed_same_bytes_other_seed_other_data(tmp_path: Path) -> None:
    quiet = [].append
    first = demo.write_exports(tmp_path / "a", scale=600, seed=7, progress=quiet)
    again = demo.write_exports(tmp_path / "b", scale=600, seed=7, progress=quiet)
    other = demo.write_exports(tmp_path / "c", scale=600, seed=8, progress=quiet)
    assert _hashes(first) == _hashes(again)
    assert _hashes(first)["pengembangan_semarang.csv"] != _hashes(other)["pengembangan_semarang.csv"]


def test_named_regions_keep_their_order_of_size(db) -> None:
    default = {r.name: r.size for r in demo.plan_regions(None)}
    assert default == {"Semarang": 14_000, "Serang": 5_500, "Siulak": 1_200}
    sizes = dict(db.execute("SELECT wilayah, count(*) FROM pegawai GROUP BY 1").fetchall())
    assert set(sizes) == {"Semarang", "Serang", "Siulak"}
    assert sizes["Semarang"] > 2 * sizes["Serang"] > 4 * sizes["Siulak"]


def test_larger_scales_add_generated_regions() -> None:
    regions = demo.plan_regions(150_000)
    assert sum(r.size for r in regions) == 150_000
    assert [r.name for r in regions[:3]] == ["Semarang", "Serang", "Siulak"]
    assert [r.size for r in regions[:3]] == [14_000, 5_500, 1_200]
    generated = regions[3:]
    assert len({r.name for r in regions}) == len(regions)
    assert all(1_000 <= r.size <= 45_000 for r in generated)
    assert all(r.instansi.startswith("Pemerintah ") for r in generated)


def test_nips_are_unique_and_shaped_like_real_ones(db) -> None:
    rows = db.execute(
        "SELECT nip, tanggal_lahir, jenis_kelamin, jenis_pegawai, tmt_cpns FROM pegawai"
    ).fetchall()
    assert len({r[0] for r in rows}) == len(rows)
    for nip, birth, gender, kind, tmt in rows:
        assert len(nip) == 18 and nip.isdigit()
        assert nip[:8] == birth.strftime("%Y%m%d")
        assert nip[14] == ("1" if gender == "L" else "2")
        if kind.startswith("PPPK"):
            assert nip[12:14] == "21" and tmt is None
        else:
            assert nip[8:14] == tmt.strftime("%Y%m")


def test_development_is_seasonal(db) -> None:
    per_month = dict(db.execute(
        "SELECT month(tanggal_selesai), count(*) FROM pengembangan WHERE status = 'Selesai' GROUP BY 1"
    ).fetchall())  # fmt: skip
    quiet = (per_month[1] + per_month[2]) / 2
    busy = sum(per_month[m] for m in (8, 9, 10, 11)) / 4
    assert quiet < 0.5 * busy


def test_elearning_share_grows_every_year_and_semarang_leads(db) -> None:
    shares = db.execute(
        "SELECT tahun, avg((bentuk = 'E-Learning')::INT) FROM pengembangan "
        "WHERE tahun BETWEEN 2023 AND 2026 GROUP BY 1 ORDER BY 1"
    ).fetchall()
    values = [share for _, share in shares]
    assert [year for year, _ in shares] == [2023, 2024, 2025, 2026]
    assert values == sorted(values) and values[-1] > values[0] + 0.1
    by_region = dict(db.execute(
        "SELECT wilayah, avg((bentuk = 'E-Learning')::INT) FROM pengembangan GROUP BY 1"
    ).fetchall())  # fmt: skip
    assert by_region["Semarang"] > by_region["Serang"] > by_region["Siulak"]


def test_regions_differ_in_participation_budget_and_offer(db) -> None:
    jp_per_asn = dict(db.execute("""
        SELECT p.wilayah, sum(e.jp) FILTER (e.status = 'Selesai' AND e.tahun = 2025) / count(DISTINCT p.nip)
        FROM pegawai p LEFT JOIN pengembangan e USING (nip) GROUP BY 1
    """).fetchall())  # fmt: skip
    assert jp_per_asn["Semarang"] > jp_per_asn["Siulak"]
    budget_per_asn = dict(db.execute("""
        SELECT a.wilayah, sum(a.realisasi) / any_value(p.n)
        FROM anggaran a JOIN (SELECT wilayah, count(*) AS n FROM pegawai GROUP BY 1) p USING (wilayah)
        WHERE a.tahun = 2025 GROUP BY 1
    """).fetchall())  # fmt: skip
    assert budget_per_asn["Semarang"] > budget_per_asn["Serang"] > budget_per_asn["Siulak"]
    methods = dict(
        db.execute("SELECT wilayah, count(DISTINCT bentuk) FROM pengembangan GROUP BY 1").fetchall()
    )
    assert methods["Semarang"] == len(contract.KNOWN_BENTUK) > methods["Siulak"]


def test_nothing_happens_after_the_end_of_october_2026(db) -> None:
    assert db.execute("SELECT max(tahun * 100 + bulan) FROM anggaran").fetchone()[0] == 202610
    assert scalar(db, "SELECT max(tanggal_mulai) FROM pengembangan") <= TODAY
    # Only courses still running have a (planned) end after today, and every running one does.
    ended_later = "SELECT count(*) FROM pengembangan WHERE tanggal_selesai > ? AND status <> 'Berjalan'"
    assert scalar(db, ended_later, TODAY) == 0
    assert scalar(db, "SELECT min(tanggal_selesai) FROM pengembangan WHERE status = 'Berjalan'") > TODAY
    for table, column in (("kompetensi", "tanggal_asesmen"), ("karier", "tanggal")):
        assert scalar(db, f"SELECT max({column}) FROM {table}") <= TODAY
    assert scalar(db, "SELECT max(tahun) FROM kinerja") == 2025  # the 2026 SKP is rated in 2027
    assert scalar(db, "SELECT min(tanggal_selesai) FROM pengembangan") >= dt.date(2023, 1, 1)


def test_generated_regions_import_in_both_batch_styles(tmp_path: Path) -> None:
    """Regions beyond the named three are written in batch files of two looks (plain `,` CSV and
    Indonesian `;` CSV with Rupiah); both must pass the importer."""
    regions = [r.with_size(400) for r in demo.plan_regions(100_000)[3:5]]
    nips = demo.NipRegistry()
    paths = []
    for number, region in enumerate(regions):
        batch = demo._Batch([(3 + number, region)], f"lain_{number}_", demo.BATCH_STYLES[number])
        paths += demo._write_batch(batch, tmp_path, 11, nips, [].append)
    assert "Rp" in (tmp_path / "lain_1_pengembangan.csv").read_text(encoding="utf-8-sig")
    con = connect(":memory:")
    result = import_files(con, paths)
    assert result.ok, "\n".join(result.problems.render())
    assert {w for (w,) in con.execute("SELECT DISTINCT wilayah FROM pegawai").fetchall()} == {
        r.name for r in regions
    }
    assert scalar(con, "SELECT count(DISTINCT wilayah) FROM anggaran") == 2
