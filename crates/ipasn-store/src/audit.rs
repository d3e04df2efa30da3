//! The audit log: every change of data and every view of a person's page, with who and when.

use crate::{Db, StoreError, now, with_pool};
use serde::Serialize;

/// One audit entry.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Entri {
    /// Sequence number.
    pub id: i64,
    /// When (UTC).
    pub waktu: String,
    /// Account id, if a logged-in account acted.
    pub akun_id: Option<i64>,
    /// Username as it was at the time.
    pub username: String,
    /// What was done, e.g. `lihat_pegawai`, `impor`, `login_gagal`.
    pub aksi: String,
    /// On what, e.g. a NIP or an import id.
    pub objek: String,
    /// Details (JSON or text).
    pub rincian: String,
}

/// Writes an entry.
pub async fn tulis(
    db: &Db,
    akun_id: Option<i64>,
    username: &str,
    aksi: &str,
    objek: &str,
    rincian: &str,
) -> Result<(), StoreError> {
    with_pool!(db, p => sqlx::query(
        "INSERT INTO audit (waktu, akun_id, username, aksi, objek, rincian) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(now()).bind(akun_id).bind(username).bind(aksi).bind(objek).bind(rincian)
        .execute(p).await?.rows_affected());
    Ok(())
}

/// A filter on the log; empty fields match everything.
#[derive(Clone, Debug, Default)]
pub struct Saring {
    /// Exact username.
    pub username: String,
    /// Exact action.
    pub aksi: String,
    /// Exact object (e.g. a NIP).
    pub objek: String,
}

/// The newest entries matching the filter, newest first.
pub async fn daftar(db: &Db, s: &Saring, limit: i64) -> Result<Vec<Entri>, StoreError> {
    let rows = with_pool!(db, p => sqlx::query_as::<_, Entri>(
        "SELECT id, waktu, akun_id, username, aksi, objek, rincian FROM audit
         WHERE ($1 = '' OR username = $1) AND ($2 = '' OR aksi = $2) AND ($3 = '' OR objek = $3)
         ORDER BY id DESC LIMIT $4")
        .bind(&s.username).bind(&s.aksi).bind(&s.objek).bind(limit)
        .fetch_all(p).await?);
    Ok(rows)
}
