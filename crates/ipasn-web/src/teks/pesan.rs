//! Messages: errors, confirmations, refusals, ways back.

/// (key, Indonesian, English).
pub const KATA: &[(&str, &str, &str)] = &[
    (
        "choose_csv_xlsx_file",
        "Pilih berkas CSV atau XLSX.",
        "Choose a CSV or XLSX file.",
    ),
    (
        "choose_toml_file",
        "Pilih berkas TOML.",
        "Choose a TOML file.",
    ),
    (
        "file_must_be_toml",
        "Berkas harus teks UTF-8 (TOML).",
        "The file must be UTF-8 text (TOML).",
    ),
    (
        "give_position_valid_competency",
        "Isi jabatan dan kode kompetensi yang sah (M.01–M.08, SK.01, T.…).",
        "Give a position and a valid competency code (M.01–M.08, SK.01, T.…).",
    ),
    (
        "standard_level_1_5",
        "Level standar harus 1–5.",
        "The standard level must be 1–5.",
    ),
    (
        "assessment_rules_saved",
        "Aturan asesmen tersimpan:",
        "Assessment rules saved:",
    ),
    ("standard_saved", "Standar tersimpan:", "Standard saved:"),
    (
        "upload_cut_off",
        "Unggahan terputus.",
        "The upload was cut off.",
    ),
    (
        "judul_400",
        "Permintaan tidak dapat diproses",
        "The request cannot be processed",
    ),
    ("judul_401", "Belum masuk", "Not logged in"),
    ("judul_403", "Tidak berwenang", "Not allowed"),
    ("judul_404", "Tidak ditemukan", "Not found"),
    (
        "judul_405",
        "Cara permintaan tidak didukung",
        "Method not allowed",
    ),
    ("judul_413", "Terlalu besar", "Too large"),
    ("judul_422", "Isian belum benar", "Check what was entered"),
    ("judul_500", "Kesalahan server", "Server error"),
    ("judul_lain", "Tidak dapat diproses", "Cannot be processed"),
    (
        "back_start_page",
        "Kembali ke beranda",
        "Back to the start page",
    ),
    (
        "back_dashboard",
        "Kembali ke dasbor",
        "Back to the dashboard",
    ),
    (
        "back_assessment_events",
        "Kembali ke daftar acara asesmen",
        "Back to the assessment events",
    ),
    (
        "back_your_page",
        "Kembali ke halaman Anda",
        "Back to your page",
    ),
    (
        "back_previous_page",
        "Kembali ke halaman sebelumnya",
        "Back to the previous page",
    ),
    (
        "form_expired_please_try",
        "Formulir kedaluwarsa; silakan coba lagi.",
        "The form expired; please try again.",
    ),
    ("box_1_9", "Kotak harus 1–9.", "The box must be 1–9."),
    (
        "write_reason_calibration_least",
        "Tulis alasan kalibrasi (minimal 10 karakter).",
        "Write the reason for the calibration (at least 10 characters).",
    ),
    (
        "person_box_calibrate_yet",
        "Pegawai ini belum mempunyai kotak untuk dikalibrasi.",
        "This person has no box to calibrate yet.",
    ),
    (
        "assessment_result_expired",
        "hasil asesmen kedaluwarsa",
        "the assessment result has expired",
    ),
    (
        "no_assessment_or_test_yet",
        "belum ada hasil asesmen atau tes potensi",
        "no assessment or potential test yet",
    ),
    (
        "no_skp_predikat_this_year",
        "SKP tahun ini tanpa predikat",
        "no SKP predikat this year",
    ),
    ("unknown_role", "Peran tidak dikenal.", "Unknown role."),
    (
        "passwords_need_least_10",
        "Kata sandi minimal 10 karakter.",
        "Passwords need at least 10 characters.",
    ),
    (
        "username_required_most_64",
        "Nama pengguna wajib diisi (maks. 64 karakter).",
        "A username is required (at most 64 characters).",
    ),
    (
        "pegawai_account_needs_nip",
        "Akun pegawai memerlukan NIP.",
        "A pegawai account needs a NIP.",
    ),
    (
        "own_account_cannot_deactivated",
        "Akun Anda sendiri tidak dapat dinonaktifkan dari sini.",
        "Your own account cannot be deactivated here.",
    ),
    (
        "target_0_100",
        "Target harus angka 0–100.",
        "The target must be a number 0–100.",
    ),
    ("invalid_year", "Tahun tidak sah.", "Invalid year."),
    (
        "small_group_threshold_must",
        "Ambang kelompok kecil harus 1–1000.",
        "The small-group threshold must be 1–1000.",
    ),
    (
        "choose_geojson_file",
        "Pilih berkas GeoJSON.",
        "Choose a GeoJSON file.",
    ),
    (
        "file_must_be_geojson",
        "Berkas harus teks UTF-8 (GeoJSON).",
        "The file must be UTF-8 text (GeoJSON).",
    ),
    ("tersimpan", "Tersimpan:", "Saved:"),
    (
        "tick_sure_deactivate_account",
        "Centang \"yakin\" untuk menonaktifkan akun.",
        "Tick \"sure\" to deactivate the account.",
    ),
    ("deactivated", "Dinonaktifkan:", "Deactivated:"),
    ("settings_saved", "Pengaturan tersimpan.", "Settings saved."),
    (
        "time_zone_must_be",
        "Zona waktu harus WIB, WITA atau WIT.",
        "The time zone must be WIB, WITA or WIT.",
    ),
    (
        "boundaries_saved_regions",
        "Batas wilayah tersimpan, wilayah",
        "Boundaries saved, regions",
    ),
    (
        "ratings_locked_cannot_changed",
        "Penilaian sudah dikunci dan tidak dapat diubah.",
        "The ratings are locked and cannot be changed.",
    ),
    (
        "fill_level_before_locking",
        "Isi level ini sebelum mengunci.",
        "Fill in this level before locking.",
    ),
    (
        "locked_fix_marked_entries",
        "Belum dikunci: isian yang ditandai perlu diperbaiki. Semua yang sudah diisi tersimpan sebagai draf.",
        "Not locked: fix the marked entries. Everything entered is kept as a draft.",
    ),
    (
        "some_entries_valid_marked",
        "Sebagian isian belum sah (ditandai). Semua yang sudah diisi tersimpan sebagai draf; level yang sah tersimpan.",
        "Some entries are not valid (marked). Everything entered is kept as a draft; the valid levels are saved.",
    ),
    ("all_competencies", "semua kompetensi", "all competencies"),
    (
        "cannot_finalise_yet_every",
        "Belum dapat difinalkan: semua asesor harus mengunci penilaiannya dan setiap kompetensi yang ditandai memerlukan level konsensus.",
        "Cannot finalise yet: every assessor must lock their ratings and every flagged competency needs a consensus level.",
    ),
    (
        "level_not_a_number",
        "Level bukan angka.",
        "The level is not a number.",
    ),
    (
        "write_rationale_least_10",
        "Tulis alasan konsensus (minimal 10 karakter).",
        "Write the rationale (at least 10 characters).",
    ),
    (
        "upload_cut_off_damaged",
        "Unggahan terputus atau rusak. Unggah ulang berkasnya.",
        "The upload was cut off or damaged. Upload the file again.",
    ),
    (
        "upload_cut_off_upload",
        "Unggahan terputus. Unggah ulang berkasnya.",
        "The upload was cut off. Upload the file again.",
    ),
    (
        "choose_xlsx_zip_file",
        "Pilih berkas XLSX atau ZIP untuk diunggah.",
        "Choose an XLSX or ZIP file to upload.",
    ),
    (
        "import_waiting_confirmation_already",
        "Impor ini tidak sedang menunggu konfirmasi (sudah dikonfirmasi atau dibatalkan).",
        "This import is not waiting for a confirmation (already confirmed or cancelled).",
    ),
    (
        "import_waiting_confirmation",
        "Impor ini tidak sedang menunggu konfirmasi.",
        "This import is not waiting for a confirmation.",
    ),
    (
        "import_ended_cancelled_already",
        "Impor ini sudah selesai atau sudah dibatalkan.",
        "This import has ended or was cancelled already.",
    ),
    (
        "import_package_not_kept",
        "Paket impor ini tidak disimpan lagi, jadi tidak dapat dipulihkan. Unggah berkas aslinya.",
        "This import's package is no longer kept, so it cannot be restored. Upload the original file.",
    ),
    (
        "only_import_stored_can",
        "Hanya impor yang pernah tersimpan yang dapat dipulihkan.",
        "Only an import that was stored can be restored.",
    ),
    (
        "belum_masuk",
        "Belum masuk. Masuk dahulu.",
        "Not logged in. Log in first.",
    ),
    (
        "tidak_berwenang_ini",
        "Anda tidak berwenang membuka ini.",
        "You are not allowed to open this.",
    ),
    (
        "terlalu_besar",
        "Kiriman terlalu besar untuk halaman ini. Periksa berkas atau isian yang dikirim.",
        "What was sent is too large for this page. Check the file or the fields sent.",
    ),
    (
        "kesalahan_server",
        "Terjadi kesalahan di server; coba lagi atau hubungi admin.",
        "The server failed; try again or ask the admin.",
    ),
    (
        "alamat_tidak_ada",
        "Alamat ini tidak ada.",
        "There is no such address.",
    ),
    (
        "alamat_tidak_menerima",
        "Alamat ini tidak menerima cara permintaan tersebut.",
        "This address does not take that kind of request.",
    ),
    (
        "permintaan_tidak_dapat_diproses",
        "Permintaan tidak dapat diproses.",
        "The request cannot be processed.",
    ),
    (
        "permintaan_tidak_terbaca",
        "Permintaan tidak dapat dibaca: periksa isian formulir atau alamat halaman, lalu coba lagi.",
        "The request could not be read: check the form's fields or the page's address, then try again.",
    ),
    (
        "csrf_ditolak",
        "Permintaan ditolak (CSRF): {} Muat ulang halaman lalu coba lagi.",
        "Request refused (CSRF): {} Reload the page and try again.",
    ),
    (
        "csrf_asal",
        "asal permintaan tidak dikenal.",
        "unknown origin.",
    ),
    ("csrf_belum_masuk", "belum masuk.", "not logged in."),
    (
        "csrf_sesi",
        "sesi tidak berlaku.",
        "the session is not valid.",
    ),
    ("csrf_token_salah", "token salah.", "wrong token."),
    ("csrf_token_tidak_ada", "token tidak ada.", "missing token."),
    (
        "csrf_token_salah_tidak_ada",
        "token salah atau tidak ada.",
        "wrong or missing token.",
    ),
    (
        "formulir_terlalu_besar",
        "Formulir terlalu besar.",
        "The form is too large.",
    ),
    (
        "kategori_tak_dikenal",
        "Kategori {} tidak dikenal.",
        "Unknown category {}.",
    ),
    (
        "jenis_jabatan_tak_dikenal",
        "Jenis jabatan {} tidak dikenal.",
        "Unknown position type {}.",
    ),
    (
        "tanda_tak_dikenal",
        "Tanda {} tidak dikenal.",
        "Unknown flag {}.",
    ),
    (
        "urutan_tak_dikenal",
        "Urutan {} tidak dikenal.",
        "Unknown sort {}.",
    ),
    (
        "aturan_tak_dikenal",
        "Aturan {} tidak dikenal.",
        "Unknown rule set {}.",
    ),
    (
        "aturan_asesmen_tidak_sah",
        "Aturan asesmen tidak sah: {}",
        "Invalid assessment rules: {}",
    ),
    (
        "impor_lain_berjalan",
        "Impor lain sedang berjalan (#{}, oleh {} sejak {}). Satu impor berjalan pada satu waktu: tunggu hingga selesai, lalu unggah lagi.",
        "Another import is running (#{}, by {} since {}). One import runs at a time: wait until it has finished, then upload again.",
    ),
    ("gagal", "Gagal: {}", "Failed: {}"),
    (
        "batas_tidak_sah",
        "Berkas batas wilayah tidak sah: {}",
        "Invalid boundary file: {}",
    ),
    (
        "batas_tanpa_wilayah",
        "Berkas batas wilayah tidak berisi wilayah.",
        "The boundary file has no regions.",
    ),
    (
        "level_tidak_sah",
        "Level {} tidak sah: 1–5 dengan langkah {}.",
        "Level {} is not valid: 1–5 in steps of {}.",
    ),
    (
        "level_bukan_angka",
        "Level {} bukan angka.",
        "Level {} is not a number.",
    ),
    (
        "ringkasan_galat",
        "{} galat, {} peringatan",
        "{} errors, {} warnings",
    ),
    (
        "tombol_hapus_keduanya",
        "Hapus {} pegawai dan {} unor, lalu simpan",
        "Remove {} persons and {} units, then save",
    ),
    (
        "tombol_hapus_pegawai",
        "Hapus {} pegawai dan simpan",
        "Remove {} persons and save",
    ),
    (
        "tombol_hapus_unor",
        "Hapus {} unor dan simpan",
        "Remove {} units and save",
    ),
    (
        "masalah_dipotong",
        "{}: {} masalah sejenis; {} yang pertama disimpan dan ditampilkan. Perbaiki polanya lalu unggah ulang; daftar lengkap: `ipasn compute PAKET --problems masalah.csv`.",
        "{}: {} problems of one kind; the first {} are kept and shown. Fix the pattern and upload again; the full list: `ipasn compute PACKAGE --problems problems.csv`.",
    ),
    (
        "acara_nama_wajib",
        "Nama acara wajib diisi.",
        "The event needs a name.",
    ),
    (
        "acara_tanggal",
        "Tanggal {}: tulis sebagai YYYY-MM-DD.",
        "Date {}: write it as YYYY-MM-DD.",
    ),
    (
        "acara_latihan_bentuk",
        "Latihan baris {}: tulis \"Nama latihan: M.01, M.02\".",
        "Exercises line {}: write \"Exercise name: M.01, M.02\".",
    ),
    (
        "acara_latihan_kode",
        "Latihan baris {}: kode kompetensi {} tidak dikenal.",
        "Exercises line {}: unknown competency code {}.",
    ),
    (
        "acara_latihan_minimal",
        "Isi minimal satu latihan dengan kompetensinya.",
        "Give at least one exercise with its competencies.",
    ),
    (
        "acara_peserta_bentuk",
        "Peserta baris {}: tulis \"NIP: asesor1, asesor2\".",
        "Assessees line {}: write \"NIP: assessor1, assessor2\".",
    ),
    (
        "acara_peserta_nip",
        "Peserta baris {}: NIP {} tidak ada di data.",
        "Assessees line {}: NIP {} is not in the data.",
    ),
    (
        "acara_peserta_asesor_minimal",
        "Peserta baris {}: minimal {} asesor.",
        "Assessees line {}: at least {} assessors.",
    ),
    (
        "acara_peserta_bukan_asesor",
        "Peserta baris {}: {} bukan akun asesor.",
        "Assessees line {}: {} is not an assessor account.",
    ),
    (
        "acara_peserta_minimal",
        "Isi minimal satu peserta.",
        "Give at least one assessee.",
    ),
    (
        "geojson_tanpa_features",
        "Berkas batas wilayah tidak sah: GeoJSON tanpa larik \"features\".",
        "Invalid boundary file: GeoJSON without a \"features\" array.",
    ),
    (
        "geojson_tanpa_kode",
        "Berkas batas wilayah tidak sah: fitur ke-{} tanpa properti \"kode\".",
        "Invalid boundary file: feature {} has no \"kode\" property.",
    ),
];
