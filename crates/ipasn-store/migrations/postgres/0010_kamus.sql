-- The competency dictionary as the instansi loads it: names (kompetensi teknis included) and
-- level descriptions (level 0 holds the competency's definition).
CREATE TABLE kamus_kompetensi (
    kode      TEXT NOT NULL,
    level     BIGINT NOT NULL,
    nama      TEXT NOT NULL,
    deskripsi TEXT NOT NULL,
    PRIMARY KEY (kode, level)
);
