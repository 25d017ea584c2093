-- Assessed staff in scope by JPM (latest Manajerial and Sosial Kultural assessments on or before
-- $period_end, each level capped at the standard), in bins of $bin_width points from 0 to 100.
WITH
-- @scope
, -- @latest_assessments,
per_person AS (
    -- Rounded: 24.3 / 27 * 100 is 89.999… in floating point, and is exactly 90 (Optimal).
    SELECT nip, round(sum(jpm_actual) / sum(jpm_standard) * 100, 9) AS jpm
    FROM latest WHERE jpm_standard IS NOT NULL GROUP BY nip
)
SELECT
    least(floor(jpm / $bin_width) * $bin_width, 100 - $bin_width)::DOUBLE AS jpm_from,
    count(*) AS staff
FROM per_person
GROUP BY 1
ORDER BY 1
