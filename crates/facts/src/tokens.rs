//! A small tokenizer of the facts layer: words, numbers and punctuation with byte
//! ranges. Independent of the `nlp` tokens so the layer also runs on bare text; its
//! only job is to give the pattern grammars a stable, lowercase view.

use newsgraph_model::{CharIndex, Span};
use std::cell::RefCell;
use std::rc::Rc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters (with internal dots: `p.m.`, `U.S.`).
    Word,
    /// Starts with a digit: `1,060`, `14:20`, `1.2`, `13th`, `1990s`, `3pm`.
    Num,
    /// Any other single character.
    Punct,
}

#[derive(Debug, Clone)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Lowercase text, without a trailing abbreviation dot.
    pub lower: String,
    /// First char is uppercase.
    pub cap: bool,
    /// Preceded by whitespace (or start of text).
    pub space_before: bool,
}

/// The char starting at byte `p`, if `p` is a char boundary inside `text`. ASCII
/// bytes (always boundaries) skip the UTF-8 decoding.
#[inline(always)]
fn at(text: &str, p: usize) -> Option<char> {
    let b = *text.as_bytes().get(p)?;
    if b < 0x80 {
        Some(b as char)
    } else {
        text.get(p..).and_then(|s| s.chars().next())
    }
}

#[inline(always)]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        c.is_alphabetic()
    }
}

/// Steps `p` over the (non-ASCII) letter at `p`, if there is one.
#[inline]
fn non_ascii_alpha(text: &str, p: &mut usize) -> bool {
    match at(text, *p) {
        Some(c) if c.is_alphabetic() => {
            *p += c.len_utf8();
            true
        }
        _ => false,
    }
}

/// Where the token starting with `c` at byte `start` ends, its kind, and whether its
/// lowercase form is plain ASCII lowercasing (ASCII, and no abbreviation dot to drop).
#[inline(always)]
fn scan(text: &str, start: usize, c: char) -> (usize, Kind, bool) {
    let bytes = text.as_bytes();
    let mut p = start;
    if c.is_ascii_digit() {
        let mut ascii = true;
        p += 1;
        loop {
            match bytes.get(p) {
                Some(b) if b.is_ascii_alphanumeric() => p += 1,
                Some(b',' | b'.' | b':' | b'/')
                    if bytes.get(p + 1).is_some_and(u8::is_ascii_digit) =>
                {
                    p += 2
                }
                Some(&b) if b >= 0x80 && non_ascii_alpha(text, &mut p) => ascii = false,
                _ => break,
            }
        }
        (p, Kind::Num, ascii)
    } else if is_word_char(c) {
        let mut ascii = c.is_ascii();
        p += c.len_utf8();
        loop {
            match bytes.get(p) {
                Some(b) if b.is_ascii_alphabetic() => p += 1,
                Some(&b) if b >= 0x80 && non_ascii_alpha(text, &mut p) => ascii = false,
                _ => break,
            }
        }
        // Dotted single-letter abbreviations: p.m., U.S., a.m.
        if p - start == c.len_utf8() {
            let mut j = p;
            while at(text, j) == Some('.') {
                match at(text, j + 1) {
                    Some(x)
                        if is_word_char(x)
                            && !at(text, j + 1 + x.len_utf8()).is_some_and(is_word_char) =>
                    {
                        j += 1 + x.len_utf8()
                    }
                    _ => break,
                }
            }
            if j > p {
                p = j;
                if at(text, p) == Some('.') {
                    p += 1;
                }
                // The dots are dropped from the lowercase form.
                ascii = false;
            }
        }
        (p, Kind::Word, ascii)
    } else {
        (p + c.len_utf8(), Kind::Punct, c.is_ascii())
    }
}

/// Writes the lowercase form of token text `s` into `out` (cleared first): ASCII
/// lowercasing when `plain`, else per char, without a word's abbreviation dots.
#[inline(always)]
fn lower_into(s: &str, kind: Kind, plain: bool, out: &mut String) {
    out.clear();
    if plain {
        out.push_str(s);
        // Most tokens have no capital past the first letter, and many none at all.
        if let Some(k) = s.bytes().position(|b| b.is_ascii_uppercase()) {
            if let Some(rest) = out.get_mut(k..) {
                rest.make_ascii_lowercase();
            }
        }
    } else {
        out.extend(
            s.chars()
                .filter(|c| *c != '.' || kind != Kind::Word)
                .flat_map(char::to_lowercase),
        );
    }
}

/// Tokenizes `text` into `out`, reusing the lowercase buffers of the tokens already
/// there (and of `spare`) instead of allocating one per token. Surplus buffers go to
/// `spare`.
fn tokenize_into(text: &str, out: &mut Vec<Tok>, spare: &mut Vec<String>) {
    let bytes = text.as_bytes();
    let mut n = 0;
    let mut p = 0;
    let mut prev_ws = true;
    while let Some(&b) = bytes.get(p) {
        let c = if b < 0x80 {
            // ASCII whitespace as `char::is_whitespace` has it.
            if matches!(b, b' ' | b'\t'..=b'\r') {
                p += 1;
                prev_ws = true;
                continue;
            }
            b as char
        } else {
            let Some(c) = at(text, p) else { break };
            if c.is_whitespace() {
                p += c.len_utf8();
                prev_ws = true;
                continue;
            }
            c
        };
        let start = p;
        let (end, kind, plain) = scan(text, start, c);
        p = end;
        let s = &text[start..end];
        let cap = c.is_uppercase();
        if let Some(t) = out.get_mut(n) {
            lower_into(s, kind, plain, &mut t.lower);
            t.start = start;
            t.end = end;
            t.kind = kind;
            t.cap = cap;
            t.space_before = prev_ws;
        } else {
            // A new buffer gets room for most words (glibc's smallest chunk holds 24
            // bytes anyway), so reusing it for another text rarely reallocates.
            let mut lower = spare.pop().unwrap_or_else(|| String::with_capacity(24));
            lower_into(s, kind, plain, &mut lower);
            out.push(Tok {
                start,
                end,
                kind,
                lower,
                cap,
                space_before: prev_ws,
            });
        }
        n += 1;
        prev_ws = false;
    }
    spare.extend(out.drain(n..).map(|t| t.lower));
}

/// Tokenizes `text`. Never panics; every range lies on char boundaries.
pub fn tokenize(text: &str) -> Vec<Tok> {
    let mut out = Vec::with_capacity(text.len() / 5);
    tokenize_into(text, &mut out, &mut Vec::new());
    out
}

/// The last text tokenized by [`tokenize_shared`] on this thread, its tokens, and
/// lowercase buffers kept for reuse.
#[derive(Default)]
struct Last {
    text: String,
    toks: Rc<Vec<Tok>>,
    spare: Vec<String>,
    /// The text's char index, built on first ask.
    ix: Option<Rc<CharIndex>>,
}

thread_local! {
    static LAST: RefCell<Option<Last>> = const { RefCell::new(None) };
}

/// Tokens of `text`, shared between the stages of one article: the last text
/// tokenized on this thread is kept, so times, figures and events tokenize it once.
/// When nobody holds the previous text's tokens any more, their buffers are reused.
pub fn tokenize_shared(text: &str) -> Rc<Vec<Tok>> {
    LAST.with(|cell| {
        let mut cell = cell.borrow_mut();
        let last = cell.get_or_insert_with(Last::default);
        if last.text == text {
            return last.toks.clone();
        }
        last.text.clear();
        last.text.push_str(text);
        last.ix = None;
        match Rc::get_mut(&mut last.toks) {
            Some(toks) => tokenize_into(text, toks, &mut last.spare),
            None => last.toks = Rc::new(tokenize(text)),
        }
        last.toks.clone()
    })
}

/// The [`CharIndex`] of `text`, shared like [`tokenize_shared`]'s tokens (the figures
/// and events stages of one article build it once).
pub fn char_index_shared(text: &str) -> Rc<CharIndex> {
    LAST.with(|cell| {
        let mut cell = cell.borrow_mut();
        match cell.as_mut() {
            Some(last) if last.text == text => last
                .ix
                .get_or_insert_with(|| Rc::new(CharIndex::new(text)))
                .clone(),
            _ => Rc::new(CharIndex::new(text)),
        }
    })
}

/// Byte offset → code-point offset of every token's start and end, in one pass over
/// `text` (tokens in text order, on char boundaries): the same as `CharIndex::span`
/// per token, without a binary search each.
pub fn char_spans(text: &str, toks: &[Tok]) -> Vec<Span> {
    let mut out = Vec::with_capacity(toks.len());
    if text.is_ascii() {
        out.extend(
            toks.iter()
                .map(|t| Span::new(t.start.min(text.len()), t.end.min(text.len()))),
        );
        return out;
    }
    let bytes = text.as_bytes();
    // (byte, char) of the last position counted.
    let (mut b, mut ch) = (0usize, 0usize);
    let mut char_of = |to: usize| -> usize {
        let to = to.min(bytes.len());
        if to < b {
            // Out of order: count from the start.
            b = 0;
            ch = 0;
        }
        ch += bytes[b..to].iter().filter(|&&x| (x as i8) >= -0x40).count();
        b = to;
        ch
    };
    for t in toks {
        let s = char_of(t.start);
        let e = char_of(t.end);
        out.push(Span::new(s, e));
    }
    out
}

/// True when the token is sentence-final punctuation.
pub fn is_terminal(t: &Tok) -> bool {
    t.kind == Kind::Punct && matches!(t.lower.as_str(), "." | "!" | "?" | ";")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_words_numbers_punct() {
        let text = "On Nov. 20, 1998 at 3 p.m. the U.S. paid $1,060.5 (14:20) — mid-June’s 1990s";
        let toks = tokenize(text);
        let lows: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
        assert!(lows.contains(&"pm"));
        assert!(lows.contains(&"us"));
        assert!(lows.contains(&"1,060.5"));
        assert!(lows.contains(&"14:20"));
        assert!(lows.contains(&"1990s"));
        assert!(lows.contains(&"nov"));
        for t in &toks {
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        }
    }

    /// The old tokenizer, one allocation per token: the reference the fast one must match.
    fn reference(text: &str) -> Vec<Tok> {
        let mut out = Vec::new();
        let at = |p: usize| -> Option<char> { text.get(p..).and_then(|s| s.chars().next()) };
        let mut p = 0;
        let mut prev_ws = true;
        while let Some(c) = at(p) {
            if c.is_whitespace() {
                p += c.len_utf8();
                prev_ws = true;
                continue;
            }
            let start = p;
            let kind;
            if c.is_ascii_digit() {
                kind = Kind::Num;
                p += 1;
                while let Some(c) = at(p) {
                    if c.is_ascii_digit() || c.is_alphabetic() {
                        p += c.len_utf8();
                    } else if matches!(c, ',' | '.' | ':' | '/')
                        && at(p + 1).is_some_and(|d| d.is_ascii_digit())
                    {
                        p += 2;
                    } else {
                        break;
                    }
                }
            } else if c.is_alphabetic() {
                kind = Kind::Word;
                p += c.len_utf8();
                while let Some(c) = at(p) {
                    if !c.is_alphabetic() {
                        break;
                    }
                    p += c.len_utf8();
                }
                if p - start == c.len_utf8() {
                    let mut j = p;
                    while at(j) == Some('.') {
                        match at(j + 1) {
                            Some(x)
                                if x.is_alphabetic()
                                    && !at(j + 1 + x.len_utf8())
                                        .is_some_and(char::is_alphabetic) =>
                            {
                                j += 1 + x.len_utf8()
                            }
                            _ => break,
                        }
                    }
                    if j > p {
                        p = j;
                        if at(p) == Some('.') {
                            p += 1;
                        }
                    }
                }
            } else {
                kind = Kind::Punct;
                p += c.len_utf8();
            }
            let s = &text[start..p];
            let lower: String = if s.is_ascii() && !(kind == Kind::Word && s.contains('.')) {
                s.to_ascii_lowercase()
            } else {
                s.chars()
                    .filter(|c| *c != '.' || kind != Kind::Word)
                    .flat_map(char::to_lowercase)
                    .collect()
            };
            out.push(Tok {
                start,
                end: p,
                kind,
                lower,
                cap: c.is_uppercase(),
                space_before: prev_ws,
            });
            prev_ws = false;
        }
        out
    }

    fn same(a: &[Tok], b: &[Tok]) -> bool {
        a.len() == b.len()
            && a.iter().zip(b).all(|(x, y)| {
                (
                    x.start,
                    x.end,
                    x.kind,
                    x.lower.as_str(),
                    x.cap,
                    x.space_before,
                ) == (
                    y.start,
                    y.end,
                    y.kind,
                    y.lower.as_str(),
                    y.cap,
                    y.space_before,
                )
            })
    }

    #[test]
    fn matches_the_reference_and_reuses_buffers() {
        let seeds = [
            "On Nov. 20, 1998 at 3 p.m. the U.S. paid $1,060.5 (14:20) — mid-June’s 1990s",
            "ÉCOLE Straße İstanbul 3½ 1.2bn a.ß. x.y.z. 1,2,3 4:5/6 \u{b}\u{85}\u{a0}tab\there",
            "",
            "A. B. c.d. 9. .5 ..a ÅB.",
        ];
        for (round, text) in newsgraph_testkit::mutations(
            &seeds,
            "a0 9,.:/$%-'’éÉß\u{200b}\u{a0}\nKİ½x",
            4000,
            17,
            0x9E37_79B9_7F4A_7C15,
        )
        .enumerate()
        {
            let want = reference(&text);
            assert!(same(&tokenize(&text), &want), "{text:?}");
            let shared = tokenize_shared(&text);
            assert!(same(&shared, &want), "{text:?}");
            if round % 3 == 0 {
                // Held across the next call: that one must not reuse these buffers.
                let next = format!("{text} More 5");
                let other = tokenize_shared(&next);
                assert!(same(&shared, &want), "{text:?}");
                assert!(same(&other, &reference(&next)), "{next:?}");
            }
            let _ = tokenize_shared(&text);
            let shared_ix = char_index_shared(&text);
            assert_eq!(shared_ix.len_chars(), text.chars().count());
            let ix = newsgraph_model::CharIndex::new(&text);
            let spans: Vec<Span> = want.iter().map(|t| ix.span(t.start..t.end)).collect();
            assert_eq!(char_spans(&text, &want), spans, "{text:?}");
        }
    }
}
