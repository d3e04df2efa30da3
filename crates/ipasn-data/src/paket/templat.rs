//! The package template: an XLSX workbook with the six sheets of a data package, each with
//! its columns (bold, NIP columns formatted as text so a spreadsheet keeps all 18 digits) and
//! one example row, and an instructions sheet (`petunjuk`) that lists every column, whether it
//! is required and the values it accepts. The example rows form a valid package of one person
//! (Contoh A of the spec's worked examples, with an annulled punishment), so the template
//! imports as it is.

use super::SHEETS;
use super::kolom;
use super::sheet::Col;
use ipasn_core::teks::Lang;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

/// The example row of each sheet, in [`SHEETS`] order, column by column.
const CONTOH: [&[&str]; 6] = [
    &[
        "K",
        "Pemerintah Kota Contoh",
        "",
        "K",
        "Pemerintah Kota Contoh",
        "32.75",
    ],
    &[
        "198001012005011001",
        "Contoh A",
        "L",
        "1980-01-01",
        "PNS",
        "Fungsional",
        "Ahli Muda",
        "Analis Kebijakan Ahli Muda",
        "K",
        "III/c",
    ],
    &[
        "198001012005011001",
        "S-2",
        "Magister Administrasi Publik",
        "2015",
        "",
        "ya",
    ],
    &[
        "198001012005011001",
        "Teknis",
        "Pelatihan Analisis Data",
        "2024-02-26",
        "2024-03-01",
        "24",
        "BKPSDM",
    ],
    &["198001012005011001", "2024", "88", ""],
    &[
        "198001012005011001",
        "Ringan",
        "Teguran Lisan",
        "2023-05-02",
        "",
        "ya",
    ],
];

/// The columns of each sheet, in [`SHEETS`] order.
fn kolom_lembar() -> [&'static [Col]; 6] {
    [
        kolom::UNOR,
        kolom::PEGAWAI,
        kolom::PENDIDIKAN,
        kolom::DIKLAT,
        kolom::SKP,
        kolom::HUKDIS,
    ]
}

/// The values a column accepts, when it is a list or a form.
fn nilai(sheet: &str, col: &str, lang: Lang) -> String {
    let list = |v: &[&str]| v.join(", ");
    let t = |id: &str, en: &str| lang.pick(id, en).to_string();
    match (sheet, col) {
        (_, "nip") => t(
            "NIP baru, 18 digit, ditulis sebagai teks",
            "new NIP, 18 digits, written as text",
        ),
        ("unor", "induk_unor_id") => t(
            "unor_id induknya; kosong untuk unit teratas",
            "the parent's unor_id; empty for the top unit",
        ),
        ("unor", "kode_wilayah") => t(
            "kode wilayah Kemendagri, mis. 32.75",
            "Kemendagri region code, e.g. 32.75",
        ),
        ("pegawai", "unor_id") => t("unor_id dari lembar unor", "an unor_id of the unor sheet"),
        ("pegawai", "status_kepegawaian") => list(kolom::STATUS),
        ("pegawai", "jenis_jabatan") => list(kolom::JENIS_JABATAN),
        ("pegawai", "jenjang_jabatan") => list(kolom::JENJANG),
        ("pegawai", "jenis_kelamin") => list(kolom::KELAMIN),
        ("pegawai", "golongan") => list(kolom::GOLONGAN),
        ("pendidikan", "tingkat_pendidikan") => list(kolom::TINGKAT_PENDIDIKAN),
        ("diklat", "jenis") => list(kolom::JENIS_DIKLAT),
        ("skp", "predikat") => list(kolom::PREDIKAT),
        ("skp", "nilai") => "0–100".into(),
        ("hukdis", "tingkat") => list(kolom::TINGKAT_HUKDIS),
        (_, "diakui") | (_, "dibatalkan") => t("ya atau tidak", "ya (yes) or tidak (no)"),
        (_, c) if c.starts_with("tanggal") || c.starts_with("tmt") || c.starts_with("akhir") => t(
            "YYYY-MM-DD, DD-MM-YYYY atau DD/MM/YYYY",
            "YYYY-MM-DD, DD-MM-YYYY or DD/MM/YYYY",
        ),
        (_, "tahun") | (_, "tahun_lulus") => t("tahun empat digit", "four-digit year"),
        (_, "jumlah_jam") => t(
            "jam pelajaran (JP); desimal boleh dengan koma",
            "lesson hours (JP); a decimal comma is fine",
        ),
        _ => String::new(),
    }
}

/// The instructions, line by line.
fn petunjuk(lang: Lang) -> Vec<&'static str> {
    match lang {
        Lang::Id => vec![
            "Templat paket data IP ASN",
            "Isi enam lembar: unor, pegawai, pendidikan, diklat, skp, hukdis. Baris pertama tiap lembar berisi nama kolom: jangan diubah atau dihapus.",
            "Baris kedua tiap lembar adalah contoh (Contoh A). Ganti atau hapus sebelum mengisi data instansi.",
            "Satu baris satu unit, satu pegawai, atau satu riwayat. Riwayat dihubungkan ke pegawai lewat NIP.",
            "NIP ditulis 18 digit sebagai teks: kolom NIP di templat ini sudah berformat teks agar digitnya tidak hilang.",
            "Paket adalah keadaan lengkap instansi: pegawai atau unit yang tidak ada di paket akan dikeluarkan (setelah pratinjau dan konfirmasi).",
            "Unggah berkas ini (atau ZIP berisi enam berkas CSV dengan nama lembar yang sama) di menu Impor data. Setiap masalah disebutkan dengan lembar, baris, kolom dan cara memperbaikinya.",
        ],
        Lang::En => vec![
            "IP ASN data package template",
            "Fill in six sheets: unor, pegawai, pendidikan, diklat, skp, hukdis. The first row of each sheet holds the column names: do not change or delete it.",
            "The second row of each sheet is an example (Contoh A). Replace or delete it before entering the instansi's data.",
            "One row is one unit, one person or one record. Records are linked to persons by NIP.",
            "A NIP is written as 18 digits of text: the NIP columns of this template are formatted as text so that no digit is lost.",
            "A package is the instansi's whole current state: persons or units not in it are removed (after a preview and a confirmation).",
            "Upload this file (or a ZIP of six CSV files named like the sheets) under Import data. Every problem is named with its sheet, row and column and how to fix it.",
        ],
    }
}

/// The template workbook, its instructions in `lang`.
pub fn templat(lang: Lang) -> Result<Vec<u8>, String> {
    let e = |e: XlsxError| e.to_string();
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let teks = Format::new().set_num_format("@");
    let wrap = Format::new().set_text_wrap();
    {
        let ws = wb.add_worksheet();
        ws.set_name("petunjuk").map_err(e)?;
        let lines = petunjuk(lang);
        ws.write_string_with_format(0, 0, lines[0], &bold)
            .map_err(e)?;
        let mut r = 2;
        for l in &lines[1..] {
            ws.write_string_with_format(r, 0, *l, &wrap).map_err(e)?;
            ws.set_row_height(r, 32).map_err(e)?;
            r += 1;
        }
        r += 1;
        let head = match lang {
            Lang::Id => ["lembar", "kolom", "wajib", "nilai yang diterima"],
            Lang::En => ["sheet", "column", "required", "accepted values"],
        };
        for (c, h) in head.iter().enumerate() {
            ws.write_string_with_format(r, c as u16 + 1, *h, &bold)
                .map_err(e)?;
        }
        r += 1;
        let (ya, tidak) = match lang {
            Lang::Id => ("ya", "tidak"),
            Lang::En => ("yes", "no"),
        };
        for (sheet, cols) in SHEETS.iter().zip(kolom_lembar()) {
            for c in cols {
                ws.write_string(r, 1, *sheet).map_err(e)?;
                ws.write_string(r, 2, c.name).map_err(e)?;
                ws.write_string(r, 3, if c.required { ya } else { tidak })
                    .map_err(e)?;
                ws.write_string(r, 4, nilai(sheet, c.name, lang))
                    .map_err(e)?;
                r += 1;
            }
        }
        ws.set_column_width(0, 110).map_err(e)?;
        ws.set_column_width(1, 12).map_err(e)?;
        ws.set_column_width(2, 20).map_err(e)?;
        ws.set_column_width(4, 60).map_err(e)?;
    }
    for ((sheet, cols), contoh) in SHEETS.iter().zip(kolom_lembar()).zip(CONTOH) {
        let ws = wb.add_worksheet();
        ws.set_name(*sheet).map_err(e)?;
        for (c, col) in cols.iter().enumerate() {
            let c = c as u16;
            if col.name == "nip" {
                ws.set_column_format(c, &teks).map_err(e)?;
            }
            ws.set_column_width(c, (col.name.len() as f64 + 4.0).max(14.0))
                .map_err(e)?;
            ws.write_string_with_format(0, c, col.name, &bold)
                .map_err(e)?;
            if let Some(v) = contoh.get(c as usize).filter(|v| !v.is_empty()) {
                ws.write_string(1, c, *v).map_err(e)?;
            }
        }
        ws.set_freeze_panes(1, 0).map_err(e)?;
    }
    wb.save_to_buffer().map_err(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sheet_has_an_example_for_each_column() {
        for (cols, contoh) in kolom_lembar().iter().zip(CONTOH) {
            assert_eq!(cols.len(), contoh.len());
            for (c, v) in cols.iter().zip(contoh) {
                assert!(!c.required || !v.is_empty(), "{} needs a value", c.name);
            }
        }
    }
}
