//! The worked examples of `shared/spec/ipasn.md` §9, every option of the rule file, the window
//! edges, and property tests. Expected values are the spec's, written by hand.

use ipasn_core::agregat::{self, Agregat};
use ipasn_core::hasil::{Dimensi, Flags, HasilPegawai, Kekurangan};
use ipasn_core::model::*;
use ipasn_core::rules::{BUILTIN, RuleSet};
use ipasn_core::skor::Penilai;
use ipasn_core::teks::{self, Lang};
use ipasn_core::{Decimal, Points, Tanggal};
use proptest::prelude::*;

const TAHUN: i32 = 2024;

fn d(s: &str) -> Tanggal {
    Tanggal::parse_iso(s).unwrap()
}

/// A person and their riwayat, built in a few words.
#[derive(Clone, Debug)]
struct Orang {
    p: Pegawai,
    pendidikan: Vec<Pendidikan>,
    diklat: Vec<Diklat>,
    skp: Vec<Skp>,
    hukdis: Vec<Hukdis>,
}

impl Orang {
    fn new(jenjang: Jenjang) -> Orang {
        let jenis = *JenisJabatan::ALL
            .iter()
            .find(|j| jenjang.fits(**j))
            .unwrap();
        Orang {
            p: Pegawai {
                nip: Nip(198501012010011001),
                nama: "Contoh".into(),
                jenis_kelamin: Some(JenisKelamin::L),
                tanggal_lahir: None,
                status: StatusKepegawaian::Pns,
                jenis_jabatan: jenis,
                jenjang,
                nama_jabatan: "Jabatan".into(),
                unor: 0,
                golongan: "".into(),
            },
            pendidikan: vec![],
            diklat: vec![],
            skp: vec![],
            hukdis: vec![],
        }
    }
    fn row(n: usize, sheet: Sheet) -> RecordRef {
        RecordRef {
            sheet,
            row: n as u32 + 2,
        }
    }
    fn pendidikan(mut self, t: TingkatPendidikan, tahun: i32) -> Self {
        let src = Self::row(self.pendidikan.len(), Sheet::Pendidikan);
        self.pendidikan.push(Pendidikan {
            tingkat: t,
            tahun_lulus: Some(tahun),
            tanggal_lulus: None,
            diakui: true,
            src,
        });
        self
    }
    fn diklat(mut self, jenis: JenisDiklat, selesai: &str, jam: i64) -> Self {
        let src = Self::row(self.diklat.len(), Sheet::Diklat);
        self.diklat.push(Diklat {
            jenis,
            mulai: None,
            selesai: Some(d(selesai)),
            jam: Decimal::from_int(jam),
            src,
        });
        self
    }
    fn skp_nilai(mut self, tahun: i32, nilai: &str) -> Self {
        let src = Self::row(self.skp.len(), Sheet::Skp);
        self.skp.push(Skp {
            tahun,
            nilai: Decimal::parse(nilai),
            predikat: None,
            src,
        });
        self
    }
    fn skp_predikat(mut self, tahun: i32, p: Predikat) -> Self {
        let src = Self::row(self.skp.len(), Sheet::Skp);
        self.skp.push(Skp {
            tahun,
            nilai: None,
            predikat: Some(p),
            src,
        });
        self
    }
    fn hukdis(mut self, t: TingkatHukdis, tmt: &str, akhir: Option<&str>) -> Self {
        let src = Self::row(self.hukdis.len(), Sheet::Hukdis);
        self.hukdis.push(Hukdis {
            tingkat: t,
            tmt: Some(d(tmt)),
            akhir: akhir.map(d),
            dibatalkan: false,
            src,
        });
        self
    }
    fn riwayat(&self) -> Riwayat<'_> {
        Riwayat {
            pendidikan: &self.pendidikan,
            diklat: &self.diklat,
            skp: &self.skp,
            hukdis: &self.hukdis,
        }
    }
    fn nilai_with(&self, rules: &RuleSet) -> HasilPegawai {
        Penilai::new(rules, TAHUN).nilai(&self.p, self.riwayat())
    }
    fn nilai(&self) -> HasilPegawai {
        self.nilai_with(&RuleSet::default_rules())
    }
}

fn pts(x: f64) -> Points {
    Points::from_f64(x).unwrap()
}

fn check(h: &HasilPegawai, k: f64, komp: f64, kin: f64, dis: f64, ip: f64, kategori: &str) {
    let rules = RuleSet::default_rules();
    let got = [
        h.poin(Dimensi::Kualifikasi),
        h.poin(Dimensi::Kompetensi),
        h.poin(Dimensi::Kinerja),
        h.poin(Dimensi::Disiplin),
    ];
    assert_eq!(
        got,
        [pts(k), pts(komp), pts(kin), pts(dis)],
        "dimension points"
    );
    assert_eq!(h.ip, pts(ip), "IP");
    assert_eq!(rules.kategori[h.kategori].nama, kategori, "category");
}

use JenisDiklat as J;
use TingkatPendidikan as P;

fn contoh_a() -> Orang {
    Orang::new(Jenjang::AhliMuda)
        .pendidikan(P::S2, 2015)
        .diklat(J::Fungsional, "2019-05-10", 80)
        .diklat(J::Teknis, "2024-03-01", 24)
        .diklat(J::Seminar, "2023-08-15", 4)
        .skp_nilai(2024, "88")
}
fn contoh_b() -> Orang {
    Orang::new(Jenjang::Administrator)
        .pendidikan(P::S1, 2005)
        .diklat(J::Pim3, "2016-10-01", 300)
        .diklat(J::Teknis, "2024-06-01", 12)
        .diklat(J::Workshop, "2024-02-01", 8)
        .skp_nilai(2024, "80")
        .hukdis(TingkatHukdis::Sedang, "2022-04-01", None)
}
fn contoh_c() -> Orang {
    Orang::new(Jenjang::Pelaksana)
        .pendidikan(P::D3, 2008)
        .diklat(J::Teknis, "2024-09-20", 20)
        .diklat(J::Seminar, "2024-01-10", 3)
        .skp_nilai(2024, "93")
}
fn contoh_d() -> Orang {
    Orang::new(Jenjang::Pelaksana)
        .pendidikan(P::Slta, 1998)
        .diklat(J::Teknis, "2024-02-01", 18)
        .diklat(J::Teknis, "2024-11-01", 12)
        .skp_predikat(2024, Predikat::ButuhPerbaikan)
        .hukdis(TingkatHukdis::Berat, "2023-01-15", None)
}

#[test]
fn contoh_a_jf_ahli_muda() {
    check(&contoh_a().nilai(), 20.0, 40.0, 25.0, 5.0, 90.0, "Tinggi");
}

#[test]
fn contoh_b_administrator() {
    let h = contoh_b().nilai();
    check(&h, 15.0, 25.0, 25.0, 2.0, 67.0, "Rendah");
    // "diklat teknis: 12 JP in window, 8 JP more gives +15".
    let komp = &h.dimensi[Dimensi::Kompetensi as usize];
    assert!(komp.kurang.contains(&Kekurangan::Teknis {
        jam: Decimal::from_int(12),
        kurang: Decimal::from_int(8),
        tunggal: false,
        bulan: 12,
        tambah: pts(15.0),
    }));
    let en = teks::kekurangan(&komp.kurang[0], Lang::En);
    assert_eq!(
        en,
        "technical training: 12 JP in the last 12 months; 8 JP more gives +15"
    );
    let id = teks::kekurangan(&komp.kurang[0], Lang::Id);
    assert_eq!(
        id,
        "diklat teknis: 12 JP dalam 12 bulan terakhir; 8 JP lagi memberi +15"
    );
    // The punishment leaves the 5-year window on 2027-04-01.
    let dis = &h.dimensi[Dimensi::Disiplin as usize];
    assert_eq!(
        dis.kurang,
        vec![Kekurangan::Disiplin {
            sejak: Some(d("2027-04-01")),
            tambah: pts(3.0)
        }]
    );
    assert_eq!(
        dis.dipakai,
        vec![RecordRef {
            sheet: Sheet::Hukdis,
            row: 2
        }]
    );
}

#[test]
fn contoh_c_pelaksana() {
    check(&contoh_c().nilai(), 10.0, 40.0, 30.0, 5.0, 85.0, "Tinggi");
}

#[test]
fn contoh_d_pelaksana_rendah() {
    let h = contoh_d().nilai();
    check(&h, 5.0, 22.5, 15.0, 1.0, 43.5, "Sangat Rendah");
    // Both technical trainings are the records used for the hours.
    let komp = &h.dimensi[Dimensi::Kompetensi as usize];
    assert_eq!(komp.dipakai.len(), 2);
    assert!(komp.kurang.contains(&Kekurangan::Seminar {
        bulan: 24,
        tambah: pts(17.5)
    }));
}

#[test]
fn contoh_e_jpt_pratama_tanpa_skp() {
    let h = Orang::new(Jenjang::JptPratama)
        .pendidikan(P::S2, 2000)
        .diklat(J::Pim2, "2015-01-01", 400)
        .diklat(J::Teknis, "2024-05-05", 20)
        .diklat(J::Seminar, "2024-05-06", 2)
        .skp_nilai(2023, "95")
        .nilai();
    check(&h, 20.0, 40.0, 0.0, 5.0, 65.0, "Rendah");
    assert!(h.flags.has(Flags::KINERJA_KOSONG));
    assert_eq!(h.flags.to_string(), "kinerja_kosong");
}

#[test]
fn contoh_f_pelaksana_tanpa_teknis() {
    let h = Orang::new(Jenjang::Pelaksana)
        .pendidikan(P::S2, 2019)
        .diklat(J::Seminar, "2023-06-01", 2)
        .skp_predikat(2024, Predikat::SangatBaik)
        .hukdis(TingkatHukdis::Ringan, "2024-02-01", None)
        .nilai();
    check(&h, 20.0, 17.5, 30.0, 3.0, 70.5, "Sedang");
}

#[test]
fn contoh_g_jf_sempurna() {
    let h = Orang::new(Jenjang::AhliPertama)
        .pendidikan(P::S3, 2020)
        .diklat(J::Fungsional, "2021-01-01", 60)
        .diklat(J::Teknis, "2024-04-01", 40)
        .diklat(J::Kursus, "2024-04-02", 10)
        .skp_predikat(2024, Predikat::SangatBaik)
        .nilai();
    check(&h, 25.0, 40.0, 30.0, 5.0, 100.0, "Sangat Tinggi");
    assert!(
        h.dimensi.iter().all(|d| d.kurang.is_empty()),
        "nothing is missing at 100"
    );
}

#[test]
fn contoh_h_pelaksana_sd() {
    let h = Orang::new(Jenjang::Pelaksana)
        .pendidikan(P::Sd, 1990)
        .skp_nilai(2024, "45")
        .hukdis(TingkatHukdis::Berat, "2021-07-01", None)
        .nilai();
    check(&h, 1.0, 0.0, 1.0, 1.0, 3.0, "Sangat Rendah");
}

#[test]
fn unit_of_a_to_d() {
    let rules = RuleSet::default_rules();
    let people = [contoh_a(), contoh_b(), contoh_c(), contoh_d()];
    let mut a = Agregat::default();
    for o in &people {
        a.add(Some(&o.nilai().skor()), &rules);
    }
    assert_eq!(a.exact_ip(), (pts(285.5), 4));
    assert_eq!(a.ip().unwrap().to_string(), "71.38");
    assert_eq!(rules.kategori[a.kategori(&rules).unwrap()].nama, "Sedang");
    let means: Vec<String> = Dimensi::ALL
        .iter()
        .map(|d| a.rerata(*d).unwrap().to_string())
        .collect();
    // Spec: 12.5, 31.875, 23.75, 3.25; presented to two decimals (31.875 → 31.88).
    assert_eq!(means, ["12.5", "31.88", "23.75", "3.25"]);
    assert_eq!(
        a.jumlah,
        [100, 255, 190, 26],
        "exact half-point sums: 12.5, 31.875, 23.75, 3.25 × 4 × 2"
    );
}

// ---- options of the rule file -------------------------------------------------------------

fn varian() -> RuleSet {
    RuleSet::builtin("perban-8-2019-varian").unwrap()
}

fn default_with(from: &str, to: &str) -> RuleSet {
    let text = BUILTIN[0].1.replacen(from, to, 1);
    assert_ne!(text, BUILTIN[0].1);
    RuleSet::from_toml(&text).unwrap()
}

#[test]
fn opsi_kinerja_pita_bawah() {
    let p = |nilai: &str| Orang::new(Jenjang::Pelaksana).skp_nilai(2024, nilai);
    let kin = |o: &Orang, r: &RuleSet| o.nilai_with(r).poin(Dimensi::Kinerja);
    assert_eq!(kin(&p("55"), &RuleSet::default_rules()), pts(5.0));
    assert_eq!(kin(&p("55"), &varian()), pts(10.0));
    assert_eq!(kin(&p("50"), &RuleSet::default_rules()), pts(1.0));
    assert_eq!(kin(&p("50"), &varian()), pts(5.0));
    let k = Orang::new(Jenjang::Pelaksana).skp_predikat(2024, Predikat::Kurang);
    assert_eq!(kin(&k, &varian()), pts(10.0));
}

#[test]
fn kinerja_band_edges() {
    let kin = |v: &str| {
        Orang::new(Jenjang::Pelaksana)
            .skp_nilai(2024, v)
            .nilai()
            .poin(Dimensi::Kinerja)
    };
    assert_eq!(kin("90"), pts(25.0));
    assert_eq!(kin("90,01"), pts(30.0));
    assert_eq!(kin("75"), pts(15.0));
    assert_eq!(kin("75.5"), pts(25.0));
    assert_eq!(kin("60"), pts(5.0));
    assert_eq!(kin("60.000001"), pts(15.0));
    assert_eq!(kin("0"), pts(1.0));
}

#[test]
fn opsi_teknis_tunggal() {
    let two = Orang::new(Jenjang::Pelaksana)
        .diklat(J::Teknis, "2024-03-01", 12)
        .diklat(J::Teknis, "2024-04-01", 12);
    assert_eq!(two.nilai().poin(Dimensi::Kompetensi), pts(22.5));
    let h = two.nilai_with(&varian());
    assert_eq!(h.poin(Dimensi::Kompetensi), pts(0.0));
    let k = &h.dimensi[Dimensi::Kompetensi as usize].kurang[0];
    assert!(
        teks::kekurangan(k, Lang::En).contains("one training of at least 20 JP"),
        "{k:?}"
    );
    let one = Orang::new(Jenjang::Pelaksana).diklat(J::Teknis, "2024-03-01", 20);
    assert_eq!(
        one.nilai_with(&varian()).poin(Dimensi::Kompetensi),
        pts(22.5)
    );
}

#[test]
fn opsi_pim_tepat_dan_minimal() {
    // An Administrator holding only PIM II (higher than the required PIM III).
    let o = Orang::new(Jenjang::Administrator).diklat(J::Pim2, "2010-01-01", 400);
    assert_eq!(o.nilai().poin(Dimensi::Kompetensi), pts(15.0));
    assert_eq!(o.nilai_with(&varian()).poin(Dimensi::Kompetensi), pts(0.0));
    // A lower level (PIM IV) never counts.
    let low = Orang::new(Jenjang::Administrator).diklat(J::Pim4, "2010-01-01", 200);
    assert_eq!(low.nilai().poin(Dimensi::Kompetensi), pts(0.0));
    // New names are the same level: PKA = PIM III is what the import maps to Pim3.
    assert_eq!(JenisDiklat::parse("PKA"), Some(J::Pim3));
}

#[test]
fn jf_gets_nothing_for_pim() {
    let o = Orang::new(Jenjang::AhliMadya).diklat(J::Pim2, "2010-01-01", 400);
    let h = o.nilai();
    assert_eq!(h.poin(Dimensi::Kompetensi), pts(0.0));
    assert_eq!(h.dimensi[Dimensi::Kompetensi as usize].maks, pts(40.0));
}

#[test]
fn opsi_disiplin_jendela() {
    let old = Orang::new(Jenjang::Pelaksana).hukdis(
        TingkatHukdis::Berat,
        "2021-03-01",
        Some("2022-03-01"),
    );
    assert_eq!(
        old.nilai().poin(Dimensi::Disiplin),
        pts(1.0),
        "5-year window counts it"
    );
    assert_eq!(
        old.nilai_with(&varian()).poin(Dimensi::Disiplin),
        pts(5.0),
        "period over before T"
    );
    let current = Orang::new(Jenjang::Pelaksana).hukdis(TingkatHukdis::Sedang, "2024-06-01", None);
    assert_eq!(
        current.nilai_with(&varian()).poin(Dimensi::Disiplin),
        pts(2.0),
        "default 12-month period covers T"
    );
    let ever = default_with("jendela = \"tahun\"", "jendela = \"selamanya\"");
    let ancient = Orang::new(Jenjang::Pelaksana).hukdis(TingkatHukdis::Ringan, "2001-01-01", None);
    assert_eq!(ancient.nilai().poin(Dimensi::Disiplin), pts(5.0));
    let h = ancient.nilai_with(&ever);
    assert_eq!(h.poin(Dimensi::Disiplin), pts(3.0));
    assert_eq!(
        h.dimensi[3].kurang,
        vec![Kekurangan::Disiplin {
            sejak: None,
            tambah: pts(2.0)
        }]
    );
}

#[test]
fn opsi_pendidikan_terakhir() {
    let o = Orang::new(Jenjang::Pelaksana)
        .pendidikan(P::S2, 2010)
        .pendidikan(P::S1, 2015);
    assert_eq!(o.nilai().poin(Dimensi::Kualifikasi), pts(20.0));
    assert_eq!(
        o.nilai_with(&varian()).poin(Dimensi::Kualifikasi),
        pts(15.0)
    );
}

#[test]
fn opsi_status_diukur() {
    let mut o = Orang::new(Jenjang::Pelaksana);
    o.p.status = StatusKepegawaian::Cpns;
    let rules = RuleSet::default_rules();
    assert!(!Penilai::new(&rules, TAHUN).diukur(&o.p));
    let v = varian();
    assert!(Penilai::new(&v, TAHUN).diukur(&o.p));
    o.p.status = StatusKepegawaian::Pppk;
    assert!(!Penilai::new(&v, TAHUN).diukur(&o.p));
}

#[test]
fn opsi_kinerja_kosong_dalam_rerata() {
    let with_skp = contoh_a().nilai(); // 90
    let without = Orang::new(Jenjang::Pelaksana)
        .pendidikan(P::S1, 2000)
        .nilai(); // no SKP
    assert!(without.flags.has(Flags::KINERJA_KOSONG));
    for (rules, n) in [(RuleSet::default_rules(), 2), (varian(), 1)] {
        let mut a = Agregat::default();
        a.add(Some(&with_skp.skor()), &rules);
        a.add(Some(&without.skor()), &rules);
        assert_eq!(a.diukur, 2);
        assert_eq!(a.dalam_rerata, n, "{}", rules.id);
    }
}

#[test]
fn opsi_tanggal_acuan() {
    let r = default_with("tanggal_acuan = \"12-31\"", "tanggal_acuan = \"06-30\"");
    assert_eq!(r.cutoff(2024), d("2024-06-30"));
    // A training ending in July is after T and ignored, with the flag.
    let o = Orang::new(Jenjang::Pelaksana).diklat(J::Teknis, "2024-07-15", 30);
    let h = o.nilai_with(&r);
    assert_eq!(h.poin(Dimensi::Kompetensi), pts(0.0));
    assert!(h.flags.has(Flags::DATA_SETELAH_T));
}

// ---- windows and edges ----------------------------------------------------------------------

#[test]
fn teknis_window_edges() {
    let at = |s: &str| {
        Orang::new(Jenjang::Pelaksana)
            .diklat(J::Teknis, s, 20)
            .nilai()
            .poin(Dimensi::Kompetensi)
    };
    assert_eq!(
        at("2023-12-31"),
        pts(0.0),
        "T − 12 months is outside (open below)"
    );
    assert_eq!(at("2024-01-01"), pts(22.5));
    assert_eq!(at("2024-12-31"), pts(22.5), "T itself is inside");
    let h = Orang::new(Jenjang::Pelaksana)
        .diklat(J::Teknis, "2025-01-01", 20)
        .nilai();
    assert_eq!(h.poin(Dimensi::Kompetensi), pts(0.0));
    assert!(h.flags.has(Flags::DATA_SETELAH_T));
}

#[test]
fn seminar_window_edges() {
    let at = |s: &str| {
        Orang::new(Jenjang::Pelaksana)
            .diklat(J::Magang, s, 1)
            .nilai()
            .poin(Dimensi::Kompetensi)
    };
    assert_eq!(at("2022-12-31"), pts(0.0));
    assert_eq!(at("2023-01-01"), pts(17.5));
}

#[test]
fn disiplin_window_edges_and_annulment() {
    let at = |s: &str| {
        Orang::new(Jenjang::Pelaksana)
            .hukdis(TingkatHukdis::Sedang, s, None)
            .nilai()
            .poin(Dimensi::Disiplin)
    };
    assert_eq!(at("2019-12-31"), pts(5.0));
    assert_eq!(at("2020-01-01"), pts(2.0));
    let mut o = Orang::new(Jenjang::Pelaksana).hukdis(TingkatHukdis::Berat, "2023-01-01", None);
    o.hukdis[0].dibatalkan = true;
    assert_eq!(
        o.nilai().poin(Dimensi::Disiplin),
        pts(5.0),
        "annulled punishments never count"
    );
    // The worst level wins.
    let o = Orang::new(Jenjang::Pelaksana)
        .hukdis(TingkatHukdis::Ringan, "2024-01-01", None)
        .hukdis(TingkatHukdis::Berat, "2020-06-01", None)
        .hukdis(TingkatHukdis::Sedang, "2022-01-01", None);
    assert_eq!(o.nilai().poin(Dimensi::Disiplin), pts(1.0));
}

#[test]
fn pendidikan_rules() {
    // Not recognised: ignored, but named as the cheapest fix.
    let mut o = Orang::new(Jenjang::Pelaksana)
        .pendidikan(P::Slta, 1995)
        .pendidikan(P::S2, 2012);
    o.pendidikan[1].diakui = false;
    let h = o.nilai();
    assert_eq!(h.poin(Dimensi::Kualifikasi), pts(5.0));
    let k = &h.dimensi[0].kurang;
    assert!(
        matches!(k[0], Kekurangan::PendidikanBelumDiakui { tingkat: P::S2, tambah, .. } if tambah == pts(15.0))
    );
    assert_eq!(
        teks::kekurangan(&k[1], Lang::En),
        "completing D-III gives +5"
    );
    // Graduated after T: ignored and flagged.
    let h = Orang::new(Jenjang::Pelaksana)
        .pendidikan(P::S1, 2000)
        .pendidikan(P::S2, 2025)
        .nilai();
    assert_eq!(h.poin(Dimensi::Kualifikasi), pts(15.0));
    assert!(h.flags.has(Flags::DATA_SETELAH_T));
    // Nothing at all.
    let h = Orang::new(Jenjang::Pelaksana).nilai();
    assert_eq!(h.poin(Dimensi::Kualifikasi), pts(0.0));
    assert!(h.flags.has(Flags::PENDIDIKAN_KOSONG));
    // Profesi, Sp-1 and Sp-2 follow KKNI.
    let k = |t| {
        Orang::new(Jenjang::AhliMuda)
            .pendidikan(t, 2000)
            .nilai()
            .poin(Dimensi::Kualifikasi)
    };
    assert_eq!(
        [
            k(P::Profesi),
            k(P::Sp1),
            k(P::Sp2),
            k(P::D4),
            k(P::D1),
            k(P::Sltp)
        ],
        [15.0, 20.0, 25.0, 15.0, 5.0, 1.0].map(pts)
    );
}

#[test]
fn predikat_wins_over_nilai_and_flags_conflict() {
    let mut o = Orang::new(Jenjang::Pelaksana).skp_nilai(2024, "95");
    o.skp[0].predikat = Some(Predikat::Baik);
    let h = o.nilai();
    assert_eq!(h.poin(Dimensi::Kinerja), pts(25.0));
    assert!(h.flags.has(Flags::DATA_KONFLIK));
    let mut o = Orang::new(Jenjang::Pelaksana).skp_nilai(2024, "95");
    o.skp[0].predikat = Some(Predikat::SangatBaik);
    assert!(!o.nilai().flags.has(Flags::DATA_KONFLIK));
}

#[test]
fn explanation_reads_in_both_languages() {
    let rules = RuleSet::default_rules();
    let o = contoh_b();
    let h = o.nilai();
    let id = teks::explain(&o.p, "Dinas", &h, &rules, d("2024-12-31"), Lang::Id);
    let en = teks::explain(&o.p, "Dinas", &h, &rules, d("2024-12-31"), Lang::En);
    assert!(id.contains("IP ASN 67 / 100 — Rendah"), "{id}");
    assert!(id.contains("Kompetensi 25 / 40"), "{id}");
    assert!(
        id.contains("diklat kepemimpinan wajib PIM III (PKA)"),
        "{id}"
    );
    assert!(id.contains("riwayat dipakai: diklat:2"), "{id}");
    assert!(en.contains("Competence 25 / 40"), "{en}");
    assert!(en.contains("8 JP more gives +15"), "{en}");
}

// ---- properties -----------------------------------------------------------------------------

fn arb_date() -> impl Strategy<Value = Tanggal> {
    (2015i32..=2026, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| Tanggal::new(y, m, d).unwrap())
}

fn arb_orang() -> impl Strategy<Value = Orang> {
    let jenjang = prop::sample::select(Jenjang::ALL.to_vec());
    let pend = prop::collection::vec(
        (
            prop::sample::select(P::ALL.to_vec()),
            1980i32..2027,
            any::<bool>(),
        ),
        0..3,
    );
    let dik = prop::collection::vec(
        (prop::sample::select(J::ALL.to_vec()), arb_date(), 0i64..60),
        0..8,
    );
    let skp = prop::collection::vec(
        (
            2022i32..2026,
            0i64..=100,
            prop::option::of(prop::sample::select(Predikat::ALL.to_vec())),
        ),
        0..3,
    );
    let huk = prop::collection::vec(
        (
            prop::sample::select(TingkatHukdis::ALL.to_vec()),
            arb_date(),
            any::<bool>(),
        ),
        0..3,
    );
    (jenjang, pend, dik, skp, huk).prop_map(|(j, pend, dik, skp, huk)| {
        let mut o = Orang::new(j);
        for (t, y, diakui) in pend {
            o = o.pendidikan(t, y);
            o.pendidikan.last_mut().unwrap().diakui = diakui || o.pendidikan.len() == 1;
        }
        for (jenis, t, jam) in dik {
            o = o.diklat(jenis, &t.to_string(), jam);
        }
        let mut years = std::collections::HashSet::new();
        for (y, v, p) in skp {
            if years.insert(y) {
                o = o.skp_nilai(y, &v.to_string());
                o.skp.last_mut().unwrap().predikat = p;
            }
        }
        for (t, tmt, batal) in huk {
            o = o.hukdis(t, &tmt.to_string(), None);
            o.hukdis.last_mut().unwrap().dibatalkan = batal;
        }
        o
    })
}

/// A result without record references (which name rows, and rows move when input is shuffled).
fn without_refs(h: &HasilPegawai) -> String {
    let mut h = h.clone();
    for d in &mut h.dimensi {
        d.dipakai.sort();
        d.dipakai.clear();
        for k in &mut d.kurang {
            if let Kekurangan::PendidikanBelumDiakui { src, .. } = k {
                src.row = 0;
            }
        }
    }
    format!("{h:?}")
}

proptest! {
    #[test]
    fn no_dimension_exceeds_its_maximum(o in arb_orang(), rules in prop::sample::select(vec![0usize, 1])) {
        let rules = RuleSet::from_toml(BUILTIN[rules].1).unwrap();
        let h = o.nilai_with(&rules);
        let mut sum = Points::ZERO;
        for d in &h.dimensi {
            prop_assert!(d.poin <= d.maks, "{:?} {} > {}", d.dimensi, d.poin, d.maks);
            // Reaching the maximum leaves nothing to add; below it, what is missing adds at least the gap.
            let gain: u32 = d.kurang.iter().map(|k| k.tambah().halves()).max().unwrap_or(0);
            prop_assert!(d.poin.halves() + gain <= d.maks.halves(), "{:?} gains past the maximum", d.dimensi);
            prop_assert_eq!(d.poin < d.maks, !d.kurang.is_empty(), "{:?}: below the maximum exactly when something is missing", d.dimensi);
            sum = sum + d.poin;
        }
        prop_assert_eq!(h.ip, sum);
        prop_assert!(h.ip <= rules.maks_ip());
        prop_assert_eq!(h.kategori, rules.kategori_of(h.ip));
    }

    #[test]
    fn the_bulk_path_scores_exactly_like_the_explained_one(o in arb_orang(), rules in prop::sample::select(vec![0usize, 1])) {
        let rules = RuleSet::from_toml(BUILTIN[rules].1).unwrap();
        let penilai = Penilai::new(&rules, TAHUN);
        prop_assert_eq!(penilai.nilai(&o.p, o.riwayat()).skor(), penilai.skor(&o.p, o.riwayat()));
    }

    #[test]
    fn leaving_out_unneeded_training_changes_nothing(
        mut o in arb_orang(),
        undated in prop::collection::vec(0usize..8, 0..3),
        rules in prop::sample::select(vec![0usize, 1]),
    ) {
        let rules = RuleSet::from_toml(BUILTIN[rules].1).unwrap();
        for k in undated {
            if let Some(e) = o.diklat.get_mut(k) {
                e.selesai = None;
            }
        }
        let penilai = Penilai::new(&rules, TAHUN);
        let perlu = penilai.diklat_perlu();
        let mut kept = o.clone();
        kept.diklat.retain(|e| perlu.perlu(e.jenis, e.tanggal()));
        // The explanation too: records used, reasons, what is missing, flags.
        prop_assert_eq!(
            format!("{:?}", o.nilai_with(&rules)),
            format!("{:?}", kept.nilai_with(&rules))
        );
    }

    #[test]
    fn shuffling_records_changes_no_result(o in arb_orang(), seed in any::<u64>()) {
        use rand_shuffle::shuffle;
        let mut s = o.clone();
        shuffle(&mut s.pendidikan, seed);
        shuffle(&mut s.diklat, seed ^ 1);
        shuffle(&mut s.hukdis, seed ^ 2);
        shuffle(&mut s.skp, seed ^ 3);
        prop_assert_eq!(without_refs(&o.nilai()), without_refs(&s.nilai()));
    }

    #[test]
    fn unit_means_add_up(people in prop::collection::vec(arb_orang(), 1..30)) {
        let rules = RuleSet::default_rules();
        // Two units: a root and its child; people alternate between them.
        let unor = vec![
            Unor { id: "1".into(), nama: "Root".into(), induk: None, instansi_id: "X".into(), nama_instansi: "X".into(), kode_wilayah: String::new() },
            Unor { id: "2".into(), nama: "Child".into(), induk: Some(0), instansi_id: "X".into(), nama_instansi: "X".into(), kode_wilayah: String::new() },
        ];
        let hasil: Vec<_> = people.iter().map(|o| Some(o.nilai().skor())).collect();
        let unor_of: Vec<u32> = (0..people.len() as u32).map(|i| i % 2).collect();
        let agg = agregat::per_unor(&unor, &unor_of, &hasil, &rules);
        for a in &agg {
            prop_assert_eq!(a.jumlah.iter().sum::<u64>(), a.jumlah_ip, "dimension sums add up to the IP sum");
            prop_assert_eq!(a.per_kategori.iter().sum::<u64>(), a.dalam_rerata);
        }
        prop_assert_eq!(agg[0].pegawai, people.len() as u64, "the root covers its subtree");
        prop_assert_eq!(agg[1].pegawai, (people.len() / 2) as u64);
        let total: u64 = hasil.iter().map(|h| h.as_ref().unwrap().ip.halves() as u64).sum();
        prop_assert_eq!(agg[0].jumlah_ip, total);
    }
}

/// A tiny deterministic shuffle (Fisher–Yates over SplitMix64), to keep the test free of
/// dependencies on a random-number crate's stream.
mod rand_shuffle {
    pub fn shuffle<T>(v: &mut [T], mut seed: u64) {
        let mut next = || {
            seed = seed.wrapping_add(0x9E3779B97F4A7C15);
            let mut z = seed;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB);
            z ^ (z >> 31)
        };
        for i in (1..v.len()).rev() {
            let j = (next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Every remaining number and list of the rule file changes the result as it says.
#[test]
fn opsi_angka_dan_daftar() {
    let kompetensi = |r: &RuleSet, o: &Orang| o.nilai_with(r).poin(Dimensi::Kompetensi);
    // teknis_minimal_jp: 16 JP is enough when the minimum is 16.
    let o = Orang::new(Jenjang::Pelaksana).diklat(J::Teknis, "2024-03-01", 16);
    assert_eq!(kompetensi(&RuleSet::default_rules(), &o), pts(0.0));
    assert_eq!(
        kompetensi(
            &default_with("teknis_minimal_jp = 20", "teknis_minimal_jp = 16"),
            &o
        ),
        pts(22.5)
    );
    // teknis_jendela_bulan: a training 18 months before T counts in a 24-month window.
    let o = Orang::new(Jenjang::Pelaksana).diklat(J::Teknis, "2023-06-30", 20);
    assert_eq!(kompetensi(&RuleSet::default_rules(), &o), pts(0.0));
    assert_eq!(
        kompetensi(
            &default_with("teknis_jendela_bulan = 12", "teknis_jendela_bulan = 24"),
            &o
        ),
        pts(22.5)
    );
    // seminar_jendela_bulan: a seminar 18 months before T is out of a 12-month window.
    let o = Orang::new(Jenjang::Pelaksana).diklat(J::Seminar, "2023-06-30", 2);
    assert_eq!(kompetensi(&RuleSet::default_rules(), &o), pts(17.5));
    assert_eq!(
        kompetensi(
            &default_with("seminar_jendela_bulan = 24", "seminar_jendela_bulan = 12"),
            &o
        ),
        pts(0.0)
    );
    // seminar_jenis: without "Lainnya", a "Lainnya" event no longer counts.
    let o = Orang::new(Jenjang::Pelaksana).diklat(J::Lainnya, "2024-06-30", 2);
    assert_eq!(kompetensi(&RuleSet::default_rules(), &o), pts(17.5));
    let r = default_with("\"Kursus\", \"Lainnya\"]", "\"Kursus\"]");
    assert_eq!(kompetensi(&r, &o), pts(0.0));
    // The indicator points per kind of position.
    let r = default_with("teknis = 22.5\nseminar = 17.5", "teknis = 25\nseminar = 15");
    assert_eq!(kompetensi(&r, &o), pts(15.0));
    // disiplin.jendela_tahun: a punishment 4 years before T is out of a 3-year window.
    let o = Orang::new(Jenjang::Pelaksana).hukdis(TingkatHukdis::Berat, "2021-01-01", None);
    assert_eq!(o.nilai().poin(Dimensi::Disiplin), pts(1.0));
    assert_eq!(
        o.nilai_with(&default_with("jendela_tahun = 5", "jendela_tahun = 3"))
            .poin(Dimensi::Disiplin),
        pts(5.0)
    );
    // disiplin.masa_bawaan_bulan: under masa_hukuman, a 6-month default period ends before T.
    let o = Orang::new(Jenjang::Pelaksana).hukdis(TingkatHukdis::Sedang, "2024-03-01", None);
    let masa = default_with("jendela = \"tahun\"", "jendela = \"masa_hukuman\"");
    assert_eq!(o.nilai_with(&masa).poin(Dimensi::Disiplin), pts(2.0));
    let text = BUILTIN[0]
        .1
        .replacen("jendela = \"tahun\"", "jendela = \"masa_hukuman\"", 1)
        .replacen("masa_bawaan_bulan = 12", "masa_bawaan_bulan = 6", 1);
    let masa6 = RuleSet::from_toml(&text).unwrap();
    assert_eq!(o.nilai_with(&masa6).poin(Dimensi::Disiplin), pts(5.0));
    // The points of a missing record: kualifikasi.kosong and kinerja.kosong.
    let o = Orang::new(Jenjang::Pelaksana);
    let text = BUILTIN[0]
        .1
        .replacen(
            "kosong = 0\n[kualifikasi.poin]",
            "kosong = 1\n[kualifikasi.poin]",
            1,
        )
        .replacen(
            "# Points without an appraisal for the data year (flag `kinerja_kosong`).\nkosong = 0",
            "kosong = 2.5",
            1,
        );
    let r = RuleSet::from_toml(&text).unwrap();
    let h = o.nilai_with(&r);
    assert_eq!(
        (h.poin(Dimensi::Kualifikasi), h.poin(Dimensi::Kinerja)),
        (pts(1.0), pts(2.5))
    );
    assert!(h.flags.has(Flags::PENDIDIKAN_KOSONG) && h.flags.has(Flags::KINERJA_KOSONG));
}
