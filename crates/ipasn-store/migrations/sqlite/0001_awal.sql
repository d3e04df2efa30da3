-- ipasn schema, SQLite flavour (the PostgreSQL file mirrors it). Times are ISO-8601 UTC text;
-- points are integers in half-points; the unor tree is a materialised path ('00001.00004.').

CREATE TABLE akun (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    nama          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    peran         TEXT NOT NULL CHECK (peran IN ('admin', 'analis', 'pimpinan', 'asesor', 'pegawai')),
    unor_id       TEXT,
    nip           TEXT,
    aktif         INTEGER NOT NULL DEFAULT 1,
    dibuat        TEXT NOT NULL
);

CREATE TABLE sesi (
    token_hash  TEXT PRIMARY KEY,
    akun_id     INTEGER NOT NULL REFERENCES akun (id) ON DELETE CASCADE,
    csrf        TEXT NOT NULL,
    dibuat      TEXT NOT NULL,
    kedaluwarsa TEXT NOT NULL
);

CREATE TABLE login_gagal (
    username TEXT NOT NULL,
    waktu    TEXT NOT NULL
);
CREATE INDEX login_gagal_username ON login_gagal (username, waktu);

CREATE TABLE audit (
    id       INTEGER PRIMARY KEY,
    waktu    TEXT NOT NULL,
    akun_id  INTEGER,
    username TEXT NOT NULL,
    aksi     TEXT NOT NULL,
    objek    TEXT NOT NULL,
    rincian  TEXT NOT NULL
);
CREATE INDEX audit_waktu ON audit (waktu);

CREATE TABLE pengaturan (
    kunci TEXT PRIMARY KEY,
    nilai TEXT NOT NULL
);
-- Defaults as data: the national target, the small-group threshold, login throttling
-- (failures per account within a window) and the session lifetime.
INSERT INTO pengaturan (kunci, nilai) VALUES ('target', '80'), ('kelompok_kecil', '5'),
    ('login_gagal_maks', '5'), ('login_jendela_menit', '15'), ('sesi_jam', '12');

CREATE TABLE impor (
    id          INTEGER PRIMARY KEY,
    waktu       TEXT NOT NULL,
    akun_id     INTEGER,
    username    TEXT NOT NULL,
    nama_berkas TEXT NOT NULL,
    ukuran      INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    aturan_id   TEXT NOT NULL,
    status      TEXT NOT NULL,
    progres     INTEGER NOT NULL DEFAULT 0,
    ringkasan   TEXT NOT NULL DEFAULT '{}',
    masalah     TEXT NOT NULL DEFAULT '[]',
    selesai     TEXT
);

CREATE TABLE paket (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    impor_id    INTEGER NOT NULL,
    nama_berkas TEXT NOT NULL,
    isi         BLOB NOT NULL
);

CREATE TABLE peta_batas (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    nama_berkas TEXT NOT NULL,
    geojson     TEXT NOT NULL,
    diunggah    TEXT NOT NULL
);

CREATE TABLE unor (
    unor_id       TEXT PRIMARY KEY,
    nama          TEXT NOT NULL,
    induk         TEXT,
    path          TEXT NOT NULL,
    kedalaman     INTEGER NOT NULL,
    instansi_id   TEXT NOT NULL,
    nama_instansi TEXT NOT NULL,
    kode_wilayah  TEXT NOT NULL
);
CREATE INDEX unor_path ON unor (path);
CREATE INDEX unor_induk ON unor (induk);

CREATE TABLE pegawai (
    nip             TEXT PRIMARY KEY,
    nama            TEXT NOT NULL,
    unor_id         TEXT NOT NULL,
    status          TEXT NOT NULL,
    jenis_jabatan   TEXT NOT NULL,
    jenjang_jabatan TEXT NOT NULL,
    nama_jabatan    TEXT NOT NULL,
    golongan        TEXT NOT NULL
);

CREATE TABLE tahun_hitung (
    tahun         INTEGER PRIMARY KEY,
    aturan_id     TEXT NOT NULL,
    aturan_sha256 TEXT NOT NULL,
    aturan_toml   TEXT NOT NULL,
    tanggal_acuan TEXT NOT NULL,
    impor_id      INTEGER NOT NULL,
    dihitung      TEXT NOT NULL
);

CREATE TABLE hasil (
    tahun           INTEGER NOT NULL,
    nip             TEXT NOT NULL,
    nama            TEXT NOT NULL,
    unor_id         TEXT NOT NULL,
    path            TEXT NOT NULL,
    jenis_jabatan   TEXT NOT NULL,
    jenjang_jabatan TEXT NOT NULL,
    kualifikasi     INTEGER NOT NULL,
    kompetensi      INTEGER NOT NULL,
    kinerja         INTEGER NOT NULL,
    disiplin        INTEGER NOT NULL,
    ip              INTEGER NOT NULL,
    kategori        INTEGER NOT NULL,
    flags           TEXT NOT NULL,
    penjelasan      TEXT NOT NULL,
    PRIMARY KEY (tahun, nip)
);
CREATE INDEX hasil_path ON hasil (tahun, path);
CREATE INDEX hasil_ip ON hasil (tahun, ip);
CREATE INDEX hasil_nip ON hasil (nip);

CREATE TABLE ringkasan_unor (
    tahun                INTEGER NOT NULL,
    unor_id              TEXT NOT NULL,
    path                 TEXT NOT NULL,
    kedalaman            INTEGER NOT NULL,
    pegawai              INTEGER NOT NULL,
    diukur               INTEGER NOT NULL,
    dalam_rerata         INTEGER NOT NULL,
    jumlah_ip            INTEGER NOT NULL,
    jumlah_kualifikasi   INTEGER NOT NULL,
    jumlah_kompetensi    INTEGER NOT NULL,
    jumlah_kinerja       INTEGER NOT NULL,
    jumlah_disiplin      INTEGER NOT NULL,
    kategori             INTEGER,
    per_kategori         TEXT NOT NULL,
    sendiri_pegawai      INTEGER NOT NULL,
    sendiri_diukur       INTEGER NOT NULL,
    sendiri_dalam_rerata INTEGER NOT NULL,
    sendiri_jumlah_ip    INTEGER NOT NULL,
    PRIMARY KEY (tahun, unor_id)
);
CREATE INDEX ringkasan_path ON ringkasan_unor (tahun, path);
