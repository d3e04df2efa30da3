//! The HTML pages. Each handler asks [`crate::data`] for what to show and renders a template;
//! the JSON a chart needs is embedded in the page next to the table with the same numbers.

use crate::App;
use crate::auth::Pengguna;
use crate::data::{self, AuditQ, PetaQ, SaringPegawai, TahunQ};
use crate::galat::Galat;
use crate::teks::T;
use askama::Template;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use ipasn_store::akun::{self, Peran};
use ipasn_store::{audit, pengaturan};
use serde::Deserialize;

/// The page routes.
pub fn routes() -> Router<App> {
    Router::new()
        .route("/", get(beranda))
        .route("/dasbor", get(dasbor_awal))
        .route("/dasbor/{unor}", get(dasbor))
        .route("/unor/{unor}/pegawai", get(daftar_pegawai))
        .route("/pegawai/{nip}", get(pegawai))
        .route(
            "/asesmen/impor",
            post(unggah_asesmen).layer(DefaultBodyLimit::max(crate::BERKAS_MAKS)),
        )
        .route("/unor/{unor}/talenta", get(talenta_page))
        .route("/unor/{unor}/talenta/kalibrasi", post(kalibrasi))
        .route("/peta", get(peta))
        .route("/audit", get(audit_page))
        .route("/akun", get(akun_page).post(akun_simpan))
        .route("/akun/nonaktif", post(akun_nonaktif))
        .route("/pengaturan", post(pengaturan_simpan))
        .route(
            "/peta/batas",
            post(batas_simpan).layer(DefaultBodyLimit::max(crate::BERKAS_MAKS)),
        )
        .route("/asesmen/aturan.toml", get(aturan_asesmen_unduh))
        .route("/asesmen/aturan", post(aturan_asesmen_simpan))
        .route("/asesmen/standar", post(standar_simpan))
        .route("/asesmen/kamus", get(kamus_page))
}

/// What the layout needs: who is logged in and which links they get.
pub struct Nav {
    /// Words.
    pub t: T,
    /// Username.
    pub username: String,
    /// Role name.
    pub peran: &'static str,
    /// CSRF token for the forms.
    pub csrf: String,
    /// Dashboard links.
    pub dasbor: bool,
    /// Import link.
    pub impor: bool,
    /// Admin links.
    pub admin: bool,
    /// Assessment events link.
    pub acara: bool,
}

impl Nav {
    /// The layout's facts for this user.
    pub fn of(u: &Pengguna) -> Nav {
        Nav {
            t: u.t(),
            username: u.akun.username.clone(),
            peran: u.akun.peran.as_str(),
            csrf: u.csrf.clone(),
            dasbor: u.lihat_dasbor(),
            impor: u.boleh_impor(),
            admin: u.admin(),
            acara: matches!(u.akun.peran, Peran::Admin | Peran::Asesor),
        }
    }
}

/// JSON for a `<script type="application/json">` element (`<` escaped so no tag can close it).
pub fn script_json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v)
        .unwrap_or_else(|_| "null".into())
        .replace('<', "\\u003c")
}

fn render<T: Template>(t: &T) -> Result<Response, Galat> {
    t.render()
        .map(|h| Html(h).into_response())
        .map_err(|e| Galat::Server(e.to_string(), false))
}

#[derive(Template)]
#[template(path = "kosong.html")]
struct KosongPage {
    nav: Nav,
    pesan: String,
}

async fn beranda(State(_app): State<App>, u: Pengguna) -> Result<Response, Galat> {
    match u.akun.peran {
        Peran::Pegawai => match &u.akun.nip {
            Some(nip) => Ok(Redirect::to(&format!("/pegawai/{nip}")).into_response()),
            None => Err(u.tidak_ada()),
        },
        Peran::Asesor => Ok(Redirect::to("/asesmen/acara").into_response()),
        _ => Ok(Redirect::to("/dasbor").into_response()),
    }
}

#[derive(Template)]
#[template(path = "dasbor.html")]
struct DasborPage {
    nav: Nav,
    d: data::Dasbor,
    json: String,
}

async fn dasbor_awal(
    State(app): State<App>,
    u: Pengguna,
    Query(q): Query<TahunQ>,
) -> Result<Response, Galat> {
    show_dasbor(&app, &u, None, q.tahun).await
}

async fn dasbor(
    State(app): State<App>,
    u: Pengguna,
    Path(unor): Path<String>,
    Query(q): Query<TahunQ>,
) -> Result<Response, Galat> {
    show_dasbor(&app, &u, Some(&unor), q.tahun).await
}

async fn show_dasbor(
    app: &App,
    u: &Pengguna,
    unor: Option<&str>,
    tahun: Option<i64>,
) -> Result<Response, Galat> {
    match data::dasbor(app, u, unor, tahun).await? {
        Some(d) => render(&DasborPage {
            nav: Nav::of(u),
            json: script_json(&d),
            d,
        }),
        None => render(&KosongPage {
            nav: Nav::of(u),
            pesan: u.t().s("tidak_ada_data").into(),
        }),
    }
}

#[derive(Template)]
#[template(path = "pegawai_daftar.html")]
struct DaftarPage {
    nav: Nav,
    d: data::DaftarPegawai,
    kolom: Vec<(String, String)>,
    query: String,
    query_tanpa_urut: String,
    query_tanpa_hal: String,
}

fn query_of(s: &SaringPegawai, skip: &[&str]) -> String {
    let pairs: Vec<(&str, String)> = [
        ("tahun", s.tahun.map(|t| t.to_string())),
        ("kategori", s.kategori.clone()),
        ("jenis", s.jenis.clone()),
        ("flag", s.flag.clone()),
        ("cari", s.cari.clone()),
        ("urut", s.urut.clone()),
        ("arah", s.arah.clone()),
        ("hal", s.hal.map(|h| h.to_string())),
    ]
    .into_iter()
    .filter(|(k, v)| !skip.contains(k) && v.as_ref().is_some_and(|v| !v.is_empty()))
    .map(|(k, v)| (k, v.unwrap_or_default()))
    .collect();
    serde_urlencoded::to_string(pairs).unwrap_or_default()
}

async fn daftar_pegawai(
    State(app): State<App>,
    u: Pengguna,
    Path(unor): Path<String>,
    Query(s): Query<SaringPegawai>,
) -> Result<Response, Galat> {
    let d = data::daftar_pegawai(&app, &u, &unor, s, None).await?;
    let t = u.t();
    let kolom = [
        ("nip", "nip"),
        ("nama", "nama"),
        ("ip", "ip"),
        ("kualifikasi", "kualifikasi"),
        ("kompetensi", "kompetensi"),
        ("kinerja", "kinerja"),
        ("disiplin", "disiplin"),
    ]
    .iter()
    .map(|(k, l)| (k.to_string(), t.s(l).to_string()))
    .collect();
    render(&DaftarPage {
        nav: Nav::of(&u),
        query: query_of(&d.saring, &["hal"]),
        query_tanpa_urut: query_of(&d.saring, &["urut", "arah", "hal"]),
        query_tanpa_hal: query_of(&d.saring, &["hal"]),
        kolom,
        d,
    })
}

#[derive(Template)]
#[template(path = "pegawai.html")]
struct PegawaiPage {
    nav: Nav,
    d: data::HalamanPegawai,
    json: String,
}

async fn pegawai(
    State(app): State<App>,
    u: Pengguna,
    Path(nip): Path<String>,
    Query(q): Query<TahunQ>,
) -> Result<Response, Galat> {
    let d = data::pegawai(&app, &u, &nip, q.tahun).await?;
    render(&PegawaiPage {
        nav: Nav::of(&u),
        json: script_json(&d),
        d,
    })
}

/// Reads an assessment results upload (`berkas`) and imports it (small files: synchronously).
pub async fn impor_asesmen(
    app: &App,
    u: &Pengguna,
    mut form: Multipart,
) -> Result<(i64, String), Galat> {
    if !u.boleh_impor() {
        return Err(u.terlarang());
    }
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some("berkas") {
            let name = field.file_name().unwrap_or("asesmen.csv").to_string();
            let bytes = field
                .bytes()
                .await
                .map_err(|_| u.permintaan("Unggahan terputus.", "The upload was cut off."))?;
            let aturan = data::aturan_asesmen(app).await?;
            let r = ipasn_store::asesmen::impor(
                &app.db,
                Some((u.akun.id, &u.akun.username)),
                &name,
                &bytes,
                &aturan,
            )
            .await?;
            return Ok(r);
        }
    }
    Err(u.permintaan("Pilih berkas CSV atau XLSX.", "Choose a CSV or XLSX file."))
}

async fn unggah_asesmen(
    State(app): State<App>,
    u: Pengguna,
    form: Multipart,
) -> Result<Response, Galat> {
    let (id, _) = impor_asesmen(&app, &u, form).await?;
    Ok(Redirect::to(&format!("/impor/{id}")).into_response())
}

#[derive(Template)]
#[template(path = "peta.html")]
struct PetaPage {
    nav: Nav,
    d: data::Peta,
    json: String,
}

async fn peta(
    State(app): State<App>,
    u: Pengguna,
    Query(q): Query<PetaQ>,
) -> Result<Response, Galat> {
    match data::peta(&app, &u, q.tahun, q.lapisan.as_deref(), q.kode.as_deref()).await? {
        Some(d) => render(&PetaPage {
            nav: Nav::of(&u),
            json: script_json(&d),
            d,
        }),
        None => render(&KosongPage {
            nav: Nav::of(&u),
            pesan: u.t().s("tidak_ada_data").into(),
        }),
    }
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    nav: Nav,
    s: audit::Saring,
    entri: Vec<audit::Entri>,
}

/// One competency of the dictionary page.
struct KompetensiKamus {
    kode: String,
    nama: String,
    definisi: String,
    /// The sources of its entries, joined.
    sumber: String,
    level: Vec<(i64, ipasn_asesmen::kamus::Entri)>,
}

#[derive(Template)]
#[template(path = "kamus.html")]
struct KamusPage {
    nav: Nav,
    kompetensi: Vec<KompetensiKamus>,
}

/// The competency dictionary in force, for every signed-in role: regulation text and the
/// instansi's own entries, no personal data.
async fn kamus_page(State(app): State<App>, u: Pengguna) -> Result<Response, Galat> {
    let k = ipasn_store::asesmen::kamus(&app.db).await?;
    let kompetensi = k
        .kode()
        .into_iter()
        .map(|kode| {
            let level: Vec<_> = (1..=5)
                .filter_map(|l| k.get(&kode, l).map(|e| (l, e.clone())))
                .collect();
            let mut sumber: Vec<String> = k
                .get(&kode, 0)
                .into_iter()
                .chain(level.iter().map(|l| &l.1))
                .map(|e| e.sumber.clone())
                .collect();
            sumber.sort();
            sumber.dedup();
            KompetensiKamus {
                nama: k.nama(&kode).unwrap_or_default().to_string(),
                definisi: k
                    .get(&kode, 0)
                    .map(|e| e.deskripsi.clone())
                    .unwrap_or_default(),
                sumber: sumber.join(", "),
                kode,
                level,
            }
        })
        .collect();
    render(&KamusPage {
        nav: Nav::of(&u),
        kompetensi,
    })
}

async fn audit_page(
    State(app): State<App>,
    u: Pengguna,
    Query(q): Query<AuditQ>,
) -> Result<Response, Galat> {
    let s = q.saring();
    let entri = data::audit(&app, &u, &s).await?;
    render(&AuditPage {
        nav: Nav::of(&u),
        s,
        entri,
    })
}

#[derive(Template)]
#[template(path = "akun.html")]
struct AkunPage {
    nav: Nav,
    akun: Vec<akun::Akun>,
    kelompok_kecil: i64,
    pesan: String,
}

async fn akun_page(State(app): State<App>, u: Pengguna) -> Result<Response, Galat> {
    show_akun(&app, &u, String::new()).await
}

async fn show_akun(app: &App, u: &Pengguna, pesan: String) -> Result<Response, Galat> {
    if !u.admin() {
        return Err(u.terlarang());
    }
    let akun = akun::daftar(&app.db).await?;
    let kelompok_kecil = pengaturan::kelompok_kecil(&app.db).await?;
    render(&AkunPage {
        nav: Nav::of(u),
        akun,
        kelompok_kecil,
        pesan,
    })
}

/// The account form.
#[derive(Deserialize)]
pub struct FormAkun {
    username: String,
    nama: String,
    password: String,
    peran: String,
    #[serde(default)]
    unor_id: String,
    #[serde(default)]
    nip: String,
    /// Checkbox: a pimpinan may see assessment details.
    #[serde(default)]
    lihat_detail: Option<String>,
}

async fn akun_simpan(
    State(app): State<App>,
    u: Pengguna,
    Form(f): Form<FormAkun>,
) -> Result<Response, Galat> {
    if !u.admin() {
        return Err(u.terlarang());
    }
    let peran = Peran::parse(&f.peran)
        .ok_or_else(|| u.permintaan("Peran tidak dikenal.", "Unknown role."))?;
    if f.password.chars().count() < 10 {
        return Err(u.permintaan(
            "Kata sandi minimal 10 karakter.",
            "Passwords need at least 10 characters.",
        ));
    }
    let username = f.username.trim();
    if username.is_empty() || username.len() > 64 {
        return Err(u.permintaan(
            "Nama pengguna wajib diisi (maks. 64 karakter).",
            "A username is required (at most 64 characters).",
        ));
    }
    let opt = |s: &str| Some(s.trim()).filter(|s| !s.is_empty()).map(str::to_string);
    let (unor_id, nip) = (opt(&f.unor_id), opt(&f.nip));
    if peran == Peran::Pegawai && nip.is_none() {
        return Err(u.permintaan(
            "Akun pegawai memerlukan NIP.",
            "A pegawai account needs a NIP.",
        ));
    }
    let id = akun::simpan(
        &app.db,
        &akun::AkunBaru {
            username,
            nama: f.nama.trim(),
            password: &f.password,
            peran,
            unor_id: unor_id.as_deref(),
            nip: nip.as_deref(),
            lihat_detail: f.lihat_detail.is_some(),
        },
    )
    .await?;
    u.catat(&app, "akun_simpan", username, &serde_json::json!({"id": id, "peran": peran.as_str(), "unor_id": unor_id, "nip": nip, "lihat_detail": f.lihat_detail.is_some()}).to_string()).await?;
    show_akun(
        &app,
        &u,
        format!("{} {username}", u.lang.pick("Tersimpan:", "Saved:")),
    )
    .await
}

/// The deactivation form: the username and a ticked confirmation.
#[derive(Deserialize)]
pub struct FormNonaktif {
    username: String,
    #[serde(default)]
    yakin: Option<String>,
}

/// Deactivates an account (admins; not their own): it can no longer log in and its open
/// sessions end at once. Saving the account again with a new password reactivates it.
async fn akun_nonaktif(
    State(app): State<App>,
    u: Pengguna,
    Form(f): Form<FormNonaktif>,
) -> Result<Response, Galat> {
    if !u.admin() {
        return Err(u.terlarang());
    }
    let username = f.username.trim();
    if username == u.akun.username {
        return Err(u.permintaan(
            "Akun Anda sendiri tidak dapat dinonaktifkan dari sini.",
            "Your own account cannot be deactivated here.",
        ));
    }
    if f.yakin.is_none() {
        return show_akun(
            &app,
            &u,
            u.lang
                .pick(
                    "Centang \"yakin\" untuk menonaktifkan akun.",
                    "Tick \"sure\" to deactivate the account.",
                )
                .to_string(),
        )
        .await;
    }
    if !akun::nonaktifkan(&app.db, username).await? {
        return Err(u.tidak_ada());
    }
    u.catat(&app, "akun_nonaktif", username, "").await?;
    show_akun(
        &app,
        &u,
        format!(
            "{} {username}",
            u.lang.pick("Dinonaktifkan:", "Deactivated:")
        ),
    )
    .await
}

/// The settings form.
#[derive(Deserialize)]
pub struct FormPengaturan {
    #[serde(default)]
    tahun: String,
    #[serde(default)]
    target: String,
    #[serde(default)]
    kelompok_kecil: String,
}

async fn pengaturan_simpan(
    State(app): State<App>,
    u: Pengguna,
    Form(f): Form<FormPengaturan>,
) -> Result<Response, Galat> {
    if !u.admin() {
        return Err(u.terlarang());
    }
    if !f.target.trim().is_empty() {
        let target: f64 = f
            .target
            .trim()
            .replace(',', ".")
            .parse()
            .ok()
            .filter(|x: &f64| (0.0..=100.0).contains(x))
            .ok_or_else(|| {
                u.permintaan(
                    "Target harus angka 0–100.",
                    "The target must be a number 0–100.",
                )
            })?;
        let key = match f.tahun.trim() {
            "" => "target".to_string(),
            y => format!(
                "target.{}",
                y.parse::<i64>()
                    .map_err(|_| u.permintaan("Tahun tidak sah.", "Invalid year."))?
            ),
        };
        pengaturan::set(&app.db, &key, &target.to_string()).await?;
        u.catat(&app, "pengaturan", &key, &target.to_string())
            .await?;
    }
    if !f.kelompok_kecil.trim().is_empty() {
        let k: i64 = f
            .kelompok_kecil
            .trim()
            .parse()
            .ok()
            .filter(|k| (1..=1000).contains(k))
            .ok_or_else(|| {
                u.permintaan(
                    "Ambang kelompok kecil harus 1–1000.",
                    "The small-group threshold must be 1–1000.",
                )
            })?;
        pengaturan::set(&app.db, "kelompok_kecil", &k.to_string()).await?;
        u.catat(&app, "pengaturan", "kelompok_kecil", &k.to_string())
            .await?;
    }
    show_akun(
        &app,
        &u,
        u.lang
            .pick("Pengaturan tersimpan.", "Settings saved.")
            .into(),
    )
    .await
}

/// Checks and stores a finer boundary file; returns the number of regions.
pub async fn simpan_batas(app: &App, nama: &str, text: &str) -> Result<usize, (String, String)> {
    // Parsed off the request threads (a finer layer can be tens of MB).
    let owned = text.to_string();
    let n = tokio::task::spawn_blocking(move || data::fitur(&owned).map(|f| f.len()))
        .await
        .map_err(|e| (e.to_string(), e.to_string()))?
        .map_err(|e| {
            (
                format!("Berkas batas wilayah tidak sah: {e}"),
                format!("Invalid boundary file: {e}"),
            )
        })?;
    if n == 0 {
        return Err((
            "Berkas batas wilayah tidak berisi wilayah.".into(),
            "The boundary file has no regions.".into(),
        ));
    }
    ipasn_store::baca::simpan_peta_batas(&app.db, nama, text)
        .await
        .map_err(|e| (e.to_string(), e.to_string()))?;
    Ok(n)
}

async fn batas_simpan(
    State(app): State<App>,
    u: Pengguna,
    mut form: Multipart,
) -> Result<Response, Galat> {
    if !u.admin() {
        return Err(u.terlarang());
    }
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some("berkas") {
            let name = field.file_name().unwrap_or("batas.geojson").to_string();
            let bytes = field
                .bytes()
                .await
                .map_err(|_| u.permintaan("Unggahan terputus.", "The upload was cut off."))?;
            let text = String::from_utf8(bytes.to_vec()).map_err(|_| {
                u.permintaan(
                    "Berkas harus teks UTF-8 (GeoJSON).",
                    "The file must be UTF-8 text (GeoJSON).",
                )
            })?;
            let n = simpan_batas(&app, &name, &text)
                .await
                .map_err(|(id, en)| u.permintaan(&id, &en))?;
            u.catat(&app, "peta_batas", &name, &format!("{n}")).await?;
            return show_akun(
                &app,
                &u,
                format!(
                    "{}: {n}",
                    u.lang.pick(
                        "Batas wilayah tersimpan, wilayah",
                        "Boundaries saved, regions"
                    )
                ),
            )
            .await;
        }
    }
    Err(u.permintaan("Pilih berkas GeoJSON.", "Choose a GeoJSON file."))
}

#[derive(Deserialize)]
struct TalentaQ {
    tahun: Option<i64>,
    kotak: Option<u8>,
}

#[derive(Template)]
#[template(path = "talenta.html")]
struct TalentaPage {
    nav: Nav,
    d: data::Talenta,
}

async fn talenta_page(
    State(app): State<App>,
    u: Pengguna,
    Path(unor): Path<String>,
    Query(q): Query<TalentaQ>,
) -> Result<Response, Galat> {
    let d = data::talenta(&app, &u, &unor, q.tahun, q.kotak).await?;
    render(&TalentaPage {
        nav: Nav::of(&u),
        d,
    })
}

/// The calibration form.
#[derive(Deserialize)]
pub struct FormKalibrasi {
    tahun: i64,
    nip: String,
    ke: u8,
    alasan: String,
}

async fn kalibrasi(
    State(app): State<App>,
    u: Pengguna,
    Path(unor): Path<String>,
    Form(f): Form<FormKalibrasi>,
) -> Result<Response, Galat> {
    if !matches!(u.akun.peran, Peran::Admin | Peran::Analis) {
        return Err(u.terlarang());
    }
    if !(1..=9).contains(&f.ke) {
        return Err(u.permintaan("Kotak harus 1–9.", "The box must be 1–9."));
    }
    let alasan = f.alasan.trim();
    if alasan.chars().count() < 10 {
        return Err(u.permintaan(
            "Tulis alasan kalibrasi (minimal 10 karakter).",
            "Write the reason for the calibration (at least 10 characters).",
        ));
    }
    let d = data::talenta(&app, &u, &unor, Some(f.tahun), None).await?;
    let Some(o) = d.orang.iter().find(|o| o.nip == f.nip) else {
        return Err(u.tidak_ada());
    };
    let Some(dari) = o.kotak else {
        return Err(u.permintaan(
            "Pegawai ini belum mempunyai kotak untuk dikalibrasi.",
            "This person has no box to calibrate yet.",
        ));
    };
    ipasn_store::asesmen::kalibrasi(
        &app.db,
        d.tahun,
        &f.nip,
        dari as i64,
        f.ke as i64,
        alasan,
        &u.akun.username,
    )
    .await?;
    u.catat(
        &app,
        "kalibrasi",
        &f.nip,
        &serde_json::json!({"tahun": d.tahun, "dari": dari, "ke": f.ke, "alasan": alasan})
            .to_string(),
    )
    .await?;
    Ok(Redirect::to(&format!("/unor/{}/talenta?tahun={}", unor, d.tahun)).into_response())
}

async fn aturan_asesmen_unduh(State(app): State<App>, u: Pengguna) -> Result<Response, Galat> {
    if !u.admin() {
        return Err(u.terlarang());
    }
    let text = ipasn_store::pengaturan::get(&app.db, "asesmen_aturan")
        .await?
        .unwrap_or_else(|| ipasn_asesmen::Aturan::teks_bawaan().to_string());
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "application/toml; charset=utf-8",
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                "attachment; filename=\"asesmen.toml\"",
            ),
        ],
        text,
    )
        .into_response())
}

/// Stores the instansi's own assessment rules (weights, bands, the nine-box table, ranking),
/// checked first; every later JPM, box and rank uses them.
async fn aturan_asesmen_simpan(
    State(app): State<App>,
    u: Pengguna,
    mut form: Multipart,
) -> Result<Response, Galat> {
    if !u.admin() {
        return Err(u.terlarang());
    }
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some("berkas") {
            let bytes = field
                .bytes()
                .await
                .map_err(|_| u.permintaan("Unggahan terputus.", "The upload was cut off."))?;
            let text = String::from_utf8(bytes.to_vec()).map_err(|_| {
                u.permintaan(
                    "Berkas harus teks UTF-8 (TOML).",
                    "The file must be UTF-8 text (TOML).",
                )
            })?;
            let a = ipasn_asesmen::Aturan::from_toml(&text).map_err(|e| {
                u.permintaan(
                    &format!("Aturan asesmen tidak sah: {e}"),
                    &format!("Invalid assessment rules: {e}"),
                )
            })?;
            ipasn_store::pengaturan::set(&app.db, "asesmen_aturan", &text).await?;
            u.catat(
                &app,
                "aturan_asesmen",
                &a.id,
                &hex::encode(<sha2::Sha256 as sha2::Digest>::digest(text.as_bytes())),
            )
            .await?;
            return show_akun(
                &app,
                &u,
                format!(
                    "{} {}",
                    u.lang
                        .pick("Aturan asesmen tersimpan:", "Assessment rules saved:"),
                    a.id
                ),
            )
            .await;
        }
    }
    Err(u.permintaan("Pilih berkas TOML.", "Choose a TOML file."))
}

/// One position standard edited in the app.
#[derive(Deserialize)]
pub struct FormStandar {
    jabatan: String,
    kompetensi: String,
    /// Empty removes the standard (the default of the jenjang applies again).
    #[serde(default)]
    level: String,
}

async fn standar_simpan(
    State(app): State<App>,
    u: Pengguna,
    Form(f): Form<FormStandar>,
) -> Result<Response, Galat> {
    if !u.admin() {
        return Err(u.terlarang());
    }
    let aturan = data::aturan_asesmen(&app).await?;
    let kode = f.kompetensi.trim().to_uppercase();
    if f.jabatan.trim().is_empty() || !aturan.kode_sah(&kode) {
        return Err(u.permintaan(
            "Isi jabatan dan kode kompetensi yang sah (M.01–M.08, SK.01, T.…).",
            "Give a position and a valid competency code (M.01–M.08, SK.01, T.…).",
        ));
    }
    let level = match f.level.trim() {
        "" => None,
        v => Some(
            v.parse::<f64>()
                .ok()
                .filter(|l| (1.0..=5.0).contains(l) && l.fract() == 0.0)
                .ok_or_else(|| {
                    u.permintaan(
                        "Level standar harus 1–5.",
                        "The standard level must be 1–5.",
                    )
                })?,
        ),
    };
    ipasn_store::asesmen::ubah_standar(&app.db, &f.jabatan, &kode, level).await?;
    u.catat(
        &app,
        "ubah_standar",
        f.jabatan.trim(),
        &serde_json::json!({"kompetensi": kode, "level": level}).to_string(),
    )
    .await?;
    show_akun(
        &app,
        &u,
        format!(
            "{} {} {kode}",
            u.lang.pick("Standar tersimpan:", "Standard saved:"),
            f.jabatan.trim()
        ),
    )
    .await
}
