//! Assessment results from an assessment center or an external provider, checked row by row and
//! stored all or nothing, like a data package: competency levels (a CSV or XLSX file of
//! `nip, kompetensi, level, tanggal[, sumber]`) or potential test scores (`nip, skor, tanggal
//! [, sumber]`, 0–100). Also the nine-box calibration moves.

use crate::impor::{Masalah, finish, mulai, today};
use crate::{Db, StoreError, with_pool, with_tx};
use ipasn_asesmen::Aturan;
use ipasn_data::lembar::Value;
use ipasn_data::masalah::{Kind, Level, Problem};
use ipasn_data::nilai;
use ipasn_data::tabel::{self, Tabel};
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

/// A potential test score.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Potensi {
    /// NIP.
    pub nip: String,
    /// Score 0–100.
    pub skor: f64,
    /// Track-record score 0–100, when the file has the column `rekam_jejak`.
    pub rekam_jejak: Option<f64>,
    /// Test date (ISO).
    pub tanggal: String,
    /// Who tested.
    pub sumber: String,
}

/// A position's required level for one competency.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Standar {
    /// Position title or jenjang, lower-case.
    pub jabatan: String,
    /// Competency code.
    pub kode: String,
    /// Required level.
    pub level: f64,
}

/// What a results file holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Berkas {
    /// Competency levels.
    Kompetensi(Vec<Baris>),
    /// Potential test scores.
    Potensi(Vec<Potensi>),
    /// Position standards (SKJ): `jabatan, kompetensi, level` — the whole set, replacing the
    /// stored one.
    Standar(Vec<Standar>),
    /// The competency dictionary: `kompetensi, nama, level, deskripsi[, indikator]` (level empty
    /// or 0 for the definition; indicators one per line of the cell) — the instansi's whole
    /// dictionary, replacing the stored one and laid over the shipped PermenPANRB 38/2017 text.
    Kamus(Vec<Kamus>),
}

/// An entry of the competency dictionary.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Kamus {
    /// Code.
    pub kode: String,
    /// 0 for the definition, 1–5 for a level.
    pub level: i64,
    /// Name of the competency.
    pub nama: String,
    /// The text.
    pub deskripsi: String,
    /// Behaviour indicators, one per line of the cell.
    pub indikator: Vec<String>,
}

fn baca_kamus(rows: &Tabel, aturan: &Aturan) -> Result<Vec<Kamus>, Vec<Problem>> {
    let header = rows.baris(0);
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
            .expect("checked by the caller")
    };
    let (ck, cn, cl, cd) = (
        col("kompetensi"),
        col("nama"),
        col("level"),
        col("deskripsi"),
    );
    let ci = header
        .iter()
        .position(|h| h.eq_ignore_ascii_case("indikator"));
    let mut problems = vec![];
    let mut out = vec![];
    let mut seen: HashMap<(String, i64), u32> = HashMap::new();
    for r in rows.iter().skip(1) {
        let row = r.nomor();
        let cell = |c: usize| r.sel(c);
        let mut bad = |column: &str, value: &str, kind: Kind| {
            problems.push(Problem::at(Level::Error, LEMBAR, row, column, value, kind))
        };
        let kode = cell(ck).to_uppercase();
        if !aturan.kode_sah(&kode) {
            bad(
                "kompetensi",
                cell(ck),
                Kind::Choice(&[
                    "M.01",
                    "M.02",
                    "M.03",
                    "M.04",
                    "M.05",
                    "M.06",
                    "M.07",
                    "M.08",
                    "SK.01",
                    "T.<kode teknis>",
                ]),
            );
            continue;
        }
        let level = match cell(cl) {
            "" => Some(0),
            v => v.parse::<i64>().ok().filter(|l| (0..=5).contains(l)),
        };
        let Some(level) = level else {
            bad(
                "level",
                cell(cl),
                Kind::Range {
                    min: "0".into(),
                    max: "5".into(),
                },
            );
            continue;
        };
        if cell(cn).is_empty() && cell(cd).is_empty() {
            bad("deskripsi", "", Kind::Required);
            continue;
        }
        if let Some(first) = seen.insert((kode.clone(), level), row) {
            bad("level", cell(cl), Kind::Duplicate { first_row: first });
            continue;
        }
        let indikator = ci
            .map(|c| {
                cell(c)
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        out.push(Kamus {
            kode,
            level,
            nama: cell(cn).to_string(),
            deskripsi: cell(cd).to_string(),
            indikator,
        });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// The dictionary in force: the shipped PermenPANRB 38/2017 text with the instansi's entries laid
/// over it.
pub async fn kamus(db: &Db) -> Result<ipasn_asesmen::kamus::Kamus, StoreError> {
    use ipasn_asesmen::kamus::{Entri, Kamus, SUMBER_INSTANSI};
    let rows: Vec<(String, i64, String, String, String)> = with_pool!(db, p => sqlx::query_as(
        "SELECT kode, level, nama, deskripsi, indikator FROM kamus_kompetensi").fetch_all(p).await?);
    Ok(Kamus::bawaan().timpa(rows.into_iter().map(|r| {
        let indikator =
            r.4.lines()
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect();
        (
            (r.0, r.1),
            Entri {
                nama: r.2,
                deskripsi: r.3,
                indikator,
                sumber: SUMBER_INSTANSI.into(),
            },
        )
    })))
}

/// The key a position title or jenjang is matched by.
pub fn kunci_jabatan(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn baca_standar(rows: &Tabel, aturan: &Aturan) -> Result<Vec<Standar>, Vec<Problem>> {
    let header = rows.baris(0);
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
            .expect("checked by the caller")
    };
    let (cj, ck, cl) = (col("jabatan"), col("kompetensi"), col("level"));
    let mut problems = vec![];
    let mut out = vec![];
    let mut seen: HashMap<(String, String), u32> = HashMap::new();
    for r in rows.iter().skip(1) {
        let row = r.nomor();
        let cell = |c: usize| r.sel(c);
        let mut bad = |column: &str, value: &str, kind: Kind| {
            problems.push(Problem::at(Level::Error, LEMBAR, row, column, value, kind))
        };
        let jabatan = kunci_jabatan(cell(cj));
        if jabatan.is_empty() {
            bad("jabatan", "", Kind::Required);
        }
        let kode = cell(ck).to_uppercase();
        if !aturan.kode_sah(&kode) {
            bad(
                "kompetensi",
                cell(ck),
                Kind::Choice(&[
                    "M.01",
                    "M.02",
                    "M.03",
                    "M.04",
                    "M.05",
                    "M.06",
                    "M.07",
                    "M.08",
                    "SK.01",
                    "T.<kode teknis>",
                ]),
            );
        }
        let level = cell(cl)
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|l| (1.0..=5.0).contains(l) && l.fract() == 0.0);
        if level.is_none() {
            bad(
                "level",
                cell(cl),
                Kind::Range {
                    min: "1".into(),
                    max: "5".into(),
                },
            );
        }
        if let (Some(level), false) = (level, jabatan.is_empty()) {
            if let Some(first) = seen.insert((jabatan.clone(), kode.clone()), row) {
                bad("kompetensi", cell(ck), Kind::Duplicate { first_row: first });
                continue;
            }
            out.push(Standar {
                jabatan,
                kode,
                level,
            });
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// Reads and checks a results file against the persons stored (`nips`). A file with a `skor`
/// column (and no `kompetensi`) holds potential test scores. Every problem of the file is
/// returned at once.
pub fn baca(
    nama: &str,
    isi: &[u8],
    nips: &HashSet<String>,
    aturan: &Aturan,
) -> Result<Berkas, Vec<Masalah>> {
    let unreadable = |why: String| {
        vec![Masalah::of(&Problem::sheet(
            Level::Error,
            nama,
            Kind::Unreadable(why),
        ))]
    };
    // Streamed within limits: a cell at XFD1048576 or a ZIP bomb is refused, not allocated.
    let rows =
        tabel::baca(nama, isi, &tabel::Batas::default()).map_err(|p| vec![Masalah::of(&p)])?;
    if rows.is_empty() {
        return Err(unreadable("empty file".into()));
    }
    let header = rows.baris(0);
    let col = |name: &str| header.iter().position(|h| h.eq_ignore_ascii_case(name));
    if col("deskripsi").is_some()
        && col("kompetensi").is_some()
        && col("level").is_some()
        && col("nama").is_some()
    {
        return baca_kamus(&rows, aturan)
            .map(Berkas::Kamus)
            .map_err(|p| p.iter().map(Masalah::of).collect());
    }
    if col("jabatan").is_some()
        && col("kompetensi").is_some()
        && col("level").is_some()
        && col("nip").is_none()
    {
        return baca_standar(&rows, aturan)
            .map(Berkas::Standar)
            .map_err(|p| p.iter().map(Masalah::of).collect());
    }
    let potensi = col("skor").is_some() && col("kompetensi").is_none();
    let mut problems: Vec<Problem> = vec![];
    let mut need = |name: &str| {
        let c = col(name);
        if c.is_none() {
            problems.push(Problem::at(
                Level::Error,
                LEMBAR,
                1,
                name,
                "",
                Kind::MissingColumn,
            ));
        }
        c
    };
    let (c_nip, c_kode, c_level, c_tanggal) = if potensi {
        (need("nip"), need("skor"), need("skor"), need("tanggal"))
    } else {
        (
            need("nip"),
            need("kompetensi"),
            need("level"),
            need("tanggal"),
        )
    };
    let c_sumber = col("sumber");
    let c_rekam = if potensi { col("rekam_jejak") } else { None };
    let (Some(c_nip), Some(c_kode), Some(c_level), Some(c_tanggal)) =
        (c_nip, c_kode, c_level, c_tanggal)
    else {
        return Err(problems.iter().map(Masalah::of).collect());
    };
    let t = today();
    let mut out = vec![];
    let mut scores = vec![];
    let mut seen: HashMap<(String, String, String), u32> = HashMap::new();
    let step = aturan.asesmen.langkah_level;
    for r in rows.iter().skip(1) {
        let row = r.nomor();
        let cell = |c: usize| r.sel(c);
        let mut bad = |column: &str, value: &str, kind: Kind| {
            problems.push(Problem::at(Level::Error, LEMBAR, row, column, value, kind))
        };
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
        let kode = if potensi {
            String::new()
        } else {
            cell(c_kode).to_uppercase()
        };
        if !potensi && !aturan.kode_sah(&kode) {
            bad(
                "kompetensi",
                cell(c_kode),
                Kind::Choice(&[
                    "M.01",
                    "M.02",
                    "M.03",
                    "M.04",
                    "M.05",
                    "M.06",
                    "M.07",
                    "M.08",
                    "SK.01",
                    "T.<kode teknis>",
                ]),
            );
        }
        let level = cell(c_level)
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite());
        let level_col = if potensi { "skor" } else { "level" };
        match level {
            None => bad(level_col, cell(c_level), Kind::Number),
            Some(l) if potensi && !(0.0..=100.0).contains(&l) => bad(
                "skor",
                cell(c_level),
                Kind::Range {
                    min: "0".into(),
                    max: "100".into(),
                },
            ),
            Some(l) if !potensi && ipasn_asesmen::integrasi::cek_level(aturan, l).is_err() => bad(
                "level",
                cell(c_level),
                Kind::Range {
                    min: "1".into(),
                    max: format!("5 (langkah/step {step})"),
                },
            ),
            _ => {}
        }
        let tanggal = match nilai::tanggal(&Value::Text(cell(c_tanggal)), false) {
            Ok(Some(d)) if d <= t => Some(d.to_string()),
            Ok(Some(_)) => {
                bad(
                    "tanggal",
                    cell(c_tanggal),
                    Kind::Range {
                        min: "-".into(),
                        max: t.to_string(),
                    },
                );
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
                bad(
                    if potensi { "nip" } else { "kompetensi" },
                    cell(c_kode),
                    Kind::Duplicate { first_row: first },
                );
                continue;
            }
            let sumber = c_sumber.map(|c| cell(c).to_string()).unwrap_or_default();
            let rekam = c_rekam.map(cell).filter(|v| !v.is_empty());
            let rekam_jejak = rekam
                .and_then(|v| v.replace(',', ".").parse::<f64>().ok())
                .filter(|x| (0.0..=100.0).contains(x));
            if rekam.is_some() && rekam_jejak.is_none() {
                bad(
                    "rekam_jejak",
                    rekam.unwrap_or(""),
                    Kind::Range {
                        min: "0".into(),
                        max: "100".into(),
                    },
                );
                continue;
            }
            if potensi {
                scores.push(Potensi {
                    nip,
                    skor: level,
                    rekam_jejak,
                    tanggal,
                    sumber,
                });
            } else {
                out.push(Baris {
                    nip,
                    kode,
                    level,
                    tanggal,
                    sumber,
                });
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems.iter().map(Masalah::of).collect());
    }
    Ok(if potensi {
        Berkas::Potensi(scores)
    } else {
        Berkas::Kompetensi(out)
    })
}

/// Imports a results file; returns the import id and its status (`selesai` or `ditolak`).
pub async fn impor(
    db: &Db,
    akun: Option<(i64, &str)>,
    nama: &str,
    isi: &[u8],
    aturan: &Aturan,
) -> Result<(i64, String), StoreError> {
    let id = mulai(db, akun, nama, isi, "asesmen").await?;
    let nips: Vec<(String,)> =
        with_pool!(db, p => sqlx::query_as("SELECT nip FROM pegawai").fetch_all(p).await?);
    let nips: HashSet<String> = nips.into_iter().map(|n| n.0).collect();
    let who = akun.map(|a| a.1).unwrap_or("sistem");
    // Parsed off the request threads (a file of 200,000 rows takes a moment).
    let parsed = {
        let (nama, isi, aturan) = (nama.to_string(), isi.to_vec(), aturan.clone());
        tokio::task::spawn_blocking(move || baca(&nama, &isi, &nips, &aturan))
            .await
            .map_err(|e| StoreError::Data(format!("reading the file: {e}")))?
    };
    let rows = match parsed {
        Ok(r) => r,
        Err(m) => {
            finish(
                db,
                id,
                "ditolak",
                &json!({"galat": m.len(), "peringatan": 0}),
                &m,
            )
            .await?;
            crate::audit::tulis(
                db,
                akun.map(|a| a.0),
                who,
                "impor_asesmen",
                &id.to_string(),
                &json!({"berkas": nama, "status": "ditolak"}).to_string(),
            )
            .await?;
            return Ok((id, "ditolak".into()));
        }
    };
    // Write in one transaction; then one summary line and one audit entry for every kind.
    let (aksi, ringkasan) = match &rows {
        Berkas::Standar(st) => {
            let r: Result<(), StoreError> = with_tx!(db, tx => {
                sqlx::query("DELETE FROM standar_kompetensi").execute(&mut *tx).await?;
                for chunk in st.chunks(500) {
                    let mut q = sqlx::QueryBuilder::new("INSERT INTO standar_kompetensi (jabatan, kode, level, impor_id) ");
                    q.push_values(chunk, |mut b, r| {
                        b.push_bind(&r.jabatan).push_bind(&r.kode).push_bind(r.level).push_bind(id);
                    });
                    q.build().execute(&mut *tx).await?;
                }
                Ok(())
            });
            r?;
            let jabatan: HashSet<&str> = st.iter().map(|r| r.jabatan.as_str()).collect();
            (
                "impor_standar",
                json!({"standar": {"baris": st.len(), "jabatan": jabatan.len()}}),
            )
        }
        Berkas::Kamus(k) => {
            let r: Result<(), StoreError> = with_tx!(db, tx => {
                sqlx::query("DELETE FROM kamus_kompetensi").execute(&mut *tx).await?;
                for chunk in k.chunks(500) {
                    let mut q = sqlx::QueryBuilder::new("INSERT INTO kamus_kompetensi (kode, level, nama, deskripsi, indikator) ");
                    q.push_values(chunk, |mut b, r| {
                        b.push_bind(&r.kode).push_bind(r.level).push_bind(&r.nama).push_bind(&r.deskripsi).push_bind(r.indikator.join("\n"));
                    });
                    q.build().execute(&mut *tx).await?;
                }
                Ok(())
            });
            r?;
            ("impor_kamus", json!({"kamus": {"baris": k.len()}}))
        }
        Berkas::Potensi(p) => {
            let r: Result<(), StoreError> = with_tx!(db, tx => {
                for chunk in p.chunks(500) {
                    let mut q = sqlx::QueryBuilder::new("INSERT INTO asesmen_potensi (nip, skor, rekam_jejak, tanggal, sumber, impor_id) ");
                    q.push_values(chunk, |mut b, r| {
                        b.push_bind(&r.nip).push_bind(r.skor).push_bind(r.rekam_jejak).push_bind(&r.tanggal).push_bind(&r.sumber).push_bind(id);
                    });
                    q.push(" ON CONFLICT (nip, tanggal) DO UPDATE SET skor = excluded.skor, rekam_jejak = excluded.rekam_jejak, sumber = excluded.sumber, impor_id = excluded.impor_id");
                    q.build().execute(&mut *tx).await?;
                }
                Ok(())
            });
            r?;
            ("impor_asesmen", json!({"potensi": {"baris": p.len()}}))
        }
        Berkas::Kompetensi(rows) => {
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
            (
                "impor_asesmen",
                json!({"asesmen": {"baris": rows.len(), "pegawai": persons.len()}}),
            )
        }
    };
    finish(db, id, "selesai", &ringkasan, &[]).await?;
    crate::audit::tulis(
        db,
        akun.map(|a| a.0),
        who,
        aksi,
        &id.to_string(),
        &ringkasan.to_string(),
    )
    .await?;
    Ok((id, "selesai".into()))
}

/// A person's latest assessment (every competency of their most recent assessment date).
pub async fn terakhir(db: &Db, nip: &str) -> Result<Vec<Baris>, StoreError> {
    let rows: Vec<(String, String, f64, String, String)> = with_pool!(db, p => sqlx::query_as(
        "SELECT nip, kode, level, tanggal, sumber FROM asesmen_kompetensi
         WHERE nip = $1 AND tanggal = (SELECT MAX(tanggal) FROM asesmen_kompetensi WHERE nip = $1)
         ORDER BY kode").bind(nip).fetch_all(p).await?);
    Ok(rows
        .into_iter()
        .map(|r| Baris {
            nip: r.0,
            kode: r.1,
            level: r.2,
            tanggal: r.3,
            sumber: r.4,
        })
        .collect())
}

/// What the nine-box of a subtree needs for one person in one year.
#[derive(Clone, Debug, Serialize)]
pub struct DataTalenta {
    /// NIP.
    pub nip: String,
    /// Name.
    pub nama: String,
    /// Unit.
    pub unor_id: String,
    /// Jenis jabatan.
    pub jenis_jabatan: String,
    /// Jenjang jabatan.
    pub jenjang_jabatan: String,
    /// Position title.
    pub nama_jabatan: String,
    /// IP ASN in half-points.
    pub ip: i64,
    /// SKP predikat of the year, if recorded as a predikat.
    pub predikat: Option<String>,
    /// Latest competency results.
    pub kompetensi: Vec<Baris>,
    /// Latest potential test score.
    pub potensi: Option<f64>,
    /// Track-record score of the same file.
    pub rekam_jejak: Option<f64>,
    /// The latest calibration: `(box, reason, who, when)`.
    pub kalibrasi: Option<(i64, String, String, String)>,
}

/// The measured persons of a subtree in a year, with their assessments and calibrations.
pub async fn talenta(db: &Db, tahun: i64, path: &str) -> Result<Vec<DataTalenta>, StoreError> {
    let end = crate::subtree_end(path);
    let people: Vec<(
        String,
        String,
        String,
        String,
        String,
        i64,
        Option<String>,
        Option<String>,
    )> = with_pool!(db, p => sqlx::query_as(
        "SELECT h.nip, h.nama, h.unor_id, h.jenis_jabatan, h.jenjang_jabatan, h.ip, h.predikat, g.nama_jabatan FROM hasil h
         LEFT JOIN pegawai g ON g.nip = h.nip
         WHERE h.tahun = $1 AND h.path >= $2 AND h.path < $3 ORDER BY h.nip").bind(tahun).bind(path).bind(&end).fetch_all(p).await?);
    let komp: Vec<(String, String, f64, String, String)> = with_pool!(db, p => sqlx::query_as(
        "SELECT a.nip, a.kode, a.level, a.tanggal, a.sumber FROM asesmen_kompetensi a
         JOIN hasil h ON h.nip = a.nip AND h.tahun = $1 AND h.path >= $2 AND h.path < $3
         WHERE a.tanggal = (SELECT MAX(b.tanggal) FROM asesmen_kompetensi b WHERE b.nip = a.nip)")
        .bind(tahun).bind(path).bind(&end).fetch_all(p).await?);
    let pot: Vec<(String, f64, Option<f64>)> = with_pool!(db, p => sqlx::query_as(
        "SELECT a.nip, a.skor, a.rekam_jejak FROM asesmen_potensi a
         JOIN hasil h ON h.nip = a.nip AND h.tahun = $1 AND h.path >= $2 AND h.path < $3
         WHERE a.tanggal = (SELECT MAX(b.tanggal) FROM asesmen_potensi b WHERE b.nip = a.nip)")
        .bind(tahun).bind(path).bind(&end).fetch_all(p).await?);
    let kal: Vec<(String, i64, String, String, String)> = with_pool!(db, p => sqlx::query_as(
        "SELECT k.nip, k.ke, k.alasan, k.username, k.waktu FROM kalibrasi k
         WHERE k.tahun = $1 AND k.id = (SELECT MAX(j.id) FROM kalibrasi j WHERE j.tahun = k.tahun AND j.nip = k.nip)")
        .bind(tahun).fetch_all(p).await?);
    let mut by_komp: HashMap<String, Vec<Baris>> = HashMap::new();
    for r in komp {
        by_komp.entry(r.0.clone()).or_default().push(Baris {
            nip: r.0,
            kode: r.1,
            level: r.2,
            tanggal: r.3,
            sumber: r.4,
        });
    }
    let pot: HashMap<String, (f64, Option<f64>)> =
        pot.into_iter().map(|p| (p.0, (p.1, p.2))).collect();
    let kal: HashMap<String, (i64, String, String, String)> = kal
        .into_iter()
        .map(|k| (k.0, (k.1, k.2, k.3, k.4)))
        .collect();
    Ok(people
        .into_iter()
        .map(|p| DataTalenta {
            kompetensi: by_komp.remove(&p.0).unwrap_or_default(),
            potensi: pot.get(&p.0).map(|x| x.0),
            rekam_jejak: pot.get(&p.0).and_then(|x| x.1),
            kalibrasi: kal.get(&p.0).cloned(),
            nip: p.0,
            nama: p.1,
            unor_id: p.2,
            jenis_jabatan: p.3,
            jenjang_jabatan: p.4,
            ip: p.5,
            predikat: p.6,
            nama_jabatan: p.7.unwrap_or_default(),
        })
        .collect())
}

/// Records a calibration move of a person's box in a year.
pub async fn kalibrasi(
    db: &Db,
    tahun: i64,
    nip: &str,
    dari: i64,
    ke: i64,
    alasan: &str,
    username: &str,
) -> Result<(), StoreError> {
    with_pool!(db, p => sqlx::query(
        "INSERT INTO kalibrasi (tahun, nip, dari, ke, alasan, username, waktu) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(tahun).bind(nip).bind(dari).bind(ke).bind(alasan).bind(username).bind(crate::now())
        .execute(p).await?.rows_affected());
    Ok(())
}

/// Every stored position standard: `(position or jenjang key, code) → level`.
pub async fn standar(db: &Db) -> Result<HashMap<(String, String), f64>, StoreError> {
    let rows: Vec<(String, String, f64)> = with_pool!(db, p => sqlx::query_as(
        "SELECT jabatan, kode, level FROM standar_kompetensi").fetch_all(p).await?);
    Ok(rows.into_iter().map(|r| ((r.0, r.1), r.2)).collect())
}

/// Sets (or with `None` removes) one position standard, edited in the app.
pub async fn ubah_standar(
    db: &Db,
    jabatan: &str,
    kode: &str,
    level: Option<f64>,
) -> Result<(), StoreError> {
    let key = kunci_jabatan(jabatan);
    match level {
        Some(l) => with_pool!(db, p => sqlx::query(
            "INSERT INTO standar_kompetensi (jabatan, kode, level, impor_id) VALUES ($1, $2, $3, 0)
             ON CONFLICT (jabatan, kode) DO UPDATE SET level = excluded.level, impor_id = 0")
            .bind(&key).bind(kode).bind(l).execute(p).await?.rows_affected()),
        None => {
            with_pool!(db, p => sqlx::query("DELETE FROM standar_kompetensi WHERE jabatan = $1 AND kode = $2")
            .bind(&key).bind(kode).execute(p).await?.rows_affected())
        }
    };
    Ok(())
}

/// Whether any competency result is stored.
pub async fn ada_hasil(db: &Db) -> Result<bool, StoreError> {
    let r: Option<(String,)> = with_pool!(db, p => sqlx::query_as("SELECT nip FROM asesmen_kompetensi LIMIT 1").fetch_optional(p).await?);
    Ok(r.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    const NIP: &str = "198501012010011001";

    fn nips() -> HashSet<String> {
        HashSet::from([NIP.to_string()])
    }

    /// A workbook of text cells at (row, column), in row order, from the one table writer
    /// (rows and cells left empty cost nothing).
    fn workbook(cells: &[(u32, u16, &str)]) -> Vec<u8> {
        use ipasn_data::tabel::tulis::{Sel, Xlsx};
        let mut x = Xlsx::new(None).unwrap();
        let (mut row, mut at) = (vec![], 0);
        for &(r, c, v) in cells {
            while at < r {
                x.baris(&row).unwrap();
                row.clear();
                at += 1;
            }
            if row.len() <= c as usize {
                row.resize(c as usize + 1, Sel::Kosong);
            }
            row[c as usize] = v.into();
        }
        x.baris(&row).unwrap();
        x.buffer().unwrap()
    }

    /// A 5 KB results workbook with one value in its last cell (XFD1048576) used to make the
    /// reader ask for a dense grid to that cell (549 GB) and abort the server. It is refused
    /// at that cell, with the fix.
    #[test]
    fn a_value_in_the_last_cell_of_a_sheet_is_refused_not_allocated() {
        let isi = workbook(&[
            (0, 0, "nip"),
            (0, 1, "kompetensi"),
            (0, 2, "level"),
            (0, 3, "tanggal"),
            (1, 0, NIP),
            (1, 1, "M.01"),
            (1, 2, "3"),
            (1, 3, "2024-05-01"),
            (1_048_575, 16_383, "x"),
        ]);
        assert!(isi.len() < 10_000);
        let e = baca("hasil.xlsx", &isi, &nips(), &Aturan::bawaan()).unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(
            (e[0].baris, e[0].kolom.as_deref()),
            (Some(1_048_576), Some("XFD"))
        );
        assert!(e[0].masalah.contains("64 kolom"), "{e:?}");
        assert!(e[0].fix.contains("delete the columns"), "{e:?}");
    }

    #[test]
    fn a_workbook_and_a_csv_are_read_alike_with_spreadsheet_row_numbers() {
        let isi = workbook(&[
            (0, 0, "NIP"),
            (0, 1, "kompetensi"),
            (0, 2, "level"),
            (0, 3, "tanggal"),
            (2, 0, NIP),
            (2, 1, "m.01"),
            (2, 2, "3,5"),
            (2, 3, "2024-05-01"),
            (3, 0, NIP),
            (3, 1, "M.02"),
            (3, 2, "9"),
            (3, 3, "2024-05-01"),
        ]);
        let csv = format!(
            "NIP;kompetensi;level;tanggal\n\n{NIP};m.01;3,5;2024-05-01\n{NIP};M.02;9;2024-05-01\n"
        );
        for (nama, isi) in [("a.xlsx", isi), ("a.csv", csv.into_bytes())] {
            let e = baca(nama, &isi, &nips(), &Aturan::bawaan()).unwrap_err();
            assert_eq!(e.len(), 1, "{nama}: {e:?}");
            assert_eq!(
                (e[0].baris, e[0].kolom.as_deref()),
                (Some(4), Some("level")),
                "{nama}"
            );
        }
        let csv = format!("nip,kompetensi,level,tanggal\n{NIP},M.01,3.5,2024-05-01\n");
        let Ok(Berkas::Kompetensi(rows)) =
            baca("a.csv", csv.as_bytes(), &nips(), &Aturan::bawaan())
        else {
            panic!()
        };
        assert_eq!((rows[0].kode.as_str(), rows[0].level), ("M.01", 3.5));
    }
}
