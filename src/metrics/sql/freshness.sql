-- How fresh the data is, per dataset and region: rows held and the latest date they cover.
SELECT 'pegawai' AS dataset, wilayah, count(*) AS rows, NULL::DATE AS latest_date FROM pegawai GROUP BY wilayah
UNION ALL
SELECT 'pengembangan', wilayah, count(*), max(tanggal_selesai) FROM pengembangan GROUP BY wilayah
UNION ALL
SELECT 'anggaran', wilayah, count(*), max(make_date(tahun, bulan, 1) + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE
FROM anggaran GROUP BY wilayah
UNION ALL
SELECT 'kompetensi', wilayah, count(*), max(tanggal_asesmen) FROM kompetensi GROUP BY wilayah
UNION ALL
SELECT 'kinerja', wilayah, count(*), make_date(max(tahun), 12, 31) FROM kinerja GROUP BY wilayah
UNION ALL
SELECT 'karier', wilayah, count(*), max(tanggal) FROM karier GROUP BY wilayah
UNION ALL
SELECT 'kebutuhan', wilayah, count(*), make_date(max(tahun), 12, 31) FROM kebutuhan GROUP BY wilayah
ORDER BY dataset, wilayah
