//! Psychometric instruments: the bundles (shipped IPIP-50 and the instansi's uploads, each file
//! kept with its hash, a changed file a new version), answer sheets of tests taken on paper
//! scored into stored results, norms built from the platform's own results, the instrument's
//! reliability on this population, and the licence enforced (`akses`). The feedback profile of a
//! person is [`profil`].
//!
//! Who may do what (`Pengguna` methods in `akses`): bundles are uploaded by an admin or a
//! psikolog; answer sheets and raw results of a usage-level B or C instrument are the psikolog's
//! only (level A: also admin and analis); a psikolog or analis sees persons in their unit
//! subtree only; the files of a bundle that is not redistributable never leave, for anyone.
//! Every view of results and every change is audited.

mod akses;
mod jawaban;
mod norma;
mod potensi;
mod profil;

pub(crate) use jawaban::skor_orang;
pub use norma::bangun_norma_versi;
pub(crate) use norma::posisi_of;

use crate::App;
use crate::auth::Pengguna;
use crate::galat::Galat;
use crate::tampilan::{Nav, render};
use askama::Template;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use ipasn_core::teks::Lang;
use ipasn_instrumen::analisis::{AnalisisSkala, analisis};
use ipasn_instrumen::jawaban::Respons;
use ipasn_instrumen::{Bundel, Masalah};
use ipasn_store::Db;
use ipasn_store::instrumen::{self as simpan, Versi, VersiBaru};
use serde_json::json;
use std::collections::BTreeMap;

/// The routes.
pub fn routes() -> Router<App> {
    Router::new()
        .route("/instrumen", get(daftar_page))
        .route(
            "/instrumen/bundel",
            post(unggah_bundel).layer(DefaultBodyLimit::max(crate::BERKAS_MAKS)),
        )
        .route("/instrumen/templat.zip", get(templat))
        .route("/instrumen/{id}", get(versi_page))
        .route(
            "/instrumen/{id}/jawaban",
            post(jawaban::unggah_jawaban).layer(DefaultBodyLimit::max(crate::BERKAS_MAKS)),
        )
        .route("/instrumen/{id}/norma", post(norma::bangun_norma))
        .route("/instrumen/{id}/berkas/{nama}", get(unduh_berkas))
        .route("/api/instrumen", get(daftar_api))
        .merge(profil::routes())
        .merge(potensi::routes())
}

/// The default minimum group size of a norm (setting `norma_minimum`).
pub const NORMA_MINIMUM: i64 = 100;

async fn norma_minimum(app: &App) -> Result<i64, Galat> {
    minimum_db(&app.db).await
}

async fn minimum_db(db: &Db) -> Result<i64, Galat> {
    Ok(ipasn_store::pengaturan::get(db, "norma_minimum")
        .await?
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(NORMA_MINIMUM))
}

/// The shipped bundles, stored once (a new release's changed file is a new version); their
/// version ids.
pub async fn pastikan_bawaan(db: &Db) -> Result<Vec<i64>, Galat> {
    let mut ids = vec![];
    for id in ipasn_instrumen::BAWAAN {
        let files: BTreeMap<String, Vec<u8>> = ipasn_instrumen::bawaan(id)
            .expect("listed")
            .into_iter()
            .map(|(n, b)| (n.to_string(), b.to_vec()))
            .collect();
        let b = ipasn_data::instrumen::dari_berkas(&files, true)
            .map_err(|m| Galat::Server(format!("shipped bundle {id}: {:?}", m.first()), false))?;
        ids.push(simpan_bundel(db, &b, files, true, "sistem").await?.0);
    }
    Ok(ids)
}

async fn simpan_bundel(
    db: &Db,
    b: &Bundel,
    files: BTreeMap<String, Vec<u8>>,
    bawaan: bool,
    oleh: &str,
) -> Result<(i64, bool), Galat> {
    let l = &b.definisi.lisensi;
    let tingkat = format!("{:?}", l.tingkat);
    let versi = b.versi();
    let berkas = files
        .into_iter()
        .map(|(n, isi)| {
            let s = b.sidik.get(&n).cloned().unwrap_or_default();
            (n, s, isi)
        })
        .collect();
    Ok(simpan::simpan_versi(
        db,
        &VersiBaru {
            instrumen: &b.definisi.id,
            versi: &versi,
            nama: &b.definisi.nama,
            jenis: b.jenis.kode(),
            redistributable: l.redistributable,
            tingkat: &tingkat,
            pemilik: &l.pemilik,
            bawaan,
            berkas,
        },
        oleh,
    )
    .await?)
}

/// A stored version read back into a bundle (its files as they were stored: old results
/// recompute with their own key). A version never changes, so the parsed bundle is kept for
/// the next request (the 32 most recent, by version hash — the same in every process); parsing
/// runs off the async threads.
pub(crate) async fn muat(app: &App, v: &Versi) -> Result<std::sync::Arc<Bundel>, Galat> {
    use std::sync::{Arc, Mutex, OnceLock};
    static CACHE: OnceLock<Mutex<Vec<(String, Arc<Bundel>)>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(b) = cache
        .lock()
        .expect("cache lock")
        .iter()
        .find(|(k, _)| *k == v.versi)
        .map(|(_, b)| b.clone())
    {
        return Ok(b);
    }
    let files: BTreeMap<String, Vec<u8>> = simpan::berkas(&app.db, v.id)
        .await?
        .into_iter()
        .map(|(n, _, isi)| (n, isi))
        .collect();
    let b = tokio::task::spawn_blocking(move || ipasn_data::instrumen::dari_berkas(&files, true))
        .await
        .map_err(|e| Galat::Server(e.to_string(), false))?
        .map_err(|m| Galat::Server(format!("stored bundle {}: {:?}", v.id, m.first()), false))?;
    let b = Arc::new(b);
    let mut c = cache.lock().expect("cache lock");
    c.retain(|(k, _)| *k != v.versi);
    c.push((v.versi.clone(), b.clone()));
    if c.len() > 32 {
        c.remove(0);
    }
    Ok(b)
}

/// One problem line for a page, in the user's language.
struct Baris {
    teks: String,
}

fn masalah_baris(m: &[Masalah], lang: Lang) -> Vec<Baris> {
    m.iter()
        .take(200)
        .map(|p| Baris {
            teks: potong(&p.baris_teks(lang)),
        })
        .collect()
}

/// A problem line cut at 400 characters (a cell can be long; the line says where it is).
fn potong(s: &str) -> String {
    match s.char_indices().nth(400) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

#[derive(Template)]
#[template(path = "instrumen.html")]
struct DaftarPage {
    nav: Nav,
    versi: Vec<Versi>,
    unggah: bool,
    masalah: Vec<Baris>,
    /// The potential table: aspect name and its sources in words.
    peta: Vec<(String, String)>,
    peta_id: String,
    /// The psikolog may send the potential test scores.
    kirim_potensi: bool,
    /// Scores just sent (after a send).
    terkirim: Option<usize>,
}

async fn daftar(
    app: &App,
    u: &Pengguna,
    masalah: Vec<Baris>,
    terkirim: Option<usize>,
) -> Result<Response, Galat> {
    if !u.lihat_instrumen() {
        return Err(u.terlarang());
    }
    pastikan_bawaan(&app.db).await?;
    let status = if masalah.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let peta = potensi::peta(app).await?;
    let en = u.lang == Lang::En;
    let page = DaftarPage {
        nav: Nav::of(u),
        versi: simpan::daftar_versi(&app.db).await?,
        unggah: u.unggah_bundel(),
        masalah,
        peta: peta
            .aspek
            .iter()
            .map(|a| {
                let sumber: Vec<String> = a
                    .sumber
                    .iter()
                    .map(|s| format!("{} {} ×{}", s.instrumen, s.skala, s.bobot))
                    .collect();
                (
                    if en {
                        a.nama_en.clone()
                    } else {
                        a.nama.clone()
                    },
                    sumber.join(", "),
                )
            })
            .collect(),
        peta_id: peta.id,
        kirim_potensi: u.rilis_instrumen(),
        terkirim,
    };
    Ok((status, render(&page)?).into_response())
}

#[derive(serde::Deserialize)]
struct DaftarQ {
    potensi: Option<usize>,
}

async fn daftar_page(
    State(app): State<App>,
    u: Pengguna,
    axum::extract::Query(q): axum::extract::Query<DaftarQ>,
) -> Result<Response, Galat> {
    daftar(&app, &u, vec![], q.potensi).await
}

async fn daftar_api(State(app): State<App>, u: Pengguna) -> Result<Json<serde_json::Value>, Galat> {
    if !u.lihat_instrumen() {
        return Err(u.terlarang());
    }
    pastikan_bawaan(&app.db).await?;
    Ok(Json(
        json!({"instrumen": simpan::daftar_versi(&app.db).await?}),
    ))
}

/// Every file field of a multipart form (`berkas`, several allowed): name → bytes.
async fn semua_berkas(
    form: &mut Multipart,
    u: &Pengguna,
) -> Result<(BTreeMap<String, Vec<u8>>, BTreeMap<String, String>), Galat> {
    let mut files = BTreeMap::new();
    let mut fields = BTreeMap::new();
    while let Ok(Some(field)) = form.next_field().await {
        let name = field.name().unwrap_or_default().to_string();
        if name == "berkas" {
            let Some(fname) = field.file_name().map(|n| {
                // Only the file's own name: a browser may send a path.
                n.rsplit(['/', '\\']).next().unwrap_or(n).to_string()
            }) else {
                continue;
            };
            let bytes = field
                .bytes()
                .await
                .map_err(|_| u.permintaan("upload_cut_off"))?;
            if !fname.is_empty() && !bytes.is_empty() {
                files.insert(fname, bytes.to_vec());
            }
        } else {
            let v = field
                .text()
                .await
                .map_err(|_| u.permintaan("upload_cut_off"))?;
            fields.insert(name, v);
        }
    }
    Ok((files, fields))
}

async fn unggah_bundel(
    State(app): State<App>,
    u: Pengguna,
    mut form: Multipart,
) -> Result<Response, Galat> {
    if !u.unggah_bundel() {
        return Err(u.terlarang());
    }
    let (files, _) = semua_berkas(&mut form, &u).await?;
    if files.is_empty() {
        return Err(u.permintaan("ins_pilih_berkas"));
    }
    let checked = {
        let files = files.clone();
        tokio::task::spawn_blocking(move || ipasn_data::instrumen::dari_berkas(&files, true))
            .await
            .map_err(|e| Galat::Server(e.to_string(), false))?
    };
    let b = match checked {
        Ok(b) => b,
        Err(m) => return daftar(&app, &u, masalah_baris(&m, u.lang), None).await,
    };
    // Only the files the bundle is made of are kept (anything else chosen with them is not).
    let d = &b.definisi.berkas;
    let nama: Vec<&String> = [&d.butir, &d.kunci, &d.interpretasi, &d.konversi, &d.pola].into();
    let files: BTreeMap<String, Vec<u8>> = files
        .into_iter()
        .filter(|(n, _)| n == ipasn_instrumen::definisi::STRUKTUR || nama.contains(&n))
        .collect();
    let sidik: BTreeMap<&String, &String> = b.sidik.iter().collect();
    let (id, baru) = simpan_bundel(&app.db, &b, files, false, &u.akun.username).await?;
    u.catat(
        &app,
        "unggah_instrumen",
        &id.to_string(),
        &json!({"instrumen": b.definisi.id, "versi": b.versi(), "berkas": sidik, "baru": baru,
                "redistributable": b.definisi.lisensi.redistributable})
        .to_string(),
    )
    .await?;
    Ok(Redirect::to(&format!("/instrumen/{id}")).into_response())
}

/// A result row of the version page.
struct BarisHasil {
    id: i64,
    nip: String,
    nama: String,
    tanggal: String,
    dirilis: bool,
}

/// A scale's reliability line.
struct BarisAnalisis {
    kode: String,
    n: usize,
    alpha: String,
    omega: String,
    /// Items whose corrected item-total correlation is below 0.2, by id.
    lemah: String,
}

#[derive(Template)]
#[template(path = "instrumen_versi.html")]
struct VersiPage {
    nav: Nav,
    /// The instrument's name in the user's language.
    judul: String,
    /// Its note (source, translation) in the user's language.
    catatan: Option<String>,
    /// Scales: code, name and description in the user's language.
    skala: Vec<(String, String, String)>,
    v: Versi,
    b: std::sync::Arc<Bundel>,
    berkas: Vec<(String, String)>,
    /// Sections: title, time limit in minutes, instructions (in the user's language).
    bagian: Vec<(String, Option<String>, String)>,
    boleh_unduh: bool,
    boleh_hasil: bool,
    hasil: Vec<BarisHasil>,
    /// Norm versions: group in words, N, when, in use (N at least the minimum).
    norma: Vec<(String, i64, String, bool)>,
    norma_minimum: i64,
    analisis: Vec<BarisAnalisis>,
    masalah: Vec<Baris>,
    tanggal: String,
}

async fn versi_of(
    app: &App,
    u: &Pengguna,
    id: i64,
) -> Result<(Versi, std::sync::Arc<Bundel>), Galat> {
    let Some(v) = simpan::versi(&app.db, id).await? else {
        return Err(u.tidak_ada());
    };
    let b = muat(app, &v).await?;
    Ok((v, b))
}

/// The version row alone (checks that need no bundle come first).
async fn versi_row(app: &App, u: &Pengguna, id: i64) -> Result<Versi, Galat> {
    simpan::versi(&app.db, id)
        .await?
        .ok_or_else(|| u.tidak_ada())
}

async fn versi_tampil(
    app: &App,
    u: &Pengguna,
    id: i64,
    masalah: Vec<Baris>,
    tanggal: String,
) -> Result<Response, Galat> {
    if !u.lihat_instrumen() {
        return Err(u.terlarang());
    }
    let (v, b) = versi_of(app, u, id).await?;
    let boleh_hasil = u.boleh_hasil(&v);
    let mut hasil = vec![];
    let mut analisis_baris = vec![];
    if boleh_hasil {
        let rows: Vec<_> = simpan::hasil_versi(&app.db, id)
            .await?
            .into_iter()
            .filter(|h| u.dalam_cakupan(&h.path))
            .collect();
        let jawaban: Vec<Vec<Respons>> = norma::satu_per_orang(rows.clone())
            .iter()
            .filter_map(|h| serde_json::from_str(&h.jawaban).ok())
            .collect();
        let f = |x: Option<f64>| x.map_or("–".to_string(), |v| u.t().angka(v));
        analisis_baris = analisis(&b, &jawaban)
            .into_iter()
            .map(|a: AnalisisSkala| BarisAnalisis {
                kode: a.kode,
                n: a.n,
                alpha: f(a.alpha),
                omega: f(a.omega),
                lemah: a
                    .butir
                    .iter()
                    .filter(|i| i.korelasi_total.is_some_and(|r| r < 0.2))
                    .map(|i| i.id.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
            .collect();
        hasil = rows
            .into_iter()
            .map(|h| BarisHasil {
                id: h.id,
                nama: h.nama,
                nip: h.nip,
                tanggal: h.tanggal,
                dirilis: h.dirilis.is_some(),
            })
            .collect();
        u.catat(
            app,
            "lihat_hasil_instrumen",
            &id.to_string(),
            &json!({"orang": hasil.len()}).to_string(),
        )
        .await?;
    }
    let page = VersiPage {
        nav: Nav::of(u),
        berkas: b
            .sidik
            .iter()
            .map(|(n, s)| (n.clone(), s.clone()))
            .collect(),
        bagian: {
            let en = u.lang == Lang::En;
            b.definisi
                .bagian
                .iter()
                .enumerate()
                .map(|(k, bg)| {
                    let judul = if en {
                        bg.judul_en.clone().or(bg.judul.clone())
                    } else {
                        bg.judul.clone()
                    };
                    let petunjuk = if en {
                        bg.petunjuk_en.clone().or(bg.petunjuk.clone())
                    } else {
                        bg.petunjuk.clone()
                    };
                    (
                        judul.unwrap_or_else(|| bg.id.clone()),
                        b.definisi
                            .waktu_bagian(k)
                            .map(|d| u.t().angka(d as f64 / 60.0)),
                        petunjuk.unwrap_or_default(),
                    )
                })
                .collect()
        },
        judul: if u.lang == Lang::En {
            b.definisi
                .nama_en
                .clone()
                .unwrap_or_else(|| b.definisi.nama.clone())
        } else {
            b.definisi.nama.clone()
        },
        catatan: if u.lang == Lang::En {
            b.definisi.catatan_en.clone().or(b.definisi.catatan.clone())
        } else {
            b.definisi.catatan.clone()
        },
        skala: b
            .skala
            .iter()
            .map(|s| {
                let en = u.lang == Lang::En;
                let nama =
                    if en { s.nama_en.clone() } else { None }.unwrap_or_else(|| s.nama.clone());
                let d = if en {
                    s.deskripsi_en.clone().or(s.deskripsi.clone())
                } else {
                    s.deskripsi.clone()
                };
                (s.kode.clone(), nama, d.unwrap_or_default())
            })
            .collect(),
        boleh_unduh: v.redistributable == 1 && u.unggah_bundel(),
        boleh_hasil,
        hasil,
        norma: {
            // In use: the newest build's groups with enough people.
            let min = norma_minimum(app).await?;
            let rows = simpan::norma_versi(&app.db, id).await?;
            let terbaru = rows
                .iter()
                .map(|n| n.dibuat.clone())
                .max()
                .unwrap_or_default();
            rows.into_iter()
                .map(|n| {
                    let dipakai = n.n >= min && n.dibuat == terbaru;
                    (norma::nama(&n.kelompok, u.t()), n.n, n.dibuat, dipakai)
                })
                .collect()
        },
        norma_minimum: norma_minimum(app).await?,
        analisis: analisis_baris,
        masalah,
        tanggal: if tanggal.is_empty() {
            ipasn_store::impor::today().to_string()
        } else {
            tanggal
        },
        v,
        b,
    };
    let status = if page.masalah.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, render(&page)?).into_response())
}

async fn versi_page(
    State(app): State<App>,
    u: Pengguna,
    Path(id): Path<i64>,
) -> Result<Response, Galat> {
    versi_tampil(&app, &u, id, vec![], String::new()).await
}

/// A bundle's file: only from a redistributable bundle, only for those who may upload bundles;
/// a refusal is audited too.
async fn unduh_berkas(
    State(app): State<App>,
    u: Pengguna,
    Path((id, nama)): Path<(i64, String)>,
) -> Result<Response, Galat> {
    let Some(v) = simpan::versi(&app.db, id).await? else {
        return Err(u.tidak_ada());
    };
    if v.redistributable != 1 || !u.unggah_bundel() {
        u.catat(&app, "unduh_instrumen_ditolak", &id.to_string(), &nama)
            .await?;
        return Err(u.terlarang());
    }
    let Some((_, sidik, isi)) = simpan::berkas(&app.db, id)
        .await?
        .into_iter()
        .find(|f| f.0 == nama)
    else {
        return Err(u.tidak_ada());
    };
    u.catat(
        &app,
        "unduh_instrumen",
        &id.to_string(),
        &json!({"berkas": nama, "sidik": sidik}).to_string(),
    )
    .await?;
    let disposition = format!(
        "attachment; filename=\"{}\"",
        nama.replace(['"', '\\', '\r', '\n'], "_")
    );
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "application/octet-stream".to_string(),
            ),
            (axum::http::header::CONTENT_DISPOSITION, disposition),
        ],
        isi,
    )
        .into_response())
}

/// The template of an instansi's own knowledge or situational-judgement test, as a ZIP.
async fn templat(u: Pengguna) -> Result<Response, Galat> {
    if !u.unggah_bundel() {
        return Err(u.terlarang());
    }
    let isi = ipasn_data::instrumen::templat_zip().map_err(|e| Galat::Server(e, false))?;
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, "application/zip"),
            (
                axum::http::header::CONTENT_DISPOSITION,
                "attachment; filename=\"templat-tes-instansi.zip\"",
            ),
        ],
        isi,
    )
        .into_response())
}
