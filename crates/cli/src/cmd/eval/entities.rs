//! `newsgraph eval entities`: named entities on GUM and MEANTIME.
use newsgraph_eval::entities::{self, Config};
use newsgraph_nlp::corpus::Split;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// GUM folder (with `dep/*.conllu`).
    #[arg(long, default_value = "../shared/data/entities/gum-train")]
    gum: PathBuf,
    /// MEANTIME folder.
    #[arg(long, default_value = "../shared/data/entities/meantime")]
    meantime: PathBuf,
    /// FiNER-ORD test file (financial news, CC BY-NC: scored only, never trained on);
    /// skipped when absent.
    #[arg(
        long,
        default_value = "../shared/data/entities/finer-ord-nc/test.conll"
    )]
    finer: PathBuf,
    /// Documents to score: `dev` is the held-out fifth the shipped model was not trained on.
    #[arg(long, default_value = "dev", value_parser = ["dev", "train", "all"])]
    split: String,
    /// Write gold and predictions as JSON Lines (input of bench/entities/spacy_eval.py).
    #[arg(long)]
    dump: Option<PathBuf>,
    /// Use this model file instead of the shipped one.
    #[arg(long)]
    model: Option<PathBuf>,
    /// Instead of scoring: time the entity layer over the `.txt` files of this folder.
    #[arg(long)]
    bench_corpus: Option<PathBuf>,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    if let Some(dir) = &a.bench_corpus {
        let model = match &a.model {
            Some(p) => newsgraph_nlp::EntityModel::load(p)?,
            None => newsgraph_nlp::EntityModel::load_default()?,
        };
        let r = entities::bench_corpus(dir, &model)?;
        if a.json {
            out!("{}", serde_json::to_string(&r)?);
        } else {
            out!(
                "newsgraph entities: {} articles, {} tokens in {:.3}s: {:.1} articles/s, {:.0} tokens/s ({} entities)",
                r.articles, r.tokens, r.seconds, r.articles_per_s, r.tokens_per_s, r.entities
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    let split = match a.split.as_str() {
        "train" => Split::Train,
        "all" => Split::All,
        _ => Split::Dev,
    };
    let present = |p: &PathBuf| if p.exists() { Some(p.clone()) } else { None };
    let cfg = Config {
        gum: present(&a.gum),
        meantime: present(&a.meantime),
        split,
        dump: a.dump,
        model: a.model,
        finer: present(&a.finer),
    };
    anyhow::ensure!(
        cfg.gum.is_some() || cfg.meantime.is_some(),
        "neither --gum nor --meantime folder exists"
    );
    let scores = entities::run(&cfg)?;
    if a.json {
        out!("{}", serde_json::to_string_pretty(&scores)?);
    } else {
        out!("{}", entities::report(&scores).trim_end());
    }
    Ok(ExitCode::SUCCESS)
}
