-- Individual development plans (rencana pengembangan individu): one per person and year,
-- drafted from the person's candidate actions, agreed by the pegawai and their atasan
-- (draf -> disetujui -> berjalan -> selesai). Actions keep what they were when drafted (name,
-- kind, JP, cost, points), so a later catalogue does not rewrite an agreed plan.
CREATE TABLE rencana_individu (
    id             BIGSERIAL PRIMARY KEY,
    nip            TEXT NOT NULL,
    tahun          BIGINT NOT NULL,
    status         TEXT NOT NULL,
    katalog        TEXT NOT NULL,
    dibuat_oleh    TEXT NOT NULL,
    dibuat         TEXT NOT NULL,
    diubah         TEXT NOT NULL,
    setuju_pegawai TEXT,
    setuju_atasan  TEXT,
    atasan         TEXT,
    UNIQUE (nip, tahun)
);
CREATE TABLE rencana_aksi (
    rencana_id BIGINT NOT NULL REFERENCES rencana_individu (id) ON DELETE CASCADE,
    urut       BIGINT NOT NULL,
    kode       TEXT NOT NULL,
    nama       TEXT NOT NULL,
    nama_en    TEXT NOT NULL,
    jenis      TEXT NOT NULL,
    jp         BIGINT NOT NULL,
    biaya      BIGINT NOT NULL,
    poin       BIGINT NOT NULL,
    selesai    TEXT,
    PRIMARY KEY (rencana_id, urut)
);
