//! Scoring of the times layer.
