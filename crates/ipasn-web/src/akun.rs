//! Administration: accounts (create, change, deactivate), settings (targets, the small-group
//! threshold) and the finer boundary layer of the map.

use crate::App;
use crate::auth::Pengguna;
use crate::galat::Galat;
use crate::tampilan::{Nav, render};
use crate::teks::Pesan;
use askama::Template;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form, Router};
use ipasn_store::akun::{self, Peran};
use ipasn_store::pengaturan;
use serde::Deserialize;

/// The administration routes.
pub fn routes() -> Router<App> {
    Router::new()
        .route("/akun", get(akun_page).post(akun_simpan))
        .route("/akun/nonaktif", post(akun_nonaktif))
        .route("/pengaturan", post(pengaturan_simpan))
        .route(
            "/peta/batas",
            post(batas_simpan).layer(DefaultBodyLimit::max(crate::BERKAS_MAKS)),
        )
}

#[derive(Template)]
#[template(path = "akun.html")]
struct AkunPage {
    nav: Nav,
    akun: Vec<akun::Akun>,
    kelompok_kecil: i64,
    zona: &'static str,
    pesan: String,
}

async fn akun_page(State(app): State<App>, u: Pengguna) -> Result<Response, Galat> {
    show_akun(&app, &u, String::new()).await
}

/// The administration page with a message.
pub(crate) async fn show_akun(app: &App, u: &Pengguna, pesan: String) -> Result<Response, Galat> {
    if !u.admin() {
        return Err(u.terlarang());
    }
    let akun = akun::daftar(&app.db).await?;
    let kelompok_kecil = pengaturan::kelompok_kecil(&app.db).await?;
    render(&AkunPage {
        nav: Nav::of(u),
        akun,
        kelompok_kecil,
        zona: u.zona.kode(),
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
    let peran = Peran::parse(&f.peran).ok_or_else(|| u.permintaan("unknown_role"))?;
    if f.password.chars().count() < 10 {
        return Err(u.permintaan("passwords_need_least_10"));
    }
    let username = f.username.trim();
    if username.is_empty() || username.len() > 64 {
        return Err(u.permintaan("username_required_most_64"));
    }
    let opt = |s: &str| Some(s.trim()).filter(|s| !s.is_empty()).map(str::to_string);
    let (unor_id, nip) = (opt(&f.unor_id), opt(&f.nip));
    if peran == Peran::Pegawai && nip.is_none() {
        return Err(u.permintaan("pegawai_account_needs_nip"));
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
    show_akun(&app, &u, format!("{} {username}", u.t().s("tersimpan"))).await
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
        return Err(u.permintaan("own_account_cannot_deactivated"));
    }
    if f.yakin.is_none() {
        return show_akun(
            &app,
            &u,
            u.t().s("tick_sure_deactivate_account").to_string(),
        )
        .await;
    }
    if !akun::nonaktifkan(&app.db, username).await? {
        return Err(u.tidak_ada());
    }
    u.catat(&app, "akun_nonaktif", username, "").await?;
    show_akun(&app, &u, format!("{} {username}", u.t().s("deactivated"))).await
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
    #[serde(default)]
    zona_waktu: String,
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
            .ok_or_else(|| u.permintaan("target_0_100"))?;
        let key = match f.tahun.trim() {
            "" => "target".to_string(),
            y => format!(
                "target.{}",
                y.parse::<i64>().map_err(|_| u.permintaan("invalid_year"))?
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
            .ok_or_else(|| u.permintaan("small_group_threshold_must"))?;
        pengaturan::set(&app.db, "kelompok_kecil", &k.to_string()).await?;
        u.catat(&app, "pengaturan", "kelompok_kecil", &k.to_string())
            .await?;
    }
    if !f.zona_waktu.trim().is_empty() {
        let z = crate::tampilan::Zona::parse(&f.zona_waktu)
            .ok_or_else(|| u.permintaan("time_zone_must_be"))?;
        pengaturan::set(&app.db, "zona_waktu", z.kode()).await?;
        u.catat(&app, "pengaturan", "zona_waktu", z.kode()).await?;
    }
    // The page shows the zone just saved.
    let u = Pengguna {
        zona: crate::tampilan::Zona::parse(&f.zona_waktu).unwrap_or(u.zona),
        ..u
    };
    show_akun(&app, &u, u.t().s("settings_saved").into()).await
}

/// Checks and stores a finer boundary file; returns the number of regions.
pub async fn simpan_batas(app: &App, nama: &str, text: &str) -> Result<usize, Pesan> {
    // Parsed off the request threads (a finer layer can be tens of MB).
    let owned = text.to_string();
    let n = tokio::task::spawn_blocking(move || crate::peta::fitur(&owned).map(|f| f.len()))
        .await
        .map_err(|e| Pesan::new("gagal").isi(e))??;
    if n == 0 {
        return Err(Pesan::new("batas_tanpa_wilayah"));
    }
    ipasn_store::baca::simpan_peta_batas(&app.db, nama, text)
        .await
        .map_err(|e| Pesan::new("gagal").isi(e))?;
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
    let Some((name, bytes)) = crate::unggahan::berkas(&mut form, &u).await? else {
        return Err(u.permintaan("choose_geojson_file"));
    };
    let name = name.unwrap_or_else(|| "batas.geojson".into());
    let text =
        String::from_utf8(bytes.to_vec()).map_err(|_| u.permintaan("file_must_be_geojson"))?;
    let n = simpan_batas(&app, &name, &text)
        .await
        .map_err(|p| u.permintaan(p))?;
    u.catat(&app, "peta_batas", &name, &format!("{n}")).await?;
    show_akun(
        &app,
        &u,
        format!("{}: {n}", u.t().s("boundaries_saved_regions")),
    )
    .await
}
