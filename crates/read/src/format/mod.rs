//! Formats: sniffing, decompression, charset decoding, and one reader per container
//! (text dump, HTML page, RSS/Atom feed, WARC archive, JSON Lines).

mod decode;
mod feed;
mod gzip;
mod jsonl;
mod sniff;
mod warc;

use crate::{clean, ReadError, ReadOptions};
use newsgraph_model::{Article, Meta};

pub use decode::{decode_html, decode_text};
pub use sniff::sniff;

/// What an input holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// A scraped page as plain text (title first, then body, then page furniture).
    Text,
    /// One HTML page.
    Html,
    /// An RSS 2.0 / RSS 1.0 / Atom feed: one article per item.
    Feed,
    /// A WARC archive: one article per HTML response record.
    Warc,
    /// JSON Lines, one `{"url", "html" | "text", "published"?}` object per line.
    Jsonl,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "text" | "txt" => Format::Text,
            "html" | "htm" => Format::Html,
            "feed" | "rss" | "atom" => Format::Feed,
            "warc" => Format::Warc,
            "jsonl" | "ndjson" => Format::Jsonl,
            other => {
                return Err(format!(
                    "unknown format {other:?} (text, html, feed, warc, jsonl)"
                ))
            }
        })
    }
}

/// Decompresses gzip data (up to `max` bytes out); other data is returned as is.
pub fn decompress(bytes: Vec<u8>, max: usize) -> Result<Vec<u8>, String> {
    if gzip::is_gzip(&bytes) {
        gzip::gunzip(&bytes, max)
    } else {
        Ok(bytes)
    }
}

/// The last path component of an input name, used as the article's `source` when
/// nothing better is known.
fn file_label(name: &str) -> Option<String> {
    if name.starts_with("http://") || name.starts_with("https://") || name == "<stdin>" {
        return None;
    }
    std::path::Path::new(name)
        .file_name()
        .and_then(|n| n.to_str())
        .map(str::to_string)
}

/// Reads every article of an in-memory input.
pub(crate) fn read_bytes(
    name: &str,
    bytes: Vec<u8>,
    opts: &ReadOptions,
    emit: &mut dyn FnMut(Result<Article, ReadError>),
) -> Result<(), ReadError> {
    let (bytes, inner_name) = if gzip::is_gzip(&bytes) {
        let inner = name
            .strip_suffix(".gz")
            .or_else(|| name.strip_suffix(".GZ"))
            .unwrap_or(name);
        let data = gzip::gunzip(&bytes, opts.max_bytes).map_err(|e| ReadError::new(name, e))?;
        (data, inner.to_string())
    } else {
        (bytes, name.to_string())
    };
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::new(name, "empty input"));
    }
    let format = match opts.format {
        Some(f) => f,
        None => sniff(&inner_name, &bytes).map_err(|e| ReadError::new(name, e))?,
    };
    let url = if name.starts_with("http://") || name.starts_with("https://") {
        Some(name.to_string())
    } else {
        None
    };
    let base = Meta {
        url,
        source: file_label(name),
        ..Default::default()
    };
    match format {
        Format::Text => {
            let text = decode_text(&bytes);
            emit(Ok(clean::clean_text(&text, base)));
        }
        Format::Html => {
            let html = decode_html(&bytes);
            emit(Ok(clean::clean_html(&html, base, opts.extractor)));
        }
        Format::Feed => feed::read_feed(name, &bytes, opts, emit)?,
        Format::Warc => warc::read_warc(name, &bytes, opts, emit)?,
        Format::Jsonl => jsonl::read_jsonl(name, &bytes, opts, emit),
    }
    Ok(())
}
