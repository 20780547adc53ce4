//! `newsgraph ingest`: read inputs, analyse them in parallel, add them to the store.
//! The engine (worker pool, batching writer, resume, feed lists) is `newsgraph-ingest`;
//! this file opens the store, shows progress and loops for `--watch`. With `--queue`
//! it publishes the raw inputs for `newsgraph worker`s instead (`newsgraph-queue`).

use super::store::{Opened, StoreArgs};
use anyhow::Context;
use newsgraph_ingest::{
    inputs, Engine, EngineOptions, Events, Input, InputList, JobOutcome, Pass, Tally, UntilStopped,
};
use newsgraph_pipeline::Pipeline;
use newsgraph_read::{Extractor, Format, ReadOptions};
use newsgraph_store::Store;
use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct Args {
    /// Files, directories (read recursively), `http(s)://` URLs, `-` for stdin, or a
    /// feed list (a file of feed URLs, one per line, or an OPML file).
    #[arg(required = true)]
    pub inputs: Vec<String>,
    #[command(flatten)]
    pub store: StoreArgs,
    /// Publish the raw inputs to this NATS JetStream server (nats://HOST:PORT) for
    /// `newsgraph worker`s, instead of analysing them here. Never taken from the
    /// environment: an exported NEWSGRAPH_QUEUE must not turn a local ingest into a publish.
    #[arg(long, value_name = "URL")]
    pub queue: Option<String>,
    /// With --queue: seconds a delivered input may stay unacknowledged before it is
    /// redelivered (applies when this command creates the queue).
    #[arg(long, default_value_t = 30, value_name = "SECS")]
    pub ack_wait: u64,
    /// Publication date (ISO 8601) for articles whose input gives none.
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// Analysis threads [default: the number of CPUs; one fewer when linking into the
    /// embedded store, whose single writer needs a core of its own].
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
    /// Main-text extractor for HTML: auto (learned, then readability and rs-trafilatura
    /// where the one before looks short; alias fast), learned, both, trafilatura,
    /// readability, page-text.
    #[arg(long, default_value = "auto")]
    pub extractor: Extractor,
    /// Only clean (text, blocks, furniture, metadata); skip the analysis layers.
    #[arg(long)]
    pub clean_only: bool,
    /// No progress bar.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Store without the link stage (no stories, no near-duplicates yet): a bulk load
    /// that `newsgraph relink` links afterwards.
    #[arg(long)]
    pub no_link: bool,
    #[command(flatten)]
    pub walk: super::extract::WalkArgs,
}

/// Set by the first Ctrl-C: no new input is started, the ones in progress are stored.
fn stop_flag() -> &'static Arc<AtomicBool> {
    static STOP: OnceLock<Arc<AtomicBool>> = OnceLock::new();
    STOP.get_or_init(|| Arc::new(AtomicBool::new(false)))
}

fn stopped() -> bool {
    stop_flag().load(Ordering::SeqCst)
}

/// Makes Ctrl-C stop the ingest cleanly (see [`stop_flag`]); a second Ctrl-C exits at
/// once with the interrupted code.
fn on_ctrl_c_stop() {
    use signal_hook::consts::SIGINT;
    let flag = stop_flag();
    // Registered first, so it sees the flag before the second handler sets it: exits
    // only when the flag was already set (a second Ctrl-C).
    let registered = signal_hook::flag::register_conditional_shutdown(
        SIGINT,
        i32::from(crate::exit::INTERRUPTED),
        Arc::clone(flag),
    )
    .and_then(|_| signal_hook::flag::register(SIGINT, Arc::clone(flag)));
    if let Err(e) = registered {
        note!("warning: Ctrl-C will not stop cleanly ({e})");
    }
}

/// Analysis threads when `-j` is not given: one per CPU, but one fewer when linking into
/// the embedded store. There the one writer (link stage, registry, SQLite) is the
/// bottleneck, and on two cores a second analyser takes its core: 5,000 articles into a
/// 100k store with linking ran at 460/s with one analyser against 397/s with two (median
/// of 3, quiet), while without linking two analysers win, 954/s against 790/s
/// (crates/link/ARCH.md).
fn default_jobs(linking_embedded: bool) -> usize {
    let cpus = EngineOptions::default().jobs;
    if linking_embedded {
        cpus.saturating_sub(1).max(1)
    } else {
        cpus
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if let Some(p) = &args.published {
        super::check_published(p)?;
    }
    anyhow::ensure!(args.batch > 0, "--batch must be at least 1");
    let walk = args.walk.options()?;
    if let Some(url) = &args.queue {
        return publish(&args, url, &walk);
    }
    let jobs = args
        .jobs
        .unwrap_or_else(|| default_jobs(!args.no_link && args.store.postgres_url().is_none()));
    if args.store.postgres_url().is_none() {
        super::check_data_dir(&args.store.dir())?;
    }
    let opened_at = Instant::now();
    let opened = args.store.open(jobs as u32 + 2)?;
    match &opened {
        Opened::Embedded(store, _) => {
            let rec = store.reconciled();
            if rec.reindexed > 0 || rec.removed > 0 {
                note!(
                    "repaired the search index: {} article(s) re-indexed, {} orphan document(s) removed ({:.1}s)",
                    rec.reindexed,
                    rec.removed,
                    opened_at.elapsed().as_secs_f64()
                );
            }
            // One index commit per second at most: a commit costs far more than a batch's
            // SQLite transaction. Records are durable per batch either way (see the store).
            store.set_commit_interval(Duration::from_secs(1));
            store.set_linking(!args.no_link);
        }
        Opened::Postgres(store) => store.set_linking(!args.no_link),
    }
    let pipeline = if args.clean_only {
        None
    } else {
        Some(Pipeline::new().context("setting up the pipeline")?)
    };
    let store = opened.store();
    let place = opened.place();
    let engine = Engine::new(
        store,
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

    on_ctrl_c_stop();
    let first = pass(&engine, &args.inputs, &walk, args.quiet);
    print_summary(&first, store, &place);
    if let Some(code) = interrupted(&first) {
        return Ok(code);
    }
    if !args.watch {
        return Ok(exit_code(&first.tally));
    }
    let pollable = inputs::pollable(&args.inputs);
    anyhow::ensure!(
        !pollable.is_empty(),
        "--watch needs at least one URL, feed or feed list among the inputs"
    );
    loop {
        note!(
            "watching {} source(s); next poll in {}s",
            pollable.len(),
            args.interval
        );
        // Sleep in short steps so Ctrl-C between polls ends the watch promptly.
        let wake = Instant::now() + Duration::from_secs(args.interval.max(1));
        while Instant::now() < wake && !stopped() {
            std::thread::sleep(Duration::from_millis(200));
        }
        if stopped() {
            note!("interrupted: watch stopped between polls");
            return Ok(ExitCode::from(crate::exit::INTERRUPTED));
        }
        let pass = pass(&engine, &pollable, &walk, args.quiet);
        print_summary(&pass, store, &place);
        if let Some(code) = interrupted(&pass) {
            return Ok(code);
        }
    }
}

/// 0 when every input was read, 3 (partial) when some failed and articles were read,
/// 1 when nothing could be read (see `crate::exit`).
fn exit_code(t: &Tally) -> ExitCode {
    match (t.errors, t.read) {
        (0, _) => ExitCode::SUCCESS,
        (_, 0) => ExitCode::FAILURE,
        _ => ExitCode::from(crate::exit::PARTIAL),
    }
}

/// After a pass that Ctrl-C cut short: says what was kept, and the exit code (130).
fn interrupted(p: &Pass) -> Option<ExitCode> {
    if !stopped() {
        return None;
    }
    note!(
        "interrupted: {} stored, re-run to continue (inputs already stored are skipped)",
        p.tally.inserted
    );
    Some(ExitCode::from(crate::exit::INTERRUPTED))
}

/// Expands the arguments and runs one engine pass over them, with a progress bar.
fn pass(engine: &Engine, args: &[String], walk: &newsgraph_read::WalkOptions, quiet: bool) -> Pass {
    let resolved = inputs::resolve(args, walk);
    let progress = Progress::new(resolved.inputs.len(), quiet);
    for w in &resolved.warnings {
        Events::<Input>::warning(&progress, w);
    }
    for e in &resolved.errors {
        Events::<Input>::error(&progress, e);
    }
    let list = InputList::new(&resolved.inputs);
    let mut pass = engine.pass(&UntilStopped::new(&list, stop_flag()), &progress);
    pass.tally.errors += resolved.errors.len();
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
            Some(pb) => pb.suspend(|| note!("{message}")),
            None => note!("{message}"),
        }
    }

    fn warning(&self, message: &str) {
        match &self.bar {
            Some(pb) => pb.suspend(|| note!("warning: {message}")),
            None => note!("warning: {message}"),
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

/// `--queue`: publishes the raw inputs (newsgraph-queue) and returns.
fn publish(args: &Args, url: &str, walk: &newsgraph_read::WalkOptions) -> anyhow::Result<ExitCode> {
    let queue = newsgraph_queue::Queue::connect(
        url,
        &newsgraph_queue::QueueOptions {
            ack_wait: Duration::from_secs(args.ack_wait.max(1)),
            ..Default::default()
        },
    )?;
    let start = Instant::now();
    let resolved = inputs::resolve(&args.inputs, walk);
    let progress = Progress::new(resolved.inputs.len(), args.quiet);
    for e in &resolved.errors {
        Events::<Input>::error(&progress, e);
    }
    let opts = ReadOptions {
        published: args.published.clone(),
        format: args.input_format,
        ..Default::default()
    };
    let report = newsgraph_queue::publish_inputs(&queue, &resolved.inputs, &opts, &mut |_, err| {
        if let Some(e) = err {
            Events::<Input>::error(&progress, e);
        }
        if let Some(pb) = &progress.bar {
            pb.inc(1);
        }
    });
    if let Some(pb) = &progress.bar {
        pb.finish_and_clear();
    }
    let errors = report.errors.len() + resolved.errors.len();
    note!(
        "published {} input(s) to {} ({} error(s)) in {:.2}s",
        report.published,
        queue.url(),
        errors,
        start.elapsed().as_secs_f64()
    );
    Ok(if report.published == 0 && errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn print_summary(p: &Pass, store: &dyn Store, place: &str) {
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
    note!(
        "ingested {} input(s): {} article(s) read, {} inserted, {} duplicate(s), {} error(s) in {:.2}s ({:.0} articles/s); {} article(s) in {}",
        p.jobs, t.read, t.inserted, t.duplicates, t.errors, secs, rate, total, place
    );
}
