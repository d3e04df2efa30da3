//! Errors a request can end in, answered as a page or as JSON (for `/api/…`), in the user's
//! language.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use ipasn_core::teks::Lang;

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

fn page(status: StatusCode, lang: Lang, msg: &str) -> Response {
    let back = lang.pick("Kembali ke dasbor", "Back to the dashboard");
    let body = format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <link rel=\"stylesheet\" href=\"/aset/app.css\"></head><body><main class=\"galat\">\
         <h1>{}</h1><p>{}</p><p><a href=\"/\">{}</a></p></main></body></html>",
        if lang == Lang::En { "en" } else { "id" },
        status.as_u16(),
        status.as_u16(),
        html_escape(msg),
        back
    );
    (status, Html(body)).into_response()
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
                    page(StatusCode::FORBIDDEN, lang, lang.pick(id, en))
                }
            }
            Galat::TidakAda(lang, api) => {
                let (id, en) = ("Tidak ditemukan.", "Not found.");
                if api {
                    json(StatusCode::NOT_FOUND, id, en)
                } else {
                    page(StatusCode::NOT_FOUND, lang, lang.pick(id, en))
                }
            }
            Galat::Permintaan(id, en, lang, api) => {
                if api {
                    json(StatusCode::BAD_REQUEST, &id, &en)
                } else {
                    page(StatusCode::BAD_REQUEST, lang, lang.pick(&id, &en))
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
                    page(StatusCode::PAYLOAD_TOO_LARGE, lang, lang.pick(id, en))
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
                    page(StatusCode::INTERNAL_SERVER_ERROR, Lang::Id, id)
                }
            }
        }
    }
}
