//! Rule sets as data. A rule set is a TOML file holding every table, window, band and option of
//! the IP ASN computation (see `rules/perban-8-2019.toml`). Two ship inside the binary; any
//! other is loaded from text. Each result records the rule set's id and the SHA-256 of its text.

use crate::model::{
    JenisDiklat, JenisJabatan, Jenjang, Predikat, StatusKepegawaian, TingkatPendidikan,
};
use crate::number::{Decimal, Points};
use crate::tanggal::Tanggal;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt;

/// The rule sets shipped with ipasn: `(id, TOML text)`.
pub const BUILTIN: &[(&str, &str)] = &[
    ("perban-8-2019", include_str!("../rules/perban-8-2019.toml")),
    (
        "perban-8-2019-varian",
        include_str!("../rules/perban-8-2019-varian.toml"),
    ),
];

/// The default rule set's id.
pub const DEFAULT_ID: &str = "perban-8-2019";

/// A rule file that cannot be used: the key at fault and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{key}: {message}")]
pub struct RuleError {
    /// Dotted path of the key, e.g. `kinerja.nilai[2].poin`.
    pub key: String,
    /// What is wrong, and what is expected instead.
    pub message: String,
}

/// A validated rule set.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSet {
    /// Identifier, recorded with every result.
    pub id: String,
    /// Human name.
    pub nama: String,
    /// The regulations it follows.
    #[serde(default)]
    pub sumber: String,
    /// Who is measured and when.
    pub pengukuran: Pengukuran,
    /// Kualifikasi rules.
    pub kualifikasi: KualifikasiRules,
    /// Kompetensi rules.
    pub kompetensi: KompetensiRules,
    /// Kinerja rules.
    pub kinerja: KinerjaRules,
    /// Disiplin rules.
    pub disiplin: DisiplinRules,
    /// Categories of an IP, from the top.
    pub kategori: Vec<Band>,
    /// SHA-256 of the rule file's text (hex); set when loaded.
    #[serde(skip)]
    pub hash: String,
}

/// Measurement scope.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pengukuran {
    /// Cut-off date as `MM-DD` of the data year.
    pub tanggal_acuan: String,
    /// Statuses that are measured.
    pub status_diukur: Vec<StatusKepegawaian>,
    /// Keep persons with no appraisal in unit means.
    pub kinerja_kosong_dalam_rerata: bool,
}

/// How the education record is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PilihPendidikan {
    /// The highest recognised level.
    Tertinggi,
    /// The latest graduation.
    Terakhir,
}

/// Kualifikasi rules.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KualifikasiRules {
    /// Maximum.
    pub maks: Points,
    /// Choice of record.
    pub pilih: PilihPendidikan,
    /// Points without a record.
    pub kosong: Points,
    /// Points per level.
    pub poin: BTreeMap<TingkatPendidikan, Points>,
}

/// PIM requirement mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PimMode {
    /// The required level or higher.
    Minimal,
    /// Exactly the required level.
    Tepat,
}

/// Technical training mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TeknisMode {
    /// The hours in the window are added.
    Jumlah,
    /// One training must reach the minimum.
    Tunggal,
}

/// Points of the four kompetensi indicators for one kind of position.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indikator {
    /// Leadership training at level.
    pub pim: Points,
    /// Functional training.
    pub fungsional: Points,
    /// Technical training hours.
    pub teknis: Points,
    /// Seminar, workshop, magang, kursus or similar.
    pub seminar: Points,
}

impl Indikator {
    /// Sum of the four.
    pub fn total(&self) -> Points {
        self.pim + self.fungsional + self.teknis + self.seminar
    }
}

/// Kompetensi rules.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KompetensiRules {
    /// Maximum.
    pub maks: Points,
    /// PIM mode.
    pub pim: PimMode,
    /// Technical training mode.
    pub teknis: TeknisMode,
    /// Minimum hours (JP).
    pub teknis_minimal_jp: Decimal,
    /// Window of technical training, months before T.
    pub teknis_jendela_bulan: u32,
    /// Window of seminars, months before T.
    pub seminar_jendela_bulan: u32,
    /// Kinds counted as seminar and the like.
    pub seminar_jenis: Vec<JenisDiklat>,
    /// Required PIM level per structural jenjang.
    pub pim_wajib: BTreeMap<Jenjang, u8>,
    /// Indicator points per kind of position.
    pub indikator: BTreeMap<JenisJabatan, Indikator>,
}

/// A band: a lower bound (exclusive `lebih_dari` or inclusive `minimal`) or none (the floor).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Category name (for category bands).
    #[serde(default)]
    pub nama: String,
    /// Points (for kinerja bands).
    #[serde(default)]
    pub poin: Points,
    /// `> x`.
    pub lebih_dari: Option<Decimal>,
    /// `>= x`.
    pub minimal: Option<Decimal>,
}

impl Band {
    /// Whether a value falls in this band (or below every earlier band, for the floor).
    pub fn admits(&self, v: Decimal) -> bool {
        match (self.lebih_dari, self.minimal) {
            (Some(x), _) => v > x,
            (None, Some(x)) => v >= x,
            (None, None) => true,
        }
    }

    /// Whether the exact mean `sum_halves / (2 n)` falls in this band (no rounding).
    pub fn admits_mean(&self, sum_halves: u64, n: u64) -> bool {
        // mean ⋚ x  ⇔  sum_halves × SCALE ⋚ 2 n × x.scaled
        let lhs = sum_halves as i128 * Decimal::SCALE as i128;
        let rhs = |x: Decimal| 2 * n as i128 * x.0 as i128;
        match (self.lebih_dari, self.minimal) {
            (Some(x), _) => lhs > rhs(x),
            (None, Some(x)) => lhs >= rhs(x),
            (None, None) => true,
        }
    }

    /// The bound as text: `> 90`, `>= 91`, or empty.
    pub fn bound_text(&self) -> String {
        match (self.lebih_dari, self.minimal) {
            (Some(x), _) => format!("> {x}"),
            (None, Some(x)) => format!(">= {x}"),
            (None, None) => String::new(),
        }
    }
}

/// Kinerja rules.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KinerjaRules {
    /// Maximum.
    pub maks: Points,
    /// Points without an appraisal.
    pub kosong: Points,
    /// Numeric bands, from the top.
    pub nilai: Vec<Band>,
    /// Points per predikat.
    pub predikat: BTreeMap<Predikat, Points>,
}

/// Disciplinary window mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JendelaDisiplin {
    /// TMT within the last `jendela_tahun` years.
    Tahun,
    /// Ever, up to T.
    Selamanya,
    /// Only punishments whose period covers T.
    MasaHukuman,
}

/// Disciplinary levels as keys of the points table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
pub enum TingkatDisiplin {
    /// No punishment in the window.
    #[serde(rename = "Tidak Ada")]
    TidakAda,
    /// Ringan.
    Ringan,
    /// Sedang.
    Sedang,
    /// Berat.
    Berat,
}

/// Disiplin rules.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisiplinRules {
    /// Maximum.
    pub maks: Points,
    /// Window mode.
    pub jendela: JendelaDisiplin,
    /// Years for `tahun`.
    pub jendela_tahun: u32,
    /// Assumed period when `akhir_hukuman` is empty, for `masa_hukuman`.
    pub masa_bawaan_bulan: u32,
    /// Points per level.
    pub poin: BTreeMap<TingkatDisiplin, Points>,
}

impl RuleSet {
    /// A shipped rule set by id.
    pub fn builtin(id: &str) -> Option<RuleSet> {
        BUILTIN.iter().find(|(i, _)| *i == id).map(|(_, text)| {
            RuleSet::from_toml(text).expect("shipped rule sets are valid (checked by tests)")
        })
    }

    /// The default rule set (`perban-8-2019`).
    pub fn default_rules() -> RuleSet {
        RuleSet::builtin(DEFAULT_ID).expect("the default rule set ships")
    }

    /// Parses and validates a rule file.
    pub fn from_toml(text: &str) -> Result<RuleSet, RuleError> {
        let mut rules: RuleSet = toml::from_str(text).map_err(|e| {
            let span = e
                .span()
                .map(|s| line_of(text, s.start))
                .map(|l| format!(" (baris/line {l})"))
                .unwrap_or_default();
            RuleError {
                key: key_at(text, e.span().map(|s| s.start)),
                message: format!("{}{span}", e.message().trim()),
            }
        })?;
        rules.validate()?;
        rules.hash = hex(&Sha256::digest(text.as_bytes()));
        Ok(rules)
    }

    /// The cut-off date T for a data year.
    pub fn cutoff(&self, tahun: i32) -> Tanggal {
        let (m, d) = parse_month_day(&self.pengukuran.tanggal_acuan).expect("validated");
        Tanggal::new(tahun, m, d)
            .unwrap_or_else(|| Tanggal::new(tahun, m, d - 1).expect("29 Feb falls back to 28"))
    }

    /// The category of an exact score.
    pub fn kategori_of(&self, ip: Points) -> usize {
        self.kategori
            .iter()
            .position(|b| b.admits(ip.to_decimal()))
            .expect("validated: the last band is a floor")
    }

    /// The category of an exact mean.
    pub fn kategori_of_mean(&self, sum_halves: u64, n: u64) -> usize {
        self.kategori
            .iter()
            .position(|b| b.admits_mean(sum_halves, n))
            .expect("validated: the last band is a floor")
    }

    /// The maximum IP (sum of the dimension maxima).
    pub fn maks_ip(&self) -> Points {
        self.kualifikasi.maks + self.kompetensi.maks + self.kinerja.maks + self.disiplin.maks
    }

    fn validate(&self) -> Result<(), RuleError> {
        let err = |key: &str, message: String| {
            Err(RuleError {
                key: key.to_string(),
                message,
            })
        };
        if self.id.trim().is_empty() {
            return err("id", "must not be empty".into());
        }
        if parse_month_day(&self.pengukuran.tanggal_acuan).is_none() {
            return err(
                "pengukuran.tanggal_acuan",
                format!(
                    "'{}' is not a month and day as MM-DD (e.g. \"12-31\")",
                    self.pengukuran.tanggal_acuan
                ),
            );
        }
        if self.pengukuran.status_diukur.is_empty() {
            return err(
                "pengukuran.status_diukur",
                "must list at least one status (PNS, CPNS, PPPK)".into(),
            );
        }
        // Kualifikasi.
        let k = &self.kualifikasi;
        for t in TingkatPendidikan::ALL {
            match k.poin.get(t) {
                None => return err("kualifikasi.poin", format!("missing points for \"{t}\"")),
                Some(p) if *p > k.maks => {
                    return err(
                        &format!("kualifikasi.poin.\"{t}\""),
                        format!("{p} exceeds kualifikasi.maks {}", k.maks),
                    );
                }
                _ => {}
            }
        }
        if k.kosong > k.maks {
            return err(
                "kualifikasi.kosong",
                format!("{} exceeds kualifikasi.maks {}", k.kosong, k.maks),
            );
        }
        // Kompetensi.
        let c = &self.kompetensi;
        for j in JenisJabatan::ALL {
            match c.indikator.get(j) {
                None => {
                    return err(
                        "kompetensi.indikator",
                        format!("missing the table for \"{j}\""),
                    );
                }
                Some(i) if i.total() > c.maks => {
                    return err(
                        &format!("kompetensi.indikator.{j}"),
                        format!(
                            "indicators add up to {}, more than kompetensi.maks {}",
                            i.total(),
                            c.maks
                        ),
                    );
                }
                _ => {}
            }
        }
        for j in Jenjang::ALL
            .iter()
            .filter(|j| j.fits(JenisJabatan::Struktural))
        {
            match c.pim_wajib.get(j) {
                None => {
                    return err(
                        "kompetensi.pim_wajib",
                        format!("missing the required PIM level for \"{j}\""),
                    );
                }
                Some(l) if !(1..=4).contains(l) => {
                    return err(
                        &format!("kompetensi.pim_wajib.\"{j}\""),
                        format!("{l} is not a level 1–4"),
                    );
                }
                _ => {}
            }
        }
        if c.teknis_minimal_jp <= Decimal::ZERO {
            return err("kompetensi.teknis_minimal_jp", "must be more than 0".into());
        }
        if c.teknis_jendela_bulan == 0 || c.seminar_jendela_bulan == 0 {
            return err(
                "kompetensi.teknis_jendela_bulan",
                "windows must be at least 1 month".into(),
            );
        }
        // Kinerja.
        let kin = &self.kinerja;
        check_bands(&kin.nilai, "kinerja.nilai")?;
        for (i, b) in kin.nilai.iter().enumerate() {
            if b.poin > kin.maks {
                return err(
                    &format!("kinerja.nilai[{i}].poin"),
                    format!("{} exceeds kinerja.maks {}", b.poin, kin.maks),
                );
            }
        }
        for p in Predikat::ALL {
            match kin.predikat.get(p) {
                None => return err("kinerja.predikat", format!("missing points for \"{p}\"")),
                Some(v) if *v > kin.maks => {
                    return err(
                        &format!("kinerja.predikat.\"{p}\""),
                        format!("{v} exceeds kinerja.maks {}", kin.maks),
                    );
                }
                _ => {}
            }
        }
        if kin.kosong > kin.maks {
            return err(
                "kinerja.kosong",
                format!("{} exceeds kinerja.maks {}", kin.kosong, kin.maks),
            );
        }
        // Disiplin.
        let d = &self.disiplin;
        for t in [
            TingkatDisiplin::TidakAda,
            TingkatDisiplin::Ringan,
            TingkatDisiplin::Sedang,
            TingkatDisiplin::Berat,
        ] {
            match d.poin.get(&t) {
                None => return err("disiplin.poin", format!("missing points for {t:?}")),
                Some(v) if *v > d.maks => {
                    return err(
                        "disiplin.poin",
                        format!("{v} for {t:?} exceeds disiplin.maks {}", d.maks),
                    );
                }
                _ => {}
            }
        }
        if d.jendela == JendelaDisiplin::Tahun && d.jendela_tahun == 0 {
            return err("disiplin.jendela_tahun", "must be at least 1 year".into());
        }
        // Categories.
        check_bands(&self.kategori, "kategori")?;
        for (i, b) in self.kategori.iter().enumerate() {
            if b.nama.trim().is_empty() {
                return err(
                    &format!("kategori[{i}].nama"),
                    "every category needs a name".into(),
                );
            }
        }
        Ok(())
    }
}

fn check_bands(bands: &[Band], key: &str) -> Result<(), RuleError> {
    let err = |k: String, message: String| Err(RuleError { key: k, message });
    if bands.is_empty() {
        return err(key.to_string(), "needs at least one band".into());
    }
    let mut last: Option<Decimal> = None;
    for (i, b) in bands.iter().enumerate() {
        let is_last = i + 1 == bands.len();
        let bound = match (b.lebih_dari, b.minimal) {
            (Some(_), Some(_)) => {
                return err(
                    format!("{key}[{i}]"),
                    "give either `lebih_dari` (>) or `minimal` (>=), not both".into(),
                );
            }
            (x, y) => x.or(y),
        };
        match (bound, is_last) {
            (None, false) => {
                return err(
                    format!("{key}[{i}]"),
                    "only the last band may have no bound (it catches the rest)".into(),
                );
            }
            (Some(_), true) => {
                return err(
                    format!("{key}[{i}]"),
                    "the last band must have no bound, so that every value falls in a band".into(),
                );
            }
            _ => {}
        }
        if let (Some(b), Some(prev)) = (bound, last)
            && b >= prev
        {
            return err(
                format!("{key}[{i}]"),
                format!("bounds must decrease from the top ({b} after {prev})"),
            );
        }
        last = bound.or(last);
    }
    Ok(())
}

fn parse_month_day(s: &str) -> Option<(u32, u32)> {
    let (m, d) = s.split_once('-')?;
    let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    // 2024 is a leap year, so 02-29 is accepted (it falls back to 02-28 in other years).
    Tanggal::new(2024, m, d).map(|_| (m, d))
}

fn line_of(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())]
        .bytes()
        .filter(|b| *b == b'\n')
        .count()
        + 1
}

/// Best effort: the `[table]` and `key =` around a byte offset, for error messages.
fn key_at(text: &str, at: Option<usize>) -> String {
    let Some(at) = at else { return "(file)".into() };
    let before = &text[..at.min(text.len())];
    let table = before
        .lines()
        .rev()
        .find_map(|l| {
            let l = l.trim();
            l.starts_with('[')
                .then(|| l.trim_matches(|c| c == '[' || c == ']').to_string())
        })
        .unwrap_or_default();
    let line = text[before.rfind('\n').map(|i| i + 1).unwrap_or(0)..]
        .lines()
        .next()
        .unwrap_or("");
    let key = line
        .split('=')
        .next()
        .map(str::trim)
        .filter(|k| !k.is_empty() && !k.starts_with('['))
        .unwrap_or("");
    match (table.is_empty(), key.is_empty()) {
        (true, true) => "(file)".into(),
        (true, false) => key.to_string(),
        (false, true) => table,
        (false, false) => format!("{table}.{key}"),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl fmt::Display for RuleSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (sha256 {})",
            self.id,
            &self.hash[..12.min(self.hash.len())]
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_rule_sets_load() {
        for (id, text) in BUILTIN {
            let r = RuleSet::from_toml(text).unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(&r.id, id);
            assert_eq!(r.maks_ip(), Points(200));
            assert_eq!(r.hash.len(), 64);
        }
    }

    #[test]
    fn hash_follows_content() {
        let a = RuleSet::default_rules();
        let text = BUILTIN[0].1.replace(
            "kosong = 0\n[kualifikasi.poin]",
            "kosong = 0.5\n[kualifikasi.poin]",
        );
        let b = RuleSet::from_toml(&text).unwrap();
        assert_ne!(a.hash, b.hash);
        assert_eq!(b.kualifikasi.kosong, Points(1));
    }

    fn broken(from: &str, to: &str) -> RuleError {
        let text = BUILTIN[0].1.replacen(from, to, 1);
        assert_ne!(text, BUILTIN[0].1, "the replacement must apply");
        RuleSet::from_toml(&text).unwrap_err()
    }

    #[test]
    fn broken_files_name_the_key() {
        let e = broken("\"S-2\" = 20", "\"S-2\" = 20.25");
        assert!(
            e.key.contains("kualifikasi.poin") && e.message.contains("0.5"),
            "{e}"
        );
        let e = broken("\"S-2\" = 20\n", "");
        assert_eq!(e.key, "kualifikasi.poin");
        assert!(e.message.contains("S-2"), "{e}");
        let e = broken("\"S-3\" = 25", "\"S-3\" = 26");
        assert!(
            e.key.contains("S-3") && e.message.contains("exceeds"),
            "{e}"
        );
        let e = broken("pilih = \"tertinggi\"", "pilih = \"terbaik\"");
        assert!(e.key.contains("pilih"), "{e}");
        let e = broken("tanggal_acuan = \"12-31\"", "tanggal_acuan = \"02-30\"");
        assert_eq!(e.key, "pengukuran.tanggal_acuan");
        let e = broken(
            "{ lebih_dari = 75, poin = 25 }",
            "{ lebih_dari = 95, poin = 25 }",
        );
        assert!(
            e.key.starts_with("kinerja.nilai[1]") && e.message.contains("decrease"),
            "{e}"
        );
        let e = broken("{ poin = 1 },", "{ lebih_dari = 0, poin = 1 },");
        assert!(e.message.contains("last band"), "{e}");
        let e = broken("teknis = 22.5", "teknis = 32.5");
        assert_eq!(e.key, "kompetensi.indikator.Pelaksana");
        let e = broken("\"Administrator\" = 3", "\"Administrator\" = 5");
        assert!(e.key.contains("Administrator"), "{e}");
        let e = broken("maks = 30", "maks = 30\nbonus = 2");
        assert!(e.message.contains("bonus"), "{e}");
        let e = broken(
            "[[kategori]]\nnama = \"Tinggi\"",
            "[[kategori]]\nnama = \"\"",
        );
        assert!(e.key.starts_with("kategori[1]"), "{e}");
    }

    #[test]
    fn category_bounds() {
        let r = RuleSet::default_rules();
        let name = |h: u32| r.kategori[r.kategori_of(Points(h))].nama.clone();
        assert_eq!(name(181), "Sangat Tinggi"); // 90.5
        assert_eq!(name(180), "Tinggi"); // 90
        assert_eq!(name(141), "Sedang"); // 70.5
        assert_eq!(name(140), "Rendah"); // 70
        assert_eq!(name(120), "Sangat Rendah"); // 60
        let v = RuleSet::builtin("perban-8-2019-varian").unwrap();
        let name = |h: u32| v.kategori[v.kategori_of(Points(h))].nama.clone();
        assert_eq!(name(181), "Tinggi"); // 90.5 < 91
        assert_eq!(name(182), "Sangat Tinggi"); // 91
        assert_eq!(name(141), "Rendah"); // 70.5 < 71
    }

    #[test]
    fn mean_categories_are_exact() {
        let r = RuleSet::default_rules();
        // 80.0000…1 is Tinggi; exactly 80 is Sedang.
        assert_eq!(
            r.kategori[r.kategori_of_mean(160 * 3 + 1, 3)].nama,
            "Tinggi"
        );
        assert_eq!(r.kategori[r.kategori_of_mean(160 * 3, 3)].nama, "Sedang");
    }

    #[test]
    fn cutoff_date() {
        let r = RuleSet::default_rules();
        assert_eq!(r.cutoff(2024).to_string(), "2024-12-31");
    }
}
