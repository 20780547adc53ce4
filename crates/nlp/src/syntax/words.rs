//! Word views the classifiers see: a normalised form (lowercase, digits folded) and its
//! hashes, affixes and shape, computed once per token.
//!
//! Deliberately not shared with the NER tagger's (`crate::tagger`), which computes similar
//! views: a feature that changes invalidates the model trained on it, and the two models
//! are retrained on their own schedules.

use super::hash::{mix, str_hash};

/// Per-token observations, shared by the tagger and the parser.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordObs {
    /// Hash of the normalised form.
    pub norm: u64,
    pub suf1: u64,
    pub suf2: u64,
    pub suf3: u64,
    pub suf4: u64,
    pub pre1: u64,
    pub pre3: u64,
    pub shape: u64,
    /// Bit per UPOS this form was seen with in training (0 when unseen).
    pub ambiguity: u32,
    /// Coarse and fine word cluster (`clusters.rs`), `NO_CLUSTER` when it has none.
    pub cluster: [u64; 2],
}

/// The cluster value of a form without one.
pub const NO_CLUSTER: u64 = 1 << 20;

/// Lowercase with every digit as `0` (so `1987` and `2004` share a form).
pub fn normalise(w: &str, buf: &mut String) {
    fold(w, buf, true)
}

/// As [`normalise`] but keeping the case: the key of the word clusters.
pub fn normalise_cased(w: &str, buf: &mut String) {
    fold(w, buf, false)
}

fn fold(w: &str, buf: &mut String, lower: bool) {
    buf.clear();
    for c in w.chars() {
        match c {
            '0'..='9' => buf.push('0'),
            '’' | '‘' => buf.push('\''),
            '“' | '”' => buf.push('"'),
            c if !lower => buf.push(c),
            c if c.is_ascii() => buf.push(c.to_ascii_lowercase()),
            c => buf.extend(c.to_lowercase()),
        }
    }
}

fn chars_hash(cs: &[char], seed: u64) -> u64 {
    cs.iter().fold(seed, |h, c| mix(h, *c as u64))
}

/// Word shape with runs collapsed (`McCain` → `XxXx`, `1,060` → `d,d`), at most 6 classes.
fn shape_hash(w: &str) -> u64 {
    crate::shape::classes(w)
        .take(6)
        .fold(0x5bd1_e995u64, |h, k| mix(h, k as u64))
}

/// Observes one token; `ambiguity` is filled by the caller from the lexicon.
pub fn observe(w: &str, buf: &mut String) -> WordObs {
    normalise(w, buf);
    let cs: Vec<char> = buf.chars().take(64).collect();
    let n = cs.len();
    let raw_first = w.chars().next().unwrap_or(' ');
    WordObs {
        norm: str_hash(buf),
        suf1: chars_hash(&cs[n.saturating_sub(1)..], 1),
        suf2: chars_hash(&cs[n.saturating_sub(2)..], 2),
        suf3: chars_hash(&cs[n.saturating_sub(3)..], 3),
        suf4: chars_hash(&cs[n.saturating_sub(4)..], 4),
        pre1: mix(5, raw_first as u64),
        pre3: chars_hash(&cs[..n.min(3)], 6),
        shape: shape_hash(w),
        ambiguity: 0,
        cluster: [NO_CLUSTER; 2],
    }
}
