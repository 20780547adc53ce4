//! A small, linear, non-recursive HTML tokenizer: start tags (with attributes), end
//! tags and text, entities decoded. Used for what needs no DOM: the whole-page text,
//! block splitting of extracted content, metadata from `<head>`, nesting-depth checks.
//! Never panics; every slice is cut at ASCII delimiters, which are char boundaries.

use std::borrow::Cow;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token<'a> {
    // Names and attributes borrow from the page unless lowercasing or entity decoding
    // changed them: a page has tens of thousands of tags, and an allocation for each
    // name, key and value was most of the tokenizer's time.
    Start {
        name: Cow<'a, str>,
        attrs: Vec<(Cow<'a, str>, Cow<'a, str>)>,
        self_closing: bool,
    },
    End {
        name: Cow<'a, str>,
    },
    Text(Cow<'a, str>),
    /// The raw content of `<script>` / `<style>` / `<textarea>` / `<title>` elements.
    Raw {
        name: Cow<'a, str>,
        content: &'a str,
    },
}

pub(crate) struct Tokenizer<'a> {
    s: &'a str,
    pos: usize,
    /// An element whose content is raw text, just opened.
    pending_raw: Option<Cow<'a, str>>,
}

const RAW: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "noscript",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

impl<'a> Tokenizer<'a> {
    pub(crate) fn new(s: &'a str) -> Self {
        Tokenizer {
            s,
            pos: 0,
            pending_raw: None,
        }
    }
}

/// `s` in ASCII lowercase, borrowed when it is already.
fn ascii_lower(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|c| c.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
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
    memchr::memchr2(lower, upper, hay.get(from..)?).map(|p| p + from)
}

/// A text or attribute value with its character references decoded. Most have none:
/// a vectorised search for `&` first (`html_escape` walks the text byte by byte, a
/// cost on every text node of every page), the decoder only when there is one.
fn decode_entities(s: &str) -> Cow<'_, str> {
    if memchr::memchr(b'&', s.as_bytes()).is_none() {
        Cow::Borrowed(s)
    } else {
        html_escape::decode_html_entities(s)
    }
}

/// The next `<` at or after `from`.
fn next_lt(b: &[u8], from: usize) -> Option<usize> {
    memchr::memchr(b'<', b.get(from..)?).map(|p| p + from)
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
                let end = next_lt(b, self.pos).unwrap_or(b.len());
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
                self.pos = b[self.pos..]
                    .iter()
                    .position(|&c| c == b'>')
                    .map_or(b.len(), |p| self.pos + p + 1);
                continue;
            }
            let is_end = rest.get(1) == Some(&b'/');
            let name_start = self.pos + if is_end { 2 } else { 1 };
            if !b.get(name_start).is_some_and(|c| c.is_ascii_alphabetic()) {
                // A stray '<': text.
                let end = next_lt(b, self.pos + 1).unwrap_or(b.len());
                let text = &self.s[self.pos..end];
                self.pos = end;
                return Some(Token::Text(decode_entities(text)));
            }
            let mut i = name_start;
            while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
                i += 1;
            }
            let name = ascii_lower(&self.s[name_start..i]);
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
                while i < b.len()
                    && !b[i].is_ascii_whitespace()
                    && !matches!(b[i], b'=' | b'>' | b'/')
                {
                    i += 1;
                }
                let key = ascii_lower(&self.s[ks..i]);
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                let mut value = Cow::Borrowed("");
                if i < b.len() && b[i] == b'=' {
                    i += 1;
                    while i < b.len() && b[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                        let q = b[i];
                        let vs = i + 1;
                        let ve = memchr::memchr(q, &b[vs..]).map_or(b.len(), |p| p + vs);
                        value = decode_entities(&self.s[vs..ve]);
                        i = (ve + 1).min(b.len());
                    } else {
                        let vs = i;
                        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                            i += 1;
                        }
                        value = decode_entities(&self.s[vs..i]);
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
            if !self_closing && RAW.contains(&&*name) {
                self.pending_raw = Some(name.clone());
            }
            return Some(Token::Start {
                name,
                attrs,
                self_closing,
            });
        }
    }
}

/// Elements whose content no main-text extractor uses: dropped whole before a DOM parse.
const DROP: &[&str] = &["script", "style", "svg", "noscript", "template"];
/// Attribute values longer than this are dropped before a DOM parse (inline JSON state,
/// `data:` images, giant `srcset`s); no extractor scores on them.
const MAX_ATTR_VALUE: usize = 1000;

/// Index just past the `>` that ends the tag whose name ends at `from` (quoted
/// attribute values respected), or the end of the input.
fn tag_end(b: &[u8], from: usize) -> usize {
    let mut i = from;
    let mut quote: Option<u8> = None;
    let mut after_eq = false;
    while i < b.len() {
        let c = b[i];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'>' => return i + 1,
            None if (c == b'"' || c == b'\'') && after_eq => quote = Some(c),
            None => {}
        }
        if quote.is_none() && !c.is_ascii_whitespace() {
            after_eq = c == b'=';
        }
        i += 1;
    }
    b.len()
}

/// The tag `tag` (from `<` to `>`) with attribute values longer than
/// [`MAX_ATTR_VALUE`] removed (the attribute is kept, empty).
fn shorten_tag(tag: &str, out: &mut String) {
    let b = tag.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'=' {
            let mut v = i + 1;
            while v < b.len() && b[v].is_ascii_whitespace() {
                v += 1;
            }
            let (vs, ve, next) = match b.get(v) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let ve = b[v + 1..]
                        .iter()
                        .position(|&c| c == q)
                        .map_or(b.len(), |p| p + v + 1);
                    (v + 1, ve, ve)
                }
                _ => {
                    let ve = b[v..]
                        .iter()
                        .position(|&c| c.is_ascii_whitespace() || c == b'>')
                        .map_or(b.len(), |p| p + v);
                    (v, ve, ve)
                }
            };
            if ve - vs > MAX_ATTR_VALUE {
                out.push_str(&tag[copied..vs]);
                copied = ve;
            }
            i = next.max(i + 1);
            continue;
        }
        i += 1;
    }
    out.push_str(&tag[copied..]);
}

/// A page prepared for a DOM parse by [`strip_for_dom`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DomInput {
    /// The page without what no extractor needs.
    pub html: String,
    /// Greatest nesting depth of the elements kept (as [`super::nesting_depth`]).
    pub depth: usize,
    /// Words of text inside `<p>` elements: a cheap estimate of how much running text
    /// the page has.
    pub paragraph_words: usize,
    /// Words of all the text kept (navigation and footers included): how much text the
    /// page has at all.
    pub text_words: usize,
}

/// Elements that do not count towards nesting depth: void, or closed implicitly so
/// often that counting them would overstate the depth.
pub(crate) fn no_depth(name: &str) -> bool {
    is_void(name) || matches!(name, "p" | "li" | "option" | "td" | "tr")
}

pub(crate) fn is_void(name: &str) -> bool {
    matches!(
        name,
        "br" | "hr"
            | "img"
            | "input"
            | "meta"
            | "link"
            | "area"
            | "base"
            | "col"
            | "embed"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Whitespace-separated words in `s`.
fn count_words(s: &[u8]) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for &c in s {
        let ws = c.is_ascii_whitespace();
        if !ws && !in_word {
            n += 1;
        }
        in_word = !ws;
    }
    n
}

/// The page with what no main-text extractor needs removed before a DOM parse:
/// comments, `<script>` (but JSON-LD), `<style>`, `<svg>`, `<noscript>` and `<template>`
/// elements with their content, and very long attribute values. Visible text and the
/// element structure are kept as written. One linear pass, which also measures the
/// nesting depth and the paragraph text of what is kept; unclosed elements run to the
/// end.
pub(crate) fn strip_for_dom(html: &str) -> DomInput {
    let b = html.as_bytes();
    let mut out = String::with_capacity(html.len() / 2);
    let (mut depth, mut max_depth, mut in_p, mut paragraph_words) = (0usize, 0usize, false, 0usize);
    let mut text_words = 0;
    let mut copied = 0;
    let mut i = 0;
    while let Some(lt) = next_lt(b, i) {
        let n = count_words(&b[i..lt]);
        text_words += n;
        if in_p {
            paragraph_words += n;
        }
        let rest = &b[lt..];
        if rest.starts_with(b"<!--") {
            let end = find_ci(b, lt + 4, b"-->").map_or(b.len(), |e| e + 3);
            out.push_str(&html[copied..lt]);
            copied = end;
            i = end;
            continue;
        }
        let is_end = rest.get(1) == Some(&b'/');
        let ns = lt + 1 + usize::from(is_end);
        if !b.get(ns).is_some_and(|c| c.is_ascii_alphabetic()) {
            // Text: counted with what follows.
            let n = count_words(&b[lt..ns]);
            text_words += n;
            if in_p {
                paragraph_words += n;
            }
            i = ns;
            continue;
        }
        let mut ne = ns;
        while ne < b.len() && !b[ne].is_ascii_whitespace() && b[ne] != b'>' && b[ne] != b'/' {
            ne += 1;
        }
        let name = html[ns..ne].to_ascii_lowercase();
        let end = tag_end(b, ne);
        if is_end {
            if !no_depth(&name) {
                depth = depth.saturating_sub(1);
            }
            if matches!(name.as_str(), "p" | "div") {
                in_p = false;
            }
            i = end;
            continue;
        }
        let tag = &html[lt..end];
        let self_closing = tag.ends_with("/>");
        if let Some(drop) = DROP.iter().find(|d| **d == name) {
            if *drop == "script" && tag.to_ascii_lowercase().contains("ld+json") {
                // Kept: readability reads its metadata. Its content is not paragraph text.
                i = find_ci(b, end, b"</script").map_or(b.len(), |c| tag_end(b, c + 8));
                continue;
            }
            let after = if self_closing && *drop == "svg" {
                end
            } else {
                let close = format!("</{drop}");
                find_ci(b, end, close.as_bytes()).map_or(b.len(), |c| tag_end(b, c + close.len()))
            };
            out.push_str(&html[copied..lt]);
            copied = after;
            i = after;
            continue;
        }
        if !self_closing && !no_depth(&name) {
            depth += 1;
            max_depth = max_depth.max(depth);
        }
        match name.as_str() {
            "p" => in_p = true,
            "div" => in_p = false,
            _ => {}
        }
        if tag.len() > MAX_ATTR_VALUE {
            out.push_str(&html[copied..lt]);
            shorten_tag(tag, &mut out);
            copied = end;
        }
        // Raw-text elements: their content is text, not markup.
        i = if RAW.contains(&name.as_str()) && !self_closing {
            let close = format!("</{name}");
            find_ci(b, end, close.as_bytes()).unwrap_or(b.len())
        } else {
            end
        };
    }
    let n = count_words(&b[i.min(b.len())..]);
    text_words += n;
    if in_p {
        paragraph_words += n;
    }
    out.push_str(&html[copied..]);
    DomInput {
        html: out,
        depth: max_depth,
        paragraph_words,
        text_words,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        let toks: Vec<Token> = Tokenizer::new(
            "<p class='a'>Hi &amp; bye<br/></p><script>if (a<b) x()</script><!-- c -->t",
        )
        .collect();
        assert_eq!(
            toks[0],
            Token::Start {
                name: "p".into(),
                attrs: vec![("class".into(), "a".into())],
                self_closing: false
            }
        );
        assert_eq!(toks[1], Token::Text(Cow::Owned("Hi & bye".into())));
        assert!(matches!(&toks[2], Token::Start { name, self_closing: true, .. } if name == "br"));
        assert_eq!(toks[3], Token::End { name: "p".into() });
        assert!(matches!(&toks[5], Token::Raw { content, .. } if *content == "if (a<b) x()"));
        assert_eq!(toks.last(), Some(&Token::Text(Cow::Borrowed("t"))));
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for s in [
            "<",
            "<a",
            "<a href='",
            "</",
            "&#xffffffff;",
            "&",
            "<!--",
            "<![CDATA[x",
            "<script>",
            "é<é>é",
            "&#0;",
        ] {
            let _ = Tokenizer::new(s).count();
        }
    }

    #[test]
    fn strip_for_dom_keeps_text_and_drops_code() {
        let html = "<html><head><title>a <script> b</title><style>p{color:red}</style>\
            <script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script></head>\
            <body><!-- note --><p class=x>Visible <b>text</b>.</p><script>if (a<b) { x('</p>') }</script>\
            <svg viewBox=\"0 0 1 1\"><title>Share</title><path d=\"M0\"/></svg><svg/><p>After svg.</p>\
            <noscript><img src=x></noscript><template><p>Tpl</p></template>\
            <img data-state='LONG' alt=\"pic\"><p>Tail</p></body></html>"
            .replace("LONG", &"x".repeat(5000));
        let d = strip_for_dom(&html);
        let s = d.html;
        assert!(
            !s.contains("color:red")
                && !s.contains("x('")
                && !s.contains("Share")
                && !s.contains("Tpl")
        );
        assert!(!s.contains("note") && !s.contains("xxxxx") && !s.contains("noscript"));
        assert!(s.contains("<title>a <script> b</title>"), "{s}");
        assert!(s.contains("NewsArticle"));
        assert!(s.contains("<p class=x>Visible <b>text</b>.</p>"));
        assert!(s.contains("<p>After svg.</p>"));
        assert!(
            s.contains("<img data-state='' alt=\"pic\"><p>Tail</p></body></html>"),
            "{s}"
        );
    }

    #[test]
    fn strip_for_dom_measures_depth_and_paragraphs() {
        let d = strip_for_dom(
            "<div><div><p>One two <b>three</b></p><ul><li>not counted</li></ul>\
            <p>four<br>five<div>six</div><svg><g><g><g></g></g></g></svg></div></div><p>seven a<b",
        );
        assert_eq!(d.depth, 3);
        assert_eq!(d.paragraph_words, 7);
        assert_eq!(d.text_words, 10);
        let deep = format!("{}x{}", "<div>".repeat(500), "</div>".repeat(500));
        assert_eq!(strip_for_dom(&deep).depth, 500);
        assert_eq!(
            strip_for_dom(&deep).depth,
            super::super::nesting_depth(&deep)
        );
    }

    #[test]
    fn strip_for_dom_unclosed_and_broken() {
        assert_eq!(
            strip_for_dom("<p>a</p><script>var x = 1; <p>never").html,
            "<p>a</p>"
        );
        assert_eq!(strip_for_dom("<p>a<!-- open").html, "<p>a");
        assert_eq!(strip_for_dom("<p>a</p><style").html, "<p>a</p>");
        for s in [
            "<",
            "<a",
            "<a href='",
            "</",
            "<script",
            "<svg/",
            "<svg",
            "é<é>é",
            "<img a=\"é",
            "<x =",
            "<x a=>",
        ] {
            let _ = strip_for_dom(s);
            let _ = strip_for_dom(&format!("{s}{}", "y".repeat(2000)));
        }
    }
}
