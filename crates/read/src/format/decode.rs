//! Bytes to text: BOM, declared charset (HTML `<meta charset>`, XML declaration),
//! else UTF-8, decoded lossily so broken bytes never fail a read.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// Decodes plain text: BOM if any, else UTF-8, where a byte that is not UTF-8 is read
/// as Windows-1252 (a stray Latin-1 `é` in an otherwise UTF-8 file becomes `é`, not
/// U+FFFD).
pub fn decode_text(b: &[u8]) -> String {
    if let Some((enc, n)) = Encoding::for_bom(b) {
        return enc.decode_without_bom_handling(&b[n..]).0.into_owned();
    }
    utf8_or_cp1252(b)
}

/// [`decode_text`] of bytes the caller gives up: valid UTF-8 without a byte-order mark
/// (the common case) becomes the string in place, without a second copy of the input.
pub fn decode_text_owned(b: Vec<u8>) -> String {
    owned_utf8(b).unwrap_or_else(|b| decode_text(&b))
}

/// [`decode_html`] of bytes the caller gives up (see [`decode_text_owned`]).
pub fn decode_html_owned(b: Vec<u8>) -> String {
    owned_utf8(b).unwrap_or_else(|b| decode_html(&b))
}

/// The bytes as a string when they are UTF-8 without a byte-order mark (what both
/// decoders return for them unchanged), else the bytes back.
fn owned_utf8(b: Vec<u8>) -> Result<String, Vec<u8>> {
    if Encoding::for_bom(&b).is_some() {
        return Err(b);
    }
    String::from_utf8(b).map_err(|e| e.into_bytes())
}

/// UTF-8 where the bytes are UTF-8; every byte of an invalid sequence decoded on its
/// own as Windows-1252 (which maps every byte to a character, so nothing is lost).
fn utf8_or_cp1252(b: &[u8]) -> String {
    let mut out = String::with_capacity(b.len());
    for chunk in b.utf8_chunks() {
        out.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            out.push_str(&WINDOWS_1252.decode_without_bom_handling(chunk.invalid()).0);
        }
    }
    out
}

/// Transcodes UTF-16 with a byte-order mark to UTF-8 (so sniffing and every reader
/// see text); other bytes are returned as they are.
pub(crate) fn utf16_to_utf8(b: Vec<u8>) -> Vec<u8> {
    match Encoding::for_bom(&b) {
        Some((enc, n)) if enc != UTF_8 => enc
            .decode_without_bom_handling(&b[n..])
            .0
            .into_owned()
            .into_bytes(),
        _ => b,
    }
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
        Some(_) => utf8_or_cp1252(b),
        // Undeclared: mostly UTF-8 with a few stray bytes is UTF-8 with per-byte
        // fallback; otherwise a legacy page, Windows-1252 throughout.
        None if mostly_utf8(b) => utf8_or_cp1252(b),
        None => WINDOWS_1252.decode_without_bom_handling(b).0.into_owned(),
    }
}

/// Whether valid multi-byte UTF-8 characters outnumber the bytes that are not UTF-8.
fn mostly_utf8(b: &[u8]) -> bool {
    let (mut multi, mut bad) = (0usize, 0usize);
    for chunk in b.utf8_chunks() {
        multi += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += chunk.invalid().len();
    }
    multi > bad
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

    #[test]
    fn a_stray_latin1_byte_in_utf8_is_read_as_cp1252() {
        assert_eq!(decode_text(b"caf\xe9 \xe2\x80\x94 ok"), "café — ok");
        let mut page = "<p>déjà vu, naïve, ".as_bytes().to_vec();
        page.extend_from_slice(b"caf\xe9</p>");
        assert_eq!(decode_html(&page), "<p>déjà vu, naïve, café</p>");
    }

    #[test]
    fn utf16_with_a_bom_becomes_utf8() {
        let mut b = vec![0xff, 0xfe];
        for u in "Téléphone\n".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(utf16_to_utf8(b), "Téléphone\n".as_bytes());
        assert_eq!(utf16_to_utf8(b"plain".to_vec()), b"plain");
    }
}
