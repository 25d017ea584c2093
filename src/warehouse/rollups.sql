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

-- Year to date per person: for every month from the person's first development of the year through
-- December, the monthly rollup summed from January through that month (a month without development
-- carries the previous total). participation_staff.sql reads one month of it instead of summing the
-- months per person at every call; participation_trend.sql reads all months at once. Ordered by
-- year and month so that a query reads only the row groups of its month.
CREATE OR REPLACE TABLE rollup_pengembangan_kumulatif AS
WITH running AS (
    SELECT
        nip, tahun, bulan,
        coalesce(lead(bulan) OVER (PARTITION BY nip, tahun ORDER BY bulan), 13) AS bulan_berikut,
        sum(n_dihitung)      OVER w AS n_dihitung,
        sum(jp)              OVER w AS jp,
        sum(jp_nonklasikal)  OVER w AS jp_nonklasikal,
        sum(biaya)           OVER w AS biaya,
        sum(jp_berbiaya)     OVER w AS jp_berbiaya,
        sum(n_berbiaya)      OVER w AS n_berbiaya,
        sum(kepuasan_jumlah) OVER w AS kepuasan_jumlah,
        sum(kepuasan_n)      OVER w AS kepuasan_n,
        sum(gain_jumlah)     OVER w AS gain_jumlah,
        sum(gain_n)          OVER w AS gain_n,
        sum(n_tidak_lulus)   OVER w AS n_tidak_lulus,
        sum(n_mundur)        OVER w AS n_mundur
    FROM rollup_pengembangan_bulanan
    WINDOW w AS (PARTITION BY nip, tahun ORDER BY bulan ROWS UNBOUNDED PRECEDING)
)
SELECT r.nip, r.tahun, m.bulan, r.* EXCLUDE (nip, tahun, bulan, bulan_berikut)
FROM running r
JOIN (SELECT unnest(range(1, 13))::INTEGER AS bulan) m ON m.bulan >= r.bulan AND m.bulan < r.bulan_berikut
ORDER BY r.tahun, m.bulan;
