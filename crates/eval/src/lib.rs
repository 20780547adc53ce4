//! Evaluation: readers for the gold formats in `../shared/data` and the scorers behind
//! `newsgraph eval`. One module per layer; each reads its gold format directly.

pub mod entities;
pub mod extraction;
pub mod figures;
pub mod half;
pub mod quotes;
pub mod registry;
pub mod stories;
pub mod syntax;
pub mod times;
