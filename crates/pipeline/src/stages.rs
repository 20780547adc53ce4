//! The one list of analysis stages: each with the layers it reads and writes, in the
//! order `Pipeline::run` runs them. Evals, benches and examples iterate this list
//! instead of copying the order; [`Pipeline::run_checked`] verifies that every stage
//! changed only the layers it declares.

use crate::Pipeline;
use newsgraph_model::Article;

/// A part of the article record a stage reads or writes. Most are one field of
/// [`Article`]; a field two stages fill is split by what each fills (`TimeValues` and
/// `QuoteDates` are refined by `reanchor`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layer {
    /// `text`, `blocks`, `furniture`, `title` and the metadata: the reader's output.
    Text,
    /// `language`, when the reader found none.
    Language,
    Sentences,
    /// The in-memory tokens (not serialised).
    Tokens,
    /// The record's `syntax` tokens (POS, lemma, head).
    Syntax,
    Entities,
    /// The temporal expressions: text, span, type, mod.
    Times,
    /// Each time's `value` and `anchor`.
    TimeValues,
    /// The quotes, all but their `when`.
    Quotes,
    /// Each quote's `when`.
    QuoteDates,
    Claims,
    Figures,
    Events,
}

impl Layer {
    pub const ALL: [Layer; 13] = [
        Layer::Text,
        Layer::Language,
        Layer::Sentences,
        Layer::Tokens,
        Layer::Syntax,
        Layer::Entities,
        Layer::Times,
        Layer::TimeValues,
        Layer::Quotes,
        Layer::QuoteDates,
        Layer::Claims,
        Layer::Figures,
        Layer::Events,
    ];

    /// The layer's content, for comparing before and after a stage.
    pub fn snapshot(self, a: &Article) -> serde_json::Value {
        use serde_json::{json, to_value, Value};
        fn v<T: serde::Serialize>(x: &T) -> Value {
            to_value(x).unwrap_or(Value::Null)
        }
        match self {
            Layer::Text => json!([
                a.id,
                a.url,
                a.source,
                a.published,
                a.authors,
                a.title,
                a.text,
                v(&a.blocks),
                v(&a.furniture),
                a.origin
            ]),
            Layer::Language => json!(a.language),
            Layer::Sentences => v(&a.sentences),
            Layer::Tokens => Value::Array(
                a.tokens
                    .iter()
                    .map(|t| json!([t.span, t.start_byte, t.end_byte]))
                    .collect(),
            ),
            Layer::Syntax => v(&a.syntax),
            Layer::Entities => v(&a.entities),
            Layer::Times => Value::Array(
                a.times
                    .iter()
                    .map(|t| json!([t.text, t.span, t.kind, t.r#mod]))
                    .collect(),
            ),
            Layer::TimeValues => {
                Value::Array(a.times.iter().map(|t| json!([t.value, t.anchor])).collect())
            }
            Layer::Quotes => Value::Array(
                a.quotes
                    .iter()
                    .map(|q| {
                        let mut q = q.clone();
                        q.when = None;
                        to_value(q).unwrap_or(Value::Null)
                    })
                    .collect(),
            ),
            Layer::QuoteDates => Value::Array(a.quotes.iter().map(|q| json!(q.when)).collect()),
            Layer::Claims => v(&a.claims),
            Layer::Figures => v(&a.figures),
            Layer::Events => v(&a.events),
        }
    }
}

/// One analysis stage.
pub struct Stage {
    pub name: &'static str,
    pub reads: &'static [Layer],
    pub writes: &'static [Layer],
    /// Runs even at `Depth::Clean`.
    pub clean: bool,
    pub(crate) run: fn(&Pipeline, &mut Article),
}

impl std::fmt::Debug for Stage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stage")
            .field("name", &self.name)
            .field("reads", &self.reads)
            .field("writes", &self.writes)
            .finish()
    }
}

impl Stage {
    /// Runs the stage on `article` with the pipeline's models.
    pub fn run(&self, pipeline: &Pipeline, article: &mut Article) {
        (self.run)(pipeline, article)
    }
}

use Layer::*;

/// Every stage, in the order they run.
pub static STAGES: [Stage; 10] = [
    Stage {
        name: "language",
        reads: &[Text],
        writes: &[Language],
        clean: true,
        run: |_, a| newsgraph_nlp::language::fill_missing(a),
    },
    Stage {
        name: "segment",
        reads: &[Text],
        writes: &[Sentences, Tokens],
        clean: false,
        run: |_, a| newsgraph_nlp::segment(a),
    },
    Stage {
        name: "syntax",
        reads: &[Text, Sentences, Tokens],
        writes: &[Syntax],
        clean: false,
        run: |p, a| {
            if let Some(m) = &p.syntax_model {
                newsgraph_nlp::syntax::analyse_article(a, m);
            }
        },
    },
    Stage {
        name: "entities",
        reads: &[Text, Sentences, Tokens],
        writes: &[Entities],
        clean: false,
        run: |p, a| newsgraph_nlp::entities(a, &p.entity_model),
    },
    Stage {
        name: "times",
        reads: &[Text],
        writes: &[Times, TimeValues],
        clean: false,
        run: |_, a| newsgraph_facts::times(a),
    },
    Stage {
        name: "quotes",
        reads: &[Text, Entities, Times, TimeValues],
        writes: &[Quotes, QuoteDates],
        clean: false,
        run: |_, a| newsgraph_attribution::quotes(a),
    },
    Stage {
        // Relative dates inside a quote count from the day it was said; quotes without
        // a date of their own take the one of their cue's sentence. Before claims and
        // events, which copy the quotes' dates.
        name: "reanchor",
        reads: &[Text, Sentences, Times, Quotes],
        writes: &[TimeValues, QuoteDates],
        clean: false,
        run: |_, a| newsgraph_facts::reanchor_quotes(a),
    },
    Stage {
        name: "claims",
        reads: &[Text, Entities, Quotes, QuoteDates],
        writes: &[Claims],
        clean: false,
        run: |_, a| newsgraph_attribution::claims(a),
    },
    Stage {
        name: "figures",
        reads: &[Text, Entities, Times],
        writes: &[Figures],
        clean: false,
        run: |_, a| newsgraph_facts::figures(a),
    },
    Stage {
        name: "events",
        reads: &[
            Text, Sentences, Entities, Times, TimeValues, Quotes, QuoteDates,
        ],
        writes: &[Events],
        clean: false,
        run: |_, a| newsgraph_facts::events(a),
    },
];
