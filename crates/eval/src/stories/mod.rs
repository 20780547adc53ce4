//! Story clustering: gold readers (ECB+ dev, GVA incidents dev), B-cubed scoring, and
//! the online run through a real store (articles put one batch at a time in a seeded
//! shuffled order, stories read back with `export`).

mod corpus;
mod ingested;
mod run;
pub mod syndication;

pub use corpus::{ecbplus, gva, StoryDoc};
pub use ingested::{as_ingested, ingest_line};
pub use run::{link_in_order, shuffled, LinkRun};

use serde::Serialize;
use std::collections::HashMap;

/// B-cubed precision, recall and F1 over items.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BCubed {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// B-cubed of a predicted clustering against gold (one label per item, same order).
pub fn bcubed(gold: &[String], pred: &[String]) -> BCubed {
    assert_eq!(gold.len(), pred.len(), "one predicted label per gold item");
    let n = gold.len();
    if n == 0 {
        return BCubed {
            precision: 0.0,
            recall: 0.0,
            f1: 0.0,
        };
    }
    let mut pair: HashMap<(&str, &str), f64> = HashMap::new();
    let mut g: HashMap<&str, f64> = HashMap::new();
    let mut p: HashMap<&str, f64> = HashMap::new();
    for (a, b) in gold.iter().zip(pred) {
        *pair.entry((a, b)).or_default() += 1.0;
        *g.entry(a).or_default() += 1.0;
        *p.entry(b).or_default() += 1.0;
    }
    let (mut prec, mut rec) = (0.0, 0.0);
    for (a, b) in gold.iter().zip(pred) {
        let both = pair[&(a.as_str(), b.as_str())];
        prec += both / p[b.as_str()];
        rec += both / g[a.as_str()];
    }
    let (prec, rec) = (prec / n as f64, rec / n as f64);
    BCubed {
        precision: prec,
        recall: rec,
        f1: if prec + rec > 0.0 {
            2.0 * prec * rec / (prec + rec)
        } else {
            0.0
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn bcubed_of_known_clusterings() {
        let gold = v(&["a", "a", "b", "b"]);
        let perfect = bcubed(&gold, &v(&["x", "x", "y", "y"]));
        assert!((perfect.f1 - 1.0).abs() < 1e-9);
        // Everything alone: precision 1, recall 0.5.
        let alone = bcubed(&gold, &v(&["1", "2", "3", "4"]));
        assert!((alone.precision - 1.0).abs() < 1e-9 && (alone.recall - 0.5).abs() < 1e-9);
        // One cluster: precision 0.5, recall 1.
        let one = bcubed(&gold, &v(&["x", "x", "x", "x"]));
        assert!((one.precision - 0.5).abs() < 1e-9 && (one.recall - 1.0).abs() < 1e-9);
    }
}
