//! The ingest engine: reads inputs, analyses them on a pool of threads and stores the
//! results through one batching writer, behind the backend-free [`Store`] trait.
//!
//! The CLI's `ingest` command, the queue worker and the tests all drive the same
//! [`Engine`]; only where the work comes from differs:
//! - [`Jobs`] hands out units of work ([`Job`]s): a list of [`Input`]s for a local
//!   ingest ([`InputList`]), messages pulled from a queue for a worker;
//! - [`Events`] hears about errors and about each job once every article it produced is
//!   **committed** — the place to tick a progress bar or to acknowledge a message.
//!
//! Resume needs no state of its own: ids, canonical URLs and text hashes make every
//! put idempotent and articles the store already has are skipped before analysis, so a
//! killed run is redone by running it again. [`inputs`] expands command-line arguments
//! (feed lists included, read by `newsgraph_read`) and says which can be polled by `--watch`.
//! See `ARCH.md` in this crate for the codemap.

mod engine;
pub mod inputs;
mod job;
mod order;

pub use engine::{Engine, EngineOptions, Events, JobOutcome, Pass, Tally};
pub use job::{InputList, Job, Jobs, NamedBytes, UntilStopped};
pub use newsgraph_read::Input;
pub use newsgraph_store::Store;
