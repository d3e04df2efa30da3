-- Assessment-center events: exercises and their linkage to competencies, assessees and their
-- assessors, each assessor's ratings (kept independent until locked), the panel chair's
-- consensus levels, and when an assessee's result was finalised.
CREATE TABLE acara (
    id        INTEGER PRIMARY KEY,
    nama      TEXT NOT NULL,
    tanggal   TEXT NOT NULL,
    dibuat    TEXT NOT NULL,
    username  TEXT NOT NULL
);
CREATE TABLE acara_tautan (
    acara_id   INTEGER NOT NULL REFERENCES acara (id) ON DELETE CASCADE,
    latihan    TEXT NOT NULL,
    kompetensi TEXT NOT NULL,
    PRIMARY KEY (acara_id, latihan, kompetensi)
);
CREATE TABLE acara_asesor (
    acara_id INTEGER NOT NULL REFERENCES acara (id) ON DELETE CASCADE,
    nip      TEXT NOT NULL,
    asesor   TEXT NOT NULL,
    terkunci TEXT,
    PRIMARY KEY (acara_id, nip, asesor)
);
CREATE TABLE acara_nilai (
    acara_id   INTEGER NOT NULL REFERENCES acara (id) ON DELETE CASCADE,
    nip        TEXT NOT NULL,
    asesor     TEXT NOT NULL,
    latihan    TEXT NOT NULL,
    kompetensi TEXT NOT NULL,
    level      REAL NOT NULL,
    bukti      TEXT NOT NULL,
    waktu      TEXT NOT NULL,
    PRIMARY KEY (acara_id, nip, asesor, latihan, kompetensi)
);
CREATE TABLE acara_konsensus (
    acara_id   INTEGER NOT NULL REFERENCES acara (id) ON DELETE CASCADE,
    nip        TEXT NOT NULL,
    kompetensi TEXT NOT NULL,
    level      REAL NOT NULL,
    alasan     TEXT NOT NULL,
    ketua      TEXT NOT NULL,
    waktu      TEXT NOT NULL,
    PRIMARY KEY (acara_id, nip, kompetensi)
);
CREATE TABLE acara_final (
    acara_id INTEGER NOT NULL REFERENCES acara (id) ON DELETE CASCADE,
    nip      TEXT NOT NULL,
    waktu    TEXT NOT NULL,
    username TEXT NOT NULL,
    PRIMARY KEY (acara_id, nip)
);
