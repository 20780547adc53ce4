//! Span scoring shared by `newsgraph eval entities` and the examples: exact match after
//! dropping a leading `the `/`The ` and a trailing `'s`/`’s`, with don't-care spans.

use crate::corpus::{GoldDoc, GoldKind};
use newsgraph_model::Span;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

/// Precision/recall counts of one kind.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Drops a leading `the `/`The ` and a trailing `'s`/`’s` (code-point spans).
pub fn normalise_span(chars: &[char], span: Span) -> Span {
    let (mut s, mut e) = (span.start.min(chars.len()), span.end.min(chars.len()));
    let text: String = chars[s..e.max(s)].iter().collect();
    if (text.starts_with("the ") || text.starts_with("The ")) && e - s > 4 {
        s += 4;
    }
    if e >= s + 3 && chars[e - 1] == 's' && (chars[e - 2] == '\'' || chars[e - 2] == '’') {
        e -= 2;
    }
    while e > s && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    Span::new(s, e.max(s))
}

/// Scores predictions against a gold document.
pub fn score_doc(doc: &GoldDoc, pred: &[(Span, GoldKind)]) -> BTreeMap<GoldKind, Counts> {
    let chars: Vec<char> = doc.text.chars().collect();
    let gold: HashSet<(Span, GoldKind)> = doc
        .mentions
        .iter()
        .map(|(s, k)| (normalise_span(&chars, *s), *k))
        .collect();
    let gold_spans: HashSet<Span> = gold.iter().map(|g| g.0).collect();
    let dc: HashSet<Span> = doc
        .dont_care
        .iter()
        .map(|s| normalise_span(&chars, *s))
        .collect();
    let mut out: BTreeMap<GoldKind, Counts> = BTreeMap::new();
    let mut seen = HashSet::new();
    for (s, k) in pred {
        let p = (normalise_span(&chars, *s), *k);
        if !seen.insert(p) || doc.annotated_end.is_some_and(|end| p.0.start >= end) {
            continue;
        }
        let c = out.entry(*k).or_default();
        if gold.contains(&p) {
            c.tp += 1;
        } else if dc.contains(&p.0) && !gold_spans.contains(&p.0) {
            // ignored
        } else {
            c.fp += 1;
        }
    }
    for g in &gold {
        if !seen.contains(g) {
            out.entry(g.1).or_default().fn_ += 1;
        }
    }
    out
}
