//! `newsgraph train ner`: trains the entity tagger from GUM and MEANTIME;
//! `newsgraph train syntax`: the tagger, lemmatiser and parser from UD English.
use anyhow::Context;
use newsgraph_nlp::corpus::{self, Split};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum TrainCommand {
    /// Train the named-entity tagger (averaged perceptron) and write the model file.
    Ner {
        /// GUM folder (with `dep/*.conllu`).
        #[arg(long, default_value = "../shared/data/entities/gum-train")]
        gum: PathBuf,
        /// MEANTIME folder (NAF-style XML, searched recursively).
        #[arg(long, default_value = "../shared/data/entities/meantime")]
        meantime: PathBuf,
        /// Which documents to train on: `train` leaves the `dev` split out for evaluation.
        #[arg(long, default_value = "train", value_parser = ["train", "all"])]
        split: String,
        #[arg(long, default_value_t = 20)]
        epochs: usize,
        /// log2 of the number of rows of the weight table.
        #[arg(long, default_value_t = 18)]
        rows_log2: u32,
        /// Where to write the model (required: there is no default, so a run never
        /// overwrites the shipped `crates/nlp/data/ner.model` by accident; pass that
        /// path to replace it on purpose).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Train the syntax layer (UPOS tagger, lemmatiser, dependency parser) from UD English
    /// EWT train and the GUM train split, and write the model file.
    Syntax(super::train_syntax::Args),
}

pub fn run(cmd: TrainCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        TrainCommand::Syntax(a) => super::train_syntax::run(a),
        TrainCommand::Ner {
            gum,
            meantime,
            split,
            epochs,
            rows_log2,
            out,
        } => {
            anyhow::ensure!(
                (10..=22).contains(&rows_log2),
                "--rows-log2 must be within 10..=22"
            );
            let split = if split == "all" {
                Split::All
            } else {
                Split::Train
            };
            let mut docs = corpus::read_gum(&gum, split, false)
                .with_context(|| format!("reading GUM from {}", gum.display()))?;
            let n_gum = docs.len();
            docs.extend(
                corpus::read_meantime(&meantime, split)
                    .with_context(|| format!("reading MEANTIME from {}", meantime.display()))?,
            );
            note!(
                "training on {} GUM + {} MEANTIME documents ({split:?} split)",
                n_gum,
                docs.len() - n_gum
            );
            let t0 = std::time::Instant::now();
            let (model, report) = newsgraph_nlp::ner::train(&docs, epochs, rows_log2);
            let bytes = model.to_bytes();
            std::fs::write(&out, &bytes).with_context(|| format!("writing {}", out.display()))?;
            note!(
                "{} docs, {} tokens, {} mentions ({} not on token boundaries, skipped); epoch error rates: {}",
                report.docs,
                report.tokens,
                report.mentions,
                report.misaligned,
                report.epoch_errors.iter().map(|e| format!("{:.4}", e)).collect::<Vec<_>>().join(" ")
            );
            note!(
                "wrote {} ({} bytes) in {:.1}s",
                out.display(),
                bytes.len(),
                t0.elapsed().as_secs_f64()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
