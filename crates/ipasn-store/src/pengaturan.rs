//! Settings stored as data: the IP target (per year, falling back to the default) and the
//! small-group threshold. Defaults come from the spec through the first migration.

use crate::{Db, StoreError, with_pool};
use std::collections::HashMap;

/// Reads a setting.
pub async fn get(db: &Db, kunci: &str) -> Result<Option<String>, StoreError> {
    let v: Option<(String,)> = with_pool!(db, p => sqlx::query_as("SELECT nilai FROM pengaturan WHERE kunci = $1")
        .bind(kunci).fetch_optional(p).await?);
    Ok(v.map(|v| v.0))
}

/// Writes a setting.
pub async fn set(db: &Db, kunci: &str, nilai: &str) -> Result<(), StoreError> {
    with_pool!(db, p => sqlx::query(
        "INSERT INTO pengaturan (kunci, nilai) VALUES ($1, $2) ON CONFLICT (kunci) DO UPDATE SET nilai = excluded.nilai")
        .bind(kunci).bind(nilai).execute(p).await?.rows_affected());
    Ok(())
}

/// The IP target for a year: `target.YEAR` if set, else `target` (80 by default).
pub async fn target(db: &Db, tahun: i64) -> Result<f64, StoreError> {
    let v = match get(db, &format!("target.{tahun}")).await? {
        Some(v) => v,
        None => get(db, "target").await?.unwrap_or_else(|| "80".into()),
    };
    v.trim()
        .parse()
        .map_err(|_| StoreError::Data(format!("target {v:?} is not a number")))
}

/// Aggregates over fewer persons than this are suppressed on shared dashboards (5 by default).
pub async fn kelompok_kecil(db: &Db) -> Result<i64, StoreError> {
    let v = get(db, "kelompok_kecil")
        .await?
        .unwrap_or_else(|| "5".into());
    v.trim()
        .parse()
        .map_err(|_| StoreError::Data(format!("kelompok_kecil {v:?} is not a number")))
}

/// Every setting, in one query (pages that need several read them from this).
#[derive(Clone, Debug, Default)]
pub struct Semua(pub HashMap<String, String>);

/// Reads every setting.
pub async fn semua(db: &Db) -> Result<Semua, StoreError> {
    let rows: Vec<(String, String)> = with_pool!(db, p => sqlx::query_as("SELECT kunci, nilai FROM pengaturan").fetch_all(p).await?);
    Ok(Semua(rows.into_iter().collect()))
}

impl Semua {
    fn number<T: std::str::FromStr>(&self, key: &str, default: &str) -> Result<T, StoreError> {
        let v = self.0.get(key).map(String::as_str).unwrap_or(default);
        v.trim()
            .parse()
            .map_err(|_| StoreError::Data(format!("{key} {v:?} is not a number")))
    }

    /// The IP target for a year (see [`target`]).
    pub fn target(&self, tahun: i64) -> Result<f64, StoreError> {
        let key = format!("target.{tahun}");
        if self.0.contains_key(&key) {
            return self.number(&key, "80");
        }
        self.number("target", "80")
    }

    /// The small-group threshold (see [`kelompok_kecil`]).
    pub fn kelompok_kecil(&self) -> Result<i64, StoreError> {
        self.number("kelompok_kecil", "5")
    }
}
