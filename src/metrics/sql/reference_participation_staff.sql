-- Participation, cost and outcome components per group of staff (person-level dimensions only).
-- Sums the per-person monthly rollup over January..$end_month of $year.
WITH
-- @scope
, per_person AS (
    SELECT
        nip,
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
    count(*)                                                   AS asn_count,
    count(*) FILTER (coalesce(a.n_dihitung, 0) > 0)            AS participants,
    coalesce(sum(a.jp), 0)::DOUBLE                             AS jp_total,
    count(*) FILTER (coalesce(a.jp, 0) >= 20)                  AS jp20_staff,
    count(*) FILTER (coalesce(a.jp, 0) >= 20.0 * $end_month / 12) AS jp20_on_track_staff,
    coalesce(sum(a.n_dihitung), 0)                             AS records_completed,
    coalesce(sum(a.n_mundur), 0)                               AS records_withdrawn,
    coalesce(sum(a.n_dihitung + a.n_tidak_lulus + a.n_mundur), 0) AS records_ended,
    coalesce(sum(a.jp_nonklasikal), 0)::DOUBLE                 AS jp_nonclassical,
    sum(a.biaya)::DOUBLE                                       AS cost_total,
    coalesce(sum(a.jp_berbiaya), 0)::DOUBLE                    AS jp_costed,
    coalesce(sum(a.n_berbiaya), 0)                             AS records_costed,
    sum(a.kepuasan_jumlah)                                     AS satisfaction_sum,
    coalesce(sum(a.kepuasan_n), 0)                             AS satisfaction_n,
    sum(a.gain_jumlah)                                         AS gain_sum,
    coalesce(sum(a.gain_n), 0)                                 AS gain_n
FROM scope s
LEFT JOIN per_person a USING (nip)
GROUP BY s.grp, s.grp_region, s.grp2
