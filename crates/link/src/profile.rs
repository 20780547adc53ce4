//! A story's compact profile: what the linker compares an arriving article with.
//! Bounded (top-K feature weights), so the cost per article does not grow with the
//! story or the store.

use crate::features::sort_features;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StoryProfile {
    pub id: String,
    pub articles: u32,
    /// Sum of the member articles' unit TF-IDF vectors, the heaviest `profile_terms`
    /// components kept, heaviest first.
    pub centroid: Vec<(String, f32)>,
    pub first_day: Option<i32>,
    pub last_day: Option<i32>,
    /// The most central headline seen: the title of the member that was most similar
    /// to the story when it joined.
    pub label: Option<String>,
    pub label_score: f32,
}

impl StoryProfile {
    pub fn new(id: String) -> StoryProfile {
        StoryProfile {
            id,
            ..Default::default()
        }
    }

    /// Cosine between a unit vector (sorted by key) and the centroid.
    pub fn cosine(&self, unit: &[(String, f32)]) -> f32 {
        let norm: f32 = self.centroid.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
        if norm == 0.0 {
            return 0.0;
        }
        let mut dot = 0.0;
        for (k, w) in &self.centroid {
            if let Ok(i) = unit.binary_search_by(|x| x.0.as_str().cmp(k)) {
                dot += w * unit[i].1;
            }
        }
        dot / norm
    }

    /// Days between `day` and the story's active span (0 inside it); `None` when
    /// either is undated.
    pub fn gap_days(&self, day: Option<i32>) -> Option<i32> {
        let d = day?;
        let (a, b) = (self.first_day?, self.last_day?);
        Some(if d < a {
            a - d
        } else if d > b {
            d - b
        } else {
            0
        })
    }

    /// Adds a member: its unit vector to the centroid (then truncated to `keep`), its
    /// day to the span, its title as label when it is the most central so far.
    pub fn add(
        &mut self,
        unit: &[(String, f32)],
        day: Option<i32>,
        title: Option<&str>,
        centrality: f32,
        keep: usize,
    ) {
        let mut merged: std::collections::HashMap<String, f32> = self.centroid.drain(..).collect();
        for (k, w) in unit {
            *merged.entry(k.clone()).or_default() += w;
        }
        let mut c: Vec<(String, f32)> = merged.into_iter().collect();
        sort_features(&mut c);
        c.truncate(keep);
        self.centroid = c;
        self.articles += 1;
        if let Some(d) = day {
            self.first_day = Some(self.first_day.map_or(d, |f| f.min(d)));
            self.last_day = Some(self.last_day.map_or(d, |l| l.max(d)));
        }
        if let Some(t) = title.map(str::trim).filter(|t| !t.is_empty()) {
            if self.label.is_none() || centrality > self.label_score {
                self.label = Some(t.to_string());
                self.label_score = centrality;
            }
        }
    }

    /// Folds another story's profile into this one (a merge by `relink`).
    pub fn absorb(&mut self, other: &StoryProfile, keep: usize) {
        let mut merged: std::collections::HashMap<String, f32> = self.centroid.drain(..).collect();
        for (k, w) in &other.centroid {
            *merged.entry(k.clone()).or_default() += w;
        }
        let mut c: Vec<(String, f32)> = merged.into_iter().collect();
        sort_features(&mut c);
        c.truncate(keep);
        self.centroid = c;
        self.articles += other.articles;
        for d in [other.first_day, other.last_day].into_iter().flatten() {
            self.first_day = Some(self.first_day.map_or(d, |f| f.min(d)));
            self.last_day = Some(self.last_day.map_or(d, |l| l.max(d)));
        }
        if other.label_score > self.label_score && other.label.is_some() {
            self.label = other.label.clone();
            self.label_score = other.label_score;
        }
    }

    /// The keys the story is posted under: its heaviest `n` centroid components.
    pub fn posting_keys(&self, n: usize) -> Vec<String> {
        self.centroid.iter().take(n).map(|x| x.0.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_stays_bounded_and_tracks_its_span() {
        let mut p = StoryProfile::new("s1".into());
        let v = |ks: &[&str]| -> Vec<(String, f32)> {
            let w = 1.0 / (ks.len() as f32).sqrt();
            let mut v: Vec<(String, f32)> = ks.iter().map(|k| (k.to_string(), w)).collect();
            v.sort_by(|a, b| a.0.cmp(&b.0));
            v
        };
        p.add(&v(&["w:a", "w:b", "w:c"]), Some(10), Some("First"), 0.0, 4);
        p.add(&v(&["w:a", "w:d", "w:e"]), Some(3), Some("Central"), 0.7, 4);
        assert_eq!(p.centroid.len(), 4);
        assert_eq!(p.centroid[0].0, "w:a");
        assert_eq!((p.first_day, p.last_day), (Some(3), Some(10)));
        assert_eq!(p.gap_days(Some(5)), Some(0));
        assert_eq!(p.gap_days(Some(14)), Some(4));
        assert_eq!(p.label.as_deref(), Some("Central"));
        assert!(p.cosine(&v(&["w:a"])) > p.cosine(&v(&["w:e"])));
        assert_eq!(p.cosine(&v(&["w:z"])), 0.0);
    }
}
