//! WARC (1.0/1.1) archives, plain or gzipped: a streaming record reader. Every
//! `response` record whose HTTP payload is HTML becomes an article (URL from
//! `WARC-Target-URI`). A truncated or
//! malformed record is an error for that record; the records before it are kept.

use crate::{clean, ReadError, ReadOptions};
use newsgraph_model::{Article, Meta, PublishedFrom};

/// One parsed WARC record.
pub(crate) struct Record<'a> {
    pub headers: Vec<(String, String)>,
    pub block: &'a [u8],
}

impl Record<'_> {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn parse_headers(h: &[u8]) -> Vec<(String, String)> {
    String::from_utf8_lossy(h)
        .lines()
        .skip(1)
        .filter_map(|l| {
            l.split_once(':')
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        })
        .collect()
}

/// Reads records one by one from `data`.
pub(crate) struct Records<'a> {
    data: &'a [u8],
    pos: usize,
    done: bool,
}

impl<'a> Records<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Records {
            data,
            pos: 0,
            done: false,
        }
    }
}

impl<'a> Iterator for Records<'a> {
    type Item = Result<Record<'a>, String>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        // Skip blank lines between records.
        while self.pos < self.data.len() && matches!(self.data[self.pos], b'\r' | b'\n') {
            self.pos += 1;
        }
        if self.pos >= self.data.len() {
            return None;
        }
        let rest = &self.data[self.pos..];
        if !rest.starts_with(b"WARC/") {
            self.done = true;
            return Some(Err(format!("no WARC record at byte {}", self.pos)));
        }
        let Some(hend) = find(rest, b"\r\n\r\n")
            .map(|i| (i, 4))
            .or_else(|| find(rest, b"\n\n").map(|i| (i, 2)))
        else {
            self.done = true;
            return Some(Err(format!("truncated WARC headers at byte {}", self.pos)));
        };
        let headers = parse_headers(&rest[..hend.0]);
        let len = headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
            .and_then(|(_, v)| v.parse::<usize>().ok());
        let Some(len) = len else {
            self.done = true;
            return Some(Err(format!(
                "WARC record at byte {} has no valid Content-Length",
                self.pos
            )));
        };
        let start = hend.0 + hend.1;
        if rest.len() < start.saturating_add(len) {
            self.done = true;
            return Some(Err(format!(
                "truncated WARC record at byte {} ({} of {} bytes)",
                self.pos,
                rest.len() - start,
                len
            )));
        }
        let block = &rest[start..start + len];
        self.pos += start + len;
        Some(Ok(Record { headers, block }))
    }
}

/// De-chunks an HTTP `Transfer-Encoding: chunked` body (best effort).
fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    while let Some(eol) = find(b, b"\r\n") {
        let size_str = String::from_utf8_lossy(&b[..eol]);
        let size_str = size_str.split(';').next().unwrap_or("").trim().to_string();
        let Ok(size) = usize::from_str_radix(&size_str, 16) else {
            break;
        };
        if size == 0 {
            break;
        }
        let start = eol + 2;
        let end = start.saturating_add(size).min(b.len());
        out.extend_from_slice(&b[start..end]);
        b = &b[(end + 2).min(b.len())..];
    }
    out
}

/// HTTP header lines as (name, value).
type Headers = Vec<(String, String)>;

/// Splits an HTTP response into (status, headers, body).
fn http_payload(block: &[u8]) -> Option<(u16, Headers, Vec<u8>)> {
    let (hend, sep) = find(block, b"\r\n\r\n")
        .map(|i| (i, 4))
        .or_else(|| find(block, b"\n\n").map(|i| (i, 2)))?;
    let head = String::from_utf8_lossy(&block[..hend]).into_owned();
    let status: u16 = head.split_whitespace().nth(1)?.parse().ok()?;
    let headers = parse_headers(&block[..hend]);
    let get = |k: &str| {
        headers
            .iter()
            .find(|(h, _)| h.eq_ignore_ascii_case(k))
            .map(|(_, v)| v.to_ascii_lowercase())
    };
    let mut body = block[hend + sep..].to_vec();
    if get("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
        body = dechunk(&body);
    }
    if get("content-encoding").is_some_and(|v| v.contains("gzip")) && super::gzip::is_gzip(&body) {
        body = super::gzip::gunzip(&body, 64 * 1024 * 1024).ok()?;
    }
    Some((status, headers, body))
}

pub(crate) fn read_warc(
    name: &str,
    bytes: &[u8],
    opts: &ReadOptions,
    emit: &mut dyn FnMut(Result<Article, ReadError>),
) -> Result<(), ReadError> {
    let mut n = 0usize;
    for (i, rec) in Records::new(bytes).enumerate() {
        let where_ = format!("{name}#record-{}", i + 1);
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                if i == 0 {
                    return Err(ReadError::new(name, e));
                }
                emit(Err(ReadError::new(where_, e)));
                break;
            }
        };
        if !rec
            .header("WARC-Type")
            .is_some_and(|t| t.eq_ignore_ascii_case("response"))
        {
            continue;
        }
        let Some((status, headers, body)) = http_payload(rec.block) else {
            emit(Err(ReadError::new(
                where_,
                "response record without a valid HTTP payload",
            )));
            continue;
        };
        if !(200..300).contains(&status) {
            continue;
        }
        let ctype = headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))
            .map(|(_, v)| v.to_ascii_lowercase());
        if ctype.as_deref().is_some_and(|c| !c.contains("html")) {
            continue;
        }
        let meta = Meta {
            url: rec
                .header("WARC-Target-URI")
                .map(|u| u.trim_matches(['<', '>']).to_string()),
            ..Default::default()
        };
        let html = super::decode_html(&body);
        let mut a = clean::clean_html(&html, meta, opts.extractor);
        // WARC-Date is the crawl time, not the publication date: only a fallback when
        // the page gives none (and `--published` does not), marked as such.
        if a.published.is_none() {
            if let Some(d) = rec.header("WARC-Date").filter(|d| !d.is_empty()) {
                a.published = Some(d.to_string());
                a.published_from = Some(PublishedFrom::Crawl);
            }
        }
        a.origin = Some(where_);
        n += 1;
        emit(Ok(a));
    }
    let _ = n;
    Ok(())
}
