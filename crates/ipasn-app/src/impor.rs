//! The import service: an uploaded package (XLSX, or a ZIP of CSV files) read and checked
//! exactly as `ipasn compute` does, every appraisal year computed into a snapshot, and the
//! snapshot written by the store in one transaction — or a preview, a refusal, a cancellation.
//!
//! Progress: reading is 5–60 %, computing 60–90 %, writing 90–100 %; while it runs the row's
//! `ringkasan` names the stage with its counts (`{"tahap": "baca", "dibaca": bytes, "total":
//! bytes}`, `hitung` with the years done and the persons and records read, `simpan`), which the
//! import's page words. The import's row beats
//! every 300 ms while the blocking work runs (and every 5 s during the write on PostgreSQL,
//! from another connection), so other servers do not take it for interrupted. A cancellation
//! (`ipasn_store::impor::batalkan`, from any server) is seen at the next beat: the work is
//! dropped and nothing is written.

use ipasn_core::rules::RuleSet;
use ipasn_core::snapshot::{self, Snapshot};
use ipasn_data::arsip;
use ipasn_data::masalah::Problem;
use ipasn_data::paket::{self, ImportOptions};
use ipasn_store::impor::{self, Izin, Masalah, Penulisan, Status};
use ipasn_store::program::DiklatProgram;
use ipasn_store::{Db, StoreError};
use serde_json::json;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU8, AtomicU32, Ordering};
use std::time::Duration;

/// Why an upload is not a package, before any sheet is read: [`arsip::unpack`] with the
/// package limits ([`arsip::Batas::default`]): a ZIP's CSV files streamed into `dir` and an
/// XLSX workbook checked, both against their real decompressed sizes. The refusal is one
/// problem, in a list as the import stores them.
fn unpack(nama_berkas: &str, isi: &[u8], dir: &Path) -> Result<std::path::PathBuf, Vec<Masalah>> {
    arsip::unpack(nama_berkas, isi, dir, &arsip::Batas::default())
        .map_err(|p| vec![Masalah::of(&p)])
}

/// What the blocking part yields: the snapshot with the reader's counts and problems, or the
/// problems that refuse the package.
struct Dibaca {
    snapshot: Snapshot,
    counts: paket::Counts,
    masalah: Vec<Masalah>,
}

/// Where the blocking part is: the stage (the percentage it starts at), the years computed
/// and the rows read (once reading ends).
#[derive(Default)]
struct Tahapan {
    stage: AtomicU8,
    tahun: AtomicU32,
    dari: AtomicU32,
    counts: Mutex<Option<paket::Counts>>,
}

impl Tahapan {
    /// The percentage and the stage's details for the import's row.
    fn laporan(&self, progress: &ipasn_data::lembar::Progress) -> (u8, serde_json::Value) {
        let s = self.stage.load(Ordering::Relaxed);
        let counts = *self.counts.lock().expect("stage lock");
        let riwayat = |c: &paket::Counts| c.pendidikan + c.diklat + c.skp + c.hukdis;
        match s {
            0..5 => (s.max(1), json!({"tahap": "buka"})),
            5..60 => {
                let pct = if progress.total() > 0 {
                    5 + (55 * progress.done() / progress.total()) as u8
                } else {
                    s
                };
                (
                    pct.min(59),
                    json!({"tahap": "baca", "dibaca": progress.done(), "total": progress.total()}),
                )
            }
            60..90 => (
                s,
                json!({"tahap": "hitung", "tahun": self.tahun.load(Ordering::Relaxed),
                       "dari": self.dari.load(Ordering::Relaxed),
                       "pegawai": counts.map(|c| c.pegawai), "riwayat": counts.as_ref().map(riwayat)}),
            ),
            _ => (
                s,
                json!({"tahap": "simpan", "pegawai": counts.map(|c| c.pegawai),
                       "riwayat": counts.as_ref().map(riwayat)}),
            ),
        }
    }
}

/// Reads, checks and computes a package (blocking; run off the async threads).
fn baca(
    nama: &str,
    isi: &[u8],
    rules: &RuleSet,
    tahap: &Tahapan,
    progress: Arc<ipasn_data::lembar::Progress>,
    program: &[DiklatProgram],
) -> Result<Dibaca, Vec<Masalah>> {
    let stage = &tahap.stage;
    let dir = tempfile::tempdir().map_err(|e| {
        vec![Masalah::of(&Problem {
            level: ipasn_data::masalah::Level::Error,
            sheet: nama.to_string(),
            row: None,
            column: None,
            value: None,
            kind: ipasn_data::masalah::Kind::Unreadable(e.to_string()),
        })]
    })?;
    let path = unpack(nama, isi, dir.path())?;
    stage.store(5, Ordering::Relaxed);
    let t = impor::today();
    let opts = ImportOptions::new(t, None);
    let mut imported = paket::import_tracked(&path, &opts, progress);
    let masalah: Vec<Masalah> = imported.problems.iter().map(Masalah::of).collect();
    if imported.has_errors() {
        return Err(masalah);
    }
    tambah_program(&mut imported.dataset, program);
    *tahap.counts.lock().expect("stage lock") = Some(imported.counts);
    stage.store(60, Ordering::Relaxed);
    let snapshot = snapshot::build(&imported.dataset, rules, t, &mut |done, total| {
        tahap.tahun.store(done as u32, Ordering::Relaxed);
        tahap.dari.store(total as u32, Ordering::Relaxed);
        stage.store(60 + (30 * done / total.max(1)) as u8, Ordering::Relaxed);
    });
    Ok(Dibaca {
        snapshot,
        counts: imported.counts,
        masalah,
    })
}

/// The training records of completed development programmes, added to the persons of the
/// package who took them (a person no longer in the package is left out): each dated by the
/// programme's start and its completion, its JP, named after the programme with its id, and
/// sourced `diklat` row 0 (not a row of the package). The package stays the instansi's SIASN
/// state; these records count until SIASN returns them in a package (then the same training
/// may count twice: report them to SIASN and turn the setting off, or remove them there).
fn tambah_program(ds: &mut ipasn_core::model::Dataset, program: &[DiklatProgram]) {
    use ipasn_core::model::{Diklat, JenisDiklat, RecordRef, Sheet};
    if program.is_empty() {
        return;
    }
    let indeks: std::collections::HashMap<String, u32> = ds
        .pegawai
        .iter()
        .enumerate()
        .map(|(i, p)| (p.nip.to_string(), i as u32))
        .collect();
    let tambahan = program
        .iter()
        .filter_map(|d| {
            let i = *indeks.get(&d.nip)?;
            let r = Diklat {
                jenis: JenisDiklat::parse(&d.jenis)?,
                mulai: ipasn_core::Tanggal::parse_iso(&d.mulai),
                selesai: ipasn_core::Tanggal::parse_iso(&d.selesai),
                jam: ipasn_core::Decimal::from_int(d.jp),
                src: RecordRef {
                    sheet: Sheet::Diklat,
                    row: 0,
                },
            };
            Some((
                i,
                r,
                format!("{} (program #{})", d.nama, d.program_id).into(),
            ))
        })
        .collect();
    ds.diklat = ds.diklat.dengan(tambahan);
}

/// The SHA-256 of what a computation reads: the package, and the programme records added to
/// it (so re-importing the same package after programmes were completed is not "the same").
fn sidik(isi: &[u8], program: &[DiklatProgram]) -> String {
    let mut h = Sha256::new();
    h.update(isi);
    if !program.is_empty() {
        h.update(serde_json::to_vec(program).expect("records serialise"));
    }
    hex::encode(h.finalize())
}

/// Whether completed programmes count in the computation (the plan rules' setting).
async fn program_dihitung(db: &Db) -> Result<Vec<DiklatProgram>, StoreError> {
    let aturan = match ipasn_store::pengaturan::get(db, ipasn_rencana::aturan::SETELAN).await? {
        Some(t) => ipasn_rencana::aturan::Aturan::baca(&t)
            .map_err(|m| StoreError::Data(format!("stored plan rules: {}", m.join("; "))))?,
        None => ipasn_rencana::aturan::Aturan::bawaan(),
    };
    if !aturan.program.hitung_diklat_selesai {
        return Ok(vec![]);
    }
    ipasn_store::program::semua_diklat(db).await
}

/// Runs a package import recorded by `impor::mulai_paket` (or taken up again by
/// `impor::konfirmasi`) to its end, and returns its final status; the problems and what
/// changed (or would change) are stored with the import. See the module's text.
#[allow(clippy::too_many_arguments)]
pub async fn jalankan(
    db: &Db,
    id: i64,
    akun: Option<(i64, &str)>,
    nama_berkas: &str,
    isi: Arc<Vec<u8>>,
    rules: Arc<RuleSet>,
    aturan_toml: &str,
    izin: Izin,
) -> Result<Status, StoreError> {
    if !impor::set_progres(db, id, 1).await? {
        return Ok(Status::Dibatalkan);
    }
    let tahap = Arc::new(Tahapan::default());
    tahap.stage.store(1, Ordering::Relaxed);
    let progress: Arc<ipasn_data::lembar::Progress> = Default::default();
    let program = program_dihitung(db).await?;
    let job = {
        let (tahap, progress, isi, rules) =
            (tahap.clone(), progress.clone(), isi.clone(), rules.clone());
        let nama = nama_berkas.to_string();
        let program = program.clone();
        tokio::task::spawn_blocking(move || baca(&nama, &isi, &rules, &tahap, progress, &program))
    };
    let mut job = std::pin::pin!(job);
    let outcome = loop {
        tokio::select! {
            r = &mut job => break r,
            _ = tokio::time::sleep(Duration::from_millis(300)) => {
                let (pct, rinci) = tahap.laporan(&progress);
                if !impor::set_progres_rinci(db, id, pct, &rinci).await? {
                    // Cancelled (or taken for interrupted): the reading goes on in its thread
                    // until it ends, but its result is dropped.
                    tracing::info!(impor = id, "import cancelled while reading");
                    return Ok(Status::Dibatalkan);
                }
            }
        }
    };
    let who = akun.map(|a| a.1).unwrap_or("sistem");
    let dibaca = match outcome {
        Err(e) => {
            impor::finish(db, id, "gagal", &json!({"galat": e.to_string()}), &[]).await?;
            return Ok(Status::Gagal);
        }
        Ok(Err(masalah)) => {
            let errors = masalah.iter().filter(|m| m.is_error()).count();
            impor::finish(
                db,
                id,
                "ditolak",
                &json!({"galat": errors, "peringatan": masalah.len() - errors}),
                &masalah,
            )
            .await?;
            ipasn_store::audit::tulis(
                db,
                akun.map(|a| a.0),
                who,
                "impor",
                &id.to_string(),
                &json!({"berkas": nama_berkas, "status": "ditolak", "galat": errors}).to_string(),
            )
            .await?;
            return Ok(Status::Ditolak);
        }
        Ok(Ok(d)) => d,
    };
    tahap.stage.store(90, Ordering::Relaxed);
    let (_, rinci) = tahap.laporan(&progress);
    if !impor::set_progres_rinci(db, id, 90, &rinci).await? {
        return Ok(Status::Dibatalkan);
    }
    let per_jenis = impor::per_jenis(db).await?;
    let simpan_n: i64 = ipasn_store::pengaturan::get(db, "impor_simpan")
        .await?
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(3)
        .max(1);
    let (warnings, cut) = impor::batasi(&dibaca.masalah, per_jenis);
    let c = &dibaca.counts;
    let tulis = Penulisan {
        id,
        akun,
        nama_berkas,
        sha: sidik(&isi, &program),
        masalah: serde_json::to_string(&warnings).expect("problems serialise"),
        masalah_dipotong: cut,
        baris: json!({"unor": c.unor, "pegawai": c.pegawai, "pendidikan": c.pendidikan,
                      "diklat": c.diklat, "skp": c.skp, "hukdis": c.hukdis}),
        peringatan: dibaca.masalah.len(),
        simpan_n,
        izin,
    };
    // The write is one transaction; on PostgreSQL the import keeps beating meanwhile (from
    // another connection) so that no other server takes it for interrupted until the
    // transaction holds the import's row. The beat runs beside the write — both polled — and
    // skips a locked row (`detak_tulis`): awaiting a beat that waits for the write's own lock
    // while the write is not polled was a deadlock (every PostgreSQL import whose write took
    // over 5 s hung). SQLite has one server per file and its writer holds the file's lock.
    let write = impor::simpan(db, &tulis, &dibaca.snapshot, &rules, aturan_toml);
    if matches!(db, Db::Sqlite(_)) {
        return write.await;
    }
    let beat = async {
        loop {
            tokio::time::sleep(DETAK_TULIS).await;
            if let Err(e) = impor::detak_tulis(db, id, 95).await {
                tracing::warn!(impor = id, "heartbeat: {e}");
            }
        }
    };
    tokio::select! {
        r = write => r,
        _ = beat => unreachable!("the heartbeat never ends"),
    }
}

/// How often a PostgreSQL import beats while its write transaction runs.
const DETAK_TULIS: Duration = Duration::from_secs(5);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unpack_refuses_what_is_not_a_package_with_the_fix() {
        let dir = tempfile::tempdir().unwrap();
        let e = unpack("x.xlsx", b"hello", dir.path())
            .unwrap_err()
            .remove(0);
        assert!(e.masalah.contains("bukan XLSX"), "{e:?}");
        assert!(e.fix.contains("Excel workbook (.xlsx)"), "{e:?}");
        assert_eq!((e.sheet.as_str(), e.is_error()), ("x.xlsx", true));
        // A ZIP cut in the middle: the central directory is missing.
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        z.start_file("unor.csv", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut z, &vec![b'a'; 4000]).unwrap();
        let full = z.finish().unwrap().into_inner();
        let e = unpack("p.zip", &full[..full.len() / 2], dir.path())
            .unwrap_err()
            .remove(0);
        assert!(e.masalah.contains("terpotong"), "{e:?}");
        assert!(e.problem.contains("truncated"), "{e:?}");
        assert!(!e.perbaikan.is_empty());
        // A whole ZIP with no CSV in it.
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        z.start_file("catatan.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        let e = unpack("p.zip", &z.finish().unwrap().into_inner(), dir.path())
            .unwrap_err()
            .remove(0);
        assert!(e.masalah.contains("tidak berisi berkas CSV"), "{e:?}");
        // A valid one: its CSV files, unchanged.
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        z.start_file("paket/unor.csv", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut z, b"unor_id,nama_unor\nU1,Kota\n").unwrap();
        let path = unpack("p.zip", &z.finish().unwrap().into_inner(), dir.path()).unwrap();
        assert_eq!(
            std::fs::read(path.join("unor.csv")).unwrap(),
            b"unor_id,nama_unor\nU1,Kota\n"
        );
    }

    /// An XLSX upload used to be written out and opened by calamine as it came, which reads
    /// the shared strings whole into memory; now its real decompressed sizes are checked first
    /// (a bomb of 257 MiB in about 0.3 MB passes the 256 MiB limit of such a part).
    #[test]
    fn a_workbook_with_a_bomb_inside_is_refused_before_it_is_opened() {
        let dir = tempfile::tempdir().unwrap();
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default().compression_level(Some(9));
        z.start_file("xl/workbook.xml", opts).unwrap();
        std::io::Write::write_all(&mut z, b"<workbook/>").unwrap();
        z.start_file("xl/sharedStrings.xml", opts).unwrap();
        let block = vec![b' '; 1 << 20];
        for _ in 0..257 {
            std::io::Write::write_all(&mut z, &block).unwrap();
        }
        let isi = z.finish().unwrap().into_inner();
        assert!(isi.len() < 1 << 20, "{} bytes", isi.len());
        let e = unpack("paket.xlsx", &isi, dir.path())
            .unwrap_err()
            .remove(0);
        assert!(e.masalah.contains("xl/sharedStrings.xml"), "{e:?}");
        assert!(e.problem.contains("more than 256 MiB"), "{e:?}");
        assert!(!dir.path().join("paket.xlsx").exists());
    }
}
