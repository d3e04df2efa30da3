-- The pegawai list's default order (IP, then NIP) read straight from an index: the first page
-- of a large subtree needs no sort.
DROP INDEX hasil_ip;
CREATE INDEX hasil_ip_nip ON hasil (tahun, ip, nip);
