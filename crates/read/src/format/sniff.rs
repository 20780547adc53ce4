//! Format sniffing: by file extension first, then by the first bytes.

use super::{Format, FormatError};

/// Guesses the format of an input from its (decompressed) name and bytes. Binary
/// junk is an error.
pub fn sniff(name: &str, b: &[u8]) -> Result<Format, FormatError> {
    let lower = name.to_ascii_lowercase();
    let by_ext = [
        (".warc", Format::Warc),
        (".jsonl", Format::Jsonl),
        (".ndjson", Format::Jsonl),
        (".rss", Format::Feed),
        (".atom", Format::Feed),
        (".html", Format::Html),
        (".htm", Format::Html),
        (".xhtml", Format::Html),
    ];
    for (ext, f) in by_ext {
        if lower.ends_with(ext) {
            return Ok(f);
        }
    }
    let head = &b[..b.len().min(8192)];
    let start = head
        .iter()
        .position(|c| !c.is_ascii_whitespace() && !matches!(c, 0xEF | 0xBB | 0xBF))
        .unwrap_or(head.len());
    let body = &head[start..];
    if body.starts_with(b"WARC/") {
        return Ok(Format::Warc);
    }
    let lower_head: Vec<u8> = body.iter().take(4096).map(u8::to_ascii_lowercase).collect();
    let has = |n: &[u8]| lower_head.windows(n.len()).any(|w| w == n);
    if body.starts_with(b"<") {
        if has(b"<rss") || has(b"<feed") || has(b"<rdf:rdf") {
            return Ok(Format::Feed);
        }
        return Ok(Format::Html);
    }
    if body.starts_with(b"{") {
        let first = body.split(|c| *c == b'\n').next().unwrap_or(body);
        if serde_json::from_slice::<serde_json::Value>(first).is_ok_and(|v| v.is_object()) {
            return Ok(Format::Jsonl);
        }
    }
    if looks_binary(head) {
        return Err(FormatError::Binary);
    }
    if has(b"<html") || has(b"<body") || has(b"<!doctype html") {
        return Ok(Format::Html);
    }
    Ok(Format::Text)
}

/// True when the bytes hold NULs or many control characters.
fn looks_binary(b: &[u8]) -> bool {
    if b.contains(&0) {
        return true;
    }
    let ctrl = b
        .iter()
        .filter(|c| **c < 0x20 && !matches!(c, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    ctrl * 20 > b.len().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_name_and_content() {
        assert_eq!(sniff("a.html", b"whatever").ok(), Some(Format::Html));
        assert_eq!(
            sniff("a", b"  <!DOCTYPE html><html>").ok(),
            Some(Format::Html)
        );
        assert_eq!(
            sniff("a", b"<?xml version='1.0'?><rss>").ok(),
            Some(Format::Feed)
        );
        assert_eq!(sniff("a", b"WARC/1.0\r\n").ok(), Some(Format::Warc));
        assert_eq!(sniff("a", b"{\"url\":\"x\"}\n").ok(), Some(Format::Jsonl));
        assert_eq!(sniff("a.txt", b"Title\nBody.").ok(), Some(Format::Text));
        assert_eq!(sniff("a", b"Title\nBody.").ok(), Some(Format::Text));
        assert!(sniff("a", b"\x00\x01\x02binary").is_err());
    }
}
