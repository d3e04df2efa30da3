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
    ("alasan_tidak_diukur", "Mengapa tidak diukur", "Why not measured"),
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
    ("tanda_kinerja_kosong", "SKP belum tercatat", "No SKP on record"),
    (
        "tanda_data_setelah_t",
        "Data setelah tanggal acuan",
        "Records after the cut-off",
    ),
    ("tanda_data_konflik", "Data bertentangan", "Conflicting records"),
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
    ("rinci_baca", "{} MB dari {} MB dibaca", "{} MB of {} MB read"),
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
];
