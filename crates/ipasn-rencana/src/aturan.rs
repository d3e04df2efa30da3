//! The rules of development plans as data (`data/rencana.toml`): the yearly right to 20 JP, the
//! forecast's horizon, the efficiency coefficient with its source, and the programmes' rules
//! (coaching length, mentor capacity and where mentors come from, the intensive-training
//! threshold, the share offered special assignments). An instansi's own replaces it, checked.

use serde::{Deserialize, Serialize};

/// The shipped rules.
pub const BAWAAN: &str = include_str!("../data/rencana.toml");

/// The setting that holds an instansi's own rules (TOML); absent: [`BAWAAN`].
pub const SETELAN: &str = "rencana_aturan";

/// The rules.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Aturan {
    /// The yearly right to competency development, JP.
    pub jp_hak_minimal: u32,
    /// The forecast's horizon, years.
    pub maks_tahun: u32,
    /// The efficiency estimate.
    pub efisiensi: Efisiensi,
    /// Programmes.
    pub program: Program,
}

/// The efficiency estimate's coefficient and source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Efisiensi {
    /// Rupiah a year per IP point of the national mean.
    pub rupiah_per_poin_nasional: u64,
    /// National ASN.
    pub jumlah_asn_nasional: u64,
    /// Where the figures come from.
    pub sumber: String,
    /// The same in English.
    pub sumber_en: String,
}

/// Programme rules.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Program {
    /// Coaching length, months.
    pub coaching_bulan: u32,
    /// Persons one mentor guides at once.
    pub kapasitas_mentor: u32,
    /// Nine-box boxes mentors come from.
    pub kotak_mentor: Vec<u8>,
    /// Or an IP of at least this.
    pub ip_mentor: f64,
    /// Under this IP, intensive technical training is mandatory.
    pub ambang_pelatihan_intensif: f64,
    /// The top share offered special assignments.
    pub porsi_penugasan_khusus: f64,
    /// Completed trainings count in the next computation.
    pub hitung_diklat_selesai: bool,
}

impl Aturan {
    /// The shipped rules.
    pub fn bawaan() -> Aturan {
        Aturan::baca(BAWAAN).expect("the shipped plan rules are valid")
    }

    /// Reads and checks rules; every problem named by its key and the range it must keep (a
    /// file that cannot be read: the line, in both languages, then the parser's words).
    pub fn baca(teks: &str) -> Result<Aturan, Vec<String>> {
        let a: Aturan = toml::from_str(teks).map_err(|e| {
            let baris = e
                .span()
                .map(|s| teks[..s.start.min(teks.len())].matches('\n').count() + 1)
                .unwrap_or(1);
            vec![format!("baris {baris} / line {baris}: {}", e.message())]
        })?;
        let mut m = vec![];
        if !(1..=50).contains(&a.maks_tahun) {
            m.push("maks_tahun: 1–50".to_string());
        }
        if a.efisiensi.jumlah_asn_nasional == 0 {
            m.push("efisiensi.jumlah_asn_nasional: > 0".to_string());
        }
        let p = &a.program;
        if !(1..=36).contains(&p.coaching_bulan) {
            m.push("program.coaching_bulan: 1–36".to_string());
        }
        if !(1..=50).contains(&p.kapasitas_mentor) {
            m.push("program.kapasitas_mentor: 1–50".to_string());
        }
        if p.kotak_mentor.iter().any(|k| !(1..=9).contains(k)) {
            m.push("program.kotak_mentor: 1–9".to_string());
        }
        for (k, v, hi) in [
            ("program.ip_mentor", p.ip_mentor, 100.0),
            (
                "program.ambang_pelatihan_intensif",
                p.ambang_pelatihan_intensif,
                100.0,
            ),
            (
                "program.porsi_penugasan_khusus",
                p.porsi_penugasan_khusus,
                1.0,
            ),
        ] {
            if !(0.0..=hi).contains(&v) {
                m.push(format!("{k}: 0–{hi}"));
            }
        }
        if m.is_empty() { Ok(a) } else { Err(m) }
    }

    /// The efficiency a year of raising the instansi's mean IP by `poin`, for `n` ASN: the
    /// national coefficient scaled by the instansi's share. An estimate, not an audit.
    pub fn efisiensi(&self, poin: f64, n: u64) -> f64 {
        let e = &self.efisiensi;
        poin * e.rupiah_per_poin_nasional as f64 * n as f64 / e.jumlah_asn_nasional as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_rules_and_the_efficiency_scale() {
        let a = Aturan::bawaan();
        assert_eq!(a.jp_hak_minimal, 20);
        // 4,700 ASN are 0.1 % of 4.7 million: 1 point is 0.1 % of Rp 2.5 T = Rp 2.5 bn.
        assert_eq!(a.efisiensi(1.0, 4_700).round(), 2_500_000_000.0);
        assert_eq!(a.efisiensi(0.0, 4_700), 0.0);
        let bad = Aturan::baca(&BAWAAN.replace("maks_tahun = 10", "maks_tahun = 0")).unwrap_err();
        assert_eq!(bad, vec!["maks_tahun: 1–50".to_string()]);
        assert!(Aturan::baca("x = 1").is_err());
    }
}
