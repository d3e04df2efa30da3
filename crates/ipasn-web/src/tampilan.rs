//! What every page shares: the layout's facts ([`Nav`]), rendering a template, the JSON a chart
//! reads, number formatting (`T::angka`: Indonesian or English, also used by the templates), and
//! choosing the year to show.

use crate::App;
use crate::auth::Pengguna;
use crate::galat::Galat;
use crate::teks::T;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use ipasn_core::hasil::Dimensi;
use ipasn_core::number::Decimal;
use ipasn_core::rules::RuleSet;
use ipasn_store::akun::Peran;
use ipasn_store::baca;

/// What the layout needs: who is logged in and which links they get.
pub struct Nav {
    /// Words.
    pub t: T,
    /// Username.
    pub username: String,
    /// Role name.
    pub peran: &'static str,
    /// CSRF token for the forms.
    pub csrf: String,
    /// Dashboard links.
    pub dasbor: bool,
    /// Import link.
    pub impor: bool,
    /// Admin links.
    pub admin: bool,
    /// Assessment events link.
    pub acara: bool,
    /// Psychometric instruments link.
    pub instrumen: bool,
    /// The pegawai's own test results link.
    pub tes_saya: bool,
    /// Online test sessions link.
    pub ujian: bool,
    /// Development programmes link.
    pub program: bool,
    /// The instansi's time zone (a setting).
    pub zona: Zona,
}

impl Nav {
    /// The layout's facts for this user.
    pub fn of(u: &Pengguna) -> Nav {
        Nav {
            t: u.t(),
            username: u.akun.username.clone(),
            peran: u.akun.peran.as_str(),
            csrf: u.csrf.clone(),
            dasbor: u.lihat_dasbor(),
            impor: u.boleh_impor(),
            admin: u.admin(),
            acara: matches!(u.akun.peran, Peran::Admin | Peran::Asesor),
            instrumen: u.lihat_instrumen(),
            tes_saya: u.akun.peran == Peran::Pegawai,
            ujian: u.atur_ujian(),
            program: matches!(u.akun.peran, Peran::Admin | Peran::Analis),
            zona: u.zona,
        }
    }
}

/// JSON for a `<script type="application/json">` element (`<` escaped so no tag can close it).
pub fn script_json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v)
        .unwrap_or_else(|_| "null".into())
        .replace('<', "\\u003c")
}

/// Renders a page (200).
pub fn render<T: Template>(t: &T) -> Result<Response, Galat> {
    t.render()
        .map(|h| Html(h).into_response())
        .map_err(|e| Galat::Server(e.to_string(), false))
}

/// Renders a page with a status.
pub fn render_status<P: Template>(status: StatusCode, p: &P) -> Result<Response, Galat> {
    let html = p
        .render()
        .map_err(|e| Galat::Server(e.to_string(), false))?;
    Ok((status, Html(html)).into_response())
}

/// A page with only a message (e.g. no data imported yet).
#[derive(Template)]
#[template(path = "kosong.html")]
pub struct KosongPage {
    /// Layout.
    pub nav: Nav,
    /// The message.
    pub pesan: String,
}

pub(crate) fn num(d: Option<Decimal>) -> Option<f64> {
    d.map(|d| d.to_string().parse().unwrap_or(0.0))
}

pub(crate) fn half(h: i64) -> f64 {
    h as f64 / 2.0
}

impl Nav {
    /// A stored time (ISO-8601 UTC) as the reader writes it, in the instansi's time zone:
    /// `30 Nov 2026 11.06 WIB` in Indonesian, `30 Nov 2026 11:06 WIB` in English. Text that is
    /// not a stored time is shown as it is.
    pub fn waktu(&self, iso: &str) -> String {
        waktu(iso, self.t.0, self.zona)
    }

    /// A date (`YYYY-MM-DD`) as the reader writes it: `31 Des 2024`, `31 Dec 2024`. Other text is
    /// shown as it is.
    pub fn tanggal(&self, iso: &str) -> String {
        tanggal(iso, self.t.0)
    }
}

/// See [`Nav::tanggal`].
pub fn tanggal(iso: &str, lang: ipasn_core::teks::Lang) -> String {
    match ipasn_core::Tanggal::parse_iso(iso) {
        Some(d) => format!(
            "{} {} {}",
            d.day(),
            bulan(lang, d.month() as usize),
            d.year()
        ),
        None => iso.to_string(),
    }
}

/// The short name of month `m` (1–12).
fn bulan(lang: ipasn_core::teks::Lang, m: usize) -> &'static str {
    const BULAN_ID: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
    ];
    const BULAN_EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    match lang {
        ipasn_core::teks::Lang::Id => BULAN_ID[(m + 11) % 12],
        ipasn_core::teks::Lang::En => BULAN_EN[(m + 11) % 12],
    }
}

/// The three time zones of Indonesia; which one the instansi's times are shown in is the
/// setting `zona_waktu` (default WIB).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Zona {
    /// Waktu Indonesia Barat, UTC+7.
    #[default]
    Wib,
    /// Waktu Indonesia Tengah, UTC+8.
    Wita,
    /// Waktu Indonesia Timur, UTC+9.
    Wit,
}

impl Zona {
    /// Every zone, west to east.
    pub const SEMUA: [Zona; 3] = [Zona::Wib, Zona::Wita, Zona::Wit];

    /// The zone of a setting's text (`WIB`, `WITA`, `WIT`, any case).
    pub fn parse(s: &str) -> Option<Zona> {
        Zona::SEMUA
            .into_iter()
            .find(|z| z.kode().eq_ignore_ascii_case(s.trim()))
    }

    /// Its abbreviation.
    pub fn kode(self) -> &'static str {
        match self {
            Zona::Wib => "WIB",
            Zona::Wita => "WITA",
            Zona::Wit => "WIT",
        }
    }

    /// Hours ahead of UTC.
    pub fn selisih_jam(self) -> i8 {
        match self {
            Zona::Wib => 7,
            Zona::Wita => 8,
            Zona::Wit => 9,
        }
    }
}

/// See [`Nav::waktu`].
pub fn waktu(iso: &str, lang: ipasn_core::teks::Lang, zona: Zona) -> String {
    use time::format_description::well_known::Rfc3339;
    let Ok(t) = time::OffsetDateTime::parse(iso, &Rfc3339) else {
        return iso.to_string();
    };
    let Ok(offset) = time::UtcOffset::from_hms(zona.selisih_jam(), 0, 0) else {
        return iso.to_string();
    };
    let t = t.to_offset(offset);
    let pemisah = match lang {
        ipasn_core::teks::Lang::Id => '.',
        ipasn_core::teks::Lang::En => ':',
    };
    format!(
        "{} {} {} {:02}{pemisah}{:02} {}",
        t.day(),
        bulan(lang, t.month() as usize),
        t.year(),
        t.hour(),
        t.minute(),
        zona.kode()
    )
}

/// A category band of the rule set, for charts and legends (a person's history, the map): from
/// `dari` (inclusive or not, as the rule says) up to the next band.
#[derive(Clone, Debug, serde::Serialize)]
pub struct PitaKategori {
    /// Category name, as the rule set names it.
    pub nama: String,
    /// The name in the user's language.
    pub label: String,
    /// Lower bound (0 for the lowest band).
    pub dari: f64,
}

impl PitaKategori {
    /// The category bands of a rule set, named in `t`'s language.
    pub fn dari_aturan(rules: &RuleSet, t: T) -> Vec<PitaKategori> {
        rules
            .kategori
            .iter()
            .map(|b| PitaKategori {
                label: t.nama(&b.nama).to_string(),
                nama: b.nama.clone(),
                dari: num(b.minimal.or(b.lebih_dari)).unwrap_or(0.0),
            })
            .collect()
    }
}

/// A number a template can format, by value or by reference.
pub trait Angka {
    /// The value.
    fn nilai(&self) -> f64;
}

macro_rules! angka_dari {
    ($($t:ty),*) => {$(
        impl Angka for $t {
            fn nilai(&self) -> f64 {
                *self as f64
            }
        }
    )*};
}
angka_dari!(f64, i64, i32, u32, u64, usize);

impl<T: Angka + ?Sized> Angka for &T {
    fn nilai(&self) -> f64 {
        (**self).nilai()
    }
}

impl T {
    /// A number as its reader writes it, at most two decimals and no trailing zeros:
    /// `67,98`, `2.500`, `-1,5` in Indonesian; `67.98`, `2,500`, `-1.5` in English.
    pub fn angka(&self, v: impl Angka) -> String {
        let (ribuan, desimal) = match self.0 {
            ipasn_core::teks::Lang::Id => ('.', ','),
            ipasn_core::teks::Lang::En => (',', '.'),
        };
        let teks = trim(v);
        let (tanda, teks) = match teks.strip_prefix('-') {
            Some(t) => ("-", t),
            None => ("", teks.as_str()),
        };
        let (bulat, pecahan) = teks.split_once('.').unwrap_or((teks, ""));
        let mut out = String::with_capacity(teks.len() + 4);
        out.push_str(tanda);
        for (i, c) in bulat.chars().enumerate() {
            if i > 0 && (bulat.len() - i) % 3 == 0 {
                out.push(ribuan);
            }
            out.push(c);
        }
        if !pecahan.is_empty() {
            out.push(desimal);
            out.push_str(pecahan);
        }
        out
    }

    /// A change: `+7,5`, `−2`, `0` (a minus sign, not a hyphen).
    pub fn bertanda(&self, v: impl Angka) -> String {
        let v = v.nilai();
        if v > 0.0 {
            format!("+{}", self.angka(v))
        } else if v < 0.0 {
            format!("−{}", self.angka(-v))
        } else {
            self.angka(0.0)
        }
    }

    /// A number, or a dash when there is none.
    pub fn angka_ada(&self, v: &Option<f64>) -> String {
        match v {
            Some(v) => self.angka(*v),
            None => "–".into(),
        }
    }
}

/// Formats a number without trailing zeros (`71.38`, `40`, `22.5`), as machines read it (form
/// values, CSV); pages show [`T::angka`].
pub fn trim(v: impl Angka) -> String {
    let s = format!("{:.2}", v.nilai());
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// The year to show: the requested one if computed, else the latest.
pub(crate) async fn pilih_tahun(
    app: &App,
    diminta: Option<i64>,
) -> Result<(Option<i64>, Vec<i64>), Galat> {
    let (t, list) = pilih_tahun_info(app, diminta).await?;
    Ok((t.map(|t| t.tahun), list))
}

/// Like [`pilih_tahun`], with the chosen year's rule set and cut-off date.
pub(crate) async fn pilih_tahun_info(
    app: &App,
    diminta: Option<i64>,
) -> Result<(Option<baca::Tahun>, Vec<i64>), Galat> {
    let all = baca::tahun(&app.db).await?;
    let list: Vec<i64> = all.iter().map(|t| t.tahun).collect();
    let t = match diminta {
        Some(t) if list.contains(&t) => all.into_iter().find(|x| x.tahun == t),
        _ => all.into_iter().last(),
    };
    Ok((t, list))
}

pub(crate) fn dimensi_maks(rules: &RuleSet, d: Dimensi) -> f64 {
    let p = match d {
        Dimensi::Kualifikasi => rules.kualifikasi.maks,
        Dimensi::Kompetensi => rules.kompetensi.maks,
        Dimensi::Kinerja => rules.kinerja.maks,
        Dimensi::Disiplin => rules.disiplin.maks,
    };
    half(p.halves() as i64)
}

/// `?tahun=` of a request.
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct TahunQ {
    /// Year.
    pub tahun: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use ipasn_core::teks::Lang;
    use proptest::prelude::*;

    #[test]
    fn times_in_the_instansi_zone_as_each_language_writes_them() {
        let t = "2026-11-29T21:06:07.123456Z";
        assert_eq!(waktu(t, Lang::Id, Zona::Wib), "30 Nov 2026 04.06 WIB");
        assert_eq!(waktu(t, Lang::Id, Zona::Wita), "30 Nov 2026 05.06 WITA");
        assert_eq!(waktu(t, Lang::En, Zona::Wit), "30 Nov 2026 06:06 WIT");
        assert_eq!(
            waktu("2026-08-01T00:00:00Z", Lang::Id, Zona::Wib),
            "1 Agu 2026 07.00 WIB"
        );
        assert_eq!(waktu("kemarin", Lang::Id, Zona::Wib), "kemarin");
        assert_eq!(tanggal("2024-12-31", Lang::Id), "31 Des 2024");
        assert_eq!(tanggal("2024-05-01", Lang::En), "1 May 2024");
        assert_eq!(tanggal("31-12-2024", Lang::Id), "31-12-2024");
        assert_eq!(Zona::parse(" wita "), Some(Zona::Wita));
        assert_eq!(Zona::parse("UTC"), None);
    }

    #[test]
    fn numbers_as_each_language_writes_them() {
        let (id, en) = (T(Lang::Id), T(Lang::En));
        assert_eq!(id.angka(67.98), "67,98");
        assert_eq!(id.angka(2500_i64), "2.500");
        assert_eq!(id.angka(1234567.5), "1.234.567,5");
        assert_eq!(id.angka(-1.5), "-1,5");
        assert_eq!(id.angka(80.0), "80");
        assert_eq!(id.angka(999_usize), "999");
        assert_eq!(en.angka(67.98), "67.98");
        assert_eq!(en.angka(2500_i64), "2,500");
        assert_eq!(en.angka(-1234.25), "-1,234.25");
        assert_eq!(id.angka_ada(&None), "–");
    }

    proptest! {
        /// Reading the text back (drop the thousands separator, the decimal one becomes a dot)
        /// gives the number rounded to two decimals, in both languages.
        #[test]
        fn read_back_is_the_rounded_number(v in -1e9f64..1e9) {
            for (t, ribuan, desimal) in [(T(Lang::Id), ".", ","), (T(Lang::En), ",", ".")] {
                let s = t.angka(v);
                let back: f64 = s.replace(ribuan, "").replace(desimal, ".").parse().unwrap();
                prop_assert!((back - (v * 100.0).round() / 100.0).abs() < 1e-6, "{v} → {s}");
            }
        }
    }
}
