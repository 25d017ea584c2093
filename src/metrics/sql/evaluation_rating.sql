-- The level 3/4 proxy: SKP rating change from year $cohort to $cohort + 1 per group of comparable staff
-- (region, JENIS_JABATAN, rating in $cohort), for staff in scope who completed at least one activity
-- (STATUS Selesai) in $cohort ("trained") and those who completed none. Ratings as a 1-5 scale:
-- Sangat Kurang 1, Kurang 2, Butuh Perbaikan 3, Baik 4, Sangat Baik 5. Counts, sums and sums of
-- squares per (group, trained), so that the weighting and the interval are computed in Python.
WITH
-- @scope
, -- @kinerja_scores
, scored AS (
    SELECT nip, tahun, score FROM kinerja_scores
    WHERE tahun IN ($cohort, $cohort + 1)
),
pairs AS (
    SELECT s.nip, s.wilayah, s.jenis_jabatan, a.score AS start_score, b.score - a.score AS change
    FROM scope s
    JOIN scored a ON a.nip = s.nip AND a.tahun = $cohort
    JOIN scored b ON b.nip = s.nip AND b.tahun = $cohort + 1
),
trained AS (
    SELECT DISTINCT nip FROM pengembangan
    WHERE status = 'Selesai' AND year(tanggal_selesai) = $cohort
)
SELECT
    p.wilayah AS region,
    p.jenis_jabatan,
    p.start_score,
    t.nip IS NOT NULL AS trained,
    count(*) AS staff,
    sum(p.change)::DOUBLE AS change_sum,
    sum(p.change * p.change)::DOUBLE AS change_sq_sum,
    count(*) FILTER (p.change > 0) AS improved,
    count(*) FILTER (p.change < 0) AS declined
FROM pairs p
LEFT JOIN trained t USING (nip)
GROUP BY ALL
ORDER BY region, jenis_jabatan, start_score, trained
