-- The latest assessment of each (staff member in scope, competency) dated on or before $period_end,
-- with the group keys (a competency dimension is filled from the assessment) and the two parts of
-- the person's JPM: Manajerial and Sosial Kultural pairs only, each measured level capped at the
-- standard. Needs the `scope` CTE before it.
latest AS (
    SELECT
        coalesce(s.grp, CASE $by WHEN 'competency' THEN k.kompetensi WHEN 'competency_type' THEN k.jenis_kompetensi END) AS grp,
        coalesce(s.grp2, CASE $by2 WHEN 'competency' THEN k.kompetensi WHEN 'competency_type' THEN k.jenis_kompetensi END) AS grp2,
        s.grp_region, s.wilayah, s.unit_kerja, k.*,
        CASE WHEN k.jenis_kompetensi IN ('Manajerial', 'Sosial Kultural')
             THEN least(k.level_aktual, k.level_standar) END AS jpm_actual,
        CASE WHEN k.jenis_kompetensi IN ('Manajerial', 'Sosial Kultural')
             THEN k.level_standar END AS jpm_standard
    FROM kompetensi_berlaku k
    JOIN scope s USING (nip)
    WHERE k.tanggal_asesmen <= $period_end::DATE
      AND (k.digantikan_pada IS NULL OR k.digantikan_pada > $period_end::DATE)
)
