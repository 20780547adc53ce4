use crate::Span;
use serde::{Deserialize, Serialize};

/// The analysis layers of an article cover only the first part of its text: the text
/// was longer than the pipeline's word limit (a generated or concatenated page, not an
/// article). `text`, `blocks` and `furniture` are still whole; sentences, entities,
/// quotes, claims, times, figures and events stop at `analysed.end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Truncation {
    /// The part of `text` the layers cover, `[0, end)` in code points; it ends at a
    /// paragraph (else sentence, else word) boundary.
    pub analysed: Span,
    /// Words (whitespace-separated) in the analysed part.
    pub analysed_words: usize,
    /// Words in the whole text.
    pub words: usize,
    /// The limit in force (words).
    pub limit: usize,
}

impl std::fmt::Display for Truncation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "text of {} words is over the analysis limit of {} words: analysed the first {} \
             words (code points 0..{}); the text is kept whole, its layers stop there",
            self.words, self.limit, self.analysed_words, self.analysed.end
        )
    }
}
