//! Downloads: every table a page shows, as CSV (UTF-8 with BOM, so Excel opens it correctly) or
//! XLSX. They use the same data and the same access checks as the pages.
//!
//! Every download is written by the one table writer, [`ipasn_data::tabel::tulis`], which
//! neutralises formula-looking text. Each column says what its cells are: scores, percentages
//! and counts are numbers (number cells in XLSX, so a spreadsheet sums them; in CSV the decimal
//! as the page shows it, `71.38`), identifiers such as NIPs and unit ids are text. An XLSX
//! download of a unit's figures carries the unit, the year and the rule set in title rows above
//! the header; a CSV download has none, so programs (and the upload forms, for the standards
//! and the dictionary) read its header from the first line.

use crate::App;
use crate::auth::Pengguna;
use data::{SaringPegawai, TahunQ};

/// The view models the tables come from (each lives in its feature's module).
mod data {
    pub use crate::asesmen::aturan_asesmen;
    pub use crate::dasbor::dasbor;
    pub use crate::impor::{masalah_teks, satu_impor};
    pub use crate::pegawai::{SaringPegawai, daftar_pegawai};
    pub use crate::talenta::talenta;
    pub use crate::tampilan::{TahunQ, trim};
}
use crate::galat::Galat;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use ipasn_data::tabel::tulis::{self, Sel};

/// The download routes.
pub fn routes() -> Router<App> {
    Router::new()
        .route("/unor/{unor}/tabel/{berkas}", get(tabel))
        .route("/unor/{unor}/pegawai.csv", get(pegawai_csv))
        .route("/unor/{unor}/pegawai.xlsx", get(pegawai_xlsx))
        .route("/unor/{unor}/peringkat.csv", get(peringkat_csv))
        .route("/asesmen/standar.csv", get(standar_csv))
        .route("/asesmen/kamus.csv", get(kamus_csv))
        .route("/impor/{id}/masalah.csv", get(masalah_csv))
        .route("/impor/{id}/masalah.xlsx", get(masalah_xlsx))
        .route("/impor/templat-paket.xlsx", get(templat_paket))
        .route("/audit.csv", get(audit_csv))
        .route("/audit.xlsx", get(audit_xlsx))
}

/// Entries in one download of the audit log.
const AUDIT_MAKS: i64 = 100_000;

/// The audit log as the page filters it, every match (up to [`AUDIT_MAKS`]): the time in the
/// instansi's zone and in UTC, who, the action in words and its code, on what, the details.
async fn audit_tabel(app: &App, u: &Pengguna, q: crate::audit::AuditQ) -> Result<Tabel, Galat> {
    let entri = crate::audit::audit(app, u, &q, AUDIT_MAKS).await?;
    let nama = crate::audit::NamaAkun::of(app).await?;
    let t = u.t();
    let kolom = [
        "no",
        "waktu",
        "waktu_utc",
        "username",
        "nama",
        "aksi",
        "kode_aksi",
        "objek",
        "rincian",
    ]
    .map(|k| t.s(k).to_string())
    .to_vec();
    let baris = entri
        .iter()
        .map(|e| {
            vec![
                e.id.into(),
                crate::tampilan::waktu(&e.waktu, u.lang, u.zona).into(),
                e.waktu.as_str().into(),
                e.username.as_str().into(),
                nama.nama(&e.username).into(),
                t.aksi(&e.aksi).into(),
                e.aksi.as_str().into(),
                e.objek.as_str().into(),
                e.rincian.as_str().into(),
            ]
        })
        .collect();
    let mut tabel = Tabel::new("audit".into(), kolom, baris);
    tabel.isi.judul = vec![t.s("audit").to_string()];
    Ok(tabel)
}

async fn audit_csv(
    State(app): State<App>,
    u: Pengguna,
    Query(q): Query<crate::audit::AuditQ>,
) -> Result<Response, Galat> {
    respond(audit_tabel(&app, &u, q).await?, Format::Csv)
}

async fn audit_xlsx(
    State(app): State<App>,
    u: Pengguna,
    Query(q): Query<crate::audit::AuditQ>,
) -> Result<Response, Galat> {
    respond(audit_tabel(&app, &u, q).await?, Format::Xlsx)
}

/// The package template (`ipasn_data::paket::templat`): the six sheets with their columns and
/// an example row, and the instructions in the user's language.
async fn templat_paket(u: Pengguna) -> Result<Response, Galat> {
    if !u.boleh_impor() {
        return Err(u.terlarang());
    }
    let bytes = ipasn_data::paket::templat(u.lang).map_err(|e| Galat::Server(e, false))?;
    Ok((
        [
            (header::CONTENT_TYPE, XLSX_TYPE),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"templat-paket-ipasn.xlsx\"",
            ),
        ],
        bytes,
    )
        .into_response())
}

const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A table to download.
pub struct Tabel {
    /// File name without extension.
    pub nama: String,
    /// Title rows (XLSX only), the header and the rows.
    pub isi: tulis::Tabel,
}

impl Tabel {
    pub(crate) fn new(nama: String, kolom: Vec<String>, baris: Vec<Vec<Sel>>) -> Tabel {
        Tabel {
            nama,
            isi: tulis::Tabel::new(kolom, baris),
        }
    }

    /// With title rows: the unit, then the year and the rule set.
    fn judul(
        mut self,
        u: &Pengguna,
        unor: &ipasn_store::baca::Unor,
        tahun: i64,
        aturan: &str,
    ) -> Tabel {
        let t = u.t();
        self.isi.judul = vec![
            format!("{} ({})", unor.nama, unor.unor_id),
            format!("{} {tahun} · {}: {aturan}", t.s("tahun"), t.s("aturan")),
        ];
        self
    }
}

/// Whether a file is CSV or XLSX.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CSV.
    Csv,
    /// XLSX.
    Xlsx,
}

/// Encodes a table with the shared writer ([`ipasn_data::tabel::tulis`]): CSV with a BOM and
/// without the title rows, or XLSX with them and a bold header.
pub fn encode(mut t: tulis::Tabel, f: Format) -> Result<Vec<u8>, String> {
    match f {
        Format::Csv => {
            t.judul.clear();
            Ok(t.csv())
        }
        Format::Xlsx => t.xlsx(None),
    }
}

pub(crate) fn respond(t: Tabel, f: Format) -> Result<Response, Galat> {
    let disp = format!(
        "attachment; filename=\"{}.{}\"",
        t.nama.replace(['"', '\\', '/'], "_"),
        match f {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    );
    let bytes = encode(t.isi, f).map_err(|e| Galat::Server(e, false))?;
    let ct = match f {
        Format::Csv => "text/csv; charset=utf-8",
        Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };
    Ok((
        [
            (header::CONTENT_TYPE, ct.to_string()),
            (header::CONTENT_DISPOSITION, disp),
        ],
        bytes,
    )
        .into_response())
}

fn split_ext(berkas: &str) -> Option<(&str, Format)> {
    let (n, e) = berkas.rsplit_once('.')?;
    Some((
        n,
        match e {
            "csv" => Format::Csv,
            "xlsx" => Format::Xlsx,
            _ => return None,
        },
    ))
}

/// A number as the page shows it (two decimals at most: `71.38`, `40`), as a number cell.
fn angka(x: f64) -> Sel {
    Sel::Angka(data::trim(x).parse().unwrap_or(x))
}

/// A number, or an empty cell.
fn opt(x: &Option<f64>) -> Sel {
    x.map_or(Sel::Kosong, angka)
}

/// Text, or an empty cell.
fn teks(x: &Option<String>) -> Sel {
    x.as_deref().into()
}

async fn tabel(
    State(app): State<App>,
    u: Pengguna,
    Path((unor, berkas)): Path<(String, String)>,
    Query(q): Query<TahunQ>,
) -> Result<Response, Galat> {
    let Some((nama, f)) = split_ext(&berkas) else {
        return Err(u.tidak_ada());
    };
    let Some(d) = data::dasbor(&app, &u, Some(&unor), q.tahun).await? else {
        return Err(u.tidak_ada());
    };
    let t = u.t();
    let s = |k: &str| t.s(k).to_string();
    let (kolom, baris): (Vec<String>, Vec<Vec<Sel>>) = match nama {
        "kategori" => (
            vec![s("kategori"), s("jumlah"), s("persen")],
            d.kategori_list
                .iter()
                .map(|k| vec![k.nama.as_str().into(), k.jumlah.into(), angka(k.persen)])
                .collect(),
        ),
        "dimensi" => (
            vec![s("dimensi"), s("rerata"), s("maks"), "%".into()],
            d.dimensi
                .iter()
                .map(|x| {
                    vec![
                        x.nama.as_str().into(),
                        opt(&x.rerata),
                        angka(x.maks),
                        opt(&x.persen),
                    ]
                })
                .collect(),
        ),
        "tren" => (
            vec![
                s("tahun"),
                s("rerata_ip"),
                s("target"),
                s("diukur"),
                s("partisipasi"),
            ],
            d.tren
                .iter()
                .map(|x| {
                    vec![
                        x.tahun.into(),
                        opt(&x.ip),
                        angka(x.target),
                        x.diukur.into(),
                        angka(x.partisipasi),
                    ]
                })
                .collect(),
        ),
        "subunit" => (
            vec![
                "unor_id".into(),
                s("unit"),
                s("rerata_ip"),
                s("kategori"),
                s("diukur"),
                s("pegawai"),
                s("partisipasi"),
            ],
            d.sub_unit
                .iter()
                .map(|x| {
                    vec![
                        x.unor_id.as_str().into(),
                        x.nama.as_str().into(),
                        opt(&x.ip),
                        teks(&x.kategori),
                        x.diukur.into(),
                        x.pegawai.into(),
                        angka(x.partisipasi),
                    ]
                })
                .collect(),
        ),
        _ => return Err(u.tidak_ada()),
    };
    let nama = format!("{nama}-{}-{}", d.unor.unor_id, d.tahun);
    let tabel = Tabel::new(nama, kolom, baris).judul(&u, &d.unor, d.tahun, &d.aturan);
    respond(tabel, f)
}

/// Rows in one download of the pegawai list (an Excel sheet holds 1,048,576 rows).
const PEGAWAI_MAKS: i64 = 1_000_000;

async fn pegawai_tabel(
    app: &App,
    u: &Pengguna,
    unor: &str,
    s: SaringPegawai,
) -> Result<Tabel, Galat> {
    let s = SaringPegawai { hal: Some(1), ..s };
    let d = data::daftar_pegawai(app, u, unor, s, Some(PEGAWAI_MAKS)).await?;
    u.catat(
        app,
        "unduh_pegawai",
        unor,
        &format!("{} baris", d.baris.len()),
    )
    .await?;
    let kolom = [
        "nip",
        "nama",
        "unor_id",
        "jenis_jabatan",
        "jenjang_jabatan",
        "kualifikasi",
        "kompetensi",
        "kinerja",
        "disiplin",
        "ip",
        "kategori",
        "flags",
        "nama_unor",
        "nama_jabatan",
    ]
    .map(String::from)
    .to_vec();
    let baris = d
        .baris
        .iter()
        .map(|p| {
            vec![
                p.nip.as_str().into(),
                p.nama.as_str().into(),
                p.unor_id.as_str().into(),
                p.jenis_jabatan.as_str().into(),
                p.jenjang_jabatan.as_str().into(),
                angka(p.kualifikasi),
                angka(p.kompetensi),
                angka(p.kinerja),
                angka(p.disiplin),
                angka(p.ip),
                p.kategori.as_str().into(),
                p.flags.join(";").into(),
                p.nama_unor.as_str().into(),
                p.nama_jabatan.as_str().into(),
            ]
        })
        .collect();
    let nama = format!("pegawai-{}-{}", d.unor.unor_id, d.tahun);
    Ok(Tabel::new(nama, kolom, baris).judul(u, &d.unor, d.tahun, &d.aturan))
}

async fn pegawai_csv(
    State(app): State<App>,
    u: Pengguna,
    Path(unor): Path<String>,
    Query(s): Query<SaringPegawai>,
) -> Result<Response, Galat> {
    respond(pegawai_tabel(&app, &u, &unor, s).await?, Format::Csv)
}

async fn pegawai_xlsx(
    State(app): State<App>,
    u: Pengguna,
    Path(unor): Path<String>,
    Query(s): Query<SaringPegawai>,
) -> Result<Response, Galat> {
    respond(pegawai_tabel(&app, &u, &unor, s).await?, Format::Xlsx)
}

async fn masalah_tabel(app: &App, u: &Pengguna, id: i64) -> Result<Tabel, Galat> {
    let (_, m) = data::satu_impor(app, u, id).await?;
    let t = u.t();
    let kolom = [
        "tingkat",
        "sheet",
        "baris",
        "kolom",
        "nilai",
        "masalah",
        "perbaikan",
    ]
    .map(|k| t.s(k).to_string())
    .to_vec();
    let baris = m
        .iter()
        .map(|m| {
            let (msg, fix) = data::masalah_teks(m, u.lang);
            vec![
                t.s(if m.is_error() {
                    "tingkat_galat"
                } else {
                    "tingkat_peringatan"
                })
                .into(),
                m.sheet.as_str().into(),
                m.baris.map(i64::from).into(),
                teks(&m.kolom),
                teks(&m.nilai),
                msg.into(),
                fix.into(),
            ]
        })
        .collect();
    Ok(Tabel::new(format!("masalah-impor-{id}"), kolom, baris))
}

async fn masalah_csv(
    State(app): State<App>,
    u: Pengguna,
    Path(id): Path<i64>,
) -> Result<Response, Galat> {
    respond(masalah_tabel(&app, &u, id).await?, Format::Csv)
}

async fn masalah_xlsx(
    State(app): State<App>,
    u: Pengguna,
    Path(id): Path<i64>,
) -> Result<Response, Galat> {
    respond(masalah_tabel(&app, &u, id).await?, Format::Xlsx)
}

async fn peringkat_csv(
    State(app): State<App>,
    u: Pengguna,
    Path(unor): Path<String>,
    Query(q): Query<TahunQ>,
) -> Result<Response, Galat> {
    let d = data::talenta(&app, &u, &unor, q.tahun, None).await?;
    // Without the detail (a pimpinan not granted it) the scores are left out, columns and all:
    // the composite with the IP and the performance gives back the potential and the test score.
    let skor = ["komposit", "jpm", "potensi"];
    let kolom = [
        "kelompok",
        "peringkat",
        "dari",
        "nip",
        "nama",
        "unor_id",
        "komposit",
        "ip",
        "jpm",
        "potensi",
        "kategori_potensi",
        "kinerja",
        "kotak",
        "jalur_cepat",
    ];
    let keep: Vec<bool> = kolom
        .iter()
        .map(|k| d.detail || !skor.contains(k))
        .collect();
    fn pilih_kolom<T>(row: Vec<T>, keep: &[bool]) -> Vec<T> {
        row.into_iter()
            .zip(keep)
            .filter(|(_, k)| **k)
            .map(|(v, _)| v)
            .collect()
    }
    let baris = d
        .orang
        .iter()
        .map(|o| {
            let row: Vec<Sel> = vec![
                o.jenjang_jabatan.as_str().into(),
                (o.peringkat as i64).into(),
                (o.dari as i64).into(),
                o.nip.as_str().into(),
                o.nama.as_str().into(),
                o.unor_id.as_str().into(),
                opt(&o.komposit),
                angka(o.ip),
                opt(&o.jpm),
                opt(&o.potensi),
                teks(&o.kategori_potensi),
                teks(&o.kinerja),
                o.kotak.map(i64::from).into(),
                if o.jalur_cepat { "ya" } else { "" }.into(),
            ];
            pilih_kolom(row, &keep)
        })
        .collect();
    let kolom = pilih_kolom(kolom.map(String::from).to_vec(), &keep);
    let nama = format!("peringkat-{}-{}", d.unor.unor_id, d.tahun);
    respond(Tabel::new(nama, kolom, baris), Format::Csv)
}

/// The position standards in force, as the file to adapt and upload again; without stored ones,
/// the defaults per jenjang for the nine competencies.
async fn standar_csv(State(app): State<App>, u: Pengguna) -> Result<Response, Galat> {
    if !u.admin() {
        return Err(u.terlarang());
    }
    let mut baris: Vec<(String, String, f64)> = ipasn_store::asesmen::standar(&app.db)
        .await?
        .into_iter()
        .map(|((j, k), l)| (j, k, l))
        .collect();
    if baris.is_empty() {
        let a = data::aturan_asesmen(&app).await?;
        for (jenjang, level) in &a.standar {
            for kode in a.kompetensi.keys() {
                baris.push((jenjang.clone(), kode.clone(), *level));
            }
        }
    }
    baris.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    let baris = baris
        .into_iter()
        .map(|(j, k, l)| vec![j.into(), k.into(), angka(l)])
        .collect();
    let kolom = vec!["jabatan".into(), "kompetensi".into(), "level".into()];
    respond(
        Tabel::new("standar-kompetensi".into(), kolom, baris),
        Format::Csv,
    )
}

/// The dictionary in force in the import format (`kompetensi, nama, level, deskripsi, indikator`;
/// indicators one per line), to adapt and upload again.
async fn kamus_csv(State(app): State<App>, _u: Pengguna) -> Result<Response, Galat> {
    let k = ipasn_store::asesmen::kamus(&app.db).await?;
    let baris = k
        .entri
        .iter()
        .map(|((kode, level), e)| {
            vec![
                kode.as_str().into(),
                e.nama.as_str().into(),
                (*level).into(),
                e.deskripsi.as_str().into(),
                e.indikator.join("\n").into(),
            ]
        })
        .collect();
    let kolom = ["kompetensi", "nama", "level", "deskripsi", "indikator"]
        .map(String::from)
        .to_vec();
    respond(
        Tabel::new("kamus-kompetensi".into(), kolom, baris),
        Format::Csv,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn downloads_go_through_the_shared_writer_and_csv_has_no_titles() {
        let t = || tulis::Tabel {
            judul: vec!["Dinas Contoh (K)".into()],
            kolom: vec!["nama".into(), "n".into(), "ip".into()],
            baris: vec![vec!["=1+1".into(), angka(-0.5), opt(&None)]],
        };
        let bytes = encode(t(), Format::Csv).unwrap();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "\u{feff}nama,n,ip\n'=1+1,-0.5,\n"
        );
        assert!(encode(t(), Format::Xlsx).unwrap().starts_with(b"PK"));
    }

    #[test]
    fn numbers_are_rounded_as_the_page_shows_them() {
        for (x, csv) in [
            (71.3751, "71.38"),
            (40.0, "40"),
            (22.5, "22.5"),
            (88.8889, "88.89"),
        ] {
            let mut out = vec![];
            let Sel::Angka(y) = angka(x) else { panic!() };
            tulis::angka_csv(&mut out, y);
            assert_eq!(
                (String::from_utf8(out).unwrap(), data::trim(x)),
                (csv.into(), csv.into())
            );
        }
    }
}
