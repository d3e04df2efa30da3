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
    /// The competencies to tick: `(code, name)`.
    kompetensi: Vec<(String, String)>,
    /// The assessors to tick: `(username, name)`.
    asesor: Vec<(String, String)>,
    /// The events' creators by name.
    nama_akun: std::collections::HashMap<String, String>,
}

impl DaftarPage {
    fn nama_oleh(&self, username: impl AsRef<str>) -> String {
        let username = username.as_ref();
        self.nama_akun
            .get(username)
            .cloned()
            .unwrap_or_else(|| username.to_string())
    }
}

/// Empty picker rows offered at first: exercises and assessees.
const BARIS_LATIHAN: usize = 4;
const BARIS_PESERTA: usize = 6;

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
    let akun = ipasn_store::akun::daftar(&app.db).await?;
    let asesor = akun
        .iter()
        .filter(|a| a.peran == Peran::Asesor)
        .map(|a| (a.username.clone(), a.nama.clone()))
        .collect();
    let nama_akun = akun.into_iter().map(|a| (a.username, a.nama)).collect();
    let aturan = crate::asesmen::aturan_asesmen(app).await?;
    let kamus = ipasn_store::asesmen::kamus(&app.db).await?;
    let t = u.t();
    let kompetensi = aturan
        .kompetensi
        .iter()
        .map(|(k, n)| (k.clone(), t.nama(kamus.nama(k).unwrap_or(n)).to_string()))
        .collect();
    let mut isian = isian;
    let n = isian.pilih_latihan.len();
    isian
        .pilih_latihan
        .resize(n.max(BARIS_LATIHAN), Default::default());
    let n = isian.pilih_peserta.len();
    isian
        .pilih_peserta
        .resize(n.max(BARIS_PESERTA), Default::default());
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
            kompetensi,
            asesor,
            nama_akun,
        })?,
    )
        .into_response())
}

/// The event form: the name and date; the exercises and assessees picked (an exercise's name
/// with its competencies ticked; an assessee found by name with their assessors ticked), and
/// for bulk entry the same as lines of text.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct FormAcara {
    nama: String,
    tanggal: String,
    /// One exercise a line: `Name: M.01, M.02`.
    latihan: String,
    /// One assessee a line: `NIP: assessor1, assessor2`.
    peserta: String,
    /// Picked exercises: name and the codes ticked (fields `lat<i>`, `lat<i>k`).
    #[serde(skip)]
    pilih_latihan: Vec<(String, Vec<String>)>,
    /// Picked assessees: NIP and the assessors ticked (fields `nip<i>`, `as<i>`).
    #[serde(skip)]
    pilih_peserta: Vec<(String, Vec<String>)>,
    /// `tambah`: more empty rows, nothing checked yet.
    #[serde(skip)]
    tambah: bool,
}

impl FormAcara {
    /// The form from its fields (the pickers' fields repeat, so they are read as pairs).
    fn dari(pairs: Vec<(String, String)>) -> FormAcara {
        let mut f = FormAcara::default();
        let row = |rows: &mut Vec<(String, Vec<String>)>, i: usize| -> usize {
            if rows.len() <= i {
                rows.resize(i + 1, Default::default());
            }
            i
        };
        for (k, v) in pairs {
            let num = |p: &str, suffix: &str| -> Option<usize> {
                k.strip_prefix(p)?
                    .strip_suffix(suffix)?
                    .parse()
                    .ok()
                    .filter(|i| *i < 200)
            };
            match k.as_str() {
                "nama" => f.nama = v,
                "tanggal" => f.tanggal = v,
                "latihan" => f.latihan = v,
                "peserta" => f.peserta = v,
                "tambah" => f.tambah = true,
                _ => {
                    if let Some(i) = num("lat", "k") {
                        let i = row(&mut f.pilih_latihan, i);
                        f.pilih_latihan[i].1.push(v);
                    } else if let Some(i) = num("lat", "") {
                        let i = row(&mut f.pilih_latihan, i);
                        f.pilih_latihan[i].0 = v;
                    } else if let Some(i) = num("as", "") {
                        let i = row(&mut f.pilih_peserta, i);
                        f.pilih_peserta[i].1.push(v);
                    } else if let Some(i) = num("nip", "") {
                        let i = row(&mut f.pilih_peserta, i);
                        f.pilih_peserta[i].0 = v;
                    }
                }
            }
        }
        f
    }

    /// The text lines and the picked rows together, as lines (`Name: codes`, `NIP: users`);
    /// a picked row without a name or NIP becomes a line without `:`, refused as such.
    fn baris(&self) -> (String, String) {
        let mut latihan: Vec<String> = self.latihan.lines().map(str::to_string).collect();
        for (nama, kode) in &self.pilih_latihan {
            if nama.trim().is_empty() && kode.is_empty() {
                continue;
            }
            latihan.push(if nama.trim().is_empty() {
                kode.join(", ")
            } else {
                format!("{}: {}", nama.trim(), kode.join(", "))
            });
        }
        let mut peserta: Vec<String> = self.peserta.lines().map(str::to_string).collect();
        for (nip, who) in &self.pilih_peserta {
            if nip.trim().is_empty() && who.is_empty() {
                continue;
            }
            // A picked person may carry their name after the NIP (`NIP — name`).
            let nip = nip.split_whitespace().next().unwrap_or_default();
            peserta.push(if nip.is_empty() {
                who.join(", ")
            } else {
                format!("{nip}: {}", who.join(", "))
            });
        }
        (latihan.join("\n"), peserta.join("\n"))
    }

    fn dicentang(
        &self,
        i: impl std::borrow::Borrow<usize>,
        nilai: impl AsRef<str>,
        latihan: impl std::borrow::Borrow<bool>,
    ) -> bool {
        let (i, nilai) = (*i.borrow(), nilai.as_ref());
        let rows = if *latihan.borrow() {
            &self.pilih_latihan
        } else {
            &self.pilih_peserta
        };
        rows.get(i).is_some_and(|r| r.1.iter().any(|v| v == nilai))
    }
}

/// Parses and checks the event form against the stored persons and accounts; every problem
/// with its field and line.
pub async fn periksa(app: &App, f: &FormAcara, t: T) -> Result<AcaraBaru, GalatMedan> {
    let (latihan, peserta) = f.baris();
    let f = &FormAcara {
        latihan,
        peserta,
        ..f.clone()
    };
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
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, Galat> {
    if !u.admin() {
        return Err(u.terlarang());
    }
    let mut f = FormAcara::dari(pairs);
    if f.tambah {
        // More rows: the form again as typed, nothing checked yet.
        let n = f.pilih_latihan.len().max(BARIS_LATIHAN) + 2;
        f.pilih_latihan.resize(n, Default::default());
        let n = f.pilih_peserta.len().max(BARIS_PESERTA) + 4;
        f.pilih_peserta.resize(n, Default::default());
        return daftar_dengan(&app, &u, f, GalatMedan::default()).await;
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
    // Assessors by name (their usernames are for logging in, not for reading).
    let names: std::collections::HashMap<String, String> = ipasn_store::akun::daftar(&app.db)
        .await?
        .into_iter()
        .map(|a| (a.username, a.nama))
        .collect();
    let mut peserta = vec![];
    for (nip, asesor) in by {
        let asesor = asesor
            .into_iter()
            .map(|(user, kunci)| (names.get(&user).cloned().unwrap_or(user), kunci))
            .collect();
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

/// `?q=`: the text to find.
#[derive(Deserialize)]
pub(super) struct CariQ {
    #[serde(default)]
    q: String,
}

/// Persons by name or NIP for the assessee picker (admins): `[{nip, nama, unor}]`, at most 20;
/// nothing for fewer than three characters.
pub(super) async fn cari_pegawai(
    State(app): State<App>,
    u: Pengguna,
    axum::extract::Query(q): axum::extract::Query<CariQ>,
) -> Result<axum::Json<serde_json::Value>, Galat> {
    if !u.admin() {
        return Err(u.terlarang());
    }
    let q = q.q.trim();
    let found = if q.chars().count() < 3 {
        vec![]
    } else {
        ipasn_store::baca::cari_pegawai(&app.db, q, 20).await?
    };
    Ok(axum::Json(serde_json::json!(
        found
            .into_iter()
            .map(|(nip, nama, unor)| serde_json::json!({"nip": nip, "nama": nama, "unor": unor}))
            .collect::<Vec<_>>()
    )))
}
