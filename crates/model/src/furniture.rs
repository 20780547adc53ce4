use serde::{Deserialize, Serialize};

/// What kind of page furniture a cut-out block was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FurnitureKind {
    Related,
    Latest,
    Nav,
    Share,
    Byline,
    Footer,
    Comments,
    Ad,
}

/// Page furniture cut from the article: kept, labelled, but never part of `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Furniture {
    pub kind: FurnitureKind,
    /// The block's own label as the page shows it ("Lire aussi", "Latest News"), if any.
    pub label: Option<String>,
    pub items: Vec<FurnitureItem>,
}

/// One line or link of a furniture block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FurnitureItem {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}
