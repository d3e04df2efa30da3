//! Results: a person's score per dimension, with the reason for every point and what is
//! missing to reach the maximum (spec §8).

use crate::model::{JenisDiklat, Predikat, RecordRef, TingkatHukdis, TingkatPendidikan};
use crate::number::{Decimal, Points};
use crate::tanggal::Tanggal;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The four dimensions of IP ASN, in the regulation's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Dimensi {
    /// Qualification (education).
    Kualifikasi,
    /// Competence (training).
    Kompetensi,
    /// Performance (SKP).
    Kinerja,
    /// Discipline.
    Disiplin,
}

impl Dimensi {
    /// All four, in order.
    pub const ALL: [Dimensi; 4] = [
        Dimensi::Kualifikasi,
        Dimensi::Kompetensi,
        Dimensi::Kinerja,
        Dimensi::Disiplin,
    ];

    /// Lower-case name as used in file columns.
    pub fn name(self) -> &'static str {
        match self {
            Dimensi::Kualifikasi => "kualifikasi",
            Dimensi::Kompetensi => "kompetensi",
            Dimensi::Kinerja => "kinerja",
            Dimensi::Disiplin => "disiplin",
        }
    }
}

/// Data-quality flags that travel with a result.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Flags(pub u8);

impl Flags {
    /// No usable education record.
    pub const PENDIDIKAN_KOSONG: Flags = Flags(1);
    /// No appraisal for the data year.
    pub const KINERJA_KOSONG: Flags = Flags(2);
    /// Records dated after T were ignored.
    pub const DATA_SETELAH_T: Flags = Flags(4);
    /// Records disagree (e.g. an SKP value and predikat in different bands).
    pub const DATA_KONFLIK: Flags = Flags(8);
    /// Records without the date a window needs were not counted.
    pub const TANGGAL_KOSONG: Flags = Flags(16);

    const NAMES: [(Flags, &'static str); 5] = [
        (Flags::PENDIDIKAN_KOSONG, "pendidikan_kosong"),
        (Flags::KINERJA_KOSONG, "kinerja_kosong"),
        (Flags::DATA_SETELAH_T, "data_setelah_t"),
        (Flags::DATA_KONFLIK, "data_konflik"),
        (Flags::TANGGAL_KOSONG, "tanggal_kosong"),
    ];

    /// Sets a flag.
    pub fn set(&mut self, f: Flags) {
        self.0 |= f.0;
    }

    /// Whether a flag is set.
    pub fn has(self, f: Flags) -> bool {
        self.0 & f.0 == f.0 && f.0 != 0
    }

    /// The names of the flags set, in a fixed order.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        Flags::NAMES
            .into_iter()
            .filter(move |(f, _)| self.has(*f))
            .map(|(_, n)| n)
    }

    /// Every flag with its name.
    pub fn all() -> &'static [(Flags, &'static str)] {
        &Flags::NAMES
    }
}

impl fmt::Display for Flags {
    /// Names separated by `;`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, n) in self.names().enumerate() {
            if i > 0 {
                f.write_str(";")?;
            }
            f.write_str(n)?;
        }
        Ok(())
    }
}

/// Why a dimension got its points: one entry per rule that fired.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Alasan {
    /// The education record that counts.
    Pendidikan {
        /// Its level.
        tingkat: TingkatPendidikan,
        /// Graduation year, if known.
        tahun_lulus: Option<i32>,
        /// Chosen as the latest (true) or the highest (false).
        terakhir: bool,
        /// Points.
        poin: Points,
    },
    /// No recognised education record up to T.
    PendidikanKosong,
    /// Leadership training at the required level.
    Pim {
        /// Required level.
        wajib: JenisDiklat,
        /// The best one held by T, if any.
        ada: Option<JenisDiklat>,
        /// Only exactly the required level counts.
        tepat: bool,
        /// Points.
        poin: Points,
    },
    /// Functional training for the JF.
    Fungsional {
        /// Held by T.
        ada: bool,
        /// Points.
        poin: Points,
    },
    /// Technical training hours in the window.
    Teknis {
        /// Hours added up (jumlah) or of the longest single training (tunggal).
        jam: Decimal,
        /// Minimum.
        minimal: Decimal,
        /// Window in months.
        bulan: u32,
        /// Single-training mode.
        tunggal: bool,
        /// Points.
        poin: Points,
    },
    /// Seminars and the like in the window.
    Seminar {
        /// How many.
        jumlah: u32,
        /// Window in months.
        bulan: u32,
        /// Points.
        poin: Points,
    },
    /// Appraisal by predikat.
    KinerjaPredikat {
        /// Year.
        tahun: i32,
        /// Predikat.
        predikat: Predikat,
        /// Points.
        poin: Points,
    },
    /// Appraisal by numeric value.
    KinerjaNilai {
        /// Year.
        tahun: i32,
        /// Value.
        nilai: Decimal,
        /// The band, e.g. `> 75`.
        batas: String,
        /// Points.
        poin: Points,
    },
    /// No appraisal for the year.
    KinerjaKosong {
        /// Year.
        tahun: i32,
        /// Points.
        poin: Points,
    },
    /// The worst punishment that counts.
    Disiplin {
        /// Level, `None` when there is none.
        tingkat: Option<TingkatHukdis>,
        /// How many punishments count.
        jumlah: u32,
        /// The window, as text (e.g. `5 tahun`).
        jendela: JendelaText,
        /// Points.
        poin: Points,
    },
}

/// The disciplinary window, for explanations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum JendelaText {
    /// The last n years.
    Tahun(u32),
    /// Ever.
    Selamanya,
    /// Period covering T.
    MasaHukuman,
}

/// What is missing to reach the maximum, and the points it would add.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Kekurangan {
    /// A higher education level.
    PendidikanLebihTinggi {
        /// The next level that adds points.
        tingkat: TingkatPendidikan,
        /// Points it adds.
        tambah: Points,
    },
    /// A higher education record exists but is not recognised (diakui = tidak).
    PendidikanBelumDiakui {
        /// The record.
        src: RecordRef,
        /// Its level.
        tingkat: TingkatPendidikan,
        /// Points recognising it adds.
        tambah: Points,
    },
    /// Leadership training at the required level.
    Pim {
        /// The training needed.
        wajib: JenisDiklat,
        /// Points.
        tambah: Points,
    },
    /// Functional training.
    Fungsional {
        /// Points.
        tambah: Points,
    },
    /// More technical training hours.
    Teknis {
        /// Hours in the window now.
        jam: Decimal,
        /// Hours still needed (or the length of one training, in single mode).
        kurang: Decimal,
        /// Single-training mode.
        tunggal: bool,
        /// Window in months.
        bulan: u32,
        /// Points.
        tambah: Points,
    },
    /// A seminar or similar in the window.
    Seminar {
        /// Window in months.
        bulan: u32,
        /// Points.
        tambah: Points,
    },
    /// A better appraisal (or any appraisal, when none is recorded).
    Kinerja {
        /// Year.
        tahun: i32,
        /// Whether no appraisal is recorded.
        kosong: bool,
        /// The predikat that gives the maximum.
        predikat: Predikat,
        /// Points.
        tambah: Points,
    },
    /// The punishment stops counting.
    Disiplin {
        /// The first cut-off date on which no punishment counts; `None` if never.
        sejak: Option<Tanggal>,
        /// Points.
        tambah: Points,
    },
}

impl Kekurangan {
    /// Points it would add.
    pub fn tambah(&self) -> Points {
        match self {
            Kekurangan::PendidikanLebihTinggi { tambah, .. }
            | Kekurangan::PendidikanBelumDiakui { tambah, .. }
            | Kekurangan::Pim { tambah, .. }
            | Kekurangan::Fungsional { tambah }
            | Kekurangan::Teknis { tambah, .. }
            | Kekurangan::Seminar { tambah, .. }
            | Kekurangan::Kinerja { tambah, .. }
            | Kekurangan::Disiplin { tambah, .. } => *tambah,
        }
    }
}

/// One dimension's result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HasilDimensi {
    /// Which dimension.
    pub dimensi: Dimensi,
    /// Points.
    pub poin: Points,
    /// Maximum.
    pub maks: Points,
    /// Rules that fired.
    pub alasan: Vec<Alasan>,
    /// Records used.
    pub dipakai: Vec<RecordRef>,
    /// What is missing, with the points each would add.
    pub kurang: Vec<Kekurangan>,
}

/// A person's result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HasilPegawai {
    /// Kualifikasi, kompetensi, kinerja, disiplin.
    pub dimensi: [HasilDimensi; 4],
    /// The index.
    pub ip: Points,
    /// Index into the rule set's `kategori`.
    pub kategori: usize,
    /// Flags.
    pub flags: Flags,
}

impl HasilPegawai {
    /// Points of a dimension.
    pub fn poin(&self, d: Dimensi) -> Points {
        self.dimensi[d as usize].poin
    }

    /// The score without its explanation.
    pub fn skor(&self) -> Skor {
        Skor {
            poin: self.dimensi.each_ref().map(|d| d.poin),
            ip: self.ip,
            kategori: self.kategori as u8,
            flags: self.flags,
        }
    }
}

/// A person's score without the explanation: what bulk computation and aggregation need.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Skor {
    /// Points per dimension, in [`Dimensi::ALL`] order.
    pub poin: [Points; 4],
    /// The index.
    pub ip: Points,
    /// Index into the rule set's `kategori`.
    pub kategori: u8,
    /// Flags.
    pub flags: Flags,
}

impl Skor {
    /// Points of a dimension.
    pub fn poin(&self, d: Dimensi) -> Points {
        self.poin[d as usize]
    }
}
