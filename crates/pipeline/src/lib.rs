//! The analysis pipeline: the stages, in order, over one [`Article`].
//!
//! Each stage is a plain function that reads the layers before it and adds its own;
//! this crate only fixes the order and holds what the stages load once (models).

use newsgraph_model::Article;
use newsgraph_nlp::syntax::SyntaxModel;
use newsgraph_nlp::EntityModel;

/// Errors raised while setting the pipeline up (analysis itself does not fail: a stage
/// that finds nothing leaves its layer empty).
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("loading the entity model: {0}")]
    Model(#[from] std::io::Error),
    #[error("loading the syntax model: {0}")]
    Syntax(#[from] newsgraph_nlp::syntax::ModelError),
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
}

impl Pipeline {
    pub fn new() -> Result<Self, PipelineError> {
        Ok(Pipeline {
            entity_model: EntityModel::load_default()?,
            syntax_model: None,
        })
    }

    /// Also runs the syntax stage (POS, lemma, dependency tree per token; the record's
    /// `tokens` layer). Off by default: it costs more than all other stages together.
    pub fn with_syntax(mut self) -> Result<Self, PipelineError> {
        self.syntax_model = Some(SyntaxModel::load_default()?);
        Ok(self)
    }

    /// Runs the stages in dependency order.
    pub fn run(&self, article: &mut Article, depth: Depth) {
        newsgraph_nlp::language::fill_missing(article);
        if depth == Depth::Clean {
            return;
        }
        newsgraph_nlp::segment(article);
        if let Some(m) = &self.syntax_model {
            newsgraph_nlp::syntax::analyse_article(article, m);
        }
        newsgraph_nlp::entities(article, &self.entity_model);
        newsgraph_facts::times(article);
        newsgraph_attribution::quotes(article);
        newsgraph_attribution::claims(article);
        newsgraph_facts::figures(article);
        newsgraph_facts::events(article);
    }
}
