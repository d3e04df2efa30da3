//! Results: a person's score per dimension, with the reason for every point and what is
//! missing to reach the maximum (spec §8).

use crate::model::{
    Diklat, Hukdis, JenisDiklat, Pendidikan, Predikat, RecordRef, Riwayat, Sheet, Skp,
    TingkatHukdis, TingkatPendidikan,
};
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

/// What is missing can be reached: everything but a punishment that never stops counting.
fn bisa(k: &Kekurangan) -> bool {
    !matches!(k, Kekurangan::Disiplin { sejak: None, .. })
}

/// The points a dimension would have with everything it misses supplied: its points plus what
/// the missing items add (for qualification the best single item, since a higher degree and a
/// recognised one are alternatives; elsewhere their sum, each part being its own rule), never
/// over the maximum. A punishment that counts for ever adds nothing.
pub fn poin_lengkap(d: &HasilDimensi) -> Points {
    let reach = d.kurang.iter().filter(|k| bisa(k)).map(Kekurangan::tambah);
    let tambah = match d.dimensi {
        Dimensi::Kualifikasi => reach.max().unwrap_or(Points::ZERO),
        _ => reach.fold(Points::ZERO, |a, p| a + p),
    };
    (d.poin + tambah).min(d.maks)
}

/// The index with every dimension's missing items supplied ([`poin_lengkap`]).
pub fn ip_lengkap(dimensi: &[HasilDimensi]) -> Points {
    dimensi
        .iter()
        .fold(Points::ZERO, |a, d| a + poin_lengkap(d))
}

/// A record an explanation refers to, as the package holds it: what a person recognises
/// ("S-1 Sarjana Ekonomi, lulus 2004"), with the sheet and row it came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rekaman {
    /// Where it is in the package.
    pub src: RecordRef,
    /// What it says.
    pub isi: IsiRekaman,
}

/// The fields of a record that name it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum IsiRekaman {
    /// An education record.
    Pendidikan {
        /// Level.
        tingkat: TingkatPendidikan,
        /// The programme or school (`nama_pendidikan`), empty when not given.
        nama: String,
        /// Graduation year.
        tahun_lulus: Option<i32>,
        /// Recognised for the position.
        diakui: bool,
    },
    /// A training record.
    Diklat {
        /// Kind.
        jenis: JenisDiklat,
        /// Title (`nama_diklat`), empty when not given.
        nama: String,
        /// Hours (JP).
        jam: Decimal,
        /// End date, else start date.
        tanggal: Option<Tanggal>,
    },
    /// An appraisal.
    Skp {
        /// Year.
        tahun: i32,
        /// Value.
        nilai: Option<Decimal>,
        /// Predikat.
        predikat: Option<Predikat>,
    },
    /// A punishment.
    Hukdis {
        /// Level.
        tingkat: TingkatHukdis,
        /// Its wording (`jenis_hukuman`), empty when not given.
        nama: String,
        /// Effective date.
        tmt: Option<Tanggal>,
    },
}

/// The records of a person that `refs` name, described, in the order of `refs` (each once).
/// `names` are the records' names as the package gave them, per sheet in record order (empty
/// when not kept).
pub fn rekaman(
    r: Riwayat<'_>,
    names: [&[Box<str>]; 4],
    refs: impl IntoIterator<Item = RecordRef>,
) -> Vec<Rekaman> {
    fn name(names: &[Box<str>], i: usize) -> String {
        names.get(i).map(|n| n.to_string()).unwrap_or_default()
    }
    let mut out: Vec<Rekaman> = vec![];
    for src in refs {
        if out.iter().any(|x| x.src == src) {
            continue;
        }
        let isi = match src.sheet {
            Sheet::Pendidikan => r.pendidikan.iter().position(|e| e.src == src).map(|i| {
                let e: &Pendidikan = &r.pendidikan[i];
                IsiRekaman::Pendidikan {
                    tingkat: e.tingkat,
                    nama: name(names[0], i),
                    tahun_lulus: e.tahun_lulus.or(e.tanggal_lulus.map(|t| t.year())),
                    diakui: e.diakui,
                }
            }),
            Sheet::Diklat => r.diklat.iter().position(|e| e.src == src).map(|i| {
                let e: &Diklat = &r.diklat[i];
                IsiRekaman::Diklat {
                    jenis: e.jenis,
                    nama: name(names[1], i),
                    jam: e.jam,
                    tanggal: e.tanggal(),
                }
            }),
            Sheet::Skp => r
                .skp
                .iter()
                .find(|e| e.src == src)
                .map(|e: &Skp| IsiRekaman::Skp {
                    tahun: e.tahun,
                    nilai: e.nilai,
                    predikat: e.predikat,
                }),
            Sheet::Hukdis => r.hukdis.iter().position(|e| e.src == src).map(|i| {
                let e: &Hukdis = &r.hukdis[i];
                IsiRekaman::Hukdis {
                    tingkat: e.tingkat,
                    nama: name(names[3], i),
                    tmt: e.tmt,
                }
            }),
        };
        if let Some(isi) = isi {
            out.push(Rekaman { src, isi });
        }
    }
    out
}

/// The records an explanation refers to: those used, then those a missing item names.
pub fn rujukan(dimensi: &[HasilDimensi]) -> impl Iterator<Item = RecordRef> + '_ {
    dimensi
        .iter()
        .flat_map(|d| d.dipakai.iter().copied())
        .chain(
            dimensi
                .iter()
                .flat_map(|d| d.kurang.iter())
                .filter_map(|k| match k {
                    Kekurangan::PendidikanBelumDiakui { src, .. } => Some(*src),
                    _ => None,
                }),
        )
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
