use crate::Span;
use serde::{Deserialize, Serialize};

/// A sentence of the clean text. Serialised: sentence boundaries are useful to
/// consumers and cheap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
}

/// A token of the clean text. Kept in memory for the stages, not serialised (it would
/// dominate the record's size).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    /// Byte range in `text`, so stages can slice without re-indexing.
    pub start_byte: usize,
    pub end_byte: usize,
}
