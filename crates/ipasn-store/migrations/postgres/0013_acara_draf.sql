-- Drafts of an assessor's rating form: every cell as typed (level as text, evidence notes),
-- kept at every save and at a refused lock so nothing typed is lost; visible to their author
-- only, removed when the ratings are locked.
CREATE TABLE acara_draf (
    acara_id   BIGINT NOT NULL REFERENCES acara (id) ON DELETE CASCADE,
    nip        TEXT NOT NULL,
    asesor     TEXT NOT NULL,
    latihan    TEXT NOT NULL,
    kompetensi TEXT NOT NULL,
    level      TEXT NOT NULL,
    bukti      TEXT NOT NULL,
    waktu      TEXT NOT NULL,
    PRIMARY KEY (acara_id, nip, asesor, latihan, kompetensi)
);
