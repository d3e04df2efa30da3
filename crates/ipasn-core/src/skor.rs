//! Scoring one person (spec §2–§6). [`Penilai`] holds the rule set, the data year and the
//! windows derived from the cut-off date T; [`Penilai::nilai`] scores a person from their riwayat.

use crate::hasil::{Alasan, Dimensi, Flags, HasilDimensi, HasilPegawai, JendelaText, Kekurangan};
use crate::model::{Diklat, JenisDiklat, JenisJabatan, Pegawai, Predikat, Riwayat, TingkatHukdis};
use crate::number::{Decimal, Points};
use crate::rules::{JendelaDisiplin, PilihPendidikan, PimMode, RuleSet, TeknisMode, TingkatDisiplin};
use crate::tanggal::{Tanggal, Window};

/// Scores persons under one rule set for one data year.
#[derive(Debug, Clone)]
pub struct Penilai<'r> {
    rules: &'r RuleSet,
    tahun: i32,
    t: Tanggal,
    teknis: Window,
    seminar: Window,
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

    /// Whether the rule set measures this person (status; every imported person holds a position).
    pub fn diukur(&self, p: &Pegawai) -> bool {
        self.rules.pengukuran.status_diukur.contains(&p.status)
    }

    /// Scores a person.
    pub fn nilai(&self, p: &Pegawai, r: Riwayat<'_>) -> HasilPegawai {
        let mut flags = Flags::default();
        let dimensi = [
            self.kualifikasi(r, &mut flags),
            self.kompetensi(p, r, &mut flags),
            self.kinerja(r, &mut flags),
            self.disiplin(r, &mut flags),
        ];
        let ip = dimensi.iter().fold(Points::ZERO, |a, d| a + d.poin);
        HasilPegawai { kategori: self.rules.kategori_of(ip), ip, dimensi, flags }
    }

    fn kualifikasi(&self, r: Riwayat<'_>, flags: &mut Flags) -> HasilDimensi {
        let k = &self.rules.kualifikasi;
        let poin_of = |t| k.poin[&t];
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
                        (poin_of(e.tingkat), e.tingkat, e.lulus()) > (poin_of(b.tingkat), b.tingkat, b.lulus())
                    }
                    PilihPendidikan::Terakhir => {
                        (e.lulus(), poin_of(e.tingkat), e.tingkat) > (b.lulus(), poin_of(b.tingkat), b.tingkat)
                    }
                },
            };
            if better {
                best = Some(e);
            }
        }
        let mut d = HasilDimensi {
            dimensi: Dimensi::Kualifikasi,
            poin: k.kosong,
            maks: k.maks,
            alasan: vec![],
            dipakai: vec![],
            kurang: vec![],
        };
        match best {
            Some(e) => {
                d.poin = poin_of(e.tingkat);
                d.dipakai.push(e.src);
                d.alasan.push(Alasan::Pendidikan {
                    tingkat: e.tingkat,
                    tahun_lulus: e.tahun_lulus.or(e.tanggal_lulus.map(|t| t.year())),
                    terakhir: k.pilih == PilihPendidikan::Terakhir,
                    poin: d.poin,
                });
            }
            None => {
                flags.set(Flags::PENDIDIKAN_KOSONG);
                d.alasan.push(Alasan::PendidikanKosong);
            }
        }
        // Unrecognised records that would score higher: the cheapest fix is to recognise them.
        if let Some(e) = r
            .pendidikan
            .iter()
            .filter(|e| !e.diakui && !e.lulus().is_some_and(|t| t > self.t) && poin_of(e.tingkat) > d.poin)
            .max_by_key(|e| (poin_of(e.tingkat), e.tingkat))
        {
            d.kurang.push(Kekurangan::PendidikanBelumDiakui {
                src: e.src,
                tingkat: e.tingkat,
                tambah: poin_of(e.tingkat).saturating_sub(d.poin),
            });
        }
        // The next level up that adds points.
        if let Some((t, p)) =
            k.poin.iter().filter(|(_, p)| **p > d.poin).min_by_key(|(t, p)| (**p, **t)).map(|(t, p)| (*t, *p))
        {
            d.kurang.push(Kekurangan::PendidikanLebihTinggi { tingkat: t, tambah: p.saturating_sub(d.poin) });
        }
        d
    }

    fn kompetensi(&self, p: &Pegawai, r: Riwayat<'_>, flags: &mut Flags) -> HasilDimensi {
        let c = &self.rules.kompetensi;
        let ind = c.indikator[&p.jenis_jabatan];
        let mut d = HasilDimensi {
            dimensi: Dimensi::Kompetensi,
            poin: Points::ZERO,
            maks: c.maks,
            alasan: vec![],
            dipakai: vec![],
            kurang: vec![],
        };
        // Records dated after T are ignored everywhere.
        let mut usable: Vec<&Diklat> = Vec::with_capacity(r.diklat.len());
        for e in r.diklat {
            if e.tanggal().is_some_and(|t| t > self.t) {
                flags.set(Flags::DATA_SETELAH_T);
            } else {
                usable.push(e);
            }
        }

        // PIM at the required level (no window).
        if ind.pim > Points::ZERO && p.jenis_jabatan == JenisJabatan::Struktural {
            if let Some(level) = c.pim_wajib.get(&p.jenjang).copied() {
                let wajib = JenisDiklat::pim_of_level(level).expect("validated level");
                let ok = |l: u8| match c.pim {
                    PimMode::Minimal => l <= level,
                    PimMode::Tepat => l == level,
                };
                let held = usable.iter().filter(|e| e.jenis.pim_level().is_some_and(ok)).min_by_key(|e| e.jenis.pim_level());
                let best_any = usable.iter().filter_map(|e| e.jenis.pim_level()).min().and_then(JenisDiklat::pim_of_level);
                let poin = if held.is_some() { ind.pim } else { Points::ZERO };
                if let Some(e) = held {
                    d.dipakai.push(e.src);
                }
                d.alasan.push(Alasan::Pim {
                    wajib,
                    ada: held.map(|e| e.jenis).or(best_any),
                    tepat: c.pim == PimMode::Tepat,
                    poin,
                });
                if held.is_none() {
                    d.kurang.push(Kekurangan::Pim { wajib, tambah: ind.pim });
                }
                d.poin = d.poin + poin;
            }
        }

        // Functional training (no window).
        if ind.fungsional > Points::ZERO {
            let held: Vec<_> = usable.iter().filter(|e| e.jenis == JenisDiklat::Fungsional).collect();
            let poin = if held.is_empty() { Points::ZERO } else { ind.fungsional };
            d.dipakai.extend(held.iter().map(|e| e.src));
            d.alasan.push(Alasan::Fungsional { ada: !held.is_empty(), poin });
            if held.is_empty() {
                d.kurang.push(Kekurangan::Fungsional { tambah: ind.fungsional });
            }
            d.poin = d.poin + poin;
        }

        // Technical training hours in (T − n months, T].
        if ind.teknis > Points::ZERO {
            let tunggal = c.teknis == TeknisMode::Tunggal;
            let mut jam = Decimal::ZERO;
            let mut used = vec![];
            for e in usable.iter().filter(|e| e.jenis == JenisDiklat::Teknis) {
                match e.tanggal() {
                    Some(t) if self.teknis.contains(t) => {
                        jam = if tunggal { jam.max(e.jam) } else { jam + e.jam };
                        used.push(e.src);
                    }
                    Some(_) => {}
                    None => flags.set(Flags::TANGGAL_KOSONG),
                }
            }
            let ok = jam >= c.teknis_minimal_jp;
            let poin = if ok { ind.teknis } else { Points::ZERO };
            if ok {
                d.dipakai.extend(used);
            }
            d.alasan.push(Alasan::Teknis { jam, minimal: c.teknis_minimal_jp, bulan: c.teknis_jendela_bulan, tunggal, poin });
            if !ok {
                d.kurang.push(Kekurangan::Teknis {
                    jam,
                    kurang: if tunggal { c.teknis_minimal_jp } else { c.teknis_minimal_jp - jam },
                    tunggal,
                    bulan: c.teknis_jendela_bulan,
                    tambah: ind.teknis,
                });
            }
            d.poin = d.poin + poin;
        }

        // Seminar, workshop, magang, kursus or similar in (T − n months, T].
        if ind.seminar > Points::ZERO {
            let mut jumlah = 0;
            for e in usable.iter().filter(|e| c.seminar_jenis.contains(&e.jenis)) {
                match e.tanggal() {
                    Some(t) if self.seminar.contains(t) => {
                        jumlah += 1;
                        d.dipakai.push(e.src);
                    }
                    Some(_) => {}
                    None => flags.set(Flags::TANGGAL_KOSONG),
                }
            }
            let poin = if jumlah > 0 { ind.seminar } else { Points::ZERO };
            d.alasan.push(Alasan::Seminar { jumlah, bulan: c.seminar_jendela_bulan, poin });
            if jumlah == 0 {
                d.kurang.push(Kekurangan::Seminar { bulan: c.seminar_jendela_bulan, tambah: ind.seminar });
            }
            d.poin = d.poin + poin;
        }
        d.poin = d.poin.min(c.maks);
        d
    }

    fn kinerja(&self, r: Riwayat<'_>, flags: &mut Flags) -> HasilDimensi {
        let k = &self.rules.kinerja;
        let mut d = HasilDimensi {
            dimensi: Dimensi::Kinerja,
            poin: k.kosong,
            maks: k.maks,
            alasan: vec![],
            dipakai: vec![],
            kurang: vec![],
        };
        let this_year: Vec<_> = r.skp.iter().filter(|s| s.tahun == self.tahun).collect();
        if this_year.len() > 1 {
            flags.set(Flags::DATA_KONFLIK);
        }
        let best_predikat =
            Predikat::ALL.iter().copied().max_by_key(|p| (k.predikat[p], std::cmp::Reverse(*p))).expect("non-empty");
        // With several rows for the year (the importer refuses them), the first in input order is used.
        match this_year.first() {
            None => {
                flags.set(Flags::KINERJA_KOSONG);
                d.alasan.push(Alasan::KinerjaKosong { tahun: self.tahun, poin: k.kosong });
                d.kurang.push(Kekurangan::Kinerja {
                    tahun: self.tahun,
                    kosong: true,
                    predikat: best_predikat,
                    tambah: k.maks.saturating_sub(k.kosong),
                });
            }
            Some(s) => {
                let by_nilai = s.nilai.map(|v| {
                    let band = k.nilai.iter().find(|b| b.admits(v)).expect("validated: last band is a floor");
                    (v, band)
                });
                d.dipakai.push(s.src);
                match (s.predikat, by_nilai) {
                    (Some(p), nilai) => {
                        d.poin = k.predikat[&p];
                        if nilai.is_some_and(|(_, b)| b.poin != d.poin) {
                            flags.set(Flags::DATA_KONFLIK);
                        }
                        d.alasan.push(Alasan::KinerjaPredikat { tahun: s.tahun, predikat: p, poin: d.poin });
                    }
                    (None, Some((v, band))) => {
                        d.poin = band.poin;
                        d.alasan.push(Alasan::KinerjaNilai {
                            tahun: s.tahun,
                            nilai: v,
                            batas: band.bound_text(),
                            poin: d.poin,
                        });
                    }
                    (None, None) => {
                        // The importer requires one of the two; treat as missing if it slipped through.
                        flags.set(Flags::KINERJA_KOSONG);
                        d.alasan.push(Alasan::KinerjaKosong { tahun: self.tahun, poin: k.kosong });
                    }
                }
                if d.poin < k.maks {
                    d.kurang.push(Kekurangan::Kinerja {
                        tahun: self.tahun,
                        kosong: false,
                        predikat: best_predikat,
                        tambah: k.maks.saturating_sub(d.poin),
                    });
                }
            }
        }
        d
    }

    fn disiplin(&self, r: Riwayat<'_>, flags: &mut Flags) -> HasilDimensi {
        let rules = &self.rules.disiplin;
        let t = self.t;
        let window_start = t.minus_months(rules.jendela_tahun.saturating_mul(12));
        let mut worst: Option<TingkatHukdis> = None;
        let mut jumlah = 0;
        let mut dipakai = vec![];
        // The first cut-off date from which none of the counted punishments counts any more.
        let mut clear_from: Option<Tanggal> = Some(t);
        for h in r.hukdis.iter().filter(|h| !h.dibatalkan) {
            let Some(tmt) = h.tmt else {
                // Undated: counts only when the window is "ever"; flagged either way.
                flags.set(Flags::TANGGAL_KOSONG);
                if rules.jendela == JendelaDisiplin::Selamanya {
                    worst = worst.max(Some(h.tingkat));
                    jumlah += 1;
                    dipakai.push(h.src);
                    clear_from = None;
                }
                continue;
            };
            if tmt > t {
                flags.set(Flags::DATA_SETELAH_T);
                continue;
            }
            let (counts, until) = match rules.jendela {
                JendelaDisiplin::Tahun => (tmt > window_start, Some(tmt.plus_months(rules.jendela_tahun * 12))),
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
                dipakai.push(h.src);
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
        let poin = rules.poin[&level];
        let mut kurang = vec![];
        if poin < rules.maks {
            let best = rules.poin[&TingkatDisiplin::TidakAda];
            if best > poin {
                kurang.push(Kekurangan::Disiplin { sejak: clear_from, tambah: best.saturating_sub(poin) });
            }
        }
        HasilDimensi {
            dimensi: Dimensi::Disiplin,
            poin,
            maks: rules.maks,
            alasan: vec![Alasan::Disiplin {
                tingkat: worst,
                jumlah,
                jendela: match rules.jendela {
                    JendelaDisiplin::Tahun => JendelaText::Tahun(rules.jendela_tahun),
                    JendelaDisiplin::Selamanya => JendelaText::Selamanya,
                    JendelaDisiplin::MasaHukuman => JendelaText::MasaHukuman,
                },
                poin,
            }],
            dipakai,
            kurang,
        }
    }
}

/// Scores everyone in a dataset: `None` for persons the rule set does not measure. Work is split
/// over `threads` threads (1 = on the caller's thread); the result does not depend on it.
pub fn nilai_semua(ds: &crate::model::Dataset, penilai: &Penilai<'_>, threads: usize) -> Vec<Option<HasilPegawai>> {
    let n = ds.pegawai.len();
    let score = |i: usize| {
        let p = &ds.pegawai[i];
        penilai.diukur(p).then(|| penilai.nilai(p, ds.riwayat(i)))
    };
    let threads = threads.clamp(1, 64);
    if threads == 1 || n < 10_000 {
        return (0..n).map(score).collect();
    }
    let chunk = n.div_ceil(threads);
    let mut out: Vec<Option<HasilPegawai>> = Vec::with_capacity(n);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let score = &score;
                s.spawn(move || (t * chunk..((t + 1) * chunk).min(n)).map(score).collect::<Vec<_>>())
            })
            .collect();
        for h in handles {
            out.extend(h.join().expect("a scoring thread panicked"));
        }
    });
    out
}
