-- Courses (NAMA_KEGIATAN × PENYELENGGARA) that ended in the period's last month ($month_start ..
-- $period_end) among staff in scope, with their evaluation results: satisfaction (NILAI_KEPUASAN,
-- 1–5) and learning gain (NILAI_POSTTEST − NILAI_PRETEST) over counted records (STATUS Selesai), as
-- the registry's satisfaction_mean and learning_gain_mean, and how many records ended at all.
WITH
-- @scope
, records AS (
    SELECT d.*
    FROM pengembangan d
    JOIN scope s USING (nip)
    WHERE d.tanggal_selesai BETWEEN $month_start::DATE AND $period_end::DATE
)
SELECT
    nama_kegiatan AS course,
    penyelenggara AS provider,
    min(bentuk) AS method,
    count(*) FILTER (status = 'Selesai')                                       AS participants,
    count(*) FILTER (status IN ('Selesai', 'Tidak Lulus', 'Mengundurkan Diri')) AS ended,
    avg(nilai_kepuasan) FILTER (status = 'Selesai')                            AS satisfaction_mean,
    count(nilai_kepuasan) FILTER (status = 'Selesai')                          AS satisfaction_n,
    avg(nilai_posttest - nilai_pretest) FILTER (status = 'Selesai')            AS gain_mean,
    count(nilai_posttest - nilai_pretest) FILTER (status = 'Selesai')          AS gain_n
FROM records
GROUP BY nama_kegiatan, penyelenggara
ORDER BY course, provider
