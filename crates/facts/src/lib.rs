//! When, how many, what happened: temporal expressions normalised TIMEX3-style against
//! the publication date, figures with units and sources, and events with actors,
//! targets, places and times.
//!
//! Start reading at [`times`], [`figures`] and [`events`]; `ARCH.md` is the codemap.

pub mod calendar;
mod events;
mod figures;
mod lexicon;
pub mod numbers;
pub mod times;
pub mod tokens;

pub use events::{events, reanchor_quotes};
pub use figures::figures;
pub use times::{times, times_with_reference};
