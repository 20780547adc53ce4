//! Scoring of the entities layer.
