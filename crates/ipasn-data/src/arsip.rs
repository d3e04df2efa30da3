//! Archives (arsip) uploaded by users: a ZIP of CSV files, or an XLSX workbook (which is a ZIP
//! too), checked against limits before anything trusts them.
//!
//! A ZIP declares the size of each entry, but the declaration is only a claim: a few megabytes
//! can expand to gigabytes (a "ZIP bomb"). Nothing here trusts it. Entries are decompressed as a
//! stream, a buffer at a time, counting the bytes that really come out, and reading stops as soon
//! as an entry, or all of them together, pass their limit ([`Batas`]). The number of entries is
//! read from the archive's end record before the ZIP reader lists them (that list costs memory
//! per entry).
//!
//! - [`unpack`]: a package upload to a temporary folder — the CSV files of a ZIP, each streamed
//!   to its own file (never held whole in memory), or an XLSX workbook written as it is after
//!   [`periksa`] has checked it.
//! - [`periksa`]: an XLSX workbook's real decompressed sizes, before calamine opens it. Calamine
//!   streams worksheets but reads the other parts (shared strings, styles) whole into memory, so
//!   those have their own, smaller limit ([`Batas::dimuat`]).
//!
//! Entry names are reduced to their file name (folders are dropped, so `../x.csv` is `x.csv`):
//! nothing is written outside the folder given.

use crate::masalah::{Archive, Kind, Level, Limit, Problem};
use std::collections::HashSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Limits on what an archive may expand to. The defaults ([`Batas::default`]) are for data
/// packages, measured on generated ones: one million persons are 971 MB of CSV in all, the
/// largest file (`diklat.csv`) 665 MB; as an XLSX workbook, 100,000 persons are 499 MB of
/// worksheet XML, the largest sheet (diklat, 681,308 rows) 310 MB — and no sheet can pass
/// 1,048,576 rows, so no valid worksheet passes about 500 MB. The defaults leave three to four
/// times that.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Batas {
    /// Bytes one entry may expand to. Default 2 GiB.
    pub per_berkas: u64,
    /// Bytes all entries together may expand to (the CSV files written to disk, or the parts
    /// of a workbook decompressed to check them). Default 4 GiB.
    pub total: u64,
    /// Entries an archive may hold (folders included). Default 1,000 (a package has six CSV
    /// files; a workbook a dozen or two parts).
    pub jumlah_berkas: u64,
    /// Bytes a part of an XLSX workbook other than a worksheet may expand to: calamine reads
    /// such parts (shared strings, styles, the workbook) whole into memory, about twice their
    /// size at worst. Default 256 MiB (the shared strings of the largest package a workbook
    /// can hold, as Excel saves it, are some tens of MB).
    pub dimuat: u64,
}

impl Default for Batas {
    fn default() -> Batas {
        Batas {
            per_berkas: 2 << 30,
            total: 4 << 30,
            jumlah_berkas: 1_000,
            dimuat: 256 << 20,
        }
    }
}

impl Batas {
    /// Limits for a small table (assessment results, standards, the dictionary: see
    /// [`crate::tabel`]): 256 MiB per entry and in all, 64 MiB for a part read into memory,
    /// 1,000 entries.
    pub fn tabel() -> Batas {
        Batas {
            per_berkas: 256 << 20,
            total: 256 << 20,
            jumlah_berkas: 1_000,
            dimuat: 64 << 20,
        }
    }
}

/// The first bytes of an Excel 97–2003 workbook (an OLE compound file).
const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// What an upload is, from its first bytes.
pub(crate) fn refuse_non_zip(isi: &[u8]) -> Result<(), Kind> {
    if isi.starts_with(OLE) {
        return Err(Kind::Archive(Archive::OldXls));
    }
    if !isi.starts_with(b"PK") {
        return Err(Kind::Archive(Archive::NotZip));
    }
    Ok(())
}

/// Unpacks a package upload into `dir`: an XLSX workbook (a ZIP with `xl/workbook.xml`, or a
/// file named `.xlsx`) is checked with [`periksa`] and written as `dir/paket.xlsx`; a ZIP's
/// `.csv` files are streamed into `dir/paket/` under their file names in lower case (other
/// entries are skipped without being decompressed). Returns the path to import. Every refusal
/// is one error [`Problem`] on `nama_berkas` with what is wrong and how to fix it, in both
/// languages (boxed: it is large and rare); on a refusal the files written so far are removed.
pub fn unpack(
    nama_berkas: &str,
    isi: &[u8],
    dir: &Path,
    batas: &Batas,
) -> Result<PathBuf, Box<Problem>> {
    let err = |kind| Box::new(Problem::sheet(Level::Error, nama_berkas, kind));
    refuse_non_zip(isi).map_err(err)?;
    let mut zip = open(isi, batas).map_err(err)?;
    if is_xlsx(&zip) || nama_berkas.to_lowercase().ends_with(".xlsx") {
        check(&mut zip, batas).map_err(err)?;
        let path = dir.join("paket.xlsx");
        std::fs::write(&path, isi).map_err(|e| err(write_error(e)))?;
        return Ok(path);
    }
    let folder = dir.join("paket");
    let r = unpack_csv(&mut zip, &folder, batas);
    if r.is_err() {
        let _ = std::fs::remove_dir_all(&folder);
    }
    r.map(|()| folder).map_err(err)
}

fn unpack_csv(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    folder: &Path,
    batas: &Batas,
) -> Result<(), Kind> {
    std::fs::create_dir_all(folder).map_err(write_error)?;
    let mut names = HashSet::new();
    let mut count = Count::new(batas);
    for i in 0..zip.len() {
        let mut f = zip
            .by_index(i)
            .map_err(|_| Kind::Archive(Archive::Damaged))?;
        if f.is_dir() {
            continue;
        }
        let name = file_name(f.name());
        if !name.ends_with(".csv") || name.starts_with('.') {
            continue;
        }
        if !names.insert(name.clone()) {
            return Err(Kind::Archive(Archive::SameName(name)));
        }
        let out = std::fs::File::create(folder.join(&name)).map_err(write_error)?;
        let mut out = std::io::BufWriter::with_capacity(256 << 10, out);
        count.copy(&mut f, &mut out, &name, batas.per_berkas)?;
        out.flush().map_err(write_error)?;
    }
    if names.is_empty() {
        return Err(Kind::Archive(Archive::NoCsv));
    }
    Ok(())
}

/// Checks a ZIP's real decompressed sizes against `batas` without writing anything: every entry
/// is decompressed to nowhere, counting, and the check stops at the first limit crossed. A
/// workbook's parts other than its worksheets (`xl/worksheets/…`) have the smaller limit
/// [`Batas::dimuat`]. Use it on an XLSX workbook before opening it with calamine.
pub fn periksa(isi: &[u8], batas: &Batas) -> Result<(), Kind> {
    refuse_non_zip(isi)?;
    let mut zip = open(isi, batas)?;
    check(&mut zip, batas)
}

/// Opens a ZIP held in memory, after reading the number of entries from its end record(s).
pub(crate) fn open<'a>(
    isi: &'a [u8],
    batas: &Batas,
) -> Result<zip::ZipArchive<std::io::Cursor<&'a [u8]>>, Kind> {
    if declared_entries(isi) > batas.jumlah_berkas {
        return Err(Kind::Limit(Limit::Entries(batas.jumlah_berkas)));
    }
    let zip = zip::ZipArchive::new(std::io::Cursor::new(isi))
        .map_err(|_| Kind::Archive(Archive::Damaged))?;
    if zip.len() as u64 > batas.jumlah_berkas {
        return Err(Kind::Limit(Limit::Entries(batas.jumlah_berkas)));
    }
    Ok(zip)
}

/// Whether a ZIP is an XLSX workbook.
pub(crate) fn is_xlsx(zip: &zip::ZipArchive<std::io::Cursor<&[u8]>>) -> bool {
    zip.index_for_name("xl/workbook.xml").is_some()
}

pub(crate) fn check(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    batas: &Batas,
) -> Result<(), Kind> {
    let mut count = Count::new(batas);
    for i in 0..zip.len() {
        let mut f = zip
            .by_index(i)
            .map_err(|_| Kind::Archive(Archive::Damaged))?;
        if f.is_dir() {
            continue;
        }
        let name = f.name().to_string();
        let streamed = name.starts_with("xl/worksheets/") && name.ends_with(".xml");
        let max = if streamed {
            batas.per_berkas
        } else {
            batas.per_berkas.min(batas.dimuat)
        };
        count.copy(&mut f, &mut std::io::sink(), &name, max)?;
    }
    Ok(())
}

/// Bytes decompressed so far, against the limits.
struct Count {
    total: u64,
    max_total: u64,
    buf: Vec<u8>,
}

impl Count {
    fn new(batas: &Batas) -> Count {
        Count {
            total: 0,
            max_total: batas.total,
            buf: vec![0; 64 << 10],
        }
    }

    /// Copies an entry from `r` to `w` a buffer at a time, stopping as soon as the entry passes
    /// `max` bytes or all entries pass the total.
    fn copy(
        &mut self,
        r: &mut dyn Read,
        w: &mut dyn Write,
        name: &str,
        max: u64,
    ) -> Result<u64, Kind> {
        let mut n = 0u64;
        loop {
            let k = match r.read(&mut self.buf) {
                Ok(0) => return Ok(n),
                Ok(k) => k,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                // A bad deflate stream, a wrong checksum, an entry cut off.
                Err(_) => return Err(Kind::Archive(Archive::Damaged)),
            };
            n += k as u64;
            self.total += k as u64;
            if n > max {
                return Err(Kind::Limit(Limit::EntryBytes {
                    name: name.to_string(),
                    max,
                }));
            }
            if self.total > self.max_total {
                return Err(Kind::Limit(Limit::TotalBytes(self.max_total)));
            }
            w.write_all(&self.buf[..k]).map_err(write_error)?;
        }
    }
}

fn write_error(e: std::io::Error) -> Kind {
    Kind::Archive(Archive::Write(e.to_string()))
}

/// An entry's file name without its folders, in lower case (`Data\\Pegawai.CSV` → `pegawai.csv`).
fn file_name(entry: &str) -> String {
    entry
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .to_lowercase()
}

/// The largest number of entries any end-of-central-directory record near the end of the ZIP
/// declares (and its ZIP64 record's, if it has one); 0 when none is found (the ZIP reader then
/// refuses the file). Read before the ZIP reader lists the entries, which costs memory per
/// entry: a 500 MB upload could declare ten million.
fn declared_entries(isi: &[u8]) -> u64 {
    const EOCD: &[u8] = b"PK\x05\x06";
    const LOCATOR: &[u8] = b"PK\x06\x07";
    const EOCD64: &[u8] = b"PK\x06\x06";
    let u16_at = |i: usize| {
        isi.get(i..i + 2)
            .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]) as u64)
    };
    let u64_at = |i: usize| {
        isi.get(i..i + 8)
            .map_or(0, |b| u64::from_le_bytes(b.try_into().expect("8 bytes")))
    };
    // The record is 22 bytes and may be followed by a comment of up to 65,535 bytes.
    let from = isi.len().saturating_sub(22 + 65_535);
    let mut most = 0;
    for at in memchr::memmem::find_iter(&isi[from..], EOCD).map(|k| from + k) {
        let n = u16_at(at + 10).max(u16_at(at + 8));
        most = most.max(n);
        if let Some(loc) = at.checked_sub(20)
            && isi[loc..].starts_with(LOCATOR)
        {
            let rec = u64_at(loc + 8);
            if let Ok(rec) = usize::try_from(rec)
                && isi.get(rec..).is_some_and(|r| r.starts_with(EOCD64))
            {
                most = most.max(u64_at(rec + 32)).max(u64_at(rec + 24));
            }
        }
    }
    most
}

#[cfg(test)]
mod tests {
    use super::*;
    use zip::write::SimpleFileOptions;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, bytes) in entries {
            z.start_file(*name, SimpleFileOptions::default()).unwrap();
            z.write_all(bytes).unwrap();
        }
        z.finish().unwrap().into_inner()
    }

    fn kind(r: Result<PathBuf, Box<Problem>>) -> Kind {
        r.unwrap_err().kind
    }

    #[test]
    fn what_is_not_a_package_is_refused_with_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        let b = Batas::default();
        assert_eq!(
            kind(unpack("x.xlsx", b"hello", dir.path(), &b)),
            Kind::Archive(Archive::NotZip)
        );
        let mut xls = OLE.to_vec();
        xls.extend_from_slice(&[0; 512]);
        assert_eq!(
            kind(unpack("x.xls", &xls, dir.path(), &b)),
            Kind::Archive(Archive::OldXls)
        );
        // A ZIP cut in the middle: the central directory is missing.
        let full = zip_of(&[("unor.csv", &[b'a'; 4000])]);
        let p = unpack("p.zip", &full[..full.len() / 2], dir.path(), &b).unwrap_err();
        assert_eq!(p.kind, Kind::Archive(Archive::Damaged));
        assert_eq!(p.sheet, "p.zip");
        assert!(p.message(ipasn_core::teks::Lang::Id).contains("terpotong"));
        assert!(
            p.fix(ipasn_core::teks::Lang::En)
                .contains("upload the original")
        );
        // A whole ZIP with no CSV in it.
        assert_eq!(
            kind(unpack(
                "p.zip",
                &zip_of(&[("catatan.txt", b"x")]),
                dir.path(),
                &b
            )),
            Kind::Archive(Archive::NoCsv)
        );
        // Two files that would land on one name.
        assert_eq!(
            kind(unpack(
                "p.zip",
                &zip_of(&[("a/pegawai.csv", b"x"), ("b/Pegawai.csv", b"y")]),
                dir.path(),
                &b
            )),
            Kind::Archive(Archive::SameName("pegawai.csv".into()))
        );
    }

    #[test]
    fn csv_files_are_unpacked_under_their_file_names_only() {
        let dir = tempfile::tempdir().unwrap();
        let isi = zip_of(&[
            ("../../etc/Unor.csv", b"unor_id\nU1\n"),
            ("paket\\pegawai.csv", b"nip\n"),
            ("__MACOSX/._unor.csv", b"junk"),
            ("baca.txt", b"x"),
        ]);
        let path = unpack("p.zip", &isi, dir.path(), &Batas::default()).unwrap();
        assert_eq!(path, dir.path().join("paket"));
        let mut names: Vec<_> = std::fs::read_dir(&path)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["pegawai.csv", "unor.csv"]);
        assert_eq!(
            std::fs::read(path.join("unor.csv")).unwrap(),
            b"unor_id\nU1\n"
        );
    }

    /// Zeros compress about a thousand to one: `mib` MiB of them in a few KiB.
    fn bomb(name: &str, mib: usize) -> Vec<u8> {
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(9))
            .large_file(true);
        z.start_file(name, opts).unwrap();
        let block = vec![0u8; 1 << 20];
        for _ in 0..mib {
            z.write_all(&block).unwrap();
        }
        z.finish().unwrap().into_inner()
    }

    #[test]
    fn a_zip_bomb_is_stopped_at_the_limit_not_at_its_end() {
        // 1 GiB of zeros in about 1 MB; limits of 8 MiB per file.
        let isi = bomb("diklat.csv", 1024);
        assert!(isi.len() < 2 << 20, "{} bytes", isi.len());
        let dir = tempfile::tempdir().unwrap();
        let batas = Batas {
            per_berkas: 8 << 20,
            ..Batas::default()
        };
        let t = std::time::Instant::now();
        let p = unpack("bom.zip", &isi, dir.path(), &batas).unwrap_err();
        assert_eq!(
            p.kind,
            Kind::Limit(Limit::EntryBytes {
                name: "diklat.csv".into(),
                max: 8 << 20
            })
        );
        assert!(p.message(ipasn_core::teks::Lang::Id).contains("8 MiB"));
        assert!(
            p.fix(ipasn_core::teks::Lang::En)
                .contains("only the package files")
        );
        // Inflating the whole gigabyte takes seconds; stopping after 8 MiB, milliseconds.
        assert!(
            t.elapsed() < std::time::Duration::from_secs(2),
            "{:?}",
            t.elapsed()
        );
        // Nothing is left behind.
        assert!(!dir.path().join("paket").exists());
        // The total counts across files.
        let isi = zip_of(&[("unor.csv", &[b'a'; 3000]), ("pegawai.csv", &[b'b'; 3000])]);
        let batas = Batas {
            total: 5000,
            ..Batas::default()
        };
        assert_eq!(
            kind(unpack("p.zip", &isi, dir.path(), &batas)),
            Kind::Limit(Limit::TotalBytes(5000))
        );
    }

    #[test]
    fn a_bomb_inside_a_workbook_is_refused_before_calamine_opens_it() {
        let dir = tempfile::tempdir().unwrap();
        // A real workbook, then the same with a shared-strings part of 65 MiB.
        let path = dir.path().join("b.xlsx");
        let mut wb = rust_xlsxwriter::Workbook::new();
        wb.add_worksheet().write_string(0, 0, "nip").unwrap();
        wb.save(&path).unwrap();
        let good = std::fs::read(&path).unwrap();
        periksa(&good, &Batas::tabel()).unwrap();
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let mut book = zip::ZipArchive::new(std::io::Cursor::new(&good[..])).unwrap();
        for i in 0..book.len() {
            let f = book.by_index_raw(i).unwrap();
            if f.name() != "xl/sharedStrings.xml" {
                z.raw_copy_file(f).unwrap();
            }
        }
        let opts = SimpleFileOptions::default().compression_level(Some(9));
        z.start_file("xl/sharedStrings.xml", opts).unwrap();
        let block = vec![b' '; 1 << 20];
        for _ in 0..65 {
            z.write_all(&block).unwrap();
        }
        let bad = z.finish().unwrap().into_inner();
        let batas = Batas::tabel();
        assert_eq!(
            periksa(&bad, &batas),
            Err(Kind::Limit(Limit::EntryBytes {
                name: "xl/sharedStrings.xml".into(),
                max: batas.dimuat
            }))
        );
        assert_eq!(
            kind(unpack("paket.xlsx", &bad, dir.path(), &batas)),
            Kind::Limit(Limit::EntryBytes {
                name: "xl/sharedStrings.xml".into(),
                max: batas.dimuat
            })
        );
        // A worksheet has the larger limit per entry.
        let sheet = bomb("xl/worksheets/sheet1.xml", 80);
        assert_eq!(
            periksa(&sheet, &batas),
            Ok(()),
            "80 MiB of sheet is within 256 MiB"
        );
        let small = Batas {
            per_berkas: 16 << 20,
            ..batas
        };
        assert_eq!(
            periksa(&sheet, &small),
            Err(Kind::Limit(Limit::EntryBytes {
                name: "xl/worksheets/sheet1.xml".into(),
                max: 16 << 20
            }))
        );
    }

    #[test]
    fn the_number_of_entries_is_read_before_they_are_listed() {
        let entries: Vec<(String, Vec<u8>)> = (0..30)
            .map(|i| (format!("f{i}.csv"), b"x".to_vec()))
            .collect();
        let refs: Vec<(&str, &[u8])> = entries
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        let isi = zip_of(&refs);
        assert_eq!(declared_entries(&isi), 30);
        let dir = tempfile::tempdir().unwrap();
        let batas = Batas {
            jumlah_berkas: 20,
            ..Batas::default()
        };
        assert_eq!(
            kind(unpack("p.zip", &isi, dir.path(), &batas)),
            Kind::Limit(Limit::Entries(20))
        );
        // An end record claiming 60,000 entries is refused without listing anything.
        let mut forged = isi.clone();
        let at = memchr::memmem::rfind(&forged, b"PK\x05\x06").unwrap();
        forged[at + 8..at + 10].copy_from_slice(&60_000u16.to_le_bytes());
        forged[at + 10..at + 12].copy_from_slice(&60_000u16.to_le_bytes());
        assert_eq!(
            kind(unpack("p.zip", &forged, dir.path(), &Batas::default())),
            Kind::Limit(Limit::Entries(1_000))
        );
    }
}
