//! Scoring per kind of item (skor).
//!
//! - Likert: each scale the sum of its items, a reverse-keyed item scoring `min + max − x`
//!   (`6 − x` on 1–5). A scale with up to `skor.maks_kosong` unanswered items is prorated (the
//!   mean of its answered items times its number of items) and marked so; with more, it has no
//!   score.
//! - Pairs (PAPI Kostick): each answered pair gives one point to the scale of the chosen
//!   statement; on a complete sheet the scales sum to the number of pairs (90). Ipsative: the
//!   profile is read within the person.
//! - Most/Least groups (DISC): graph I counts the Most choices per scale, graph II the Least
//!   choices, graph III = I − II; a word keyed to no scale counts nowhere. With the user's
//!   conversion table, each graph's raw score becomes a segment, and the first pattern whose
//!   signs match graph III (above/below the midline) is the profile's.
//! - Multiple choice: each item earns its chosen option's score (partial credit allowed);
//!   scores per section and in total, with their maxima.

use crate::bundel::{Bundel, Kunci};
use crate::definisi::JenisInstrumen;
use crate::jawaban::Respons;
use serde::{Deserialize, Serialize};

/// A scale's score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SkorSkala {
    /// The scale's code.
    pub kode: String,
    /// Raw score; `None` when too many items are unanswered.
    pub mentah: Option<f64>,
    /// Highest possible raw score.
    pub maks: f64,
    /// Items of the scale answered.
    pub dijawab: usize,
    /// Items of the scale.
    pub butir: usize,
    /// Prorated from the answered items.
    pub prorata: bool,
}

/// DISC's three graphs, per scale.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GrafikDisc {
    /// Graph I: Most counts.
    pub most: Vec<i32>,
    /// Graph II: Least counts.
    pub least: Vec<i32>,
    /// Graph III: Most − Least.
    pub selisih: Vec<i32>,
    /// Segments of graphs I, II, III per scale, with the user's conversion table.
    pub segmen: Option<[Vec<Option<f64>>; 3]>,
    /// The matching pattern's index in [`Bundel::pola`].
    pub pola: Option<usize>,
}

/// A person's scores on one instrument.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hasil {
    /// Per scale (for multiple choice: per section), in the bundle's order.
    pub skala: Vec<SkorSkala>,
    /// DISC graphs.
    pub disc: Option<GrafikDisc>,
    /// Multiple choice: the total and its maximum.
    pub total: Option<(f64, f64)>,
    /// Items answered.
    pub dijawab: usize,
    /// Items of the instrument.
    pub butir: usize,
}

/// Scoring needs the key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TanpaKunci;

impl std::fmt::Display for TanpaKunci {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the bundle has no scoring key")
    }
}

/// Each item's keyed score (Likert: reversed where keyed so; multiple choice: the option's
/// score), `None` when unanswered. Pairs and groups have no item score (ipsative): all `None`.
pub fn skor_butir(b: &Bundel, r: &[Respons]) -> Result<Vec<Option<f64>>, TanpaKunci> {
    let kunci = b.kunci.as_ref().ok_or(TanpaKunci)?;
    Ok(match kunci {
        Kunci::Likert(k) => {
            let l = b.definisi.likert.as_ref().expect("Likert scale");
            let (lo, hi) = (l.min as f64, l.max as f64);
            k.iter()
                .zip(r)
                .map(|((_, rev), x)| {
                    x.pilih
                        .map(|x| if *rev { lo + hi - x as f64 } else { x as f64 })
                })
                .collect()
        }
        Kunci::Pilihan(k) => k
            .iter()
            .zip(r)
            .map(|(opsi, x)| x.pilih.map(|p| opsi[p as usize]))
            .collect(),
        Kunci::Pasangan(_) | Kunci::Paling(_) => vec![None; b.butir.len()],
    })
}

/// The scale (Likert) or section (multiple choice) each item counts for; `None` for pairs and
/// groups, whose items feed two scales.
pub fn skala_butir(b: &Bundel) -> Vec<Option<usize>> {
    match &b.kunci {
        Some(Kunci::Likert(k)) => k.iter().map(|(s, _)| Some(*s)).collect(),
        Some(Kunci::Pilihan(_)) => b.butir.iter().map(|x| Some(x.bagian)).collect(),
        _ => vec![None; b.butir.len()],
    }
}

/// Highest score of each item (Likert: the scale's top; multiple choice: the best option).
pub fn maks_butir(b: &Bundel) -> Vec<f64> {
    match &b.kunci {
        Some(Kunci::Likert(k)) => {
            let top = b.definisi.likert.as_ref().map_or(0.0, |l| l.max as f64);
            vec![top; k.len()]
        }
        Some(Kunci::Pilihan(k)) => k
            .iter()
            .map(|o| o.iter().cloned().fold(0.0, f64::max))
            .collect(),
        _ => vec![0.0; b.butir.len()],
    }
}

/// Scores one person's answers (in the bundle's item order).
pub fn skor(b: &Bundel, r: &[Respons]) -> Result<Hasil, TanpaKunci> {
    let kunci = b.kunci.as_ref().ok_or(TanpaKunci)?;
    let dijawab = r.iter().filter(|x| x.dijawab(b.jenis)).count();
    let n = b.skala.len();
    let mut out = Hasil {
        skala: vec![],
        disc: None,
        total: None,
        dijawab,
        butir: b.butir.len(),
    };
    match kunci {
        Kunci::Likert(_) | Kunci::Pilihan(_) => {
            let item = skor_butir(b, r)?;
            let skala = skala_butir(b);
            let maks = maks_butir(b);
            let mut sum = vec![0.0; n];
            let mut top = vec![0.0; n];
            let mut jawab = vec![0usize; n];
            let mut jumlah = vec![0usize; n];
            for i in 0..item.len() {
                let s = skala[i].expect("Likert and multiple choice items have a scale");
                jumlah[s] += 1;
                top[s] += maks[i];
                if let Some(x) = item[i] {
                    sum[s] += x;
                    jawab[s] += 1;
                }
            }
            let likert = b.jenis == JenisInstrumen::Likert;
            for s in 0..n {
                let kosong = jumlah[s] - jawab[s];
                let (mentah, prorata) = if !likert || kosong == 0 {
                    (Some(sum[s]), false)
                } else if kosong <= b.definisi.skor.maks_kosong && jawab[s] > 0 {
                    (Some(sum[s] / jawab[s] as f64 * jumlah[s] as f64), true)
                } else {
                    (None, false)
                };
                out.skala.push(SkorSkala {
                    kode: b.skala[s].kode.clone(),
                    mentah,
                    maks: top[s],
                    dijawab: jawab[s],
                    butir: jumlah[s],
                    prorata,
                });
            }
            if !likert {
                out.total = Some((sum.iter().sum(), top.iter().sum()));
            }
        }
        Kunci::Pasangan(k) => {
            let mut count = vec![0usize; n];
            let mut keyed = vec![0usize; n];
            let mut jawab = vec![0usize; n];
            for (pair, x) in k.iter().zip(r) {
                for s in pair {
                    keyed[*s] += 1;
                }
                if let Some(p) = x.pilih {
                    count[pair[p as usize]] += 1;
                    for s in pair {
                        jawab[*s] += 1;
                    }
                }
            }
            for s in 0..n {
                out.skala.push(SkorSkala {
                    kode: b.skala[s].kode.clone(),
                    mentah: Some(count[s] as f64),
                    maks: keyed[s] as f64,
                    dijawab: jawab[s],
                    butir: keyed[s],
                    prorata: false,
                });
            }
        }
        Kunci::Paling(k) => {
            let mut most = vec![0i32; n];
            let mut least = vec![0i32; n];
            for (words, x) in k.iter().zip(r) {
                if let Some(s) = x.pilih.and_then(|p| words[p as usize][0]) {
                    most[s] += 1;
                }
                if let Some(s) = x.least.and_then(|p| words[p as usize][1]) {
                    least[s] += 1;
                }
            }
            let selisih: Vec<i32> = most.iter().zip(&least).map(|(a, b)| a - b).collect();
            let groups = b.butir.len() as f64;
            for s in 0..n {
                out.skala.push(SkorSkala {
                    kode: b.skala[s].kode.clone(),
                    mentah: Some(selisih[s] as f64),
                    maks: groups,
                    dijawab,
                    butir: b.butir.len(),
                    prorata: false,
                });
            }
            let segmen = (!b.konversi.is_empty()).then(|| {
                let seg = |g: u8, v: &[i32]| -> Vec<Option<f64>> {
                    (0..n)
                        .map(|s| {
                            b.konversi
                                .iter()
                                .find(|c| c.grafik == g && c.skala == s && c.mentah == v[s])
                                .map(|c| c.segmen)
                        })
                        .collect()
                };
                [seg(1, &most), seg(2, &least), seg(3, &selisih)]
            });
            // Above or below the midline per factor of graph III; with a conversion table
            // every factor needs its segment (a partial table gives no pattern, not a wrong one).
            let garis = b.definisi.skor.garis_tengah;
            let tanda: Option<Vec<bool>> = match &segmen {
                Some([_, _, iii]) => iii.iter().map(|x| x.map(|x| x > garis)).collect(),
                None => Some(selisih.iter().map(|x| *x > 0).collect()),
            };
            let pola = tanda.and_then(|tanda| {
                b.pola.iter().position(|p| {
                    p.tanda
                        .iter()
                        .zip(&tanda)
                        .all(|(want, got)| want.is_none_or(|w| w == *got))
                })
            });
            out.disc = Some(GrafikDisc {
                most,
                least,
                selisih,
                segmen,
                pola,
            });
        }
    }
    Ok(out)
}
