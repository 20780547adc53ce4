//! Units of work and where they come from.

use newsgraph_model::Article;
use newsgraph_read::{Input, ReadError, ReadOptions};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// One unit of work: something that reads into zero or more articles. A job is done
/// (and reported to [`crate::Events::job_done`]) once all its articles are committed.
pub trait Job: Send {
    /// What the job is called in messages (a path, a URL, a source name).
    fn name(&self) -> String;

    /// Reads the job's articles, calling `emit` once per article or article-level
    /// error. An error return means the job as a whole could not be read. Called once;
    /// a job may give up its bytes to the reader.
    fn read(
        &mut self,
        opts: &ReadOptions,
        emit: &mut dyn FnMut(Result<Article, ReadError>),
    ) -> Result<(), ReadError>;
}

impl Job for Input {
    fn name(&self) -> String {
        self.to_string()
    }

    fn read(
        &mut self,
        opts: &ReadOptions,
        emit: &mut dyn FnMut(Result<Article, ReadError>),
    ) -> Result<(), ReadError> {
        newsgraph_read::read(self, opts, emit)
    }
}

/// Raw bytes of an input read elsewhere (a queue message): the source name (used for
/// sniffing by extension, as the article's origin and in messages), its own format and
/// publication date when the producer gave them.
#[derive(Debug, Clone)]
pub struct NamedBytes {
    pub name: String,
    pub bytes: Vec<u8>,
    pub format: Option<newsgraph_read::Format>,
    pub published: Option<String>,
}

impl Job for NamedBytes {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn read(
        &mut self,
        opts: &ReadOptions,
        emit: &mut dyn FnMut(Result<Article, ReadError>),
    ) -> Result<(), ReadError> {
        let bytes = std::mem::take(&mut self.bytes);
        let mut opts = opts.clone();
        if self.format.is_some() {
            opts.format = self.format;
        }
        if self.published.is_some() {
            opts.published = self.published.clone();
        }
        newsgraph_read::read_loaded(&self.name, bytes, &opts, emit)
    }
}

/// Where the worker threads take jobs from. `next` is called from every worker thread
/// at once; `None` means no more work (the pass ends once the writer has stored the rest).
pub trait Jobs<J: Job>: Sync {
    fn next(&self) -> Option<J>;

    /// How many jobs there are, when known (sizes the worker pool and progress bars).
    fn len_hint(&self) -> Option<usize> {
        None
    }
}

/// A fixed list of inputs, handed out in order.
pub struct InputList<'a> {
    inputs: &'a [Input],
    next: AtomicUsize,
}

impl<'a> InputList<'a> {
    pub fn new(inputs: &'a [Input]) -> Self {
        InputList {
            inputs,
            next: AtomicUsize::new(0),
        }
    }
}

impl Jobs<Input> for InputList<'_> {
    fn next(&self) -> Option<Input> {
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        self.inputs.get(i).cloned()
    }

    fn len_hint(&self) -> Option<usize> {
        Some(self.inputs.len())
    }
}

/// Another source's jobs until `stop` is set (by a Ctrl-C handler): then no new job is
/// handed out, the jobs in progress finish, and the pass ends after storing them, so an
/// interrupted run keeps everything it analysed.
pub struct UntilStopped<'a, J: Job> {
    inner: &'a dyn Jobs<J>,
    stop: &'a AtomicBool,
}

impl<'a, J: Job> UntilStopped<'a, J> {
    pub fn new(inner: &'a dyn Jobs<J>, stop: &'a AtomicBool) -> Self {
        UntilStopped { inner, stop }
    }
}

impl<J: Job> Jobs<J> for UntilStopped<'_, J> {
    fn next(&self) -> Option<J> {
        if self.stop.load(Ordering::SeqCst) {
            return None;
        }
        self.inner.next()
    }

    fn len_hint(&self) -> Option<usize> {
        self.inner.len_hint()
    }
}
