//! The structure file of a bundle (`instrumen.toml`): what the instrument is, its kind, its
//! scales and sections, its licence and the names of its other files. Item texts, the scoring
//! key, interpretations and norms are separate files ([`crate::bundel`]), so a key can be
//! withheld from people who may see the items.
//!
//! ```toml
//! id = "ipip-50"
//! nama = "IPIP-50 …"            # nama_en optional
//! versi = "1"
//! jenis = "likert"              # likert | pasangan | paling | pilihan
//! model = "ipip-50"             # optional: ipip-50 | papi-kostick | disc (structure checks)
//! [lisensi]
//! redistributable = true
//! tingkat = "B"                 # HIMPSI usage level A, B or C
//! pemilik = "Public domain"
//! [berkas]                      # defaults shown
//! butir = "butir.csv"
//! kunci = "kunci.csv"
//! interpretasi = "interpretasi.csv"   # optional file
//! [likert]                      # likert only
//! min = 1
//! max = 5
//! [[skala]]
//! kode = "E"
//! nama = "Ekstraversi"
//! [[bagian]]                    # optional; one section "1" when absent
//! id = "1"
//! waktu = "20m"                 # optional time limit
//! petunjuk = "…"
//! ```

use crate::masalah::{Jenis, Masalah};
use serde::{Deserialize, Serialize};

/// The most scales one bundle may define (PAPI has 20).
pub const MAKS_SKALA: usize = 200;

/// The structure file's name inside a bundle.
pub const STRUKTUR: &str = "instrumen.toml";

/// The kind of items an instrument has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum JenisInstrumen {
    /// Statements rated on a Likert scale, keyed to a scale, some reversed (IPIP).
    Likert,
    /// Forced-choice pairs: each statement keyed to a scale (PAPI Kostick).
    Pasangan,
    /// Groups of words; the person picks Most and Least; each word keyed per choice (DISC).
    Paling,
    /// Multiple choice with a score per option (cognitive, knowledge, situational judgement).
    Pilihan,
}

impl JenisInstrumen {
    /// The word used in files.
    pub fn kode(self) -> &'static str {
        match self {
            JenisInstrumen::Likert => "likert",
            JenisInstrumen::Pasangan => "pasangan",
            JenisInstrumen::Paling => "paling",
            JenisInstrumen::Pilihan => "pilihan",
        }
    }
}

/// HIMPSI's classification of tests by who may administer them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Tingkat {
    /// Level A: may be administered by trained non-psychologists (knowledge tests, SJT).
    A,
    /// Level B: needs a psychologist's supervision (personality inventories).
    B,
    /// Level C: psychologists only (clinical and projective instruments, licensed batteries).
    C,
}

/// Licence metadata: travels with the bundle and is enforced.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lisensi {
    /// Whether the bundle's files may be copied out of the instansi's installation.
    pub redistributable: bool,
    /// Usage level.
    pub tingkat: Tingkat,
    /// Who owns the items (publisher, "public domain", the instansi).
    pub pemilik: String,
}

/// The names of a bundle's files.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Berkas {
    /// Items.
    pub butir: String,
    /// Scoring key.
    pub kunci: String,
    /// Interpretation texts (optional file).
    pub interpretasi: String,
    /// DISC raw → segment conversion (optional, the user's licensed table).
    pub konversi: String,
    /// DISC patterns and narratives (optional, the user's licensed table).
    pub pola: String,
}

impl Default for Berkas {
    fn default() -> Berkas {
        Berkas {
            butir: "butir.csv".into(),
            kunci: "kunci.csv".into(),
            interpretasi: "interpretasi.csv".into(),
            konversi: "konversi.csv".into(),
            pola: "pola.csv".into(),
        }
    }
}

/// The Likert response scale.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Likert {
    /// Lowest answer.
    pub min: u8,
    /// Highest answer.
    pub max: u8,
    /// Labels of the answers, lowest first (Indonesian).
    #[serde(default)]
    pub label: Vec<String>,
    /// Labels in English.
    #[serde(default)]
    pub label_en: Vec<String>,
}

/// A scale (or, for multiple choice, a subtest).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Skala {
    /// Code: the column name of scores (`E`, `N`, `D`).
    pub kode: String,
    /// Name.
    pub nama: String,
    /// Name in English.
    #[serde(default)]
    pub nama_en: Option<String>,
    /// What the scale measures, in plain language.
    #[serde(default)]
    pub deskripsi: Option<String>,
    /// The same in English.
    #[serde(default)]
    pub deskripsi_en: Option<String>,
}

/// A section: its instructions and time limit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bagian {
    /// Id, as the items file names it.
    pub id: String,
    /// Title.
    #[serde(default)]
    pub judul: Option<String>,
    /// Title in English.
    #[serde(default)]
    pub judul_en: Option<String>,
    /// Instructions shown before the section.
    #[serde(default)]
    pub petunjuk: Option<String>,
    /// Instructions in English.
    #[serde(default)]
    pub petunjuk_en: Option<String>,
    /// Time limit as written (`20m`, `1h30m`, `90s`, `00:20:00`, minutes).
    #[serde(default)]
    pub waktu: Option<String>,
}

/// Structure checks; a model fills the ones it knows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Struktur {
    /// Items (or groups).
    pub butir: Option<usize>,
    /// Statements keyed to each scale.
    pub per_skala: Option<usize>,
    /// Words per Most/Least group.
    pub kata: Option<usize>,
}

/// Scoring options.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AturanSkor {
    /// Likert: unanswered items a scale may have and still be scored, prorated (the mean of the
    /// answered items times the number of items). More than this: no score.
    pub maks_kosong: usize,
    /// T-score bounds of the low and high interpretation bands of a scale that has no
    /// interpretation rows: up to the first is rendah, above the second tinggi.
    pub batas_t: [f64; 2],
    /// DISC: the segment above which a graph-III factor counts as high for a pattern (with the
    /// user's conversion table; without one, a raw graph III above 0).
    pub garis_tengah: f64,
}

impl Default for AturanSkor {
    fn default() -> AturanSkor {
        AturanSkor {
            maks_kosong: 1,
            batas_t: [45.0, 55.0],
            garis_tengah: 4.0,
        }
    }
}

/// The structure file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Definisi {
    /// Identifier (`ipip-50`).
    pub id: String,
    /// Name.
    pub nama: String,
    /// Name in English.
    #[serde(default)]
    pub nama_en: Option<String>,
    /// Version of the bundle, as its owner numbers it.
    #[serde(default)]
    pub versi: Option<String>,
    /// Kind of items, as written (checked by [`Definisi::jenis`]).
    pub jenis: String,
    /// A known model whose structure is checked: `ipip-50`, `papi-kostick`, `disc`.
    #[serde(default)]
    pub model: Option<String>,
    /// Where the items come from, how a translation was made.
    #[serde(default)]
    pub catatan: Option<String>,
    /// The same in English.
    #[serde(default)]
    pub catatan_en: Option<String>,
    /// Licence.
    pub lisensi: Lisensi,
    /// File names.
    #[serde(default)]
    pub berkas: Berkas,
    /// Likert response scale.
    #[serde(default)]
    pub likert: Option<Likert>,
    /// Scales (for multiple choice: optional; each section is then a scale).
    #[serde(default)]
    pub skala: Vec<Skala>,
    /// Sections.
    #[serde(default)]
    pub bagian: Vec<Bagian>,
    /// Structure checks.
    #[serde(default)]
    pub struktur: Struktur,
    /// Scoring options.
    #[serde(default)]
    pub skor: AturanSkor,
}

impl Definisi {
    /// Reads the structure file; every problem found (a parse error is one problem).
    pub fn baca(teks: &str) -> Result<Definisi, Vec<Masalah>> {
        let mut d: Definisi = toml::from_str(teks).map_err(|e| {
            vec![Masalah::berkas(
                STRUKTUR,
                Jenis::Toml(e.message().to_string()),
            )]
        })?;
        let mut masalah = vec![];
        let at = |kolom: &str, nilai: &str, jenis| Masalah {
            berkas: STRUKTUR.into(),
            baris: None,
            kolom: Some(kolom.into()),
            nilai: nilai.into(),
            jenis,
        };
        let Some(jenis) = d.jenis() else {
            return Err(vec![at("jenis", &d.jenis, Jenis::JenisTidakDikenal)]);
        };
        if let Some(m) = &d.model {
            match (m.as_str(), jenis) {
                ("ipip-50", JenisInstrumen::Likert) => d.struktur.isi(50, 10, None, &mut |k, v| {
                    masalah.push(at(k, v, Jenis::Model))
                }),
                ("papi-kostick", JenisInstrumen::Pasangan) => {
                    d.struktur.isi(90, 9, None, &mut |k, v| {
                        masalah.push(at(k, v, Jenis::Model))
                    })
                }
                ("disc", JenisInstrumen::Paling) => d.struktur.isi(24, 0, Some(4), &mut |k, v| {
                    masalah.push(at(k, v, Jenis::Model))
                }),
                _ => masalah.push(at(
                    "model",
                    m,
                    Jenis::Pilihan(model_untuk(jenis).iter().map(|s| s.to_string()).collect()),
                )),
            }
        }
        if jenis == JenisInstrumen::Likert {
            match &d.likert {
                None => masalah.push(at("likert", "", Jenis::Wajib)),
                Some(l) if l.min >= l.max => {
                    masalah.push(at("likert.max", &l.max.to_string(), Jenis::Angka))
                }
                _ => {}
            }
        }
        if jenis == JenisInstrumen::Paling && d.struktur.kata.is_none() {
            d.struktur.kata = Some(4);
        }
        let mut seen = std::collections::HashSet::new();
        for (k, s) in d.skala.iter().enumerate() {
            if s.kode.trim().is_empty() {
                masalah.push(at(&format!("skala[{}].kode", k + 1), "", Jenis::Wajib));
            } else if !kode_sah(&s.kode) {
                masalah.push(at(&format!("skala[{}].kode", k + 1), &s.kode, Jenis::Kode));
            } else if !seen.insert(s.kode.to_uppercase()) {
                masalah.push(at(
                    &format!("skala[{}].kode", k + 1),
                    &s.kode,
                    Jenis::Ganda { pertama: 0 },
                ));
            }
        }
        if !kode_sah(&d.id) {
            masalah.push(at("id", &d.id, Jenis::Kode));
        }
        for (kolom, teks) in d.teks() {
            if teks.chars().any(|c| teks_terlarang(c)) {
                masalah.push(at(&kolom, &teks.escape_debug().to_string(), Jenis::Kendali));
            }
        }
        if d.skala.len() > MAKS_SKALA {
            masalah.push(at(
                "skala",
                &d.skala.len().to_string(),
                Jenis::TerlaluBanyak { batas: MAKS_SKALA },
            ));
        }
        if d.skala.is_empty() && jenis != JenisInstrumen::Pilihan {
            masalah.push(at("skala", "", Jenis::Wajib));
        }
        if d.bagian.is_empty() {
            d.bagian.push(Bagian {
                id: "1".into(),
                judul: None,
                judul_en: None,
                petunjuk: None,
                petunjuk_en: None,
                waktu: None,
            });
        }
        let mut ids = std::collections::HashSet::new();
        for (k, b) in d.bagian.iter().enumerate() {
            let key = format!("bagian[{}].id", k + 1);
            if !kode_sah(&b.id) {
                masalah.push(at(&key, &b.id, Jenis::Kode));
            } else if !ids.insert(b.id.to_lowercase()) {
                masalah.push(at(&key, &b.id, Jenis::Ganda { pertama: 0 }));
            }
            if let Some(w) = &b.waktu
                && detik(w).is_none()
            {
                masalah.push(at(&format!("bagian[{}].waktu", k + 1), w, Jenis::Waktu));
            }
        }
        if masalah.is_empty() {
            Ok(d)
        } else {
            Err(masalah)
        }
    }

    /// The kind of items, when it is one of the four.
    pub fn jenis(&self) -> Option<JenisInstrumen> {
        Some(match self.jenis.trim().to_lowercase().as_str() {
            "likert" => JenisInstrumen::Likert,
            "pasangan" | "forced-choice" => JenisInstrumen::Pasangan,
            "paling" | "most-least" => JenisInstrumen::Paling,
            "pilihan" | "pilihan-ganda" | "multiple-choice" => JenisInstrumen::Pilihan,
            _ => return None,
        })
    }

    /// A section's time limit in seconds (`None`: untimed).
    pub fn waktu_bagian(&self, k: usize) -> Option<u32> {
        self.bagian.get(k)?.waktu.as_deref().and_then(detik)
    }
}

/// A code (bundle id, scale code, section id): letters, digits, `_`, `-`, `.`, 1–32 of them —
/// it names columns and files, so nothing a spreadsheet or a path could read as more.
pub fn kode_sah(s: &str) -> bool {
    !s.is_empty()
        && s.chars().count() <= 32
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// Control characters (but tab and line breaks) and the bidirectional overrides that make text
/// read otherwise than it is stored.
pub fn teks_terlarang(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

impl Definisi {
    /// Every text of the structure file with the key it is under.
    fn teks(&self) -> Vec<(String, &str)> {
        let mut out: Vec<(String, &str)> = vec![("nama".into(), self.nama.as_str())];
        out.extend(self.nama_en.as_deref().map(|t| ("nama_en".to_string(), t)));
        out.extend(self.catatan.as_deref().map(|t| ("catatan".to_string(), t)));
        out.extend(
            self.catatan_en
                .as_deref()
                .map(|t| ("catatan_en".to_string(), t)),
        );
        out.push(("lisensi.pemilik".into(), self.lisensi.pemilik.as_str()));
        for (k, s) in self.skala.iter().enumerate() {
            let at = |f: &str| format!("skala[{}].{f}", k + 1);
            out.push((at("nama"), s.nama.as_str()));
            for (f, t) in [
                ("nama_en", &s.nama_en),
                ("deskripsi", &s.deskripsi),
                ("deskripsi_en", &s.deskripsi_en),
            ] {
                out.extend(t.as_deref().map(|t| (at(f), t)));
            }
        }
        for (k, b) in self.bagian.iter().enumerate() {
            let at = |f: &str| format!("bagian[{}].{f}", k + 1);
            for (f, t) in [
                ("judul", &b.judul),
                ("judul_en", &b.judul_en),
                ("petunjuk", &b.petunjuk),
                ("petunjuk_en", &b.petunjuk_en),
            ] {
                out.extend(t.as_deref().map(|t| (at(f), t)));
            }
        }
        out
    }
}

fn model_untuk(j: JenisInstrumen) -> &'static [&'static str] {
    match j {
        JenisInstrumen::Likert => &["ipip-50"],
        JenisInstrumen::Pasangan => &["papi-kostick"],
        JenisInstrumen::Paling => &["disc"],
        JenisInstrumen::Pilihan => &[],
    }
}

impl Struktur {
    /// The model's counts; a `[struktur]` value that differs from the model's is reported, and
    /// the model's counts win (a bundle cannot relax the checks of the model it names).
    fn isi(
        &mut self,
        butir: usize,
        per_skala: usize,
        kata: Option<usize>,
        beda: &mut dyn FnMut(&str, &str),
    ) {
        let mut set = |slot: &mut Option<usize>, v: usize, key: &str| {
            if let Some(old) = *slot
                && old != v
            {
                beda(key, &old.to_string());
            }
            *slot = Some(v);
        };
        set(&mut self.butir, butir, "struktur.butir");
        if per_skala > 0 {
            set(&mut self.per_skala, per_skala, "struktur.per_skala");
        }
        if let Some(k) = kata {
            set(&mut self.kata, k, "struktur.kata");
        }
    }
}

/// A time limit in seconds: minutes as a plain number (`20`, `7.5`), `20m`, `20 menit`,
/// `1h30m`, `1j30m`, `1 jam 30 menit`, `90s`, `90 detik`, or `hh:mm:ss` / `mm:ss`. Zero and
/// negative limits are refused.
pub fn detik(s: &str) -> Option<u32> {
    let s = s.trim().to_lowercase();
    if s.is_empty() {
        return None;
    }
    if s.contains(':') {
        let parts: Vec<u32> = s
            .split(':')
            .map(|p| p.trim().parse().ok())
            .collect::<Option<_>>()?;
        let n = match parts[..] {
            [m, sec] if sec < 60 => m * 60 + sec,
            [h, m, sec] if m < 60 && sec < 60 => h * 3600 + m * 60 + sec,
            _ => return None,
        };
        return (n > 0).then_some(n);
    }
    if let Ok(m) = s.replace(',', ".").parse::<f64>() {
        let n = (m * 60.0).round();
        return (m.is_finite() && (1.0..1e7).contains(&n)).then_some(n as u32);
    }
    let mut total = 0u32;
    let mut angka = String::new();
    let mut rest = s.as_str();
    let mut any = false;
    while !rest.is_empty() {
        let c = rest.chars().next()?;
        if c.is_ascii_digit() {
            angka.push(c);
            rest = &rest[1..];
            continue;
        }
        if c == ' ' {
            rest = &rest[1..];
            continue;
        }
        let units: [(&str, u32); 9] = [
            ("jam", 3600),
            ("menit", 60),
            ("detik", 1),
            ("min", 60),
            ("sec", 1),
            ("h", 3600),
            ("j", 3600),
            ("m", 60),
            ("s", 1),
        ];
        let (u, mul) = units.iter().find(|(u, _)| rest.starts_with(u))?;
        let n: u32 = angka.parse().ok()?;
        total = total.checked_add(n.checked_mul(*mul)?)?;
        angka.clear();
        any = true;
        rest = &rest[u.len()..];
    }
    (any && angka.is_empty() && total > 0).then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_limits() {
        assert_eq!(detik("20"), Some(1200));
        assert_eq!(detik("7,5"), Some(450));
        assert_eq!(detik("20m"), Some(1200));
        assert_eq!(detik("20 menit"), Some(1200));
        assert_eq!(detik("1h30m"), Some(5400));
        assert_eq!(detik("1j30m"), Some(5400));
        assert_eq!(detik("1 jam 30 menit"), Some(5400));
        assert_eq!(detik("90s"), Some(90));
        assert_eq!(detik("00:20:00"), Some(1200));
        assert_eq!(detik("12:30"), Some(750));
        for bad in [
            "",
            "0",
            "-5",
            "abc",
            "20x",
            "1:75",
            "m",
            "20 minutes please",
        ] {
            assert_eq!(detik(bad), None, "{bad}");
        }
    }
}
