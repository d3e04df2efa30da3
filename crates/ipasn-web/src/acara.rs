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
use crate::tampilan::{Nav, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
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

/// Problems of a form, each with the field it belongs beside.
#[derive(Clone, Debug, Default)]
pub struct GalatMedan(pub Vec<(&'static str, String)>);

impl GalatMedan {
    /// The problems of one field.
    pub fn of(&self, medan: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(m, _)| *m == medan)
            .map(|(_, g)| g.as_str())
            .collect()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

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

async fn daftar_page(State(app): State<App>, u: Pengguna) -> Result<Response, Galat> {
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
pub async fn periksa(app: &App, f: &FormAcara) -> Result<AcaraBaru, GalatMedan> {
    let aturan = crate::asesmen::aturan_asesmen(app)
        .await
        .map_err(|_| GalatMedan(vec![("nama", "rules".to_string())]))?;
    let mut bad: Vec<(&'static str, String)> = vec![];
    let nama = f.nama.trim().to_string();
    if nama.is_empty() {
        bad.push(("nama", "nama: wajib diisi / required".to_string()));
    }
    let tanggal = ipasn_core::tanggal::Tanggal::parse_iso(f.tanggal.trim());
    if tanggal.is_none() {
        bad.push(("tanggal", format!("tanggal {:?}: YYYY-MM-DD", f.tanggal)));
    }
    let mut tautan = vec![];
    for (i, line) in f
        .latihan
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let Some((l, ks)) = line.split_once(':') else {
            bad.push((
                "latihan",
                format!("latihan baris/line {}: \"Nama latihan: M.01, M.02\"", i + 1),
            ));
            continue;
        };
        for k in ks
            .split(',')
            .map(|k| k.trim().to_uppercase())
            .filter(|k| !k.is_empty())
        {
            if !aturan.kode_sah(&k) {
                bad.push(("latihan", format!("latihan baris/line {}: {k}?", i + 1)));
            }
            tautan.push((l.trim().to_string(), k));
        }
    }
    if tautan.is_empty() {
        bad.push(("latihan", "latihan: minimal satu latihan dengan kompetensinya / at least one exercise with its competencies".into()));
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
            bad.push((
                "peserta",
                format!("peserta baris/line {}: \"NIP: asesor1, asesor2\"", i + 1),
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
            bad.push((
                "peserta",
                format!(
                    "peserta baris/line {}: NIP {nip} tidak ada / not in the data",
                    i + 1
                ),
            ));
        }
        let names: BTreeSet<String> = who
            .split(',')
            .map(|w| w.trim().to_string())
            .filter(|w| !w.is_empty())
            .collect();
        if (names.len() as u32) < aturan.asesmen.asesor_minimal {
            bad.push((
                "peserta",
                format!(
                    "peserta baris/line {}: minimal {} asesor / assessors",
                    i + 1,
                    aturan.asesmen.asesor_minimal
                ),
            ));
        }
        for w in names {
            if !asesor.contains(&w) {
                bad.push((
                    "peserta",
                    format!(
                        "peserta baris/line {}: {w} bukan akun asesor / is not an asesor account",
                        i + 1
                    ),
                ));
            }
            penugasan.push((nip.clone(), w));
        }
    }
    if penugasan.is_empty() {
        bad.push(("peserta", "peserta: minimal satu / at least one".into()));
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

async fn buat(
    State(app): State<App>,
    u: Pengguna,
    Form(f): Form<FormAcara>,
) -> Result<Response, Galat> {
    if !u.admin() {
        return Err(u.terlarang());
    }
    let a = match periksa(&app, &f).await {
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

/// A confirmation before an irreversible step: what will happen, shown as a table, and a form
/// that carries the same values again with `yakin=1`. Works without JavaScript.
#[derive(Template)]
#[template(path = "acara_konfirmasi.html")]
struct KonfirmasiPage {
    nav: Nav,
    a: Acara,
    judul: String,
    ket: String,
    kolom: Vec<String>,
    baris: Vec<Vec<String>>,
    aksi: String,
    tersembunyi: Vec<(String, String)>,
    tombol: String,
    kembali: String,
    kembali_teks: String,
}

async fn nilai_simpan(
    State(app): State<App>,
    u: Pengguna,
    Path((id, nip)): Path<(i64, String)>,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, Galat> {
    let a = acara_of(&app, &u, id).await?;
    if u.akun.peran != Peran::Asesor {
        return Err(u.terlarang());
    }
    let sudah_dikunci = || {
        u.permintaan(
            "Penilaian sudah dikunci dan tidak dapat diubah.",
            "The ratings are locked and cannot be changed.",
        )
    };
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
                galat = Some(
                    lang.pick(
                        "Isi level ini sebelum mengunci.",
                        "Fill in this level before locking.",
                    )
                    .to_string(),
                );
            }
        } else {
            match raw.replace(',', ".").parse::<f64>() {
                Ok(level) if level.is_finite() => match integrasi::cek_level(&aturan, level) {
                    Ok(()) => rows.push((l.clone(), k.clone(), level, bukti.clone())),
                    Err(e) => {
                        galat = Some(
                            lang.pick(
                                &format!(
                                    "Level {level} tidak sah: 1–5 dengan langkah {}.",
                                    crate::tampilan::trim(aturan.asesmen.langkah_level)
                                ),
                                &e,
                            )
                            .to_string(),
                        )
                    }
                },
                _ => {
                    galat = Some(
                        lang.pick(
                            &format!("Level {raw:?} bukan angka."),
                            &format!("Level {raw:?} is not a number."),
                        )
                        .to_string(),
                    )
                }
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
            lang.pick(
                "Belum dikunci: isian yang ditandai perlu diperbaiki. Semua yang sudah diisi tersimpan sebagai draf.",
                "Not locked: fix the marked entries. Everything entered is kept as a draft.",
            )
        } else {
            lang.pick(
                "Sebagian isian belum sah (ditandai). Semua yang sudah diisi tersimpan sebagai draf; level yang sah tersimpan.",
                "Some entries are not valid (marked). Everything entered is kept as a draft; the valid levels are saved.",
            )
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
fn rating(n: acara::Nilai) -> (String, Rating) {
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
}

async fn integrasi_page(
    State(app): State<App>,
    u: Pengguna,
    Path((id, nip)): Path<(i64, String)>,
) -> Result<Response, Galat> {
    let (a, d) = integrasi_of(&app, &u, id, &nip).await?;
    let isian = vec![IsianKonsensus::default(); d.kompetensi.len()];
    render(&IntegrasiPage {
        nav: Nav::of(&u),
        a,
        d,
        isian,
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
    #[serde(default)]
    level: String,
    #[serde(default)]
    alasan: String,
}

async fn konsensus_simpan(
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
            Err(e) => {
                isian.galat_level = Some(
                    lang.pick(
                        &format!(
                            "Level {v} tidak sah: 1–5 dengan langkah {}.",
                            crate::tampilan::trim(aturan.asesmen.langkah_level)
                        ),
                        &e,
                    )
                    .to_string(),
                );
                None
            }
        },
        _ => {
            isian.galat_level = Some(
                lang.pick("Level bukan angka.", "The level is not a number.")
                    .to_string(),
            );
            None
        }
    };
    if f.alasan.trim().chars().count() < 10 {
        isian.galat_alasan = Some(
            lang.pick(
                "Tulis alasan konsensus (minimal 10 karakter).",
                "Write the rationale (at least 10 characters).",
            )
            .to_string(),
        );
    }
    let (Some(level), None) = (level, &isian.galat_alasan) else {
        // The panel's page again, with this competency's form as typed and its problems.
        let mut all = vec![IsianKonsensus::default(); d.kompetensi.len()];
        all[i] = isian;
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&IntegrasiPage {
                nav: Nav::of(&u),
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

async fn final_simpan(
    State(app): State<App>,
    u: Pengguna,
    Path((id, nip)): Path<(i64, String)>,
    Form(f): Form<FormFinal>,
) -> Result<Response, Galat> {
    let (a, d) = integrasi_of(&app, &u, id, &nip).await?;
    let Some(levels) = d.final_level.clone() else {
        return Err(u.permintaan(
            "Belum dapat difinalkan: semua asesor harus mengunci penilaiannya dan setiap kompetensi yang ditandai memerlukan level konsensus.",
            "Cannot finalise yet: every assessor must lock their ratings and every flagged competency needs a consensus level.",
        ));
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

/// Reliability of an event: per competency (assessees × assessors, each assessor's mean over the
/// exercises), and pooled over all competencies.
pub type IrrAcara = integrasi::Reliabilitas;

async fn irr_of(app: &App, u: &Pengguna, id: i64) -> Result<(Acara, IrrAcara), Galat> {
    let a = acara_of(app, u, id).await?;
    if !u.admin() {
        return Err(u.terlarang());
    }
    let nilai: Vec<(String, Rating)> = acara::nilai(&app.db, id, None)
        .await?
        .into_iter()
        .map(rating)
        .collect();
    Ok((
        a,
        integrasi::reliabilitas(nilai.iter().map(|(nip, r)| (nip.as_str(), r))),
    ))
}

/// A row of the reliability page: the competency, `(statistic, value, label)` and the notes.
type BarisIrr = (String, Vec<(String, String, String)>, Vec<String>);

#[derive(Template)]
#[template(path = "acara_irr.html")]
struct IrrPage {
    nav: Nav,
    a: Acara,
    baris: Vec<BarisIrr>,
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
    let mut baris: Vec<BarisIrr> = d
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
