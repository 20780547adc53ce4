//! A small, linear, non-recursive HTML tokenizer: start tags (with attributes), end
//! tags and text, entities decoded. Used for what needs no DOM: the whole-page text,
//! block splitting of extracted content, metadata from `<head>`, nesting-depth checks.
//! Never panics; every slice is cut at ASCII delimiters, which are char boundaries.

use std::borrow::Cow;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token<'a> {
    Start { name: String, attrs: Vec<(String, String)>, self_closing: bool },
    End { name: String },
    Text(Cow<'a, str>),
    /// The raw content of `<script>` / `<style>` / `<textarea>` / `<title>` elements.
    Raw { name: String, content: &'a str },
}

pub(crate) struct Tokenizer<'a> {
    s: &'a str,
    pos: usize,
    /// An element whose content is raw text, just opened.
    pending_raw: Option<String>,
}

const RAW: &[&str] = &["script", "style", "textarea", "title", "noscript", "xmp", "iframe", "noembed", "noframes", "plaintext"];

impl<'a> Tokenizer<'a> {
    pub(crate) fn new(s: &'a str) -> Self {
        Tokenizer { s, pos: 0, pending_raw: None }
    }
}

fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    let first = needle[0].to_ascii_lowercase();
    let mut i = from;
    while i + needle.len() <= hay.len() {
        match memchr_ci(hay, i, first) {
            Some(j) if j + needle.len() <= hay.len() => {
                if hay[j..j + needle.len()].eq_ignore_ascii_case(needle) {
                    return Some(j);
                }
                i = j + 1;
            }
            _ => return None,
        }
    }
    None
}

fn memchr_ci(hay: &[u8], from: usize, lower: u8) -> Option<usize> {
    let upper = lower.to_ascii_uppercase();
    hay[from..].iter().position(|&c| c == lower || c == upper).map(|p| p + from)
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let b = self.s.as_bytes();
        if let Some(name) = self.pending_raw.take() {
            let mut close = Vec::with_capacity(name.len() + 2);
            close.extend_from_slice(b"</");
            close.extend_from_slice(name.as_bytes());
            let end = find_ci(b, self.pos, &close).unwrap_or(b.len());
            let content = &self.s[self.pos..end];
            self.pos = end;
            return Some(Token::Raw { name, content });
        }
        loop {
            if self.pos >= b.len() {
                return None;
            }
            if b[self.pos] != b'<' {
                let end = b[self.pos..].iter().position(|&c| c == b'<').map_or(b.len(), |p| p + self.pos);
                let text = &self.s[self.pos..end];
                self.pos = end;
                return Some(Token::Text(decode_entities(text)));
            }
            // At '<'.
            let rest = &b[self.pos..];
            if rest.starts_with(b"<!--") {
                self.pos = find_ci(b, self.pos + 4, b"-->").map_or(b.len(), |e| e + 3);
                continue;
            }
            if rest.starts_with(b"<![CDATA[") {
                let start = self.pos + 9;
                let end = find_ci(b, start, b"]]>").unwrap_or(b.len());
                self.pos = (end + 3).min(b.len());
                return Some(Token::Text(Cow::Borrowed(&self.s[start..end])));
            }
            if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
                self.pos = b[self.pos..].iter().position(|&c| c == b'>').map_or(b.len(), |p| self.pos + p + 1);
                continue;
            }
            let is_end = rest.get(1) == Some(&b'/');
            let name_start = self.pos + if is_end { 2 } else { 1 };
            if !b.get(name_start).is_some_and(|c| c.is_ascii_alphabetic()) {
                // A stray '<': text.
                let end = b[self.pos + 1..].iter().position(|&c| c == b'<').map_or(b.len(), |p| p + self.pos + 1);
                let text = &self.s[self.pos..end];
                self.pos = end;
                return Some(Token::Text(decode_entities(text)));
            }
            let mut i = name_start;
            while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
                i += 1;
            }
            let name = self.s[name_start..i].to_ascii_lowercase();
            // Attributes up to '>' (quotes respected).
            let mut attrs = Vec::new();
            let mut self_closing = false;
            loop {
                while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                    if b[i] == b'/' {
                        self_closing = true;
                    }
                    i += 1;
                }
                if i >= b.len() {
                    break;
                }
                if b[i] == b'>' {
                    i += 1;
                    break;
                }
                self_closing = false;
                let ks = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
                    i += 1;
                }
                let key = self.s[ks..i].to_ascii_lowercase();
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                let mut value = String::new();
                if i < b.len() && b[i] == b'=' {
                    i += 1;
                    while i < b.len() && b[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                        let q = b[i];
                        let vs = i + 1;
                        let ve = b[vs..].iter().position(|&c| c == q).map_or(b.len(), |p| p + vs);
                        value = decode_entities(&self.s[vs..ve]).into_owned();
                        i = (ve + 1).min(b.len());
                    } else {
                        let vs = i;
                        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                            i += 1;
                        }
                        value = decode_entities(&self.s[vs..i]).into_owned();
                    }
                }
                if !is_end && !key.is_empty() && attrs.len() < 64 {
                    attrs.push((key, value));
                }
            }
            self.pos = i;
            if is_end {
                return Some(Token::End { name });
            }
            if !self_closing && RAW.contains(&name.as_str()) {
                self.pending_raw = Some(name.clone());
            }
            return Some(Token::Start { name, attrs, self_closing });
        }
    }
}

/// Decodes the common character references (numeric, and the named ones news pages
/// use); unknown ones are left as written.
pub(crate) fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = after.char_indices().take(12).find(|&(_, c)| c == ';' || !(c.is_ascii_alphanumeric() || c == '#')).map(|(j, c)| (j, c == ';'));
        let decoded = match end {
            Some((j, true)) => {
                let name = &after[..j];
                entity(name).map(|c| (c, j + 1))
            }
            _ => None,
        };
        match decoded {
            Some((c, used)) => {
                out.push(c);
                rest = &after[used..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let n = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse::<u32>().ok()?
        };
        return Some(char::from_u32(n).filter(|c| *c != '\0').unwrap_or('\u{fffd}'));
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "middot" => '·',
        "bull" => '•',
        "deg" => '°',
        "euro" => '€',
        "pound" => '£',
        "eacute" => 'é',
        "egrave" => 'è',
        "ecirc" => 'ê',
        "agrave" => 'à',
        "aacute" => 'á',
        "acirc" => 'â',
        "ccedil" => 'ç',
        "iacute" => 'í',
        "oacute" => 'ó',
        "ocirc" => 'ô',
        "uacute" => 'ú',
        "ucirc" => 'û',
        "ntilde" => 'ñ',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "auml" => 'ä',
        "szlig" => 'ß',
        "Eacute" => 'É',
        "times" => '×',
        "shy" => '\u{ad}',
        "zwj" => '\u{200d}',
        "zwnj" => '\u{200c}',
        "thinsp" => '\u{2009}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        let toks: Vec<Token> = Tokenizer::new("<p class='a'>Hi &amp; bye<br/></p><script>if (a<b) x()</script><!-- c -->t").collect();
        assert_eq!(toks[0], Token::Start { name: "p".into(), attrs: vec![("class".into(), "a".into())], self_closing: false });
        assert_eq!(toks[1], Token::Text(Cow::Owned("Hi & bye".into())));
        assert!(matches!(&toks[2], Token::Start { name, self_closing: true, .. } if name == "br"));
        assert_eq!(toks[3], Token::End { name: "p".into() });
        assert!(matches!(&toks[5], Token::Raw { content, .. } if *content == "if (a<b) x()"));
        assert_eq!(toks.last(), Some(&Token::Text(Cow::Borrowed("t"))));
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for s in ["<", "<a", "<a href='", "</", "&#xffffffff;", "&", "<!--", "<![CDATA[x", "<script>", "é<é>é", "&#0;"] {
            let _ = Tokenizer::new(s).count();
        }
    }
}
