//! Signing in to an online test: the page at `/ujian` (NIP + card token, and a signed-in
//! pegawai's open invitations), the form and the JSON call, a pegawai's start from their own
//! account, and the test page itself. A card token is checked by its SHA-256 under a per-NIP
//! attempt limit; a sign-in gives the attempt a new key (the cookie) and CSRF token.

use super::peserta::{COOKIE_UJIAN, acak, keadaan, pesan_json, sidik, token_normal};
use super::{hari_ini, rencana};
use crate::App;
use crate::auth::{Pengguna, cookie, lang_of};
use crate::galat::Galat;
use crate::teks::{Pesan, T};
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use ipasn_core::teks::Lang;
use ipasn_store::akun::{self, Coba};
use ipasn_store::ujian::{self as simpan, Peserta, kini_ms};
use serde::Deserialize;
use serde_json::Value;

/// The sign-in form's double-submit cookie.
const COOKIE_PRA: &str = "ipasn_ujian_pra";

pub(super) fn routes() -> Router<App> {
    Router::new()
        .route("/ujian", get(halaman_masuk))
        .route(
            "/ujian/masuk",
            post(masuk_form).layer(DefaultBodyLimit::max(crate::auth::LOGIN_MAKS)),
        )
        .route("/ujian/akun/{id}", post(masuk_akun))
        .route("/ujian/tes", get(halaman_tes))
        .route(
            "/ujian/api/masuk",
            post(masuk_json).layer(DefaultBodyLimit::max(crate::auth::LOGIN_MAKS)),
        )
}

/// The taker's cookies: the `/ujian` paths only, never sent from another site.
fn set_cookie(app: &App, name: &str, value: &str, max_age: Option<i64>) -> HeaderValue {
    crate::auth::cookie_header(
        app,
        name,
        value,
        max_age,
        "/ujian; HttpOnly; SameSite=Strict",
    )
}

/// To the test page, signed in with this key.
fn ke_tes(app: &App, kunci: &str) -> Response {
    let mut r = Redirect::to("/ujian/tes").into_response();
    r.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(app, COOKIE_UJIAN, kunci, None),
    );
    r
}

#[derive(askama::Template)]
#[template(path = "ujian_masuk.html")]
struct MasukPage {
    t: T,
    pra: String,
    pesan: String,
    nip: String,
    token: String,
    /// The signed-in pegawai's open invitations: (attempt id, session name, window).
    undangan: Vec<(i64, String, String)>,
    csrf_akun: String,
}

async fn render_masuk(
    app: &App,
    headers: &HeaderMap,
    lang: Lang,
    status: StatusCode,
    pesan: String,
    nip: &str,
    token: &str,
) -> Response {
    let pra = acak(16);
    // A pegawai signed in with their own account sees their open invitations.
    let mut undangan = vec![];
    let mut csrf_akun = String::new();
    if let Some(k) = cookie(headers, crate::auth::COOKIE_SESI)
        && let Ok(Some(s)) = akun::sesi(&app.db, k).await
        && let Some(nip) = &s.akun.nip
    {
        csrf_akun = s.csrf.clone();
        let hari = hari_ini(app).await.unwrap_or_default();
        for p in simpan::undangan(&app.db, nip).await.unwrap_or_default() {
            if p.selesai.is_some() {
                continue;
            }
            if let Ok(Some(r)) = rencana(app, p.sesi_id).await
                && r.sesi.buka.as_str() <= hari.as_str()
                && hari.as_str() <= r.sesi.tutup.as_str()
            {
                let w = format!(
                    "{} – {}",
                    crate::tampilan::tanggal(&r.sesi.buka, lang),
                    crate::tampilan::tanggal(&r.sesi.tutup, lang)
                );
                undangan.push((p.id, r.sesi.nama.clone(), w));
            }
        }
    }
    let page = MasukPage {
        t: T(lang),
        pra: pra.clone(),
        pesan,
        nip: nip.to_string(),
        token: token.to_string(),
        undangan,
        csrf_akun,
    };
    let mut r = (
        status,
        Html(askama::Template::render(&page).unwrap_or_default()),
    )
        .into_response();
    r.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(app, COOKIE_PRA, &pra, Some(3600)),
    );
    r
}

async fn halaman_masuk(
    State(app): State<App>,
    headers: HeaderMap,
    uri: axum::http::Uri,
) -> Response {
    let lang = lang_of(&headers, uri.query());
    render_masuk(&app, &headers, lang, StatusCode::OK, String::new(), "", "").await
}

/// Why a sign-in was refused.
enum Tolak {
    Salah,
    Terkunci(i64),
    BelumBuka(String),
    Tutup,
}

impl Tolak {
    fn status(&self) -> StatusCode {
        match self {
            Tolak::Salah => StatusCode::UNAUTHORIZED,
            Tolak::Terkunci(_) => StatusCode::TOO_MANY_REQUESTS,
            Tolak::BelumBuka(_) => StatusCode::FORBIDDEN,
            Tolak::Tutup => StatusCode::GONE,
        }
    }

    fn pesan(&self) -> (Pesan, &'static str) {
        match self {
            Tolak::Salah => (Pesan::new("uji_token_salah"), "uji_token_salah"),
            Tolak::Terkunci(d) => (
                Pesan::new("uji_terkunci").isi((d + 59) / 60),
                "uji_terkunci",
            ),
            Tolak::BelumBuka(t) => (
                Pesan::new("uji_belum_buka").isi2(
                    crate::tampilan::tanggal(t, Lang::Id),
                    crate::tampilan::tanggal(t, Lang::En),
                ),
                "uji_belum_buka",
            ),
            Tolak::Tutup => (Pesan::new("uji_tutup"), "uji_tutup"),
        }
    }
}

/// Checks a NIP and card token: the attempt, its new cookie key and CSRF token.
async fn masuk_inti(
    app: &App,
    nip: &str,
    token: &str,
) -> Result<Result<(Peserta, String), Tolak>, Galat> {
    let nip: String = nip.trim().chars().take(32).collect();
    let token = token_normal(token);
    if nip.is_empty() || token.is_empty() {
        return Ok(Err(Tolak::Salah));
    }
    let kunci_batas = format!("ujian:{nip}");
    let maks = i64::from(super::aturan(app).await?.masuk_gagal_maks);
    let coba = match akun::coba_batas(&app.db, &kunci_batas, maks).await? {
        Coba::Boleh(t) => t,
        Coba::Terkunci(d) => {
            let _ =
                ipasn_store::audit::tulis(&app.db, None, &nip, "masuk_ujian_terkunci", &nip, "")
                    .await;
            return Ok(Err(Tolak::Terkunci(d)));
        }
    };
    let Some(p) = simpan::peserta_token(&app.db, &nip, &sidik(&token)).await? else {
        let _ = ipasn_store::audit::tulis(&app.db, None, &nip, "masuk_ujian_gagal", &nip, "").await;
        return Ok(Err(Tolak::Salah));
    };
    akun::lepas(&app.db, &kunci_batas, &coba).await?;
    buka_sesi(app, p).await
}

/// Signs an attempt in after its person was checked: the window, a new key.
async fn buka_sesi(app: &App, p: Peserta) -> Result<Result<(Peserta, String), Tolak>, Galat> {
    let Some(r) = rencana(app, p.sesi_id).await? else {
        return Ok(Err(Tolak::Salah));
    };
    let hari = hari_ini(app).await?;
    if hari < r.sesi.buka {
        return Ok(Err(Tolak::BelumBuka(r.sesi.buka.clone())));
    }
    if hari > r.sesi.tutup || p.selesai.is_some() {
        return Ok(Err(Tolak::Tutup));
    }
    let kunci = acak(32);
    let csrf = acak(24);
    simpan::pasang_kunci(&app.db, p.id, &sidik(&kunci), &csrf, kini_ms()).await?;
    ipasn_store::audit::tulis(
        &app.db,
        None,
        &p.nip,
        "masuk_ujian",
        &format!("sesi:{}", p.sesi_id),
        "",
    )
    .await?;
    let p = Peserta {
        csrf: Some(csrf),
        ..p
    };
    Ok(Ok((p, kunci)))
}

#[derive(Deserialize)]
struct FormMasuk {
    #[serde(default)]
    nip: String,
    #[serde(default)]
    token: String,
    #[serde(default)]
    _csrf: String,
}

async fn masuk_form(
    State(app): State<App>,
    headers: HeaderMap,
    uri: axum::http::Uri,
    Form(f): Form<FormMasuk>,
) -> Result<Response, Galat> {
    let lang = lang_of(&headers, uri.query());
    let pra = cookie(&headers, COOKIE_PRA).unwrap_or("");
    if pra.is_empty() || pra != f._csrf {
        let m = T(lang).s("form_expired_please_try").to_string();
        return Ok(render_masuk(
            &app,
            &headers,
            lang,
            StatusCode::BAD_REQUEST,
            m,
            &f.nip,
            &f.token,
        )
        .await);
    }
    match masuk_inti(&app, &f.nip, &f.token).await? {
        Ok((_, kunci)) => Ok(ke_tes(&app, &kunci)),
        Err(t) => {
            let m = t.pesan().0.dalam(lang);
            Ok(render_masuk(&app, &headers, lang, t.status(), m, &f.nip, &f.token).await)
        }
    }
}

#[derive(Deserialize)]
struct JsonMasuk {
    nip: String,
    token: String,
}

async fn masuk_json(
    State(app): State<App>,
    headers: HeaderMap,
    Json(f): Json<JsonMasuk>,
) -> Result<Response, Galat> {
    let lang = lang_of(&headers, None);
    match masuk_inti(&app, &f.nip, &f.token).await? {
        Ok((p, kunci)) => {
            let v = keadaan(&app, p, lang).await?;
            let mut r = Json(v).into_response();
            r.headers_mut().append(
                header::SET_COOKIE,
                set_cookie(&app, COOKIE_UJIAN, &kunci, None),
            );
            Ok(r)
        }
        Err(t) => {
            let (p, kode) = t.pesan();
            let mut r = (t.status(), Json(pesan_json(&p, kode))).into_response();
            if let Tolak::Terkunci(d) = t {
                r.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(d));
            }
            Ok(r)
        }
    }
}

/// A pegawai starts their own invitation from their account.
async fn masuk_akun(
    State(app): State<App>,
    u: Pengguna,
    Path(id): Path<i64>,
) -> Result<Response, Galat> {
    let Some(p) = simpan::peserta(&app.db, id).await? else {
        return Err(u.tidak_ada());
    };
    if u.akun.nip.as_deref() != Some(p.nip.as_str()) {
        return Err(u.tidak_ada());
    }
    match buka_sesi(&app, p).await? {
        Ok((_, kunci)) => Ok(ke_tes(&app, &kunci)),
        Err(t) => Err(Galat::Permintaan(t.pesan().0, u.lang, false)),
    }
}

#[derive(askama::Template)]
#[template(path = "ujian_tes.html")]
struct TesPage {
    t: T,
    kata: String,
}

/// The words the test page's script shows.
const KATA_HALAMAN: &[&str] = &[
    "uji_mulai",
    "uji_lanjut_bagian",
    "uji_selesai",
    "uji_sebelumnya",
    "uji_berikutnya",
    "uji_sisa",
    "uji_terputus",
    "uji_tersambung",
    "uji_tersimpan",
    "uji_menyimpan",
    "uji_antre",
    "uji_jeda",
    "uji_selesai_terima_kasih",
    "uji_bagian_dari",
    "uji_butir_dari",
    "uji_belum_dijawab",
    "uji_yakin_lanjut",
    "uji_yakin_selesai",
    "uji_waktu_habis",
    "uji_masuk_lain",
    "uji_paling",
    "uji_kurang",
    "uji_tanpa_batas",
    "uji_tidak_diterima",
    "uji_keluar_halaman",
    "uji_selesai_judul",
    "uji_detik_teks",
    "uji_menit_teks",
    "uji_n_butir",
];

async fn halaman_tes(
    State(app): State<App>,
    headers: HeaderMap,
    uri: axum::http::Uri,
) -> Result<Response, Galat> {
    let lang = lang_of(&headers, uri.query());
    // Without a signed-in attempt, the sign-in page.
    let signed = match cookie(&headers, COOKIE_UJIAN) {
        Some(k) => simpan::peserta_kunci(&app.db, &sidik(k)).await?.is_some(),
        None => false,
    };
    if !signed {
        return Ok(Redirect::to("/ujian").into_response());
    }
    let t = T(lang);
    let kata: serde_json::Map<String, Value> = KATA_HALAMAN
        .iter()
        .map(|k| (k.to_string(), Value::String(t.s(k).to_string())))
        .collect();
    crate::tampilan::render(&TesPage {
        t,
        kata: crate::tampilan::script_json(&kata),
    })
}
