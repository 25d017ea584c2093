"""Rules across rows, files and the stored data: repeated keys, references to staff, what an import
replaces, and all-or-nothing loading (also when the load itself fails half-way)."""

from __future__ import annotations

import duckdb
import pytest

from src.warehouse import contract, importer
from src.warehouse.importer import import_files
from tests.warehouse.conftest import (
    DATA_TABLES,
    NIP_1,
    NIP_2,
    NIP_3,
    PERSON_DATASETS,
    dump,
    good_file,
    load,
    messages,
    refuse,
    rows,
    table,
    write,
)

ALL = ("pegawai", "pengembangan", "anggaran", "kompetensi", "kinerja", "karier", "kebutuhan")


def _everything(con, tmp_path, suffix=".csv"):
    """Import every dataset's good file in one call (written to a folder of their own)."""
    folder = tmp_path / "good"
    folder.mkdir(exist_ok=True)
    return load(con, *(good_file(folder, d, suffix) for d in ALL))


# ---- repeated keys ---------------------------------------------------------------------------------

KEYED = [d.name for d in contract.DATASETS.values() if d.unique_key]


def test_datasets_with_a_key():
    assert set(KEYED) == {"pegawai", "anggaran", "kompetensi", "kinerja", "kebutuhan"}
    assert contract.DATASETS["kompetensi"].unique_key == ("NIP_BARU", "TANGGAL_ASESMEN", "KOMPETENSI")
    assert contract.DATASETS["kinerja"].unique_key == ("NIP_BARU", "TAHUN")
    assert contract.DATASETS["anggaran"].unique_key == (
        "TAHUN", "BULAN", "WILAYAH", "UNIT_KERJA", "KODE_SUB_KEGIATAN")  # fmt: skip


@pytest.mark.parametrize("dataset", KEYED)
def test_repeated_key_in_one_file(staff, tmp_path, dataset):
    data = rows(dataset)
    data.append(dict(data[0]))  # line 5 repeats line 2
    text = refuse(staff, write(tmp_path / f"{dataset}.csv", data))
    assert f"{dataset}.csv, baris 5, kolom {contract.DATASETS[dataset].unique_key[0]}: baris ganda" in text
    assert f"sudah ada di {dataset}.csv:2" in text


@pytest.mark.parametrize("dataset", KEYED)
def test_repeated_key_across_two_files_of_one_call(staff, tmp_path, dataset):
    first = write(tmp_path / "a.csv", rows(dataset))
    second = write(tmp_path / "b.csv", rows(dataset)[1:2])
    text = refuse(staff, first, second)
    assert "b.csv, baris 2" in text and "sudah ada di a.csv:3" in text


def test_repeated_key_written_differently(staff, tmp_path):
    """The key is compared after parsing: another date format and spelling is still the same key."""
    data = rows("kompetensi")
    data.append({**data[0], "TANGGAL_ASESMEN": "10/06/2024", "KOMPETENSI": "integritas", "LEVEL_AKTUAL": "4"})
    text = refuse(staff, write(tmp_path / "asesmen.csv", data))
    assert "asesmen.csv, baris 5, kolom NIP_BARU: baris ganda untuk kunci" in text


def test_repeated_budget_key_after_region_mapping(con, tmp_path):
    data = rows("anggaran")
    data.append({**data[0], "WILAYAH": "Pemkot Serang", "REALISASI": "1"})
    text = refuse(con, write(tmp_path / "anggaran.csv", data))
    assert "anggaran.csv, baris 5, kolom TAHUN: baris ganda untuk kunci (TAHUN=2024, BULAN=1" in text


def test_a_different_key_is_not_a_repeat(staff, tmp_path):
    data = rows("kompetensi")
    data.append({**data[0], "TANGGAL_ASESMEN": "2025-06-10"})  # the same competency a year later
    data.append({**data[0], "KOMPETENSI": "Kerja Sama"})  # another competency the same day
    load(staff, write(tmp_path / "asesmen.csv", data))
    assert len(table(staff, "kompetensi")) == 5


def test_kinerja_same_person_other_year(staff, tmp_path):
    data = rows("kinerja")
    data.append({**data[0], "TAHUN": "2023"})
    load(staff, write(tmp_path / "kinerja.csv", data))
    assert len(table(staff, "kinerja")) == 4


# ---- references to the staff snapshot --------------------------------------------------------------


@pytest.mark.parametrize("dataset", PERSON_DATASETS)
def test_unknown_nip_is_refused(staff, tmp_path, dataset):
    data = rows(dataset)
    data[0]["NIP_BARU"] = "199912312022031999"
    text = refuse(staff, write(tmp_path / f"{dataset}.csv", data))
    assert f"{dataset}.csv, baris 2, kolom NIP_BARU: NIP tidak ada dalam data pegawai" in text


@pytest.mark.parametrize("dataset", PERSON_DATASETS)
def test_nip_from_the_staff_file_of_the_same_call(con, tmp_path, dataset):
    result = load(con, good_file(tmp_path, dataset), good_file(tmp_path, "pegawai"))
    assert set(result.rows) == {"pegawai", dataset}


@pytest.mark.parametrize("dataset", PERSON_DATASETS)
def test_nip_without_any_staff_snapshot(con, tmp_path, dataset):
    text = refuse(con, good_file(tmp_path, dataset))
    assert "NIP tidak ada dalam data pegawai" in text


def test_nip_leaving_with_a_new_snapshot_of_the_same_call(staff, tmp_path):
    """The new Serang snapshot drops NIP_2: development rows for NIP_2 in the same call are refused."""
    serang = write(tmp_path / "serang.csv", rows("pegawai")[:1])
    text = refuse(staff, serang, good_file(tmp_path, "pengembangan"))
    assert "pengembangan.csv, baris 3, kolom NIP_BARU: NIP tidak ada dalam data pegawai" in text


def test_person_rows_get_the_person_region(staff, tmp_path):
    load(staff, good_file(tmp_path, "kinerja"))
    assert {r["nip"]: r["wilayah"] for r in table(staff, "kinerja")} == {
        NIP_1: "Serang", NIP_2: "Serang", NIP_3: "Semarang"}  # fmt: skip


# ---- what an import replaces -----------------------------------------------------------------------

# Each dataset's first good row, changed in a field that is not part of any key, and the slice it falls in.
CHANGES = {
    "pengembangan": ("NAMA_KEGIATAN", "Pelatihan Baru", ("Serang", 2024)),
    "kompetensi": ("METODE", "Uji Kompetensi Ulang", ("Serang", 2024)),
    "kinerja": ("PREDIKAT_KINERJA", "Kurang", ("Serang", 2024)),
    "karier": ("JABATAN_TUJUAN", "Sekretaris Badan", ("Serang", 2023)),
    "anggaran": ("REALISASI", "99", ("Serang", 2024)),
    "kebutuhan": ("JUMLAH_PEMINAT", "99", ("Serang", 2024)),
}


@pytest.mark.parametrize("dataset", list(CHANGES))
def test_import_replaces_only_its_region_and_year(con, tmp_path, dataset):
    _everything(con, tmp_path)
    column, value, replaced = CHANGES[dataset]
    before = dump(con)
    stored = table(con, dataset)
    changed = rows(dataset)[:1]
    changed[0][column] = value
    result = load(con, write(tmp_path / "new.csv", changed))
    assert result.slices == {dataset: [replaced]}
    after = table(con, dataset)
    key = "tahun"
    untouched = [r for r in stored if (r["wilayah"], r[key]) != replaced]
    assert untouched and [r for r in after if (r["wilayah"], r[key]) != replaced] == untouched
    in_slice = [r for r in after if (r["wilayah"], r[key]) == replaced]
    assert len(in_slice) == 1 and str(in_slice[0][column.lower()]).removesuffix(".00") == value
    # Every other data table is exactly as it was.
    others = [t for t in DATA_TABLES if t != dataset]
    assert {t: dump(con)[t] for t in others} == {t: before[t] for t in others}


def test_pegawai_replaces_the_snapshot_of_its_regions_only(con, tmp_path):
    load(con, good_file(tmp_path, "pegawai"))
    serang = rows("pegawai")[1:2]
    serang[0]["JABATAN"] = "Analis SDM Ahli Muda"
    result = load(con, write(tmp_path / "serang.csv", serang))
    assert result.slices == {"pegawai": [("Serang", None)]}
    stored = {r["nip"]: (r["wilayah"], r["jabatan"]) for r in table(con, "pegawai")}
    assert stored == {NIP_2: ("Serang", "Analis SDM Ahli Muda"), NIP_3: ("Semarang", "Pengadministrasi")}


def test_pegawai_replacement_keeps_history_of_people_who_left(staff, tmp_path):
    load(staff, good_file(tmp_path, "pengembangan"))
    load(staff, write(tmp_path / "serang.csv", rows("pegawai")[1:2]))  # NIP_1 left Serang
    assert NIP_1 in {r["nip"] for r in table(staff, "pengembangan")}


def test_other_years_of_a_region_are_kept(staff, tmp_path):
    old = rows("pengembangan")[:1]
    old[0].update(TANGGAL_MULAI="2023-03-01", TANGGAL_SELESAI="2023-03-02", NAMA_KEGIATAN="Kursus 2023")
    load(staff, write(tmp_path / "2023.csv", old))
    load(staff, good_file(tmp_path, "pengembangan"))
    assert "Kursus 2023" in {r["nama_kegiatan"] for r in table(staff, "pengembangan")}
    assert len(table(staff, "pengembangan")) == 4


def test_one_file_with_several_slices_replaces_each(con, tmp_path):
    _everything(con, tmp_path)
    result = load(con, good_file(tmp_path, "anggaran"))
    assert result.slices == {"anggaran": [("Semarang", 2025), ("Serang", 2024)]}


def test_reimporting_the_same_files_changes_nothing(con, tmp_path):
    paths = [good_file(tmp_path, d) for d in ALL] + [good_file(tmp_path, "pegawai", ".xlsx", "xpeg")]
    load(con, *paths[:-1])
    before = dump(con, exclude=["import_log"])
    for _ in range(2):
        load(con, *paths[:-1])
        assert dump(con, exclude=["import_log"]) == before
    load(con, paths[-1])  # the same staff as XLSX
    assert dump(con, exclude=["import_log"]) == before
    # The import log is an audit trail: one row per import that changed (or re-wrote) data.
    assert con.execute("SELECT count(*) FROM import_log").fetchall() == [(4,)]


def test_rollups_follow_the_import(staff, tmp_path):
    load(staff, good_file(tmp_path, "pengembangan"))
    assert staff.execute("SELECT sum(jp) FROM rollup_pengembangan_bulanan").fetchall() == [(42,)]
    data = rows("pengembangan")
    data[0]["JP"] = "10"
    load(staff, write(tmp_path / "dev.csv", data))
    assert staff.execute("SELECT sum(jp) FROM rollup_pengembangan_bulanan").fetchall() == [(12,)]


def test_import_log_has_no_personal_data(staff, tmp_path):
    load(staff, good_file(tmp_path, "pengembangan"))
    logged = repr(staff.execute("SELECT * FROM import_log").fetchall())
    assert "pengembangan.csv" in logged
    assert not any(nip in logged for nip in (NIP_1, NIP_2, NIP_3))
    assert "Budi" not in logged


# ---- all or nothing --------------------------------------------------------------------------------


def test_one_good_and_one_bad_file_change_nothing(con, tmp_path):
    bad = rows("pengembangan")
    bad[1]["JP"] = "banyak"
    text = refuse(con, good_file(tmp_path, "pegawai"), write(tmp_path / "dev.csv", bad))
    assert text == "dev.csv, baris 3, kolom JP: bukan angka (ditemukan: 'banyak')"
    assert table(con, "pegawai") == []


def test_refusal_on_a_full_database_changes_nothing(con, tmp_path):
    _everything(con, tmp_path)
    new_staff = rows("pegawai")
    new_staff[0]["JABATAN"] = "Sekretaris"
    refuse(con, write(tmp_path / "pegawai.csv", new_staff), write(tmp_path / "x.pdf", new_staff))


def test_every_problem_of_every_file_is_listed(con, tmp_path):
    staff = rows("pegawai")
    staff[0]["JENIS_KELAMIN"] = "X"
    staff[2]["TANGGAL_LAHIR"] = "31-02-1990"
    budget = rows("anggaran")
    budget[1]["BULAN"] = "13"
    result = import_files(con, [write(tmp_path / "p.csv", staff), write(tmp_path / "a.csv", budget),
                                tmp_path / "hilang.csv"])  # fmt: skip
    assert result.problems.total == 4
    text = messages(result)
    for where in ("p.csv, baris 2, kolom JENIS_KELAMIN", "p.csv, baris 4, kolom TANGGAL_LAHIR",
                  "a.csv, baris 3, kolom BULAN", "hilang.csv: berkas tidak ditemukan"):  # fmt: skip
        assert where in text
    assert result.summary() == "Impor ditolak: 4 masalah. Basis data tidak diubah."
    assert result.summary("en") == "Import refused: 4 problems. The database was not changed."


def test_many_problems_are_capped_and_counted(con, tmp_path):
    data = [{**rows("anggaran")[0], "KODE_SUB_KEGIATAN": f"5.03.{i}", "REALISASI": "x"} for i in range(480)]
    result = import_files(con, [write(tmp_path / "a.csv", data)])
    assert result.problems.total == len(data)
    rendered = result.problems.render()
    assert len(rendered) <= 201
    assert rendered[-1].startswith("… dan ") and rendered[-1].endswith("masalah lain tidak ditampilkan.")


def _failing_after_rollups(error: BaseException):
    real = importer.refresh_rollups

    def refresh(con):
        real(con)  # the base tables and rollups are rewritten by now
        raise error

    return refresh


def test_failure_in_the_middle_of_the_load_changes_nothing(con, tmp_path, monkeypatch):
    _everything(con, tmp_path)
    before = dump(con)
    monkeypatch.setattr(importer, "refresh_rollups", _failing_after_rollups(RuntimeError("disk full")))
    changed = rows("pegawai")[:1]
    with pytest.raises(RuntimeError, match="disk full"):
        import_files(con, [write(tmp_path / "pegawai.csv", changed), good_file(tmp_path, "anggaran")])
    assert dump(con) == before
    monkeypatch.undo()
    load(con, good_file(tmp_path, "kinerja"))  # the connection is usable afterwards


def test_database_error_during_the_load_is_a_problem(con, tmp_path, monkeypatch, caplog):
    _everything(con, tmp_path)
    before = dump(con)
    error = duckdb.ConstraintException(f"Duplicate key nip: {NIP_1}")
    monkeypatch.setattr(importer, "refresh_rollups", _failing_after_rollups(error))
    result = import_files(con, [good_file(tmp_path, "pegawai")])
    assert not result.ok
    assert (
        messages(result)
        == "basis data menolak data ini; tidak ada yang diubah (lihat log untuk jenis kesalahannya)"
    )
    assert "Wilayah baru" not in messages(result)
    assert dump(con) == before
    assert "ConstraintException" in caplog.text and NIP_1 not in caplog.text
