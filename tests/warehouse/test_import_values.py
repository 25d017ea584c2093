"""Cell values: numbers and money, dates, NIPs, regions, value lists, ranges, empty cells."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from src.warehouse import contract
from src.warehouse.contract import Kind
from src.warehouse.importer import import_files
from tests.warehouse.conftest import (
    NIP_1,
    NIP_2,
    NIP_3,
    PERSON_DATASETS,
    good_file,
    load,
    messages,
    refuse,
    rows,
    table,
    write,
    write_xlsx,
)

# ---- numbers and money ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("1250000", "1250000"),
        ("1250000.5", "1250000.50"),
        ("1.250.000", "1250000"),
        ("1.250.000,50", "1250000.50"),
        ("1250000,5", "1250000.50"),
        ("Rp1.250.000", "1250000"),
        ("Rp 1.250.000", "1250000"),
        ("Rp. 1.250.000,50", "1250000.50"),
        ("rp 1250000.5", "1250000.50"),
        ("1 250 000", "1250000"),
        ("0", "0"),
    ],
)
def test_money_styles(staff, tmp_path, written, stored):
    data = rows("pengembangan")
    data[0]["BIAYA"] = written  # the other rows hold "" and "1000000", which fit either style
    load(staff, write(tmp_path / "dev.csv", data))
    assert table(staff, "pengembangan", "nip")[0]["biaya"] == Decimal(stored)


def test_money_is_exact_decimal(con, tmp_path):
    data = rows("anggaran")
    for row in data:
        row["REALISASI"] = "1.250.000,10"
        row["PAGU"] = "Rp 500.000.000,00"
    load(con, write(tmp_path / "anggaran.csv", data, delimiter=";"))
    [(total, kind)] = con.execute(
        "SELECT sum(realisasi), any_value(typeof(realisasi)) FROM anggaran"
    ).fetchall()
    assert total == Decimal("3750000.30")  # three times ,10: no binary-float drift
    assert kind.startswith("DECIMAL")
    assert con.execute("SELECT count(*) FROM anggaran WHERE realisasi = 1250000.10").fetchall() == [(3,)]


def test_a_column_mixing_styles_is_an_error(staff, tmp_path):
    data = rows("pengembangan")
    data[0]["BIAYA"] = "1250000.5"
    data[2]["BIAYA"] = "1.000.000"
    text = refuse(staff, write(tmp_path / "dev.csv", data))
    assert "kolom BIAYA: kolom memakai dua gaya angka sekaligus" in text
    assert "baris 2: 1250000.5" in text and "baris 4: 1.000.000" in text
    assert "bukan angka" not in text  # 1.000.000 is a number, just in the other style


def test_an_ambiguous_column_is_an_error(staff, tmp_path):
    data = rows("pengembangan")
    data[0]["BIAYA"] = "1.250"
    data[2]["BIAYA"] = "2.500"
    text = refuse(staff, write(tmp_path / "dev.csv", data))
    assert text.startswith("dev.csv, baris 2, kolom BIAYA: gaya angka kolom ini tidak jelas: 1.250")
    assert "1.25" in text and "1250" in text


def test_the_rest_of_the_column_settles_the_style(staff, tmp_path):
    """1.250 next to a plain decimal is 1.25; next to an Indonesian thousands number it is 1250."""
    data = rows("pengembangan")
    data[0]["JP"], data[1]["JP"] = "1.250", "2.5"
    data[0]["BIAYA"], data[2]["BIAYA"] = "1.250", "2.000.000"
    load(staff, write(tmp_path / "dev.csv", data))
    stored = table(staff, "pengembangan", "nip")
    assert (stored[0]["jp"], stored[1]["jp"]) == (Decimal("1.25"), Decimal("2.5"))
    assert (stored[0]["biaya"], stored[2]["biaya"]) == (Decimal("1250"), Decimal("2000000"))


@pytest.mark.parametrize("written", ["1,250,000", "12abc", "Rp", "1.2.3", "--5", "satu juta"])
def test_not_a_number(staff, tmp_path, written):
    data = rows("pengembangan")
    data[0]["BIAYA"] = written
    text = refuse(staff, write(tmp_path / "dev.csv", data))
    assert f"dev.csv, baris 2, kolom BIAYA: bukan angka (ditemukan: '{written}')" in text


def test_decimal_comma_in_scores_and_levels(staff, tmp_path):
    data = rows("kompetensi")
    for row, level in zip(data, ["3,5", "3", "2,5"], strict=True):
        row["LEVEL_AKTUAL"] = level
    load(staff, write(tmp_path / "asesmen.csv", data, delimiter=";"))
    assert sorted(r["level_aktual"] for r in table(staff, "kompetensi")) == [2.5, 3.0, 3.5]


# ---- dates -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["2024-03-08", "08-03-2024", "08/03/2024", "8/3/2024", "2024-3-8"])
def test_date_formats(staff, tmp_path, written):
    data = rows("pengembangan")
    data[0]["TANGGAL_SELESAI"] = written
    load(staff, write(tmp_path / "dev.csv", data))
    assert table(staff, "pengembangan", "nip")[0]["tanggal_selesai"] == dt.date(2024, 3, 8)


@pytest.mark.parametrize(
    "written",
    ["31-02-2025", "2025-02-30", "29-02-2023", "2024-13-01", "32/01/2024", "00-01-2024", "2024/03/08",
     "08.03.2024", "8 Maret 2024", "2024-03-08T10:00", "03-08-24", "45355"],
)  # fmt: skip
def test_impossible_or_unknown_dates_are_refused(staff, tmp_path, written):
    data = rows("pengembangan")
    data[0]["TANGGAL_MULAI"] = written
    text = refuse(staff, write(tmp_path / "dev.csv", data))
    assert "dev.csv, baris 2, kolom TANGGAL_MULAI: tanggal tidak valid; gunakan YYYY-MM-DD" in text
    assert f"(ditemukan: '{written}')" in text


def test_leap_day_is_a_date(staff, tmp_path):
    data = rows("pengembangan")
    data[0]["TANGGAL_MULAI"], data[0]["TANGGAL_SELESAI"] = "29-02-2024", "29/02/2024"
    load(staff, write(tmp_path / "dev.csv", data))
    assert table(staff, "pengembangan", "nip")[0]["tanggal_mulai"] == dt.date(2024, 2, 29)


def test_end_before_start_is_refused(staff, tmp_path):
    data = rows("pengembangan")
    data[1]["TANGGAL_MULAI"], data[1]["TANGGAL_SELESAI"] = "2024-05-02", "01-05-2024"
    text = refuse(staff, write(tmp_path / "dev.csv", data))
    assert "dev.csv, baris 3, kolom TANGGAL_SELESAI: TANGGAL_SELESAI sebelum TANGGAL_MULAI" in text


def test_slice_year_comes_from_tanggal_selesai(staff, tmp_path):
    data = rows("pengembangan")[:1]
    data[0]["TANGGAL_MULAI"], data[0]["TANGGAL_SELESAI"] = "2024-12-28", "2025-01-03"
    result = load(staff, write(tmp_path / "dev.csv", data))
    assert result.slices == {"pengembangan": [("Serang", 2025)]}
    assert table(staff, "pengembangan")[0]["tahun"] == 2025


# ---- NIP -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    ["1980 0101 2005 01 1 001", "0198001012005011001", " 00198001012005011001 ", "198001012005011001"],
)
def test_nip_spaces_and_leading_zeros_are_removed(con, tmp_path, written):
    data = rows("pegawai")
    data[0]["NIP_BARU"] = written
    load(con, write(tmp_path / "pegawai.csv", data))
    assert table(con, "pegawai", "nip")[0]["nip"] == NIP_1


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("19800101200501100", "*************1100"),  # 17 digits
        ("1980010120050110011", "***************0011"),  # 19 digits
        ("19800101-200501-1-001", "**************1001"),
        ("１９８００１０１２００５０１１００１", "**************１００１"),  # full-width digits, masked too
    ],
)
def test_nip_not_18_digits(con, tmp_path, written, shown):
    data = rows("pegawai")
    data[0]["NIP_BARU"] = written
    text = refuse(con, write(tmp_path / "pegawai.csv", data))
    assert f"pegawai.csv, baris 2, kolom NIP_BARU: NIP harus 18 angka (ditemukan: '{shown}')" in text


def test_nip_as_an_excel_number_cell(con, tmp_path):
    data = rows("pegawai")
    data[1]["NIP_BARU"] = int(NIP_2)  # Excel keeps 15 significant digits: 198502022010012000
    text = refuse(con, write(tmp_path / "pegawai.xlsx", data))
    assert "pegawai.xlsx, baris 3, kolom NIP_BARU: NIP tersimpan sebagai angka di Excel" in text
    assert "simpan kolom NIP sebagai teks" in text


def test_nip_as_an_excel_number_cell_in_a_person_dataset(staff, tmp_path):
    data = rows("kinerja")
    data[0]["NIP_BARU"] = float(NIP_1)
    text = refuse(staff, write(tmp_path / "kinerja.xlsx", data))
    assert "kinerja.xlsx, baris 2, kolom NIP_BARU: NIP tersimpan sebagai angka" in text


def test_nip_as_text_in_xlsx(con, tmp_path):
    load(con, good_file(tmp_path, "pegawai", ".xlsx"))
    assert [r["nip"] for r in table(con, "pegawai", "nip")] == [NIP_1, NIP_2, NIP_3]


def test_nip_unique_in_a_pegawai_file(con, tmp_path):
    data = rows("pegawai")
    data[2]["NIP_BARU"] = NIP_1.replace("2005", "2005 ")  # the same NIP, written differently
    text = refuse(con, write(tmp_path / "pegawai.csv", data))
    assert "pegawai.csv, baris 4, kolom NIP_BARU: baris ganda untuk kunci" in text
    assert "sudah ada di pegawai.csv:2" in text


def test_nip_in_one_region_only(staff, tmp_path):
    """NIP_1 is stored in Serang; a Semarang snapshot may not claim it while Serang keeps it."""
    data = rows("pegawai")[2:]
    data.append({**rows("pegawai")[2], "NIP_BARU": NIP_1})
    text = refuse(staff, write(tmp_path / "semarang.csv", data))
    assert "semarang.csv, baris 3, kolom NIP_BARU: NIP sudah terdaftar di wilayah Serang" in text


def test_a_move_between_regions_in_one_call(staff, tmp_path):
    """Both regions' snapshots in one call: NIP_1 leaves Serang and joins Semarang."""
    serang = write(tmp_path / "serang.csv", rows("pegawai")[1:2])
    semarang = write(
        tmp_path / "semarang.csv", [rows("pegawai")[2], {**rows("pegawai")[0], "WILAYAH": "Semarang"}]
    )
    load(staff, serang, semarang)
    assert {r["nip"]: r["wilayah"] for r in table(staff, "pegawai")} == {
        NIP_1: "Semarang", NIP_2: "Serang", NIP_3: "Semarang"}  # fmt: skip


# ---- regions ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    ["Pemerintah Kota Serang", "Pemkot Serang", "pemkot   serang", "  PEMERINTAH KOTA SERANG ", "Serang",
     "Kota Serang", "BKPSDM Kota Serang"],
)  # fmt: skip
def test_region_names_map_to_serang(con, tmp_path, written):
    data = rows("pegawai")[:1]
    data[0]["WILAYAH"] = written
    load(con, write(tmp_path / "pegawai.csv", data))
    assert table(con, "pegawai")[0]["wilayah"] == "Serang"


def test_instansi_kerja_nama_column(con, tmp_path):
    header = [("INSTANSI_KERJA_NAMA" if k == "WILAYAH" else k) for k in rows("pegawai")[0]]
    load(con, write(tmp_path / "pegawai.csv", rows("pegawai"), header=header))
    assert sorted({r["wilayah"] for r in table(con, "pegawai")}) == ["Semarang", "Serang"]


def test_unknown_instansi_is_a_new_region(con, tmp_path):
    data = rows("pegawai")[:1]
    data[0]["WILAYAH"] = "Pemerintah Kabupaten Kerinci"
    result = load(con, write(tmp_path / "pegawai.csv", data))
    assert table(con, "pegawai")[0]["wilayah"] == "Kerinci"
    assert "Wilayah baru: Kerinci" in messages(result)
    assert "New region: Kerinci" in messages(result, "en")


def test_no_new_region_note_for_a_known_region(staff, tmp_path):
    result = load(staff, good_file(tmp_path, "pegawai"))
    assert "Wilayah baru" not in messages(result)


def test_region_mapping_is_data(con, tmp_path, monkeypatch):
    """Pointing DASBOR_WILAYAH at another mapping changes the regions, without code."""
    mapping = tmp_path / "wilayah.csv"
    mapping.write_text("nama_instansi,wilayah\nBKD Kab. Kerinci,Kerinci\nPemkot Serang,Kota Serang\n")
    monkeypatch.setenv("DASBOR_WILAYAH", str(mapping))
    data = rows("pegawai")[:2]
    data[0]["WILAYAH"], data[1]["WILAYAH"] = "bkd kab. kerinci", "Pemkot Serang"
    load(con, write(tmp_path / "pegawai.csv", data))
    assert sorted(r["wilayah"] for r in table(con, "pegawai")) == ["Kerinci", "Kota Serang"]


def test_region_mapping_in_windows_1252_with_semicolons(con, tmp_path, monkeypatch):
    mapping = tmp_path / "wilayah.csv"
    mapping.write_bytes("wilayah;nama_instansi\r\nSérang Raya;Pemkot Serang\r\n\r\n".encode("cp1252"))
    monkeypatch.setenv("DASBOR_WILAYAH", str(mapping))
    data = rows("pegawai")[1:2]
    data[0]["WILAYAH"] = "Pemkot Serang"
    load(con, write(tmp_path / "pegawai.csv", data))
    assert table(con, "pegawai")[0]["wilayah"] == "Sérang Raya"


@pytest.mark.parametrize(
    ("content", "where"),
    [
        (b"instansi,region\nPemkot Serang,Serang\n", "wilayah.csv, baris 1"),
        (b"nama_instansi,wilayah\nPemkot Serang,Serang\nPemkot Cilegon\n", "wilayah.csv, baris 3"),
        (b"nama_instansi,wilayah\nPemkot Serang,\n", "wilayah.csv, baris 2"),
        (b"", "wilayah.csv, baris 1"),
        (None, "wilayah.csv"),  # named in DASBOR_WILAYAH but not there
    ],
)
def test_broken_region_mapping_is_a_problem(con, tmp_path, monkeypatch, content, where):
    mapping = tmp_path / "wilayah.csv"
    if content is not None:
        mapping.write_bytes(content)
    monkeypatch.setenv("DASBOR_WILAYAH", str(mapping))
    text = refuse(con, good_file(tmp_path, "pegawai"))
    assert text.startswith(f"{where}: berkas pemetaan wilayah rusak"), text


def test_region_mapping_applies_to_budget_and_survey(con, tmp_path):
    budget, survey = rows("anggaran"), rows("kebutuhan")
    budget[0]["WILAYAH"] = survey[0]["WILAYAH"] = "Pemerintah Kota Serang"
    load(con, write(tmp_path / "anggaran.csv", budget), write(tmp_path / "kebutuhan.csv", survey))
    assert {r["wilayah"] for r in table(con, "anggaran")} == {"Serang", "Semarang"}
    assert {r["wilayah"] for r in table(con, "kebutuhan")} == {"Serang", "Semarang"}


# ---- value lists -----------------------------------------------------------------------------------

CLOSED = {
    d.name: [c for c in d.columns if c.kind is Kind.CHOICE]
    for d in contract.DATASETS.values()
    if any(c.kind is Kind.CHOICE for c in d.columns)
}


def _import_one_change(con, tmp_path, dataset: str, column: str, value: object, row: int = 0):
    if dataset in PERSON_DATASETS:
        load(con, good_file(tmp_path, "pegawai", name="staff"))
    data = rows(dataset)
    data[row][column] = value
    return import_files(con, [write(tmp_path / f"{dataset}.csv", data)])


@pytest.mark.parametrize("dataset", list(CLOSED))
def test_closed_lists_refuse_unknown_values_listing_the_choices(con, tmp_path, dataset):
    """Every closed list of the dataset at once (line 2 holds an unknown value in each of them)."""
    if dataset in PERSON_DATASETS:
        load(con, good_file(tmp_path, "pegawai", name="staff"))
    data = rows(dataset)
    for column in CLOSED[dataset]:
        data[0][column.name] = "Tidak Ada Di Daftar"
    result = import_files(con, [write(tmp_path / f"{dataset}.csv", data)])
    text = messages(result)
    for column in CLOSED[dataset]:
        listed = next(line for line in text.splitlines() if f"kolom {column.name}: " in line)
        assert listed.startswith(
            f"{dataset}.csv, baris 2, kolom {column.name}: nilai tidak dikenal; pilihan: "
        )
        assert listed.endswith("(ditemukan: 'Tidak Ada Di Daftar')")
        for canonical in set(column.choices.values()):
            assert canonical in listed, (column.name, canonical)


@pytest.mark.parametrize(
    ("dataset", "column", "written", "stored"),
    [
        ("pegawai", "JENIS_KELAMIN", "L", "L"), ("pegawai", "JENIS_KELAMIN", "P", "P"),
        ("pegawai", "JENIS_KELAMIN", "M", "L"), ("pegawai", "JENIS_KELAMIN", "F", "P"),
        ("pegawai", "JENIS_KELAMIN", "Laki-laki", "L"), ("pegawai", "JENIS_KELAMIN", "PEREMPUAN", "P"),
        ("pegawai", "JENIS_KELAMIN", "Pria", "L"), ("pegawai", "JENIS_KELAMIN", "wanita", "P"),
        ("pegawai", "JENIS_KELAMIN", "laki laki", "L"),
        ("pegawai", "JENIS_JABATAN", "Fungsional Tertentu", "Fungsional"),
        ("pegawai", "JENIS_JABATAN", "Fungsional Umum", "Pelaksana"),
        ("pegawai", "JENIS_JABATAN", "struktural", "Struktural"),
        ("pegawai", "TINGKAT_PENDIDIKAN", "S1", "S-1"), ("pegawai", "TINGKAT_PENDIDIKAN", "s2", "S-2"),
        ("pegawai", "TINGKAT_PENDIDIKAN", "S 3", "S-3"), ("pegawai", "TINGKAT_PENDIDIKAN", "D3", "D-III"),
        ("pegawai", "TINGKAT_PENDIDIKAN", "D-IV", "D-IV"), ("pegawai", "TINGKAT_PENDIDIKAN", "SLTA", "SMA/SLTA"),
        ("pegawai", "TINGKAT_PENDIDIKAN", "SMA", "SMA/SLTA"),
        ("pegawai", "GOLONGAN", "iii/a", "III/a"), ("pegawai", "GOLONGAN", "III-b", "III/b"),
        ("pegawai", "GOLONGAN", "IV/e", "IV/e"),
        ("pegawai", "ESELON", "iv.b", "IV.b"), ("pegawai", "ESELON", "IVb", "IV.b"),
        ("pegawai", "JENIS_PEGAWAI", "pns", "PNS"),
        ("pengembangan", "STATUS", "Lulus", "Selesai"), ("pengembangan", "STATUS", "tidak lulus", "Tidak Lulus"),
        ("pengembangan", "JALUR", "Non-Klasikal", "Pelatihan Non-Klasikal"),
        ("pengembangan", "JENIS_KOMPETENSI", "Sosio Kultural", "Sosial Kultural"),
        ("pengembangan", "SUMBER_DANA", "apbd", "APBD"),
        ("kinerja", "PREDIKAT_KINERJA", "SANGAT BAIK", "Sangat Baik"),
        ("kebutuhan", "PRIORITAS", "tinggi", "Tinggi"),
        ("karier", "JENIS", "mutasi keluar", "Mutasi Keluar"),
    ],
)  # fmt: skip
def test_accepted_variants_are_normalised(con, tmp_path, dataset, column, written, stored):
    result = _import_one_change(con, tmp_path, dataset, column, written)
    assert result.ok, messages(result)
    first = {"pegawai": "nip", "kebutuhan": "wilayah DESC, unit_kerja", "kinerja": "nip"}.get(dataset, "ALL")
    rows_stored = table(con, dataset, first)
    assert stored in [r[column.lower()] for r in rows_stored]
    assert written == stored or written not in [r[column.lower()] for r in rows_stored]


def test_no_spelling_belongs_to_two_values():
    """Two canonical values must not share a comparison key (one would silently win)."""
    for dataset in contract.DATASETS.values():
        for column in dataset.columns:
            canonical = set(column.choices.values())
            keys = {contract.choice_key(v) for v in canonical}
            assert len(keys) == len(canonical), f"{dataset.name}.{column.name}"
            for value in canonical:
                assert column.choices[contract.choice_key(value)] == value


@pytest.mark.parametrize(("column", "value"), [("BENTUK", "Diklat Daring"), ("TOPIK", "Literasi Digital")])
def test_open_lists_keep_unknown_values_and_report_them(staff, tmp_path, column, value):
    data = rows("pengembangan")
    data[1][column] = value
    result = load(staff, write(tmp_path / "dev.csv", data))
    assert value in [r[column.lower()] for r in table(staff, "pengembangan")]
    assert f"dev.csv: kolom {column}: nilai baru dicatat apa adanya: {value}" in messages(result)
    assert f"column {column}: new values kept as given: {value}" in messages(result, "en")


def test_open_lists_normalise_known_spellings(staff, tmp_path):
    data = rows("pengembangan")
    data[1]["BENTUK"], data[1]["TOPIK"] = "e learning", "PELAYANAN PUBLIK"
    result = load(staff, write(tmp_path / "dev.csv", data))
    stored = table(staff, "pengembangan", "nip")[1]
    assert (stored["bentuk"], stored["topik"]) == ("E-Learning", "Pelayanan Publik")
    assert "nilai baru" not in messages(result)


@pytest.mark.parametrize(
    ("jenis", "golongan", "ok"),
    [("PNS", "IV/e", True), ("CPNS", "I/a", True), ("PPPK", "XVII", True), ("PPPK Paruh Waktu", "I", True),
     ("PNS", "IX", False), ("CPNS", "XVII", False), ("PPPK", "III/a", False), ("PPPK Paruh Waktu", "II/b", False),
     ("PPPK", "XVIII", False), ("PNS", "IV/f", False)],
)  # fmt: skip
def test_golongan_matches_jenis_pegawai(con, tmp_path, jenis, golongan, ok):
    data = rows("pegawai")
    data[0]["JENIS_PEGAWAI"], data[0]["GOLONGAN"] = jenis, golongan
    result = import_files(con, [write(tmp_path / "pegawai.csv", data)])
    assert result.ok is ok, messages(result)
    if not ok:
        assert "pegawai.csv, baris 2, kolom GOLONGAN" in messages(result)
        assert f"(ditemukan: '{golongan}')" in messages(result)


def test_golongan_kelompok_is_derived(con, tmp_path):
    load(con, good_file(tmp_path, "pegawai"))
    assert [r["golongan_kelompok"] for r in table(con, "pegawai", "nip")] == ["III", "II", "PPPK"]


def test_competency_names_match_their_kind(staff, tmp_path):
    data = rows("kompetensi")
    data[0]["KOMPETENSI"] = "Analisis Data"  # technical name under Manajerial
    data[1]["KOMPETENSI"] = "Integritas"  # managerial name under Sosial Kultural
    text = refuse(staff, write(tmp_path / "asesmen.csv", data))
    assert "baris 2, kolom KOMPETENSI: kompetensi Manajerial harus salah satu dari: Integritas" in text
    assert (
        "baris 3, kolom KOMPETENSI: kompetensi Sosial Kultural harus salah satu dari: Perekat Bangsa" in text
    )


def test_technical_competency_names_are_open(staff, tmp_path):
    data = rows("kompetensi")
    data[2].update(KOMPETENSI="Pengelolaan Arsip Dinamis", JENIS_KOMPETENSI="Teknis")
    result = load(staff, write(tmp_path / "asesmen.csv", data))
    assert "Pengelolaan Arsip Dinamis" in [r["kompetensi"] for r in table(staff, "kompetensi")]
    assert "nilai baru dicatat apa adanya: Pengelolaan Arsip Dinamis" in messages(result)


# ---- ranges ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dataset", "column", "written", "message"),
    [
        ("pengembangan", "JP", "2001", "tidak boleh lebih dari 2000"),
        ("pengembangan", "JP", "-1", "tidak boleh kurang dari 0"),
        ("pengembangan", "BIAYA", "-5000", "tidak boleh kurang dari 0"),
        ("pengembangan", "BIAYA", "1" + "0" * 16, "tidak boleh lebih dari"),
        ("pengembangan", "NILAI_PRETEST", "100.5", "tidak boleh lebih dari 100"),
        ("pengembangan", "NILAI_POSTTEST", "-1", "tidak boleh kurang dari 0"),
        ("pengembangan", "NILAI_KEPUASAN", "0", "tidak boleh kurang dari 1"),
        ("pengembangan", "NILAI_KEPUASAN", "6", "tidak boleh lebih dari 5"),
        ("kompetensi", "LEVEL_STANDAR", "0", "tidak boleh kurang dari 1"),
        ("kompetensi", "LEVEL_STANDAR", "6", "tidak boleh lebih dari 5"),
        ("kompetensi", "LEVEL_STANDAR", "2.5", "harus bilangan bulat"),
        ("kompetensi", "LEVEL_AKTUAL", "5.5", "tidak boleh lebih dari 5"),
        ("kompetensi", "LEVEL_AKTUAL", "0.5", "tidak boleh kurang dari 1"),
        ("anggaran", "BULAN", "0", "tidak boleh kurang dari 1"),
        ("anggaran", "BULAN", "13", "tidak boleh lebih dari 12"),
        ("anggaran", "TAHUN", "1989", "tidak boleh kurang dari 1990"),
        ("anggaran", "REALISASI", "-1", "tidak boleh kurang dari 0"),
        ("anggaran", "PAGU", "99999999999999999", "tidak boleh lebih dari"),
        ("kinerja", "TAHUN", "2024.5", "harus bilangan bulat"),
        ("kebutuhan", "JUMLAH_PEMINAT", "-1", "tidak boleh kurang dari 0"),
        ("kebutuhan", "JUMLAH_PEMINAT", "2.5", "harus bilangan bulat"),
        ("kebutuhan", "JUMLAH_PEMINAT", "2147483648", "tidak boleh lebih dari"),
    ],
)
def test_ranges(con, tmp_path, dataset, column, written, message):
    result = _import_one_change(con, tmp_path, dataset, column, written)
    assert not result.ok
    assert f"{dataset}.csv, baris 2, kolom {column}: {message}" in messages(result)
    assert f"(ditemukan: '{written}')" in messages(result)


@pytest.mark.parametrize(
    ("dataset", "column", "written"),
    [("pengembangan", "JP", "0"), ("pengembangan", "JP", "2000"), ("pengembangan", "NILAI_KEPUASAN", "1"),
     ("pengembangan", "NILAI_POSTTEST", "100"), ("kompetensi", "LEVEL_AKTUAL", "5"),
     ("kompetensi", "LEVEL_STANDAR", "1"), ("anggaran", "BULAN", "12"), ("kebutuhan", "JUMLAH_PEMINAT", "0")],
)  # fmt: skip
def test_range_edges_are_accepted(con, tmp_path, dataset, column, written):
    result = _import_one_change(con, tmp_path, dataset, column, written)
    assert result.ok, messages(result)


# ---- empty cells -----------------------------------------------------------------------------------


@pytest.mark.parametrize("dataset", list(contract.DATASETS))
def test_empty_required_cells(con, tmp_path, dataset):
    """Every required column of the dataset: the i-th is left empty (or blank) on line 2 + i % rows."""
    if dataset in PERSON_DATASETS:
        load(con, good_file(tmp_path, "pegawai", name="staff"))
    data = rows(dataset)
    required = [c.name for c in contract.DATASETS[dataset].required_columns]
    for i, column in enumerate(required):
        data[i % len(data)][column] = "" if i % 2 else "  "
    result = import_files(con, [write(tmp_path / f"{dataset}.csv", data)])
    text = messages(result)
    for i, column in enumerate(required):
        assert f"{dataset}.csv, baris {2 + i % len(data)}, kolom {column}: wajib diisi" in text, column


@pytest.mark.parametrize("dataset", list(contract.DATASETS))
def test_empty_optional_cells_are_null(con, tmp_path, dataset):
    optional = [c for c in contract.DATASETS[dataset].columns if not c.required]
    if dataset in PERSON_DATASETS:
        load(con, good_file(tmp_path, "pegawai", name="staff"))
    data = rows(dataset)
    for row in data:
        row.update({c.name: "" for c in optional})
    load(con, write(tmp_path / f"{dataset}.csv", data))
    for column in optional:
        assert {r[column.db_name] for r in table(con, dataset)} == {None}, column.name


def test_empty_biaya_is_unknown_not_zero(staff, tmp_path):
    load(staff, good_file(tmp_path, "pengembangan"))
    assert staff.execute("SELECT count(*) FROM pengembangan WHERE biaya IS NULL").fetchall() == [(1,)]
    assert staff.execute("SELECT count(*) FROM pengembangan WHERE biaya = 0").fetchall() == [(0,)]


def test_xlsx_empty_cells_are_null(staff, tmp_path):
    header = list(rows("pengembangan")[0])
    line = [NIP_2, "Kursus", "Pendidikan", "Tugas Belajar", "Teknis", None, "UNTIRTA",
            dt.date(2024, 1, 1), dt.date(2024, 6, 30), 0, None, None, "Berjalan", None, None, None]  # fmt: skip
    load(staff, write_xlsx(tmp_path / "dev.xlsx", [header, line]))
    stored = table(staff, "pengembangan")[0]
    assert stored["biaya"] is None and stored["topik"] is None and stored["jp"] == Decimal("0")
