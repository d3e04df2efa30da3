//! Development programmes: a programme of a unit subtree and year (kind, name, dates, JP), its
//! participants (role, their pair, goals, status), attendance by date, coaching sessions (notes
//! the web shows only to the coach and the coachee), and the training record a completion
//! becomes (`program_diklat`: what, when, how many JP, from which programme).

use crate::{Db, StoreError, now, subtree_end, with_pool, with_tx};
use serde::Serialize;

/// A programme.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Program {
    /// Id.
    pub id: i64,
    /// `coaching`, `mentoring`, `intensif`, `penugasan`.
    pub jenis: String,
    /// Name.
    pub nama: String,
    /// Year.
    pub tahun: i64,
    /// The unit whose subtree takes part.
    pub unor_id: String,
    /// Start date (YYYY-MM-DD).
    pub mulai: String,
    /// End date.
    pub selesai: String,
    /// Lesson hours a completion counts.
    pub jp: i64,
    /// Who made it.
    pub dibuat_oleh: String,
    /// When.
    pub dibuat: String,
}

/// A new programme.
pub struct ProgramBaru<'a> {
    /// Kind.
    pub jenis: &'a str,
    /// Name.
    pub nama: &'a str,
    /// Year.
    pub tahun: i64,
    /// Unit.
    pub unor_id: &'a str,
    /// Start.
    pub mulai: &'a str,
    /// End.
    pub selesai: &'a str,
    /// JP.
    pub jp: i64,
    /// Who.
    pub oleh: &'a str,
}

/// A participant.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Peserta {
    /// NIP.
    pub nip: String,
    /// Name (from the data in force; empty if the person left).
    pub nama: String,
    /// `peserta`, `coach`, `coachee`, `mentor`, `mentee`.
    pub peran: String,
    /// The coach of a coachee, the mentor of a mentee.
    pub pasangan: Option<String>,
    /// Goals (coaching).
    pub tujuan: String,
    /// `terdaftar`, `selesai`.
    pub status: String,
    /// Completion date.
    pub selesai: Option<String>,
    /// Days attended.
    pub hadir: i64,
}

const COLS: &str =
    "p.id, p.jenis, p.nama, p.tahun, p.unor_id, p.mulai, p.selesai, p.jp, p.dibuat_oleh, p.dibuat";

/// Creates a programme; its id.
pub async fn buat(db: &Db, p: &ProgramBaru<'_>) -> Result<i64, StoreError> {
    let (id,): (i64,) = with_pool!(db, c => sqlx::query_as(
        "INSERT INTO program (jenis, nama, tahun, unor_id, mulai, selesai, jp, dibuat_oleh, dibuat)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id")
        .bind(p.jenis).bind(p.nama).bind(p.tahun).bind(p.unor_id).bind(p.mulai).bind(p.selesai)
        .bind(p.jp).bind(p.oleh).bind(now()).fetch_one(c).await?);
    Ok(id)
}

/// The programmes of units within `path` (every one with `None`), newest first, each with its
/// unit's path.
pub async fn daftar(db: &Db, path: Option<&str>) -> Result<Vec<(Program, String)>, StoreError> {
    let (lo, hi) = match path {
        Some(p) => (p.to_string(), subtree_end(p)),
        None => (String::new(), "\u{10FFFF}".to_string()),
    };
    let rows: Vec<ProgramPath> = with_pool!(db, c => sqlx::query_as::<_, ProgramPath>(sqlx::AssertSqlSafe(format!(
        "SELECT {COLS}, u.path FROM program p JOIN unor u ON u.unor_id = p.unor_id
         WHERE u.path >= $1 AND u.path < $2 ORDER BY p.tahun DESC, p.id DESC")))
        .bind(&lo).bind(&hi).fetch_all(c).await?);
    Ok(rows.into_iter().map(|r| (r.program, r.path)).collect())
}

#[derive(sqlx::FromRow)]
struct ProgramPath {
    #[sqlx(flatten)]
    program: Program,
    path: String,
}

/// One programme with its unit's path (`None`: no such programme, or its unit left the data).
pub async fn program(db: &Db, id: i64) -> Result<Option<(Program, String)>, StoreError> {
    let r: Option<ProgramPath> = with_pool!(db, c => sqlx::query_as::<_, ProgramPath>(sqlx::AssertSqlSafe(format!(
        "SELECT {COLS}, u.path FROM program p JOIN unor u ON u.unor_id = p.unor_id WHERE p.id = $1")))
        .bind(id).fetch_optional(c).await?);
    Ok(r.map(|r| (r.program, r.path)))
}

/// A programme's participants, by role then NIP.
pub async fn peserta(db: &Db, id: i64) -> Result<Vec<Peserta>, StoreError> {
    Ok(with_pool!(db, c => sqlx::query_as::<_, Peserta>(
        "SELECT s.nip, COALESCE(g.nama, '') AS nama, s.peran, s.pasangan, s.tujuan, s.status, s.selesai,
                (SELECT COUNT(*) FROM program_hadir h WHERE h.program_id = s.program_id AND h.nip = s.nip) AS hadir
         FROM program_peserta s LEFT JOIN pegawai g ON g.nip = s.nip
         WHERE s.program_id = $1 ORDER BY s.peran, s.nip")
        .bind(id).fetch_all(c).await?))
}

/// A participant to enrol.
pub struct Daftar {
    /// NIP.
    pub nip: String,
    /// Role.
    pub peran: String,
    /// Pair.
    pub pasangan: Option<String>,
    /// Goals.
    pub tujuan: String,
}

/// Enrols participants (one already enrolled is left as they are); how many were added.
pub async fn daftarkan(db: &Db, id: i64, rows: &[Daftar]) -> Result<u64, StoreError> {
    with_tx!(db, tx => {
        let mut n = 0;
        for r in rows {
            n += sqlx::query("INSERT INTO program_peserta (program_id, nip, peran, pasangan, tujuan, status)
                VALUES ($1, $2, $3, $4, $5, 'terdaftar') ON CONFLICT (program_id, nip) DO NOTHING")
                .bind(id).bind(&r.nip).bind(&r.peran).bind(&r.pasangan).bind(&r.tujuan)
                .execute(&mut *tx).await?.rows_affected();
        }
        Ok::<u64, StoreError>(n)
    })
}

/// Records a day attended (`false`: not a participant, or already recorded).
pub async fn hadir(db: &Db, id: i64, nip: &str, tanggal: &str) -> Result<bool, StoreError> {
    Ok(with_pool!(db, c => sqlx::query(
        "INSERT INTO program_hadir (program_id, nip, tanggal)
         SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM program_peserta WHERE program_id = $1 AND nip = $2)
         ON CONFLICT DO NOTHING")
        .bind(id).bind(nip).bind(tanggal).execute(c).await?.rows_affected())
        == 1)
}

/// Completes a participant on `tanggal` and records the training it counts as (`false`: not
/// an enrolled participant, or already done).
pub async fn selesaikan(
    db: &Db,
    p: &Program,
    nip: &str,
    tanggal: &str,
    jenis_diklat: &str,
) -> Result<bool, StoreError> {
    let w = now();
    with_tx!(db, tx => {
        let n = sqlx::query("UPDATE program_peserta SET status = 'selesai', selesai = $1
            WHERE program_id = $2 AND nip = $3 AND status = 'terdaftar' AND peran NOT IN ('coach', 'mentor')")
            .bind(tanggal).bind(p.id).bind(nip).execute(&mut *tx).await?.rows_affected();
        if n == 1 {
            sqlx::query("INSERT INTO program_diklat (program_id, nip, jenis, nama, mulai, selesai, jp, dicatat)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .bind(p.id).bind(nip).bind(jenis_diklat).bind(&p.nama).bind(&p.mulai).bind(tanggal)
                .bind(p.jp).bind(&w).execute(&mut *tx).await?;
        }
        Ok::<bool, StoreError>(n == 1)
    })
}

/// A coaching session.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Sesi {
    /// Date.
    pub tanggal: String,
    /// Notes.
    pub catatan: String,
    /// Who wrote them.
    pub penulis: String,
}

/// Adds a coaching session of a coachee.
pub async fn sesi_tambah(
    db: &Db,
    id: i64,
    coachee: &str,
    tanggal: &str,
    catatan: &str,
    penulis: &str,
) -> Result<(), StoreError> {
    with_pool!(db, c => sqlx::query(
        "INSERT INTO program_sesi (program_id, coachee, tanggal, catatan, penulis, dibuat) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(id).bind(coachee).bind(tanggal).bind(catatan).bind(penulis).bind(now()).execute(c).await?.rows_affected());
    Ok(())
}

/// A coachee's sessions, by date.
pub async fn sesi(db: &Db, id: i64, coachee: &str) -> Result<Vec<Sesi>, StoreError> {
    Ok(with_pool!(db, c => sqlx::query_as::<_, Sesi>(
        "SELECT tanggal, catatan, penulis FROM program_sesi WHERE program_id = $1 AND coachee = $2 ORDER BY tanggal, id")
        .bind(id).bind(coachee).fetch_all(c).await?))
}

/// How many sessions each coachee of a programme has (notes not read).
pub async fn jumlah_sesi(db: &Db, id: i64) -> Result<Vec<(String, i64)>, StoreError> {
    Ok(with_pool!(db, c => sqlx::query_as(
        "SELECT coachee, COUNT(*) FROM program_sesi WHERE program_id = $1 GROUP BY coachee")
        .bind(id).fetch_all(c).await?))
}

/// A training record from a completed programme.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct DiklatProgram {
    /// NIP.
    pub nip: String,
    /// Kind (`Teknis`, `Kursus`, …).
    pub jenis: String,
    /// The programme's name.
    pub nama: String,
    /// Start.
    pub mulai: String,
    /// End.
    pub selesai: String,
    /// JP.
    pub jp: i64,
    /// The programme.
    pub program_id: i64,
}

/// The training records of completed programmes of a year within a subtree.
pub async fn diklat(db: &Db, tahun: i64, path: &str) -> Result<Vec<DiklatProgram>, StoreError> {
    let end = subtree_end(path);
    Ok(with_pool!(db, c => sqlx::query_as::<_, DiklatProgram>(
        "SELECT d.nip, d.jenis, d.nama, d.mulai, d.selesai, d.jp, d.program_id
         FROM program_diklat d JOIN program p ON p.id = d.program_id JOIN unor u ON u.unor_id = p.unor_id
         WHERE p.tahun = $1 AND u.path >= $2 AND u.path < $3 ORDER BY d.selesai, d.nip")
        .bind(tahun).bind(path).bind(&end).fetch_all(c).await?))
}

/// The programmes a person takes part in (any role), newest first, with their row.
pub async fn milik(
    db: &Db,
    nip: &str,
) -> Result<Vec<(Program, String, Option<String>)>, StoreError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        program: Program,
        peran: String,
        pasangan: Option<String>,
    }
    let rows: Vec<Row> = with_pool!(db, c => sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(format!(
        "SELECT {COLS}, s.peran, s.pasangan FROM program p JOIN program_peserta s ON s.program_id = p.id
         WHERE s.nip = $1 ORDER BY p.tahun DESC, p.id DESC")))
        .bind(nip).fetch_all(c).await?);
    Ok(rows
        .into_iter()
        .map(|r| (r.program, r.peran, r.pasangan))
        .collect())
}

/// Every training record of completed programmes (for the computation, when the plan rules
/// let completed programmes count).
pub async fn semua_diklat(db: &Db) -> Result<Vec<DiklatProgram>, StoreError> {
    Ok(with_pool!(db, c => sqlx::query_as::<_, DiklatProgram>(
        "SELECT nip, jenis, nama, mulai, selesai, jp, program_id FROM program_diklat ORDER BY nip, selesai, program_id")
        .fetch_all(c).await?))
}
