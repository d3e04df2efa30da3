//! Guards on every response: security headers, and the framework's own rejections (a body too
//! large, a query that does not parse, an unknown path) answered in the user's language
//! instead of axum's English texts.
//!
//! Headers: a Content-Security-Policy that allows only our own scripts (`script-src 'self'`:
//! no inline script or event handler runs, so a stored name cannot either) and no framing;
//! `X-Content-Type-Options: nosniff`, `Referrer-Policy: same-origin`, `X-Frame-Options: DENY`;
//! and `Cache-Control: no-store` on everything but the embedded assets, so that personal data
//! is not kept by browsers or proxies. Inline `style` attributes stay allowed (ECharts and a
//! few bars set widths inline).

use crate::auth::lang_of;
use crate::galat::Galat;
use crate::teks::Pesan;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The Content-Security-Policy of every response.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
     img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The middleware (outermost layer of the router).
pub async fn penjaga(req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let api = path.starts_with("/api/") || path.starts_with("/ujian/api/");
    let aset = path.starts_with("/aset/") || path.starts_with("/peta/lapisan/");
    let lang = lang_of(req.headers(), req.uri().query());
    let mut r = next.run(req).await;
    let status = r.status();
    let ours = r
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html") || v.starts_with("application/json"));
    if status.is_client_error() && !ours && status != StatusCode::TOO_MANY_REQUESTS {
        // A rejection by the framework (plain text, or an empty 404/405): say it our way.
        r = match status {
            StatusCode::PAYLOAD_TOO_LARGE => Galat::TerlaluBesar(lang, api),
            StatusCode::NOT_FOUND => Galat::TidakAda(lang, api),
            StatusCode::UNAUTHORIZED => Galat::BelumMasuk { api },
            _ => Galat::Permintaan(Pesan::new("permintaan_tidak_terbaca"), lang, api),
        }
        .into_response();
        if status != StatusCode::PAYLOAD_TOO_LARGE && status != StatusCode::NOT_FOUND {
            *r.status_mut() = status;
        }
    }
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if !aset || !status.is_success() {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    r
}
