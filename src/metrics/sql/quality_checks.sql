-- Data checks per dataset and region for year $year (the year of the record's date, or TAHUN: the
-- slice an import replaces), in the chosen regions ($regions, empty = all). One row for every
-- dataset that has a year and every region that has staff or data, so a dataset missing for a
-- region shows as 0 records.
--   records:      the dataset's rows of that region and year;
--   unknown_staff: of those, rows whose NIP is not in the current staff snapshot (staff who left or
--                 moved: kept, but no metric counts them); NULL for datasets that are not per person;
--   too_many_jp, cost_outlier: development only (see _quality_development.sql); NULL elsewhere;
--   flagged:      development records flagged by either check (one record may fail both).
WITH
-- @quality_development
, held AS (
    SELECT 'pengembangan' AS dataset, wilayah, nip FROM pengembangan WHERE tahun = $year
    UNION ALL SELECT 'kompetensi', wilayah, nip FROM kompetensi WHERE tahun = $year
    UNION ALL SELECT 'kinerja', wilayah, nip FROM kinerja WHERE tahun = $year
    UNION ALL SELECT 'karier', wilayah, nip FROM karier WHERE tahun = $year
    UNION ALL SELECT 'anggaran', wilayah, NULL FROM anggaran WHERE tahun = $year
    UNION ALL SELECT 'kebutuhan', wilayah, NULL FROM kebutuhan WHERE tahun = $year
), counted AS (
    SELECT h.dataset, h.wilayah,
        count(*) AS records,
        CASE WHEN h.dataset NOT IN ('anggaran', 'kebutuhan')
             THEN count(*) FILTER (p.nip IS NULL) END AS unknown_staff
    FROM held h
    LEFT JOIN pegawai p USING (nip)
    GROUP BY h.dataset, h.wilayah
), flagged AS (
    SELECT 'pengembangan' AS dataset, wilayah,
        count(*) FILTER (too_many_jp) AS too_many_jp,
        count(*) FILTER (cost_outlier) AS cost_outlier,
        count(*) FILTER (too_many_jp OR cost_outlier) AS flagged
    FROM development
    GROUP BY wilayah
), regions AS (
    SELECT wilayah FROM pegawai
    UNION SELECT wilayah FROM held
), grid AS (
    SELECT dataset, wilayah
    FROM (VALUES ('pengembangan'), ('kompetensi'), ('kinerja'), ('karier'), ('anggaran'), ('kebutuhan'))
        AS d(dataset)
    CROSS JOIN regions
    WHERE len($regions::VARCHAR[]) = 0 OR list_contains($regions::VARCHAR[], wilayah)
)
SELECT
    g.dataset,
    g.wilayah,
    coalesce(c.records, 0) AS records,
    CASE WHEN g.dataset NOT IN ('anggaran', 'kebutuhan') THEN coalesce(c.unknown_staff, 0) END
        AS unknown_staff,
    CASE WHEN g.dataset = 'pengembangan' THEN coalesce(f.too_many_jp, 0) END AS too_many_jp,
    CASE WHEN g.dataset = 'pengembangan' THEN coalesce(f.cost_outlier, 0) END AS cost_outlier,
    CASE WHEN g.dataset = 'pengembangan' THEN coalesce(f.flagged, 0) END AS flagged
FROM grid g
LEFT JOIN counted c USING (dataset, wilayah)
LEFT JOIN flagged f USING (dataset, wilayah)
ORDER BY g.dataset, g.wilayah
