//! Queue mode: `newsgraph ingest --queue nats://…` publishes raw inputs to a NATS
//! JetStream stream; `newsgraph worker` processes pull them, run the ingest engine
//! (`newsgraph-ingest`) into a shared store and acknowledge each input only after the
//! batch holding its articles committed.
//!
//! - [`Queue`] is the connection: it owns a small tokio runtime (one thread) that the
//!   async client runs on and exposes a blocking API, like the rest of the code base.
//!   Connecting checks the stream layout and fails in one line naming the server.
//! - [`layout`]: the streams (inputs: work-queue retention, file storage; dead
//!   letters: kept), the durable pull consumer, the message headers.
//! - [`worker`]: the pull loop, redelivery and dead-lettering after N failures.
//!
//! See `ARCH.md` in this crate for the codemap and the delivery guarantees.

mod client;
pub mod layout;
mod producer;
#[doc(hidden)]
pub mod testing;
pub mod worker;

pub use client::{DeadLetter, Queue, QueueOptions, QueueStatus};
pub use layout::InputMessage;
pub use producer::{publish_inputs, PublishReport};
pub use worker::{work, WorkerOptions, WorkerReport};

/// A queue failure; every message names the server (and the stream) involved.
#[derive(Debug, thiserror::Error)]
pub enum QueueError {
    #[error("cannot connect to NATS at {url}: {reason}")]
    Connect { url: String, reason: String },
    #[error("{url}: stream {stream} has another schema: {reason}")]
    Schema {
        url: String,
        stream: String,
        reason: String,
    },
    #[error("{url}: {what}: {reason}")]
    Server {
        url: String,
        what: String,
        reason: String,
    },
    #[error("{0}")]
    Input(String),
}

pub type Result<T, E = QueueError> = std::result::Result<T, E>;
