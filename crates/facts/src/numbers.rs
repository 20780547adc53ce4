//! Numbers written with digits or words: `1,060`, `1.2 billion`, `twenty-six`,
//! `two dozen`, `a hundred`, `several`.

use crate::lexicon::{self, FastMap, WordFilter};
use crate::tokens::{Kind, Tok};
use std::sync::OnceLock;

/// A number found at a token position.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    /// Token index one past the number.
    pub end: usize,
    pub value: f64,
    /// A vague quantity (several, dozens): `value` is only a rough lower bound.
    pub vague: bool,
    /// Written with digits.
    pub digits: bool,
}

/// Parses a plain digit string (`1,060`, `1.5`, `2000`); None for times, fractions,
/// ordinals and codes.
pub fn parse_digits(s: &str) -> Option<f64> {
    if s.is_empty()
        || !s
            .bytes()
            .all(|c| c.is_ascii_digit() || c == b',' || c == b'.')
    {
        return None;
    }
    if s.matches('.').count() > 1 {
        return None;
    }
    let v: f64 = if s.contains(',') {
        let cleaned: String = s.chars().filter(|c| *c != ',').collect();
        cleaned.parse().ok()?
    } else {
        s.parse().ok()?
    };
    v.is_finite().then_some(v)
}

/// Parses the number starting at token `i`, if any.
pub fn parse_number(toks: &[Tok], i: usize) -> Option<Number> {
    let t = toks.get(i)?;
    if t.kind == Kind::Num {
        // Digits, possibly with a scale suffix glued on (1.2bn, 5m).
        let split = t
            .lower
            .find(|c: char| c.is_alphabetic())
            .unwrap_or(t.lower.len());
        let (digits, suffix) = t.lower.split_at(split);
        let mut value = parse_digits(digits)?;
        if !suffix.is_empty() {
            let m = match suffix {
                "k" => 1e3,
                "m" | "mn" => 1e6,
                "bn" | "b" => 1e9,
                "tn" => 1e12,
                _ => return None,
            };
            value *= m;
        }
        let mut end = i + 1;
        if suffix.is_empty() {
            if let Some(m) = toks.get(end).and_then(|n| word(&n.lower)?.mult) {
                if m >= 100.0 && m != 12.0 {
                    value *= m;
                    end += 1;
                }
            }
        }
        return Some(Number {
            end,
            value,
            vague: false,
            digits: true,
        });
    }
    if t.kind != Kind::Word {
        return None;
    }
    // Only number words, vague quantities and "a"/"an" start a number.
    let info = word(&t.lower)?;
    // Vague quantities, multi-word first ("a couple of", "a few").
    if let Some((len, v)) = vague_at(toks, i, info) {
        return Some(Number {
            end: i + len,
            value: v,
            vague: true,
            digits: false,
        });
    }
    // Word numbers: "two hundred and fifty", "twenty-six", "a dozen", "one million".
    let mut j = i;
    let mut total = 0f64;
    let mut current = 0f64;
    let mut any = false;
    if matches!(t.lower.as_str(), "a" | "an") {
        match toks.get(i + 1).and_then(|n| word(&n.lower)?.mult) {
            Some(_) => {
                current = 1.0;
                j += 1;
            }
            None => return None,
        }
    }
    while let Some(tok) = toks.get(j) {
        if tok.kind != Kind::Word {
            // A hyphen between two number words: twenty-six.
            if tok.lower == "-"
                && any
                && toks.get(j + 1).is_some_and(|n| is_card(&n.lower))
                && !tok.space_before
            {
                j += 1;
                continue;
            }
            break;
        }
        let w = word(&tok.lower);
        if let Some(v) = w.and_then(|w| w.card) {
            current += v;
        } else if let Some(m) = w.and_then(|w| w.mult) {
            if current == 0.0 {
                current = 1.0;
            }
            if m >= 1000.0 {
                total += current * m;
                current = 0.0;
            } else {
                current *= m;
            }
        } else if tok.lower == "and" && any && toks.get(j + 1).is_some_and(|n| is_card(&n.lower)) {
            j += 1;
            continue;
        } else {
            break;
        }
        any = true;
        j += 1;
    }
    if !any {
        return None;
    }
    Some(Number {
        end: j,
        value: total + current,
        vague: false,
        digits: false,
    })
}

/// Vague quantity phrases, tokenized, longest first (none empty).
fn vague_phrases() -> &'static [(Vec<String>, f64)] {
    static V: OnceLock<Vec<(Vec<String>, f64)>> = OnceLock::new();
    V.get_or_init(|| {
        let mut v: Vec<(Vec<String>, f64)> = lexicon::numbers()
            .entries("vague")
            .map(|(form, val)| {
                (
                    form.split_whitespace()
                        .map(str::to_string)
                        .collect::<Vec<_>>(),
                    val.parse().unwrap_or(2.0),
                )
            })
            .filter(|(p, _)| !p.is_empty())
            .collect();
        v.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        v
    })
}

/// What the numbers lexicon says about one word, with its values parsed once.
#[derive(Debug, Default)]
pub(crate) struct NumWord {
    /// Cardinal (`card`): two, twenty.
    pub card: Option<f64>,
    /// Multiplier (`mult`): hundred, million, dozen.
    pub mult: Option<f64>,
    /// Ordinal (`ord`) value, when it parses: third, twentieth.
    pub ord: Option<i64>,
    /// Indices (in [`vague_phrases`] order) of the vague phrases starting with it.
    pub vague: Vec<usize>,
    /// A word a figure can start with: card, mult, the first word of a vague phrase,
    /// or an article.
    pub starter: bool,
}

/// Every word of the numbers lexicon (and "a"/"an"): one lookup per token.
fn words() -> &'static (FastMap<String, NumWord>, WordFilter) {
    static W: OnceLock<(FastMap<String, NumWord>, WordFilter)> = OnceLock::new();
    W.get_or_init(|| {
        let lex = lexicon::numbers();
        let mut m: FastMap<String, NumWord> = FastMap::default();
        for (f, v) in lex.entries("card") {
            let w = m.entry(f.to_string()).or_default();
            w.card = Some(v.parse().unwrap_or(0.0));
            w.starter = true;
        }
        for (f, v) in lex.entries("mult") {
            let w = m.entry(f.to_string()).or_default();
            w.mult = Some(v.parse().unwrap_or(1.0));
            w.starter = true;
        }
        for (f, v) in lex.entries("ord") {
            m.entry(f.to_string()).or_default().ord = v.parse().ok();
        }
        for (k, (p, _)) in vague_phrases().iter().enumerate() {
            if let Some(first) = p.first() {
                let w = m.entry(first.clone()).or_default();
                w.vague.push(k);
                w.starter = true;
            }
        }
        for a in ["a", "an"] {
            m.entry(a.to_string()).or_default().starter = true;
        }
        let mut filter = WordFilter::default();
        for w in m.keys() {
            filter.insert(w);
        }
        (m, filter)
    })
}

/// The numbers lexicon's entry for a lowercase word.
#[inline]
pub(crate) fn word(w: &str) -> Option<&'static NumWord> {
    let (m, filter) = words();
    if !filter.may_contain(w) {
        return None;
    }
    m.get(w)
}

/// A cardinal number word (`lexicon::numbers().has("card", w)`).
#[inline]
pub(crate) fn is_card(w: &str) -> bool {
    word(w).is_some_and(|w| w.card.is_some())
}

/// A vague quantity at `i` (whose word is `info`): (token count, rough value).
fn vague_at(toks: &[Tok], i: usize, info: &NumWord) -> Option<(usize, f64)> {
    let all = vague_phrases();
    info.vague
        .iter()
        .map(|&k| &all[k])
        .find(|(p, _)| {
            p.iter()
                .enumerate()
                .all(|(k, w)| toks.get(i + k).is_some_and(|t| &t.lower == w))
        })
        .map(|(p, v)| (p.len(), *v))
}

/// Ordinal at token `i` (`third`, `3rd`, `21st`): (value, end).
pub fn parse_ordinal(toks: &[Tok], i: usize) -> Option<(i64, usize)> {
    let t = toks.get(i)?;
    if t.kind == Kind::Num {
        for suf in ["st", "nd", "rd", "th"] {
            if let Some(d) = t.lower.strip_suffix(suf) {
                if !d.is_empty() && d.len() <= 4 && d.bytes().all(|c| c.is_ascii_digit()) {
                    return d.parse().ok().map(|v| (v, i + 1));
                }
            }
        }
        return None;
    }
    word(&t.lower)?.ord.map(|v| (v, i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    fn num(s: &str) -> Option<(f64, bool)> {
        let t = tokenize(s);
        parse_number(&t, 0).map(|n| (n.value, n.vague))
    }

    #[test]
    fn parses_digit_and_word_numbers() {
        assert_eq!(num("1,060 fatalities"), Some((1060.0, false)));
        assert_eq!(num("1.2 billion dollars"), Some((1.2e9, false)));
        assert_eq!(num("twenty-six percent"), Some((26.0, false)));
        assert_eq!(num("two dozen people"), Some((24.0, false)));
        assert_eq!(num("a hundred people"), Some((100.0, false)));
        assert_eq!(num("two hundred and fifty"), Some((250.0, false)));
        assert_eq!(num("several days"), Some((3.0, true)));
        assert_eq!(num("a man"), None);
        assert_eq!(num("14:20"), None);
    }

    #[test]
    fn parses_ordinals() {
        let t = tokenize("third 21st 1990s");
        assert_eq!(parse_ordinal(&t, 0), Some((3, 1)));
        assert_eq!(parse_ordinal(&t, 1), Some((21, 2)));
        assert_eq!(parse_ordinal(&t, 2), None);
    }
}
