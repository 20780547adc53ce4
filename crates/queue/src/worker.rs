//! `newsgraph worker`: pull inputs from the stream, run the ingest engine over them,
//! settle each message once the engine reports it done (= committed).
//!
//! Settling: done without error → acknowledged (confirmed by the server). Failed
//! (unreadable, nothing stored, or a storage error) → redelivered after `retry_delay`,
//! until its delivery count reaches `max_failures`; then it is published to the
//! dead-letter subject with its error and acknowledged, so it never blocks the stream.
//! Inputs that can never succeed (over `max_input_bytes`, not our layout) and messages
//! delivered more than `max_failures` times without an answer (a worker died on them)
//! go to the dead letters at once. A worker killed at any point leaves its unsettled
//! messages to be redelivered after the consumer's ack wait; the store's dedup makes
//! the redo idempotent.

use crate::client::Queue;
use crate::layout::*;
use async_nats::jetstream::consumer::PullConsumer;
use async_nats::jetstream::{message::Acker, AckKind};
use futures_util::StreamExt;
use newsgraph_ingest::{Engine, Events, Job, JobOutcome, Jobs, NamedBytes, Pass, Tally};
use newsgraph_model::Article;
use newsgraph_read::{ReadError, ReadOptions};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::mpsc;

#[derive(Debug, Clone)]
pub struct WorkerOptions {
    /// Deliveries of a failing input before it goes to the dead letters.
    pub max_failures: u32,
    /// Wait before a failed input is delivered again.
    pub retry_delay: Duration,
    /// Inputs larger than this go to the dead letters unread.
    pub max_input_bytes: usize,
    /// Stop after this long without a new message (`None`: run until killed).
    pub idle_exit: Option<Duration>,
    /// Messages fetched ahead of the analysis threads.
    pub prefetch: usize,
}

impl Default for WorkerOptions {
    fn default() -> Self {
        WorkerOptions {
            max_failures: 3,
            retry_delay: Duration::from_secs(2),
            max_input_bytes: 32 * 1024 * 1024,
            idle_exit: None,
            prefetch: 32,
        }
    }
}

/// What a worker run did.
#[derive(Debug, Clone, Copy)]
pub struct WorkerReport {
    pub pass: Pass,
    pub acked: u64,
    pub retried: u64,
    pub dead: u64,
}

/// One delivered message as the engine's job.
pub struct QueueJob {
    input: NamedBytes,
    /// The payload as delivered, for a dead letter.
    payload: bytes::Bytes,
    headers: async_nats::HeaderMap,
    acker: Acker,
    delivered: i64,
    /// Set when the input can never succeed: read fails with it, no retry.
    refused: Option<String>,
}

impl Job for QueueJob {
    fn name(&self) -> String {
        self.input.name.clone()
    }

    fn read(
        &mut self,
        opts: &ReadOptions,
        emit: &mut dyn FnMut(Result<Article, ReadError>),
    ) -> Result<(), ReadError> {
        if let Some(why) = &self.refused {
            return Err(ReadError::Input {
                input: self.input.name.clone(),
                message: why.clone(),
            });
        }
        self.input.read(opts, emit)
    }
}

enum Action {
    Ack,
    Retry,
    Dead(String),
}

struct Settle {
    acker: Acker,
    payload: bytes::Bytes,
    headers: async_nats::HeaderMap,
    delivered: i64,
    action: Action,
}

#[derive(Default)]
struct Counts {
    acked: AtomicU64,
    retried: AtomicU64,
    dead: AtomicU64,
}

/// The engine's job source: messages from the pull task, with the idle exit.
struct Incoming {
    rx: Mutex<mpsc::Receiver<QueueJob>>,
    handle: tokio::runtime::Handle,
    idle_exit: Option<Duration>,
    stop: AtomicBool,
}

impl Jobs<QueueJob> for Incoming {
    fn next(&self) -> Option<QueueJob> {
        if self.stop.load(Ordering::Relaxed) {
            return None;
        }
        let mut rx = self.rx.lock().ok()?;
        if self.stop.load(Ordering::Relaxed) {
            return None;
        }
        let got = match self.idle_exit {
            Some(d) => self
                .handle
                .block_on(async { tokio::time::timeout(d, rx.recv()).await })
                .ok()
                .flatten(),
            None => self.handle.block_on(rx.recv()),
        };
        if got.is_none() {
            self.stop.store(true, Ordering::Relaxed);
        }
        got
    }
}

/// Hears the engine: logs errors, settles finished jobs.
struct Settler<'a> {
    tx: mpsc::UnboundedSender<Settle>,
    max_failures: u32,
    log: &'a (dyn Fn(&str) + Sync),
}

impl Events<QueueJob> for Settler<'_> {
    fn error(&self, message: &str) {
        (self.log)(message);
    }

    fn job_done(&self, job: QueueJob, outcome: &JobOutcome, _total: &Tally) {
        let t = outcome.tally;
        let stored = t.inserted + t.duplicates;
        let failed = outcome.failed || outcome.store_errors > 0 || (t.errors > 0 && stored == 0);
        let action = if !failed {
            Action::Ack
        } else if job.refused.is_some() || job.delivered >= self.max_failures as i64 {
            let mut error = outcome.errors.join("; ");
            if error.is_empty() {
                error = format!("{}: no article could be read", job.input.name);
            }
            Action::Dead(error)
        } else {
            Action::Retry
        };
        let _ = self.tx.send(Settle {
            acker: job.acker,
            payload: job.payload,
            headers: job.headers,
            delivered: job.delivered,
            action,
        });
    }
}

/// Runs a worker until killed, or until `idle_exit` passes without a message.
pub fn work(
    queue: &Queue,
    engine: &Engine,
    opts: &WorkerOptions,
    log: &(dyn Fn(&str) + Sync),
) -> crate::Result<WorkerReport> {
    let consumer: PullConsumer = queue
        .rt
        .block_on(queue.inputs.get_consumer(CONSUMER))
        .map_err(|e| queue.server_err("opening the consumer", e))?;
    let counts = Arc::new(Counts::default());
    let (job_tx, job_rx) = mpsc::channel::<QueueJob>(opts.prefetch.max(1));
    let (settle_tx, settle_rx) = mpsc::unbounded_channel::<Settle>();
    let pull = queue.rt.spawn(pull_loop(
        consumer,
        job_tx,
        settle_tx.clone(),
        opts.clone(),
        queue.url.clone(),
    ));
    let settle = queue.rt.spawn(settle_loop(
        settle_rx,
        queue.js.clone(),
        counts.clone(),
        opts.retry_delay,
        queue.url.clone(),
    ));
    let incoming = Incoming {
        rx: Mutex::new(job_rx),
        handle: queue.rt.handle().clone(),
        idle_exit: opts.idle_exit,
        stop: AtomicBool::new(false),
    };
    let settler = Settler {
        tx: settle_tx,
        max_failures: opts.max_failures.max(1),
        log,
    };
    let pass = engine.pass(&incoming, &settler);
    // Stop pulling; hand back what was fetched but not started, then let the settle
    // task finish what the engine reported.
    pull.abort();
    let mut rx = incoming.rx.into_inner().unwrap_or_else(|e| e.into_inner());
    rx.close();
    while let Ok(job) = rx.try_recv() {
        let _ = settler.tx.send(Settle {
            acker: job.acker,
            payload: job.payload,
            headers: job.headers,
            delivered: job.delivered,
            action: Action::Retry,
        });
    }
    drop(settler);
    let _ = queue.rt.block_on(settle);
    Ok(WorkerReport {
        pass,
        acked: counts.acked.load(Ordering::Relaxed),
        retried: counts.retried.load(Ordering::Relaxed),
        dead: counts.dead.load(Ordering::Relaxed),
    })
}

/// Pulls messages and turns them into jobs; re-subscribes after a server outage.
async fn pull_loop(
    consumer: PullConsumer,
    jobs: mpsc::Sender<QueueJob>,
    settle: mpsc::UnboundedSender<Settle>,
    opts: WorkerOptions,
    url: String,
) {
    loop {
        let stream = consumer
            .stream()
            .max_messages_per_batch(opts.prefetch.max(1))
            .max_bytes_per_batch(opts.max_input_bytes.saturating_mul(2).max(1 << 20))
            .heartbeat(Duration::from_secs(5))
            .expires(Duration::from_secs(30))
            .messages()
            .await;
        let mut messages = match stream {
            Ok(m) => m,
            Err(e) => {
                eprintln!("newsgraph: {url}: pulling inputs: {e}; retrying");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
        };
        while let Some(m) = messages.next().await {
            let m = match m {
                Ok(m) => m,
                Err(e) => {
                    eprintln!("newsgraph: {url}: pulling inputs: {e}; retrying");
                    break;
                }
            };
            let delivered = m.info().map(|i| i.delivered).unwrap_or(1);
            let (msg, acker) = m.split();
            let headers = msg.headers.clone().unwrap_or_default();
            let payload = msg.payload.clone();
            let decoded = InputMessage::decode(msg.headers.as_ref(), &[]);
            let (input, refused) = match decoded {
                Err(why) => {
                    let _ = settle.send(Settle {
                        acker,
                        payload,
                        headers,
                        delivered,
                        action: Action::Dead(why),
                    });
                    continue;
                }
                Ok(meta) => {
                    let refused = if let Some(why) = &meta.oversize {
                        Some(why.clone())
                    } else if delivered > opts.max_failures.max(1) as i64 {
                        Some(format!(
                            "delivered {delivered} times without an answer (the worker processing it died or timed out)"
                        ))
                    } else if payload.len() > opts.max_input_bytes {
                        Some(format!(
                            "{:.1} MB is over this worker's input limit of {:.1} MB (--max-input-mb)",
                            payload.len() as f64 / 1e6,
                            opts.max_input_bytes as f64 / 1e6
                        ))
                    } else {
                        None
                    };
                    let bytes = if refused.is_some() {
                        Vec::new()
                    } else {
                        payload.to_vec()
                    };
                    (
                        NamedBytes {
                            name: meta.source,
                            bytes,
                            format: meta.format,
                            published: meta.published,
                        },
                        refused,
                    )
                }
            };
            let job = QueueJob {
                input,
                payload,
                headers,
                acker,
                delivered,
                refused,
            };
            if jobs.send(job).await.is_err() {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

/// Acknowledges, redelivers or dead-letters each settled message.
async fn settle_loop(
    mut rx: mpsc::UnboundedReceiver<Settle>,
    js: async_nats::jetstream::Context,
    counts: Arc<Counts>,
    retry_delay: Duration,
    url: String,
) {
    while let Some(s) = rx.recv().await {
        match s.action {
            Action::Ack => match s.acker.double_ack().await {
                Ok(()) => {
                    counts.acked.fetch_add(1, Ordering::Relaxed);
                }
                Err(e) => eprintln!(
                    "newsgraph: {url}: acknowledging an input failed ({e}); it will be redelivered and skipped as stored"
                ),
            },
            Action::Retry => {
                counts.retried.fetch_add(1, Ordering::Relaxed);
                let _ = s.acker.ack_with(AckKind::Nak(Some(retry_delay))).await;
            }
            Action::Dead(error) => {
                let mut h = s.headers.clone();
                h.insert(H_ERROR, header_safe(&truncate(&error, 2000)).as_str());
                h.insert(H_DELIVERIES, s.delivered.to_string().as_str());
                let sent = match js.publish_with_headers(DEAD_SUBJECT, h, s.payload).await {
                    Ok(ack) => ack.await.map(|_| ()).map_err(|e| e.to_string()),
                    Err(e) => Err(e.to_string()),
                };
                match sent {
                    Ok(()) => {
                        counts.dead.fetch_add(1, Ordering::Relaxed);
                        eprintln!("newsgraph: dead letter: {error}");
                        let _ = s.acker.double_ack().await;
                    }
                    Err(e) => {
                        eprintln!("newsgraph: {url}: publishing a dead letter failed ({e}); retrying later");
                        let _ = s.acker.ack_with(AckKind::Nak(Some(retry_delay))).await;
                    }
                }
            }
        }
    }
}

fn truncate(s: &str, max: usize) -> String {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_string()
}
