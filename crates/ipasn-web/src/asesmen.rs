//! Competency assessment: uploading results, the dictionary, position standards and the
//! instansi's assessment rules (and the helpers the person's page and the nine-box share).

use crate::App;
use crate::auth::Pengguna;
use crate::galat::Galat;
use crate::tampilan::{Nav, render};
use crate::teks::Pesan;
use askama::Template;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use ipasn_store::pengaturan;
use serde::Deserialize;
use serde_json::{Value, json};

/// The assessment routes (events: [`crate::acara`]).
pub fn routes() -> Router<App> {
    Router::new()
        .route(
            "/asesmen/impor",
            post(unggah_asesmen).layer(DefaultBodyLimit::max(crate::BERKAS_MAKS)),
        )
        .route("/asesmen/aturan.toml", get(aturan_asesmen_unduh))
        .route("/asesmen/aturan", post(aturan_asesmen_simpan))
        .route("/asesmen/aturan/isian", post(aturan_isian_simpan))
        .route("/asesmen/standar", post(standar_simpan))
        .route("/asesmen/kamus", get(kamus_page))
        .route(
            "/api/asesmen/impor",
            post(asesmen_unggah).layer(axum::extract::DefaultBodyLimit::max(crate::BERKAS_MAKS)),
        )
}

/// The assessment rules in force: the admin's uploaded file (setting `asesmen_aturan`), else the
/// shipped defaults.
pub async fn aturan_asesmen(app: &App) -> Result<ipasn_asesmen::Aturan, Galat> {
    match pengaturan::get(&app.db, "asesmen_aturan").await? {
        Some(text) => ipasn_asesmen::Aturan::from_toml(&text)
            .map_err(|e| Galat::Server(format!("stored assessment rules: {e}"), false)),
        None => Ok(ipasn_asesmen::Aturan::bawaan()),
    }
}

/// `(year, month, day)` of an ISO date as stored.
pub(crate) fn ymd(s: &str) -> ipasn_asesmen::integrasi::Ymd {
    let mut it = s.splitn(3, '-').map(|x| x.parse::<u32>().unwrap_or(0));
    (
        it.next().unwrap_or(0) as i32,
        it.next().unwrap_or(1),
        it.next().unwrap_or(1),
    )
}

/// The position standards (SKJ) as stored, keyed as the store keys them.
pub(crate) async fn skj(app: &App) -> Result<ipasn_asesmen::jpm::Skj, Galat> {
    use ipasn_store::asesmen::{kunci_jabatan, standar};
    Ok(ipasn_asesmen::jpm::Skj::new(
        standar(&app.db).await?,
        kunci_jabatan,
    ))
}

/// Today as the assessment rules take dates.
pub(crate) fn hari_ini() -> ipasn_asesmen::integrasi::Ymd {
    let t = ipasn_store::impor::today();
    (t.year(), t.month(), t.day())
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
    let Some((name, bytes)) = crate::unggahan::berkas(&mut form, u).await? else {
        return Err(u.permintaan("choose_csv_xlsx_file"));
    };
    let name = name.unwrap_or_else(|| "asesmen.csv".into());
    let aturan = aturan_asesmen(app).await?;
    let r = ipasn_store::asesmen::impor(
        &app.db,
        Some((u.akun.id, &u.akun.username)),
        &name,
        &bytes,
        &aturan,
    )
    .await?;
    Ok(r)
}

async fn unggah_asesmen(
    State(app): State<App>,
    u: Pengguna,
    form: Multipart,
) -> Result<Response, Galat> {
    let (id, _) = impor_asesmen(&app, &u, form).await?;
    Ok(Redirect::to(&format!("/impor/{id}")).into_response())
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
    let Some((_, bytes)) = crate::unggahan::berkas(&mut form, &u).await? else {
        return Err(u.permintaan("choose_toml_file"));
    };
    let text = String::from_utf8(bytes.to_vec()).map_err(|_| u.permintaan("file_must_be_toml"))?;
    let a = ipasn_asesmen::Aturan::from_toml(&text)
        .map_err(|e| u.permintaan(Pesan::new("aturan_asesmen_tidak_sah").isi(e)))?;
    ipasn_store::pengaturan::set(&app.db, "asesmen_aturan", &text).await?;
    u.catat(
        &app,
        "aturan_asesmen",
        &a.id,
        &hex::encode(<sha2::Sha256 as sha2::Digest>::digest(text.as_bytes())),
    )
    .await?;
    crate::akun::show_akun(
        &app,
        &u,
        format!("{} {}", u.t().s("assessment_rules_saved"), a.id),
    )
    .await
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
    let aturan = aturan_asesmen(&app).await?;
    let kode = f.kompetensi.trim().to_uppercase();
    if f.jabatan.trim().is_empty() || !aturan.kode_sah(&kode) {
        return Err(u.permintaan("give_position_valid_competency"));
    }
    let level = match f.level.trim() {
        "" => None,
        v => Some(
            v.parse::<f64>()
                .ok()
                .filter(|l| (1.0..=5.0).contains(l) && l.fract() == 0.0)
                .ok_or_else(|| u.permintaan("standard_level_1_5"))?,
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
    crate::akun::show_akun(
        &app,
        &u,
        format!("{} {} {kode}", u.t().s("standard_saved"), f.jabatan.trim()),
    )
    .await
}

async fn asesmen_unggah(
    State(app): State<App>,
    u: Pengguna,
    form: Multipart,
) -> Result<Json<Value>, Galat> {
    let (id, status) = impor_asesmen(&app, &u, form).await?;
    Ok(Json(json!({"id": id, "status": status})))
}

/// A value of the assessment rules in the form: its dotted path in `asesmen.toml`, its label,
/// its value as the form shows it, and the choices when it is one of a few words.
#[derive(Clone, Debug)]
pub struct MedanAturan {
    /// `asesmen.berlaku_tahun`, `standar.JPT Utama`, `jpm.pita.pemetaan.0.min`, …
    pub path: String,
    /// What it is, in the user's language.
    pub label: String,
    /// Its value.
    pub nilai: String,
    /// The words it may be (the JPM variant); empty for a number.
    pub pilihan: Vec<String>,
}

/// The form of the assessment rules: the values an instansi changes most (validity,
/// assessors, consensus gap, rating step, JPM variant, weights and band floors, potential
/// weights and bands, the standard per jenjang); the rest stays a matter of the file.
pub fn isian_aturan(a: &ipasn_asesmen::Aturan, t: crate::teks::T) -> Vec<MedanAturan> {
    use crate::tampilan::trim;
    let m = |path: String, label: String, nilai: String| MedanAturan {
        path,
        label,
        nilai,
        pilihan: vec![],
    };
    let mut out = vec![
        m(
            "asesmen.berlaku_tahun".into(),
            t.s("aturan_berlaku_tahun").into(),
            a.asesmen.berlaku_tahun.to_string(),
        ),
        m(
            "asesmen.asesor_minimal".into(),
            t.s("aturan_asesor_minimal").into(),
            a.asesmen.asesor_minimal.to_string(),
        ),
        m(
            "asesmen.selisih_konsensus".into(),
            t.s("aturan_selisih_konsensus").into(),
            trim(a.asesmen.selisih_konsensus),
        ),
        m(
            "asesmen.langkah_level".into(),
            t.s("aturan_langkah_level").into(),
            trim(a.asesmen.langkah_level),
        ),
    ];
    let varian = match a.jpm.varian {
        ipasn_asesmen::jpm::Varian::TanpaBatas => "tanpa_batas",
        ipasn_asesmen::jpm::Varian::BatasTotal => "batas_total",
        ipasn_asesmen::jpm::Varian::BatasPerKompetensi => "batas_per_kompetensi",
    };
    out.push(MedanAturan {
        path: "jpm.varian".into(),
        label: t.s("aturan_jpm_varian").into(),
        nilai: varian.into(),
        pilihan: ["tanpa_batas", "batas_total", "batas_per_kompetensi"]
            .map(String::from)
            .to_vec(),
    });
    for (k, w) in &a.jpm.bobot {
        out.push(m(
            format!("jpm.bobot.{k}"),
            t.f1("aturan_bobot_jpm", k),
            trim(*w),
        ));
    }
    for (set, bands) in &a.jpm.pita {
        // The last band is the floor (0): not a number to change.
        for (i, b) in bands.iter().enumerate().take(bands.len().saturating_sub(1)) {
            out.push(m(
                format!("jpm.pita.{set}.{i}.min"),
                t.f2("aturan_pita_min", set, t.nama(&b.nama)),
                trim(b.min),
            ));
        }
    }
    let p = &a.potensi.bobot;
    for (k, w) in [
        ("jpm", p.jpm),
        ("tes_potensi", p.tes_potensi),
        ("rekam_jejak", p.rekam_jejak),
    ] {
        out.push(m(
            format!("potensi.bobot.{k}"),
            t.f1("aturan_bobot_potensi", k),
            trim(w),
        ));
    }
    let bands = &a.potensi.pita;
    for (i, b) in bands.iter().enumerate().take(bands.len().saturating_sub(1)) {
        out.push(m(
            format!("potensi.pita.{i}.min"),
            t.f2("aturan_pita_min", "potensi", t.nama(&b.nama)),
            trim(b.min),
        ));
    }
    for (j, l) in &a.standar {
        out.push(m(
            format!("standar.{j}"),
            t.f1("aturan_standar", j),
            trim(*l),
        ));
    }
    out
}

/// The assessment rules' text in force (the admin's, else the shipped one).
async fn teks_aturan(app: &App) -> Result<String, Galat> {
    Ok(pengaturan::get(&app.db, "asesmen_aturan")
        .await?
        .unwrap_or_else(|| ipasn_asesmen::Aturan::teks_bawaan().to_string()))
}

/// The assessment rules changed in the form: only the values that differ are written into the
/// file in force (comments and the rest kept, `ipasn_data::aturan_asesmen`), checked as an
/// upload is; refused, the form comes back as typed with the value that was wrong.
async fn aturan_isian_simpan(
    State(app): State<App>,
    u: Pengguna,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, Galat> {
    if !u.admin() {
        return Err(u.terlarang());
    }
    let now = isian_aturan(&aturan_asesmen(&app).await?, u.t());
    let typed: Vec<(String, String)> = pairs
        .into_iter()
        .filter(|(k, _)| now.iter().any(|m| m.path == *k))
        .collect();
    let changes: Vec<(String, String)> = typed
        .iter()
        .filter(|(k, v)| now.iter().any(|m| m.path == *k && m.nilai != v.trim()))
        .cloned()
        .collect();
    if changes.is_empty() {
        return crate::akun::show_akun(&app, &u, u.t().s("aturan_tidak_berubah").to_string()).await;
    }
    let text = teks_aturan(&app).await?;
    match ipasn_data::aturan_asesmen::ubah(&text, &changes) {
        Ok((baru, a)) => {
            ipasn_store::pengaturan::set(&app.db, "asesmen_aturan", &baru).await?;
            let rincian: Vec<String> = changes.iter().map(|(k, v)| format!("{k}={v}")).collect();
            u.catat(&app, "aturan_asesmen", &a.id, &rincian.join("; "))
                .await?;
            crate::akun::show_akun(
                &app,
                &u,
                format!("{} {}", u.t().s("assessment_rules_saved"), a.id),
            )
            .await
        }
        Err(e) => {
            let t = u.t();
            let what = match e
                .path
                .as_deref()
                .and_then(|p| now.iter().find(|m| m.path == p))
            {
                Some(m) => t.f("aturan_nilai_salah", &[&m.label, &e.alasan]),
                None => t.f("aturan_tidak_sah_isian", &[&e.alasan]),
            };
            crate::akun::show_akun_aturan(&app, &u, typed, what).await
        }
    }
}
