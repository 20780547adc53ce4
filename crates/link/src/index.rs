//! The storage seam: what the linker reads and writes, and nothing more. Each method
//! maps to one or two indexed SQL statements (see the embedded store's
//! `embedded/link.rs` for the SQLite version); no method scans all stories or all
//! articles.

use crate::linker::LinkOutcome;
use crate::{Signature, StoryProfile};
use std::sync::Arc;

/// A stored article found through a shared LSH band.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredSignature {
    pub article: String,
    /// Its story (already resolved through merges).
    pub story: String,
    /// The first copy it duplicates, if it is itself a copy.
    pub duplicate_of: Option<String>,
    pub signature: Signature,
}

/// A story found through the postings, with the number of query keys that hit it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryHit {
    pub story: String,
    pub hits: u32,
}

/// Storage for the link stage. Implementations run every call inside the caller's
/// write transaction (the one that stores the article), so a crash loses the article
/// and its link together.
pub trait LinkIndex {
    type Error;

    /// Articles counted so far, and the number of them holding each key (IDF input).
    fn doc_freqs(&mut self, keys: &[String]) -> Result<(u64, Vec<u64>), Self::Error>;

    /// Counts one more article holding each of `keys` (distinct).
    fn add_doc_freqs(&mut self, keys: &[String]) -> Result<(), Self::Error>;

    /// Stored articles that share at least one of `bands`, first stored first; at most
    /// `limit`.
    fn band_matches(
        &mut self,
        bands: &[i64],
        limit: usize,
    ) -> Result<Vec<StoredSignature>, Self::Error>;

    /// Stories posted under any of `keys`: per key at most `per_key`, the most recently
    /// touched first, and only stories last active on or after `since_day` when it is
    /// given (undated stories always qualify). Any order; the linker sorts.
    fn stories_by_keys(
        &mut self,
        keys: &[String],
        since_day: Option<i32>,
        per_key: usize,
    ) -> Result<Vec<StoryHit>, Self::Error>;

    /// A story's profile (by its current id).
    /// Shared, not copied: an article reads up to `max_candidates` profiles and changes
    /// at most the one it joins (cloned then), so a cached profile is handed out as is.
    fn load_story(&mut self, id: &str) -> Result<Option<Arc<StoryProfile>>, Self::Error>;

    /// Writes a story's profile and replaces its postings with `keys`.
    fn save_story(&mut self, profile: &StoryProfile, keys: &[String]) -> Result<(), Self::Error>;

    /// Records an article's link (story, copy) and its signature under its bands.
    fn record_article(
        &mut self,
        article: &str,
        outcome: &LinkOutcome,
        signature: &Signature,
        bands: &[i64],
    ) -> Result<(), Self::Error>;

    /// Moves every article of story `old` to `into` (whose merged profile and postings
    /// are written), drops `old`'s profile and postings, and records `old → into` so
    /// the old id stays resolvable.
    fn merge_story(
        &mut self,
        old: &str,
        into: &StoryProfile,
        keys: &[String],
    ) -> Result<(), Self::Error>;

    /// Story ids after `after` in id order, at most `limit` (for `relink` to walk).
    fn story_ids(&mut self, after: Option<&str>, limit: usize) -> Result<Vec<String>, Self::Error>;
}
