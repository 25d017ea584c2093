-- What the filter widgets offer, read from the data (a new region or year is a data change).
-- Named queries: each starts at a `-- name: NAME` line (see src/metrics/options.py).

-- name: periods
-- One row per year with data: the last month with counted development (STATUS Selesai) and the last
-- month with budget rows, each NULL when the year has none of that kind; `last_month` is the later.
WITH development AS (
    SELECT tahun AS year, max(bulan) AS last_month_development
    FROM rollup_pengembangan_bulanan
    WHERE n_dihitung > 0
    GROUP BY tahun
), budget AS (
    SELECT tahun AS year, max(bulan) AS last_month_budget
    FROM anggaran
    GROUP BY tahun
)
SELECT
    year::INTEGER AS year,
    greatest(coalesce(last_month_development, 0), coalesce(last_month_budget, 0))::INTEGER AS last_month,
    last_month_development::INTEGER AS last_month_development,
    last_month_budget::INTEGER AS last_month_budget
FROM development FULL OUTER JOIN budget USING (year)
ORDER BY year;

-- name: units
-- Every unit (OPD) of the current staff snapshot with its region and headcount.
SELECT wilayah AS region, unit_kerja AS unit, jumlah_pegawai::INTEGER AS staff
FROM dim_unit
ORDER BY region, unit;
