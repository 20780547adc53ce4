//! The language layer: sentences and tokens that survive news text, a statistical
//! named-entity tagger trained by `newsgraph train ner`, and the merging of mentions
//! into canonical entities with their descriptors.

pub mod lexicon;
pub mod segment;

pub use lexicon::Lexicons;
pub use segment::tokenize;

use newsgraph_model::Article;

/// The trained entity model. (Placeholder until the tagger lands: recognises nothing.)
#[derive(Debug, Default)]
pub struct EntityModel;

impl EntityModel {
    /// Loads the model shipped with the binary.
    pub fn load_default() -> Result<Self, std::io::Error> {
        Ok(EntityModel)
    }
}

/// Fills `sentences` and `tokens` (block by block; blocks are sentence boundaries).
pub fn segment(article: &mut Article) {
    segment::segment_with(article, Lexicons::get());
}

/// Fills `entities` (needs `segment` first).
pub fn entities(_article: &mut Article, _model: &EntityModel) {}
