-- Years of the training-needs survey in the filtered regions and OPD.
SELECT DISTINCT tahun AS year
FROM kebutuhan
WHERE (len($regions::VARCHAR[]) = 0 OR list_contains($regions::VARCHAR[], wilayah))
  AND (len($units::VARCHAR[]) = 0 OR list_contains($units::VARCHAR[], unit_kerja))
ORDER BY year
