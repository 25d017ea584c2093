-- Participation, cost and outcome components per group of activities (method, topic, provider,
-- jalur, month of TANGGAL_SELESAI). The denominator of per-person rates stays every staff member
-- in scope: "participation in e-learning" is the share of all staff who completed an e-learning.
WITH
-- @scope
, records AS (
    SELECT
        CASE $by
            WHEN 'method' THEN d.bentuk
            WHEN 'jalur' THEN d.jalur
            WHEN 'topic' THEN coalesce(d.topik, '–')
            WHEN 'provider' THEN d.penyelenggara
            WHEN 'month' THEN lpad(month(d.tanggal_selesai)::VARCHAR, 2, '0')
        END AS grp,
        d.*
    FROM pengembangan d
    JOIN scope s USING (nip)
    WHERE d.tanggal_selesai BETWEEN $period_start::DATE AND $period_end::DATE
),
per_person AS (
    SELECT
        grp,
        nip,
        count(*) FILTER (status = 'Selesai')                                 AS n_dihitung,
        coalesce(sum(jp) FILTER (status = 'Selesai'), 0)                     AS jp,
        count(*) FILTER (status IN ('Selesai', 'Tidak Lulus', 'Mengundurkan Diri')) AS n_berakhir,
        coalesce(sum(jp) FILTER (status = 'Selesai' AND jalur = 'Pelatihan Non-Klasikal'), 0) AS jp_nonklasikal,
        sum(biaya) FILTER (status = 'Selesai')                               AS biaya,
        coalesce(sum(jp) FILTER (status = 'Selesai' AND biaya IS NOT NULL), 0) AS jp_berbiaya,
        sum(nilai_kepuasan) FILTER (status = 'Selesai')                      AS kepuasan_jumlah,
        count(nilai_kepuasan) FILTER (status = 'Selesai')                    AS kepuasan_n,
        sum(nilai_posttest - nilai_pretest) FILTER (status = 'Selesai')      AS gain_jumlah,
        count(nilai_posttest - nilai_pretest) FILTER (status = 'Selesai')    AS gain_n
    FROM records
    GROUP BY grp, nip
)
SELECT
    grp AS "group",
    NULL::VARCHAR AS group_region,
    (SELECT count(*) FROM scope)                               AS asn_count,
    count(*) FILTER (n_dihitung > 0)                           AS participants,
    sum(jp)::DOUBLE                                            AS jp_total,
    count(*) FILTER (jp >= 20)                                 AS jp20_staff,
    count(*) FILTER (jp >= 20.0 * $end_month / 12)             AS jp20_on_track_staff,
    sum(n_dihitung)                                            AS records_completed,
    sum(n_berakhir)                                            AS records_ended,
    sum(jp_nonklasikal)::DOUBLE                                AS jp_nonclassical,
    sum(biaya)::DOUBLE                                         AS cost_total,
    sum(jp_berbiaya)::DOUBLE                                   AS jp_costed,
    sum(kepuasan_jumlah)                                       AS satisfaction_sum,
    sum(kepuasan_n)                                            AS satisfaction_n,
    sum(gain_jumlah)                                           AS gain_sum,
    sum(gain_n)                                                AS gain_n
FROM per_person
GROUP BY grp
