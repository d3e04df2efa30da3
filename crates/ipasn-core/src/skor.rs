//! Scoring one person (spec §2–§6). [`Penilai`] holds the rule set, the data year and the
//! windows derived from the cut-off date T; [`Penilai::nilai`] scores a person from their riwayat.

use crate::hasil::{
    Alasan, Dimensi, Flags, HasilDimensi, HasilPegawai, JendelaText, Kekurangan, Skor,
};
use crate::model::{
    JenisDiklat, JenisJabatan, Pegawai, Predikat, RecordRef, Riwayat, TingkatHukdis,
};
use crate::number::{Decimal, Points};
use crate::rules::{
    JendelaDisiplin, PilihPendidikan, PimMode, RuleSet, TeknisMode, TingkatDisiplin,
};
use crate::tanggal::{Tanggal, Window};

/// Where a dimension's reasons go. [`HasilDimensi`] records them; [`Diam`] drops them, so the
/// bulk path runs the very same rules without allocating explanations.
pub trait Catat {
    /// Whether reasons are recorded (lets the rules skip work only explanations need).
    const EXPLAIN: bool;
    /// A rule that fired.
    fn alasan(&mut self, f: impl FnOnce() -> Alasan);
    /// A record used.
    fn dipakai(&mut self, r: RecordRef);
    /// Something missing, with the points it would add.
    fn kurang(&mut self, f: impl FnOnce() -> Kekurangan);
}

impl Catat for HasilDimensi {
    const EXPLAIN: bool = true;
    fn alasan(&mut self, f: impl FnOnce() -> Alasan) {
        self.alasan.push(f());
    }
    fn dipakai(&mut self, r: RecordRef) {
        self.dipakai.push(r);
    }
    fn kurang(&mut self, f: impl FnOnce() -> Kekurangan) {
        self.kurang.push(f());
    }
}

/// Records nothing.
pub struct Diam;

impl Catat for Diam {
    const EXPLAIN: bool = false;
    fn alasan(&mut self, _: impl FnOnce() -> Alasan) {}
    fn dipakai(&mut self, _: RecordRef) {}
    fn kurang(&mut self, _: impl FnOnce() -> Kekurangan) {}
}

/// Which training records can change a score, a reason or a flag of one measurement, so that
/// a bulk computation may leave the others out of memory (in a national package, two of every
/// five training rows are technical courses and seminars older than any window). Needed:
/// leadership and functional training of any date, technical training and the rule set's
/// seminar kinds within their windows, records dated after T (they raise a flag), and undated
/// records. Derived from the same rules and windows as [`Penilai`]; a property test scores
/// persons with and without the unneeded records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DiklatPerlu {
    t: Tanggal,
    teknis: Window,
    seminar: Window,
    /// The kinds counted as seminars, one bit per `JenisDiklat as u32`.
    seminar_jenis: u32,
}

impl DiklatPerlu {
    /// Whether a training record of this kind and date (its end, else its start) is needed.
    pub fn perlu(&self, jenis: JenisDiklat, tanggal: Option<Tanggal>) -> bool {
        let Some(t) = tanggal else { return true };
        t > self.t
            || jenis.pim_level().is_some()
            || jenis == JenisDiklat::Fungsional
            || (jenis == JenisDiklat::Teknis && self.teknis.contains(t))
            || (self.seminar_jenis & 1 << jenis as u32 != 0 && self.seminar.contains(t))
    }
}

/// Scores persons under one rule set for one data year.
#[derive(Debug, Clone)]
pub struct Penilai<'r> {
    rules: &'r RuleSet,
    tahun: i32,
    t: Tanggal,
    teknis: Window,
    seminar: Window,
    /// The rule set's tables as arrays indexed by the enums (looked up per person).
    tabel: Tabel,
}

/// Dense copies of the rule set's per-value tables.
#[derive(Debug, Clone)]
struct Tabel {
    pendidikan: Vec<Points>,
    indikator: Vec<crate::rules::Indikator>,
    predikat: Vec<Points>,
    disiplin: [Points; 4],
}

impl Tabel {
    fn of(rules: &RuleSet) -> Tabel {
        use crate::model::TingkatPendidikan;
        Tabel {
            pendidikan: TingkatPendidikan::ALL
                .iter()
                .map(|t| rules.kualifikasi.poin[t])
                .collect(),
            indikator: JenisJabatan::ALL
                .iter()
                .map(|j| rules.kompetensi.indikator[j])
                .collect(),
            predikat: Predikat::ALL
                .iter()
                .map(|p| rules.kinerja.predikat[p])
                .collect(),
            disiplin: [
                TingkatDisiplin::TidakAda,
                TingkatDisiplin::Ringan,
                TingkatDisiplin::Sedang,
                TingkatDisiplin::Berat,
            ]
            .map(|t| rules.disiplin.poin[&t]),
        }
    }
}

impl<'r> Penilai<'r> {
    /// For the data year `tahun`, with T from the rule set.
    pub fn new(rules: &'r RuleSet, tahun: i32) -> Penilai<'r> {
        Penilai::with_cutoff(rules, tahun, rules.cutoff(tahun))
    }

    /// For the data year `tahun` with an explicit cut-off date T.
    pub fn with_cutoff(rules: &'r RuleSet, tahun: i32, t: Tanggal) -> Penilai<'r> {
        Penilai {
            rules,
            tahun,
            t,
            teknis: Window::months_before(t, rules.kompetensi.teknis_jendela_bulan),
            seminar: Window::months_before(t, rules.kompetensi.seminar_jendela_bulan),
            tabel: Tabel::of(rules),
        }
    }

    /// The cut-off date T.
    pub fn cutoff(&self) -> Tanggal {
        self.t
    }

    /// The data year.
    pub fn tahun(&self) -> i32 {
        self.tahun
    }

    /// The rule set.
    pub fn rules(&self) -> &RuleSet {
        self.rules
    }

    /// Which training records can change anything this measurement reports (see
    /// [`DiklatPerlu`]).
    pub fn diklat_perlu(&self) -> DiklatPerlu {
        DiklatPerlu {
            t: self.t,
            teknis: self.teknis,
            seminar: self.seminar,
            seminar_jenis: self
                .rules
                .kompetensi
                .seminar_jenis
                .iter()
                .fold(0, |m, j| m | 1 << *j as u32),
        }
    }

    /// Whether the rule set measures this person (status; every imported person holds a position).
    pub fn diukur(&self, p: &Pegawai) -> bool {
        self.rules.pengukuran.status_diukur.contains(&p.status)
    }

    /// Scores a person, with the full explanation.
    pub fn nilai(&self, p: &Pegawai, r: Riwayat<'_>) -> HasilPegawai {
        let mut flags = Flags::default();
        let mut dimensi = Dimensi::ALL.map(|d| HasilDimensi {
            dimensi: d,
            poin: Points::ZERO,
            maks: self.maks(d),
            alasan: vec![],
            dipakai: vec![],
            kurang: vec![],
        });
        let [k, c, kin, d] = &mut dimensi;
        k.poin = self.kualifikasi(r, &mut flags, k);
        c.poin = self.kompetensi(p, r, &mut flags, c);
        kin.poin = self.kinerja(r, &mut flags, kin);
        d.poin = self.disiplin(r, &mut flags, d);
        let ip = dimensi.iter().fold(Points::ZERO, |a, d| a + d.poin);
        HasilPegawai {
            kategori: self.rules.kategori_of(ip),
            ip,
            dimensi,
            flags,
        }
    }

    /// Scores a person without the explanation (the bulk path; same rules, no allocation).
    pub fn skor(&self, p: &Pegawai, r: Riwayat<'_>) -> Skor {
        let mut flags = Flags::default();
        let poin = [
            self.kualifikasi(r, &mut flags, &mut Diam),
            self.kompetensi(p, r, &mut flags, &mut Diam),
            self.kinerja(r, &mut flags, &mut Diam),
            self.disiplin(r, &mut flags, &mut Diam),
        ];
        let ip = poin.iter().fold(Points::ZERO, |a, p| a + *p);
        Skor {
            poin,
            ip,
            kategori: self.rules.kategori_of(ip) as u8,
            flags,
        }
    }

    fn maks(&self, d: Dimensi) -> Points {
        match d {
            Dimensi::Kualifikasi => self.rules.kualifikasi.maks,
            Dimensi::Kompetensi => self.rules.kompetensi.maks,
            Dimensi::Kinerja => self.rules.kinerja.maks,
            Dimensi::Disiplin => self.rules.disiplin.maks,
        }
    }

    fn kualifikasi<C: Catat>(&self, r: Riwayat<'_>, flags: &mut Flags, c: &mut C) -> Points {
        let k = &self.rules.kualifikasi;
        let poin_of = |t: crate::model::TingkatPendidikan| self.tabel.pendidikan[t as usize];
        let mut best: Option<&crate::model::Pendidikan> = None;
        for e in r.pendidikan {
            if e.lulus().is_some_and(|d| d > self.t) {
                flags.set(Flags::DATA_SETELAH_T);
                continue;
            }
            if !e.diakui {
                continue;
            }
            // Undated records count as graduated before T; they sort first for "terakhir".
            let better = match best {
                None => true,
                Some(b) => match k.pilih {
                    PilihPendidikan::Tertinggi => {
                        (poin_of(e.tingkat), e.tingkat, e.lulus())
                            > (poin_of(b.tingkat), b.tingkat, b.lulus())
                    }
                    PilihPendidikan::Terakhir => {
                        (e.lulus(), poin_of(e.tingkat), e.tingkat)
                            > (b.lulus(), poin_of(b.tingkat), b.tingkat)
                    }
                },
            };
            if better {
                best = Some(e);
            }
        }
        let poin = match best {
            Some(e) => {
                c.dipakai(e.src);
                c.alasan(|| Alasan::Pendidikan {
                    tingkat: e.tingkat,
                    tahun_lulus: e.tahun_lulus.or(e.tanggal_lulus.map(|t| t.year())),
                    terakhir: k.pilih == PilihPendidikan::Terakhir,
                    poin: poin_of(e.tingkat),
                });
                poin_of(e.tingkat)
            }
            None => {
                flags.set(Flags::PENDIDIKAN_KOSONG);
                c.alasan(|| Alasan::PendidikanKosong);
                k.kosong
            }
        };
        if C::EXPLAIN {
            // Unrecognised records that would score higher: the cheapest fix is to recognise them.
            if let Some(e) = r
                .pendidikan
                .iter()
                .filter(|e| {
                    !e.diakui && e.lulus().is_none_or(|t| t <= self.t) && poin_of(e.tingkat) > poin
                })
                .max_by_key(|e| (poin_of(e.tingkat), e.tingkat))
            {
                c.kurang(|| Kekurangan::PendidikanBelumDiakui {
                    src: e.src,
                    tingkat: e.tingkat,
                    tambah: poin_of(e.tingkat).saturating_sub(poin),
                });
            }
            // The next level up that adds points.
            if let Some((t, p)) = k
                .poin
                .iter()
                .filter(|(_, p)| **p > poin)
                .min_by_key(|(t, p)| (**p, **t))
            {
                c.kurang(|| Kekurangan::PendidikanLebihTinggi {
                    tingkat: *t,
                    tambah: p.saturating_sub(poin),
                });
            }
        }
        poin
    }

    fn kompetensi<C: Catat>(
        &self,
        p: &Pegawai,
        r: Riwayat<'_>,
        flags: &mut Flags,
        c: &mut C,
    ) -> Points {
        let rules = &self.rules.kompetensi;
        let ind = self.tabel.indikator[p.jenis_jabatan as usize];
        // Records dated after T are ignored everywhere.
        if r.diklat
            .iter()
            .any(|e| e.tanggal().is_some_and(|t| t > self.t))
        {
            flags.set(Flags::DATA_SETELAH_T);
        }
        let usable = || {
            r.diklat
                .iter()
                .filter(|e| e.tanggal().is_none_or(|t| t <= self.t))
        };
        let mut total = Points::ZERO;

        // PIM at the required level (no window).
        if ind.pim > Points::ZERO
            && p.jenis_jabatan == JenisJabatan::Struktural
            && let Some(level) = rules.pim_wajib.get(&p.jenjang).copied()
        {
            let wajib = JenisDiklat::pim_of_level(level).expect("validated level");
            let ok = |l: u8| match rules.pim {
                PimMode::Minimal => l <= level,
                PimMode::Tepat => l == level,
            };
            let held = usable()
                .filter(|e| e.jenis.pim_level().is_some_and(ok))
                .min_by_key(|e| e.jenis.pim_level());
            let poin = if held.is_some() {
                ind.pim
            } else {
                Points::ZERO
            };
            if let Some(e) = held {
                c.dipakai(e.src);
            }
            c.alasan(|| Alasan::Pim {
                wajib,
                ada: held.map(|e| e.jenis).or_else(|| {
                    usable()
                        .filter_map(|e| e.jenis.pim_level())
                        .min()
                        .and_then(JenisDiklat::pim_of_level)
                }),
                tepat: rules.pim == PimMode::Tepat,
                poin,
            });
            if held.is_none() {
                c.kurang(|| Kekurangan::Pim {
                    wajib,
                    tambah: ind.pim,
                });
            }
            total = total + poin;
        }

        // Functional training (no window).
        if ind.fungsional > Points::ZERO {
            let mut ada = false;
            for e in usable().filter(|e| e.jenis == JenisDiklat::Fungsional) {
                ada = true;
                c.dipakai(e.src);
            }
            let poin = if ada { ind.fungsional } else { Points::ZERO };
            c.alasan(|| Alasan::Fungsional { ada, poin });
            if !ada {
                c.kurang(|| Kekurangan::Fungsional {
                    tambah: ind.fungsional,
                });
            }
            total = total + poin;
        }

        // Technical training hours in (T − n months, T].
        if ind.teknis > Points::ZERO {
            let tunggal = rules.teknis == TeknisMode::Tunggal;
            let mut jam = Decimal::ZERO;
            for e in usable().filter(|e| e.jenis == JenisDiklat::Teknis) {
                match e.tanggal() {
                    Some(t) if self.teknis.contains(t) => {
                        jam = if tunggal { jam.max(e.jam) } else { jam + e.jam }
                    }
                    Some(_) => {}
                    None => flags.set(Flags::TANGGAL_KOSONG),
                }
            }
            let ok = jam >= rules.teknis_minimal_jp;
            let poin = if ok { ind.teknis } else { Points::ZERO };
            if ok && C::EXPLAIN {
                for e in usable().filter(|e| {
                    e.jenis == JenisDiklat::Teknis
                        && e.tanggal().is_some_and(|t| self.teknis.contains(t))
                }) {
                    c.dipakai(e.src);
                }
            }
            c.alasan(|| Alasan::Teknis {
                jam,
                minimal: rules.teknis_minimal_jp,
                bulan: rules.teknis_jendela_bulan,
                tunggal,
                poin,
            });
            if !ok {
                c.kurang(|| Kekurangan::Teknis {
                    jam,
                    kurang: if tunggal {
                        rules.teknis_minimal_jp
                    } else {
                        rules.teknis_minimal_jp - jam
                    },
                    tunggal,
                    bulan: rules.teknis_jendela_bulan,
                    tambah: ind.teknis,
                });
            }
            total = total + poin;
        }

        // Seminar, workshop, magang, kursus or similar in (T − n months, T].
        if ind.seminar > Points::ZERO {
            let mut jumlah = 0;
            for e in usable().filter(|e| rules.seminar_jenis.contains(&e.jenis)) {
                match e.tanggal() {
                    Some(t) if self.seminar.contains(t) => {
                        jumlah += 1;
                        c.dipakai(e.src);
                    }
                    Some(_) => {}
                    None => flags.set(Flags::TANGGAL_KOSONG),
                }
            }
            let poin = if jumlah > 0 {
                ind.seminar
            } else {
                Points::ZERO
            };
            c.alasan(|| Alasan::Seminar {
                jumlah,
                bulan: rules.seminar_jendela_bulan,
                poin,
            });
            if jumlah == 0 {
                c.kurang(|| Kekurangan::Seminar {
                    bulan: rules.seminar_jendela_bulan,
                    tambah: ind.seminar,
                });
            }
            total = total + poin;
        }
        total.min(rules.maks)
    }

    fn kinerja<C: Catat>(&self, r: Riwayat<'_>, flags: &mut Flags, c: &mut C) -> Points {
        let k = &self.rules.kinerja;
        let mut this_year = r.skp.iter().filter(|s| s.tahun == self.tahun);
        let first = this_year.next();
        if this_year.next().is_some() {
            flags.set(Flags::DATA_KONFLIK);
        }
        let best_predikat = || {
            Predikat::ALL
                .iter()
                .copied()
                .max_by_key(|p| (k.predikat[p], std::cmp::Reverse(*p)))
                .expect("non-empty")
        };
        // With several rows for the year (the importer refuses them), the first in input order is used.
        let Some(s) = first else {
            flags.set(Flags::KINERJA_KOSONG);
            c.alasan(|| Alasan::KinerjaKosong {
                tahun: self.tahun,
                poin: k.kosong,
            });
            c.kurang(|| Kekurangan::Kinerja {
                tahun: self.tahun,
                kosong: true,
                predikat: best_predikat(),
                tambah: k.maks.saturating_sub(k.kosong),
            });
            return k.kosong;
        };
        let by_nilai = s.nilai.map(|v| {
            (
                v,
                k.nilai
                    .iter()
                    .find(|b| b.admits(v))
                    .expect("validated: last band is a floor"),
            )
        });
        c.dipakai(s.src);
        let poin = match (s.predikat, by_nilai) {
            (Some(p), nilai) => {
                let poin = self.tabel.predikat[p as usize];
                if nilai.is_some_and(|(_, b)| b.poin != poin) {
                    flags.set(Flags::DATA_KONFLIK);
                }
                c.alasan(|| Alasan::KinerjaPredikat {
                    tahun: s.tahun,
                    predikat: p,
                    poin,
                });
                poin
            }
            (None, Some((v, band))) => {
                c.alasan(|| Alasan::KinerjaNilai {
                    tahun: s.tahun,
                    nilai: v,
                    batas: band.bound_text(),
                    poin: band.poin,
                });
                band.poin
            }
            (None, None) => {
                // The importer requires one of the two; treat as missing if it slipped through.
                flags.set(Flags::KINERJA_KOSONG);
                c.alasan(|| Alasan::KinerjaKosong {
                    tahun: self.tahun,
                    poin: k.kosong,
                });
                k.kosong
            }
        };
        if poin < k.maks {
            c.kurang(|| Kekurangan::Kinerja {
                tahun: self.tahun,
                kosong: false,
                predikat: best_predikat(),
                tambah: k.maks.saturating_sub(poin),
            });
        }
        poin
    }

    fn disiplin<C: Catat>(&self, r: Riwayat<'_>, flags: &mut Flags, c: &mut C) -> Points {
        let rules = &self.rules.disiplin;
        let t = self.t;
        let window_start = t.minus_months(rules.jendela_tahun.saturating_mul(12));
        let mut worst: Option<TingkatHukdis> = None;
        let mut jumlah = 0;
        // The first cut-off date from which none of the counted punishments counts any more.
        let mut clear_from: Option<Tanggal> = Some(t);
        for h in r.hukdis.iter().filter(|h| !h.dibatalkan) {
            let Some(tmt) = h.tmt else {
                // Undated: counts only when the window is "ever"; flagged either way.
                flags.set(Flags::TANGGAL_KOSONG);
                if rules.jendela == JendelaDisiplin::Selamanya {
                    worst = worst.max(Some(h.tingkat));
                    jumlah += 1;
                    c.dipakai(h.src);
                    clear_from = None;
                }
                continue;
            };
            if tmt > t {
                flags.set(Flags::DATA_SETELAH_T);
                continue;
            }
            let (counts, until) = match rules.jendela {
                JendelaDisiplin::Tahun => (
                    tmt > window_start,
                    Some(tmt.plus_months(rules.jendela_tahun * 12)),
                ),
                JendelaDisiplin::Selamanya => (true, None),
                JendelaDisiplin::MasaHukuman => {
                    let akhir = h.akhir.unwrap_or_else(|| {
                        Tanggal::from_days(tmt.plus_months(rules.masa_bawaan_bulan).to_days() - 1)
                    });
                    (akhir >= t, Some(akhir.next_day()))
                }
            };
            if counts {
                worst = worst.max(Some(h.tingkat));
                jumlah += 1;
                c.dipakai(h.src);
                clear_from = match (clear_from, until) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    _ => None,
                };
            }
        }
        let level = match worst {
            None => TingkatDisiplin::TidakAda,
            Some(TingkatHukdis::Ringan) => TingkatDisiplin::Ringan,
            Some(TingkatHukdis::Sedang) => TingkatDisiplin::Sedang,
            Some(TingkatHukdis::Berat) => TingkatDisiplin::Berat,
        };
        let poin = self.tabel.disiplin[level as usize];
        let best = self.tabel.disiplin[TingkatDisiplin::TidakAda as usize];
        if poin < rules.maks && best > poin {
            c.kurang(|| Kekurangan::Disiplin {
                sejak: clear_from,
                tambah: best.saturating_sub(poin),
            });
        }
        c.alasan(|| Alasan::Disiplin {
            tingkat: worst,
            jumlah,
            jendela: match rules.jendela {
                JendelaDisiplin::Tahun => JendelaText::Tahun(rules.jendela_tahun),
                JendelaDisiplin::Selamanya => JendelaText::Selamanya,
                JendelaDisiplin::MasaHukuman => JendelaText::MasaHukuman,
            },
            poin,
        });
        poin
    }
}

/// Scores everyone in a dataset (without explanations): `None` for persons the rule set does
/// not measure. Work is split over `threads` threads (1 = on the caller's thread); the result
/// does not depend on it.
pub fn nilai_semua(
    ds: &crate::model::Dataset,
    penilai: &Penilai<'_>,
    threads: usize,
) -> Vec<Option<Skor>> {
    let n = ds.pegawai.len();
    let score = |i: usize| {
        let p = &ds.pegawai[i];
        penilai.diukur(p).then(|| penilai.skor(p, ds.riwayat(i)))
    };
    let threads = threads.clamp(1, 64);
    if threads == 1 || n < 10_000 {
        return (0..n).map(score).collect();
    }
    let chunk = n.div_ceil(threads);
    let mut out: Vec<Option<Skor>> = Vec::with_capacity(n);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let score = &score;
                s.spawn(move || {
                    (t * chunk..((t + 1) * chunk).min(n))
                        .map(score)
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for h in handles {
            out.extend(h.join().expect("a scoring thread panicked"));
        }
    });
    out
}
