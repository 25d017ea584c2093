-- The flagged development records of year $year in the chosen regions, without personal data (no
-- NIP, no name): region, the person's current OPD (NULL when the NIP is no longer in the staff
-- snapshot), the course, its dates, JP, cost and why it was flagged. Oldest first, at most $limit.
WITH
-- @quality_development
SELECT
    d.wilayah,
    p.unit_kerja,
    d.nama_kegiatan,
    d.bentuk,
    d.penyelenggara,
    d.tanggal_mulai,
    d.tanggal_selesai,
    d.days,
    d.jp::DOUBLE AS jp,
    (d.jp / d.days)::DOUBLE AS jp_per_day,
    d.biaya::DOUBLE AS biaya,
    d.usual_cost::DOUBLE AS usual_cost,
    d.too_many_jp,
    d.cost_outlier
FROM development d
LEFT JOIN pegawai p USING (nip)
WHERE d.too_many_jp OR d.cost_outlier
ORDER BY d.tanggal_mulai, d.wilayah, p.unit_kerja, d.nama_kegiatan, d.jp, d.biaya
LIMIT $limit
