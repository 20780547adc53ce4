//! Storage behind one trait, with the embedded implementation (SQLite records + a
//! Tantivy full-text index in one data directory).
