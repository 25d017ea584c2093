-- Dimension and rollup tables, rebuilt inside every import's transaction (never by a page view).

CREATE OR REPLACE TABLE dim_wilayah AS
SELECT wilayah, count(*) AS jumlah_pegawai FROM pegawai GROUP BY wilayah;

CREATE OR REPLACE TABLE dim_unit AS
SELECT wilayah, unit_kerja, count(*) AS jumlah_pegawai FROM pegawai GROUP BY wilayah, unit_kerja;

-- Each method with the jalur most of its records carry.
CREATE OR REPLACE TABLE dim_bentuk AS
SELECT bentuk, mode(jalur) AS jalur, count(*) AS jumlah_kegiatan FROM pengembangan GROUP BY bentuk;

CREATE OR REPLACE TABLE dim_topik AS
SELECT topik, count(*) AS jumlah_kegiatan FROM pengembangan WHERE topik IS NOT NULL GROUP BY topik;

CREATE OR REPLACE TABLE dim_kompetensi AS
SELECT kompetensi, any_value(jenis_kompetensi) AS jenis_kompetensi FROM kompetensi GROUP BY kompetensi;

-- Development per person and month of tanggal_selesai: what every participation, cost and outcome
-- metric sums. "Counted" = STATUS Selesai (Lulus is stored as Selesai).
CREATE OR REPLACE TABLE rollup_pengembangan_bulanan AS
SELECT
    nip,
    year(tanggal_selesai)  AS tahun,
    month(tanggal_selesai) AS bulan,
    count(*) FILTER (status = 'Selesai')                                   AS n_dihitung,
    coalesce(sum(jp) FILTER (status = 'Selesai'), 0)                       AS jp,
    coalesce(sum(jp) FILTER (status = 'Selesai' AND jalur = 'Pelatihan Non-Klasikal'), 0) AS jp_nonklasikal,
    sum(biaya) FILTER (status = 'Selesai' AND biaya IS NOT NULL)           AS biaya,
    coalesce(sum(jp) FILTER (status = 'Selesai' AND biaya IS NOT NULL), 0) AS jp_berbiaya,
    count(*) FILTER (status = 'Selesai' AND biaya IS NOT NULL)             AS n_berbiaya,
    sum(nilai_kepuasan) FILTER (status = 'Selesai')                        AS kepuasan_jumlah,
    count(nilai_kepuasan) FILTER (status = 'Selesai')                      AS kepuasan_n,
    sum(nilai_posttest - nilai_pretest) FILTER (status = 'Selesai')        AS gain_jumlah,
    count(nilai_posttest - nilai_pretest) FILTER (status = 'Selesai')      AS gain_n,
    count(*) FILTER (status = 'Tidak Lulus')                               AS n_tidak_lulus,
    count(*) FILTER (status = 'Mengundurkan Diri')                         AS n_mundur
FROM pengembangan
GROUP BY ALL;

-- Each assessment row with the date until which it is the person's latest for that competency.
CREATE OR REPLACE TABLE kompetensi_berlaku AS
SELECT
    nip, kompetensi, jenis_kompetensi, tanggal_asesmen, level_standar, level_aktual,
    lead(tanggal_asesmen) OVER (PARTITION BY nip, kompetensi ORDER BY tanggal_asesmen) AS digantikan_pada
FROM kompetensi;
