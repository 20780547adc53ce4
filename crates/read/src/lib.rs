//! Readers and cleaners: turn any news input (scraped text dumps, HTML, RSS/Atom feeds,
//! WARC archives, JSON Lines, URLs) into clean [`newsgraph_model::Article`]s, with the
//! page furniture cut out and labelled.
//!
//! Entry points: [`expand`] turns command-line arguments into [`Input`]s (directories
//! walked recursively, `-` for stdin, `http(s)://` for URLs); [`read`] reads one input
//! and hands every article it holds to a callback (a feed or a WARC holds many), so
//! large archives stream.

use newsgraph_model::Article;
use std::path::PathBuf;

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
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Publication date to use when the input gives none (ISO 8601).
    pub published: Option<String>,
}

/// A failure to read (part of) an input; always names the input.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{input}: {message}")]
    Input { input: String, message: String },
}

/// Expands command-line arguments into inputs.
pub fn expand(args: &[String]) -> Vec<Result<Input, ReadError>> {
    args.iter()
        .map(|a| {
            if a == "-" {
                Ok(Input::Stdin)
            } else if a.starts_with("http://") || a.starts_with("https://") {
                Ok(Input::Url(a.clone()))
            } else {
                Ok(Input::Path(PathBuf::from(a)))
            }
        })
        .collect()
}

/// Reads one input, calling `emit` once per article found (or per article-level error).
/// Returns an error when the input as a whole cannot be read.
pub fn read(
    input: &Input,
    _opts: &ReadOptions,
    _emit: &mut dyn FnMut(Result<Article, ReadError>),
) -> Result<(), ReadError> {
    Err(ReadError::Input { input: input.to_string(), message: "readers not implemented yet".into() })
}
