//! The audit log (admins): view model, page and API.

use crate::App;
use crate::auth::Pengguna;
use crate::galat::Galat;
use crate::tampilan::{Nav, render};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use ipasn_store::audit;
use serde_json::{Value, json};

/// The audit log's routes.
pub fn routes() -> Router<App> {
    Router::new()
        .route("/audit", get(audit_page))
        .route("/api/audit", get(audit_log))
}

/// The audit log's filter.
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct AuditQ {
    /// Exact username.
    #[serde(default)]
    pub username: String,
    /// Exact action.
    #[serde(default)]
    pub aksi: String,
    /// Exact object.
    #[serde(default)]
    pub objek: String,
}

impl AuditQ {
    /// As the store's filter.
    pub fn saring(self) -> audit::Saring {
        audit::Saring {
            username: self.username,
            aksi: self.aksi,
            objek: self.objek,
        }
    }
}

/// The audit log, filtered (admins only).
pub async fn audit(
    app: &App,
    user: &Pengguna,
    s: &audit::Saring,
) -> Result<Vec<audit::Entri>, Galat> {
    if !user.admin() {
        return Err(user.terlarang());
    }
    Ok(audit::daftar(&app.db, s, 500).await?)
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    nav: Nav,
    s: audit::Saring,
    entri: Vec<audit::Entri>,
}

async fn audit_page(
    State(app): State<App>,
    u: Pengguna,
    Query(q): Query<AuditQ>,
) -> Result<Response, Galat> {
    let s = q.saring();
    let entri = audit(&app, &u, &s).await?;
    render(&AuditPage {
        nav: Nav::of(&u),
        s,
        entri,
    })
}

async fn audit_log(
    State(app): State<App>,
    u: Pengguna,
    Query(q): Query<AuditQ>,
) -> Result<Json<Value>, Galat> {
    let s = q.saring();
    Ok(Json(json!(audit(&app, &u, &s).await?)))
}
