//! The ipasn web application: server-rendered pages in Indonesian (English on a switch), a
//! JSON API with its OpenAPI document, accounts with roles, and the audit log. All state lives in
//! the database ([`ipasn_store`]), so several processes can serve one PostgreSQL.
//!
//! - [`auth`]: the logged-in user, roles and scopes, CSRF protection, login and logout.
//! - [`data`]: what each page shows, as serialisable values; pages and the API share them.
//! - [`acara`]: assessment-center events (setup, assessor ratings, integration, reliability).
//! - [`halaman`]: the HTML pages (askama templates in `templates/`).
//! - [`api`]: the JSON API and `/api/openapi.json`.
//! - [`unduh`]: CSV and XLSX downloads of every table.
//! - [`aset`]: the vendored JavaScript, CSS and map shapes, embedded in the binary.
#![warn(missing_docs)]

pub mod acara;
pub mod aman;
pub mod api;
pub mod aset;
pub mod auth;
pub mod data;
pub mod galat;
pub mod halaman;
pub mod impor;
pub mod operasi;
pub mod teks;
pub mod unduh;

use axum::Router;
use ipasn_store::Db;
use std::net::SocketAddr;
use std::sync::Arc;

/// Largest upload accepted on the upload routes (a package of about a million persons zipped
/// fits).
pub const UPLOAD_MAKS: usize = 512 << 20;

/// Largest upload of an assessment file or a boundary layer (a kecamatan layer of the whole
/// country fits).
pub const BERKAS_MAKS: usize = 100 << 20;

/// Largest body of every other route (forms, JSON): larger ones get 413 before any work.
pub const FORMULIR_MAKS: usize = 1 << 20;

/// Shared state: the database and fixed options. Nothing here changes while serving.
#[derive(Clone)]
pub struct App {
    /// The database.
    pub db: Db,
    /// Options.
    pub opsi: Arc<Opsi>,
}

/// Server options.
#[derive(Clone, Debug, Default)]
pub struct Opsi {
    /// Mark cookies `Secure` (behind HTTPS).
    pub cookie_aman: bool,
    /// Public origins accepted in `Origin` headers besides the request's own host (behind a
    /// proxy), e.g. `https://ipasn.example.go.id`.
    pub origin_tepercaya: Vec<String>,
}

/// The whole application's routes.
pub fn router(app: App) -> Router {
    Router::new()
        .merge(halaman::routes())
        .merge(impor::routes())
        .merge(api::routes())
        .merge(unduh::routes())
        .merge(auth::routes())
        .merge(aset::routes())
        .merge(acara::routes())
        .merge(operasi::routes())
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            auth::csrf,
        ))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            galat::tata_letak,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(FORMULIR_MAKS))
        .layer(axum::middleware::from_fn(aman::penjaga))
        .with_state(app)
}

/// Serves the application on a bound listener until the process ends.
pub async fn serve(app: App, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    serve_until(app, listener, std::future::pending()).await
}

/// Serves the application until `stop` completes, then stops accepting requests and lets the
/// ones in flight finish (graceful shutdown). Background jobs are waited for separately
/// (`ipasn_app::tugas::tunggu`).
pub async fn serve_until(
    app: App,
    listener: tokio::net::TcpListener,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        operasi::dengan_log(router(app)).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(stop)
    .await
}
