//! UD English cuts hyphenated compounds into their parts (`15-year` → `15` `-` `year`)
//! but keeps words whose first part is a prefix (`e-mail`, `vice-president`,
//! `co-operate`). The pipeline's tokenizer keeps every hyphenated word whole; the syntax
//! layer splits them again, except where the treebanks keep the first part joined more
//! often than not: that set of first parts is learned from the training data and stored
//! in the model.

use super::conllu::TreebankDoc;
use super::words::normalise;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

#[derive(Debug, Clone, Default)]
pub struct HyphenRule {
    /// Normalised first parts (`e`, `vice`, `co`) that stay joined to what follows.
    pub(crate) keep: HashSet<String>,
}

fn is_part_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The parts of `w` around single inner hyphens, when every part is alphanumeric.
fn parts(w: &str) -> Option<Vec<Range<usize>>> {
    if !w.contains('-') {
        return None;
    }
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in w.char_indices() {
        if c == '-' {
            if i == start {
                return None;
            }
            out.push(start..i);
            start = i + 1;
        } else if !is_part_char(c) {
            return None;
        }
    }
    if start >= w.len() {
        return None;
    }
    out.push(start..w.len());
    Some(out)
}

impl HyphenRule {
    /// Learns which first parts stay joined, from gold words: a hyphenated gold word is a
    /// vote to keep its first part; gold `a` `-` `b` written without spaces a vote to split.
    pub fn learn(docs: &[TreebankDoc]) -> Self {
        let mut votes: HashMap<String, (u32, u32)> = HashMap::new();
        let mut buf = String::new();
        for d in docs {
            for (i, w) in d.words.iter().enumerate() {
                if let Some(p) = parts(&w.form) {
                    normalise(&w.form[p[0].clone()], &mut buf);
                    votes.entry(buf.clone()).or_default().0 += 1;
                } else if w.form == "-" && i > 0 && i + 1 < d.words.len() {
                    let (a, b) = (&d.words[i - 1], &d.words[i + 1]);
                    if a.span.end == w.span.start && w.span.end == b.span.start {
                        // The first part: walk back over a chain `a - b - c`.
                        let mut k = i - 1;
                        while k >= 2
                            && d.words[k - 1].form == "-"
                            && d.words[k - 1].span.end == d.words[k].span.start
                            && d.words[k - 2].span.end == d.words[k - 1].span.start
                        {
                            k -= 2;
                        }
                        normalise(&d.words[k].form, &mut buf);
                        votes.entry(buf.clone()).or_default().1 += 1;
                    }
                }
            }
        }
        HyphenRule {
            keep: votes
                .into_iter()
                .filter(|(_, (keep, split))| keep > split)
                .map(|(p, _)| p)
                .collect(),
        }
    }

    /// Byte ranges (relative to `w`) of the syntax tokens of one pipeline token.
    pub fn split(&self, w: &str, out: &mut Vec<Range<usize>>, buf: &mut String) {
        out.clear();
        let Some(p) = parts(w) else {
            out.push(0..w.len());
            return;
        };
        normalise(&w[p[0].clone()], buf);
        if self.keep.contains(buf.as_str()) {
            out.push(0..w.len());
            return;
        }
        for (k, r) in p.iter().enumerate() {
            if k > 0 {
                out.push(r.start - 1..r.start);
            }
            out.push(r.clone());
        }
    }

    pub fn write(&self, out: &mut String) {
        let mut v: Vec<&String> = self.keep.iter().collect();
        v.sort();
        for p in v {
            out.push_str(p);
            out.push('\n');
        }
    }

    pub fn read(src: &str) -> Self {
        HyphenRule {
            keep: src
                .lines()
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_compounds_and_keeps_learned_prefixes() {
        let rule = HyphenRule {
            keep: ["e".to_string(), "vice".to_string()].into_iter().collect(),
        };
        let mut out = Vec::new();
        let mut buf = String::new();
        let pieces = |w: &str, out: &mut Vec<Range<usize>>, buf: &mut String| {
            rule.split(w, out, buf);
            out.iter()
                .map(|r| w[r.clone()].to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            pieces("15-year", &mut out, &mut buf),
            vec!["15", "-", "year"]
        );
        assert_eq!(pieces("state-of-the-art", &mut out, &mut buf).len(), 7);
        assert_eq!(pieces("e-mail", &mut out, &mut buf), vec!["e-mail"]);
        assert_eq!(
            pieces("Vice-President", &mut out, &mut buf),
            vec!["Vice-President"]
        );
        assert_eq!(pieces("--", &mut out, &mut buf), vec!["--"]);
        assert_eq!(pieces("a--b", &mut out, &mut buf), vec!["a--b"]);
        assert_eq!(pieces("plain", &mut out, &mut buf), vec!["plain"]);
        let mut s = String::new();
        rule.write(&mut s);
        assert_eq!(HyphenRule::read(&s).keep, rule.keep);
    }
}
