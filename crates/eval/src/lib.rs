//! Evaluation: readers for the gold formats in `../shared/data` and the scorers behind
//! `newsgraph eval`. One module per layer.
