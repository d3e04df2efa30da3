//! Assessment-center events: the linkage of exercises to competencies, who assesses whom, each
//! assessor's ratings (independent: an assessor reads only their own until the panel integrates
//! locked ratings), the panel chair's consensus levels, and the finalised result, which becomes
//! the assessee's competency result (`asesmen_kompetensi`).

use crate::{Db, StoreError, now, with_pool, with_tx};
use serde::Serialize;

/// An event.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Acara {
    /// Id.
    pub id: i64,
    /// Name.
    pub nama: String,
    /// Assessment date (ISO); the finalised results carry it.
    pub tanggal: String,
    /// Created (UTC).
    pub dibuat: String,
    /// Created by.
    pub username: String,
}

/// A new event.
#[derive(Clone, Debug)]
pub struct AcaraBaru {
    /// Name.
    pub nama: String,
    /// Date (ISO).
    pub tanggal: String,
    /// `(exercise, competency)` pairs: which exercise measures which competency.
    pub tautan: Vec<(String, String)>,
    /// `(assessee NIP, assessor username)`.
    pub penugasan: Vec<(String, String)>,
}

/// Creates an event (checked by the caller) in one transaction.
pub async fn buat(db: &Db, a: &AcaraBaru, username: &str) -> Result<i64, StoreError> {
    with_tx!(db, tx => {
        let (id,): (i64,) = sqlx::query_as("INSERT INTO acara (nama, tanggal, dibuat, username) VALUES ($1, $2, $3, $4) RETURNING id")
            .bind(&a.nama).bind(&a.tanggal).bind(now()).bind(username).fetch_one(&mut *tx).await?;
        for (l, k) in &a.tautan {
            sqlx::query("INSERT INTO acara_tautan (acara_id, latihan, kompetensi) VALUES ($1, $2, $3)")
                .bind(id).bind(l).bind(k).execute(&mut *tx).await?;
        }
        for (n, s) in &a.penugasan {
            sqlx::query("INSERT INTO acara_asesor (acara_id, nip, asesor) VALUES ($1, $2, $3)")
                .bind(id).bind(n).bind(s).execute(&mut *tx).await?;
        }
        Ok::<i64, StoreError>(id)
    })
}

/// Events, newest first; with `asesor`, only those where they assess someone.
pub async fn daftar(db: &Db, asesor: Option<&str>) -> Result<Vec<Acara>, StoreError> {
    Ok(with_pool!(db, p => sqlx::query_as::<_, Acara>(
        "SELECT id, nama, tanggal, dibuat, username FROM acara a
         WHERE $1 = '' OR EXISTS (SELECT 1 FROM acara_asesor s WHERE s.acara_id = a.id AND s.asesor = $1)
         ORDER BY id DESC").bind(asesor.unwrap_or("")).fetch_all(p).await?))
}

/// One event.
pub async fn satu(db: &Db, id: i64) -> Result<Option<Acara>, StoreError> {
    Ok(with_pool!(db, p => sqlx::query_as::<_, Acara>(
        "SELECT id, nama, tanggal, dibuat, username FROM acara WHERE id = $1").bind(id).fetch_optional(p).await?))
}

/// The linkage: `(exercise, competency)` in order.
pub async fn tautan(db: &Db, id: i64) -> Result<Vec<(String, String)>, StoreError> {
    Ok(
        with_pool!(db, p => sqlx::query_as("SELECT latihan, kompetensi FROM acara_tautan WHERE acara_id = $1 ORDER BY latihan, kompetensi")
        .bind(id).fetch_all(p).await?),
    )
}

/// An assignment.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Penugasan {
    /// Assessee.
    pub nip: String,
    /// Assessor.
    pub asesor: String,
    /// When the assessor locked their ratings.
    pub terkunci: Option<String>,
}

/// Who assesses whom.
pub async fn penugasan(db: &Db, id: i64) -> Result<Vec<Penugasan>, StoreError> {
    Ok(with_pool!(db, p => sqlx::query_as::<_, Penugasan>(
        "SELECT nip, asesor, terkunci FROM acara_asesor WHERE acara_id = $1 ORDER BY nip, asesor").bind(id).fetch_all(p).await?))
}

/// One rating.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Nilai {
    /// Assessee.
    pub nip: String,
    /// Assessor.
    pub asesor: String,
    /// Exercise.
    pub latihan: String,
    /// Competency.
    pub kompetensi: String,
    /// Level.
    pub level: f64,
    /// Evidence notes.
    pub bukti: String,
    /// When.
    pub waktu: String,
}

/// Ratings of an event: one assessor's (`Some`), or every locked assessor's (`None`, for the
/// panel) — unlocked ratings are never shown to anyone but their author.
pub async fn nilai(db: &Db, id: i64, asesor: Option<&str>) -> Result<Vec<Nilai>, StoreError> {
    Ok(match asesor {
        Some(a) => with_pool!(db, p => sqlx::query_as::<_, Nilai>(
            "SELECT nip, asesor, latihan, kompetensi, level, bukti, waktu FROM acara_nilai
             WHERE acara_id = $1 AND asesor = $2 ORDER BY nip, latihan, kompetensi").bind(id).bind(a).fetch_all(p).await?),
        None => with_pool!(db, p => sqlx::query_as::<_, Nilai>(
            "SELECT n.nip, n.asesor, n.latihan, n.kompetensi, n.level, n.bukti, n.waktu FROM acara_nilai n
             JOIN acara_asesor s ON s.acara_id = n.acara_id AND s.nip = n.nip AND s.asesor = n.asesor
             WHERE n.acara_id = $1 AND s.terkunci IS NOT NULL ORDER BY n.nip, n.kompetensi, n.asesor, n.latihan")
            .bind(id).fetch_all(p).await?),
    })
}

/// Saves an assessor's ratings of one assessee (and locks them when `kunci`), refusing once
/// locked. Returns `false` when they were already locked (nothing changed).
pub async fn simpan_nilai(
    db: &Db,
    id: i64,
    nip: &str,
    asesor: &str,
    rows: &[(String, String, f64, String)],
    kunci: bool,
) -> Result<bool, StoreError> {
    let waktu = now();
    with_tx!(db, tx => {
        let locked: Option<(Option<String>,)> = sqlx::query_as("SELECT terkunci FROM acara_asesor WHERE acara_id = $1 AND nip = $2 AND asesor = $3")
            .bind(id).bind(nip).bind(asesor).fetch_optional(&mut *tx).await?;
        if !matches!(locked, Some((None,))) {
            return Ok(false);
        }
        for (l, k, level, bukti) in rows {
            sqlx::query(
                "INSERT INTO acara_nilai (acara_id, nip, asesor, latihan, kompetensi, level, bukti, waktu) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                 ON CONFLICT (acara_id, nip, asesor, latihan, kompetensi) DO UPDATE SET level = excluded.level, bukti = excluded.bukti, waktu = excluded.waktu")
                .bind(id).bind(nip).bind(asesor).bind(l).bind(k).bind(level).bind(bukti).bind(&waktu)
                .execute(&mut *tx).await?;
        }
        if kunci {
            sqlx::query("UPDATE acara_asesor SET terkunci = $1 WHERE acara_id = $2 AND nip = $3 AND asesor = $4")
                .bind(&waktu).bind(id).bind(nip).bind(asesor).execute(&mut *tx).await?;
            // Locked ratings are the record now; the draft has served.
            sqlx::query("DELETE FROM acara_draf WHERE acara_id = $1 AND nip = $2 AND asesor = $3")
                .bind(id).bind(nip).bind(asesor).execute(&mut *tx).await?;
        }
        Ok::<bool, StoreError>(true)
    })
}

/// One cell of an assessor's draft: as typed, checked or not.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Draf {
    /// Exercise.
    pub latihan: String,
    /// Competency.
    pub kompetensi: String,
    /// The level as typed (may be empty or not a valid level).
    pub level: String,
    /// Evidence notes.
    pub bukti: String,
    /// When saved.
    pub waktu: String,
}

/// Keeps an assessor's form for one assessee as typed, every cell `(exercise, competency, level
/// as text, evidence)`, replacing their previous draft. Refused (`false`, nothing changed) once
/// their ratings are locked.
pub async fn simpan_draf(
    db: &Db,
    id: i64,
    nip: &str,
    asesor: &str,
    cells: &[(String, String, String, String)],
) -> Result<bool, StoreError> {
    let waktu = now();
    with_tx!(db, tx => {
        let locked: Option<(Option<String>,)> = sqlx::query_as("SELECT terkunci FROM acara_asesor WHERE acara_id = $1 AND nip = $2 AND asesor = $3")
            .bind(id).bind(nip).bind(asesor).fetch_optional(&mut *tx).await?;
        if !matches!(locked, Some((None,))) {
            return Ok(false);
        }
        sqlx::query("DELETE FROM acara_draf WHERE acara_id = $1 AND nip = $2 AND asesor = $3")
            .bind(id).bind(nip).bind(asesor).execute(&mut *tx).await?;
        for (l, k, level, bukti) in cells {
            sqlx::query(
                "INSERT INTO acara_draf (acara_id, nip, asesor, latihan, kompetensi, level, bukti, waktu) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .bind(id).bind(nip).bind(asesor).bind(l).bind(k).bind(level).bind(bukti).bind(&waktu)
                .execute(&mut *tx).await?;
        }
        Ok::<bool, StoreError>(true)
    })
}

/// An assessor's draft for one assessee (their own only; nobody else reads drafts).
pub async fn draf(db: &Db, id: i64, nip: &str, asesor: &str) -> Result<Vec<Draf>, StoreError> {
    Ok(with_pool!(db, p => sqlx::query_as::<_, Draf>(
        "SELECT latihan, kompetensi, level, bukti, waktu FROM acara_draf
         WHERE acara_id = $1 AND nip = $2 AND asesor = $3 ORDER BY latihan, kompetensi")
        .bind(id).bind(nip).bind(asesor).fetch_all(p).await?))
}

/// A consensus level.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Konsensus {
    /// Competency.
    pub kompetensi: String,
    /// Level.
    pub level: f64,
    /// Rationale.
    pub alasan: String,
    /// Panel chair.
    pub ketua: String,
    /// When.
    pub waktu: String,
}

/// Records (or replaces) the panel chair's consensus level for a competency.
pub async fn simpan_konsensus(
    db: &Db,
    id: i64,
    nip: &str,
    kompetensi: &str,
    level: f64,
    alasan: &str,
    ketua: &str,
) -> Result<(), StoreError> {
    with_pool!(db, p => sqlx::query(
        "INSERT INTO acara_konsensus (acara_id, nip, kompetensi, level, alasan, ketua, waktu) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (acara_id, nip, kompetensi) DO UPDATE SET level = excluded.level, alasan = excluded.alasan, ketua = excluded.ketua, waktu = excluded.waktu")
        .bind(id).bind(nip).bind(kompetensi).bind(level).bind(alasan).bind(ketua).bind(now())
        .execute(p).await?.rows_affected());
    Ok(())
}

/// The consensus levels of an assessee.
pub async fn konsensus(db: &Db, id: i64, nip: &str) -> Result<Vec<Konsensus>, StoreError> {
    Ok(with_pool!(db, p => sqlx::query_as::<_, Konsensus>(
        "SELECT kompetensi, level, alasan, ketua, waktu FROM acara_konsensus WHERE acara_id = $1 AND nip = $2 ORDER BY kompetensi")
        .bind(id).bind(nip).fetch_all(p).await?))
}

/// Finalises an assessee: their integrated levels become their competency results, dated as
/// the event, in one transaction with the record of who finalised.
pub async fn finalkan(
    db: &Db,
    acara: &Acara,
    nip: &str,
    levels: &[(String, f64)],
    username: &str,
) -> Result<(), StoreError> {
    let waktu = now();
    let sumber = format!("{} (acara #{})", acara.nama, acara.id);
    with_tx!(db, tx => {
        for (k, l) in levels {
            sqlx::query(
                "INSERT INTO asesmen_kompetensi (nip, kode, level, tanggal, sumber, impor_id) VALUES ($1, $2, $3, $4, $5, 0)
                 ON CONFLICT (nip, kode, tanggal) DO UPDATE SET level = excluded.level, sumber = excluded.sumber")
                .bind(nip).bind(k).bind(l).bind(&acara.tanggal).bind(&sumber).execute(&mut *tx).await?;
        }
        sqlx::query("INSERT INTO acara_final (acara_id, nip, waktu, username) VALUES ($1, $2, $3, $4)
                     ON CONFLICT (acara_id, nip) DO UPDATE SET waktu = excluded.waktu, username = excluded.username")
            .bind(acara.id).bind(nip).bind(&waktu).bind(username).execute(&mut *tx).await?;
        Ok::<(), StoreError>(())
    })
}

/// Finalised assessees: `(nip, when, who)`.
pub async fn final_list(db: &Db, id: i64) -> Result<Vec<(String, String, String)>, StoreError> {
    Ok(
        with_pool!(db, p => sqlx::query_as("SELECT nip, waktu, username FROM acara_final WHERE acara_id = $1 ORDER BY nip")
        .bind(id).fetch_all(p).await?),
    )
}
