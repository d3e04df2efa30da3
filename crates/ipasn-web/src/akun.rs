//! Administration: accounts (create, change, deactivate), settings (targets, the small-group
//! threshold) and the finer boundary layer of the map.

use crate::App;
use crate::auth::Pengguna;
use crate::galat::Galat;
use crate::tampilan::{Nav, render_status};
use crate::teks::Pesan;
use askama::Template;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::StatusCode;
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
    /// What the account form held when it was refused (the password is never sent back).
    isian: FormAkun,
    /// Why the account form was refused.
    galat_akun: String,
    /// What the settings form held when it was refused.
    setelan: FormPengaturan,
    /// Why the settings form was refused.
    galat_pengaturan: String,
    /// The units to choose a scope from, in tree order: `(id, name indented by depth)`; `None`
    /// when there are too many for a list (the scope is then typed as a unit id).
    pilihan_unor: Option<Vec<(String, String)>>,
    /// Unit names by id, for the accounts table.
    nama_unor: std::collections::HashMap<String, String>,
    /// The assessment rules' form: the values in force, or as typed when refused.
    isian_aturan: Vec<crate::asesmen::MedanAturan>,
    /// Why the rules' form was refused.
    galat_aturan: String,
}

/// Units offered in the scope picker; beyond this many the scope is typed.
const PILIHAN_UNOR_MAKS: i64 = 5000;

/// Units to pick from in tree order with indented names, within the user's scope (empty past
/// 5,000 units: the form takes a typed unit id then).
pub(crate) async fn pilihan_unor(app: &App, u: &Pengguna) -> Result<Vec<(String, String)>, Galat> {
    let units = ipasn_store::baca::semua_unor(&app.db, PILIHAN_UNOR_MAKS + 1).await?;
    if units.len() as i64 > PILIHAN_UNOR_MAKS {
        return Ok(vec![]);
    }
    Ok(units
        .iter()
        .filter(|x| u.dalam_cakupan(&x.path))
        .map(|x| {
            let indent = "\u{2003}".repeat(x.kedalaman.clamp(0, 12) as usize);
            (
                x.unor_id.clone(),
                format!("{indent}{} ({})", x.nama, x.unor_id),
            )
        })
        .collect())
}

impl AkunPage {
    /// A scope as the table shows it: the unit's name and id.
    fn cakupan(&self, id: impl AsRef<str>) -> String {
        let id = id.as_ref();
        match self.nama_unor.get(id) {
            Some(n) => format!("{n} ({id})"),
            None => id.to_string(),
        }
    }
}

async fn akun_page(State(app): State<App>, u: Pengguna) -> Result<Response, Galat> {
    show_akun(&app, &u, String::new()).await
}

/// The administration page with a message.
pub(crate) async fn show_akun(app: &App, u: &Pengguna, pesan: String) -> Result<Response, Galat> {
    show_akun_lagi(app, u, pesan, Tolak::Tidak).await
}

/// The administration page with the assessment rules' form refused: as typed, with why.
pub(crate) async fn show_akun_aturan(
    app: &App,
    u: &Pengguna,
    typed: Vec<(String, String)>,
    why: String,
) -> Result<Response, Galat> {
    show_akun_lagi(app, u, String::new(), Tolak::Aturan(typed, why)).await
}

/// Which form was refused, with what it held and the catalogue key of the reason (the rules'
/// form: its reason already worded).
enum Tolak {
    Tidak,
    Akun(FormAkun, &'static str),
    Pengaturan(FormPengaturan, &'static str),
    Aturan(Vec<(String, String)>, String),
}

/// The administration page; a refused form comes back with everything typed (but a password)
/// and the reason beside it, with status 422.
async fn show_akun_lagi(
    app: &App,
    u: &Pengguna,
    pesan: String,
    tolak: Tolak,
) -> Result<Response, Galat> {
    if !u.admin() {
        return Err(u.terlarang());
    }
    let akun = akun::daftar(&app.db).await?;
    let units = ipasn_store::baca::semua_unor(&app.db, PILIHAN_UNOR_MAKS + 1).await?;
    let nama_unor = units
        .iter()
        .map(|x| (x.unor_id.clone(), x.nama.clone()))
        .collect();
    let pilihan_unor = (units.len() as i64 <= PILIHAN_UNOR_MAKS).then(|| {
        units
            .iter()
            .map(|x| {
                let indent = "\u{2003}".repeat(x.kedalaman.clamp(0, 12) as usize);
                (
                    x.unor_id.clone(),
                    format!("{indent}{} ({})", x.nama, x.unor_id),
                )
            })
            .collect()
    });
    let kelompok_kecil = pengaturan::kelompok_kecil(&app.db).await?;
    let t = u.t();
    let mut isian_aturan =
        crate::asesmen::isian_aturan(&crate::asesmen::aturan_asesmen(app).await?, t);
    let mut galat_aturan = String::new();
    let tolak = match tolak {
        Tolak::Aturan(typed, why) => {
            for m in &mut isian_aturan {
                if let Some((_, v)) = typed.iter().find(|(k, _)| *k == m.path) {
                    m.nilai = v.clone();
                }
            }
            galat_aturan = why;
            Tolak::Aturan(vec![], String::new())
        }
        other => other,
    };
    let (status, isian, galat_akun, setelan, galat_pengaturan) = match tolak {
        Tolak::Aturan(..) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            FormAkun::default(),
            String::new(),
            FormPengaturan::default(),
            String::new(),
        ),
        Tolak::Tidak => (
            StatusCode::OK,
            FormAkun::default(),
            String::new(),
            FormPengaturan::default(),
            String::new(),
        ),
        Tolak::Akun(f, key) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            FormAkun {
                password: String::new(),
                ..f
            },
            t.s(key).to_string(),
            FormPengaturan::default(),
            String::new(),
        ),
        Tolak::Pengaturan(f, key) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            FormAkun::default(),
            String::new(),
            f,
            t.s(key).to_string(),
        ),
    };
    // A refused form keeps the unit it named, even one that is not (or no longer) a unit.
    let pilihan_unor = pilihan_unor.map(|mut v: Vec<(String, String)>| {
        let typed = isian.unor_id.trim();
        if !typed.is_empty() && !v.iter().any(|(id, _)| id == typed) {
            v.insert(0, (typed.to_string(), typed.to_string()));
        }
        v
    });
    render_status(
        status,
        &AkunPage {
            nav: Nav::of(u),
            akun,
            kelompok_kecil,
            zona: u.zona.kode(),
            pesan,
            isian,
            galat_akun,
            setelan,
            galat_pengaturan,
            pilihan_unor,
            nama_unor,
            isian_aturan,
            galat_aturan,
        },
    )
}

/// The account form.
#[derive(Clone, Debug, Default, Deserialize)]
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
    let opt = |s: &str| Some(s.trim()).filter(|s| !s.is_empty()).map(str::to_string);
    let (unor_id, nip) = (opt(&f.unor_id), opt(&f.nip));
    let username = f.username.trim();
    let peran = Peran::parse(&f.peran);
    let refused = match peran {
        None => Some("unknown_role"),
        Some(_) if f.password.chars().count() < 10 => Some("passwords_need_least_10"),
        Some(_) if username.is_empty() || username.len() > 64 => Some("username_required_most_64"),
        Some(Peran::Pegawai) if nip.is_none() => Some("pegawai_account_needs_nip"),
        Some(_) => None,
    };
    let (Some(peran), None) = (peran, refused) else {
        let key = refused.unwrap_or("unknown_role");
        return show_akun_lagi(&app, &u, String::new(), Tolak::Akun(f, key)).await;
    };
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
#[derive(Clone, Debug, Default, Deserialize)]
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
    // Everything is checked before anything is saved: a refused form changes nothing and
    // comes back as it was typed.
    let checked = (|| -> Result<_, &'static str> {
        let target = match f.target.trim() {
            "" => None,
            t => {
                let v: f64 = t
                    .replace(',', ".")
                    .parse()
                    .ok()
                    .filter(|x: &f64| (0.0..=100.0).contains(x))
                    .ok_or("target_0_100")?;
                let key = match f.tahun.trim() {
                    "" => "target".to_string(),
                    y => format!("target.{}", y.parse::<i64>().map_err(|_| "invalid_year")?),
                };
                Some((key, v))
            }
        };
        let kecil = match f.kelompok_kecil.trim() {
            "" => None,
            k => Some(
                k.parse::<i64>()
                    .ok()
                    .filter(|k| (1..=1000).contains(k))
                    .ok_or("small_group_threshold_must")?,
            ),
        };
        let zona = match f.zona_waktu.trim() {
            "" => None,
            z => Some(crate::tampilan::Zona::parse(z).ok_or("time_zone_must_be")?),
        };
        Ok((target, kecil, zona))
    })();
    let (target, kecil, zona) = match checked {
        Ok(v) => v,
        Err(key) => {
            return show_akun_lagi(&app, &u, String::new(), Tolak::Pengaturan(f, key)).await;
        }
    };
    if let Some((key, v)) = target {
        pengaturan::set(&app.db, &key, &v.to_string()).await?;
        u.catat(&app, "pengaturan", &key, &v.to_string()).await?;
    }
    if let Some(k) = kecil {
        pengaturan::set(&app.db, "kelompok_kecil", &k.to_string()).await?;
        u.catat(&app, "pengaturan", "kelompok_kecil", &k.to_string())
            .await?;
    }
    if let Some(z) = zona {
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
