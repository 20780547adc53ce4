//! B-cubed precision/recall/F1 over mentions (Bagga & Baldwin 1998): each mention's
//! precision is the share of its system cluster that is in its gold cluster, its recall
//! the share of its gold cluster that is in its system cluster; both are averaged over
//! the mentions.

use serde::Serialize;
use std::collections::HashMap;
use std::hash::Hash;

/// Averaged B-cubed scores.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct BCubed {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// Scores a clustering of mentions: `pairs[i] = (gold cluster, system cluster)` of
/// mention `i`. Empty input scores 0.
pub fn bcubed<G: Eq + Hash, S: Eq + Hash>(pairs: &[(G, S)]) -> BCubed {
    if pairs.is_empty() {
        return BCubed::default();
    }
    let mut gold: HashMap<&G, usize> = HashMap::new();
    let mut sys: HashMap<&S, usize> = HashMap::new();
    let mut both: HashMap<(&G, &S), usize> = HashMap::new();
    for (g, s) in pairs {
        *gold.entry(g).or_default() += 1;
        *sys.entry(s).or_default() += 1;
        *both.entry((g, s)).or_default() += 1;
    }
    let (mut p, mut r) = (0.0, 0.0);
    for (g, s) in pairs {
        let inter = both[&(g, s)] as f64;
        p += inter / sys[s] as f64;
        r += inter / gold[g] as f64;
    }
    let n = pairs.len() as f64;
    let (precision, recall) = (p / n, r / n);
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    BCubed {
        precision,
        recall,
        f1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_and_lumped_clusterings() {
        let perfect = [("a", 1), ("a", 1), ("b", 2)];
        let s = bcubed(&perfect);
        assert!((s.f1 - 1.0).abs() < 1e-12);
        // Everything in one system cluster: recall 1, precision (2/3*2 + 1/3)/3 = 5/9.
        let lumped = [("a", 0), ("a", 0), ("b", 0)];
        let s = bcubed(&lumped);
        assert!((s.recall - 1.0).abs() < 1e-12);
        assert!((s.precision - 5.0 / 9.0).abs() < 1e-12);
        // All singletons: precision 1, recall (1/2*2 + 1)/3 = 2/3.
        let split = [("a", 1), ("a", 2), ("b", 3)];
        let s = bcubed(&split);
        assert!((s.precision - 1.0).abs() < 1e-12);
        assert!((s.recall - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(bcubed::<&str, i32>(&[]), BCubed::default());
    }
}
