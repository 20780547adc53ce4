//! The worker pool and the batching writer.
//!
//! Shape: reader threads (one per job at a time) take jobs from a [`Jobs`] source and
//! read them (one job may hold many articles), numbering each article in reading
//! order; N analysis threads skip articles whose id the store already has and run the
//! pipeline, in any order; the writer (the calling thread) takes the results back in
//! reading order (`order.rs`) and stores them in batches (`Store::put_prepared`: one
//! transaction per batch). So one big input is analysed on every thread, yet stored
//! in its own order, as a serial run would. A kill at any point loses at most the
//! uncommitted batch, which the next run redoes; ids make every put idempotent.
//!
//! A reader numbers a job's articles and then the job itself, so when the writer takes
//! the job, every article of it is stored or waiting in the current batch: the job is
//! reported done ([`Events::job_done`]) right then if none is waiting, else right after
//! the batch that holds its last article commits.

use crate::job::{Job, Jobs};
use crate::order::{Reorder, Window};
use newsgraph_model::Article;
use newsgraph_pipeline::{Depth, Pipeline};
use newsgraph_read::{ReadError, ReadOptions};
use newsgraph_store::{Prepared, PutOutcome, Store};
use std::collections::HashMap;
use std::sync::{mpsc, Mutex};
use std::time::{Duration, Instant};

/// How a pass runs.
#[derive(Debug, Clone)]
pub struct EngineOptions {
    /// Options every input is read with (a job may override format and date).
    pub read: ReadOptions,
    /// Analysis threads.
    pub jobs: usize,
    /// Articles stored per transaction.
    pub batch: usize,
    /// A batch waiting this long with no new message is stored anyway (a slow feed, a
    /// quiet queue).
    pub idle_flush: Duration,
}

impl Default for EngineOptions {
    fn default() -> Self {
        EngineOptions {
            read: ReadOptions::default(),
            jobs: std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2),
            batch: 256,
            idle_flush: Duration::from_millis(500),
        }
    }
}

/// Counts of one pass (or of one job).
#[derive(Default, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// Articles read (stored, duplicate or failed to store).
    pub read: usize,
    pub inserted: usize,
    /// Articles the store already had (skipped before analysis, or found at put).
    pub duplicates: usize,
    pub errors: usize,
}

/// What became of one job, reported once all its articles are committed.
#[derive(Default, Debug, Clone)]
pub struct JobOutcome {
    pub tally: Tally,
    /// Every error of the job (read, analysis, storage), each naming its input.
    pub errors: Vec<String>,
    /// The job as a whole could not be read (no article came out of it).
    pub failed: bool,
    /// Articles that were read and analysed but could not be stored (worth a retry:
    /// the store may be back, and stored ones are skipped the next time).
    pub store_errors: usize,
}

/// What the caller hears during a pass. Called on the writer (calling) thread.
pub trait Events<J> {
    /// An error, naming its input: read, analysis or storage.
    fn error(&self, _message: &str) {}

    /// A warning, naming its input: something skipped on purpose (a feed item without
    /// a body); not counted as an error.
    fn warning(&self, _message: &str) {}

    /// A job is finished: every article it produced is committed (or failed, see
    /// `outcome.errors`). `total` is the pass so far.
    fn job_done(&self, _job: J, _outcome: &JobOutcome, _total: &Tally) {}
}

/// Events nobody listens to.
impl<J> Events<J> for () {}

/// The result of one pass.
#[derive(Debug, Clone, Copy)]
pub struct Pass {
    pub tally: Tally,
    /// Jobs taken from the source.
    pub jobs: usize,
    pub elapsed: Duration,
}

/// Reads, analyses and stores; see the module doc.
pub struct Engine<'a> {
    store: &'a dyn Store,
    pipeline: Option<&'a Pipeline>,
    opts: EngineOptions,
}

/// What a reader hands the analysers: an article to analyse, or a message that needs
/// no analysis; `u64` is the job's number in this pass.
enum Item<J> {
    Analyse(u64, Box<Article>),
    Ready(Msg<J>),
}

/// What the writer takes (in reading order); `u64` is the job's number in this pass.
enum Msg<J> {
    Article(u64, Box<Prepared>),
    /// An article already in the store (skipped before analysis).
    Known(u64),
    Error(u64, String),
    Warning(String),
    /// The job itself, after all its articles.
    Done(u64, J, bool),
}

/// The writer's book of jobs not yet reported.
struct Open<J> {
    outcome: JobOutcome,
    /// Articles of this job in the current batch.
    waiting: usize,
    /// Set when the worker finished it: reported once `waiting` is 0.
    job: Option<J>,
}

impl<'a> Engine<'a> {
    /// `pipeline: None` stores clean articles only (no analysis layers).
    pub fn new(store: &'a dyn Store, pipeline: Option<&'a Pipeline>, opts: EngineOptions) -> Self {
        let mut opts = opts;
        opts.jobs = opts.jobs.clamp(1, 256);
        opts.batch = opts.batch.max(1);
        Engine {
            store,
            pipeline,
            opts,
        }
    }

    /// Reads, analyses and stores every job the source hands out, then commits the
    /// store's search index.
    pub fn pass<J: Job>(&self, jobs: &dyn Jobs<J>, events: &dyn Events<J>) -> Pass {
        let start = Instant::now();
        // Readers: one per job at a time (a JSON Lines file is one job). Analysers: as
        // many as asked, whatever the number of jobs, so one big input is analysed on
        // every thread too (`order.rs`: the writer still takes its articles in order).
        let readers = match jobs.len_hint() {
            Some(n) => self.opts.jobs.min(n.max(1)),
            None => self.opts.jobs,
        };
        // How far readers may run ahead of the writer: enough to keep every analyser
        // busy, and no more, so that an interrupt (no more jobs handed out) stops after
        // what is already read. The writer takes nothing while it stores a batch, so
        // the window must hold the next batch too, or the analysers stop a few dozen
        // articles into it and the two sides take turns instead of overlapping (with
        // one analyser and a 64-article window, an ingest at 100k stored ran its two
        // threads at about half their capacity each). Only a capped part of the batch
        // size: uncapped, a `--batch 100000` let the readers take every input at once
        // and Ctrl-C waited for all of them.
        let window = Window::new(window_size(self.opts.jobs, self.opts.batch));
        let (work_tx, work_rx) = mpsc::channel::<(u64, Item<J>)>();
        let work_rx = Mutex::new(work_rx);
        let (tx, rx) = mpsc::channel::<(u64, Msg<J>)>();
        let next_id = std::sync::atomic::AtomicU64::new(0);
        let mut writer = Writer {
            engine: self,
            events,
            total: Tally::default(),
            open: HashMap::new(),
            batch: Vec::with_capacity(self.opts.batch),
            batch_jobs: Vec::with_capacity(self.opts.batch),
        };
        std::thread::scope(|s| {
            for _ in 0..readers {
                let work_tx = work_tx.clone();
                let (next_id, window) = (&next_id, &window);
                s.spawn(move || self.reader(jobs, next_id, window, work_tx));
            }
            drop(work_tx);
            for _ in 0..self.opts.jobs {
                let tx = tx.clone();
                let work_rx = &work_rx;
                s.spawn(move || self.analyser(work_rx, tx));
            }
            drop(tx);
            let mut order = Reorder::default();
            loop {
                match rx.recv_timeout(self.opts.idle_flush) {
                    Ok((n, msg)) => {
                        order.push(n, msg);
                        while let Some(msg) = order.pop() {
                            writer.take(msg);
                        }
                        window.taken(order.popped());
                    }
                    Err(mpsc::RecvTimeoutError::Timeout) => writer.flush(),
                    Err(mpsc::RecvTimeoutError::Disconnected) => break,
                }
            }
            // Only if a thread died holding a number: the rest, in order.
            for msg in order.drain() {
                writer.take(msg);
            }
            writer.flush();
        });
        let mut total = writer.total;
        if let Err(e) = self.store.commit() {
            total.errors += 1;
            events.error(&format!("committing the search index: {e}"));
        }
        Pass {
            tally: total,
            jobs: next_id.into_inner() as usize,
            elapsed: start.elapsed(),
        }
    }

    /// Takes jobs and reads them, numbering each article, error and job end in
    /// reading order for the analysers.
    fn reader<J: Job>(
        &self,
        jobs: &dyn Jobs<J>,
        next_id: &std::sync::atomic::AtomicU64,
        window: &Window,
        tx: mpsc::Sender<(u64, Item<J>)>,
    ) {
        let send = |item: Item<J>| tx.send((window.ticket(), item)).is_ok();
        while let Some(mut job) = jobs.next() {
            let id = next_id.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let mut emit = |r: Result<Article, ReadError>| {
                send(match r {
                    Ok(a) => Item::Analyse(id, Box::new(a)),
                    Err(e) if e.is_warning() => Item::Ready(Msg::Warning(e.to_string())),
                    Err(e) => Item::Ready(Msg::Error(id, e.to_string())),
                });
            };
            let failed = match job.read(&self.opts.read, &mut emit) {
                Ok(()) => false,
                Err(e) => {
                    send(Item::Ready(Msg::Error(id, e.to_string())));
                    true
                }
            };
            if !send(Item::Ready(Msg::Done(id, job, failed))) {
                return;
            }
        }
    }

    /// Analyses what the readers number, in any order, and sends it on under its number.
    fn analyser<J: Job>(
        &self,
        work: &Mutex<mpsc::Receiver<(u64, Item<J>)>>,
        tx: mpsc::Sender<(u64, Msg<J>)>,
    ) {
        loop {
            let next = match work.lock() {
                Ok(rx) => rx.recv(),
                Err(_) => return,
            };
            let Ok((n, item)) = next else {
                return;
            };
            let msg = match item {
                Item::Analyse(job, a) => self.analyse(job, *a),
                Item::Ready(msg) => msg,
            };
            if tx.send((n, msg)).is_err() {
                return;
            }
        }
    }

    /// Skips an article the store has; else runs the pipeline on it (a stage that
    /// panics costs that article, not the run).
    fn analyse<J>(&self, job: u64, mut a: Article) -> Msg<J> {
        match self.store.summary(&a.id) {
            Ok(Some(_)) => return Msg::Known(job),
            Ok(None) => {}
            Err(e) => return Msg::Error(job, format!("{}: {e}", origin(&a))),
        }
        if let Some(p) = self.pipeline {
            let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                p.run(&mut a, Depth::Full)
            }));
            if run.is_err() {
                return Msg::Error(
                    job,
                    format!(
                        "{}: the analysis pipeline failed on this article",
                        origin(&a)
                    ),
                );
            }
        }
        // The put's store-free part (record JSON, link features) on this thread.
        Msg::Article(job, Box::new(self.store.prepare(a)))
    }
}

/// Items read ahead of the writer: 64 per analyser, and at least two batches (of at
/// most 1,024 articles each).
fn window_size(jobs: usize, batch: usize) -> usize {
    (jobs * 64).max(2 * batch.clamp(1, 1024))
}

/// The writer side of a pass: batches articles, stores them, reports finished jobs.
struct Writer<'e, 'a, J> {
    engine: &'e Engine<'a>,
    events: &'e dyn Events<J>,
    total: Tally,
    open: HashMap<u64, Open<J>>,
    /// The current batch and, at the same index, the job each article came from.
    batch: Vec<Prepared>,
    batch_jobs: Vec<u64>,
}

impl<J> Writer<'_, '_, J> {
    fn entry(&mut self, id: u64) -> &mut Open<J> {
        self.open.entry(id).or_insert_with(|| Open {
            outcome: JobOutcome::default(),
            waiting: 0,
            job: None,
        })
    }

    fn take(&mut self, msg: Msg<J>) {
        match msg {
            Msg::Article(id, a) => {
                // An article analysed only in part is stored, with a warning naming it.
                if let Some(t) = &a.article.truncated {
                    self.events.warning(&format!("{}: {t}", origin(&a.article)));
                }
                self.entry(id).waiting += 1;
                self.batch.push(*a);
                self.batch_jobs.push(id);
                if self.batch.len() >= self.engine.opts.batch {
                    self.flush();
                }
            }
            Msg::Known(id) => {
                self.total.read += 1;
                self.total.duplicates += 1;
                let t = &mut self.entry(id).outcome.tally;
                t.read += 1;
                t.duplicates += 1;
            }
            Msg::Error(id, e) => self.error(id, e),
            Msg::Warning(w) => self.events.warning(&w),
            Msg::Done(id, job, failed) => {
                let open = self.entry(id);
                open.outcome.failed = failed;
                open.job = Some(job);
                self.report(id);
            }
        }
    }

    fn error(&mut self, id: u64, e: String) {
        self.total.errors += 1;
        self.events.error(&e);
        let o = &mut self.entry(id).outcome;
        o.tally.errors += 1;
        o.errors.push(e);
    }

    /// Reports a job the worker finished and whose articles are all stored.
    fn report(&mut self, id: u64) {
        let ready = self
            .open
            .get(&id)
            .is_some_and(|o| o.job.is_some() && o.waiting == 0);
        if !ready {
            return;
        }
        if let Some(Open {
            outcome,
            job: Some(job),
            ..
        }) = self.open.remove(&id)
        {
            self.events.job_done(job, &outcome, &self.total);
        }
    }

    /// Stores the batch; if it fails as a whole, stores its articles one by one so one
    /// bad article costs only itself. Then reports the jobs it completed.
    fn flush(&mut self) {
        if self.batch.is_empty() {
            return;
        }
        let articles = std::mem::take(&mut self.batch);
        let jobs = std::mem::take(&mut self.batch_jobs);
        let outcomes: Vec<Result<PutOutcome, String>> =
            match self.engine.store.put_prepared(&articles) {
                Ok(outcomes) => outcomes.into_iter().map(Ok).collect(),
                Err(batch_err) => {
                    let one_by_one: Vec<_> = articles
                        .iter()
                        .map(|a| self.engine.store.put(&a.article).map_err(|e| e.to_string()))
                        .collect();
                    if one_by_one.iter().all(Result::is_ok) {
                        self.events.error(&format!(
                            "a batch failed ({batch_err}) but every article stored on retry"
                        ));
                    }
                    one_by_one
                }
            };
        let mut touched = Vec::new();
        for ((id, a), outcome) in jobs.iter().zip(&articles).zip(outcomes) {
            self.total.read += 1;
            self.entry(*id).outcome.tally.read += 1;
            match outcome {
                Ok(PutOutcome::Inserted) => {
                    self.total.inserted += 1;
                    self.entry(*id).outcome.tally.inserted += 1;
                }
                Ok(PutOutcome::Duplicate { .. }) => {
                    self.total.duplicates += 1;
                    self.entry(*id).outcome.tally.duplicates += 1;
                }
                Err(e) => {
                    self.entry(*id).outcome.store_errors += 1;
                    self.error(*id, format!("{}: storing: {e}", origin(&a.article)));
                }
            }
            self.entry(*id).waiting -= 1;
            touched.push(*id);
        }
        touched.dedup();
        for id in touched {
            self.report(id);
        }
    }
}

/// What an article is called in messages: where it came from, else its URL, else its id.
pub(crate) fn origin(a: &Article) -> String {
    a.origin
        .clone()
        .or_else(|| a.url.clone())
        .unwrap_or_else(|| a.id.clone())
}

#[cfg(test)]
mod tests {
    use super::window_size;

    #[test]
    fn the_window_holds_the_next_batch_so_analysis_overlaps_a_put() {
        // One analyser, default batch: readers may run a whole batch ahead and more.
        assert!(window_size(1, 256) >= 2 * 256);
        // Many analysers keep 64 each.
        assert_eq!(window_size(16, 64), 1024);
        // A huge batch does not let the readers take every input at once.
        assert!(window_size(1, 100_000) <= 2048);
        assert!(window_size(1, 0) >= 1);
    }
}
