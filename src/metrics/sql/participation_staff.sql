-- Participation, cost and outcome components per group of staff (person-level dimensions only):
-- each staff member's totals from January through $end_month of $year, read from the year-to-date
-- rollup (src/warehouse/rollups.sql). reference_participation_staff.sql sums them month by month.
WITH
-- @scope
, per_person AS (
    SELECT *, bulan AS sampai_bulan
    FROM rollup_pengembangan_kumulatif
    WHERE tahun = $year AND bulan = $end_month
)
SELECT
    s.grp AS "group",
    s.grp_region AS group_region,
    s.grp2 AS group2,
    count(*) AS asn_count,
    -- @participation_sums
FROM scope s
LEFT JOIN per_person a USING (nip)
GROUP BY s.grp, s.grp_region, s.grp2
