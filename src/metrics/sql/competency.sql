-- Competency components per group: for each staff member in scope and each competency, the latest
-- assessment dated on or before $period_end. JPM uses the Manajerial and Sosial Kultural pairs, each
-- measured level capped at the required one.
WITH
-- @scope
, -- @latest_assessments,
per_person AS (
    -- Rounded: 24.3 / 27 * 100 is 89.999… in floating point, and is exactly 90 (Optimal).
    SELECT grp, grp2, grp_region, nip, round(sum(jpm_actual) / sum(jpm_standard) * 100, 9) AS jpm
    FROM latest
    GROUP BY ALL
),
pairs AS (
    SELECT grp, grp2, grp_region,
        count(DISTINCT nip)                                     AS assessed_staff,
        count(*)                                                AS pairs,
        sum(greatest(level_standar - level_aktual, 0))          AS gap_sum,
        count(*) FILTER (level_aktual >= level_standar)         AS pairs_meeting
    FROM latest
    GROUP BY ALL
),
jpm AS (
    SELECT grp, grp2, grp_region,
        count(jpm)                      AS jpm_staff,
        sum(jpm)                        AS jpm_sum,
        count(*) FILTER (jpm >= 90)     AS jpm_optimal,
        count(*) FILTER (jpm >= 78 AND jpm < 90) AS jpm_cukup,
        count(*) FILTER (jpm < 78)      AS jpm_kurang
    FROM per_person
    GROUP BY ALL
)
SELECT p.grp AS "group", p.grp_region AS group_region, p.grp2 AS group2,
       p.assessed_staff, p.pairs, p.gap_sum, p.pairs_meeting,
       coalesce(j.jpm_staff, 0) AS jpm_staff, j.jpm_sum,
       coalesce(j.jpm_optimal, 0) AS jpm_optimal, coalesce(j.jpm_cukup, 0) AS jpm_cukup,
       coalesce(j.jpm_kurang, 0) AS jpm_kurang
FROM pairs p
LEFT JOIN jpm j
  ON j.grp IS NOT DISTINCT FROM p.grp AND j.grp2 IS NOT DISTINCT FROM p.grp2
 AND j.grp_region IS NOT DISTINCT FROM p.grp_region
