use crate::Span;
use serde::{Deserialize, Serialize};

/// What a block of the clean text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Title,
    Heading,
    Paragraph,
    ListItem,
    Blockquote,
    Caption,
}

/// A structural unit of the clean text (the title, a heading, a paragraph, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Span,
}
