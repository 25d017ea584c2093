-- The name of each sub-kegiatan code in the budget rows of $year up to $end_month (region and unit
-- filters only, as every budget figure): the name of its latest row, the alphabetically first on a
-- tie, so a renamed line shows its current name.
SELECT
    kode_sub_kegiatan AS code,
    first(nama_sub_kegiatan ORDER BY bulan DESC, nama_sub_kegiatan) AS name
FROM anggaran
WHERE tahun = $year AND bulan <= $end_month
  AND (len($regions::VARCHAR[]) = 0 OR list_contains($regions::VARCHAR[], wilayah))
  AND (len($units::VARCHAR[]) = 0 OR list_contains($units::VARCHAR[], unit_kerja))
GROUP BY kode_sub_kegiatan
ORDER BY code
