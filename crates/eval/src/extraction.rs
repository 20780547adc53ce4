//! Scoring of the extraction layer.
