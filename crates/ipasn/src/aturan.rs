//! `ipasn rules …`: list, print or check a rule set.

use crate::load_rules;
use clap::Subcommand;
use ipasn_core::rules::{BUILTIN, RuleSet};
use ipasn_core::teks::Lang;
use std::path::PathBuf;

/// `ipasn rules` subcommands.
#[derive(Subcommand, Debug)]
pub enum RulesAction {
    /// Daftar aturan bawaan. (List shipped rule sets.)
    List,
    /// Cetak isi aturan (untuk disalin dan diubah). (Print a rule set, to copy and adapt.)
    Show {
        /// Id bawaan. (Shipped id.)
        #[arg(default_value = "perban-8-2019")]
        id: String,
    },
    /// Periksa berkas aturan. (Check a rule file.)
    Check {
        /// Berkas TOML. (TOML file.)
        file: PathBuf,
    },
}

/// Runs a subcommand.
pub fn rules_cmd(action: RulesAction, lang: Lang) -> anyhow::Result<()> {
    match action {
        RulesAction::List => {
            for (id, _) in BUILTIN {
                let r = RuleSet::builtin(id).expect("shipped");
                println!("{id}\t{}\tsha256 {}", r.nama, r.hash);
            }
        }
        RulesAction::Show { id } => match BUILTIN.iter().find(|(i, _)| *i == id) {
            Some((_, text)) => print!("{text}"),
            None => {
                load_rules(&id, lang)?;
            }
        },
        RulesAction::Check { file } => {
            let r = load_rules(&file.display().to_string(), lang)?;
            println!(
                "{} {} ({}) sha256 {}",
                lang.pick("Aturan valid:", "Rule set is valid:"),
                r.id,
                r.nama,
                r.hash
            );
        }
    }
    Ok(())
}
