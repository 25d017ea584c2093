-- Kirkpatrick levels 1 (satisfaction) and 2 (pre-test -> post-test gain) per course, method, provider
-- or topic ($dim; 'none' for the whole scope), over counted activities: STATUS Selesai and
-- TANGGAL_SELESAI in the period, of staff in scope. Means, sample standard deviations and counts, so
-- that intervals can be drawn; sums of gain, JP and cost over the same records for gain per JP and
-- per Rupiah. Parameters: the scope's, $period_start, $period_end, $dim.
WITH
-- @scope
, records AS (
    SELECT
        d.*,
        MAP {
            'none': '', 'course': d.nama_kegiatan, 'method': d.bentuk, 'provider': d.penyelenggara,
            'topic': coalesce(d.topik, '–')
        }[$dim] AS grp,
        d.nilai_posttest - d.nilai_pretest AS gain
    FROM pengembangan d
    JOIN scope s USING (nip)
    WHERE d.status = 'Selesai'
      AND d.tanggal_selesai BETWEEN $period_start::DATE AND $period_end::DATE
)
SELECT
    grp AS "group",
    mode(bentuk)                                                    AS method,
    mode(topik)                                                     AS topic,
    count(DISTINCT penyelenggara)                                   AS providers,
    count(*)                                                        AS records,
    sum(jp)::DOUBLE                                                 AS jp_total,
    count(nilai_kepuasan)                                           AS satisfaction_n,
    avg(nilai_kepuasan)                                             AS satisfaction_mean,
    stddev_samp(nilai_kepuasan)                                     AS satisfaction_sd,
    count(gain)                                                     AS gain_n,
    sum(gain)                                                       AS gain_sum,
    avg(gain)                                                       AS gain_mean,
    stddev_samp(gain)                                               AS gain_sd,
    (sum(jp) FILTER (gain IS NOT NULL))::DOUBLE                     AS jp_tested,
    sum(gain) FILTER (biaya IS NOT NULL)                            AS gain_sum_costed,
    (sum(biaya) FILTER (gain IS NOT NULL))::DOUBLE                  AS cost_tested,
    count(*) FILTER (gain IS NOT NULL AND biaya IS NOT NULL)        AS tested_costed_n,
    (sum(biaya))::DOUBLE                                            AS cost_total,
    count(biaya)                                                    AS records_costed
FROM records
GROUP BY grp
ORDER BY records DESC, grp
