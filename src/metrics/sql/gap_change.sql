-- Change in measured level between two consecutive assessments of the same competency, for staff in
-- scope whose later assessment falls in the period, split by whether they completed development of
-- the same kind (JENIS_KOMPETENSI) between the two assessment dates ("trained").
WITH
-- @scope
, pairs AS (
    SELECT k.nip, k.kompetensi, k.jenis_kompetensi,
        lag(k.tanggal_asesmen) OVER w AS tanggal_awal,
        lag(k.level_aktual) OVER w AS level_awal,
        lag(k.level_standar) OVER w AS standar_awal,
        k.tanggal_asesmen AS tanggal_akhir, k.level_aktual AS level_akhir, k.level_standar
    FROM kompetensi k
    JOIN scope s USING (nip)
    WINDOW w AS (PARTITION BY k.nip, k.kompetensi ORDER BY k.tanggal_asesmen)
),
in_period AS (
    SELECT * FROM pairs
    WHERE tanggal_awal IS NOT NULL
      AND tanggal_akhir BETWEEN $period_start::DATE AND $period_end::DATE
),
flagged AS (
    SELECT p.*,
        EXISTS (
            SELECT 1 FROM pengembangan d
            WHERE d.nip = p.nip AND d.status = 'Selesai' AND d.jenis_kompetensi = p.jenis_kompetensi
              AND d.tanggal_selesai > p.tanggal_awal AND d.tanggal_selesai <= p.tanggal_akhir
        ) AS trained
    FROM in_period p
)
SELECT
    trained,
    count(*) AS pairs,
    avg(level_akhir - level_awal) AS level_change_mean,
    avg(greatest(standar_awal - level_awal, 0) - greatest(level_standar - level_akhir, 0)) AS gap_closed_mean,
    avg(CASE WHEN level_akhir > level_awal THEN 1.0 ELSE 0.0 END) AS improved_share
FROM flagged
GROUP BY trained
ORDER BY trained DESC
