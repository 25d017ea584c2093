-- Competency × OPD over staff in scope, each pair being the latest assessment on or before
-- $period_end: how many pairs, their mean gap and the share meeting the standard.
WITH
-- @scope
, latest AS (
    SELECT s.wilayah, s.unit_kerja, k.*
    FROM kompetensi_berlaku k
    JOIN scope s USING (nip)
    WHERE k.tanggal_asesmen <= $period_end::DATE
      AND (k.digantikan_pada IS NULL OR k.digantikan_pada > $period_end::DATE)
)
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
