//! An in-memory [`LinkIndex`]: for tests and for tuning runs that replay thousands of
//! articles in many orders without a database.

use crate::{LinkIndex, LinkOutcome, Signature, StoredSignature, StoryHit, StoryProfile};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

#[derive(Debug, Default)]
pub struct MemoryIndex {
    docs: u64,
    df: HashMap<String, u64>,
    /// band → articles (arrival order)
    bands: HashMap<i64, Vec<usize>>,
    articles: Vec<MemArticle>,
    by_id: HashMap<String, usize>,
    stories: BTreeMap<String, (StoryProfile, u64)>,
    postings: HashMap<String, Vec<String>>,
    story_keys: HashMap<String, Vec<String>>,
    merged: HashMap<String, String>,
    clock: u64,
}

#[derive(Debug)]
struct MemArticle {
    id: String,
    story: String,
    duplicate_of: Option<String>,
    signature: Signature,
}

impl MemoryIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// The story of an article (through merges).
    pub fn story_of(&self, article: &str) -> Option<String> {
        let i = *self.by_id.get(article)?;
        Some(self.resolve(&self.articles[i].story))
    }

    /// What an article copies.
    pub fn duplicate_of(&self, article: &str) -> Option<&str> {
        let i = *self.by_id.get(article)?;
        self.articles[i].duplicate_of.as_deref()
    }

    pub fn resolve(&self, id: &str) -> String {
        let mut cur = id.to_string();
        while let Some(n) = self.merged.get(&cur) {
            cur = n.clone();
        }
        cur
    }

    pub fn story_count(&self) -> usize {
        self.stories.len()
    }
}

impl LinkIndex for MemoryIndex {
    type Error = std::convert::Infallible;

    fn doc_freqs(&mut self, keys: &[String]) -> Result<(u64, Vec<u64>), Self::Error> {
        Ok((
            self.docs,
            keys.iter()
                .map(|k| self.df.get(k).copied().unwrap_or(0))
                .collect(),
        ))
    }

    fn add_doc_freqs(&mut self, keys: &[String]) -> Result<(), Self::Error> {
        self.docs += 1;
        for k in keys {
            *self.df.entry(k.clone()).or_default() += 1;
        }
        Ok(())
    }

    fn band_matches(
        &mut self,
        bands: &[i64],
        limit: usize,
    ) -> Result<Vec<StoredSignature>, Self::Error> {
        let mut found: Vec<usize> = bands
            .iter()
            .filter_map(|b| self.bands.get(b))
            .flatten()
            .copied()
            .collect();
        found.sort_unstable();
        found.dedup();
        found.truncate(limit);
        Ok(found
            .into_iter()
            .map(|i| {
                let a = &self.articles[i];
                StoredSignature {
                    article: a.id.clone(),
                    story: self.resolve(&a.story),
                    duplicate_of: a.duplicate_of.clone(),
                    signature: a.signature.clone(),
                }
            })
            .collect())
    }

    fn stories_by_keys(
        &mut self,
        keys: &[String],
        since_day: Option<i32>,
        per_key: usize,
    ) -> Result<Vec<StoryHit>, Self::Error> {
        let mut hits: HashMap<&str, u32> = HashMap::new();
        for k in keys {
            let Some(list) = self.postings.get(k) else {
                continue;
            };
            let mut posted: Vec<(&str, u64)> = list
                .iter()
                .filter_map(|s| {
                    let (p, touched) = self.stories.get(s)?;
                    let ok = match (since_day, p.last_day) {
                        (Some(since), Some(last)) => last >= since,
                        _ => true,
                    };
                    ok.then_some((s.as_str(), *touched))
                })
                .collect();
            posted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
            for (s, _) in posted.into_iter().take(per_key) {
                *hits.entry(s).or_default() += 1;
            }
        }
        Ok(hits
            .into_iter()
            .map(|(s, h)| StoryHit {
                story: s.to_string(),
                hits: h,
            })
            .collect())
    }

    fn load_story(&mut self, id: &str) -> Result<Option<Arc<StoryProfile>>, Self::Error> {
        Ok(self.stories.get(id).map(|x| Arc::new(x.0.clone())))
    }

    fn save_story(&mut self, profile: &StoryProfile, keys: &[String]) -> Result<(), Self::Error> {
        self.clock += 1;
        if let Some(old) = self.story_keys.remove(&profile.id) {
            for k in old {
                if let Some(l) = self.postings.get_mut(&k) {
                    l.retain(|s| s != &profile.id);
                }
            }
        }
        for k in keys {
            self.postings
                .entry(k.clone())
                .or_default()
                .push(profile.id.clone());
        }
        self.story_keys.insert(profile.id.clone(), keys.to_vec());
        self.stories
            .insert(profile.id.clone(), (profile.clone(), self.clock));
        Ok(())
    }

    fn record_article(
        &mut self,
        article: &str,
        outcome: &LinkOutcome,
        signature: &Signature,
        bands: &[i64],
    ) -> Result<(), Self::Error> {
        let i = self.articles.len();
        self.articles.push(MemArticle {
            id: article.to_string(),
            story: outcome.story.clone(),
            duplicate_of: outcome.duplicate_of.as_ref().map(|d| d.0.clone()),
            signature: signature.clone(),
        });
        self.by_id.insert(article.to_string(), i);
        for b in bands {
            self.bands.entry(*b).or_default().push(i);
        }
        Ok(())
    }

    fn merge_story(
        &mut self,
        old: &str,
        into: &StoryProfile,
        keys: &[String],
    ) -> Result<(), Self::Error> {
        if let Some(ks) = self.story_keys.remove(old) {
            for k in ks {
                if let Some(l) = self.postings.get_mut(&k) {
                    l.retain(|s| s != old);
                }
            }
        }
        self.stories.remove(old);
        self.merged.insert(old.to_string(), into.id.clone());
        self.save_story(into, keys)
    }

    fn story_ids(&mut self, after: Option<&str>, limit: usize) -> Result<Vec<String>, Self::Error> {
        Ok(match after {
            Some(a) => self
                .stories
                .range::<str, _>((std::ops::Bound::Excluded(a), std::ops::Bound::Unbounded))
                .take(limit)
                .map(|x| x.0.clone())
                .collect(),
            None => self.stories.keys().take(limit).cloned().collect(),
        })
    }
}
