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
        }
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
