//! The audit log (admins): view model, page and API, filtered by who, what, on what and a range
//! of dates in the instansi's time zone; actions shown in words (the stored action code beside
//! them). Downloads as CSV/XLSX are in `unduh`.

use crate::App;
use crate::auth::Pengguna;
use crate::galat::Galat;
use crate::tampilan::{Nav, Zona, render_status};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use ipasn_store::audit;
use serde_json::{Value, json};

/// The audit log's routes.
pub fn routes() -> Router<App> {
    Router::new()
        .route("/audit", get(audit_page))
        .route("/api/audit", get(audit_log))
}

/// The audit log's filter.
#[derive(Clone, Debug, Default, serde::Deserialize, serde::Serialize)]
pub struct AuditQ {
    /// Exact username.
    #[serde(default)]
    pub username: String,
    /// Exact action.
    #[serde(default)]
    pub aksi: String,
    /// Exact object.
    #[serde(default)]
    pub objek: String,
    /// From this date (`YYYY-MM-DD`, in the instansi's time zone), inclusive.
    #[serde(default)]
    pub dari: String,
    /// Up to this date (`YYYY-MM-DD`, in the instansi's time zone), inclusive.
    #[serde(default)]
    pub sampai: String,
}

/// The start of a local date in UTC, as the store writes times; `days` later for an end.
fn awal_hari(tanggal: &str, zona: Zona, days: i64) -> Option<String> {
    let d = ipasn_core::Tanggal::parse_iso(tanggal.trim())?;
    let month = time::Month::try_from(d.month() as u8).ok()?;
    let date = time::Date::from_calendar_date(d.year(), month, d.day() as u8).ok()?;
    let local = date
        .midnight()
        .assume_offset(time::UtcOffset::from_hms(zona.selisih_jam(), 0, 0).ok()?)
        + time::Duration::days(days);
    Some(ipasn_store::format_time(
        local.to_offset(time::UtcOffset::UTC),
    ))
}

impl AuditQ {
    /// As the store's filter, the dates turned into UTC bounds in `zona`; `Err` with the
    /// catalogue key when a date is not one.
    pub fn saring(&self, zona: Zona) -> Result<audit::Saring, &'static str> {
        let bound = |s: &str, days| -> Result<String, &'static str> {
            if s.trim().is_empty() {
                Ok(String::new())
            } else {
                awal_hari(s, zona, days).ok_or("tanggal_tak_valid")
            }
        };
        Ok(audit::Saring {
            username: self.username.trim().to_string(),
            aksi: self.aksi.trim().to_string(),
            objek: self.objek.trim().to_string(),
            dari: bound(&self.dari, 0)?,
            sampai: bound(&self.sampai, 1)?,
        })
    }

    /// The filter as a query string (for the download links).
    pub fn query(&self) -> String {
        serde_urlencoded::to_string(self).unwrap_or_default()
    }
}

/// The audit log, filtered (admins only); at most `limit` entries, newest first.
pub async fn audit(
    app: &App,
    user: &Pengguna,
    q: &AuditQ,
    limit: i64,
) -> Result<Vec<audit::Entri>, Galat> {
    if !user.admin() {
        return Err(user.terlarang());
    }
    let s = q
        .saring(user.zona)
        .map_err(|k| user.permintaan(crate::teks::Pesan::new(k)))?;
    Ok(audit::daftar(&app.db, &s, limit).await?)
}

/// The actions the application writes (for the filter's suggestions); each has its words
/// in the catalogue as `aksi:<code>`.
pub const AKSI: &[&str] = &[
    "masuk",
    "masuk_gagal",
    "masuk_terkunci",
    "keluar",
    "lihat_pegawai",
    "lihat_pegawai_ditolak",
    "lihat_asesmen",
    "lihat_asesmen_ditolak",
    "lihat_talenta",
    "lihat_rencana_unit",
    "lihat_rencana_individu",
    "draf_rencana_individu",
    "setuju_rencana_individu",
    "selesai_aksi_rencana",
    "ganti_katalog_rencana",
    "ganti_aturan_rencana",
    "buat_program",
    "daftar_program",
    "hadir_program",
    "selesai_program",
    "lihat_sesi_coaching",
    "tambah_sesi_coaching",
    "unduh_diklat_program",
    "lihat_tindak_lanjut",
    "unduh_pegawai",
    "impor",
    "impor_konfirmasi",
    "impor_batal",
    "impor_pulihkan",
    "impor_asesmen",
    "impor_standar",
    "impor_kamus",
    "ubah_standar",
    "aturan_asesmen",
    "akun_simpan",
    "akun_nonaktif",
    "pengaturan",
    "peta_batas",
    "kalibrasi",
    "acara_buat",
    "nilai_simpan",
    "nilai_kunci",
    "konsensus",
    "asesmen_final",
    "unggah_instrumen",
    "skor_instrumen",
    "norma_instrumen",
    "lihat_hasil_instrumen",
    "lihat_instrumen",
    "lihat_instrumen_ditolak",
    "lihat_instrumen_saya",
    "rilis_instrumen",
    "rilis_instrumen_ditolak",
    "unduh_instrumen",
    "unduh_instrumen_ditolak",
    "potensi_instrumen",
    "peta_potensi",
    "buat_sesi_ujian",
    "kartu_ujian",
    "pengawas_ujian",
    "awasi_ujian",
    "jeda_ujian",
    "lanjut_ujian",
    "tambah_ujian",
    "lihat_hasil_ujian",
    "masuk_ujian",
    "masuk_ujian_gagal",
    "masuk_ujian_terkunci",
    "lihat_sesi_ujian",
    "cabut_ujian",
    "buka_kunci_ujian",
];

/// Entries the page shows.
pub const HALAMAN_MAKS: i64 = 500;

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    nav: Nav,
    s: AuditQ,
    query: String,
    entri: Vec<audit::Entri>,
    galat: String,
    nama: NamaAkun,
}

/// The accounts' names by username: the log keeps the username as it was, pages show who.
#[derive(Default)]
pub struct NamaAkun(std::collections::HashMap<String, String>);

impl NamaAkun {
    /// Every account's name.
    pub async fn of(app: &App) -> Result<NamaAkun, Galat> {
        Ok(NamaAkun(
            ipasn_store::akun::daftar(&app.db)
                .await?
                .into_iter()
                .map(|a| (a.username, a.nama))
                .collect(),
        ))
    }

    /// The name of an account, empty when the username is none (a failed login, the CLI).
    pub fn nama(&self, username: impl AsRef<str>) -> String {
        self.0.get(username.as_ref()).cloned().unwrap_or_default()
    }
}

async fn audit_page(
    State(app): State<App>,
    u: Pengguna,
    Query(q): Query<AuditQ>,
) -> Result<Response, Galat> {
    if !u.admin() {
        return Err(u.terlarang());
    }
    // A date that is not one: the form comes back as typed, with the reason.
    let (status, entri, galat) = match q.saring(u.zona) {
        Ok(_) => (
            StatusCode::OK,
            audit(&app, &u, &q, HALAMAN_MAKS).await?,
            String::new(),
        ),
        Err(k) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![],
            u.t().s(k).to_string(),
        ),
    };
    render_status(
        status,
        &AuditPage {
            nav: Nav::of(&u),
            query: q.query(),
            s: q,
            entri,
            galat,
            nama: NamaAkun::of(&app).await?,
        },
    )
}

async fn audit_log(
    State(app): State<App>,
    u: Pengguna,
    Query(q): Query<AuditQ>,
) -> Result<Json<Value>, Galat> {
    Ok(Json(json!(audit(&app, &u, &q, HALAMAN_MAKS).await?)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_local_day_in_utc() {
        assert_eq!(
            awal_hari("2026-12-06", Zona::Wib, 0).unwrap(),
            "2026-12-05T17:00:00.000000Z"
        );
        assert_eq!(
            awal_hari("2026-12-31", Zona::Wit, 1).unwrap(),
            "2026-12-31T15:00:00.000000Z"
        );
        assert!(awal_hari("31-12-2026x", Zona::Wib, 0).is_none());
    }
}
