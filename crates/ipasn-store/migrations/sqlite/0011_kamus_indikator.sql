-- Behaviour indicators of a dictionary level, one per line. The shipped PermenPANRB 38/2017
-- dictionary lives in the binary; these rows are the instansi's entries laid over it.
ALTER TABLE kamus_kompetensi ADD COLUMN indikator TEXT NOT NULL DEFAULT '';
