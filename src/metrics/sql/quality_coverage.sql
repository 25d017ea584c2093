-- Coverage per region of the staff in scope (the current snapshot under every staff filter):
--   assessed:       staff with at least one competency assessment dated on or before $period_end
--                   (the staff behind assessed_rate);
--   rated:          staff with a performance rating (kinerja) for TAHUN = $year;
--   rated_previous: staff with one for TAHUN = $year - 1 (a year's SKP rating is given early the
--                   next year, so the current year is usually still empty).
WITH
-- @scope
, assessed AS (
    SELECT DISTINCT nip FROM kompetensi WHERE tanggal_asesmen <= $period_end::DATE
), rated AS (
    SELECT nip, bool_or(tahun = $year) AS this_year, bool_or(tahun = $year - 1) AS previous_year
    FROM kinerja
    WHERE tahun IN ($year, $year - 1)
    GROUP BY nip
)
SELECT
    s.wilayah,
    count(*) AS staff,
    count(a.nip) AS assessed,
    count(*) FILTER (r.this_year) AS rated,
    count(*) FILTER (r.previous_year) AS rated_previous
FROM scope s
LEFT JOIN assessed a USING (nip)
LEFT JOIN rated r USING (nip)
GROUP BY s.wilayah
ORDER BY s.wilayah
