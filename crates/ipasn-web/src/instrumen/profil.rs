//! A person's feedback profile on one instrument: each scale with its description, its score
//! against the norm it was scored with (IPIP bars against the norm bands), the PAPI wheel, the
//! three DISC graphs, a multiple-choice test's sections, and the bundle's interpretation texts;
//! printable. The psikolog (and, for a usage-level A test, an admin or analis) sees the raw
//! profile and releases it; the person sees their own after the release, in plain words, without
//! the raw numbers; no one else sees it. Every view, and every refusal, is audited.

use super::muat;
use crate::App;
use crate::auth::Pengguna;
use crate::galat::Galat;
use crate::tampilan::{Nav, render, script_json};
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use ipasn_instrumen::Bundel;
use ipasn_instrumen::definisi::JenisInstrumen;
use ipasn_instrumen::norma::Norma;
use ipasn_instrumen::skor::Hasil;
use ipasn_store::akun::Peran;
use ipasn_store::instrumen::{self as simpan};
use serde::Serialize;
use serde_json::json;

pub(super) fn routes() -> Router<App> {
    Router::new()
        .route("/instrumen/hasil/{id}", get(profil_page))
        .route("/instrumen/hasil/{id}/rilis", post(rilis))
        .route("/instrumen/saya", get(saya_page))
}

/// One scale of the profile.
#[derive(Serialize)]
struct Skala {
    kode: String,
    nama: String,
    deskripsi: String,
    /// Raw score (shown to the psikolog only).
    mentah: Option<f64>,
    maks: f64,
    t: Option<f64>,
    persentil: Option<f64>,
    /// `rendah` / `sedang` / `tinggi` against the norm, when normed.
    pita: Option<&'static str>,
    tafsir: Option<String>,
}

/// What the charts draw.
#[derive(Serialize)]
struct Grafik {
    jenis: &'static str,
    skala: Vec<String>,
    /// Likert with a norm: T-scores; without: percent of the maximum. Pairs: 0–9. Multiple
    /// choice: percent of each section's maximum.
    nilai: Vec<Option<f64>>,
    maks: f64,
    /// The middle band (T 45–55) when the values are T-scores.
    pita: Option<[f64; 2]>,
    /// DISC graphs I, II, III.
    disc: Option<[Vec<i32>; 3]>,
    judul: Vec<String>,
    /// The person's own view: bands only, no numbers on the chart.
    polos: bool,
}

#[derive(Template)]
#[template(path = "instrumen_profil.html")]
struct ProfilPage {
    nav: Nav,
    id: i64,
    nama: String,
    nip: String,
    instrumen: String,
    tanggal: String,
    versi: String,
    /// The norm used, in words.
    norma: Option<String>,
    /// Narrower norm groups passed over, in words.
    lewat: Vec<String>,
    mentah: bool,
    dirilis: Option<String>,
    boleh_rilis: bool,
    skala: Vec<Skala>,
    total: Option<(f64, f64)>,
    pola: Option<(String, String)>,
    petunjuk_pita: String,
    grafik: String,
}

/// Whether this user may see this result, and whether raw.
enum Akses {
    Mentah,
    Sendiri,
    Tidak,
}

fn akses(u: &Pengguna, v: &simpan::Versi, h: &simpan::Hasil) -> Akses {
    if u.akun.peran == Peran::Pegawai {
        return if u.akun.nip.as_deref() == Some(h.nip.as_str()) && h.dirilis.is_some() {
            Akses::Sendiri
        } else {
            Akses::Tidak
        };
    }
    if u.boleh_hasil(v) && u.dalam_cakupan(&h.path) {
        Akses::Mentah
    } else {
        Akses::Tidak
    }
}

async fn muat_hasil(
    app: &App,
    u: &Pengguna,
    id: i64,
) -> Result<(simpan::Hasil, simpan::Versi, Akses), Galat> {
    let Some(h) = simpan::hasil(&app.db, id).await? else {
        // But to a psikolog, a missing id looks like a refused one: ids are not to be counted.
        return Err(if u.lihat_instrumen() {
            u.tidak_ada()
        } else {
            u.terlarang()
        });
    };
    let Some(v) = simpan::versi(&app.db, h.versi_id).await? else {
        return Err(u.tidak_ada());
    };
    let a = akses(u, &v, &h);
    if matches!(a, Akses::Tidak) {
        u.catat(app, "lihat_instrumen_ditolak", &h.nip, &id.to_string())
            .await?;
        return Err(u.terlarang());
    }
    Ok((h, v, a))
}

/// The band of a T-score: up to the first bound low, up to the second average, above it high
/// (as the shipped interpretation rows read, first row that contains the value).
fn pita(t: f64, batas: [f64; 2]) -> &'static str {
    if t <= batas[0] {
        "ins_rendah"
    } else if t <= batas[1] {
        "ins_sedang"
    } else {
        "ins_tinggi"
    }
}

async fn profil_page(
    State(app): State<App>,
    u: Pengguna,
    Path(id): Path<i64>,
) -> Result<Response, Galat> {
    let (h, v, a) = muat_hasil(&app, &u, id).await?;
    let b = muat(&app, &v).await?;
    let skor: Hasil = serde_json::from_str(&h.skor)
        .map_err(|e| Galat::Server(format!("stored score {id}: {e}"), false))?;
    let norma_row = match h.norma_id {
        Some(n) => simpan::norma(&app.db, n).await?,
        None => None,
    };
    let norma: Option<Norma> = norma_row
        .as_ref()
        .and_then(|n| serde_json::from_str(&n.isi).ok());
    let en = u.lang == ipasn_core::teks::Lang::En;
    let batas = b.definisi.skor.batas_t;
    let mut skala = vec![];
    for (i, s) in skor.skala.iter().enumerate() {
        let def = &b.skala[i];
        let tp = s
            .mentah
            .and_then(|x| norma.as_ref()?.skala.get(&s.kode)?.nilai(x));
        let tafsir = s.mentah.and_then(|x| {
            b.tafsir(i, x, tp.map(|v| v.0), tp.map(|v| v.1)).map(|t| {
                if en {
                    t.teks_en.clone().unwrap_or_else(|| t.teks.clone())
                } else {
                    t.teks.clone()
                }
            })
        });
        skala.push(Skala {
            kode: s.kode.clone(),
            nama: if en {
                def.nama_en.clone().unwrap_or_else(|| def.nama.clone())
            } else {
                def.nama.clone()
            },
            deskripsi: if en {
                def.deskripsi_en.clone().or_else(|| def.deskripsi.clone())
            } else {
                def.deskripsi.clone()
            }
            .unwrap_or_default(),
            mentah: s.mentah,
            maks: s.maks,
            t: tp.map(|v| v.0),
            persentil: tp.map(|v| v.1),
            pita: tp.map(|v| pita(v.0, batas)),
            tafsir,
        });
    }
    let mut grafik = grafik(&b, &skor, &skala, &u);
    if matches!(a, Akses::Sendiri) {
        // The person's own view carries the bands, not the numbers: each bar at its band's
        // middle (T 40, 50, 60); without a norm, or for an ipsative profile, no chart.
        let batas = b.definisi.skor.batas_t;
        grafik.nilai = skala
            .iter()
            .map(|s| {
                s.t.map(|t| match pita(t, batas) {
                    "ins_rendah" => 40.0,
                    "ins_sedang" => 50.0,
                    _ => 60.0,
                })
            })
            .collect();
        grafik.disc = None;
        if grafik.jenis != "batang" || grafik.pita.is_none() {
            grafik.nilai = vec![];
        }
        grafik.judul = vec![u.t().s("ins_grafik_pita").to_string()];
        grafik.polos = true;
    }
    let pola = skor.disc.as_ref().and_then(|d| d.pola).map(|p| {
        let p = &b.pola[p];
        (
            p.nama.clone(),
            if en {
                p.teks_en.clone().unwrap_or_else(|| p.teks.clone())
            } else {
                p.teks.clone()
            },
        )
    });
    let mentah = matches!(a, Akses::Mentah);
    // Narrower groups passed over for too few people, as they stood in the build of the norm
    // used (a build's norms share their time).
    let lewat: Vec<String> = match &norma_row {
        Some(used) => {
            let minimum = super::norma_minimum(&app).await?;
            let sebelum: Vec<simpan::Norma> = simpan::norma_versi(&app.db, h.versi_id)
                .await?
                .into_iter()
                .filter(|n| n.dibuat <= used.dibuat)
                .collect();
            let calon = super::norma::pilih(&sebelum, &super::posisi_of(&h), minimum).0;
            // Only when the group used is among the person's groups now (their position may
            // have changed since), and only the narrower ones that were too small.
            let dipakai = calon.iter().position(|n| n.kelompok == used.kelompok);
            calon
                .into_iter()
                .take(dipakai.unwrap_or(0))
                .filter(|n| n.n < minimum)
                .map(|n| {
                    u.t().f2(
                        "ins_kelompok_kecil",
                        super::norma::nama(&n.kelompok, u.t()),
                        n.n,
                    )
                })
                .collect()
        }
        None => vec![],
    };
    u.catat(
        &app,
        "lihat_instrumen",
        &h.nip,
        &json!({"hasil": id, "instrumen": v.instrumen, "mentah": mentah}).to_string(),
    )
    .await?;
    let nama_instrumen = if en {
        b.definisi
            .nama_en
            .clone()
            .unwrap_or_else(|| b.definisi.nama.clone())
    } else {
        b.definisi.nama.clone()
    };
    let page = ProfilPage {
        nav: Nav::of(&u),
        id,
        nama: h.nama.clone(),
        nip: h.nip.clone(),
        instrumen: nama_instrumen,
        tanggal: crate::tampilan::tanggal(&h.tanggal, u.lang),
        versi: v.versi[..12].to_string(),
        norma: norma_row.map(|n| {
            u.t().f(
                "ins_norma_dipakai",
                &[
                    &super::norma::nama(&n.kelompok, u.t()),
                    &n.n,
                    &crate::tampilan::tanggal(&n.dibuat[..10], u.lang),
                ],
            )
        }),
        lewat,
        mentah,
        dirilis: h
            .dirilis
            .as_deref()
            .map(|w| crate::tampilan::waktu(w, u.lang, u.zona)),
        boleh_rilis: u.rilis_instrumen() && h.dirilis.is_none(),
        skala,
        total: skor.total,
        pola,
        petunjuk_pita: u.t().f2("ins_pita_ket", batas[0], batas[1]),
        grafik: script_json(&grafik),
    };
    render(&page)
}

fn grafik(b: &Bundel, h: &Hasil, skala: &[Skala], u: &Pengguna) -> Grafik {
    let names: Vec<String> = skala.iter().map(|s| s.nama.clone()).collect();
    let normed = skala.iter().any(|s| s.t.is_some());
    let pct = |s: &Skala| {
        s.mentah.map(|x| {
            if s.maks > 0.0 {
                100.0 * x / s.maks
            } else {
                0.0
            }
        })
    };
    match b.jenis {
        JenisInstrumen::Likert => Grafik {
            jenis: "batang",
            skala: names,
            nilai: skala
                .iter()
                .map(|s| if normed { s.t } else { pct(s) })
                .collect(),
            maks: 100.0,
            polos: false,
            pita: normed.then_some(b.definisi.skor.batas_t),
            disc: None,
            judul: vec![
                u.t()
                    .s(if normed {
                        "ins_skor_t"
                    } else {
                        "ins_persen_maks"
                    })
                    .to_string(),
            ],
        },
        JenisInstrumen::Pasangan => Grafik {
            jenis: "roda",
            skala: skala.iter().map(|s| s.kode.clone()).collect(),
            nilai: skala.iter().map(|s| s.mentah).collect(),
            maks: skala.iter().map(|s| s.maks).fold(0.0, f64::max),
            pita: None,
            disc: None,
            judul: vec![],
            polos: false,
        },
        JenisInstrumen::Paling => {
            let d = h.disc.as_ref();
            Grafik {
                jenis: "disc",
                skala: skala.iter().map(|s| s.kode.clone()).collect(),
                nilai: vec![],
                maks: b.butir.len() as f64,
                pita: None,
                disc: d.map(|d| [d.most.clone(), d.least.clone(), d.selisih.clone()]),
                judul: ["ins_disc_1", "ins_disc_2", "ins_disc_3"]
                    .iter()
                    .map(|k| u.t().s(k).to_string())
                    .collect(),
                polos: false,
            }
        }
        JenisInstrumen::Pilihan => Grafik {
            jenis: "batang",
            skala: names,
            nilai: skala.iter().map(pct).collect(),
            maks: 100.0,
            pita: None,
            disc: None,
            judul: vec![u.t().s("ins_persen_maks").to_string()],
            polos: false,
        },
    }
}

async fn rilis(
    State(app): State<App>,
    u: Pengguna,
    Path(id): Path<i64>,
) -> Result<Response, Galat> {
    let (h, v, _) = muat_hasil(&app, &u, id).await?;
    if !u.rilis_instrumen() {
        u.catat(&app, "rilis_instrumen_ditolak", &h.nip, &id.to_string())
            .await?;
        return Err(u.terlarang());
    }
    if simpan::rilis(&app.db, id, &u.akun.username).await? {
        u.catat(
            &app,
            "rilis_instrumen",
            &h.nip,
            &json!({"hasil": id, "instrumen": v.instrumen}).to_string(),
        )
        .await?;
    }
    Ok(Redirect::to(&format!("/instrumen/hasil/{id}")).into_response())
}

/// A released result in the person's own list.
struct Milik {
    id: i64,
    instrumen: String,
    tanggal: String,
}

#[derive(Template)]
#[template(path = "instrumen_saya.html")]
struct SayaPage {
    nav: Nav,
    hasil: Vec<Milik>,
}

/// A pegawai's own released results.
async fn saya_page(State(app): State<App>, u: Pengguna) -> Result<Response, Galat> {
    let Some(nip) = u
        .akun
        .nip
        .clone()
        .filter(|_| u.akun.peran == Peran::Pegawai)
    else {
        return Err(u.terlarang());
    };
    u.catat(&app, "lihat_instrumen_saya", &nip, "").await?;
    let mut hasil = vec![];
    for h in simpan::hasil_pegawai(&app.db, &nip).await? {
        if h.dirilis.is_none() {
            continue;
        }
        let nama = match simpan::versi(&app.db, h.versi_id).await? {
            Some(v) => v.nama,
            None => continue,
        };
        hasil.push(Milik {
            id: h.id,
            instrumen: nama,
            tanggal: crate::tampilan::tanggal(&h.tanggal, u.lang),
        });
    }
    render(&SayaPage {
        nav: Nav::of(&u),
        hasil,
    })
}
