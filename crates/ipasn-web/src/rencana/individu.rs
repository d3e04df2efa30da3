//! A person's development plan for a year (rencana pengembangan individu): the actions their
//! score misses, from the catalogue in force (degrees included: a plan may hold long-term
//! study), and — when those come to less than the yearly right to competency development (20
//! JP by default) — the cheapest technical course to make it up. An admin or analis drafts it
//! by ticking actions (one per group of alternatives); the pegawai and their atasan agree
//! (draf → disetujui); done actions are marked with their date (berjalan → selesai). The
//! person, their atasan, and the analis of their unit see it; every view and change is
//! audited.

use super::{aturan_berlaku, hari_ini, katalog_berlaku, tanggal_sah};
use crate::App;
use crate::auth::Pengguna;
use crate::galat::Galat;
use crate::tampilan::{Nav, pilih_tahun, render};
use crate::teks::Pesan;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use ipasn_rencana::kandidat::{Kandidat, Opsi, kandidat, kandidat_kompetensi};
use ipasn_rencana::katalog::{JenisAksi, Katalog};
use ipasn_store::akun::Peran;
use ipasn_store::rencana::{Aksi, Pihak, Rencana};
use serde::{Deserialize, Serialize};

pub(super) fn routes() -> Router<App> {
    Router::new()
        .route("/pegawai/{nip}/rencana", get(halaman))
        .route("/pegawai/{nip}/rencana/draf", post(draf))
        .route("/pegawai/{nip}/rencana/setuju", post(setuju))
        .route("/pegawai/{nip}/rencana/selesai", post(selesai))
        .route("/api/pegawai/{nip}/rencana", get(api))
}

/// An action the draft may hold.
#[derive(Clone, Debug, Serialize)]
pub struct Pilihan {
    /// The form's value: `<group>:<code>`.
    pub nilai: String,
    /// Group of alternatives (`hak`: the course that makes up the yearly right).
    pub kelompok: String,
    /// The group as the page names it: A, B, C … (`hak` as it is).
    pub label: String,
    /// The action.
    pub aksi: Aksi,
    /// Ticked.
    pub centang: bool,
    /// IP points per Rp 1 million (`None`: free).
    pub per_juta: Option<f64>,
    /// IP points per lesson hour (`None`: no hours).
    pub per_jp: Option<f64>,
}

impl Pilihan {
    fn nilai_urut(&self) -> (f64, f64) {
        let poin = self.aksi.poin as f64 / 2.0;
        (
            self.per_juta
                .unwrap_or(if poin > 0.0 { f64::INFINITY } else { 0.0 }),
            self.per_jp
                .unwrap_or(if poin > 0.0 { f64::INFINITY } else { 0.0 }),
        )
    }
}

/// A person's plan page.
#[derive(Clone, Debug, Serialize)]
pub struct RencanaIndividu {
    /// NIP.
    pub nip: String,
    /// Name.
    pub nama: String,
    /// Year.
    pub tahun: i64,
    /// IP, halves.
    pub ip: i64,
    /// The plan, if drafted.
    pub rencana: Option<Rencana>,
    /// Its actions.
    pub aksi: Vec<Aksi>,
    /// JP of the plan (or of the ticked draft).
    pub jp: i64,
    /// The yearly right, JP.
    pub jp_hak: u32,
    /// What a draft may hold (for those who draft).
    pub pilihan: Vec<Pilihan>,
    /// The user may draft, and mark done.
    pub boleh_atur: bool,
    /// The user may agree now, and as whom (`pegawai`, `atasan`).
    pub boleh_setuju: Option<&'static str>,
    /// The person's own programmes (shown to them only): id, name, kind, role, and the coaching
    /// session pages they may open (their own as a coachee, their coachees' as a coach).
    pub program: Vec<ProgramSaya>,
}

/// One of the person's programmes.
#[derive(Clone, Debug, Serialize)]
pub struct ProgramSaya {
    /// Id.
    pub id: i64,
    /// Name.
    pub nama: String,
    /// Kind.
    pub jenis: String,
    /// Their role.
    pub peran: String,
    /// Coaching session pages they may open (coachee NIPs).
    pub sesi: Vec<String>,
}

enum Akses {
    Lihat,
    Atur,
    Setuju(Pihak),
}

/// Checks the user may act on this person's plan; returns the person's stored row.
async fn periksa(
    app: &App,
    u: &Pengguna,
    nip: &str,
    tahun: i64,
    akses: Akses,
) -> Result<ipasn_store::rencana::Bahan, Galat> {
    let Some(b) = ipasn_store::rencana::bahan_pegawai(&app.db, tahun, nip).await? else {
        return Err(u.tidak_ada());
    };
    let ok = match akses {
        Akses::Lihat => u.boleh_pegawai(nip, Some(&b.path)),
        Akses::Atur => {
            matches!(u.akun.peran, Peran::Admin | Peran::Analis) && u.boleh_unor(&b.path)
        }
        Akses::Setuju(Pihak::Pegawai) => {
            u.akun.peran == Peran::Pegawai && u.akun.nip.as_deref() == Some(nip)
        }
        Akses::Setuju(Pihak::Atasan) => u.akun.peran == Peran::Pimpinan && u.boleh_unor(&b.path),
    };
    if !ok {
        return Err(u.terlarang());
    }
    Ok(b)
}

/// What a draft may hold: the person's candidate actions, each group's cheapest ticked, and the
/// cheapest technical course when the ticked ones come to less than the yearly right.
fn pilihan(
    b: &ipasn_store::rencana::Bahan,
    katalog: &Katalog,
    jp_hak: u32,
    celah: &[(String, String)],
) -> Vec<Pilihan> {
    let mut g = 0;
    let mut c: Vec<(Kandidat, Option<&(String, String)>)> =
        kandidat(0, &b.dimensi, katalog, Opsi { pendidikan: true }, &mut g)
            .into_iter()
            .map(|k| (k, None))
            .collect();
    for k in celah {
        c.extend(
            kandidat_kompetensi(0, &k.0, katalog, &mut g)
                .into_iter()
                .map(|x| (x, Some(k))),
        );
    }
    let mut out: Vec<Pilihan> = vec![];
    for (k, kompetensi) in &c {
        let a = &katalog.aksi[k.aksi];
        let termurah = c
            .iter()
            .filter(|x| x.0.kelompok == k.kelompok)
            .min_by_key(|x| (x.0.biaya, x.0.aksi))
            .is_some_and(|x| x.0.aksi == k.aksi);
        let nama_en = a.nama_en.clone().unwrap_or_else(|| a.nama.clone());
        // A competency action names its competency after " — " (hidden from viewers who may
        // not see assessment detail) and its code after ":".
        let (kode, nama, nama_en) = match kompetensi {
            Some((kode, nama)) => (
                format!("{}:{kode}", a.kode),
                format!("{}{PEMISAH}{nama}", a.nama),
                format!("{nama_en}{PEMISAH}{nama}"),
            ),
            None => (a.kode.clone(), a.nama.clone(), nama_en),
        };
        out.push(Pilihan {
            nilai: format!("{}:{kode}", k.kelompok),
            kelompok: k.kelompok.to_string(),
            label: huruf(k.kelompok),
            aksi: Aksi {
                urut: 0,
                kode,
                nama,
                nama_en,
                jenis: jenis(a.jenis),
                jp: i64::from(k.jp),
                biaya: k.biaya as i64,
                poin: i64::from(k.poin),
                selesai: None,
            },
            // Degrees are long term: offered, not ticked.
            centang: termurah && a.jenis != JenisAksi::Pendidikan,
            per_juta: (k.biaya > 0).then(|| f64::from(k.poin) / 2.0 / (k.biaya as f64 / 1e6)),
            per_jp: (k.jp > 0).then(|| f64::from(k.poin) / 2.0 / f64::from(k.jp)),
        });
    }
    let jp: i64 = out.iter().filter(|p| p.centang).map(|p| p.aksi.jp).sum();
    if jp < i64::from(jp_hak)
        && let Some(a) = katalog
            .jenis(JenisAksi::Teknis)
            .map(|i| &katalog.aksi[i])
            .min_by_key(|a| (a.biaya, a.kode.clone()))
    {
        let kali = ((i64::from(jp_hak) - jp) as u64)
            .div_ceil(u64::from(a.jp.max(1)))
            .max(1) as i64;
        out.push(Pilihan {
            nilai: format!("hak:{}", a.kode),
            kelompok: "hak".into(),
            label: "hak".into(),
            aksi: Aksi {
                urut: 0,
                kode: a.kode.clone(),
                nama: a.nama.clone(),
                nama_en: a.nama_en.clone().unwrap_or_else(|| a.nama.clone()),
                jenis: jenis(a.jenis),
                jp: i64::from(a.jp) * kali,
                biaya: a.biaya as i64 * kali,
                poin: 0,
                selesai: None,
            },
            centang: true,
            per_juta: None,
            per_jp: None,
        });
    }
    // Ranked by points per rupiah, then per hour (free actions that add points first).
    out.sort_by(|a, b| {
        let (x, y) = (a.nilai_urut(), b.nilai_urut());
        y.0.total_cmp(&x.0).then(y.1.total_cmp(&x.1))
    });
    out
}

/// A group's letter: A … Z, then AA, AB ….
fn huruf(mut n: usize) -> String {
    let mut s = vec![];
    loop {
        s.push(b'A' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).expect("ASCII")
}

/// Between an action's name and the competency it develops.
const PEMISAH: &str = " — ";

/// The competencies below their standard in the person's latest assessment, while it is
/// valid (`berlaku_tahun`, three years by default; an expired one asks for a new assessment,
/// not development): (code, name).
async fn celah_kompetensi(app: &App, nip: &str) -> Result<Vec<(String, String)>, Galat> {
    use crate::asesmen::{aturan_asesmen, hari_ini, skj, ymd};
    let rows = ipasn_store::asesmen::terakhir(&app.db, nip).await?;
    let Some(first) = rows.first() else {
        return Ok(vec![]);
    };
    let aturan = aturan_asesmen(app).await?;
    if !ipasn_asesmen::integrasi::keberlakuan(&aturan, ymd(&first.tanggal), hari_ini()).berlaku {
        return Ok(vec![]);
    }
    let Some(p) = ipasn_store::baca::pegawai(&app.db, nip).await? else {
        return Ok(vec![]);
    };
    let kamus = ipasn_store::asesmen::kamus(&app.db).await?;
    let hasil = ipasn_asesmen::jpm::jpm_pegawai(
        &aturan,
        &skj(app).await?,
        &p.nama_jabatan,
        &p.jenjang_jabatan,
        rows.iter().map(|r| (r.kode.as_str(), r.level)),
    );
    Ok(hasil
        .butir
        .iter()
        .filter(|b| b.standar.is_some() && b.gap() < 0.0)
        .map(|b| {
            let nama = kamus
                .nama(&b.kode)
                .map(str::to_string)
                .or_else(|| aturan.kompetensi.get(&b.kode).cloned())
                .unwrap_or_else(|| b.kode.clone());
            (b.kode.clone(), nama)
        })
        .collect())
}

/// An action as a viewer may see it: without the competency it develops for those who may not
/// see assessment detail (a pimpinan without the grant).
fn tanpa_kompetensi(mut a: Aksi) -> Aksi {
    if a.kode.contains(':') {
        for n in [&mut a.nama, &mut a.nama_en] {
            if let Some(i) = n.find(PEMISAH) {
                n.truncate(i);
            }
        }
    }
    a
}

fn jenis(j: JenisAksi) -> String {
    serde_json::to_value(j)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

async fn muat(
    app: &App,
    u: &Pengguna,
    nip: &str,
    tahun: Option<i64>,
    centang: Option<&[String]>,
) -> Result<RencanaIndividu, Galat> {
    let (Some(tahun), _) = pilih_tahun(app, tahun).await? else {
        return Err(u.tidak_ada());
    };
    let b = periksa(app, u, nip, tahun, Akses::Lihat).await?;
    u.catat(app, "lihat_rencana_individu", nip, &tahun.to_string())
        .await?;
    let aturan = aturan_berlaku(app).await?;
    let disimpan = ipasn_store::rencana::rencana(&app.db, nip, tahun).await?;
    let boleh_atur = matches!(u.akun.peran, Peran::Admin | Peran::Analis) && u.boleh_unor(&b.path);
    let (rencana, aksi) = match disimpan {
        Some((r, a)) => (Some(r), a),
        None => (None, vec![]),
    };
    let draf = rencana.as_ref().is_none_or(|r| r.status == "draf");
    let mut pilihan = if boleh_atur && draf {
        let celah = celah_kompetensi(app, nip).await?;
        pilihan(
            &b,
            &katalog_berlaku(app).await?,
            aturan.jp_hak_minimal,
            &celah,
        )
    } else {
        vec![]
    };
    let aksi: Vec<Aksi> = if u.detail_asesmen() {
        aksi
    } else {
        aksi.into_iter().map(tanpa_kompetensi).collect()
    };
    if let Some(c) = centang {
        for p in &mut pilihan {
            p.centang = c.contains(&p.nilai);
        }
    } else if !aksi.is_empty() {
        // A saved draft: its own actions ticked (a code saved once ticks one offer of it).
        let mut sisa: std::collections::HashMap<&str, usize> = Default::default();
        for a in &aksi {
            *sisa.entry(a.kode.as_str()).or_default() += 1;
        }
        for p in &mut pilihan {
            let n = sisa.get_mut(p.aksi.kode.as_str());
            p.centang = match n {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    true
                }
                _ => false,
            };
        }
    }
    let boleh_setuju = match &rencana {
        Some(r) if r.status == "draf" => {
            if u.akun.peran == Peran::Pegawai
                && u.akun.nip.as_deref() == Some(nip)
                && r.setuju_pegawai.is_none()
            {
                Some("pegawai")
            } else if u.akun.peran == Peran::Pimpinan
                && u.boleh_unor(&b.path)
                && r.setuju_atasan.is_none()
            {
                Some("atasan")
            } else {
                None
            }
        }
        _ => None,
    };
    let jp = if aksi.is_empty() {
        pilihan
            .iter()
            .filter(|p| p.centang)
            .map(|p| p.aksi.jp)
            .sum()
    } else {
        aksi.iter().map(|a| a.jp).sum()
    };
    let mut program = vec![];
    if u.akun.peran == Peran::Pegawai && u.akun.nip.as_deref() == Some(nip) {
        for (p, peran, _) in ipasn_store::program::milik(&app.db, nip).await? {
            let sesi = match peran.as_str() {
                "coachee" => vec![nip.to_string()],
                "coach" => ipasn_store::program::peserta(&app.db, p.id)
                    .await?
                    .into_iter()
                    .filter(|s| s.pasangan.as_deref() == Some(nip))
                    .map(|s| s.nip)
                    .collect(),
                _ => vec![],
            };
            program.push(ProgramSaya {
                id: p.id,
                nama: p.nama,
                jenis: p.jenis,
                peran,
                sesi,
            });
        }
    }
    Ok(RencanaIndividu {
        program,
        nip: b.nip,
        nama: b.nama,
        tahun,
        ip: b.ip,
        rencana,
        aksi,
        jp,
        jp_hak: aturan.jp_hak_minimal,
        pilihan,
        boleh_atur,
        boleh_setuju,
    })
}

#[derive(Deserialize)]
struct TahunQ {
    tahun: Option<i64>,
}

#[derive(Template)]
#[template(path = "rencana_individu.html")]
struct Halaman {
    nav: Nav,
    d: RencanaIndividu,
    pesan: Option<String>,
}

async fn halaman(
    State(app): State<App>,
    u: Pengguna,
    Path(nip): Path<String>,
    Query(q): Query<TahunQ>,
) -> Result<Response, Galat> {
    let d = muat(&app, &u, &nip, q.tahun, None).await?;
    render(&Halaman {
        nav: Nav::of(&u),
        d,
        pesan: None,
    })
}

async fn api(
    State(app): State<App>,
    u: Pengguna,
    Path(nip): Path<String>,
    Query(q): Query<TahunQ>,
) -> Result<Json<RencanaIndividu>, Galat> {
    Ok(Json(muat(&app, &u, &nip, q.tahun, None).await?))
}

fn tahun_dari(f: &[(String, String)]) -> Option<i64> {
    f.iter()
        .find(|(k, _)| k == "tahun")
        .and_then(|(_, v)| v.parse().ok())
}

/// A draft from the ticked actions (`aksi`, repeated): one per group; a refused draft shows
/// the page again with the ticks as sent.
async fn draf(
    State(app): State<App>,
    u: Pengguna,
    Path(nip): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, Galat> {
    let Some(tahun) = tahun_dari(&f) else {
        return Err(u.permintaan("rencana_tanpa_tahun"));
    };
    let b = periksa(&app, &u, &nip, tahun, Akses::Atur).await?;
    let katalog = katalog_berlaku(&app).await?;
    let aturan = aturan_berlaku(&app).await?;
    let dipilih: Vec<String> = f
        .iter()
        .filter(|(k, _)| k == "aksi")
        .map(|(_, v)| v.clone())
        .collect();
    let celah = celah_kompetensi(&app, &nip).await?;
    let semua = pilihan(&b, &katalog, aturan.jp_hak_minimal, &celah);
    let mut kelompok = std::collections::HashSet::new();
    let mut aksi = vec![];
    let mut salah = None;
    for v in &dipilih {
        match semua.iter().find(|p| &p.nilai == v) {
            None => salah = Some("rencana_aksi_tidak_ada"),
            Some(p) if !kelompok.insert(p.kelompok.clone()) => {
                salah = Some("rencana_satu_per_kelompok")
            }
            Some(p) => aksi.push(p.aksi.clone()),
        }
    }
    if aksi.is_empty() && salah.is_none() {
        salah = Some("rencana_pilih_aksi");
    }
    if let Some(kunci) = salah {
        let d = muat(&app, &u, &nip, Some(tahun), Some(&dipilih)).await?;
        let t = u.t();
        return crate::tampilan::render_status(
            axum::http::StatusCode::BAD_REQUEST,
            &Halaman {
                nav: Nav::of(&u),
                d,
                pesan: Some(Pesan::new(kunci).dalam(t.0)),
            },
        );
    }
    if !ipasn_store::rencana::simpan_draf(
        &app.db,
        &nip,
        tahun,
        &katalog.id,
        &u.akun.username,
        &aksi,
    )
    .await?
    {
        return Err(u.permintaan("rencana_bukan_draf"));
    }
    let kode: Vec<&str> = aksi.iter().map(|a| a.kode.as_str()).collect();
    u.catat(
        &app,
        "draf_rencana_individu",
        &nip,
        &serde_json::json!({"tahun": tahun, "aksi": kode}).to_string(),
    )
    .await?;
    Ok(Redirect::to(&format!("/pegawai/{nip}/rencana?tahun={tahun}")).into_response())
}

#[derive(Deserialize)]
struct FormSetuju {
    tahun: i64,
}

async fn setuju(
    State(app): State<App>,
    u: Pengguna,
    Path(nip): Path<String>,
    Form(f): Form<FormSetuju>,
) -> Result<Response, Galat> {
    let pihak = match u.akun.peran {
        Peran::Pegawai => Pihak::Pegawai,
        Peran::Pimpinan => Pihak::Atasan,
        _ => return Err(u.terlarang()),
    };
    periksa(&app, &u, &nip, f.tahun, Akses::Setuju(pihak)).await?;
    match ipasn_store::rencana::rencana(&app.db, &nip, f.tahun).await? {
        Some((r, _)) if r.status != "draf" => return Err(u.permintaan("rencana_bukan_draf")),
        Some((r, _))
            if (pihak == Pihak::Pegawai && r.setuju_pegawai.is_some())
                || (pihak == Pihak::Atasan && r.setuju_atasan.is_some()) =>
        {
            return Err(u.permintaan("rencana_sudah_setuju"));
        }
        _ => {}
    }
    let Some(status) =
        ipasn_store::rencana::setujui(&app.db, &nip, f.tahun, pihak, &u.akun.username).await?
    else {
        return Err(u.permintaan("rencana_bukan_draf"));
    };
    u.catat(
        &app,
        "setuju_rencana_individu",
        &nip,
        &serde_json::json!({"tahun": f.tahun, "sebagai": if pihak == Pihak::Pegawai { "pegawai" } else { "atasan" }, "status": status})
            .to_string(),
    )
    .await?;
    Ok(Redirect::to(&format!("/pegawai/{nip}/rencana?tahun={}", f.tahun)).into_response())
}

#[derive(Deserialize)]
struct FormSelesai {
    tahun: i64,
    urut: i64,
    tanggal: String,
}

async fn selesai(
    State(app): State<App>,
    u: Pengguna,
    Path(nip): Path<String>,
    Form(f): Form<FormSelesai>,
) -> Result<Response, Galat> {
    periksa(&app, &u, &nip, f.tahun, Akses::Atur).await?;
    let tanggal = f.tanggal.trim();
    if !tanggal_sah(tanggal) {
        return Err(u.permintaan("rencana_tanggal_salah"));
    }
    if tanggal > hari_ini().as_str() || tanggal < format!("{}-01-01", f.tahun).as_str() {
        return Err(u.permintaan("rencana_tanggal_rentang"));
    }
    let Some(status) =
        ipasn_store::rencana::selesaikan(&app.db, &nip, f.tahun, f.urut, tanggal).await?
    else {
        return Err(u.permintaan("rencana_belum_disetujui"));
    };
    u.catat(
        &app,
        "selesai_aksi_rencana",
        &nip,
        &serde_json::json!({"tahun": f.tahun, "urut": f.urut, "tanggal": tanggal, "status": status})
            .to_string(),
    )
    .await?;
    Ok(Redirect::to(&format!("/pegawai/{nip}/rencana?tahun={}", f.tahun)).into_response())
}
