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

/// A row of the reliability page: the competency, `(statistic, value, label)` and the notes.
type BarisIrr = (String, Vec<(String, String, String)>, Vec<String>);

#[derive(Template)]
#[template(path = "acara_irr.html")]
struct IrrPage {
    nav: Nav,
    a: Acara,
    baris: Vec<BarisIrr>,
}

pub(super) async fn irr_page(
    State(app): State<App>,
    u: Pengguna,
    Path(id): Path<i64>,
) -> Result<Response, Galat> {
    let (a, d) = irr_of(&app, &u, id).await?;
    let labels = ipasn_asesmen::irr::Interpretasi::bawaan();
    let show = |h: &irr::Hasil| -> (Vec<(String, String, String)>, Vec<String>) {
        let v = serde_json::to_value(h).unwrap_or_default();
        let keys = [
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
        let stats = keys
            .iter()
            .filter_map(|k| v.get(*k).map(|x| (k, x.as_f64())))
            .map(|(k, x)| {
                let label = x
                    .and_then(|x| labels.label(k, x))
                    .map(|l| u.t().dwibahasa(&l.id, &l.en).to_string())
                    .unwrap_or_default();
                (
                    k.to_string(),
                    x.map(|x| format!("{x:.3}")).unwrap_or_else(|| "–".into()),
                    label,
                )
            })
            .collect();
        (stats, h.notes.clone())
    };
    let mut baris: Vec<BarisIrr> = d
        .kompetensi
        .iter()
        .map(|(k, h)| {
            let (s, n) = show(h);
            (k.clone(), s, n)
        })
        .collect();
    let (s, n) = show(&d.semua);
    baris.push((u.t().s("all_competencies").to_string(), s, n));
    render(&IrrPage {
        nav: Nav::of(&u),
        a,
        baris,
    })
}

pub(super) async fn irr_api(
    State(app): State<App>,
    u: Pengguna,
    Path(id): Path<i64>,
) -> Result<Json<IrrAcara>, Galat> {
    Ok(Json(irr_of(&app, &u, id).await?.1))
}
