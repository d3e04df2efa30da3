//! One-time token cards of a session: a confirmation naming how many persons get new cards,
//! then CSV, XLSX or a printable page. Only each token's SHA-256 is stored, so cards are shown
//! once; new cards replace the earlier ones of persons who have not started (and of those whose
//! card a proctor revoked). Audited.

use super::rencana;
use crate::App;
use crate::auth::Pengguna;
use crate::galat::Galat;
use crate::tampilan::{Nav, render};
use crate::unduh::{Format, encode};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use ipasn_data::tabel::tulis::{Sel, Tabel};
use ipasn_store::ujian as simpan;
use serde::Deserialize;
use serde_json::json;
use sha2::{Digest, Sha256};

pub(super) fn routes() -> Router<App> {
    Router::new().route("/ujian/sesi/{id}/kartu", get(kartu_tanya).post(kartu))
}

/// A card token: 12 characters of Crockford's base-32 alphabet (no I, L, O, U), about 60 bits,
/// shown as `XXXX-XXXX-XXXX`.
pub(super) fn token_baru() -> String {
    use rand::Rng;
    const ABJAD: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut g = rand::rng();
    let s: String = (0..12)
        .map(|_| ABJAD[g.random_range(0..ABJAD.len())] as char)
        .collect();
    format!("{}-{}-{}", &s[0..4], &s[4..8], &s[8..12])
}

#[derive(Template)]
#[template(path = "ujian_kartu.html")]
struct KartuPage {
    nav: Nav,
    id: i64,
    nama: String,
    /// Confirming: how many persons get new cards.
    tanya: Option<usize>,
    /// Printing: (NIP, name, token).
    kartu: Vec<(String, String, String)>,
    alamat: String,
    jendela: String,
}

async fn kartu_tanya(
    State(app): State<App>,
    u: Pengguna,
    Path(id): Path<i64>,
) -> Result<Response, Galat> {
    if !u.atur_ujian() {
        return Err(u.terlarang());
    }
    let Some(r) = rencana(&app, id).await? else {
        return Err(u.tidak_ada());
    };
    let n = simpan::peserta_sesi(&app.db, id)
        .await?
        .iter()
        .filter(|p| perlu_kartu(p) && u.dalam_cakupan(&p.unor_path))
        .count();
    render(&KartuPage {
        nav: Nav::of(&u),
        id,
        nama: r.sesi.nama.clone(),
        tanya: Some(n),
        kartu: vec![],
        alamat: String::new(),
        jendela: String::new(),
    })
}

/// Who gets a new card: persons who have not started, and persons whose card a proctor revoked
/// and who have not submitted.
fn perlu_kartu(p: &simpan::Peserta) -> bool {
    p.selesai.is_none() && (p.mulai.is_none() || p.bertoken == 0)
}

#[derive(Deserialize)]
struct FormKartu {
    #[serde(default)]
    format: String,
    #[serde(default)]
    konfirmasi: String,
}

/// New cards for every invited person (in the user's scope) who has not started.
async fn kartu(
    State(app): State<App>,
    u: Pengguna,
    Path(id): Path<i64>,
    headers: axum::http::HeaderMap,
    Form(f): Form<FormKartu>,
) -> Result<Response, Galat> {
    if !u.atur_ujian() {
        return Err(u.terlarang());
    }
    let Some(r) = rencana(&app, id).await? else {
        return Err(u.tidak_ada());
    };
    if f.konfirmasi != "1" {
        return Ok(Redirect::to(&format!("/ujian/sesi/{id}/kartu")).into_response());
    }
    let orang: Vec<_> = simpan::peserta_sesi(&app.db, id)
        .await?
        .into_iter()
        .filter(|p| perlu_kartu(p) && u.dalam_cakupan(&p.unor_path))
        .collect();
    let mut token = vec![];
    let mut kartu = vec![];
    for p in &orang {
        let tk = token_baru();
        let s = hex::encode(Sha256::digest(super::peserta::token_normal(&tk).as_bytes()));
        token.push((p.id, s));
        kartu.push((p.nip.clone(), p.nama.clone(), tk));
    }
    simpan::simpan_token(&app.db, &token).await?;
    u.catat(
        &app,
        "kartu_ujian",
        &format!("sesi:{id}"),
        &json!({"kartu": kartu.len(), "format": f.format}).to_string(),
    )
    .await?;
    // The address on the cards: the configured public origin when there is one (a forged Host
    // header cannot print another address), else the request's own host.
    let alamat = match app.opsi.origin_tepercaya.first() {
        Some(o) => format!("{}/ujian", o.trim_end_matches('/')),
        None => {
            let host = headers
                .get(header::HOST)
                .and_then(|h| h.to_str().ok())
                .unwrap_or("localhost");
            let skema = if app.opsi.cookie_aman {
                "https"
            } else {
                "http"
            };
            format!("{skema}://{host}/ujian")
        }
    };
    let t = u.t();
    let format = match f.format.as_str() {
        "csv" => Some(Format::Csv),
        "xlsx" => Some(Format::Xlsx),
        _ => None,
    };
    let jendela = format!(
        "{} – {}",
        crate::tampilan::tanggal(&r.sesi.buka, u.lang),
        crate::tampilan::tanggal(&r.sesi.tutup, u.lang)
    );
    match format {
        Some(fmt) => {
            let mut tabel = Tabel::new(
                ["nip", "nama", "token", "alamat", "sesi", "jendela"]
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
                kartu
                    .iter()
                    .map(|(n, nm, tk)| {
                        vec![
                            Sel::Teks(n.clone()),
                            Sel::Teks(nm.clone()),
                            Sel::Teks(tk.clone()),
                            Sel::Teks(alamat.clone()),
                            Sel::Teks(r.sesi.nama.clone()),
                            Sel::Teks(jendela.clone()),
                        ]
                    })
                    .collect(),
            );
            tabel.judul = vec![format!("{} · {}", t.s("uji_kartu"), r.sesi.nama)];
            let bytes = encode(tabel, fmt).map_err(|e| Galat::Server(e, false))?;
            let (ext, ct) = match fmt {
                Format::Csv => ("csv", "text/csv; charset=utf-8"),
                Format::Xlsx => (
                    "xlsx",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ),
            };
            Ok((
                [
                    (header::CONTENT_TYPE, ct.to_string()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"kartu-ujian-{id}.{ext}\""),
                    ),
                    (header::CACHE_CONTROL, "no-store".to_string()),
                ],
                bytes,
            )
                .into_response())
        }
        None => {
            let mut r = render(&KartuPage {
                nav: Nav::of(&u),
                id,
                nama: r.sesi.nama.clone(),
                tanya: None,
                kartu,
                alamat,
                jendela,
            })?;
            r.headers_mut()
                .insert(header::CACHE_CONTROL, "no-store".parse().expect("static"));
            Ok(r)
        }
    }
}
