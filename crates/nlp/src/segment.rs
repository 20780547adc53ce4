//! Tokens and sentences.
//!
//! The tokenizer works on byte ranges of a `&str` and never slices inside a char: every
//! boundary it produces comes from `char_indices`. Tokens follow news conventions close
//! to the Penn Treebank's: punctuation is split off, clitics (`’s`, `n't`, `’re`) are
//! their own tokens, abbreviations keep their period (`U.S.`, `Mr.`, `a.m.`), numbers
//! keep their separators (`1,060`, `3.5`, `17:20`), hyphenated words stay whole. As in
//! UD English, a web address is one token, so is a run of one symbol (`=====`, `$$$`)
//! and a free-standing emoticon (`:)`), and a slash between words is its own token
//! (`and` `/` `or`; `24/7` stays whole).
//!
//! Sentences never cross a block (title, heading, paragraph...): a headline without a
//! final stop ends where its block ends. Inside a block a sentence ends after `.`, `!`,
//! `?` or an ellipsis followed by something that does not continue the sentence; closing
//! quotes and brackets stay with the sentence they close.

use crate::lexicon::{AbbrevKind, Lexicons};
use newsgraph_model::{Article, Sentence, Span, Token};
use std::ops::Range;

/// Characters treated as punctuation (each its own token, or merged in a run of the same
/// terminator). Everything else that is not whitespace or a control char is a word char.
pub(crate) fn is_punct(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation();
    }
    matches!(
        c,
        '“' | '”'
            | '‘'
            | '’'
            | '«'
            | '»'
            | '„'
            | '‚'
            | '‹'
            | '›'
            | '—'
            | '–'
            | '―'
            | '‒'
            | '…'
            | '•'
            | '·'
            | '¡'
            | '¿'
            | '§'
            | '¶'
            | '†'
            | '‡'
            | '′'
            | '″'
            | '€'
            | '£'
            | '¥'
            | '¢'
            | '°'
            | '©'
            | '®'
            | '™'
            | '、'
            | '。'
            | '，'
            | '！'
            | '？'
            | '：'
            | '；'
            | '（'
            | '）'
            | '【'
            | '】'
            | '「'
            | '」'
            | '『'
            | '』'
            | '〈'
            | '〉'
            | '《'
            | '》'
            | '\u{00A0}'
    )
}

fn is_sep(c: char) -> bool {
    c.is_whitespace() || c.is_control() || c == '\u{200B}' || c == '\u{FEFF}' || c == '\u{00A0}'
}

fn is_word(c: char) -> bool {
    !is_sep(c) && !is_punct(c)
}

fn is_apos(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Splits `text` into token byte ranges (relative to `text`).
pub fn tokenize(text: &str, lex: &Lexicons) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    tokenize_into(text, 0, lex, &mut out);
    out
}

/// Tokenizes `text`, pushing byte ranges shifted by `base`.
pub(crate) fn tokenize_into(text: &str, base: usize, lex: &Lexicons, out: &mut Vec<Range<usize>>) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let byte_at = |i: usize| if i < n { chars[i].0 } else { text.len() };
    let mut i = 0;
    while i < n {
        let c = chars[i].1;
        if is_sep(c) {
            i += 1;
            continue;
        }
        if let Some(j) = url_end(&chars, i).or_else(|| emoticon_end(&chars, i)) {
            out.push(base + byte_at(i)..base + byte_at(j));
            i = j;
            continue;
        }
        if is_word(c) {
            // A word: word chars joined by internal connectors.
            let start = i;
            let mut j = i + 1;
            while j < n {
                let cj = chars[j].1;
                if is_word(cj) {
                    j += 1;
                    continue;
                }
                let next_word = j + 1 < n && is_word(chars[j + 1].1);
                let prev_digit = chars[j - 1].1.is_ascii_digit();
                let next_digit = j + 1 < n && chars[j + 1].1.is_ascii_digit();
                // An address with its user name cut short (`julie...@bellsouth.net`, as
                // mailing-list archives print them) is one token.
                if cj == '.' {
                    let mut k = j;
                    while k < n && chars[k].1 == '.' {
                        k += 1;
                    }
                    if k - j >= 2 && k + 1 < n && chars[k].1 == '@' && is_word(chars[k + 1].1) {
                        j = k + 1;
                        continue;
                    }
                }
                // One letter either side (`b/c`, `w/o`, `n/a`): an abbreviation.
                let letter_pair = j == start + 1
                    && next_word
                    && chars.get(j + 2).is_none_or(|(_, c)| !is_word(*c));
                let joins = match cj {
                    '.' | '-' | '\'' | '’' | '&' | '@' | '_' => next_word,
                    // `24/7`, `9/11` stay whole; `and/or`, `Mozilla/Firefox` are three
                    // tokens, as UD and the Penn Treebank cut them.
                    '/' => next_word && (prev_digit || next_digit || letter_pair),
                    ',' | ':' => prev_digit && next_digit,
                    _ => false,
                };
                if joins {
                    j += 2;
                } else {
                    break;
                }
            }
            // Abbreviation: keep a following period.
            if j < n && chars[j].1 == '.' {
                let cand = &text[byte_at(start)..byte_at(j + 1)];
                if lex.abbrev(cand).is_some() || looks_like_abbrev(cand) {
                    j += 1;
                }
            }
            push_word(text, base, byte_at(start), byte_at(j), out);
            i = j;
            continue;
        }
        // Punctuation: runs of . ! ? and of - merge ("...", "?!", "--").
        let start = i;
        let mut j = i + 1;
        if matches!(c, '.' | '!' | '?') {
            while j < n && matches!(chars[j].1, '.' | '!' | '?') {
                j += 1;
            }
        } else if matches!(
            c,
            '-' | '=' | '_' | '*' | '~' | '#' | '+' | '$' | '<' | '>' | '^'
        ) {
            // A run of one symbol is one token: `--`, a rule `=====`, `***`, `$$$`, `<<`.
            while j < n && chars[j].1 == c {
                j += 1;
            }
        }
        out.push(base + byte_at(start)..base + byte_at(j));
        i = j;
    }
}

/// A web address starting at `i` (`http://…`, `https://…`, `ftp://…`, after a
/// separator or at the start): it runs to the next separator, less trailing punctuation
/// that ends the sentence or closes a bracket. Returns the end (char index).
fn url_end(chars: &[(usize, char)], i: usize) -> Option<usize> {
    if i > 0 && !is_sep(chars[i - 1].1) && !matches!(chars[i - 1].1, '(' | '<' | '"' | '[') {
        return None;
    }
    if !matches!(chars[i].1, 'h' | 'H' | 'f' | 'F') {
        return None;
    }
    let scheme: String = chars[i..]
        .iter()
        .take(8)
        .map(|(_, c)| c.to_ascii_lowercase())
        .collect();
    if !["http://", "https://", "ftp://"]
        .iter()
        .any(|p| scheme.starts_with(p))
    {
        return None;
    }
    let mut j = i;
    while j < chars.len() && !is_sep(chars[j].1) {
        j += 1;
    }
    while j > i
        && matches!(
            chars[j - 1].1,
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | '>' | '"' | ']' | '\''
        )
    {
        j -= 1;
    }
    Some(j)
}

/// An emoticon standing alone (`:)`, `:-(`, `;)`, `:D`, `:P`): eyes, an optional nose
/// and a mouth, with a separator (or the text's edge) either side, so `Note:Data` and
/// `(see 3:)` are untouched. Returns the end (char index).
fn emoticon_end(chars: &[(usize, char)], i: usize) -> Option<usize> {
    let at = |k: usize| chars.get(k).map(|(_, c)| *c);
    if i > 0 && !is_sep(chars[i - 1].1) {
        return None;
    }
    if !matches!(at(i)?, ':' | ';') {
        return None;
    }
    let mut j = i + 1;
    if at(j) == Some('-') {
        j += 1;
    }
    if !matches!(at(j)?, ')' | '(' | 'D' | 'P' | 'p' | '/' | '|') {
        return None;
    }
    j += 1;
    match at(j) {
        None => Some(j),
        Some(c) if is_sep(c) => Some(j),
        _ => None,
    }
}

/// `U.S.`, `N.V.`, `a.m.` (single letters each followed by a period) or an initial `J.`.
fn looks_like_abbrev(s: &str) -> bool {
    let mut letters = 0;
    let mut expect_letter = true;
    for c in s.chars() {
        if expect_letter {
            if !c.is_alphabetic() {
                return false;
            }
            letters += 1;
            expect_letter = false;
        } else {
            if c != '.' {
                return false;
            }
            expect_letter = true;
        }
    }
    if !expect_letter || letters == 0 {
        return false;
    }
    // A single letter + period is an initial only when uppercase.
    letters > 1 || s.chars().next().is_some_and(char::is_uppercase)
}

/// Pushes a word, splitting clitics off its end (`Trump’s` → `Trump` `’s`, `don't` →
/// `do` `n't`, `They’re` → `They` `’re`).
fn push_word(text: &str, base: usize, s: usize, e: usize, out: &mut Vec<Range<usize>>) {
    let w = &text[s..e];
    // Find the last apostrophe.
    if let Some((ai, ac)) = w.char_indices().rev().find(|(_, c)| is_apos(*c)) {
        if ai > 0 {
            let tail = &w[ai + ac.len_utf8()..];
            let lower = tail.to_ascii_lowercase();
            let head = &w[..ai];
            if lower == "t" && head.len() > 1 && head.ends_with(['n', 'N']) {
                // n't
                let split = s + ai - 1;
                if split > s {
                    out.push(base + s..base + split);
                    out.push(base + split..base + e);
                    return;
                }
            }
            if matches!(lower.as_str(), "s" | "re" | "ve" | "ll" | "d" | "m") {
                out.push(base + s..base + s + ai);
                out.push(base + s + ai..base + e);
                return;
            }
        }
    }
    out.push(base + s..base + e);
}

fn is_terminator(t: &str) -> bool {
    !t.is_empty()
        && t.chars()
            .all(|c| matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？'))
}

fn is_closer(t: &str) -> bool {
    matches!(
        t,
        "”" | "’" | "\"" | "'" | ")" | "]" | "}" | "»" | "›" | "」" | "』" | "）"
    )
}

fn starts_lower(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_lowercase)
}

fn starts_lower_word(t: &str) -> bool {
    starts_lower(t) && t.chars().all(char::is_alphabetic)
}

fn continues_sentence(t: &str) -> bool {
    starts_lower(t) || matches!(t, "," | ";" | ":" | ")" | "]" | "-" | "—" | "–" | "%")
}

/// Sentence boundaries (as token-index ranges) for the tokens of one block.
pub(crate) fn split_sentences(
    text: &str,
    toks: &[Range<usize>],
    lex: &Lexicons,
    out: &mut Vec<Range<usize>>,
) {
    let n = toks.len();
    let mut start = 0;
    let mut i = 0;
    while i < n {
        let t = &text[toks[i].clone()];
        let mut end_here = false;
        let mut last = i;
        if is_terminator(t) {
            // Absorb closing quotes/brackets glued to the terminator (or to each other).
            let mut k = i + 1;
            while k < n && is_closer(&text[toks[k].clone()]) && toks[k].start == toks[k - 1].end {
                k += 1;
            }
            last = k - 1;
            end_here = match toks.get(k) {
                None => false, // the block end closes the sentence anyway
                Some(r) => {
                    let next = &text[r.clone()];
                    let ellipsis = t == "…" || t.starts_with("..");
                    if ellipsis {
                        next.chars()
                            .next()
                            .is_some_and(|c| c.is_uppercase() || c == '“' || c == '"')
                    } else if k == i + 1 && t == "." && starts_lower_word(next) {
                        // `dog. i want it`: a bare full stop (no closing quote or bracket
                        // after it, not an abbreviation's, which stays in its token) then a
                        // lowercase word ends the sentence in web text; `"Why?" she asked`
                        // and `etc. and` keep theirs.
                        true
                    } else {
                        !continues_sentence(next)
                    }
                }
            };
        } else if t.len() > 1 && t.ends_with('.') {
            // An abbreviation that kept its period.
            if let Some(r) = toks.get(i + 1) {
                let next = &text[r.clone()];
                end_here = match lex.abbrev(t) {
                    Some(AbbrevKind::Title) => false,
                    Some(AbbrevKind::Month) | Some(AbbrevKind::Other) | None => {
                        let single_initial = t.chars().count() == 2;
                        !single_initial && (lex.is_sentence_starter(next) || next == "“")
                    }
                };
            }
        }
        if end_here {
            out.push(start..last + 1);
            start = last + 1;
            i = last + 1;
        } else {
            i += 1;
        }
    }
    if start < n {
        out.push(start..n);
    }
}

/// Fills `article.tokens` and `article.sentences`, block by block. Blocks are sentence
/// boundaries; when an article has no blocks, its lines are used instead.
pub fn segment_with(article: &mut Article, lex: &Lexicons) {
    let text = article.text.as_str();
    // Block byte ranges, in text order.
    let mut ranges: Vec<Range<usize>> = Vec::new();
    if article.blocks.is_empty() {
        let mut pos = 0;
        for line in text.split('\n') {
            ranges.push(pos..pos + line.len());
            pos += line.len() + 1;
        }
    } else {
        let ix = newsgraph_model::CharIndex::new(text);
        let mut spans: Vec<Span> = article.blocks.iter().map(|b| b.span).collect();
        spans.sort();
        let mut last_end = 0;
        for s in spans {
            let r = ix.bytes(s);
            // Skip overlapping or out-of-range blocks.
            if r.start < last_end || r.end > text.len() || r.start > r.end {
                continue;
            }
            last_end = r.end;
            ranges.push(r);
        }
    }
    let mut tokens: Vec<Range<usize>> = Vec::with_capacity(text.len() / 5 + 1);
    let mut sents: Vec<Range<usize>> = Vec::new();
    let mut block_toks: Vec<Range<usize>> = Vec::new();
    let mut block_sents: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        let Some(block) = text.get(r.clone()) else {
            continue;
        };
        block_toks.clear();
        block_sents.clear();
        tokenize_into(block, r.start, lex, &mut block_toks);
        split_sentences(text, &block_toks, lex, &mut block_sents);
        let off = tokens.len();
        for s in &block_sents {
            sents.push(off + s.start..off + s.end);
        }
        tokens.extend(block_toks.iter().cloned());
    }
    // Byte → char offsets, incrementally (tokens are in text order).
    let mut conv = Cursor {
        text,
        byte: 0,
        ch: 0,
    };
    let mut out_tokens = Vec::with_capacity(tokens.len());
    for r in &tokens {
        let cs = conv.char_of(r.start);
        let ce = conv.char_of(r.end);
        out_tokens.push(Token {
            span: Span::new(cs, ce),
            start_byte: r.start,
            end_byte: r.end,
        });
    }
    article.sentences = sents
        .iter()
        .filter(|s| s.start < s.end)
        .map(|s| Sentence {
            span: Span::new(
                out_tokens[s.start].span.start,
                out_tokens[s.end - 1].span.end,
            ),
        })
        .collect();
    article.tokens = out_tokens;
}

/// Converts increasing byte offsets to char offsets in one pass.
struct Cursor<'a> {
    text: &'a str,
    byte: usize,
    ch: usize,
}

impl Cursor<'_> {
    fn char_of(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            // Not expected (offsets increase); recount from the start.
            self.byte = 0;
            self.ch = 0;
        }
        if let Some(seg) = self.text.get(self.byte..byte) {
            self.ch += seg.chars().count();
            self.byte = byte;
        }
        self.ch
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_model::{BlockKind, Meta};

    fn toks(s: &str) -> Vec<&str> {
        let lex = Lexicons::get();
        tokenize(s, lex).into_iter().map(|r| &s[r]).collect()
    }

    fn sents(paras: &[&str]) -> Vec<String> {
        let body: Vec<(BlockKind, String)> = paras
            .iter()
            .map(|p| (BlockKind::Paragraph, p.to_string()))
            .collect();
        let mut a = Article::from_blocks(Meta::default(), None, &body);
        segment_with(&mut a, Lexicons::get());
        a.sentences
            .iter()
            .map(|s| a.slice(s.span).to_string())
            .collect()
    }

    #[test]
    fn tokens_split_punctuation_and_clitics() {
        assert_eq!(
            toks("Trump’s “talks” — U.S. officials don't (yet) pay $1,060.5 at 17:20..."),
            vec![
                "Trump",
                "’s",
                "“",
                "talks",
                "”",
                "—",
                "U.S.",
                "officials",
                "do",
                "n't",
                "(",
                "yet",
                ")",
                "pay",
                "$",
                "1,060.5",
                "at",
                "17:20",
                "..."
            ]
        );
        assert_eq!(
            toks("They’re all-girl South-South J. Smith"),
            vec!["They", "’re", "all-girl", "South-South", "J.", "Smith"]
        );
        assert_eq!(
            toks("end. Mr. Smith, a.m. e.g."),
            vec!["end", ".", "Mr.", "Smith", ",", "a.m.", "e.g."]
        );
    }

    #[test]
    fn addresses_symbol_runs_emoticons_and_slashes() {
        assert_eq!(
            toks("See http://www.bbc.co.uk/news/a_1.html. Or (https://x.org/?q=1)"),
            vec![
                "See",
                "http://www.bbc.co.uk/news/a_1.html",
                ".",
                "Or",
                "(",
                "https://x.org/?q=1",
                ")"
            ]
        );
        assert_eq!(
            toks("===== *** $$$ << -- $5"),
            vec!["=====", "***", "$$$", "<<", "--", "$", "5"]
        );
        assert_eq!(
            toks("great :) sad :-( Note:Data (see 3:)"),
            vec!["great", ":)", "sad", ":-(", "Note", ":", "Data", "(", "see", "3", ":", ")"]
        );
        assert_eq!(
            toks("and/or 24/7 9/11"),
            vec!["and", "/", "or", "24/7", "9/11"]
        );
        assert_eq!(
            toks("b/c w/o it, a/b/c x/yz"),
            vec!["b/c", "w/o", "it", ",", "a/b", "/", "c", "x", "/", "yz"]
        );
        assert_eq!(
            toks("from julie...@bellsouth.net, or so... @home"),
            vec![
                "from",
                "julie...@bellsouth.net",
                ",",
                "or",
                "so",
                "...",
                "@",
                "home"
            ]
        );
    }

    #[test]
    fn sentences_survive_abbreviations_and_quotes() {
        let s = sents(&["Former U.S. President Donald Trump spoke at 9 a.m. on Jan. 5 with Mr. J. Smith. He left."]);
        assert_eq!(
            s,
            vec![
                "Former U.S. President Donald Trump spoke at 9 a.m. on Jan. 5 with Mr. J. Smith.",
                "He left."
            ]
        );
        let s = sents(&[
            "He said, \"We have talks. They want to talk... They’re different.\" However, nothing.",
        ]);
        assert_eq!(
            s,
            vec![
                "He said, \"We have talks.",
                "They want to talk...",
                "They’re different.\"",
                "However, nothing."
            ]
        );
        let s = sents(&[
            "It failed to reflect distrust of the U.S. The daily said so. Is it? yes it is",
        ]);
        assert_eq!(
            s,
            vec![
                "It failed to reflect distrust of the U.S.",
                "The daily said so.",
                "Is it? yes it is"
            ]
        );
        let s = sents(&["it is the dog. i want it. \"Why?\" she asked. He left etc. and more."]);
        assert_eq!(
            s,
            vec![
                "it is the dog.",
                "i want it.",
                "\"Why?\" she asked.",
                "He left etc. and more."
            ]
        );
    }

    #[test]
    fn blocks_are_sentence_boundaries() {
        let s = sents(&["Iran denies US negotiation request", "Body one. Body two"]);
        assert_eq!(
            s,
            vec![
                "Iran denies US negotiation request",
                "Body one.",
                "Body two"
            ]
        );
    }

    #[test]
    fn spans_are_code_points() {
        let mut a = Article::from_blocks(
            Meta::default(),
            None,
            &[(BlockKind::Paragraph, "Mbappé’s “goal”.".into())],
        );
        segment_with(&mut a, Lexicons::get());
        let words: Vec<&str> = a.tokens.iter().map(|t| a.slice(t.span)).collect();
        assert_eq!(words, vec!["Mbappé", "’s", "“", "goal", "”", "."]);
        for t in &a.tokens {
            assert_eq!(&a.text[t.start_byte..t.end_byte], a.slice(t.span));
        }
    }
}
