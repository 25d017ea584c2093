-- participation_staff.sql for every month m = 1..$end_month at once (column `month`), from the
-- year-to-date rollup: one pass instead of one participation_staff run per month. The scope is that
-- of the whole period: callers use this only when no age band (which depends on the month's last
-- day) filters or groups.
WITH
-- @scope
, months AS (
    SELECT unnest(range(1, $end_month + 1))::INTEGER AS month
),
developed AS (
    SELECT
        a.bulan AS month, s.grp, s.grp2, s.grp_region,
        -- @participation_sums
    FROM (SELECT *, bulan AS sampai_bulan FROM rollup_pengembangan_kumulatif) a
    JOIN scope s USING (nip)
    WHERE a.tahun = $year AND a.bulan <= $end_month
    GROUP BY a.bulan, s.grp, s.grp2, s.grp_region
),
staff AS (
    SELECT grp, grp2, grp_region, count(*) AS asn_count FROM scope GROUP BY ALL
)
SELECT
    m.month,
    s.grp AS "group",
    s.grp_region AS group_region,
    s.grp2 AS group2,
    s.asn_count,
    d.* EXCLUDE (month, grp, grp2, grp_region)
FROM staff s
CROSS JOIN months m
LEFT JOIN developed d
  ON d.month = m.month
 AND d.grp IS NOT DISTINCT FROM s.grp
 AND d.grp2 IS NOT DISTINCT FROM s.grp2
 AND d.grp_region IS NOT DISTINCT FROM s.grp_region
