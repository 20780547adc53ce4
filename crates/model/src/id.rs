//! Stable article ids: the hash of the canonical URL when there is one, else of the
//! normalised text, so the same article read twice gets the same id.

/// First 16 hex digits of the SHA-1 of `s`. SHA-1 is used as a stable, well-known
/// fingerprint here, not for security.
pub fn short_hash(s: &str) -> String {
    hex16(sha1_smol::Sha1::from(s))
}

fn hex16(h: sha1_smol::Sha1) -> String {
    h.digest().to_string()[..16].to_string()
}

/// Lowercase, collapse whitespace: two copies of a text that differ only in layout
/// normalise to the same string.
pub fn normalise_for_id(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalised_for_id(text, |s| out.push_str(s));
    out
}

/// The normalised text of [`normalise_for_id`], given to `sink` in pieces of a few
/// kilobytes.
fn normalised_for_id(text: &str, mut sink: impl FnMut(&str)) {
    const PIECE: usize = 8 * 1024;
    let mut buf = String::with_capacity(PIECE + 64);
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            buf.push(' ');
        }
        if word.is_ascii() {
            // Most words: lowercased in place, not char by char.
            let from = buf.len();
            buf.push_str(word);
            buf[from..].make_ascii_lowercase();
        } else {
            buf.extend(word.chars().flat_map(char::to_lowercase));
        }
        if buf.len() >= PIECE {
            sink(&buf);
            buf.clear();
        }
    }
    sink(&buf);
}

/// `short_hash(&normalise_for_id(text))` without building the normalised copy (a big
/// page's text is tens of megabytes): the hash of the text's content, layout and case
/// aside.
pub fn text_hash(text: &str) -> String {
    let mut h = sha1_smol::Sha1::new();
    normalised_for_id(text, |s| h.update(s.as_bytes()));
    hex16(h)
}

/// Canonical URL form used for ids and de-duplication: no fragment, no trailing
/// slash, lowercase scheme and host, common tracking parameters dropped.
pub fn canonical_url(url: &str) -> String {
    let url = url.trim();
    let url = url.split('#').next().unwrap_or(url);
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let base = match base.split_once("://") {
        Some((scheme, rest)) => {
            let (host, path) = match rest.find('/') {
                Some(i) => rest.split_at(i),
                None => (rest, ""),
            };
            format!(
                "{}://{}{}",
                scheme.to_ascii_lowercase(),
                host.to_ascii_lowercase(),
                path
            )
        }
        None => base.to_string(),
    };
    let base = base.trim_end_matches('/').to_string();
    let kept: Vec<&str> = query
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .filter(|p| {
            let k = p.split('=').next().unwrap_or("");
            !(k.starts_with("utm_") || k == "fbclid" || k == "gclid" || k == "ref")
        })
        .collect();
    if kept.is_empty() {
        base
    } else {
        format!("{base}?{}", kept.join("&"))
    }
}

/// The id of an article: from its URL if it has one, else from its text.
pub fn article_id(url: Option<&str>, text: &str) -> String {
    match url {
        Some(u) if !u.trim().is_empty() => short_hash(&canonical_url(u)),
        _ => text_hash(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_url_modulo_tracking_gives_same_id() {
        let a = article_id(Some("HTTPS://Example.com/a/?utm_source=x#top"), "");
        let b = article_id(Some("https://example.com/a"), "other text");
        assert_eq!(a, b);
        assert_eq!(a.len(), 16);
    }

    #[test]
    fn text_hash_is_the_hash_of_the_normalised_text() {
        for t in [
            "",
            "  Hello\n  World ",
            "İstanbul ΣΟΦΊΑ straße",
            "a\u{a0}b  C",
        ] {
            assert_eq!(text_hash(t), short_hash(&normalise_for_id(t)), "{t:?}");
        }
        assert_eq!(normalise_for_id(" İA\tb "), "i\u{307}a b");
    }

    #[test]
    fn text_id_ignores_layout_and_case() {
        assert_eq!(
            article_id(None, "Hello\n  World"),
            article_id(None, "hello world")
        );
        assert_ne!(
            article_id(None, "hello world"),
            article_id(None, "hello there")
        );
    }
}
