//! The language layer: sentences and tokens that survive news text, a statistical
//! named-entity tagger trained by `newsgraph train ner`, and the merging of mentions
//! into canonical entities with their descriptors.

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

/// Fills `sentences` and `tokens`.
pub fn segment(_article: &mut Article) {}

/// Fills `entities` (needs `segment` first).
pub fn entities(_article: &mut Article, _model: &EntityModel) {}
