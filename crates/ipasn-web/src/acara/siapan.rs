//! Setting up an event: the list, the setup form (checked against the stored persons and
//! accounts) and the event view.

use super::{GalatMedan, acara_of, may_see_events};
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
use ipasn_store::acara::{self, Acara, AcaraBaru};
use ipasn_store::akun::Peran;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashSet};

#[derive(Template)]
#[template(path = "acara_daftar.html")]
struct DaftarPage {
    nav: Nav,
    acara: Vec<Acara>,
    admin: bool,
    /// The event form as typed (empty at first).
    isian: FormAcara,
    galat: GalatMedan,
}

pub(super) async fn daftar_page(State(app): State<App>, u: Pengguna) -> Result<Response, Galat> {
    daftar_dengan(&app, &u, FormAcara::default(), GalatMedan::default()).await
}

/// The event list with the setup form; with problems, the form as typed and status 422.
async fn daftar_dengan(
    app: &App,
    u: &Pengguna,
    isian: FormAcara,
    galat: GalatMedan,
) -> Result<Response, Galat> {
    if !may_see_events(u) {
        return Err(u.terlarang());
    }
    let mine = (u.akun.peran == Peran::Asesor).then_some(u.akun.username.as_str());
    let acara = acara::daftar(&app.db, mine).await?;
    let status = if galat.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((
        status,
        render(&DaftarPage {
            nav: Nav::of(u),
            acara,
            admin: u.admin(),
            isian,
            galat,
        })?,
    )
        .into_response())
}

/// The event form.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct FormAcara {
    nama: String,
    tanggal: String,
    /// One exercise a line: `Name: M.01, M.02`.
    latihan: String,
    /// One assessee a line: `NIP: assessor1, assessor2`.
    peserta: String,
}

/// Parses and checks the event form against the stored persons and accounts; every problem
/// with its field and line.
pub async fn periksa(app: &App, f: &FormAcara, t: T) -> Result<AcaraBaru, GalatMedan> {
    let aturan = crate::asesmen::aturan_asesmen(app)
        .await
        .map_err(|_| GalatMedan(vec![("nama", t.s("kesalahan_server").to_string())]))?;
    let mut bad: Vec<(&'static str, String)> = vec![];
    let nama = f.nama.trim().to_string();
    if nama.is_empty() {
        bad.push(("nama", t.s("acara_nama_wajib").to_string()));
    }
    let tanggal = ipasn_core::tanggal::Tanggal::parse_iso(f.tanggal.trim());
    if tanggal.is_none() {
        bad.push((
            "tanggal",
            t.f("acara_tanggal", &[&format!("{:?}", f.tanggal)]),
        ));
    }
    let mut tautan = vec![];
    for (i, line) in f
        .latihan
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let Some((l, ks)) = line.split_once(':') else {
            bad.push(("latihan", t.f("acara_latihan_bentuk", &[&(i + 1)])));
            continue;
        };
        for k in ks
            .split(',')
            .map(|k| k.trim().to_uppercase())
            .filter(|k| !k.is_empty())
        {
            if !aturan.kode_sah(&k) {
                bad.push(("latihan", t.f("acara_latihan_kode", &[&(i + 1), &k])));
            }
            tautan.push((l.trim().to_string(), k));
        }
    }
    if tautan.is_empty() {
        bad.push(("latihan", t.s("acara_latihan_minimal").to_string()));
    }
    let asesor: HashSet<String> = ipasn_store::akun::daftar(&app.db)
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|a| a.peran == Peran::Asesor)
        .map(|a| a.username)
        .collect();
    let mut penugasan = vec![];
    for (i, line) in f
        .peserta
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let Some((nip, who)) = line.split_once(':') else {
            bad.push(("peserta", t.f("acara_peserta_bentuk", &[&(i + 1)])));
            continue;
        };
        let nip = nip.trim().to_string();
        if ipasn_store::baca::pegawai(&app.db, &nip)
            .await
            .ok()
            .flatten()
            .is_none()
        {
            bad.push(("peserta", t.f("acara_peserta_nip", &[&(i + 1), &nip])));
        }
        let names: BTreeSet<String> = who
            .split(',')
            .map(|w| w.trim().to_string())
            .filter(|w| !w.is_empty())
            .collect();
        if (names.len() as u32) < aturan.asesmen.asesor_minimal {
            bad.push((
                "peserta",
                t.f(
                    "acara_peserta_asesor_minimal",
                    &[&(i + 1), &aturan.asesmen.asesor_minimal],
                ),
            ));
        }
        for w in names {
            if !asesor.contains(&w) {
                bad.push((
                    "peserta",
                    t.f("acara_peserta_bukan_asesor", &[&(i + 1), &w]),
                ));
            }
            penugasan.push((nip.clone(), w));
        }
    }
    if penugasan.is_empty() {
        bad.push(("peserta", t.s("acara_peserta_minimal").to_string()));
    }
    if bad.is_empty() {
        Ok(AcaraBaru {
            nama,
            tanggal: tanggal.map(|t| t.to_string()).unwrap_or_default(),
            tautan,
            penugasan,
        })
    } else {
        Err(GalatMedan(bad))
    }
}

pub(super) async fn buat(
    State(app): State<App>,
    u: Pengguna,
    Form(f): Form<FormAcara>,
) -> Result<Response, Galat> {
    if !u.admin() {
        return Err(u.terlarang());
    }
    let a = match periksa(&app, &f, u.t()).await {
        Ok(a) => a,
        // The form again, as typed, with each problem beside its field.
        Err(bad) => return daftar_dengan(&app, &u, f, bad).await,
    };
    let id = acara::buat(&app.db, &a, &u.akun.username).await?;
    u.catat(&app, "acara_buat", &id.to_string(), &a.nama)
        .await?;
    Ok(Redirect::to(&format!("/asesmen/acara/{id}")).into_response())
}

/// An assessee in the event view.
#[derive(Serialize)]
pub struct Peserta {
    nip: String,
    nama: String,
    asesor: Vec<(String, bool)>,
    final_: bool,
}

#[derive(Template)]
#[template(path = "acara.html")]
struct AcaraPage {
    nav: Nav,
    a: Acara,
    tautan: Vec<(String, String)>,
    peserta: Vec<Peserta>,
    admin: bool,
}

pub(super) async fn acara_page(
    State(app): State<App>,
    u: Pengguna,
    Path(id): Path<i64>,
) -> Result<Response, Galat> {
    let a = acara_of(&app, &u, id).await?;
    let finals: HashSet<String> = acara::final_list(&app.db, id)
        .await?
        .into_iter()
        .map(|f| f.0)
        .collect();
    let mut by: BTreeMap<String, Vec<(String, bool)>> = BTreeMap::new();
    for p in acara::penugasan(&app.db, id).await? {
        // An assessor sees only their own assessees.
        if u.akun.peran == Peran::Asesor && p.asesor != u.akun.username {
            continue;
        }
        by.entry(p.nip.clone())
            .or_default()
            .push((p.asesor, p.terkunci.is_some()));
    }
    let mut peserta = vec![];
    for (nip, asesor) in by {
        let nama = ipasn_store::baca::pegawai(&app.db, &nip)
            .await?
            .map(|p| p.nama)
            .unwrap_or_default();
        peserta.push(Peserta {
            final_: finals.contains(&nip),
            nip,
            nama,
            asesor,
        });
    }
    render(&AcaraPage {
        nav: Nav::of(&u),
        tautan: acara::tautan(&app.db, id).await?,
        peserta,
        admin: u.admin(),
        a,
    })
}
