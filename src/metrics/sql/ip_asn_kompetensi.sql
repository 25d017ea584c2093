-- Which items of the IP ASN competency dimension each person in scope meets (the scoring and its
-- parameters: data/ip_asn_kompetensi.toml, read by src/metrics/ip_asn.py), counted per group ($by:
-- none, region or unit) and combination of items. Only counted activities (STATUS Selesai) ending by
-- $period_end and after each item's $..._since day count.
-- - kepemimpinan: applies to positions in $lead_order (highest level first); met by a course of a
--   BENTUK in $lead_bentuk whose lower-cased name contains a text of $lead_text for a level of rank
--   $lead_rank (1 = highest) at or above the position's rank.
-- - fungsional: applies to position levels in $func_applies (empty = everyone); one course is enough.
-- - teknis: applies to $tech_applies (empty = everyone); JP of the listed BENTUK add up to $tech_min_jp.
-- - seminar: applies to $sem_applies (empty = everyone); one activity is enough.
WITH
-- @scope
, done AS (
    SELECT nip, bentuk, lower(nama_kegiatan) AS nama, tanggal_selesai, jp
    FROM pengembangan
    WHERE status = 'Selesai' AND tanggal_selesai <= $period_end::DATE
      AND nip IN (SELECT nip FROM scope)
),
course_names AS (
    SELECT unnest($lead_rank::INTEGER[]) AS rank, unnest($lead_text::VARCHAR[]) AS text
),
lead AS (
    SELECT d.nip, min(c.rank) AS course_rank
    FROM done d
    JOIN course_names c ON contains(d.nama, c.text)
    WHERE list_contains($lead_bentuk::VARCHAR[], d.bentuk) AND d.tanggal_selesai > $lead_since::DATE
    GROUP BY d.nip
),
func AS (
    SELECT DISTINCT nip FROM done
    WHERE list_contains($func_bentuk::VARCHAR[], bentuk) AND tanggal_selesai > $func_since::DATE
),
tech AS (
    SELECT nip FROM done
    WHERE list_contains($tech_bentuk::VARCHAR[], bentuk) AND tanggal_selesai > $tech_since::DATE
    GROUP BY nip
    HAVING sum(jp) >= $tech_min_jp
),
sem AS (
    SELECT DISTINCT nip FROM done
    WHERE list_contains($sem_bentuk::VARCHAR[], bentuk) AND tanggal_selesai > $sem_since::DATE
),
people AS (
    SELECT s.grp, s.grp_region,
        list_position($lead_order::VARCHAR[], s.position_level) AS position_rank,
        l.course_rank,
        len($func_applies::VARCHAR[]) = 0 OR list_contains($func_applies::VARCHAR[], s.position_level) AS func_app,
        f.nip IS NOT NULL AS func_done,
        len($tech_applies::VARCHAR[]) = 0 OR list_contains($tech_applies::VARCHAR[], s.position_level) AS tech_app,
        t.nip IS NOT NULL AS tech_done,
        len($sem_applies::VARCHAR[]) = 0 OR list_contains($sem_applies::VARCHAR[], s.position_level) AS sem_app,
        m.nip IS NOT NULL AS sem_done
    FROM scope s
    LEFT JOIN lead l USING (nip)
    LEFT JOIN func f USING (nip)
    LEFT JOIN tech t USING (nip)
    LEFT JOIN sem m USING (nip)
)
SELECT
    grp AS "group",
    grp_region AS group_region,
    position_rank IS NOT NULL AS lead_app,
    coalesce(course_rank <= position_rank, false) AS lead_met,
    func_app,
    func_app AND func_done AS func_met,
    tech_app,
    tech_app AND tech_done AS tech_met,
    sem_app,
    sem_app AND sem_done AS sem_met,
    count(*) AS staff
FROM people
GROUP BY ALL
ORDER BY ALL
