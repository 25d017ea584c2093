-- Assessed staff in scope by JPM (latest Manajerial and Sosial Kultural assessments on or before
-- $period_end, each level capped at the standard), in bins of $bin_width points from 0 to 100.
WITH
-- @scope
, latest AS (
    SELECT k.*
    FROM kompetensi_berlaku k
    JOIN scope s USING (nip)
    WHERE k.tanggal_asesmen <= $period_end::DATE
      AND (k.digantikan_pada IS NULL OR k.digantikan_pada > $period_end::DATE)
      AND k.jenis_kompetensi IN ('Manajerial', 'Sosial Kultural')
),
per_person AS (
    SELECT nip, sum(least(level_aktual, level_standar)) / sum(level_standar) * 100 AS jpm
    FROM latest GROUP BY nip
)
SELECT
    -- Rounded first: 14.5 / 25 * 100 is 57.999… in floating point, and belongs in the 58 bin.
    least(floor(round(jpm, 9) / $bin_width) * $bin_width, 100 - $bin_width)::DOUBLE AS jpm_from,
    count(*) AS staff
FROM per_person
GROUP BY 1
ORDER BY 1
