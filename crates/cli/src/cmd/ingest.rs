//! `newsgraph ingest`: read inputs, analyse them in parallel, add them to the store.
//! The engine (worker pool, batching writer, resume, feed lists) is `newsgraph-ingest`;
//! this file opens the store, shows progress and loops for `--watch`.

use anyhow::Context;
use newsgraph_ingest::{
    inputs, Engine, EngineOptions, Events, Input, InputList, JobOutcome, Pass, Tally,
};
use newsgraph_pipeline::Pipeline;
use newsgraph_read::{Extractor, Format, ReadOptions};
use newsgraph_store::{EmbeddedStore, Store};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct Args {
    /// Files, directories (read recursively), `http(s)://` URLs, `-` for stdin, or a
    /// feed list (a file of feed URLs, one per line, or an OPML file).
    #[arg(required = true)]
    pub inputs: Vec<String>,
    /// Data directory [default: $NEWSGRAPH_DATA, else $XDG_DATA_HOME/newsgraph, else
    /// ~/.local/share/newsgraph].
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Publication date (ISO 8601) for articles whose input gives none.
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// Analysis threads [default: the number of CPUs].
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Articles stored per transaction.
    #[arg(long, default_value_t = 256, value_name = "N")]
    pub batch: usize,
    /// Keep polling the URL and feed inputs for new articles.
    #[arg(long)]
    pub watch: bool,
    /// Seconds between polls with --watch.
    #[arg(long, default_value_t = 300, value_name = "SECS")]
    pub interval: u64,
    /// Input format instead of sniffing: text, html, feed, warc, jsonl.
    #[arg(long, value_name = "FORMAT")]
    pub input_format: Option<Format>,
    /// Main-text extractor for HTML: auto (readability, rs-trafilatura where it looks
    /// short; alias fast), both, trafilatura, readability, page-text.
    #[arg(long, default_value = "auto")]
    pub extractor: Extractor,
    /// Only clean (text, blocks, furniture, metadata); skip the analysis layers.
    #[arg(long)]
    pub clean_only: bool,
    /// No progress bar.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if let Some(p) = &args.published {
        super::check_published(p)?;
    }
    anyhow::ensure!(args.batch > 0, "--batch must be at least 1");
    let dir = args
        .data
        .clone()
        .unwrap_or_else(newsgraph_store::default_data_dir);
    let opened = Instant::now();
    let store = EmbeddedStore::open(&dir)
        .with_context(|| format!("opening the store in {}", dir.display()))?;
    let rec = store.reconciled();
    if rec.reindexed > 0 || rec.removed > 0 {
        eprintln!(
            "newsgraph: repaired the search index: {} article(s) re-indexed, {} orphan document(s) removed ({:.1}s)",
            rec.reindexed,
            rec.removed,
            opened.elapsed().as_secs_f64()
        );
    }
    // One index commit per second at most: a commit costs far more than a batch's
    // SQLite transaction. Records are durable per batch either way (see the store).
    store.set_commit_interval(Duration::from_secs(1));
    let pipeline = if args.clean_only {
        None
    } else {
        Some(Pipeline::new().context("setting up the pipeline")?)
    };
    let jobs = args.jobs.unwrap_or_else(|| EngineOptions::default().jobs);
    let engine = Engine::new(
        &store,
        pipeline.as_ref(),
        EngineOptions {
            read: ReadOptions {
                published: args.published.clone(),
                format: args.input_format,
                extractor: args.extractor,
                ..Default::default()
            },
            jobs,
            batch: args.batch,
            ..Default::default()
        },
    );

    let first = pass(&engine, &args.inputs, args.quiet);
    print_summary(&first, &store, &dir);
    if !args.watch {
        let failed = first.tally.errors > 0 && first.tally.read == 0;
        return Ok(if failed {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        });
    }
    let pollable = inputs::pollable(&args.inputs);
    anyhow::ensure!(
        !pollable.is_empty(),
        "--watch needs at least one URL, feed or feed list among the inputs"
    );
    loop {
        eprintln!(
            "newsgraph: watching {} source(s); next poll in {}s",
            pollable.len(),
            args.interval
        );
        std::thread::sleep(Duration::from_secs(args.interval.max(1)));
        let pass = pass(&engine, &pollable, args.quiet);
        print_summary(&pass, &store, &dir);
    }
}

/// Expands the arguments and runs one engine pass over them, with a progress bar.
fn pass(engine: &Engine, args: &[String], quiet: bool) -> Pass {
    let (inputs, early_errors) = inputs::resolve(args);
    let progress = Progress::new(inputs.len(), quiet);
    for e in &early_errors {
        Events::<Input>::error(&progress, e);
    }
    let mut pass = engine.pass(&InputList::new(&inputs), &progress);
    pass.tally.errors += early_errors.len();
    if let Some(pb) = progress.bar {
        pb.finish_and_clear();
    }
    pass
}

/// The progress bar of a pass (on a terminal, for more than one input); errors are
/// printed above it.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    fn new(inputs: usize, quiet: bool) -> Self {
        let bar = (!quiet && std::io::stderr().is_terminal() && inputs > 1).then(|| {
            let pb = indicatif::ProgressBar::new(inputs as u64);
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} inputs {elapsed} ({eta} left) {msg}",
            ) {
                pb.set_style(style);
            }
            pb
        });
        Progress { bar }
    }
}

impl<J> Events<J> for Progress {
    fn error(&self, message: &str) {
        match &self.bar {
            Some(pb) => pb.suspend(|| eprintln!("newsgraph: {message}")),
            None => eprintln!("newsgraph: {message}"),
        }
    }

    fn job_done(&self, _job: J, _outcome: &JobOutcome, total: &Tally) {
        if let Some(pb) = &self.bar {
            pb.inc(1);
            pb.set_message(format!(
                "{} new, {} dup, {} err",
                total.inserted, total.duplicates, total.errors
            ));
        }
    }
}

fn print_summary(p: &Pass, store: &dyn Store, dir: &std::path::Path) {
    let t = p.tally;
    let secs = p.elapsed.as_secs_f64();
    let rate = if secs > 0.0 {
        t.read as f64 / secs
    } else {
        0.0
    };
    let total = store
        .stats()
        .map(|s| s.articles.to_string())
        .unwrap_or_else(|_| "?".into());
    eprintln!(
        "newsgraph: ingested {} input(s): {} article(s) read, {} inserted, {} duplicate(s), {} error(s) in {:.2}s ({:.0} articles/s); {} article(s) in {}",
        p.jobs, t.read, t.inserted, t.duplicates, t.errors, secs, rate, total, dir.display()
    );
}
