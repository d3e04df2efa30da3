-- Explanations move out of the person rows: lists and counts scan small rows, and a person's
-- page reads its explanations by key.
CREATE TABLE penjelasan (
    tahun INTEGER NOT NULL,
    nip   TEXT NOT NULL,
    isi   TEXT NOT NULL,
    PRIMARY KEY (tahun, nip)
);
INSERT INTO penjelasan (tahun, nip, isi) SELECT tahun, nip, penjelasan FROM hasil;
ALTER TABLE hasil DROP COLUMN penjelasan;
