//! Bag-of-words precision / recall / F1 over lowercased `\w+` tokens (Unicode letters,
//! digits and `_`, as Python's `re` `\w`).

use std::collections::HashMap;

/// Lowercased word tokens of a text (the reader's definition, which the learned
/// extractor's training labels use too).
pub use newsgraph_read::learned::words as tokens;

/// The multiset of tokens.
pub fn word_bag(text: &str) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for t in tokens(text) {
        *m.entry(t).or_insert(0) += 1;
    }
    m
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// Scores a prediction against gold: overlap is the multiset intersection. Both empty
/// scores 1; one empty scores 0.
pub fn prf(pred: &str, gold: &str) -> Prf {
    let p = word_bag(pred);
    let g = word_bag(gold);
    let np: usize = p.values().sum();
    let ng: usize = g.values().sum();
    if np == 0 && ng == 0 {
        return Prf {
            precision: 1.0,
            recall: 1.0,
            f1: 1.0,
        };
    }
    let tp: usize = p
        .iter()
        .map(|(w, c)| (*c).min(g.get(w).copied().unwrap_or(0)))
        .sum();
    let precision = if np == 0 { 0.0 } else { tp as f64 / np as f64 };
    let recall = if ng == 0 { 0.0 } else { tp as f64 / ng as f64 };
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    Prf {
        precision,
        recall,
        f1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bag_of_words_scores() {
        let s = prf("The cat sat. The cat!", "the cat sat on the mat");
        // pred: the×2 cat×2 sat; gold: the×2 cat sat on mat; overlap the×2 cat sat = 4.
        assert!((s.precision - 4.0 / 5.0).abs() < 1e-9);
        assert!((s.recall - 4.0 / 6.0).abs() < 1e-9);
        assert_eq!(prf("", "").f1, 1.0);
        assert_eq!(prf("", "x").f1, 0.0);
        assert_eq!(
            tokens("Café_au-lait 2025’s").collect::<Vec<_>>(),
            vec!["café_au", "lait", "2025", "s"]
        );
    }
}
