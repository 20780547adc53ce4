//! `newsgraph ingest --queue`: load each input's bytes and publish them, with the
//! source name, format and `--published` date, for the workers.

use crate::client::Queue;
use crate::layout::InputMessage;
use newsgraph_read::{Input, ReadOptions};

/// What a publish run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PublishReport {
    pub published: usize,
    /// One line per input that could not be loaded or published, naming it.
    pub errors: Vec<String>,
}

/// Loads and publishes every input, 64 at a time; `progress(done, error)` is called
/// once per input.
pub fn publish_inputs(
    queue: &Queue,
    inputs: &[Input],
    opts: &ReadOptions,
    progress: &mut dyn FnMut(usize, Option<&str>),
) -> PublishReport {
    let mut report = PublishReport::default();
    let mut done = 0;
    for chunk in inputs.chunks(64) {
        let mut msgs = Vec::with_capacity(chunk.len());
        for input in chunk {
            match newsgraph_read::load(input, opts) {
                Ok(bytes) => msgs.push(InputMessage {
                    source: input.to_string(),
                    format: opts.format,
                    published: opts.published.clone(),
                    bytes,
                    oversize: None,
                }),
                Err(e) => {
                    let e = e.to_string();
                    done += 1;
                    progress(done, Some(&e));
                    report.errors.push(e);
                }
            }
        }
        for r in queue.publish_all(&msgs) {
            done += 1;
            match r {
                Ok(()) => {
                    report.published += 1;
                    progress(done, None);
                }
                Err(e) => {
                    let e = e.to_string();
                    progress(done, Some(&e));
                    report.errors.push(e);
                }
            }
        }
    }
    report
}
