//! The newsgraph document model.
//!
//! An [`Article`] holds its clean `text` once; every annotation layer (blocks,
//! furniture, sentences, tokens, entities, quotes, claims, times, figures, events)
//! refers to it by [`Span`]s. Spans are `[start, end)` offsets in **Unicode code
//! points** (what Python and most annotation tools count), never bytes: that is the
//! output contract of `../shared/DESIGN.md`. Stages work on `&str` byte ranges
//! internally and convert with [`CharIndex`].
//!
//! This crate has no behaviour beyond construction, indexing and serialisation; the
//! stages that fill the layers live in their own crates.

mod article;
mod block;
mod char_index;
mod claim;
mod date;
mod entity;
mod event;
mod figure;
mod furniture;
mod id;
mod quote;
mod span;
mod syntax;
mod time;
mod token;
mod truncation;

pub use article::{Article, DuplicateOf, Meta, PublishedFrom};
pub use block::{Block, BlockKind};
pub use char_index::CharIndex;
pub use claim::{Claim, Stance};
pub use date::{days_in_month, is_leap, CivilDate, DateError, DatePrefix};
pub use entity::{Entity, EntityKind, Gender};
pub use event::{Cameo, Event};
pub use figure::{Figure, FigureKind, Qualifier};
pub use furniture::{Furniture, FurnitureItem, FurnitureKind};
pub use id::{article_id, canonical_url, normalise_for_id, short_hash, text_hash};
pub use quote::{Quote, QuoteKind};
pub use span::{containing, starting_in, Span};
pub use syntax::SyntaxToken;
pub use time::{Anchor, Time, TimeMod, TimeType};
pub use token::{Sentence, Token};
pub use truncation::Truncation;

/// Version of the JSON record layout. Bumped when a field is renamed or removed.
pub const SCHEMA_VERSION: u32 = 1;
