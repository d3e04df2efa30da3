//! The pegawai list of a unit's subtree (`daftar`) and a person's page: IP ASN with its
//! explanation (each record named as the package holds it, what is missing and the index with
//! all of it), the change from the year before and why, history, and the competency result
//! with its JPM (every view audited) — view models, pages, API.

mod daftar;
mod rincian;

pub use daftar::{DaftarPegawai, PegawaiBaris, SaringPegawai, daftar_pegawai};

use crate::App;
use crate::asesmen::{aturan_asesmen, hari_ini, skj, ymd};
use crate::auth::Pengguna;
use crate::galat::Galat;
use crate::tampilan::{Nav, PitaKategori, TahunQ, half, render, script_json};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use ipasn_core::rules::RuleSet;
use ipasn_core::teks::{self};
use ipasn_store::akun::Peran;
use ipasn_store::baca::{self, Unor};
use ipasn_store::pengaturan;
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// The pegawai routes.
pub fn routes() -> Router<App> {
    Router::new()
        .route("/unor/{unor}/pegawai", get(daftar::halaman_daftar))
        .route("/pegawai/{nip}", get(halaman_pegawai))
        .route("/api/unor/{unor}/pegawai", get(daftar::api_daftar))
        .route("/api/pegawai/{nip}", get(api_pegawai))
}

/// One dimension on a person's page.
#[derive(Clone, Debug, Serialize)]
pub struct DimensiPegawai {
    /// `kualifikasi`, …
    pub kode: String,
    /// Name.
    pub nama: String,
    /// Points.
    pub poin: f64,
    /// Maximum.
    pub maks: f64,
    /// Why, one line per rule that fired.
    pub alasan: Vec<String>,
    /// Records used: each in words, with its sheet and row in the package.
    pub dipakai: Vec<rincian::RekamanTampil>,
    /// What is missing and the points it would add.
    pub kurang: Vec<Kurang>,
}

/// Something missing.
#[derive(Clone, Debug, Serialize)]
pub struct Kurang {
    /// What.
    pub teks: String,
    /// Points it would add.
    pub tambah: f64,
}

/// A person's year in the history table.
#[derive(Clone, Debug, Serialize)]
pub struct RiwayatTahun {
    /// Year.
    pub tahun: i64,
    /// IP.
    pub ip: f64,
    /// Category.
    pub kategori: String,
    /// Points per dimension.
    pub poin: [f64; 4],
    /// The target of that year (setting).
    pub target: f64,
}

/// One competency of a person's assessment.
#[derive(Clone, Debug, Serialize)]
pub struct ButirAsesmen {
    /// Code.
    pub kode: String,
    /// Name.
    pub nama: String,
    /// Level achieved.
    pub level: f64,
    /// Level the position requires.
    pub standar: f64,
    /// `level − standar`.
    pub gap: f64,
}

/// A person's latest competency assessment and their Job Person Match.
#[derive(Clone, Debug, Serialize)]
pub struct AsesmenPegawai {
    /// Assessment date.
    pub tanggal: String,
    /// Who assessed.
    pub sumber: String,
    /// Still valid (results are valid for `berlaku_tahun` years).
    pub berlaku: bool,
    /// Valid until (exclusive).
    pub berlaku_sampai: String,
    /// Overall JPM (weighted over the domains assessed), `None` when the position has no standard
    /// or for a pimpinan without `lihat_detail` (they see the bands only).
    pub jpm: Option<f64>,
    /// Band in the mapping set (pemetaan).
    pub pita_pemetaan: Option<String>,
    /// Band in the selection set (seleksi).
    pub pita_seleksi: Option<String>,
    /// Per competency; left out for roles that see aggregates only (pimpinan).
    pub butir: Option<Vec<ButirAsesmen>>,
    /// Why a JPM is over 100 %, when it is: the catalogue key of the rules' JPM variant.
    pub di_atas_100: Option<String>,
}

async fn asesmen_pegawai(
    app: &App,
    user: &Pengguna,
    p: &baca::Pegawai,
) -> Result<Option<AsesmenPegawai>, Galat> {
    use ipasn_asesmen::{integrasi, jpm};
    let rows = ipasn_store::asesmen::terakhir(&app.db, &p.nip).await?;
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let aturan = aturan_asesmen(app).await?;
    let skj = skj(app).await?;
    let kamus = ipasn_store::asesmen::kamus(&app.db).await?;
    let masa = integrasi::keberlakuan(&aturan, ymd(&first.tanggal), hari_ini());
    let hasil = jpm::jpm_pegawai(
        &aturan,
        &skj,
        &p.nama_jabatan,
        &p.jenjang_jabatan,
        rows.iter().map(|r| (r.kode.as_str(), r.level)),
    );
    let butir = hasil
        .butir
        .iter()
        .map(|b| ButirAsesmen {
            nama: kamus
                .nama(&b.kode)
                .map(str::to_string)
                .or_else(|| aturan.kompetensi.get(&b.kode).cloned())
                .unwrap_or_else(|| b.kode.clone()),
            kode: b.kode.clone(),
            level: b.capaian,
            standar: b.standar.unwrap_or(0.0),
            gap: b.gap(),
        })
        .collect();
    let band = |set: &str| hasil.pita(&aturan, set).map(str::to_string);
    let detail = user.detail_asesmen();
    Ok(Some(AsesmenPegawai {
        tanggal: first.tanggal.clone(),
        sumber: first.sumber.clone(),
        berlaku: masa.berlaku,
        berlaku_sampai: masa.sampai_iso(),
        pita_pemetaan: band("pemetaan"),
        pita_seleksi: band("seleksi"),
        di_atas_100: hasil.jpm.filter(|j| detail && *j > 100.0).map(|_| {
            match aturan.jpm.varian {
                jpm::Varian::TanpaBatas => "jpm_varian_tanpa_batas",
                jpm::Varian::BatasTotal => "jpm_varian_batas_total",
                jpm::Varian::BatasPerKompetensi => "jpm_varian_batas_per_kompetensi",
            }
            .to_string()
        }),
        jpm: hasil.jpm.filter(|_| detail),
        butir: detail.then_some(butir),
    }))
}

/// A person's page.
#[derive(Clone, Debug, Serialize)]
pub struct HalamanPegawai {
    /// The person.
    pub pegawai: baca::Pegawai,
    /// Their unit.
    pub unor: Option<Unor>,
    /// Year shown.
    pub tahun: Option<i64>,
    /// IP of that year.
    pub ip: Option<f64>,
    /// Category.
    pub kategori: Option<String>,
    /// Flags: `(short label, what it means)`.
    pub flags: Vec<(String, String)>,
    /// The four dimensions.
    pub dimensi: Vec<DimensiPegawai>,
    /// The IP with every missing item supplied (`ipasn_core::hasil::ip_lengkap`), when that is
    /// more than the IP.
    pub ip_lengkap: Option<f64>,
    /// Its category.
    pub kategori_lengkap: Option<String>,
    /// The change from the previous computed year, and why.
    pub perubahan: Option<rincian::Perubahan>,
    /// Every computed year.
    pub riwayat: Vec<RiwayatTahun>,
    /// The category bands of the latest year's rule set, for the history chart.
    pub pita: Vec<PitaKategori>,
    /// The latest competency assessment and JPM, if any.
    pub asesmen: Option<AsesmenPegawai>,
}

/// A person's page; the view is written to the audit log.
pub async fn pegawai(
    app: &App,
    user: &Pengguna,
    nip: &str,
    tahun: Option<i64>,
) -> Result<HalamanPegawai, Galat> {
    let Some(p) = baca::pegawai(&app.db, nip).await? else {
        // The same answer as for someone else's NIP: the page does not tell who exists.
        return Err(if user.boleh_pegawai(nip, None) || user.admin() {
            user.tidak_ada()
        } else {
            user.terlarang()
        });
    };
    let unor = baca::unor(&app.db, &p.unor_id).await?;
    if !user.boleh_pegawai(nip, unor.as_ref().map(|u| u.path.as_str())) {
        user.catat(app, "lihat_pegawai_ditolak", nip, "").await?;
        return Err(user.terlarang());
    }
    user.catat(
        app,
        "lihat_pegawai",
        nip,
        &tahun.map(|t| t.to_string()).unwrap_or_default(),
    )
    .await?;
    let hasil = baca::hasil_pegawai(&app.db, nip).await?;
    let chosen = match tahun {
        Some(t) => hasil.iter().find(|h| h.tahun == t),
        None => hasil.last(),
    };
    let lang = user.lang;
    let mut names_of_years: BTreeMap<i64, std::sync::Arc<RuleSet>> = BTreeMap::new();
    for h in &hasil {
        if let Some(r) = baca::aturan(&app.db, h.tahun).await? {
            names_of_years.insert(h.tahun, r);
        }
    }
    let kat = |tahun: i64, i: i64| {
        names_of_years
            .get(&tahun)
            .and_then(|r| r.kategori.get(i as usize))
            .map(|b| b.nama.clone())
            .unwrap_or_default()
    };
    let mut targets = BTreeMap::new();
    for h in &hasil {
        targets.insert(h.tahun, pengaturan::target(&app.db, h.tahun).await?);
    }
    let pita = names_of_years
        .values()
        .next_back()
        .map(|r| PitaKategori::dari_aturan(r, user.t()))
        .unwrap_or_default();
    let riwayat = hasil
        .iter()
        .map(|h| RiwayatTahun {
            target: targets.get(&h.tahun).copied().unwrap_or_default(),
            tahun: h.tahun,
            ip: half(h.baris.ip),
            kategori: kat(h.tahun, h.baris.kategori),
            poin: [
                h.baris.kualifikasi,
                h.baris.kompetensi,
                h.baris.kinerja,
                h.baris.disiplin,
            ]
            .map(half),
        })
        .collect();
    let t = user.t();
    let dimensi = chosen
        .map(|h| {
            h.dimensi
                .iter()
                .map(|d| DimensiPegawai {
                    kode: d.dimensi.name().to_string(),
                    nama: teks::dimensi(d.dimensi, lang).to_string(),
                    poin: half(d.poin.halves() as i64),
                    maks: half(d.maks.halves() as i64),
                    alasan: d.alasan.iter().map(|a| teks::alasan(a, lang)).collect(),
                    dipakai: rincian::dipakai(d, &h.rekaman, t),
                    kurang: d
                        .kurang
                        .iter()
                        .map(|k| Kurang {
                            teks: teks::kekurangan(k, lang),
                            tambah: half(k.tambah().halves() as i64),
                        })
                        .collect(),
                })
                .collect()
        })
        .unwrap_or_default();
    let lengkap = chosen.and_then(|h| {
        let ip = ipasn_core::hasil::ip_lengkap(&h.dimensi);
        let rules = names_of_years.get(&h.tahun)?;
        (ip.halves() as i64 > h.baris.ip).then(|| {
            (
                half(ip.halves() as i64),
                kat(h.tahun, rules.kategori_of(ip) as i64),
            )
        })
    });
    let perubahan = chosen.and_then(|h| {
        let before = hasil.iter().rev().find(|x| x.tahun < h.tahun)?;
        Some(rincian::perubahan(
            (before.tahun, before.baris.ip, &before.dimensi),
            (h.baris.ip, &h.dimensi),
            t,
        ))
    });
    Ok(HalamanPegawai {
        ip_lengkap: lengkap.as_ref().map(|l| l.0),
        kategori_lengkap: lengkap.map(|l| l.1),
        perubahan,
        tahun: chosen.map(|h| h.tahun).or(tahun),
        ip: chosen.map(|h| half(h.baris.ip)),
        kategori: chosen.map(|h| kat(h.tahun, h.baris.kategori)),
        flags: chosen
            .map(|h| {
                h.baris
                    .flags
                    .split(';')
                    .filter(|x| !x.is_empty())
                    .map(|f| (t.flag(f).to_string(), t.flag_arti(f).to_string()))
                    .collect()
            })
            .unwrap_or_default(),
        dimensi,
        riwayat,
        pita,
        asesmen: asesmen_pegawai(app, user, &p).await?,
        pegawai: p,
        unor,
    })
}

#[derive(Template)]
#[template(path = "pegawai.html")]
struct PegawaiPage {
    nav: Nav,
    d: HalamanPegawai,
    json: String,
    /// The year's development plan waits for this viewer's agreement (the person themself, or
    /// a pimpinan over them).
    menunggu: bool,
}

async fn halaman_pegawai(
    State(app): State<App>,
    u: Pengguna,
    Path(nip): Path<String>,
    Query(q): Query<TahunQ>,
) -> Result<Response, Galat> {
    let d = pegawai(&app, &u, &nip, q.tahun).await?;
    let menunggu = match d.tahun {
        Some(t) => match ipasn_store::rencana::rencana(&app.db, &nip, t).await? {
            Some((r, _)) if r.status == "draf" => match u.akun.peran {
                Peran::Pegawai => r.setuju_pegawai.is_none(),
                Peran::Pimpinan => r.setuju_atasan.is_none(),
                _ => false,
            },
            _ => false,
        },
        None => false,
    };
    render(&PegawaiPage {
        nav: Nav::of(&u),
        json: script_json(&d),
        menunggu,
        d,
    })
}

async fn api_pegawai(
    State(app): State<App>,
    u: Pengguna,
    Path(nip): Path<String>,
    Query(q): Query<TahunQ>,
) -> Result<Json<Value>, Galat> {
    Ok(Json(json!(pegawai(&app, &u, &nip, q.tahun).await?)))
}
