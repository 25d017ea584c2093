"""src/metrics/options.py: what the filter widgets offer, checked against the sample warehouse."""

from __future__ import annotations

from src.metrics import options
from src.warehouse.db import connect


def test_periods_are_the_years_and_last_months_with_data(sample_db):
    con = connect(sample_db, read_only=True)
    try:
        periods = options.periods(con)
        development = dict(con.sql(
            "SELECT year(tanggal_selesai), max(month(tanggal_selesai)) FROM pengembangan "
            "WHERE status = 'Selesai' GROUP BY 1"
        ).fetchall())  # fmt: skip
        budget = dict(con.sql("SELECT tahun, max(bulan) FROM anggaran GROUP BY 1").fetchall())
    finally:
        con.close()
    assert periods.columns == ["year", "last_month", "last_month_development", "last_month_budget"]
    assert periods["year"].to_list() == sorted(set(development) | set(budget))
    for row in periods.iter_rows(named=True):
        assert row["last_month_development"] == development.get(row["year"])
        assert row["last_month_budget"] == budget.get(row["year"])
        assert row["last_month"] == max(development.get(row["year"], 0), budget.get(row["year"], 0))


def test_units_are_those_of_the_staff_list(sample_db):
    con = connect(sample_db, read_only=True)
    try:
        units = options.units(con)
        expected = con.sql(
            "SELECT wilayah, unit_kerja, count(*) FROM pegawai GROUP BY ALL ORDER BY ALL"
        ).fetchall()
    finally:
        con.close()
    assert units.columns == ["region", "unit", "staff"]
    assert units.rows() == expected
