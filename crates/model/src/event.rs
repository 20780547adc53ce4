use crate::Span;
use serde::{Deserialize, Serialize};

/// Who did what to whom, where and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    /// Event kind from the documented list (attack, talks, ceasefire, statement, ...).
    pub kind: String,
    /// CAMEO root code the kind maps to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cameo: Option<String>,
    pub text: String,
    pub span: Span,
    pub actors: Vec<String>,
    pub targets: Vec<String>,
    pub places: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
}
