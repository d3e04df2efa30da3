//! The follow-up of a unit and year: individual plans planned against done (persons, actions,
//! JP, budget), each programme's completion, and how the IP of those who took part moved to the
//! next year against comparable persons who did not (same starting category and jenjang;
//! `ipasn_rencana::tindak`), with the caveat that it is not a controlled experiment. Strata
//! smaller than the small-group threshold show their counts, not their means.

use crate::App;
use crate::auth::Pengguna;
use crate::galat::Galat;
use crate::tampilan::{Nav, render, script_json};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use ipasn_rencana::tindak::{Banding, Gerak, banding};
use ipasn_store::baca::{self, Unor};
use ipasn_store::rencana::{Penyelesaian, Ringkas};
use serde::{Deserialize, Serialize};

pub(super) fn routes() -> Router<App> {
    Router::new()
        .route("/unor/{unor}/tindak-lanjut", get(halaman))
        .route("/api/unor/{unor}/tindak-lanjut", get(api))
}

/// The follow-up of a unit and year.
#[derive(Clone, Debug, Serialize)]
pub struct TindakLanjut {
    /// The unit.
    pub unor: Unor,
    /// Year.
    pub tahun: i64,
    /// Computed years.
    pub tahun_list: Vec<i64>,
    /// Individual plans.
    pub rencana: Ringkas,
    /// Programmes.
    pub program: Vec<Penyelesaian>,
    /// The next year's results exist.
    pub ada_tahun_berikut: bool,
    /// Participants against comparable non-participants (strata under the small-group
    /// threshold without their means).
    pub banding: Banding,
    /// The small-group threshold.
    pub kelompok_kecil: i64,
}

#[derive(Deserialize)]
struct TahunQ {
    tahun: Option<i64>,
}

async fn muat(
    app: &App,
    u: &Pengguna,
    unor_id: &str,
    tahun: Option<i64>,
) -> Result<TindakLanjut, Galat> {
    let (unor, info, tahun_list) = super::unit_tahun(app, u, unor_id, tahun).await?;
    let rules = baca::aturan_tahun(&app.db, &info).await?;
    let kecil = ipasn_store::pengaturan::kelompok_kecil(&app.db).await?;
    let gerak = ipasn_store::rencana::gerak(&app.db, info.tahun, &unor.path).await?;
    let orang: Vec<Gerak> = gerak
        .into_iter()
        .map(|(_, k, jenjang, dari, ke, peserta)| Gerak {
            peserta,
            kategori: rules
                .kategori
                .get(k as usize)
                .map(|b| b.nama.clone())
                .unwrap_or_default(),
            jenjang,
            dari: dari as f64 / 2.0,
            ke: ke as f64 / 2.0,
        })
        .collect();
    let mut b = banding(&orang);
    for s in &mut b.strata {
        if (s.peserta as i64) < kecil || (s.pembanding as i64) < kecil {
            s.gerak_peserta = None;
            s.gerak_pembanding = None;
        }
    }
    if (b.peserta as i64) < kecil {
        b.gerak_peserta = None;
        b.gerak_pembanding = None;
    }
    u.catat(app, "lihat_tindak_lanjut", unor_id, &info.tahun.to_string())
        .await?;
    Ok(TindakLanjut {
        rencana: ipasn_store::rencana::ringkas(&app.db, info.tahun, &unor.path).await?,
        program: ipasn_store::rencana::penyelesaian(&app.db, info.tahun, &unor.path).await?,
        ada_tahun_berikut: tahun_list.contains(&(info.tahun + 1)),
        banding: b,
        kelompok_kecil: kecil,
        unor,
        tahun: info.tahun,
        tahun_list,
    })
}

#[derive(Template)]
#[template(path = "rencana_tindak.html")]
struct Halaman {
    nav: Nav,
    d: TindakLanjut,
    json: String,
}

async fn halaman(
    State(app): State<App>,
    u: Pengguna,
    Path(unor): Path<String>,
    Query(q): Query<TahunQ>,
) -> Result<Response, Galat> {
    let d = muat(&app, &u, &unor, q.tahun).await?;
    render(&Halaman {
        nav: Nav::of(&u),
        json: script_json(&d),
        d,
    })
}

async fn api(
    State(app): State<App>,
    u: Pengguna,
    Path(unor): Path<String>,
    Query(q): Query<TahunQ>,
) -> Result<Json<TindakLanjut>, Galat> {
    Ok(Json(muat(&app, &u, &unor, q.tahun).await?))
}
