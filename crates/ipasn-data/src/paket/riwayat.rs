//! The riwayat sheets: `pendidikan`, `diklat`, `skp`, `hukdis`. Records keep their NIP as a
//! number until the `pegawai` sheet is known.

use super::ImportOptions;
use super::cache::*;
use super::kolom::*;
use super::org::Nips;
use super::sheet::*;
use crate::lembar::{Part, ReadInfo, Source, Value};
use crate::masalah::{Kind, Level, Problem};
use crate::nilai;
use ipasn_core::model::*;
use ipasn_core::{Decimal, Tanggal};

/// A riwayat sheet as read: each record's NIP (as a number) beside the record, and the
/// sheet's problems.
pub(super) struct Out<T> {
    pub(super) nips: Vec<u64>,
    /// The person of each record, once resolved (then `nips` is emptied).
    pub(super) persons: Option<Vec<u32>>,
    pub(super) records: Vec<T>,
    pub(super) names: Vec<Box<str>>,
    pub(super) problems: Vec<Problem>,
    /// Records checked and left out (not needed by the measurement).
    pub(super) left_out: usize,
    /// Resolving while reading (the pegawai sheet was known): the last NIP looked up and its
    /// person, the hint for the next lookup, and the unknown NIPs found, which follow the
    /// sheet's own problems as they do when resolving afterwards.
    lookup: Lookup,
}

#[derive(Default)]
struct Lookup {
    last: Option<(u64, u32)>,
    hint: usize,
    problems: Vec<Problem>,
}

/// A riwayat record: where it came from.
pub(super) trait Record {
    /// Its row in the sheet.
    fn row_mut(&mut self) -> &mut u32;
}

macro_rules! record {
    ($($t:ty),*) => {$(
        impl Record for $t {
            fn row_mut(&mut self) -> &mut u32 {
                &mut self.src.row
            }
        }
    )*};
}
record!(Pendidikan, Diklat, Skp, Hukdis);

impl<T: Record> Out<T> {
    /// Room for `n` records; resolved while reading when the persons are `known`.
    pub(super) fn with_capacity(n: usize, known: bool) -> Out<T> {
        Out {
            nips: if known { vec![] } else { Vec::with_capacity(n) },
            persons: known.then(|| Vec::with_capacity(n)),
            records: Vec::with_capacity(n),
            names: vec![],
            problems: vec![],
            left_out: 0,
            lookup: Lookup::default(),
        }
    }

    /// Sets the sheet's problems once it is read (the unknown NIPs found while reading after
    /// them).
    pub(super) fn finish(&mut self, mut problems: Vec<Problem>) {
        problems.append(&mut self.lookup.problems);
        self.problems = problems;
    }

    /// Shifts every row (records and problems) by `offset`: for a later part of a split sheet.
    pub(super) fn shift_rows(&mut self, offset: u32) {
        for r in &mut self.records {
            *r.row_mut() += offset;
        }
        for p in &mut self.problems {
            if let Some(r) = &mut p.row {
                *r += offset;
            }
        }
    }

    /// Turns NIPs into person indexes (once), reporting NIPs not in `pegawai`.
    pub(super) fn resolve(&mut self, nips: &Nips, label: &str) {
        if self.persons.is_some() {
            return;
        }
        let mut lookup = Lookup::default();
        let persons = self
            .nips
            .iter()
            .zip(&mut self.records)
            .map(|(nip, rec)| lookup.person(nips, *nip, *rec.row_mut(), label))
            .collect();
        self.problems.append(&mut lookup.problems);
        self.nips = vec![];
        self.persons = Some(persons);
    }

    /// Counts a checked record that is not kept. Only while resolving (`nips`), so that its
    /// NIP is still checked.
    pub(super) fn leave_out(&mut self, nips: &Nips, label: &str, nip: u64, row: u32) {
        self.lookup.person(nips, nip, row, label);
        self.left_out += 1;
    }

    /// Adds a record; its name is kept when `name` is given. With `nips` (when the out was
    /// made `known`), the record's person is looked up at once.
    pub(super) fn push(
        &mut self,
        nips: Option<&Nips>,
        label: &str,
        nip: u64,
        mut rec: T,
        name: Option<Box<str>>,
    ) {
        match (nips, &mut self.persons) {
            (Some(n), Some(persons)) => {
                persons.push(self.lookup.person(n, nip, *rec.row_mut(), label))
            }
            _ => self.nips.push(nip),
        }
        self.records.push(rec);
        if let Some(n) = name {
            self.names.push(n);
        }
    }
}

impl Lookup {
    /// The person of `nip` (`u32::MAX` if none), reporting a NIP not in `pegawai` at `row`.
    fn person(&mut self, nips: &Nips, nip: u64, row: u32, label: &str) -> u32 {
        // Rows of one person usually follow each other: the last NIP looked up is remembered.
        if let Some((l, p)) = self.last
            && l == nip
        {
            return p;
        }
        let p = match nips.person(nip, self.hint) {
            Some(p) => {
                self.hint = p as usize + 1;
                p
            }
            None => {
                if !nips.refused.contains_key(&nip) {
                    self.problems.push(Problem::at(
                        Level::Error,
                        label,
                        row,
                        "nip",
                        &format!("{nip:018}"),
                        Kind::NipUnknown,
                    ));
                }
                u32::MAX
            }
        };
        self.last = Some((nip, p));
        p
    }
}

/// The NIP of a riwayat row as a number, or a recorded error. A person's rows usually follow
/// each other, so the last NIP text and its number are remembered.
pub(super) fn row_nip(
    sh: &mut SheetReader<'_>,
    rowno: u32,
    c: &Cells<'_>,
    opts: &ImportOptions,
    last: &mut Option<([u8; 18], u64)>,
) -> Option<u64> {
    let cell = c.get(0);
    // An 18-byte cell equal to the previous row's NIP text: compared inline, no parsing.
    let text: Option<[u8; 18]> = match &cell {
        Value::Text(t) => t.as_bytes().try_into().ok(),
        _ => None,
    };
    if let (Some(t), Some((l, n))) = (text, *last)
        && t == l
    {
        return Some(n);
    }
    let n = field(sh, rowno, c, 0, |v| nilai::nip(v, opts.today)).map(|n| n.0)?;
    *last = text.map(|t| (t, n));
    Some(n)
}

/// A warning when a record is dated after T.
pub(super) fn after_cutoff(
    sh: &mut SheetReader<'_>,
    rowno: u32,
    c: &Cells<'_>,
    col: usize,
    d: Option<Tanggal>,
    opts: &ImportOptions,
) {
    if let (Some(t), Some(d)) = (opts.cutoff, d)
        && d > t
    {
        sh.problem(
            Level::Warning,
            rowno,
            col,
            &c.get(col),
            Kind::AfterCutoff(t.to_string()),
        );
    }
}

/// A name cell, kept only when the options say so (and only then checked for control
/// characters: a name that is not kept goes nowhere, and checking every training title of a
/// bulk computation would cost time for nothing).
#[inline]
pub(super) fn name(
    sh: &mut SheetReader<'_>,
    rowno: u32,
    c: &Cells<'_>,
    col: usize,
    opts: &ImportOptions,
) -> Option<Box<str>> {
    opts.keep_names
        .then(|| free_text(sh, rowno, col, c.text(col)).into_boxed_str())
}

pub(super) fn read_pendidikan(
    source: &Source,
    opts: &ImportOptions,
    nips: Option<&Nips>,
) -> Out<Pendidikan> {
    let mut sh = SheetReader::new(source, "pendidikan", PENDIDIKAN);
    let label = source.label("pendidikan");
    let mut out = Out::with_capacity(source.estimate_rows("pendidikan"), nips.is_some());
    let mut last_nip = None;
    let mut m_tingkat = Memo::new();
    sh.read("pendidikan", false, &mut |sh, rowno, c| {
        let nip = row_nip(sh, rowno, &c, opts, &mut last_nip);
        let tingkat = choice(
            sh,
            rowno,
            &c,
            1,
            TINGKAT_PENDIDIKAN,
            &mut m_tingkat,
            TingkatPendidikan::parse,
        );
        let tahun_lulus = field(sh, rowno, &c, 3, nilai::tahun).flatten();
        let tanggal_lulus = field(sh, rowno, &c, 4, |v| nilai::tanggal(v, c.is_1904())).flatten();
        let diakui = field(sh, rowno, &c, 5, nilai::ya_tidak)
            .flatten()
            .unwrap_or(true);
        if tahun_lulus.is_none() && tanggal_lulus.is_none() && c.idx[3].is_some() {
            sh.problem(Level::Warning, rowno, 3, &Value::Empty, Kind::Required);
        }
        let (Some(nip), Some(tingkat)) = (nip, tingkat) else {
            return;
        };
        let rec = Pendidikan {
            tingkat,
            tahun_lulus,
            tanggal_lulus,
            diakui,
            src: RecordRef {
                sheet: ipasn_core::model::Sheet::Pendidikan,
                row: rowno,
            },
        };
        after_cutoff(
            sh,
            rowno,
            &c,
            if tanggal_lulus.is_some() { 4 } else { 3 },
            rec.lulus(),
            opts,
        );
        out.push(nips, &label, nip, rec, name(sh, rowno, &c, 2, opts));
    });
    out.finish(sh.problems);
    out
}

pub(super) fn read_diklat(
    source: &Source,
    opts: &ImportOptions,
    part: Option<&Part>,
    nips: Option<&Nips>,
) -> (Out<Diklat>, ReadInfo) {
    let mut sh = SheetReader::new(source, "diklat", DIKLAT);
    let label = source.label("diklat");
    let mut out = Out::with_capacity(source.estimate_rows_of("diklat", part), nips.is_some());
    let mut last_nip = None;
    let max_jp = Decimal::from_int(10_000);
    let mut m_jenis = Memo::new();
    let info = sh.read_part("diklat", false, part, &mut |sh, rowno, c| {
        let nip = row_nip(sh, rowno, &c, opts, &mut last_nip);
        let jenis = choice(
            sh,
            rowno,
            &c,
            1,
            JENIS_DIKLAT,
            &mut m_jenis,
            JenisDiklat::parse,
        );
        // `Some(None)` is a blank cell; `None` an invalid one (already reported).
        let mulai_cell = field(sh, rowno, &c, 3, |v| nilai::tanggal(v, c.is_1904()));
        let selesai_cell = field(sh, rowno, &c, 4, |v| nilai::tanggal(v, c.is_1904()));
        let (mulai, selesai) = (mulai_cell.flatten(), selesai_cell.flatten());
        let jam = field(sh, rowno, &c, 5, |v| {
            let x = nilai::angka(v)?.unwrap_or(Decimal::ZERO);
            if x < Decimal::ZERO || x > max_jp {
                return Err(Kind::Range {
                    min: "0".into(),
                    max: max_jp.to_string(),
                });
            }
            Ok(x)
        });
        if let (Some(m), Some(s)) = (mulai, selesai)
            && s < m
        {
            sh.problem(Level::Error, rowno, 4, &c.get(4), Kind::EndBeforeStart);
            return;
        }
        if let (Some(None), Some(None)) = (mulai_cell, selesai_cell) {
            sh.problem(Level::Warning, rowno, 4, &Value::Empty, Kind::Required);
        }
        let (Some(nip), Some(jenis), Some(jam)) = (nip, jenis, jam) else {
            return;
        };
        let rec = Diklat {
            jenis,
            mulai,
            selesai,
            jam,
            src: RecordRef {
                sheet: ipasn_core::model::Sheet::Diklat,
                row: rowno,
            },
        };
        after_cutoff(
            sh,
            rowno,
            &c,
            if selesai.is_some() { 4 } else { 3 },
            rec.tanggal(),
            opts,
        );
        if let (Some(perlu), Some(n)) = (opts.diklat_perlu, nips)
            && !perlu.perlu(rec.jenis, rec.tanggal())
        {
            out.leave_out(n, &label, nip, rowno);
            return;
        }
        out.push(nips, &label, nip, rec, name(sh, rowno, &c, 2, opts));
    });
    out.finish(sh.problems);
    (out, info.unwrap_or_default())
}

pub(super) fn read_skp(
    source: &Source,
    opts: &ImportOptions,
    part: Option<&Part>,
    nips: Option<&Nips>,
) -> (Out<Skp>, ReadInfo) {
    let mut sh = SheetReader::new(source, "skp", SKP);
    let label = source.label("skp");
    let mut out = Out::with_capacity(source.estimate_rows_of("skp", part), nips.is_some());
    let mut last_nip = None;
    let hundred = Decimal::from_int(100);
    let mut m_predikat = Memo::new();
    let info = sh.read_part("skp", false, part, &mut |sh, rowno, c| {
        let nip = row_nip(sh, rowno, &c, opts, &mut last_nip);
        let tahun = field(sh, rowno, &c, 1, nilai::tahun).flatten();
        if tahun.is_none() && c.get(1).is_blank() {
            sh.problem(Level::Error, rowno, 1, &Value::Empty, Kind::Required);
        }
        let nilai_v = field(sh, rowno, &c, 2, |v| {
            let x = nilai::angka(v)?;
            if x.is_some_and(|x| x < Decimal::ZERO || x > hundred) {
                return Err(Kind::Range {
                    min: "0".into(),
                    max: "100".into(),
                });
            }
            Ok(x)
        });
        let pred_v = c.get(3);
        let predikat = if pred_v.is_blank() {
            Some(None)
        } else {
            let p = m_predikat.get(&pred_v.display(), Predikat::parse);
            if p.is_none() {
                sh.problem(Level::Error, rowno, 3, &pred_v, Kind::Choice(PREDIKAT));
                None
            } else {
                Some(p)
            }
        };
        if let (Some(None), Some(None)) = (nilai_v, predikat) {
            sh.problem(Level::Error, rowno, 2, &Value::Empty, Kind::SkpEmpty);
            return;
        }
        let (Some(nip), Some(tahun), Some(nilai_v), Some(predikat)) =
            (nip, tahun, nilai_v, predikat)
        else {
            return;
        };
        out.push(
            nips,
            &label,
            nip,
            Skp {
                tahun,
                nilai: nilai_v,
                predikat,
                src: RecordRef {
                    sheet: ipasn_core::model::Sheet::Skp,
                    row: rowno,
                },
            },
            None,
        );
    });
    out.finish(sh.problems);
    (out, info.unwrap_or_default())
}

pub(super) fn read_hukdis(
    source: &Source,
    opts: &ImportOptions,
    nips: Option<&Nips>,
) -> Out<Hukdis> {
    let mut sh = SheetReader::new(source, "hukdis", HUKDIS);
    let label = source.label("hukdis");
    let mut out = Out::with_capacity(source.estimate_rows("hukdis"), nips.is_some());
    let mut last_nip = None;
    let mut m_tingkat = Memo::new();
    sh.read("hukdis", false, &mut |sh, rowno, c| {
        let nip = row_nip(sh, rowno, &c, opts, &mut last_nip);
        let jenis = free_text(sh, rowno, 2, c.text(2));
        let tingkat_v = c.get(1);
        // The level, or the punishment's name in the level column or in jenis_hukuman.
        let tingkat = if tingkat_v.is_blank() && !jenis.is_empty() {
            let t = TingkatHukdis::parse_name(&jenis);
            if t.is_none() {
                sh.problem(
                    Level::Error,
                    rowno,
                    2,
                    &c.get(2),
                    Kind::Choice(TINGKAT_HUKDIS),
                );
            }
            t
        } else {
            choice(
                sh,
                rowno,
                &c,
                1,
                TINGKAT_HUKDIS,
                &mut m_tingkat,
                TingkatHukdis::parse_name,
            )
        };
        let tmt = field(sh, rowno, &c, 3, |v| nilai::tanggal(v, c.is_1904()));
        if let Some(None) = tmt {
            sh.problem(Level::Error, rowno, 3, &Value::Empty, Kind::Required);
        }
        let akhir = field(sh, rowno, &c, 4, |v| nilai::tanggal(v, c.is_1904())).flatten();
        let dibatalkan = field(sh, rowno, &c, 5, nilai::ya_tidak)
            .flatten()
            .unwrap_or(false);
        let Some(Some(tmt)) = tmt else { return };
        if akhir.is_some_and(|a| a < tmt) {
            sh.problem(Level::Error, rowno, 4, &c.get(4), Kind::EndBeforeStart);
            return;
        }
        let (Some(nip), Some(tingkat)) = (nip, tingkat) else {
            return;
        };
        after_cutoff(sh, rowno, &c, 3, Some(tmt), opts);
        out.push(
            nips,
            &label,
            nip,
            Hukdis {
                tingkat,
                tmt: Some(tmt),
                akhir,
                dibatalkan,
                src: RecordRef {
                    sheet: ipasn_core::model::Sheet::Hukdis,
                    row: rowno,
                },
            },
            opts.keep_names.then(|| jenis.into_boxed_str()),
        );
    });
    out.finish(sh.problems);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paket::org::{read_pegawai, read_unor};

    /// A sheet read once the persons are known gives what it gives when resolved afterwards:
    /// the same persons, the same unknown NIPs at the same rows, in the same order.
    #[test]
    fn resolving_while_reading_equals_resolving_after() {
        let dir = tempfile::tempdir().unwrap();
        let files = [
            (
                "unor",
                "unor_id,nama_unor,induk_unor_id\nU1,Pemerintah Kota,\n",
            ),
            (
                "pegawai",
                "nip,nama,jenis_kelamin,tanggal_lahir,status_kepegawaian,jenis_jabatan,jenjang_jabatan,nama_jabatan,unor_id,golongan\n\
                 198501012010011001,Budi,L,1985-01-01,PNS,Pelaksana,Pelaksana,Staf,U1,III/a\n\
                 199002022015032002,Sari,P,1990-02-02,PNS,Pelaksana,Pelaksana,Staf,U1,III/a\n",
            ),
            (
                "diklat",
                "nip,jenis,nama_diklat,tanggal_mulai,tanggal_selesai,jumlah_jam,penyelenggara\n\
                 199002022015032002,Teknis,A,2024-01-01,2024-01-02,10,X\n\
                 198501012010011001,Teknis,B,2024-01-01,2024-01-02,foo,X\n\
                 197001012000011001,Teknis,C,2024-01-01,2024-01-02,10,X\n\
                 197001012000011001,Seminar,D,2024-02-01,2024-02-01,4,X\n\
                 198501012010011001,Seminar,E,2024-02-01,2024-02-01,4,X\n\
                 197101012000011001,Seminar,F,2024-02-01,2024-02-01,4,X\n",
            ),
        ];
        for (name, text) in files {
            std::fs::write(dir.path().join(format!("{name}.csv")), text).unwrap();
        }
        let source = Source::open(dir.path()).unwrap();
        let opts = ImportOptions::new(
            Tanggal::new(2026, 1, 1).unwrap(),
            Tanggal::new(2024, 12, 31),
        );
        let mut problems = vec![];
        let (_, unor_ids) = read_unor(&source, &mut problems);
        let (_, nips) = read_pegawai(&source, &unor_ids, &opts, &mut problems);
        let label = source.label("diklat");
        let (mut after, _) = read_diklat(&source, &opts, None, None);
        after.resolve(&nips, &label);
        let (during, _) = read_diklat(&source, &opts, None, Some(&nips));
        assert_eq!(during.persons, after.persons);
        assert_eq!(
            during.persons,
            Some(vec![1, u32::MAX, u32::MAX, 0, u32::MAX])
        );
        assert_eq!(during.records, after.records);
        assert_eq!(during.problems, after.problems);
        let kinds: Vec<_> = during
            .problems
            .iter()
            .map(|p| (p.row, p.kind.clone()))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (Some(3), Kind::Number),
                (Some(4), Kind::NipUnknown),
                (Some(7), Kind::NipUnknown)
            ],
            "the sheet's own problems first, then the unknown NIPs, once per run of rows"
        );
    }
}
