//! `newsgraph worker`: pull raw inputs from the queue, analyse them, store them in
//! batches, acknowledge each after its batch committed (`newsgraph-queue`).

use super::store::StoreArgs;
use anyhow::Context;
use newsgraph_ingest::{Engine, EngineOptions};
use newsgraph_pipeline::Pipeline;
use newsgraph_queue::{Queue, QueueOptions, WorkerOptions};
use newsgraph_read::{Extractor, ReadOptions};
use std::process::ExitCode;
use std::time::Duration;

#[derive(clap::Args)]
pub struct Args {
    /// The NATS server with JetStream: nats://HOST:PORT.
    #[arg(long, value_name = "URL", env = "NEWSGRAPH_QUEUE")]
    pub queue: String,
    #[command(flatten)]
    pub store: StoreArgs,
    /// Analysis threads [default: the number of CPUs].
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Articles stored per transaction.
    #[arg(long, default_value_t = 256, value_name = "N")]
    pub batch: usize,
    /// Deliveries of a failing input before it goes to the dead-letter subject.
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub max_failures: u32,
    /// Inputs larger than this go to the dead-letter subject unread.
    #[arg(long, default_value_t = 32, value_name = "MB")]
    pub max_input_mb: usize,
    /// Seconds a delivered input may stay unacknowledged before it is redelivered
    /// (applies when this command creates the queue).
    #[arg(long, default_value_t = 30, value_name = "SECS")]
    pub ack_wait: u64,
    /// Inputs taken from the queue ahead of the analysis threads (held, unacknowledged,
    /// by this worker: lower spreads a short queue over more workers).
    #[arg(long, default_value_t = 32, value_name = "N")]
    pub prefetch: usize,
    /// Exit after this many seconds without a new input (default: run until stopped).
    #[arg(long, value_name = "SECS")]
    pub idle_exit: Option<u64>,
    /// Main-text extractor for HTML (as `ingest`).
    #[arg(long, default_value = "auto")]
    pub extractor: Extractor,
    /// Only clean; skip the analysis layers.
    #[arg(long)]
    pub clean_only: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(args.batch > 0, "--batch must be at least 1");
    let jobs = args.jobs.unwrap_or_else(|| EngineOptions::default().jobs);
    // Connect to both first: bad configuration fails before any model loads.
    let queue = Queue::connect(
        &args.queue,
        &QueueOptions {
            ack_wait: Duration::from_secs(args.ack_wait.max(1)),
            ..Default::default()
        },
    )?;
    let opened = args.store.open(jobs as u32 + 2)?;
    let pipeline = if args.clean_only {
        None
    } else {
        Some(Pipeline::new().context("setting up the pipeline")?)
    };
    let engine = Engine::new(
        opened.store(),
        pipeline.as_ref(),
        EngineOptions {
            read: ReadOptions {
                extractor: args.extractor,
                ..Default::default()
            },
            jobs,
            batch: args.batch,
            ..Default::default()
        },
    );
    eprintln!(
        "newsgraph: worker: {} -> {} ({jobs} thread(s))",
        queue.url(),
        opened.place()
    );
    let report = newsgraph_queue::work(
        &queue,
        &engine,
        &WorkerOptions {
            max_failures: args.max_failures.max(1),
            max_input_bytes: args.max_input_mb.max(1) * 1024 * 1024,
            idle_exit: args.idle_exit.map(Duration::from_secs),
            prefetch: args.prefetch.max(1),
            ..Default::default()
        },
        &|m| eprintln!("newsgraph: {m}"),
    )?;
    let t = report.pass.tally;
    let secs = report.pass.elapsed.as_secs_f64();
    eprintln!(
        "newsgraph: worker done: {} input(s): {} acknowledged, {} redelivered, {} dead; {} article(s) read, {} inserted, {} duplicate(s), {} error(s) in {secs:.2}s",
        report.pass.jobs, report.acked, report.retried, report.dead, t.read, t.inserted, t.duplicates, t.errors
    );
    Ok(ExitCode::SUCCESS)
}
