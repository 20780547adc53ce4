//! Words the pipeline's tokenizer keeps whole but UD English cuts into several syntactic
//! words: `cannot` → `can` `not`, `gotta` → `got` `ta`, web-text `dont` → `do` `nt`,
//! `im` → `i` `m`. Which tokens split, and where, is learned from the training treebanks:
//! their text is run through [`crate::segment`] and every pipeline token whose gold words
//! tile it exactly is a vote, to split it so (two or more words) or to keep it (one word).
//! A form is split when its split votes outnumber its keep votes and it was split at
//! least twice (so `its`, mostly a determiner, stays whole). Hyphenated tokens are left to
//! `hyphen.rs`.

use super::conllu::TreebankDoc;
use std::collections::HashMap;
use std::ops::Range;

#[derive(Debug, Clone, Default)]
pub struct SplitRule {
    /// Lowercased token → the lengths (in chars) of its words.
    pub(crate) splits: HashMap<String, Vec<u8>>,
}

/// Splits need at least this many votes.
const MIN_VOTES: u32 = 2;

fn key(w: &str) -> String {
    w.chars().flat_map(char::to_lowercase).collect()
}

impl SplitRule {
    pub fn learn(docs: &[TreebankDoc]) -> Self {
        // form → (keep votes, split votes per lengths pattern)
        let mut votes: HashMap<String, (u32, HashMap<Vec<u8>, u32>)> = HashMap::new();
        for d in docs {
            let mut a = d.article();
            crate::segment(&mut a);
            let mut g = 0;
            for t in &a.tokens {
                let Some(w) = a.text.get(t.start_byte..t.end_byte) else {
                    continue;
                };
                while g < d.words.len() && d.words[g].span.start < t.span.start {
                    g += 1;
                }
                if w.contains('-') || g >= d.words.len() || d.words[g].span.start != t.span.start {
                    continue;
                }
                // The gold words tiling the token, if they do.
                let mut k = g;
                let mut lens = Vec::new();
                while k < d.words.len() && d.words[k].span.end <= t.span.end {
                    let s = d.words[k].span;
                    if k > g && d.words[k - 1].span.end != s.start {
                        break;
                    }
                    lens.push(u8::try_from(s.end - s.start).unwrap_or(0));
                    k += 1;
                }
                let tiled = k > g && d.words[k - 1].span.end == t.span.end;
                if !tiled || lens.contains(&0) {
                    continue;
                }
                let e = votes.entry(key(w)).or_default();
                if lens.len() == 1 {
                    e.0 += 1;
                } else {
                    *e.1.entry(lens).or_default() += 1;
                }
            }
        }
        let splits = votes
            .into_iter()
            .filter_map(|(form, (keep, split))| {
                let (lens, n) = split
                    .into_iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))?;
                (n >= MIN_VOTES && n > keep).then_some((form, lens))
            })
            .collect();
        SplitRule { splits }
    }

    /// Byte ranges (relative to `w`) of the words of one pipeline token, or `false` when
    /// the token is not one that splits (`out` is then untouched).
    pub fn split(&self, w: &str, out: &mut Vec<Range<usize>>) -> bool {
        if self.splits.is_empty() || w.len() > 32 {
            return false;
        }
        let Some(lens) = self.splits.get(&key(w)) else {
            return false;
        };
        if lens.iter().map(|l| *l as usize).sum::<usize>() != w.chars().count() {
            return false;
        }
        out.clear();
        let mut ends = w.char_indices().map(|(i, _)| i).chain([w.len()]);
        let mut start = ends.next().unwrap_or(0);
        for l in lens {
            let end = ends.by_ref().nth(*l as usize - 1).unwrap_or(w.len());
            out.push(start..end);
            start = end;
        }
        true
    }

    pub fn write(&self, out: &mut String) {
        let mut v: Vec<(&String, &Vec<u8>)> = self.splits.iter().collect();
        v.sort();
        for (f, lens) in v {
            if f.contains(['\t', '\n']) {
                continue;
            }
            let lens: Vec<String> = lens.iter().map(u8::to_string).collect();
            out.push_str(&format!("{f}\t{}\n", lens.join(",")));
        }
    }

    /// Reads what [`Self::write`] wrote; `None` on a malformed line.
    pub fn read(src: &str) -> Option<Self> {
        let mut splits = HashMap::new();
        for line in src.lines().filter(|l| !l.is_empty()) {
            let (f, lens) = line.split_once('\t')?;
            let lens: Vec<u8> = lens
                .split(',')
                .map(|l| l.parse().ok().filter(|l| *l > 0))
                .collect::<Option<_>>()?;
            if lens.len() < 2 {
                return None;
            }
            splits.insert(f.to_string(), lens);
        }
        Some(SplitRule { splits })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_majority_splits_and_applies_them_by_char() {
        // "I cannot go. I cannot. its tail, its tail, it's" with `cannot` split twice and
        // `its` split once but kept twice.
        let src = "# newdoc id = d\n\
            1-2\tcannot\t_\t_\t_\t_\t_\t_\t_\t_\n\
            1\tcan\tcan\tAUX\t_\t_\t3\taux\t_\t_\n\
            2\tnot\tnot\tPART\t_\t_\t3\tadvmod\t_\t_\n\
            3\tgo\tgo\tVERB\t_\t_\t0\troot\t_\t_\n\
            \n\
            1-2\tCannot\t_\t_\t_\t_\t_\t_\t_\t_\n\
            1\tCan\tcan\tAUX\t_\t_\t3\taux\t_\t_\n\
            2\tnot\tnot\tPART\t_\t_\t3\tadvmod\t_\t_\n\
            3\tgo\tgo\tVERB\t_\t_\t0\troot\t_\t_\n\
            \n\
            1-2\tits\t_\t_\t_\t_\t_\t_\t_\t_\n\
            1\tit\tit\tPRON\t_\t_\t0\troot\t_\t_\n\
            2\ts\tbe\tAUX\t_\t_\t1\tcop\t_\t_\n\
            \n\
            1\tits\tits\tPRON\t_\t_\t2\tnmod\t_\t_\n\
            2\ttail\ttail\tNOUN\t_\t_\t0\troot\t_\t_\n\
            \n\
            1\tits\tits\tPRON\t_\t_\t2\tnmod\t_\t_\n\
            2\ttail\ttail\tNOUN\t_\t_\t0\troot\t_\t_\n\n";
        let docs = super::super::conllu::parse(src, "t.conllu".as_ref()).expect("parses");
        let rule = SplitRule::learn(&docs);
        let mut out = Vec::new();
        assert!(rule.split("CANNOT", &mut out));
        assert_eq!(out, vec![0..3, 3..6]);
        assert!(!rule.split("its", &mut out));
        assert!(!rule.split("tail", &mut out));
        let mut s = String::new();
        rule.write(&mut s);
        assert_eq!(SplitRule::read(&s).map(|r| r.splits), Some(rule.splits));
        assert!(SplitRule::read("x\t3").is_none());
    }
}
