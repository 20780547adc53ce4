//! `learned`: a main-text extractor of our own, on the reader's tokenizer and no DOM.
//! The page is cut into blocks in the tree of block elements they sit in
//! ([`super::blocks::page_layout`]), each block gets features ([`features`]) and a
//! trained logistic regression ([`model`], `crates/read/data/block_model.tsv`, made by
//! `newsgraph train extraction`) keeps the blocks it scores as main text.

mod features;
mod label;
mod model;
mod train;

pub use label::{words, Gold};
pub use model::BlockModel;
pub use train::{train_block_model, TrainOptions, TrainPage};

use super::blocks::page_layout;
use super::extractor::{Extracted, MainTextExtractor};

/// The learned block classifier, with the shipped model or another one.
pub struct Learned<'m> {
    pub model: &'m BlockModel,
}

impl Default for Learned<'static> {
    fn default() -> Self {
        Learned {
            model: BlockModel::shipped(),
        }
    }
}

impl MainTextExtractor for Learned<'_> {
    fn extract(&self, html: &str, _url: Option<&str>) -> Option<Extracted> {
        let layout = page_layout(html);
        let probs = block_probabilities(&layout, self.model);
        let kept: Vec<usize> = (0..layout.blocks.len())
            .filter(|&i| probs[i] >= self.model.threshold)
            .collect();
        let first = *kept.first()?;
        // Bylines sit about the start of the running text, which a kept headline or
        // teaser may precede.
        let first_paragraph = kept
            .iter()
            .copied()
            .find(|&i| layout.details[i].words >= PARAGRAPH_WORDS)
            .unwrap_or(first);
        let blocks = kept.iter().map(|&i| layout.blocks[i].clone()).collect();
        let authors = byline(&layout, first_paragraph);
        let regions = layout.details.iter().map(|d| d.region).collect();
        Some(Extracted {
            blocks,
            authors,
            page_blocks: Some((layout.blocks, regions)),
            ..Default::default()
        })
    }
}

/// Blocks after the first main-text paragraph in which a byline is still looked for.
const BYLINE_AFTER: usize = 6;
/// Words of a block that counts as a paragraph of running text there.
const PARAGRAPH_WORDS: u32 = 12;
/// The longest byline read.
const BYLINE_WORDS: u32 = 10;

/// The author named by a byline element before or just after the main text's first
/// paragraph: a short block whose element or its parent has a byline mark
/// (`class="author-name"`). A `By …` line gives its names; a bare short text
/// ("Newsdesk", "Jane Doe") is taken whole. What `page_meta` finds (JSON-LD, meta
/// tags, `By` lines) comes first; this fills in.
fn byline(layout: &super::Layout, first_main: usize) -> Vec<String> {
    use crate::clean::furniture::{byline as byline_names, is_byline_mark};
    let end = (first_main + BYLINE_AFTER).min(layout.blocks.len());
    for (b, d) in layout.blocks[..end].iter().zip(&layout.details) {
        if d.words == 0 || d.words > BYLINE_WORDS {
            continue;
        }
        let own = d.element;
        let parent = own.and_then(|e| layout.elements[e as usize].parent);
        let marked = [own, parent].into_iter().flatten().any(|e| {
            layout.elements[e as usize]
                .marks
                .iter()
                .any(|m| is_byline_mark(m.strip_prefix("itemprop:").unwrap_or(m)))
        });
        if !marked {
            continue;
        }
        if let Some(names) = byline_names(&b.text) {
            return names;
        }
        if d.words <= 4 && b.text.chars().any(char::is_alphabetic) && !b.text.contains(':') {
            return vec![b.text.clone()];
        }
    }
    Vec::new()
}

/// The probability of each block of the page that it is main text: stage 1 alone, or
/// stage 2 over stage 1's probabilities when the model has one.
fn block_probabilities(layout: &super::Layout, model: &BlockModel) -> Vec<f32> {
    let mut scorer = model::Scorer::new(model);
    features::page_features(layout, &mut scorer);
    if !model.has_context() {
        return scorer.probabilities;
    }
    let stage1 = std::mem::take(&mut scorer.probabilities);
    features::context_features(layout, &stage1, &mut scorer);
    scorer.probabilities
}

/// Every block of a page (stripped as the extractor sees it) with its final
/// probability and its stage-1 and stage-2 features: what the tuning example prints
/// for one page.
pub fn explain(html: &str, model: &BlockModel) -> Vec<(super::HtmlBlock, f32, Vec<String>)> {
    let dom = super::tokenizer::strip_for_dom(html);
    let layout = page_layout(&dom.html);
    let probs = block_probabilities(&layout, model);
    let mut features = features::page_feature_names(&layout);
    if model.has_context() {
        let stage1: Vec<f32> = features.iter().map(|f| model.probability(f)).collect();
        for (f, c) in features
            .iter_mut()
            .zip(features::context_feature_names(&layout, &stage1))
        {
            f.extend(c);
        }
    }
    layout
        .blocks
        .into_iter()
        .zip(probs)
        .zip(features)
        .map(|((b, p), f)| (b, p, f))
        .collect()
}

#[cfg(test)]
mod tests;
