-- The last month of $year with budget rows for the chosen regions and units (NULL: none that year).
SELECT max(bulan)::INTEGER AS last_month
FROM anggaran
WHERE tahun = $year
  AND (len($regions::VARCHAR[]) = 0 OR list_contains($regions::VARCHAR[], wilayah))
  AND (len($units::VARCHAR[]) = 0 OR list_contains($units::VARCHAR[], unit_kerja))
