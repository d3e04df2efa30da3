//! Downloads: CSV cells cannot be formulas.

use crate::helpers::*;
use std::path::Path;

/// Every field of every row of a CSV download (BOM removed).
fn cells(csv: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// Cells a spreadsheet would run as formulas leave every web CSV download with a leading `'`;
/// plain numbers (also negative ones) stay numbers.
async fn formulas(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    let evil = "=HYPERLINK(\"http://x\",\"y\")";
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/paket/contoh-spec");
    let pkg = zip_dir(&dir, |name, text| match name {
        "pegawai.csv" => text.replacen(
            ",Contoh F,",
            ",\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",",
            1,
        ),
        "unor.csv" => text.replacen(",Dinas Contoh,", ",@SUM(1+1),", 1),
        _ => text,
    });
    let j = admin.import("contoh-spec.zip", pkg).await;
    assert_eq!(j["impor"]["status"], "selesai", "{j}");
    let f_ = "198606062010062006";
    assert_eq!(
        admin.json(&format!("/api/pegawai/{f_}")).await["pegawai"]["nama"],
        evil
    );
    let name_cell = |csv: &str| -> Vec<String> {
        cells(csv)
            .into_iter()
            .flatten()
            .filter(|c| c.contains("HYPERLINK"))
            .collect()
    };
    let want = format!("'{evil}");
    // The pegawai list, the ranking.
    for path in [
        "/unor/K/pegawai.csv?tahun=2024",
        "/unor/K/peringkat.csv?tahun=2024",
    ] {
        let csv = admin.text(path).await;
        assert_eq!(name_cell(&csv), vec![want.clone()], "{path}: {csv}");
    }
    // Unit names in the dashboard's tables.
    let csv = admin.text("/unor/K/tabel/subunit.csv?tahun=2024").await;
    let all: Vec<String> = cells(&csv).into_iter().flatten().collect();
    assert!(all.contains(&"'@SUM(1+1)".to_string()), "{csv}");
    assert!(
        !all.iter().any(|c| c.starts_with(['=', '+', '-', '@'])),
        "{csv}"
    );
    // Standards (position titles) and the dictionary (names) as uploaded.
    assert_eq!(
        admin
            .upload_asesmen(
                "skj.csv",
                b"jabatan,kompetensi,level\n+Kepala Bidang,M.03,2\n".to_vec()
            )
            .await["impor"]["status"],
        "selesai"
    );
    let csv = admin.text("/asesmen/standar.csv").await;
    let all: Vec<String> = cells(&csv).into_iter().flatten().collect();
    assert!(
        all.iter().any(|c| c.starts_with("'+")) && !all.iter().any(|c| c.starts_with('+')),
        "{csv}"
    );
    assert_eq!(
        admin
            .upload_asesmen(
                "kamus.csv",
                b"kompetensi,nama,level,deskripsi\nT.ARSIP,-Arsip dinamis,,\"=1+2\"\n".to_vec()
            )
            .await["impor"]["status"],
        "selesai"
    );
    let csv = admin.text("/asesmen/kamus.csv").await;
    let all: Vec<String> = cells(&csv).into_iter().flatten().collect();
    assert!(
        all.contains(&"'-Arsip dinamis".to_string()) && all.contains(&"'=1+2".to_string()),
        "{csv}"
    );
    // An import's problems: the values as read (a formula, a tab) are neutralised, a negative
    // number stays a number.
    let bad = zip_dir(&dir, |name, text| match name {
        "skp.csv" => text.replacen(
            "198001012005011001,2024,88,",
            "198001012005011001,2024,-5,",
            1,
        ),
        "diklat.csv" => text.replacen(",24,BKPSDM", ",=1+1,BKPSDM", 1),
        _ => text,
    });
    let j = admin.import("buruk.zip", bad).await;
    assert_eq!(j["impor"]["status"], "ditolak", "{j}");
    let id = j["impor"]["id"].as_i64().unwrap();
    let csv = admin.text(&format!("/impor/{id}/masalah.csv")).await;
    let all: Vec<String> = cells(&csv).into_iter().flatten().collect();
    assert!(all.contains(&"'=1+1".to_string()), "{csv}");
    assert!(
        all.contains(&"-5".to_string()),
        "a negative number stays numeric: {csv}"
    );
    assert!(!all.iter().any(|c| c.starts_with('=')));
    // XLSX: the name as it is, in a text cell, never a formula; the scores in number cells.
    let r = admin.get("/unor/K/pegawai.xlsx?tahun=2024").await;
    assert_eq!(r.status(), 200);
    use calamine::{Data, Reader};
    let mut book =
        calamine::Xlsx::new(std::io::Cursor::new(r.bytes().await.unwrap().to_vec())).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let row = range
        .rows()
        .find(|r| r[0] == Data::String(f_.into()))
        .unwrap();
    assert_eq!(row[1], Data::String(evil.into()));
    assert_eq!(row[9], Data::Float(70.5));
    assert!(book.worksheet_formula("Sheet1").unwrap().is_empty());
}
on_both!(csv_cells_cannot_be_formulas, formulas);
