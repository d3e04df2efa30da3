-- A pimpinan account may be granted the detail of assessment results (levels, scores); and a
-- potential test file may carry the track-record score that the potential weights can use.
ALTER TABLE akun ADD COLUMN lihat_detail BIGINT NOT NULL DEFAULT 0;
ALTER TABLE asesmen_potensi ADD COLUMN rekam_jejak DOUBLE PRECISION;
