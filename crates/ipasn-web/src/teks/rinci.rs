//! The words of the working lists and details: the pegawai list (persons not measured and
//! why, flags by short name, paging, empty states), a person's records, changes and JPM, the
//! sub-unit ranking, import progress, the package template, the audit filter and the
//! assessment pickers.

/// (key, Indonesian, English).
pub const KATA: &[(&str, &str, &str)] = &[
    // The pegawai list.
    ("yang_ditampilkan", "Tampilkan", "Show"),
    ("pegawai_diukur", "Pegawai yang diukur", "Persons measured"),
    (
        "pegawai_tidak_diukur",
        "Pegawai yang tidak diukur",
        "Persons not measured",
    ),
    ("hapus_saringan", "Hapus saringan", "Clear the filters"),
    (
        "status_yang_diukur",
        "status yang diukur: {}",
        "statuses measured: {}",
    ),
    (
        "kosong_saringan",
        "Tidak ada pegawai yang cocok dengan saringan ini.",
        "No one matches these filters.",
    ),
    (
        "semua_diukur",
        "Semua pegawai unit ini diukur pada tahun ini.",
        "Everyone in this unit is measured this year.",
    ),
    (
        "alasan_tidak_diukur",
        "Mengapa tidak diukur",
        "Why not measured",
    ),
    (
        "tidak_diukur_status",
        "Status {} tidak diukur: aturan tahun ini hanya mengukur {}.",
        "Status {} is not measured: this year's rule set measures {} only.",
    ),
    (
        "tidak_diukur_tanpa_hasil",
        "Tidak ada hasil tersimpan untuk tahun ini.",
        "No result is stored for this year.",
    ),
    // Flags, short.
    (
        "tanda_pendidikan_kosong",
        "Pendidikan tidak tercatat",
        "No education record",
    ),
    (
        "tanda_kinerja_kosong",
        "SKP belum tercatat",
        "No SKP on record",
    ),
    (
        "tanda_data_setelah_t",
        "Data setelah tanggal acuan",
        "Records after the cut-off",
    ),
    (
        "tanda_data_konflik",
        "Data bertentangan",
        "Conflicting records",
    ),
    ("tanda_tanggal_kosong", "Tanggal kosong", "Missing dates"),
    // A person's records, changes and JPM.
    ("rek_lulus", "lulus {}", "graduated {}"),
    ("rek_belum_diakui", "belum diakui", "not recognised"),
    ("rek_jp", "{} JP", "{} JP"),
    ("rek_skp", "SKP {}", "SKP {}"),
    ("rek_nilai", "nilai {}", "score {}"),
    ("rek_predikat", "predikat {}", "rating {}"),
    ("rek_hukdis", "hukuman {}", "punishment {}"),
    ("rek_tmt", "TMT {}", "effective {}"),
    (
        "lembar_baris",
        "lembar dan baris dalam paket data",
        "sheet and row in the data package",
    ),
    ("dengan_semua_ini", "Dengan semua ini", "With all of this"),
    ("dibanding_tahun", "Dibanding {}", "Compared with {}"),
    (
        "tidak_ada_perubahan",
        "Tidak ada dimensi yang berubah.",
        "No dimension changed.",
    ),
    ("sebelumnya_label", "sebelumnya", "before"),
    ("sekarang_label", "sekarang", "now"),
    ("pita_pemetaan", "pemetaan", "mapping"),
    ("pita_seleksi", "seleksi", "selection"),
    (
        "jpm_ket",
        "JPM = 100 × jumlah level yang dicapai ÷ jumlah level standar jabatan. 100% berarti tepat memenuhi standar; di atas 100% berarti melampaui standar. Gap = level − standar: positif berarti di atas standar (bukan kekurangan), negatif berarti di bawah standar.",
        "JPM = 100 × the levels achieved ÷ the levels the position requires. 100% meets the standard exactly; above 100% exceeds it. Gap = level − standard: positive is above the standard (not a shortfall), negative is below it.",
    ),
    (
        "jpm_varian_tanpa_batas",
        "JPM ini di atas 100% karena aturan asesmen memakai varian tanpa batas: level di atas standar dihitung penuh (jpm.varian di asesmen.toml; batas_per_kompetensi membatasi tiap kompetensi pada standarnya).",
        "This JPM is over 100% because the assessment rules use the uncapped variant: levels above the standard count in full (jpm.varian in asesmen.toml; batas_per_kompetensi caps each competency at its standard).",
    ),
    (
        "jpm_varian_batas_total",
        "Varian JPM membatasi total pada 100%.",
        "The JPM variant caps the total at 100%.",
    ),
    (
        "jpm_varian_batas_per_kompetensi",
        "Varian JPM membatasi tiap kompetensi pada standarnya.",
        "The JPM variant caps each competency at its standard.",
    ),
    ("level", "Level", "Level"),
    ("gap", "Gap", "Gap"),
    ("gap_kurang", "di bawah standar", "below the standard"),
    ("gap_lebih", "di atas standar", "above the standard"),
    ("gap_pas", "sesuai standar", "meets the standard"),
    // The sub-unit ranking.
    ("peringkat_no", "No.", "Rank"),
    ("cari_tombol", "Cari", "Search"),
    ("cari_subunit", "Cari sub-unit", "Find a sub-unit"),
    (
        "n_dari_m_subunit",
        "{} dari {} sub-unit cocok",
        "{} of {} sub-units match",
    ),
    (
        "subunit_tidak_ditemukan",
        "Tidak ada sub-unit dengan nama itu.",
        "No sub-unit has that name.",
    ),
    // A running import's stages.
    ("tahap_buka", "Membuka berkas", "Opening the file"),
    (
        "tahap_baca",
        "Membaca dan memeriksa lembar",
        "Reading and checking the sheets",
    ),
    ("tahap_hitung", "Menghitung IP ASN", "Computing IP ASN"),
    ("tahap_simpan", "Menyimpan", "Storing"),
    ("tahap_ke", "Tahap {} dari {}: {}", "Stage {} of {}: {}"),
    (
        "rinci_baca",
        "{} MB dari {} MB dibaca",
        "{} MB of {} MB read",
    ),
    ("rinci_tahun", "tahun {} dari {}", "year {} of {}"),
    (
        "rinci_pegawai_riwayat",
        "{} pegawai, {} riwayat",
        "{} persons, {} records",
    ),
    ("lihat_dasbor", "Lihat dasbor", "See the dashboard"),
    ("tahapan_impor", "Tahapan impor", "Import stages"),
    (
        "unduh_templat",
        "Unduh templat paket (XLSX: enam lembar dengan kolomnya, satu baris contoh, petunjuk)",
        "Download the package template (XLSX: six sheets with their columns, an example row, instructions)",
    ),
    // Accounts.
    (
        "seluruh_instansi",
        "Seluruh instansi (tanpa batas unit)",
        "The whole instansi (no unit limit)",
    ),
    // The audit log.
    ("dari_tanggal", "Dari tanggal", "From"),
    ("no", "No.", "No."),
    ("waktu_utc", "Waktu (UTC)", "Time (UTC)"),
    ("kode_aksi", "Kode aksi", "Action code"),
    ("sampai_tanggal", "Sampai tanggal", "To"),
    (
        "audit_terbaru",
        "Halaman ini menampilkan {} entri terbaru; unduhan memuat semua yang cocok",
        "This page shows the {} newest entries; the downloads hold every match",
    ),
    (
        "audit_kosong",
        "Tidak ada entri yang cocok dengan saringan ini.",
        "No entry matches these filters.",
    ),
    (
        "tanggal_tak_valid",
        "Tanggal harus berbentuk YYYY-MM-DD.",
        "Dates must be written YYYY-MM-DD.",
    ),
    // Audit actions, in words (keys `aksi:` and the stored code).
    ("aksi:masuk", "Masuk", "Logged in"),
    ("aksi:masuk_gagal", "Gagal masuk", "Failed login"),
    (
        "aksi:masuk_terkunci",
        "Masuk ditolak: terkunci",
        "Login refused: locked",
    ),
    ("aksi:keluar", "Keluar", "Logged out"),
    (
        "aksi:lihat_pegawai",
        "Melihat halaman pegawai",
        "Viewed a person's page",
    ),
    (
        "aksi:lihat_pegawai_ditolak",
        "Ditolak melihat halaman pegawai",
        "Refused a person's page",
    ),
    (
        "aksi:lihat_asesmen",
        "Melihat hasil asesmen",
        "Viewed assessment results",
    ),
    (
        "aksi:lihat_asesmen_ditolak",
        "Ditolak melihat hasil asesmen",
        "Refused assessment results",
    ),
    (
        "aksi:lihat_talenta",
        "Melihat manajemen talenta",
        "Viewed talent management",
    ),
    (
        "aksi:unduh_pegawai",
        "Mengunduh daftar pegawai",
        "Downloaded the pegawai list",
    ),
    ("aksi:impor", "Impor paket data", "Package import"),
    (
        "aksi:impor_konfirmasi",
        "Konfirmasi impor",
        "Import confirmed",
    ),
    ("aksi:impor_batal", "Impor dibatalkan", "Import cancelled"),
    ("aksi:impor_pulihkan", "Pemulihan impor", "Import restored"),
    (
        "aksi:impor_asesmen",
        "Impor hasil asesmen",
        "Assessment results imported",
    ),
    (
        "aksi:impor_standar",
        "Impor standar kompetensi",
        "Competency standards imported",
    ),
    (
        "aksi:impor_kamus",
        "Impor kamus kompetensi",
        "Competency dictionary imported",
    ),
    (
        "aksi:ubah_standar",
        "Mengubah standar kompetensi",
        "Changed a competency standard",
    ),
    (
        "aksi:aturan_asesmen",
        "Mengganti aturan asesmen",
        "Replaced the assessment rules",
    ),
    ("aksi:akun_simpan", "Menyimpan akun", "Saved an account"),
    (
        "aksi:akun_nonaktif",
        "Menonaktifkan akun",
        "Deactivated an account",
    ),
    (
        "aksi:pengaturan",
        "Mengubah pengaturan",
        "Changed a setting",
    ),
    (
        "aksi:peta_batas",
        "Memuat batas wilayah",
        "Loaded region boundaries",
    ),
    ("aksi:kalibrasi", "Kalibrasi talenta", "Talent calibration"),
    (
        "aksi:acara_buat",
        "Membuat acara asesmen",
        "Created an assessment event",
    ),
    ("aksi:nilai_simpan", "Menyimpan penilaian", "Saved ratings"),
    ("aksi:nilai_kunci", "Mengunci penilaian", "Locked ratings"),
    (
        "aksi:konsensus",
        "Menetapkan konsensus",
        "Set a consensus level",
    ),
    (
        "aksi:asesmen_final",
        "Menetapkan hasil akhir asesmen",
        "Finalised assessment results",
    ),
    // The reliability matrix.
    (
        "irr_catatan",
        "Mengapa sebagian statistik kosong (catatan perhitungan)",
        "Why some statistics are empty (notes of the computation)",
    ),
    ("statistik", "Statistik", "Statistic"),
    ("irr_n", "Peserta · penilai", "Assessees · assessors"),
    (
        "irr_ket",
        "Setiap sel: nilai statistik dan tafsirannya. ICC dan α mendekati 1 berarti para asesor sepakat; 0 berarti kesepakatan tidak lebih baik dari kebetulan.",
        "Each cell: the statistic and its reading. ICC and α near 1 mean the assessors agree; 0 means no better than chance.",
    ),
    (
        "irr_sampel_kecil",
        "Sampel kecil: sebagian kolom hanya bertumpu pada {} peserta. Koo & Li (2016) menyarankan minimal 30 peserta agar ICC dapat dipercaya; baca angka ini dengan hati-hati.",
        "Small sample: some columns rest on {} assessees only. Koo & Li (2016) advise at least 30 for a trustworthy ICC; read these figures with care.",
    ),
    (
        "irr:icc1",
        "ICC(1,1) — satu penilai, penilai berbeda tiap peserta",
        "ICC(1,1) — single rater, different raters per assessee",
    ),
    (
        "irr:icc2",
        "ICC(2,1) — kesepakatan mutlak, satu penilai",
        "ICC(2,1) — absolute agreement, single rater",
    ),
    (
        "irr:icc3",
        "ICC(3,1) — konsistensi, satu penilai",
        "ICC(3,1) — consistency, single rater",
    ),
    (
        "irr:icc1k",
        "ICC(1,k) — rerata penilai, penilai berbeda tiap peserta",
        "ICC(1,k) — mean of raters, different raters per assessee",
    ),
    (
        "irr:icc2k",
        "ICC(2,k) — kesepakatan mutlak, rerata penilai",
        "ICC(2,k) — absolute agreement, mean of raters",
    ),
    (
        "irr:icc3k",
        "ICC(3,k) — konsistensi, rerata penilai",
        "ICC(3,k) — consistency, mean of raters",
    ),
    (
        "irr:fleiss_kappa",
        "κ Fleiss — kesepakatan kategori, banyak penilai",
        "Fleiss' κ — agreement on categories, many raters",
    ),
    (
        "irr:alpha_nominal",
        "α Krippendorff nominal — level sebagai kategori",
        "Krippendorff's α, nominal — levels as categories",
    ),
    (
        "irr:alpha_ordinal",
        "α Krippendorff ordinal — urutan level",
        "Krippendorff's α, ordinal — the order of levels",
    ),
    (
        "irr:alpha_interval",
        "α Krippendorff interval — selisih level",
        "Krippendorff's α, interval — differences of levels",
    ),
    (
        "irr:alpha_ratio",
        "α Krippendorff rasio",
        "Krippendorff's α, ratio",
    ),
    (
        "irr:cohen_kappa",
        "κ Cohen — dua penilai, tanpa bobot",
        "Cohen's κ — two raters, unweighted",
    ),
    (
        "irr:kappa_linear",
        "κ Cohen berbobot linear — dua penilai",
        "Cohen's κ, linear weights — two raters",
    ),
    (
        "irr:kappa_quadratic",
        "κ Cohen berbobot kuadratik — dua penilai",
        "Cohen's κ, quadratic weights — two raters",
    ),
    // Event setup with pickers.
    ("latihan_judul", "Latihan", "Exercises"),
    (
        "peserta_judul",
        "Peserta dan asesornya",
        "Assessees and their assessors",
    ),
    (
        "pilih_latihan_ket",
        "Setiap latihan: tulis namanya, lalu centang kompetensi yang diukurnya.",
        "Each exercise: write its name, then tick the competencies it measures.",
    ),
    (
        "pilih_peserta_ket",
        "Setiap peserta: cari dengan nama atau NIP (minimal 3 huruf), lalu centang asesornya.",
        "Each assessee: find them by name or NIP (at least 3 characters), then tick their assessors.",
    ),
    ("nama_latihan_ke", "Latihan {}", "Exercise {}"),
    (
        "kompetensi_latihan_ke",
        "Kompetensi latihan {}",
        "Competencies of exercise {}",
    ),
    ("peserta_ke", "Peserta {}", "Assessee {}"),
    (
        "asesor_peserta_ke",
        "Asesor peserta {}",
        "Assessors of assessee {}",
    ),
    ("cari_nama_nip", "nama atau NIP", "name or NIP"),
    (
        "belum_ada_asesor",
        "Belum ada akun asesor. Buat akun berperan asesor di Akun & pengaturan.",
        "No assessor account yet. Create accounts with the asesor role under Accounts & settings.",
    ),
    ("tambah_baris", "Tambah baris", "More rows"),
    (
        "isian_teks",
        "Atau tulis sebagai teks (untuk banyak baris sekaligus)",
        "Or write them as text (for many rows at once)",
    ),
    // The assessment rules' form.
    (
        "aturan_berlaku_tahun",
        "Hasil berlaku (tahun)",
        "Results valid for (years)",
    ),
    (
        "aturan_asesor_minimal",
        "Asesor minimal per peserta",
        "Assessors per assessee, at least",
    ),
    (
        "aturan_selisih_konsensus",
        "Selisih rerata asesor yang perlu konsensus",
        "Gap between assessor means that needs a consensus",
    ),
    (
        "aturan_langkah_level",
        "Langkah level penilaian",
        "Rating step",
    ),
    ("aturan_jpm_varian", "Varian JPM", "JPM variant"),
    (
        "aturan_bobot_jpm",
        "Bobot JPM domain {}",
        "JPM weight of domain {}",
    ),
    (
        "aturan_pita_min",
        "Pita {} «{}»: minimal",
        "Band set {} «{}»: from",
    ),
    (
        "aturan_bobot_potensi",
        "Bobot potensi: {}",
        "Potential weight: {}",
    ),
    ("aturan_standar", "Standar level {}", "Required level {}"),
    (
        "aturan_nilai_salah",
        "Tidak disimpan: «{}» — {}.",
        "Not saved: «{}» — {}.",
    ),
    (
        "aturan_tidak_sah_isian",
        "Tidak disimpan: aturan menjadi tidak sah — {}.",
        "Not saved: the rules would not be valid — {}.",
    ),
    (
        "aturan_tidak_berubah",
        "Tidak ada nilai aturan asesmen yang berubah.",
        "No value of the assessment rules changed.",
    ),
];
