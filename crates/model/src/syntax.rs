use crate::Span;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// One token of the syntax layer (`extract --with-tokens`): its part of speech, lemma
/// and place in the sentence's dependency tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyntaxToken {
    pub span: Span,
    /// Universal POS tag (`NOUN`, `VERB`, `PROPN`, …).
    pub pos: Cow<'static, str>,
    pub lemma: String,
    /// Index of the head in the article's syntax tokens, `-1` for the root of a tree (one per
    /// sentence, or more where the syntax layer finds a sentence end the splitter missed).
    pub head: i64,
    /// Universal dependency relation to the head (`nsubj`, `obj`, `root`, …).
    pub dep: Cow<'static, str>,
}
