//! The connection to the NATS server: connect (fail fast), check or create the
//! streams and the consumer, publish inputs, report status. A blocking API over the
//! async client, which runs on the queue's own one-thread tokio runtime.

use crate::layout::*;
use crate::{QueueError, Result};
use async_nats::jetstream::{self, consumer, stream};
use std::time::Duration;

/// How the queue is set up when it is first created.
#[derive(Debug, Clone)]
pub struct QueueOptions {
    /// How long a delivered, unacknowledged message waits before redelivery.
    pub ack_wait: Duration,
    /// How long connecting may take before failing.
    pub connect_timeout: Duration,
}

impl Default for QueueOptions {
    fn default() -> Self {
        QueueOptions {
            ack_wait: DEFAULT_ACK_WAIT,
            connect_timeout: Duration::from_secs(5),
        }
    }
}

/// A connection to the queue's streams.
pub struct Queue {
    pub(crate) rt: tokio::runtime::Runtime,
    pub(crate) js: jetstream::Context,
    pub(crate) client: async_nats::Client,
    pub(crate) url: String,
    pub(crate) inputs: stream::Stream,
    pub(crate) dead: stream::Stream,
}

/// What `newsgraph queue status` shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueStatus {
    /// Published, not yet delivered to a worker.
    pub pending: u64,
    /// Delivered, not yet acknowledged (being analysed, or held by a dead worker until
    /// the ack wait expires).
    pub in_flight: u64,
    /// In the dead-letter stream.
    pub dead: u64,
    /// Redelivered at least once, still not done.
    pub redelivered: u64,
}

/// One dead letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadLetter {
    pub sequence: u64,
    pub source: String,
    pub error: String,
    pub deliveries: String,
    pub bytes: usize,
}

/// Strips credentials from a URL for messages.
fn shown(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}{}", &url[..s + 3], &url[at + 1..]),
        _ => url.to_string(),
    }
}

impl Queue {
    /// Connects, then checks (or creates) the streams and the consumer. Fails in one
    /// line naming the server when it is unreachable or the streams have another layout.
    pub fn connect(url: &str, opts: &QueueOptions) -> Result<Queue> {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("newsgraph-nats")
            .enable_all()
            .build()
            .map_err(|e| QueueError::Connect {
                url: shown(url),
                reason: format!("starting the client runtime: {e}"),
            })?;
        let url_shown = shown(url);
        let client = rt.block_on(async {
            let connect = async_nats::ConnectOptions::new()
                .name("newsgraph")
                .connection_timeout(opts.connect_timeout)
                .request_timeout(Some(Duration::from_secs(10)))
                .connect(url);
            match tokio::time::timeout(opts.connect_timeout + Duration::from_secs(1), connect).await
            {
                Ok(r) => r.map_err(|e| e.to_string()),
                Err(_) => Err(format!("no answer within {:?}", opts.connect_timeout)),
            }
        });
        let client = client.map_err(|reason| QueueError::Connect {
            url: url_shown.clone(),
            reason,
        })?;
        // The context spawns a task: it must be made inside the runtime.
        let js = {
            let _inside = rt.enter();
            jetstream::new(client.clone())
        };
        let (inputs, dead) = rt.block_on(ensure_layout(&js, &url_shown, opts))?;
        Ok(Queue {
            rt,
            js,
            client,
            url: url_shown,
            inputs,
            dead,
        })
    }

    /// The server, without credentials.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The largest message the server accepts.
    pub fn max_payload(&self) -> usize {
        self.client.server_info().max_payload
    }

    /// Publishes one input and waits for the stream to have stored it.
    pub fn publish(&self, msg: &InputMessage) -> Result<()> {
        self.publish_all(std::slice::from_ref(msg))
            .pop()
            .unwrap_or(Ok(()))
    }

    /// Publishes inputs (up to 64 awaiting their stored-acknowledgement at once); one
    /// result per input, in order. An input larger than the server stores whole goes
    /// as its head, marked oversize (see [`InputMessage::fitted`]): it ends in the dead
    /// letters with that error instead of being refused here or lost there.
    pub fn publish_all(&self, msgs: &[InputMessage]) -> Vec<Result<()>> {
        // Room for the headers within the server's max_payload.
        let limit = self.max_payload().saturating_sub(16 * 1024);
        self.rt.block_on(async {
            let mut out = Vec::with_capacity(msgs.len());
            for chunk in msgs.chunks(64) {
                let mut acks = Vec::with_capacity(chunk.len());
                for m in chunk {
                    let m = m.fitted(limit, &self.url);
                    let sent = self
                        .js
                        .publish_with_headers(INPUTS_SUBJECT, m.headers(), m.bytes.clone().into())
                        .await;
                    acks.push(
                        sent.map_err(|e| self.server_err(&format!("publishing {}", m.source), e)),
                    );
                }
                for a in acks {
                    out.push(match a {
                        Ok(fut) => fut.await.map(|_| ()).map_err(|e| {
                            self.server_err("waiting for the stream to store an input", e)
                        }),
                        Err(e) => Err(e),
                    });
                }
            }
            out
        })
    }

    pub(crate) fn server_err(&self, what: &str, e: impl std::fmt::Display) -> QueueError {
        QueueError::Server {
            url: self.url.clone(),
            what: what.to_string(),
            reason: e.to_string(),
        }
    }

    /// Pending, in flight and dead counts.
    pub fn status(&self) -> Result<QueueStatus> {
        self.rt.block_on(async {
            let mut inputs = self.inputs.clone();
            let mut dead = self.dead.clone();
            let dead_count = dead
                .info()
                .await
                .map_err(|e| self.server_err("reading the dead-letter stream", e))?
                .state
                .messages;
            inputs
                .info()
                .await
                .map_err(|e| self.server_err("reading the input stream", e))?;
            let mut c: consumer::PullConsumer = inputs
                .get_consumer(CONSUMER)
                .await
                .map_err(|e| self.server_err("reading the consumer", e))?;
            let info = c
                .info()
                .await
                .map_err(|e| self.server_err("reading the consumer", e))?;
            Ok(QueueStatus {
                pending: info.num_pending,
                in_flight: info.num_ack_pending as u64,
                dead: dead_count,
                redelivered: info.num_redelivered as u64,
            })
        })
    }

    /// The last `n` dead letters, newest first.
    pub fn dead_letters(&self, n: usize) -> Result<Vec<DeadLetter>> {
        self.rt.block_on(async {
            let mut dead = self.dead.clone();
            let state = dead
                .info()
                .await
                .map_err(|e| self.server_err("reading the dead-letter stream", e))?
                .state
                .clone();
            let mut out = Vec::new();
            let mut seq = state.last_sequence;
            while seq >= state.first_sequence.max(1) && out.len() < n {
                if let Ok(m) = dead.get_raw_message(seq).await {
                    let get = |k: &str| {
                        m.headers
                            .get(k)
                            .map(|v| v.as_str().to_string())
                            .unwrap_or_default()
                    };
                    out.push(DeadLetter {
                        sequence: seq,
                        source: get(H_SOURCE),
                        error: get(H_ERROR),
                        deliveries: get(H_DELIVERIES),
                        bytes: m.payload.len(),
                    });
                }
                seq -= 1;
            }
            Ok(out)
        })
    }
}

/// The stream configurations this build expects.
fn inputs_config() -> stream::Config {
    stream::Config {
        name: INPUTS_STREAM.into(),
        description: Some(INPUTS_DESCRIPTION.into()),
        subjects: vec![INPUTS_SUBJECT.into()],
        retention: stream::RetentionPolicy::WorkQueue,
        storage: stream::StorageType::File,
        duplicate_window: Duration::from_secs(120),
        ..Default::default()
    }
}

fn dead_config() -> stream::Config {
    stream::Config {
        name: DEAD_STREAM.into(),
        description: Some(DEAD_DESCRIPTION.into()),
        subjects: vec![DEAD_SUBJECT.into()],
        retention: stream::RetentionPolicy::Limits,
        storage: stream::StorageType::File,
        ..Default::default()
    }
}

/// Why an existing stream's configuration is not the expected one (`None`: it is).
fn mismatch(have: &stream::Config, want: &stream::Config) -> Option<String> {
    let mut why = Vec::new();
    if have.subjects != want.subjects {
        why.push(format!(
            "subjects {:?}, expected {:?}",
            have.subjects, want.subjects
        ));
    }
    if have.retention != want.retention {
        why.push(format!(
            "retention {:?}, expected {:?}",
            have.retention, want.retention
        ));
    }
    if have.storage != want.storage {
        why.push(format!(
            "storage {:?}, expected {:?}",
            have.storage, want.storage
        ));
    }
    if have.description != want.description {
        why.push(format!(
            "description {:?}, expected {:?}",
            have.description.as_deref().unwrap_or(""),
            want.description.as_deref().unwrap_or("")
        ));
    }
    (!why.is_empty()).then(|| why.join("; "))
}

async fn ensure_stream(
    js: &jetstream::Context,
    url: &str,
    want: stream::Config,
) -> Result<stream::Stream> {
    let name = want.name.clone();
    let err = |reason: String| QueueError::Server {
        url: url.to_string(),
        what: format!("stream {name}"),
        reason,
    };
    match js.get_stream(&name).await {
        Ok(s) => {
            if let Some(reason) = mismatch(&s.cached_info().config, &want) {
                return Err(QueueError::Schema {
                    url: url.to_string(),
                    stream: name,
                    reason,
                });
            }
            Ok(s)
        }
        Err(e)
            if matches!(
                e.kind(),
                jetstream::context::GetStreamErrorKind::JetStream(j)
                    if j.error_code() == jetstream::ErrorCode::STREAM_NOT_FOUND
            ) =>
        {
            js.create_stream(want)
                .await
                .map_err(|e| err(format!("cannot create it: {e}")))
        }
        Err(e) => Err(err(e.to_string())),
    }
}

async fn ensure_layout(
    js: &jetstream::Context,
    url: &str,
    opts: &QueueOptions,
) -> Result<(stream::Stream, stream::Stream)> {
    let inputs = ensure_stream(js, url, inputs_config()).await?;
    let dead = ensure_stream(js, url, dead_config()).await?;
    let want = consumer::pull::Config {
        durable_name: Some(CONSUMER.into()),
        description: Some("newsgraph workers".into()),
        ack_policy: consumer::AckPolicy::Explicit,
        ack_wait: opts.ack_wait,
        // Unlimited: the worker dead-letters after its own count of failures, so a
        // message is never dropped silently by the server.
        max_deliver: -1,
        max_ack_pending: 10_000,
        ..Default::default()
    };
    match inputs
        .get_consumer::<consumer::pull::Config>(CONSUMER)
        .await
    {
        Ok(c) => {
            let have = &c.cached_info().config;
            if have.ack_policy != consumer::AckPolicy::Explicit || have.deliver_subject.is_some() {
                return Err(QueueError::Schema {
                    url: url.to_string(),
                    stream: INPUTS_STREAM.into(),
                    reason: format!(
                        "consumer {CONSUMER} is not a pull consumer with explicit acks (ack policy {:?})",
                        have.ack_policy
                    ),
                });
            }
        }
        Err(_) => {
            inputs
                .create_consumer(want)
                .await
                .map_err(|e| QueueError::Server {
                    url: url.to_string(),
                    what: format!("creating consumer {CONSUMER}"),
                    reason: e.to_string(),
                })?;
        }
    }
    Ok((inputs, dead))
}
