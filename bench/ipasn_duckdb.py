"""The IP ASN rules of `perban-8-2019` written as DuckDB SQL: what an analyst would otherwise
run over the same CSV package. Used by `bench/compute.py` as the baseline, and as an independent
cross-check of ipasn's results.

    python3 bench/ipasn_duckdb.py PACKAGE_DIR YEAR OUT_PERSONS.csv OUT_UNITS.csv [THREADS]

It reads the package's canonical spellings (as `ipasn generate` writes them); it does not do
ipasn's validation, spelling normalisation or explanations, so it does less work than ipasn.
"""

import sys

import duckdb


def main() -> None:
    pkg, year, out_persons, out_units = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    threads = int(sys.argv[5]) if len(sys.argv) > 5 else 2
    con = duckdb.connect()
    con.execute(f"SET threads = {threads}")
    t = f"DATE '{year}-12-31'"

    def csv(name: str) -> str:
        return f"read_csv('{pkg}/{name}.csv', header = true, all_varchar = true)"

    con.execute(f"CREATE TEMP TABLE pegawai AS SELECT * FROM {csv('pegawai')}")
    con.execute(f"CREATE TEMP TABLE unor AS SELECT * FROM {csv('unor')}")
    con.execute(
        f"""
    CREATE TEMP TABLE skor AS
    WITH
    pend AS (
        SELECT nip, max(CASE tingkat_pendidikan
            WHEN 'S-3' THEN 25 WHEN 'Sp-2' THEN 25 WHEN 'S-2' THEN 20 WHEN 'Sp-1' THEN 20
            WHEN 'Profesi' THEN 15 WHEN 'S-1' THEN 15 WHEN 'D-IV' THEN 15 WHEN 'D-III' THEN 10
            WHEN 'D-II' THEN 5 WHEN 'D-I' THEN 5 WHEN 'SLTA' THEN 5 ELSE 1 END) AS k
        FROM {csv('pendidikan')}
        WHERE coalesce(diakui, 'ya') = 'ya'
          AND coalesce(try_cast(tanggal_lulus AS DATE), make_date(try_cast(tahun_lulus AS INT), 12, 31)) <= {t}
        GROUP BY nip
    ),
    dik AS (
        SELECT nip, jenis, try_cast(jumlah_jam AS DOUBLE) AS jam,
               coalesce(try_cast(tanggal_selesai AS DATE), try_cast(tanggal_mulai AS DATE)) AS tgl
        FROM {csv('diklat')}
    ),
    komp AS (
        SELECT nip,
            min(CASE jenis WHEN 'PKN Tk. I' THEN 1 WHEN 'PKN Tk. II' THEN 2 WHEN 'PKA' THEN 3
                           WHEN 'PKP' THEN 4 END) AS pim,
            bool_or(jenis = 'Fungsional') AS fungsional,
            sum(CASE WHEN jenis = 'Teknis' AND tgl > {t} - INTERVAL 12 MONTH THEN jam ELSE 0 END) AS teknis,
            bool_or(jenis IN ('Seminar', 'Workshop', 'Magang', 'Kursus', 'Lainnya')
                    AND tgl > {t} - INTERVAL 24 MONTH) AS seminar
        FROM dik WHERE tgl <= {t}
        GROUP BY nip
    ),
    kin AS (
        SELECT nip, CASE
            WHEN predikat = 'Sangat Baik' THEN 30 WHEN predikat = 'Baik' THEN 25
            WHEN predikat IN ('Butuh Perbaikan', 'Cukup') THEN 15 WHEN predikat = 'Kurang' THEN 5
            WHEN predikat IN ('Sangat Kurang', 'Buruk') THEN 1
            WHEN CAST(nilai AS DOUBLE) > 90 THEN 30 WHEN CAST(nilai AS DOUBLE) > 75 THEN 25
            WHEN CAST(nilai AS DOUBLE) > 60 THEN 15 WHEN CAST(nilai AS DOUBLE) > 50 THEN 5 ELSE 1 END AS kin
        FROM {csv('skp')} WHERE CAST(tahun AS INT) = {year}
    ),
    dis AS (
        SELECT nip, max(CASE tingkat WHEN 'Berat' THEN 3 WHEN 'Sedang' THEN 2 ELSE 1 END) AS worst
        FROM {csv('hukdis')}
        WHERE coalesce(dibatalkan, 'tidak') <> 'ya'
          AND CAST(tmt_hukuman AS DATE) <= {t}
          AND CAST(tmt_hukuman AS DATE) > {t} - INTERVAL 5 YEAR
        GROUP BY nip
    )
    SELECT p.nip, p.nama, p.unor_id, p.jenis_jabatan, p.jenjang_jabatan,
        coalesce(pend.k, 0) AS kualifikasi,
        CASE p.jenis_jabatan
            WHEN 'Struktural' THEN
                (CASE WHEN komp.pim <= CASE p.jenjang_jabatan WHEN 'JPT Utama' THEN 1 WHEN 'JPT Madya' THEN 1
                      WHEN 'JPT Pratama' THEN 2 WHEN 'Administrator' THEN 3 ELSE 4 END THEN 15 ELSE 0 END)
                + (CASE WHEN komp.teknis >= 20 THEN 15 ELSE 0 END)
                + (CASE WHEN komp.seminar THEN 10 ELSE 0 END)
            WHEN 'Fungsional' THEN
                (CASE WHEN komp.fungsional THEN 15 ELSE 0 END)
                + (CASE WHEN komp.teknis >= 20 THEN 15 ELSE 0 END)
                + (CASE WHEN komp.seminar THEN 10 ELSE 0 END)
            ELSE (CASE WHEN komp.teknis >= 20 THEN 22.5 ELSE 0 END)
                + (CASE WHEN komp.seminar THEN 17.5 ELSE 0 END)
        END AS kompetensi,
        coalesce(kin.kin, 0) AS kinerja,
        CASE dis.worst WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3 ELSE 5 END AS disiplin
    FROM pegawai p
    LEFT JOIN pend USING (nip) LEFT JOIN komp USING (nip) LEFT JOIN kin USING (nip) LEFT JOIN dis USING (nip)
    WHERE p.status_kepegawaian = 'PNS'
    """
    )
    con.execute(
        f"""
    COPY (
        SELECT *, kualifikasi + kompetensi + kinerja + disiplin AS ip,
            CASE WHEN kualifikasi + kompetensi + kinerja + disiplin > 90 THEN 'Sangat Tinggi'
                 WHEN kualifikasi + kompetensi + kinerja + disiplin > 80 THEN 'Tinggi'
                 WHEN kualifikasi + kompetensi + kinerja + disiplin > 70 THEN 'Sedang'
                 WHEN kualifikasi + kompetensi + kinerja + disiplin > 60 THEN 'Rendah'
                 ELSE 'Sangat Rendah' END AS kategori
        FROM skor
    ) TO '{out_persons}' (HEADER, DELIMITER ',')
    """
    )
    # Every unit covers its subtree: a closure table of (unit, ancestor) by recursive CTE.
    con.execute(
        f"""
    COPY (
        WITH RECURSIVE anc(unor_id, ancestor) AS (
            SELECT unor_id, unor_id FROM unor
            UNION ALL
            SELECT anc.unor_id, u.induk_unor_id FROM anc JOIN unor u ON u.unor_id = anc.ancestor
            WHERE u.induk_unor_id IS NOT NULL AND u.induk_unor_id <> ''
        ),
        all_p AS (
            SELECT a.ancestor, count(*) AS pegawai FROM pegawai p JOIN anc a USING (unor_id) GROUP BY a.ancestor
        ),
        measured AS (
            SELECT a.ancestor, count(*) AS diukur, avg(s.kualifikasi + s.kompetensi + s.kinerja + s.disiplin) AS ip,
                avg(s.kualifikasi) AS kualifikasi, avg(s.kompetensi) AS kompetensi,
                avg(s.kinerja) AS kinerja, avg(s.disiplin) AS disiplin
            FROM skor s JOIN anc a USING (unor_id) GROUP BY a.ancestor
        )
        SELECT u.unor_id, u.nama_unor, coalesce(all_p.pegawai, 0) AS pegawai, coalesce(m.diukur, 0) AS diukur,
            round(100.0 * coalesce(m.diukur, 0) / nullif(all_p.pegawai, 0), 2) AS partisipasi,
            round(m.ip, 2) AS ip, round(m.kualifikasi, 2) AS kualifikasi, round(m.kompetensi, 2) AS kompetensi,
            round(m.kinerja, 2) AS kinerja, round(m.disiplin, 2) AS disiplin
        FROM unor u LEFT JOIN all_p ON all_p.ancestor = u.unor_id LEFT JOIN measured m ON m.ancestor = u.unor_id
    ) TO '{out_units}' (HEADER, DELIMITER ',')
    """
    )


if __name__ == "__main__":
    main()
