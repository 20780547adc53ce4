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
    /// The cross-article registry entity this one resolves to (`ref` in the output
    /// contract). Set by the store when the article is stored (and kept current through
    /// merges and splits); `None` before.
    #[serde(rename = "ref", default, skip_serializing_if = "Option::is_none")]
    pub registry_ref: Option<String>,
    /// A person's grammatical gender when the text or a lexicon shows it (an honorific
    /// or gendered title, a given name); used for pronoun agreement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
}

/// Grammatical gender of a person entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Male,
    Female,
}
