-- SKP ratings as a 1-5 scale, one row per kinerja record (nip, tahun): Sangat Kurang 1, Kurang 2,
-- Butuh Perbaikan 3, Baik 4, Sangat Baik 5.
kinerja_scores AS (
    SELECT nip, tahun,
        CASE predikat_kinerja
            WHEN 'Sangat Kurang' THEN 1 WHEN 'Kurang' THEN 2 WHEN 'Butuh Perbaikan' THEN 3
            WHEN 'Baik' THEN 4 WHEN 'Sangat Baik' THEN 5
        END AS score
    FROM kinerja
)
