//! Psychometric instruments as stored: bundle versions and their files (access-controlled: the
//! files of a bundle whose licence forbids redistribution never leave through any route), each
//! person's answers and scores with the version and the norm they were scored with and their
//! release to the person, and norm versions. Rules, scoring and file formats are not here:
//! `ipasn-instrumen` decides, `ipasn-data` reads; this stores what they give.

use crate::{Db, StoreError, now, with_pool, with_tx};
use serde::Serialize;

/// A stored bundle version.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Versi {
    /// Row id.
    pub id: i64,
    /// The bundle's id (`ipip-50`).
    pub instrumen: String,
    /// The bundle's version hash.
    pub versi: String,
    /// Name.
    pub nama: String,
    /// Kind (`likert`, `pasangan`, `paling`, `pilihan`).
    pub jenis: String,
    /// Whether its files may leave the installation.
    pub redistributable: i64,
    /// HIMPSI usage level.
    pub tingkat: String,
    /// Owner.
    pub pemilik: String,
    /// Shipped with ipasn.
    pub bawaan: i64,
    /// Who stored it.
    pub oleh: String,
    /// When.
    pub dibuat: String,
}

/// What a new version is.
pub struct VersiBaru<'a> {
    /// The bundle's id.
    pub instrumen: &'a str,
    /// The version hash.
    pub versi: &'a str,
    /// Name.
    pub nama: &'a str,
    /// Kind.
    pub jenis: &'a str,
    /// Licence: may leave the installation.
    pub redistributable: bool,
    /// Usage level.
    pub tingkat: &'a str,
    /// Owner.
    pub pemilik: &'a str,
    /// Shipped.
    pub bawaan: bool,
    /// Files: name, SHA-256, bytes.
    pub berkas: Vec<(String, String, Vec<u8>)>,
}

/// Stores a version with its files, or finds it when the same version is there (its id, and
/// whether it is new).
pub async fn simpan_versi(
    db: &Db,
    v: &VersiBaru<'_>,
    oleh: &str,
) -> Result<(i64, bool), StoreError> {
    with_tx!(db, tx => {
        let ada: Option<(i64,)> = sqlx::query_as("SELECT id FROM instrumen_versi WHERE versi = $1")
            .bind(v.versi).fetch_optional(&mut *tx).await?;
        if let Some((id,)) = ada {
            Ok((id, false))
        } else {
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO instrumen_versi (instrumen, versi, nama, jenis, redistributable, tingkat, pemilik, bawaan, oleh, dibuat)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id")
                .bind(v.instrumen).bind(v.versi).bind(v.nama).bind(v.jenis)
                .bind(v.redistributable as i64).bind(v.tingkat).bind(v.pemilik).bind(v.bawaan as i64)
                .bind(oleh).bind(now())
                .fetch_one(&mut *tx).await?;
            for (nama, sidik, isi) in &v.berkas {
                sqlx::query("INSERT INTO instrumen_berkas (versi_id, nama, sidik, isi) VALUES ($1, $2, $3, $4)")
                    .bind(id).bind(nama).bind(sidik).bind(isi.as_slice())
                    .execute(&mut *tx).await?;
            }
            Ok::<_, StoreError>((id, true))
        }
    })
}

const KOLOM_VERSI: &str =
    "id, instrumen, versi, nama, jenis, redistributable, tingkat, pemilik, bawaan, oleh, dibuat";

/// Every stored version, newest first.
pub async fn daftar_versi(db: &Db) -> Result<Vec<Versi>, StoreError> {
    let q = format!("SELECT {KOLOM_VERSI} FROM instrumen_versi ORDER BY instrumen, id DESC");
    Ok(with_pool!(db, p => sqlx::query_as::<_, Versi>(sqlx::AssertSqlSafe(q)).fetch_all(p).await?))
}

/// One version.
pub async fn versi(db: &Db, id: i64) -> Result<Option<Versi>, StoreError> {
    let q = format!("SELECT {KOLOM_VERSI} FROM instrumen_versi WHERE id = $1");
    Ok(
        with_pool!(db, p => sqlx::query_as::<_, Versi>(sqlx::AssertSqlSafe(q)).bind(id).fetch_optional(p).await?),
    )
}

/// A version's files: name, SHA-256, bytes.
pub async fn berkas(db: &Db, versi_id: i64) -> Result<Vec<(String, String, Vec<u8>)>, StoreError> {
    Ok(with_pool!(db, p => sqlx::query_as(
        "SELECT nama, sidik, isi FROM instrumen_berkas WHERE versi_id = $1 ORDER BY nama")
        .bind(versi_id).fetch_all(p).await?))
}

/// A stored result.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Hasil {
    /// Row id.
    pub id: i64,
    /// NIP.
    pub nip: String,
    /// The person's name (from the package in force; empty when they left).
    pub nama: String,
    /// The person's unit path (empty when they left).
    pub path: String,
    /// The person's jenjang jabatan (empty when they left): a norm group.
    pub jenjang: String,
    /// The person's jenis jabatan (empty when they left): a norm group.
    pub jenis: String,
    /// The region code of the person's unit (empty when they left or not coded): a norm group.
    pub wilayah: String,
    /// Bundle version row.
    pub versi_id: i64,
    /// Test date (ISO).
    pub tanggal: String,
    /// Answers (JSON, `ipasn_instrumen::jawaban::Respons` per item).
    pub jawaban: String,
    /// Scores (JSON, `ipasn_instrumen::skor::Hasil`).
    pub skor: String,
    /// The norm version it was scored against.
    pub norma_id: Option<i64>,
    /// When the psikolog released it to the person.
    pub dirilis: Option<String>,
    /// Who released it.
    pub dirilis_oleh: Option<String>,
}

const KOLOM_HASIL: &str = "h.id, h.nip, COALESCE(p.nama, '') AS nama, COALESCE(u.path, '') AS path,
    COALESCE(p.jenjang_jabatan, '') AS jenjang, COALESCE(p.jenis_jabatan, '') AS jenis,
    COALESCE(u.kode_wilayah, '') AS wilayah,
    h.versi_id, h.tanggal, h.jawaban, h.skor, h.norma_id, h.dirilis, h.dirilis_oleh
    FROM hasil_instrumen h LEFT JOIN pegawai p ON p.nip = h.nip LEFT JOIN unor u ON u.unor_id = p.unor_id";

/// One scored person to store.
pub struct HasilBaru {
    /// NIP.
    pub nip: String,
    /// Answers (JSON).
    pub jawaban: String,
    /// Scores (JSON).
    pub skor: String,
    /// The norm version it is scored against.
    pub norma_id: Option<i64>,
}

/// Stores a sheet's results in one transaction. A result already there for the same person,
/// version and date is kept as it is (the caller refuses such rows first; two uploads racing
/// past that check still cannot replace one another's — perhaps released — result).
pub async fn simpan_hasil(
    db: &Db,
    versi_id: i64,
    tanggal: &str,
    hasil: &[HasilBaru],
    oleh: &str,
) -> Result<(), StoreError> {
    let waktu = now();
    with_tx!(db, tx => {
        for h in hasil {
            sqlx::query("INSERT INTO hasil_instrumen (nip, versi_id, tanggal, jawaban, skor, norma_id, oleh, dibuat)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (nip, versi_id, tanggal) DO NOTHING")
                .bind(&h.nip).bind(versi_id).bind(tanggal).bind(&h.jawaban).bind(&h.skor)
                .bind(h.norma_id).bind(oleh).bind(&waktu)
                .execute(&mut *tx).await?;
        }
        Ok::<_, StoreError>(())
    })
}

/// One result.
pub async fn hasil(db: &Db, id: i64) -> Result<Option<Hasil>, StoreError> {
    let q = format!("SELECT {KOLOM_HASIL} WHERE h.id = $1");
    Ok(
        with_pool!(db, p => sqlx::query_as::<_, Hasil>(sqlx::AssertSqlSafe(q)).bind(id).fetch_optional(p).await?),
    )
}

/// A version's results, newest first.
pub async fn hasil_versi(db: &Db, versi_id: i64) -> Result<Vec<Hasil>, StoreError> {
    let q =
        format!("SELECT {KOLOM_HASIL} WHERE h.versi_id = $1 ORDER BY h.tanggal DESC, h.id DESC");
    Ok(
        with_pool!(db, p => sqlx::query_as::<_, Hasil>(sqlx::AssertSqlSafe(q)).bind(versi_id).fetch_all(p).await?),
    )
}

/// A person's results, newest first.
pub async fn hasil_pegawai(db: &Db, nip: &str) -> Result<Vec<Hasil>, StoreError> {
    let q = format!("SELECT {KOLOM_HASIL} WHERE h.nip = $1 ORDER BY h.tanggal DESC, h.id DESC");
    Ok(
        with_pool!(db, p => sqlx::query_as::<_, Hasil>(sqlx::AssertSqlSafe(q)).bind(nip).fetch_all(p).await?),
    )
}

/// Releases a result to the person (once; a second release keeps the first's time).
pub async fn rilis(db: &Db, id: i64, oleh: &str) -> Result<bool, StoreError> {
    let n = with_pool!(db, p => sqlx::query(
        "UPDATE hasil_instrumen SET dirilis = $1, dirilis_oleh = $2 WHERE id = $3 AND dirilis IS NULL")
        .bind(now()).bind(oleh).bind(id).execute(p).await?.rows_affected());
    Ok(n > 0)
}

/// A stored norm version.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Norma {
    /// Row id.
    pub id: i64,
    /// Bundle version row.
    pub versi_id: i64,
    /// The norm group.
    pub kelompok: String,
    /// People.
    pub n: i64,
    /// The norm (JSON, `ipasn_instrumen::norma::Norma`).
    pub isi: String,
    /// Who built it.
    pub oleh: String,
    /// When.
    pub dibuat: String,
}

/// Stores one build of norms — a version per group — in one transaction, with one time, so a
/// result's norm can be read with the other groups of its build.
pub async fn simpan_norma(
    db: &Db,
    versi_id: i64,
    norma: &[(String, i64, String)],
    oleh: &str,
) -> Result<Vec<i64>, StoreError> {
    let waktu = now();
    with_tx!(db, tx => {
        let mut ids = vec![];
        for (kelompok, n, isi) in norma {
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO norma_instrumen (versi_id, kelompok, n, isi, oleh, dibuat) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
                .bind(versi_id).bind(kelompok).bind(n).bind(isi).bind(oleh).bind(&waktu)
                .fetch_one(&mut *tx).await?;
            ids.push(id);
        }
        Ok::<_, StoreError>(ids)
    })
}

/// A version's norms, newest first.
pub async fn norma_versi(db: &Db, versi_id: i64) -> Result<Vec<Norma>, StoreError> {
    Ok(with_pool!(db, p => sqlx::query_as::<_, Norma>(
        "SELECT id, versi_id, kelompok, n, isi, oleh, dibuat FROM norma_instrumen WHERE versi_id = $1 ORDER BY id DESC")
        .bind(versi_id).fetch_all(p).await?))
}

/// One norm.
pub async fn norma(db: &Db, id: i64) -> Result<Option<Norma>, StoreError> {
    Ok(with_pool!(db, p => sqlx::query_as::<_, Norma>(
        "SELECT id, versi_id, kelompok, n, isi, oleh, dibuat FROM norma_instrumen WHERE id = $1")
        .bind(id).fetch_optional(p).await?))
}

/// Which of these NIPs are persons of the package in force, with their unit path.
pub async fn pegawai_ada(
    db: &Db,
    nip: &[String],
) -> Result<std::collections::HashMap<String, String>, StoreError> {
    let mut out = std::collections::HashMap::new();
    for chunk in nip.chunks(500) {
        let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let q = format!(
            "SELECT p.nip, u.path FROM pegawai p JOIN unor u ON u.unor_id = p.unor_id WHERE p.nip IN ({})",
            marks.join(", ")
        );
        let rows: Vec<(String, String)> = with_pool!(db, p => {
            let mut query = sqlx::query_as(sqlx::AssertSqlSafe(q.clone()));
            for n in chunk {
                query = query.bind(n);
            }
            query.fetch_all(p).await?
        });
        out.extend(rows);
    }
    Ok(out)
}

/// Results scored against no norm take the one chosen for each (their first), in one
/// transaction; a result that has a norm keeps it.
pub async fn pakai_norma(db: &Db, pilihan: &[(i64, i64)]) -> Result<(), StoreError> {
    with_tx!(db, tx => {
        for (hasil_id, norma_id) in pilihan {
            sqlx::query("UPDATE hasil_instrumen SET norma_id = $1 WHERE id = $2 AND norma_id IS NULL")
                .bind(norma_id).bind(hasil_id).execute(&mut *tx).await?;
        }
        Ok::<_, StoreError>(())
    })
}

/// The norm groups of these persons — jenjang, jenis jabatan, their unit's region code — by NIP.
pub async fn pegawai_jabatan(
    db: &Db,
    nip: &[String],
) -> Result<std::collections::HashMap<String, (String, String, String)>, StoreError> {
    let mut out = std::collections::HashMap::new();
    for chunk in nip.chunks(500) {
        let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let q = format!(
            "SELECT p.nip, p.jenjang_jabatan, p.jenis_jabatan, u.kode_wilayah FROM pegawai p
             JOIN unor u ON u.unor_id = p.unor_id WHERE p.nip IN ({})",
            marks.join(", ")
        );
        let rows: Vec<(String, String, String, String)> = with_pool!(db, p => {
            let mut query = sqlx::query_as(sqlx::AssertSqlSafe(q.clone()));
            for n in chunk {
                query = query.bind(n);
            }
            query.fetch_all(p).await?
        });
        out.extend(rows.into_iter().map(|(n, a, b, w)| (n, (a, b, w))));
    }
    Ok(out)
}

/// Which of these persons already have a result of this version on this date.
pub async fn sudah_ada(
    db: &Db,
    versi_id: i64,
    tanggal: &str,
    nip: &[String],
) -> Result<std::collections::HashSet<String>, StoreError> {
    let rows: Vec<(String,)> = with_pool!(db, p => sqlx::query_as(
        "SELECT nip FROM hasil_instrumen WHERE versi_id = $1 AND tanggal = $2")
        .bind(versi_id).bind(tanggal).fetch_all(p).await?);
    let want: std::collections::HashSet<&String> = nip.iter().collect();
    Ok(rows
        .into_iter()
        .map(|r| r.0)
        .filter(|n| want.contains(n))
        .collect())
}
