//! Talent management: the nine-box of a unit's subtree, the talent pool, ranking within jenjang
//! groups and calibrations (audited) — view model, page, calibration form and API.

use crate::App;
use crate::asesmen::{aturan_asesmen, hari_ini, skj, ymd};
use crate::auth::Pengguna;
use crate::galat::Galat;
use crate::tampilan::{Nav, half, pilih_tahun, render};
use crate::teks::T;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use ipasn_store::akun::Peran;
use ipasn_store::baca::{self, Unor};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// The talent routes.
pub fn routes() -> Router<App> {
    Router::new()
        .route("/unor/{unor}/talenta", get(talenta_page))
        .route("/unor/{unor}/talenta/kalibrasi", post(kalibrasi))
        .route("/api/unor/{unor}/talenta", get(api_talenta))
}

/// A person in the nine-box.
#[derive(Clone, Debug, Serialize)]
pub struct OrangTalenta {
    /// NIP.
    pub nip: String,
    /// Name.
    pub nama: String,
    /// Unit.
    pub unor_id: String,
    /// Jenjang jabatan (the ranking group).
    pub jenjang_jabatan: String,
    /// IP ASN.
    pub ip: f64,
    /// JPM (hidden from pimpinan without `lihat_detail`).
    pub jpm: Option<f64>,
    /// Potential test score (hidden from pimpinan without `lihat_detail`).
    pub tes_potensi: Option<f64>,
    /// Potential score (hidden from pimpinan without `lihat_detail`).
    pub potensi: Option<f64>,
    /// Potential category.
    pub kategori_potensi: Option<String>,
    /// Performance axis.
    pub kinerja: Option<String>,
    /// The box after calibration.
    pub kotak: Option<u8>,
    /// The box the rules give.
    pub kotak_aturan: Option<u8>,
    /// The latest calibration's reason, who and when.
    pub kalibrasi: Option<(String, String, String)>,
    /// Why there is no box.
    pub tanpa_kotak: Option<String>,
    /// Rank within the jenjang group of this subtree.
    pub peringkat: usize,
    /// Group size.
    pub dari: usize,
    /// Ranking composite; hidden from pimpinan without `lihat_detail`, since with the IP and the
    /// performance axis it gives back the potential (and with the JPM the test score) exactly.
    pub komposit: Option<f64>,
    /// Top share of the group: fast track toward JPT.
    pub jalur_cepat: bool,
}

/// One box of the grid.
pub use ipasn_asesmen::talenta::KotakPapan as Kotak;

/// The nine-box, talent pool and ranking of a unit's subtree.
#[derive(Clone, Debug, Serialize)]
pub struct Talenta {
    /// The unit.
    pub unor: Unor,
    /// Year.
    pub tahun: i64,
    /// Computed years.
    pub tahun_list: Vec<i64>,
    /// Rules id.
    pub aturan: String,
    /// Rows tinggi, menengah, rendah (top to bottom) × columns di bawah, sesuai, di atas.
    pub grid: Vec<Vec<Kotak>>,
    /// Everyone measured, ranked within their jenjang group.
    pub orang: Vec<OrangTalenta>,
    /// The selected box, if any.
    pub pilih: Option<u8>,
    /// Whether the user may calibrate.
    pub boleh_kalibrasi: bool,
    /// Whether the scores are shown (JPM, potential, test score, composite): not to a pimpinan
    /// without `lihat_detail`, who sees ranks, boxes and potential categories only.
    pub detail: bool,
}

/// The nine-box of a subtree (the view is audited).
pub async fn talenta(
    app: &App,
    user: &Pengguna,
    unor_id: &str,
    tahun: Option<i64>,
    pilih: Option<u8>,
) -> Result<Talenta, Galat> {
    use ipasn_asesmen::talenta::{self as tl, TanpaKotak};
    if !user.lihat_dasbor() {
        return Err(user.terlarang());
    }
    let Some(unor) = baca::unor(&app.db, unor_id).await? else {
        return Err(user.tidak_ada());
    };
    if !user.boleh_unor(&unor.path) {
        return Err(user.terlarang());
    }
    let (Some(tahun), tahun_list) = pilih_tahun(app, tahun).await? else {
        return Err(user.tidak_ada());
    };
    user.catat(app, "lihat_talenta", unor_id, &tahun.to_string())
        .await?;
    let aturan = aturan_asesmen(app).await?;
    let data = ipasn_store::asesmen::talenta(&app.db, tahun, &unor.path).await?;
    let orang: Vec<tl::Orang> = data
        .iter()
        .map(|d| tl::Orang {
            nip: d.nip.clone(),
            jabatan: d.nama_jabatan.clone(),
            jenjang: d.jenjang_jabatan.clone(),
            ip_asn: half(d.ip),
            predikat: d.predikat.clone(),
            kompetensi: d.kompetensi.first().map(|f| tl::HasilKompetensi {
                tanggal: ymd(&f.tanggal),
                level: d
                    .kompetensi
                    .iter()
                    .map(|r| (r.kode.clone(), r.level))
                    .collect(),
            }),
            tes_potensi: d.potensi,
            rekam_jejak: d.rekam_jejak,
            kalibrasi: d.kalibrasi.as_ref().map(|k| k.0 as u8),
        })
        .collect();
    let papan = tl::papan(&aturan, &skj(app).await?, &orang, hari_ini());
    // A pimpinan without `lihat_detail` sees ranks, boxes and potential categories only.
    let detail = user.detail_asesmen();
    let lang = user.lang;
    let orang = papan
        .orang
        .into_iter()
        .map(|p| {
            let d = &data[p.indeks];
            OrangTalenta {
                nip: d.nip.clone(),
                nama: d.nama.clone(),
                unor_id: d.unor_id.clone(),
                jenjang_jabatan: d.jenjang_jabatan.clone(),
                ip: half(d.ip),
                jpm: p.jpm.filter(|_| detail),
                tes_potensi: d.potensi.filter(|_| detail),
                potensi: p.potensi.filter(|_| detail),
                kategori_potensi: p.kategori_potensi,
                kinerja: p.kinerja,
                kotak: p.kotak,
                kotak_aturan: p.kotak_aturan,
                kalibrasi: d
                    .kalibrasi
                    .as_ref()
                    .map(|k| (k.1.clone(), k.2.clone(), k.3.clone())),
                tanpa_kotak: p.tanpa_kotak.map(|t| {
                    match t {
                        TanpaKotak::Kedaluwarsa => T(lang).s("assessment_result_expired"),
                        TanpaKotak::BelumDinilai => T(lang).s("no_assessment_or_test_yet"),
                        TanpaKotak::TanpaPredikat => T(lang).s("no_skp_predikat_this_year"),
                    }
                    .to_string()
                }),
                peringkat: p.peringkat.peringkat,
                dari: p.peringkat.dari,
                komposit: Some(p.peringkat.komposit).filter(|_| detail),
                jalur_cepat: p.peringkat.jalur_cepat,
            }
        })
        .collect();
    Ok(Talenta {
        aturan: aturan.id.clone(),
        boleh_kalibrasi: matches!(
            user.akun.peran,
            ipasn_store::akun::Peran::Admin | ipasn_store::akun::Peran::Analis
        ),
        unor,
        tahun,
        tahun_list,
        grid: papan.grid,
        orang,
        pilih,
        detail,
    })
}

#[derive(Deserialize)]
struct TalentaQ {
    tahun: Option<i64>,
    kotak: Option<u8>,
}

#[derive(Template)]
#[template(path = "talenta.html")]
struct TalentaPage {
    nav: Nav,
    d: Talenta,
}

async fn talenta_page(
    State(app): State<App>,
    u: Pengguna,
    Path(unor): Path<String>,
    Query(q): Query<TalentaQ>,
) -> Result<Response, Galat> {
    let d = talenta(&app, &u, &unor, q.tahun, q.kotak).await?;
    render(&TalentaPage {
        nav: Nav::of(&u),
        d,
    })
}

/// The calibration form.
#[derive(Deserialize)]
pub struct FormKalibrasi {
    tahun: i64,
    nip: String,
    ke: u8,
    alasan: String,
}

async fn kalibrasi(
    State(app): State<App>,
    u: Pengguna,
    Path(unor): Path<String>,
    Form(f): Form<FormKalibrasi>,
) -> Result<Response, Galat> {
    if !matches!(u.akun.peran, Peran::Admin | Peran::Analis) {
        return Err(u.terlarang());
    }
    if !(1..=9).contains(&f.ke) {
        return Err(u.permintaan("box_1_9"));
    }
    let alasan = f.alasan.trim();
    if alasan.chars().count() < 10 {
        return Err(u.permintaan("write_reason_calibration_least"));
    }
    let d = talenta(&app, &u, &unor, Some(f.tahun), None).await?;
    let Some(o) = d.orang.iter().find(|o| o.nip == f.nip) else {
        return Err(u.tidak_ada());
    };
    let Some(dari) = o.kotak else {
        return Err(u.permintaan("person_box_calibrate_yet"));
    };
    ipasn_store::asesmen::kalibrasi(
        &app.db,
        d.tahun,
        &f.nip,
        dari as i64,
        f.ke as i64,
        alasan,
        &u.akun.username,
    )
    .await?;
    u.catat(
        &app,
        "kalibrasi",
        &f.nip,
        &serde_json::json!({"tahun": d.tahun, "dari": dari, "ke": f.ke, "alasan": alasan})
            .to_string(),
    )
    .await?;
    Ok(Redirect::to(&format!("/unor/{}/talenta?tahun={}", unor, d.tahun)).into_response())
}

async fn api_talenta(
    State(app): State<App>,
    u: Pengguna,
    Path(unor): Path<String>,
    Query(q): Query<TalentaQ>,
) -> Result<Json<Value>, Galat> {
    Ok(Json(json!(
        talenta(&app, &u, &unor, q.tahun, q.kotak).await?
    )))
}
