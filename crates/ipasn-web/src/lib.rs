//! The ipasn web application: server-rendered pages in Indonesian (English on a switch), a
//! JSON API with its OpenAPI document, accounts with roles, and the audit log. All state lives in
//! the database ([`ipasn_store`]), so several processes can serve one PostgreSQL.
//!
//! - [`auth`]: the logged-in user, roles and scopes, CSRF protection, login and logout.
//!
//! One module per feature, each with its view model (what the page shows, as serialisable
//! values, checked against the user's role and scope), its HTML handlers (askama templates in
//! `templates/`), its JSON handlers and its routes:
//! [`dasbor`], [`pegawai`], [`peta`], [`impor`], [`asesmen`], [`acara`], [`talenta`], [`akun`],
//! [`audit`], [`ujian`] (online tests). Shared: [`tampilan`] (layout, rendering, numbers, the year), [`unggahan`]
//! (reading an uploaded file).
//!
//! - [`api`]: the table of API routes and `/api/openapi.json`.
//! - [`unduh`]: CSV and XLSX downloads of every table.
//! - [`aset`]: the vendored JavaScript, CSS and map shapes, embedded in the binary.
#![warn(missing_docs)]

pub mod acara;
pub mod akun;
pub mod aman;
pub mod api;
pub mod asesmen;
pub mod aset;
pub mod audit;
pub mod auth;
pub mod dasbor;
pub mod galat;
pub mod impor;
pub mod instrumen;
pub mod operasi;
pub mod pegawai;
pub mod peta;
pub mod rencana;
pub mod talenta;
pub mod tampilan;
pub mod teks;
pub mod ujian;
pub mod unduh;
pub mod unggahan;

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

/// Shared state: the database, fixed options, and this process's online-test writer and
/// admission queue ([`ujian::Keadaan`]; everything else lives in the database).
#[derive(Clone)]
pub struct App {
    /// The database.
    pub db: Db,
    /// Options.
    pub opsi: Arc<Opsi>,
    /// Online tests: the answer writer and the admission queue of this process.
    pub ujian: Arc<ujian::Keadaan>,
}

impl App {
    /// The application on a database with these options.
    pub fn baru(db: Db, opsi: Opsi) -> App {
        App {
            db,
            opsi: Arc::new(opsi),
            ujian: Default::default(),
        }
    }
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
        .merge(dasbor::routes())
        .merge(pegawai::routes())
        .merge(peta::routes())
        .merge(impor::routes())
        .merge(asesmen::routes())
        .merge(instrumen::routes())
        .merge(talenta::routes())
        .merge(rencana::routes())
        .merge(akun::routes())
        .merge(audit::routes())
        .merge(api::routes())
        .merge(unduh::routes())
        .merge(auth::routes())
        .merge(aset::routes())
        .merge(acara::routes())
        .merge(ujian::routes())
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
    // Finishes online-test attempts no taker will (deadlines passed, windows closed).
    let sapu = tokio::spawn(ujian::penyapu(
        app.clone(),
        std::time::Duration::from_secs(15),
    ));
    let r = axum::serve(
        listener,
        operasi::dengan_log(router(app)).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(stop)
    .await;
    sapu.abort();
    r
}
