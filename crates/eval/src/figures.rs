//! Scoring of the figures layer.
