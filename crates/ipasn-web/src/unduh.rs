//! Downloads: every table a page shows, as CSV (UTF-8 with BOM, so Excel opens it correctly) or
//! XLSX. They use the same data and the same access checks as the pages.

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
}

/// A table: header and rows of cells.
pub struct Tabel {
    /// File name without extension.
    pub nama: String,
    /// Column names.
    pub kolom: Vec<String>,
    /// Rows.
    pub baris: Vec<Vec<String>>,
}

/// Whether a file is CSV or XLSX.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CSV.
    Csv,
    /// XLSX.
    Xlsx,
}

/// Whether a cell is a plain decimal number (`12`, `-1.5`, `+3`, `71.38`): digits with an
/// optional sign and one decimal point, nothing else (not `1e5`, `inf`, `-` or `-.5`).
pub fn angka_polos(s: &str) -> bool {
    let s = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// A CSV cell as written: a cell a spreadsheet would read as a formula (starting with `=`, `+`,
/// `-`, `@`, a tab or a carriage return) gets a leading `'` (OWASP's advice for CSV injection),
/// so `=HYPERLINK(…)` opens as text; plain numbers (`-1.5`) stay numbers. Every CSV download of
/// the web application goes through here ([`encode`]); XLSX writes such cells as text cells.
pub fn sel_csv(s: &str) -> std::borrow::Cow<'_, str> {
    match s.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') if !angka_polos(s) => {
            std::borrow::Cow::Owned(format!("'{s}"))
        }
        _ => std::borrow::Cow::Borrowed(s),
    }
}

/// Encodes a table.
pub fn encode(t: &Tabel, f: Format) -> Result<Vec<u8>, String> {
    match f {
        Format::Csv => {
            let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
            for r in std::iter::once(&t.kolom).chain(&t.baris) {
                for c in r {
                    w.write_field(sel_csv(c).as_bytes())
                        .map_err(|e| e.to_string())?;
                }
                w.write_record(std::iter::empty::<&[u8]>())
                    .map_err(|e| e.to_string())?;
            }
            w.into_inner().map_err(|e| e.to_string())
        }
        Format::Xlsx => {
            let mut wb = rust_xlsxwriter::Workbook::new();
            let bold = rust_xlsxwriter::Format::new().set_bold();
            let ws = wb.add_worksheet();
            let e = |e: rust_xlsxwriter::XlsxError| e.to_string();
            for (c, k) in t.kolom.iter().enumerate() {
                ws.write_string_with_format(0, c as u16, k, &bold)
                    .map_err(e)?;
            }
            for (r, row) in t.baris.iter().enumerate() {
                for (c, v) in row.iter().enumerate() {
                    let (r, c) = (r as u32 + 1, c as u16);
                    // Numbers as numbers, except identifiers (NIPs keep all 18 digits as text).
                    match v.parse::<f64>() {
                        Ok(x) if v.len() < 15 && !v.starts_with('0') || v == "0" => {
                            ws.write_number(r, c, x).map_err(e)?
                        }
                        _ => ws.write_string(r, c, v).map_err(e)?,
                    };
                }
            }
            wb.save_to_buffer().map_err(e)
        }
    }
}

fn respond(t: Tabel, f: Format) -> Result<Response, Galat> {
    let bytes = encode(&t, f).map_err(|e| Galat::Server(e, false))?;
    let (ct, ext) = match f {
        Format::Csv => ("text/csv; charset=utf-8", "csv"),
        Format::Xlsx => (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
    };
    let disp = format!(
        "attachment; filename=\"{}.{ext}\"",
        t.nama.replace(['"', '\\', '/'], "_")
    );
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

fn opt(x: &Option<f64>) -> String {
    x.map(data::trim).unwrap_or_default()
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
    let (kolom, baris) = match nama {
        "kategori" => (
            vec![s("kategori"), s("jumlah"), s("persen")],
            d.kategori_list
                .iter()
                .map(|k| vec![k.nama.clone(), k.jumlah.to_string(), data::trim(k.persen)])
                .collect(),
        ),
        "dimensi" => (
            vec![s("dimensi"), s("rerata"), s("maks"), "%".into()],
            d.dimensi
                .iter()
                .map(|x| {
                    vec![
                        x.nama.clone(),
                        opt(&x.rerata),
                        data::trim(x.maks),
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
                        x.tahun.to_string(),
                        opt(&x.ip),
                        data::trim(x.target),
                        x.diukur.to_string(),
                        data::trim(x.partisipasi),
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
                        x.unor_id.clone(),
                        x.nama.clone(),
                        opt(&x.ip),
                        x.kategori.clone().unwrap_or_default(),
                        x.diukur.to_string(),
                        x.pegawai.to_string(),
                        data::trim(x.partisipasi),
                    ]
                })
                .collect(),
        ),
        _ => return Err(u.tidak_ada()),
    };
    respond(
        Tabel {
            nama: format!("{nama}-{}-{}", d.unor.unor_id, d.tahun),
            kolom,
            baris,
        },
        f,
    )
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
    ]
    .map(String::from)
    .to_vec();
    let baris = d
        .baris
        .iter()
        .map(|p| {
            vec![
                p.nip.clone(),
                p.nama.clone(),
                p.unor_id.clone(),
                p.jenis_jabatan.clone(),
                p.jenjang_jabatan.clone(),
                data::trim(p.kualifikasi),
                data::trim(p.kompetensi),
                data::trim(p.kinerja),
                data::trim(p.disiplin),
                data::trim(p.ip),
                p.kategori.clone(),
                p.flags.join(";"),
            ]
        })
        .collect();
    Ok(Tabel {
        nama: format!("pegawai-{}-{}", d.unor.unor_id, d.tahun),
        kolom,
        baris,
    })
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
                if m.is_error() {
                    u.lang.pick("galat", "error")
                } else {
                    u.lang.pick("peringatan", "warning")
                }
                .to_string(),
                m.sheet.clone(),
                m.baris.map(|b| b.to_string()).unwrap_or_default(),
                m.kolom.clone().unwrap_or_default(),
                m.nilai.clone().unwrap_or_default(),
                msg.to_string(),
                fix.to_string(),
            ]
        })
        .collect();
    Ok(Tabel {
        nama: format!("masalah-impor-{id}"),
        kolom,
        baris,
    })
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
    let pick = |row: Vec<String>| -> Vec<String> {
        row.into_iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|(v, _)| v)
            .collect()
    };
    let baris = d
        .orang
        .iter()
        .map(|o| {
            pick(vec![
                o.jenjang_jabatan.clone(),
                o.peringkat.to_string(),
                o.dari.to_string(),
                o.nip.clone(),
                o.nama.clone(),
                o.unor_id.clone(),
                opt(&o.komposit),
                data::trim(o.ip),
                opt(&o.jpm),
                opt(&o.potensi),
                o.kategori_potensi.clone().unwrap_or_default(),
                o.kinerja.clone().unwrap_or_default(),
                o.kotak.map(|k| k.to_string()).unwrap_or_default(),
                if o.jalur_cepat { "ya" } else { "" }.to_string(),
            ])
        })
        .collect();
    respond(
        Tabel {
            nama: format!("peringkat-{}-{}", d.unor.unor_id, d.tahun),
            kolom: pick(kolom.map(String::from).to_vec()),
            baris,
        },
        Format::Csv,
    )
}

/// The position standards in force, as the file to adapt and upload again; without stored ones,
/// the defaults per jenjang for the nine competencies.
async fn standar_csv(State(app): State<App>, u: Pengguna) -> Result<Response, Galat> {
    if !u.admin() {
        return Err(u.terlarang());
    }
    let mut baris: Vec<Vec<String>> = ipasn_store::asesmen::standar(&app.db)
        .await?
        .into_iter()
        .map(|((j, k), l)| vec![j, k, data::trim(l)])
        .collect();
    if baris.is_empty() {
        let a = data::aturan_asesmen(&app).await?;
        for (jenjang, level) in &a.standar {
            for kode in a.kompetensi.keys() {
                baris.push(vec![jenjang.clone(), kode.clone(), data::trim(*level)]);
            }
        }
    }
    baris.sort();
    respond(
        Tabel {
            nama: "standar-kompetensi".into(),
            kolom: vec!["jabatan".into(), "kompetensi".into(), "level".into()],
            baris,
        },
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
                kode.clone(),
                e.nama.clone(),
                level.to_string(),
                e.deskripsi.clone(),
                e.indikator.join("\n"),
            ]
        })
        .collect();
    let kolom = ["kompetensi", "nama", "level", "deskripsi", "indikator"]
        .map(String::from)
        .to_vec();
    respond(
        Tabel {
            nama: "kamus-kompetensi".into(),
            kolom,
            baris,
        },
        Format::Csv,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_and_numbers_kept() {
        for (cell, out) in [
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "'=HYPERLINK(\"http://x\",\"y\")",
            ),
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
            ("+SUM(1)", "'+SUM(1)"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("-", "'-"),
            ("-inf", "'-inf"),
            ("-1e5", "'-1e5"),
            ("-.5", "'-.5"),
            ("-1.", "'-1."),
            ("-1.5", "-1.5"),
            ("-12", "-12"),
            ("+3", "+3"),
            ("71.38", "71.38"),
            ("Contoh A", "Contoh A"),
            ("198001012005011001", "198001012005011001"),
            ("", ""),
            ("a=b", "a=b"),
        ] {
            assert_eq!(sel_csv(cell), out, "{cell:?}");
        }
        let t = Tabel {
            nama: "x".into(),
            kolom: vec!["nama".into(), "n".into()],
            baris: vec![vec!["=1+1".into(), "-0.5".into()]],
        };
        let bytes = encode(&t, Format::Csv).unwrap();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "\u{feff}nama,n\n'=1+1,-0.5\n"
        );
    }
}
