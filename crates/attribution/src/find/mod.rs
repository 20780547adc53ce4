//! Finding attributions over tokens: the direct pass (quotation marks and the cue
//! clause next to them) and the indirect pass (a reporting cue with its source and
//! content inside one sentence). Everything here works on token indices; `lib.rs`
//! turns the result into model spans.

mod content;
mod cue;
mod direct;
mod indirect;
mod source;

pub(crate) use cue::{cue_at, cue_clause_at};
pub(crate) use direct::direct;
pub(crate) use indirect::indirect;

use newsgraph_model::{QuoteKind, Stance};

use crate::lexicon::CueClass;
use crate::words::{is, WordClass};

/// One attribution found, in token indices (ranges are `[a, b)`).
#[derive(Debug, Clone)]
pub(crate) struct Attr {
    pub kind: QuoteKind,
    /// Content ranges, in text order (several for a quote split around its cue).
    pub parts: Vec<(usize, usize)>,
    pub source: Option<(usize, usize)>,
    pub cue: Option<(usize, usize)>,
    pub cue_lemma: Option<String>,
    pub stance: Option<Stance>,
    pub class: Option<CueClass>,
    /// The sentence (token range) holding the cue clause, for venue and time lookup.
    pub clause: (usize, usize),
}

impl Attr {
    pub fn start(&self) -> usize {
        self.parts.first().map(|p| p.0).unwrap_or(0)
    }
}

/// Auxiliaries and adverbs that may stand between a source and its cue.
fn is_aux(w: &str) -> bool {
    is(w, WordClass::Aux) || (w.len() > 4 && w.ends_with("ly") && !is(w, WordClass::LyNotAdverb))
}

/// Words that end a source noun phrase when walking back from a cue.
fn is_boundary(w: &str) -> bool {
    is(w, WordClass::SourceBoundary)
}

fn is_determiner(w: &str) -> bool {
    is(w, WordClass::Determiner)
}

fn is_preposition(w: &str) -> bool {
    is(w, WordClass::Preposition)
}
