-- Staff in scope: the current snapshot filtered by every person-level filter, with the derived
-- attributes the filters and groupings use. `grp` and `grp2` are the keys of the requested
-- dimensions $by and $by2 ('' for 'none'; NULL for dimensions that are not attributes of a person,
-- which the activity and competency queries fill in themselves). `grp_region` tells same-named
-- units of different regions apart when grouping by unit.
-- Parameters: $period_end, $regions, $units, $jenis_pegawai, $jenis_jabatan, $golongan_group,
-- $gender, $age_band, $education (VARCHAR lists, empty = all), $by, $by2.
scope AS (
    SELECT *,
        CASE WHEN 'unit' IN ($by, $by2) THEN wilayah END AS grp_region
    FROM (
        SELECT *,
            -- A CASE, not a MAP literal: building a MAP for every row cost 60 ms per 20,000 staff.
            CASE $by
                WHEN 'none' THEN '' WHEN 'region' THEN wilayah WHEN 'unit' THEN unit_kerja
                WHEN 'jenis_pegawai' THEN jenis_pegawai WHEN 'jenis_jabatan' THEN jenis_jabatan
                WHEN 'golongan_group' THEN golongan_kelompok WHEN 'gender' THEN jenis_kelamin
                WHEN 'age_band' THEN age_band WHEN 'education' THEN tingkat_pendidikan
                WHEN 'position_level' THEN position_level
            END AS grp,
            CASE $by2
                WHEN 'none' THEN '' WHEN 'region' THEN wilayah WHEN 'unit' THEN unit_kerja
                WHEN 'jenis_pegawai' THEN jenis_pegawai WHEN 'jenis_jabatan' THEN jenis_jabatan
                WHEN 'golongan_group' THEN golongan_kelompok WHEN 'gender' THEN jenis_kelamin
                WHEN 'age_band' THEN age_band WHEN 'education' THEN tingkat_pendidikan
                WHEN 'position_level' THEN position_level
            END AS grp2
        FROM (
            SELECT p.*,
                CASE
                    WHEN date_sub('year', p.tanggal_lahir, $period_end::DATE) < 30 THEN '<30'
                    WHEN date_sub('year', p.tanggal_lahir, $period_end::DATE) < 40 THEN '30-39'
                    WHEN date_sub('year', p.tanggal_lahir, $period_end::DATE) < 50 THEN '40-49'
                    ELSE '50+'
                END AS age_band,
                -- The level a position's competency standard follows (shared/domain.md).
                CASE
                    WHEN p.jenis_jabatan <> 'Struktural' THEN p.jenis_jabatan
                    WHEN p.eselon LIKE 'II.%' THEN 'JPT Pratama'
                    WHEN p.eselon LIKE 'III.%' THEN 'Administrator'
                    WHEN p.eselon LIKE 'IV.%' THEN 'Pengawas'
                    ELSE 'Struktural'
                END AS position_level
            FROM pegawai p
        )
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
