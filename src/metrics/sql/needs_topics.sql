-- Per training topic: what staff in scope completed on it in the period (JP, staff, participations,
-- known cost and the JP it paid for) and the competency gap it addresses (latest assessments of staff
-- in scope up to the period's end, over the competencies the topic addresses: $map_competency[i] is
-- addressed by $map_topic[i], and a competency named like the topic is addressed by it).
WITH
-- @scope
, -- @latest_assessments,
mapping AS (
    SELECT unnest($map_competency::VARCHAR[]) AS kompetensi, unnest($map_topic::VARCHAR[]) AS topik
),
delivered AS (
    SELECT d.topik AS topic,
        sum(d.jp)::DOUBLE AS jp_delivered,
        count(DISTINCT d.nip) AS staff_reached,
        count(*) AS participations,
        (sum(d.biaya))::DOUBLE AS cost_total,
        (sum(d.jp) FILTER (d.biaya IS NOT NULL))::DOUBLE AS jp_costed
    FROM pengembangan d
    JOIN scope s USING (nip)
    WHERE d.status = 'Selesai' AND d.topik IS NOT NULL
      AND d.tanggal_selesai BETWEEN $period_start::DATE AND $period_end::DATE
    GROUP BY d.topik
),
addressed AS (
    SELECT DISTINCT l.nip, l.kompetensi, coalesce(m.topik, l.kompetensi) AS topic,
        greatest(l.level_standar - l.level_aktual, 0) AS gap
    FROM latest l
    LEFT JOIN mapping m ON m.kompetensi = l.kompetensi
),
gaps AS (
    SELECT topic, avg(gap) AS gap_mean, count(*) AS gap_pairs,
        string_agg(DISTINCT kompetensi, ', ' ORDER BY kompetensi) AS competencies
    FROM addressed GROUP BY topic
)
SELECT
    coalesce(d.topic, g.topic) AS topic,
    coalesce(d.jp_delivered, 0)::DOUBLE AS jp_delivered,
    coalesce(d.staff_reached, 0) AS staff_reached,
    coalesce(d.participations, 0) AS participations,
    d.cost_total,
    coalesce(d.jp_costed, 0)::DOUBLE AS jp_costed,
    g.gap_mean, coalesce(g.gap_pairs, 0) AS gap_pairs, g.competencies
FROM delivered d
FULL JOIN gaps g ON g.topic = d.topic
ORDER BY topic
