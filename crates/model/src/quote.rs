use crate::Span;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// Quoted verbatim in quotation marks.
    Direct,
    /// Reported speech: "X said that ...", "according to X".
    Indirect,
    /// Reported speech with a quoted fragment: X called it a "positive approach".
    Mixed,
}

/// A statement tied to who made it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub id: String,
    pub kind: QuoteKind,
    pub text: String,
    pub span: Span,
    /// Entity id of the speaker, when resolved.
    pub speaker: Option<String>,
    /// The speaker as written at the attribution ("Trump", "he", "the editorial").
    pub speaker_text: Option<String>,
    pub cue: Option<String>,
    pub cue_span: Option<Span>,
    /// Where it was said ("to the Tasnim news agency").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venue: Option<String>,
    /// When it was said: a TIMEX3 value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// Where the speaker is written at the attribution (`speaker_text`'s span).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_span: Option<Span>,
    /// The content's pieces when it is split around its cue (“A,” she said. “B.”);
    /// empty when `span` is one piece.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Span>,
    /// Base form of the reporting cue ("say" for "told reporters" is "tell").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue_lemma: Option<String>,
}
