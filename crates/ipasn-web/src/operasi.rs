//! Running the server: health and readiness for the operator, a request log, background jobs
//! that a shutdown waits for.
//!
//! - `GET /healthz`: the process answers (200 `ok`), nothing else is checked.
//! - `GET /readyz`: the database answers and its schema is this build's (200
//!   `{"siap": true}`), else 503 `{"siap": false, "alasan": …}` — for a load balancer or an
//!   orchestrator.
//! - The request log ([`tracing`], level from `RUST_LOG`): one line per request with the method,
//!   the **route pattern** (`/pegawai/{nip}`, never the NIP itself), the status, the latency and
//!   a request id (`x-request-id`, echoed to the client). No query strings, bodies, cookies or
//!   tokens are logged.
//! - A graceful shutdown ([`crate::serve_until`]) stops accepting requests and lets the ones in
//!   flight finish; the binary then waits for the background jobs (`ipasn_app::tugas`).

use crate::App;
use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderName, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use std::time::Duration;
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::trace::TraceLayer;

/// The header carrying the request id.
pub static X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The health routes (no login).
pub fn routes() -> Router<App> {
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
}

async fn readyz(State(app): State<App>) -> axum::response::Response {
    match app.db.siap().await {
        Ok(()) => axum::Json(serde_json::json!({"siap": true})).into_response(),
        Err(why) => (
            StatusCode::SERVICE_UNAVAILABLE,
            axum::Json(serde_json::json!({"siap": false, "alasan": why})),
        )
            .into_response(),
    }
}

/// Random request ids (16 hex digits).
#[derive(Clone, Copy, Default)]
struct AcakId;

impl MakeRequestId for AcakId {
    fn make_request_id<B>(&mut self, _: &axum::http::Request<B>) -> Option<RequestId> {
        use rand::RngCore;
        let id = format!("{:016x}", rand::rng().next_u64());
        axum::http::HeaderValue::from_str(&id)
            .ok()
            .map(RequestId::new)
    }
}

/// Adds the request log and the request id to a router.
pub fn dengan_log(router: Router) -> Router {
    let trace = TraceLayer::new_for_http()
        .make_span_with(|req: &Request| {
            let route = req
                .extensions()
                .get::<MatchedPath>()
                .map(|m| m.as_str().to_string())
                .unwrap_or_else(|| "(tidak dikenal)".into());
            let id = req
                .headers()
                .get(&X_REQUEST_ID)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string();
            tracing::info_span!("permintaan", method = %req.method(), route, id)
        })
        .on_request(())
        .on_response(
            |res: &axum::http::Response<_>, latency: Duration, _span: &tracing::Span| {
                tracing::info!(
                    status = res.status().as_u16(),
                    ms = latency.as_secs_f64() * 1000.0,
                    "selesai"
                );
            },
        )
        .on_failure(());
    router
        .layer(PropagateRequestIdLayer::new(X_REQUEST_ID.clone()))
        .layer(trace)
        .layer(SetRequestIdLayer::new(X_REQUEST_ID.clone(), AcakId))
}
