-- Safe imports (issue 10). An import keeps its uploaded bytes (`isi`) while it waits for a
-- confirmation and, once stored, for a later restore; `diperbarui` is its heartbeat while it
-- runs (a row left `berjalan` by a dead process is marked `terputus`); `dasar` is the import in
-- force when its preview was made; `dipulihkan_dari` names the import a restore came from.
ALTER TABLE impor ADD COLUMN isi BLOB;
ALTER TABLE impor ADD COLUMN diperbarui TEXT;
ALTER TABLE impor ADD COLUMN dasar INTEGER;
ALTER TABLE impor ADD COLUMN dipulihkan_dari INTEGER;
UPDATE impor SET status = 'terputus' WHERE status = 'berjalan';
-- One package import at a time per database (one instansi per installation).
CREATE UNIQUE INDEX impor_satu_berjalan ON impor (status)
    WHERE status = 'berjalan' AND aturan_id <> 'asesmen';

-- The package in force is the import it came from; its bytes live on that import's row.
CREATE TABLE paket_baru (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    impor_id    INTEGER NOT NULL,
    nama_berkas TEXT NOT NULL
);
UPDATE impor SET isi = (SELECT isi FROM paket WHERE paket.impor_id = impor.id)
    WHERE id IN (SELECT impor_id FROM paket);
INSERT INTO paket_baru (id, impor_id, nama_berkas) SELECT id, impor_id, nama_berkas FROM paket;
DROP TABLE paket;
ALTER TABLE paket_baru RENAME TO paket;

-- Each login attempt is a row written before the password is checked (`token` tells the
-- attempt's own row apart), so parallel attempts are counted; a success removes only its own.
ALTER TABLE login_gagal ADD COLUMN token TEXT;

-- How many stored imports keep their package for a restore (the one in force always does), and
-- how many problems of one kind in one column an import keeps (the counts are kept whole).
INSERT INTO pengaturan (kunci, nilai) VALUES ('impor_simpan', '3'), ('masalah_per_jenis', '100')
    ON CONFLICT (kunci) DO NOTHING;
