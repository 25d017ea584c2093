-- Who takes part in mentoring and coaching as the one mentored or coached (the export records the
-- participant, not the mentor): staff in scope per group ($by: none, region or unit) and position
-- level, and how many of them completed (STATUS Selesai) at least one activity whose BENTUK is in
-- $mentoring_bentuk or $coaching_bentuk, ending in the period.
WITH
-- @scope
, done AS (
    SELECT nip,
        bool_or(list_contains($mentoring_bentuk::VARCHAR[], bentuk)) AS mentoring,
        bool_or(list_contains($coaching_bentuk::VARCHAR[], bentuk)) AS coaching
    FROM pengembangan
    WHERE status = 'Selesai'
      AND tanggal_selesai BETWEEN $period_start::DATE AND $period_end::DATE
      AND (list_contains($mentoring_bentuk::VARCHAR[], bentuk) OR list_contains($coaching_bentuk::VARCHAR[], bentuk))
      AND nip IN (SELECT nip FROM scope)
    GROUP BY nip
)
SELECT
    s.grp AS "group",
    s.grp_region AS group_region,
    s.position_level,
    count(*) AS asn_count,
    count(d.nip) AS mentees,
    count(*) FILTER (d.mentoring) AS mentoring,
    count(*) FILTER (d.coaching) AS coaching
FROM scope s
LEFT JOIN done d USING (nip)
GROUP BY ALL
ORDER BY ALL
