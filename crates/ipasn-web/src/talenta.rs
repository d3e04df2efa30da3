//! Talent management: the nine-box of a unit's subtree, the talent pool, ranking within jenjang
//! groups and calibrations (audited) — view model, page (the grid and a paged, searchable table
//! of the placed persons), one person's calibration form, and the API (everyone, unpaged).

use crate::App;
use crate::asesmen::{aturan_asesmen, hari_ini, skj, ymd};
use crate::auth::Pengguna;
use crate::galat::Galat;
use crate::tampilan::{Nav, half, pilih_tahun, render};
use crate::teks::T;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Json, Router};
use ipasn_store::akun::Peran;
use ipasn_store::baca::{self, Unor};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// The talent routes.
pub fn routes() -> Router<App> {
    Router::new()
        .route("/unor/{unor}/talenta", get(talenta_page))
        .route(
            "/unor/{unor}/talenta/kalibrasi",
            get(kalibrasi_page).post(kalibrasi),
        )
        .route("/api/unor/{unor}/talenta", get(api_talenta))
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
                        TanpaKotak::Kedaluwarsa => T(lang).s("assessment_result_expired"),
                        TanpaKotak::BelumDinilai => T(lang).s("no_assessment_or_test_yet"),
                        TanpaKotak::TanpaPredikat => T(lang).s("no_skp_predikat_this_year"),
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

#[derive(Deserialize)]
struct TalentaQ {
    tahun: Option<i64>,
    kotak: Option<u8>,
    cari: Option<String>,
    hal: Option<usize>,
}

/// Rows per page of the talent table.
pub const PER_HALAMAN: usize = 50;

/// Where a table page is: the box, the search and the page, kept in links and through a
/// calibration.
#[derive(Clone, Debug, Default)]
struct Posisi {
    kotak: Option<u8>,
    cari: Option<String>,
    hal: Option<usize>,
}

impl Posisi {
    fn cari(&self) -> Option<&str> {
        self.cari
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
    }

    /// The query string of the year and this position (without the page when `hal` is false).
    fn query(&self, tahun: i64, hal: bool) -> String {
        let mut pairs = vec![("tahun", tahun.to_string())];
        if let Some(k) = self.kotak {
            pairs.push(("kotak", k.to_string()));
        }
        if let Some(c) = self.cari() {
            pairs.push(("cari", c.to_string()));
        }
        if let Some(h) = self.hal.filter(|_| hal) {
            pairs.push(("hal", h.to_string()));
        }
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }
}

/// The page numbers to link: the first, the last and two either side of `hal`; `None` marks a
/// gap.
fn nomor_halaman(hal: usize, jumlah: usize) -> Vec<Option<usize>> {
    let mut out = Vec::new();
    let mut last = 0;
    for n in 1..=jumlah {
        if n == 1 || n == jumlah || n.abs_diff(hal) <= 2 {
            if n > last + 1 {
                out.push(None);
            }
            out.push(Some(n));
            last = n;
        }
    }
    out
}

/// Whether a placed person matches the box and the search (NIP or name, any case).
fn cocok(o: &OrangTalenta, kotak: Option<u8>, cari: Option<&str>) -> bool {
    o.kotak.is_some()
        && (kotak.is_none() || o.kotak == kotak)
        && cari
            .is_none_or(|c| o.nip.contains(c) || o.nama.to_lowercase().contains(&c.to_lowercase()))
}

#[derive(Template)]
#[template(path = "talenta.html")]
struct TalentaPage {
    nav: Nav,
    /// The board; its `orang` is emptied (the page's rows are in `baris`).
    d: Talenta,
    /// This page's rows.
    baris: Vec<OrangTalenta>,
    /// Rows matching, in all.
    total: usize,
    /// "N persons; rows a–b" (or that none matches).
    ringkasan: String,
    halaman: usize,
    jumlah_halaman: usize,
    nomor: Vec<Option<usize>>,
    cari: String,
    /// The year, box and search, for the page links.
    query: String,
    /// The same with the page, for the calibration links (to come back to this page).
    query_hal: String,
}

async fn talenta_page(
    State(app): State<App>,
    u: Pengguna,
    Path(unor): Path<String>,
    Query(q): Query<TalentaQ>,
) -> Result<Response, Galat> {
    let mut d = talenta(&app, &u, &unor, q.tahun, q.kotak).await?;
    let cari = q.cari.as_deref().map(str::trim).filter(|c| !c.is_empty());
    let mut cocok: Vec<OrangTalenta> = std::mem::take(&mut d.orang)
        .into_iter()
        .filter(|o| cocok(o, q.kotak, cari))
        .collect();
    let total = cocok.len();
    let jumlah_halaman = total.div_ceil(PER_HALAMAN).max(1);
    let halaman = q.hal.unwrap_or(1).clamp(1, jumlah_halaman);
    let baris: Vec<OrangTalenta> = cocok
        .drain(..)
        .skip((halaman - 1) * PER_HALAMAN)
        .take(PER_HALAMAN)
        .collect();
    let posisi = Posisi {
        kotak: q.kotak,
        cari: cari.map(str::to_string),
        hal: Some(halaman),
    };
    let t = u.t();
    let awal = (halaman - 1) * PER_HALAMAN;
    let ringkasan = if total == 0 {
        t.s("tidak_ada_yang_cocok").to_string()
    } else {
        t.f(
            "talenta_baris",
            &[
                &t.angka(total),
                &t.angka(awal + 1),
                &t.angka(awal + baris.len()),
            ],
        )
    };
    render(&TalentaPage {
        nav: Nav::of(&u),
        ringkasan,
        query: posisi.query(d.tahun, false),
        query_hal: posisi.query(d.tahun, true),
        cari: cari.unwrap_or_default().to_string(),
        nomor: nomor_halaman(halaman, jumlah_halaman),
        baris,
        total,
        halaman,
        jumlah_halaman,
        d,
    })
}

#[derive(Deserialize)]
struct KalibrasiQ {
    tahun: Option<i64>,
    nip: String,
    kotak: Option<u8>,
    cari: Option<String>,
    hal: Option<usize>,
}

#[derive(Template)]
#[template(path = "talenta_kalibrasi.html")]
struct KalibrasiPage {
    nav: Nav,
    unor: Unor,
    tahun: i64,
    detail: bool,
    o: OrangTalenta,
    /// The boxes 1–9 with their recommended actions.
    pilihan: Vec<Kotak>,
    posisi: Posisi,
    /// Back to the table page the form was opened from.
    kembali: String,
}

/// One person's calibration form (admin and analis): their box, the rules' box, the latest
/// calibration, and the form that posts to the calibration.
async fn kalibrasi_page(
    State(app): State<App>,
    u: Pengguna,
    Path(unor): Path<String>,
    Query(q): Query<KalibrasiQ>,
) -> Result<Response, Galat> {
    if !matches!(u.akun.peran, Peran::Admin | Peran::Analis) {
        return Err(u.terlarang());
    }
    let d = talenta(&app, &u, &unor, q.tahun, None).await?;
    let Some(o) = d.orang.into_iter().find(|o| o.nip == q.nip) else {
        return Err(u.tidak_ada());
    };
    if o.kotak.is_none() {
        return Err(u.permintaan("person_box_calibrate_yet"));
    }
    let posisi = Posisi {
        kotak: q.kotak,
        cari: q.cari,
        hal: q.hal,
    };
    let mut pilihan: Vec<Kotak> = d.grid.into_iter().flatten().collect();
    pilihan.sort_by_key(|k| k.nomor);
    render(&KalibrasiPage {
        nav: Nav::of(&u),
        kembali: format!(
            "/unor/{}/talenta?{}",
            urlencoding(&d.unor.unor_id),
            posisi.query(d.tahun, true)
        ),
        unor: d.unor,
        tahun: d.tahun,
        detail: d.detail,
        o,
        pilihan,
        posisi,
    })
}

/// A path segment, percent-encoded.
fn urlencoding(s: &str) -> String {
    serde_urlencoded::to_string([("", s)])
        .unwrap_or_default()
        .trim_start_matches('=')
        .replace('+', "%20")
}

/// The calibration form.
#[derive(Deserialize)]
pub struct FormKalibrasi {
    tahun: i64,
    nip: String,
    ke: u8,
    alasan: String,
    // Where to come back to (optional): the table page the form was opened from.
    kotak: Option<u8>,
    cari: Option<String>,
    hal: Option<usize>,
}

async fn kalibrasi(
    State(app): State<App>,
    u: Pengguna,
    Path(unor): Path<String>,
    Form(f): Form<FormKalibrasi>,
) -> Result<Response, Galat> {
    if !matches!(u.akun.peran, Peran::Admin | Peran::Analis) {
        return Err(u.terlarang());
    }
    if !(1..=9).contains(&f.ke) {
        return Err(u.permintaan("box_1_9"));
    }
    let alasan = f.alasan.trim();
    if alasan.chars().count() < 10 {
        return Err(u.permintaan("write_reason_calibration_least"));
    }
    let d = talenta(&app, &u, &unor, Some(f.tahun), None).await?;
    let Some(o) = d.orang.iter().find(|o| o.nip == f.nip) else {
        return Err(u.tidak_ada());
    };
    let Some(dari) = o.kotak else {
        return Err(u.permintaan("person_box_calibrate_yet"));
    };
    ipasn_store::asesmen::kalibrasi(
        &app.db,
        d.tahun,
        &f.nip,
        dari as i64,
        f.ke as i64,
        alasan,
        &u.akun.username,
    )
    .await?;
    u.catat(
        &app,
        "kalibrasi",
        &f.nip,
        &serde_json::json!({"tahun": d.tahun, "dari": dari, "ke": f.ke, "alasan": alasan})
            .to_string(),
    )
    .await?;
    Ok(Redirect::to(&format!(
        "/unor/{}/talenta?{}",
        urlencoding(&unor),
        Posisi {
            kotak: f.kotak,
            cari: f.cari,
            hal: f.hal,
        }
        .query(d.tahun, true)
    ))
    .into_response())
}

async fn api_talenta(
    State(app): State<App>,
    u: Pengguna,
    Path(unor): Path<String>,
    Query(q): Query<TalentaQ>,
) -> Result<Json<Value>, Galat> {
    // Everyone, unpaged: the API's readers filter and page themselves.
    Ok(Json(json!(
        talenta(&app, &u, &unor, q.tahun, q.kotak).await?
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_keep_the_ends_and_the_neighbours() {
        let n = |v: &[usize]| v.iter().map(|&x| (x > 0).then_some(x)).collect::<Vec<_>>();
        assert_eq!(nomor_halaman(1, 1), n(&[1]));
        assert_eq!(nomor_halaman(1, 4), n(&[1, 2, 3, 4]));
        assert_eq!(nomor_halaman(1, 33), n(&[1, 2, 3, 0, 33]));
        assert_eq!(nomor_halaman(10, 33), n(&[1, 0, 8, 9, 10, 11, 12, 0, 33]));
        assert_eq!(nomor_halaman(4, 33), n(&[1, 2, 3, 4, 5, 6, 0, 33]));
        assert_eq!(nomor_halaman(33, 33), n(&[1, 0, 31, 32, 33]));
    }

    #[test]
    fn the_position_survives_in_the_query() {
        let p = Posisi {
            kotak: Some(9),
            cari: Some(" Budi S ".into()),
            hal: Some(3),
        };
        assert_eq!(p.query(2024, false), "tahun=2024&kotak=9&cari=Budi+S");
        assert_eq!(p.query(2024, true), "tahun=2024&kotak=9&cari=Budi+S&hal=3");
        assert_eq!(Posisi::default().query(2024, true), "tahun=2024");
        assert_eq!(urlencoding("a b/c"), "a%20b%2Fc");
    }
}
