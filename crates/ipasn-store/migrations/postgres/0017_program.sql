-- Development programmes of a unit subtree and year: leadership coaching (coach and coachee
-- pairs with goals and sessions whose notes only the two of them read), mentoring pairs,
-- mandatory intensive training, special assignments. Enrolment, attendance, completion; a
-- completion becomes a training record with its provenance (program_diklat), listed for SIASN.
CREATE TABLE program (
    id          BIGSERIAL PRIMARY KEY,
    jenis       TEXT NOT NULL,
    nama        TEXT NOT NULL,
    tahun       BIGINT NOT NULL,
    unor_id     TEXT NOT NULL,
    mulai       TEXT NOT NULL,
    selesai     TEXT NOT NULL,
    jp          BIGINT NOT NULL,
    dibuat_oleh TEXT NOT NULL,
    dibuat      TEXT NOT NULL
);
CREATE TABLE program_peserta (
    program_id BIGINT NOT NULL REFERENCES program (id) ON DELETE CASCADE,
    nip        TEXT NOT NULL,
    peran      TEXT NOT NULL,
    pasangan   TEXT,
    tujuan     TEXT NOT NULL,
    status     TEXT NOT NULL,
    selesai    TEXT,
    PRIMARY KEY (program_id, nip)
);
CREATE TABLE program_hadir (
    program_id BIGINT NOT NULL REFERENCES program (id) ON DELETE CASCADE,
    nip        TEXT NOT NULL,
    tanggal    TEXT NOT NULL,
    PRIMARY KEY (program_id, nip, tanggal)
);
CREATE TABLE program_sesi (
    id         BIGSERIAL PRIMARY KEY,
    program_id BIGINT NOT NULL REFERENCES program (id) ON DELETE CASCADE,
    coachee    TEXT NOT NULL,
    tanggal    TEXT NOT NULL,
    catatan    TEXT NOT NULL,
    penulis    TEXT NOT NULL,
    dibuat     TEXT NOT NULL
);
CREATE TABLE program_diklat (
    program_id BIGINT NOT NULL REFERENCES program (id) ON DELETE CASCADE,
    nip        TEXT NOT NULL,
    jenis      TEXT NOT NULL,
    nama       TEXT NOT NULL,
    mulai      TEXT NOT NULL,
    selesai    TEXT NOT NULL,
    jp         BIGINT NOT NULL,
    dicatat    TEXT NOT NULL,
    PRIMARY KEY (program_id, nip)
);
