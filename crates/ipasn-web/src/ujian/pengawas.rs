//! The proctor's view: a live table of a session's takers (not started, answering, idle,
//! disconnected, paused, submitted) kept current by server-sent events — each event carries the
//! counts and the rows that changed since the last one — and pause, resume and extend for one
//! person, some, or the whole room, with a reason, audited. The table is read from the
//! database, so every `ipasn serve` process on one PostgreSQL shows the same room.

use super::{Rencana, aturan, rencana};
use crate::App;
use crate::auth::Pengguna;
use crate::galat::Galat;
use axum::extract::{Path, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use ipasn_instrumen::ujian::{Jam, StatusPeserta, status};
use ipasn_store::ujian::{self as simpan, Peserta, kini_ms};
use serde::Serialize;
use serde_json::json;
use std::collections::HashMap;
use std::time::Duration;

pub(super) fn routes() -> Router<App> {
    Router::new()
        .route("/ujian/sesi/{id}/langsung", get(langsung))
        .route("/ujian/sesi/{id}/atur", post(atur))
}

/// One taker in the live table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(super) struct Baris {
    id: i64,
    nip: String,
    nama: String,
    status: StatusPeserta,
    /// Section and item in words (`2/3 · 14/50`).
    tempat: String,
    /// Seconds left (`None`: untimed or not running).
    sisa: Option<i64>,
    /// Minutes since the last answer.
    diam: Option<i64>,
}

/// The live table: counts per status and the rows.
#[derive(Clone, Debug, Serialize)]
pub(super) struct Tabel {
    hitung: HashMap<&'static str, usize>,
    baris: Vec<Baris>,
}

fn kode(s: StatusPeserta) -> &'static str {
    match s {
        StatusPeserta::Belum => "belum",
        StatusPeserta::Mengerjakan => "mengerjakan",
        StatusPeserta::Diam => "diam",
        StatusPeserta::Terputus => "terputus",
        StatusPeserta::Jeda => "jeda",
        StatusPeserta::Selesai => "selesai",
    }
}

/// The table of a session's takers in the viewer's scope.
pub(super) async fn baris(
    app: &App,
    r: &Rencana,
    peserta: &[Peserta],
    u: &Pengguna,
) -> Result<Tabel, Galat> {
    let a = aturan(app).await?;
    let kini = kini_ms();
    let mut hitung: HashMap<&'static str, usize> = HashMap::new();
    let baris: Vec<Baris> = peserta
        .iter()
        .filter(|p| u.dalam_cakupan(&p.unor_path))
        .map(|p| {
            let s = status(
                p.mulai.is_some(),
                p.selesai.is_some(),
                p.jeda_sejak.is_some(),
                p.detak,
                p.jawab.or(p.bagian_mulai),
                kini,
                &a,
            );
            *hitung.entry(kode(s)).or_default() += 1;
            let n = r
                .bagian
                .get(p.bagian as usize)
                .map(|b| b.butir.len())
                .unwrap_or(0);
            let tempat = if p.mulai.is_none() || p.selesai.is_some() {
                String::new()
            } else {
                format!(
                    "{}/{} · {}/{}",
                    p.bagian + 1,
                    r.bagian.len(),
                    (p.posisi + 1).min(n as i64),
                    n
                )
            };
            let jam = Jam {
                tenggat: p.tenggat,
                jeda_sejak: p.jeda_sejak,
            };
            Baris {
                id: p.id,
                nip: p.nip.clone(),
                nama: p.nama.clone(),
                status: s,
                tempat,
                sisa: if p.selesai.is_none() && p.bagian_mulai.is_some() {
                    jam.sisa_ms(kini).map(|m| (m + 999) / 1000)
                } else {
                    None
                },
                diam: p.jawab.map(|j| (kini - j) / 60_000),
            }
        })
        .collect();
    Ok(Tabel { hitung, baris })
}

/// Live tables open at once in this process: each reads its room every two seconds, so their
/// number is bounded (a proctor past it gets 503 and the page keeps its first table).
const LANGSUNG_MAKS: usize = 200;
static LANGSUNG: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// One open live table (counted while it lives).
struct Terbuka;

impl Terbuka {
    fn buka() -> Option<Terbuka> {
        use std::sync::atomic::Ordering;
        let n = LANGSUNG.fetch_add(1, Ordering::SeqCst);
        if n >= LANGSUNG_MAKS {
            LANGSUNG.fetch_sub(1, Ordering::SeqCst);
            return None;
        }
        Some(Terbuka)
    }
}

impl Drop for Terbuka {
    fn drop(&mut self) {
        LANGSUNG.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}

/// Server-sent events: the counts and the changed rows every two seconds.
///
/// Every tick checks again that the proctor's session is alive and that they still proctor
/// this session (removed, logged out, deactivated: the stream ends).
async fn langsung(
    State(app): State<App>,
    u: Pengguna,
    Path(id): Path<i64>,
    headers: axum::http::HeaderMap,
) -> Result<Response, Galat> {
    let token = crate::auth::cookie(&headers, crate::auth::COOKIE_SESI)
        .unwrap_or_default()
        .to_string();
    if !u.awasi_ujian(&app, id).await? {
        return Err(u.terlarang());
    }
    let Some(r) = rencana(&app, id).await? else {
        return Err(u.tidak_ada());
    };
    let Some(terbuka) = Terbuka::buka() else {
        return Ok((
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            [(axum::http::header::RETRY_AFTER, "30")],
        )
            .into_response());
    };
    u.catat(&app, "awasi_ujian", &format!("sesi:{id}"), "")
        .await?;
    let state = (app, u, r, HashMap::<i64, Baris>::new(), true, terbuka);
    let stream =
        futures_util::stream::unfold(state, move |(app, u, r, mut lalu, pertama, terbuka)| {
            let token = token.clone();
            async move {
                if !pertama {
                    tokio::time::sleep(Duration::from_secs(2)).await;
                    let masih = ipasn_store::akun::sesi(&app.db, &token).await.ok()??;
                    if masih.akun.id != u.akun.id
                        || masih.akun.peran != u.akun.peran
                        || masih.akun.unor_id != u.akun.unor_id
                        || !u.awasi_ujian(&app, r.sesi.id).await.ok()?
                    {
                        return None;
                    }
                }
                let peserta = simpan::peserta_sesi(&app.db, r.sesi.id).await.ok()?;
                let t = baris(&app, &r, &peserta, &u).await.ok()?;
                let berubah: Vec<&Baris> = t
                    .baris
                    .iter()
                    .filter(|b| lalu.get(&b.id) != Some(*b))
                    .collect();
                let data =
                    json!({"hitung": t.hitung, "baris": berubah, "penuh": pertama}).to_string();
                for b in &t.baris {
                    lalu.insert(b.id, b.clone());
                }
                let ev: Result<Event, std::convert::Infallible> = Ok(Event::default().data(data));
                Some((ev, (app, u, r, lalu, false, terbuka)))
            }
        });
    Ok(Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response())
}

/// Pause, resume or extend: the ticked takers (none ticked: the whole room), with a reason.
async fn atur(
    State(app): State<App>,
    u: Pengguna,
    Path(id): Path<i64>,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, Galat> {
    if !u.awasi_ujian(&app, id).await? {
        return Err(u.terlarang());
    }
    if rencana(&app, id).await?.is_none() {
        return Err(u.tidak_ada());
    }
    let get = |k: &str| {
        f.iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let alasan: String = get("alasan").chars().take(500).collect();
    if alasan.is_empty() {
        return Err(u.permintaan("uji_alasan_wajib"));
    }
    let mut ids: Vec<i64> = f
        .iter()
        .filter(|(k, _)| k == "peserta")
        .filter_map(|(_, v)| v.parse().ok())
        .take(100_000)
        .collect();
    // A scoped proctor acts on the takers of their subtree only: "the whole room" is the part
    // they see. (The statements filter by session as well.)
    if u.cakupan.is_some() {
        let terlihat: std::collections::HashSet<i64> = simpan::peserta_sesi(&app.db, id)
            .await?
            .into_iter()
            .filter(|p| u.dalam_cakupan(&p.unor_path))
            .map(|p| p.id)
            .collect();
        if ids.is_empty() {
            ids = terlihat.into_iter().collect();
            if ids.is_empty() {
                return Err(u.terlarang());
            }
        } else {
            ids.retain(|i| terlihat.contains(i));
        }
    }
    let pilih = (!ids.is_empty() || u.cakupan.is_some()).then_some(ids.as_slice());
    let kini = kini_ms();
    let aksi = get("aksi");
    let tenggang = i64::from(super::aturan(&app).await?.tenggang_detik) * 1000;
    let n = match aksi.as_str() {
        "jeda" => simpan::jeda(&app.db, id, pilih, kini, tenggang).await?,
        "cabut" => simpan::cabut(&app.db, id, pilih).await?,
        "buka_kunci" => {
            // The sign-in limit of the ticked takers (none ticked: the whole visible room).
            let mut n = 0;
            for p in simpan::peserta_sesi(&app.db, id).await? {
                if u.dalam_cakupan(&p.unor_path) && pilih.is_none_or(|ids| ids.contains(&p.id)) {
                    ipasn_store::akun::lupakan(&app.db, &format!("ujian:{}", p.nip)).await?;
                    n += 1;
                }
            }
            n
        }
        "lanjut" => simpan::lanjut(&app.db, id, pilih, kini).await?,
        "tambah" => {
            let menit: f64 = get("menit").replace(',', ".").parse().unwrap_or(0.0);
            if !(0.0..=600.0).contains(&menit) || menit == 0.0 {
                return Err(u.permintaan("uji_menit_tambah_salah"));
            }
            simpan::tambah(&app.db, id, pilih, (menit * 60_000.0).round() as i64).await?
        }
        _ => return Err(u.permintaan("uji_aksi_salah")),
    };
    u.catat(
        &app,
        &format!("{aksi}_ujian"),
        &format!("sesi:{id}"),
        &json!({"alasan": alasan, "peserta": if ids.is_empty() { json!("semua") } else { json!(ids) }, "berubah": n, "menit": get("menit")}).to_string(),
    )
    .await?;
    Ok(Redirect::to(&format!("/ujian/sesi/{id}?berubah={n}#langsung")).into_response())
}
