//! Synthetic data packages: realistic, valid, deterministic per seed. They feed the tests, the
//! benchmarks and the demo; no real person is described.
//!
//! ## Shape
//!
//! Every instansi is a Pemerintah Kota of about 12,000 ASN (a package of N persons has
//! ⌈N / 12,000⌉ of them, each with a real Kemendagri region code so maps work): Sekretariat
//! Daerah with its bagian, Sekretariat DPRD, Inspektorat, 20 dinas, 6 badan (each with a
//! sekretariat, bidang and seksi), kecamatan with kelurahan, and the sekolah, puskesmas and RSUD
//! that carry most of a Pemda's functional positions. Heads are structural positions (JPT
//! Pratama, Administrator, Pengawas) where the unit type calls for one.
//!
//! ## Distributions
//!
//! Round figures in the range of BKN's *Statistik ASN* publications (2023–2024) and the IP ASN
//! reports of Pemda; they are not reproductions of any table:
//! - positions in a Pemda: about half fungsional (guru, tenaga kesehatan, other JF), a third
//!   pelaksana, the rest struktural;
//! - status: about 80% PNS, 17% PPPK (mostly guru and tenaga kesehatan), 3% CPNS;
//! - education follows the position: guru mostly S-1, tenaga kesehatan mostly D-III/Profesi,
//!   pelaksana mostly SLTA/D-III/S-1, struktural S-1/S-2 and above; about 3% of higher degrees
//!   are not yet recognised (`diakui = tidak`), 1% of persons have no education record;
//! - training: roughly half reach 20 JP of technical training in a year, with large differences
//!   between units; about 60% attend a seminar or similar in two years; most structural heads
//!   hold their PIM, most JF their functional training;
//! - SKP: predikat from 2022 on (mostly Baik, about a fifth Sangat Baik), numeric before;
//!   about 4% lack the latest year's appraisal;
//! - discipline: about 0.4% of persons a year are punished (60% ringan, 25% sedang, 15% berat),
//!   5% of punishments later annulled.
//!
//! ## Files
//!
//! The sinks write with `csv` and rust_xlsxwriter directly, not through [`crate::tabel::tulis`]:
//! a package is input, to be read back exactly as written (no `'` before a value, no byte order
//! mark; every value is synthetic), and millions of rows stream out as fast as the disk goes.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::HashSet;
use std::path::Path;

/// What to generate.
#[derive(Clone, Copy, Debug)]
pub struct GenOptions {
    /// Number of persons.
    pub persons: usize,
    /// Seed: the same seed gives the same package.
    pub seed: u64,
    /// The latest data year.
    pub tahun: i32,
    /// Years of history (SKP and training) before the latest year.
    pub riwayat_tahun: i32,
}

impl Default for GenOptions {
    fn default() -> Self {
        GenOptions {
            persons: 10_000,
            seed: 1,
            tahun: 2024,
            riwayat_tahun: 3,
        }
    }
}

/// Receives the generated rows, sheet by sheet in any interleaving.
pub trait Sink {
    /// A header or data row of one of the six sheets (`paket::SHEETS` order).
    fn row(&mut self, sheet: usize, cells: &[&str]) -> Result<(), String>;
    /// Finishes writing.
    fn finish(self: Box<Self>) -> Result<(), String>;
}

const HEADERS: [&[&str]; 6] = [
    &[
        "unor_id",
        "nama_unor",
        "induk_unor_id",
        "instansi_id",
        "nama_instansi",
        "kode_wilayah",
    ],
    &[
        "nip",
        "nama",
        "jenis_kelamin",
        "tanggal_lahir",
        "status_kepegawaian",
        "jenis_jabatan",
        "jenjang_jabatan",
        "nama_jabatan",
        "unor_id",
        "golongan",
    ],
    &[
        "nip",
        "tingkat_pendidikan",
        "nama_pendidikan",
        "tahun_lulus",
        "tanggal_lulus",
        "diakui",
    ],
    &[
        "nip",
        "jenis",
        "nama_diklat",
        "tanggal_mulai",
        "tanggal_selesai",
        "jumlah_jam",
        "penyelenggara",
    ],
    &["nip", "tahun", "nilai", "predikat"],
    &[
        "nip",
        "tingkat",
        "jenis_hukuman",
        "tmt_hukuman",
        "akhir_hukuman",
        "dibatalkan",
    ],
];

/// Writes a package as six CSV files in a folder (created if needed).
pub fn csv_sink(dir: &Path) -> Result<Box<dyn Sink>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut writers = vec![];
    for name in crate::paket::SHEETS {
        let path = dir.join(format!("{name}.csv"));
        let f = std::fs::File::create(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let f = std::io::BufWriter::with_capacity(1 << 20, f);
        writers.push(csv::Writer::from_writer(f));
    }
    Ok(Box::new(CsvSink { writers }))
}

struct CsvSink {
    writers: Vec<csv::Writer<std::io::BufWriter<std::fs::File>>>,
}

impl Sink for CsvSink {
    fn row(&mut self, sheet: usize, cells: &[&str]) -> Result<(), String> {
        self.writers[sheet]
            .write_record(cells)
            .map_err(|e| e.to_string())
    }
    fn finish(self: Box<Self>) -> Result<(), String> {
        let mut w = self.writers.into_iter();
        w.try_for_each(|mut w| w.flush().map_err(|e| e.to_string()))
    }
}

/// Writes a package as one XLSX workbook with six sheets (text cells, so NIPs keep their digits).
pub fn xlsx_sink(path: &Path) -> Result<Box<dyn Sink>, String> {
    Ok(Box::new(XlsxSink {
        path: path.to_path_buf(),
        rows: vec![vec![]; 6],
    }))
}

struct XlsxSink {
    path: std::path::PathBuf,
    rows: Vec<Vec<Vec<String>>>,
}

impl Sink for XlsxSink {
    fn row(&mut self, sheet: usize, cells: &[&str]) -> Result<(), String> {
        if self.rows[sheet].len() >= 1_048_576 {
            return Err(
                "an Excel sheet holds at most 1,048,576 rows; generate CSV for packages this large"
                    .into(),
            );
        }
        self.rows[sheet].push(cells.iter().map(|s| s.to_string()).collect());
        Ok(())
    }
    fn finish(self: Box<Self>) -> Result<(), String> {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let e = |e: rust_xlsxwriter::XlsxError| e.to_string();
        for (i, name) in crate::paket::SHEETS.iter().enumerate() {
            let ws = wb.add_worksheet_with_constant_memory().map_err(e)?;
            ws.set_name(*name).map_err(e)?;
            for (r, row) in self.rows[i].iter().enumerate() {
                for (c, v) in row.iter().enumerate() {
                    ws.write_string(r as u32, c as u16, v).map_err(e)?;
                }
            }
        }
        wb.save(&self.path)
            .map_err(|e| format!("{}: {e}", self.path.display()))
    }
}

/// Kab/kota region codes (Kemendagri) with names, used for the synthetic instansi in turn.
const WILAYAH: &[(&str, &str)] = &[
    ("32.75", "Bekasi"),
    ("32.73", "Bandung"),
    ("33.74", "Semarang"),
    ("35.78", "Surabaya"),
    ("34.71", "Yogyakarta"),
    ("12.71", "Medan"),
    ("73.71", "Makassar"),
    ("51.71", "Denpasar"),
    ("16.71", "Palembang"),
    ("61.71", "Pontianak"),
    ("64.72", "Samarinda"),
    ("71.71", "Manado"),
    ("13.71", "Padang"),
    ("14.71", "Pekanbaru"),
    ("18.71", "Bandar Lampung"),
    ("52.71", "Mataram"),
    ("53.71", "Kupang"),
    ("63.71", "Banjarmasin"),
    ("72.71", "Palu"),
    ("74.71", "Kendari"),
    ("81.71", "Ambon"),
    ("11.71", "Banda Aceh"),
    ("15.71", "Jambi"),
    ("17.71", "Bengkulu"),
    ("36.71", "Tangerang"),
    ("62.71", "Palangka Raya"),
    ("75.71", "Gorontalo"),
    ("19.71", "Pangkal Pinang"),
    ("21.71", "Batam"),
    ("82.71", "Ternate"),
];

const DINAS: &[&str] = &[
    "Pendidikan",
    "Kesehatan",
    "Pekerjaan Umum dan Penataan Ruang",
    "Perhubungan",
    "Sosial",
    "Kependudukan dan Pencatatan Sipil",
    "Lingkungan Hidup",
    "Koperasi dan Usaha Mikro",
    "Perdagangan dan Perindustrian",
    "Pariwisata dan Kebudayaan",
    "Kepemudaan dan Olahraga",
    "Komunikasi dan Informatika",
    "Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
    "Pemberdayaan Perempuan dan Perlindungan Anak",
    "Ketahanan Pangan dan Pertanian",
    "Perumahan dan Kawasan Permukiman",
    "Tenaga Kerja",
    "Perpustakaan dan Kearsipan",
    "Pemadam Kebakaran dan Penyelamatan",
    "Pengendalian Penduduk dan Keluarga Berencana",
];
const BADAN: &[&str] = &[
    "Perencanaan Pembangunan Daerah",
    "Pengelolaan Keuangan dan Aset Daerah",
    "Pendapatan Daerah",
    "Kepegawaian dan Pengembangan Sumber Daya Manusia",
    "Penanggulangan Bencana Daerah",
    "Kesatuan Bangsa dan Politik",
];
const BAGIAN: &[&str] = &[
    "Tata Pemerintahan",
    "Hukum",
    "Organisasi",
    "Umum",
    "Perekonomian dan Sumber Daya Alam",
    "Kesejahteraan Rakyat",
    "Pengadaan Barang dan Jasa",
];
const BIDANG: &[&str] = &[
    "Perencanaan dan Evaluasi",
    "Pelayanan",
    "Pengembangan",
    "Pengendalian dan Pengawasan",
];
const NAMA_DEPAN_L: &[&str] = &[
    "Agus",
    "Budi",
    "Dedi",
    "Eko",
    "Fajar",
    "Hendra",
    "Imam",
    "Joko",
    "Kurniawan",
    "Muhammad",
    "Rizki",
    "Slamet",
    "Teguh",
    "Wahyu",
    "Yusuf",
    "Andi",
    "Bambang",
    "Dani",
    "Gilang",
    "Hari",
    "Irfan",
    "Rahmat",
    "Sigit",
    "Taufik",
];
const NAMA_DEPAN_P: &[&str] = &[
    "Ani", "Dewi", "Endang", "Fitri", "Indah", "Lestari", "Maya", "Nur", "Putri", "Rina", "Sari",
    "Siti", "Tri", "Wulan", "Yuni", "Ayu", "Dian", "Eka", "Lina", "Novi", "Ratna", "Sri", "Umi",
    "Wati",
];
const NAMA_BELAKANG: &[&str] = &[
    "Santoso",
    "Wijaya",
    "Saputra",
    "Hidayat",
    "Nugroho",
    "Setiawan",
    "Pratama",
    "Kusuma",
    "Rahayu",
    "Lestari",
    "Siregar",
    "Nasution",
    "Harahap",
    "Simanjuntak",
    "Pohan",
    "Hasibuan",
    "Sihombing",
    "Wibowo",
    "Susanto",
    "Purnomo",
    "Utami",
    "Permata",
    "Suryani",
    "Hutapea",
    "Lubis",
    "Tanjung",
    "Manurung",
    "Ginting",
    "Sembiring",
    "Tarigan",
];

/// What a unit is, for staffing.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Jenis {
    Pemda,
    Perangkat,
    Bidang,
    Seksi,
    Kecamatan,
    Kelurahan,
    Sekolah,
    Puskesmas,
    Rsud,
}

struct Unit {
    id: String,
    nama: String,
    jenis: Jenis,
}

struct Gen<'a> {
    rng: ChaCha8Rng,
    sink: &'a mut dyn Sink,
    opts: GenOptions,
    nips: HashSet<u64>,
}

/// Generates a package into a sink.
pub fn generate(opts: GenOptions, mut sink: Box<dyn Sink>) -> Result<(), String> {
    for (i, h) in HEADERS.iter().enumerate() {
        sink.row(i, h)?;
    }
    {
        let mut g = Gen {
            rng: ChaCha8Rng::seed_from_u64(opts.seed),
            sink: sink.as_mut(),
            opts,
            nips: HashSet::new(),
        };
        let instansi = opts.persons.div_ceil(12_000).max(1);
        let mut left = opts.persons;
        for k in 0..instansi {
            let size = left / (instansi - k);
            left -= size;
            g.instansi(k, size)?;
        }
    }
    sink.finish()
}

impl Gen<'_> {
    fn instansi(&mut self, k: usize, size: usize) -> Result<(), String> {
        let (kode, kota) = WILAYAH[k % WILAYAH.len()];
        let round = k / WILAYAH.len();
        let suffix = if round > 0 {
            format!(" {}", round + 1)
        } else {
            String::new()
        };
        let inst_id = format!("K{:03}", k + 1);
        let inst_nama = format!("Pemerintah Kota {kota}{suffix} (data sintetis)");
        let mut units: Vec<Unit> = vec![];
        let mut add = |g: &mut Gen<'_>,
                       id: String,
                       nama: String,
                       parent: &str,
                       jenis: Jenis,
                       kode_w: &str|
         -> Result<String, String> {
            g.sink
                .row(0, &[&id, &nama, parent, &inst_id, &inst_nama, kode_w])?;
            units.push(Unit {
                id: id.clone(),
                nama,
                jenis,
            });
            Ok(id)
        };
        let root = add(
            self,
            inst_id.to_string(),
            inst_nama.clone(),
            "",
            Jenis::Pemda,
            kode,
        )?;
        // Sekretariat Daerah with bagian and subbagian.
        let setda = add(
            self,
            format!("{inst_id}.01"),
            "Sekretariat Daerah".into(),
            &root,
            Jenis::Perangkat,
            kode,
        )?;
        for (i, b) in BAGIAN.iter().enumerate() {
            let bag = add(
                self,
                format!("{setda}.{:02}", i + 1),
                format!("Bagian {b}"),
                &setda,
                Jenis::Bidang,
                kode,
            )?;
            for s in 0..2 {
                add(
                    self,
                    format!("{bag}.{:02}", s + 1),
                    format!("Subbagian {} {b}", ["Perencanaan", "Pelaksanaan"][s]),
                    &bag,
                    Jenis::Seksi,
                    kode,
                )?;
            }
        }
        let dprd = add(
            self,
            format!("{inst_id}.02"),
            "Sekretariat DPRD".into(),
            &root,
            Jenis::Perangkat,
            kode,
        )?;
        add(
            self,
            format!("{dprd}.01"),
            "Bagian Persidangan dan Perundang-undangan".into(),
            &dprd,
            Jenis::Bidang,
            kode,
        )?;
        let insp = add(
            self,
            format!("{inst_id}.03"),
            "Inspektorat".into(),
            &root,
            Jenis::Perangkat,
            kode,
        )?;
        add(
            self,
            format!("{insp}.01"),
            "Sekretariat Inspektorat".into(),
            &insp,
            Jenis::Bidang,
            kode,
        )?;
        // Scale the service units to the instansi's size.
        let sekolah = (size / 62).max(1);
        let puskesmas = (size / 350).max(1);
        let kecamatan = (size / 1100).clamp(2, 30);
        let mut next = 4;
        let perangkat: Vec<(String, &str)> = DINAS
            .iter()
            .map(|d| ("Dinas", *d))
            .chain(BADAN.iter().map(|b| ("Badan", *b)))
            .map(|(a, b)| (a.to_string(), b))
            .collect();
        for (kind, nama) in perangkat {
            let id = add(
                self,
                format!("{inst_id}.{next:02}"),
                format!("{kind} {nama}"),
                &root,
                Jenis::Perangkat,
                kode,
            )?;
            next += 1;
            let sek = add(
                self,
                format!("{id}.01"),
                "Sekretariat".into(),
                &id,
                Jenis::Bidang,
                kode,
            )?;
            add(
                self,
                format!("{sek}.01"),
                "Subbagian Umum dan Kepegawaian".into(),
                &sek,
                Jenis::Seksi,
                kode,
            )?;
            for (b, bn) in BIDANG.iter().enumerate().take(3) {
                let bid = add(
                    self,
                    format!("{id}.{:02}", b + 2),
                    format!("Bidang {bn}"),
                    &id,
                    Jenis::Bidang,
                    kode,
                )?;
                for s in 0..2 {
                    add(
                        self,
                        format!("{bid}.{:02}", s + 1),
                        format!("Seksi {} {}", bn, s + 1),
                        &bid,
                        Jenis::Seksi,
                        kode,
                    )?;
                }
            }
            if nama == "Pendidikan" {
                for s in 0..sekolah {
                    let (lvl, no) = if s % 3 == 2 {
                        ("SMP", s / 3 + 1)
                    } else {
                        ("SD", s - s / 3 + 1)
                    };
                    add(
                        self,
                        format!("{id}.S{:03}", s + 1),
                        format!("{lvl} Negeri {no} {kota}"),
                        &id,
                        Jenis::Sekolah,
                        kode,
                    )?;
                }
            }
            if nama == "Kesehatan" {
                for s in 0..puskesmas {
                    add(
                        self,
                        format!("{id}.P{:02}", s + 1),
                        format!("Puskesmas {kota} {}", s + 1),
                        &id,
                        Jenis::Puskesmas,
                        kode,
                    )?;
                }
                add(
                    self,
                    format!("{id}.R01"),
                    format!("RSUD Kota {kota}"),
                    &id,
                    Jenis::Rsud,
                    kode,
                )?;
            }
        }
        for c in 0..kecamatan {
            let kode_kec = format!("{kode}.{:02}", c + 1);
            let kec = add(
                self,
                format!("{inst_id}.{next:02}"),
                format!(
                    "Kecamatan {kota} {}",
                    [
                        "Utara", "Selatan", "Timur", "Barat", "Tengah", "Baru", "Lama", "Kota"
                    ][c % 8]
                )
                .to_string()
                    + &if c >= 8 {
                        format!(" {}", c / 8 + 1)
                    } else {
                        String::new()
                    },
                &root,
                Jenis::Kecamatan,
                &kode_kec,
            )?;
            next += 1;
            add(
                self,
                format!("{kec}.01"),
                "Sekretariat Kecamatan".into(),
                &kec,
                Jenis::Seksi,
                &kode_kec,
            )?;
            for l in 0..5 {
                add(
                    self,
                    format!("{kec}.K{:02}", l + 1),
                    format!(
                        "Kelurahan {} {}",
                        [
                            "Sukamaju",
                            "Mekarsari",
                            "Jatimulya",
                            "Harapan Baru",
                            "Sindangsari"
                        ][l],
                        c + 1
                    ),
                    &kec,
                    Jenis::Kelurahan,
                    &format!("{kode_kec}.{:04}", 1001 + l),
                )?;
            }
        }
        self.staff(&units, size)
    }

    /// Places `size` persons into the units: heads first, then JF and pelaksana.
    fn staff(&mut self, units: &[Unit], size: usize) -> Result<(), String> {
        let mut placed = 0usize;
        // Heads.
        for u in units {
            if placed >= size {
                break;
            }
            let head = match u.jenis {
                Jenis::Pemda => None,
                Jenis::Perangkat => Some((jabatan::JPT_PRATAMA, "Kepala")),
                Jenis::Bidang | Jenis::Kecamatan => Some((jabatan::ADMINISTRATOR, "Kepala")),
                Jenis::Seksi | Jenis::Kelurahan => Some((jabatan::PENGAWAS, "Kepala")),
                Jenis::Puskesmas | Jenis::Rsud => Some((jabatan::ADMINISTRATOR, "Kepala")),
                Jenis::Sekolah => None,
            };
            if let Some((j, _)) = head {
                self.person(&u.id, j, &head_title(u))?;
                placed += 1;
            }
        }
        // Everyone else: by unit type weights.
        let weights: Vec<f64> = units
            .iter()
            .map(|u| match u.jenis {
                Jenis::Sekolah => 24.0,
                Jenis::Puskesmas => 30.0,
                Jenis::Rsud => 160.0,
                Jenis::Seksi => 3.0,
                Jenis::Bidang => 3.0,
                Jenis::Kelurahan => 6.0,
                Jenis::Kecamatan => 6.0,
                Jenis::Perangkat => 5.0,
                Jenis::Pemda => 0.0,
            })
            .collect();
        let total: f64 = weights.iter().sum();
        let mut cumulative = Vec::with_capacity(weights.len());
        let mut acc = 0.0;
        for w in &weights {
            acc += w / total;
            cumulative.push(acc);
        }
        while placed < size {
            let x: f64 = self.rng.random();
            let ui = cumulative.partition_point(|c| *c < x).min(units.len() - 1);
            let u = &units[ui];
            let (j, title) = self.staff_position(u.jenis);
            self.person(&u.id, j, title)?;
            placed += 1;
        }
        Ok(())
    }

    fn staff_position(&mut self, jenis: Jenis) -> (jabatan::Jabatan, &'static str) {
        let x: f64 = self.rng.random();
        match jenis {
            Jenis::Sekolah if x < 0.88 => {
                let j = [
                    jabatan::AHLI_PERTAMA,
                    jabatan::AHLI_MUDA,
                    jabatan::AHLI_MADYA,
                ][self.pick(&[0.45, 0.35, 0.20])];
                (j, "Guru")
            }
            Jenis::Puskesmas | Jenis::Rsud if x < 0.8 => {
                let i = self.pick(&[0.25, 0.25, 0.15, 0.2, 0.1, 0.05]);
                let j = [
                    jabatan::TERAMPIL,
                    jabatan::MAHIR,
                    jabatan::PENYELIA,
                    jabatan::AHLI_PERTAMA,
                    jabatan::AHLI_MUDA,
                    jabatan::AHLI_MADYA,
                ][i];
                (
                    j,
                    [
                        "Perawat", "Bidan", "Perawat", "Dokter", "Apoteker", "Dokter",
                    ][i],
                )
            }
            Jenis::Perangkat | Jenis::Bidang | Jenis::Seksi if x < 0.18 => {
                let i = self.pick(&[0.4, 0.4, 0.2]);
                (
                    [
                        jabatan::AHLI_PERTAMA,
                        jabatan::AHLI_MUDA,
                        jabatan::AHLI_MADYA,
                    ][i],
                    [
                        "Analis Kebijakan",
                        "Pranata Komputer",
                        "Auditor",
                        "Arsiparis",
                        "Perencana",
                    ][self.rng.random_range(0..5)],
                )
            }
            _ => (
                jabatan::PELAKSANA,
                [
                    "Pengadministrasi Umum",
                    "Pengelola Keuangan",
                    "Pengelola Data",
                    "Pengemudi",
                    "Petugas Keamanan",
                    "Penata Laporan Keuangan",
                    "Pengadministrasi Perkantoran",
                ][self.rng.random_range(0..7)],
            ),
        }
    }

    fn pick(&mut self, weights: &[f64]) -> usize {
        let x: f64 = self.rng.random::<f64>() * weights.iter().sum::<f64>();
        let mut acc = 0.0;
        for (i, w) in weights.iter().enumerate() {
            acc += w;
            if x < acc {
                return i;
            }
        }
        weights.len() - 1
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p.clamp(0.0, 1.0))
    }

    fn date_in(&mut self, year: i32) -> (i32, u32, u32) {
        let m = self.rng.random_range(1..=12u32);
        let d = self
            .rng
            .random_range(1..=ipasn_core::tanggal::days_in_month(year, m));
        (year, m, d)
    }

    fn person(&mut self, unor: &str, j: jabatan::Jabatan, title: &str) -> Result<(), String> {
        let tahun = self.opts.tahun;
        let perempuan = self.chance(match title {
            "Guru" | "Perawat" | "Bidan" | "Apoteker" => 0.68,
            _ if j.jenis == "Struktural" => 0.35,
            _ => 0.45,
        });
        let age = self.rng.random_range(j.min_age..=57);
        let (by, bm, bd) = self.date_in(tahun - age);
        let status_x: f64 = self.rng.random();
        let tenaga = matches!(title, "Guru" | "Perawat" | "Bidan" | "Dokter" | "Apoteker");
        let status = if j.jenis == "Struktural" {
            "PNS"
        } else if status_x < if tenaga { 0.28 } else { 0.08 } {
            "PPPK"
        } else if status_x > 0.97 {
            "CPNS"
        } else {
            "PNS"
        };
        let tmt_year = if status == "CPNS" {
            tahun
        } else {
            (by + self.rng.random_range(21..=33))
                .min(tahun - 1)
                .max(by + 18)
        };
        let tmt_month = if status == "CPNS" {
            self.rng.random_range(1..=6)
        } else {
            self.rng.random_range(1..=12)
        };
        let g = if perempuan { 2 } else { 1 };
        let mut seq = self.rng.random_range(1..=40u64);
        let base = (by as u64) * 10u64.pow(14)
            + bm as u64 * 10u64.pow(12)
            + bd as u64 * 10u64.pow(10)
            + tmt_year as u64 * 10u64.pow(6)
            + tmt_month as u64 * 10u64.pow(4)
            + g * 1000;
        while !self.nips.insert(base + seq) {
            seq += 1;
        }
        let nip = format!("{:018}", base + seq);
        let depan = if perempuan {
            NAMA_DEPAN_P
        } else {
            NAMA_DEPAN_L
        };
        let nama = format!(
            "{} {}",
            depan[self.rng.random_range(0..depan.len())],
            NAMA_BELAKANG[self.rng.random_range(0..NAMA_BELAKANG.len())]
        );
        let golongan = golongan(&mut self.rng, j, status, tahun - tmt_year);
        let jabatan_nama = if j.jenis == "Fungsional" {
            format!("{title} {}", j.jenjang)
        } else {
            title.to_string()
        };
        self.sink.row(
            1,
            &[
                &nip,
                &nama,
                if perempuan { "P" } else { "L" },
                &format!("{by:04}-{bm:02}-{bd:02}"),
                status,
                j.jenis,
                j.jenjang,
                &jabatan_nama,
                unor,
                &golongan,
            ],
        )?;
        self.pendidikan(&nip, j, title, by)?;
        self.diklat(&nip, j, tmt_year)?;
        self.skp(&nip, tmt_year, status)?;
        self.hukdis(&nip, tmt_year)
    }

    fn pendidikan(
        &mut self,
        nip: &str,
        j: jabatan::Jabatan,
        title: &str,
        by: i32,
    ) -> Result<(), String> {
        if self.chance(0.01) {
            return Ok(());
        }
        let levels: &[(&str, f64)] = match (j.jenis, j.jenjang, title) {
            (_, _, "Guru") => &[("S-1", 0.84), ("S-2", 0.1), ("D-IV", 0.03), ("D-II", 0.03)],
            (_, _, "Perawat" | "Bidan") => &[
                ("D-III", 0.6),
                ("Profesi", 0.2),
                ("D-IV", 0.12),
                ("S-1", 0.08),
            ],
            (_, _, "Dokter") => &[("Profesi", 0.7), ("Sp-1", 0.25), ("S-2", 0.05)],
            (_, _, "Apoteker") => &[("Profesi", 0.9), ("S-2", 0.1)],
            ("Struktural", "JPT Pratama", _) => &[("S-2", 0.78), ("S-3", 0.2), ("S-1", 0.02)],
            ("Struktural", "Administrator", _) => &[("S-2", 0.6), ("S-1", 0.4)],
            ("Struktural", _, _) => &[("S-1", 0.7), ("S-2", 0.22), ("D-III", 0.08)],
            ("Fungsional", _, _) => &[("S-1", 0.7), ("S-2", 0.25), ("D-IV", 0.05)],
            _ => &[
                ("SLTA", 0.42),
                ("D-III", 0.18),
                ("S-1", 0.33),
                ("SLTP", 0.04),
                ("SD", 0.02),
                ("D-I", 0.01),
            ],
        };
        let weights: Vec<f64> = levels.iter().map(|l| l.1).collect();
        let top = levels[self.pick(&weights)].0;
        let order = [
            "SD", "SLTP", "SLTA", "D-I", "D-II", "D-III", "D-IV", "S-1", "Profesi", "S-2", "Sp-1",
            "S-3", "Sp-2",
        ];
        let rank = order.iter().position(|o| *o == top).unwrap_or(2);
        // The SLTA record, then the highest; an S-2/S-3 also has its S-1.
        let mut rows: Vec<(&str, i32)> = vec![];
        let slta_year = by + 18;
        if rank >= 2 {
            rows.push(("SLTA", slta_year));
        }
        if rank >= 9 {
            rows.push(("S-1", slta_year + self.rng.random_range(4..=6)));
        }
        if rank != 2 {
            let gap = match top {
                "SD" => -6,
                "SLTP" => -3,
                "D-I" | "D-II" => 2,
                "D-III" => 3,
                "D-IV" | "S-1" => 5,
                "Profesi" => 6,
                _ => self.rng.random_range(9..=22),
            };
            rows.push((top, (slta_year + gap).min(self.opts.tahun)));
        }
        for (i, (t, y)) in rows.iter().enumerate() {
            let y = (*y).min(self.opts.tahun);
            let highest = i + 1 == rows.len();
            let diakui = if highest && rank >= 7 && self.chance(0.03) {
                "tidak"
            } else {
                "ya"
            };
            let nama = match *t {
                "SLTA" => "SMA Negeri",
                "S-1" => "Sarjana",
                "S-2" => "Magister",
                "S-3" => "Doktor",
                "D-III" => "Diploma III",
                "Profesi" => "Pendidikan Profesi",
                "Sp-1" => "Spesialis",
                _ => "",
            };
            self.sink
                .row(2, &[nip, t, nama, &y.to_string(), "", diakui])?;
        }
        Ok(())
    }

    fn diklat(&mut self, nip: &str, j: jabatan::Jabatan, tmt_year: i32) -> Result<(), String> {
        let tahun = self.opts.tahun;
        // Leadership training for structural heads.
        if let Some(level) = j.pim {
            let p = match level {
                2 => 0.9,
                3 => 0.8,
                _ => 0.7,
            };
            if self.chance(p) {
                let y = self.rng.random_range((tmt_year + 3).min(tahun)..=tahun);
                let name = ["PKN Tk. I", "PKN Tk. II", "PKA", "PKP"][level as usize - 1];
                let jp = [600, 500, 400, 300][level as usize - 1];
                self.training(
                    nip,
                    name,
                    &format!("Pelatihan Kepemimpinan {name}"),
                    y,
                    60,
                    jp,
                    "BPSDM Provinsi",
                )?;
            }
        }
        if j.jenis == "Fungsional" && self.chance(0.75) {
            let y = self.rng.random_range((tmt_year + 1).min(tahun)..=tahun);
            self.training(
                nip,
                "Fungsional",
                "Diklat Fungsional Pembentukan",
                y,
                20,
                120,
                "Instansi Pembina JF",
            )?;
        }
        // Technical trainings and seminars over the history years; how much a person trains
        // depends on the person (and so on the unit's habits, through its mix of positions).
        let diligence: f64 = self.rng.random::<f64>();
        for y in (tahun - self.opts.riwayat_tahun).max(tmt_year)..=tahun {
            let n = match diligence {
                d if d < 0.3 => 0,
                d if d < 0.55 => 1,
                d if d < 0.85 => 2,
                _ => 3,
            };
            for _ in 0..n {
                let jp = [8, 10, 12, 16, 20, 24, 30, 32, 40][self.rng.random_range(0..9)];
                let topik = [
                    "Penyusunan SKP",
                    "Pengelolaan Keuangan Daerah",
                    "Pelayanan Publik",
                    "Literasi Digital",
                    "Manajemen Aset",
                    "Pengadaan Barang/Jasa",
                    "Penulisan Naskah Dinas",
                ][self.rng.random_range(0..7)];
                self.training(
                    nip,
                    "Teknis",
                    &format!("Pelatihan Teknis {topik}"),
                    y,
                    5,
                    jp,
                    "BKPSDM",
                )?;
            }
            if self.chance(0.42) {
                let kind =
                    ["Seminar", "Workshop", "Kursus", "Magang"][self.pick(&[0.5, 0.3, 0.15, 0.05])];
                let jp = 4 + self.rng.random_range(0..8);
                self.training(
                    nip,
                    kind,
                    &format!("{kind} Pengembangan Kompetensi ASN"),
                    y,
                    1,
                    jp,
                    "Kementerian PANRB",
                )?;
            }
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn training(
        &mut self,
        nip: &str,
        jenis: &str,
        nama: &str,
        y: i32,
        max_days: i64,
        jp: i32,
        by: &str,
    ) -> Result<(), String> {
        let (y, m, d) = self.date_in(y);
        let start = ipasn_core::Tanggal::new(y, m, d).ok_or("date")?;
        let len = self.rng.random_range(0..max_days.max(1));
        let mut end = ipasn_core::Tanggal::from_days(start.to_days() + len);
        if end.year() > y {
            end = ipasn_core::Tanggal::new(y, 12, 31).ok_or("date")?;
        }
        self.sink.row(
            3,
            &[
                nip,
                jenis,
                nama,
                &start.to_string(),
                &end.to_string(),
                &jp.to_string(),
                by,
            ],
        )
    }

    fn skp(&mut self, nip: &str, tmt_year: i32, status: &str) -> Result<(), String> {
        let tahun = self.opts.tahun;
        let skill: f64 = self.rng.random::<f64>();
        for y in (tahun - self.opts.riwayat_tahun).max(tmt_year)..=tahun {
            if status == "CPNS" || (y == tahun && self.chance(0.04)) || self.chance(0.01) {
                continue;
            }
            let x = (skill * 0.6 + self.rng.random::<f64>() * 0.4).clamp(0.0, 1.0);
            if y >= 2022 {
                let p = match x {
                    x if x > 0.76 => "Sangat Baik",
                    x if x > 0.06 => "Baik",
                    x if x > 0.03 => "Butuh Perbaikan",
                    x if x > 0.01 => "Kurang",
                    _ => "Sangat Kurang",
                };
                self.sink.row(4, &[nip, &y.to_string(), "", p])?;
            } else {
                let v = 70.0 + x * 26.0 + self.rng.random::<f64>() * 2.0;
                self.sink
                    .row(4, &[nip, &y.to_string(), &format!("{v:.2}"), ""])?;
            }
        }
        Ok(())
    }

    fn hukdis(&mut self, nip: &str, tmt_year: i32) -> Result<(), String> {
        let tahun = self.opts.tahun;
        for y in (tahun - 6).max(tmt_year)..=tahun {
            if !self.chance(0.004) {
                continue;
            }
            let (tingkat, jenis, months) = [
                ("Ringan", "Teguran Tertulis", 0),
                ("Ringan", "Pernyataan Tidak Puas Secara Tertulis", 0),
                (
                    "Sedang",
                    "Pemotongan Tunjangan Kinerja 25% Selama 6 Bulan",
                    6,
                ),
                (
                    "Berat",
                    "Penurunan Jabatan Setingkat Lebih Rendah Selama 12 Bulan",
                    12,
                ),
            ][self.pick(&[0.35, 0.25, 0.25, 0.15])];
            let (y, m, d) = self.date_in(y);
            let tmt = ipasn_core::Tanggal::new(y, m, d).ok_or("date")?;
            let akhir = if months > 0 {
                tmt.plus_months(months).to_string()
            } else {
                String::new()
            };
            let batal = if self.chance(0.05) { "ya" } else { "tidak" };
            self.sink
                .row(5, &[nip, tingkat, jenis, &tmt.to_string(), &akhir, batal])?;
        }
        Ok(())
    }
}

/// The title of a unit's head, as Pemda write it.
fn head_title(u: &Unit) -> String {
    match u.jenis {
        Jenis::Kecamatan => "Camat".into(),
        Jenis::Kelurahan => "Lurah".into(),
        _ if u.nama == "Sekretariat Daerah" => "Sekretaris Daerah".into(),
        _ if u.nama.starts_with("Sekretariat") => {
            format!("Sekretaris {}", u.nama.trim_start_matches("Sekretariat "))
                .trim()
                .to_string()
        }
        _ => format!("Kepala {}", u.nama),
    }
}

fn golongan(rng: &mut ChaCha8Rng, j: jabatan::Jabatan, status: &str, years: i32) -> String {
    if status == "PPPK" {
        return ["V", "VII", "IX", "X", "XI"][rng.random_range(0..5)].to_string();
    }
    let (ruang, max) = match (j.jenis, j.jenjang) {
        (_, "JPT Pratama") => ("IV", 4),
        (_, "Administrator") => (if years > 20 { "IV" } else { "III" }, 3),
        (_, "Pengawas") => ("III", 3),
        (_, "Ahli Madya") => ("IV", 2),
        ("Fungsional", _) | (_, "Pelaksana") if years > 10 => ("III", 3),
        _ => ("II", 3),
    };
    let letter = ['a', 'b', 'c', 'd', 'e'][rng.random_range(0..=max)];
    format!("{ruang}/{letter}")
}

mod jabatan {
    /// A position type with its jenis, jenjang, required PIM and youngest age.
    #[derive(Clone, Copy)]
    pub struct Jabatan {
        pub jenis: &'static str,
        pub jenjang: &'static str,
        pub pim: Option<u8>,
        pub min_age: i32,
    }
    pub const JPT_PRATAMA: Jabatan = Jabatan {
        jenis: "Struktural",
        jenjang: "JPT Pratama",
        pim: Some(2),
        min_age: 40,
    };
    pub const ADMINISTRATOR: Jabatan = Jabatan {
        jenis: "Struktural",
        jenjang: "Administrator",
        pim: Some(3),
        min_age: 35,
    };
    pub const PENGAWAS: Jabatan = Jabatan {
        jenis: "Struktural",
        jenjang: "Pengawas",
        pim: Some(4),
        min_age: 30,
    };
    pub const AHLI_PERTAMA: Jabatan = Jabatan {
        jenis: "Fungsional",
        jenjang: "Ahli Pertama",
        pim: None,
        min_age: 23,
    };
    pub const AHLI_MUDA: Jabatan = Jabatan {
        jenis: "Fungsional",
        jenjang: "Ahli Muda",
        pim: None,
        min_age: 30,
    };
    pub const AHLI_MADYA: Jabatan = Jabatan {
        jenis: "Fungsional",
        jenjang: "Ahli Madya",
        pim: None,
        min_age: 38,
    };
    pub const TERAMPIL: Jabatan = Jabatan {
        jenis: "Fungsional",
        jenjang: "Terampil",
        pim: None,
        min_age: 22,
    };
    pub const MAHIR: Jabatan = Jabatan {
        jenis: "Fungsional",
        jenjang: "Mahir",
        pim: None,
        min_age: 28,
    };
    pub const PENYELIA: Jabatan = Jabatan {
        jenis: "Fungsional",
        jenjang: "Penyelia",
        pim: None,
        min_age: 35,
    };
    pub const PELAKSANA: Jabatan = Jabatan {
        jenis: "Pelaksana",
        jenjang: "Pelaksana",
        pim: None,
        min_age: 20,
    };
}
