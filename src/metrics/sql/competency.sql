-- Competency components per group: for each staff member in scope and each competency, the latest
-- assessment dated on or before $period_end. JPM uses the Manajerial and Sosial Kultural pairs, each
-- measured level capped at the required one.
WITH
-- @scope
, latest AS (
    SELECT
        coalesce(s.grp, MAP {'competency': k.kompetensi, 'competency_type': k.jenis_kompetensi}[$by]) AS grp,
        coalesce(s.grp2, MAP {'competency': k.kompetensi, 'competency_type': k.jenis_kompetensi}[$by2]) AS grp2,
        s.grp_region, k.*
    FROM kompetensi_berlaku k
    JOIN scope s USING (nip)
    WHERE k.tanggal_asesmen <= $period_end::DATE
      AND (k.digantikan_pada IS NULL OR k.digantikan_pada > $period_end::DATE)
),
per_person AS (
    SELECT grp, grp2, grp_region, nip,
        sum(least(level_aktual, level_standar)) FILTER (jenis_kompetensi IN ('Manajerial', 'Sosial Kultural'))
          / sum(level_standar) FILTER (jenis_kompetensi IN ('Manajerial', 'Sosial Kultural')) * 100 AS jpm
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
