//! What is wrong with a bundle or an answer sheet (masalah): the file, the row as a spreadsheet
//! shows it (header = 1), the column, the value, what is wrong and how to fix it — in Indonesian
//! or English. Every problem of a file is collected; none stops the check of the others.

use ipasn_core::teks::Lang;
use std::fmt;

/// One problem.
#[derive(Clone, Debug, PartialEq)]
pub struct Masalah {
    /// The file (`instrumen.toml`, `kunci.csv`, the answer sheet's name).
    pub berkas: String,
    /// The row as a spreadsheet shows it (header = 1); `None` for the file as a whole.
    pub baris: Option<u32>,
    /// The column's name (or the TOML key).
    pub kolom: Option<String>,
    /// The value found.
    pub nilai: String,
    /// What is wrong.
    pub jenis: Jenis,
}

/// What is wrong.
#[derive(Clone, Debug, PartialEq)]
pub enum Jenis {
    /// The structure file does not parse (the parser's words).
    Toml(String),
    /// A file the bundle names is not there.
    BerkasTidakAda,
    /// A file that cannot be read as a table (the reader's words in both languages).
    TidakTerbaca {
        /// In Indonesian.
        id: String,
        /// In English.
        en: String,
    },
    /// A required column is missing.
    KolomTidakAda,
    /// A required value is empty.
    Wajib,
    /// The same id twice.
    Ganda {
        /// The row it was first seen in.
        pertama: u32,
    },
    /// An item (or word) without a scoring key.
    TanpaKunci,
    /// A key row for an item the items file does not have.
    ButirTidakAda,
    /// A key to a scale the bundle does not define.
    SkalaTidakDikenal,
    /// An item in a section the bundle does not define.
    BagianTidakDikenal,
    /// A Likert key direction that is not `+` or `-`.
    Arah,
    /// A time limit that does not parse.
    Waktu,
    /// A number expected.
    Angka,
    /// Not one of the allowed values.
    Pilihan(Vec<String>),
    /// The count of items or groups differs from the model's.
    JumlahButir {
        /// Expected.
        harus: usize,
        /// Found.
        ada: usize,
    },
    /// A scale keyed by a different number of statements than the model's.
    PerSkala {
        /// Expected.
        harus: usize,
        /// Found.
        ada: usize,
    },
    /// A Most/Least group with a different number of words than the model's.
    KataPerKelompok {
        /// Expected.
        harus: usize,
        /// Found.
        ada: usize,
    },
    /// A key option that is not one of the item's options.
    OpsiTidakAda,
    /// A multiple-choice item where no option earns a point.
    TanpaJawabanBenar,
    /// A bundle's kind that is not known.
    JenisTidakDikenal,
    /// An answer with the same word as Most and Least.
    MostSamaLeast,
    /// An answer-sheet column that is not an item of the bundle.
    KolomTidakDikenal,
    /// A code with characters other than letters, digits, `_`, `-`, `.` (or over 32).
    Kode,
    /// A control or bidirectional-override character in a text.
    Kendali,
    /// A structure file that is not UTF-8 text.
    BukanUtf8,
    /// Too many items, scales or files for one bundle.
    TerlaluBanyak {
        /// The limit.
        batas: usize,
    },
    /// A sheet without a person's row, or a row without any answer.
    TanpaJawaban,
    /// A norm that cannot place anyone (fewer than 2 people, a standard deviation not above 0,
    /// a percentile outside 0–100, the same raw score twice in a table).
    NormaTidakSah,
    /// A test date after today.
    TanggalDepan,
    /// A `[struktur]` count that differs from the model named.
    Model,
}

impl Masalah {
    /// A problem of the file as a whole.
    pub fn berkas(berkas: &str, jenis: Jenis) -> Masalah {
        Masalah {
            berkas: berkas.to_string(),
            baris: None,
            kolom: None,
            nilai: String::new(),
            jenis,
        }
    }

    /// A problem of one cell.
    pub fn sel(berkas: &str, baris: u32, kolom: &str, nilai: &str, jenis: Jenis) -> Masalah {
        Masalah {
            berkas: berkas.to_string(),
            baris: Some(baris),
            kolom: Some(kolom.to_string()),
            nilai: nilai.to_string(),
            jenis,
        }
    }

    /// What is wrong, in `lang`.
    pub fn pesan(&self, lang: Lang) -> String {
        let v = &self.nilai;
        let id = lang == Lang::Id;
        match &self.jenis {
            Jenis::Toml(e) if id => format!("berkas struktur tidak dapat dibaca: {e}"),
            Jenis::Toml(e) => format!("the structure file cannot be read: {e}"),
            Jenis::BerkasTidakAda if id => "berkas ini tidak ada dalam bundel".into(),
            Jenis::BerkasTidakAda => "this file is not in the bundle".into(),
            Jenis::TidakTerbaca { id: t, .. } if id => format!("berkas tidak dapat dibaca: {t}"),
            Jenis::TidakTerbaca { en, .. } => format!("the file cannot be read: {en}"),
            Jenis::KolomTidakAda if id => "kolom wajib tidak ada".into(),
            Jenis::KolomTidakAda => "a required column is missing".into(),
            Jenis::Wajib if id => "nilai wajib kosong".into(),
            Jenis::Wajib => "a required value is empty".into(),
            Jenis::Ganda { pertama } if id => format!("'{v}' sudah ada di baris {pertama}"),
            Jenis::Ganda { pertama } => format!("'{v}' already appears in row {pertama}"),
            Jenis::TanpaKunci if id => format!("butir '{v}' tidak punya kunci skor"),
            Jenis::TanpaKunci => format!("item '{v}' has no scoring key"),
            Jenis::ButirTidakAda if id => format!("kunci untuk butir '{v}' yang tidak ada"),
            Jenis::ButirTidakAda => format!("a key for item '{v}', which does not exist"),
            Jenis::SkalaTidakDikenal if id => format!("skala '{v}' tidak didefinisikan"),
            Jenis::SkalaTidakDikenal => format!("scale '{v}' is not defined"),
            Jenis::BagianTidakDikenal if id => format!("bagian '{v}' tidak didefinisikan"),
            Jenis::BagianTidakDikenal => format!("section '{v}' is not defined"),
            Jenis::Arah if id => format!("arah kunci '{v}' bukan + atau -"),
            Jenis::Arah => format!("key direction '{v}' is not + or -"),
            Jenis::Waktu if id => format!("batas waktu '{v}' tidak dapat dibaca"),
            Jenis::Waktu => format!("time limit '{v}' cannot be read"),
            Jenis::Angka if id => format!("'{v}' bukan angka yang sah"),
            Jenis::Angka => format!("'{v}' is not a valid number"),
            Jenis::Pilihan(_) if id => format!("'{v}' bukan nilai yang diizinkan"),
            Jenis::Pilihan(_) => format!("'{v}' is not an allowed value"),
            Jenis::JumlahButir { harus, ada } if id => {
                format!("ada {ada} butir/kelompok; model ini harus {harus}")
            }
            Jenis::JumlahButir { harus, ada } => {
                format!("{ada} items/groups found; this model needs {harus}")
            }
            Jenis::PerSkala { harus, ada } if id => {
                format!("skala '{v}' dikunci oleh {ada} pernyataan; harus {harus}")
            }
            Jenis::PerSkala { harus, ada } => {
                format!("scale '{v}' is keyed by {ada} statements; it needs {harus}")
            }
            Jenis::KataPerKelompok { harus, ada } if id => {
                format!("kelompok '{v}' berisi {ada} kata; harus {harus}")
            }
            Jenis::KataPerKelompok { harus, ada } => {
                format!("group '{v}' has {ada} words; it needs {harus}")
            }
            Jenis::OpsiTidakAda if id => format!("opsi '{v}' tidak ada pada butir ini"),
            Jenis::OpsiTidakAda => format!("option '{v}' is not an option of this item"),
            Jenis::TanpaJawabanBenar if id => {
                format!("butir '{v}' tidak punya opsi yang bernilai lebih dari 0")
            }
            Jenis::TanpaJawabanBenar => format!("item '{v}' has no option worth more than 0"),
            Jenis::JenisTidakDikenal if id => format!("jenis instrumen '{v}' tidak dikenal"),
            Jenis::JenisTidakDikenal => format!("instrument kind '{v}' is not known"),
            Jenis::MostSamaLeast if id => "kata yang sama dipilih sebagai Most dan Least".into(),
            Jenis::MostSamaLeast => "the same word is chosen as Most and as Least".into(),
            Jenis::Kode if id => format!("kode '{v}' memuat tanda selain huruf, angka, _, - dan ."),
            Jenis::Kode => {
                format!("code '{v}' has characters other than letters, digits, _, - and .")
            }
            Jenis::Kendali if id => format!("teks memuat karakter kendali atau pembalik arah: {v}"),
            Jenis::Kendali => {
                format!("the text holds a control or direction-override character: {v}")
            }
            Jenis::BukanUtf8 if id => "berkas struktur bukan teks UTF-8".into(),
            Jenis::BukanUtf8 => "the structure file is not UTF-8 text".into(),
            Jenis::TerlaluBanyak { batas } if id => {
                format!("lebih dari {batas} (batas satu bundel)")
            }
            Jenis::TerlaluBanyak { batas } => {
                format!("more than {batas} (the limit of one bundle)")
            }
            Jenis::TanpaJawaban if id => "tidak ada jawaban".into(),
            Jenis::TanpaJawaban => "no answer".into(),
            Jenis::NormaTidakSah if id => format!("norma tidak sah: {v}"),
            Jenis::NormaTidakSah => format!("not a valid norm: {v}"),
            Jenis::Model if id => format!("nilai {v} berbeda dari model yang disebut"),
            Jenis::Model => format!("the value {v} differs from the model named"),
            Jenis::TanggalDepan if id => format!("tanggal {v} belum terjadi"),
            Jenis::TanggalDepan => format!("the date {v} has not come yet"),
            Jenis::KolomTidakDikenal if id => format!("kolom '{v}' bukan butir instrumen ini"),
            Jenis::KolomTidakDikenal => format!("column '{v}' is not an item of this instrument"),
        }
    }

    /// How to fix it, in `lang`.
    pub fn saran(&self, lang: Lang) -> String {
        let id = lang == Lang::Id;
        let pilihan = |p: &Vec<String>| p.join(", ");
        match &self.jenis {
            Jenis::Toml(_) if id => "Perbaiki sintaks TOML pada baris yang disebut.".into(),
            Jenis::Toml(_) => "Fix the TOML syntax at the line named.".into(),
            Jenis::BerkasTidakAda if id => {
                "Tambahkan berkas itu, atau ubah namanya di [berkas] instrumen.toml.".into()
            }
            Jenis::BerkasTidakAda => {
                "Add the file, or change its name under [berkas] in instrumen.toml.".into()
            }
            Jenis::TidakTerbaca { .. } if id => {
                "Simpan berkas sebagai CSV (UTF-8) atau XLSX, lalu coba lagi.".into()
            }
            Jenis::TidakTerbaca { .. } => {
                "Save the file as CSV (UTF-8) or XLSX and try again.".into()
            }
            Jenis::KolomTidakAda if id => "Tambahkan kolom itu pada baris judul.".into(),
            Jenis::KolomTidakAda => "Add the column to the header row.".into(),
            Jenis::Wajib if id => "Isi sel ini.".into(),
            Jenis::Wajib => "Fill in this cell.".into(),
            Jenis::Ganda { .. } if id => "Setiap id hanya boleh muncul sekali.".into(),
            Jenis::Ganda { .. } => "Each id may appear only once.".into(),
            Jenis::TanpaKunci if id => "Tambahkan baris kunci untuk butir ini.".into(),
            Jenis::TanpaKunci => "Add a key row for this item.".into(),
            Jenis::ButirTidakAda if id => {
                "Hapus baris ini, atau perbaiki id butirnya sesuai berkas butir.".into()
            }
            Jenis::ButirTidakAda => {
                "Remove the row, or correct the item id to one of the items file.".into()
            }
            Jenis::SkalaTidakDikenal if id => {
                "Gunakan kode skala yang ada di [[skala]] instrumen.toml, atau tambahkan skalanya."
                    .into()
            }
            Jenis::SkalaTidakDikenal => {
                "Use a scale code of [[skala]] in instrumen.toml, or add the scale.".into()
            }
            Jenis::BagianTidakDikenal if id => {
                "Gunakan id bagian yang ada di [[bagian]] instrumen.toml.".into()
            }
            Jenis::BagianTidakDikenal => "Use a section id of [[bagian]] in instrumen.toml.".into(),
            Jenis::Arah if id => "Tulis + (searah) atau - (dibalik).".into(),
            Jenis::Arah => "Write + (keyed) or - (reverse keyed).".into(),
            Jenis::Waktu if id => {
                "Tulis menit (20), atau seperti 20m, 1j30m, 1h30m, 90s, 00:20:00.".into()
            }
            Jenis::Waktu => "Write minutes (20), or as 20m, 1h30m, 90s, 00:20:00.".into(),
            Jenis::Angka if id => "Tulis angka, dengan titik atau koma desimal.".into(),
            Jenis::Angka => "Write a number, with a decimal point or comma.".into(),
            Jenis::Pilihan(p) if id => format!("Gunakan salah satu dari: {}.", pilihan(p)),
            Jenis::Pilihan(p) => format!("Use one of: {}.", pilihan(p)),
            Jenis::JumlahButir { .. } if id => {
                "Periksa bahwa berkas butir memuat seluruh bank soal yang berlisensi.".into()
            }
            Jenis::JumlahButir { .. } => {
                "Check that the items file holds the whole licensed item bank.".into()
            }
            Jenis::PerSkala { .. } if id => {
                "Periksa kunci: setiap skala harus dikunci oleh jumlah pernyataan yang sama.".into()
            }
            Jenis::PerSkala { .. } => {
                "Check the key: every scale must be keyed by the same number of statements.".into()
            }
            Jenis::KataPerKelompok { .. } if id => {
                "Setiap kelompok harus berisi empat kata, satu baris per kata.".into()
            }
            Jenis::KataPerKelompok { .. } => {
                "Every group needs four words, one row per word.".into()
            }
            Jenis::OpsiTidakAda if id => "Gunakan kode opsi yang ada pada butir itu.".into(),
            Jenis::OpsiTidakAda => "Use an option code the item has.".into(),
            Jenis::TanpaJawabanBenar if id => {
                "Beri skor lebih dari 0 pada opsi yang benar di berkas kunci.".into()
            }
            Jenis::TanpaJawabanBenar => {
                "Give the correct option a score above 0 in the key file.".into()
            }
            Jenis::JenisTidakDikenal if id => {
                "Gunakan likert, pasangan, paling (Most/Least) atau pilihan.".into()
            }
            Jenis::JenisTidakDikenal => {
                "Use likert, pasangan (pairs), paling (Most/Least) or pilihan (multiple choice)."
                    .into()
            }
            Jenis::MostSamaLeast if id => {
                "Periksa lembar jawaban: Most dan Least harus kata yang berbeda.".into()
            }
            Jenis::MostSamaLeast => {
                "Check the answer sheet: Most and Least must be different words.".into()
            }
            Jenis::Kode if id => "Gunakan hanya huruf, angka, _, - dan . (paling banyak 32).".into(),
            Jenis::Kode => "Use only letters, digits, _, - and . (32 at most).".into(),
            Jenis::Kendali if id => "Hapus karakter itu dari teks.".into(),
            Jenis::Kendali => "Remove that character from the text.".into(),
            Jenis::BukanUtf8 if id => "Simpan instrumen.toml sebagai UTF-8.".into(),
            Jenis::BukanUtf8 => "Save instrumen.toml as UTF-8.".into(),
            Jenis::TerlaluBanyak { .. } if id => "Bagi instrumen ini menjadi beberapa bundel.".into(),
            Jenis::TerlaluBanyak { .. } => "Split the instrument into several bundles.".into(),
            Jenis::TanpaJawaban if id => "Isi jawaban orang itu, atau hapus barisnya.".into(),
            Jenis::TanpaJawaban => "Fill in the person's answers, or remove the row.".into(),
            Jenis::NormaTidakSah if id => {
                "Norma perlu paling sedikit 2 orang, simpangan baku di atas 0, persentil 0–100 dan skor mentah yang tidak berulang.".into()
            }
            Jenis::NormaTidakSah => {
                "A norm needs at least 2 people, a standard deviation above 0, percentiles 0–100 and no raw score twice.".into()
            }
            Jenis::Model if id => "Hapus nilai itu dari [struktur], atau hapus model.".into(),
            Jenis::Model => "Remove the value from [struktur], or remove the model.".into(),
            Jenis::TanggalDepan if id => "Tulis tanggal tes yang sebenarnya.".into(),
            Jenis::TanggalDepan => "Write the date the test was taken.".into(),
            Jenis::KolomTidakDikenal if id => {
                "Gunakan nip lalu id butir sebagai judul kolom (untuk Most/Least: 1.M, 1.L …)."
                    .into()
            }
            Jenis::KolomTidakDikenal => {
                "Use nip, then the item ids as column headers (for Most/Least: 1.M, 1.L …).".into()
            }
        }
    }

    /// The problem in one line: where, what and how to fix it.
    pub fn baris_teks(&self, lang: Lang) -> String {
        let mut s = self.berkas.clone();
        if let Some(b) = self.baris {
            s += &format!(", {} {b}", lang.pick("baris", "row"));
        }
        if let Some(k) = &self.kolom {
            s += &format!(", {} {k}", lang.pick("kolom", "column"));
        }
        format!("{s}: {}. {}", self.pesan(lang), self.saran(lang))
    }
}

impl fmt::Display for Masalah {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.baris_teks(Lang::En))
    }
}
