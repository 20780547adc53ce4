//! A light tokenizer and sentence splitter tuned for attribution: it keeps quotation
//! marks as their own tokens (open / close resolved), splits the possessive `'s`, and
//! keeps paragraph breaks. It never panics: every offset it produces is a char
//! boundary of the input.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters and digits (with internal `.`, `-`, `'`, `,` as in `U.S.`, `don't`, `1,060`).
    Word,
    /// The possessive `'s` / `’s` (or a bare `'` after a plural).
    Possessive,
    /// Any other punctuation character.
    Punct(char),
    /// A double quotation mark that opens a quotation.
    Open,
    /// A double quotation mark that closes a quotation.
    Close,
    /// One or more line breaks: a paragraph boundary.
    Break,
}

#[derive(Debug, Clone)]
pub(crate) struct Tok {
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Lowercased text for words (empty otherwise).
    pub lower: String,
    /// First char is uppercase.
    pub cap: bool,
}

impl Tok {
    pub fn is_word(&self) -> bool {
        matches!(self.kind, Kind::Word)
    }
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
    pub fn is_quote(&self) -> bool {
        matches!(self.kind, Kind::Open | Kind::Close)
    }
    pub fn is_sentence_punct(&self) -> bool {
        matches!(
            self.kind,
            Kind::Punct('.') | Kind::Punct('!') | Kind::Punct('?')
        )
    }
}

fn is_dquote(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '”' | '„' | '«' | '»' | '‟' | '〝' | '〞' | '＂'
    )
}

fn is_apos(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// Abbreviations whose final period does not end a sentence.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "cmdr", "adm",
    "st", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "prof", "rev", "hon", "pres", "vs", "no", "mt", "ft", "gens", "reps", "sens", "corp", "inc",
    "co", "jr", "sr", "ltd", "u.s", "u.k", "u.n", "d.c", "a.m", "p.m", "e.g", "i.e", "etc",
    "approx", "dept",
];

thread_local! {
    /// The last text tokenized by [`tokenize_shared`] on this thread, and its tokens.
    static LAST: std::cell::RefCell<Option<(String, std::rc::Rc<Vec<Tok>>)>> =
        const { std::cell::RefCell::new(None) };
}

/// [`tokenize`], shared between the quotes and claims stages of one article: the
/// last text tokenized on this thread is kept with its tokens, so the second stage
/// does not cut the same text again (a word's lowercase form is an allocation).
pub(crate) fn tokenize_shared(text: &str) -> std::rc::Rc<Vec<Tok>> {
    LAST.with(|cell| {
        let mut last = cell.borrow_mut();
        if let Some((t, toks)) = last.as_ref() {
            if t == text {
                return toks.clone();
            }
        }
        let toks = std::rc::Rc::new(tokenize(text));
        *last = Some((text.to_string(), toks.clone()));
        toks
    })
}

/// Tokenizes `text`. Straight double quotes are resolved to open/close from their
/// neighbours, falling back on alternation within a paragraph.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let byte_at = |i: usize| if i < n { chars[i].0 } else { text.len() };
    let mut toks: Vec<Tok> = Vec::with_capacity(n / 4);
    let mut open_state = false; // inside a straight-quoted stretch of this paragraph
    let mut i = 0;
    while i < n {
        let c = chars[i].1;
        if c == '\n' || c == '\r' || c == '\u{2029}' {
            let s = i;
            while i < n && chars[i].1.is_whitespace() {
                i += 1;
            }
            toks.push(Tok {
                start: byte_at(s),
                end: byte_at(i),
                kind: Kind::Break,
                lower: String::new(),
                cap: false,
            });
            open_state = false;
            continue;
        }
        if c.is_whitespace() || c.is_control() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let s = i;
            i += 1;
            while i < n {
                let d = chars[i].1;
                if d.is_alphanumeric() {
                    i += 1;
                    continue;
                }
                let next_alnum = i + 1 < n && chars[i + 1].1.is_alphanumeric();
                if is_apos(d) && next_alnum {
                    // possessive 's: split it off
                    let after = i + 2;
                    let s_alone = matches!(chars[i + 1].1, 's' | 'S')
                        && (after >= n || !chars[after].1.is_alphanumeric());
                    if s_alone {
                        break;
                    }
                    i += 1;
                    continue;
                }
                if (d == '.' || d == '-' || d == '&') && next_alnum {
                    i += 1;
                    continue;
                }
                if d == ','
                    && next_alnum
                    && chars[i - 1].1.is_ascii_digit()
                    && chars[i + 1].1.is_ascii_digit()
                {
                    i += 1;
                    continue;
                }
                break;
            }
            // a trailing period of an abbreviation or initial stays with the word
            if i < n && chars[i].1 == '.' {
                let w = text[byte_at(s)..byte_at(i)].to_lowercase();
                let initial = i - s == 1 && chars[s].1.is_uppercase();
                let before_comma = i + 1 < n && chars[i + 1].1 == ',';
                if initial || w.contains('.') || TITLES.contains(&w.as_str()) || before_comma {
                    i += 1;
                }
            }
            let lower = text[byte_at(s)..byte_at(i)].to_lowercase();
            let cap = chars[s].1.is_uppercase();
            toks.push(Tok {
                start: byte_at(s),
                end: byte_at(i),
                kind: Kind::Word,
                lower,
                cap,
            });
            continue;
        }
        // '' (two apostrophes) and `` stand for a double quotation mark in some feeds
        let doubled = (c == '\'' || c == '`') && i + 1 < n && chars[i + 1].1 == c;
        if doubled {
            let kind = if c == '`' {
                Kind::Open
            } else {
                straight_quote_kind(&chars, i, 2, open_state)
            };
            open_state = kind == Kind::Open;
            toks.push(Tok {
                start: byte_at(i),
                end: byte_at(i + 2),
                kind,
                lower: String::new(),
                cap: false,
            });
            i += 2;
            continue;
        }
        if is_apos(c) {
            // possessive: 's after a word, or a bare ' after a plural ending in s
            let prev_word = i > 0 && chars[i - 1].1.is_alphanumeric();
            if prev_word
                && i + 1 < n
                && matches!(chars[i + 1].1, 's' | 'S')
                && (i + 2 >= n || !chars[i + 2].1.is_alphanumeric())
            {
                toks.push(Tok {
                    start: byte_at(i),
                    end: byte_at(i + 2),
                    kind: Kind::Possessive,
                    lower: "'s".into(),
                    cap: false,
                });
                i += 2;
                continue;
            }
            if prev_word
                && matches!(chars[i - 1].1, 's' | 'S')
                && (i + 1 >= n || !chars[i + 1].1.is_alphanumeric())
            {
                toks.push(Tok {
                    start: byte_at(i),
                    end: byte_at(i + 1),
                    kind: Kind::Possessive,
                    lower: "'".into(),
                    cap: false,
                });
                i += 1;
                continue;
            }
            toks.push(Tok {
                start: byte_at(i),
                end: byte_at(i + 1),
                kind: Kind::Punct('\''),
                lower: String::new(),
                cap: false,
            });
            i += 1;
            continue;
        }
        if is_dquote(c) {
            let left_space = i == 0 || chars[i - 1].1.is_whitespace();
            let right_end = i + 1 >= n || chars[i + 1].1.is_whitespace();
            let kind = match c {
                // a curly mark typed the wrong way round: trust the spacing
                '“' if !left_space && right_end && open_state => Kind::Close,
                '”' if left_space && !right_end && !open_state => Kind::Open,
                '“' | '„' | '«' | '〝' => Kind::Open,
                '”' | '»' | '〞' => Kind::Close,
                _ => straight_quote_kind(&chars, i, 1, open_state),
            };
            open_state = kind == Kind::Open;
            toks.push(Tok {
                start: byte_at(i),
                end: byte_at(i + 1),
                kind,
                lower: String::new(),
                cap: false,
            });
            i += 1;
            continue;
        }
        toks.push(Tok {
            start: byte_at(i),
            end: byte_at(i + 1),
            kind: Kind::Punct(c),
            lower: String::new(),
            cap: false,
        });
        i += 1;
    }
    toks
}

/// A stretch of quoted text: token indices of its marks. `close` is `None` when the
/// quote is left open at the end of its paragraph; `end` is then the last token index
/// (exclusive) it covers. Multi-paragraph quotes are joined into one stretch.
#[derive(Debug, Clone)]
pub(crate) struct Stretch {
    pub open: usize,
    /// Exclusive end token index (after the closing mark when there is one).
    pub end: usize,
}

/// Pairs quotation marks into stretches. A quote left open at the end of a paragraph
/// continues into the next paragraph when that one opens with a quotation mark.
pub(crate) fn stretches(toks: &[Tok]) -> Vec<Stretch> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if toks[i].kind != Kind::Open {
            i += 1;
            continue;
        }
        let open = i;
        let mut j = i + 1;
        let end;
        loop {
            if j >= toks.len() {
                end = toks.len();
                break;
            }
            match toks[j].kind {
                Kind::Close => {
                    end = j + 1;
                    break;
                }
                Kind::Open => {
                    // unbalanced: a new quote opens; the old one ends before it
                    end = j;
                    break;
                }
                Kind::Break => {
                    // continuation into the next paragraph?
                    if j + 1 < toks.len() && toks[j + 1].kind == Kind::Open && j > open + 1 {
                        j += 2;
                        continue;
                    }
                    end = j;
                    break;
                }
                _ => j += 1,
            }
        }
        if end > open + 1 {
            out.push(Stretch { open, end });
        }
        i = end.max(open + 1);
    }
    out
}

/// Sentence boundaries as token ranges. A sentence end inside a quoted stretch does not
/// split the outer sentence ("outer sentences"); paragraph breaks always do.
///
/// `cue_clause(j)` tells whether a short attribution clause ("Maher replied") starts at
/// token `j`: a sentence then does not end at a closing quotation mark before it.
pub(crate) fn sentences(
    toks: &[Tok],
    inside: &[bool],
    cue_clause: &dyn Fn(usize) -> bool,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let n = toks.len();
    while i < n {
        if toks[i].kind == Kind::Break {
            if i > start {
                out.push((start, i));
            }
            start = i + 1;
            i += 1;
            continue;
        }
        let ends = toks[i].is_sentence_punct()
            || (toks[i].is_word() && toks[i].lower.ends_with('.') && abbrev_ends(toks, i));
        if ends && !inside.get(i).copied().unwrap_or(false) {
            // swallow closing marks and further sentence punctuation
            let mut j = i + 1;
            while j < n
                && (toks[j].is_sentence_punct()
                    || toks[j].kind == Kind::Close
                    || toks[j].is_punct(')'))
            {
                j += 1;
            }
            let next_starts = j >= n
                || toks[j].kind == Kind::Break
                || toks[j].kind == Kind::Open
                || (toks[j].is_word()
                    && (toks[j].cap || toks[j].lower.starts_with(|c: char| c.is_ascii_digit())));
            if next_starts {
                out.push((start, j));
                start = j;
                i = j;
                continue;
            }
        } else if ends && i + 1 < n && toks[i + 1].kind == Kind::Close {
            // the stretch ends right after this sentence's final punctuation
            let j = i + 2;
            let next_starts = j >= n
                || toks[j].kind == Kind::Break
                || toks[j].kind == Kind::Open
                || (toks[j].is_word() && toks[j].cap);
            // “...!” Maher replied. — the cue clause belongs to this sentence
            if next_starts && !(j < n && cue_clause(j)) {
                out.push((start, j));
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if start < n {
        out.push((start, n));
    }
    out
}

/// Does the abbreviation-final period of word `i` end the sentence? Only titles never
/// do; other abbreviations ("U.S.") do when a typical sentence opener follows.
fn abbrev_ends(toks: &[Tok], i: usize) -> bool {
    let w = toks[i].lower.trim_end_matches('.');
    if TITLES.contains(&w)
        && !matches!(
            w,
            "u.s"
                | "u.k"
                | "u.n"
                | "d.c"
                | "inc"
                | "corp"
                | "co"
                | "jr"
                | "sr"
                | "ltd"
                | "etc"
                | "a.m"
                | "p.m"
        )
    {
        return false;
    }
    if w.len() == 1 {
        return false; // an initial
    }
    match toks.get(i + 1) {
        None => true,
        Some(t) if t.kind == Kind::Break => true,
        Some(t) if t.is_word() && t.cap => matches!(
            t.lower.as_str(),
            "the"
                | "he"
                | "she"
                | "it"
                | "they"
                | "we"
                | "i"
                | "but"
                | "and"
                | "in"
                | "a"
                | "an"
                | "this"
                | "that"
                | "there"
                | "his"
                | "her"
                | "on"
                | "at"
                | "for"
                | "however"
                | "meanwhile"
                | "its"
                | "their"
                | "our"
                | "if"
                | "when"
                | "while"
                | "as"
        ),
        _ => false,
    }
}

/// `inside[i]` is true for tokens strictly inside a stretch (between its marks).
pub(crate) fn inside_mask(n: usize, st: &[Stretch]) -> Vec<bool> {
    let mut m = vec![false; n];
    for s in st {
        for x in m.iter_mut().take(s.end.min(n)).skip(s.open + 1) {
            *x = true;
        }
        // the closing mark itself is not "inside"
        if s.end > 0 && s.end - 1 > s.open && s.end - 1 < n {
            m[s.end - 1] = false;
        }
    }
    m
}

/// Whether a direction-less double quotation mark (`"` or `''`, `width` chars long, at
/// char index `i`) opens or closes, judged by the spacing around it: space before and a
/// word after opens; a word before and space or punctuation after closes; otherwise it
/// closes an open quotation and opens a new one.
fn straight_quote_kind(chars: &[(usize, char)], i: usize, width: usize, open_state: bool) -> Kind {
    let left_space =
        i == 0 || chars[i - 1].1.is_whitespace() || matches!(chars[i - 1].1, '(' | '[' | '—' | '–');
    let after = chars.get(i + width).map(|&(_, c)| c);
    let right_space = after.is_none_or(char::is_whitespace);
    let right_punct = matches!(after, Some(',' | '.' | ';' | ':' | '!' | '?' | ')'));
    if left_space && !right_space {
        Kind::Open
    } else if (!left_space && (right_space || right_punct)) || open_state {
        Kind::Close
    } else {
        Kind::Open
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &str) -> Vec<String> {
        tokenize(t)
            .iter()
            .map(|k| t[k.start..k.end].to_string())
            .collect()
    }

    #[test]
    fn tokens_keep_abbreviations_and_split_possessives() {
        assert_eq!(
            words("Trump’s U.S. trip, 1,060 dead."),
            vec!["Trump", "’s", "U.S.", "trip", ",", "1,060", "dead", "."]
        );
        assert_eq!(words("don't"), vec!["don't"]);
    }

    #[test]
    fn straight_quotes_resolve_open_and_close() {
        let t = "He said,\"Go now.\" Then \"stop\".";
        let k: Vec<Kind> = tokenize(t)
            .iter()
            .map(|x| x.kind)
            .filter(|k| matches!(k, Kind::Open | Kind::Close))
            .collect();
        assert_eq!(k, vec![Kind::Open, Kind::Close, Kind::Open, Kind::Close]);
    }

    #[test]
    fn multi_paragraph_quote_is_one_stretch() {
        let t = "“First part.\n“Second part,” he said.";
        let toks = tokenize(t);
        let st = stretches(&toks);
        assert_eq!(st.len(), 1);
        assert_eq!(toks[st[0].end - 1].kind, Kind::Close);
    }

    #[test]
    fn sentences_do_not_split_inside_quotes_or_after_titles() {
        let t = "“We met. We talked,” Mr. Smith said. It rained.";
        let toks = tokenize(t);
        let st = stretches(&toks);
        let m = inside_mask(toks.len(), &st);
        let s = sentences(&toks, &m, &|_| false);
        assert_eq!(s.len(), 2);
    }
}
