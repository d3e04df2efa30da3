//! Assessment-center events in the browser: the admin sets up an event (exercises linked to
//! competencies, assessees with their assessors); each assessor rates only their own assessees,
//! sees only their own ratings, and locks them; the panel (admin) sees the locked ratings
//! integrated per competency, enters the chair's consensus where assessors differ by the
//! threshold, and finalises the result, which becomes the person's competency result (JPM,
//! nine-box). Inter-rater reliability per event and competency is computed from the locked
//! ratings. Every view of a person's ratings and every change is audited.

use crate::App;
use crate::auth::Pengguna;
use crate::galat::Galat;
use crate::halaman::Nav;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use ipasn_asesmen::integrasi::{self, Rating, Terintegrasi};
use ipasn_asesmen::irr;
use ipasn_store::acara::{self, Acara, AcaraBaru};
use ipasn_store::akun::Peran;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// The routes of assessment events.
pub fn routes() -> Router<App> {
    Router::new()
        .route("/asesmen/acara", get(daftar_page).post(buat))
        .route("/asesmen/acara/{id}", get(acara_page))
        .route(
            "/asesmen/acara/{id}/nilai/{nip}",
            get(nilai_page).post(nilai_simpan),
        )
        .route("/asesmen/acara/{id}/integrasi/{nip}", get(integrasi_page))
        .route(
            "/asesmen/acara/{id}/konsensus/{nip}",
            post(konsensus_simpan),
        )
        .route("/asesmen/acara/{id}/final/{nip}", post(final_simpan))
        .route("/asesmen/acara/{id}/irr", get(irr_page))
        .route(
            "/api/asesmen/acara/{id}/integrasi/{nip}",
            get(integrasi_api),
        )
        .route("/api/asesmen/acara/{id}/irr", get(irr_api))
}

fn render<T: Template>(t: &T) -> Result<Response, Galat> {
    t.render()
        .map(|h| Html(h).into_response())
        .map_err(|e| Galat::Server(e.to_string(), false))
}

fn may_see_events(u: &Pengguna) -> bool {
    matches!(u.akun.peran, Peran::Admin | Peran::Asesor)
}

async fn acara_of(app: &App, u: &Pengguna, id: i64) -> Result<Acara, Galat> {
    if !may_see_events(u) {
        return Err(u.terlarang());
    }
    let a = acara::satu(&app.db, id)
        .await?
        .ok_or_else(|| u.tidak_ada())?;
    if u.akun.peran == Peran::Asesor {
        let mine = acara::penugasan(&app.db, id)
            .await?
            .iter()
            .any(|p| p.asesor == u.akun.username);
        if !mine {
            return Err(u.terlarang());
        }
    }
    Ok(a)
}

#[derive(Template)]
#[template(path = "acara_daftar.html")]
struct DaftarPage {
    nav: Nav,
    acara: Vec<Acara>,
    admin: bool,
}

async fn daftar_page(State(app): State<App>, u: Pengguna) -> Result<Response, Galat> {
    if !may_see_events(&u) {
        return Err(u.terlarang());
    }
    let mine = (u.akun.peran == Peran::Asesor).then_some(u.akun.username.as_str());
    let acara = acara::daftar(&app.db, mine).await?;
    render(&DaftarPage {
        nav: Nav::of(&u),
        acara,
        admin: u.admin(),
    })
}

/// The event form.
#[derive(Deserialize)]
pub struct FormAcara {
    nama: String,
    tanggal: String,
    /// One exercise a line: `Name: M.01, M.02`.
    latihan: String,
    /// One assessee a line: `NIP: assessor1, assessor2`.
    peserta: String,
}

/// Parses and checks the event form against the stored persons and accounts; every problem
/// with its line.
pub async fn periksa(app: &App, f: &FormAcara) -> Result<AcaraBaru, Vec<String>> {
    let aturan = crate::data::aturan_asesmen(app)
        .await
        .map_err(|_| vec!["rules".to_string()])?;
    let mut bad = vec![];
    let nama = f.nama.trim().to_string();
    if nama.is_empty() {
        bad.push("nama: wajib diisi / required".to_string());
    }
    let tanggal = ipasn_core::tanggal::Tanggal::parse_iso(f.tanggal.trim());
    if tanggal.is_none() {
        bad.push(format!("tanggal {:?}: YYYY-MM-DD", f.tanggal));
    }
    let mut tautan = vec![];
    for (i, line) in f
        .latihan
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let Some((l, ks)) = line.split_once(':') else {
            bad.push(format!(
                "latihan baris/line {}: \"Nama latihan: M.01, M.02\"",
                i + 1
            ));
            continue;
        };
        for k in ks
            .split(',')
            .map(|k| k.trim().to_uppercase())
            .filter(|k| !k.is_empty())
        {
            if !aturan.kode_sah(&k) {
                bad.push(format!("latihan baris/line {}: {k}?", i + 1));
            }
            tautan.push((l.trim().to_string(), k));
        }
    }
    if tautan.is_empty() {
        bad.push("latihan: minimal satu latihan dengan kompetensinya / at least one exercise with its competencies".into());
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
            bad.push(format!(
                "peserta baris/line {}: \"NIP: asesor1, asesor2\"",
                i + 1
            ));
            continue;
        };
        let nip = nip.trim().to_string();
        if ipasn_store::baca::pegawai(&app.db, &nip)
            .await
            .ok()
            .flatten()
            .is_none()
        {
            bad.push(format!(
                "peserta baris/line {}: NIP {nip} tidak ada / not in the data",
                i + 1
            ));
        }
        let names: BTreeSet<String> = who
            .split(',')
            .map(|w| w.trim().to_string())
            .filter(|w| !w.is_empty())
            .collect();
        if (names.len() as u32) < aturan.asesmen.asesor_minimal {
            bad.push(format!(
                "peserta baris/line {}: minimal {} asesor / assessors",
                i + 1,
                aturan.asesmen.asesor_minimal
            ));
        }
        for w in names {
            if !asesor.contains(&w) {
                bad.push(format!(
                    "peserta baris/line {}: {w} bukan akun asesor / is not an asesor account",
                    i + 1
                ));
            }
            penugasan.push((nip.clone(), w));
        }
    }
    if penugasan.is_empty() {
        bad.push("peserta: minimal satu / at least one".into());
    }
    if bad.is_empty() {
        Ok(AcaraBaru {
            nama,
            tanggal: tanggal.map(|t| t.to_string()).unwrap_or_default(),
            tautan,
            penugasan,
        })
    } else {
        Err(bad)
    }
}

async fn buat(
    State(app): State<App>,
    u: Pengguna,
    Form(f): Form<FormAcara>,
) -> Result<Response, Galat> {
    if !u.admin() {
        return Err(u.terlarang());
    }
    let a = periksa(&app, &f).await.map_err(|bad| {
        u.permintaan(
            &format!("Acara belum dapat dibuat: {}", bad.join("; ")),
            &format!("The event cannot be created: {}", bad.join("; ")),
        )
    })?;
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

async fn acara_page(
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

#[derive(Template)]
#[template(path = "acara_nilai.html")]
struct NilaiPage {
    nav: Nav,
    a: Acara,
    nip: String,
    nama: String,
    baris: Vec<(String, String, String, String)>,
    terkunci: bool,
    langkah: Vec<String>,
    /// The dictionary's level descriptions of the event's competencies: `(code, name, levels)`,
    /// each level with its description and indicators.
    kamus: Vec<(String, String, Vec<(i64, String, Vec<String>)>)>,
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

async fn nilai_page(
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
    let own: BTreeMap<(String, String), (f64, String)> =
        acara::nilai(&app.db, id, Some(&u.akun.username))
            .await?
            .into_iter()
            .filter(|n| n.nip == nip)
            .map(|n| ((n.latihan, n.kompetensi), (n.level, n.bukti)))
            .collect();
    let baris = acara::tautan(&app.db, id)
        .await?
        .into_iter()
        .map(|(l, k)| {
            let (level, bukti) = own
                .get(&(l.clone(), k.clone()))
                .map(|(v, b)| (crate::data::trim(*v), b.clone()))
                .unwrap_or_default();
            (l, k, level, bukti)
        })
        .collect();
    let aturan = crate::data::aturan_asesmen(&app).await?;
    let step = aturan.asesmen.langkah_level;
    let langkah = (0..)
        .map(|i| 1.0 + i as f64 * step)
        .take_while(|v| *v <= 5.0 + 1e-9)
        .map(crate::data::trim)
        .collect();
    let nama = ipasn_store::baca::pegawai(&app.db, &nip)
        .await?
        .map(|p| p.nama)
        .unwrap_or_default();
    let dict = ipasn_store::asesmen::kamus(&app.db).await?;
    let codes: BTreeSet<String> = acara::tautan(&app.db, id)
        .await?
        .into_iter()
        .map(|t| t.1)
        .collect();
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
    render(&NilaiPage {
        nav: Nav::of(&u),
        a,
        nip,
        nama,
        baris,
        terkunci,
        langkah,
        kamus,
    })
}

async fn nilai_simpan(
    State(app): State<App>,
    u: Pengguna,
    Path((id, nip)): Path<(i64, String)>,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, Galat> {
    acara_of(&app, &u, id).await?;
    if u.akun.peran != Peran::Asesor {
        return Err(u.terlarang());
    }
    if assigned(&app, &u, id, &nip).await? {
        return Err(u.permintaan(
            "Penilaian sudah dikunci dan tidak dapat diubah.",
            "The ratings are locked and cannot be changed.",
        ));
    }
    let aturan = crate::data::aturan_asesmen(&app).await?;
    let links: HashSet<(String, String)> = acara::tautan(&app.db, id).await?.into_iter().collect();
    let field = |k: &str| {
        f.iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let mut rows = vec![];
    for (l, k) in &links {
        let v = field(&format!("level|{l}|{k}"));
        if v.is_empty() {
            continue;
        }
        let level: f64 = v.replace(',', ".").parse().map_err(|_| {
            u.permintaan(
                &format!("Level {v:?} bukan angka."),
                &format!("Level {v:?} is not a number."),
            )
        })?;
        integrasi::cek_level(&aturan, level).map_err(|e| {
            u.permintaan(
                &format!("{l} / {k}: level {level} tidak sah."),
                &format!("{l} / {k}: {e}"),
            )
        })?;
        rows.push((
            l.clone(),
            k.clone(),
            level,
            field(&format!("bukti|{l}|{k}")),
        ));
    }
    let kunci = field("kunci") == "1";
    if kunci && rows.len() < links.len() {
        return Err(u.permintaan(
            "Isi semua level sebelum mengunci.",
            "Fill in every level before locking.",
        ));
    }
    if !acara::simpan_nilai(&app.db, id, &nip, &u.akun.username, &rows, kunci).await? {
        return Err(u.permintaan(
            "Penilaian sudah dikunci dan tidak dapat diubah.",
            "The ratings are locked and cannot be changed.",
        ));
    }
    u.catat(
        &app,
        if kunci { "nilai_kunci" } else { "nilai_simpan" },
        &nip,
        &format!("acara {id}: {} nilai", rows.len()),
    )
    .await?;
    Ok(Redirect::to(&format!("/asesmen/acara/{id}/nilai/{nip}")).into_response())
}

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
    let aturan = crate::data::aturan_asesmen(app).await?;
    let ratings: Vec<Rating> = acara::nilai(&app.db, id, None)
        .await?
        .into_iter()
        .filter(|n| n.nip == nip)
        .map(|n| Rating {
            asesor: n.asesor,
            latihan: n.latihan,
            kompetensi: n.kompetensi,
            level: n.level,
        })
        .collect();
    let kompetensi = integrasi::integrasi(&aturan, &ratings);
    let konsensus = acara::konsensus(&app.db, id, nip).await?;
    let all_locked =
        asesor.iter().all(|a| a.1) && asesor.len() as u32 >= aturan.asesmen.asesor_minimal;
    let final_level = all_locked
        .then(|| {
            kompetensi
                .iter()
                .map(|k| {
                    let c = konsensus.iter().find(|c| c.kompetensi == k.kompetensi);
                    match (k.perlu_konsensus, c) {
                        (true, None) => None,
                        (_, Some(c)) => Some((k.kompetensi.clone(), c.level)),
                        (false, None) => Some((k.kompetensi.clone(), k.level)),
                    }
                })
                .collect::<Option<Vec<_>>>()
        })
        .flatten()
        .filter(|v| !v.is_empty());
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

#[derive(Template)]
#[template(path = "acara_integrasi.html")]
struct IntegrasiPage {
    nav: Nav,
    a: Acara,
    d: Integrasi,
}

async fn integrasi_page(
    State(app): State<App>,
    u: Pengguna,
    Path((id, nip)): Path<(i64, String)>,
) -> Result<Response, Galat> {
    let (a, d) = integrasi_of(&app, &u, id, &nip).await?;
    render(&IntegrasiPage {
        nav: Nav::of(&u),
        a,
        d,
    })
}

async fn integrasi_api(
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
    level: String,
    alasan: String,
}

async fn konsensus_simpan(
    State(app): State<App>,
    u: Pengguna,
    Path((id, nip)): Path<(i64, String)>,
    Form(f): Form<FormKonsensus>,
) -> Result<Response, Galat> {
    let (_, d) = integrasi_of(&app, &u, id, &nip).await?;
    if !d.kompetensi.iter().any(|k| k.kompetensi == f.kompetensi) {
        return Err(u.tidak_ada());
    }
    let aturan = crate::data::aturan_asesmen(&app).await?;
    let level: f64 = f
        .level
        .trim()
        .replace(',', ".")
        .parse()
        .map_err(|_| u.permintaan("Level bukan angka.", "The level is not a number."))?;
    integrasi::cek_level(&aturan, level).map_err(|e| u.permintaan("Level tidak sah.", &e))?;
    if f.alasan.trim().chars().count() < 10 {
        return Err(u.permintaan(
            "Tulis alasan konsensus (minimal 10 karakter).",
            "Write the rationale (at least 10 characters).",
        ));
    }
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

async fn final_simpan(
    State(app): State<App>,
    u: Pengguna,
    Path((id, nip)): Path<(i64, String)>,
) -> Result<Response, Galat> {
    let (a, d) = integrasi_of(&app, &u, id, &nip).await?;
    let Some(levels) = d.final_level else {
        return Err(u.permintaan(
            "Belum dapat difinalkan: semua asesor harus mengunci penilaiannya dan setiap kompetensi yang ditandai memerlukan level konsensus.",
            "Cannot finalise yet: every assessor must lock their ratings and every flagged competency needs a consensus level.",
        ));
    };
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

/// Reliability of an event: per competency (assessees × assessors, each assessor's mean over the
/// exercises), and pooled over all competencies.
#[derive(Clone, Debug, Serialize)]
pub struct IrrAcara {
    /// Per competency.
    pub kompetensi: Vec<(String, irr::Hasil)>,
    /// All competencies pooled (subject = assessee × competency).
    pub semua: irr::Hasil,
}

async fn irr_of(app: &App, u: &Pengguna, id: i64) -> Result<(Acara, IrrAcara), Galat> {
    let a = acara_of(app, u, id).await?;
    if !u.admin() {
        return Err(u.terlarang());
    }
    let mut sums: BTreeMap<(String, String, String), (f64, f64)> = BTreeMap::new();
    for n in acara::nilai(&app.db, id, None).await? {
        let e = sums.entry((n.kompetensi, n.nip, n.asesor)).or_default();
        e.0 += n.level;
        e.1 += 1.0;
    }
    let table = |rows: Vec<(String, String, f64)>| {
        irr::Tabel::from_long(
            rows.iter()
                .enumerate()
                .map(|(i, (s, r, v))| (i + 2, s.as_str(), r.as_str(), Some(*v))),
        )
        .expect("one mean per assessee, assessor and competency")
    };
    let comps: BTreeSet<String> = sums.keys().map(|k| k.0.clone()).collect();
    let kompetensi = comps
        .iter()
        .map(|c| {
            let rows = sums
                .iter()
                .filter(|(k, _)| &k.0 == c)
                .map(|(k, v)| (k.1.clone(), k.2.clone(), v.0 / v.1))
                .collect();
            (c.clone(), irr::hitung(&table(rows)))
        })
        .collect();
    let pooled = sums
        .iter()
        .map(|(k, v)| (format!("{}|{}", k.1, k.0), k.2.clone(), v.0 / v.1))
        .collect();
    Ok((
        a,
        IrrAcara {
            kompetensi,
            semua: irr::hitung(&table(pooled)),
        },
    ))
}

#[derive(Template)]
#[template(path = "acara_irr.html")]
struct IrrPage {
    nav: Nav,
    a: Acara,
    baris: Vec<(String, Vec<(String, String, String)>, Vec<String>)>,
}

async fn irr_page(
    State(app): State<App>,
    u: Pengguna,
    Path(id): Path<i64>,
) -> Result<Response, Galat> {
    let (a, d) = irr_of(&app, &u, id).await?;
    let labels = ipasn_asesmen::irr::Interpretasi::bawaan();
    let show = |h: &irr::Hasil| -> (Vec<(String, String, String)>, Vec<String>) {
        let v = serde_json::to_value(h).unwrap_or_default();
        let keys = [
            "icc1",
            "icc2",
            "icc3",
            "icc1k",
            "icc2k",
            "icc3k",
            "fleiss_kappa",
            "alpha_nominal",
            "alpha_ordinal",
            "alpha_interval",
            "alpha_ratio",
            "cohen_kappa",
            "kappa_linear",
            "kappa_quadratic",
        ];
        let stats = keys
            .iter()
            .filter_map(|k| v.get(*k).map(|x| (k, x.as_f64())))
            .map(|(k, x)| {
                let label = x
                    .and_then(|x| labels.label(k, x))
                    .map(|l| u.lang.pick(&l.id, &l.en).to_string())
                    .unwrap_or_default();
                (
                    k.to_string(),
                    x.map(|x| format!("{x:.3}")).unwrap_or_else(|| "–".into()),
                    label,
                )
            })
            .collect();
        (stats, h.notes.clone())
    };
    let mut baris: Vec<(String, Vec<(String, String, String)>, Vec<String>)> = d
        .kompetensi
        .iter()
        .map(|(k, h)| {
            let (s, n) = show(h);
            (k.clone(), s, n)
        })
        .collect();
    let (s, n) = show(&d.semua);
    baris.push((
        u.lang
            .pick("semua kompetensi", "all competencies")
            .to_string(),
        s,
        n,
    ));
    render(&IrrPage {
        nav: Nav::of(&u),
        a,
        baris,
    })
}

async fn irr_api(
    State(app): State<App>,
    u: Pengguna,
    Path(id): Path<i64>,
) -> Result<Json<IrrAcara>, Galat> {
    Ok(Json(irr_of(&app, &u, id).await?.1))
}
