-- Competency assessment results (an assessment center's or an external provider's): one row
-- per person, competency and assessment date. A person's current result is their latest date.
CREATE TABLE asesmen_kompetensi (
    nip      TEXT NOT NULL,
    kode     TEXT NOT NULL,
    level    DOUBLE PRECISION NOT NULL,
    tanggal  TEXT NOT NULL,
    sumber   TEXT NOT NULL,
    impor_id BIGINT NOT NULL,
    PRIMARY KEY (nip, kode, tanggal)
);
