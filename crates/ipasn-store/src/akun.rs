//! Accounts, roles, sessions and login throttling.
//!
//! Passwords are stored as argon2id PHC strings. A session is a random token held by the browser
//! in a cookie; the database keeps only its SHA-256, the account and the session's CSRF token, so
//! any server process can serve any request. Failed logins are counted per username (not per
//! address: a whole office sits behind one NAT address) in a sliding window; the limits are
//! settings (`login_gagal_maks`, `login_jendela_menit`).

use crate::{Db, StoreError, format_time, now, pengaturan, with_pool};
use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use rand::RngCore;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The roles of the issue: what each may see is decided in the web layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Peran {
    /// Everything, everywhere.
    Admin,
    /// Import and analysis for a unit subtree.
    Analis,
    /// Dashboards of a subtree; no individual psychometric data.
    Pimpinan,
    /// Assessor (assessment issues).
    Asesor,
    /// Only their own page.
    Pegawai,
    /// Psychologist: administers psychometric instruments, reads raw profiles and releases a
    /// person's feedback, within a unit subtree.
    Psikolog,
}

impl Peran {
    /// Every role.
    pub const ALL: [Peran; 6] = [
        Peran::Admin,
        Peran::Analis,
        Peran::Pimpinan,
        Peran::Asesor,
        Peran::Pegawai,
        Peran::Psikolog,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Peran::Admin => "admin",
            Peran::Analis => "analis",
            Peran::Pimpinan => "pimpinan",
            Peran::Asesor => "asesor",
            Peran::Pegawai => "pegawai",
            Peran::Psikolog => "psikolog",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Peran> {
        Peran::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// An account.
#[derive(Clone, Debug, Serialize)]
pub struct Akun {
    /// Id.
    pub id: i64,
    /// Login name.
    pub username: String,
    /// Display name.
    pub nama: String,
    /// Role.
    pub peran: Peran,
    /// The root of the subtree an analis or pimpinan works on (`None`: everything).
    pub unor_id: Option<String>,
    /// The NIP of a pegawai account.
    pub nip: Option<String>,
    /// A pimpinan granted the detail of assessment results.
    pub lihat_detail: bool,
}

type AkunRow = (
    i64,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    i64,
);

fn akun_of(r: AkunRow) -> Result<Akun, StoreError> {
    Ok(Akun {
        id: r.0,
        username: r.1,
        nama: r.2,
        peran: Peran::parse(&r.3).ok_or_else(|| StoreError::Data(format!("role {:?}", r.3)))?,
        unor_id: r.4,
        nip: r.5,
        lihat_detail: r.6 != 0,
    })
}

/// A new account's fields.
#[derive(Clone, Debug)]
pub struct AkunBaru<'a> {
    /// Login name (unique).
    pub username: &'a str,
    /// Display name.
    pub nama: &'a str,
    /// Password in clear (hashed here).
    pub password: &'a str,
    /// Role.
    pub peran: Peran,
    /// Subtree root for analis and pimpinan.
    pub unor_id: Option<&'a str>,
    /// NIP for a pegawai.
    pub nip: Option<&'a str>,
    /// Grant a pimpinan the detail of assessment results.
    pub lihat_detail: bool,
}

/// Hashes a password with argon2id and a random salt.
pub fn hash_password(password: &str) -> String {
    Argon2::default()
        .hash_password(password.as_bytes())
        .expect("argon2 with default parameters hashes any password")
        .to_string()
}

/// Whether `password` matches the PHC string `hash`.
pub fn verify_password(password: &str, hash: &str) -> bool {
    Argon2::default()
        .verify_password(password.as_bytes(), hash)
        .is_ok()
}

/// Creates an account, or replaces the password, role and scope of an existing one with the
/// same username. Returns the id.
pub async fn simpan(db: &Db, a: &AkunBaru<'_>) -> Result<i64, StoreError> {
    let hash = hash_password(a.password);
    let (id,): (i64,) = with_pool!(db, p => sqlx::query_as(
        "INSERT INTO akun (username, nama, password_hash, peran, unor_id, nip, dibuat, lihat_detail)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (username) DO UPDATE SET nama = excluded.nama, password_hash = excluded.password_hash,
             peran = excluded.peran, unor_id = excluded.unor_id, nip = excluded.nip, aktif = 1,
             lihat_detail = excluded.lihat_detail
         RETURNING id")
        .bind(a.username).bind(a.nama).bind(hash).bind(a.peran.as_str()).bind(a.unor_id).bind(a.nip).bind(now()).bind(a.lihat_detail as i64)
        .fetch_one(p).await?);
    // A new password, role or scope takes effect at once: the account's open sessions end.
    with_pool!(db, p => sqlx::query("DELETE FROM sesi WHERE akun_id = $1")
        .bind(id).execute(p).await?.rows_affected());
    Ok(id)
}

/// Deactivates an account: it can no longer log in and its open sessions end. Saving the
/// account again (a new password) reactivates it. Returns whether an active account was found.
pub async fn nonaktifkan(db: &Db, username: &str) -> Result<bool, StoreError> {
    let r: Option<(i64,)> = with_pool!(db, p => sqlx::query_as(
        "UPDATE akun SET aktif = 0 WHERE username = $1 AND aktif = 1 RETURNING id")
        .bind(username).fetch_optional(p).await?);
    if let Some((id,)) = r {
        with_pool!(db, p => sqlx::query("DELETE FROM sesi WHERE akun_id = $1")
            .bind(id).execute(p).await?.rows_affected());
    }
    Ok(r.is_some())
}

/// All accounts, by username.
pub async fn daftar(db: &Db) -> Result<Vec<Akun>, StoreError> {
    let rows: Vec<AkunRow> = with_pool!(db, p => sqlx::query_as(
        "SELECT id, username, nama, peran, unor_id, nip, lihat_detail FROM akun WHERE aktif = 1 ORDER BY username")
        .fetch_all(p).await?);
    rows.into_iter().map(akun_of).collect()
}

/// The outcome of a login attempt.
#[derive(Debug)]
pub enum Masuk {
    /// Right password: the account.
    Berhasil(Akun),
    /// Wrong username or password (the two are not told apart).
    Gagal,
    /// Too many failures for this username; try again after this many seconds.
    Terkunci(i64),
    /// Too many passwords are being checked at this moment; try again shortly.
    Sibuk,
}

/// A hash that no password matches, verified for unknown usernames so that their answer takes
/// as long as a known one's.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$0X7cW1LpwGzzJYx0nTBjcB0T5W0rXeVEs6aVwc1wZ4M";

/// The longest username and password a login considers (longer ones fail at once, before any
/// row is written or any hash computed).
pub const USERNAME_MAKS: usize = 64;
/// See [`USERNAME_MAKS`].
pub const PASSWORD_MAKS: usize = 256;

/// Password checks running at once in this process. Each argon2id check holds about 19 MiB, so
/// 200 parallel anonymous logins would otherwise hold ~4 GB; beyond this bound a login waits
/// up to [`VERIFIKASI_TUNGGU`] for a turn, then answers [`Masuk::Sibuk`].
static VERIFIKASI: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(VERIFIKASI_THREADS);
/// See [`VERIFIKASI`].
const VERIFIKASI_TUNGGU: std::time::Duration = std::time::Duration::from_secs(3);

/// How many password checks may run at once in this process (see [`VERIFIKASI`]).
const VERIFIKASI_THREADS: usize = 4;

/// Checks a login, throttled per username (limits from the settings `login_gagal_maks` and
/// `login_jendela_menit`).
///
/// The attempt is written as a row *before* the password is checked and the window is counted
/// after, so parallel attempts see each other: of any number of simultaneous attempts at most
/// `login_gagal_maks` reach the password check (the last to be written sees all the others). A
/// success removes only its own row; failures made in the same window stay counted. An attempt
/// refused because the account is locked removes its row, so waiting out the window works.
pub async fn masuk(db: &Db, username: &str, password: &str) -> Result<Masuk, StoreError> {
    if username.is_empty() || username.len() > USERNAME_MAKS || password.len() > PASSWORD_MAKS {
        return Ok(Masuk::Gagal);
    }
    let token = match coba(db, username).await? {
        Coba::Boleh(t) => t,
        Coba::Terkunci(wait) => return Ok(Masuk::Terkunci(wait)),
    };
    let hapus_sendiri = || lepas(db, username, &token);
    let row: Option<(
        i64,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        String,
        i64,
    )> = with_pool!(db, p => sqlx::query_as(
        "SELECT id, username, nama, peran, unor_id, nip, password_hash, lihat_detail FROM akun WHERE username = $1 AND aktif = 1")
        .bind(username).fetch_optional(p).await?);
    let hash = row
        .as_ref()
        .map(|r| r.6.clone())
        .unwrap_or_else(|| DUMMY_HASH.to_string());
    let Ok(Ok(giliran)) = tokio::time::timeout(VERIFIKASI_TUNGGU, VERIFIKASI.acquire()).await
    else {
        // Not checked: not counted either.
        hapus_sendiri().await?;
        return Ok(Masuk::Sibuk);
    };
    let pw = password.to_string();
    let ok = tokio::task::spawn_blocking(move || verify_password(&pw, &hash))
        .await
        .unwrap_or(false);
    drop(giliran);
    match row {
        Some(r) if ok => {
            hapus_sendiri().await?;
            Ok(Masuk::Berhasil(akun_of((
                r.0, r.1, r.2, r.3, r.4, r.5, r.7,
            ))?))
        }
        _ => Ok(Masuk::Gagal),
    }
}

/// An attempt under the login limit: allowed (its row's token, to [`lepas`] on success) or
/// refused for this many seconds.
#[derive(Debug)]
pub enum Coba {
    /// Go on; the attempt counts until [`lepas`] removes it.
    Boleh(String),
    /// Too many failures for this key; seconds to wait.
    Terkunci(i64),
}

/// Counts an attempt of `kunci` (a username, or `ujian:<nip>` for a test token) against the
/// limit of the settings `login_gagal_maks` and `login_jendela_menit`.
///
/// The attempt is written as a row *before* the window is counted, so parallel attempts see
/// each other: of any number of simultaneous attempts at most `login_gagal_maks` go on (the last
/// to be written sees all the others). A refused attempt removes its row, so waiting out the
/// window works.
pub async fn coba(db: &Db, kunci: &str) -> Result<Coba, StoreError> {
    let maks: i64 = setting_i64(db, "login_gagal_maks", 5).await?.max(1);
    coba_batas(db, kunci, maks).await
}

/// [`coba`] with another limit of attempts in the window (a test token, whose 60 random bits
/// need no tight limit: a tight one would let anyone who knows a NIP lock its taker out).
pub async fn coba_batas(db: &Db, kunci: &str, maks: i64) -> Result<Coba, StoreError> {
    let maks = maks.max(1);
    let menit: i64 = setting_i64(db, "login_jendela_menit", 15).await?;
    let token = random_hex(16);
    with_pool!(db, p => sqlx::query("INSERT INTO login_gagal (username, waktu, token) VALUES ($1, $2, $3)")
        .bind(kunci).bind(now()).bind(&token).execute(p).await?.rows_affected());
    let sejak = shifted(-menit * 60);
    let percobaan: Vec<(String,)> = with_pool!(db, p => sqlx::query_as(
        "SELECT waktu FROM login_gagal WHERE username = $1 AND waktu > $2 ORDER BY waktu")
        .bind(kunci).bind(&sejak).fetch_all(p).await?);
    // Rows past the window are of no use any more.
    with_pool!(db, p => sqlx::query("DELETE FROM login_gagal WHERE username = $1 AND waktu <= $2")
        .bind(kunci).bind(&sejak).execute(p).await?.rows_affected());
    if percobaan.len() as i64 > maks {
        lepas(db, kunci, &token).await?;
        let n = percobaan.len();
        let oldest = &percobaan[n.saturating_sub(maks as usize + 1)].0;
        return Ok(Coba::Terkunci(seconds_until(oldest, menit * 60).max(1)));
    }
    Ok(Coba::Boleh(token))
}

/// Forgets every counted attempt of a key (a proctor unlocking a taker's sign-in).
pub async fn lupakan(db: &Db, kunci: &str) -> Result<(), StoreError> {
    with_pool!(db, p => sqlx::query("DELETE FROM login_gagal WHERE username = $1")
        .bind(kunci).execute(p).await?.rows_affected());
    Ok(())
}

/// Removes an attempt's row (a success, or an attempt not checked).
pub async fn lepas(db: &Db, kunci: &str, token: &str) -> Result<(), StoreError> {
    with_pool!(db, p => sqlx::query("DELETE FROM login_gagal WHERE username = $1 AND token = $2")
        .bind(kunci).bind(token).execute(p).await?.rows_affected());
    Ok(())
}

async fn setting_i64(db: &Db, key: &str, default: i64) -> Result<i64, StoreError> {
    Ok(pengaturan::get(db, key)
        .await?
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default))
}

/// Now shifted by `secs` seconds, in the format of [`now`].
fn shifted(secs: i64) -> String {
    let t = time::OffsetDateTime::now_utc() + time::Duration::seconds(secs);
    format_time(t)
}

fn parse_time(s: &str) -> Option<time::OffsetDateTime> {
    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).ok()
}

fn seconds_until(start: &str, after: i64) -> i64 {
    match parse_time(start) {
        Some(t) => {
            (t + time::Duration::seconds(after) - time::OffsetDateTime::now_utc()).whole_seconds()
        }
        None => after,
    }
}

fn random_hex(n: usize) -> String {
    let mut b = vec![0u8; n];
    rand::rng().fill_bytes(&mut b);
    hex::encode(b)
}

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A logged-in session.
#[derive(Clone, Debug)]
pub struct Sesi {
    /// The account.
    pub akun: Akun,
    /// The session's CSRF token, required on every state-changing request.
    pub csrf: String,
}

/// Starts a session; returns the token for the cookie.
pub async fn sesi_baru(db: &Db, akun_id: i64) -> Result<String, StoreError> {
    let jam = setting_i64(db, "sesi_jam", 12).await?;
    let token = random_hex(32);
    with_pool!(db, p => sqlx::query(
        "INSERT INTO sesi (token_hash, akun_id, csrf, dibuat, kedaluwarsa) VALUES ($1, $2, $3, $4, $5)")
        .bind(token_hash(&token)).bind(akun_id).bind(random_hex(32)).bind(now()).bind(shifted(jam * 3600))
        .execute(p).await?.rows_affected());
    Ok(token)
}

/// The live session of a token, if any.
pub async fn sesi(db: &Db, token: &str) -> Result<Option<Sesi>, StoreError> {
    let row: Option<(
        i64,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        String,
        i64,
    )> = with_pool!(db, p => sqlx::query_as(
        "SELECT a.id, a.username, a.nama, a.peran, a.unor_id, a.nip, s.csrf, a.lihat_detail
         FROM sesi s JOIN akun a ON a.id = s.akun_id
         WHERE s.token_hash = $1 AND s.kedaluwarsa > $2 AND a.aktif = 1")
        .bind(token_hash(token)).bind(now()).fetch_optional(p).await?);
    row.map(|r| {
        Ok(Sesi {
            csrf: r.6.clone(),
            akun: akun_of((r.0, r.1, r.2, r.3, r.4, r.5, r.7))?,
        })
    })
    .transpose()
}

/// Ends a session (and clears expired ones).
pub async fn keluar(db: &Db, token: &str) -> Result<(), StoreError> {
    with_pool!(db, p => sqlx::query("DELETE FROM sesi WHERE token_hash = $1 OR kedaluwarsa <= $2")
        .bind(token_hash(token)).bind(now()).execute(p).await?.rows_affected());
    Ok(())
}

/// A random password for generated accounts (demo logins): 16 characters without look-alikes.
pub fn password_acak() -> String {
    const A: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..16)
        .map(|_| A[(rng.next_u32() as usize) % A.len()] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_hash_round_trip() {
        let h = hash_password("rahasia-123");
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("rahasia-123", &h));
        assert!(!verify_password("rahasia-124", &h));
        assert!(!verify_password("rahasia-123", DUMMY_HASH));
    }

    #[test]
    fn time_round_trip() {
        let t = now();
        assert!(parse_time(&t).is_some(), "{t}");
        assert!(seconds_until(&t, 60) <= 60 && seconds_until(&t, 60) > 50);
    }
}
