//! An assessor's rating form: only their own assessees, their own ratings; saving and locking.

use super::{KonfirmasiPage, acara_of};
use crate::App;
use crate::auth::Pengguna;
use crate::galat::Galat;
use crate::tampilan::{Nav, render};
use crate::teks::T;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use ipasn_asesmen::integrasi::{self};
use ipasn_store::acara::{self, Acara};
use ipasn_store::akun::Peran;
use std::collections::{BTreeMap, BTreeSet};

/// One cell of the rating form: as stored or as typed, with its problem.
#[derive(Clone, Debug)]
pub struct Sel {
    latihan: String,
    kompetensi: String,
    /// The level as shown (`3.5`), or as typed when it is not a valid level.
    level: String,
    /// The typed level is not one of the steps (shown as an extra option so nothing is lost).
    lain: bool,
    bukti: String,
    galat: Option<String>,
}

/// A competency's dictionary entry on the rating form: `(code, name, levels)`, each level with
/// its description and indicators.
type KamusKompetensi = (String, String, Vec<(i64, String, Vec<String>)>);

#[derive(Template)]
#[template(path = "acara_nilai.html")]
struct NilaiPage {
    nav: Nav,
    a: Acara,
    nip: String,
    nama: String,
    baris: Vec<Sel>,
    terkunci: bool,
    langkah: Vec<String>,
    /// The dictionary's level descriptions of the event's competencies: `(code, name, levels)`,
    /// each level with its description and indicators.
    kamus: Vec<KamusKompetensi>,
    /// What went wrong with the last submission (the form shows it as typed).
    pesan: Option<String>,
    /// When the draft shown was saved.
    draf: Option<String>,
}

async fn assigned(app: &App, u: &Pengguna, id: i64, nip: &str) -> Result<bool, Galat> {
    let p = acara::penugasan(&app.db, id).await?;
    let Some(mine) = p
        .iter()
        .find(|p| p.nip == nip && p.asesor == u.akun.username)
    else {
        u.catat(app, "lihat_asesmen_ditolak", nip, &id.to_string())
            .await?;
        return Err(u.terlarang());
    };
    Ok(mine.terkunci.is_some())
}

/// The rating steps (`1`, `1.5`, … `5`).
fn langkah(aturan: &ipasn_asesmen::Aturan) -> Vec<String> {
    integrasi::langkah(aturan)
        .into_iter()
        .map(crate::tampilan::trim)
        .collect()
}

/// A typed level as the form shows it: a number in its plain form (`3,5` → `3.5`), else as is.
fn level_tampil(raw: &str) -> String {
    raw.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(crate::tampilan::trim)
        .unwrap_or_else(|| raw.trim().to_string())
}

pub(super) async fn nilai_page(
    State(app): State<App>,
    u: Pengguna,
    Path((id, nip)): Path<(i64, String)>,
) -> Result<Response, Galat> {
    let a = acara_of(&app, &u, id).await?;
    if u.akun.peran != Peran::Asesor {
        return Err(u.terlarang());
    }
    let terkunci = assigned(&app, &u, id, &nip).await?;
    u.catat(&app, "lihat_asesmen", &nip, &format!("acara {id}"))
        .await?;
    let own: BTreeMap<(String, String), (String, String)> =
        acara::nilai(&app.db, id, Some(&u.akun.username))
            .await?
            .into_iter()
            .filter(|n| n.nip == nip)
            .map(|n| {
                (
                    (n.latihan, n.kompetensi),
                    (crate::tampilan::trim(n.level), n.bukti),
                )
            })
            .collect();
    // What was typed last (kept at every save and at a refused lock) comes before the ratings.
    let draf = if terkunci {
        vec![]
    } else {
        acara::draf(&app.db, id, &nip, &u.akun.username).await?
    };
    let typed: BTreeMap<(String, String), (String, String)> = draf
        .iter()
        .map(|d| {
            (
                (d.latihan.clone(), d.kompetensi.clone()),
                (level_tampil(&d.level), d.bukti.clone()),
            )
        })
        .collect();
    let baris = acara::tautan(&app.db, id)
        .await?
        .into_iter()
        .map(|(l, k)| {
            let key = (l, k);
            let (level, bukti) = typed
                .get(&key)
                .or_else(|| own.get(&key))
                .cloned()
                .unwrap_or_default();
            Sel {
                latihan: key.0,
                kompetensi: key.1,
                level,
                lain: false,
                bukti,
                galat: None,
            }
        })
        .collect();
    let draf = draf.first().map(|d| d.waktu.clone());
    nilai_form(
        &app,
        &u,
        a,
        nip,
        baris,
        terkunci,
        None,
        draf,
        StatusCode::OK,
    )
    .await
}

/// The rating form with these cells.
#[allow(clippy::too_many_arguments)]
async fn nilai_form(
    app: &App,
    u: &Pengguna,
    a: Acara,
    nip: String,
    mut baris: Vec<Sel>,
    terkunci: bool,
    pesan: Option<String>,
    draf: Option<String>,
    status: StatusCode,
) -> Result<Response, Galat> {
    let aturan = crate::asesmen::aturan_asesmen(app).await?;
    let langkah = langkah(&aturan);
    for b in &mut baris {
        b.lain = !b.level.is_empty() && !langkah.contains(&b.level);
    }
    let nama = ipasn_store::baca::pegawai(&app.db, &nip)
        .await?
        .map(|p| p.nama)
        .unwrap_or_default();
    let dict = ipasn_store::asesmen::kamus(&app.db).await?;
    let codes: BTreeSet<String> = baris.iter().map(|b| b.kompetensi.clone()).collect();
    let kamus = codes
        .into_iter()
        .map(|k| {
            let name = dict
                .nama(&k)
                .map(str::to_string)
                .or_else(|| aturan.kompetensi.get(&k).cloned())
                .unwrap_or_default();
            let levels = (1..=5)
                .filter_map(|l| {
                    dict.get(&k, l)
                        .map(|d| (l, d.deskripsi.clone(), d.indikator.clone()))
                })
                .collect();
            (k, name, levels)
        })
        .collect();
    Ok((
        status,
        render(&NilaiPage {
            nav: Nav::of(u),
            a,
            nip,
            nama,
            baris,
            terkunci,
            langkah,
            kamus,
            pesan,
            draf,
        })?,
    )
        .into_response())
}

pub(super) async fn nilai_simpan(
    State(app): State<App>,
    u: Pengguna,
    Path((id, nip)): Path<(i64, String)>,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, Galat> {
    let a = acara_of(&app, &u, id).await?;
    if u.akun.peran != Peran::Asesor {
        return Err(u.terlarang());
    }
    let sudah_dikunci = || u.permintaan("ratings_locked_cannot_changed");
    if assigned(&app, &u, id, &nip).await? {
        return Err(sudah_dikunci());
    }
    let lang = u.lang;
    let aturan = crate::asesmen::aturan_asesmen(&app).await?;
    let links = acara::tautan(&app.db, id).await?;
    let field = |k: &str| {
        f.iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let kunci = field("kunci") == "1";
    let yakin = field("yakin") == "1";
    let mut rows = vec![];
    let mut cells = vec![];
    let mut baris = vec![];
    for (l, k) in &links {
        let raw = field(&format!("level|{l}|{k}"));
        let bukti = field(&format!("bukti|{l}|{k}"));
        let mut galat = None;
        if raw.is_empty() {
            if kunci {
                galat = Some(T(lang).s("fill_level_before_locking").to_string());
            }
        } else {
            match raw.replace(',', ".").parse::<f64>() {
                Ok(level) if level.is_finite() => match integrasi::cek_level(&aturan, level) {
                    Ok(()) => rows.push((l.clone(), k.clone(), level, bukti.clone())),
                    Err(_) => {
                        galat = Some(T(lang).f(
                            "level_tidak_sah",
                            &[&level, &crate::tampilan::trim(aturan.asesmen.langkah_level)],
                        ))
                    }
                },
                _ => galat = Some(T(lang).f("level_bukan_angka", &[&format!("{raw:?}")])),
            }
        }
        cells.push((l.clone(), k.clone(), raw.clone(), bukti.clone()));
        baris.push(Sel {
            latihan: l.clone(),
            kompetensi: k.clone(),
            level: level_tampil(&raw),
            lain: false,
            bukti,
            galat,
        });
    }
    let salah = baris.iter().filter(|b| b.galat.is_some()).count();
    // Nothing typed is lost: the form as typed is kept as the assessor's draft, and every valid
    // rating is saved (unlocked), before anything is refused or confirmed.
    if !acara::simpan_draf(&app.db, id, &nip, &u.akun.username, &cells).await? {
        return Err(sudah_dikunci());
    }
    let lock_now = kunci && yakin && salah == 0;
    if !lock_now {
        if !acara::simpan_nilai(&app.db, id, &nip, &u.akun.username, &rows, false).await? {
            return Err(sudah_dikunci());
        }
        let mut rincian = format!("acara {id}: {} nilai", rows.len());
        if salah > 0 {
            rincian.push_str(&format!("; {salah} isian belum sah"));
        }
        if kunci && salah > 0 {
            rincian.push_str("; kunci ditolak");
        }
        u.catat(&app, "nilai_simpan", &nip, &rincian).await?;
    }
    if salah > 0 {
        let pesan = if kunci {
            T(lang).s("locked_fix_marked_entries")
        } else {
            T(lang).s("some_entries_valid_marked")
        };
        return nilai_form(
            &app,
            &u,
            a,
            nip,
            baris,
            false,
            Some(pesan.to_string()),
            None,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    if !kunci {
        return Ok(Redirect::to(&format!("/asesmen/acara/{id}/nilai/{nip}")).into_response());
    }
    if !yakin {
        // Confirm first: what will be locked, exactly, and a form that sends it again.
        let nama = ipasn_store::baca::pegawai(&app.db, &nip)
            .await?
            .map(|p| p.nama)
            .unwrap_or_default();
        let mut tersembunyi = vec![("kunci".to_string(), "1".to_string())];
        for (l, k, raw, bukti) in &cells {
            tersembunyi.push((format!("level|{l}|{k}"), raw.clone()));
            tersembunyi.push((format!("bukti|{l}|{k}"), bukti.clone()));
        }
        tersembunyi.push(("yakin".into(), "1".into()));
        let t = u.t();
        return render(&KonfirmasiPage {
            nav: Nav::of(&u),
            judul: format!("{}: {nama} ({nip})", t.s("konfirmasi_kunci")),
            ket: t.s("konfirmasi_kunci_ket").to_string(),
            kolom: vec![
                t.s("nama_latihan").to_string(),
                t.s("kompetensi").to_string(),
                "Level".into(),
                t.s("bukti").to_string(),
            ],
            baris: baris
                .iter()
                .map(|b| {
                    vec![
                        b.latihan.clone(),
                        b.kompetensi.clone(),
                        b.level.clone(),
                        b.bukti.clone(),
                    ]
                })
                .collect(),
            aksi: format!("/asesmen/acara/{id}/nilai/{nip}"),
            tersembunyi,
            tombol: t.s("ya_kunci").to_string(),
            kembali: format!("/asesmen/acara/{id}/nilai/{nip}"),
            kembali_teks: t.s("kembali_ubah").to_string(),
            a,
        });
    }
    if !acara::simpan_nilai(&app.db, id, &nip, &u.akun.username, &rows, true).await? {
        return Err(sudah_dikunci());
    }
    u.catat(
        &app,
        "nilai_kunci",
        &nip,
        &format!("acara {id}: {} nilai", rows.len()),
    )
    .await?;
    Ok(Redirect::to(&format!("/asesmen/acara/{id}/nilai/{nip}")).into_response())
}
