-- Competency components per group: for each staff member in scope and each competency, the latest
-- assessment dated on or before $period_end. JPM uses the Manajerial and Sosial Kultural pairs, each
-- measured level capped at the required one.
WITH
-- @scope
, -- @latest_assessments,
per_person AS (
    -- Rounded: 24.3 / 27 * 100 is 89.999… in floating point, and is exactly 90 (Optimal).
    SELECT grp, grp2, grp_region, nip,
        count(*)                                                AS pairs,
        sum(greatest(level_standar - level_aktual, 0))          AS gap_sum,
        count(*) FILTER (level_aktual >= level_standar)         AS pairs_meeting,
        round(sum(jpm_actual) / sum(jpm_standard) * 100, 9)     AS jpm
    FROM latest
    GROUP BY ALL
)
-- One pass over the assessments: per person first, then per group (each person once per group).
SELECT grp AS "group", grp_region AS group_region, grp2 AS group2,
    count(*)                                 AS assessed_staff,
    sum(pairs)                               AS pairs,
    sum(gap_sum)                             AS gap_sum,
    sum(pairs_meeting)                       AS pairs_meeting,
    count(jpm)                               AS jpm_staff,
    sum(jpm)                                 AS jpm_sum,
    count(*) FILTER (jpm >= 90)              AS jpm_optimal,
    count(*) FILTER (jpm >= 78 AND jpm < 90) AS jpm_cukup,
    count(*) FILTER (jpm < 78)               AS jpm_kurang
FROM per_person
GROUP BY ALL
