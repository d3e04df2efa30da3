-- Psychometric instruments: the psikolog role; bundle versions with their files (a changed file
-- is a new version, the old one stays so old scores recompute); each person's answers and
-- scores with the version and norm they were scored with, and their release; norm versions.

-- SQLite cannot change a CHECK: the account table is rebuilt with the new role. Dropping the old
-- table deletes its sessions (ON DELETE CASCADE), so they are kept aside and put back.
CREATE TABLE akun_baru (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    nama          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    peran         TEXT NOT NULL CHECK (peran IN ('admin', 'analis', 'pimpinan', 'asesor', 'pegawai', 'psikolog')),
    unor_id       TEXT,
    nip           TEXT,
    aktif         INTEGER NOT NULL DEFAULT 1,
    dibuat        TEXT NOT NULL,
    lihat_detail  INTEGER NOT NULL DEFAULT 0
);
INSERT INTO akun_baru (id, username, nama, password_hash, peran, unor_id, nip, aktif, dibuat, lihat_detail)
    SELECT id, username, nama, password_hash, peran, unor_id, nip, aktif, dibuat, lihat_detail FROM akun;
CREATE TEMP TABLE sesi_simpan AS SELECT * FROM sesi;
DROP TABLE akun;
ALTER TABLE akun_baru RENAME TO akun;
INSERT INTO sesi SELECT * FROM sesi_simpan;
DROP TABLE sesi_simpan;

CREATE TABLE instrumen_versi (
    id              INTEGER PRIMARY KEY,
    instrumen       TEXT NOT NULL,
    versi           TEXT NOT NULL UNIQUE,
    nama            TEXT NOT NULL,
    jenis           TEXT NOT NULL,
    redistributable INTEGER NOT NULL,
    tingkat         TEXT NOT NULL,
    pemilik         TEXT NOT NULL,
    bawaan          INTEGER NOT NULL,
    oleh            TEXT NOT NULL,
    dibuat          TEXT NOT NULL
);

CREATE TABLE instrumen_berkas (
    versi_id INTEGER NOT NULL REFERENCES instrumen_versi (id),
    nama     TEXT NOT NULL,
    sidik    TEXT NOT NULL,
    isi      BLOB NOT NULL,
    PRIMARY KEY (versi_id, nama)
);

CREATE TABLE norma_instrumen (
    id        INTEGER PRIMARY KEY,
    versi_id  INTEGER NOT NULL REFERENCES instrumen_versi (id),
    kelompok  TEXT NOT NULL,
    n         INTEGER NOT NULL,
    isi       TEXT NOT NULL,
    oleh      TEXT NOT NULL,
    dibuat    TEXT NOT NULL
);

CREATE TABLE hasil_instrumen (
    id           INTEGER PRIMARY KEY,
    nip          TEXT NOT NULL,
    versi_id     INTEGER NOT NULL REFERENCES instrumen_versi (id),
    tanggal      TEXT NOT NULL,
    jawaban      TEXT NOT NULL,
    skor         TEXT NOT NULL,
    norma_id     INTEGER REFERENCES norma_instrumen (id),
    dirilis      TEXT,
    dirilis_oleh TEXT,
    oleh         TEXT NOT NULL,
    dibuat       TEXT NOT NULL,
    UNIQUE (nip, versi_id, tanggal)
);
CREATE INDEX hasil_instrumen_nip ON hasil_instrumen (nip);
CREATE INDEX hasil_instrumen_versi ON hasil_instrumen (versi_id);
