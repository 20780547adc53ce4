//! What the classifiers know of a form beyond its spelling: the UPOS tags it was seen
//! with in training (its ambiguity class, by lowercased form) and its word clusters
//! (`clusters.rs`, learned from unlabelled text).
//!
//! Tried and left out: a second class for the form as cased (`Bush` / `bush` apart, the
//! training occurrences' classes left-one-out), EWT dev gold words UPOS tune 0.9533 →
//! 0.9522, check 0.9514 → 0.9517.

use super::clusters::Clusters;
use super::words::{normalise, normalise_cased, observe, WordObs};
use std::collections::HashMap;

/// Ambiguity classes and clusters by form.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// Lowercased form, digits folded → bit per UPOS.
    pub(crate) lower: HashMap<String, u32>,
    /// Word clusters from unlabelled text (cased forms; a form without one takes its
    /// lowercased form's).
    pub(crate) clusters: Clusters,
}

impl Lexicon {
    /// Learns the classes from (form, UPOS index) pairs. Only forms seen at least twice
    /// get one: a form seen once behaves as unseen, so the tagger learns what to do with
    /// unknown words.
    pub fn learn<'a>(words: impl Iterator<Item = (&'a str, usize)>, clusters: Clusters) -> Self {
        let mut buf = String::new();
        let mut seen: HashMap<String, (u32, u32)> = HashMap::new();
        for (f, t) in words {
            normalise(f, &mut buf);
            let e = seen.entry(buf.clone()).or_default();
            e.0 += 1;
            e.1 |= 1 << t;
        }
        let lower = seen
            .into_iter()
            .filter(|(_, (n, _))| *n >= 2)
            .map(|(f, (_, m))| (f, m))
            .collect();
        Lexicon { lower, clusters }
    }

    /// Observations of a sentence's words with their ambiguity classes and clusters.
    pub fn observe_sentence(&self, forms: &[&str], buf: &mut String) -> Vec<WordObs> {
        forms
            .iter()
            .map(|f| {
                let mut o = observe(f, buf);
                o.ambiguity = self.lower.get(buf.as_str()).copied().unwrap_or(0);
                if !self.clusters.is_empty() {
                    normalise_cased(f, buf);
                    let ids = self.clusters.get(buf.as_str()).or_else(|| {
                        normalise(f, buf);
                        self.clusters.get(buf.as_str())
                    });
                    if let Some([c, f]) = ids {
                        o.cluster = [c as u64, f as u64];
                    }
                }
                o
            })
            .collect()
    }
    /// One table as `form\tmask` lines, sorted (forms holding a tab or newline, which no
    /// token does, are left out).
    pub(crate) fn write_table(map: &HashMap<String, u32>) -> String {
        let mut v: Vec<(&String, &u32)> = map.iter().collect();
        v.sort();
        let mut s = String::new();
        for (f, m) in v {
            if !f.contains(['\n', '\t']) {
                s.push_str(&format!("{f}\t{m}\n"));
            }
        }
        s
    }

    /// Reads what [`Lexicon::write_table`] wrote; `None` on a malformed line.
    pub(crate) fn read_table(text: &str) -> Option<HashMap<String, u32>> {
        text.lines()
            .map(|line| {
                let (f, m) = line.split_once('\t')?;
                Some((f.to_string(), m.parse().ok()?))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::words::NO_CLUSTER;

    #[test]
    fn classes_by_lowercased_form_and_clusters_by_cased_form() {
        let (noun, propn) = (7, 11);
        let words = [("Bush", propn), ("bush", noun), ("once", noun)];
        let clusters = Clusters::read("Bush\t1\t2\nthe\t3\t4\n").unwrap();
        let lex = Lexicon::learn(words.iter().copied(), clusters);
        let mut buf = String::new();
        let obs = lex.observe_sentence(&["BUSH", "once", "Bush", "The", "cat"], &mut buf);
        assert_eq!(obs[0].ambiguity, (1 << noun) | (1 << propn));
        assert_eq!(obs[1].ambiguity, 0, "a form seen once is unseen");
        assert_eq!(obs[2].cluster, [1, 2]);
        assert_eq!(
            obs[0].cluster, [NO_CLUSTER; 2],
            "no cluster for BUSH, nor for bush"
        );
        assert_eq!(obs[3].cluster, [3, 4], "The takes the's cluster");
        assert_eq!(obs[4].cluster, [NO_CLUSTER; 2]);
        let back = Lexicon::read_table(&Lexicon::write_table(&lex.lower));
        assert_eq!(back.as_ref(), Some(&lex.lower));
    }
}
