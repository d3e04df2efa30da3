//! The imports' records and the write of a package's snapshot (`ipasn_core::snapshot`) in
//! **one transaction**. Reading the upload and computing the snapshot is `ipasn-app`'s import
//! service; this module only persists and reads. A package with errors changes nothing and keeps its list of
//! problems; the same package imported again under the same rule set changes nothing either.
//!
//! What a package replaces: the units, the persons, and every stored year's results and unit
//! summaries (a package carries several years of history, so the years it holds are recomputed
//! from it; see ARCHITECTURE.md "Imports replace").

use crate::{Db, StoreError, now, with_pool, with_tx};
use ipasn_core::rules::RuleSet;
use ipasn_core::snapshot::{self, Snapshot};
use ipasn_core::tanggal::Tanggal;
use ipasn_core::teks::Lang;
use ipasn_data::masalah::{Level, Problem};
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::Arc;

/// Today's date (UTC).
pub fn today() -> Tanggal {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    Tanggal::from_days((secs / 86_400) as i64)
}

/// A problem as stored and shown: both languages, so the table can switch without re-importing.
#[derive(Clone, Debug, Serialize, serde::Deserialize, PartialEq)]
pub struct Masalah {
    /// `galat` (error) or `peringatan` (warning).
    pub tingkat: String,
    /// Sheet or file.
    pub sheet: String,
    /// Row as a spreadsheet shows it.
    pub baris: Option<u32>,
    /// Column.
    pub kolom: Option<String>,
    /// The value found.
    pub nilai: Option<String>,
    /// What is wrong, in Indonesian.
    pub masalah: String,
    /// How to fix it, in Indonesian.
    pub perbaikan: String,
    /// What is wrong, in English.
    pub problem: String,
    /// How to fix it, in English.
    pub fix: String,
    /// The kind of problem (e.g. `Duplicate`), for grouping and capping.
    #[serde(default)]
    pub jenis: String,
}

impl Masalah {
    /// A problem of the package reader, as stored.
    pub fn of(p: &Problem) -> Masalah {
        Masalah {
            tingkat: if p.level == Level::Error {
                "galat"
            } else {
                "peringatan"
            }
            .into(),
            sheet: p.sheet.clone(),
            baris: p.row,
            kolom: p.column.clone(),
            nilai: p.value.clone(),
            masalah: p.message(Lang::Id),
            perbaikan: p.fix(Lang::Id),
            problem: p.message(Lang::En),
            fix: p.fix(Lang::En),
            jenis: jenis_of(&p.kind),
        }
    }

    /// Whether this problem stops the import.
    pub fn is_error(&self) -> bool {
        self.tingkat == "galat"
    }
}

/// The name of a problem kind's variant (`Duplicate { first_row: 3 }` → `Duplicate`).
fn jenis_of(kind: &impl std::fmt::Debug) -> String {
    let d = format!("{kind:?}");
    let end = d.find(['(', '{', ' ']).unwrap_or(d.len());
    d[..end].to_string()
}

/// How many problems of one kind in one column of one sheet are kept with an import (default
/// of the setting `masalah_per_jenis`): a package of a million duplicates must not store a
/// million rows. The counts of what was cut are kept in full.
pub const MASALAH_PER_JENIS: usize = 100;

/// The problems to store: the first `per_jenis` of each (level, sheet, column, kind), in their
/// order, and a count of each group that was cut (`[{tingkat, sheet, kolom, jenis, jumlah,
/// disimpan}]`).
pub fn batasi(masalah: &[Masalah], per_jenis: usize) -> (Vec<Masalah>, serde_json::Value) {
    let mut n: HashMap<(&str, &str, Option<&str>, &str), usize> = HashMap::new();
    let mut kept = Vec::with_capacity(masalah.len().min(10_000));
    for m in masalah {
        let c = n
            .entry((&m.tingkat, &m.sheet, m.kolom.as_deref(), &m.jenis))
            .or_default();
        *c += 1;
        if *c <= per_jenis {
            kept.push(m.clone());
        }
    }
    let mut cut: Vec<_> = n.into_iter().filter(|(_, c)| *c > per_jenis).collect();
    cut.sort();
    let cut = cut
        .into_iter()
        .map(|((t, s, k, j), c)| {
            json!({"tingkat": t, "sheet": s, "kolom": k, "jenis": j, "jumlah": c, "disimpan": per_jenis})
        })
        .collect();
    (kept, serde_json::Value::Array(cut))
}

/// Where an import stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Reading, checking, computing or writing.
    Berjalan,
    /// Computed; persons or units would leave, so it waits for a confirmation (nothing written).
    Menunggu,
    /// Stored: its data is (or was) in force.
    Selesai,
    /// The same package under the same rules as the one in force: nothing changed.
    Sama,
    /// A dry run: what would change was computed; nothing written.
    Diperiksa,
    /// Refused: the package has errors; nothing written.
    Ditolak,
    /// Failed on our side; nothing written.
    Gagal,
    /// The process running it ended before it finished; nothing written.
    Terputus,
    /// Cancelled at the confirmation; nothing written.
    Dibatalkan,
}

impl Status {
    /// Every status.
    pub const ALL: [Status; 9] = [
        Status::Berjalan,
        Status::Menunggu,
        Status::Selesai,
        Status::Sama,
        Status::Diperiksa,
        Status::Ditolak,
        Status::Gagal,
        Status::Terputus,
        Status::Dibatalkan,
    ];

    /// The stored word.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Berjalan => "berjalan",
            Status::Menunggu => "menunggu",
            Status::Selesai => "selesai",
            Status::Sama => "sama",
            Status::Diperiksa => "diperiksa",
            Status::Ditolak => "ditolak",
            Status::Gagal => "gagal",
            Status::Terputus => "terputus",
            Status::Dibatalkan => "dibatalkan",
        }
    }

    /// Parses a stored word.
    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// What the person who started an import has agreed to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Izin {
    /// Nothing yet: the import stops at a preview ([`Status::Menunggu`]) when persons or units
    /// would leave; otherwise it is stored.
    Belum,
    /// The preview made on the data of import `dasar` (`None`: an empty database) was
    /// confirmed: stored if that is still the data in force, else previewed again.
    Dikonfirmasi {
        /// The import in force when the preview was made.
        dasar: Option<i64>,
    },
    /// Agreed beforehand to whatever leaves (`ipasn impor --ya`).
    Semua,
    /// A dry run: only what would change ([`Status::Diperiksa`]).
    Periksa,
}

/// Another package import is running; one runs at a time.
#[derive(Clone, Debug, Serialize)]
pub struct Berjalan {
    /// Its id.
    pub id: i64,
    /// Who started it.
    pub username: String,
    /// When (UTC).
    pub waktu: String,
}

/// An import as listed in the history.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Impor {
    /// Id.
    pub id: i64,
    /// Started (UTC).
    pub waktu: String,
    /// Who.
    pub username: String,
    /// The uploaded file's name.
    pub nama_berkas: String,
    /// Its size in bytes.
    pub ukuran: i64,
    /// Its SHA-256.
    pub sha256: String,
    /// Rule set used.
    pub aturan_id: String,
    /// `berjalan` (running), `selesai` (stored), `sama` (identical to the stored package:
    /// nothing changed), `ditolak` (refused: errors in the package), `gagal` (failed).
    pub status: String,
    /// 0–100.
    pub progres: i64,
    /// What changed (JSON).
    pub ringkasan: String,
    /// Finished (UTC).
    pub selesai: Option<String>,
    /// The import whose data was in force when this one's preview was made.
    pub dasar: Option<i64>,
    /// The import this one restores.
    pub dipulihkan_dari: Option<i64>,
    /// Whether its package is kept (for a confirmation or a restore).
    pub ada_isi: bool,
}

/// The columns of [`Impor`].
const KOLOM_IMPOR: &str = "id, waktu, username, nama_berkas, ukuran, sha256, aturan_id, status, progres, ringkasan, selesai,
    dasar, dipulihkan_dari, (isi IS NOT NULL) AS ada_isi";

/// Records a new assessment-file import as running and returns its id.
pub async fn mulai(
    db: &Db,
    akun: Option<(i64, &str)>,
    nama_berkas: &str,
    isi: &[u8],
    aturan_id: &str,
) -> Result<i64, StoreError> {
    let sha = hex::encode(Sha256::digest(isi));
    let (id,): (i64,) = with_pool!(db, p => sqlx::query_as(
        "INSERT INTO impor (waktu, akun_id, username, nama_berkas, ukuran, sha256, aturan_id, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'berjalan') RETURNING id")
        .bind(now()).bind(akun.map(|a| a.0)).bind(akun.map(|a| a.1).unwrap_or("sistem"))
        .bind(nama_berkas).bind(isi.len() as i64).bind(sha).bind(aturan_id)
        .fetch_one(p).await?);
    Ok(id)
}

/// How long a running import may go without a heartbeat before it counts as interrupted (its
/// process ended): it beats every 300 ms while it reads and computes; the write is one
/// transaction, which the database rolls back when the process dies.
pub const DETAK_MAKS_DETIK: i64 = 120;

fn tidak_diketahui() -> Berjalan {
    Berjalan {
        id: 0,
        username: String::new(),
        waktu: String::new(),
    }
}

/// Records a new package import as running, keeping its bytes (for the confirmation and a
/// later restore), and returns its id; or the import that is running already (one at a time:
/// a unique index on the running row decides, on both backends, even between processes).
pub async fn mulai_paket(
    db: &Db,
    akun: Option<(i64, &str)>,
    nama_berkas: &str,
    isi: &[u8],
    aturan_id: &str,
    dipulihkan_dari: Option<i64>,
) -> Result<Result<i64, Berjalan>, StoreError> {
    tandai_terputus(db, DETAK_MAKS_DETIK).await?;
    let sha = hex::encode(Sha256::digest(isi));
    let t = now();
    let r: Result<(i64,), sqlx::Error> = with_pool!(db, p => sqlx::query_as(
        "INSERT INTO impor (waktu, akun_id, username, nama_berkas, ukuran, sha256, aturan_id, status, isi, diperbarui, dipulihkan_dari)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'berjalan', $8, $1, $9) RETURNING id")
        .bind(&t).bind(akun.map(|a| a.0)).bind(akun.map(|a| a.1).unwrap_or("sistem"))
        .bind(nama_berkas).bind(isi.len() as i64).bind(sha).bind(aturan_id).bind(isi).bind(dipulihkan_dari)
        .fetch_one(p).await);
    match r {
        Ok((id,)) => Ok(Ok(id)),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            Ok(Err(berjalan(db).await?.unwrap_or_else(tidak_diketahui)))
        }
        Err(e) => Err(e.into()),
    }
}

/// The package import running now, if any.
pub async fn berjalan(db: &Db) -> Result<Option<Berjalan>, StoreError> {
    let r: Option<(i64, String, String)> = with_pool!(db, p => sqlx::query_as(
        "SELECT id, username, waktu FROM impor WHERE status = 'berjalan' AND aturan_id <> 'asesmen'")
        .fetch_optional(p).await?);
    Ok(r.map(|(id, username, waktu)| Berjalan {
        id,
        username,
        waktu,
    }))
}

/// Marks running imports whose heartbeat is older than `detik` seconds as interrupted (their
/// process ended; their write, if it had begun, was rolled back). Called before each new
/// import and at start-up (see [`saat_mulai`]). Returns how many were marked.
pub async fn tandai_terputus(db: &Db, detik: i64) -> Result<u64, StoreError> {
    let batas =
        crate::format_time(time::OffsetDateTime::now_utc() - time::Duration::seconds(detik));
    let n = with_pool!(db, p => sqlx::query(
        "UPDATE impor SET status = 'terputus', isi = NULL, selesai = $1
         WHERE status = 'berjalan' AND COALESCE(diperbarui, waktu) < $2")
        .bind(now()).bind(batas).execute(p).await?.rows_affected());
    Ok(n)
}

/// At a server's start-up: imports left running by a process that ended are marked
/// interrupted. On SQLite (one server per file) every running import is; on PostgreSQL, where
/// other servers may be running one, those without a heartbeat for [`DETAK_MAKS_DETIK`].
pub async fn saat_mulai(db: &Db) -> Result<u64, StoreError> {
    let detik = match db {
        Db::Sqlite(_) => 0,
        Db::Pg(_) => DETAK_MAKS_DETIK,
    };
    tandai_terputus(db, detik).await
}

/// The import whose data is in force (`None` before the first).
pub async fn berlaku(db: &Db) -> Result<Option<i64>, StoreError> {
    let r: Option<(i64,)> = with_pool!(db, p => sqlx::query_as("SELECT impor_id FROM paket WHERE id = 1")
        .fetch_optional(p).await?);
    Ok(r.map(|r| r.0))
}

/// What a kept import needs to run again.
pub struct Bahan {
    /// The uploaded file's name.
    pub nama_berkas: String,
    /// Rule set id.
    pub aturan_id: String,
    /// The package.
    pub isi: Arc<Vec<u8>>,
    /// The import in force when its preview was made.
    pub dasar: Option<i64>,
    /// Its status.
    pub status: String,
}

/// The kept package of an import, if it still has one.
pub async fn bahan(db: &Db, id: i64) -> Result<Option<Bahan>, StoreError> {
    let r: Option<(String, String, Option<Vec<u8>>, Option<i64>, String)> = with_pool!(db, p => sqlx::query_as(
        "SELECT nama_berkas, aturan_id, isi, dasar, status FROM impor WHERE id = $1 AND aturan_id <> 'asesmen'")
        .bind(id).fetch_optional(p).await?);
    Ok(r.and_then(|(nama_berkas, aturan_id, isi, dasar, status)| {
        isi.map(|isi| Bahan {
            nama_berkas,
            aturan_id,
            isi: Arc::new(isi),
            dasar,
            status,
        })
    }))
}

/// Takes a waiting import up again after its preview was confirmed: `menunggu` → `berjalan`.
/// Returns the base its preview was made on (`Ok(Some(dasar))`), `Ok(None)` when it is not
/// waiting (already confirmed, cancelled, or not an import), or the import running already.
#[allow(clippy::type_complexity)]
pub async fn konfirmasi(
    db: &Db,
    id: i64,
) -> Result<Result<Option<Option<i64>>, Berjalan>, StoreError> {
    tandai_terputus(db, DETAK_MAKS_DETIK).await?;
    let r: Result<Option<(Option<i64>,)>, sqlx::Error> = with_pool!(db, p => sqlx::query_as(
        "UPDATE impor SET status = 'berjalan', progres = 0, diperbarui = $1
         WHERE id = $2 AND status = 'menunggu' RETURNING dasar")
        .bind(now()).bind(id).fetch_optional(p).await);
    match r {
        Ok(r) => Ok(Ok(r.map(|d| d.0))),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            Ok(Err(berjalan(db).await?.unwrap_or_else(tidak_diketahui)))
        }
        Err(e) => Err(e.into()),
    }
}

/// Cancels an import that waits for its confirmation or is still running (its package is
/// dropped; a running one stops at its next heartbeat and writes nothing). Returns whether one
/// was cancelled.
pub async fn batalkan(db: &Db, id: i64, akun: Option<(i64, &str)>) -> Result<bool, StoreError> {
    let n = with_pool!(db, p => sqlx::query(
        "UPDATE impor SET status = 'dibatalkan', isi = NULL, selesai = $1
         WHERE id = $2 AND status IN ('menunggu', 'berjalan') AND aturan_id <> 'asesmen'")
        .bind(now()).bind(id).execute(p).await?.rows_affected());
    if n > 0 {
        crate::audit::tulis(
            db,
            akun.map(|a| a.0),
            akun.map(|a| a.1).unwrap_or("sistem"),
            "impor_batal",
            &id.to_string(),
            "",
        )
        .await?;
    }
    Ok(n > 0)
}

/// One import.
pub async fn satu(db: &Db, id: i64) -> Result<Option<Impor>, StoreError> {
    let q = format!("SELECT {KOLOM_IMPOR} FROM impor WHERE id = $1");
    Ok(
        with_pool!(db, p => sqlx::query_as::<_, Impor>(sqlx::AssertSqlSafe(q.clone()))
        .bind(id).fetch_optional(p).await?),
    )
}

/// The import history, newest first.
pub async fn riwayat(db: &Db, limit: i64) -> Result<Vec<Impor>, StoreError> {
    let q = format!("SELECT {KOLOM_IMPOR} FROM impor ORDER BY id DESC LIMIT $1");
    Ok(
        with_pool!(db, p => sqlx::query_as::<_, Impor>(sqlx::AssertSqlSafe(q.clone()))
        .bind(limit).fetch_all(p).await?),
    )
}

/// The problems found by an import.
pub async fn masalah(db: &Db, id: i64) -> Result<Vec<Masalah>, StoreError> {
    let (m,): (String,) = with_pool!(db, p => sqlx::query_as("SELECT masalah FROM impor WHERE id = $1")
        .bind(id).fetch_one(p).await?);
    serde_json::from_str(&m).map_err(|e| StoreError::Data(e.to_string()))
}

/// The setting `masalah_per_jenis` (default [`MASALAH_PER_JENIS`]).
pub async fn per_jenis(db: &Db) -> Result<usize, StoreError> {
    Ok(crate::pengaturan::get(db, "masalah_per_jenis")
        .await?
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(MASALAH_PER_JENIS))
}

/// Progress and heartbeat of a running import. Returns whether it is still running (`false`:
/// cancelled, or marked interrupted).
pub async fn set_progres(db: &Db, id: i64, pct: u8) -> Result<bool, StoreError> {
    let n = with_pool!(db, p => sqlx::query("UPDATE impor SET progres = $1, diperbarui = $2 WHERE id = $3 AND status = 'berjalan'")
        .bind(pct as i64).bind(now()).bind(id).execute(p).await?.rows_affected());
    Ok(n > 0)
}

/// The heartbeat while the import's write transaction runs (PostgreSQL): as [`set_progres`],
/// but it never waits for the import's row. The write transaction holds that row (`FOR
/// UPDATE`) until it ends, which already shows the import alive — no other server can mark a
/// locked row interrupted — so a locked row is skipped. Waiting for it instead would wait for
/// the very transaction the caller is running: a deadlock that no database detects, because
/// the transaction waits on the client, not on a lock.
pub async fn detak_tulis(db: &Db, id: i64, pct: u8) -> Result<(), StoreError> {
    with_pool!(db, p => sqlx::query("UPDATE impor SET progres = $1, diperbarui = $2 WHERE id =
            (SELECT id FROM impor WHERE id = $3 AND status = 'berjalan' FOR UPDATE SKIP LOCKED)")
        .bind(pct as i64).bind(now()).bind(id).execute(p).await?.rows_affected());
    Ok(())
}

/// Like [`set_progres`], with the stage's details in `ringkasan` (replaced when the import
/// ends).
pub async fn set_progres_rinci(
    db: &Db,
    id: i64,
    pct: u8,
    rinci: &serde_json::Value,
) -> Result<bool, StoreError> {
    let n = with_pool!(db, p => sqlx::query("UPDATE impor SET progres = $1, diperbarui = $2, ringkasan = $3 WHERE id = $4 AND status = 'berjalan'")
        .bind(pct as i64).bind(now()).bind(rinci.to_string()).bind(id).execute(p).await?.rows_affected());
    Ok(n > 0)
}

/// Ends an import outside the write transaction (refused, failed, or an assessment file).
/// Problems are capped (see [`batasi`]); a package import's bytes are dropped.
pub async fn finish(
    db: &Db,
    id: i64,
    status: &str,
    ringkasan: &serde_json::Value,
    masalah: &[Masalah],
) -> Result<(), StoreError> {
    let (kept, cut) = batasi(masalah, per_jenis(db).await?);
    let mut ringkasan = ringkasan.clone();
    if cut.as_array().is_some_and(|a| !a.is_empty())
        && let Some(o) = ringkasan.as_object_mut()
    {
        o.insert("masalah_dipotong".into(), cut);
    }
    let m = serde_json::to_string(&kept).expect("problems serialise");
    with_pool!(db, p => sqlx::query(
        "UPDATE impor SET status = $1, progres = 100, ringkasan = $2, masalah = $3, selesai = $4, isi = NULL WHERE id = $5")
        .bind(status).bind(ringkasan.to_string()).bind(m).bind(now()).bind(id).execute(p).await?.rows_affected());
    Ok(())
}

/// Rows per multi-row INSERT (well under both backends' limits on bound values).
const BATCH: usize = 400;

/// The import's side of the write: who, what, its capped problems, and what was agreed.
pub struct Penulisan<'a> {
    /// The import's id.
    pub id: i64,
    /// Who.
    pub akun: Option<(i64, &'a str)>,
    /// The uploaded file's name.
    pub nama_berkas: &'a str,
    /// The package's SHA-256 (hex).
    pub sha: String,
    /// The problems to keep (already capped), as JSON.
    pub masalah: String,
    /// The counts of the problems cut (see [`batasi`]).
    pub masalah_dipotong: serde_json::Value,
    /// Rows read per sheet (JSON object), for the summary.
    pub baris: serde_json::Value,
    /// Warnings found.
    pub peringatan: usize,
    /// Stored packages kept for a restore (setting `impor_simpan`).
    pub simpan_n: i64,
    /// What was agreed.
    pub izin: Izin,
}

/// The write: **one transaction** that reads the package in force, decides "the same package"
/// against it, computes what the snapshot would change, and either stores the snapshot or
/// stops at a preview ([`Status::Menunggu`]) when persons or units would leave and `w.izin`
/// does not cover it — writing the import's status, problems and audit entry in the same
/// transaction, so the history always names the data in force. An import cancelled meanwhile
/// ([`batalkan`]) writes nothing.
pub async fn simpan(
    db: &Db,
    w: &Penulisan<'_>,
    pr: &Snapshot,
    rules: &RuleSet,
    aturan_toml: &str,
) -> Result<Status, StoreError> {
    let id = w.id;
    let waktu = now();
    let who = w.akun.map(|a| a.1).unwrap_or("sistem");
    let akun_id = w.akun.map(|a| a.0);
    let status: Result<Status, StoreError> = with_tx!(db, tx => {
        // One writer at a time on PostgreSQL too (SQLite's BEGIN IMMEDIATE already is).
        if matches!(db, Db::Pg(_)) {
            sqlx::query("SELECT pg_advisory_xact_lock(7301)").execute(&mut *tx).await?;
        }
        // Still running? (A cancellation sets another status; on PostgreSQL the row is locked
        // until the end, so a cancellation that comes later finds it finished.)
        let sendiri: Option<(String,)> = if matches!(db, Db::Pg(_)) {
            sqlx::query_as("SELECT status FROM impor WHERE id = $1 FOR UPDATE").bind(id).fetch_optional(&mut *tx).await?
        } else {
            sqlx::query_as("SELECT status FROM impor WHERE id = $1").bind(id).fetch_optional(&mut *tx).await?
        };
        if sendiri.is_none_or(|s| s.0 != "berjalan") {
            return Ok(Status::Dibatalkan);
        }
        let dasar: Option<(i64,)> = sqlx::query_as("SELECT impor_id FROM paket WHERE id = 1")
            .fetch_optional(&mut *tx).await?;
        let dasar = dasar.map(|d| d.0);
        let stored: Option<(String,)> = sqlx::query_as("SELECT i.sha256 FROM paket k JOIN impor i ON i.id = k.impor_id")
            .fetch_optional(&mut *tx).await?;
        let rules_now: Option<(String,)> = sqlx::query_as("SELECT aturan_sha256 FROM tahun_hitung LIMIT 1")
            .fetch_optional(&mut *tx).await?;
        let same = stored.is_some_and(|s| s.0 == w.sha) && rules_now.is_some_and(|h| h.0 == rules.hash);
        let (status, ringkasan) = if same && w.izin != Izin::Periksa {
            (Status::Sama, json!({"sama": true, "berlaku": dasar}))
        } else {
            let old_pegawai: Vec<(String, String, String, String, String, String, String, String)> = sqlx::query_as(
                "SELECT nip, nama, unor_id, status, jenis_jabatan, jenjang_jabatan, nama_jabatan, golongan FROM pegawai ORDER BY nip")
                .fetch_all(&mut *tx).await?;
            let old_pegawai: Vec<snapshot::PegawaiBaris> = old_pegawai
                .into_iter()
                .map(|r| [r.0, r.1, r.2, r.3, r.4, r.5, r.6, r.7])
                .collect();
            let old_unor: Vec<(String, String)> = sqlx::query_as("SELECT unor_id, nama FROM unor ORDER BY path")
                .fetch_all(&mut *tx).await?;
            let mut r = serde_json::to_value(snapshot::perubahan(pr, &old_pegawai, &old_unor))
                .expect("changes serialise");
            r["baris"] = w.baris.clone();
            r["peringatan"] = json!(w.peringatan);
            r["aturan"] = json!(rules.id);
            r["aturan_sha256"] = json!(rules.hash);
            if same {
                r["sama"] = json!(true);
            }
            let leaves = r["pegawai"]["keluar"].as_u64() != Some(0) || r["unor"]["hapus"].as_u64() != Some(0);
            let status = match w.izin {
                Izin::Periksa => Status::Diperiksa,
                Izin::Semua => Status::Selesai,
                Izin::Belum if leaves => Status::Menunggu,
                Izin::Belum => Status::Selesai,
                Izin::Dikonfirmasi { dasar: d } if d == dasar => Status::Selesai,
                Izin::Dikonfirmasi { .. } => {
                    // The data changed since the preview: preview again on what is there now.
                    r["dasar_berubah"] = json!(true);
                    if leaves { Status::Menunggu } else { Status::Selesai }
                }
            };
            (status, r)
        };
        let mut ringkasan = ringkasan;
        if w.masalah_dipotong.as_array().is_some_and(|a| !a.is_empty()) {
            ringkasan["masalah_dipotong"] = w.masalah_dipotong.clone();
        }
        if status == Status::Selesai {
            for t in ["DELETE FROM hasil", "DELETE FROM penjelasan", "DELETE FROM ringkasan_unor", "DELETE FROM tahun_hitung", "DELETE FROM pegawai", "DELETE FROM unor"] {
                sqlx::query(t).execute(&mut *tx).await?;
            }
            for chunk in pr.unor.chunks(BATCH) {
                let mut q = sqlx::QueryBuilder::new(
                    "INSERT INTO unor (unor_id, nama, induk, path, kedalaman, instansi_id, nama_instansi, kode_wilayah) ");
                q.push_values(chunk, |mut b, u| {
                    b.push_bind(&u.id).push_bind(&u.nama).push_bind(&u.induk).push_bind(&u.path)
                        .push_bind(u.kedalaman).push_bind(&u.instansi_id).push_bind(&u.nama_instansi).push_bind(&u.kode_wilayah);
                });
                q.build().execute(&mut *tx).await?;
            }
            for chunk in pr.pegawai.chunks(BATCH) {
                let mut q = sqlx::QueryBuilder::new(
                    "INSERT INTO pegawai (nip, nama, unor_id, status, jenis_jabatan, jenjang_jabatan, nama_jabatan, golongan) ");
                q.push_values(chunk, |mut b, p| {
                    for v in p {
                        b.push_bind(v);
                    }
                });
                q.build().execute(&mut *tx).await?;
            }
            for chunk in pr.hasil.chunks(BATCH) {
                let mut q = sqlx::QueryBuilder::new(
                    "INSERT INTO hasil (tahun, nip, nama, unor_id, path, jenis_jabatan, jenjang_jabatan,
                     kualifikasi, kompetensi, kinerja, disiplin, ip, kategori, flags, predikat) ");
                q.push_values(chunk, |mut b, h| {
                    b.push_bind(h.tahun).push_bind(&h.nip).push_bind(&h.nama).push_bind(&h.unor_id).push_bind(&h.path)
                        .push_bind(h.jenis).push_bind(h.jenjang);
                    for v in h.poin {
                        b.push_bind(v);
                    }
                    b.push_bind(h.ip).push_bind(h.kategori).push_bind(&h.flags).push_bind(h.predikat);
                });
                q.build().execute(&mut *tx).await?;
                let mut q = sqlx::QueryBuilder::new("INSERT INTO penjelasan (tahun, nip, isi) ");
                q.push_values(chunk, |mut b, h| {
                    b.push_bind(h.tahun).push_bind(&h.nip)
                        .push_bind(crate::baca::isi_penjelasan(&h.penjelasan, &h.rekaman));
                });
                q.build().execute(&mut *tx).await?;
            }
            for chunk in pr.ringkasan.chunks(BATCH) {
                let mut q = sqlx::QueryBuilder::new(
                    "INSERT INTO ringkasan_unor (tahun, unor_id, path, kedalaman, pegawai, diukur, dalam_rerata, jumlah_ip,
                     jumlah_kualifikasi, jumlah_kompetensi, jumlah_kinerja, jumlah_disiplin, kategori, per_kategori,
                     sendiri_pegawai, sendiri_diukur, sendiri_dalam_rerata, sendiri_jumlah_ip) ");
                q.push_values(chunk, |mut b, r| {
                    let t = &r.total;
                    b.push_bind(r.tahun).push_bind(&r.unor_id).push_bind(&r.path).push_bind(r.kedalaman)
                        .push_bind(t.pegawai as i64).push_bind(t.diukur as i64).push_bind(t.dalam_rerata as i64)
                        .push_bind(t.jumlah_ip as i64);
                    for v in t.jumlah {
                        b.push_bind(v as i64);
                    }
                    b.push_bind(r.kategori)
                        .push_bind(serde_json::to_string(&t.per_kategori).expect("counts serialise"))
                        .push_bind(r.sendiri.pegawai as i64).push_bind(r.sendiri.diukur as i64)
                        .push_bind(r.sendiri.dalam_rerata as i64).push_bind(r.sendiri.jumlah_ip as i64);
                });
                q.build().execute(&mut *tx).await?;
            }
            for (tahun, acuan) in &pr.tahun {
                sqlx::query("INSERT INTO tahun_hitung (tahun, aturan_id, aturan_sha256, aturan_toml, tanggal_acuan, impor_id, dihitung)
                             VALUES ($1, $2, $3, $4, $5, $6, $7)")
                    .bind(tahun).bind(&rules.id).bind(&rules.hash).bind(aturan_toml).bind(acuan).bind(id).bind(&waktu)
                    .execute(&mut *tx).await?;
            }
            sqlx::query("DELETE FROM paket").execute(&mut *tx).await?;
            sqlx::query("INSERT INTO paket (id, impor_id, nama_berkas) VALUES (1, $1, $2)")
                .bind(id).bind(w.nama_berkas).execute(&mut *tx).await?;
        }
        // The import's own row and its audit entry, in the same transaction as the data.
        let keep_isi = matches!(status, Status::Selesai | Status::Menunggu);
        sqlx::query(
            "UPDATE impor SET status = $1, progres = 100, ringkasan = $2, masalah = $3, selesai = $4,
                 dasar = $5, isi = CASE WHEN $6 THEN isi ELSE NULL END WHERE id = $7")
            .bind(status.as_str()).bind(ringkasan.to_string()).bind(&w.masalah)
            .bind(if status == Status::Menunggu { None } else { Some(&waktu) })
            .bind(dasar).bind(keep_isi).bind(id)
            .execute(&mut *tx).await?;
        if status == Status::Selesai {
            // Stored packages are kept for a restore: the newest `impor_simpan` of them.
            sqlx::query(
                "UPDATE impor SET isi = NULL WHERE status = 'selesai' AND isi IS NOT NULL AND id NOT IN
                   (SELECT id FROM impor WHERE status = 'selesai' AND aturan_id <> 'asesmen'
                    ORDER BY id DESC LIMIT $1)")
                .bind(w.simpan_n).execute(&mut *tx).await?;
        }
        let mut rincian = ringkasan.clone();
        rincian["berkas"] = json!(w.nama_berkas);
        rincian["status"] = json!(status.as_str());
        if let Some(o) = rincian.as_object_mut() {
            o.remove("masalah_dipotong");
        }
        sqlx::query("INSERT INTO audit (waktu, akun_id, username, aksi, objek, rincian) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(&waktu).bind(akun_id).bind(crate::audit::potong(who, crate::audit::KOLOM_MAKS))
            .bind("impor").bind(id.to_string())
            .bind(crate::audit::potong(&rincian.to_string(), crate::audit::RINCIAN_MAKS))
            .execute(&mut *tx).await?;
        Ok::<_, StoreError>(status)
    });
    let status = status?;
    if status == Status::Selesai {
        // Fresh statistics for the query planners after a bulk replace (outside the
        // transaction; the data is stored either way).
        let _ = analyze(db).await;
    }
    Ok(status)
}

/// Fresh statistics for the query planners after a bulk replace.
pub async fn analyze(db: &Db) -> Result<(), StoreError> {
    with_pool!(db, p => sqlx::query("ANALYZE").execute(p).await?.rows_affected());
    Ok(())
}

/// Marks an import as failed (the store could not finish it); nothing was changed.
pub async fn gagal(db: &Db, id: i64, why: &str) -> Result<(), StoreError> {
    finish(db, id, "gagal", &json!({"galat": why}), &[]).await
}
