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
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let byte_at = |i: usize| if i < n { chars[i].0 } else { text.len() };
    let mut i = 0;
    while i < n {
        let (b, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let space_before = i == 0 || chars[i - 1].1.is_whitespace();
        let start_i = i;
        let kind;
        if c.is_ascii_digit() {
            kind = Kind::Num;
            i += 1;
            while i < n {
                let c = chars[i].1;
                if c.is_ascii_digit() || c.is_alphabetic() {
                    i += 1;
                } else if matches!(c, ',' | '.' | ':' | '/') && i + 1 < n && chars[i + 1].1.is_ascii_digit() {
                    i += 2;
                } else {
                    break;
                }
            }
        } else if is_word_char(c) {
            kind = Kind::Word;
            i += 1;
            while i < n && is_word_char(chars[i].1) {
                i += 1;
            }
            // Dotted single-letter abbreviations: p.m., U.S., a.m.
            if i - start_i == 1 {
                let mut j = i;
                while j + 1 < n && chars[j].1 == '.' && is_word_char(chars[j + 1].1) && (j + 2 >= n || !is_word_char(chars[j + 2].1)) {
                    j += 2;
                }
                if j > i {
                    i = j;
                    if i < n && chars[i].1 == '.' {
                        i += 1;
                    }
                }
            }
        } else {
            kind = Kind::Punct;
            i += 1;
        }
        let end = byte_at(i);
        let s = &text[b..end];
        let lower: String = s.chars().filter(|c| *c != '.' || kind != Kind::Word).flat_map(char::to_lowercase).collect();
        out.push(Tok { start: b, end, kind, lower, cap: chars[start_i].1.is_uppercase(), space_before });
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
}
