-- Per training topic and course: what staff in scope completed (STATUS Selesai) in the period's
-- last month ($month_start .. $period_end): participations and JP.
WITH
-- @scope
SELECT
    d.topik AS topic,
    d.nama_kegiatan AS course,
    count(*) AS participations,
    sum(d.jp)::DOUBLE AS jp
FROM pengembangan d
JOIN scope s USING (nip)
WHERE d.status = 'Selesai'
  AND d.topik IS NOT NULL
  AND d.tanggal_selesai BETWEEN $month_start::DATE AND $period_end::DATE
GROUP BY d.topik, d.nama_kegiatan
ORDER BY topic, course
