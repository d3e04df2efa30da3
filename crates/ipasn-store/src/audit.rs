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

/// The longest username or object an entry keeps, in characters (longer ones are cut and
/// marked with `…`): the log takes input from anonymous requests and must not grow with it.
pub const KOLOM_MAKS: usize = 200;
/// The longest detail an entry keeps, in characters.
pub const RINCIAN_MAKS: usize = 16_384;

/// `s` cut to at most `max` characters, marked with `…` when cut.
pub fn potong(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(max) {
        None => s.into(),
        Some((i, _)) => format!("{}…", &s[..i]).into(),
    }
}

/// Writes an entry; over-long fields are cut (see [`KOLOM_MAKS`], [`RINCIAN_MAKS`]).
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
        .bind(now()).bind(akun_id).bind(potong(username, KOLOM_MAKS)).bind(aksi)
        .bind(potong(objek, KOLOM_MAKS)).bind(potong(rincian, RINCIAN_MAKS))
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
    /// From this time on (UTC, as stored: `2026-12-05T17:00:00.000000Z`), inclusive.
    pub dari: String,
    /// Before this time (UTC, as stored), exclusive.
    pub sampai: String,
}

/// The newest entries matching the filter, newest first.
pub async fn daftar(db: &Db, s: &Saring, limit: i64) -> Result<Vec<Entri>, StoreError> {
    let rows = with_pool!(db, p => sqlx::query_as::<_, Entri>(
        "SELECT id, waktu, akun_id, username, aksi, objek, rincian FROM audit
         WHERE ($1 = '' OR username = $1) AND ($2 = '' OR aksi = $2) AND ($3 = '' OR objek = $3)
           AND ($5 = '' OR waktu >= $5) AND ($6 = '' OR waktu < $6)
         ORDER BY id DESC LIMIT $4")
        .bind(&s.username).bind(&s.aksi).bind(&s.objek).bind(limit).bind(&s.dari).bind(&s.sampai)
        .fetch_all(p).await?);
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn potong_cuts_at_characters() {
        assert_eq!(potong("abc", 3), "abc");
        assert_eq!(potong("abcd", 3), "abc…");
        assert_eq!(potong("ééé", 2), "éé…");
        assert_eq!(potong("", 0), "");
    }
}
