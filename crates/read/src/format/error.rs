//! What can be wrong with an input's container before any article is read.

/// A container-level failure: the bytes are not a readable input of any format.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    /// A gzip stream that is truncated or corrupt.
    #[error("bad gzip data ({0})")]
    Gzip(#[source] std::io::Error),
    /// Bytes that are no text format the reader knows.
    #[error("binary data, not a text, HTML, feed, WARC or JSON Lines input")]
    Binary,
    /// A `--format` name the reader does not know.
    #[error("unknown format {0:?} (text, html, feed, warc, jsonl)")]
    Unknown(String),
}
