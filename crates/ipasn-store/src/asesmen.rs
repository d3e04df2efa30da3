//! Competency assessment results from an assessment center or an external provider: a CSV or
//! XLSX file of `nip, kompetensi, level, tanggal[, sumber]`, checked row by row and stored all or
//! nothing, like a data package.

use crate::impor::{Masalah, finish, mulai, today};
use crate::{Db, StoreError, with_pool, with_tx};
use ipasn_asesmen::Aturan;
use ipasn_data::lembar::Value;
use ipasn_data::masalah::{Kind, Level, Problem};
use ipasn_data::nilai;
use serde::Serialize;
use serde_json::json;
use std::collections::{HashMap, HashSet};

/// The lembar name problems are reported under.
const LEMBAR: &str = "asesmen";

/// One stored result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Baris {
    /// NIP.
    pub nip: String,
    /// Competency code (`M.01` … `SK.01`, `T.…`).
    pub kode: String,
    /// Level achieved.
    pub level: f64,
    /// Assessment date (ISO).
    pub tanggal: String,
    /// Who assessed.
    pub sumber: String,
}

fn cells_of(nama: &str, isi: &[u8]) -> Result<Vec<Vec<String>>, String> {
    if isi.starts_with(b"PK") {
        use calamine::Reader;
        let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(isi.to_vec()))
            .map_err(|e| format!("{nama}: {e}"))?;
        let first = wb.sheet_names().first().cloned().ok_or("the workbook has no sheet")?;
        let range = wb.worksheet_range(&first).map_err(|e| e.to_string())?;
        return Ok(range
            .rows()
            .map(|r| {
                r.iter()
                    .map(|c| match c {
                        calamine::Data::DateTime(d) => {
                            ipasn_data::lembar::excel_serial(d.as_f64(), false).map(|t| t.to_string()).unwrap_or_default()
                        }
                        other => other.to_string(),
                    })
                    .collect()
            })
            .collect());
    }
    let text = match std::str::from_utf8(isi) {
        Ok(t) => t.trim_start_matches('\u{feff}').to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(isi).0.into_owned(),
    };
    let first = text.lines().next().unwrap_or("");
    let delim = if first.contains(';') && !first.contains(',') { b';' } else { b',' };
    let mut r = csv::ReaderBuilder::new().delimiter(delim).has_headers(false).flexible(true).from_reader(text.as_bytes());
    r.records().map(|rec| rec.map(|r| r.iter().map(str::to_string).collect()).map_err(|e| e.to_string())).collect()
}

/// Reads and checks a results file against the persons stored (`nips`). Every problem of the
/// file is returned at once.
pub fn baca(nama: &str, isi: &[u8], nips: &HashSet<String>, aturan: &Aturan) -> Result<Vec<Baris>, Vec<Masalah>> {
    let unreadable = |why: String| vec![Masalah::of(&Problem::sheet(Level::Error, nama, Kind::Unreadable(why)))];
    let rows = cells_of(nama, isi).map_err(unreadable)?;
    let Some(header) = rows.first() else { return Err(unreadable("empty file".into())) };
    let col = |name: &str| header.iter().position(|h| h.trim().eq_ignore_ascii_case(name));
    let mut problems: Vec<Problem> = vec![];
    let mut need = |name: &str| {
        let c = col(name);
        if c.is_none() {
            problems.push(Problem::at(Level::Error, LEMBAR, 1, name, "", Kind::MissingColumn));
        }
        c
    };
    let (c_nip, c_kode, c_level, c_tanggal) = (need("nip"), need("kompetensi"), need("level"), need("tanggal"));
    let c_sumber = col("sumber");
    let (Some(c_nip), Some(c_kode), Some(c_level), Some(c_tanggal)) = (c_nip, c_kode, c_level, c_tanggal) else {
        return Err(problems.iter().map(Masalah::of).collect());
    };
    let t = today();
    let mut out = vec![];
    let mut seen: HashMap<(String, String, String), u32> = HashMap::new();
    let step = aturan.asesmen.langkah_level;
    for (i, r) in rows.iter().enumerate().skip(1) {
        let row = i as u32 + 1;
        let cell = |c: usize| r.get(c).map(|s| s.trim()).unwrap_or("");
        if r.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut bad = |column: &str, value: &str, kind: Kind| problems.push(Problem::at(Level::Error, LEMBAR, row, column, value, kind));
        let nip = match nilai::nip(&Value::Text(cell(c_nip)), t) {
            Ok(n) if nips.contains(&n.to_string()) => Some(n.to_string()),
            Ok(_) => {
                bad("nip", cell(c_nip), Kind::NipUnknown);
                None
            }
            Err(k) => {
                bad("nip", cell(c_nip), k);
                None
            }
        };
        let kode = cell(c_kode).to_uppercase();
        if !aturan.kode_sah(&kode) {
            bad("kompetensi", cell(c_kode), Kind::Choice(&["M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01", "T.<kode teknis>"]));
        }
        let level = cell(c_level).replace(',', ".").parse::<f64>().ok();
        match level {
            None => bad("level", cell(c_level), Kind::Number),
            Some(l) if ipasn_asesmen::integrasi::cek_level(aturan, l).is_err() => {
                bad("level", cell(c_level), Kind::Range { min: "1".into(), max: format!("5 (langkah/step {step})") })
            }
            _ => {}
        }
        let tanggal = match nilai::tanggal(&Value::Text(cell(c_tanggal)), false) {
            Ok(Some(d)) if d <= t => Some(d.to_string()),
            Ok(Some(_)) => {
                bad("tanggal", cell(c_tanggal), Kind::Range { min: "-".into(), max: t.to_string() });
                None
            }
            Ok(None) => {
                bad("tanggal", cell(c_tanggal), Kind::Required);
                None
            }
            Err(k) => {
                bad("tanggal", cell(c_tanggal), k);
                None
            }
        };
        if let (Some(nip), Some(level), Some(tanggal)) = (nip, level, tanggal) {
            if let Some(first) = seen.insert((nip.clone(), kode.clone(), tanggal.clone()), row) {
                bad("kompetensi", cell(c_kode), Kind::Duplicate { first_row: first });
                continue;
            }
            out.push(Baris { nip, kode, level, tanggal, sumber: c_sumber.map(|c| cell(c).to_string()).unwrap_or_default() });
        }
    }
    if problems.is_empty() { Ok(out) } else { Err(problems.iter().map(Masalah::of).collect()) }
}

/// Imports a results file; returns the import id and its status (`selesai` or `ditolak`).
pub async fn impor(db: &Db, akun: Option<(i64, &str)>, nama: &str, isi: &[u8], aturan: &Aturan) -> Result<(i64, String), StoreError> {
    let id = mulai(db, akun, nama, isi, "asesmen").await?;
    let nips: Vec<(String,)> = with_pool!(db, p => sqlx::query_as("SELECT nip FROM pegawai").fetch_all(p).await?);
    let nips: HashSet<String> = nips.into_iter().map(|n| n.0).collect();
    let who = akun.map(|a| a.1).unwrap_or("sistem");
    let rows = match baca(nama, isi, &nips, aturan) {
        Ok(r) => r,
        Err(m) => {
            finish(db, id, "ditolak", &json!({"galat": m.len(), "peringatan": 0}), &m).await?;
            crate::audit::tulis(db, akun.map(|a| a.0), who, "impor_asesmen", &id.to_string(), &json!({"berkas": nama, "status": "ditolak"}).to_string()).await?;
            return Ok((id, "ditolak".into()));
        }
    };
    let r: Result<(), StoreError> = with_tx!(db, tx => {
        for chunk in rows.chunks(500) {
            let mut q = sqlx::QueryBuilder::new("INSERT INTO asesmen_kompetensi (nip, kode, level, tanggal, sumber, impor_id) ");
            q.push_values(chunk, |mut b, r| {
                b.push_bind(&r.nip).push_bind(&r.kode).push_bind(r.level).push_bind(&r.tanggal).push_bind(&r.sumber).push_bind(id);
            });
            q.push(" ON CONFLICT (nip, kode, tanggal) DO UPDATE SET level = excluded.level, sumber = excluded.sumber, impor_id = excluded.impor_id");
            q.build().execute(&mut *tx).await?;
        }
        Ok(())
    });
    r?;
    let persons: HashSet<&str> = rows.iter().map(|r| r.nip.as_str()).collect();
    let ringkasan = json!({"asesmen": {"baris": rows.len(), "pegawai": persons.len()}});
    finish(db, id, "selesai", &ringkasan, &[]).await?;
    crate::audit::tulis(db, akun.map(|a| a.0), who, "impor_asesmen", &id.to_string(), &ringkasan.to_string()).await?;
    Ok((id, "selesai".into()))
}

/// A person's latest assessment (every competency of their most recent assessment date).
pub async fn terakhir(db: &Db, nip: &str) -> Result<Vec<Baris>, StoreError> {
    let rows: Vec<(String, String, f64, String, String)> = with_pool!(db, p => sqlx::query_as(
        "SELECT nip, kode, level, tanggal, sumber FROM asesmen_kompetensi
         WHERE nip = $1 AND tanggal = (SELECT MAX(tanggal) FROM asesmen_kompetensi WHERE nip = $1)
         ORDER BY kode").bind(nip).fetch_all(p).await?);
    Ok(rows.into_iter().map(|r| Baris { nip: r.0, kode: r.1, level: r.2, tanggal: r.3, sumber: r.4 }).collect())
}
