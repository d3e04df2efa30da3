//! What the import service's tests share.

/// The spec's example package (`tests/paket/contoh-spec`) as a ZIP of its CSV files.
pub fn contoh_spec_zip() -> Vec<u8> {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/paket/contoh-spec");
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy().to_string();
            n.ends_with(".csv") && !n.starts_with("expected")
        })
        .collect();
    names.sort();
    for p in names {
        z.start_file(
            p.file_name().unwrap().to_string_lossy(),
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        std::io::Write::write_all(&mut z, &std::fs::read(&p).unwrap()).unwrap();
    }
    z.finish().unwrap().into_inner()
}
