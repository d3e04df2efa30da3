//! Assessment-center events in the browser: the admin sets up an event (exercises linked to
//! competencies, assessees with their assessors); each assessor rates only their own assessees,
//! sees only their own ratings, and locks them; the panel (admin) sees the locked ratings
//! integrated per competency, enters the chair's consensus where assessors differ by the
//! threshold, and finalises the result, which becomes the person's competency result (JPM,
//! nine-box). Inter-rater reliability per event and competency is computed from the locked
//! ratings. Every view of a person's ratings and every change is audited.
//!
//! Submodules: `siapan` (the event list, the setup form and the event view), `nilai` (an
//! assessor's rating form, saving and locking), `panel` (the panel's integration, consensus
//! and finalising), `reliabilitas` (inter-rater reliability).

use crate::App;
use crate::auth::Pengguna;
use crate::galat::Galat;
use crate::tampilan::Nav;
use askama::Template;
use axum::Router;
use axum::routing::{get, post};
use ipasn_store::acara::{self, Acara};
use ipasn_store::akun::Peran;

mod nilai;
mod panel;
mod reliabilitas;
mod siapan;

pub use nilai::Sel;
pub use panel::{FormFinal, FormKonsensus, Integrasi, IsianKonsensus};
pub use reliabilitas::IrrAcara;
pub use siapan::{FormAcara, Peserta, periksa};

/// The routes of assessment events.
pub fn routes() -> Router<App> {
    Router::new()
        .route(
            "/asesmen/acara",
            get(siapan::daftar_page).post(siapan::buat),
        )
        .route("/asesmen/acara/{id}", get(siapan::acara_page))
        .route(
            "/asesmen/acara/{id}/nilai/{nip}",
            get(nilai::nilai_page).post(nilai::nilai_simpan),
        )
        .route(
            "/asesmen/acara/{id}/integrasi/{nip}",
            get(panel::integrasi_page),
        )
        .route(
            "/asesmen/acara/{id}/konsensus/{nip}",
            post(panel::konsensus_simpan),
        )
        .route("/asesmen/acara/{id}/final/{nip}", post(panel::final_simpan))
        .route("/asesmen/acara/{id}/irr", get(reliabilitas::irr_page))
        .route(
            "/api/asesmen/acara/{id}/integrasi/{nip}",
            get(panel::integrasi_api),
        )
        .route("/api/asesmen/acara/{id}/irr", get(reliabilitas::irr_api))
        .route("/api/asesmen/cari-pegawai", get(siapan::cari_pegawai))
}

fn may_see_events(u: &Pengguna) -> bool {
    matches!(u.akun.peran, Peran::Admin | Peran::Asesor)
}

async fn acara_of(app: &App, u: &Pengguna, id: i64) -> Result<Acara, Galat> {
    if !may_see_events(u) {
        return Err(u.terlarang());
    }
    let a = acara::satu(&app.db, id)
        .await?
        .ok_or_else(|| u.tidak_ada())?;
    if u.akun.peran == Peran::Asesor {
        let mine = acara::penugasan(&app.db, id)
            .await?
            .iter()
            .any(|p| p.asesor == u.akun.username);
        if !mine {
            return Err(u.terlarang());
        }
    }
    Ok(a)
}

/// Problems of a form, each with the field it belongs beside.
#[derive(Clone, Debug, Default)]
pub struct GalatMedan(pub Vec<(&'static str, String)>);

impl GalatMedan {
    /// The problems of one field.
    pub fn of(&self, medan: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(m, _)| *m == medan)
            .map(|(_, g)| g.as_str())
            .collect()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A confirmation before an irreversible step: what will happen, shown as a table, and a form
/// that carries the same values again with `yakin=1`. Works without JavaScript.
#[derive(Template)]
#[template(path = "acara_konfirmasi.html")]
struct KonfirmasiPage {
    nav: Nav,
    a: Acara,
    judul: String,
    ket: String,
    kolom: Vec<String>,
    baris: Vec<Vec<String>>,
    aksi: String,
    tersembunyi: Vec<(String, String)>,
    tombol: String,
    kembali: String,
    kembali_teks: String,
}
