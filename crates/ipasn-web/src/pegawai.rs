//! The pegawai list of a unit's subtree (sort, filters, pages) and a person's page (IP ASN with
//! its explanation, history and competency result; every view audited) — view models, pages, API.

use crate::App;
use crate::asesmen::{aturan_asesmen, hari_ini, skj, ymd};
use crate::auth::Pengguna;
use crate::galat::Galat;
use crate::tampilan::{Nav, PitaKategori, TahunQ, half, pilih_tahun_info, render, script_json};
use crate::teks::Pesan;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use ipasn_core::rules::RuleSet;
use ipasn_core::teks::{self};
use ipasn_store::baca::{self, Unor};
use ipasn_store::pengaturan;
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// The pegawai routes.
pub fn routes() -> Router<App> {
    Router::new()
        .route("/unor/{unor}/pegawai", get(halaman_daftar))
        .route("/pegawai/{nip}", get(halaman_pegawai))
        .route("/api/unor/{unor}/pegawai", get(api_daftar))
        .route("/api/pegawai/{nip}", get(api_pegawai))
}

/// The pegawai list's filters as the request gives them.
#[derive(Clone, Debug, Default, serde::Deserialize, Serialize)]
pub struct SaringPegawai {
    /// Year.
    pub tahun: Option<i64>,
    /// Category name.
    pub kategori: Option<String>,
    /// Jenis jabatan.
    pub jenis: Option<String>,
    /// Flag name.
    pub flag: Option<String>,
    /// Name or NIP contains.
    pub cari: Option<String>,
    /// Sort key.
    pub urut: Option<String>,
    /// `turun` for descending.
    pub arah: Option<String>,
    /// Page from 1.
    pub hal: Option<i64>,
}

/// A row of the pegawai list.
#[derive(Clone, Debug, Serialize)]
pub struct PegawaiBaris {
    /// NIP.
    pub nip: String,
    /// Name.
    pub nama: String,
    /// Unit id.
    pub unor_id: String,
    /// Jenis jabatan.
    pub jenis_jabatan: String,
    /// Jenjang.
    pub jenjang_jabatan: String,
    /// Points.
    pub kualifikasi: f64,
    /// Points.
    pub kompetensi: f64,
    /// Points.
    pub kinerja: f64,
    /// Points.
    pub disiplin: f64,
    /// IP.
    pub ip: f64,
    /// Category.
    pub kategori: String,
    /// Flags.
    pub flags: Vec<String>,
}

/// A page of the pegawai list.
#[derive(Clone, Debug, Serialize)]
pub struct DaftarPegawai {
    /// The unit whose subtree is listed.
    pub unor: Unor,
    /// Year.
    pub tahun: i64,
    /// Computed years.
    pub tahun_list: Vec<i64>,
    /// The year's rule set, `id@hash12`.
    pub aturan: String,
    /// Rows matching, in all.
    pub total: i64,
    /// This page.
    pub halaman: i64,
    /// Pages in all.
    pub jumlah_halaman: i64,
    /// Rows per page.
    pub per_halaman: i64,
    /// The rows.
    pub baris: Vec<PegawaiBaris>,
    /// The filters applied.
    pub saring: SaringPegawai,
    /// Category names (for the filter).
    pub kategori_list: Vec<String>,
    /// Flag names (for the filter).
    pub flag_list: Vec<String>,
    /// Jenis jabatan (for the filter).
    pub jenis_list: Vec<String>,
}

/// Rows per page of the pegawai list.
pub const PER_HALAMAN: i64 = 50;

/// The pegawai list of a unit's subtree. `per_halaman` of `None` is the default page size.
pub async fn daftar_pegawai(
    app: &App,
    user: &Pengguna,
    unor_id: &str,
    s: SaringPegawai,
    per_halaman: Option<i64>,
) -> Result<DaftarPegawai, Galat> {
    if !user.lihat_dasbor() {
        return Err(user.terlarang());
    }
    let Some(unor) = baca::unor(&app.db, unor_id).await? else {
        return Err(user.tidak_ada());
    };
    if !user.boleh_unor(&unor.path) {
        return Err(user.terlarang());
    }
    let (Some(info), tahun_list) = pilih_tahun_info(app, s.tahun).await? else {
        return Err(user.tidak_ada());
    };
    let tahun = info.tahun;
    let rules = baca::aturan_tahun(&app.db, &info).await?;
    let kategori_list: Vec<String> = rules.kategori.iter().map(|b| b.nama.clone()).collect();
    let flag_list: Vec<String> = ipasn_core::hasil::Flags::all()
        .iter()
        .map(|f| f.1.to_string())
        .collect();
    let jenis_list: Vec<String> = ipasn_core::model::JenisJabatan::ALL
        .iter()
        .map(|j| j.name().to_string())
        .collect();
    let nonempty = |o: &Option<String>| {
        o.as_ref()
            .map(|x| x.trim().to_string())
            .filter(|x| !x.is_empty())
    };
    let kategori = match nonempty(&s.kategori) {
        None => None,
        Some(k) => Some(kategori_list.iter().position(|n| *n == k).ok_or_else(|| {
            user.permintaan(Pesan::new("kategori_tak_dikenal").isi(format!("{k:?}")))
        })? as i64),
    };
    let jenis = nonempty(&s.jenis);
    if let Some(j) = &jenis
        && !jenis_list.contains(j)
    {
        return Err(user.permintaan(Pesan::new("jenis_jabatan_tak_dikenal").isi(format!("{j:?}"))));
    }
    let flag = nonempty(&s.flag);
    if let Some(f) = &flag
        && !flag_list.contains(f)
    {
        return Err(user.permintaan(Pesan::new("tanda_tak_dikenal").isi(format!("{f:?}"))));
    }
    let urut = match nonempty(&s.urut) {
        None => baca::Urut::default(),
        Some(u) => baca::Urut::parse(&u).ok_or_else(|| {
            user.permintaan(Pesan::new("urutan_tak_dikenal").isi(format!("{u:?}")))
        })?,
    };
    let per = per_halaman.unwrap_or(PER_HALAMAN);
    let q = baca::Saring {
        tahun,
        path: unor.path.clone(),
        kategori,
        jenis_jabatan: jenis,
        flag,
        cari: nonempty(&s.cari),
        urut,
        turun: s.arah.as_deref() == Some("turun"),
        halaman: s.hal.unwrap_or(1).max(1),
        per_halaman: per,
    };
    let (total, rows) = baca::daftar_pegawai(&app.db, &q).await?;
    let baris = rows
        .into_iter()
        .map(|b| PegawaiBaris {
            kategori: kategori_list
                .get(b.kategori as usize)
                .cloned()
                .unwrap_or_default(),
            flags: b
                .flags
                .split(';')
                .filter(|x| !x.is_empty())
                .map(str::to_string)
                .collect(),
            nip: b.nip,
            nama: b.nama,
            unor_id: b.unor_id,
            jenis_jabatan: b.jenis_jabatan,
            jenjang_jabatan: b.jenjang_jabatan,
            kualifikasi: half(b.kualifikasi),
            kompetensi: half(b.kompetensi),
            kinerja: half(b.kinerja),
            disiplin: half(b.disiplin),
            ip: half(b.ip),
        })
        .collect();
    Ok(DaftarPegawai {
        unor,
        tahun,
        tahun_list,
        aturan: info.aturan(),
        total,
        halaman: q.halaman,
        jumlah_halaman: ((total + q.per_halaman - 1) / q.per_halaman).max(1),
        per_halaman: q.per_halaman,
        baris,
        saring: SaringPegawai {
            tahun: Some(tahun),
            ..s
        },
        kategori_list,
        flag_list,
        jenis_list,
    })
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
    /// Records used, `sheet:row` of the imported package.
    pub dipakai: Vec<String>,
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
    /// Flags, explained.
    pub flags: Vec<String>,
    /// The four dimensions.
    pub dimensi: Vec<DimensiPegawai>,
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
                    dipakai: d.dipakai.iter().map(|r| r.to_string()).collect(),
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
    Ok(HalamanPegawai {
        tahun: chosen.map(|h| h.tahun).or(tahun),
        ip: chosen.map(|h| half(h.baris.ip)),
        kategori: chosen.map(|h| kat(h.tahun, h.baris.kategori)),
        flags: chosen
            .map(|h| {
                h.baris
                    .flags
                    .split(';')
                    .filter(|x| !x.is_empty())
                    .map(|f| teks::flag(f, lang).to_string())
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
#[template(path = "pegawai_daftar.html")]
struct DaftarPage {
    nav: Nav,
    d: DaftarPegawai,
    kolom: Vec<(String, String)>,
    query: String,
    query_tanpa_urut: String,
    query_tanpa_hal: String,
}

fn query_of(s: &SaringPegawai, skip: &[&str]) -> String {
    let pairs: Vec<(&str, String)> = [
        ("tahun", s.tahun.map(|t| t.to_string())),
        ("kategori", s.kategori.clone()),
        ("jenis", s.jenis.clone()),
        ("flag", s.flag.clone()),
        ("cari", s.cari.clone()),
        ("urut", s.urut.clone()),
        ("arah", s.arah.clone()),
        ("hal", s.hal.map(|h| h.to_string())),
    ]
    .into_iter()
    .filter(|(k, v)| !skip.contains(k) && v.as_ref().is_some_and(|v| !v.is_empty()))
    .map(|(k, v)| (k, v.unwrap_or_default()))
    .collect();
    serde_urlencoded::to_string(pairs).unwrap_or_default()
}

async fn halaman_daftar(
    State(app): State<App>,
    u: Pengguna,
    Path(unor): Path<String>,
    Query(s): Query<SaringPegawai>,
) -> Result<Response, Galat> {
    let d = daftar_pegawai(&app, &u, &unor, s, None).await?;
    let t = u.t();
    let kolom = [
        ("nip", "nip"),
        ("nama", "nama"),
        ("ip", "ip"),
        ("kualifikasi", "kualifikasi"),
        ("kompetensi", "kompetensi"),
        ("kinerja", "kinerja"),
        ("disiplin", "disiplin"),
    ]
    .iter()
    .map(|(k, l)| (k.to_string(), t.s(l).to_string()))
    .collect();
    render(&DaftarPage {
        nav: Nav::of(&u),
        query: query_of(&d.saring, &["hal"]),
        query_tanpa_urut: query_of(&d.saring, &["urut", "arah", "hal"]),
        query_tanpa_hal: query_of(&d.saring, &["hal"]),
        kolom,
        d,
    })
}

#[derive(Template)]
#[template(path = "pegawai.html")]
struct PegawaiPage {
    nav: Nav,
    d: HalamanPegawai,
    json: String,
}

async fn halaman_pegawai(
    State(app): State<App>,
    u: Pengguna,
    Path(nip): Path<String>,
    Query(q): Query<TahunQ>,
) -> Result<Response, Galat> {
    let d = pegawai(&app, &u, &nip, q.tahun).await?;
    render(&PegawaiPage {
        nav: Nav::of(&u),
        json: script_json(&d),
        d,
    })
}

async fn api_daftar(
    State(app): State<App>,
    u: Pengguna,
    Path(unor): Path<String>,
    Query(s): Query<SaringPegawai>,
) -> Result<Json<Value>, Galat> {
    Ok(Json(json!(daftar_pegawai(&app, &u, &unor, s, None).await?)))
}

async fn api_pegawai(
    State(app): State<App>,
    u: Pengguna,
    Path(nip): Path<String>,
    Query(q): Query<TahunQ>,
) -> Result<Json<Value>, Galat> {
    Ok(Json(json!(pegawai(&app, &u, &nip, q.tahun).await?)))
}
