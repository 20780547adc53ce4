//! The language layer: sentences and tokens that survive news text, a statistical
//! named-entity tagger trained by `newsgraph train ner`, and the merging of mentions
//! into canonical entities with their descriptors.
//!
//! Start with [`segment`] (tokens and sentences, `segment.rs`), then [`entities`]
//! (tagger in `tagger.rs`/`ner.rs`, merging in `canon/`).

pub mod canon;
pub mod corpus;
pub mod gazetteer;
pub mod language;
pub mod lexicon;
pub mod ner;
pub mod score;
pub mod segment;
mod shape;
pub mod syntax;
pub mod tagger;

pub use lexicon::Lexicons;
pub use ner::{EntityModel, EntityModelError};
pub use segment::tokenize;

use newsgraph_model::{Article, EntityKind, Span};

/// Fills `sentences` and `tokens` (block by block; blocks are sentence boundaries).
pub fn segment(article: &mut Article) {
    segment::segment_with(article, Lexicons::get());
}

/// Fills `entities`: tags names, adds lexicon mentions (countries, demonyms, groups),
/// merges them into canonical entities with descriptors. Segments first if needed.
pub fn entities(article: &mut Article, model: &EntityModel) {
    if article.tokens.is_empty() && !article.text.is_empty() {
        segment(article);
    }
    let analysis = canon::analyse(article, model);
    article.entities = analysis.entities;
}

/// The proper-name mentions of the entity layer with the kind of the entity each one
/// was merged into (no demonyms, groups or nominals): what `newsgraph eval entities`
/// scores. Fills `entities` as a side effect.
pub fn name_mentions(article: &mut Article, model: &EntityModel) -> Vec<(Span, EntityKind)> {
    if article.tokens.is_empty() && !article.text.is_empty() {
        segment(article);
    }
    let analysis = canon::analyse(article, model);
    article.entities = analysis.entities;
    analysis.names
}
