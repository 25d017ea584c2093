-- Staff in scope per group of the person-level dimensions $by and $by2 (the asn_count of
-- participation_staff.sql without reading any development): the headcount beside competency figures.
WITH
-- @scope
SELECT grp AS "group", grp_region AS group_region, grp2 AS group2, count(*) AS asn_count
FROM scope
GROUP BY ALL
