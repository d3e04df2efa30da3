//! Inter-rater reliability of an event, per competency and pooled, from locked ratings.

use super::acara_of;
use super::panel::rating;
use crate::App;
use crate::auth::Pengguna;
use crate::galat::Galat;
use crate::tampilan::{Nav, render};
use askama::Template;
use axum::Json;
use axum::extract::{Path, State};
use axum::response::Response;
use ipasn_asesmen::integrasi::{self, Rating};
use ipasn_asesmen::irr;
use ipasn_store::acara::{self, Acara};

/// Reliability of an event: per competency (assessees × assessors, each assessor's mean over the
/// exercises), and pooled over all competencies.
pub type IrrAcara = integrasi::Reliabilitas;

async fn irr_of(app: &App, u: &Pengguna, id: i64) -> Result<(Acara, IrrAcara), Galat> {
    let a = acara_of(app, u, id).await?;
    if !u.admin() {
        return Err(u.terlarang());
    }
    let nilai: Vec<(String, Rating)> = acara::nilai(&app.db, id, None)
        .await?
        .into_iter()
        .map(rating)
        .collect();
    Ok((
        a,
        integrasi::reliabilitas(nilai.iter().map(|(nip, r)| (nip.as_str(), r))),
    ))
}

/// The statistics in the order the matrix lists them (each has its human name in the catalogue
/// as `irr:<key>`).
const STATISTIK: [&str; 14] = [
    "icc1",
    "icc2",
    "icc3",
    "icc1k",
    "icc2k",
    "icc3k",
    "fleiss_kappa",
    "alpha_nominal",
    "alpha_ordinal",
    "alpha_interval",
    "alpha_ratio",
    "cohen_kappa",
    "kappa_linear",
    "kappa_quadratic",
];

/// A column of the matrix: a competency (or all of them pooled).
struct Kolom {
    kode: String,
    nama: String,
    subjek: usize,
    penilai: usize,
    catatan: Vec<String>,
}

/// A cell: the value (three decimals, in the reader's notation) and its interpretation.
type Sel = Option<(String, String)>;

#[derive(Template)]
#[template(path = "acara_irr.html")]
struct IrrPage {
    nav: Nav,
    a: Acara,
    kolom: Vec<Kolom>,
    /// Per statistic: its key, its human name, a cell per column.
    baris: Vec<(String, String, Vec<Sel>)>,
    /// The fewest assessees a column rests on, when under [`irr::SUBJEK_DISARANKAN`].
    sampel_kecil: Option<usize>,
}

pub(super) async fn irr_page(
    State(app): State<App>,
    u: Pengguna,
    Path(id): Path<i64>,
) -> Result<Response, Galat> {
    let (a, d) = irr_of(&app, &u, id).await?;
    let t = u.t();
    let labels = irr::Interpretasi::bawaan();
    let kamus = ipasn_store::asesmen::kamus(&app.db).await?;
    let mut hasil: Vec<(Kolom, serde_json::Value)> = d
        .kompetensi
        .iter()
        .map(|(k, h)| {
            let nama = kamus.nama(k).unwrap_or(k).to_string();
            (kolom(k.clone(), t.nama(&nama).to_string(), h), json_of(h))
        })
        .collect();
    hasil.push((
        kolom(String::new(), t.s("all_competencies").to_string(), &d.semua),
        json_of(&d.semua),
    ));
    let desimal = |x: f64| {
        let s = format!("{x:.3}");
        match u.lang {
            ipasn_core::teks::Lang::Id => s.replace('.', ","),
            ipasn_core::teks::Lang::En => s,
        }
    };
    let baris = STATISTIK
        .iter()
        .filter(|k| hasil.iter().any(|(_, v)| v.get(**k).is_some()))
        .map(|k| {
            let cells = hasil
                .iter()
                .map(|(_, v)| {
                    let x = v.get(*k)?;
                    Some(match x.as_f64() {
                        Some(x) => (
                            desimal(x),
                            labels
                                .label(k, x)
                                .map(|l| t.dwibahasa(&l.id, &l.en).to_string())
                                .unwrap_or_default(),
                        ),
                        None => ("–".to_string(), String::new()),
                    })
                })
                .collect();
            (k.to_string(), t.s(&format!("irr:{k}")).to_string(), cells)
        })
        .collect();
    let fewest = hasil.iter().map(|(k, _)| k.subjek).min().unwrap_or(0);
    render(&IrrPage {
        nav: Nav::of(&u),
        a,
        sampel_kecil: (fewest < irr::SUBJEK_DISARANKAN).then_some(fewest),
        kolom: hasil.into_iter().map(|(k, _)| k).collect(),
        baris,
    })
}

fn kolom(kode: String, nama: String, h: &irr::Hasil) -> Kolom {
    Kolom {
        kode,
        nama,
        subjek: h.subjects,
        penilai: h.raters,
        catatan: h.notes.clone(),
    }
}

fn json_of(h: &irr::Hasil) -> serde_json::Value {
    serde_json::to_value(h).unwrap_or_default()
}

pub(super) async fn irr_api(
    State(app): State<App>,
    u: Pengguna,
    Path(id): Path<i64>,
) -> Result<Json<IrrAcara>, Galat> {
    Ok(Json(irr_of(&app, &u, id).await?.1))
}
