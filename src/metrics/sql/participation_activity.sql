-- Participation, cost and outcome components when at least one dimension is an attribute of the
-- activity (method, jalur, topic, provider, funding, month of TANGGAL_SELESAI). The denominator of
-- per-person rates stays the staff in scope (of the group, when the other dimension is a person
-- attribute): "participation in e-learning" is the share of all staff who completed an e-learning.
WITH
-- @scope
, records AS (
    SELECT
        d.*,
        s.grp AS person_grp,
        s.grp2 AS person_grp2,
        s.grp_region,
        coalesce(s.grp, CASE $by
            WHEN 'method' THEN d.bentuk WHEN 'jalur' THEN d.jalur WHEN 'topic' THEN coalesce(d.topik, '–')
            WHEN 'provider' THEN d.penyelenggara WHEN 'funding' THEN coalesce(d.sumber_dana, '–')
            WHEN 'month' THEN lpad(month(d.tanggal_selesai)::VARCHAR, 2, '0')
        END) AS grp,
        coalesce(s.grp2, CASE $by2
            WHEN 'method' THEN d.bentuk WHEN 'jalur' THEN d.jalur WHEN 'topic' THEN coalesce(d.topik, '–')
            WHEN 'provider' THEN d.penyelenggara WHEN 'funding' THEN coalesce(d.sumber_dana, '–')
            WHEN 'month' THEN lpad(month(d.tanggal_selesai)::VARCHAR, 2, '0')
        END) AS grp2
    FROM pengembangan d
    JOIN scope s USING (nip)
    WHERE d.tanggal_selesai BETWEEN $period_start::DATE AND $period_end::DATE
),
per_person AS (
    SELECT
        grp, grp2, person_grp, person_grp2, grp_region, nip,
        count(*) FILTER (status = 'Selesai')                                 AS n_dihitung,
        coalesce(sum(jp) FILTER (status = 'Selesai'), 0)                     AS jp,
        count(*) FILTER (status = 'Mengundurkan Diri')                       AS n_mundur,
        count(*) FILTER (status IN ('Selesai', 'Tidak Lulus', 'Mengundurkan Diri')) AS n_berakhir,
        coalesce(sum(jp) FILTER (status = 'Selesai' AND jalur = 'Pelatihan Non-Klasikal'), 0) AS jp_nonklasikal,
        sum(biaya) FILTER (status = 'Selesai')                               AS biaya,
        coalesce(sum(jp) FILTER (status = 'Selesai' AND biaya IS NOT NULL), 0) AS jp_berbiaya,
        count(*) FILTER (status = 'Selesai' AND biaya IS NOT NULL)           AS n_berbiaya,
        sum(nilai_kepuasan) FILTER (status = 'Selesai')                      AS kepuasan_jumlah,
        count(nilai_kepuasan) FILTER (status = 'Selesai')                    AS kepuasan_n,
        sum(nilai_posttest - nilai_pretest) FILTER (status = 'Selesai')      AS gain_jumlah,
        count(nilai_posttest - nilai_pretest) FILTER (status = 'Selesai')    AS gain_n
    FROM records
    GROUP BY ALL
),
-- Staff per combination of the person-level keys; a key is NULL throughout when its dimension is
-- an activity attribute, so the join below matches on exactly the person dimensions requested.
staff_counts AS (
    SELECT grp AS person_grp, grp2 AS person_grp2, grp_region, count(*) AS asn_count
    FROM scope GROUP BY ALL
)
SELECT
    p.grp AS "group",
    p.grp_region AS group_region,
    p.grp2 AS group2,
    any_value(c.asn_count)                                     AS asn_count,
    count(*) FILTER (n_dihitung > 0)                           AS participants,
    sum(jp)::DOUBLE                                            AS jp_total,
    count(*) FILTER (jp >= 20)                                 AS jp20_staff,
    count(*) FILTER (jp >= 20.0 * $end_month / 12)             AS jp20_on_track_staff,
    sum(n_dihitung)                                            AS records_completed,
    sum(n_mundur)                                              AS records_withdrawn,
    sum(n_berakhir)                                            AS records_ended,
    sum(jp_nonklasikal)::DOUBLE                                AS jp_nonclassical,
    sum(biaya)::DOUBLE                                         AS cost_total,
    sum(jp_berbiaya)::DOUBLE                                   AS jp_costed,
    sum(n_berbiaya)                                            AS records_costed,
    sum(kepuasan_jumlah)                                       AS satisfaction_sum,
    sum(kepuasan_n)                                            AS satisfaction_n,
    sum(gain_jumlah)                                           AS gain_sum,
    sum(gain_n)                                                AS gain_n
FROM per_person p
LEFT JOIN staff_counts c
  ON c.person_grp IS NOT DISTINCT FROM p.person_grp
 AND c.person_grp2 IS NOT DISTINCT FROM p.person_grp2
 AND c.grp_region IS NOT DISTINCT FROM p.grp_region
GROUP BY p.grp, p.grp_region, p.grp2
