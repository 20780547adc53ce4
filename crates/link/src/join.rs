//! The join model: the probability that an arriving article belongs to a candidate
//! story, from a handful of pair features (cosines per kind of key, time, story size).
//!
//! A logistic regression trained on the tune halves of the story dev sets
//! (`newsgraph train stories`, `src/train.rs`; see `data/README.md`) replaces the hand-set mix of field
//! weights, time boost and decay: one cosine over all keys cannot weigh "same words,
//! other names" (two shootings in two towns) against "other words, same names" (two
//! outlets on one event), a model over the parts can.

use crate::StoryProfile;
use serde::{Deserialize, Serialize};

/// The pair features, in the order of the model's weights.
pub const FEATURE_NAMES: [&str; 14] = [
    "cosine",
    "cosine_words",
    "cosine_entities",
    "cosine_places",
    "cosine_kinds",
    "cosine_dates",
    "average_link",
    "entities_missing",
    "places_missing",
    "dated",
    "log_gap",
    "same_day",
    "cosine_dated",
    "log_articles",
];

/// The key kinds the features split a vector into.
const WORDS: usize = 0;
const ENTITIES: usize = 1;
const PLACES: usize = 2;
const KINDS: usize = 3;
const DATES: usize = 4;

fn kind_of(key: &str) -> usize {
    if key.starts_with("w:") {
        WORDS
    } else if key.starts_with("e:place:") {
        PLACES
    } else if key.starts_with("e:") {
        ENTITIES
    } else if key.starts_with("k:") {
        KINDS
    } else {
        DATES
    }
}

/// The features of one (article, story) pair. `unit` is the article's unit TF-IDF
/// vector sorted by key; `gap` the days between the article and the story's active
/// span (`None` when either is undated).
pub fn pair_features(
    p: &StoryProfile,
    unit: &[(String, f32)],
    gap: Option<i32>,
) -> [f32; FEATURE_NAMES.len()] {
    let mut dot = [0f32; 5];
    let mut cn = [0f32; 5];
    let mut un = [0f32; 5];
    let mut unmatched = [0f32; 5];
    for (k, w) in unit {
        let i = kind_of(k);
        un[i] += w * w;
    }
    let mut matched: Vec<bool> = vec![false; unit.len()];
    for (k, w) in &p.centroid {
        let i = kind_of(k);
        cn[i] += w * w;
        if let Ok(j) = unit.binary_search_by(|x| x.0.as_str().cmp(k)) {
            dot[i] += w * unit[j].1;
            matched[j] = true;
        }
    }
    for ((k, w), m) in unit.iter().zip(&matched) {
        if !m {
            unmatched[kind_of(k)] += w * w;
        }
    }
    let cos = |d: f32, a: f32, b: f32| {
        if a > 0.0 && b > 0.0 {
            d / (a.sqrt() * b.sqrt())
        } else {
            0.0
        }
    };
    let all_dot: f32 = dot.iter().sum();
    let all_c: f32 = cn.iter().sum();
    let all_u: f32 = un.iter().sum();
    let cosine = cos(all_dot, all_c, all_u);
    let share = |i: usize| {
        if un[i] > 0.0 {
            unmatched[i] / un[i]
        } else {
            0.0
        }
    };
    let dated = gap.is_some() as u8 as f32;
    let g = gap.unwrap_or(0).max(0) as f32;
    [
        cosine,
        cos(dot[WORDS], cn[WORDS], un[WORDS]),
        cos(dot[ENTITIES], cn[ENTITIES], un[ENTITIES]),
        cos(dot[PLACES], cn[PLACES], un[PLACES]),
        cos(dot[KINDS], cn[KINDS], un[KINDS]),
        cos(dot[DATES], cn[DATES], un[DATES]),
        // The mean similarity to the members (the peer's average link): the centroid
        // is the sum of their unit vectors.
        all_dot / p.articles.max(1) as f32,
        share(ENTITIES),
        share(PLACES),
        dated,
        if gap.is_some() { (1.0 + g).ln() } else { 0.0 },
        (gap == Some(0)) as u8 as f32,
        cosine * dated,
        (p.articles.max(1) as f32).ln(),
    ]
}

/// A logistic regression over [`FEATURE_NAMES`], with the probabilities from which an
/// article joins its best candidate and bridges a second one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Logistic {
    pub weights: Vec<f32>,
    pub bias: f32,
    /// Probability an article needs to join a story.
    pub join: f32,
    /// Probability against a second story from which the article merges the two.
    pub bridge: f32,
}

impl Logistic {
    pub fn probability(&self, x: &[f32]) -> f32 {
        1.0 / (1.0 + (-self.logit(x)).exp())
    }

    /// The linear score (log-odds) before the logistic.
    pub fn logit(&self, x: &[f32]) -> f32 {
        self.bias + self.weights.iter().zip(x).map(|(w, v)| w * v).sum::<f32>()
    }
}

/// Two regressions: one for dated articles, one for undated ones. Time is evidence
/// only a dated article has (same news cycle, days apart), so the words and names must
/// carry an undated one alone: one linear rule cannot weigh both regimes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JoinModel {
    pub version: u32,
    pub features: Vec<String>,
    /// `None`: such articles keep the hand-set cosine rule (`LinkConfig`), when the
    /// regression did not beat it on the tune halves.
    pub dated: Option<Logistic>,
    pub undated: Option<Logistic>,
    /// How the file was made (command, data, scores).
    pub provenance: String,
}

#[derive(Debug, thiserror::Error)]
pub enum JoinModelError {
    #[error("join model: {0}")]
    Parse(#[from] serde_json::Error),
    #[error("join model: features {found:?} are not the linker's {expected:?}")]
    Features {
        found: Vec<String>,
        expected: Vec<String>,
    },
}

const SHIPPED: &str = include_str!("../data/join_model.json");

impl JoinModel {
    /// The model shipped in `data/join_model.json`.
    pub fn shipped() -> Result<JoinModel, JoinModelError> {
        JoinModel::from_json(SHIPPED)
    }

    /// Reads a model file. Its weights are matched to [`FEATURE_NAMES`] by name: a
    /// feature the file does not name weighs 0 (a file from before a feature was added
    /// decides as it did), a name the linker does not know is an error.
    pub fn from_json(s: &str) -> Result<JoinModel, JoinModelError> {
        let mut m: JoinModel = serde_json::from_str(s)?;
        let expected: Vec<String> = FEATURE_NAMES.iter().map(|s| s.to_string()).collect();
        let slots: Option<Vec<usize>> = m
            .features
            .iter()
            .map(|f| expected.iter().position(|e| e == f))
            .collect();
        let bad = |h: &Option<Logistic>| {
            h.as_ref()
                .is_some_and(|h| h.weights.len() != m.features.len())
        };
        let unique = |v: &Vec<usize>| {
            let mut u = v.clone();
            u.sort_unstable();
            u.dedup();
            u.len() == v.len()
        };
        let slots = slots.filter(unique);
        let (Some(slots), false, false) = (slots, bad(&m.dated), bad(&m.undated)) else {
            return Err(JoinModelError::Features {
                found: m.features,
                expected,
            });
        };
        for h in [m.dated.as_mut(), m.undated.as_mut()].into_iter().flatten() {
            let mut w = vec![0f32; expected.len()];
            for (&slot, &v) in slots.iter().zip(&h.weights) {
                w[slot] = v;
            }
            h.weights = w;
        }
        m.features = expected;
        Ok(m)
    }

    /// The regression for an article, dated or not.
    pub fn for_article(&self, dated: bool) -> Option<&Logistic> {
        if dated {
            self.dated.as_ref()
        } else {
            self.undated.as_ref()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_model_loads_and_prefers_shared_names() {
        let m = JoinModel::shipped().expect("data/join_model.json");
        let mut story = StoryProfile::new("s".into());
        // Unit vectors; the words every shooting report has weigh little (low IDF).
        let v = |ks: &[&str]| -> Vec<(String, f32)> {
            let w = |k: &str| {
                if k == "w:shooting" || k == "w:police" {
                    0.2
                } else {
                    1.0
                }
            };
            let norm = ks.iter().map(|k| w(k) * w(k)).sum::<f32>().sqrt();
            let mut v: Vec<(String, f32)> =
                ks.iter().map(|k| (k.to_string(), w(k) / norm)).collect();
            v.sort_by(|a, b| a.0.cmp(&b.0));
            v
        };
        let told = [
            "w:shooting",
            "w:police",
            "w:hollow",
            "w:road",
            "w:neighbour",
            "w:wounded",
            "e:person:ann lee",
            "e:place:memphis",
        ];
        story.add(&v(&told), None, None, 0.0, 100);
        // Another outlet on the same shooting; a shooting elsewhere, other names.
        let same = v(&told[1..7]);
        let other = v(&[
            "w:shooting",
            "w:police",
            "w:mall",
            "w:parking",
            "w:suspect",
            "w:fled",
            "e:person:bo day",
            "e:place:tulsa",
        ]);
        let d = m.for_article(true).expect("a dated half");
        let ps = d.probability(&pair_features(&story, &same, Some(0)));
        let po = d.probability(&pair_features(&story, &other, Some(0)));
        assert!(ps >= d.join && po < d.join, "{ps} vs {po}");
        // Days apart, the same words and names weigh less.
        let near = d.logit(&pair_features(&story, &same, Some(0)));
        let late = d.logit(&pair_features(&story, &same, Some(10)));
        assert!(late < near, "{late} vs {near}");
        let bad = r#"{"version":1,"features":["x"],"dated":{"weights":[1],"bias":0,"join":0.5,"bridge":0.9},"undated":{"weights":[1],"bias":0,"join":0.5,"bridge":0.9},"provenance":""}"#;
        assert!(JoinModel::from_json(bad).is_err());
    }

    #[test]
    fn a_model_naming_fewer_features_weighs_the_others_zero() {
        let file = r#"{"version":1,"features":["log_articles","cosine"],"dated":{"weights":[-1,4],"bias":-2,"join":0.5,"bridge":0.9},"undated":null,"provenance":""}"#;
        let m = JoinModel::from_json(file).expect("a subset of the features");
        let d = m.dated.as_ref().expect("dated half");
        assert_eq!(d.weights.len(), FEATURE_NAMES.len());
        let at = |n: &str| FEATURE_NAMES.iter().position(|f| *f == n).unwrap();
        assert_eq!(d.weights[at("cosine")], 4.0);
        assert_eq!(d.weights[at("log_articles")], -1.0);
        assert_eq!(d.weights.iter().filter(|w| **w != 0.0).count(), 2);
        // A feature named twice, or weights not matching the names, are refused.
        let twice = file.replace(r#""log_articles","cosine""#, r#""cosine","cosine""#);
        assert!(JoinModel::from_json(&twice).is_err());
        let short = file.replace("[-1,4]", "[4]");
        assert!(JoinModel::from_json(&short).is_err());
    }
}
