//! A unit's development plan: every measured person of the subtree with what their score
//! misses (the stored explanations), their candidate actions from the catalogue in force, and
//! the choice under the budget (the integer program, the greedy plan beside it) for the chosen
//! objective — the mean IP, persons reaching a category, or sub-units reaching the target. The
//! page shows the distribution before and after, the cost per point, the year the target is
//! reached with the same budget every year, and the efficiency estimate; the chosen actions
//! download as CSV or XLSX. The optimiser runs off the async threads.

use super::{aturan_berlaku, katalog_berlaku};
use crate::App;
use crate::auth::Pengguna;
use crate::galat::Galat;
use crate::tampilan::{Nav, render, script_json};
use crate::unduh::{Format, Tabel, respond};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use ipasn_core::Points;
use ipasn_data::tabel::tulis::Sel;
use ipasn_rencana::kandidat::Opsi;
use ipasn_rencana::optimasi::{Masalah, optimal, rakus};
use ipasn_rencana::sasaran::{Tujuan, ambang_kategori, per_orang, per_unit};
use ipasn_rencana::tahunan::{Tahun, ramal, tahun_tercapai};
use ipasn_store::baca::{self, Unor};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// Branch-and-bound nodes of a page's plan: 2,000 (as the CLI) for a unit, fewer for a whole
/// large instansi — a node's work grows with the candidates, and a page should answer in a
/// few seconds (at 10,000 persons a `unit80` plan takes 3 s instead of 11 s, with the same
/// targets reached and its gap shown). Fixed by the instance's size, so the same plan on every
/// machine; `ipasn rencana --simpul` searches further.
fn simpul(kandidat: usize) -> u64 {
    (2_000_000 / kandidat.max(1) as u64).clamp(100, 2_000)
}

/// The most candidate actions a page computes (a national instansi's persons have a few each;
/// a catalogue of many similar actions is thinned by `ipasn_rencana::kandidat` first).
const MAKS_KANDIDAT: usize = 400_000;

pub(super) fn routes() -> Router<App> {
    Router::new()
        .route("/unor/{unor}/rencana", get(halaman))
        .route("/unor/{unor}/rencana/{berkas}", get(unduh))
        .route("/api/unor/{unor}/rencana", get(api))
}

/// What the plan is asked for (the page's form).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct RencanaQ {
    tahun: Option<i64>,
    /// Rupiah, digits (dots and commas between thousands allowed).
    anggaran: Option<String>,
    tujuan: Option<String>,
    kategori: Option<String>,
    /// Count degrees (long term).
    pendidikan: Option<String>,
    jp_maks: Option<String>,
}

/// A category before and after.
#[derive(Clone, Debug, Serialize)]
pub struct Distribusi {
    /// The category (rule-set name).
    pub nama: String,
    /// Its name in the page's language.
    pub label: String,
    /// Persons now.
    pub sekarang: usize,
    /// Persons after the plan.
    pub proyeksi: usize,
}

/// An action of the plan, summed.
#[derive(Clone, Debug, Serialize)]
pub struct PerAksi {
    /// Code.
    pub kode: String,
    /// Name in the page's language.
    pub nama: String,
    /// Persons.
    pub orang: usize,
    /// Lesson hours.
    pub jp: u64,
    /// Cost.
    pub biaya: u64,
    /// IP points added (sum over persons).
    pub poin: f64,
}

/// A chosen action of one person.
#[derive(Clone, Debug, Serialize)]
pub struct Terpilih {
    /// NIP.
    pub nip: String,
    /// Name.
    pub nama: String,
    /// The action's code.
    pub aksi: String,
    /// Cost.
    pub biaya: u64,
    /// Lesson hours.
    pub jp: u32,
    /// Points.
    pub poin: f64,
}

/// A unit's plan.
#[derive(Clone, Debug, Serialize)]
pub struct RencanaUnit {
    /// The unit.
    pub unor: Unor,
    /// Year.
    pub tahun: i64,
    /// Computed years.
    pub tahun_list: Vec<i64>,
    /// Budget, rupiah.
    pub anggaran: u64,
    /// What the cheapest choice of every action costs (the slider's end).
    pub anggaran_maks: u64,
    /// The objective.
    pub tujuan: Tujuan,
    /// The category aimed at (objective `kategori`).
    pub kategori: String,
    /// The rule set's categories.
    pub kategori_list: Vec<String>,
    /// Degrees counted.
    pub pendidikan: bool,
    /// Most JP per person.
    pub jp_maks: Option<u32>,
    /// The IP target.
    pub target: f64,
    /// Persons measured.
    pub diukur: usize,
    /// Candidate actions.
    pub kandidat: usize,
    /// Mean IP now.
    pub rerata: f64,
    /// Mean IP after the plan.
    pub proyeksi: f64,
    /// Mean IP after the greedy plan.
    pub proyeksi_rakus: f64,
    /// Cost.
    pub biaya: u64,
    /// Cost per point of the mean.
    pub per_poin: Option<f64>,
    /// Proven optimal.
    pub optimal: bool,
    /// Gap to the best bound, percent (when not proven).
    pub gap: Option<f64>,
    /// Targets reached by the plan and by greedy, of how many (objectives with targets).
    pub tercapai: Option<(usize, usize, usize)>,
    /// Categories before and after.
    pub distribusi: Vec<Distribusi>,
    /// The same budget every year.
    pub ramalan: Vec<Tahun>,
    /// The plan year the target is reached (0: already).
    pub tahun_target: Option<u32>,
    /// The forecast's horizon.
    pub maks_tahun: u32,
    /// Efficiency a year, rupiah (an estimate).
    pub efisiensi: f64,
    /// Where the coefficient comes from.
    pub efisiensi_sumber: String,
    /// The plan by action.
    pub per_aksi: Vec<PerAksi>,
    /// The catalogue's id and note.
    pub katalog: (String, String),
    /// The chosen actions, person by person (downloads; not in the page's JSON).
    #[serde(skip)]
    pub terpilih: Vec<Terpilih>,
}

/// A unit's plan (the view is audited).
pub async fn rencana_unit(
    app: &App,
    u: &Pengguna,
    unor_id: &str,
    q: RencanaQ,
) -> Result<RencanaUnit, Galat> {
    let (unor, info, tahun_list) = super::unit_tahun(app, u, unor_id, q.tahun).await?;
    let tujuan = match q.tujuan.as_deref().filter(|s| !s.is_empty()) {
        None => Tujuan::Rerata,
        Some(s) => Tujuan::parse(s).ok_or_else(|| u.permintaan("rencana_tujuan_salah"))?,
    };
    let anggaran = match q
        .anggaran
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(s) => {
            Some(ipasn_rencana::rupiah(s).ok_or_else(|| u.permintaan("rencana_anggaran_salah"))?)
        }
    };
    let jp_maks = match q
        .jp_maks
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(s) => Some(
            s.parse::<u32>()
                .ok()
                .filter(|j| *j > 0)
                .ok_or_else(|| u.permintaan("rencana_jp_salah"))?,
        ),
    };
    let rules = baca::aturan_tahun(&app.db, &info).await?;
    let kategori = q
        .kategori
        .clone()
        .filter(|k| !k.trim().is_empty())
        .unwrap_or_else(|| "Tinggi".into());
    let ambang = match tujuan {
        Tujuan::Kategori => Some(
            ambang_kategori(&rules, &kategori)
                .ok_or_else(|| u.permintaan("rencana_kategori_salah"))?,
        ),
        _ => None,
    };
    u.catat(
        app,
        "lihat_rencana_unit",
        unor_id,
        &serde_json::json!({"tahun": info.tahun, "anggaran": anggaran, "tujuan": tujuan.nama()})
            .to_string(),
    )
    .await?;
    let bahan = ipasn_store::rencana::bahan(&app.db, info.tahun, &unor.path).await?;
    let katalog = katalog_berlaku(app).await?;
    let aturan = aturan_berlaku(app).await?;
    let target = ipasn_store::pengaturan::target(&app.db, info.tahun).await?;
    let t = u.t();
    let pendidikan = q.pendidikan.is_some();
    let path = unor.path.clone();
    let tahun = info.tahun;
    tokio::task::spawn_blocking(move || {
        let kandidat = ipasn_rencana::kandidat::semua(
            bahan.iter().map(|b| b.dimensi.as_slice()),
            &katalog,
            Opsi { pendidikan },
        );
        if kandidat.len() > MAKS_KANDIDAT {
            return Err(kandidat.len());
        }
        let ip: Vec<Points> = bahan.iter().map(|b| Points(b.ip as u32)).collect();
        let sasaran = match tujuan {
            Tujuan::Rerata => vec![],
            Tujuan::Kategori => per_orang(&ip, ambang.expect("checked")),
            Tujuan::Unit80 => per_unit(sub_unit(&path, &bahan), &ip, target),
        };
        let kapasitas: HashMap<usize, u32> = katalog
            .aksi
            .iter()
            .enumerate()
            .filter_map(|(i, a)| a.kapasitas.map(|c| (i, c)))
            .collect();
        // Everything, each group's cheapest: the slider's end.
        let mut termurah: HashMap<usize, u64> = HashMap::new();
        for k in &kandidat {
            let e = termurah.entry(k.kelompok).or_insert(u64::MAX);
            *e = (*e).min(k.biaya);
        }
        let anggaran_maks: u64 = termurah.values().fold(0u64, |a, b| a.saturating_add(*b));
        let anggaran = anggaran.unwrap_or_else(|| bulat(anggaran_maks / 4));
        let m = Masalah {
            kandidat: &kandidat,
            anggaran,
            kapasitas: kapasitas.clone(),
            jp_maks,
            sasaran: &sasaran,
        };
        let g = rakus(&m);
        let o = optimal(&m, simpul(kandidat.len()));
        let n = bahan.len();
        let jumlah: u64 = ip.iter().map(|p| u64::from(p.halves())).sum();
        let rerata = |tambah: u64| (jumlah + tambah) as f64 / 2.0 / n.max(1) as f64;
        let ramalan = ramal(
            &kandidat,
            &o,
            anggaran,
            &kapasitas,
            jp_maks,
            jumlah,
            n,
            target,
            aturan.maks_tahun,
        );
        // Per person after the plan: the chosen points (what the scorer gives, tested).
        let mut tambah = vec![0u32; n];
        for &i in &o.pilih {
            tambah[kandidat[i].orang] += kandidat[i].poin;
        }
        let mut distribusi: Vec<Distribusi> = rules
            .kategori
            .iter()
            .map(|k| Distribusi {
                nama: k.nama.clone(),
                label: t.nama(&k.nama).to_string(),
                sekarang: 0,
                proyeksi: 0,
            })
            .collect();
        for (i, p) in ip.iter().enumerate() {
            distribusi[rules.kategori_of(*p)].sekarang += 1;
            distribusi[rules.kategori_of(Points(p.halves() + tambah[i]))].proyeksi += 1;
        }
        let mut per_aksi: BTreeMap<usize, PerAksi> = BTreeMap::new();
        let mut terpilih = vec![];
        for &i in &o.pilih {
            let k = &kandidat[i];
            let a = &katalog.aksi[k.aksi];
            let e = per_aksi.entry(k.aksi).or_insert_with(|| PerAksi {
                kode: a.kode.clone(),
                nama: nama_aksi(a, t),
                orang: 0,
                jp: 0,
                biaya: 0,
                poin: 0.0,
            });
            e.orang += 1;
            e.jp += u64::from(k.jp);
            e.biaya += k.biaya;
            e.poin += f64::from(k.poin) / 2.0;
            terpilih.push(Terpilih {
                nip: bahan[k.orang].nip.clone(),
                nama: bahan[k.orang].nama.clone(),
                aksi: a.kode.clone(),
                biaya: k.biaya,
                jp: k.jp,
                poin: f64::from(k.poin) / 2.0,
            });
        }
        let naik = rerata(o.poin) - rerata(0);
        Ok(RencanaUnit {
            unor,
            tahun,
            tahun_list,
            anggaran,
            anggaran_maks,
            tujuan,
            kategori: kategori.clone(),
            kategori_list: rules.kategori.iter().map(|k| k.nama.clone()).collect(),
            pendidikan,
            jp_maks,
            target,
            diukur: n,
            kandidat: kandidat.len(),
            rerata: rerata(0),
            proyeksi: rerata(o.poin),
            proyeksi_rakus: rerata(g.poin),
            biaya: o.biaya,
            per_poin: (naik > 0.0).then(|| o.biaya as f64 / naik),
            optimal: o.optimal,
            gap: (!o.optimal && o.gap.is_finite()).then_some(o.gap * 100.0),
            tercapai: (!sasaran.is_empty()).then_some((o.tercapai, g.tercapai, sasaran.len())),
            distribusi,
            tahun_target: tahun_tercapai(&ramalan, rerata(0), target),
            ramalan,
            maks_tahun: aturan.maks_tahun,
            efisiensi: aturan.efisiensi(naik, n as u64),
            efisiensi_sumber: t
                .dwibahasa(&aturan.efisiensi.sumber, &aturan.efisiensi.sumber_en)
                .to_string(),
            per_aksi: per_aksi.into_values().collect(),
            katalog: (
                katalog.id.clone(),
                t.dwibahasa(
                    &katalog.catatan,
                    katalog.catatan_en.as_deref().unwrap_or(&katalog.catatan),
                )
                .to_string(),
            ),
            terpilih,
        })
    })
    .await
    .map_err(|e| Galat::Server(format!("plan: {e}"), u.api))?
    .map_err(|n| u.permintaan(crate::teks::Pesan::new("rencana_terlalu_banyak").isi(n)))
}

/// An action's name in the page's language.
pub(super) fn nama_aksi(a: &ipasn_rencana::katalog::Aksi, t: crate::teks::T) -> String {
    t.dwibahasa(&a.nama, a.nama_en.as_deref().unwrap_or(&a.nama))
        .to_string()
}

/// A default budget: a quarter of everything, to the million below.
fn bulat(v: u64) -> u64 {
    v / 1_000_000 * 1_000_000
}

/// The persons (indices) of each sub-unit directly under `path`, by subtree.
fn sub_unit(path: &str, bahan: &[ipasn_store::rencana::Bahan]) -> Vec<Vec<usize>> {
    let mut per: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, b) in bahan.iter().enumerate() {
        let rest = &b.path[path.len().min(b.path.len())..];
        if let Some(j) = rest.find('.') {
            per.entry(&rest[..=j]).or_default().push(i);
        }
    }
    per.into_values().collect()
}

#[derive(Template)]
#[template(path = "rencana_unit.html")]
struct Halaman {
    nav: Nav,
    d: RencanaUnit,
    json: String,
    query: String,
    /// A refused value's message (the plan shown is the default one).
    pesan: Option<String>,
    /// The budget and JP fields as typed (or as computed).
    isian_anggaran: String,
    isian_jp: String,
    /// The slider's step: a round amount near a hundredth of its range.
    langkah: u64,
}

/// A round step near a hundredth of `maks` (1, 2 or 5 times a power of ten).
fn langkah(maks: u64) -> u64 {
    let x = (maks / 100).max(1);
    let p = 10u64.pow(x.ilog10());
    [1, 2, 5, 10]
        .iter()
        .map(|m| m * p)
        .find(|v| *v >= x)
        .unwrap_or(x)
}

fn query(d: &RencanaUnit) -> String {
    let mut q = vec![
        ("tahun", d.tahun.to_string()),
        ("anggaran", d.anggaran.to_string()),
        ("tujuan", d.tujuan.nama().to_string()),
        ("kategori", d.kategori.clone()),
    ];
    if d.pendidikan {
        q.push(("pendidikan", "1".into()));
    }
    if let Some(j) = d.jp_maks {
        q.push(("jp_maks", j.to_string()));
    }
    serde_urlencoded::to_string(q).unwrap_or_default()
}

async fn halaman(
    State(app): State<App>,
    u: Pengguna,
    Path(unor): Path<String>,
    Query(q): Query<RencanaQ>,
) -> Result<Response, Galat> {
    // A refused value (a budget in words, a JP that is not a number) keeps what was typed beside
    // its message, over the default plan.
    let (d, pesan, ketik) = match rencana_unit(&app, &u, &unor, q.clone()).await {
        Ok(d) => (d, None, None),
        Err(Galat::Permintaan(p, ..)) => {
            let bersih = RencanaQ {
                tahun: q.tahun,
                ..Default::default()
            };
            let d = rencana_unit(&app, &u, &unor, bersih).await?;
            (d, Some(p.dalam(u.lang)), Some(q))
        }
        Err(e) => return Err(e),
    };
    let t = u.t();
    let (isian_anggaran, isian_jp) = match &ketik {
        Some(k) => (
            k.anggaran.clone().unwrap_or_default(),
            k.jp_maks.clone().unwrap_or_default(),
        ),
        None => (
            t.angka(d.anggaran),
            d.jp_maks.map(|j| j.to_string()).unwrap_or_default(),
        ),
    };
    let page = Halaman {
        nav: Nav::of(&u),
        json: script_json(&d),
        query: query(&d),
        langkah: langkah(d.anggaran_maks),
        pesan,
        isian_anggaran,
        isian_jp,
        d,
    };
    if page.pesan.is_some() {
        crate::tampilan::render_status(axum::http::StatusCode::BAD_REQUEST, &page)
    } else {
        render(&page)
    }
}

async fn api(
    State(app): State<App>,
    u: Pengguna,
    Path(unor): Path<String>,
    Query(q): Query<RencanaQ>,
) -> Result<Json<RencanaUnit>, Galat> {
    Ok(Json(rencana_unit(&app, &u, &unor, q).await?))
}

/// The chosen actions as `aksi.csv` or `aksi.xlsx`.
async fn unduh(
    State(app): State<App>,
    u: Pengguna,
    Path((unor, berkas)): Path<(String, String)>,
    Query(q): Query<RencanaQ>,
) -> Result<Response, Galat> {
    let f = match berkas.as_str() {
        "aksi.csv" => Format::Csv,
        "aksi.xlsx" => Format::Xlsx,
        _ => return Err(u.tidak_ada()),
    };
    let d = rencana_unit(&app, &u, &unor, q).await?;
    let kolom = ["nip", "nama", "aksi", "biaya", "jp", "poin"]
        .map(String::from)
        .to_vec();
    let baris = d
        .terpilih
        .iter()
        .map(|r| {
            vec![
                Sel::Teks(r.nip.clone()),
                Sel::Teks(r.nama.clone()),
                Sel::Teks(r.aksi.clone()),
                Sel::Angka(r.biaya as f64),
                Sel::Angka(f64::from(r.jp)),
                Sel::Angka(r.poin),
            ]
        })
        .collect();
    respond(
        Tabel::new(
            format!("rencana-{}-{}", d.unor.unor_id, d.tahun),
            kolom,
            baris,
        ),
        f,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_units_by_path_and_slider_steps() {
        let b = |path: &str| ipasn_store::rencana::Bahan {
            nip: String::new(),
            nama: String::new(),
            path: path.into(),
            jenjang_jabatan: String::new(),
            ip: 0,
            kategori: 0,
            dimensi: vec![],
        };
        let bahan = [
            b("00001."),
            b("00001.00002."),
            b("00001.00002.00007."),
            b("00001.00003."),
        ];
        assert_eq!(sub_unit("00001.", &bahan), vec![vec![1, 2], vec![3]]);
        assert_eq!(langkah(5_400_067_500), 100_000_000);
        assert_eq!(langkah(1_666_000_000), 20_000_000);
        assert_eq!(langkah(50), 1);
        assert_eq!(
            (simpul(500), simpul(10_501), simpul(100_000)),
            (2_000, 190, 100)
        );
    }
}
