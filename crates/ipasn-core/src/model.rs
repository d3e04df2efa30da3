//! The domain model: pegawai, unor, and the riwayat records (pendidikan, diklat, skp, hukdis)
//! that the IP ASN is computed from. Names follow the regulations and SIASN.

use crate::kosakata;
use crate::tanggal::Tanggal;
use serde::{Deserialize, Serialize};
use std::fmt;

/// NIP baru: 18 digits, kept as a number (it always starts with a birth year, so no digit is lost).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Nip(pub u64);

impl fmt::Display for Nip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:018}", self.0)
    }
}

macro_rules! named_enum {
    ($(#[$m:meta])* $name:ident, $table:literal { $($(#[$vm:meta])* $v:ident => $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name { $($(#[$vm])* #[doc = $s] #[serde(rename = $s)] $v),+ }
        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$v),+];
            /// The canonical name, as the regulation writes it.
            pub fn name(self) -> &'static str {
                match self { $($name::$v => $s),+ }
            }
            /// Recognises the canonical name and the field spellings listed in the vocabulary
            /// (`kosakata.toml`), ignoring case, spaces and punctuation.
            pub fn parse(s: &str) -> Option<$name> {
                let canon = kosakata::lookup($table, s)?;
                $name::ALL.iter().copied().find(|v| v.name() == canon)
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.name()) }
        }
    };
}

named_enum!(
    /// Highest education level (tingkat pendidikan).
    TingkatPendidikan, "pendidikan" {
    Sd => "SD", Sltp => "SLTP", Slta => "SLTA", D1 => "D-I", D2 => "D-II", D3 => "D-III",
    D4 => "D-IV", S1 => "S-1", Profesi => "Profesi", S2 => "S-2", Sp1 => "Sp-1", S3 => "S-3", Sp2 => "Sp-2",
});

named_enum!(
    /// Kind of position (jenis jabatan).
    JenisJabatan, "jenis_jabatan" {
    Struktural => "Struktural", Fungsional => "Fungsional", Pelaksana => "Pelaksana",
});

named_enum!(
    /// Level of the position (jenjang jabatan).
    Jenjang, "jenjang_jabatan" {
    JptUtama => "JPT Utama", JptMadya => "JPT Madya", JptPratama => "JPT Pratama",
    Administrator => "Administrator", Pengawas => "Pengawas",
    AhliUtama => "Ahli Utama", AhliMadya => "Ahli Madya", AhliMuda => "Ahli Muda", AhliPertama => "Ahli Pertama",
    Penyelia => "Penyelia", Mahir => "Mahir", Terampil => "Terampil", Pemula => "Pemula",
    Pelaksana => "Pelaksana",
});

named_enum!(
    /// Kind of training or development event (jenis diklat). Old and new leadership names are one
    /// level: PIM I = PKN Tk. I, PIM II = PKN Tk. II, PIM III = PKA, PIM IV = PKP.
    JenisDiklat, "diklat" {
    Pim1 => "PIM I", Pim2 => "PIM II", Pim3 => "PIM III", Pim4 => "PIM IV",
    Fungsional => "Fungsional", Teknis => "Teknis", Seminar => "Seminar", Workshop => "Workshop",
    Magang => "Magang", Kursus => "Kursus", Lainnya => "Lainnya",
});

named_enum!(
    /// SKP predikat (PermenPANRB 6/2022, and earlier names).
    Predikat, "predikat" {
    SangatBaik => "Sangat Baik", Baik => "Baik", ButuhPerbaikan => "Butuh Perbaikan", Cukup => "Cukup",
    Kurang => "Kurang", SangatKurang => "Sangat Kurang", Buruk => "Buruk",
});

named_enum!(
    /// Disciplinary level (PP 94/2021).
    TingkatHukdis, "hukdis" {
    Ringan => "Ringan", Sedang => "Sedang", Berat => "Berat",
});

impl TingkatHukdis {
    /// Like [`TingkatHukdis::parse`], and also recognises a known punishment name followed by
    /// more words (its percentage, duration, or the SK's wording).
    pub fn parse_name(s: &str) -> Option<TingkatHukdis> {
        let canon = kosakata::lookup_prefix("hukdis", s)?;
        TingkatHukdis::ALL
            .iter()
            .copied()
            .find(|v| v.name() == canon)
    }
}

impl JenisDiklat {
    /// The leadership-training level, 1 (PIM I, highest) to 4 (PIM IV); `None` for other kinds.
    pub fn pim_level(self) -> Option<u8> {
        match self {
            JenisDiklat::Pim1 => Some(1),
            JenisDiklat::Pim2 => Some(2),
            JenisDiklat::Pim3 => Some(3),
            JenisDiklat::Pim4 => Some(4),
            _ => None,
        }
    }

    /// The leadership training of a level (1–4).
    pub fn pim_of_level(level: u8) -> Option<JenisDiklat> {
        match level {
            1 => Some(JenisDiklat::Pim1),
            2 => Some(JenisDiklat::Pim2),
            3 => Some(JenisDiklat::Pim3),
            4 => Some(JenisDiklat::Pim4),
            _ => None,
        }
    }

    /// The new name of a leadership level (PKN I, PKN II, PKA, PKP).
    pub fn pim_new_name(self) -> Option<&'static str> {
        match self {
            JenisDiklat::Pim1 => Some("PKN Tk. I"),
            JenisDiklat::Pim2 => Some("PKN Tk. II"),
            JenisDiklat::Pim3 => Some("PKA"),
            JenisDiklat::Pim4 => Some("PKP"),
            _ => None,
        }
    }
}

impl Jenjang {
    /// Whether this jenjang belongs to the jenis jabatan.
    pub fn fits(self, jenis: JenisJabatan) -> bool {
        use Jenjang::*;
        match jenis {
            JenisJabatan::Struktural => matches!(
                self,
                JptUtama | JptMadya | JptPratama | Administrator | Pengawas
            ),
            JenisJabatan::Fungsional => {
                matches!(
                    self,
                    AhliUtama
                        | AhliMadya
                        | AhliMuda
                        | AhliPertama
                        | Penyelia
                        | Mahir
                        | Terampil
                        | Pemula
                )
            }
            JenisJabatan::Pelaksana => matches!(self, Pelaksana),
        }
    }
}

/// Employment status (status kepegawaian).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum StatusKepegawaian {
    /// Pegawai Negeri Sipil.
    #[serde(rename = "PNS")]
    Pns,
    /// Calon PNS.
    #[serde(rename = "CPNS")]
    Cpns,
    /// Pegawai Pemerintah dengan Perjanjian Kerja.
    #[serde(rename = "PPPK")]
    Pppk,
}

impl StatusKepegawaian {
    /// The canonical name.
    pub fn name(self) -> &'static str {
        match self {
            StatusKepegawaian::Pns => "PNS",
            StatusKepegawaian::Cpns => "CPNS",
            StatusKepegawaian::Pppk => "PPPK",
        }
    }

    /// Parses `PNS`, `CPNS`, `PPPK` (case-insensitive; `P3K` accepted).
    pub fn parse(s: &str) -> Option<StatusKepegawaian> {
        match kosakata::normalise(s).as_str() {
            "PNS" => Some(StatusKepegawaian::Pns),
            "CPNS" => Some(StatusKepegawaian::Cpns),
            "PPPK" | "P3K" => Some(StatusKepegawaian::Pppk),
            _ => None,
        }
    }
}

/// Sex (jenis kelamin): `L` laki-laki, `P` perempuan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum JenisKelamin {
    /// Laki-laki (NIP digit 15 = 1).
    L,
    /// Perempuan (NIP digit 15 = 2).
    P,
}

impl JenisKelamin {
    /// Parses `L`/`P`, `1`/`2`, `Pria`/`Wanita`, `Laki-laki`/`Perempuan`.
    pub fn parse(s: &str) -> Option<JenisKelamin> {
        match kosakata::normalise(s).as_str() {
            "L" | "1" | "PRIA" | "LAKILAKI" | "M" => Some(JenisKelamin::L),
            "P" | "2" | "WANITA" | "PEREMPUAN" | "F" => Some(JenisKelamin::P),
            _ => None,
        }
    }
}

/// A unit of the organisation (unit organisasi).
#[derive(Clone, Debug, PartialEq)]
pub struct Unor {
    /// The unit's id as the source gives it.
    pub id: String,
    /// Name.
    pub nama: String,
    /// Index of the parent unit in the package, `None` for a root.
    pub induk: Option<u32>,
    /// The instansi's id.
    pub instansi_id: String,
    /// The instansi's name.
    pub nama_instansi: String,
    /// Kemendagri region code, e.g. `32.75`.
    pub kode_wilayah: String,
}

/// One civil servant.
#[derive(Clone, Debug, PartialEq)]
pub struct Pegawai {
    /// NIP baru.
    pub nip: Nip,
    /// Name.
    pub nama: Box<str>,
    /// Sex, when given.
    pub jenis_kelamin: Option<JenisKelamin>,
    /// Birth date, when given.
    pub tanggal_lahir: Option<Tanggal>,
    /// PNS, CPNS or PPPK.
    pub status: StatusKepegawaian,
    /// Kind of position.
    pub jenis_jabatan: JenisJabatan,
    /// Level of the position.
    pub jenjang: Jenjang,
    /// Position title (shared between the many persons with the same title).
    pub nama_jabatan: std::sync::Arc<str>,
    /// Index of the unit in the package.
    pub unor: u32,
    /// Rank (golongan), when given (shared, like the title).
    pub golongan: std::sync::Arc<str>,
}

/// The sheet a riwayat record came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sheet {
    /// `pendidikan`.
    Pendidikan,
    /// `diklat`.
    Diklat,
    /// `skp`.
    Skp,
    /// `hukdis`.
    Hukdis,
}

impl Sheet {
    /// The sheet's name in the data package.
    pub fn name(self) -> &'static str {
        match self {
            Sheet::Pendidikan => "pendidikan",
            Sheet::Diklat => "diklat",
            Sheet::Skp => "skp",
            Sheet::Hukdis => "hukdis",
        }
    }
}

/// Where a record is in the source: the sheet and the row number as a spreadsheet shows it
/// (header = row 1). Displayed as `diklat:17`; this is the record id in explanations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RecordRef {
    /// Sheet.
    pub sheet: Sheet,
    /// Row number as the user sees it.
    pub row: u32,
}

impl fmt::Display for RecordRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.sheet.name(), self.row)
    }
}

/// An education record (riwayat pendidikan).
#[derive(Clone, Debug, PartialEq)]
pub struct Pendidikan {
    /// Level.
    pub tingkat: TingkatPendidikan,
    /// Graduation year.
    pub tahun_lulus: Option<i32>,
    /// Graduation date, when known.
    pub tanggal_lulus: Option<Tanggal>,
    /// Recognised (diakui) for the position.
    pub diakui: bool,
    /// Source.
    pub src: RecordRef,
}

impl Pendidikan {
    /// The date of graduation used against T: the date when given, else 31 December of the year.
    pub fn lulus(&self) -> Option<Tanggal> {
        self.tanggal_lulus
            .or_else(|| self.tahun_lulus.and_then(|y| Tanggal::new(y, 12, 31)))
    }
}

/// A training or development event (riwayat diklat, kursus, seminar …).
#[derive(Clone, Debug, PartialEq)]
pub struct Diklat {
    /// Kind.
    pub jenis: JenisDiklat,
    /// Start date.
    pub mulai: Option<Tanggal>,
    /// End date.
    pub selesai: Option<Tanggal>,
    /// Hours of instruction (jam pelajaran, JP).
    pub jam: crate::number::Decimal,
    /// Source.
    pub src: RecordRef,
}

impl Diklat {
    /// The date that places the event in a window: its end, else its start.
    pub fn tanggal(&self) -> Option<Tanggal> {
        self.selesai.or(self.mulai)
    }
}

/// An annual appraisal (SKP).
#[derive(Clone, Debug, PartialEq)]
pub struct Skp {
    /// Year appraised.
    pub tahun: i32,
    /// Numeric value (0–100, PP 46/2011 style).
    pub nilai: Option<crate::number::Decimal>,
    /// Predikat (PermenPANRB 6/2022).
    pub predikat: Option<Predikat>,
    /// Source.
    pub src: RecordRef,
}

/// A disciplinary punishment (hukuman disiplin).
#[derive(Clone, Debug, PartialEq)]
pub struct Hukdis {
    /// Level.
    pub tingkat: TingkatHukdis,
    /// Effective date (TMT).
    pub tmt: Option<Tanggal>,
    /// End of the punishment period, when given.
    pub akhir: Option<Tanggal>,
    /// Annulled (dibatalkan): never counts.
    pub dibatalkan: bool,
    /// Source.
    pub src: RecordRef,
}

/// Records grouped by person: `of(i)` is the slice of person `i`'s records, in input order.
///
/// Each record may carry a name (a training's title, a school, the punishment's wording) in a
/// separate column, kept only when the import was asked to: scoring never needs it, and at a
/// national scale it is a large share of the memory.
///
/// The records are held in one or a few chunks: a large sheet read in parts on several threads
/// keeps each part's records where they were read instead of copying them into one block (a
/// tenth of a 1M-person package's memory). Each person's records lie within one chunk.
#[derive(Clone, Debug)]
pub struct Grouped<T> {
    /// Person `i`'s records are the positions `offsets[i]..offsets[i + 1]` of all records
    /// taken in chunk order.
    offsets: Vec<u32>,
    chunks: Vec<Chunk<T>>,
}

/// A block of records (and their names, when kept).
#[derive(Clone, Debug)]
struct Chunk<T> {
    /// The position, among all records, of `items[skip]`.
    start: u32,
    /// Leading records of a person who began in an earlier chunk, and were copied there.
    skip: u32,
    items: Vec<T>,
    names: Vec<Box<str>>,
}

impl<T> Chunk<T> {
    fn live(&self) -> usize {
        self.items.len() - self.skip as usize
    }
}

impl<T> Default for Grouped<T> {
    fn default() -> Self {
        Grouped {
            offsets: vec![0],
            chunks: vec![],
        }
    }
}

/// Records of one part of a sheet: the person of each record (`u32::MAX` drops it), the
/// records, and their names (empty: no names kept).
pub type Part<T> = (Vec<u32>, Vec<T>, Vec<Box<str>>);

impl<T: Clone> Grouped<T> {
    /// Groups records by person without copying them: `persons[k]` is the person of
    /// `records[k]` (`u32::MAX` drops the record). Input order is kept within a person. Records
    /// that already come grouped by person, as exports sorted by NIP do, are not moved; others
    /// are permuted in place.
    pub fn build(n: usize, persons: Vec<u32>, records: Vec<T>) -> Grouped<T> {
        Grouped::build_named(n, persons, records, vec![])
    }

    /// Like [`Grouped::build`], with a name per record (`names` empty: no names kept).
    pub fn build_named(
        n: usize,
        persons: Vec<u32>,
        records: Vec<T>,
        names: Vec<Box<str>>,
    ) -> Grouped<T> {
        Grouped::build_parts(n, vec![(persons, records, names)])
    }

    /// Like [`Grouped::build_named`], for a sheet read in consecutive parts. When the records
    /// of all parts together come grouped by person (a sheet sorted by NIP), each part stays
    /// where it is: a person's first records of a part that continue the previous part's last
    /// person are copied to the end of that part (a handful of records). Otherwise the parts are
    /// joined and permuted.
    pub fn build_parts(n: usize, parts: Vec<Part<T>>) -> Grouped<T> {
        let mut parts: Vec<Part<T>> = parts
            .into_iter()
            .map(|(persons, records, names)| {
                assert_eq!(persons.len(), records.len(), "one person per record");
                assert!(
                    names.is_empty() || names.len() == records.len(),
                    "one name per record"
                );
                drop_unknown(persons, records, names)
            })
            .filter(|(persons, _, _)| !persons.is_empty())
            .collect();
        let named = parts.iter().any(|(_, _, names)| !names.is_empty());
        assert!(
            !named || parts.iter().all(|(_, _, names)| !names.is_empty()),
            "names in every part or in none"
        );
        let mut offsets = vec![0u32; n + 1];
        for (persons, _, _) in &parts {
            for p in persons {
                offsets[*p as usize + 1] += 1;
            }
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let grouped = parts.iter().all(|(persons, _, _)| persons.is_sorted())
            && parts.windows(2).all(|w| w[0].0.last() <= w[1].0.first());
        if !grouped && parts.len() > 1 {
            // Join, then permute below.
            let mut all = parts.remove(0);
            for (mut persons, mut records, mut names) in parts.drain(..) {
                all.0.append(&mut persons);
                all.1.append(&mut records);
                all.2.append(&mut names);
            }
            parts.push(all);
        }
        if !grouped {
            let (persons, records, names) = &mut parts[0];
            // Where each record goes (a stable counting sort), then follow the cycles.
            let mut next = offsets.clone();
            let mut dest: Vec<u32> = persons
                .iter()
                .map(|p| {
                    let d = next[*p as usize];
                    next[*p as usize] += 1;
                    d
                })
                .collect();
            for start in 0..dest.len() {
                while dest[start] as usize != start {
                    let d = dest[start] as usize;
                    records.swap(start, d);
                    if named {
                        names.swap(start, d);
                    }
                    dest.swap(start, d);
                }
            }
        }
        let mut chunks: Vec<Chunk<T>> = Vec::with_capacity(parts.len());
        let mut start = 0u32;
        let mut last_person = None;
        for (persons, items, names) in parts {
            // The records that continue the previous chunk's last person move there.
            let skip = match last_person {
                Some(p) => persons.iter().take_while(|q| **q == p).count(),
                None => 0,
            };
            if skip > 0 {
                let prev = chunks.last_mut().expect("a previous person has a chunk");
                prev.items.extend_from_slice(&items[..skip]);
                if named {
                    prev.names.extend_from_slice(&names[..skip]);
                }
                start += skip as u32;
            }
            if skip == items.len() {
                continue;
            }
            last_person = persons.last().copied();
            let chunk = Chunk {
                start,
                skip: skip as u32,
                items,
                names,
            };
            start += chunk.live() as u32;
            chunks.push(chunk);
        }
        Grouped { offsets, chunks }
    }
}

/// Drops the records whose person is `u32::MAX` (not in the package).
fn drop_unknown<T>(
    mut persons: Vec<u32>,
    mut records: Vec<T>,
    mut names: Vec<Box<str>>,
) -> (Vec<u32>, Vec<T>, Vec<Box<str>>) {
    if persons.contains(&u32::MAX) {
        let mut keep = persons.iter().map(|p| *p != u32::MAX);
        records.retain(|_| keep.next().expect("same length"));
        if !names.is_empty() {
            let mut keep = persons.iter().map(|p| *p != u32::MAX);
            names.retain(|_| keep.next().expect("same length"));
        }
        persons.retain(|p| *p != u32::MAX);
    }
    (persons, records, names)
}

impl<T> Grouped<T> {
    /// The chunk and the index in it of person `i`'s records; `None` when they have none.
    fn locate(&self, i: usize) -> Option<(&Chunk<T>, std::ops::Range<usize>)> {
        if i + 1 >= self.offsets.len() {
            return None;
        }
        let (s, e) = (self.offsets[i], self.offsets[i + 1]);
        if s == e {
            return None;
        }
        let c = match self.chunks.as_slice() {
            [one] => one,
            all => all.iter().rev().find(|c| c.start <= s)?,
        };
        let from = (c.skip + s - c.start) as usize;
        Some((c, from..from + (e - s) as usize))
    }

    /// The names of person `i`'s records (empty when names were not kept).
    pub fn names_of(&self, i: usize) -> &[Box<str>] {
        match self.locate(i) {
            Some((c, r)) if !c.names.is_empty() => &c.names[r],
            _ => &[],
        }
    }

    /// Person `i`'s records.
    pub fn of(&self, i: usize) -> &[T] {
        match self.locate(i) {
            Some((c, r)) => &c.items[r],
            None => &[],
        }
    }

    /// All records.
    pub fn len(&self) -> usize {
        self.chunks.iter().map(Chunk::live).sum()
    }

    /// No records at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl<T: Clone> Grouped<T> {
    /// These records with `extra` ones added: `(person, record, name)`, each after the
    /// person's own, in the order given (records of a person outside `0..n` are dropped).
    /// Names are kept when either side has them (an empty name where none was kept).
    pub fn dengan(&self, extra: Vec<(u32, T, Box<str>)>) -> Grouped<T> {
        let n = self.offsets.len().saturating_sub(1);
        let mut per: Vec<Vec<(T, Box<str>)>> = vec![vec![]; n];
        for (i, r, nama) in extra {
            if let Some(v) = per.get_mut(i as usize) {
                v.push((r, nama));
            }
        }
        let total = self.len() + per.iter().map(Vec::len).sum::<usize>();
        let (mut persons, mut records, mut names) = (
            Vec::with_capacity(total),
            Vec::with_capacity(total),
            Vec::with_capacity(total),
        );
        for (i, tambah) in per.into_iter().enumerate() {
            let nama = self.names_of(i);
            for (k, r) in self.of(i).iter().enumerate() {
                persons.push(i as u32);
                records.push(r.clone());
                names.push(nama.get(k).cloned().unwrap_or_default());
            }
            for (r, nm) in tambah {
                persons.push(i as u32);
                records.push(r);
                names.push(nm);
            }
        }
        Grouped::build_named(n, persons, records, names)
    }
}

impl<T: PartialEq> PartialEq for Grouped<T> {
    /// The same records and names for every person, however they are held.
    fn eq(&self, other: &Self) -> bool {
        self.offsets == other.offsets
            && (0..self.offsets.len())
                .all(|i| self.of(i) == other.of(i) && self.names_of(i) == other.names_of(i))
    }
}

/// A whole data package after import: the organisation, the people and their riwayat.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dataset {
    /// Units; `Pegawai::unor` and `Unor::induk` index into this.
    pub unor: Vec<Unor>,
    /// People.
    pub pegawai: Vec<Pegawai>,
    /// Education records by person.
    pub pendidikan: Grouped<Pendidikan>,
    /// Training records by person.
    pub diklat: Grouped<Diklat>,
    /// Appraisals by person.
    pub skp: Grouped<Skp>,
    /// Punishments by person.
    pub hukdis: Grouped<Hukdis>,
}

/// One person's records, as the scoring functions take them.
#[derive(Clone, Copy, Debug)]
pub struct Riwayat<'a> {
    /// Education.
    pub pendidikan: &'a [Pendidikan],
    /// Training.
    pub diklat: &'a [Diklat],
    /// Appraisals.
    pub skp: &'a [Skp],
    /// Punishments.
    pub hukdis: &'a [Hukdis],
}

impl Dataset {
    /// Person `i`'s records.
    pub fn riwayat(&self, i: usize) -> Riwayat<'_> {
        Riwayat {
            pendidikan: self.pendidikan.of(i),
            diklat: self.diklat.of(i),
            skp: self.skp.of(i),
            hukdis: self.hukdis.of(i),
        }
    }

    /// The index of the person with this NIP.
    pub fn find(&self, nip: Nip) -> Option<usize> {
        self.pegawai.iter().position(|p| p.nip == nip)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_are_recognised() {
        assert_eq!(TingkatPendidikan::parse("S1"), Some(TingkatPendidikan::S1));
        assert_eq!(
            TingkatPendidikan::parse("strata 1"),
            Some(TingkatPendidikan::S1)
        );
        assert_eq!(
            TingkatPendidikan::parse("SMA"),
            Some(TingkatPendidikan::Slta)
        );
        assert_eq!(
            TingkatPendidikan::parse("D.III"),
            Some(TingkatPendidikan::D3)
        );
        assert_eq!(TingkatPendidikan::parse("S-9"), None);
        assert_eq!(JenisDiklat::parse("PKA"), Some(JenisDiklat::Pim3));
        assert_eq!(JenisDiklat::parse("pkn tk. ii"), Some(JenisDiklat::Pim2));
        assert_eq!(
            TingkatHukdis::parse("Teguran Tertulis"),
            Some(TingkatHukdis::Ringan)
        );
        assert_eq!(
            TingkatHukdis::parse("pemotongan tunjangan kinerja"),
            Some(TingkatHukdis::Sedang)
        );
        assert_eq!(TingkatHukdis::parse("PDHTAPS"), Some(TingkatHukdis::Berat));
        assert_eq!(
            TingkatHukdis::parse_name("Pembebasan dari jabatan selama 6 bulan"),
            Some(TingkatHukdis::Berat)
        );
        assert_eq!(
            TingkatHukdis::parse_name("Teguran lisan oleh atasan"),
            Some(TingkatHukdis::Ringan)
        );
        assert_eq!(
            TingkatHukdis::parse_name("Pemotongan Tunjangan Kinerja 25% Selama 9 Bulan"),
            Some(TingkatHukdis::Sedang)
        );
        assert_eq!(TingkatHukdis::parse_name("Dipecat"), None);
        assert_eq!(
            Predikat::parse("Kurang (Misconduct)"),
            Some(Predikat::Kurang)
        );
        assert_eq!(Jenjang::parse("ahli muda"), Some(Jenjang::AhliMuda));
        assert_eq!(JenisKelamin::parse("Wanita"), Some(JenisKelamin::P));
        assert_eq!(
            StatusKepegawaian::parse("pppk"),
            Some(StatusKepegawaian::Pppk)
        );
    }

    #[test]
    fn jenjang_fits_its_jenis() {
        assert!(Jenjang::AhliMuda.fits(JenisJabatan::Fungsional));
        assert!(!Jenjang::AhliMuda.fits(JenisJabatan::Struktural));
        assert!(Jenjang::Pelaksana.fits(JenisJabatan::Pelaksana));
        for j in Jenjang::ALL {
            let n = JenisJabatan::ALL.iter().filter(|k| j.fits(**k)).count();
            assert_eq!(n, 1, "{j} must fit exactly one jenis");
        }
    }

    proptest::proptest! {
        #[test]
        fn grouping_keeps_every_record_in_input_order(persons in proptest::collection::vec(0u32..20, 0..200)) {
            let records: Vec<(u32, usize)> = persons.iter().copied().zip(0..).collect();
            let names: Vec<Box<str>> = records.iter().map(|(p, i)| format!("{p}-{i}").into()).collect();
            let g = Grouped::build_named(20, persons.clone(), records, names);
            let mut seen = 0;
            for p in 0..20 {
                let mine = g.of(p);
                proptest::prop_assert!(mine.iter().all(|(q, _)| *q == p as u32));
                proptest::prop_assert!(mine.windows(2).all(|w| w[0].1 < w[1].1), "input order kept");
                let names: Vec<String> = mine.iter().map(|(q, i)| format!("{q}-{i}")).collect();
                proptest::prop_assert_eq!(g.names_of(p).iter().map(|n| n.to_string()).collect::<Vec<_>>(), names);
                seen += mine.len();
            }
            proptest::prop_assert_eq!(seen, persons.len());
        }
    }

    proptest::proptest! {
        /// A sheet read in parts groups as the whole sheet does: sorted (parts kept, a person
        /// continued across a boundary moved) or not (joined and permuted); with unknown
        /// persons dropped and names kept alongside.
        #[test]
        fn grouping_parts_equals_grouping_the_whole(
            mut persons in proptest::collection::vec(0u32..12, 0..120),
            sort in proptest::prelude::any::<bool>(),
            unknown in proptest::collection::vec(0usize..120, 0..4),
            cuts in proptest::collection::vec(0usize..120, 0..5),
        ) {
            if sort {
                persons.sort();
            }
            for u in unknown {
                if let Some(p) = persons.get_mut(u) {
                    *p = u32::MAX;
                }
            }
            let records: Vec<usize> = (0..persons.len()).collect();
            let names: Vec<Box<str>> = records.iter().map(|i| format!("r{i}").into()).collect();
            let whole = Grouped::build_named(12, persons.clone(), records.clone(), names.clone());
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(persons.len())).collect();
            cuts.push(0);
            cuts.push(persons.len());
            cuts.sort();
            let parts = cuts
                .windows(2)
                .map(|w| (persons[w[0]..w[1]].to_vec(), records[w[0]..w[1]].to_vec(), names[w[0]..w[1]].to_vec()))
                .collect();
            let split = Grouped::build_parts(12, parts);
            proptest::prop_assert_eq!(split.len(), whole.len());
            for p in 0..13 {
                proptest::prop_assert_eq!(split.of(p), whole.of(p), "person {}", p);
                proptest::prop_assert_eq!(split.names_of(p), whole.names_of(p));
            }
            proptest::prop_assert!(split == whole);
        }
    }

    #[test]
    fn sorted_parts_stay_where_they_were_read() {
        // Person 1 runs through three parts; the middle part is all theirs.
        let parts = vec![
            (vec![0, 0, 1], vec!['a', 'b', 'c'], vec![]),
            (vec![1, 1], vec!['d', 'e'], vec![]),
            (vec![1, 2, 2], vec!['f', 'g', 'h'], vec![]),
        ];
        let g = Grouped::build_parts(3, parts);
        assert_eq!(
            g.chunks.len(),
            2,
            "the middle part is folded into the first"
        );
        assert_eq!(g.chunks[1].skip, 1);
        assert_eq!(g.of(0), &['a', 'b']);
        assert_eq!(g.of(1), &['c', 'd', 'e', 'f']);
        assert_eq!(g.of(2), &['g', 'h']);
        assert_eq!(g.len(), 8);
    }

    #[test]
    fn grouping_is_stable() {
        let g = Grouped::build(3, vec![2, 0, 2, 0, u32::MAX], vec!['a', 'b', 'c', 'd', 'x']);
        assert_eq!(g.of(0), &['b', 'd']);
        assert_eq!(g.of(1), &[] as &[char]);
        assert_eq!(g.of(2), &['a', 'c']);
        assert_eq!(g.of(7), &[] as &[char]);
    }

    #[test]
    fn records_added_after_each_persons_own() {
        let g = Grouped::build_named(
            3,
            vec![2, 0, 2],
            vec!['a', 'b', 'c'],
            vec!["A".into(), "B".into(), "C".into()],
        );
        let h = g.dengan(vec![
            (1, 'x', "X".into()),
            (2, 'y', "Y".into()),
            (9, 'z', "Z".into()),
        ]);
        assert_eq!(h.of(0), &['b']);
        assert_eq!(h.of(1), &['x']);
        assert_eq!(h.of(2), &['a', 'c', 'y']);
        assert_eq!(
            h.names_of(2),
            &["A".into(), "C".into(), "Y".into()] as &[Box<str>]
        );
        assert_eq!(h.len(), 5);
        // Nothing added: the same records.
        assert_eq!(g.dengan(vec![]), g);
        // Unnamed records get an empty name beside a named addition.
        let u = Grouped::build(2, vec![0], vec!['a']).dengan(vec![(0, 'b', "B".into())]);
        assert_eq!(u.names_of(0), &["".into(), "B".into()] as &[Box<str>]);
    }
}
