//! Errors a request can end in, answered as a page or as JSON (for `/api/…`), in the user's
//! language.
//!
//! An error page keeps the application's layout: [`tata_letak`] (a middleware around every
//! route) finds the user of the request and renders the error inside `base.html`, with the menu
//! and a way back that suits the role (the dashboard, the events, one's own page) and the page the
//! request came from. Without a session, a plain page with a link to the login form.

use crate::App;
use crate::auth::{self, Pengguna};
use crate::tampilan::Nav;
use crate::teks::{Pesan, T};
use askama::Template;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use ipasn_core::teks::Lang;
use ipasn_store::akun::Peran;

/// What went wrong.
#[derive(Debug)]
pub enum Galat {
    /// Not logged in: pages redirect to the login form, the API answers 401.
    BelumMasuk {
        /// Whether the request was for the API.
        api: bool,
    },
    /// Logged in but not allowed (403).
    Terlarang(Lang, bool),
    /// Nothing there (404).
    TidakAda(Lang, bool),
    /// A bad request, with a message of the catalogue (400).
    Permintaan(Pesan, Lang, bool),
    /// A failure of ours (500); the details go to the log, not to the user.
    Server(String, bool),
    /// The request's body is larger than the route accepts (413).
    TerlaluBesar(Lang, bool),
}

impl From<ipasn_store::StoreError> for Galat {
    fn from(e: ipasn_store::StoreError) -> Self {
        Galat::Server(e.to_string(), false)
    }
}

/// An error page's facts, kept on the response so that [`tata_letak`] can render it in the
/// layout of the user who asked (or as JSON for an `/api/…` path).
#[derive(Clone, Debug)]
pub struct HalamanGalat {
    /// The message.
    pub pesan: Pesan,
}

/// The page's heading for a status.
fn judul(status: StatusCode, lang: Lang) -> &'static str {
    match status.as_u16() {
        400 => T(lang).s("judul_400"),
        401 => T(lang).s("judul_401"),
        403 => T(lang).s("judul_403"),
        404 => T(lang).s("judul_404"),
        405 => T(lang).s("judul_405"),
        413 => T(lang).s("judul_413"),
        422 => T(lang).s("judul_422"),
        s if s >= 500 => T(lang).s("judul_500"),
        _ => T(lang).s("judul_lain"),
    }
}

/// The plain page (no layout): for a visitor without a session, and what a [`Galat`] answers
/// before [`tata_letak`] dresses it.
fn page_polos(status: StatusCode, lang: Lang, msg: &str, link: (&str, &str)) -> String {
    format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{} · IP ASN</title>\
         <link rel=\"stylesheet\" href=\"/aset/app.css\"></head><body><main class=\"galat\">\
         <h1>{} {}</h1><p id=\"pesan-galat\">{}</p><p><a href=\"{}\" id=\"kembali\">{}</a></p></main></body></html>",
        if lang == Lang::En { "en" } else { "id" },
        status.as_u16(),
        status.as_u16(),
        html_escape(judul(status, lang)),
        html_escape(msg),
        html_escape(link.0),
        html_escape(link.1),
    )
}

fn page(status: StatusCode, lang: Lang, pesan: Pesan) -> Response {
    let body = page_polos(
        status,
        lang,
        &pesan.dalam(lang),
        ("/", T(lang).s("back_start_page")),
    );
    let mut r = (status, Html(body)).into_response();
    r.extensions_mut().insert(HalamanGalat { pesan });
    r
}

fn json(status: StatusCode, pesan: &Pesan) -> Response {
    (
        status,
        axum::Json(serde_json::json!({
            "galat": pesan.dalam(Lang::Id),
            "error": pesan.dalam(Lang::En),
        })),
    )
        .into_response()
}

/// Escapes text for HTML.
pub fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

impl IntoResponse for Galat {
    fn into_response(self) -> Response {
        let (status, pesan, lang, api) = match self {
            Galat::BelumMasuk { api: false } => return Redirect::to("/masuk").into_response(),
            Galat::BelumMasuk { api: true } => (
                StatusCode::UNAUTHORIZED,
                Pesan::new("belum_masuk"),
                Lang::Id,
                true,
            ),
            Galat::Terlarang(lang, api) => (
                StatusCode::FORBIDDEN,
                Pesan::new("tidak_berwenang_ini"),
                lang,
                api,
            ),
            Galat::TidakAda(lang, api) => (
                StatusCode::NOT_FOUND,
                Pesan::new("tidak_ditemukan"),
                lang,
                api,
            ),
            Galat::Permintaan(pesan, lang, api) => (StatusCode::BAD_REQUEST, pesan, lang, api),
            Galat::TerlaluBesar(lang, api) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                Pesan::new("terlalu_besar"),
                lang,
                api,
            ),
            Galat::Server(detail, api) => {
                tracing::error!("server error: {detail}");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    Pesan::new("kesalahan_server"),
                    Lang::Id,
                    api,
                )
            }
        };
        if api {
            json(status, &pesan)
        } else {
            page(status, lang, pesan)
        }
    }
}

/// The error page inside the layout.
#[derive(Template)]
#[template(path = "galat.html")]
struct GalatPage {
    nav: Nav,
    status: u16,
    judul: String,
    pesan: String,
    /// Ways back: `(href, words, id)`.
    kembali: Vec<(String, String, &'static str)>,
}

/// Where a user's work starts: their home in the application.
fn beranda(u: &Pengguna) -> (String, &'static str) {
    let l = u.lang;
    match u.akun.peran {
        Peran::Admin | Peran::Analis | Peran::Pimpinan => {
            ("/dasbor".into(), T(l).s("back_dashboard"))
        }
        Peran::Asesor => ("/asesmen/acara".into(), T(l).s("back_assessment_events")),
        Peran::Psikolog => ("/instrumen".into(), T(l).s("back_instruments")),
        Peran::Pegawai => (
            u.akun
                .nip
                .as_ref()
                .map(|n| format!("/pegawai/{n}"))
                .unwrap_or_else(|| "/asesmen/kamus".into()),
            T(l).s("back_your_page"),
        ),
    }
}

/// The path of a same-site `Referer`, when it is another page than the one that failed.
fn asal(referer: Option<&str>, host: Option<&str>, here: &str) -> Option<String> {
    let r = referer?;
    let rest = r
        .strip_prefix("http://")
        .or_else(|| r.strip_prefix("https://"))?;
    let (h, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    if Some(h) != host || path.is_empty() || !path.starts_with('/') || path.starts_with("//") {
        return None;
    }
    let bare = path.split(['?', '#']).next().unwrap_or(path);
    (bare != here).then(|| path.to_string())
}

/// Renders error pages in the layout of the user who asked (see the module's comment); answers
/// `/api/…` errors as JSON; and gives the same treatment to the plain-text refusals of the
/// framework (a malformed form, path or query, an unknown address).
pub async fn tata_letak(State(app): State<App>, req: Request, next: Next) -> Response {
    let uri = req.uri().clone();
    let path = uri.path().to_string();
    if path.starts_with("/aset/") {
        return next.run(req).await;
    }
    let api = path.starts_with("/api/") || path.starts_with("/ujian/api/");
    let keep = |n: header::HeaderName| req.headers().get(&n).cloned().map(|v| (n, v));
    let saved: Vec<_> = [header::COOKIE, header::REFERER, header::HOST]
        .into_iter()
        .filter_map(keep)
        .collect();
    let res = next.run(req).await;
    let status = res.status();
    let marked = res.extensions().get::<HalamanGalat>().cloned();
    let pesan = match marked {
        Some(h) => h.pesan,
        None => {
            // The framework's own refusals: plain text or nothing, never HTML or JSON.
            let plain = res
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_none_or(|c| c.starts_with("text/plain"));
            if api || !plain || !(status.is_client_error() || status.is_server_error()) {
                return res;
            }
            // The framework's own text is not shown: it is in English, names internals, and
            // says nothing a user can act on.
            drop(res);
            Pesan::new(match status.as_u16() {
                404 => "alamat_tidak_ada",
                405 => "alamat_tidak_menerima",
                413 => "terlalu_besar",
                _ => "permintaan_tidak_dapat_diproses",
            })
        }
    };
    if api {
        return json(status, &pesan);
    }
    let mut parts = {
        let mut b = Request::builder().uri(uri);
        for (n, v) in &saved {
            b = b.header(n, v);
        }
        b.body(())
            .expect("a request from parts of a valid one")
            .into_parts()
            .0
    };
    let header_of = |n: header::HeaderName| {
        saved
            .iter()
            .find(|(k, _)| *k == n)
            .and_then(|(_, v)| v.to_str().ok())
    };
    let referer = asal(header_of(header::REFERER), header_of(header::HOST), &path);
    let u = Pengguna::from_request_parts(&mut parts, &app).await.ok();
    let Some(u) = u else {
        let lang = auth::lang_of(&parts.headers, parts.uri.query());
        let body = page_polos(
            status,
            lang,
            &pesan.dalam(lang),
            ("/masuk", T(lang).s("masuk")),
        );
        return (status, Html(body)).into_response();
    };
    let lang = u.lang;
    let mut kembali = vec![];
    if let Some(r) = referer {
        kembali.push((
            r,
            T(lang).s("back_previous_page").to_string(),
            "kembali-asal",
        ));
    }
    let (href, words) = beranda(&u);
    kembali.push((href, words.to_string(), "kembali"));
    let page = GalatPage {
        nav: Nav::of(&u),
        status: status.as_u16(),
        judul: judul(status, lang).to_string(),
        pesan: pesan.dalam(lang),
        kembali,
    };
    match page.render() {
        Ok(h) => (status, Html(h)).into_response(),
        Err(e) => {
            eprintln!("ipasn: error page: {e}");
            let body = page_polos(status, lang, &pesan.dalam(lang), ("/", "IP ASN"));
            (status, Html(body)).into_response()
        }
    }
}
