//! A small tokenizer of the facts layer: words, numbers and punctuation with byte
//! ranges. Independent of the `nlp` tokens so the layer also runs on bare text; its
//! only job is to give the pattern grammars a stable, lowercase view.

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

fn is_word_char(c: char) -> bool {
    c.is_alphabetic()
}

/// Tokenizes `text`. Never panics; every range lies on char boundaries.
pub fn tokenize(text: &str) -> Vec<Tok> {
    let mut out = Vec::with_capacity(text.len() / 5);
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
                } else if matches!(c, ',' | '.' | ':' | '/') && at(p + 1).is_some_and(|d| d.is_ascii_digit()) {
                    p += 2;
                } else {
                    break;
                }
            }
        } else if is_word_char(c) {
            kind = Kind::Word;
            p += c.len_utf8();
            while let Some(c) = at(p) {
                if !is_word_char(c) {
                    break;
                }
                p += c.len_utf8();
            }
            // Dotted single-letter abbreviations: p.m., U.S., a.m.
            if p - start == c.len_utf8() {
                let mut j = p;
                while at(j) == Some('.') {
                    match at(j + 1) {
                        Some(x) if is_word_char(x) && !at(j + 1 + x.len_utf8()).is_some_and(is_word_char) => j += 1 + x.len_utf8(),
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
            s.chars().filter(|c| *c != '.' || kind != Kind::Word).flat_map(char::to_lowercase).collect()
        };
        out.push(Tok { start, end: p, kind, lower, cap: c.is_uppercase(), space_before: prev_ws });
        prev_ws = false;
    }
    out
}

thread_local! {
    static LAST: std::cell::RefCell<Option<(String, std::rc::Rc<Vec<Tok>>)>> = const { std::cell::RefCell::new(None) };
}

/// Tokens of `text`, shared between the stages of one article: the last text
/// tokenized on this thread is kept, so times, figures and events tokenize it once.
pub fn tokenize_shared(text: &str) -> std::rc::Rc<Vec<Tok>> {
    LAST.with(|cell| {
        if let Some((t, toks)) = cell.borrow().as_ref() {
            if t == text {
                return toks.clone();
            }
        }
        let toks = std::rc::Rc::new(tokenize(text));
        *cell.borrow_mut() = Some((text.to_string(), toks.clone()));
        toks
    })
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
}
