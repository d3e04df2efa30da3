//! Problems found in a data package (masalah): where (sheet or file, row as a spreadsheet shows
//! it, column), the value, what is wrong and how to fix it — in Indonesian or English.

use ipasn_core::teks::Lang;
use serde::Serialize;
use std::fmt;

/// Whether a problem stops the import.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Stops the import; nothing is written.
    Error,
    /// Reported; the import goes on.
    Warning,
}

/// What is wrong. Each kind renders a message and a fix in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The file or workbook cannot be read at all.
    Unreadable(String),
    /// A required sheet or file is missing.
    MissingSheet,
    /// An optional sheet is missing; treated as empty.
    OptionalSheetMissing,
    /// A required column is missing.
    MissingColumn,
    /// A column the package format does not know; its values are not used.
    UnknownColumn,
    /// The row has fewer cells than the header (a cut-off or malformed line).
    ShortRow {
        /// Cells found.
        found: usize,
        /// Cells expected.
        expected: usize,
    },
    /// A required value is empty.
    Required,
    /// A NIP that is not 18 digits.
    NipFormat,
    /// A NIP that Excel turned into a number and so lost digits.
    NipScientific,
    /// NIP digits 1–8 are not a real birth date.
    NipBirthDate,
    /// NIP digits 9–14 are not a plausible TMT CPNS month.
    NipTmt(TmtProblem),
    /// NIP digit 15 is not 1 or 2.
    NipGender,
    /// The same NIP twice.
    Duplicate {
        /// The first row with it.
        first_row: u32,
    },
    /// A riwayat row whose NIP is not in `pegawai`.
    NipUnknown,
    /// jenis_kelamin disagrees with NIP digit 15.
    GenderMismatch,
    /// tanggal_lahir disagrees with NIP digits 1–8.
    BirthDateMismatch,
    /// Not a date (or an impossible one).
    Date,
    /// Not a number.
    Number,
    /// A number outside its range.
    Range {
        /// Smallest allowed.
        min: String,
        /// Largest allowed.
        max: String,
    },
    /// Not one of the allowed values.
    Choice(&'static [&'static str]),
    /// jenjang_jabatan does not belong to jenis_jabatan.
    JenjangMismatch {
        /// The jenis given.
        jenis: String,
    },
    /// A unit id used but not defined in `unor`.
    UnorUnknown,
    /// Units whose parents form a loop.
    UnorCycle(Vec<String>),
    /// Two appraisals for one NIP and year.
    SkpDuplicate {
        /// The first row.
        first_row: u32,
    },
    /// An appraisal with neither nilai nor predikat.
    SkpEmpty,
    /// An end date before the start date.
    EndBeforeStart,
    /// A record dated after the cut-off date T (ignored for that year).
    AfterCutoff(String),
    /// Text that was not UTF-8 and was read as Windows-1252.
    Encoding,
    /// An invisible control character (a line break, tab, … : Unicode category Cc, i.e. C0
    /// including CR, LF and TAB, DEL, and C1) in an identifier cell (`unor_id`, `induk_unor_id`,
    /// `instansi_id`, `kode_wilayah`, a person's `unor_id`): an error, since an id must match
    /// exactly and would break every CSV download it appears in.
    ControlChar(char),
    /// A control character in a free-text cell (a name or title): a warning. The text is kept
    /// with each run of control characters replaced by one space (`Budi⏎Santoso` → `Budi
    /// Santoso`): such a character there is a paste from Word or an Alt+Enter in Excel, never
    /// meant, and refusing a whole package of thousands of persons for it would help no one.
    ControlCharReplaced(char),
    /// A reader's limit was crossed: the file is refused before it can exhaust memory or disk.
    Limit(Limit),
    /// An uploaded archive (ZIP of CSV files, or an XLSX workbook) that cannot be used.
    Archive(Archive),
}

/// Which limit of a reader was crossed (each with the limit itself).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Limit {
    /// More data rows than this.
    Rows(u64),
    /// A row with more cells (columns) than this.
    Columns(u64),
    /// More bytes of cell text than this.
    Text(u64),
    /// One CSV record (a row, with the line breaks of its quoted cells) longer than this many
    /// bytes: usually a quote that is never closed.
    Record(u64),
    /// An entry of a ZIP (or of an XLSX workbook, which is a ZIP) expanding to more bytes than
    /// this.
    EntryBytes {
        /// The entry's name inside the archive.
        name: String,
        /// The limit.
        max: u64,
    },
    /// All entries of an archive together expanding to more bytes than this.
    TotalBytes(u64),
    /// More entries in an archive than this.
    Entries(u64),
}

/// Why an uploaded archive cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Archive {
    /// Neither a ZIP nor an XLSX workbook (nor, where a table is expected, a CSV file).
    NotZip,
    /// An Excel 97–2003 `.xls` workbook.
    OldXls,
    /// A ZIP that is damaged or cut off.
    Damaged,
    /// A ZIP without any `.csv` file.
    NoCsv,
    /// A ZIP that is not an XLSX workbook where one was expected.
    NotXlsx,
    /// A workbook without any sheet.
    NoSheet,
    /// Two entries of a ZIP with the same file name (folders are not kept).
    SameName(String),
    /// The server could not write a temporary file (with the reason).
    Write(String),
}

/// A byte count as people read it: `512 MiB`, `4 GiB`, `1.5 GiB`, `900 bytes`.
pub fn bytes(n: u64) -> String {
    const KIB: u64 = 1 << 10;
    const MIB: u64 = 1 << 20;
    const GIB: u64 = 1 << 30;
    let unit = |u: u64, name: &str| {
        if n.is_multiple_of(u) {
            format!("{} {name}", n / u)
        } else {
            format!("{:.1} {name}", n as f64 / u as f64)
        }
    };
    match n {
        n if n >= GIB => unit(GIB, "GiB"),
        n if n >= MIB => unit(MIB, "MiB"),
        n if n >= KIB => unit(KIB, "KiB"),
        n => format!("{n} bytes"),
    }
}

/// A control character as a person can read it: its name and code (`ganti baris (LF, U+000A)`).
fn control_name(c: char, id: bool) -> String {
    let name = match c {
        '\n' => Some(("ganti baris", "line break", "LF")),
        '\r' => Some(("ganti baris", "line break", "CR")),
        '\t' => Some(("tab", "tab", "TAB")),
        '\u{7f}' => Some(("hapus", "delete", "DEL")),
        '\u{85}' => Some(("baris berikut", "next line", "NEL")),
        _ => None,
    };
    match name {
        Some((i, e, short)) => format!("{} ({short}, U+{:04X})", if id { i } else { e }, c as u32),
        None => format!("U+{:04X}", c as u32),
    }
}

/// Which part of the NIP's TMT is wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TmtProblem {
    /// Not a real month.
    Month,
    /// Before the year the person turned 17.
    TooEarly,
    /// After the import date.
    Future,
}

/// One problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Error or warning.
    pub level: Level,
    /// Sheet (or CSV file) name.
    pub sheet: String,
    /// Row as a spreadsheet shows it (header = 1).
    pub row: Option<u32>,
    /// Column name.
    pub column: Option<String>,
    /// The offending value as found.
    pub value: Option<String>,
    /// What is wrong.
    pub kind: Kind,
}

impl Problem {
    /// A problem at a cell.
    pub fn at(
        level: Level,
        sheet: &str,
        row: u32,
        column: &str,
        value: &str,
        kind: Kind,
    ) -> Problem {
        Problem {
            level,
            sheet: sheet.to_string(),
            row: Some(row),
            column: Some(column.to_string()),
            value: Some(value.chars().take(120).collect()),
            kind,
        }
    }

    /// A problem about a whole sheet or file.
    pub fn sheet(level: Level, sheet: &str, kind: Kind) -> Problem {
        Problem {
            level,
            sheet: sheet.to_string(),
            row: None,
            column: None,
            value: None,
            kind,
        }
    }

    /// What is wrong, in a language.
    pub fn message(&self, lang: Lang) -> String {
        let id = lang == Lang::Id;
        let t = |a: &str, b: &str| if id { a.to_string() } else { b.to_string() };
        match &self.kind {
            Kind::Unreadable(why) => {
                if id {
                    format!("berkas tidak dapat dibaca: {why}")
                } else {
                    format!("the file cannot be read: {why}")
                }
            }
            Kind::MissingSheet => t(
                "sheet/berkas wajib tidak ada",
                "a required sheet/file is missing",
            ),
            Kind::OptionalSheetMissing => t(
                "sheet/berkas tidak ada; dianggap kosong",
                "sheet/file not found; treated as empty",
            ),
            Kind::MissingColumn => t("kolom wajib tidak ada", "a required column is missing"),
            Kind::UnknownColumn => t(
                "kolom tidak dikenal; isinya tidak dipakai",
                "unknown column; its values are not used",
            ),
            Kind::ShortRow { found, expected } => {
                if id {
                    format!("baris hanya berisi {found} sel, judul kolom ada {expected}")
                } else {
                    format!("the row has {found} cells but the header has {expected}")
                }
            }
            Kind::Required => t("wajib diisi", "required value is empty"),
            Kind::NipFormat => t("NIP harus 18 angka", "a NIP must be 18 digits"),
            Kind::NipScientific => t(
                "NIP tersimpan sebagai angka oleh Excel dan digit terakhirnya sudah hilang",
                "the NIP was stored as a number by Excel and its last digits are lost",
            ),
            Kind::NipBirthDate => t(
                "digit 1–8 NIP bukan tanggal lahir yang ada",
                "NIP digits 1–8 are not a real birth date",
            ),
            Kind::NipTmt(TmtProblem::Month) => t(
                "digit 9–14 NIP bukan bulan TMT CPNS yang ada",
                "NIP digits 9–14 are not a real TMT CPNS month",
            ),
            Kind::NipTmt(TmtProblem::TooEarly) => t(
                "TMT CPNS pada NIP (digit 9–14) lebih awal dari usia 17 tahun",
                "the TMT CPNS in the NIP (digits 9–14) is before the person turned 17",
            ),
            Kind::NipTmt(TmtProblem::Future) => t(
                "TMT CPNS pada NIP (digit 9–14) setelah tanggal impor",
                "the TMT CPNS in the NIP (digits 9–14) is after the import date",
            ),
            Kind::NipGender => t(
                "digit 15 NIP harus 1 (laki-laki) atau 2 (perempuan)",
                "NIP digit 15 must be 1 (male) or 2 (female)",
            ),
            Kind::Duplicate { first_row } => {
                if id {
                    format!("duplikat: sudah ada di baris {first_row}")
                } else {
                    format!("duplicate: already in row {first_row}")
                }
            }
            Kind::NipUnknown => t(
                "NIP tidak ada di sheet pegawai",
                "the NIP is not in the pegawai sheet",
            ),
            Kind::GenderMismatch => t(
                "jenis kelamin tidak sesuai digit 15 NIP",
                "jenis_kelamin disagrees with NIP digit 15",
            ),
            Kind::BirthDateMismatch => t(
                "tanggal lahir tidak sesuai digit 1–8 NIP",
                "tanggal_lahir disagrees with NIP digits 1–8",
            ),
            Kind::Date => t("bukan tanggal yang valid", "not a valid date"),
            Kind::Number => t("bukan angka", "not a number"),
            Kind::Range { min, max } => {
                if id {
                    format!("di luar rentang {min}–{max}")
                } else {
                    format!("outside the range {min}–{max}")
                }
            }
            Kind::Choice(allowed) => {
                if id {
                    format!("nilai tidak dikenal; pilihan: {}", allowed.join(", "))
                } else {
                    format!("unknown value; allowed: {}", allowed.join(", "))
                }
            }
            Kind::JenjangMismatch { jenis } => {
                if id {
                    format!("jenjang jabatan tidak sesuai jenis jabatan {jenis}")
                } else {
                    format!("jenjang_jabatan does not belong to jenis_jabatan {jenis}")
                }
            }
            Kind::UnorUnknown => t(
                "unor_id tidak ada di sheet unor",
                "the unor_id is not in the unor sheet",
            ),
            Kind::UnorCycle(ids) => {
                if id {
                    format!("induk unor berputar: {}", ids.join(" → "))
                } else {
                    format!("unit parents form a loop: {}", ids.join(" → "))
                }
            }
            Kind::SkpDuplicate { first_row } => {
                if id {
                    format!("SKP untuk NIP dan tahun ini sudah ada di baris {first_row}")
                } else {
                    format!("an SKP for this NIP and year is already in row {first_row}")
                }
            }
            Kind::SkpEmpty => t(
                "nilai dan predikat SKP keduanya kosong",
                "both nilai and predikat are empty",
            ),
            Kind::EndBeforeStart => t(
                "tanggal akhir sebelum tanggal mulai",
                "the end date is before the start date",
            ),
            Kind::AfterCutoff(t_) => {
                if id {
                    format!("bertanggal setelah tanggal acuan {t_}; tidak dihitung untuk tahun ini")
                } else {
                    format!("dated after the cut-off date {t_}; not counted for this year")
                }
            }
            Kind::Encoding => t(
                "teks bukan UTF-8; dibaca sebagai Windows-1252",
                "the text is not UTF-8; read as Windows-1252",
            ),
            Kind::ControlChar(c) => {
                if id {
                    format!(
                        "berisi karakter kendali tak terlihat {}; kode/ID harus satu baris teks biasa",
                        control_name(*c, true)
                    )
                } else {
                    format!(
                        "holds an invisible control character {}; a code or id must be one line of plain text",
                        control_name(*c, false)
                    )
                }
            }
            Kind::ControlCharReplaced(c) => {
                if id {
                    format!(
                        "berisi karakter kendali tak terlihat {}; diganti spasi",
                        control_name(*c, true)
                    )
                } else {
                    format!(
                        "holds an invisible control character {}; replaced by a space",
                        control_name(*c, false)
                    )
                }
            }
            Kind::Limit(l) => limit_message(l, id),
            Kind::Archive(a) => archive_message(a, id),
        }
    }

    /// How to fix it, in a language.
    pub fn fix(&self, lang: Lang) -> String {
        let id = lang == Lang::Id;
        let t = |a: &str, b: &str| if id { a.to_string() } else { b.to_string() };
        match &self.kind {
            Kind::Unreadable(_) => t(
                "simpan ulang berkas sebagai .xlsx atau CSV UTF-8 lalu unggah lagi; berkas yang terpotong harus diunggah ulang utuh",
                "save the file again as .xlsx or UTF-8 CSV and retry; a truncated file must be uploaded again in full",
            ),
            Kind::MissingSheet => t(
                "tambahkan sheet (atau berkas CSV) dengan nama ini; lihat format paket data",
                "add a sheet (or CSV file) with this name; see the data package format",
            ),
            Kind::OptionalSheetMissing => {
                t("tambahkan jika datanya ada", "add it if you have the data")
            }
            Kind::MissingColumn => t(
                "tambahkan kolom ini di baris judul",
                "add this column to the header row",
            ),
            Kind::UnknownColumn => t(
                "periksa ejaan judul kolom, atau abaikan",
                "check the header's spelling, or ignore this",
            ),
            Kind::ShortRow { .. } => t(
                "lengkapi baris; jika berkas terpotong saat diunggah, unggah ulang",
                "complete the row; if the file was cut off during upload, upload it again",
            ),
            Kind::Required => t("isi sel ini", "fill in this cell"),
            Kind::NipFormat => t(
                "tulis NIP 18 angka tanpa spasi atau titik",
                "write the NIP as 18 digits without spaces or dots",
            ),
            Kind::NipScientific => t(
                "format kolom NIP sebagai Teks (Format Cells → Text) lalu ketik/tempel ulang NIP dari SIASN",
                "format the NIP column as Text (Format Cells → Text) and enter the NIPs again from SIASN",
            ),
            Kind::NipBirthDate | Kind::NipTmt(_) | Kind::NipGender => t(
                "periksa NIP dengan data SIASN",
                "check the NIP against SIASN",
            ),
            Kind::Duplicate { .. } => t("hapus salah satu baris", "remove one of the rows"),
            Kind::NipUnknown => t(
                "tambahkan pegawai ini ke sheet pegawai, atau perbaiki NIP",
                "add this person to the pegawai sheet, or correct the NIP",
            ),
            Kind::GenderMismatch | Kind::BirthDateMismatch => t(
                "periksa NIP dan kolom ini dengan data SIASN",
                "check the NIP and this column against SIASN",
            ),
            Kind::Date => t(
                "tulis tanggal sebagai YYYY-MM-DD, DD-MM-YYYY atau DD/MM/YYYY (atau sel tanggal Excel), dengan tanggal yang ada",
                "write the date as YYYY-MM-DD, DD-MM-YYYY or DD/MM/YYYY (or an Excel date cell), and make sure it exists",
            ),
            Kind::Number => t(
                "tulis angka, desimal dengan titik atau koma (88,5)",
                "write a number, decimals with a point or comma (88.5)",
            ),
            Kind::Range { .. } => t("perbaiki angkanya", "correct the number"),
            Kind::Choice(_) => t(
                "gunakan salah satu pilihan",
                "use one of the allowed values",
            ),
            Kind::JenjangMismatch { .. } => t(
                "perbaiki jenis atau jenjang jabatan",
                "correct jenis_jabatan or jenjang_jabatan",
            ),
            Kind::UnorUnknown => t(
                "tambahkan unit ini ke sheet unor, atau perbaiki unor_id",
                "add this unit to the unor sheet, or correct the unor_id",
            ),
            Kind::UnorCycle(_) => t(
                "perbaiki induk_unor_id agar setiap unit berujung pada unit puncak (induk kosong)",
                "correct induk_unor_id so that every unit leads up to a root (empty parent)",
            ),
            Kind::SkpDuplicate { .. } => t("sisakan satu SKP per tahun", "keep one SKP per year"),
            Kind::SkpEmpty => t("isi nilai atau predikat", "fill in nilai or predikat"),
            Kind::EndBeforeStart => t(
                "tukar atau perbaiki tanggalnya",
                "swap or correct the dates",
            ),
            Kind::AfterCutoff(_) => t(
                "tidak perlu tindakan jika tanggalnya benar",
                "no action needed if the date is right",
            ),
            Kind::Encoding => t("simpan CSV sebagai UTF-8", "save the CSV as UTF-8"),
            Kind::ControlChar(_) | Kind::ControlCharReplaced(_) => t(
                "hapus ganti baris/tab dari sel ini: di Excel, Cari & Ganti (Ctrl+H) dengan Ctrl+J di kotak Cari menemukan ganti baris, atau gunakan =CLEAN(sel) (Excel bahasa Indonesia: =BERSIH(sel)) lalu tempel sebagai nilai",
                "remove the line break or tab from this cell: in Excel, Find & Replace (Ctrl+H) with Ctrl+J in the Find box finds line breaks, or use =CLEAN(cell) and paste the result as values",
            ),
            Kind::Limit(l) => limit_fix(l, id),
            Kind::Archive(a) => archive_fix(a, id),
        }
    }
}

fn limit_message(l: &Limit, id: bool) -> String {
    let pick = |a: String, b: String| if id { a } else { b };
    match l {
        Limit::Rows(max) => pick(
            format!("berkas berisi lebih dari {max} baris data (batas)"),
            format!("the file holds more than {max} data rows (the limit)"),
        ),
        Limit::Columns(max) => pick(
            format!("baris ini berisi sel di luar {max} kolom pertama (batas)"),
            format!("this row has a cell beyond the first {max} columns (the limit)"),
        ),
        Limit::Text(max) => pick(
            format!("berkas berisi lebih dari {} teks (batas)", bytes(*max)),
            format!(
                "the file holds more than {} of text (the limit)",
                bytes(*max)
            ),
        ),
        Limit::Record(max) => pick(
            format!(
                "baris ini lebih panjang dari {}: biasanya tanda petik (\") yang dibuka tidak pernah ditutup",
                bytes(*max)
            ),
            format!(
                "this row is longer than {}: usually a quote (\") that is opened and never closed",
                bytes(*max)
            ),
        ),
        Limit::EntryBytes { name, max } => pick(
            format!(
                "{name} di dalam arsip mengembang menjadi lebih dari {} (batas); berkas ditolak sebelum memenuhi memori/disk",
                bytes(*max)
            ),
            format!(
                "{name} inside the archive expands to more than {} (the limit); the file is refused before it fills memory or disk",
                bytes(*max)
            ),
        ),
        Limit::TotalBytes(max) => pick(
            format!(
                "isi arsip mengembang menjadi lebih dari {} (batas); berkas ditolak sebelum memenuhi memori/disk",
                bytes(*max)
            ),
            format!(
                "the archive's content expands to more than {} (the limit); the file is refused before it fills memory or disk",
                bytes(*max)
            ),
        ),
        Limit::Entries(max) => pick(
            format!("arsip berisi lebih dari {max} berkas (batas)"),
            format!("the archive holds more than {max} files (the limit)"),
        ),
    }
}

fn limit_fix(l: &Limit, id: bool) -> String {
    let pick = |a: String, b: String| if id { a } else { b };
    match l {
        Limit::Rows(max) => pick(
            format!(
                "bagi berkas menjadi beberapa berkas masing-masing paling banyak {max} baris, lalu unggah satu per satu"
            ),
            format!("split the file into files of at most {max} rows each and upload them one by one"),
        ),
        Limit::Columns(_) => pick(
            "hapus kolom setelah kolom terakhir yang dipakai (blok kolom-kolom itu, klik kanan → Delete), simpan, lalu unggah lagi".into(),
            "delete the columns after the last one in use (select them, right-click → Delete), save and upload again".into(),
        ),
        Limit::Text(_) => pick(
            "bagi berkas menjadi beberapa berkas yang lebih kecil".into(),
            "split the file into smaller files".into(),
        ),
        Limit::Record(_) => pick(
            "periksa tanda petik pada baris ini dan sesudahnya; simpan ulang dari Excel sebagai CSV".into(),
            "check the quotes in this row and the ones after it; save the file again from Excel as CSV".into(),
        ),
        Limit::EntryBytes { .. } | Limit::TotalBytes(_) => pick(
            "paket 1 juta pegawai sekitar 1 GB CSV: pastikan arsip hanya berisi berkas paket (unor.csv, pegawai.csv, …) atau buku kerja yang benar, lalu unggah lagi".into(),
            "a package of one million persons is about 1 GB of CSV: make sure the archive holds only the package files (unor.csv, pegawai.csv, …) or the right workbook, then upload again".into(),
        ),
        Limit::Entries(_) => pick(
            "paket hanya perlu enam berkas CSV: buat ZIP berisi berkas itu saja".into(),
            "a package needs only six CSV files: make a ZIP of just those".into(),
        ),
    }
}

fn archive_message(a: &Archive, id: bool) -> String {
    let pick = |a: String, b: String| if id { a } else { b };
    match a {
        Archive::NotZip => pick(
            "berkas bukan XLSX atau ZIP".into(),
            "the file is not an XLSX workbook or a ZIP".into(),
        ),
        Archive::OldXls => pick(
            "berkas adalah buku kerja Excel 97–2003 (.xls), yang tidak dibaca".into(),
            "the file is an Excel 97–2003 workbook (.xls), which is not read".into(),
        ),
        Archive::Damaged => pick(
            "berkas rusak atau terpotong (unggahan tidak lengkap?)".into(),
            "the file is damaged or truncated (incomplete upload?)".into(),
        ),
        Archive::NoCsv => pick(
            "ZIP tidak berisi berkas CSV (unor.csv, pegawai.csv, …)".into(),
            "the ZIP holds no CSV files (unor.csv, pegawai.csv, …)".into(),
        ),
        Archive::NotXlsx => pick(
            "ZIP ini bukan buku kerja XLSX".into(),
            "this ZIP is not an XLSX workbook".into(),
        ),
        Archive::NoSheet => pick(
            "buku kerja tidak berisi sheet".into(),
            "the workbook holds no sheet".into(),
        ),
        Archive::SameName(name) => pick(
            format!("ZIP berisi lebih dari satu berkas bernama {name} (di folder berbeda)"),
            format!("the ZIP holds more than one file named {name} (in different folders)"),
        ),
        Archive::Write(why) => pick(
            format!("server tidak dapat menulis berkas sementara: {why}"),
            format!("the server cannot write a temporary file: {why}"),
        ),
    }
}

fn archive_fix(a: &Archive, id: bool) -> String {
    let t = |a: &str, b: &str| if id { a.to_string() } else { b.to_string() };
    match a {
        Archive::NotZip | Archive::NotXlsx => t(
            "unggah buku kerja Excel (.xlsx), atau ZIP berisi berkas CSV (untuk tabel: berkas CSV)",
            "upload an Excel workbook (.xlsx), or a ZIP of CSV files (for a table: a CSV file)",
        ),
        Archive::OldXls => t(
            "buka di Excel lalu Simpan Sebagai → Buku Kerja Excel (.xlsx), atau CSV UTF-8",
            "open it in Excel and Save As → Excel Workbook (.xlsx), or CSV UTF-8",
        ),
        Archive::Damaged => t(
            "unggah ulang berkas aslinya",
            "upload the original file again",
        ),
        Archive::NoCsv => t(
            "masukkan unor.csv, pegawai.csv dan berkas riwayat ke dalam ZIP",
            "put unor.csv, pegawai.csv and the riwayat files into the ZIP",
        ),
        Archive::NoSheet => t(
            "tambahkan sheet berisi data, simpan, lalu unggah lagi",
            "add a sheet with the data, save and upload again",
        ),
        Archive::SameName(_) => t(
            "sisakan satu berkas dengan nama ini di dalam ZIP",
            "keep only one file with this name in the ZIP",
        ),
        Archive::Write(_) => t(
            "coba lagi; jika berulang, minta admin memeriksa ruang disk server",
            "try again; if it happens again, ask the administrator to check the server's disk space",
        ),
    }
}

impl fmt::Display for Problem {
    /// One line in Indonesian: `pegawai baris 5 kolom nip "…": message. Perbaikan: fix.`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::Id))
    }
}

impl Problem {
    /// One readable line in a language.
    pub fn render(&self, lang: Lang) -> String {
        let id = lang == Lang::Id;
        let mut s = String::new();
        s.push_str(match self.level {
            Level::Error => lang.pick("GALAT", "ERROR"),
            Level::Warning => lang.pick("PERINGATAN", "WARNING"),
        });
        s.push_str(": ");
        s.push_str(&self.sheet);
        if let Some(r) = self.row {
            s.push_str(if id { " baris " } else { " row " });
            s.push_str(&r.to_string());
        }
        if let Some(c) = &self.column {
            s.push_str(if id { " kolom " } else { " column " });
            s.push_str(c);
        }
        if let Some(v) = &self.value {
            s.push_str(&format!(" \"{v}\""));
        }
        s.push_str(": ");
        s.push_str(&self.message(lang));
        s.push_str(". ");
        s.push_str(lang.pick("Perbaikan: ", "Fix: "));
        s.push_str(&self.fix(lang));
        s.push('.');
        s
    }
}
