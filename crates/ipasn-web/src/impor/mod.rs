//! Importing a data package: the upload, the import's page (progress, what changes, problems),
//! the confirmation when persons or units would leave, cancelling, and restoring an earlier
//! import. The JSON API (`api.rs`) calls the same functions.
//!
//! A package is the instansi's whole current state, so an import can remove people. Before
//! anything is written the import computes what would change; when persons or units would
//! leave it stops at that preview (`menunggu`) until someone confirms with the number in the
//! button. The write, the import's status and its audit entry are one transaction
//! (`ipasn_app::impor::jalankan`, `ipasn_store::impor::simpan`). One package import runs at a
//! time.

use crate::App;
use crate::auth::Pengguna;
use crate::galat::Galat;
use crate::tampilan::{Nav, render_status as render};
use crate::teks::{Pesan, T};
use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use ipasn_core::rules::RuleSet;
use ipasn_core::teks::Lang;
use ipasn_store::impor::{self, Berjalan, Izin, Status};
use serde::Deserialize;
use serde::Serialize;
use std::sync::Arc;

mod api;
pub mod tahap;

/// The import pages.
pub fn routes() -> Router<App> {
    Router::new()
        .route(
            "/impor",
            get(halaman_impor)
                .post(unggah)
                .layer(axum::extract::DefaultBodyLimit::max(crate::UPLOAD_MAKS)),
        )
        .route("/impor/{id}", get(halaman_satu))
        .route("/impor/{id}/konfirmasi", post(konfirmasi))
        .route("/impor/{id}/batal", post(batal))
        .route("/impor/{id}/pulihkan", post(pulihkan))
        .route(
            "/api/impor",
            get(api::impor_riwayat)
                .post(api::impor_unggah)
                .layer(axum::extract::DefaultBodyLimit::max(crate::UPLOAD_MAKS)),
        )
        .route("/api/impor/{id}", get(api::impor_satu))
        .route("/api/impor/{id}/konfirmasi", post(api::impor_konfirmasi))
        .route("/api/impor/{id}/batal", post(api::impor_batal))
        .route("/api/impor/{id}/pulihkan", post(api::impor_pulihkan))
}

/// Problems shown per page of an import.
pub const MASALAH_PER_HALAMAN: usize = 200;

/// Whether `id` is the import in force (for the history table).
pub fn berlaku_ini(berlaku: &Option<i64>, id: impl std::borrow::Borrow<i64>) -> bool {
    *berlaku == Some(*id.borrow())
}

/// The key of an import status's words.
pub fn status_key(s: &str) -> String {
    format!("st_{s}")
}

/// A whole number with the language's thousands separator (`9.998` / `9,998`).
pub fn angka(n: impl std::borrow::Borrow<u64>, lang: impl std::borrow::Borrow<Lang>) -> String {
    let (n, lang) = (*n.borrow(), *lang.borrow());
    let sep = match lang {
        Lang::Id => '.',
        Lang::En => ',',
    };
    let d = n.to_string();
    let mut out = String::with_capacity(d.len() + d.len() / 3);
    for (i, c) in d.chars().enumerate() {
        if i > 0 && (d.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

fn n(v: &serde_json::Value) -> u64 {
    v.as_u64().unwrap_or(0)
}

/// One line saying what an import changed (or would change), in the user's language.
pub fn perubahan(i: &ImporInfo, t: &T) -> String {
    let v = &i.perubahan;
    let lang = t.0;
    // A running import's row holds its stage (`tahap`), not what changed.
    if v.get("tahap").is_some() || (v.get("sama").is_some() && v["pegawai"].is_null()) {
        return String::new();
    }
    if let (Some(g), Some(w)) = (
        v.get("galat").and_then(|x| x.as_u64()),
        v.get("peringatan").and_then(|x| x.as_u64()),
    ) {
        return t.f("ringkasan_galat", &[&angka(g, lang), &angka(w, lang)]);
    }
    let p = &v["pegawai"];
    if p.is_null() {
        return v.get("galat").map(|g| g.to_string()).unwrap_or_default();
    }
    let years = v["tahun"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default();
    let a = |x: &serde_json::Value| angka(n(x), lang);
    // The words of each figure, in the user's language; the figures are the same.
    let w = match lang {
        Lang::Id => [
            "pegawai",
            "baru",
            "berubah",
            "keluar",
            "unor",
            "tambah",
            "hapus",
            "tahun",
            "diukur",
            "peringatan",
        ],
        Lang::En => [
            "persons", "new", "changed", "leaving", "units", "added", "removed", "years",
            "measured", "warnings",
        ],
    };
    format!(
        "{} {} ({} {}, {} {}, {} {}); {} {} ({} {}, {} {}); {} {years}; {} {}; {} {}",
        w[0],
        a(&p["jumlah"]),
        w[1],
        a(&p["baru"]),
        w[2],
        a(&p["berubah"]),
        w[3],
        a(&p["keluar"]),
        w[4],
        a(&v["unor"]["jumlah"]),
        w[5],
        a(&v["unor"]["tambah"]),
        w[6],
        a(&v["unor"]["hapus"]),
        w[7],
        w[8],
        a(&v["diukur"]),
        w[9],
        a(&v["peringatan"])
    )
}

#[derive(Template)]
#[template(path = "impor.html")]
struct ImporPage {
    nav: Nav,
    riwayat: Vec<ImporInfo>,
    aturan: Vec<&'static str>,
    berlaku: Option<i64>,
    pesan: String,
}

async fn halaman_impor(State(app): State<App>, u: Pengguna) -> Result<Response, Galat> {
    tampil_impor(&app, &u, StatusCode::OK, String::new()).await
}

async fn tampil_impor(
    app: &App,
    u: &Pengguna,
    status: StatusCode,
    pesan: String,
) -> Result<Response, Galat> {
    let riwayat = riwayat_impor(app, u).await?;
    render(
        status,
        &ImporPage {
            nav: Nav::of(u),
            riwayat,
            aturan: ipasn_core::rules::BUILTIN.iter().map(|b| b.0).collect(),
            berlaku: impor::berlaku(&app.db).await?,
            pesan,
        },
    )
}

/// What a waiting (or dry-run) import would change, for its page.
struct Pratinjau {
    jumlah: u64,
    sebelumnya: u64,
    baru: u64,
    berubah: u64,
    keluar: u64,
    unor_tambah: u64,
    unor_hapus: u64,
    tahun: String,
    keluar_contoh: Vec<(String, String)>,
    unor_contoh: Vec<(String, String)>,
    tombol: String,
    dasar_berubah: bool,
}

fn pratinjau(v: &serde_json::Value, lang: Lang) -> Option<Pratinjau> {
    let t = T(lang);
    let p = v.get("pegawai")?;
    let u = &v["unor"];
    let pairs = |a: &serde_json::Value, k: &str| -> Vec<(String, String)> {
        a.as_array()
            .map(|a| {
                a.iter()
                    .map(|x| {
                        (
                            x[k].as_str().unwrap_or("").to_string(),
                            x["nama"].as_str().unwrap_or("").to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let (keluar, hapus) = (n(&p["keluar"]), n(&u["hapus"]));
    let tombol = match (keluar > 0, hapus > 0) {
        (true, true) => t.f(
            "tombol_hapus_keduanya",
            &[&angka(keluar, lang), &angka(hapus, lang)],
        ),
        (true, false) => t.f("tombol_hapus_pegawai", &[&angka(keluar, lang)]),
        (false, true) => t.f("tombol_hapus_unor", &[&angka(hapus, lang)]),
        (false, false) => t.s("simpan").to_string(),
    };
    Some(Pratinjau {
        jumlah: n(&p["jumlah"]),
        sebelumnya: n(&p["sebelumnya"]),
        baru: n(&p["baru"]),
        berubah: n(&p["berubah"]),
        keluar,
        unor_tambah: n(&u["tambah"]),
        unor_hapus: hapus,
        tahun: v["tahun"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|x| x.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default(),
        keluar_contoh: pairs(&p["keluar_contoh"], "nip"),
        unor_contoh: pairs(&u["hapus_contoh"], "unor_id"),
        tombol,
        dasar_berubah: v["dasar_berubah"].as_bool().unwrap_or(false),
    })
}

/// One problem row as shown: level, sheet, row, column, value, problem, fix.
type BarisMasalah = (String, String, String, String, String, String, String);

#[derive(Template)]
#[template(path = "impor_satu.html")]
struct ImporSatuPage {
    nav: Nav,
    i: ImporInfo,
    masalah: Vec<BarisMasalah>,
    total_masalah: usize,
    hal: usize,
    hal_maks: usize,
    dipotong: Vec<String>,
    pratinjau: Option<Pratinjau>,
    berlaku: bool,
    bisa_pulihkan: bool,
    tahap: Option<tahap::Tahap>,
}

#[derive(Deserialize)]
struct HalQ {
    #[serde(default)]
    hal: Option<String>,
}

/// A page number from a query: anything that is not a number from 1 up is page 1; past the
/// end is the last page.
pub fn halaman_ke(q: Option<&str>, maks: usize) -> usize {
    q.and_then(|h| h.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, maks.max(1))
}

async fn halaman_satu(
    State(app): State<App>,
    u: Pengguna,
    Path(id): Path<i64>,
    Query(q): Query<HalQ>,
) -> Result<Response, Galat> {
    let (i, m) = satu_impor(&app, &u, id).await?;
    let total_masalah = m.len();
    let hal_maks = total_masalah.div_ceil(MASALAH_PER_HALAMAN).max(1);
    let hal = halaman_ke(q.hal.as_deref(), hal_maks);
    let masalah = m
        .iter()
        .skip((hal - 1) * MASALAH_PER_HALAMAN)
        .take(MASALAH_PER_HALAMAN)
        .map(|m| {
            let (msg, fix) = masalah_teks(m, u.lang);
            (
                u.t()
                    .s(if m.is_error() {
                        "tingkat_galat"
                    } else {
                        "tingkat_peringatan"
                    })
                    .to_string(),
                m.sheet.clone(),
                m.baris.map(|b| b.to_string()).unwrap_or_default(),
                m.kolom.clone().unwrap_or_default(),
                m.nilai.clone().unwrap_or_default(),
                msg.to_string(),
                fix.to_string(),
            )
        })
        .collect();
    let dipotong = i.perubahan["masalah_dipotong"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|c| {
                    let (jumlah, disimpan) = (n(&c["jumlah"]), n(&c["disimpan"]));
                    let tempat = format!(
                        "{}{}",
                        c["sheet"].as_str().unwrap_or(""),
                        c["kolom"]
                            .as_str()
                            .map(|k| format!(" · {k}"))
                            .unwrap_or_default()
                    );
                    u.t().f(
                        "masalah_dipotong",
                        &[&tempat, &angka(jumlah, u.lang), &angka(disimpan, u.lang)],
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let status = Status::parse(&i.impor.status);
    let pratinjau = match status {
        Some(Status::Menunggu | Status::Diperiksa) => pratinjau(&i.perubahan, u.lang),
        _ => None,
    };
    let berlaku = impor::berlaku(&app.db).await? == Some(id);
    let bisa_pulihkan = status == Some(Status::Selesai) && i.impor.ada_isi && !berlaku;
    render(
        StatusCode::OK,
        &ImporSatuPage {
            nav: Nav::of(&u),
            tahap: tahap::tahap(&i, u.t()),
            i,
            masalah,
            total_masalah,
            hal,
            hal_maks,
            dipotong,
            pratinjau,
            berlaku,
            bisa_pulihkan,
        },
    )
}

/// The message when another import is running.
pub fn pesan_berjalan(b: &Berjalan) -> Pesan {
    Pesan::new("impor_lain_berjalan")
        .isi(b.id)
        .isi(&b.username)
        .isi(&b.waktu)
}

/// Starts an import's run in the background (upload, confirmation, restore).
fn jalankan_latar(
    app: &App,
    u: &Pengguna,
    id: i64,
    b: impor::Bahan,
    izin: Izin,
) -> Result<(), Galat> {
    let Some(text) = ipasn_core::rules::BUILTIN
        .iter()
        .find(|r| r.0 == b.aturan_id)
        .map(|r| r.1)
    else {
        return Err(
            u.permintaan(Pesan::new("aturan_tak_dikenal").isi(format!("{:?}", b.aturan_id)))
        );
    };
    let rules = RuleSet::from_toml(text).map_err(|e| Galat::Server(e.to_string(), u.api))?;
    let db = app.db.clone();
    let who = (u.akun.id, u.akun.username.clone());
    ipasn_app::tugas::jalankan(async move {
        let r = ipasn_app::impor::jalankan(
            &db,
            id,
            Some((who.0, &who.1)),
            &b.nama_berkas,
            b.isi,
            Arc::new(rules),
            text,
            izin,
        )
        .await;
        if let Err(e) = r {
            tracing::error!(impor = id, "import failed: {e}");
            let _ = impor::gagal(&db, id, &e.to_string()).await;
        }
    });
    Ok(())
}

/// Reads an upload form (`berkas`, optional `aturan`, optional `periksa` for a dry run) and
/// starts the import in the background. Returns the import's id at once (the import's page
/// follows its progress), or the import already running.
pub async fn mulai_impor(
    app: &App,
    u: &Pengguna,
    mut form: Multipart,
    periksa: bool,
) -> Result<Result<i64, Berjalan>, Galat> {
    if !u.boleh_impor() {
        return Err(u.terlarang());
    }
    let mut berkas: Option<(String, Vec<u8>)> = None;
    let mut aturan_id = "perban-8-2019".to_string();
    let mut periksa = periksa;
    loop {
        let field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(Galat::TerlaluBesar(u.lang, u.api));
            }
            Err(_) => {
                return Err(u.permintaan("upload_cut_off_damaged"));
            }
        };
        match field.name() {
            Some("berkas") => {
                let name: String = field
                    .file_name()
                    .unwrap_or("paket")
                    .chars()
                    .filter(|c| !c.is_control())
                    .take(200)
                    .collect();
                let bytes = field.bytes().await.map_err(|e| {
                    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                        Galat::TerlaluBesar(u.lang, u.api)
                    } else {
                        u.permintaan("upload_cut_off_upload")
                    }
                })?;
                berkas = Some((name, bytes.to_vec()));
            }
            Some("aturan") => aturan_id = field.text().await.unwrap_or_default(),
            Some("periksa") => periksa = true,
            _ => {}
        }
    }
    let Some((name, bytes)) = berkas.filter(|b| !b.1.is_empty()) else {
        return Err(u.permintaan("choose_xlsx_zip_file"));
    };
    if !ipasn_core::rules::BUILTIN.iter().any(|b| b.0 == aturan_id) {
        return Err(u.permintaan(Pesan::new("aturan_tak_dikenal").isi(format!("{aturan_id:?}"))));
    }
    let id = match impor::mulai_paket(
        &app.db,
        Some((u.akun.id, &u.akun.username)),
        &name,
        &bytes,
        &aturan_id,
        None,
    )
    .await?
    {
        Ok(id) => id,
        Err(b) => return Ok(Err(b)),
    };
    let bahan = impor::Bahan {
        nama_berkas: name,
        aturan_id,
        isi: Arc::new(bytes),
        dasar: None,
        status: "berjalan".into(),
    };
    jalankan_latar(
        app,
        u,
        id,
        bahan,
        if periksa { Izin::Periksa } else { Izin::Belum },
    )?;
    Ok(Ok(id))
}

async fn unggah(State(app): State<App>, u: Pengguna, form: Multipart) -> Result<Response, Galat> {
    match mulai_impor(&app, &u, form, false).await? {
        Ok(id) => Ok(Redirect::to(&format!("/impor/{id}")).into_response()),
        Err(b) => {
            tampil_impor(
                &app,
                &u,
                StatusCode::CONFLICT,
                pesan_berjalan(&b).dalam(u.lang),
            )
            .await
        }
    }
}

/// Confirms a waiting import: it runs again and is stored if the data in force is still the
/// one its preview was made on (else it shows a fresh preview).
pub async fn konfirmasi_impor(
    app: &App,
    u: &Pengguna,
    id: i64,
) -> Result<Result<(), Berjalan>, Galat> {
    if !u.boleh_impor() {
        return Err(u.terlarang());
    }
    let Some(b) = impor::bahan(&app.db, id).await? else {
        return Err(u.tidak_ada());
    };
    if b.status != "menunggu" {
        return Err(u.permintaan("import_waiting_confirmation_already"));
    }
    let dasar = match impor::konfirmasi(&app.db, id).await? {
        Ok(Some(d)) => d,
        Ok(None) => {
            return Err(u.permintaan("import_waiting_confirmation"));
        }
        Err(b) => return Ok(Err(b)),
    };
    u.catat(app, "impor_konfirmasi", &id.to_string(), "")
        .await?;
    jalankan_latar(app, u, id, b, Izin::Dikonfirmasi { dasar })?;
    Ok(Ok(()))
}

async fn konfirmasi(
    State(app): State<App>,
    u: Pengguna,
    Path(id): Path<i64>,
) -> Result<Response, Galat> {
    match konfirmasi_impor(&app, &u, id).await? {
        Ok(()) => Ok(Redirect::to(&format!("/impor/{id}")).into_response()),
        Err(b) => {
            tampil_impor(
                &app,
                &u,
                StatusCode::CONFLICT,
                pesan_berjalan(&b).dalam(u.lang),
            )
            .await
        }
    }
}

/// Cancels an import that waits for its confirmation or is still running.
pub async fn batal_impor(app: &App, u: &Pengguna, id: i64) -> Result<(), Galat> {
    if !u.boleh_impor() {
        return Err(u.terlarang());
    }
    if !impor::batalkan(&app.db, id, Some((u.akun.id, &u.akun.username))).await? {
        return Err(u.permintaan("import_ended_cancelled_already"));
    }
    Ok(())
}

#[derive(Deserialize)]
struct FormKosong {
    #[serde(default, rename = "_csrf")]
    _csrf: String,
}

async fn batal(
    State(app): State<App>,
    u: Pengguna,
    Path(id): Path<i64>,
    Form(_f): Form<FormKosong>,
) -> Result<Response, Galat> {
    batal_impor(&app, &u, id).await?;
    Ok(Redirect::to(&format!("/impor/{id}")).into_response())
}

/// Restores an earlier stored import: a new import of its kept package under its rule set,
/// which (like any import) previews and asks before anything leaves.
pub async fn pulihkan_impor(
    app: &App,
    u: &Pengguna,
    id: i64,
) -> Result<Result<i64, Berjalan>, Galat> {
    if !u.boleh_impor() {
        return Err(u.terlarang());
    }
    let Some(b) = impor::bahan(&app.db, id).await? else {
        return Err(u.permintaan("import_package_not_kept"));
    };
    if b.status != "selesai" {
        return Err(u.permintaan("only_import_stored_can"));
    }
    let baru = match impor::mulai_paket(
        &app.db,
        Some((u.akun.id, &u.akun.username)),
        &b.nama_berkas,
        &b.isi,
        &b.aturan_id,
        Some(id),
    )
    .await?
    {
        Ok(n) => n,
        Err(x) => return Ok(Err(x)),
    };
    u.catat(
        app,
        "impor_pulihkan",
        &id.to_string(),
        &format!("{{\"impor_baru\":{baru}}}"),
    )
    .await?;
    jalankan_latar(app, u, baru, b, Izin::Belum)?;
    Ok(Ok(baru))
}

async fn pulihkan(
    State(app): State<App>,
    u: Pengguna,
    Path(id): Path<i64>,
) -> Result<Response, Galat> {
    match pulihkan_impor(&app, &u, id).await? {
        Ok(baru) => Ok(Redirect::to(&format!("/impor/{baru}")).into_response()),
        Err(b) => {
            tampil_impor(
                &app,
                &u,
                StatusCode::CONFLICT,
                pesan_berjalan(&b).dalam(u.lang),
            )
            .await
        }
    }
}

/// An import with its parsed summary.
#[derive(Clone, Debug, Serialize)]
pub struct ImporInfo {
    /// The stored row.
    #[serde(flatten)]
    pub impor: impor::Impor,
    /// What changed, parsed.
    pub perubahan: serde_json::Value,
}

/// The import history.
pub async fn riwayat_impor(app: &App, user: &Pengguna) -> Result<Vec<ImporInfo>, Galat> {
    if !user.boleh_impor() {
        return Err(user.terlarang());
    }
    Ok(impor::riwayat(&app.db, 100)
        .await?
        .into_iter()
        .map(info)
        .collect())
}

fn info(i: impor::Impor) -> ImporInfo {
    ImporInfo {
        perubahan: serde_json::from_str(&i.ringkasan).unwrap_or(serde_json::Value::Null),
        impor: i,
    }
}

/// One import with its problems.
pub async fn satu_impor(
    app: &App,
    user: &Pengguna,
    id: i64,
) -> Result<(ImporInfo, Vec<impor::Masalah>), Galat> {
    if !user.boleh_impor() {
        return Err(user.terlarang());
    }
    let Some(i) = impor::satu(&app.db, id).await? else {
        return Err(user.tidak_ada());
    };
    let m = impor::masalah(&app.db, id).await?;
    Ok((info(i), m))
}

/// A problem's text in a language.
pub fn masalah_teks(m: &impor::Masalah, lang: Lang) -> (&str, &str) {
    match lang {
        Lang::Id => (&m.masalah, &m.perbaikan),
        Lang::En => (&m.problem, &m.fix),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_each_language() {
        assert_eq!(angka(0, Lang::Id), "0");
        assert_eq!(angka(998, Lang::Id), "998");
        assert_eq!(angka(9998, Lang::Id), "9.998");
        assert_eq!(angka(1_234_567, Lang::Id), "1.234.567");
        assert_eq!(angka(1_234_567, Lang::En), "1,234,567");
    }

    #[test]
    fn page_numbers_never_leave_their_range() {
        assert_eq!(halaman_ke(None, 5), 1);
        assert_eq!(halaman_ke(Some("-3"), 5), 1);
        assert_eq!(halaman_ke(Some("0"), 5), 1);
        assert_eq!(halaman_ke(Some("99999999999999999999999"), 5), 1);
        assert_eq!(halaman_ke(Some("7"), 5), 5);
        assert_eq!(halaman_ke(Some("3"), 0), 1);
    }

    #[test]
    fn the_button_names_what_leaves() {
        let v = serde_json::json!({"pegawai": {"jumlah": 3000, "keluar": 9998, "keluar_contoh": []},
                                   "unor": {"hapus": 0}, "tahun": [2024]});
        let p = pratinjau(&v, Lang::Id).unwrap();
        assert_eq!(p.tombol, "Hapus 9.998 pegawai dan simpan");
        let p = pratinjau(&v, Lang::En).unwrap();
        assert_eq!(p.tombol, "Remove 9,998 persons and save");
    }
}
