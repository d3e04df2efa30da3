//! The import's JSON API: the same functions as the pages.

use super::{
    batal_impor, konfirmasi_impor, mulai_impor, pesan_berjalan, pulihkan_impor, riwayat_impor,
    satu_impor,
};
use crate::App;
use crate::auth::Pengguna;
use crate::galat::Galat;
use axum::Json;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use ipasn_core::teks::Lang;
use serde_json::{Value, json};

pub(super) async fn impor_riwayat(
    State(app): State<App>,
    u: Pengguna,
) -> Result<Json<Value>, Galat> {
    Ok(Json(json!(riwayat_impor(&app, &u).await?)))
}

/// `?periksa=1`: a dry run.
#[derive(serde::Deserialize)]
pub(super) struct PeriksaQ {
    #[serde(default)]
    periksa: Option<String>,
}

/// 409 with who runs the other import.
fn konflik(b: &ipasn_store::impor::Berjalan, _u: &Pengguna) -> Response {
    let p = pesan_berjalan(b);
    (
        StatusCode::CONFLICT,
        Json(json!({"galat": p.dalam(Lang::Id), "error": p.dalam(Lang::En), "berjalan": b})),
    )
        .into_response()
}

pub(super) async fn impor_unggah(
    State(app): State<App>,
    u: Pengguna,
    Query(q): Query<PeriksaQ>,
    form: Multipart,
) -> Result<Response, Galat> {
    let periksa = q.periksa.is_some_and(|v| v != "0" && !v.is_empty());
    Ok(match mulai_impor(&app, &u, form, periksa).await? {
        Ok(id) => Json(json!({"id": id})).into_response(),
        Err(b) => konflik(&b, &u),
    })
}

pub(super) async fn impor_konfirmasi(
    State(app): State<App>,
    u: Pengguna,
    Path(id): Path<i64>,
) -> Result<Response, Galat> {
    Ok(match konfirmasi_impor(&app, &u, id).await? {
        Ok(()) => Json(json!({"id": id})).into_response(),
        Err(b) => konflik(&b, &u),
    })
}

pub(super) async fn impor_batal(
    State(app): State<App>,
    u: Pengguna,
    Path(id): Path<i64>,
) -> Result<Json<Value>, Galat> {
    batal_impor(&app, &u, id).await?;
    Ok(Json(json!({"id": id, "status": "dibatalkan"})))
}

pub(super) async fn impor_pulihkan(
    State(app): State<App>,
    u: Pengguna,
    Path(id): Path<i64>,
) -> Result<Response, Galat> {
    Ok(match pulihkan_impor(&app, &u, id).await? {
        Ok(baru) => Json(json!({"id": baru})).into_response(),
        Err(b) => konflik(&b, &u),
    })
}

pub(super) async fn impor_satu(
    State(app): State<App>,
    u: Pengguna,
    Path(id): Path<i64>,
) -> Result<Json<Value>, Galat> {
    let (i, m) = satu_impor(&app, &u, id).await?;
    let tahap = super::tahap::tahap(&i, u.t());
    Ok(Json(json!({"impor": i, "masalah": m, "tahap": tahap})))
}
