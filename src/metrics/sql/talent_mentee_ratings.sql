-- How SKP ratings move for mentees: for each cohort year C (C + 1 <= $year), staff in scope with a
-- kinerja row in C and in C + 1, split by whether they completed (STATUS Selesai) mentoring or
-- coaching ($mentoring_bentuk) ending in C, by $period_end. Ratings on a 1-5 scale: Sangat Kurang 1,
-- Kurang 2, Butuh Perbaikan 3, Baik 4, Sangat Baik 5; improved / same / declined compare C + 1 with C.
-- Grouped by $by (none, region or unit).
WITH
-- @scope
, -- @kinerja_scores
, scored AS (
    SELECT nip, tahun, score FROM kinerja_scores
    WHERE tahun <= $year AND nip IN (SELECT nip FROM scope)
),
pairs AS (
    SELECT s.nip, s.grp, s.grp_region, a.tahun AS cohort, b.score - a.score AS change
    FROM scope s
    JOIN scored a ON a.nip = s.nip
    JOIN scored b ON b.nip = s.nip AND b.tahun = a.tahun + 1
),
mentees AS (
    SELECT DISTINCT nip, year(tanggal_selesai) AS cohort
    FROM pengembangan
    WHERE status = 'Selesai' AND list_contains($mentoring_bentuk::VARCHAR[], bentuk)
      AND tanggal_selesai <= $period_end::DATE
)
SELECT
    p.grp AS "group",
    p.grp_region AS group_region,
    p.cohort,
    m.nip IS NOT NULL AS mentee,
    count(*) AS staff,
    count(*) FILTER (p.change > 0) AS improved,
    count(*) FILTER (p.change = 0) AS same,
    count(*) FILTER (p.change < 0) AS declined
FROM pairs p
LEFT JOIN mentees m ON m.nip = p.nip AND m.cohort = p.cohort
GROUP BY ALL
ORDER BY ALL
