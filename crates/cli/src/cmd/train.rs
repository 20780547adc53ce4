//! `newsgraph train ner`: trains the entity tagger from GUM, MEANTIME and open CoNLL sets,
//! with the gazetteer built from the open lexicons;
//! `newsgraph train syntax`: the tagger, lemmatiser and parser from UD English;
//! `newsgraph train stories`: the link stage's join model from the story dev sets;
//! `newsgraph train extraction`: the `learned` HTML extractor's block classifier.
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
        /// Extra CoNLL training files (BIO/IOB1; see `newsgraph_nlp::corpus::conll`). Only
        /// sets whose licence allows a shipped model (not FiNER-ORD: non-commercial).
        #[arg(long, value_delimiter = ',', default_value = DEFAULT_CONLL)]
        conll: Vec<PathBuf>,
        /// Folder of the open lexicons the gazetteer is built from (saved in the model).
        #[arg(long, default_value = "../shared/data/lexicons")]
        lexicons: PathBuf,
        /// Which documents of GUM and MEANTIME to train on: `train` leaves the `dev` split
        /// out for evaluation.
        #[arg(long, default_value = "train", value_parser = ["train", "all"])]
        split: String,
        #[arg(long, default_value_t = 20)]
        epochs: usize,
        /// log2 of the number of rows of the weight table.
        #[arg(long, default_value_t = 20)]
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
    /// Learn word clusters from unlabelled text (for `train syntax --clusters`).
    Clusters(super::train_clusters::Args),
    /// Train the link stage's join model (story assignment) from the tune halves of
    /// ECB+ dev and GVA incidents dev, and write the model file.
    Stories(super::train_stories::Args),
    /// Train the block classifier of the `learned` HTML extractor from the WCXB dev
    /// tune half, and write the model file.
    Extraction(super::train_extraction::Args),
}

/// The CoNLL sets the shipped model is trained on (CC BY 4.0 / CC BY 3.0).
const DEFAULT_CONLL: &str = "../shared/data/entities/wikigold/wikigold.conll.txt,\
../shared/data/entities/btc/g.conll,\
../shared/data/entities/wnut17/wnut17train.conll,\
../shared/data/entities/sec-filings/FIN5.txt";

pub fn run(cmd: TrainCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        TrainCommand::Syntax(a) => super::train_syntax::run(a),
        TrainCommand::Clusters(a) => super::train_clusters::run(a),
        TrainCommand::Stories(a) => super::train_stories::run(a),
        TrainCommand::Extraction(a) => super::train_extraction::run(a),
        TrainCommand::Ner {
            gum,
            meantime,
            conll,
            lexicons,
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
            let n_meantime = docs.len() - n_gum;
            for f in &conll {
                let prefix = f
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let d = corpus::conll::read_conll(f, &prefix)
                    .with_context(|| format!("reading CoNLL {}", f.display()))?;
                note!("{}: {} documents", f.display(), d.len());
                docs.extend(d);
            }
            note!(
                "training on {} GUM + {n_meantime} MEANTIME + {} CoNLL documents ({split:?} split)",
                n_gum,
                docs.len() - n_gum - n_meantime
            );
            let gazetteer = newsgraph_nlp::gazetteer::build::build(&lexicons)
                .with_context(|| format!("building the gazetteer from {}", lexicons.display()))?;
            note!(
                "gazetteer: {} phrases\n{}",
                gazetteer.len(),
                gazetteer.provenance
            );
            let t0 = std::time::Instant::now();
            let (model, report) = newsgraph_nlp::ner::train(&docs, epochs, rows_log2, gazetteer);
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
