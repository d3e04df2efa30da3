//! The database handle: one enum over the two backends, and a dispatch macro so that every
//! query is written once.

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::str::FromStr;
use std::time::Duration;

/// A pool on SQLite or PostgreSQL.
#[derive(Clone, Debug)]
pub enum Db {
    /// Embedded SQLite file.
    Sqlite(SqlitePool),
    /// PostgreSQL server.
    Pg(PgPool),
}

/// Runs `$body` with `$p` bound to the pool of whichever backend `$db` is.
#[macro_export]
#[doc(hidden)]
macro_rules! with_pool {
    ($db:expr, $p:ident => $body:expr) => {
        match $db {
            $crate::Db::Sqlite($p) => $body,
            $crate::Db::Pg($p) => $body,
        }
    };
}

/// Runs `$body` inside a write transaction `$tx` on whichever backend `$db` is, committing when
/// the body returns `Ok`. On SQLite the transaction starts with `BEGIN IMMEDIATE`, so that a
/// concurrent writer waits for the busy timeout instead of failing.
#[macro_export]
#[doc(hidden)]
macro_rules! with_tx {
    ($db:expr, $tx:ident => $body:expr) => {
        match $db {
            $crate::Db::Sqlite(p) => {
                let mut $tx = p.begin_with("BEGIN IMMEDIATE").await?;
                let r = $body;
                if r.is_ok() {
                    $tx.commit().await?;
                }
                r
            }
            $crate::Db::Pg(p) => {
                let mut $tx = p.begin().await?;
                let r = $body;
                if r.is_ok() {
                    $tx.commit().await?;
                }
                r
            }
        }
    };
}

/// Errors of the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database refused or failed.
    #[error("database: {0}")]
    Sql(#[from] sqlx::Error),
    /// A migration failed.
    #[error("database schema: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The URL is not one we can open.
    #[error("{0}")]
    Url(String),
    /// Stored data that does not decode (written by a different version).
    #[error("stored data: {0}")]
    Data(String),
}

impl Db {
    /// Opens (creating if needed) the database at `url` and brings its schema up to date.
    /// `postgres://…` or `postgresql://…` is PostgreSQL; `sqlite://FILE`, `sqlite:FILE` or a plain
    /// path is an SQLite file.
    pub async fn open(url: &str) -> Result<Db, StoreError> {
        let db = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let opts =
                PgConnectOptions::from_str(url).map_err(|e| StoreError::Url(e.to_string()))?;
            let pool = PgPoolOptions::new()
                .max_connections(32)
                .acquire_timeout(Duration::from_secs(30))
                .connect_with(opts)
                .await?;
            Db::Pg(pool)
        } else {
            let path = url
                .strip_prefix("sqlite://")
                .or_else(|| url.strip_prefix("sqlite:"))
                .unwrap_or(url);
            let opts = SqliteConnectOptions::new()
                .filename(path)
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(30))
                .foreign_keys(true)
                .pragma("cache_size", "-65536");
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .acquire_timeout(Duration::from_secs(30))
                .connect_with(opts)
                .await?;
            Db::Sqlite(pool)
        };
        db.migrate().await?;
        Ok(db)
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        match self {
            Db::Sqlite(p) => sqlx::migrate!("./migrations/sqlite").run(p).await?,
            Db::Pg(p) => sqlx::migrate!("./migrations/postgres").run(p).await?,
        }
        Ok(())
    }

    /// Whether the database answers and its schema is the one this build expects (every
    /// migration applied, none unknown): `Err` says what is wrong.
    pub async fn siap(&self) -> Result<(), String> {
        let (migrator, applied) = match self {
            Db::Sqlite(p) => (
                sqlx::migrate!("./migrations/sqlite"),
                sqlx::query_scalar::<_, i64>(
                    "SELECT version FROM _sqlx_migrations WHERE success ORDER BY version",
                )
                .fetch_all(p)
                .await,
            ),
            Db::Pg(p) => (
                sqlx::migrate!("./migrations/postgres"),
                sqlx::query_scalar::<_, i64>(
                    "SELECT version FROM _sqlx_migrations WHERE success ORDER BY version",
                )
                .fetch_all(p)
                .await,
            ),
        };
        let applied = applied.map_err(|e| format!("database: {e}"))?;
        let expected: Vec<i64> = migrator.iter().map(|m| m.version).collect();
        if applied != expected {
            return Err(format!(
                "schema: applied migrations {applied:?}, this build expects {expected:?}"
            ));
        }
        Ok(())
    }

    /// `"sqlite"` or `"postgres"`.
    pub fn backend(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Pg(_) => "postgres",
        }
    }

    /// Closes the pool.
    pub async fn close(&self) {
        with_pool!(self, p => p.close().await)
    }
}

/// The current time as ISO-8601 UTC text with microseconds (sorts as text).
pub fn now() -> String {
    format_time(time::OffsetDateTime::now_utc())
}

/// A time as the store writes it: ISO-8601 UTC with microseconds.
pub fn format_time(t: time::OffsetDateTime) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z",
        t.year(),
        t.month() as u8,
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.microsecond()
    )
}

/// The exclusive upper bound of a materialised path's subtree: paths `p` with
/// `path <= p < subtree_end(path)` are the unit and its descendants. Paths end in `.`, and `/`
/// is the next byte. The empty path (everything) ends at `:`, after every digit.
pub fn subtree_end(path: &str) -> String {
    if path.is_empty() {
        return ":".into();
    }
    let mut s = path.strip_suffix('.').unwrap_or(path).to_string();
    s.push('/');
    s
}

#[cfg(test)]
mod tests {
    use super::subtree_end;

    #[test]
    fn subtree_bounds() {
        let inside = |root: &str, p: &str| p >= root && p < subtree_end(root).as_str();
        assert!(inside("00001.", "00001."));
        assert!(inside("00001.", "00001.00004.00017."));
        assert!(!inside("00001.", "00002."));
        assert!(!inside("00001.00004.", "00001.00040."));
        assert!(inside("", "99999.00001."));
        assert!(inside("", "00001."));
    }
}
