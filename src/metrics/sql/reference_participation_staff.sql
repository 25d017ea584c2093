-- Participation, cost and outcome components per group of staff (person-level dimensions only),
-- the plain way: the per-person monthly rollup summed over January..$end_month of $year for each
-- staff member. participation_staff.sql reads the same totals from the year-to-date rollup; this
-- one serves a database built before that rollup existed, and the tests as the reference.
WITH
-- @scope
, per_person AS (
    SELECT
        nip,
        $end_month           AS sampai_bulan,
        sum(n_dihitung)      AS n_dihitung,
        sum(jp)              AS jp,
        sum(jp_nonklasikal)  AS jp_nonklasikal,
        sum(biaya)           AS biaya,
        sum(jp_berbiaya)     AS jp_berbiaya,
        sum(n_berbiaya)      AS n_berbiaya,
        sum(kepuasan_jumlah) AS kepuasan_jumlah,
        sum(kepuasan_n)      AS kepuasan_n,
        sum(gain_jumlah)     AS gain_jumlah,
        sum(gain_n)          AS gain_n,
        sum(n_tidak_lulus)   AS n_tidak_lulus,
        sum(n_mundur)        AS n_mundur
    FROM rollup_pengembangan_bulanan
    WHERE tahun = $year AND bulan <= $end_month
    GROUP BY nip
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
