-- Budget month by month for $year and every earlier year (region and unit filters only): the pagu
-- as it stood at the end of each month (each line's latest row up to that month), what was spent in
-- the month, and the cumulative spending. Months after a year's last reported month are left out.
WITH rows AS (
    SELECT * FROM anggaran
    WHERE tahun <= $year
      AND (len($regions::VARCHAR[]) = 0 OR list_contains($regions::VARCHAR[], wilayah))
      AND (len($units::VARCHAR[]) = 0 OR list_contains($units::VARCHAR[], unit_kerja))
),
reported AS (SELECT tahun, max(bulan) AS last_month FROM rows GROUP BY tahun),
line_months AS (
    SELECT DISTINCT r.tahun, r.wilayah, r.unit_kerja, r.kode_sub_kegiatan, m.bulan
    FROM rows r
    JOIN reported p USING (tahun)
    CROSS JOIN (SELECT unnest(range(1, 13))::INTEGER AS bulan) m
    WHERE m.bulan <= p.last_month
),
pagu_as_of AS (
    SELECT g.tahun, g.bulan, sum(r.pagu) AS pagu
    FROM line_months g
    ASOF LEFT JOIN rows r
      ON g.tahun = r.tahun AND g.wilayah = r.wilayah AND g.unit_kerja = r.unit_kerja
     AND g.kode_sub_kegiatan = r.kode_sub_kegiatan AND g.bulan >= r.bulan
    GROUP BY g.tahun, g.bulan
),
spent AS (SELECT tahun, bulan, sum(realisasi) AS realisasi FROM rows GROUP BY tahun, bulan)
SELECT
    p.tahun AS year,
    p.bulan AS month,
    coalesce(p.pagu, 0)::DOUBLE AS pagu,
    coalesce(s.realisasi, 0)::DOUBLE AS realisasi,
    sum(coalesce(s.realisasi, 0)) OVER (PARTITION BY p.tahun ORDER BY p.bulan)::DOUBLE AS realisasi_cumulative
FROM pagu_as_of p
LEFT JOIN spent s USING (tahun, bulan)
ORDER BY year, month
