//! The taker's side (sign-in and the page are [`super::masuk`]): the taker of a request, and
//! the page's JSON calls — the state of the attempt (one section's items with the saved
//! answers and the server's remaining time), start (through the admission queue), save answers,
//! move to the next section, submit, and the page's heartbeat.
//!
//! A taker's cookie (`ipasn_ujian`, HttpOnly, SameSite=Strict) holds a random key whose SHA-256
//! names the attempt; signing in again (another device) replaces it, so only one page answers.
//! Every POST after sign-in carries the attempt's CSRF token in `X-CSRF-Token`. The card token
//! is checked by its SHA-256 (a random 60-bit token with a per-NIP attempt limit needs no slow
//! hash, so a room of 500 signs in at once), and dies with the submission.

use super::{Rencana, aturan, hari_ini, nilai, rencana};
use crate::App;
use crate::auth::{cookie, lang_of};
use crate::galat::Galat;
use crate::teks::Pesan;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use ipasn_core::teks::Lang;
use ipasn_instrumen::definisi::JenisInstrumen;
use ipasn_instrumen::ujian::{Jam, Masuk as Antre};
use ipasn_store::ujian::{self as simpan, Peserta, Simpan, kini_ms};
use serde::Deserialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// The taker's cookie.
pub const COOKIE_UJIAN: &str = "ipasn_ujian";
/// The most answers one save carries (the page sends its queue in parts).
pub const JAWABAN_MAKS: usize = 500;

pub(super) fn routes() -> Router<App> {
    Router::new()
        .route("/ujian/api/keadaan", get(keadaan_api))
        .route("/ujian/api/mulai", post(mulai))
        .route("/ujian/api/jawab", post(jawab))
        .route("/ujian/api/lanjut", post(lanjut))
        .route("/ujian/api/selesai", post(selesai))
        .route("/ujian/api/detak", post(detak))
        .merge(super::masuk::routes())
}

pub(super) fn sidik(s: &str) -> String {
    hex::encode(Sha256::digest(s.as_bytes()))
}

pub(super) fn acak(n: usize) -> String {
    use rand::RngCore;
    let mut b = vec![0u8; n];
    rand::rng().fill_bytes(&mut b);
    hex::encode(b)
}

/// A card token as typed, normalised: upper case, without spaces or dashes, the letters that
/// look like digits read as digits (O → 0, I and L → 1).
pub(super) fn token_normal(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .take(64)
        .collect()
}

/// The signed-in taker of a request. A POST must carry the attempt's CSRF token.
pub(super) struct Taker {
    pub p: Peserta,
    pub lang: Lang,
}

impl FromRequestParts<App> for Taker {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        let lang = lang_of(&parts.headers, parts.uri.query());
        let tolak = |kunci: &'static str, status: StatusCode| {
            (status, Json(pesan_json(&Pesan::new(kunci), kunci))).into_response()
        };
        let Some(k) = cookie(&parts.headers, COOKIE_UJIAN) else {
            return Err(tolak("uji_belum_masuk", StatusCode::UNAUTHORIZED));
        };
        let p = simpan::peserta_kunci(&app.db, &sidik(k))
            .await
            .map_err(|e| Galat::from(e).into_response())?;
        let Some(p) = p else {
            return Err(tolak("uji_masuk_lain", StatusCode::UNAUTHORIZED));
        };
        if parts.method == Method::POST {
            let h = parts
                .headers
                .get("x-csrf-token")
                .and_then(|v| v.to_str().ok());
            let ok = matches!((h, &p.csrf), (Some(h), Some(c)) if h.len() == c.len() && h.as_bytes().iter().zip(c.as_bytes()).fold(0u8, |a, (x, y)| a | (x ^ y)) == 0);
            if !ok {
                return Err(tolak("csrf_token_salah", StatusCode::FORBIDDEN));
            }
        }
        Ok(Taker { p, lang })
    }
}

/// A message in both languages with its code, as the page's calls answer errors.
pub(super) fn pesan_json(p: &Pesan, kode: &str) -> Value {
    json!({"kode": kode, "galat": p.dalam(Lang::Id), "error": p.dalam(Lang::En)})
}

/// Closes what the clock or the window closed: a section past its deadline moves on (the last
/// one submits), an attempt whose window ended is submitted. The attempt as it is now.
async fn tutup_jika_lewat(app: &App, r: &Rencana, mut p: Peserta) -> Result<Peserta, Galat> {
    if p.selesai.is_some() {
        return Ok(p);
    }
    let a = aturan(app).await?;
    let kini = kini_ms();
    let jam = Jam {
        tenggat: p.tenggat,
        jeda_sejak: p.jeda_sejak,
    };
    let hari = hari_ini(app).await?;
    if hari > r.sesi.tutup && p.mulai.is_some() {
        nilai::selesaikan(app, r, p.id, "tutup").await?;
    } else if p.bagian_mulai.is_some() && jam.tutup(kini, i64::from(a.tenggang_detik) * 1000) {
        if p.bagian as usize + 1 >= r.bagian.len() {
            nilai::selesaikan(app, r, p.id, "tenggat").await?;
        } else {
            simpan::maju(&app.db, p.id, p.bagian).await?;
        }
    } else {
        return Ok(p);
    }
    if let Some(baru) = simpan::peserta(&app.db, p.id).await? {
        p = Peserta {
            csrf: p.csrf,
            ..baru
        };
    }
    Ok(p)
}

fn teks<'a>(id: &'a str, en: Option<&'a String>, lang: Lang) -> &'a str {
    match (lang, en) {
        (Lang::En, Some(e)) if !e.is_empty() => e,
        _ => id,
    }
}

/// The attempt's state for the page: status, the current section (its items once started),
/// the saved answers, the remaining time by the server's clock.
pub(super) async fn keadaan(app: &App, p: Peserta, lang: Lang) -> Result<Value, Galat> {
    let Some(r) = rencana(app, p.sesi_id).await? else {
        return Err(Galat::TidakAda(lang, true));
    };
    let p = tutup_jika_lewat(app, &r, p).await?;
    let mut v = json!({
        "peserta": p.id,
        "sesi": r.sesi.nama,
        "csrf": p.csrf,
        "seq": p.seq,
        "posisi": p.posisi,
    });
    let status = if p.selesai.is_some() {
        "selesai"
    } else if p.jeda_sejak.is_some() {
        "jeda"
    } else if p.bagian_mulai.is_none() {
        "belum"
    } else {
        "mengerjakan"
    };
    v["status"] = json!(status);
    if status == "selesai" {
        return Ok(v);
    }
    let a = aturan(app).await?;
    v["detak_detik"] = json!(a.detak_detik);
    let k = p.bagian as usize;
    let Some((bag, b)) = r.bundel_bagian(k) else {
        return Ok(v);
    };
    let def = &b.definisi;
    let sec = def.bagian.get(bag.bagian);
    let judul = sec
        .and_then(|s| {
            s.judul
                .as_ref()
                .map(|j| teks(j, s.judul_en.as_ref(), lang).to_string())
        })
        .unwrap_or_else(|| teks(&def.nama, def.nama_en.as_ref(), lang).to_string());
    let petunjuk = sec
        .and_then(|s| {
            s.petunjuk
                .as_ref()
                .map(|j| teks(j, s.petunjuk_en.as_ref(), lang).to_string())
        })
        .unwrap_or_default();
    let jam = Jam {
        tenggat: p.tenggat,
        jeda_sejak: p.jeda_sejak,
    };
    let sisa = if p.bagian_mulai.is_some() {
        jam.sisa_ms(kini_ms()).map(|ms| (ms + 999) / 1000)
    } else {
        bag.detik.map(i64::from)
    };
    let mut bagian = json!({
        "no": k + 1,
        "dari": r.bagian.len(),
        "instrumen": teks(&def.nama, def.nama_en.as_ref(), lang),
        "judul": judul,
        "petunjuk": petunjuk,
        "detik": bag.detik,
        "sisa_detik": sisa,
        "jenis": b.jenis.kode(),
        "jumlah": bag.butir.len(),
    });
    if p.bagian_mulai.is_some() && p.jeda_sejak.is_none() {
        bagian["pilihan"] = match (&def.likert, b.jenis) {
            (Some(l), JenisInstrumen::Likert) => (l.min..=l.max)
                .enumerate()
                .map(|(i, x)| {
                    let label = match lang {
                        Lang::En => l.label_en.get(i).or(l.label.get(i)),
                        Lang::Id => l.label.get(i),
                    };
                    json!({"kode": x.to_string(), "teks": label.cloned().unwrap_or_else(|| x.to_string())})
                })
                .collect(),
            _ => json!([]),
        };
        bagian["butir"] = bag
            .butir
            .iter()
            .map(|&i| {
                let x = &b.butir[i];
                json!({
                    "id": x.id,
                    "teks": teks(&x.teks, x.teks_en.as_ref(), lang),
                    "opsi": x.opsi.iter().map(|o| json!({"kode": o.kode, "teks": teks(&o.teks, o.teks_en.as_ref(), lang)})).collect::<Vec<_>>(),
                })
            })
            .collect();
        let saved = simpan::jawaban(&app.db, p.id, Some(p.bagian)).await?;
        let mut jw = serde_json::Map::new();
        for j in saved {
            if let Some(x) = b.butir.get(j.butir as usize) {
                jw.insert(x.id.clone(), json!({"nilai": j.nilai, "seq": j.seq}));
            }
        }
        v["jawaban"] = Value::Object(jw);
    }
    v["bagian"] = bagian;
    Ok(v)
}

async fn keadaan_api(State(app): State<App>, t: Taker) -> Result<Json<Value>, Galat> {
    Ok(Json(keadaan(&app, t.p, t.lang).await?))
}

fn konflik(kode: &'static str, status: &str) -> Response {
    let mut v = pesan_json(&Pesan::new(kode), kode);
    v["status"] = json!(status);
    (StatusCode::CONFLICT, Json(v)).into_response()
}

/// Whether today is inside the session's window (a taker signed in on the last day cannot start
/// or answer after midnight).
async fn dalam_jendela(app: &App, r: &Rencana) -> Result<bool, Galat> {
    let hari = hari_ini(app).await?;
    Ok(r.sesi.buka <= hari && hari <= r.sesi.tutup)
}

/// Starts the current section (the first through the admission queue).
async fn mulai(State(app): State<App>, t: Taker) -> Result<Response, Galat> {
    let Some(r) = rencana(&app, t.p.sesi_id).await? else {
        return Err(Galat::TidakAda(t.lang, true));
    };
    let p = tutup_jika_lewat(&app, &r, t.p).await?;
    if p.selesai.is_some() || p.bagian_mulai.is_some() {
        return Ok(Json(keadaan(&app, p, t.lang).await?).into_response());
    }
    if p.jeda_sejak.is_some() {
        return Ok(konflik("uji_jeda", "jeda"));
    }
    if !dalam_jendela(&app, &r).await? {
        return Ok(konflik("uji_tutup", "belum"));
    }
    let a = aturan(&app).await?;
    if p.mulai.is_none()
        && let Antre::Tunggu { posisi, ms } = app.antre(p.id, &a)
    {
        let mut v = keadaan(&app, p, t.lang).await?;
        v["status"] = json!("antre");
        v["antre"] = json!({"posisi": posisi, "tunggu_detik": ((ms + 999) / 1000).max(1)});
        return Ok(Json(v).into_response());
    }
    let kini = kini_ms();
    let limit = r.bagian.get(p.bagian as usize).and_then(|b| b.detik);
    let jam = Jam::mulai(kini, limit);
    simpan::mulai_bagian(&app.db, p.id, p.bagian, kini, jam.tenggat).await?;
    let baru = simpan::peserta(&app.db, p.id).await?.map(|b| Peserta {
        csrf: p.csrf.clone(),
        ..b
    });
    Ok(Json(keadaan(&app, baru.unwrap_or(p), t.lang).await?).into_response())
}

#[derive(Deserialize)]
struct SatuJawaban {
    butir: String,
    nilai: String,
    seq: i64,
    #[serde(default)]
    ms: i64,
}

#[derive(Deserialize)]
struct Jawab {
    jawaban: Vec<SatuJawaban>,
    #[serde(default)]
    posisi: i64,
    /// The section (1-based, as `bagian.no`); the current one when left out.
    #[serde(default)]
    bagian: Option<i64>,
}

/// Saves answers; 200 only once committed.
async fn jawab(State(app): State<App>, t: Taker, Json(f): Json<Jawab>) -> Result<Response, Galat> {
    let Some(r) = rencana(&app, t.p.sesi_id).await? else {
        return Err(Galat::TidakAda(t.lang, true));
    };
    let Some(bagian) = f.bagian.map_or(Some(t.p.bagian), |b| b.checked_sub(1)) else {
        return Ok((
            StatusCode::BAD_REQUEST,
            Json(pesan_json(
                &Pesan::new("uji_bagian_salah"),
                "uji_bagian_salah",
            )),
        )
            .into_response());
    };
    let salah = |kode: &'static str| {
        (
            StatusCode::BAD_REQUEST,
            Json(pesan_json(&Pesan::new(kode), kode)),
        )
            .into_response()
    };
    if f.jawaban.len() > JAWABAN_MAKS {
        return Ok(salah("uji_terlalu_banyak"));
    }
    let Some((bag, b)) = usize::try_from(bagian)
        .ok()
        .and_then(|k| r.bundel_bagian(k))
    else {
        return Ok(salah("uji_bagian_salah"));
    };
    let mut jawaban = Vec::with_capacity(f.jawaban.len());
    for j in &f.jawaban {
        let Some(i) = bag
            .butir
            .iter()
            .copied()
            .find(|&i| b.butir[i].id == j.butir)
        else {
            return Ok(salah("uji_butir_salah"));
        };
        if ipasn_instrumen::ujian::respons(b, i, &j.nilai).is_none() {
            return Ok(salah("uji_nilai_salah"));
        }
        if !(1..=(1i64 << 53)).contains(&j.seq) {
            return Ok(salah("uji_seq_salah"));
        }
        jawaban.push((
            i as i64,
            j.nilai.trim().to_string(),
            j.seq,
            j.ms.clamp(0, 86_400_000),
        ));
    }
    let a = aturan(&app).await?;
    let kini = kini_ms();
    // After the window's last day nothing is taken (the sweeper submits the attempt).
    let ok = if !dalam_jendela(&app, &r).await? {
        vec![false]
    } else {
        app.penulis()
            .simpan(vec![Simpan {
                peserta_id: t.p.id,
                bagian,
                posisi: f.posisi.clamp(0, bag.butir.len() as i64),
                kini,
                tenggang: i64::from(a.tenggang_detik) * 1000,
                jawaban,
                detak: None,
            }])
            .await?
    };
    if ok.first() == Some(&true) {
        let jam = Jam {
            tenggat: t.p.tenggat,
            jeda_sejak: t.p.jeda_sejak,
        };
        let seqs: Vec<i64> = f.jawaban.iter().map(|j| j.seq).collect();
        return Ok(Json(json!({
            "diterima": seqs,
            "sisa_detik": jam.sisa_ms(kini).map(|ms| (ms + 999) / 1000),
        }))
        .into_response());
    }
    // Not in that open section any more: say where the attempt is.
    let p = tutup_jika_lewat(&app, &r, t.p).await?;
    let v = keadaan(&app, p, t.lang).await?;
    let status = v["status"].as_str().unwrap_or("").to_string();
    Ok(konflik("uji_tidak_diterima", &status))
}

/// Closes the current section and shows the next one's instructions (the last: use submit).
async fn lanjut(State(app): State<App>, t: Taker) -> Result<Response, Galat> {
    let Some(r) = rencana(&app, t.p.sesi_id).await? else {
        return Err(Galat::TidakAda(t.lang, true));
    };
    let p = tutup_jika_lewat(&app, &r, t.p).await?;
    if p.selesai.is_none() && p.bagian_mulai.is_some() && p.jeda_sejak.is_none() {
        if p.bagian as usize + 1 >= r.bagian.len() {
            return Ok(konflik("uji_bagian_terakhir", "mengerjakan"));
        }
        simpan::maju(&app.db, p.id, p.bagian).await?;
    }
    let baru = simpan::peserta(&app.db, p.id).await?.map(|b| Peserta {
        csrf: p.csrf.clone(),
        ..b
    });
    Ok(Json(keadaan(&app, baru.unwrap_or(p), t.lang).await?).into_response())
}

/// Submits the attempt (scored at once).
async fn selesai(State(app): State<App>, t: Taker) -> Result<Response, Galat> {
    let Some(r) = rencana(&app, t.p.sesi_id).await? else {
        return Err(Galat::TidakAda(t.lang, true));
    };
    if t.p.jeda_sejak.is_some() {
        return Ok(konflik("uji_jeda", "jeda"));
    }
    if t.p.mulai.is_none() {
        return Ok(konflik("uji_belum_mulai", "belum"));
    }
    // Submission ends the attempt from its last section (earlier ones move on with "next").
    if (t.p.bagian as usize) + 1 < r.bagian.len() {
        return Ok(konflik("uji_bukan_terakhir", "mengerjakan"));
    }
    nilai::selesaikan(&app, &r, t.p.id, "peserta").await?;
    Ok(Json(json!({"status": "selesai", "sesi": r.sesi.nama})).into_response())
}

#[derive(Deserialize)]
struct Detak {
    #[serde(default)]
    keluar: i64,
    #[serde(default)]
    posisi: Option<i64>,
    /// The section the page shows (1-based); a position of another section is not taken.
    #[serde(default)]
    bagian: Option<i64>,
}

/// The page is still there; times it was left since the last call.
async fn detak(State(app): State<App>, t: Taker, Json(f): Json<Detak>) -> Result<Response, Galat> {
    let posisi = f
        .posisi
        .filter(|_| f.bagian.is_none_or(|b| b == t.p.bagian + 1))
        .map(|x| x.clamp(0, 100_000));
    app.penulis()
        .simpan(vec![Simpan {
            peserta_id: t.p.id,
            bagian: t.p.bagian,
            posisi: 0,
            kini: kini_ms(),
            tenggang: 0,
            jawaban: vec![],
            detak: Some((f.keluar, posisi)),
        }])
        .await?;
    let status = if t.p.jeda_sejak.is_some() {
        "jeda"
    } else {
        "ok"
    };
    let jam = Jam {
        tenggat: t.p.tenggat,
        jeda_sejak: t.p.jeda_sejak,
    };
    Ok(Json(json!({
        "status": status,
        "sisa_detik": jam.sisa_ms(kini_ms()).map(|ms| (ms + 999) / 1000),
    }))
    .into_response())
}
