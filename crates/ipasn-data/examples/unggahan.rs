//! Reads an upload as the web application does, for measuring: `unggahan paket FILE` unpacks a
//! package upload (ZIP of CSV, or XLSX) into a temporary folder; `unggahan tabel FILE` reads a
//! small table (CSV or XLSX). Prints the outcome.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let isi = std::fs::read(&args[2]).expect("file");
    let t = std::time::Instant::now();
    match args[1].as_str() {
        "paket" => {
            let dir = tempfile::tempdir().unwrap();
            match ipasn_data::arsip::unpack(&args[2], &isi, dir.path(), &Default::default()) {
                Ok(p) => println!("ok: {}", p.display()),
                Err(p) => println!("{}", p.render(ipasn_core::teks::Lang::Id)),
            }
        }
        _ => match ipasn_data::tabel::baca(&args[2], &isi, &Default::default()) {
            Ok(t) => println!("ok: {} rows", t.len()),
            Err(p) => println!("{}", p.render(ipasn_core::teks::Lang::En)),
        },
    }
    eprintln!("{:?}", t.elapsed());
}
