//! `newsgraph eval registry`: cross-document entity identity (B-cubed) on MEANTIME and ECB+.
use newsgraph_eval::registry::{self, Config};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// MEANTIME cross-document folder.
    #[arg(long, default_value = "../shared/data/entities/meantime-crossdoc")]
    meantime: PathBuf,
    /// ECB+ folder (with `ECB+/` and `ECBplus_coreference_sentences.csv`).
    #[arg(long, default_value = "../shared/data/stories/ecbplus-dev")]
    ecbplus: PathBuf,
    /// Write texts, gold and system mentions as JSON Lines (input of
    /// bench/registry/spacy_registry.py, which scores spaCy sm + exact name beside it).
    #[arg(long)]
    dump: Option<PathBuf>,
    /// Keep the stores built for scoring under this folder (one per set).
    #[arg(long)]
    keep_store: Option<PathBuf>,
    /// MEANTIME documents: `all` 60, or the `dev` fifth the shipped NER model was not
    /// trained on.
    #[arg(long, default_value = "all", value_parser = ["all", "dev"])]
    split: String,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let present = |p: &PathBuf| if p.exists() { Some(p.clone()) } else { None };
    let cfg = Config {
        meantime: present(&a.meantime),
        ecbplus: present(&a.ecbplus),
        dump: a.dump,
        keep_store: a.keep_store,
        split: Some(if a.split == "dev" {
            newsgraph_nlp::corpus::Split::Dev
        } else {
            newsgraph_nlp::corpus::Split::All
        }),
    };
    anyhow::ensure!(
        cfg.meantime.is_some() || cfg.ecbplus.is_some(),
        "neither --meantime ({}) nor --ecbplus ({}) exists",
        a.meantime.display(),
        a.ecbplus.display()
    );
    let scores = registry::run(&cfg)?;
    if a.json {
        println!("{}", serde_json::to_string_pretty(&scores)?);
    } else {
        print!("{}", registry::report(&scores));
    }
    Ok(ExitCode::SUCCESS)
}
