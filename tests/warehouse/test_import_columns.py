"""Headers: every alias of every column, header spelling, extra columns, recognising the dataset."""

from __future__ import annotations

import pytest

from src.warehouse import contract
from src.warehouse.db import connect
from src.warehouse.importer import import_files
from tests.warehouse.conftest import (
    DATA_TABLES,
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

ALIASES = [
    pytest.param(dataset.name, column.name, alias, id=f"{dataset.name}-{column.name}-{alias}")
    for dataset in contract.DATASETS.values()
    for column in dataset.columns
    for alias in column.aliases
]


def _database_after(con, tmp_path, dataset: str, header: list[str] | None = None, **kwargs) -> list[dict]:
    if dataset in PERSON_DATASETS:
        load(con, good_file(tmp_path, "pegawai", name="staff"))
    path = write(tmp_path / f"{dataset}.csv", rows(dataset), header=header)
    result = load(con, path, **kwargs)
    assert list(result.rows) == [dataset]
    return table(con, dataset)


def test_every_dataset_has_good_rows_for_every_column():
    """The sample rows in conftest cover each contract column (so every alias test means something)."""
    for name, dataset in contract.DATASETS.items():
        assert [c.name for c in dataset.columns] == list(rows(name)[0]), name


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The table each dataset's good file gives with canonical headers (built once per dataset)."""
    cache: dict[str, list[dict]] = {}

    def build(dataset: str) -> list[dict]:
        if dataset not in cache:
            con = connect(":memory:")
            cache[dataset] = _database_after(con, tmp_path_factory.mktemp(dataset), dataset)
            con.close()
        return cache[dataset]

    return build


@pytest.mark.parametrize(("dataset", "column", "alias"), ALIASES)
def test_every_alias_of_every_column(con, tmp_path, reference, dataset, column, alias):
    expected = reference(dataset)
    header = [alias if name == column else name for name in rows(dataset)[0]]
    assert _database_after(con, tmp_path, dataset, header) == expected


def _spellings(name: str, index: int) -> str:
    variants = (
        name.lower(),
        f"  {name.title()}  ",
        name.replace("_", " "),
        name.replace("_", "-").lower(),
        name.replace("_", "."),
        f"\t{name.replace('_', ' ').lower()} ",
    )
    return variants[index % len(variants)]


@pytest.mark.parametrize("dataset", list(contract.DATASETS))
def test_header_case_spaces_dashes_and_dots(con, tmp_path, reference, dataset):
    expected = reference(dataset)
    header = [_spellings(name, i) for i, name in enumerate(rows(dataset)[0])]
    assert _database_after(con, tmp_path, dataset, header) == expected


def test_siasn_style_pegawai_header(con, tmp_path):
    """A header as SIASN writes it (aliases, lower case, spaces) is a pegawai file."""
    header = ["nip", "nama", "jenis kelamin", "tgl lhr", "jenis pegawai nama", "gol akhir nama",
              "jenis jabatan nama", "eselon nama", "jabatan nama", "tingkat pendidikan nama",
              "unor induk nama", "instansi kerja nama", "tmt cpns"]  # fmt: skip
    load(con, write(tmp_path / "siasn.csv", rows("pegawai"), header=header))
    assert {r["wilayah"] for r in table(con, "pegawai")} == {"Serang", "Semarang"}


def test_extra_columns_are_ignored_and_reported(con, tmp_path):
    data = [{"ID_SIASN": f"A{i}", **row, "Keterangan": "catatan"} for i, row in enumerate(rows("pegawai"))]
    result = load(con, write(tmp_path / "pegawai.csv", data))
    assert "pegawai.csv: kolom diabaikan: ID_SIASN, Keterangan" in messages(result)
    assert "ignored columns: ID_SIASN, Keterangan" in messages(result, "en")
    assert "id_siasn" not in table(con, "pegawai")[0]


def test_alias_beside_its_canonical_column_is_ignored(con, tmp_path):
    """With both NIP_BARU and NIP present, NIP_BARU is used and NIP is an ignored column."""
    data = [{**row, "NIP": "bukan NIP"} for row in rows("pegawai")]
    result = load(con, write(tmp_path / "pegawai.csv", data))
    assert "kolom diabaikan: NIP" in messages(result)


def test_the_same_column_twice_is_an_error(con, tmp_path):
    header = list(rows("pegawai")[0])
    header[7] = "nip baru"  # ESELON's place (optional), spelled as another NIP_BARU
    text = refuse(con, write(tmp_path / "pegawai.csv", rows("pegawai"), header=header))
    assert "muncul lebih dari sekali" in text


def test_missing_optional_columns_are_null(staff, tmp_path):
    optional = [c.name for c in contract.PENGEMBANGAN.columns if not c.required]
    data = [{k: v for k, v in row.items() if k not in optional} for row in rows("pengembangan")]
    load(staff, write(tmp_path / "dev.csv", data))
    for row in table(staff, "pengembangan"):
        assert all(row[name.lower()] is None for name in optional)


@pytest.mark.parametrize("dataset", list(contract.DATASETS))
def test_dataset_recognised_from_its_header(con, tmp_path, dataset):
    if dataset in PERSON_DATASETS:
        load(con, good_file(tmp_path, "pegawai", name="staff"))
    result = load(con, good_file(tmp_path, dataset, name="export"))
    assert result.rows == {dataset: len(rows(dataset))}


@pytest.mark.parametrize("dataset", list(contract.DATASETS))
def test_dataset_named_explicitly(con, tmp_path, dataset):
    if dataset in PERSON_DATASETS:
        load(con, good_file(tmp_path, "pegawai", name="staff"))
    result = load(con, good_file(tmp_path, dataset, name="export"), dataset=dataset)
    assert result.rows == {dataset: len(rows(dataset))}


def test_explicit_dataset_wins_over_recognition(staff, tmp_path):
    """A staff list that also carries a rating: recognised as pegawai, loadable as kinerja when named."""
    data = [{**row, "TAHUN": "2024", "PREDIKAT_KINERJA": "Baik"} for row in rows("pegawai")]
    path = write(tmp_path / "campuran.csv", data)
    assert import_files(staff, [path]).rows == {"pegawai": 3}
    result = load(staff, path, dataset="kinerja")
    assert result.rows == {"kinerja": 3}
    assert "kolom diabaikan: NAMA, JENIS_KELAMIN" in messages(result)


def test_explicit_dataset_that_does_not_fit(con, tmp_path):
    text = refuse(con, good_file(tmp_path, "anggaran"), dataset="pegawai")
    assert text.startswith("anggaran.csv: bukan berkas pegawai: kolom wajib tidak ada: NIP_BARU, NAMA")


def test_unknown_dataset_name(con, tmp_path):
    result = import_files(con, [good_file(tmp_path, "anggaran")], dataset="gaji")
    assert not result.ok
    assert "jenis data 'gaji' tidak dikenal; pilihan: pegawai, pengembangan" in messages(result)
    assert "unknown dataset 'gaji'" in messages(result, "en")


def test_unrecognisable_header(con, tmp_path):
    path = write(tmp_path / "gaji.csv", [{"NIP_BARU": "1", "GAJI_POKOK": "100", "TUNJANGAN": "5"}])
    text = refuse(con, path)
    assert text.startswith("gaji.csv: jenis data tidak dikenali dari judul kolom; paling mirip: ")
    assert "kurang kolom" in text


def test_missing_required_column_names_it(con, tmp_path):
    data = [{k: v for k, v in row.items() if k != "REALISASI"} for row in rows("anggaran")]
    text = refuse(con, write(tmp_path / "anggaran.csv", data))
    assert "paling mirip: anggaran, kurang kolom REALISASI" in text


def test_unrecognised_file_does_not_touch_the_database(staff, tmp_path):
    before = dump(staff)
    import_files(staff, [write(tmp_path / "x.csv", [{"A": "1"}])])
    assert dump(staff) == before
    assert set(DATA_TABLES) <= set(before)
