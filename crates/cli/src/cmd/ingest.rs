//! `newsgraph ingest`: read inputs, analyse them in parallel, add them to the store.
//!
//! Shape: N worker threads pull inputs from a shared queue, read them (one input may
//! hold many articles), skip articles whose id the store already has, run the pipeline
//! and send the results over a bounded channel to the writer (this thread), which
//! stores them in batches (`Store::put_batch`: one transaction + one index commit per
//! batch). A kill at any point loses at most the uncommitted batch, which the next run
//! redoes; ids make every put idempotent.
//!
//! Feed lists (a file of feed URLs, one per line, or an OPML file) expand to their
//! feeds; `--watch` polls them again every `--interval` seconds.

mod feeds;

use anyhow::Context;
use newsgraph_model::Article;
use newsgraph_pipeline::{Depth, Pipeline};
use newsgraph_read::{Extractor, Format, Input, ReadError, ReadOptions};
use newsgraph_store::{EmbeddedStore, PutOutcome, Store};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
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

/// Counts of one pass.
#[derive(Default, Debug, Clone, Copy)]
struct Tally {
    read: usize,
    inserted: usize,
    duplicates: usize,
    errors: usize,
}

/// What a worker sends the writer.
enum Msg {
    Article(Box<Article>),
    /// An article already in the store (skipped before analysis).
    Known,
    Error(String),
    InputDone,
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
    let jobs = args
        .jobs
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2)
        })
        .clamp(1, 256);
    let opts = ReadOptions {
        published: args.published.clone(),
        format: args.input_format,
        extractor: args.extractor,
        ..Default::default()
    };
    let ctx = Ctx {
        store: &store,
        pipeline: pipeline.as_ref(),
        opts: &opts,
        jobs,
        batch: args.batch,
        quiet: args.quiet,
    };

    let (inputs, errors) = resolve_inputs(&args.inputs);
    let first = ctx.pass(&inputs, errors);
    print_summary(&first, &store, &dir);
    if !args.watch {
        let failed = first.tally.errors > 0 && first.tally.read == 0;
        return Ok(if failed {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        });
    }
    // Watch: re-poll URLs and feed lists (files are read once).
    let pollable: Vec<&String> = args
        .inputs
        .iter()
        .filter(|a| is_url(a) || feeds::is_feed_list_path(a))
        .collect();
    anyhow::ensure!(
        !pollable.is_empty(),
        "--watch needs at least one URL, feed or feed list among the inputs"
    );
    let pollable: Vec<String> = pollable.into_iter().cloned().collect();
    loop {
        eprintln!(
            "newsgraph: watching {} source(s); next poll in {}s",
            pollable.len(),
            args.interval
        );
        std::thread::sleep(Duration::from_secs(args.interval.max(1)));
        let (inputs, errors) = resolve_inputs(&pollable);
        let pass = ctx.pass(&inputs, errors);
        print_summary(&pass, &store, &dir);
    }
}

fn is_url(a: &str) -> bool {
    a.starts_with("http://") || a.starts_with("https://")
}

/// Expands the arguments; feed lists become their feed URLs.
fn resolve_inputs(args: &[String]) -> (Vec<Input>, Vec<String>) {
    let mut expanded_args = Vec::with_capacity(args.len());
    let mut errors = Vec::new();
    for a in args {
        match feeds::feed_list(a) {
            Ok(Some(urls)) => {
                if urls.is_empty() {
                    errors.push(format!("{a}: feed list holds no feed URL"));
                }
                expanded_args.extend(urls);
            }
            Ok(None) => expanded_args.push(a.clone()),
            Err(e) => errors.push(format!("{a}: {e}")),
        }
    }
    let mut inputs = Vec::new();
    for i in newsgraph_read::expand(&expanded_args) {
        match i {
            Ok(i) => inputs.push(i),
            Err(e) => errors.push(e.to_string()),
        }
    }
    (inputs, errors)
}

struct Ctx<'a> {
    store: &'a EmbeddedStore,
    pipeline: Option<&'a Pipeline>,
    opts: &'a ReadOptions,
    jobs: usize,
    batch: usize,
    quiet: bool,
}

struct Pass {
    tally: Tally,
    inputs: usize,
    elapsed: Duration,
}

impl Ctx<'_> {
    /// Reads, analyses and stores every input once.
    fn pass(&self, inputs: &[Input], early_errors: Vec<String>) -> Pass {
        let start = Instant::now();
        let progress = if !self.quiet && std::io::stderr().is_terminal() && inputs.len() > 1 {
            let pb = indicatif::ProgressBar::new(inputs.len() as u64);
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} inputs {elapsed} ({eta} left) {msg}",
            ) {
                pb.set_style(style);
            }
            Some(pb)
        } else {
            None
        };
        let report = |msg: &str| match &progress {
            Some(pb) => pb.suspend(|| eprintln!("newsgraph: {msg}")),
            None => eprintln!("newsgraph: {msg}"),
        };
        let mut tally = Tally {
            errors: early_errors.len(),
            ..Default::default()
        };
        for e in &early_errors {
            report(e);
        }
        let next = AtomicUsize::new(0);
        let (tx, rx) = mpsc::sync_channel::<Msg>(self.batch.max(16) * 2);
        std::thread::scope(|s| {
            for _ in 0..self.jobs.min(inputs.len().max(1)) {
                let tx = tx.clone();
                let next = &next;
                s.spawn(move || self.worker(inputs, next, tx));
            }
            drop(tx);
            let mut pending: Vec<Article> = Vec::with_capacity(self.batch);
            let flush = |pending: &mut Vec<Article>, tally: &mut Tally| {
                if pending.is_empty() {
                    return;
                }
                self.store_batch(pending, tally, &report);
                pending.clear();
            };
            loop {
                match rx.recv_timeout(Duration::from_millis(500)) {
                    Ok(Msg::Article(a)) => {
                        tally.read += 1;
                        pending.push(*a);
                        if pending.len() >= self.batch {
                            flush(&mut pending, &mut tally);
                        }
                    }
                    Ok(Msg::Known) => {
                        tally.read += 1;
                        tally.duplicates += 1;
                    }
                    Ok(Msg::Error(e)) => {
                        tally.errors += 1;
                        report(&e);
                    }
                    Ok(Msg::InputDone) => {
                        if let Some(pb) = &progress {
                            pb.inc(1);
                            pb.set_message(format!(
                                "{} new, {} dup, {} err",
                                tally.inserted, tally.duplicates, tally.errors
                            ));
                        }
                    }
                    // Quiet stream (a slow feed): store what is waiting.
                    Err(mpsc::RecvTimeoutError::Timeout) => flush(&mut pending, &mut tally),
                    Err(mpsc::RecvTimeoutError::Disconnected) => break,
                }
            }
            flush(&mut pending, &mut tally);
        });
        if let Err(e) = self.store.commit() {
            tally.errors += 1;
            report(&format!("committing the search index: {e}"));
        }
        if let Some(pb) = progress {
            pb.finish_and_clear();
        }
        Pass {
            tally,
            inputs: inputs.len(),
            elapsed: start.elapsed(),
        }
    }

    fn worker(&self, inputs: &[Input], next: &AtomicUsize, tx: mpsc::SyncSender<Msg>) {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(input) = inputs.get(i) else { return };
            let mut emit = |r: Result<Article, ReadError>| {
                let msg = match r {
                    Ok(a) => self.analyse(a),
                    Err(e) => Msg::Error(e.to_string()),
                };
                let _ = tx.send(msg);
            };
            if let Err(e) = newsgraph_read::read(input, self.opts, &mut emit) {
                let _ = tx.send(Msg::Error(e.to_string()));
            }
            if tx.send(Msg::InputDone).is_err() {
                return;
            }
        }
    }

    /// Skips an article the store has; else runs the pipeline on it (a stage that
    /// panics costs that article, not the run).
    fn analyse(&self, mut a: Article) -> Msg {
        match self.store.summary(&a.id) {
            Ok(Some(_)) => return Msg::Known,
            Ok(None) => {}
            Err(e) => return Msg::Error(format!("{}: {e}", origin(&a))),
        }
        if let Some(p) = self.pipeline {
            let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                p.run(&mut a, Depth::Full)
            }));
            if run.is_err() {
                return Msg::Error(format!(
                    "{}: the analysis pipeline failed on this article",
                    origin(&a)
                ));
            }
        }
        Msg::Article(Box::new(a))
    }

    /// Stores a batch; if the batch fails as a whole, stores its articles one by one so
    /// one bad article costs only itself.
    fn store_batch(&self, pending: &[Article], tally: &mut Tally, report: &dyn Fn(&str)) {
        let count = |o: &PutOutcome, tally: &mut Tally| match o {
            PutOutcome::Inserted => tally.inserted += 1,
            PutOutcome::Duplicate { .. } => tally.duplicates += 1,
        };
        match self.store.put_batch(pending) {
            Ok(outcomes) => outcomes.iter().for_each(|o| count(o, tally)),
            Err(batch_err) => {
                let mut failed = 0;
                for a in pending {
                    match self.store.put(a) {
                        Ok(o) => count(&o, tally),
                        Err(e) => {
                            failed += 1;
                            tally.errors += 1;
                            report(&format!("{}: storing: {e}", origin(a)));
                        }
                    }
                }
                if failed == 0 {
                    report(&format!(
                        "a batch failed ({batch_err}) but every article stored on retry"
                    ));
                }
            }
        }
    }
}

fn origin(a: &Article) -> String {
    a.origin
        .clone()
        .or_else(|| a.url.clone())
        .unwrap_or_else(|| a.id.clone())
}

fn print_summary(p: &Pass, store: &EmbeddedStore, dir: &std::path::Path) {
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
        p.inputs, t.read, t.inserted, t.duplicates, t.errors, secs, rate, total, dir.display()
    );
}
