use crate::Span;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    Assert,
    Deny,
    Doubt,
}

/// A claim or a stance toward one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    pub id: String,
    /// Entity id of who holds the stance, when resolved.
    pub holder: Option<String>,
    /// The holder as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder_text: Option<String>,
    pub content: String,
    pub span: Span,
    pub stance: Stance,
    /// The claim this one answers (a denial answers an assertion).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answers: Option<String>,
    pub cue: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
}
