//! English names of the words that come from rule-set data: the IP ASN categories
//! (`crates/ipasn-core/rules/*.toml`), the JPM and potential bands, the performance axis, the
//! nine-box actions and the competency names (`crates/ipasn-asesmen/data/asesmen.toml`). The
//! data keeps the regulation's Indonesian words (results, filters and downloads use them as
//! keys); a page in English shows these names instead. A name an instansi put in its own rule
//! file and that is not here shows as it is. Keys are `nama:` and the Indonesian word.

/// (key, Indonesian, English).
pub const KATA: &[(&str, &str, &str)] = &[
    // IP ASN categories.
    ("nama:Sangat Tinggi", "Sangat Tinggi", "Very high"),
    ("nama:Tinggi", "Tinggi", "High"),
    ("nama:Sedang", "Sedang", "Moderate"),
    ("nama:Rendah", "Rendah", "Low"),
    ("nama:Sangat Rendah", "Sangat Rendah", "Very low"),
    // JPM bands: mapping and selection.
    ("nama:Optimal", "Optimal", "Optimal"),
    ("nama:Cukup Optimal", "Cukup Optimal", "Fairly optimal"),
    ("nama:Kurang Optimal", "Kurang Optimal", "Less than optimal"),
    ("nama:Memenuhi Syarat", "Memenuhi Syarat", "Qualified"),
    (
        "nama:Masih Memenuhi Syarat",
        "Masih Memenuhi Syarat",
        "Still qualified",
    ),
    (
        "nama:Kurang Memenuhi Syarat",
        "Kurang Memenuhi Syarat",
        "Not fully qualified",
    ),
    // Potential bands and the performance axis.
    ("nama:tinggi", "tinggi", "high"),
    ("nama:menengah", "menengah", "medium"),
    ("nama:rendah", "rendah", "low"),
    ("nama:di atas", "di atas", "above"),
    ("nama:sesuai", "sesuai", "meets"),
    ("nama:di bawah", "di bawah", "below"),
    // Nine-box actions (PermenPANRB 3/2020).
    (
        "nama:bimbingan kinerja",
        "bimbingan kinerja",
        "performance coaching",
    ),
    ("nama:dipertahankan", "dipertahankan", "retain"),
    (
        "nama:dipromosikan dan dipertahankan",
        "dipromosikan dan dipertahankan",
        "promote and retain",
    ),
    (
        "nama:diproses sesuai ketentuan peraturan perundang-undangan",
        "diproses sesuai ketentuan peraturan perundang-undangan",
        "handle as the laws and regulations provide",
    ),
    (
        "nama:kelompok rencana suksesi instansi",
        "kelompok rencana suksesi instansi",
        "the instansi's succession pool",
    ),
    (
        "nama:kelompok rencana suksesi instansi/nasional",
        "kelompok rencana suksesi instansi/nasional",
        "the instansi's or the national succession pool",
    ),
    (
        "nama:konseling kinerja",
        "konseling kinerja",
        "performance counselling",
    ),
    (
        "nama:penempatan yang sesuai",
        "penempatan yang sesuai",
        "a suitable placement",
    ),
    (
        "nama:pengembangan kompetensi",
        "pengembangan kompetensi",
        "competency development",
    ),
    ("nama:penghargaan", "penghargaan", "recognition"),
    ("nama:rotasi", "rotasi", "rotation"),
    (
        "nama:rotasi/pengayaan jabatan",
        "rotasi/pengayaan jabatan",
        "rotation or job enrichment",
    ),
    (
        "nama:rotasi/perluasan jabatan",
        "rotasi/perluasan jabatan",
        "rotation or job enlargement",
    ),
    ("nama:tugas belajar", "tugas belajar", "study assignment"),
    // Competencies of PermenPANRB 38/2017.
    ("nama:Integritas", "Integritas", "Integrity"),
    ("nama:Kerjasama", "Kerjasama", "Teamwork"),
    ("nama:Komunikasi", "Komunikasi", "Communication"),
    (
        "nama:Orientasi pada Hasil",
        "Orientasi pada Hasil",
        "Results orientation",
    ),
    (
        "nama:Pelayanan Publik",
        "Pelayanan Publik",
        "Public service",
    ),
    (
        "nama:Pengembangan Diri dan Orang Lain",
        "Pengembangan Diri dan Orang Lain",
        "Developing oneself and others",
    ),
    (
        "nama:Mengelola Perubahan",
        "Mengelola Perubahan",
        "Managing change",
    ),
    (
        "nama:Pengambilan Keputusan",
        "Pengambilan Keputusan",
        "Decision making",
    ),
    ("nama:Perekat Bangsa", "Perekat Bangsa", "National cohesion"),
];

/// The English name of an Indonesian data word, if the catalogue has it.
pub fn inggris(word: &str) -> Option<&'static str> {
    KATA.iter().find(|k| k.1 == word).map(|k| k.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every name the shipped rule sets and assessment rules show has an English name.
    #[test]
    fn every_shipped_name_has_an_english_one() {
        let mut names: Vec<String> = vec![];
        for (_, text) in ipasn_core::rules::BUILTIN {
            let r = ipasn_core::rules::RuleSet::from_toml(text).unwrap();
            names.extend(r.kategori.iter().map(|k| k.nama.clone()));
        }
        let a = ipasn_asesmen::Aturan::bawaan();
        names.extend(a.kompetensi.values().cloned());
        names.extend(a.jpm.pita.values().flatten().map(|p| p.nama.clone()));
        names.extend(a.potensi.pita.iter().map(|p| p.nama.clone()));
        names.extend(a.kinerja.values().cloned());
        names.extend(a.sembilan_kotak.tindakan.values().flatten().cloned());
        let missing: Vec<_> = names.iter().filter(|n| inggris(n).is_none()).collect();
        assert!(missing.is_empty(), "no English name: {missing:?}");
        for (k, id, _) in KATA {
            assert_eq!(*k, format!("nama:{id}"));
        }
    }
}
