//! Who is asking, what they may see, and the guards on every state-changing request.
//!
//! - A session cookie (`ipasn_sesi`, HttpOnly, SameSite=Lax) names a session row in the database.
//! - CSRF: every POST must carry the session's token, in the `X-CSRF-Token` header or a form
//!   field `_csrf`; the login form uses a double-submit cookie (`ipasn_pra`). A request whose
//!   `Origin` is neither its own host nor a configured public origin is refused as well.
//! - Scopes: an analis or pimpinan works on the subtree of their unit (all units when none is
//!   set); a pegawai sees only their own page; an asesor nothing of IP ASN (assessment comes in
//!   its own pages). Admins see everything.

use crate::App;
use crate::galat::Galat;
use crate::teks::{Pesan, T};
use axum::body::Body;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use ipasn_core::teks::Lang;
use ipasn_store::akun::{self, Akun, Masuk, Peran};
use ipasn_store::{audit, baca};
use serde::Deserialize;

/// The session cookie.
pub const COOKIE_SESI: &str = "ipasn_sesi";
/// The language cookie.
pub const COOKIE_BAHASA: &str = "ipasn_bahasa";
/// Largest login form accepted: a username, a password and a token fit many times over; a
/// larger body gets 413 before anything is read or stored.
pub const LOGIN_MAKS: usize = 8 << 10;

/// The pre-session CSRF cookie of the login form.
pub const COOKIE_PRA: &str = "ipasn_pra";

/// Reads a cookie.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The request's language: `?lang=`, else the cookie, else Indonesian.
pub fn lang_of(parts_headers: &HeaderMap, query: Option<&str>) -> Lang {
    if let Some(q) = query
        && let Some(v) = q.split('&').find_map(|kv| kv.strip_prefix("lang="))
        && let Some(l) = Lang::parse(v)
    {
        return l;
    }
    cookie(parts_headers, COOKIE_BAHASA)
        .and_then(Lang::parse)
        .unwrap_or(Lang::Id)
}

/// The logged-in user of a request.
#[derive(Clone, Debug)]
pub struct Pengguna {
    /// The account.
    pub akun: Akun,
    /// The session's CSRF token (for forms).
    pub csrf: String,
    /// Language.
    pub lang: Lang,
    /// The path of the unit subtree they may see: `None` = everything (admin, or no unit set),
    /// `Some(None)` = nothing (their unit is not in the data), `Some(Some(path))`.
    pub cakupan: Option<Option<String>>,
    /// Whether the request is for the API.
    pub api: bool,
    /// The instansi's time zone (setting `zona_waktu`).
    pub zona: crate::tampilan::Zona,
}

impl Pengguna {
    /// The words of the user's language.
    pub fn t(&self) -> T {
        T(self.lang)
    }

    /// 403 in the right form.
    pub fn terlarang(&self) -> Galat {
        Galat::Terlarang(self.lang, self.api)
    }

    /// 404 in the right form.
    pub fn tidak_ada(&self) -> Galat {
        Galat::TidakAda(self.lang, self.api)
    }

    /// 400 in the right form, with a message of the catalogue.
    pub fn permintaan(&self, pesan: impl Into<Pesan>) -> Galat {
        Galat::Permintaan(pesan.into(), self.lang, self.api)
    }

    /// Whether the role may see unit dashboards at all.
    pub fn lihat_dasbor(&self) -> bool {
        matches!(
            self.akun.peran,
            Peran::Admin | Peran::Analis | Peran::Pimpinan
        )
    }

    /// Whether they may see a unit (with this path) and what is under it.
    pub fn boleh_unor(&self, path: &str) -> bool {
        if !self.lihat_dasbor() {
            return false;
        }
        match &self.cakupan {
            None => true,
            Some(None) => false,
            Some(Some(root)) => path.starts_with(root.as_str()),
        }
    }

    /// Whether they may open the page of the person with this NIP working in a unit with this path.
    pub fn boleh_pegawai(&self, nip: &str, path: Option<&str>) -> bool {
        match self.akun.peran {
            Peran::Pegawai => self.akun.nip.as_deref() == Some(nip),
            Peran::Asesor => false,
            _ => path.is_some_and(|p| self.boleh_unor(p)),
        }
    }

    /// Whether they may import packages (which replace the whole instansi's data): admins, and
    /// analis whose scope is everything.
    pub fn boleh_impor(&self) -> bool {
        match self.akun.peran {
            Peran::Admin => true,
            Peran::Analis => self.akun.unor_id.is_none(),
            _ => false,
        }
    }

    /// Whether they see the detail of assessment results (levels, scores): everyone who may
    /// open them, except pimpinan not granted it.
    pub fn detail_asesmen(&self) -> bool {
        self.akun.peran != Peran::Pimpinan || self.akun.lihat_detail
    }

    /// Whether they administer accounts, settings and the audit log.
    pub fn admin(&self) -> bool {
        self.akun.peran == Peran::Admin
    }

    /// The unit a dashboard opens on: their scope's unit, else the first root.
    pub async fn unor_awal(&self, app: &App) -> Result<Option<String>, Galat> {
        if let Some(u) = &self.akun.unor_id
            && self.akun.peran != Peran::Admin
        {
            return Ok(Some(u.clone()));
        }
        Ok(baca::akar(&app.db)
            .await?
            .into_iter()
            .next()
            .map(|u| u.unor_id))
    }

    /// Writes an audit entry for this user.
    pub async fn catat(
        &self,
        app: &App,
        aksi: &str,
        objek: &str,
        rincian: &str,
    ) -> Result<(), Galat> {
        audit::tulis(
            &app.db,
            Some(self.akun.id),
            &self.akun.username,
            aksi,
            objek,
            rincian,
        )
        .await?;
        Ok(())
    }
}

impl FromRequestParts<App> for Pengguna {
    type Rejection = Galat;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        let api = parts.uri.path().starts_with("/api/");
        let lang = lang_of(&parts.headers, parts.uri.query());
        let Some(token) = cookie(&parts.headers, COOKIE_SESI) else {
            return Err(Galat::BelumMasuk { api });
        };
        let Some(sesi) = akun::sesi(&app.db, token).await? else {
            return Err(Galat::BelumMasuk { api });
        };
        let cakupan = match (&sesi.akun.peran, &sesi.akun.unor_id) {
            (Peran::Admin, _) | (_, None) => None,
            (_, Some(u)) => Some(baca::unor(&app.db, u).await?.map(|u| u.path)),
        };
        let zona = ipasn_store::pengaturan::get(&app.db, "zona_waktu")
            .await?
            .and_then(|z| crate::tampilan::Zona::parse(&z))
            .unwrap_or_default();
        Ok(Pengguna {
            akun: sesi.akun,
            csrf: sesi.csrf,
            lang,
            cakupan,
            api,
            zona,
        })
    }
}

/// Refuses state-changing requests without the session's CSRF token or from another origin.
pub async fn csrf(State(app): State<App>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let lang = lang_of(req.headers(), req.uri().query());
    let api = req.uri().path().starts_with("/api/");
    let refuse = move |why: &'static str| {
        Galat::Permintaan(
            Pesan::new("csrf_ditolak").isi2(T(Lang::Id).s(why), T(Lang::En).s(why)),
            lang,
            api,
        )
        .into_response()
    };
    // Origin, when the browser sends it, must be this host or a configured public origin.
    if let Some(origin) = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
    {
        let host = req
            .headers()
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        // Scheme and host: behind HTTPS (`--secure-cookies`) only `https://host` is our own.
        let scheme = if app.opsi.cookie_aman {
            "https"
        } else {
            "http"
        };
        let own = origin.split_once("://") == Some((scheme, host));
        if !own && !app.opsi.origin_tepercaya.iter().any(|o| o == origin) {
            return refuse("csrf_asal");
        }
    }
    // The login form carries the pre-session token and is checked by its handler.
    // So do the online-test sign-in form (its own double-submit cookie) and the taker's calls
    // (the attempt's token in `X-CSRF-Token`, checked by `ujian::peserta::Taker`).
    let path = req.uri().path();
    if path == "/masuk" || path == "/ujian/masuk" || path.starts_with("/ujian/api/") {
        return next.run(req).await;
    }
    let Some(token) = cookie(req.headers(), COOKIE_SESI).map(str::to_string) else {
        return refuse("csrf_belum_masuk");
    };
    let Ok(Some(sesi)) = akun::sesi(&app.db, &token).await else {
        return refuse("csrf_sesi");
    };
    if let Some(h) = req
        .headers()
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
    {
        return if ct_eq(h, &sesi.csrf) {
            next.run(req).await
        } else {
            refuse("csrf_token_salah")
        };
    }
    if let Some(q) = req.uri().query()
        && let Some(v) = q.split('&').find_map(|kv| kv.strip_prefix("_csrf="))
    {
        return if ct_eq(v, &sesi.csrf) {
            next.run(req).await
        } else {
            refuse("csrf_token_salah")
        };
    }
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return refuse("csrf_token_tidak_ada");
    }
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 1 << 20).await else {
        return Galat::Permintaan(Pesan::new("formulir_terlalu_besar"), lang, false)
            .into_response();
    };
    let ok = form_urlencoded_field(&bytes, "_csrf").is_some_and(|v| ct_eq(&v, &sesi.csrf));
    if !ok {
        return refuse("csrf_token_salah_tidak_ada");
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

fn form_urlencoded_field(body: &[u8], name: &str) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

/// Constant-time comparison of tokens.
fn ct_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn random_token() -> String {
    use rand::RngCore;
    let mut b = [0u8; 24];
    rand::rng().fill_bytes(&mut b);
    hex::encode(b)
}

fn set_cookie(app: &App, name: &str, value: &str, max_age: Option<i64>) -> HeaderValue {
    cookie_header(app, name, value, max_age, "/; HttpOnly; SameSite=Lax")
}

/// A `Set-Cookie` value: `name=value; Path=<jalur>` (the path and its attributes as given),
/// `Max-Age` when given, `Secure` behind HTTPS. Values are hex or fixed words.
pub(crate) fn cookie_header(
    app: &App,
    name: &str,
    value: &str,
    max_age: Option<i64>,
    jalur: &str,
) -> HeaderValue {
    let mut c = format!("{name}={value}; Path={jalur}");
    if let Some(a) = max_age {
        c.push_str(&format!("; Max-Age={a}"));
    }
    if app.opsi.cookie_aman {
        c.push_str("; Secure");
    }
    HeaderValue::from_str(&c).expect("cookie values are hex or fixed words")
}

/// Login, logout and the language switch.
pub fn routes() -> Router<App> {
    Router::new()
        .route(
            "/masuk",
            get(form_masuk)
                .post(masuk)
                .layer(axum::extract::DefaultBodyLimit::max(LOGIN_MAKS)),
        )
        .route("/keluar", post(keluar))
        .route("/bahasa/{kode}", get(bahasa))
}

#[derive(askama::Template)]
#[template(path = "masuk.html")]
struct MasukPage {
    t: T,
    pra: String,
    pesan: String,
    username: String,
}

fn render_masuk(
    app: &App,
    lang: Lang,
    status: StatusCode,
    pesan: String,
    username: &str,
) -> Response {
    let pra = random_token();
    let page = MasukPage {
        t: T(lang),
        pra: pra.clone(),
        pesan,
        username: username.to_string(),
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

async fn form_masuk(State(app): State<App>, headers: HeaderMap, uri: axum::http::Uri) -> Response {
    render_masuk(
        &app,
        lang_of(&headers, uri.query()),
        StatusCode::OK,
        String::new(),
        "",
    )
}

/// The login form's fields.
#[derive(Deserialize)]
pub struct FormMasuk {
    username: String,
    password: String,
    #[serde(default)]
    _csrf: String,
}

async fn masuk(
    State(app): State<App>,
    headers: HeaderMap,
    uri: axum::http::Uri,
    Form(f): Form<FormMasuk>,
) -> Response {
    let lang = lang_of(&headers, uri.query());
    let t = T(lang);
    // Over-long input is refused before any work (the body limit of this route bounds it).
    let username: String = f
        .username
        .trim()
        .chars()
        .take(akun::USERNAME_MAKS)
        .collect();
    let username = username.as_str();
    let pra = cookie(&headers, COOKIE_PRA).unwrap_or("");
    if pra.is_empty() || !ct_eq(pra, &f._csrf) {
        return render_masuk(
            &app,
            lang,
            StatusCode::BAD_REQUEST,
            T(lang).s("form_expired_please_try").into(),
            username,
        );
    }
    if f.username.trim().len() > akun::USERNAME_MAKS || f.password.len() > akun::PASSWORD_MAKS {
        return render_masuk(
            &app,
            lang,
            StatusCode::UNAUTHORIZED,
            t.s("login_gagal").into(),
            username,
        );
    }
    match akun::masuk(&app.db, username, &f.password).await {
        Ok(Masuk::Berhasil(a)) => {
            let Ok(token) = akun::sesi_baru(&app.db, a.id).await else {
                return Galat::Server("session".into(), false).into_response();
            };
            let _ = audit::tulis(&app.db, Some(a.id), &a.username, "masuk", &a.username, "").await;
            let mut r = Redirect::to("/").into_response();
            r.headers_mut().append(
                header::SET_COOKIE,
                set_cookie(&app, COOKIE_SESI, &token, None),
            );
            r
        }
        Ok(Masuk::Gagal) => {
            let _ = audit::tulis(&app.db, None, username, "masuk_gagal", username, "").await;
            render_masuk(
                &app,
                lang,
                StatusCode::UNAUTHORIZED,
                t.s("login_gagal").into(),
                username,
            )
        }
        Ok(Masuk::Terkunci(detik)) => {
            let _ = audit::tulis(&app.db, None, username, "masuk_terkunci", username, "").await;
            let menit = (detik + 59) / 60;
            let mut r = render_masuk(
                &app,
                lang,
                StatusCode::TOO_MANY_REQUESTS,
                format!("{} {menit} {}.", t.s("login_terkunci"), t.s("menit")),
                username,
            );
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(detik));
            r
        }
        Ok(Masuk::Sibuk) => {
            let mut r = render_masuk(
                &app,
                lang,
                StatusCode::SERVICE_UNAVAILABLE,
                t.s("login_sibuk").into(),
                username,
            );
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(5));
            r
        }
        Err(e) => Galat::from(e).into_response(),
    }
}

async fn keluar(State(app): State<App>, user: Pengguna, headers: HeaderMap) -> Response {
    if let Some(token) = cookie(&headers, COOKIE_SESI) {
        let _ = akun::keluar(&app.db, token).await;
    }
    let _ = user.catat(&app, "keluar", &user.akun.username, "").await;
    let mut r = Redirect::to("/masuk").into_response();
    r.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(&app, COOKIE_SESI, "", Some(0)),
    );
    r
}

async fn bahasa(
    State(app): State<App>,
    axum::extract::Path(kode): axum::extract::Path<String>,
    headers: HeaderMap,
) -> Response {
    let lang = Lang::parse(&kode).unwrap_or(Lang::Id);
    // Back to the page the switch was clicked on, if it is one of ours.
    let back = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| r.split_once("://").map(|(_, rest)| rest))
        .and_then(|rest| rest.find('/').map(|i| rest[i..].to_string()))
        .filter(|p| p.starts_with('/') && !p.starts_with("//"))
        .unwrap_or_else(|| "/".into());
    let mut r = Redirect::to(&back).into_response();
    r.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(&app, COOKIE_BAHASA, T(lang).code(), Some(365 * 86_400)),
    );
    r
}
