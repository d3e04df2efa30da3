//! Online tests (sesi ujian), the rules without IO: a session's plan of sections, the server's
//! clock of a section (deadline, pause, extension), an answer as the page sends it, which of two
//! saves of the same item wins, integrity signals for the psikolog, and the admission queue of a
//! start spike. Times are milliseconds since the Unix epoch, from the server's clock only.

use crate::bundel::Bundel;
use crate::definisi::JenisInstrumen;
use crate::jawaban::Respons;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The rules of online tests; the shipped values are in `data/ujian.toml`, an instansi's own
/// in the setting `ujian_aturan`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AturanUjian {
    /// Seconds after a deadline in which an answer is still taken (network delay).
    pub tenggang_detik: u32,
    /// No call from the page for this long: disconnected.
    pub putus_detik: u32,
    /// Connected but no answer for this long: idle.
    pub diam_menit: u32,
    /// How often the page calls in.
    pub detak_detik: u32,
    /// Starts admitted per second by one server process.
    pub masuk_per_detik: u32,
    /// Starts admitted at once before the rate applies.
    pub masuk_sekaligus: u32,
    /// Failed token sign-ins per NIP in the login window.
    pub masuk_gagal_maks: u32,
    /// Validity of an assessment, in years ("assessment due" group).
    pub berlaku_tahun: u32,
    /// An answer faster than this (ms) counts as fast.
    pub cepat_ms: u32,
    /// A run of this many identical answers is reported.
    pub sama_beruntun: u32,
    /// More than this share of fast answers marks the attempt.
    pub cepat_bagian: f64,
    /// Leaving the page more than this many times marks the attempt.
    pub keluar_maks: u32,
    /// The most persons one session may invite.
    pub maks_peserta: u32,
}

/// The shipped rules' file.
pub const ATURAN_BAWAAN: &str = include_str!("../data/ujian.toml");

impl Default for AturanUjian {
    fn default() -> AturanUjian {
        toml::from_str(ATURAN_BAWAAN).expect("the shipped rules parse")
    }
}

impl AturanUjian {
    /// Reads an instansi's rules: keys left out keep the shipped values; an unknown key or a
    /// value out of range is an error naming it.
    pub fn baca(teks: &str) -> Result<AturanUjian, String> {
        let mut v: toml::Table = toml::from_str(ATURAN_BAWAAN).expect("the shipped rules parse");
        let own: toml::Table = toml::from_str(teks).map_err(|e| e.message().to_string())?;
        for (k, x) in own {
            if !v.contains_key(&k) {
                return Err(format!("unknown key {k}"));
            }
            v.insert(k, x);
        }
        let a: AturanUjian = toml::Value::Table(v)
            .try_into()
            .map_err(|e: toml::de::Error| e.message().to_string())?;
        for (k, x) in [
            ("putus_detik", a.putus_detik),
            ("diam_menit", a.diam_menit),
            ("detak_detik", a.detak_detik),
            ("masuk_per_detik", a.masuk_per_detik),
            ("masuk_sekaligus", a.masuk_sekaligus),
            ("masuk_gagal_maks", a.masuk_gagal_maks),
            ("berlaku_tahun", a.berlaku_tahun),
            ("maks_peserta", a.maks_peserta),
        ] {
            if x == 0 {
                return Err(format!("{k} must be above 0"));
            }
        }
        if !(0.0..=1.0).contains(&a.cepat_bagian) {
            return Err("cepat_bagian must be between 0 and 1".into());
        }
        if a.tenggang_detik > 120 {
            return Err("tenggang_detik must be at most 120".into());
        }
        Ok(a)
    }
}

/// One section of a session: which instrument (its place in the session's order), which of its
/// sections, the time limit in seconds (`None`: untimed) and its items (indices into the
/// bundle's items).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BagianUjian {
    /// The instrument's place in the session (0-based).
    pub instrumen: usize,
    /// The section's index in the bundle.
    pub bagian: usize,
    /// Time limit in seconds.
    pub detik: Option<u32>,
    /// Items of the section, in the bundle's order.
    pub butir: Vec<usize>,
}

/// The sections a taker goes through, in order: each instrument's sections as its bundle orders
/// them (sections without items left out), with the bundle's time limit unless the session
/// gives its own (`ganti`, seconds, by instrument place and section index; 0 = untimed).
pub fn rencana(bundel: &[&Bundel], ganti: &BTreeMap<(usize, usize), u32>) -> Vec<BagianUjian> {
    let mut out = vec![];
    for (i, b) in bundel.iter().enumerate() {
        let n = b.definisi.bagian.len().max(1);
        for k in 0..n {
            let butir: Vec<usize> = b
                .butir
                .iter()
                .enumerate()
                .filter(|(_, x)| x.bagian == k)
                .map(|(j, _)| j)
                .collect();
            if butir.is_empty() {
                continue;
            }
            let detik = match ganti.get(&(i, k)) {
                Some(0) => None,
                Some(&s) => Some(s),
                None => b.definisi.waktu_bagian(k),
            };
            out.push(BagianUjian {
                instrumen: i,
                bagian: k,
                detik,
                butir,
            });
        }
    }
    out
}

/// The clock of the section a taker is in: its deadline and, while paused, since when.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jam {
    /// Deadline (`None`: untimed).
    pub tenggat: Option<i64>,
    /// Paused since (`None`: running).
    pub jeda_sejak: Option<i64>,
}

impl Jam {
    /// The clock of a section started at `mulai` with a limit of `detik` seconds.
    pub fn mulai(mulai: i64, detik: Option<u32>) -> Jam {
        Jam {
            tenggat: detik.map(|d| mulai + i64::from(d) * 1000),
            jeda_sejak: None,
        }
    }

    /// Milliseconds left at `kini` (never below 0); a paused clock does not run. `None`:
    /// untimed.
    pub fn sisa_ms(&self, kini: i64) -> Option<i64> {
        let t = self.tenggat?;
        let acuan = self.jeda_sejak.unwrap_or(kini).min(kini);
        Some((t - acuan).max(0))
    }

    /// Whether the section is closed at `kini`: its deadline passed more than `tenggang_ms` ago
    /// and it is not paused (a pause stops the clock, so nothing closes while paused).
    pub fn tutup(&self, kini: i64, tenggang_ms: i64) -> bool {
        match (self.tenggat, self.jeda_sejak) {
            (Some(t), None) => kini > t + tenggang_ms,
            _ => false,
        }
    }

    /// Paused at `kini` (a clock already paused keeps its first pause).
    pub fn jeda(self, kini: i64) -> Jam {
        Jam {
            jeda_sejak: Some(self.jeda_sejak.unwrap_or(kini)),
            ..self
        }
    }

    /// Running again at `kini`: the deadline moves by the time paused.
    pub fn lanjut(self, kini: i64) -> Jam {
        match self.jeda_sejak {
            Some(s) => Jam {
                tenggat: self.tenggat.map(|t| t + (kini - s).max(0)),
                jeda_sejak: None,
            },
            None => self,
        }
    }

    /// The deadline moved by `ms` (an extension; untimed stays untimed).
    pub fn tambah(self, ms: i64) -> Jam {
        Jam {
            tenggat: self.tenggat.map(|t| t + ms),
            ..self
        }
    }
}

/// An answer as the page sends it: `nilai` is the Likert value, the option's code, or for
/// Most/Least groups `most|least` (the two words' codes).
pub fn respons(b: &Bundel, i: usize, nilai: &str) -> Option<Respons> {
    if i >= b.butir.len() || nilai.len() > 64 {
        return None;
    }
    if b.jenis == JenisInstrumen::Paling {
        let (m, l) = nilai.split_once('|')?;
        let m = crate::jawaban::nilai(b, i, m.trim()).ok()?;
        let l = crate::jawaban::nilai(b, i, l.trim()).ok()?;
        if m == l {
            return None;
        }
        return Some(Respons {
            pilih: Some(m),
            least: Some(l),
        });
    }
    let x = crate::jawaban::nilai(b, i, nilai.trim()).ok()?;
    Some(Respons {
        pilih: Some(x),
        least: None,
    })
}

/// Whether a save with sequence number `baru` replaces the stored one (`lama`): only a later
/// one does, so a retried or out-of-order save never overwrites a later answer. (The store
/// applies the same rule in its upsert.)
pub fn menang(lama: Option<i64>, baru: i64) -> bool {
    lama.is_none_or(|l| baru > l)
}

/// One saved answer, for the integrity signals: the item's place in the session, the value as
/// sent, and the time the person spent on the item as the page measured it.
#[derive(Clone, Debug, PartialEq)]
pub struct JawabanTersimpan {
    /// Item order (section, then item).
    pub urut: usize,
    /// The value.
    pub nilai: String,
    /// Milliseconds on the item, as the page measured it.
    pub ms: i64,
    /// When the server took it (ms since the epoch).
    pub waktu: i64,
}

/// Integrity signals of one attempt, for the psikolog to weigh (never a verdict).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Sinyal {
    /// Items answered.
    pub dijawab: usize,
    /// Items in the attempt.
    pub butir: usize,
    /// Median time on an item, ms, as the pages measured it.
    pub median_ms: Option<i64>,
    /// The median gap between answers as the server took them, ms (the page's times can be
    /// altered by the page; these cannot — answers sent together after a lost connection make
    /// small gaps, so it is a cross-check, not a measure).
    #[serde(default)]
    pub median_server_ms: Option<i64>,
    /// Answers faster than the rule's `cepat_ms`.
    pub cepat: usize,
    /// The longest run (two or more) of the same answer in item order; 0 without one.
    pub sama_beruntun: usize,
    /// Whether that run reaches the rule's `sama_beruntun`.
    pub sama_mencolok: bool,
    /// Times the page was left (tab hidden, app switched) while answering.
    pub keluar: i64,
    /// Marked for the psikolog's attention by the rules (`cepat_bagian`, `sama_beruntun`,
    /// `keluar_maks`): a mark, not a verdict.
    #[serde(default)]
    pub mencolok: bool,
}

/// The integrity signals of an attempt of `butir` items.
pub fn sinyal(jawaban: &[JawabanTersimpan], butir: usize, keluar: i64, a: &AturanUjian) -> Sinyal {
    let mut urut: Vec<&JawabanTersimpan> = jawaban.iter().collect();
    urut.sort_by_key(|j| j.urut);
    let mut ms: Vec<i64> = urut.iter().map(|j| j.ms.max(0)).collect();
    ms.sort_unstable();
    let median_ms = median(&ms);
    let mut waktu: Vec<i64> = urut.iter().map(|j| j.waktu).collect();
    waktu.sort_unstable();
    let mut jarak: Vec<i64> = waktu.windows(2).map(|w| w[1] - w[0]).collect();
    jarak.sort_unstable();
    let median_server_ms = median(&jarak);
    let mut terpanjang = 0;
    let mut run = 0;
    for (k, j) in urut.iter().enumerate() {
        run = if k > 0 && urut[k - 1].nilai == j.nilai && urut[k - 1].urut + 1 == j.urut {
            run + 1
        } else {
            1
        };
        terpanjang = terpanjang.max(run);
    }
    let cepat = urut
        .iter()
        .filter(|j| j.ms >= 0 && j.ms < i64::from(a.cepat_ms))
        .count();
    // A single answer is no run.
    if terpanjang < 2 {
        terpanjang = 0;
    }
    let sama_mencolok = terpanjang >= a.sama_beruntun as usize;
    Sinyal {
        dijawab: urut.len(),
        butir,
        median_ms,
        median_server_ms,
        cepat,
        sama_beruntun: terpanjang,
        sama_mencolok,
        keluar,
        mencolok: sama_mencolok
            || cepat as f64 > a.cepat_bagian * urut.len() as f64
            || keluar > i64::from(a.keluar_maks),
    }
}

/// The median of sorted values.
fn median(v: &[i64]) -> Option<i64> {
    match v.len() {
        0 => None,
        n if n % 2 == 1 => Some(v[n / 2]),
        n => Some((v[n / 2 - 1] + v[n / 2]) / 2),
    }
}

/// The admission queue of one server process: starts admitted at a steady rate after a burst,
/// each waiting taker holding a slot (no one overtakes a taker who asked earlier), so a spike
/// of thousands is a waiting page with a position instead of timeouts.
#[derive(Clone, Debug)]
pub struct Antrean {
    jarak_ms: f64,
    sekaligus: f64,
    /// The time the next free slot opens (virtual scheduling).
    berikut: f64,
    /// Slots held by waiting takers, by taker id.
    tiket: BTreeMap<i64, f64>,
}

/// The queue's answer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Masuk {
    /// Start now.
    Ya,
    /// Wait: position in the queue (1 = next) and milliseconds until the slot.
    Tunggu {
        /// Position.
        posisi: usize,
        /// Milliseconds.
        ms: i64,
    },
}

impl Antrean {
    /// A queue admitting `per_detik` a second after `sekaligus` at once.
    pub fn baru(per_detik: u32, sekaligus: u32) -> Antrean {
        Antrean {
            jarak_ms: 1000.0 / f64::from(per_detik.max(1)),
            sekaligus: f64::from(sekaligus.max(1)),
            berikut: f64::MIN,
            tiket: BTreeMap::new(),
        }
    }

    /// Taker `id` asks to start at `kini`.
    pub fn minta(&mut self, id: i64, kini: i64) -> Masuk {
        let kini = kini as f64;
        // Slots of takers who never came back (a minute past their time) are given up.
        self.tiket.retain(|_, s| *s + 60_000.0 > kini);
        if let Some(&slot) = self.tiket.get(&id) {
            if slot <= kini {
                self.tiket.remove(&id);
                return Masuk::Ya;
            }
            return self.tunggu(slot, kini);
        }
        // The burst: `sekaligus` slots up to now (the earliest lies that far in the past).
        let slot = self
            .berikut
            .max(kini - (self.sekaligus - 1.0) * self.jarak_ms);
        self.berikut = slot + self.jarak_ms;
        if slot <= kini {
            return Masuk::Ya;
        }
        self.tiket.insert(id, slot);
        self.tunggu(slot, kini)
    }

    fn tunggu(&self, slot: f64, kini: f64) -> Masuk {
        let posisi = self.tiket.values().filter(|s| **s <= slot).count();
        Masuk::Tunggu {
            posisi: posisi.max(1),
            ms: (slot - kini).ceil() as i64,
        }
    }
}

/// The status of a taker as the proctor sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StatusPeserta {
    /// Invited, not started.
    Belum,
    /// Answering.
    Mengerjakan,
    /// Connected, no answer for a while.
    Diam,
    /// The page has not called in for a while.
    Terputus,
    /// Paused by a proctor.
    Jeda,
    /// Submitted (by the taker or at the deadline).
    Selesai,
}

/// A taker's status at `kini` from what is stored: started, submitted, paused, the page's last
/// call and the last answer.
pub fn status(
    mulai: bool,
    selesai: bool,
    jeda: bool,
    terakhir_detak: Option<i64>,
    terakhir_jawab: Option<i64>,
    kini: i64,
    a: &AturanUjian,
) -> StatusPeserta {
    if selesai {
        return StatusPeserta::Selesai;
    }
    if !mulai {
        return StatusPeserta::Belum;
    }
    if jeda {
        return StatusPeserta::Jeda;
    }
    let detak = terakhir_detak.max(terakhir_jawab);
    if detak.is_none_or(|d| kini - d > i64::from(a.putus_detik) * 1000) {
        return StatusPeserta::Terputus;
    }
    let aktif = terakhir_jawab.unwrap_or(i64::MIN);
    if kini.saturating_sub(aktif) > i64::from(a.diam_menit) * 60_000 {
        return StatusPeserta::Diam;
    }
    StatusPeserta::Mengerjakan
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_pause_extend() {
        let j = Jam::mulai(1_000, Some(60));
        assert_eq!(j.tenggat, Some(61_000));
        assert_eq!(j.sisa_ms(31_000), Some(30_000));
        // Paused at 31 s for 10 s: the remaining time stays 30 s, then runs again.
        let p = j.jeda(31_000);
        assert_eq!(p.sisa_ms(41_000), Some(30_000));
        assert!(!p.tutup(100_000, 0));
        let l = p.lanjut(41_000);
        assert_eq!(l.tenggat, Some(71_000));
        assert_eq!(l.sisa_ms(41_000), Some(30_000));
        // Extended by 5 minutes.
        assert_eq!(l.tambah(300_000).sisa_ms(41_000), Some(330_000));
        assert!(l.tutup(71_001, 0));
        assert!(!l.tutup(71_001, 5_000));
        assert_eq!(l.sisa_ms(80_000), Some(0));
        let untimed = Jam::mulai(0, None);
        assert_eq!(untimed.sisa_ms(1 << 40), None);
        assert!(!untimed.tutup(1 << 40, 0));
    }

    #[test]
    fn later_save_wins() {
        assert!(menang(None, 1));
        assert!(menang(Some(3), 4));
        assert!(!menang(Some(4), 4));
        assert!(!menang(Some(5), 4));
    }

    #[test]
    fn signals() {
        let a = AturanUjian::default();
        let j: Vec<JawabanTersimpan> = (0..12)
            .map(|k| JawabanTersimpan {
                urut: k,
                nilai: if k < 11 { "3".into() } else { "4".into() },
                ms: if k < 4 { 500 } else { 4000 },
                waktu: 1_000 + k as i64 * 3_000,
            })
            .collect();
        let s = sinyal(&j, 50, 2, &a);
        assert_eq!(s.dijawab, 12);
        assert_eq!(s.butir, 50);
        assert_eq!(s.cepat, 4);
        assert_eq!(s.median_ms, Some(4000));
        assert_eq!(s.median_server_ms, Some(3000));
        assert_eq!(s.sama_beruntun, 11);
        assert!(s.sama_mencolok);
        assert_eq!(s.keluar, 2);
        assert!(s.mencolok, "the identical run marks it");
        let tenang: Vec<JawabanTersimpan> = (0..8)
            .map(|k| JawabanTersimpan {
                urut: k,
                nilai: (k % 5).to_string(),
                ms: if k < 2 { 500 } else { 4000 },
                waktu: k as i64 * 4000,
            })
            .collect();
        // 2 fast of 8 is not above a quarter; 3 page leaves are not above 3.
        assert!(!sinyal(&tenang, 8, 3, &a).mencolok);
        assert!(sinyal(&tenang, 8, 4, &a).mencolok);
        // A gap (an unanswered item) breaks a run.
        let j2 = vec![
            JawabanTersimpan {
                urut: 0,
                nilai: "1".into(),
                ms: 2000,
                waktu: 0,
            },
            JawabanTersimpan {
                urut: 2,
                nilai: "1".into(),
                ms: 3000,
                waktu: 5000,
            },
        ];
        let s2 = sinyal(&j2, 3, 0, &a);
        assert_eq!(
            s2.sama_beruntun, 0,
            "a gap breaks the run; one answer is no run"
        );
        assert_eq!(s2.median_ms, Some(2500));
    }

    #[test]
    fn admission_burst_then_rate() {
        let mut q = Antrean::baru(10, 3);
        // Three at once, then one every 100 ms in the order asked.
        assert_eq!(q.minta(1, 0), Masuk::Ya);
        assert_eq!(q.minta(2, 0), Masuk::Ya);
        assert_eq!(q.minta(3, 0), Masuk::Ya);
        assert_eq!(q.minta(4, 0), Masuk::Tunggu { posisi: 1, ms: 100 });
        assert_eq!(q.minta(5, 0), Masuk::Tunggu { posisi: 2, ms: 200 });
        // Asking again early keeps the place.
        assert_eq!(q.minta(5, 150), Masuk::Tunggu { posisi: 2, ms: 50 });
        assert_eq!(q.minta(4, 100), Masuk::Ya);
        assert_eq!(q.minta(5, 200), Masuk::Ya);
        // A quiet second refills the burst.
        assert_eq!(q.minta(6, 10_000), Masuk::Ya);
        assert_eq!(q.minta(7, 10_000), Masuk::Ya);
        assert_eq!(q.minta(8, 10_000), Masuk::Ya);
    }

    #[test]
    fn statuses() {
        let a = AturanUjian::default();
        let s = |m, se, j, d, w, k| status(m, se, j, d, w, k, &a);
        assert_eq!(s(false, false, false, None, None, 0), StatusPeserta::Belum);
        assert_eq!(s(true, true, false, None, None, 0), StatusPeserta::Selesai);
        assert_eq!(s(true, false, true, Some(0), None, 0), StatusPeserta::Jeda);
        assert_eq!(
            s(true, false, false, Some(0), Some(0), 91_000),
            StatusPeserta::Terputus
        );
        assert_eq!(
            s(true, false, false, Some(200_000), Some(0), 200_000),
            StatusPeserta::Diam
        );
        assert_eq!(
            s(true, false, false, Some(100_000), Some(100_000), 110_000),
            StatusPeserta::Mengerjakan
        );
    }

    proptest::proptest! {
        /// Whatever order saves arrive in, and however often each is retried, the answer kept
        /// is the one with the highest sequence number.
        #[test]
        fn highest_sequence_is_kept(seqs in proptest::collection::vec(0i64..1000, 1..40)) {
            let mut kept: Option<i64> = None;
            for &s in &seqs {
                if menang(kept, s) {
                    kept = Some(s);
                }
            }
            proptest::prop_assert_eq!(kept, seqs.iter().max().copied());
        }

        /// Pauses never take time away: after any pauses and resumes, the remaining time is
        /// the limit minus the running time only.
        #[test]
        fn pauses_take_no_time(langkah in proptest::collection::vec((1i64..10_000, proptest::bool::ANY), 0..20)) {
            let mut j = Jam::mulai(0, Some(3600));
            let mut kini = 0;
            let mut jalan = 0;
            for (dt, berhenti) in langkah {
                if j.jeda_sejak.is_none() {
                    jalan += dt;
                }
                kini += dt;
                j = if berhenti { j.jeda(kini) } else { j.lanjut(kini) };
            }
            proptest::prop_assert_eq!(j.sisa_ms(kini), Some((3_600_000 - jalan).max(0)));
        }
    }

    #[test]
    fn rules_read_with_defaults() {
        let a = AturanUjian::baca("diam_menit = 5").unwrap();
        assert_eq!(a.diam_menit, 5);
        assert_eq!(a.putus_detik, AturanUjian::default().putus_detik);
        assert!(AturanUjian::baca("nope = 1").is_err());
        assert!(AturanUjian::baca("masuk_per_detik = 0").is_err());
        assert!(AturanUjian::baca("diam_menit = \"x\"").is_err());
    }
}
