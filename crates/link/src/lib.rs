//! The cross-article **link** stage: which stored article an incoming one copies
//! (near-duplicates) and which story it belongs to (online story clustering).
//!
//! Per-article stages never look at other articles; this crate is where an article
//! meets what the store already holds. It holds the algorithms only and no storage:
//! everything it reads or writes goes through the small [`LinkIndex`] trait, which the
//! embedded store implements on SQLite tables (inside the same write transaction as the
//! article, so the result is deterministic for a given arrival order) and a PostgreSQL
//! store implements in SQL. [`MemoryIndex`] is an in-memory implementation for tests
//! and fast tuning.
//!
//! One call, [`Linker::link`], per arriving article:
//! 1. [`Features`]: weighted terms (title and lead weigh more), entity keys, places,
//!    event kinds, absolute dates named in the text, the publication day, and word
//!    shingles.
//! 2. [`Signature`]: a MinHash of the shingles (gaoya's `MinHasher32`), cut into LSH
//!    bands; articles sharing a band are near-duplicate candidates, verified on the
//!    estimated containment. A copy gets `duplicate_of` = the first copy seen and joins
//!    its story.
//! 3. Story candidates from inverted postings (feature key → stories, most recently
//!    active first, bounded per key), scored by cosine between the article's TF-IDF
//!    vector and each story's bounded profile, gated by time; the best above the
//!    threshold wins, else the article starts a story whose id derives from its own id.
//!
//! See `ARCH.md` in this crate for the codemap and the numbers behind the defaults.

mod features;
mod index;
mod join;
mod linker;
mod memory;
mod profile;
mod signature;
mod text;
pub mod train;

#[cfg(test)]
mod tests;

pub use features::{EntityFeature, Features};
pub use index::{LinkIndex, StoredSignature, StoryHit};
pub use join::{pair_features, JoinModel, JoinModelError, Logistic, FEATURE_NAMES};
pub use linker::{Candidate, Decision, LinkConfig, LinkOutcome, Linker, Prepared};
pub use memory::MemoryIndex;
pub use profile::StoryProfile;
pub use signature::{Signature, SignatureConfig};

/// The id a story gets when `article_id` starts it: stable, derived from its first
/// article, so two runs of the same arrival order name every story alike.
pub fn story_id_for(article_id: &str) -> String {
    format!("s{article_id}")
}

/// Days since 1970-01-01 of an ISO date prefix (`2014-01-12`, `2014-01-12T08:00:00Z`);
/// `None` when it does not start with a valid `YYYY-MM-DD`.
pub fn day_number(iso: &str) -> Option<i32> {
    let day = newsgraph_model::CivilDate::parse(iso.get(..10)?).ok()?;
    i32::try_from(day.days()).ok()
}

#[cfg(test)]
mod day_tests {
    use super::*;

    #[test]
    fn day_numbers_count_days() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("1970-01-02T10:00:00Z"), Some(1));
        assert_eq!(
            day_number("2014-03-01").unwrap() - day_number("2014-02-28").unwrap(),
            1
        );
        assert_eq!(
            day_number("2016-03-01").unwrap() - day_number("2016-02-28").unwrap(),
            2
        );
        assert_eq!(day_number("2014-13-01"), None);
        assert_eq!(day_number("yesterday"), None);
        assert_eq!(day_number("2014"), None);
    }
}
