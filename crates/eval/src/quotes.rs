//! Scoring of the quotes layer.
