"""data_freshness (src/metrics/freshness.py): rows, latest date and last import per dataset and region."""

from __future__ import annotations

import datetime as dt

import pytest

from src.metrics.freshness import data_freshness, last_imports
from src.warehouse.db import connect


@pytest.fixture(scope="module")
def two_imports(make_exports):
    """Import 1: staff (S1, S2 in Serang, M1 in Semarang); development (Serang: 2025-03-10 and
    2025-05-20; Semarang: 2025-02-01); budget (Serang 2025 months 1-3, Semarang 2025 months 1-2);
    assessments (Serang: one row, 2025-01-15).
    Import 2: budget of Serang only, 2025 months 1-4 (replaces Serang 2025) and 2024 month 12."""
    e = make_exports()
    con = connect(":memory:")
    e.staff("S1").staff("S2").staff("M1", region="Semarang", unit="BKPP")
    e.course("S1", "2025-03-10", 4).course("S2", "2025-05-20", 4).course("M1", "2025-02-01", 4)
    for m in (1, 2, 3):
        e.budget(2025, m, 100, 5)
    for m in (1, 2):
        e.budget(2025, m, 50, 5, region="Semarang", unit="BKPP")
    e.assess("S1", "2025-01-15", "Integritas", 3, 2)
    e.import_into(con)
    for m in (1, 2, 3, 4):
        e.budget(2025, m, 100, 6)
    e.budget(2024, 12, 80, 10)
    e.import_into(con)
    [(first,), (second,)] = con.execute("SELECT waktu FROM import_log ORDER BY id").fetchall()
    assert first < second
    return con, first, second


def test_rows_and_latest_date_per_dataset_and_region(two_imports):
    con, _, _ = two_imports
    frame = data_freshness(con)
    got = {(r["dataset"], r["wilayah"]): (r["rows"], r["latest_date"]) for r in frame.iter_rows(named=True)}
    assert got == {
        ("anggaran", "Semarang"): (2, dt.date(2025, 2, 28)),  # months 1-2: end of February
        ("anggaran", "Serang"): (5, dt.date(2025, 4, 30)),  # 4 rows of 2025 (replaced) + 1 of 2024
        ("kompetensi", "Serang"): (1, dt.date(2025, 1, 15)),
        ("pegawai", "Semarang"): (1, None),  # a snapshot has no date of its own
        ("pegawai", "Serang"): (2, None),
        ("pengembangan", "Semarang"): (1, dt.date(2025, 2, 1)),
        ("pengembangan", "Serang"): (2, dt.date(2025, 5, 20)),
    }


def test_last_import_per_slice_after_two_imports(two_imports):
    con, first, second = two_imports
    frame = data_freshness(con)
    got = {(r["dataset"], r["wilayah"]): r["last_import"] for r in frame.iter_rows(named=True)}
    # only Serang's budget came in again with the second import
    assert got[("anggaran", "Serang")] == second
    for key in (("anggaran", "Semarang"), ("kompetensi", "Serang"), ("pegawai", "Semarang"),
                ("pegawai", "Serang"), ("pengembangan", "Semarang"), ("pengembangan", "Serang")):  # fmt: skip
        assert got[key] == first, key
    assert last_imports(con).height == 7  # one row per (dataset, region) slice ever imported


def test_empty_warehouse_has_no_freshness_rows():
    con = connect(":memory:")
    assert data_freshness(con).height == 0
