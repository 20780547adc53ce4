use crate::Span;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Exact,
    AtLeast,
    AtMost,
    About,
}

/// A number with its unit and meaning.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub text: String,
    pub span: Span,
    pub value: f64,
    /// Unit: `people`, `USD`, `percent`, ...
    pub unit: Option<String>,
    /// What is counted: `killed`, `injured`, `displaced`, `arrested`, `money`, `percent`, `count`.
    pub kind: String,
    pub qualifier: Qualifier,
    /// Who reports it (entity id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_text: Option<String>,
    /// What it is about, in the text's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
}
