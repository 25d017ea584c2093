-- The warehouse: one table per dataset of shared/data-contract.md, dimension tables, rollups and
-- the import log. Money and JP are exact DECIMALs so that sums are right to the last Rupiah.
-- Records that hang off a person carry the region they were imported under (wilayah) and the year
-- that decides which slice an import replaces (tahun).

CREATE TABLE IF NOT EXISTS pegawai (
    nip                VARCHAR PRIMARY KEY,
    nama               VARCHAR NOT NULL,
    jenis_kelamin      VARCHAR NOT NULL,   -- L / P
    tanggal_lahir      DATE NOT NULL,
    jenis_pegawai      VARCHAR NOT NULL,   -- PNS, CPNS, PPPK, PPPK Paruh Waktu
    golongan           VARCHAR NOT NULL,
    golongan_kelompok  VARCHAR NOT NULL,   -- I, II, III, IV or PPPK
    jenis_jabatan      VARCHAR NOT NULL,   -- Struktural, Fungsional, Pelaksana
    eselon             VARCHAR,
    jabatan            VARCHAR NOT NULL,
    tingkat_pendidikan VARCHAR NOT NULL,
    unit_kerja         VARCHAR NOT NULL,
    wilayah            VARCHAR NOT NULL,
    tmt_cpns           DATE
);

CREATE TABLE IF NOT EXISTS pengembangan (
    wilayah          VARCHAR NOT NULL,
    tahun            INTEGER NOT NULL,     -- year of tanggal_selesai
    nip              VARCHAR NOT NULL,
    nama_kegiatan    VARCHAR NOT NULL,
    jalur            VARCHAR NOT NULL,
    bentuk           VARCHAR NOT NULL,
    jenis_kompetensi VARCHAR NOT NULL,
    topik            VARCHAR,
    penyelenggara    VARCHAR NOT NULL,
    tanggal_mulai    DATE NOT NULL,
    tanggal_selesai  DATE NOT NULL,
    jp               DECIMAL(10, 2) NOT NULL,
    biaya            DECIMAL(18, 2),       -- NULL = unknown, not zero
    sumber_dana      VARCHAR,
    status           VARCHAR NOT NULL,     -- Selesai (incl. Lulus), Tidak Lulus, Mengundurkan Diri, Berjalan
    nilai_pretest    DOUBLE,
    nilai_posttest   DOUBLE,
    nilai_kepuasan   DOUBLE
);

CREATE TABLE IF NOT EXISTS anggaran (
    tahun             INTEGER NOT NULL,
    bulan             INTEGER NOT NULL,
    wilayah           VARCHAR NOT NULL,
    unit_kerja        VARCHAR NOT NULL,
    kode_sub_kegiatan VARCHAR NOT NULL,
    nama_sub_kegiatan VARCHAR NOT NULL,
    pagu              DECIMAL(18, 2) NOT NULL,  -- the yearly allocation as it stood that month
    realisasi         DECIMAL(18, 2) NOT NULL,  -- spent in that month
    PRIMARY KEY (tahun, bulan, wilayah, unit_kerja, kode_sub_kegiatan)
);

CREATE TABLE IF NOT EXISTS kompetensi (
    wilayah          VARCHAR NOT NULL,
    tahun            INTEGER NOT NULL,     -- year of tanggal_asesmen
    nip              VARCHAR NOT NULL,
    tanggal_asesmen  DATE NOT NULL,
    kompetensi       VARCHAR NOT NULL,
    jenis_kompetensi VARCHAR NOT NULL,
    level_standar    INTEGER NOT NULL,
    level_aktual     DOUBLE NOT NULL,
    metode           VARCHAR
);

CREATE TABLE IF NOT EXISTS kinerja (
    wilayah           VARCHAR NOT NULL,
    tahun             INTEGER NOT NULL,
    nip               VARCHAR NOT NULL,
    predikat_kinerja  VARCHAR NOT NULL,
    potensial         VARCHAR
);

CREATE TABLE IF NOT EXISTS karier (
    wilayah        VARCHAR NOT NULL,
    tahun          INTEGER NOT NULL,       -- year of tanggal
    nip            VARCHAR NOT NULL,
    tanggal        DATE NOT NULL,
    jenis          VARCHAR NOT NULL,
    jabatan_asal   VARCHAR,
    jabatan_tujuan VARCHAR
);

CREATE TABLE IF NOT EXISTS kebutuhan (
    tahun          INTEGER NOT NULL,
    wilayah        VARCHAR NOT NULL,
    unit_kerja     VARCHAR NOT NULL,
    topik          VARCHAR NOT NULL,
    jumlah_peminat INTEGER NOT NULL,
    prioritas      VARCHAR
);

-- One row per import call that changed the data (no personal data: file names, hashes, counts).
CREATE SEQUENCE IF NOT EXISTS import_log_id;
CREATE TABLE IF NOT EXISTS import_log (
    id         INTEGER PRIMARY KEY DEFAULT nextval('import_log_id'),
    waktu      TIMESTAMP NOT NULL,
    datasets   VARCHAR NOT NULL,          -- JSON: {dataset: rows}
    files      VARCHAR NOT NULL,          -- JSON: [{name, sha256, bytes, dataset, rows}]
    slices     VARCHAR NOT NULL           -- JSON: {dataset: [[region, year], ...]}
);
