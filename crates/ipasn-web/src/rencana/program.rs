//! Development programmes: leadership coaching (coach and coachee pairs with goals; sessions
//! whose notes only the two of them read), mentoring pairs (mentors suggested from the
//! programme's unit: nine-box boxes 7–9 or a high IP, with room under each mentor's capacity,
//! boxes first, then IP; not yet matched to a mentee's jenjang or field), mandatory intensive training for everyone under the threshold, special
//! assignments for the top share — the rules are `ipasn_rencana::aturan::Program`. An admin or
//! analis of the unit makes a programme, enrols, records attendance and completion; a
//! completion becomes a training record with its provenance, listed for SIASN in the package's
//! diklat columns (`/program/diklat.csv`). Every change and every reading of coaching notes is
//! audited.

use super::{aturan_berlaku, hari_ini, tanggal_sah};
use crate::App;
use crate::auth::Pengguna;
use crate::galat::Galat;
use crate::tampilan::{Nav, pilih_tahun, render};
use crate::unduh::{Format, Tabel, respond};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use ipasn_data::tabel::tulis::Sel;
use ipasn_store::akun::Peran;
use ipasn_store::program::{Daftar, Peserta, Program, ProgramBaru};
use serde::{Deserialize, Serialize};

/// The kinds of programme, with the training kind a completion counts as.
pub const JENIS: &[(&str, &str)] = &[
    ("coaching", "Kursus"),
    ("mentoring", "Kursus"),
    ("intensif", "Teknis"),
    ("penugasan", "Magang"),
];

pub(super) fn routes() -> Router<App> {
    Router::new()
        .route("/program", get(daftar).post(buat))
        .route("/program/diklat.csv", get(diklat_csv))
        .route("/program/{id}", get(halaman))
        .route("/program/{id}/peserta", post(peserta))
        .route("/program/{id}/saran", post(saran))
        .route("/program/{id}/hadir", post(hadir))
        .route("/program/{id}/selesai", post(selesai))
        .merge(super::sesi::routes())
}

fn pengelola(u: &Pengguna) -> bool {
    matches!(u.akun.peran, Peran::Admin | Peran::Analis)
}

/// `YYYY-MM-DD` plus `bulan` months, less a day (a programme from 1 March for six months ends
/// on 31 August); the day clamped to the month's end.
fn tambah_bulan(d: &str, bulan: u32) -> String {
    let f = time::macros::format_description!("[year]-[month]-[day]");
    let Ok(t) = time::Date::parse(d, f) else {
        return d.to_string();
    };
    let m0 = t.month() as i32 - 1 + bulan as i32;
    let (y, m) = (t.year() + m0.div_euclid(12), (m0.rem_euclid(12) + 1) as u8);
    let Ok(bln) = time::Month::try_from(m) else {
        return d.to_string();
    };
    let hari = t.day().min(bln.length(y));
    // A start on a day the end month lacks ends on that month's last day.
    let terpotong = t.day() > bln.length(y);
    time::Date::from_calendar_date(y, bln, hari)
        .ok()
        .and_then(|x| if terpotong { Some(x) } else { x.previous_day() })
        .and_then(|x| x.format(f).ok())
        .unwrap_or_else(|| d.to_string())
}

/// A date on which the programme runs, not in the future.
fn dalam_program(p: &Program, d: &str) -> bool {
    tanggal_sah(d) && d >= p.mulai.as_str() && d <= p.selesai.as_str() && d <= hari_ini().as_str()
}

#[derive(Template)]
#[template(path = "program_daftar.html")]
struct DaftarPage {
    nav: Nav,
    program: Vec<Program>,
    tahun: i64,
    unor_awal: String,
    /// The units the user may pick (id, name, depth), in tree order.
    unit: Vec<(String, String, i64)>,
    /// Coaching's default length, months.
    coaching_bulan: u32,
    jenis: Vec<&'static str>,
    pesan: Option<String>,
    isian: FormBuat,
}

async fn daftar(State(app): State<App>, u: Pengguna) -> Result<Response, Galat> {
    halaman_daftar(&app, &u, None, FormBuat::default()).await
}

async fn halaman_daftar(
    app: &App,
    u: &Pengguna,
    pesan: Option<&'static str>,
    isian: FormBuat,
) -> Result<Response, Galat> {
    if !pengelola(u) {
        return Err(u.terlarang());
    }
    let path = match &u.cakupan {
        Some(Some(p)) => Some(p.as_str()),
        Some(None) => return Err(u.terlarang()),
        None => None,
    };
    let program = ipasn_store::program::daftar(&app.db, path)
        .await?
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    let (tahun, _) = pilih_tahun(app, None).await?;
    let page = DaftarPage {
        nav: Nav::of(u),
        program,
        tahun: tahun.unwrap_or_default(),
        unor_awal: u.unor_awal(app).await?.unwrap_or_default(),
        coaching_bulan: aturan_berlaku(app).await?.program.coaching_bulan,
        unit: ipasn_store::baca::semua_unor(&app.db, 5_000)
            .await?
            .into_iter()
            .filter(|x| u.boleh_unor(&x.path))
            .map(|x| (x.unor_id, x.nama, x.kedalaman))
            .collect(),
        jenis: JENIS.iter().map(|j| j.0).collect(),
        pesan: pesan.map(|k| u.t().s(k).to_string()),
        isian,
    };
    if pesan.is_some() {
        crate::tampilan::render_status(axum::http::StatusCode::BAD_REQUEST, &page)
    } else {
        render(&page)
    }
}

/// The form that makes a programme (kept as typed when refused).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct FormBuat {
    jenis: String,
    nama: String,
    tahun: String,
    unor_id: String,
    mulai: String,
    selesai: String,
    jp: String,
}

async fn buat(
    State(app): State<App>,
    u: Pengguna,
    Form(f): Form<FormBuat>,
) -> Result<Response, Galat> {
    if !pengelola(&u) {
        return Err(u.terlarang());
    }
    let salah = |k| halaman_daftar(&app, &u, Some(k), f.clone());
    if !JENIS.iter().any(|j| j.0 == f.jenis) {
        return salah("program_jenis_salah").await;
    }
    let nama = f.nama.trim();
    if nama.is_empty() || nama.chars().count() > 200 {
        return salah("program_nama_kosong").await;
    }
    let (Ok(tahun), Ok(jp)) = (f.tahun.trim().parse::<i64>(), f.jp.trim().parse::<i64>()) else {
        return salah("program_angka_salah").await;
    };
    if !(0..=2_000).contains(&jp) || !(2000..=2100).contains(&tahun) {
        return salah("program_angka_salah").await;
    }
    let mulai = f.mulai.trim();
    // Coaching without an end runs the rules' months (six by default).
    let akhir = match f.selesai.trim() {
        "" if f.jenis == "coaching" && tanggal_sah(mulai) => {
            let bulan = aturan_berlaku(&app).await?.program.coaching_bulan;
            tambah_bulan(mulai, bulan)
        }
        s => s.to_string(),
    };
    let selesai = akhir.as_str();
    if !tanggal_sah(mulai) || !tanggal_sah(selesai) || selesai < mulai {
        return salah("program_tanggal_salah").await;
    }
    let tahun_dari = |d: &str| d[..4].parse::<i64>().unwrap_or_default();
    if !(tahun_dari(mulai)..=tahun_dari(selesai)).contains(&tahun) {
        return salah("program_tahun_di_luar").await;
    }
    let Some(unor) = ipasn_store::baca::unor(&app.db, f.unor_id.trim()).await? else {
        return salah("program_unit_tidak_ada").await;
    };
    if !u.boleh_unor(&unor.path) {
        return Err(u.terlarang());
    }
    let id = ipasn_store::program::buat(
        &app.db,
        &ProgramBaru {
            jenis: &f.jenis,
            nama,
            tahun,
            unor_id: &unor.unor_id,
            mulai,
            selesai,
            jp,
            oleh: &u.akun.username,
        },
    )
    .await?;
    u.catat(
        &app,
        "buat_program",
        &id.to_string(),
        &serde_json::json!({"jenis": f.jenis, "nama": nama, "unor": unor.unor_id, "tahun": tahun})
            .to_string(),
    )
    .await?;
    Ok(Redirect::to(&format!("/program/{id}")).into_response())
}

/// Loads a programme the user may manage.
async fn muat(app: &App, u: &Pengguna, id: i64) -> Result<(Program, String), Galat> {
    if !pengelola(u) {
        return Err(u.terlarang());
    }
    let Some((p, path)) = ipasn_store::program::program(&app.db, id).await? else {
        return Err(u.tidak_ada());
    };
    if !u.boleh_unor(&path) {
        return Err(u.terlarang());
    }
    Ok((p, path))
}

/// A suggested person.
#[derive(Clone, Debug, Serialize)]
pub struct Saran {
    /// NIP.
    pub nip: String,
    /// Name.
    pub nama: String,
    /// Jenjang.
    pub jenjang: String,
    /// IP.
    pub ip: f64,
    /// Nine-box box.
    pub kotak: Option<u8>,
    /// Mentees now (mentors).
    pub beban: usize,
}

#[derive(Template)]
#[template(path = "program.html")]
struct Halaman {
    nav: Nav,
    p: Program,
    /// The programme's unit's name.
    nama_unor: String,
    /// Names of the participants by NIP (for pairs).
    nama: std::collections::HashMap<String, String>,
    /// The date a completion or attendance form starts with: today, or the programme's end.
    tanggal_awal: String,
    peserta: Vec<Peserta>,
    sesi: Vec<(String, i64)>,
    saran: Vec<Saran>,
    saran_ket: String,
    kapasitas_mentor: u32,
    hari_ini: String,
    pesan: Option<String>,
    baris: String,
}

async fn halaman(
    State(app): State<App>,
    u: Pengguna,
    Path(id): Path<i64>,
) -> Result<Response, Galat> {
    tampil(&app, &u, id, None, String::new()).await
}

async fn tampil(
    app: &App,
    u: &Pengguna,
    id: i64,
    pesan: Option<String>,
    baris: String,
) -> Result<Response, Galat> {
    let (p, path) = muat(app, u, id).await?;
    let peserta = ipasn_store::program::peserta(&app.db, id).await?;
    let aturan = aturan_berlaku(app).await?;
    let (saran, saran_ket) = saran_untuk(app, u, &p, &path, &peserta, &aturan.program).await?;
    let hari_ini = hari_ini();
    let page = Halaman {
        nav: Nav::of(u),
        nama_unor: ipasn_store::baca::unor(&app.db, &p.unor_id)
            .await?
            .map(|x| x.nama)
            .unwrap_or_else(|| p.unor_id.clone()),
        nama: peserta
            .iter()
            .map(|s| (s.nip.clone(), s.nama.clone()))
            .collect(),
        tanggal_awal: hari_ini.clone().min(p.selesai.clone()),
        sesi: ipasn_store::program::jumlah_sesi(&app.db, id).await?,
        kapasitas_mentor: aturan.program.kapasitas_mentor,
        hari_ini,
        p,
        peserta,
        saran,
        saran_ket,
        pesan: pesan.clone(),
        baris,
    };
    if pesan.is_some() {
        crate::tampilan::render_status(axum::http::StatusCode::BAD_REQUEST, &page)
    } else {
        render(&page)
    }
}

/// Who the rules suggest for this programme (not yet enrolled): under the threshold
/// (intensive), the top share (assignments), mentors with room (mentoring).
async fn saran_untuk(
    app: &App,
    u: &Pengguna,
    p: &Program,
    path: &str,
    peserta: &[Peserta],
    r: &ipasn_rencana::aturan::Program,
) -> Result<(Vec<Saran>, String), Galat> {
    let t = u.t();
    if p.jenis == "coaching" {
        return Ok((vec![], String::new()));
    }
    let Some(tahun) = ipasn_store::baca::tahun(&app.db)
        .await?
        .into_iter()
        .map(|t| t.tahun)
        .filter(|t| *t <= p.tahun)
        .max()
    else {
        return Ok((vec![], t.s("program_tanpa_hasil").to_string()));
    };
    let semua = ipasn_store::rencana::bahan(&app.db, tahun, path).await?;
    let ada: std::collections::HashSet<&str> = peserta.iter().map(|s| s.nip.as_str()).collect();
    let ip = |b: &ipasn_store::rencana::Bahan| b.ip as f64 / 2.0;
    let jadi = |b: &ipasn_store::rencana::Bahan, kotak, beban| Saran {
        nip: b.nip.clone(),
        nama: b.nama.clone(),
        jenjang: b.jenjang_jabatan.clone(),
        ip: ip(b),
        kotak,
        beban,
    };
    Ok(match p.jenis.as_str() {
        "intensif" => (
            semua
                .iter()
                .filter(|b| ip(b) < r.ambang_pelatihan_intensif && !ada.contains(b.nip.as_str()))
                .map(|b| jadi(b, None, 0))
                .collect(),
            t.f(
                "program_saran_intensif",
                &[&t.angka(r.ambang_pelatihan_intensif), &tahun],
            ),
        ),
        "penugasan" => {
            let mut urut: Vec<&ipasn_store::rencana::Bahan> = semua.iter().collect();
            urut.sort_by(|a, b| b.ip.cmp(&a.ip).then(a.nip.cmp(&b.nip)));
            let n = ((semua.len() as f64) * r.porsi_penugasan_khusus).ceil() as usize;
            (
                urut.into_iter()
                    .take(n)
                    .filter(|b| !ada.contains(b.nip.as_str()))
                    .map(|b| jadi(b, None, 0))
                    .collect(),
                t.f(
                    "program_saran_penugasan",
                    &[&t.angka(r.porsi_penugasan_khusus * 100.0), &tahun],
                ),
            )
        }
        _ => {
            // Mentors: boxes 7–9 of the nine-box, or a high IP; with room.
            let kotak: std::collections::HashMap<String, u8> =
                match crate::talenta::talenta(app, u, &p.unor_id, Some(tahun), None).await {
                    Ok(d) => d
                        .orang
                        .into_iter()
                        .filter_map(|o| o.kotak.map(|k| (o.nip, k)))
                        .collect(),
                    Err(_) => Default::default(),
                };
            let mut beban: std::collections::HashMap<&str, usize> = Default::default();
            for s in peserta.iter().filter(|s| s.peran == "mentee") {
                if let Some(m) = &s.pasangan {
                    *beban.entry(m.as_str()).or_default() += 1;
                }
            }
            let mut out: Vec<Saran> = semua
                .iter()
                .filter(|b| {
                    kotak
                        .get(&b.nip)
                        .is_some_and(|k| r.kotak_mentor.contains(k))
                        || ip(b) >= r.ip_mentor
                })
                .map(|b| {
                    let n = beban.get(b.nip.as_str()).copied().unwrap_or(0);
                    jadi(b, kotak.get(&b.nip).copied(), n)
                })
                .filter(|s| s.beban < r.kapasitas_mentor as usize)
                .collect();
            out.sort_by(|a, b| b.kotak.cmp(&a.kotak).then(b.ip.total_cmp(&a.ip)));
            out.truncate(200);
            (
                out,
                t.f(
                    "program_saran_mentor",
                    &[&t.angka(r.ip_mentor), &r.kapasitas_mentor, &tahun],
                ),
            )
        }
    })
}

#[derive(Deserialize)]
struct FormPeserta {
    baris: String,
}

/// Enrols from lines: a NIP (participants), or `coach,coachee[,goals]` / `mentor,mentee` pairs.
async fn peserta(
    State(app): State<App>,
    u: Pengguna,
    Path(id): Path<i64>,
    Form(f): Form<FormPeserta>,
) -> Result<Response, Galat> {
    let (p, path) = muat(&app, &u, id).await?;
    let t = u.t();
    let berpasangan = matches!(p.jenis.as_str(), "coaching" | "mentoring");
    let (a, b) = if p.jenis == "coaching" {
        ("coach", "coachee")
    } else {
        ("mentor", "mentee")
    };
    let mut rows = vec![];
    let mut nips = vec![];
    for (i, line) in f
        .baris
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .take(5_000)
    {
        let parts: Vec<&str> = line.splitn(3, [',', ';', '\t']).map(str::trim).collect();
        let pendek: String = line.trim().chars().take(80).collect();
        let salah = || t.f("program_baris_salah", &[&(i + 1), &pendek]);
        if berpasangan {
            if parts.len() < 2 || parts[0] == parts[1] {
                return tampil(&app, &u, id, Some(salah()), f.baris.clone()).await;
            }
            nips.extend([(i + 1, parts[0].to_string()), (i + 1, parts[1].to_string())]);
            rows.push(Daftar {
                nip: parts[0].into(),
                peran: a.into(),
                pasangan: None,
                tujuan: String::new(),
            });
            rows.push(Daftar {
                nip: parts[1].into(),
                peran: b.into(),
                pasangan: Some(parts[0].into()),
                tujuan: parts
                    .get(2)
                    .copied()
                    .unwrap_or_default()
                    .chars()
                    .take(1_000)
                    .collect(),
            });
        } else {
            nips.push((i + 1, parts[0].to_string()));
            rows.push(Daftar {
                nip: parts[0].into(),
                peran: "peserta".into(),
                pasangan: None,
                tujuan: String::new(),
            });
        }
    }
    if rows.is_empty() {
        return tampil(
            &app,
            &u,
            id,
            Some(t.s("program_baris_kosong").to_string()),
            f.baris,
        )
        .await;
    }
    // One role a person, and one coach or mentor a coachee or mentee, across the programme.
    let ada = ipasn_store::program::peserta(&app.db, id).await?;
    let mut peran: std::collections::HashMap<String, (String, Option<String>)> = ada
        .into_iter()
        .map(|s| (s.nip, (s.peran, s.pasangan)))
        .collect();
    for (k, r) in rows.iter().enumerate() {
        let baris = nips[k].0;
        let bentrok = match peran.get(&r.nip) {
            Some((p, pasangan)) => {
                *p != r.peran || (r.pasangan.is_some() && *pasangan != r.pasangan)
            }
            None => false,
        };
        if bentrok {
            let m = t.f("program_peran_bentrok", &[&baris, &r.nip]);
            return tampil(&app, &u, id, Some(m), f.baris).await;
        }
        peran.insert(r.nip.clone(), (r.peran.clone(), r.pasangan.clone()));
    }
    // Every person must be in the programme's unit.
    for (baris, n) in &nips {
        let ok = match ipasn_store::baca::pegawai(&app.db, n).await? {
            Some(g) => ipasn_store::baca::unor(&app.db, &g.unor_id)
                .await?
                .is_some_and(|x| x.path.starts_with(&path)),
            None => false,
        };
        if !ok {
            let m = t.f("program_nip_di_luar", &[baris, n]);
            return tampil(&app, &u, id, Some(m), f.baris).await;
        }
    }
    // A mentor guides at most `kapasitas_mentor` mentees, those enrolled before included.
    if p.jenis == "mentoring" {
        let kapasitas = aturan_berlaku(&app).await?.program.kapasitas_mentor as usize;
        let ada = ipasn_store::program::peserta(&app.db, id).await?;
        let mut beban: std::collections::HashMap<String, std::collections::HashSet<String>> =
            Default::default();
        for s in ada.iter().filter(|s| s.peran == "mentee") {
            if let Some(m) = &s.pasangan {
                beban.entry(m.clone()).or_default().insert(s.nip.clone());
            }
        }
        for r in rows.iter().filter(|r| r.peran == "mentee") {
            let m = r.pasangan.clone().unwrap_or_default();
            let e = beban.entry(m.clone()).or_default();
            e.insert(r.nip.clone());
            if e.len() > kapasitas {
                let msg = t.f("program_mentor_penuh", &[&m, &kapasitas]);
                return tampil(&app, &u, id, Some(msg), f.baris).await;
            }
        }
    }
    daftarkan(&app, &u, id, &rows, "baris").await
}

/// Enrols `rows`, audited with how many were asked (`sebab`: from lines, or the rules'
/// suggestion) and how many were new; back to the programme.
async fn daftarkan(
    app: &App,
    u: &Pengguna,
    id: i64,
    rows: &[Daftar],
    sebab: &str,
) -> Result<Response, Galat> {
    let n = ipasn_store::program::daftarkan(&app.db, id, rows).await?;
    let rincian = serde_json::json!({sebab: rows.len(), "baru": n}).to_string();
    u.catat(app, "daftar_program", &id.to_string(), &rincian)
        .await?;
    Ok(Redirect::to(&format!("/program/{id}")).into_response())
}

/// Enrols everyone the rules suggest (intensive training, assignments).
async fn saran(
    State(app): State<App>,
    u: Pengguna,
    Path(id): Path<i64>,
) -> Result<Response, Galat> {
    let (p, path) = muat(&app, &u, id).await?;
    if !matches!(p.jenis.as_str(), "intensif" | "penugasan") {
        return Err(u.permintaan("program_saran_tidak_ada"));
    }
    let peserta = ipasn_store::program::peserta(&app.db, id).await?;
    let aturan = aturan_berlaku(&app).await?;
    let (s, _) = saran_untuk(&app, &u, &p, &path, &peserta, &aturan.program).await?;
    let rows: Vec<Daftar> = s
        .into_iter()
        .map(|s| Daftar {
            nip: s.nip,
            peran: "peserta".into(),
            pasangan: None,
            tujuan: String::new(),
        })
        .collect();
    daftarkan(&app, &u, id, &rows, "saran").await
}

#[derive(Deserialize)]
struct FormOrang {
    nip: String,
    tanggal: String,
}

async fn hadir(
    State(app): State<App>,
    u: Pengguna,
    Path(id): Path<i64>,
    Form(f): Form<FormOrang>,
) -> Result<Response, Galat> {
    let (p, _) = muat(&app, &u, id).await?;
    let tanggal = f.tanggal.trim();
    if !dalam_program(&p, tanggal) {
        return Err(u.permintaan("program_tanggal_rentang"));
    }
    if !ipasn_store::program::hadir(&app.db, id, &f.nip, tanggal).await? {
        let m = u.t().s("program_hadir_gagal").to_string();
        return tampil(&app, &u, id, Some(m), String::new()).await;
    }
    u.catat(
        &app,
        "hadir_program",
        &id.to_string(),
        &serde_json::json!({"nip": f.nip, "tanggal": tanggal}).to_string(),
    )
    .await?;
    Ok(Redirect::to(&format!("/program/{id}")).into_response())
}

async fn selesai(
    State(app): State<App>,
    u: Pengguna,
    Path(id): Path<i64>,
    Form(f): Form<FormOrang>,
) -> Result<Response, Galat> {
    let (p, _) = muat(&app, &u, id).await?;
    let tanggal = f.tanggal.trim();
    if !tanggal_sah(tanggal) || tanggal < p.mulai.as_str() || tanggal > hari_ini().as_str() {
        return Err(u.permintaan("program_selesai_tanggal"));
    }
    let jenis = JENIS
        .iter()
        .find(|j| j.0 == p.jenis)
        .map_or("Lainnya", |j| j.1);
    if !ipasn_store::program::selesaikan(&app.db, &p, &f.nip, tanggal, jenis).await? {
        return Err(u.permintaan("program_bukan_peserta"));
    }
    u.catat(
        &app,
        "selesai_program",
        &id.to_string(),
        &serde_json::json!({"nip": f.nip, "tanggal": tanggal}).to_string(),
    )
    .await?;
    Ok(Redirect::to(&format!("/program/{id}")).into_response())
}

#[derive(Deserialize)]
struct DiklatQ {
    tahun: Option<i64>,
}

/// Completed programmes as training records in the package's diklat columns, for SIASN.
async fn diklat_csv(
    State(app): State<App>,
    u: Pengguna,
    Query(q): Query<DiklatQ>,
) -> Result<Response, Galat> {
    if !pengelola(&u) {
        return Err(u.terlarang());
    }
    let path = match &u.cakupan {
        Some(Some(p)) => p.clone(),
        Some(None) => return Err(u.terlarang()),
        None => String::new(),
    };
    let tahun = match q.tahun {
        Some(t) => t,
        None => pilih_tahun(&app, None).await?.0.unwrap_or_default(),
    };
    let rows = ipasn_store::program::diklat(&app.db, tahun, &path).await?;
    u.catat(
        &app,
        "unduh_diklat_program",
        &tahun.to_string(),
        &rows.len().to_string(),
    )
    .await?;
    let kolom = [
        "nip",
        "jenis",
        "nama_diklat",
        "tanggal_mulai",
        "tanggal_selesai",
        "jumlah_jam",
        "penyelenggara",
        "program_id",
    ]
    .map(String::from)
    .to_vec();
    let baris = rows
        .into_iter()
        .map(|r| {
            vec![
                Sel::Teks(r.nip),
                Sel::Teks(r.jenis),
                Sel::Teks(r.nama),
                Sel::Teks(r.mulai),
                Sel::Teks(r.selesai),
                Sel::Angka(r.jp as f64),
                Sel::Teks(String::new()),
                Sel::Angka(r.program_id as f64),
            ]
        })
        .collect();
    respond(
        Tabel::new(format!("diklat-program-{tahun}"), kolom, baris),
        Format::Csv,
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn coaching_ends_after_its_months() {
        use super::tambah_bulan;
        assert_eq!(tambah_bulan("2025-03-01", 6), "2025-08-31");
        assert_eq!(tambah_bulan("2025-08-31", 6), "2026-02-28");
        assert_eq!(tambah_bulan("2024-11-15", 3), "2025-02-14");
        assert_eq!(tambah_bulan("bukan", 6), "bukan");
    }
}
