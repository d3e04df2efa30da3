//! The architecture's invariants, enforced (in the manner of rust-analyzer's tidy tests):
//!
//! - the domain crates (`ipasn-core`, `ipasn-asesmen`, `ipasn-instrumen`, `ipasn-rencana`) depend on no IO crate: no runtime, no
//!   database, no HTTP, no file format, no clock or randomness;
//! - `ipasn-store` and `ipasn-web` depend on no file-format crate (file formats live in
//!   `ipasn-data`; the web may use `tempfile` for uploads);
//! - dependencies point down the layers (`ipasn` → web → app → store → data → core; asesmen
//!   beside core);
//! - every dependency a crate lists is used by its code;
//! - no source file is longer than 800 lines outside its test module (files over it today are
//!   listed with their current length as a ceiling: they may shrink, not grow);
//! - the web speaks through its catalogue (`ipasn-web/src/teks/`): no `pick(` and no inline
//!   message (a string literal of words) in its handlers.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The `[dependencies]` (not dev) of each workspace crate, by crate folder name.
fn dependencies() -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(root().join("crates")).unwrap() {
        let dir = e.unwrap().path();
        let Ok(text) = std::fs::read_to_string(dir.join("Cargo.toml")) else {
            continue;
        };
        let v: toml::Table = toml::from_str(&text).unwrap();
        let mut deps: Vec<String> = v
            .get("dependencies")
            .and_then(|d| d.as_table())
            .map(|t| t.keys().cloned().collect())
            .unwrap_or_default();
        if let Some(targets) = v.get("target").and_then(|t| t.as_table()) {
            for (_, t) in targets {
                if let Some(d) = t.get("dependencies").and_then(|d| d.as_table()) {
                    deps.extend(d.keys().cloned());
                }
            }
        }
        out.insert(dir.file_name().unwrap().to_string_lossy().to_string(), deps);
    }
    out
}

/// Crates that do IO of some kind: none of them in a domain crate.
const IO: &[&str] = &[
    "tokio",
    "tokio-util",
    "sqlx",
    "axum",
    "tower",
    "tower-http",
    "hyper",
    "reqwest",
    "askama",
    "rust-embed",
    "calamine",
    "csv",
    "rust_xlsxwriter",
    "zip",
    "encoding_rs",
    "memmap2",
    "tempfile",
    "argon2",
    "rand",
    "rand_chacha",
    "time",
    "libc",
    "indicatif",
    "clap",
    "tracing",
    "tracing-subscriber",
    "serde_json",
];

/// File formats: only `ipasn-data` (and the binary's CLI) reads or writes them.
const FORMATS: &[&str] = &[
    "calamine",
    "toml_edit",
    "csv",
    "rust_xlsxwriter",
    "zip",
    "encoding_rs",
    "memmap2",
];

/// The layer of each crate: a crate may depend only on crates of lower layers.
fn layer(name: &str) -> Option<u8> {
    Some(match name {
        "ipasn-core" | "ipasn-asesmen" | "ipasn-instrumen" | "ipasn-rencana" => 0,
        "ipasn-data" => 1,
        "ipasn-store" => 2,
        "ipasn-app" => 3,
        "ipasn-web" => 4,
        "ipasn" => 5,
        _ => return None,
    })
}

/// Dependencies a crate is allowed beyond the rules below, with the reason.
const ALLOWED: &[(&str, &str, &str)] = &[(
    "ipasn-web",
    "tempfile",
    "uploads are spooled to temporary files",
)];

/// Rule breaks that exist today and are being removed (issue 11: one table module in
/// `ipasn-data`). The test fails on a new one, and on an entry that is gone (so the list only
/// shrinks).
const PENDING: &[&str] = &[];

fn domain_violations(deps: &BTreeMap<String, Vec<String>>) -> Vec<String> {
    let mut bad = vec![];
    for (krate, list) in deps {
        let Some(l) = layer(krate) else { continue };
        for d in list {
            let allowed = ALLOWED.iter().any(|a| a.0 == krate && a.1 == d);
            if l == 0 && IO.contains(&d.as_str()) {
                bad.push(format!("{krate} (domain) depends on the IO crate {d}"));
            }
            if (krate == "ipasn-store" || krate == "ipasn-web")
                && FORMATS.contains(&d.as_str())
                && !allowed
            {
                bad.push(format!("{krate} depends on the file-format crate {d}"));
            }
            if let Some(dl) = layer(d)
                && dl >= l
                && !(l == 0 && dl == 0 && krate != "ipasn-core" && d == "ipasn-core")
            {
                bad.push(format!("{krate} depends on {d}, a layer not below it"));
            }
        }
    }
    bad
}

#[test]
fn domain_crates_do_no_io_and_layers_point_down() {
    let bad = domain_violations(&dependencies());
    let new: Vec<_> = bad
        .iter()
        .filter(|b| !PENDING.contains(&b.as_str()))
        .collect();
    let gone: Vec<_> = PENDING
        .iter()
        .filter(|p| !bad.iter().any(|b| b == *p))
        .collect();
    assert!(new.is_empty(), "{new:#?}");
    assert!(gone.is_empty(), "fixed: remove from PENDING: {gone:#?}");
}

/// The rule itself: a domain crate that gains an IO dependency is refused.
#[test]
fn the_rule_refuses_an_io_dependency_in_a_domain_crate() {
    let mut deps = dependencies();
    deps.get_mut("ipasn-core").unwrap().push("tokio".into());
    deps.get_mut("ipasn-asesmen").unwrap().push("sqlx".into());
    deps.get_mut("ipasn-store").unwrap().push("calamine".into());
    let bad = domain_violations(&deps);
    assert!(
        bad.iter()
            .any(|b| b.contains("ipasn-core (domain) depends on the IO crate tokio"))
    );
    assert!(
        bad.iter()
            .any(|b| b.contains("ipasn-asesmen (domain) depends on the IO crate sqlx"))
    );
    assert!(
        bad.iter()
            .any(|b| b.contains("ipasn-store depends on the file-format crate calamine"))
    );
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn every_listed_dependency_is_used() {
    let mut unused = vec![];
    for (krate, list) in dependencies() {
        let dir = root().join("crates").join(&krate);
        let mut files = vec![];
        sources(&dir.join("src"), &mut files);
        let text: String = files
            .iter()
            .map(|f| std::fs::read_to_string(f).unwrap())
            .collect::<Vec<_>>()
            .join("\n");
        for d in list {
            let ident = d.replace('-', "_");
            let used = [
                format!("{ident}::"),
                format!("use {ident}"),
                format!("{ident} as "),
                format!("#[derive({ident}"),
                format!("extern crate {ident}"),
            ]
            .iter()
            .any(|p| text.contains(p.as_str()));
            // Derive-only crates: the derive names them differently.
            let derive_only =
                matches!(d.as_str(), "thiserror" if text.contains("thiserror::Error"));
            if !used && !derive_only {
                unused.push(format!("{krate}: {d}"));
            }
        }
    }
    assert!(unused.is_empty(), "listed but not used: {unused:?}");
}

/// Source files over the limit today, with their length as a ceiling (issue 11 splits them).
const OVERSIZE: &[(&str, usize)] = &[
    ("crates/ipasn/src/main.rs", 809),
    ("crates/ipasn-data/src/lembar/mod.rs", 1032),
    ("crates/ipasn-data/src/generator.rs", 1214),
];

/// Lines of a file before its test module.
fn code_lines(text: &str) -> usize {
    let mut n = 0;
    for line in text.lines() {
        if line.starts_with("#[cfg(test)]") {
            break;
        }
        n += 1;
    }
    n
}

#[test]
fn no_source_file_over_800_lines() {
    let mut files = vec![];
    sources(&root().join("crates"), &mut files);
    let mut bad = vec![];
    for f in files {
        let rel = f
            .strip_prefix(root())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel.contains("/tests/") || rel.contains("/examples/") || rel.contains("/benches/") {
            continue;
        }
        let n = code_lines(&std::fs::read_to_string(&f).unwrap());
        let ceiling = OVERSIZE
            .iter()
            .find(|o| rel.ends_with(o.0))
            .map(|o| o.1)
            .unwrap_or(800);
        if n > ceiling {
            bad.push(format!("{rel}: {n} lines (at most {ceiling})"));
        }
        if ceiling > 800 && n <= 800 {
            bad.push(format!("{rel}: {n} lines now: remove it from OVERSIZE"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// Web files that keep inline words for now, with the reason. The list only shrinks.
const WORDS_PENDING: &[(&str, &str)] = &[];

/// Web files whose words are not the interface's: the OpenAPI document's descriptions are
/// written for developers, in English, like the code.
const WORDS_NOT_UI: &[&str] = &["crates/ipasn-web/src/api.rs"];

/// Lines whose literals are for the operator or the record, not the user: logs, panics, the
/// server error's detail (logged, never shown), audit details.
const NOT_UI_CONTEXT: &[&str] = &[
    "tracing::",
    "eprintln!",
    "expect(",
    "panic!",
    "Server(",
    "catat(",
    "rincian",
];

/// The string literals of a line of Rust (plain `"…"` literals; char literals skipped).
fn literals(line: &str) -> Vec<String> {
    let b = line.as_bytes();
    let (mut out, mut i) = (vec![], 0);
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => break,
            b'\'' if b.get(i + 2) == Some(&b'\'') => i += 3,
            b'\'' if b.get(i + 1) == Some(&b'\\') && b.get(i + 3) == Some(&b'\'') => i += 4,
            b'"' => {
                let mut j = i + 1;
                let mut s = String::new();
                while j < b.len() && b[j] != b'"' {
                    if b[j] == b'\\' {
                        j += 1;
                    }
                    if j < b.len() {
                        s.push(b[j] as char);
                    }
                    j += 1;
                }
                out.push(s);
                i = j + 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// Whether a literal reads as a message: two or more words of letters.
fn is_message(s: &str) -> bool {
    let words = s
        .split_whitespace()
        .filter(|w| {
            let w = w.trim_end_matches([',', '.', ':', ';', '!', '?', ')']);
            w.len() >= 2 && w.chars().all(|c| c.is_ascii_alphabetic())
        })
        .count();
    words >= 2
}

/// What a web source file says outside the catalogue: `pick(` calls and inline messages.
fn inline_words(rel: &str, text: &str) -> Vec<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    let lines: Vec<&str> = code.lines().collect();
    let mut bad = vec![];
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        if t.starts_with("//") {
            continue;
        }
        if line.contains("pick(") {
            bad.push(format!("{rel}:{}: pick( — use a key of teks/", i + 1));
        }
        let context = lines[i.saturating_sub(4)..=i].join("\n");
        if NOT_UI_CONTEXT.iter().any(|c| context.contains(c)) {
            continue;
        }
        for s in literals(line) {
            if is_message(&s) {
                bad.push(format!(
                    "{rel}:{}: inline message {s:?} — use a key of teks/",
                    i + 1
                ));
            }
        }
    }
    bad
}

#[test]
fn web_words_come_from_the_catalogue() {
    let mut files = vec![];
    sources(&root().join("crates/ipasn-web/src"), &mut files);
    let mut bad = vec![];
    for f in files {
        let rel = f
            .strip_prefix(root())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel.contains("/teks/")
            || WORDS_NOT_UI.contains(&rel.as_str())
            || WORDS_PENDING.iter().any(|p| p.0 == rel)
        {
            continue;
        }
        bad.extend(inline_words(&rel, &std::fs::read_to_string(&f).unwrap()));
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    for (p, _) in WORDS_PENDING {
        let text = std::fs::read_to_string(root().join(p)).unwrap();
        assert!(
            !inline_words(p, &text).is_empty(),
            "{p} speaks through the catalogue now: remove it from WORDS_PENDING"
        );
    }
}

/// The check itself: a `pick(` call and an inline message are refused; keys, paths and log
/// lines pass.
#[test]
fn the_word_check_refuses_inline_words() {
    let src = r#"
fn a(u: &U) -> String {
    let x = u.lang.pick("Tersimpan", "Saved");
    let y = u.permintaan("Kata sandi minimal 10 karakter.");
    let z = t.s("login_gagal");
    tracing::error!("server error: {e}");
    Redirect::to("/asesmen/acara")
}
"#;
    let bad = inline_words("x.rs", src);
    assert_eq!(bad.len(), 2, "{bad:#?}");
    assert!(bad[0].contains("x.rs:3: pick("));
    assert!(bad[1].contains("x.rs:4: inline message"));
}
