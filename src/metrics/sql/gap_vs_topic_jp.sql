-- For each competency: the gap among staff in scope (latest assessments on or before $period_end),
-- how many of them fall short, and the JP completed in the period on the topics that address the
-- competency ($map_competency[i] is addressed by $map_topic[i]; see data/kompetensi_topik.csv).
WITH
-- @scope
, -- @latest_assessments,
gaps AS (
    SELECT kompetensi, any_value(jenis_kompetensi) AS jenis_kompetensi,
        count(*) AS pairs,
        avg(greatest(level_standar - level_aktual, 0)) AS gap_mean,
        count(*) FILTER (level_aktual < level_standar) AS staff_below_standard
    FROM latest GROUP BY kompetensi
),
mapping AS (
    SELECT unnest($map_competency::VARCHAR[]) AS kompetensi, unnest($map_topic::VARCHAR[]) AS topik
),
topic_jp AS (
    SELECT d.topik, sum(d.jp)::DOUBLE AS jp
    FROM pengembangan d
    JOIN scope s USING (nip)
    WHERE d.status = 'Selesai'
      AND d.tanggal_selesai BETWEEN $period_start::DATE AND $period_end::DATE
    GROUP BY d.topik
)
SELECT g.kompetensi, g.jenis_kompetensi, g.pairs, g.gap_mean, g.staff_below_standard,
       -- A mapped topic is named even with no JP; an unmapped competency only by a topic that exists.
       string_agg(DISTINCT coalesce(m.topik, t.topik), ', ') AS topics,
       coalesce(sum(t.jp), 0)::DOUBLE AS jp_on_topics
FROM gaps g
LEFT JOIN mapping m ON m.kompetensi = g.kompetensi
LEFT JOIN topic_jp t ON t.topik = coalesce(m.topik, g.kompetensi)
GROUP BY g.kompetensi, g.jenis_kompetensi, g.pairs, g.gap_mean, g.staff_below_standard
ORDER BY g.gap_mean DESC, g.kompetensi
