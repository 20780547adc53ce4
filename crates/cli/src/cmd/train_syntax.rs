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
    #[arg(long, default_value_t = 8)]
    labeler_epochs: usize,
    /// Folds of jackknifed tags the parser trains on (0: gold tags).
    #[arg(long, default_value_t = 4)]
    jackknife: usize,
    /// log2 rows of the tagger / parser / labeler weight tables.
    #[arg(long, default_value_t = 18)]
    tagger_rows_log2: u32,
    #[arg(long, default_value_t = 21)]
    parser_rows_log2: u32,
    #[arg(long, default_value_t = 16)]
    labeler_rows_log2: u32,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    for r in [a.tagger_rows_log2, a.parser_rows_log2, a.labeler_rows_log2] {
        anyhow::ensure!(
            (10..=22).contains(&r),
            "--*-rows-log2 must be within 10..=22"
        );
    }
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
    let cfg = train::TrainConfig {
        tagger_epochs: a.tagger_epochs,
        parser_epochs: a.parser_epochs,
        labeler_epochs: a.labeler_epochs,
        tagger_rows_log2: a.tagger_rows_log2,
        parser_rows_log2: a.parser_rows_log2,
        labeler_rows_log2: a.labeler_rows_log2,
        jackknife: a.jackknife,
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
        "labeler epoch error rates: {}",
        errs(&report.labeler_errors)
    );
    eprintln!(
        "wrote {} ({} bytes) in {:.1}s",
        a.out.display(),
        bytes.len(),
        t0.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
