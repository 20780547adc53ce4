//! When, how many, what happened: temporal expressions normalised TIMEX3-style against
//! the publication date, figures with units and sources, and events with actors,
//! targets, places and times.

use newsgraph_model::Article;

/// Fills `times` (needs sentences and tokens).
pub fn times(_article: &mut Article) {}

/// Fills `figures` (needs entities, times).
pub fn figures(_article: &mut Article) {}

/// Fills `events` (needs entities, times, quotes); may refine times anchored to quotes.
pub fn events(_article: &mut Article) {}
