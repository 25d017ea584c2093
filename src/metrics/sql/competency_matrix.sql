-- Competency × OPD over staff in scope, each pair being the latest assessment on or before
-- $period_end: how many pairs, their mean gap and the share meeting the standard.
WITH
-- @scope
, -- @latest_assessments
SELECT
    kompetensi,
    any_value(jenis_kompetensi)                                 AS jenis_kompetensi,
    wilayah,
    unit_kerja,
    count(*)                                                    AS pairs,
    avg(greatest(level_standar - level_aktual, 0))              AS gap_mean,
    avg(CASE WHEN level_aktual >= level_standar THEN 1.0 ELSE 0.0 END) AS meets_standard_rate
FROM latest
GROUP BY kompetensi, wilayah, unit_kerja
ORDER BY kompetensi, wilayah, unit_kerja
