//! Readers and cleaners: turn any news input (scraped text dumps, HTML, RSS/Atom feeds,
//! WARC archives, JSON Lines, URLs) into clean [`newsgraph_model::Article`]s, with the
//! page furniture cut out and labelled.
//!
//! Entry points: [`expand`] turns command-line arguments into [`Input`]s (directories
//! walked recursively, `-` for stdin, `http(s)://` for URLs); [`read`] reads one input
//! and hands every article it holds to a callback (a feed or a WARC holds many), so
//! large archives stream.
//!
//! Layout: `source/` gets bytes (files, directories, stdin, HTTP); `format/` sniffs and
//! splits them into documents (text dump, HTML, feed, WARC, JSON Lines, gzip); `clean/`
//! turns one document into an article (main text, furniture, metadata).

pub mod clean;
mod error;
pub mod format;
mod source;

use newsgraph_model::Article;
use std::path::PathBuf;

pub use clean::html::{clean_html_with_model, learned, page_text, Extractor};
pub use clean::{clean_html, clean_text};
pub use error::ReadError;
pub use format::Format;
pub use source::{feed_list, is_feed_list_path, opml_urls, WalkOptions};

/// One thing to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Path(PathBuf),
    Stdin,
    Url(String),
}

impl std::fmt::Display for Input {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Input::Path(p) => write!(f, "{}", p.display()),
            Input::Stdin => write!(f, "<stdin>"),
            Input::Url(u) => write!(f, "{u}"),
        }
    }
}

/// Options that apply to every input.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Publication date to use when the input gives none (ISO 8601).
    pub published: Option<String>,
    /// Force a format instead of sniffing it from the name and the bytes.
    pub format: Option<Format>,
    /// Which main-text extractor cleans HTML pages.
    pub extractor: Extractor,
    /// Largest input (after decompression) read, in bytes; larger inputs are cut there.
    pub max_bytes: usize,
    /// Timeout for one URL fetch, in seconds.
    pub http_timeout_secs: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            published: None,
            format: None,
            extractor: Extractor::default(),
            max_bytes: 256 * 1024 * 1024,
            http_timeout_secs: 30,
        }
    }
}

/// Expands command-line arguments into inputs: `-` is stdin, `http(s)://...` a URL,
/// a directory every regular file under it (recursively, sorted, hidden entries
/// skipped), anything else a file path.
pub fn expand(args: &[String]) -> Vec<Result<Input, ReadError>> {
    expand_with(args, &WalkOptions::default())
}

/// [`expand`] with the file filters of directory walks (`--include`, `--exclude`,
/// default skips). A directory that had files skipped by default yields one
/// [`ReadError::Skipped`] warning that counts them.
pub fn expand_with(args: &[String], walk: &WalkOptions) -> Vec<Result<Input, ReadError>> {
    let mut out = Vec::new();
    for a in args {
        source::expand_one_with(a, walk, &mut out);
    }
    out
}

/// Reads one input, calling `emit` once per article found (or per article-level error).
/// Returns an error when the input as a whole cannot be read.
pub fn read(
    input: &Input,
    opts: &ReadOptions,
    emit: &mut dyn FnMut(Result<Article, ReadError>),
) -> Result<(), ReadError> {
    let bytes = source::load(input, opts)?;
    read_loaded(&input.to_string(), bytes, opts, emit)
}

/// Loads an input's bytes (a file, stdin, a URL) without reading
/// articles from them: what a queue producer publishes for a worker to [`read_loaded`].
pub fn load(input: &Input, opts: &ReadOptions) -> Result<Vec<u8>, ReadError> {
    source::load(input, opts)
}

/// Reads every article of an input whose bytes were loaded elsewhere (a queue message),
/// exactly as [`read`] reads a file: `name` is used for sniffing by extension, in error
/// messages and as the articles' `origin`; `opts.published` fills missing dates.
pub fn read_loaded(
    name: &str,
    bytes: Vec<u8>,
    opts: &ReadOptions,
    emit: &mut dyn FnMut(Result<Article, ReadError>),
) -> Result<(), ReadError> {
    let mut emit_with_defaults = |r: Result<Article, ReadError>| {
        emit(r.map(|mut a| {
            if a.origin.is_none() {
                a.origin = Some(name.to_string());
            }
            a
        }))
    };
    format::read_bytes(name, bytes, opts, &mut emit_with_defaults)
}

/// Reads every article of an in-memory input (`name` is used for sniffing by
/// extension and in error messages).
pub fn read_bytes(
    name: &str,
    bytes: Vec<u8>,
    opts: &ReadOptions,
    emit: &mut dyn FnMut(Result<Article, ReadError>),
) -> Result<(), ReadError> {
    format::read_bytes(name, bytes, opts, emit)
}
