-- Staff in scope: the current snapshot filtered by every person-level filter, with the derived
-- attributes the filters and groupings use, and `grp`, the group key of the requested dimension
-- (NULL for dimensions that are not attributes of a person).
-- Parameters: $period_end, $regions, $units, $jenis_pegawai, $jenis_jabatan, $golongan_group,
-- $gender, $age_band, $education (VARCHAR lists, empty = all), $by.
scope AS (
    SELECT *,
        CASE $by
            WHEN 'none' THEN ''
            WHEN 'region' THEN wilayah
            WHEN 'unit' THEN unit_kerja
            WHEN 'jenis_pegawai' THEN jenis_pegawai
            WHEN 'jenis_jabatan' THEN jenis_jabatan
            WHEN 'golongan_group' THEN golongan_kelompok
            WHEN 'gender' THEN jenis_kelamin
            WHEN 'age_band' THEN age_band
            WHEN 'education' THEN tingkat_pendidikan
        END AS grp,
        CASE WHEN $by = 'unit' THEN wilayah END AS grp_region
    FROM (
        SELECT p.*,
            CASE
                WHEN date_sub('year', p.tanggal_lahir, $period_end::DATE) < 30 THEN '<30'
                WHEN date_sub('year', p.tanggal_lahir, $period_end::DATE) < 40 THEN '30-39'
                WHEN date_sub('year', p.tanggal_lahir, $period_end::DATE) < 50 THEN '40-49'
                ELSE '50+'
            END AS age_band
        FROM pegawai p
    )
    WHERE (len($regions::VARCHAR[]) = 0 OR list_contains($regions::VARCHAR[], wilayah))
      AND (len($units::VARCHAR[]) = 0 OR list_contains($units::VARCHAR[], unit_kerja))
      AND (len($jenis_pegawai::VARCHAR[]) = 0 OR list_contains($jenis_pegawai::VARCHAR[], jenis_pegawai))
      AND (len($jenis_jabatan::VARCHAR[]) = 0 OR list_contains($jenis_jabatan::VARCHAR[], jenis_jabatan))
      AND (len($golongan_group::VARCHAR[]) = 0 OR list_contains($golongan_group::VARCHAR[], golongan_kelompok))
      AND (len($gender::VARCHAR[]) = 0 OR list_contains($gender::VARCHAR[], jenis_kelamin))
      AND (len($age_band::VARCHAR[]) = 0 OR list_contains($age_band::VARCHAR[], age_band))
      AND (len($education::VARCHAR[]) = 0 OR list_contains($education::VARCHAR[], tingkat_pendidikan))
)
