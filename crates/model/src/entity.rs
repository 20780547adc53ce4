use crate::Span;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    Group,
    Other,
}

/// One real-world referent of an article, with every mention of it merged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Id unique within the article (`e1`, `e2`, ...).
    pub id: String,
    /// Canonical name: the longest proper name the article uses for it.
    pub name: String,
    pub kind: EntityKind,
    /// Other spellings used in the article ("Trump", "Trump's", "U.S.").
    pub aliases: Vec<String>,
    /// Appositives and titles the text gives it ("Iranian foreign ministry spokesperson").
    pub descriptors: Vec<String>,
    pub mentions: Vec<Span>,
}
