-- Talent management: the SKP predikat of each result (the nine-box performance axis), potential
-- test scores, and calibration moves in the nine-box (who, when, why).
ALTER TABLE hasil ADD COLUMN predikat TEXT;

CREATE TABLE asesmen_potensi (
    nip      TEXT NOT NULL,
    skor     REAL NOT NULL,
    tanggal  TEXT NOT NULL,
    sumber   TEXT NOT NULL,
    impor_id INTEGER NOT NULL,
    PRIMARY KEY (nip, tanggal)
);

CREATE TABLE kalibrasi (
    id       INTEGER PRIMARY KEY,
    tahun    INTEGER NOT NULL,
    nip      TEXT NOT NULL,
    dari     INTEGER NOT NULL,
    ke       INTEGER NOT NULL,
    alasan   TEXT NOT NULL,
    username TEXT NOT NULL,
    waktu    TEXT NOT NULL
);
CREATE INDEX kalibrasi_nip ON kalibrasi (tahun, nip);
