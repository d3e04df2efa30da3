-- Online tests: sessions (the instruments in order with their section time limits, a window
-- of days), their proctors, the invited persons with their one-time token (its SHA-256 only),
-- the server-owned clock of the section each is in, and every answer with its sequence number.
-- Times on a taker are milliseconds since the Unix epoch (the server's clock).

CREATE TABLE sesi_ujian (
    id       INTEGER PRIMARY KEY,
    nama     TEXT NOT NULL,
    rencana  TEXT NOT NULL,
    buka     TEXT NOT NULL,
    tutup    TEXT NOT NULL,
    kelompok TEXT NOT NULL,
    oleh     TEXT NOT NULL,
    dibuat   TEXT NOT NULL
);

CREATE TABLE pengawas_ujian (
    sesi_id INTEGER NOT NULL REFERENCES sesi_ujian (id),
    akun_id INTEGER NOT NULL REFERENCES akun (id),
    PRIMARY KEY (sesi_id, akun_id)
);

CREATE TABLE peserta_ujian (
    id           INTEGER PRIMARY KEY,
    sesi_id      INTEGER NOT NULL REFERENCES sesi_ujian (id),
    nip          TEXT NOT NULL,
    nama         TEXT NOT NULL,
    unor_path    TEXT NOT NULL,
    token_sidik  TEXT UNIQUE,
    kunci_sidik  TEXT UNIQUE,
    csrf         TEXT,
    mulai        INTEGER,
    selesai      INTEGER,
    selesai_oleh TEXT,
    bagian       INTEGER NOT NULL DEFAULT 0,
    bagian_mulai INTEGER,
    tenggat      INTEGER,
    jeda_sejak   INTEGER,
    posisi       INTEGER NOT NULL DEFAULT 0,
    keluar       INTEGER NOT NULL DEFAULT 0,
    detak        INTEGER,
    jawab        INTEGER,
    seq          INTEGER NOT NULL DEFAULT 0,
    hasil        TEXT,
    UNIQUE (sesi_id, nip)
);
CREATE INDEX peserta_ujian_nip ON peserta_ujian (nip);

CREATE TABLE jawaban_ujian (
    peserta_id INTEGER NOT NULL REFERENCES peserta_ujian (id),
    bagian     INTEGER NOT NULL,
    butir      INTEGER NOT NULL,
    nilai      TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    ms         INTEGER NOT NULL,
    waktu      INTEGER NOT NULL,
    PRIMARY KEY (peserta_id, bagian, butir)
);
