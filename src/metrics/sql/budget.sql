-- Budget components per group. Budget lines belong to an OPD, not a person: only the region and
-- unit filters apply, and only the region, unit and sub-kegiatan dimensions. A line's pagu is that
-- of its latest row with BULAN <= $end_month (so an APBD-P revision counts from the month it
-- appears); realisasi is summed over those months.
WITH lines AS (
    SELECT
        wilayah, unit_kerja, kode_sub_kegiatan,
        arg_max(pagu, bulan)  AS pagu,
        sum(realisasi)        AS realisasi
    FROM anggaran
    WHERE tahun = $year AND bulan <= $end_month
      AND (len($regions::VARCHAR[]) = 0 OR list_contains($regions::VARCHAR[], wilayah))
      AND (len($units::VARCHAR[]) = 0 OR list_contains($units::VARCHAR[], unit_kerja))
    GROUP BY wilayah, unit_kerja, kode_sub_kegiatan
),
keyed AS (
    SELECT *,
        CASE $by WHEN 'none' THEN '' WHEN 'region' THEN wilayah WHEN 'unit' THEN unit_kerja
                 WHEN 'sub_kegiatan' THEN kode_sub_kegiatan END AS grp,
        CASE $by2 WHEN 'none' THEN '' WHEN 'region' THEN wilayah WHEN 'unit' THEN unit_kerja
                  WHEN 'sub_kegiatan' THEN kode_sub_kegiatan END AS grp2
    FROM lines
)
SELECT
    grp AS "group",
    CASE WHEN 'unit' IN ($by, $by2) THEN wilayah END AS group_region,
    grp2 AS group2,
    sum(pagu)::DOUBLE      AS budget_pagu,
    sum(realisasi)::DOUBLE AS budget_realisasi
FROM keyed
WHERE grp IS NOT NULL AND grp2 IS NOT NULL
GROUP BY ALL
