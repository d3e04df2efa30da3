-- Position competency standards (SKJ): the required level per competency for a position title
-- (as in pegawai.nama_jabatan) or a jenjang jabatan; the spec's defaults per jenjang apply where
-- none is set. Matched ignoring case and surrounding spaces (the key is stored lower-case).
CREATE TABLE standar_kompetensi (
    jabatan  TEXT NOT NULL,
    kode     TEXT NOT NULL,
    level    DOUBLE PRECISION NOT NULL,
    impor_id BIGINT NOT NULL,
    PRIMARY KEY (jabatan, kode)
);
