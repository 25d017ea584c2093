-- The training-needs survey of year $year per (region, OPD, training topic) set against what that
-- OPD's staff completed on the topic in the period. A need is matched to a training topic by its
-- text (case and surrounding spaces ignored); a need named by a competency goes to the topic that
-- addresses it ($map_competency[i] -> $map_topic[i], data/kompetensi_topik.csv); other needs keep
-- their own name (and so find no training). Needs follow the region and unit filters only: the
-- caller passes the scope without staff filters.
WITH
-- @scope
, mapping AS (
    SELECT unnest($map_competency::VARCHAR[]) AS kompetensi, unnest($map_topic::VARCHAR[]) AS topik
),
known_topics AS (
    SELECT DISTINCT topik FROM pengembangan WHERE topik IS NOT NULL
),
needs AS (
    SELECT
        k.wilayah, k.unit_kerja,
        coalesce(
            (SELECT any_value(t.topik) FROM known_topics t WHERE lower(t.topik) = lower(trim(k.topik))),
            (SELECT any_value(m.topik) FROM mapping m WHERE lower(m.kompetensi) = lower(trim(k.topik))),
            trim(k.topik)
        ) AS topic,
        k.jumlah_peminat,
        CASE k.prioritas WHEN 'Tinggi' THEN 3 WHEN 'Sedang' THEN 2 ELSE 1 END AS weight
    FROM kebutuhan k
    WHERE k.tahun = $year
      AND (len($regions::VARCHAR[]) = 0 OR list_contains($regions::VARCHAR[], k.wilayah))
      AND (len($units::VARCHAR[]) = 0 OR list_contains($units::VARCHAR[], k.unit_kerja))
),
asked AS (
    SELECT wilayah, unit_kerja, topic,
        sum(jumlah_peminat) AS requested,
        max(weight) AS weight
    FROM needs GROUP BY ALL
),
delivered AS (
    SELECT s.wilayah, s.unit_kerja, d.topik AS topic,
        count(DISTINCT d.nip) AS staff_reached,
        sum(d.jp)::DOUBLE AS jp_delivered
    FROM pengembangan d
    JOIN scope s USING (nip)
    WHERE d.status = 'Selesai' AND d.topik IS NOT NULL
      AND d.tanggal_selesai BETWEEN $period_start::DATE AND $period_end::DATE
    GROUP BY ALL
)
SELECT
    a.wilayah AS region, a.unit_kerja AS unit, a.topic,
    a.requested, a.weight,
    coalesce(d.staff_reached, 0) AS staff_reached,
    coalesce(d.jp_delivered, 0)::DOUBLE AS jp_delivered
FROM asked a
LEFT JOIN delivered d USING (wilayah, unit_kerja, topic)
WHERE a.requested > 0
ORDER BY a.wilayah, a.unit_kerja, a.topic
