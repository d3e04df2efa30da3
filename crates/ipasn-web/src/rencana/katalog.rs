//! The catalogue of actions: the one in force as a table and as its TOML file; an upload (admin,
//! or an analis of the whole instansi) is checked — every problem named — and previewed (the
//! actions added, removed and changed) before it replaces the one in force; going back to the
//! shipped catalogue is previewed the same way. Every replacement is audited with the file's
//! SHA-256. Individual plans keep the actions they were drafted with.

use super::{SETELAN_ATURAN, SETELAN_KATALOG, aturan_berlaku, katalog_berlaku, unit::nama_aksi};
use crate::App;
use crate::auth::Pengguna;
use crate::galat::Galat;
use crate::tampilan::{Nav, render};
use askama::Template;
use axum::extract::{Multipart, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use ipasn_rencana::katalog::{Aksi, BAWAAN, JenisAksi, Katalog};
use serde::Deserialize;

pub(super) fn routes() -> Router<App> {
    Router::new()
        .route("/rencana/katalog", get(halaman).post(pratinjau))
        .route("/rencana/katalog.toml", get(unduh))
        .route("/rencana/katalog/simpan", post(simpan))
        .route("/rencana/aturan.toml", get(unduh_aturan))
        .route("/rencana/aturan", post(simpan_aturan))
}

/// Who may replace the catalogue: whoever may import the instansi's packages.
fn boleh_ganti(u: &Pengguna) -> bool {
    u.boleh_impor()
}

/// An action as the page lists it.
struct Baris {
    kode: String,
    nama: String,
    jenis: String,
    biaya: u64,
    jp: u32,
    bulan: u32,
    kapasitas: Option<u32>,
}

fn baris(a: &Aksi, t: crate::teks::T) -> Baris {
    Baris {
        kode: a.kode.clone(),
        nama: nama_aksi(a, t),
        jenis: t
            .s(match a.jenis {
                JenisAksi::PerbaikanData => "jenis_aksi_perbaikan_data",
                JenisAksi::Pendidikan => "jenis_aksi_pendidikan",
                JenisAksi::Pim => "jenis_aksi_pim",
                JenisAksi::Fungsional => "jenis_aksi_fungsional",
                JenisAksi::Teknis => "jenis_aksi_teknis",
                JenisAksi::Seminar => "jenis_aksi_seminar",
                JenisAksi::Kompetensi => "jenis_aksi_kompetensi",
            })
            .to_string(),
        biaya: a.biaya,
        jp: a.jp,
        bulan: a.bulan,
        kapasitas: a.kapasitas,
    }
}

#[derive(Template)]
#[template(path = "rencana_katalog.html")]
struct Halaman {
    nav: Nav,
    id: String,
    catatan: String,
    aksi: Vec<Baris>,
    bawaan: bool,
    boleh_ganti: bool,
    disimpan: bool,
    /// The plan rules in force.
    aturan: ipasn_rencana::aturan::Aturan,
    /// The plan rules were just saved.
    aturan_disimpan: bool,
    /// A refused rules file's problems.
    aturan_masalah: Vec<String>,
}

#[derive(Deserialize)]
struct HalamanQ {
    disimpan: Option<String>,
    aturan: Option<String>,
}

async fn halaman(
    State(app): State<App>,
    u: Pengguna,
    Query(q): Query<HalamanQ>,
) -> Result<Response, Galat> {
    tampil(&app, &u, q, vec![]).await
}

async fn tampil(
    app: &App,
    u: &Pengguna,
    q: HalamanQ,
    aturan_masalah: Vec<String>,
) -> Result<Response, Galat> {
    if !u.lihat_dasbor() {
        return Err(u.terlarang());
    }
    let k = katalog_berlaku(app).await?;
    let bawaan = ipasn_store::pengaturan::get(&app.db, SETELAN_KATALOG)
        .await?
        .is_none();
    let t = u.t();
    let page = Halaman {
        nav: Nav::of(u),
        aturan: aturan_berlaku(app).await?,
        aturan_disimpan: q.aturan.is_some(),
        aturan_masalah,
        aksi: k.aksi.iter().map(|a| baris(a, t)).collect(),
        catatan: t
            .dwibahasa(&k.catatan, k.catatan_en.as_deref().unwrap_or(&k.catatan))
            .to_string(),
        id: k.id,
        bawaan,
        boleh_ganti: boleh_ganti(u),
        disimpan: q.disimpan.is_some(),
    };
    if page.aturan_masalah.is_empty() {
        render(&page)
    } else {
        crate::tampilan::render_status(axum::http::StatusCode::BAD_REQUEST, &page)
    }
}

async fn unduh_aturan(State(app): State<App>, u: Pengguna) -> Result<Response, Galat> {
    if !u.lihat_dasbor() {
        return Err(u.terlarang());
    }
    let teks = ipasn_store::pengaturan::get(&app.db, SETELAN_ATURAN)
        .await?
        .unwrap_or_else(|| ipasn_rencana::aturan::BAWAAN.to_string());
    Ok((
        [
            (header::CONTENT_TYPE, "application/toml; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"aturan-rencana.toml\"",
            ),
        ],
        teks,
    )
        .into_response())
}

/// The plan rules replaced by an uploaded file (`berkas`), checked; a refused file's problems
/// are shown on the page, nothing saved. Audited with its SHA-256.
async fn simpan_aturan(
    State(app): State<App>,
    u: Pengguna,
    mut form: Multipart,
) -> Result<Response, Galat> {
    if !boleh_ganti(&u) {
        return Err(u.terlarang());
    }
    let Some((_, bytes)) = crate::unggahan::berkas(&mut form, &u).await? else {
        return Err(u.permintaan("choose_toml_file"));
    };
    let teks = String::from_utf8(bytes.to_vec()).map_err(|_| u.permintaan("file_must_be_toml"))?;
    let teks2 = teks.clone();
    let hasil = tokio::task::spawn_blocking(move || ipasn_rencana::aturan::Aturan::baca(&teks2))
        .await
        .map_err(|e| Galat::Server(format!("plan rules: {e}"), false))?;
    if let Err(m) = hasil {
        let q = HalamanQ {
            disimpan: None,
            aturan: None,
        };
        return tampil(&app, &u, q, m).await;
    }
    ipasn_store::pengaturan::set(&app.db, SETELAN_ATURAN, &teks).await?;
    let hash = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(teks.as_bytes()));
    u.catat(&app, "ganti_aturan_rencana", "rencana_aturan", &hash)
        .await?;
    Ok(Redirect::to("/rencana/katalog?aturan=1").into_response())
}

async fn unduh(State(app): State<App>, u: Pengguna) -> Result<Response, Galat> {
    if !u.lihat_dasbor() {
        return Err(u.terlarang());
    }
    let teks = ipasn_store::pengaturan::get(&app.db, SETELAN_KATALOG)
        .await?
        .unwrap_or_else(|| BAWAAN.to_string());
    Ok((
        [
            (header::CONTENT_TYPE, "application/toml; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"katalog-rencana.toml\"",
            ),
        ],
        teks,
    )
        .into_response())
}

/// What an upload changes.
struct Ubah {
    tambah: Vec<Baris>,
    hapus: Vec<Baris>,
    ganti: Vec<(Baris, Baris)>,
}

fn bandingkan(lama: &Katalog, baru: &Katalog, t: crate::teks::T) -> Ubah {
    let cari = |k: &Katalog, kode: &str| k.aksi.iter().find(|a| a.kode == kode).cloned();
    let mut u = Ubah {
        tambah: vec![],
        hapus: vec![],
        ganti: vec![],
    };
    for a in &baru.aksi {
        match cari(lama, &a.kode) {
            None => u.tambah.push(baris(a, t)),
            Some(l) if &l != a => u.ganti.push((baris(&l, t), baris(a, t))),
            Some(_) => {}
        }
    }
    for a in &lama.aksi {
        if cari(baru, &a.kode).is_none() {
            u.hapus.push(baris(a, t));
        }
    }
    u
}

#[derive(Template)]
#[template(path = "rencana_katalog_pratinjau.html")]
struct Pratinjau {
    nav: Nav,
    berkas: String,
    masalah: Vec<String>,
    ubah: Option<Ubah>,
    id: String,
    teks: String,
}

/// An upload (field `berkas`) or the shipped catalogue (field `bawaan`): checked, compared with
/// the one in force, shown with a confirmation.
async fn pratinjau(
    State(app): State<App>,
    u: Pengguna,
    mut form: Multipart,
) -> Result<Response, Galat> {
    if !boleh_ganti(&u) {
        return Err(u.terlarang());
    }
    let mut berkas = None;
    let mut bawaan = false;
    while let Ok(Some(field)) = form.next_field().await {
        match field.name() {
            Some("berkas") => {
                let name = field.file_name().unwrap_or("katalog.toml").to_string();
                let bytes = field.bytes().await.map_err(|e| {
                    if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                        u.permintaan("terlalu_besar")
                    } else {
                        u.permintaan("upload_cut_off")
                    }
                })?;
                if !bytes.is_empty() {
                    berkas = Some((name, bytes));
                }
            }
            Some("bawaan") => bawaan = true,
            _ => {}
        }
    }
    let (nama, teks) = match (berkas, bawaan) {
        (_, true) => (
            u.t().s("rencana_katalog_bawaan").to_string(),
            BAWAAN.to_string(),
        ),
        (Some((n, b)), false) => (
            n,
            String::from_utf8(b.to_vec()).map_err(|_| u.permintaan("file_must_be_toml"))?,
        ),
        (None, false) => return Err(u.permintaan("choose_toml_file")),
    };
    let lama = katalog_berlaku(&app).await?;
    let t = u.t();
    let teks2 = teks.clone();
    let baru = tokio::task::spawn_blocking(move || Katalog::baca(&teks2))
        .await
        .map_err(|e| Galat::Server(format!("catalogue: {e}"), false))?;
    let (masalah, ubah, id) = match baru {
        Ok(k) => (vec![], Some(bandingkan(&lama, &k, t)), k.id),
        Err(m) => (
            m.iter().map(|x| x.teks(u.lang).to_string()).collect(),
            None,
            String::new(),
        ),
    };
    render(&Pratinjau {
        nav: Nav::of(&u),
        berkas: nama,
        masalah,
        ubah,
        id,
        teks,
    })
}

#[derive(Deserialize)]
struct FormSimpan {
    teks: String,
}

async fn simpan(
    State(app): State<App>,
    u: Pengguna,
    Form(f): Form<FormSimpan>,
) -> Result<Response, Galat> {
    if !boleh_ganti(&u) {
        return Err(u.terlarang());
    }
    let teks = f.teks.replace("\r\n", "\n");
    let k = match Katalog::baca(&teks) {
        Ok(k) => k,
        // Refused: the preview again, with every problem.
        Err(m) => {
            return crate::tampilan::render_status(
                axum::http::StatusCode::BAD_REQUEST,
                &Pratinjau {
                    nav: Nav::of(&u),
                    berkas: u.t().s("rencana_katalog").to_string(),
                    masalah: m.iter().map(|x| x.teks(u.lang).to_string()).collect(),
                    ubah: None,
                    id: String::new(),
                    teks,
                },
            );
        }
    };
    let hash = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(teks.as_bytes()));
    ipasn_store::pengaturan::set(&app.db, SETELAN_KATALOG, &teks).await?;
    u.catat(
        &app,
        "ganti_katalog_rencana",
        &k.id,
        &serde_json::json!({"sha256": hash, "aksi": k.aksi.len()}).to_string(),
    )
    .await?;
    Ok(Redirect::to("/rencana/katalog?disimpan=1").into_response())
}
