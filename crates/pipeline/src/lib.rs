//! The analysis pipeline: the stages, in order, over one [`Article`].
//!
//! Each stage is a plain function that reads the layers before it and adds its own;
//! this crate holds the one list of stages ([`STAGES`]: name, layers read, layers
//! written, in order) and what the stages load once (models).

mod limit;
mod stages;

pub use limit::MAX_ANALYSED_WORDS;
pub use stages::{Layer, Stage, STAGES};

use newsgraph_model::{Article, Span, Truncation};
use newsgraph_nlp::syntax::SyntaxModel;
use newsgraph_nlp::EntityModel;

/// Errors raised while setting the pipeline up (analysis itself does not fail: a stage
/// that finds nothing leaves its layer empty).
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("loading the entity model")]
    Model(#[from] newsgraph_nlp::EntityModelError),
    #[error("loading the syntax model: {0}")]
    Syntax(#[from] newsgraph_nlp::syntax::ModelError),
}

/// A stage changed a layer it does not declare (see [`Pipeline::run_checked`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("stage {stage} changed {layer:?}, which it does not declare")]
pub struct StageCheckError {
    pub stage: &'static str,
    pub layer: Layer,
}

/// Which layers to compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// Clean text, blocks and furniture only.
    Clean,
    /// Every layer.
    Full,
}

/// The loaded pipeline. Build once, run on many articles (it is `Sync`: share it
/// across threads).
#[derive(Debug)]
pub struct Pipeline {
    entity_model: EntityModel,
    /// The syntax layer's model, when the record should carry `tokens`.
    syntax_model: Option<SyntaxModel>,
    /// The most words of one text the analysis stages read ([`MAX_ANALYSED_WORDS`]).
    max_words: usize,
}

impl Pipeline {
    pub fn new() -> Result<Self, PipelineError> {
        Ok(Pipeline {
            entity_model: EntityModel::load_default()?,
            syntax_model: None,
            max_words: MAX_ANALYSED_WORDS,
        })
    }

    /// Also runs the syntax stage (POS, lemma, dependency tree per token; the record's
    /// `tokens` layer). Off by default: it costs more than all other stages together.
    pub fn with_syntax(mut self) -> Result<Self, PipelineError> {
        self.syntax_model = Some(SyntaxModel::load_default()?);
        Ok(self)
    }

    /// Analyses at most `words` words of a text instead of [`MAX_ANALYSED_WORDS`].
    pub fn with_max_words(mut self, words: usize) -> Self {
        self.max_words = words.max(1);
        self
    }

    /// Runs the stages of [`STAGES`] in order (at `Depth::Clean`, only those that
    /// complete the reader's record).
    ///
    /// A text of more than the word limit is analysed up to a paragraph boundary within
    /// it: the layers cover that part, `text` and `blocks` stay whole, and
    /// `article.truncated` records the cut (see [`MAX_ANALYSED_WORDS`]).
    pub fn run(&self, article: &mut Article, depth: Depth) {
        let cut = match depth {
            Depth::Full => limit::cut(&article.text, self.max_words),
            Depth::Clean => None,
        };
        let Some(cut) = cut else {
            return self.run_stages(article, depth);
        };
        // The stages see the analysed part as the whole text (a bounded copy), with the
        // blocks inside it; spans count from the start, so they hold in the full text.
        let end = article.text[..cut.end].chars().count();
        let analysed = article.text[..cut.end].to_string();
        let text = std::mem::replace(&mut article.text, analysed);
        let blocks = article.blocks.clone();
        article.blocks.retain_mut(|b| {
            b.span.end = b.span.end.min(end);
            b.span.start < end
        });
        self.run_stages(article, depth);
        article.text = text;
        article.blocks = blocks;
        article.truncated = Some(Truncation {
            analysed: Span::new(0, end),
            analysed_words: cut.analysed_words,
            words: cut.words,
            limit: self.max_words,
        });
    }

    fn run_stages(&self, article: &mut Article, depth: Depth) {
        for stage in &STAGES {
            if stage.clean || depth == Depth::Full {
                stage.run(self, article);
            }
        }
    }

    /// [`Pipeline::run`] at full depth, checking after each stage that it changed only
    /// the layers it declares; the error names the stage and the layer.
    pub fn run_checked(&self, article: &mut Article) -> Result<(), StageCheckError> {
        self.run_stages_checked(&STAGES, article)
    }

    fn run_stages_checked(
        &self,
        stages: &[Stage],
        article: &mut Article,
    ) -> Result<(), StageCheckError> {
        for stage in stages {
            let before: Vec<_> = Layer::ALL.iter().map(|l| l.snapshot(article)).collect();
            stage.run(self, article);
            for (layer, was) in Layer::ALL.iter().zip(before) {
                if !stage.writes.contains(layer) && layer.snapshot(article) != was {
                    return Err(StageCheckError {
                        stage: stage.name,
                        layer: *layer,
                    });
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
