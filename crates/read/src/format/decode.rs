//! Bytes to text: BOM, declared charset (HTML `<meta charset>`, XML declaration),
//! else UTF-8, decoded lossily so broken bytes never fail a read.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// Decodes plain text: BOM if any, else UTF-8 (lossy).
pub fn decode_text(b: &[u8]) -> String {
    if let Some((enc, n)) = Encoding::for_bom(b) {
        return enc.decode_without_bom_handling(&b[n..]).0.into_owned();
    }
    String::from_utf8_lossy(b).into_owned()
}

/// Finds `charset=NAME` (or `encoding="NAME"`) in the first 4 KB.
fn declared_charset(b: &[u8]) -> Option<&'static Encoding> {
    let head = &b[..b.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    for key in [&b"charset="[..], &b"encoding="[..]] {
        let mut from = 0;
        while let Some(i) = find(&lower[from..], key) {
            let start = from + i + key.len();
            let rest = &lower[start..];
            let rest = rest
                .strip_prefix(b"\"")
                .or_else(|| rest.strip_prefix(b"'"))
                .unwrap_or(rest);
            let end = rest
                .iter()
                .position(|c| !(c.is_ascii_alphanumeric() || *c == b'-' || *c == b'_'))
                .unwrap_or(rest.len());
            if let Some(enc) = Encoding::for_label(&rest[..end]) {
                return Some(enc);
            }
            from = start;
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Decodes an HTML or XML document: BOM, else UTF-8 when the bytes are valid UTF-8,
/// else the declared charset, else Windows-1252 (the web's de-facto default).
pub fn decode_html(b: &[u8]) -> String {
    if let Some((enc, n)) = Encoding::for_bom(b) {
        return enc.decode_without_bom_handling(&b[n..]).0.into_owned();
    }
    // A page valid as UTF-8 is taken as UTF-8 even when it declares a legacy charset
    // (almost always re-encoded by a crawler; pure ASCII decodes the same either way),
    // so the common case is one validation and one copy, without the charset sniff.
    if let Ok(s) = std::str::from_utf8(b) {
        return s.to_owned();
    }
    match declared_charset(b) {
        Some(enc) if enc != UTF_8 => enc.decode_without_bom_handling(b).0.into_owned(),
        Some(_) => String::from_utf8_lossy(b).into_owned(),
        None => WINDOWS_1252.decode_without_bom_handling(b).0.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_latin1_and_invalid_utf8() {
        let page = b"<html><head><meta charset=\"iso-8859-1\"></head><body>caf\xe9</body></html>";
        assert!(decode_html(page).contains("café"));
        let t = decode_text(b"ok \xff\xfe broken");
        assert!(t.starts_with("ok ") && t.ends_with(" broken"));
        assert_eq!(decode_html("déjà".as_bytes()), "déjà");
    }
}
