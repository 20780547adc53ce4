//! Numbers written with digits or words: `1,060`, `1.2 billion`, `twenty-six`,
//! `two dozen`, `a hundred`, `several`.

use crate::lexicon;
use crate::tokens::{Kind, Tok};

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
    if s.is_empty() || !s.bytes().all(|c| c.is_ascii_digit() || c == b',' || c == b'.') {
        return None;
    }
    if s.matches('.').count() > 1 {
        return None;
    }
    let cleaned: String = s.chars().filter(|c| *c != ',').collect();
    let v: f64 = cleaned.parse().ok()?;
    v.is_finite().then_some(v)
}

/// Parses the number starting at token `i`, if any.
pub fn parse_number(toks: &[Tok], i: usize) -> Option<Number> {
    let t = toks.get(i)?;
    let lex = lexicon::numbers();
    if t.kind == Kind::Num {
        // Digits, possibly with a scale suffix glued on (1.2bn, 5m).
        let split = t.lower.find(|c: char| c.is_alphabetic()).unwrap_or(t.lower.len());
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
            if let Some(m) = toks.get(end).and_then(|n| lex.get("mult", &n.lower)) {
                let m: f64 = m.parse().unwrap_or(1.0);
                if m >= 100.0 && m != 12.0 {
                    value *= m;
                    end += 1;
                }
            }
        }
        return Some(Number { end, value, vague: false, digits: true });
    }
    if t.kind != Kind::Word {
        return None;
    }
    // Vague quantities, multi-word first ("a couple of", "a few").
    if let Some((len, v)) = vague_at(toks, i) {
        return Some(Number { end: i + len, value: v, vague: true, digits: false });
    }
    // Word numbers: "two hundred and fifty", "twenty-six", "a dozen", "one million".
    let mut j = i;
    let mut total = 0f64;
    let mut current = 0f64;
    let mut any = false;
    if matches!(t.lower.as_str(), "a" | "an") {
        match toks.get(i + 1).and_then(|n| lex.get("mult", &n.lower)) {
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
            if tok.lower == "-" && any && toks.get(j + 1).is_some_and(|n| lex.has("card", &n.lower)) && !tok.space_before {
                j += 1;
                continue;
            }
            break;
        }
        if let Some(v) = lex.get("card", &tok.lower) {
            current += v.parse::<f64>().unwrap_or(0.0);
        } else if let Some(m) = lex.get("mult", &tok.lower) {
            let m: f64 = m.parse().unwrap_or(1.0);
            if current == 0.0 {
                current = 1.0;
            }
            if m >= 1000.0 {
                total += current * m;
                current = 0.0;
            } else {
                current *= m;
            }
        } else if tok.lower == "and" && any && toks.get(j + 1).is_some_and(|n| lex.has("card", &n.lower)) {
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
    Some(Number { end: j, value: total + current, vague: false, digits: false })
}

/// Vague quantity phrases, tokenized, longest first.
fn vague_phrases() -> &'static [(Vec<String>, f64)] {
    static V: std::sync::OnceLock<Vec<(Vec<String>, f64)>> = std::sync::OnceLock::new();
    V.get_or_init(|| {
        let mut v: Vec<(Vec<String>, f64)> = lexicon::numbers()
            .entries("vague")
            .map(|(form, val)| (form.split_whitespace().map(str::to_string).collect(), val.parse().unwrap_or(2.0)))
            .collect();
        v.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        v
    })
}

/// A vague quantity at `i`: (token count, rough value).
fn vague_at(toks: &[Tok], i: usize) -> Option<(usize, f64)> {
    vague_phrases()
        .iter()
        .find(|(p, _)| p.iter().enumerate().all(|(k, w)| toks.get(i + k).is_some_and(|t| &t.lower == w)))
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
    let v = lexicon::numbers().get("ord", &t.lower)?;
    v.parse().ok().map(|v| (v, i + 1))
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
