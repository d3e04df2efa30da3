//! Coaching sessions of a coachee in a coaching programme: the dates and notes that only the
//! coach and the coachee read and write (not the admin, not the analis: the audit log records
//! that a session was opened or written, never its notes).

use super::{hari_ini, tanggal_sah};
use crate::App;
use crate::auth::Pengguna;
use crate::galat::Galat;
use crate::tampilan::{Nav, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use ipasn_store::akun::Peran;
use ipasn_store::program::Program;
use serde::Deserialize;

pub(super) fn routes() -> Router<App> {
    Router::new().route("/program/{id}/sesi/{coachee}", get(sesi).post(sesi_tambah))
}

/// Whether the user is the coachee or their coach.
async fn pihak_coaching(app: &App, u: &Pengguna, id: i64, coachee: &str) -> Result<Program, Galat> {
    let Some((p, _)) = ipasn_store::program::program(&app.db, id).await? else {
        return Err(u.tidak_ada());
    };
    let peserta = ipasn_store::program::peserta(&app.db, id).await?;
    let Some(c) = peserta
        .iter()
        .find(|s| s.nip == coachee && s.peran == "coachee")
    else {
        return Err(u.tidak_ada());
    };
    let saya = u.akun.nip.as_deref();
    let boleh = u.akun.peran == Peran::Pegawai
        && (saya == Some(coachee) || saya.is_some() && saya == c.pasangan.as_deref());
    if p.jenis != "coaching" || !boleh {
        return Err(u.terlarang());
    }
    Ok(p)
}

#[derive(Template)]
#[template(path = "program_sesi.html")]
struct SesiPage {
    nav: Nav,
    p: Program,
    coachee: String,
    /// The coachee's name.
    nama: String,
    /// The user's own plan page (back).
    kembali: String,
    sesi: Vec<ipasn_store::program::Sesi>,
    hari_ini: String,
    catatan: String,
    pesan: Option<String>,
}

async fn sesi(
    State(app): State<App>,
    u: Pengguna,
    Path((id, coachee)): Path<(i64, String)>,
) -> Result<Response, Galat> {
    let p = pihak_coaching(&app, &u, id, &coachee).await?;
    u.catat(&app, "lihat_sesi_coaching", &id.to_string(), &coachee)
        .await?;
    render(&SesiPage {
        nav: Nav::of(&u),
        nama: nama_pegawai(&app, &coachee).await?,
        kembali: kembali(&u, &p),
        sesi: ipasn_store::program::sesi(&app.db, id, &coachee).await?,
        hari_ini: hari_ini(),
        p,
        coachee,
        catatan: String::new(),
        pesan: None,
    })
}

async fn nama_pegawai(app: &App, nip: &str) -> Result<String, Galat> {
    Ok(ipasn_store::baca::pegawai(&app.db, nip)
        .await?
        .map(|g| g.nama)
        .unwrap_or_else(|| nip.to_string()))
}

/// The user's own plan of the programme's year.
fn kembali(u: &Pengguna, p: &Program) -> String {
    format!(
        "/pegawai/{}/rencana?tahun={}",
        u.akun.nip.as_deref().unwrap_or_default(),
        p.tahun
    )
}

#[derive(Deserialize)]
struct FormSesi {
    tanggal: String,
    catatan: String,
}

async fn sesi_tambah(
    State(app): State<App>,
    u: Pengguna,
    Path((id, coachee)): Path<(i64, String)>,
    Form(f): Form<FormSesi>,
) -> Result<Response, Galat> {
    let p = pihak_coaching(&app, &u, id, &coachee).await?;
    let catatan = f.catatan.trim();
    let tanggal = f.tanggal.trim();
    let sah = tanggal_sah(tanggal) && tanggal >= p.mulai.as_str() && tanggal <= hari_ini().as_str();
    if !sah || catatan.is_empty() || catatan.chars().count() > 10_000 {
        // Refused: the page again with what was typed.
        return crate::tampilan::render_status(
            axum::http::StatusCode::BAD_REQUEST,
            &SesiPage {
                nav: Nav::of(&u),
                nama: nama_pegawai(&app, &coachee).await?,
                kembali: kembali(&u, &p),
                sesi: ipasn_store::program::sesi(&app.db, id, &coachee).await?,
                hari_ini: f.tanggal.clone(),
                p,
                coachee,
                catatan: f.catatan.clone(),
                pesan: Some(u.t().s("program_sesi_salah").to_string()),
            },
        );
    }
    ipasn_store::program::sesi_tambah(
        &app.db,
        id,
        &coachee,
        f.tanggal.trim(),
        catatan,
        &u.akun.username,
    )
    .await?;
    // The audit records that a session was written, never its notes.
    u.catat(&app, "tambah_sesi_coaching", &id.to_string(), &coachee)
        .await?;
    Ok(Redirect::to(&format!("/program/{id}/sesi/{coachee}")).into_response())
}
