//! `newsgraph train syntax`: the syntax layer from UD English EWT train + GUM's train split.
use anyhow::Context;
use newsgraph_nlp::corpus::Split;
use newsgraph_nlp::syntax::{conllu, train};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// UD English EWT training file.
    #[arg(
        long,
        default_value = "../shared/data/syntax/ud-english-ewt/en_ewt-ud-train.conllu"
    )]
    ewt: PathBuf,
    /// GUM folder (with `dep/*.conllu`); its check split (every fifth file) is left out.
    #[arg(long, default_value = "../shared/data/entities/gum-train")]
    gum: PathBuf,
    #[arg(long, default_value = "crates/nlp/data/syntax.model")]
    out: PathBuf,
    #[arg(long, default_value_t = 10)]
    tagger_epochs: usize,
    #[arg(long, default_value_t = 15)]
    parser_epochs: usize,
    /// Folds of jackknifed tags the parser trains on (0: gold tags).
    #[arg(long, default_value_t = 4)]
    jackknife: usize,
    /// log2 rows of the tagger / parser / arc labeler weight tables (the arc labeler,
    /// which names each arc as the parser makes it, trains with the parser's epochs).
    #[arg(long, default_value_t = 18)]
    tagger_rows_log2: u32,
    #[arg(long, default_value_t = 21)]
    parser_rows_log2: u32,
    #[arg(long, default_value_t = 17)]
    labeler_rows_log2: u32,
    /// Epochs of the tree-bounds perceptron (sentence ends inside the pipeline's sentences).
    #[arg(long, default_value_t = 5)]
    bounds_epochs: usize,
    /// Its margin: a tree ends inside a sentence where score(end) − score(no end) exceeds
    /// this (−5: best of −20..60 on the EWT dev tune half, from raw text).
    #[arg(long, default_value_t = -5.0, allow_hyphen_values = true)]
    bounds_margin: f32,
    /// Word clusters (`newsgraph train clusters`) for the parser's features; none by
    /// default (EWT dev gold words, same seed: UAS tune 0.8499 → 0.8494, check 0.8343 →
    /// 0.8392; the tagger gained nothing from them).
    #[arg(long, value_name = "FILE")]
    clusters: Option<PathBuf>,
    /// No second tagger pass (the one reading the first pass's tags to the right).
    #[arg(long)]
    one_pass: bool,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    for r in [a.tagger_rows_log2, a.parser_rows_log2, a.labeler_rows_log2] {
        anyhow::ensure!(
            (10..=22).contains(&r),
            "--*-rows-log2 must be within 10..=22"
        );
    }
    anyhow::ensure!(
        a.one_pass || a.jackknife >= 2,
        "the second tagger pass learns on jackknifed tags: --jackknife 2 or more, or --one-pass"
    );
    let t0 = std::time::Instant::now();
    let mut docs =
        conllu::read_file(&a.ewt).with_context(|| format!("reading {}", a.ewt.display()))?;
    let n_ewt = docs.len();
    docs.extend(
        conllu::read_split(&a.gum, Split::Train)
            .with_context(|| format!("reading GUM from {}", a.gum.display()))?,
    );
    eprintln!(
        "training on {n_ewt} EWT + {} GUM documents",
        docs.len() - n_ewt
    );
    let clusters = match &a.clusters {
        Some(p) => {
            let text =
                std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
            newsgraph_nlp::syntax::clusters::Clusters::read(&text)
                .map_err(|e| anyhow::anyhow!("{}: bad cluster table at {e}", p.display()))?
        }
        None => Default::default(),
    };
    let cfg = train::TrainConfig {
        clusters,
        two_pass: !a.one_pass,
        tagger_epochs: a.tagger_epochs,
        parser_epochs: a.parser_epochs,
        tagger_rows_log2: a.tagger_rows_log2,
        parser_rows_log2: a.parser_rows_log2,
        labeler_rows_log2: a.labeler_rows_log2,
        jackknife: a.jackknife,
        bounds_epochs: a.bounds_epochs,
        bounds_margin: a.bounds_margin,
        ..Default::default()
    };
    let (model, report) = train::train(&docs, &cfg);
    let bytes = model.to_bytes();
    std::fs::write(&a.out, &bytes).with_context(|| format!("writing {}", a.out.display()))?;
    let errs = |v: &[f64]| {
        v.iter()
            .map(|e| format!("{e:.4}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    eprintln!("{} sentences, {} words", report.sentences, report.words);
    eprintln!("tagger epoch error rates: {}", errs(&report.tagger_errors));
    if !report.second_pass_errors.is_empty() {
        eprintln!(
            "second tagger pass epoch error rates: {}",
            errs(&report.second_pass_errors)
        );
    }
    if let Some(acc) = report.jackknife_accuracy {
        eprintln!(
            "jackknifed training tags ({} folds): accuracy {acc:.4}",
            a.jackknife
        );
    }
    eprintln!(
        "parser epoch wrong-move rates: {}",
        errs(&report.parser_errors)
    );
    eprintln!(
        "tree-bounds epoch error rates: {}",
        errs(&report.bounds_errors)
    );
    eprintln!(
        "wrote {} ({} bytes) in {:.1}s",
        a.out.display(),
        bytes.len(),
        t0.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
