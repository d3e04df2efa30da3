//! The JSON API: everything the pages show, for other systems and scripts. It uses the same
//! session cookie and roles as the pages (state-changing calls need the `X-CSRF-Token` header),
//! and `/api/openapi.json` describes it. The handlers live in the feature modules beside their
//! pages; this module holds the table of every API route ([`ROUTES`]), the OpenAPI document
//! built from it, and `/api/saya` and `/api/tahun`.

use crate::App;
use crate::auth::Pengguna;
use crate::galat::Galat;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use ipasn_store::baca;
use serde_json::{Value, json};

/// (method, path, summary, query parameters) of every API route; the OpenAPI document is built
/// from this table and a test checks it against the router.
pub const ROUTES: &[(&str, &str, &str, &[&str])] = &[
    (
        "get",
        "/api/saya",
        "The logged-in account and its CSRF token",
        &[],
    ),
    (
        "get",
        "/api/tahun",
        "Computed years with their rule set and cut-off date",
        &[],
    ),
    (
        "get",
        "/api/dasbor",
        "Dashboard of the user's starting unit",
        &["tahun"],
    ),
    (
        "get",
        "/api/unor/{unor}/dasbor",
        "Dashboard of a unit: mean IP vs target, categories, dimensions, trend, sub-units ranked",
        &["tahun"],
    ),
    (
        "get",
        "/api/unor/{unor}/pegawai",
        "Pegawai list of a unit's subtree (sortable, filterable, paginated); with diukur=tidak the persons not measured, with the reason",
        &[
            "tahun", "kategori", "jenis", "flag", "cari", "urut", "arah", "hal", "diukur", "status",
        ],
    ),
    (
        "get",
        "/api/pegawai/{nip}",
        "A person's IP ASN with its explanation and history (audited)",
        &["tahun"],
    ),
    (
        "get",
        "/api/unor/{unor}/rencana",
        "Development plan of a unit's subtree under a budget: chosen actions by kind, mean IP now and projected, distribution, cost per point, the year the target is reached, efficiency estimate (audited)",
        &[
            "tahun",
            "anggaran",
            "tujuan",
            "kategori",
            "pendidikan",
            "jp_maks",
        ],
    ),
    (
        "get",
        "/api/unor/{unor}/tindak-lanjut",
        "Follow-up of a unit's development in a year: individual plans planned against done, programme completion, participants' IP movement against comparable non-participants (audited)",
        &["tahun"],
    ),
    (
        "get",
        "/api/pegawai/{nip}/rencana",
        "A person's development plan for a year: status, agreements, actions (audited)",
        &["tahun"],
    ),
    (
        "get",
        "/api/unor/{unor}/talenta",
        "Nine-box of a unit's subtree: boxes with counts and actions, every person's box, calibration and rank within their jenjang (audited)",
        &["tahun", "kotak"],
    ),
    (
        "get",
        "/api/peta",
        "Mean IP per region of a map layer; unknown region codes listed",
        &["tahun", "lapisan", "kode"],
    ),
    ("get", "/api/impor", "Import history", &[]),
    (
        "post",
        "/api/impor",
        "Upload a package (multipart: berkas, aturan[, periksa]); returns the import id. With periksa=1 (query or field) a dry run: what would change, nothing stored. When persons or units would leave, the import waits (status menunggu) for POST /api/impor/{id}/konfirmasi. 409 while another import runs",
        &["periksa"],
    ),
    (
        "post",
        "/api/impor/{id}/konfirmasi",
        "Confirm a waiting import (status menunggu): stored if the data in force is still the one previewed, else previewed again",
        &[],
    ),
    (
        "post",
        "/api/impor/{id}/batal",
        "Cancel a waiting import",
        &[],
    ),
    (
        "post",
        "/api/impor/{id}/pulihkan",
        "Restore an earlier stored import (a new import of its kept package, previewed like any other); returns the new import id",
        &[],
    ),
    (
        "get",
        "/api/impor/{id}",
        "One import: status, progress with its stage and counts, what changed, problems",
        &[],
    ),
    (
        "post",
        "/api/asesmen/impor",
        "Upload competency assessment results (multipart: berkas = CSV/XLSX of nip, kompetensi, level, tanggal[, sumber]); returns the import id and status",
        &[],
    ),
    (
        "get",
        "/api/audit",
        "Audit log (admin); dari and sampai are dates (YYYY-MM-DD) in the instansi's time zone, inclusive",
        &["username", "aksi", "objek", "dari", "sampai"],
    ),
    (
        "get",
        "/api/asesmen/cari-pegawai",
        "Persons whose name or NIP matches q (at least 3 characters), for picking assessees (admin)",
        &["q"],
    ),
    ("get", "/api/openapi.json", "This document", &[]),
    (
        "post",
        "/ujian/api/masuk",
        "Online test: a taker signs in with {nip, token} (a card's token); sets the taker's cookie and returns the attempt's state with its csrf (send it as X-CSRF-Token on the calls below); 401 wrong or spent token, 429 too many attempts (Retry-After), 403 before the window, 410 after it",
        &[],
    ),
    (
        "get",
        "/ujian/api/keadaan",
        "Online test: the attempt's state — status (belum, antre, mengerjakan, jeda, selesai), the current section (items once started, sisa_detik by the server's clock), saved answers by item id with their seq, posisi",
        &[],
    ),
    (
        "post",
        "/ujian/api/mulai",
        "Online test: starts the current section (the first through the admission queue: status antre with posisi and tunggu_detik means ask again then)",
        &[],
    ),
    (
        "post",
        "/ujian/api/jawab",
        "Online test: saves {bagian (section no), posisi, jawaban: [{butir, nilai, seq, ms}]} (≤ 500); 200 {diterima, sisa_detik} once committed; a lower seq never replaces a higher one; 409 when the section is closed",
        &[],
    ),
    (
        "post",
        "/ujian/api/lanjut",
        "Online test: closes the current section and shows the next one's instructions",
        &[],
    ),
    (
        "post",
        "/ujian/api/selesai",
        "Online test: submits the attempt (scored into the psikolog's queue)",
        &[],
    ),
    (
        "post",
        "/ujian/api/detak",
        "Online test: the page's heartbeat {keluar (page leaves since the last call), posisi}; returns status and sisa_detik",
        &[],
    ),
];

/// The API's own routes (every feature module routes its API calls beside its pages).
pub fn routes() -> Router<App> {
    Router::new()
        .route("/api/saya", get(saya))
        .route("/api/tahun", get(tahun))
        .route("/api/openapi.json", get(openapi))
}

async fn saya(u: Pengguna) -> Json<Value> {
    Json(json!({"akun": u.akun, "csrf": u.csrf, "bahasa": u.t().code()}))
}

async fn tahun(State(app): State<App>, u: Pengguna) -> Result<Json<Value>, Galat> {
    if !u.lihat_dasbor() {
        return Err(u.terlarang());
    }
    Ok(Json(json!(
        baca::tahun(&app.db)
            .await
            .map_err(|e| Galat::Server(e.to_string(), true))?
    )))
}

/// The OpenAPI 3.1 document of [`ROUTES`].
pub fn openapi_doc() -> Value {
    let mut paths = serde_json::Map::new();
    for (method, path, summary, query) in ROUTES {
        let mut params: Vec<Value> = path
            .split('/')
            .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .map(|name| json!({"name": name, "in": "path", "required": true, "schema": {"type": "string"}}))
            .collect();
        params.extend(query.iter().map(|name| {
            let ty = if matches!(*name, "tahun" | "hal") {
                "integer"
            } else {
                "string"
            };
            json!({"name": name, "in": "query", "required": false, "schema": {"type": ty}})
        }));
        let mut op = json!({
            "summary": summary,
            "parameters": params,
            "responses": {
                "200": {"description": "OK", "content": {"application/json": {"schema": {"type": "object"}}}},
                "401": {"description": "Not logged in"},
                "403": {"description": "Not allowed for this role or unit scope"},
                "404": {"description": "Not found"}
            }
        });
        if *method == "post" {
            op["requestBody"] = json!({"required": true, "content": {"multipart/form-data": {"schema": {
                "type": "object", "properties": {"berkas": {"type": "string", "format": "binary"}, "aturan": {"type": "string"}},
                "required": ["berkas"]}}}});
            op["parameters"].as_array_mut().expect("array").push(
                json!({"name": "X-CSRF-Token", "in": "header", "required": true, "schema": {"type": "string"}}));
        }
        paths.entry(path.to_string()).or_insert_with(|| json!({}))[*method] = op;
    }
    json!({
        "openapi": "3.1.0",
        "info": {"title": "ipasn API", "version": env!("CARGO_PKG_VERSION"),
                 "description": "IP ASN measurement: dashboards, pegawai, explanations, map, imports, audit. Log in at /masuk; the session cookie authenticates API calls."},
        "components": {"securitySchemes": {"sesi": {"type": "apiKey", "in": "cookie", "name": "ipasn_sesi"}}},
        "security": [{"sesi": []}],
        "paths": paths,
    })
}

async fn openapi() -> Json<Value> {
    Json(openapi_doc())
}
