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
    /// A bad request, with a message in both languages (400).
    Permintaan(String, String, Lang, bool),
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
    /// The message in Indonesian.
    pub id: String,
    /// The message in English.
    pub en: String,
}

/// The page's heading for a status.
fn judul(status: StatusCode, lang: Lang) -> &'static str {
    match status.as_u16() {
        400 => lang.pick(
            "Permintaan tidak dapat diproses",
            "The request cannot be processed",
        ),
        401 => lang.pick("Belum masuk", "Not logged in"),
        403 => lang.pick("Tidak berwenang", "Not allowed"),
        404 => lang.pick("Tidak ditemukan", "Not found"),
        405 => lang.pick("Cara permintaan tidak didukung", "Method not allowed"),
        413 => lang.pick("Terlalu besar", "Too large"),
        422 => lang.pick("Isian belum benar", "Check what was entered"),
        s if s >= 500 => lang.pick("Kesalahan server", "Server error"),
        _ => lang.pick("Tidak dapat diproses", "Cannot be processed"),
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

fn page(status: StatusCode, lang: Lang, id: &str, en: &str) -> Response {
    let body = page_polos(
        status,
        lang,
        lang.pick(id, en),
        (
            "/",
            lang.pick("Kembali ke beranda", "Back to the start page"),
        ),
    );
    let mut r = (status, Html(body)).into_response();
    r.extensions_mut().insert(HalamanGalat {
        id: id.to_string(),
        en: en.to_string(),
    });
    r
}

fn json(status: StatusCode, id: &str, en: &str) -> Response {
    (
        status,
        axum::Json(serde_json::json!({"galat": id, "error": en})),
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
        match self {
            Galat::BelumMasuk { api: true } => json(
                StatusCode::UNAUTHORIZED,
                "Belum masuk. Masuk dahulu.",
                "Not logged in. Log in first.",
            ),
            Galat::BelumMasuk { api: false } => Redirect::to("/masuk").into_response(),
            Galat::Terlarang(lang, api) => {
                let (id, en) = (
                    "Anda tidak berwenang membuka ini.",
                    "You are not allowed to open this.",
                );
                if api {
                    json(StatusCode::FORBIDDEN, id, en)
                } else {
                    page(StatusCode::FORBIDDEN, lang, id, en)
                }
            }
            Galat::TidakAda(lang, api) => {
                let (id, en) = ("Tidak ditemukan.", "Not found.");
                if api {
                    json(StatusCode::NOT_FOUND, id, en)
                } else {
                    page(StatusCode::NOT_FOUND, lang, id, en)
                }
            }
            Galat::Permintaan(id, en, lang, api) => {
                if api {
                    json(StatusCode::BAD_REQUEST, &id, &en)
                } else {
                    page(StatusCode::BAD_REQUEST, lang, &id, &en)
                }
            }
            Galat::TerlaluBesar(lang, api) => {
                let (id, en) = (
                    "Kiriman terlalu besar untuk halaman ini. Periksa berkas atau isian yang dikirim.",
                    "What was sent is too large for this page. Check the file or the fields sent.",
                );
                if api {
                    json(StatusCode::PAYLOAD_TOO_LARGE, id, en)
                } else {
                    page(StatusCode::PAYLOAD_TOO_LARGE, lang, id, en)
                }
            }
            Galat::Server(detail, api) => {
                tracing::error!("server error: {detail}");
                let (id, en) = (
                    "Terjadi kesalahan di server; coba lagi atau hubungi admin.",
                    "The server failed; try again or ask the admin.",
                );
                if api {
                    json(StatusCode::INTERNAL_SERVER_ERROR, id, en)
                } else {
                    page(StatusCode::INTERNAL_SERVER_ERROR, Lang::Id, id, en)
                }
            }
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
        Peran::Admin | Peran::Analis | Peran::Pimpinan => (
            "/dasbor".into(),
            l.pick("Kembali ke dasbor", "Back to the dashboard"),
        ),
        Peran::Asesor => (
            "/asesmen/acara".into(),
            l.pick(
                "Kembali ke daftar acara asesmen",
                "Back to the assessment events",
            ),
        ),
        Peran::Pegawai => (
            u.akun
                .nip
                .as_ref()
                .map(|n| format!("/pegawai/{n}"))
                .unwrap_or_else(|| "/asesmen/kamus".into()),
            l.pick("Kembali ke halaman Anda", "Back to your page"),
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
    let api = path.starts_with("/api/");
    let keep = |n: header::HeaderName| req.headers().get(&n).cloned().map(|v| (n, v));
    let saved: Vec<_> = [header::COOKIE, header::REFERER, header::HOST]
        .into_iter()
        .filter_map(keep)
        .collect();
    let res = next.run(req).await;
    let status = res.status();
    let marked = res.extensions().get::<HalamanGalat>().cloned();
    let (id, en) = match marked {
        Some(h) => (h.id, h.en),
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
            let (id, en) = match status.as_u16() {
                404 => ("Alamat ini tidak ada.", "There is no such address."),
                405 => (
                    "Alamat ini tidak menerima cara permintaan tersebut.",
                    "This address does not take that kind of request.",
                ),
                413 => (
                    "Kiriman terlalu besar untuk halaman ini. Periksa berkas atau isian yang dikirim.",
                    "What was sent is too large for this page. Check the file or the fields sent.",
                ),
                _ => (
                    "Permintaan tidak dapat diproses.",
                    "The request cannot be processed.",
                ),
            };
            (id.to_string(), en.to_string())
        }
    };
    if api {
        return json(status, &id, &en);
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
            lang.pick(&id, &en),
            ("/masuk", lang.pick("Masuk", "Log in")),
        );
        return (status, Html(body)).into_response();
    };
    let lang = u.lang;
    let mut kembali = vec![];
    if let Some(r) = referer {
        kembali.push((
            r,
            lang.pick("Kembali ke halaman sebelumnya", "Back to the previous page")
                .to_string(),
            "kembali-asal",
        ));
    }
    let (href, words) = beranda(&u);
    kembali.push((href, words.to_string(), "kembali"));
    let page = GalatPage {
        nav: Nav::of(&u),
        status: status.as_u16(),
        judul: judul(status, lang).to_string(),
        pesan: lang.pick(&id, &en).to_string(),
        kembali,
    };
    match page.render() {
        Ok(h) => (status, Html(h)).into_response(),
        Err(e) => {
            eprintln!("ipasn: error page: {e}");
            let body = page_polos(status, lang, lang.pick(&id, &en), ("/", "IP ASN"));
            (status, Html(body)).into_response()
        }
    }
}
