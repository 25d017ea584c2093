-- The participation, cost and outcome components of a group, summed over its staff: `a` is a staff
-- member's totals from January through month `a.sampai_bulan` (NULL columns: no development yet).
    count(*) FILTER (coalesce(a.n_dihitung, 0) > 0)            AS participants,
    coalesce(sum(a.jp), 0)::DOUBLE                             AS jp_total,
    count(*) FILTER (coalesce(a.jp, 0) >= 20)                  AS jp20_staff,
    count(*) FILTER (coalesce(a.jp, 0) >= 20.0 * a.sampai_bulan / 12) AS jp20_on_track_staff,
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
