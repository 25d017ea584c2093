-- participation_staff.sql for every month m = 1..$end_month at once (column `month`): each staff
-- member's running totals from the per-person monthly rollup, carried from the month of their
-- development to the month before their next, so month m sums January..m of $year. One pass
-- instead of one participation_staff run per month. The scope is that of the whole period: callers
-- use this only when no age band (which depends on the month's last day) filters or groups.
WITH
-- @scope
, months AS (
    SELECT unnest(range(1, $end_month + 1))::INTEGER AS month
),
running AS (
    SELECT
        s.grp, s.grp2, s.grp_region, r.bulan,
        coalesce(lead(r.bulan) OVER (PARTITION BY r.nip ORDER BY r.bulan), 13) AS next_bulan,
        sum(r.n_dihitung)      OVER w AS n_dihitung,
        sum(r.jp)              OVER w AS jp,
        sum(r.jp_nonklasikal)  OVER w AS jp_nonklasikal,
        sum(r.biaya)           OVER w AS biaya,
        sum(r.jp_berbiaya)     OVER w AS jp_berbiaya,
        sum(r.n_berbiaya)      OVER w AS n_berbiaya,
        sum(r.kepuasan_jumlah) OVER w AS kepuasan_jumlah,
        sum(r.kepuasan_n)      OVER w AS kepuasan_n,
        sum(r.gain_jumlah)     OVER w AS gain_jumlah,
        sum(r.gain_n)          OVER w AS gain_n,
        sum(r.n_tidak_lulus)   OVER w AS n_tidak_lulus,
        sum(r.n_mundur)        OVER w AS n_mundur
    FROM rollup_pengembangan_bulanan r
    JOIN scope s USING (nip)
    WHERE r.tahun = $year AND r.bulan <= $end_month
    WINDOW w AS (PARTITION BY r.nip ORDER BY r.bulan ROWS UNBOUNDED PRECEDING)
),
developed AS (
    SELECT
        m.month, a.grp, a.grp2, a.grp_region,
        count(*) FILTER (a.n_dihitung > 0)                         AS participants,
        sum(a.jp)::DOUBLE                                          AS jp_total,
        count(*) FILTER (a.jp >= 20)                               AS jp20_staff,
        count(*) FILTER (a.jp >= 20.0 * m.month / 12)              AS jp20_on_track_staff,
        sum(a.n_dihitung)                                          AS records_completed,
        sum(a.n_mundur)                                            AS records_withdrawn,
        sum(a.n_dihitung + a.n_tidak_lulus + a.n_mundur)           AS records_ended,
        sum(a.jp_nonklasikal)::DOUBLE                              AS jp_nonclassical,
        sum(a.biaya)::DOUBLE                                       AS cost_total,
        sum(a.jp_berbiaya)::DOUBLE                                 AS jp_costed,
        sum(a.n_berbiaya)                                          AS records_costed,
        sum(a.kepuasan_jumlah)                                     AS satisfaction_sum,
        sum(a.kepuasan_n)                                          AS satisfaction_n,
        sum(a.gain_jumlah)                                         AS gain_sum,
        sum(a.gain_n)                                              AS gain_n
    FROM running a
    JOIN months m ON m.month >= a.bulan AND m.month < a.next_bulan
    GROUP BY m.month, a.grp, a.grp2, a.grp_region
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
