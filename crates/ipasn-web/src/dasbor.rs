//! The dashboard of the instansi or a unit: mean IP against the target, categories, dimensions,
//! the trend and the sub-units ranked — its view model, its page and its API; `/` sends each
//! role to its start page.

use crate::App;
use crate::auth::Pengguna;
use crate::galat::Galat;
use crate::tampilan::{
    KosongPage, Nav, TahunQ, dimensi_maks, num, pilih_tahun_info, render, script_json,
};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Json, Router};
use ipasn_core::agregat::KelompokKecil;
use ipasn_core::hasil::Dimensi;
use ipasn_core::rules::RuleSet;
use ipasn_core::teks::{self};
use ipasn_store::akun::Peran;
use ipasn_store::baca::{self, Ringkasan, Unor};
use ipasn_store::pengaturan;
use serde::Serialize;
use serde_json::{Value, json};

/// The dashboard's routes (and the start page).
pub fn routes() -> Router<App> {
    Router::new()
        .route("/", get(beranda))
        .route("/dasbor", get(dasbor_awal))
        .route("/dasbor/{unor}", get(dasbor_unor))
        .route("/api/dasbor", get(api_dasbor_awal))
        .route("/api/unor/{unor}/dasbor", get(api_dasbor))
}

/// A link in the breadcrumbs.
#[derive(Clone, Debug, Serialize)]
pub struct Jejak {
    /// Unit id.
    pub unor_id: String,
    /// Name.
    pub nama: String,
}

/// One category's count.
#[derive(Clone, Debug, Serialize)]
pub struct KategoriBaris {
    /// Name (as the rule set has it: the key for filters and downloads).
    pub nama: String,
    /// The name in the user's language (for display).
    pub label: String,
    /// Persons.
    pub jumlah: i64,
    /// Percent of the persons in the mean.
    pub persen: f64,
}

/// One dimension's mean.
#[derive(Clone, Debug, Serialize)]
pub struct DimensiBaris {
    /// `kualifikasi`, …
    pub kode: String,
    /// Name in the user's language.
    pub nama: String,
    /// Mean.
    pub rerata: Option<f64>,
    /// Maximum.
    pub maks: f64,
    /// Mean as percent of the maximum.
    pub persen: Option<f64>,
}

/// One year of the trend.
#[derive(Clone, Debug, Serialize)]
pub struct TrenBaris {
    /// Year.
    pub tahun: i64,
    /// Mean IP.
    pub ip: Option<f64>,
    /// Target of that year.
    pub target: f64,
    /// Measured persons.
    pub diukur: i64,
    /// Participation percent.
    pub partisipasi: f64,
}

/// A sub-unit in the ranking.
#[derive(Clone, Debug, Serialize)]
pub struct SubUnit {
    /// Id.
    pub unor_id: String,
    /// Name.
    pub nama: String,
    /// Persons.
    pub pegawai: i64,
    /// Measured.
    pub diukur: i64,
    /// Participation percent.
    pub partisipasi: f64,
    /// Mean IP (absent when suppressed or nobody measured).
    pub ip: Option<f64>,
    /// Category of the mean.
    pub kategori: Option<String>,
    /// Suppressed: fewer persons in the mean than the small-group threshold.
    pub disembunyikan: bool,
    /// Rank by mean IP among the sub-units shown (ties share a rank: 1, 2, 2, 4); none when
    /// suppressed or nobody is measured.
    pub peringkat: Option<i64>,
}

/// A unit's dashboard for a year.
#[derive(Clone, Debug, Serialize)]
pub struct Dasbor {
    /// The year shown.
    pub tahun: i64,
    /// Every computed year.
    pub tahun_list: Vec<i64>,
    /// The unit.
    pub unor: Unor,
    /// From the root down to the unit's parent.
    pub jejak: Vec<Jejak>,
    /// Rule set `id@hash12` and cut-off date.
    pub aturan: String,
    /// Cut-off date T.
    pub tanggal_acuan: String,
    /// The year's IP target.
    pub target: f64,
    /// The small-group threshold.
    pub kelompok_kecil: i64,
    /// Whether this unit's own figures are suppressed.
    pub disembunyikan: bool,
    /// Persons.
    pub pegawai: i64,
    /// Measured.
    pub diukur: i64,
    /// In the mean.
    pub dalam_rerata: i64,
    /// Participation percent.
    pub partisipasi: f64,
    /// Mean IP.
    pub ip: Option<f64>,
    /// Whether the mean meets the target.
    pub tercapai: Option<bool>,
    /// Category of the mean.
    pub kategori: Option<String>,
    /// Persons per category.
    pub kategori_list: Vec<KategoriBaris>,
    /// Dimension means.
    pub dimensi: Vec<DimensiBaris>,
    /// Over the years.
    pub tren: Vec<TrenBaris>,
    /// Direct sub-units, best mean first.
    pub sub_unit: Vec<SubUnit>,
}

/// The dashboard of a unit (the user's starting unit when `unor_id` is `None`). `Ok(None)`: no
/// data imported yet.
pub async fn dasbor(
    app: &App,
    user: &Pengguna,
    unor_id: Option<&str>,
    tahun: Option<i64>,
) -> Result<Option<Dasbor>, Galat> {
    if !user.lihat_dasbor() {
        return Err(user.terlarang());
    }
    let (Some(info), tahun_list) = pilih_tahun_info(app, tahun).await? else {
        return Ok(None);
    };
    let tahun = info.tahun;
    let id = match unor_id {
        Some(u) => u.to_string(),
        None => match user.unor_awal(app).await? {
            Some(u) => u,
            None => return Ok(None),
        },
    };
    let Some(unor) = baca::unor(&app.db, &id).await? else {
        return Err(user.tidak_ada());
    };
    if !user.boleh_unor(&unor.path) {
        return Err(user.terlarang());
    }
    let rules = baca::aturan_tahun(&app.db, &info).await?;
    // Independent reads, in parallel; the year's own figures are one row of the trend.
    let (semua_tren, setelan, anak) = tokio::try_join!(
        baca::tren(&app.db, &id),
        pengaturan::semua(&app.db),
        baca::anak(&app.db, tahun, &id)
    )?;
    let Some(r) = semua_tren.iter().find(|t| t.tahun == tahun).cloned() else {
        return Err(user.tidak_ada());
    };
    let k = setelan.kelompok_kecil()?;
    let kecil = KelompokKecil::new(k);
    let target = setelan.target(tahun)?;
    let hide = kecil.sembunyikan(r.dalam_rerata);
    let lang = user.lang;
    let nama_kat = |i: Option<i64>| {
        i.and_then(|i| rules.kategori.get(i as usize))
            .map(|b| b.nama.clone())
    };
    let per = r.per_kategori();
    let kategori_list = if hide {
        vec![]
    } else {
        rules
            .kategori
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let n = per.get(i).copied().unwrap_or(0);
                KategoriBaris {
                    nama: b.nama.clone(),
                    label: crate::teks::T(lang).nama(&b.nama).to_string(),
                    jumlah: n,
                    persen: pct(n, r.dalam_rerata),
                }
            })
            .collect()
    };
    let dimensi = Dimensi::ALL
        .iter()
        .map(|&d| {
            let maks = dimensi_maks(&rules, d);
            let rerata = kecil.tampil(r.dalam_rerata, num(r.rerata(d)));
            DimensiBaris {
                kode: d.name().to_string(),
                nama: teks::dimensi(d, lang).to_string(),
                rerata,
                maks,
                persen: rerata.map(|x| round2(100.0 * x / maks)),
            }
        })
        .collect();
    let mut tren = vec![];
    for t in semua_tren {
        tren.push(TrenBaris {
            tahun: t.tahun,
            ip: kecil.tampil(t.dalam_rerata, num(t.ip())),
            target: setelan.target(t.tahun)?,
            diukur: t.diukur,
            partisipasi: num(Some(t.partisipasi())).unwrap_or(0.0),
        });
    }
    let mut sub_unit: Vec<SubUnit> = anak
        .into_iter()
        .map(|a| sub_unit(&a.unor, &a.ringkasan, kecil, &rules))
        .collect();
    sub_unit.sort_by(|a, b| b.ip.partial_cmp(&a.ip).unwrap_or(std::cmp::Ordering::Equal));
    let mut prev: Option<(f64, i64)> = None;
    for (i, s) in sub_unit.iter_mut().enumerate() {
        let Some(ip) = s.ip else { continue };
        let rank = match prev {
            Some((p, r)) if p == ip => r,
            _ => i as i64 + 1,
        };
        s.peringkat = Some(rank);
        prev = Some((ip, rank));
    }
    let ip = kecil.tampil(r.dalam_rerata, num(r.ip()));
    let jejak = baca::leluhur(&app.db, &unor)
        .await?
        .into_iter()
        .filter(|u| u.unor_id != unor.unor_id && user.boleh_unor(&u.path))
        .map(|u| Jejak {
            unor_id: u.unor_id,
            nama: u.nama,
        })
        .collect();
    Ok(Some(Dasbor {
        tahun,
        tahun_list,
        jejak,
        aturan: info.aturan(),
        tanggal_acuan: info.tanggal_acuan,
        target,
        kelompok_kecil: k,
        disembunyikan: hide,
        pegawai: r.pegawai,
        diukur: r.diukur,
        dalam_rerata: r.dalam_rerata,
        partisipasi: num(Some(r.partisipasi())).unwrap_or(0.0),
        tercapai: ip.map(|x| x >= target),
        kategori: kecil.tampil(r.dalam_rerata, nama_kat(r.kategori)),
        kategori_list,
        dimensi,
        tren,
        sub_unit,
        ip,
        unor,
    }))
}

fn sub_unit(u: &Unor, r: &Ringkasan, kecil: KelompokKecil, rules: &RuleSet) -> SubUnit {
    let n = r.dalam_rerata;
    SubUnit {
        unor_id: u.unor_id.clone(),
        nama: u.nama.clone(),
        pegawai: r.pegawai,
        diukur: r.diukur,
        partisipasi: num(Some(r.partisipasi())).unwrap_or(0.0),
        ip: kecil.tampil(n, num(r.ip())),
        kategori: kecil.tampil(
            n,
            r.kategori
                .and_then(|i| rules.kategori.get(i as usize))
                .map(|b| b.nama.clone()),
        ),
        disembunyikan: kecil.sembunyikan(n),
        peringkat: None,
    }
}

fn pct(n: i64, of: i64) -> f64 {
    if of == 0 {
        0.0
    } else {
        round2(100.0 * n as f64 / of as f64)
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

async fn beranda(State(_app): State<App>, u: Pengguna) -> Result<Response, Galat> {
    match u.akun.peran {
        Peran::Pegawai => match &u.akun.nip {
            Some(nip) => Ok(Redirect::to(&format!("/pegawai/{nip}")).into_response()),
            None => Err(u.tidak_ada()),
        },
        Peran::Asesor => Ok(Redirect::to("/asesmen/acara").into_response()),
        Peran::Psikolog => Ok(Redirect::to("/instrumen").into_response()),
        _ => Ok(Redirect::to("/dasbor").into_response()),
    }
}

#[derive(Template)]
#[template(path = "dasbor.html")]
struct DasborPage {
    nav: Nav,
    d: Dasbor,
    json: String,
    /// The sub-unit search, as typed.
    cari: String,
    /// The sub-units whose name or id contains it (all without a search), ranked.
    sub_unit: Vec<SubUnit>,
}

/// The dashboard page's query: the year and the sub-unit search.
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct DasborQ {
    /// Year.
    pub tahun: Option<i64>,
    /// Sub-unit name or id contains (case-insensitive).
    pub cari: Option<String>,
}

async fn dasbor_awal(
    State(app): State<App>,
    u: Pengguna,
    Query(q): Query<DasborQ>,
) -> Result<Response, Galat> {
    show_dasbor(&app, &u, None, q).await
}

async fn dasbor_unor(
    State(app): State<App>,
    u: Pengguna,
    Path(unor): Path<String>,
    Query(q): Query<DasborQ>,
) -> Result<Response, Galat> {
    show_dasbor(&app, &u, Some(&unor), q).await
}

async fn show_dasbor(
    app: &App,
    u: &Pengguna,
    unor: Option<&str>,
    q: DasborQ,
) -> Result<Response, Galat> {
    match dasbor(app, u, unor, q.tahun).await? {
        Some(d) => {
            let cari = q.cari.unwrap_or_default().trim().to_string();
            let want = cari.to_lowercase();
            let sub_unit = d
                .sub_unit
                .iter()
                .filter(|s| {
                    want.is_empty()
                        || s.nama.to_lowercase().contains(&want)
                        || s.unor_id.to_lowercase().contains(&want)
                })
                .cloned()
                .collect();
            render(&DasborPage {
                nav: Nav::of(u),
                json: script_json(&d),
                d,
                cari,
                sub_unit,
            })
        }
        None => render(&KosongPage {
            nav: Nav::of(u),
            pesan: u.t().s("tidak_ada_data").into(),
        }),
    }
}

async fn api_dasbor_awal(
    State(app): State<App>,
    u: Pengguna,
    Query(q): Query<TahunQ>,
) -> Result<Json<Value>, Galat> {
    Ok(Json(json!(dasbor(&app, &u, None, q.tahun).await?)))
}

async fn api_dasbor(
    State(app): State<App>,
    u: Pengguna,
    Path(unor): Path<String>,
    Query(q): Query<TahunQ>,
) -> Result<Json<Value>, Galat> {
    match dasbor(&app, &u, Some(&unor), q.tahun).await? {
        Some(d) => Ok(Json(json!(d))),
        None => Err(u.tidak_ada()),
    }
}
