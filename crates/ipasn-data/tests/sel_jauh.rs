//! A cell far away (XFD1048576, the last cell of a sheet) costs one cell: the package reader and
//! the table reader stream cells and never build the sheet's grid (a dense grid to that cell
//! would be 17 billion cells; calamine's `worksheet_range` asked for 549 GB and aborted the
//! server). Peak memory is measured with a counting allocator (this file holds one test, so
//! nothing else allocates meanwhile).

use ipasn_core::Tanggal;
use ipasn_data::masalah::{Kind, Level, Limit};
use ipasn_data::paket::{self, ImportOptions};
use ipasn_data::tabel;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = NOW.fetch_add(by, Relaxed) + by;
    PEAK.fetch_max(now, Relaxed);
}

// SAFETY: every call is passed on to the system allocator unchanged; only sizes are counted.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(l) };
        if !p.is_null() {
            grew(l.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, l: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(l) };
        if !p.is_null() {
            grew(l.size());
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) };
        NOW.fetch_sub(l.size(), Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, l, new) };
        if !q.is_null() {
            NOW.fetch_sub(l.size(), Relaxed);
            grew(new);
        }
        q
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Runs `f` and returns its result and the most memory it held at once beyond what was held
/// before.
fn peak<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = NOW.load(Relaxed);
    PEAK.store(before, Relaxed);
    let r = f();
    (r, PEAK.load(Relaxed) - before)
}

const LAST_ROW: u32 = 1_048_575;
const LAST_COL: u16 = 16_383;

#[test]
fn a_far_cell_costs_one_cell() {
    use rust_xlsxwriter::Workbook;
    let dir = tempfile::tempdir().unwrap();

    // A package whose unor sheet has 20,000 units, each row with a stray value at column XFD,
    // and a value in the very last cell of the pegawai sheet; and the same without the stray
    // values, to compare.
    let package = |far: bool| {
        let path = dir.path().join(format!("paket-{far}.xlsx"));
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        ws.set_name("unor").unwrap();
        for (c, h) in ["unor_id", "nama_unor", "induk_unor_id"].iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for r in 1..=20_000u32 {
            ws.write_string(r, 0, format!("U{r}")).unwrap();
            ws.write_string(r, 1, format!("Unit {r}")).unwrap();
            if r > 1 {
                ws.write_string(r, 2, "U1").unwrap();
            }
            if far {
                ws.write_string(r, LAST_COL, "catatan").unwrap();
            }
        }
        let ws = wb.add_worksheet();
        ws.set_name("pegawai").unwrap();
        let header = "nip,nama,jenis_kelamin,tanggal_lahir,status_kepegawaian,jenis_jabatan,jenjang_jabatan,nama_jabatan,unor_id,golongan";
        let row = "198501012010011001,Budi,L,1985-01-01,PNS,Pelaksana,Pelaksana,Staf,U2,III/a";
        for (r, line) in [header, row].iter().enumerate() {
            for (c, v) in line.split(',').enumerate() {
                ws.write_string(r as u32, c as u16, v).unwrap();
            }
        }
        if far {
            ws.write_string(LAST_ROW, LAST_COL, "x").unwrap();
        }
        wb.save(&path).unwrap();
        path
    };
    let (plain, far) = (package(false), package(true));

    let opts = ImportOptions::new(Tanggal::new(2026, 1, 1).unwrap(), None);
    let t = std::time::Instant::now();
    let clean = paket::import(&plain, &opts);
    let plain_took = t.elapsed();
    assert!(!clean.has_errors(), "{:#?}", clean.problems);
    let t = std::time::Instant::now();
    let (imported, held) = peak(|| paket::import(&far, &opts));
    let far_took = t.elapsed();
    assert_eq!(imported.counts.unor, 20_000);
    assert_eq!(imported.counts.pegawai, 1);
    assert_eq!(imported.dataset, clean.dataset);
    // The far cell's row is read as a row of its own and refused at its place: no NIP, no
    // name, … on row 1,048,576. The stray values of the unor sheet are in no column of its
    // header, and are not read (as any cell right of the header).
    let errors: Vec<_> = imported
        .problems
        .iter()
        .filter(|p| p.level == Level::Error)
        .collect();
    assert!(!errors.is_empty());
    assert!(
        errors
            .iter()
            .all(|p| p.sheet == "pegawai" && p.row == Some(LAST_ROW + 1)),
        "{errors:#?}"
    );
    assert!(
        errors
            .iter()
            .any(|p| p.column.as_deref() == Some("nip") && p.kind == Kind::Required)
    );
    // A dense row to column XFD is 16,384 cells (512 KiB), and filling one per row for 20,000
    // rows took six times as long as the whole plain import. Now a stray cell is one cell.
    assert!(held < 24 << 20, "held {} MiB", held >> 20);
    assert!(
        far_took < plain_took * 2 + std::time::Duration::from_millis(500),
        "{far_took:?} against {plain_took:?} without the far cells"
    );

    // A small table (an assessment results file) with a value in its last cell: refused at
    // that cell, having held a few pages.
    let path = dir.path().join("asesmen.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["nip", "kompetensi", "level", "tanggal"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "198501012010011001").unwrap();
    ws.write_string(LAST_ROW, LAST_COL, "x").unwrap();
    wb.save(&path).unwrap();
    let isi = std::fs::read(&path).unwrap();
    assert!(isi.len() < 10_000, "a 5 KB file: {} bytes", isi.len());
    let (r, held) = peak(|| tabel::baca("asesmen.xlsx", &isi, &tabel::Batas::default()));
    let p = r.unwrap_err();
    assert_eq!(
        (p.row, p.column.as_deref(), &p.kind),
        (
            Some(LAST_ROW + 1),
            Some("XFD"),
            &Kind::Limit(Limit::Columns(64))
        )
    );
    assert!(held < 4 << 20, "held {} KiB", held >> 10);
    // With room for every column, the far cell is read as the one cell it is.
    let wide = tabel::Batas {
        kolom: 16_384,
        ..tabel::Batas::default()
    };
    let (t, held) = peak(|| tabel::baca("asesmen.xlsx", &isi, &wide).unwrap());
    assert_eq!(t.len(), 3);
    let last = t.baris(2);
    assert_eq!((last.nomor(), last.len()), (LAST_ROW + 1, 16_384));
    assert_eq!(last.sel(16_383), "x");
    assert!(held < 4 << 20, "held {} KiB", held >> 10);
}
