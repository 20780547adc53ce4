//! Who said what: direct, indirect and mixed quotes tied to their speakers, and the
//! claims an article reports with the stances (assert, deny, doubt) toward them.

use newsgraph_model::Article;

/// Fills `quotes` (needs sentences, tokens, entities; uses times for `when`).
pub fn quotes(_article: &mut Article) {}

/// Fills `claims` (needs quotes).
pub fn claims(_article: &mut Article) {}
