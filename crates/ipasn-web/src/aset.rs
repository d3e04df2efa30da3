//! Static files embedded in the binary: our CSS and JavaScript, the vendored Apache ECharts, and
//! the province map layer. Nothing is fetched at run time.

use crate::App;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

/// The embedded files (`assets/`).
#[derive(rust_embed::RustEmbed)]
#[folder = "assets/"]
pub struct Aset;

/// The asset routes and the map layers.
pub fn routes() -> Router<App> {
    Router::new()
        .route("/aset/{*path}", get(aset))
        .route("/peta/lapisan/{nama}", get(lapisan))
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("geojson") | Some("json") => "application/geo+json",
        Some("svg") => "image/svg+xml",
        Some("woff2") => "font/woff2",
        _ => "application/octet-stream",
    }
}

async fn aset(Path(path): Path<String>) -> Response {
    match Aset::get(&path) {
        Some(f) => (
            [
                (header::CONTENT_TYPE, content_type(&path)),
                (header::CACHE_CONTROL, "public, max-age=3600"),
            ],
            f.data.into_owned(),
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// `provinsi.geojson`, `kabkota.geojson` (shipped) or `rinci.geojson` (the admin's file). Boundaries are public
/// geography, served without login.
async fn lapisan(State(app): State<App>, Path(nama): Path<String>) -> Response {
    let geo =
        |body: String| ([(header::CONTENT_TYPE, "application/geo+json")], body).into_response();
    match nama.as_str() {
        "provinsi.geojson" | "kabkota.geojson" => {
            match crate::peta::lapisan_bawaan(nama.trim_end_matches(".geojson")) {
                Some(g) => geo(g.to_string()),
                None => StatusCode::NOT_FOUND.into_response(),
            }
        }
        "rinci.geojson" => match ipasn_store::baca::peta_batas(&app.db).await {
            Ok(Some((_, g))) => geo(g),
            Ok(None) => StatusCode::NOT_FOUND.into_response(),
            Err(e) => crate::galat::Galat::from(e).into_response(),
        },
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}
