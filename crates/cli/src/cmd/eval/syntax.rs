//! `newsgraph eval syntax`: UPOS, lemmas, UAS/LAS from raw text on UD English.
use newsgraph_eval::syntax::{self, Config};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// UD English EWT dev file (scored in a tune and a check half).
    #[arg(
        long,
        default_value = "../shared/data/syntax/ud-english-ewt/en_ewt-ud-dev.conllu"
    )]
    ewt_dev: PathBuf,
    /// GUM folder: its check split (every fifth file, never trained on) is scored.
    #[arg(long, default_value = "../shared/data/entities/gum-train")]
    gum: PathBuf,
    /// Use this model file instead of the shipped one.
    #[arg(long)]
    model: Option<PathBuf>,
    /// Python with spaCy + en_core_web_sm for the peer rows (default: .venv/bin/python
    /// when it exists); `none` skips spaCy.
    #[arg(long)]
    spacy_python: Option<String>,
    /// Also score on the gold words and sentences (the tagger and parser alone).
    #[arg(long)]
    gold_words: bool,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let present = |p: &PathBuf| p.exists().then(|| p.clone());
    let script = PathBuf::from("bench/syntax/spacy_parse.py");
    let python = match a.spacy_python.as_deref() {
        Some("none") => None,
        Some(p) => Some(PathBuf::from(p)),
        None => Some(PathBuf::from(".venv/bin/python")).filter(|p| p.exists()),
    };
    let cfg = Config {
        ewt_dev: present(&a.ewt_dev),
        gum: present(&a.gum),
        model: a.model,
        spacy: python.filter(|_| script.exists()).map(|p| (p, script)),
        gold_words: a.gold_words,
    };
    anyhow::ensure!(
        cfg.ewt_dev.is_some() || cfg.gum.is_some(),
        "neither --ewt-dev nor --gum exists"
    );
    let scores = syntax::run(&cfg)?;
    if a.json {
        println!("{}", serde_json::to_string_pretty(&scores)?);
    } else {
        print!("{}", syntax::report(&scores));
    }
    Ok(ExitCode::SUCCESS)
}
