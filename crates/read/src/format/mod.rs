//! Formats: sniffing, decompression, charset decoding, and one reader per container
//! (text dump, HTML page, RSS/Atom feed, WARC archive, JSON Lines).

mod decode;
mod error;
mod feed;
mod gzip;
mod jsonl;
mod sniff;
mod warc;

use crate::{clean, ReadError, ReadOptions};
use newsgraph_model::{Article, Meta};

pub use decode::{decode_html, decode_html_owned, decode_text, decode_text_owned};
pub use error::FormatError;
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
    type Err = FormatError;
    fn from_str(s: &str) -> Result<Self, FormatError> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "text" | "txt" => Format::Text,
            "html" | "htm" => Format::Html,
            "feed" | "rss" | "atom" => Format::Feed,
            "warc" => Format::Warc,
            "jsonl" | "ndjson" => Format::Jsonl,
            other => return Err(FormatError::Unknown(other.to_string())),
        })
    }
}

/// Decompresses gzip data (up to `max` bytes out); other data is returned as is.
pub fn decompress(bytes: Vec<u8>, max: usize) -> Result<Vec<u8>, FormatError> {
    if gzip::is_gzip(&bytes) {
        gzip::gunzip(&bytes, max)
    } else {
        Ok(bytes)
    }
}

/// Reads every article of an in-memory input.
pub(crate) fn read_bytes(
    name: &str,
    bytes: Vec<u8>,
    opts: &ReadOptions,
    emit: &mut dyn FnMut(Result<Article, ReadError>),
) -> Result<(), ReadError> {
    let mut emit = |r: Result<Article, ReadError>| {
        emit(r.map(|mut a| {
            clean::normalise::finish(&mut a, opts.published.as_deref());
            a
        }))
    };
    let emit: &mut dyn FnMut(Result<Article, ReadError>) = &mut emit;
    let mut gzip_tail = None;
    let (bytes, inner_name) = if gzip::is_gzip(&bytes) {
        let inner = name
            .strip_suffix(".gz")
            .or_else(|| name.strip_suffix(".GZ"))
            .unwrap_or(name);
        let (data, err) = gzip::gunzip_partial(&bytes, opts.max_bytes);
        if let Some(e) = err {
            if data.iter().all(|b| b.is_ascii_whitespace()) {
                return Err(ReadError::format(name, e));
            }
            // What decompressed before the damage is read; the tail is reported.
            gzip_tail = Some(ReadError::Truncated {
                input: name.to_string(),
                read: data.len(),
                source: e,
            });
        }
        (data, inner.to_string())
    } else {
        (bytes, name.to_string())
    };
    if let Some(e) = gzip_tail {
        emit(Err(e));
    }
    let bytes = decode::utf16_to_utf8(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::new(name, "empty input"));
    }
    let format = match opts.format {
        Some(f) => f,
        None => sniff(&inner_name, &bytes).map_err(|e| ReadError::format(name, e))?,
    };
    let url = if name.starts_with("http://") || name.starts_with("https://") {
        Some(name.to_string())
    } else {
        None
    };
    // The file name is not the outlet: `source` stays empty unless the document (or
    // the URL's host, filled in by `normalise::finish`) names one.
    let base = Meta {
        url,
        ..Default::default()
    };
    match format {
        // The input is dropped before the article is emitted: the analysis that runs
        // in `emit` does not hold a big page's bytes beside its text.
        Format::Text => {
            let text = decode_text_owned(bytes);
            let a = clean::clean_text(&text, base);
            drop(text);
            emit(Ok(a));
        }
        Format::Html => {
            let html = decode_html_owned(bytes);
            let a = clean::clean_html(&html, base, opts.extractor);
            drop(html);
            emit(Ok(a));
        }
        Format::Feed => feed::read_feed(name, &bytes, opts, emit)?,
        Format::Warc => warc::read_warc(name, &bytes, opts, emit)?,
        Format::Jsonl => jsonl::read_jsonl(name, &bytes, opts, emit),
    }
    Ok(())
}
