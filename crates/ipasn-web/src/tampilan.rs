//! What every page shares: the layout's facts ([`Nav`]), rendering a template, the JSON a chart
//! reads, number formatting (also used by the templates), and choosing the year to show.

use crate::App;
use crate::auth::Pengguna;
use crate::galat::Galat;
use crate::teks::T;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use ipasn_core::hasil::Dimensi;
use ipasn_core::number::Decimal;
use ipasn_core::rules::RuleSet;
use ipasn_store::akun::Peran;
use ipasn_store::baca;

/// What the layout needs: who is logged in and which links they get.
pub struct Nav {
    /// Words.
    pub t: T,
    /// Username.
    pub username: String,
    /// Role name.
    pub peran: &'static str,
    /// CSRF token for the forms.
    pub csrf: String,
    /// Dashboard links.
    pub dasbor: bool,
    /// Import link.
    pub impor: bool,
    /// Admin links.
    pub admin: bool,
    /// Assessment events link.
    pub acara: bool,
}

impl Nav {
    /// The layout's facts for this user.
    pub fn of(u: &Pengguna) -> Nav {
        Nav {
            t: u.t(),
            username: u.akun.username.clone(),
            peran: u.akun.peran.as_str(),
            csrf: u.csrf.clone(),
            dasbor: u.lihat_dasbor(),
            impor: u.boleh_impor(),
            admin: u.admin(),
            acara: matches!(u.akun.peran, Peran::Admin | Peran::Asesor),
        }
    }
}

/// JSON for a `<script type="application/json">` element (`<` escaped so no tag can close it).
pub fn script_json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v)
        .unwrap_or_else(|_| "null".into())
        .replace('<', "\\u003c")
}

/// Renders a page (200).
pub fn render<T: Template>(t: &T) -> Result<Response, Galat> {
    t.render()
        .map(|h| Html(h).into_response())
        .map_err(|e| Galat::Server(e.to_string(), false))
}

/// Renders a page with a status.
pub fn render_status<P: Template>(status: StatusCode, p: &P) -> Result<Response, Galat> {
    let html = p
        .render()
        .map_err(|e| Galat::Server(e.to_string(), false))?;
    Ok((status, Html(html)).into_response())
}

/// A page with only a message (e.g. no data imported yet).
#[derive(Template)]
#[template(path = "kosong.html")]
pub struct KosongPage {
    /// Layout.
    pub nav: Nav,
    /// The message.
    pub pesan: String,
}

pub(crate) fn num(d: Option<Decimal>) -> Option<f64> {
    d.map(|d| d.to_string().parse().unwrap_or(0.0))
}

pub(crate) fn half(h: i64) -> f64 {
    h as f64 / 2.0
}

/// Formats an optional number for a table cell (`–` when absent).
pub fn angka(x: &Option<f64>) -> String {
    match x {
        Some(v) => trim(*v),
        None => "–".into(),
    }
}

/// A number a template can format, by value or by reference.
pub trait Angka {
    /// The value.
    fn nilai(&self) -> f64;
}

impl Angka for f64 {
    fn nilai(&self) -> f64 {
        *self
    }
}

impl<T: Angka + ?Sized> Angka for &T {
    fn nilai(&self) -> f64 {
        (**self).nilai()
    }
}

/// Formats a number without trailing zeros (`71.38`, `40`, `22.5`).
pub fn trim(v: impl Angka) -> String {
    let s = format!("{:.2}", v.nilai());
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// The year to show: the requested one if computed, else the latest.
pub(crate) async fn pilih_tahun(
    app: &App,
    diminta: Option<i64>,
) -> Result<(Option<i64>, Vec<i64>), Galat> {
    let (t, list) = pilih_tahun_info(app, diminta).await?;
    Ok((t.map(|t| t.tahun), list))
}

/// Like [`pilih_tahun`], with the chosen year's rule set and cut-off date.
pub(crate) async fn pilih_tahun_info(
    app: &App,
    diminta: Option<i64>,
) -> Result<(Option<baca::Tahun>, Vec<i64>), Galat> {
    let all = baca::tahun(&app.db).await?;
    let list: Vec<i64> = all.iter().map(|t| t.tahun).collect();
    let t = match diminta {
        Some(t) if list.contains(&t) => all.into_iter().find(|x| x.tahun == t),
        _ => all.into_iter().last(),
    };
    Ok((t, list))
}

pub(crate) fn dimensi_maks(rules: &RuleSet, d: Dimensi) -> f64 {
    let p = match d {
        Dimensi::Kualifikasi => rules.kualifikasi.maks,
        Dimensi::Kompetensi => rules.kompetensi.maks,
        Dimensi::Kinerja => rules.kinerja.maks,
        Dimensi::Disiplin => rules.disiplin.maks,
    };
    half(p.halves() as i64)
}

/// `?tahun=` of a request.
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct TahunQ {
    /// Year.
    pub tahun: Option<i64>,
}
