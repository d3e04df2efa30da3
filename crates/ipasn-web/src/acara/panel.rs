//! The panel's view of one assessee: the locked ratings integrated per competency, the chair's
//! consensus where assessors differ by the threshold, and finalising into the competency result.

use super::{KonfirmasiPage, acara_of};
use crate::App;
use crate::auth::Pengguna;
use crate::galat::Galat;
use crate::tampilan::{Nav, render};
use crate::teks::T;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Json};
use ipasn_asesmen::integrasi::{self, Rating, Terintegrasi};
use ipasn_store::acara::{self, Acara};
use serde::{Deserialize, Serialize};

/// The panel's view of one assessee.
#[derive(Clone, Debug, Serialize)]
pub struct Integrasi {
    /// Assessee.
    pub nip: String,
    /// Assessors and whether each has locked.
    pub asesor: Vec<(String, bool)>,
    /// Per competency, from locked ratings.
    pub kompetensi: Vec<Terintegrasi>,
    /// Consensus levels entered.
    pub konsensus: Vec<acara::Konsensus>,
    /// The final level per competency (consensus where flagged), when every assessor has locked
    /// and every flagged competency has a consensus level.
    pub final_level: Option<Vec<(String, f64)>>,
    /// Already finalised.
    pub sudah_final: bool,
}

/// A stored rating as the rules take it, with its assessee.
pub(super) fn rating(n: acara::Nilai) -> (String, Rating) {
    let r = Rating {
        asesor: n.asesor,
        latihan: n.latihan,
        kompetensi: n.kompetensi,
        level: n.level,
    };
    (n.nip, r)
}

async fn integrasi_of(
    app: &App,
    u: &Pengguna,
    id: i64,
    nip: &str,
) -> Result<(Acara, Integrasi), Galat> {
    let a = acara_of(app, u, id).await?;
    if !u.admin() {
        return Err(u.terlarang());
    }
    let asesor: Vec<(String, bool)> = acara::penugasan(&app.db, id)
        .await?
        .into_iter()
        .filter(|p| p.nip == nip)
        .map(|p| (p.asesor, p.terkunci.is_some()))
        .collect();
    if asesor.is_empty() {
        return Err(u.tidak_ada());
    }
    u.catat(app, "lihat_asesmen", nip, &format!("acara {id}"))
        .await?;
    let aturan = crate::asesmen::aturan_asesmen(app).await?;
    let ratings: Vec<Rating> = acara::nilai(&app.db, id, None)
        .await?
        .into_iter()
        .filter(|n| n.nip == nip)
        .map(|n| rating(n).1)
        .collect();
    let kompetensi = integrasi::integrasi(&aturan, &ratings);
    let konsensus = acara::konsensus(&app.db, id, nip).await?;
    let final_level = integrasi::level_final(
        &aturan,
        &kompetensi,
        &konsensus
            .iter()
            .map(|c| (c.kompetensi.clone(), c.level))
            .collect::<Vec<_>>(),
        &asesor.iter().map(|a| a.1).collect::<Vec<_>>(),
    );
    let sudah_final = acara::final_list(&app.db, id)
        .await?
        .iter()
        .any(|f| f.0 == nip);
    Ok((
        a,
        Integrasi {
            nip: nip.to_string(),
            asesor,
            kompetensi,
            konsensus,
            final_level,
            sudah_final,
        },
    ))
}

/// The consensus form of one competency as typed, with its problems.
#[derive(Clone, Debug, Default)]
pub struct IsianKonsensus {
    level: String,
    alasan: String,
    galat_level: Option<String>,
    galat_alasan: Option<String>,
}

#[derive(Template)]
#[template(path = "acara_integrasi.html")]
struct IntegrasiPage {
    nav: Nav,
    a: Acara,
    d: Integrasi,
    /// Per competency of `d.kompetensi`, in order: the consensus form's values and problems.
    isian: Vec<IsianKonsensus>,
    /// Names: the assessee's, and the accounts' by username.
    nama: Nama,
}

/// The names a page shows for NIPs and usernames (those are for machines and logins).
#[derive(Default)]
struct Nama {
    pegawai: String,
    akun: std::collections::HashMap<String, String>,
}

impl Nama {
    async fn of(app: &App, nip: &str) -> Result<Nama, Galat> {
        Ok(Nama {
            pegawai: ipasn_store::baca::pegawai(&app.db, nip)
                .await?
                .map(|p| p.nama)
                .unwrap_or_else(|| nip.to_string()),
            akun: ipasn_store::akun::daftar(&app.db)
                .await?
                .into_iter()
                .map(|a| (a.username, a.nama))
                .collect(),
        })
    }

    /// An account's name, or its username when unknown.
    fn akun(&self, username: impl AsRef<str>) -> String {
        let u = username.as_ref();
        self.akun.get(u).cloned().unwrap_or_else(|| u.to_string())
    }
}

pub(super) async fn integrasi_page(
    State(app): State<App>,
    u: Pengguna,
    Path((id, nip)): Path<(i64, String)>,
) -> Result<Response, Galat> {
    let (a, d) = integrasi_of(&app, &u, id, &nip).await?;
    let isian = vec![IsianKonsensus::default(); d.kompetensi.len()];
    render(&IntegrasiPage {
        nav: Nav::of(&u),
        nama: Nama::of(&app, &nip).await?,
        a,
        d,
        isian,
    })
}

pub(super) async fn integrasi_api(
    State(app): State<App>,
    u: Pengguna,
    Path((id, nip)): Path<(i64, String)>,
) -> Result<Json<Integrasi>, Galat> {
    Ok(Json(integrasi_of(&app, &u, id, &nip).await?.1))
}

/// The consensus form.
#[derive(Deserialize)]
pub struct FormKonsensus {
    kompetensi: String,
    #[serde(default)]
    level: String,
    #[serde(default)]
    alasan: String,
}

pub(super) async fn konsensus_simpan(
    State(app): State<App>,
    u: Pengguna,
    Path((id, nip)): Path<(i64, String)>,
    Form(f): Form<FormKonsensus>,
) -> Result<Response, Galat> {
    let (a, d) = integrasi_of(&app, &u, id, &nip).await?;
    let Some(i) = d
        .kompetensi
        .iter()
        .position(|k| k.kompetensi == f.kompetensi)
    else {
        return Err(u.tidak_ada());
    };
    let lang = u.lang;
    let aturan = crate::asesmen::aturan_asesmen(&app).await?;
    let mut isian = IsianKonsensus {
        level: f.level.clone(),
        alasan: f.alasan.clone(),
        ..Default::default()
    };
    let level = match f.level.trim().replace(',', ".").parse::<f64>() {
        Ok(v) if v.is_finite() => match integrasi::cek_level(&aturan, v) {
            Ok(()) => Some(v),
            Err(_) => {
                isian.galat_level = Some(T(lang).f(
                    "level_tidak_sah",
                    &[&v, &crate::tampilan::trim(aturan.asesmen.langkah_level)],
                ));
                None
            }
        },
        _ => {
            isian.galat_level = Some(T(lang).s("level_not_a_number").to_string());
            None
        }
    };
    if f.alasan.trim().chars().count() < 10 {
        isian.galat_alasan = Some(T(lang).s("write_rationale_least_10").to_string());
    }
    let (Some(level), None) = (level, &isian.galat_alasan) else {
        // The panel's page again, with this competency's form as typed and its problems.
        let mut all = vec![IsianKonsensus::default(); d.kompetensi.len()];
        all[i] = isian;
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&IntegrasiPage {
                nav: Nav::of(&u),
                nama: Nama::of(&app, &nip).await?,
                a,
                d,
                isian: all,
            })?,
        )
            .into_response());
    };
    acara::simpan_konsensus(
        &app.db,
        id,
        &nip,
        &f.kompetensi,
        level,
        f.alasan.trim(),
        &u.akun.username,
    )
    .await?;
    u.catat(&app, "konsensus", &nip, &serde_json::json!({"acara": id, "kompetensi": f.kompetensi, "level": level, "alasan": f.alasan.trim()}).to_string()).await?;
    Ok(Redirect::to(&format!("/asesmen/acara/{id}/integrasi/{nip}")).into_response())
}

/// The finalise form: `yakin=1` after the confirmation, and the levels the confirmation showed.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct FormFinal {
    yakin: String,
    sidik: String,
}

/// The levels as one line (`M.01=3.25;M.02=2`), so a confirmation finalises what it showed.
fn sidik(levels: &[(String, f64)]) -> String {
    levels
        .iter()
        .map(|(k, l)| format!("{k}={}", crate::tampilan::trim(*l)))
        .collect::<Vec<_>>()
        .join(";")
}

pub(super) async fn final_simpan(
    State(app): State<App>,
    u: Pengguna,
    Path((id, nip)): Path<(i64, String)>,
    Form(f): Form<FormFinal>,
) -> Result<Response, Galat> {
    let (a, d) = integrasi_of(&app, &u, id, &nip).await?;
    let Some(levels) = d.final_level.clone() else {
        return Err(u.permintaan("cannot_finalise_yet_every"));
    };
    let now = sidik(&levels);
    if f.yakin != "1" || f.sidik != now {
        // Confirm first: the levels that will become the person's competency result.
        let t = u.t();
        let nama = ipasn_store::baca::pegawai(&app.db, &nip)
            .await?
            .map(|p| p.nama)
            .unwrap_or_default();
        let mut ket = t.s("konfirmasi_final_ket").to_string();
        if f.yakin == "1" {
            ket = format!("{} {ket}", t.s("konfirmasi_berubah"));
        }
        if d.sudah_final {
            ket = format!("{ket} {}", t.s("sudah_final_ganti"));
        }
        let baris = levels
            .iter()
            .map(|(k, l)| {
                let c = d.konsensus.iter().find(|c| &c.kompetensi == k);
                vec![
                    k.clone(),
                    crate::tampilan::trim(*l),
                    match c {
                        Some(c) => format!("{} — {}", t.s("konsensus"), c.alasan),
                        None => t.s("rerata_asesor").to_string(),
                    },
                ]
            })
            .collect();
        return render(&KonfirmasiPage {
            nav: Nav::of(&u),
            judul: format!("{}: {nama} ({nip})", t.s("konfirmasi_final")),
            ket,
            kolom: vec![
                t.s("kompetensi").to_string(),
                "Level".into(),
                t.s("sumber").to_string(),
            ],
            baris,
            aksi: format!("/asesmen/acara/{id}/final/{nip}"),
            tersembunyi: vec![("sidik".into(), now), ("yakin".into(), "1".into())],
            tombol: t.s("ya_finalkan").to_string(),
            kembali: format!("/asesmen/acara/{id}/integrasi/{nip}"),
            kembali_teks: t.s("batal").to_string(),
            a,
        });
    }
    acara::finalkan(&app.db, &a, &nip, &levels, &u.akun.username).await?;
    u.catat(
        &app,
        "asesmen_final",
        &nip,
        &serde_json::json!({"acara": id, "level": levels}).to_string(),
    )
    .await?;
    Ok(Redirect::to(&format!("/asesmen/acara/{id}")).into_response())
}
