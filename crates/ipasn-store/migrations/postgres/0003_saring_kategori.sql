-- The pegawai list filtered by category: count and read the subtree's rows of one category
-- from one index range.
CREATE INDEX hasil_kategori_path ON hasil (tahun, kategori, path);
