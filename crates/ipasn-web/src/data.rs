//! What each page shows, as plain serialisable values. The HTML pages render these and the JSON
//! API returns them, so both always agree. Every function checks the user's scope first.

use crate::App;
use crate::auth::Pengguna;
use crate::galat::Galat;
use ipasn_core::agregat::{KelompokKecil, Lapisan};
use ipasn_core::hasil::Dimensi;
use ipasn_core::number::Decimal;
use ipasn_core::rules::RuleSet;
use ipasn_core::teks::{self, Lang};
use ipasn_store::baca::{self, Ringkasan, Unor};
use ipasn_store::{audit, impor, pengaturan};
use serde::Serialize;
use std::collections::BTreeMap;

fn num(d: Option<Decimal>) -> Option<f64> {
    d.map(|d| d.to_string().parse().unwrap_or(0.0))
}

fn half(h: i64) -> f64 {
    h as f64 / 2.0
}

/// Formats an optional number for a table cell (`–` when absent).
pub fn angka(x: &Option<f64>) -> String {
    match x {
        Some(v) => trim(*v),
        None => "–".into(),
    }
}

/// A number a template can format, by value or by reference.
pub trait Angka {
    /// The value.
    fn nilai(&self) -> f64;
}

impl Angka for f64 {
    fn nilai(&self) -> f64 {
        *self
    }
}

impl<T: Angka + ?Sized> Angka for &T {
    fn nilai(&self) -> f64 {
        (**self).nilai()
    }
}

/// Formats a number without trailing zeros (`71.38`, `40`, `22.5`).
pub fn trim(v: impl Angka) -> String {
    let s = format!("{:.2}", v.nilai());
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// The year to show: the requested one if computed, else the latest.
async fn pilih_tahun(app: &App, diminta: Option<i64>) -> Result<(Option<i64>, Vec<i64>), Galat> {
    let (t, list) = pilih_tahun_info(app, diminta).await?;
    Ok((t.map(|t| t.tahun), list))
}

/// Like [`pilih_tahun`], with the chosen year's rule set and cut-off date.
async fn pilih_tahun_info(
    app: &App,
    diminta: Option<i64>,
) -> Result<(Option<baca::Tahun>, Vec<i64>), Galat> {
    let all = baca::tahun(&app.db).await?;
    let list: Vec<i64> = all.iter().map(|t| t.tahun).collect();
    let t = match diminta {
        Some(t) if list.contains(&t) => all.into_iter().find(|x| x.tahun == t),
        _ => all.into_iter().last(),
    };
    Ok((t, list))
}

fn dimensi_maks(rules: &RuleSet, d: Dimensi) -> f64 {
    let p = match d {
        Dimensi::Kualifikasi => rules.kualifikasi.maks,
        Dimensi::Kompetensi => rules.kompetensi.maks,
        Dimensi::Kinerja => rules.kinerja.maks,
        Dimensi::Disiplin => rules.disiplin.maks,
    };
    half(p.halves() as i64)
}

/// A link in the breadcrumbs.
#[derive(Clone, Debug, Serialize)]
pub struct Jejak {
    /// Unit id.
    pub unor_id: String,
    /// Name.
    pub nama: String,
}

/// One category's count.
#[derive(Clone, Debug, Serialize)]
pub struct KategoriBaris {
    /// Name.
    pub nama: String,
    /// Persons.
    pub jumlah: i64,
    /// Percent of the persons in the mean.
    pub persen: f64,
}

/// One dimension's mean.
#[derive(Clone, Debug, Serialize)]
pub struct DimensiBaris {
    /// `kualifikasi`, …
    pub kode: String,
    /// Name in the user's language.
    pub nama: String,
    /// Mean.
    pub rerata: Option<f64>,
    /// Maximum.
    pub maks: f64,
    /// Mean as percent of the maximum.
    pub persen: Option<f64>,
}

/// One year of the trend.
#[derive(Clone, Debug, Serialize)]
pub struct TrenBaris {
    /// Year.
    pub tahun: i64,
    /// Mean IP.
    pub ip: Option<f64>,
    /// Target of that year.
    pub target: f64,
    /// Measured persons.
    pub diukur: i64,
    /// Participation percent.
    pub partisipasi: f64,
}

/// A sub-unit in the ranking.
#[derive(Clone, Debug, Serialize)]
pub struct SubUnit {
    /// Id.
    pub unor_id: String,
    /// Name.
    pub nama: String,
    /// Persons.
    pub pegawai: i64,
    /// Measured.
    pub diukur: i64,
    /// Participation percent.
    pub partisipasi: f64,
    /// Mean IP (absent when suppressed or nobody measured).
    pub ip: Option<f64>,
    /// Category of the mean.
    pub kategori: Option<String>,
    /// Suppressed: fewer persons in the mean than the small-group threshold.
    pub disembunyikan: bool,
}

/// A unit's dashboard for a year.
#[derive(Clone, Debug, Serialize)]
pub struct Dasbor {
    /// The year shown.
    pub tahun: i64,
    /// Every computed year.
    pub tahun_list: Vec<i64>,
    /// The unit.
    pub unor: Unor,
    /// From the root down to the unit's parent.
    pub jejak: Vec<Jejak>,
    /// Rule set `id@hash12` and cut-off date.
    pub aturan: String,
    /// Cut-off date T.
    pub tanggal_acuan: String,
    /// The year's IP target.
    pub target: f64,
    /// The small-group threshold.
    pub kelompok_kecil: i64,
    /// Whether this unit's own figures are suppressed.
    pub disembunyikan: bool,
    /// Persons.
    pub pegawai: i64,
    /// Measured.
    pub diukur: i64,
    /// In the mean.
    pub dalam_rerata: i64,
    /// Participation percent.
    pub partisipasi: f64,
    /// Mean IP.
    pub ip: Option<f64>,
    /// Whether the mean meets the target.
    pub tercapai: Option<bool>,
    /// Category of the mean.
    pub kategori: Option<String>,
    /// Persons per category.
    pub kategori_list: Vec<KategoriBaris>,
    /// Dimension means.
    pub dimensi: Vec<DimensiBaris>,
    /// Over the years.
    pub tren: Vec<TrenBaris>,
    /// Direct sub-units, best mean first.
    pub sub_unit: Vec<SubUnit>,
}

/// The dashboard of a unit (the user's starting unit when `unor_id` is `None`). `Ok(None)`: no
/// data imported yet.
pub async fn dasbor(
    app: &App,
    user: &Pengguna,
    unor_id: Option<&str>,
    tahun: Option<i64>,
) -> Result<Option<Dasbor>, Galat> {
    if !user.lihat_dasbor() {
        return Err(user.terlarang());
    }
    let (Some(info), tahun_list) = pilih_tahun_info(app, tahun).await? else {
        return Ok(None);
    };
    let tahun = info.tahun;
    let id = match unor_id {
        Some(u) => u.to_string(),
        None => match user.unor_awal(app).await? {
            Some(u) => u,
            None => return Ok(None),
        },
    };
    let Some(unor) = baca::unor(&app.db, &id).await? else {
        return Err(user.tidak_ada());
    };
    if !user.boleh_unor(&unor.path) {
        return Err(user.terlarang());
    }
    let rules = baca::aturan_tahun(&app.db, &info).await?;
    // Independent reads, in parallel; the year's own figures are one row of the trend.
    let (semua_tren, setelan, anak) = tokio::try_join!(
        baca::tren(&app.db, &id),
        pengaturan::semua(&app.db),
        baca::anak(&app.db, tahun, &id)
    )?;
    let Some(r) = semua_tren.iter().find(|t| t.tahun == tahun).cloned() else {
        return Err(user.tidak_ada());
    };
    let k = setelan.kelompok_kecil()?;
    let kecil = KelompokKecil::new(k);
    let target = setelan.target(tahun)?;
    let hide = kecil.sembunyikan(r.dalam_rerata);
    let lang = user.lang;
    let nama_kat = |i: Option<i64>| {
        i.and_then(|i| rules.kategori.get(i as usize))
            .map(|b| b.nama.clone())
    };
    let per = r.per_kategori();
    let kategori_list = if hide {
        vec![]
    } else {
        rules
            .kategori
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let n = per.get(i).copied().unwrap_or(0);
                KategoriBaris {
                    nama: b.nama.clone(),
                    jumlah: n,
                    persen: pct(n, r.dalam_rerata),
                }
            })
            .collect()
    };
    let dimensi = Dimensi::ALL
        .iter()
        .map(|&d| {
            let maks = dimensi_maks(&rules, d);
            let rerata = kecil.tampil(r.dalam_rerata, num(r.rerata(d)));
            DimensiBaris {
                kode: d.name().to_string(),
                nama: teks::dimensi(d, lang).to_string(),
                rerata,
                maks,
                persen: rerata.map(|x| round2(100.0 * x / maks)),
            }
        })
        .collect();
    let mut tren = vec![];
    for t in semua_tren {
        tren.push(TrenBaris {
            tahun: t.tahun,
            ip: kecil.tampil(t.dalam_rerata, num(t.ip())),
            target: setelan.target(t.tahun)?,
            diukur: t.diukur,
            partisipasi: num(Some(t.partisipasi())).unwrap_or(0.0),
        });
    }
    let mut sub_unit: Vec<SubUnit> = anak
        .into_iter()
        .map(|a| sub_unit(&a.unor, &a.ringkasan, kecil, &rules))
        .collect();
    sub_unit.sort_by(|a, b| b.ip.partial_cmp(&a.ip).unwrap_or(std::cmp::Ordering::Equal));
    let ip = kecil.tampil(r.dalam_rerata, num(r.ip()));
    let jejak = baca::leluhur(&app.db, &unor)
        .await?
        .into_iter()
        .filter(|u| u.unor_id != unor.unor_id && user.boleh_unor(&u.path))
        .map(|u| Jejak {
            unor_id: u.unor_id,
            nama: u.nama,
        })
        .collect();
    Ok(Some(Dasbor {
        tahun,
        tahun_list,
        jejak,
        aturan: info.aturan(),
        tanggal_acuan: info.tanggal_acuan,
        target,
        kelompok_kecil: k,
        disembunyikan: hide,
        pegawai: r.pegawai,
        diukur: r.diukur,
        dalam_rerata: r.dalam_rerata,
        partisipasi: num(Some(r.partisipasi())).unwrap_or(0.0),
        tercapai: ip.map(|x| x >= target),
        kategori: kecil.tampil(r.dalam_rerata, nama_kat(r.kategori)),
        kategori_list,
        dimensi,
        tren,
        sub_unit,
        ip,
        unor,
    }))
}

fn sub_unit(u: &Unor, r: &Ringkasan, kecil: KelompokKecil, rules: &RuleSet) -> SubUnit {
    let n = r.dalam_rerata;
    SubUnit {
        unor_id: u.unor_id.clone(),
        nama: u.nama.clone(),
        pegawai: r.pegawai,
        diukur: r.diukur,
        partisipasi: num(Some(r.partisipasi())).unwrap_or(0.0),
        ip: kecil.tampil(n, num(r.ip())),
        kategori: kecil.tampil(
            n,
            r.kategori
                .and_then(|i| rules.kategori.get(i as usize))
                .map(|b| b.nama.clone()),
        ),
        disembunyikan: kecil.sembunyikan(n),
    }
}

fn pct(n: i64, of: i64) -> f64 {
    if of == 0 {
        0.0
    } else {
        round2(100.0 * n as f64 / of as f64)
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// `?tahun=` of a request.
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct TahunQ {
    /// Year.
    pub tahun: Option<i64>,
}

/// The map's query.
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct PetaQ {
    /// Year.
    pub tahun: Option<i64>,
    /// `provinsi` or `rinci`.
    pub lapisan: Option<String>,
    /// A clicked region.
    pub kode: Option<String>,
}

/// The audit log's filter.
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct AuditQ {
    /// Exact username.
    #[serde(default)]
    pub username: String,
    /// Exact action.
    #[serde(default)]
    pub aksi: String,
    /// Exact object.
    #[serde(default)]
    pub objek: String,
}

impl AuditQ {
    /// As the store's filter.
    pub fn saring(self) -> audit::Saring {
        audit::Saring {
            username: self.username,
            aksi: self.aksi,
            objek: self.objek,
        }
    }
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
            user.permintaan(
                &format!("Kategori {k:?} tidak dikenal."),
                &format!("Unknown category {k:?}."),
            )
        })? as i64),
    };
    let jenis = nonempty(&s.jenis);
    if let Some(j) = &jenis
        && !jenis_list.contains(j)
    {
        return Err(user.permintaan(
            &format!("Jenis jabatan {j:?} tidak dikenal."),
            &format!("Unknown position type {j:?}."),
        ));
    }
    let flag = nonempty(&s.flag);
    if let Some(f) = &flag
        && !flag_list.contains(f)
    {
        return Err(user.permintaan(
            &format!("Tanda {f:?} tidak dikenal."),
            &format!("Unknown flag {f:?}."),
        ));
    }
    let urut = match nonempty(&s.urut) {
        None => baca::Urut::default(),
        Some(u) => baca::Urut::parse(&u).ok_or_else(|| {
            user.permintaan(
                &format!("Urutan {u:?} tidak dikenal."),
                &format!("Unknown sort {u:?}."),
            )
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

/// The assessment rules in force: the admin's uploaded file (setting `asesmen_aturan`), else the
/// shipped defaults.
pub async fn aturan_asesmen(app: &App) -> Result<ipasn_asesmen::Aturan, Galat> {
    match pengaturan::get(&app.db, "asesmen_aturan").await? {
        Some(text) => ipasn_asesmen::Aturan::from_toml(&text)
            .map_err(|e| Galat::Server(format!("stored assessment rules: {e}"), false)),
        None => Ok(ipasn_asesmen::Aturan::bawaan()),
    }
}

/// `(year, month, day)` of an ISO date as stored.
fn ymd(s: &str) -> ipasn_asesmen::integrasi::Ymd {
    let mut it = s.splitn(3, '-').map(|x| x.parse::<u32>().unwrap_or(0));
    (
        it.next().unwrap_or(0) as i32,
        it.next().unwrap_or(1),
        it.next().unwrap_or(1),
    )
}

/// The position standards (SKJ) as stored, keyed as the store keys them.
async fn skj(app: &App) -> Result<ipasn_asesmen::jpm::Skj, Galat> {
    use ipasn_store::asesmen::{kunci_jabatan, standar};
    Ok(ipasn_asesmen::jpm::Skj::new(
        standar(&app.db).await?,
        kunci_jabatan,
    ))
}

/// Today as the assessment rules take dates.
fn hari_ini() -> ipasn_asesmen::integrasi::Ymd {
    let t = ipasn_store::impor::today();
    (t.year(), t.month(), t.day())
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
    let riwayat = hasil
        .iter()
        .map(|h| RiwayatTahun {
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
        asesmen: asesmen_pegawai(app, user, &p).await?,
        pegawai: p,
        unor,
    })
}

/// A region on the map.
#[derive(Clone, Debug, Serialize)]
pub struct WilayahPeta {
    /// The layer's code (`32`, `32.75`).
    pub kode: String,
    /// Its name in the layer.
    pub nama: String,
    /// Persons in units with this region.
    pub pegawai: i64,
    /// Measured.
    pub diukur: i64,
    /// Mean IP (absent when suppressed).
    pub ip: Option<f64>,
    /// Category of the mean.
    pub kategori: Option<String>,
    /// Suppressed as a small group.
    pub disembunyikan: bool,
}

/// A region code of the data that the layer does not have.
#[derive(Clone, Debug, Serialize)]
pub struct KodeTakDikenal {
    /// The code as the units give it (empty when missing).
    pub kode_wilayah: String,
    /// Persons in those units.
    pub pegawai: i64,
}

/// The map page.
#[derive(Clone, Debug, Serialize)]
pub struct Peta {
    /// Year.
    pub tahun: i64,
    /// Computed years.
    pub tahun_list: Vec<i64>,
    /// `provinsi` (shipped) or `rinci` (the admin's file).
    pub lapisan: String,
    /// Whether a finer layer is loaded.
    pub ada_rinci: bool,
    /// The year's target.
    pub target: f64,
    /// Regions with data.
    pub wilayah: Vec<WilayahPeta>,
    /// Codes not on this layer.
    pub tak_dikenal: Vec<KodeTakDikenal>,
    /// The units of a clicked region.
    pub unit_wilayah: Vec<Unor>,
    /// The clicked region.
    pub kode: Option<String>,
}

/// The shipped province layer.
pub fn provinsi_geojson() -> &'static str {
    static S: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    S.get_or_init(|| {
        let f = crate::aset::Aset::get("peta/provinsi.geojson")
            .expect("the province layer is embedded");
        String::from_utf8_lossy(&f.data).into_owned()
    })
}

/// `(kode, nama)` of a layer's features.
pub fn fitur(geojson: &str) -> Result<Vec<(String, String)>, String> {
    let v: serde_json::Value =
        serde_json::from_str(geojson).map_err(|e| format!("GeoJSON: {e}"))?;
    let fs = v
        .get("features")
        .and_then(|f| f.as_array())
        .ok_or("GeoJSON: no \"features\" array")?;
    let mut out = vec![];
    for (i, f) in fs.iter().enumerate() {
        let p = f.get("properties");
        let kode = p
            .and_then(|p| p.get("kode"))
            .and_then(|k| k.as_str())
            .ok_or_else(|| format!("feature {}: no \"kode\" property", i + 1))?;
        let nama = p
            .and_then(|p| p.get("nama"))
            .and_then(|k| k.as_str())
            .unwrap_or(kode);
        out.push((kode.to_string(), nama.to_string()));
    }
    Ok(out)
}

/// The map of a user's scope: per region of the layer, the mean IP of the units there.
pub async fn peta(
    app: &App,
    user: &Pengguna,
    tahun: Option<i64>,
    lapisan: Option<&str>,
    kode: Option<&str>,
) -> Result<Option<Peta>, Galat> {
    if !user.lihat_dasbor() {
        return Err(user.terlarang());
    }
    let (Some(tahun), tahun_list) = pilih_tahun(app, tahun).await? else {
        return Ok(None);
    };
    let Some(root) = user.unor_awal(app).await? else {
        return Ok(None);
    };
    let Some(root) = baca::unor(&app.db, &root).await? else {
        return Ok(None);
    };
    // An admin's map covers every instansi; others their subtree.
    let path = if user.cakupan.is_none() {
        String::new()
    } else {
        root.path.clone()
    };
    if !path.is_empty() && !user.boleh_unor(&path) {
        return Err(user.terlarang());
    }
    let rinci = baca::peta_batas(&app.db).await?;
    let (lapisan, features) = match (lapisan, &rinci) {
        (Some("rinci"), Some((_, g))) => {
            ("rinci", fitur(g).map_err(|e| Galat::Server(e, user.api))?)
        }
        _ => (
            "provinsi",
            fitur(provinsi_geojson()).map_err(|e| Galat::Server(e, user.api))?,
        ),
    };
    let rules = baca::aturan(&app.db, tahun)
        .await?
        .ok_or_else(|| user.tidak_ada())?;
    let kecil = KelompokKecil::new(pengaturan::kelompok_kecil(&app.db).await?);
    let mut sums: BTreeMap<String, (i64, i64, i64, i64)> = BTreeMap::new();
    let mut unknown: BTreeMap<String, i64> = BTreeMap::new();
    let lapisan_kode = Lapisan::new(features.iter().map(|f| f.0.as_str()));
    for w in baca::wilayah(&app.db, tahun, &path).await? {
        match lapisan_kode.wilayah(&w.kode_wilayah) {
            Some(c) => {
                let e = sums.entry(c.to_string()).or_default();
                e.0 += w.pegawai;
                e.1 += w.diukur;
                e.2 += w.dalam_rerata;
                e.3 += w.jumlah_ip;
            }
            None => {
                *unknown
                    .entry(w.kode_wilayah.trim().to_string())
                    .or_default() += w.pegawai
            }
        }
    }
    let names: BTreeMap<&str, &str> = features
        .iter()
        .map(|f| (f.0.as_str(), f.1.as_str()))
        .collect();
    let wilayah = sums
        .into_iter()
        .map(|(kode, (pegawai, diukur, n, s))| WilayahPeta {
            nama: names.get(kode.as_str()).copied().unwrap_or("").to_string(),
            ip: kecil.tampil(n, num(baca::mean(s, n))),
            kategori: kecil.tampil(
                n,
                (n > 0)
                    .then(|| {
                        rules
                            .kategori
                            .get(rules.kategori_of_mean(s as u64, n as u64))
                    })
                    .flatten()
                    .map(|b| b.nama.clone()),
            ),
            disembunyikan: kecil.sembunyikan(n),
            kode,
            pegawai,
            diukur,
        })
        .collect();
    let unit_wilayah = match kode {
        Some(c) if !c.is_empty() => baca::unor_wilayah(&app.db, &path, c).await?,
        _ => vec![],
    };
    Ok(Some(Peta {
        tahun,
        tahun_list,
        lapisan: lapisan.to_string(),
        ada_rinci: rinci.is_some(),
        target: pengaturan::target(&app.db, tahun).await?,
        wilayah,
        tak_dikenal: unknown
            .into_iter()
            .map(|(kode_wilayah, pegawai)| KodeTakDikenal {
                kode_wilayah,
                pegawai,
            })
            .collect(),
        unit_wilayah,
        kode: kode.map(str::to_string),
    }))
}

/// An import with its parsed summary.
#[derive(Clone, Debug, Serialize)]
pub struct ImporInfo {
    /// The stored row.
    #[serde(flatten)]
    pub impor: impor::Impor,
    /// What changed, parsed.
    pub perubahan: serde_json::Value,
}

/// The import history.
pub async fn riwayat_impor(app: &App, user: &Pengguna) -> Result<Vec<ImporInfo>, Galat> {
    if !user.boleh_impor() {
        return Err(user.terlarang());
    }
    Ok(impor::riwayat(&app.db, 100)
        .await?
        .into_iter()
        .map(info)
        .collect())
}

fn info(i: impor::Impor) -> ImporInfo {
    ImporInfo {
        perubahan: serde_json::from_str(&i.ringkasan).unwrap_or(serde_json::Value::Null),
        impor: i,
    }
}

/// One import with its problems.
pub async fn satu_impor(
    app: &App,
    user: &Pengguna,
    id: i64,
) -> Result<(ImporInfo, Vec<impor::Masalah>), Galat> {
    if !user.boleh_impor() {
        return Err(user.terlarang());
    }
    let Some(i) = impor::satu(&app.db, id).await? else {
        return Err(user.tidak_ada());
    };
    let m = impor::masalah(&app.db, id).await?;
    Ok((info(i), m))
}

/// The audit log, filtered (admins only).
pub async fn audit(
    app: &App,
    user: &Pengguna,
    s: &audit::Saring,
) -> Result<Vec<audit::Entri>, Galat> {
    if !user.admin() {
        return Err(user.terlarang());
    }
    Ok(audit::daftar(&app.db, s, 500).await?)
}

/// A problem's text in a language.
pub fn masalah_teks(m: &impor::Masalah, lang: Lang) -> (&str, &str) {
    match lang {
        Lang::Id => (&m.masalah, &m.perbaikan),
        Lang::En => (&m.problem, &m.fix),
    }
}

/// A person in the nine-box.
#[derive(Clone, Debug, Serialize)]
pub struct OrangTalenta {
    /// NIP.
    pub nip: String,
    /// Name.
    pub nama: String,
    /// Unit.
    pub unor_id: String,
    /// Jenjang jabatan (the ranking group).
    pub jenjang_jabatan: String,
    /// IP ASN.
    pub ip: f64,
    /// JPM (hidden from pimpinan without `lihat_detail`).
    pub jpm: Option<f64>,
    /// Potential test score (hidden from pimpinan without `lihat_detail`).
    pub tes_potensi: Option<f64>,
    /// Potential score (hidden from pimpinan without `lihat_detail`).
    pub potensi: Option<f64>,
    /// Potential category.
    pub kategori_potensi: Option<String>,
    /// Performance axis.
    pub kinerja: Option<String>,
    /// The box after calibration.
    pub kotak: Option<u8>,
    /// The box the rules give.
    pub kotak_aturan: Option<u8>,
    /// The latest calibration's reason, who and when.
    pub kalibrasi: Option<(String, String, String)>,
    /// Why there is no box.
    pub tanpa_kotak: Option<String>,
    /// Rank within the jenjang group of this subtree.
    pub peringkat: usize,
    /// Group size.
    pub dari: usize,
    /// Ranking composite; hidden from pimpinan without `lihat_detail`, since with the IP and the
    /// performance axis it gives back the potential (and with the JPM the test score) exactly.
    pub komposit: Option<f64>,
    /// Top share of the group: fast track toward JPT.
    pub jalur_cepat: bool,
}

/// One box of the grid.
pub use ipasn_asesmen::talenta::KotakPapan as Kotak;

/// The nine-box, talent pool and ranking of a unit's subtree.
#[derive(Clone, Debug, Serialize)]
pub struct Talenta {
    /// The unit.
    pub unor: Unor,
    /// Year.
    pub tahun: i64,
    /// Computed years.
    pub tahun_list: Vec<i64>,
    /// Rules id.
    pub aturan: String,
    /// Rows tinggi, menengah, rendah (top to bottom) × columns di bawah, sesuai, di atas.
    pub grid: Vec<Vec<Kotak>>,
    /// Everyone measured, ranked within their jenjang group.
    pub orang: Vec<OrangTalenta>,
    /// The selected box, if any.
    pub pilih: Option<u8>,
    /// Whether the user may calibrate.
    pub boleh_kalibrasi: bool,
    /// Whether the scores are shown (JPM, potential, test score, composite): not to a pimpinan
    /// without `lihat_detail`, who sees ranks, boxes and potential categories only.
    pub detail: bool,
}

/// The nine-box of a subtree (the view is audited).
pub async fn talenta(
    app: &App,
    user: &Pengguna,
    unor_id: &str,
    tahun: Option<i64>,
    pilih: Option<u8>,
) -> Result<Talenta, Galat> {
    use ipasn_asesmen::talenta::{self as tl, TanpaKotak};
    if !user.lihat_dasbor() {
        return Err(user.terlarang());
    }
    let Some(unor) = baca::unor(&app.db, unor_id).await? else {
        return Err(user.tidak_ada());
    };
    if !user.boleh_unor(&unor.path) {
        return Err(user.terlarang());
    }
    let (Some(tahun), tahun_list) = pilih_tahun(app, tahun).await? else {
        return Err(user.tidak_ada());
    };
    user.catat(app, "lihat_talenta", unor_id, &tahun.to_string())
        .await?;
    let aturan = aturan_asesmen(app).await?;
    let data = ipasn_store::asesmen::talenta(&app.db, tahun, &unor.path).await?;
    let orang: Vec<tl::Orang> = data
        .iter()
        .map(|d| tl::Orang {
            nip: d.nip.clone(),
            jabatan: d.nama_jabatan.clone(),
            jenjang: d.jenjang_jabatan.clone(),
            ip_asn: half(d.ip),
            predikat: d.predikat.clone(),
            kompetensi: d.kompetensi.first().map(|f| tl::HasilKompetensi {
                tanggal: ymd(&f.tanggal),
                level: d
                    .kompetensi
                    .iter()
                    .map(|r| (r.kode.clone(), r.level))
                    .collect(),
            }),
            tes_potensi: d.potensi,
            rekam_jejak: d.rekam_jejak,
            kalibrasi: d.kalibrasi.as_ref().map(|k| k.0 as u8),
        })
        .collect();
    let papan = tl::papan(&aturan, &skj(app).await?, &orang, hari_ini());
    // A pimpinan without `lihat_detail` sees ranks, boxes and potential categories only.
    let detail = user.detail_asesmen();
    let lang = user.lang;
    let orang = papan
        .orang
        .into_iter()
        .map(|p| {
            let d = &data[p.indeks];
            OrangTalenta {
                nip: d.nip.clone(),
                nama: d.nama.clone(),
                unor_id: d.unor_id.clone(),
                jenjang_jabatan: d.jenjang_jabatan.clone(),
                ip: half(d.ip),
                jpm: p.jpm.filter(|_| detail),
                tes_potensi: d.potensi.filter(|_| detail),
                potensi: p.potensi.filter(|_| detail),
                kategori_potensi: p.kategori_potensi,
                kinerja: p.kinerja,
                kotak: p.kotak,
                kotak_aturan: p.kotak_aturan,
                kalibrasi: d
                    .kalibrasi
                    .as_ref()
                    .map(|k| (k.1.clone(), k.2.clone(), k.3.clone())),
                tanpa_kotak: p.tanpa_kotak.map(|t| {
                    match t {
                        TanpaKotak::Kedaluwarsa => lang.pick(
                            "hasil asesmen kedaluwarsa",
                            "the assessment result has expired",
                        ),
                        TanpaKotak::BelumDinilai => lang.pick(
                            "belum ada hasil asesmen atau tes potensi",
                            "no assessment or potential test yet",
                        ),
                        TanpaKotak::TanpaPredikat => {
                            lang.pick("SKP tahun ini tanpa predikat", "no SKP predikat this year")
                        }
                    }
                    .to_string()
                }),
                peringkat: p.peringkat.peringkat,
                dari: p.peringkat.dari,
                komposit: Some(p.peringkat.komposit).filter(|_| detail),
                jalur_cepat: p.peringkat.jalur_cepat,
            }
        })
        .collect();
    Ok(Talenta {
        aturan: aturan.id.clone(),
        boleh_kalibrasi: matches!(
            user.akun.peran,
            ipasn_store::akun::Peran::Admin | ipasn_store::akun::Peran::Analis
        ),
        unor,
        tahun,
        tahun_list,
        grid: papan.grid,
        orang,
        pilih,
        detail,
    })
}
