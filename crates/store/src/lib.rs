//! Storage behind one trait, with two implementations: [`EmbeddedStore`] (SQLite
//! records + a Tantivy full-text index in one data directory, the zero-set-up default)
//! and [`PostgresStore`] (one PostgreSQL database shared by many workers and servers,
//! full-text search in PostgreSQL itself).
//!
//! The [`Store`] trait is what the CLI (`ingest`, `worker`) and the server (`serve`)
//! program against; it uses only plain Rust and model types. `tests/conformance.rs`
//! runs every behaviour of it against both implementations.
//!
//! Entities are linked across articles by an [entity key](entity_key): the kind plus
//! the normalised canonical name (`person:donald trump`), with aliases merged when
//! unambiguous. See `ARCH.md` in this crate for the codemap.

mod answer;
mod assemble;
mod copy;
mod embedded;
use embedded::util;
mod key;
mod kinds;
#[cfg(feature = "postgres")]
mod postgres;
mod prepared;
mod record;
mod resolve;
mod story_sql;
mod types;

pub use embedded::{EmbeddedStore, Reconciled};
pub use key::{entity_key, normalise_name, parse_entity_key};
#[cfg(feature = "postgres")]
pub use postgres::{redact as redact_url, testing, PostgresStore};
pub use prepared::Prepared;
pub use types::*;

use newsgraph_model::Article;
use std::path::PathBuf;

/// The error a storage backend raised, kept as the [source](std::error::Error::source)
/// of a [`StoreError`]. Boxed so that no variant names a backend type: the trait stays
/// implementable by another backend, and callers can still walk the cause chain.
pub type BackendError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// A failure of the store. Messages name what failed; no variant carries a backend type.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The record database failed.
    #[error("database: {0}")]
    Database(#[source] BackendError),
    /// The full-text index failed.
    #[error("search index: {0}")]
    Index(#[source] BackendError),
    /// Another process holds the index writer lock.
    #[error("search index: {source} (is another newsgraph process writing to {dir}?)")]
    IndexLocked {
        dir: PathBuf,
        #[source]
        source: BackendError,
    },
    /// A backend failure at a named place (a server, a URL): `{target}: {source}`.
    #[error("{target}: {source}")]
    At {
        target: String,
        #[source]
        source: BackendError,
    },
    /// A write on a store opened read-only.
    #[error("{0} is open read-only")]
    ReadOnly(PathBuf),
    /// A thread panicked while holding the store lock; the store refuses further use.
    #[error("a thread panicked while holding the store lock")]
    Poisoned,
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    /// A stored record that does not (de)serialise.
    #[error("stored record {id}: {source}")]
    Record {
        id: String,
        #[source]
        source: serde_json::Error,
    },
    #[error("invalid query: {0}")]
    Query(String),
    /// A registry correction that was refused (unknown ref, kinds differ…); nothing changed.
    #[error("{0}")]
    Correction(String),
    /// The data directory's schema is not one this build reads.
    #[error("schema: {0}")]
    Schema(String),
    /// A schema migration failed (rolled back).
    #[error("schema: migration {version} ({name}): {source}")]
    Migration {
        version: u32,
        name: &'static str,
        #[source]
        source: BackendError,
    },
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The storage interface. Every method takes `&self`: implementations synchronise
/// internally, so one store is shared by the ingest writer and many server threads.
pub trait Store: Send + Sync {
    /// Stores one article (with all its layers). The same article twice — same id,
    /// same canonical URL or same normalised text — is stored once.
    fn put(&self, article: &Article) -> Result<PutOutcome> {
        let mut out = self.put_batch(std::slice::from_ref(article))?;
        Ok(out.pop().unwrap_or(PutOutcome::Duplicate {
            existing_id: article.id.clone(),
        }))
    }

    /// Stores many articles in one transaction; one outcome per article, in order.
    /// Durable when this returns; searchable too, unless the implementation was told to
    /// defer index commits (then at the next `commit`).
    fn put_batch(&self, articles: &[Article]) -> Result<Vec<PutOutcome>>;

    /// Does the part of storing `article` that needs no store (see [`Prepared`]): called
    /// on the caller's threads (the ingest engine's analysis threads), so that
    /// [`Store::put_prepared`] on the writer thread does less.
    fn prepare(&self, article: Article) -> Prepared {
        Prepared::bare(article)
    }

    /// As [`Store::put_batch`], for articles [`Store::prepare`] made.
    fn put_prepared(&self, batch: &[Prepared]) -> Result<Vec<PutOutcome>> {
        let articles: Vec<Article> = batch.iter().map(|p| p.article.clone()).collect();
        self.put_batch(&articles)
    }

    /// The full record of an article.
    fn get(&self, id: &str) -> Result<Option<Article>>;

    /// Summary of an article (no layers).
    fn summary(&self, id: &str) -> Result<Option<ArticleSummary>>;

    /// Latest articles: newest published first (then newest ingested).
    fn latest(&self, limit: usize, offset: usize) -> Result<Vec<ArticleSummary>>;

    /// Full-text search with filters and facets.
    fn search(&self, query: &SearchQuery) -> Result<SearchResults>;

    /// The cross-article page of one entity, by key (`person:donald trump`).
    fn entity(&self, key: &str) -> Result<Option<EntityPage>>;

    /// Entities by number of articles mentioning them, optionally of one kind.
    fn entities(
        &self,
        limit: usize,
        offset: usize,
        kind: Option<EntityKind>,
    ) -> Result<Vec<EntitySummary>>;

    /// Every quote attributed to an entity, oldest first.
    fn quotes_by_speaker(&self, entity_key: &str, limit: usize) -> Result<Vec<QuoteRecord>>;

    /// Claims with the denials/doubts that answer them, newest first.
    fn claims(&self, limit: usize, offset: usize) -> Result<Vec<ClaimThread>>;

    /// Events whose date (resolved `when`, else the article's publication date) lies
    /// in `[from, to]` (inclusive ISO dates, either open), optionally involving an
    /// entity; oldest first.
    fn timeline(&self, query: &TimelineQuery) -> Result<Vec<TimelineEvent>>;

    /// Counts of what the store holds.
    fn stats(&self) -> Result<Stats>;

    /// How many items a list holds in all, whatever page of it was asked for.
    fn total(&self, list: &ListTotal) -> Result<u64>;

    /// The summary of one entity by key (`None` when the store has no such entity): the
    /// cheap existence check of the entity sub-routes.
    fn entity_summary(&self, key: &str) -> Result<Option<EntitySummary>>;

    /// Registry entities one of whose spellings is `name`, most mentioned first.
    fn find_entities(&self, name: &str, limit: usize) -> Result<Vec<EntitySummary>> {
        let _ = (name, limit);
        Ok(Vec::new())
    }

    /// Merges registry entity `from` into `into` (same kind): every article entity,
    /// quote, claim and event of `from` moves to `into`, and the merge is recorded so
    /// later ingests that resolve to `from` land in `into`. Refused (nothing changed) for
    /// unknown refs or different kinds.
    fn merge_entities(&self, from: &str, into: &str) -> Result<MergeOutcome> {
        let _ = (from, into);
        Err(StoreError::Correction(
            "this store does not support registry corrections".into(),
        ))
    }

    /// Splits the entity `entity_ref` of article `article_id` off into a new registry
    /// entity (recorded: the two are not merged again automatically). Refused when the
    /// article does not mention the entity.
    fn split_entity(&self, entity_ref: &str, article_id: &str) -> Result<SplitOutcome> {
        let _ = (entity_ref, article_id);
        Err(StoreError::Correction(
            "this store does not support registry corrections".into(),
        ))
    }

    /// Stories, most recently active first.
    fn stories(&self, limit: usize, offset: usize) -> Result<Vec<StorySummary>>;

    /// The record of one story; an id that `relink` merged away gives its survivor.
    fn story(&self, id: &str) -> Result<Option<StoryRecord>>;

    /// Streams every stored record matching `filter` in storage order (the full record
    /// with `story` and `duplicate_of`) to `each`, in constant memory, until `each`
    /// returns false. Returns the number of records passed. An unknown story is a
    /// `Query` error; an invalid `since` too.
    fn export(&self, filter: &ExportFilter, each: &mut dyn FnMut(Article) -> bool) -> Result<u64>;

    /// Links articles stored without a link, then merges stories that the link stage
    /// would now put together, recording old id → new id.
    fn relink(&self) -> Result<RelinkReport>;

    /// Makes everything put so far searchable (a no-op when `put_batch` already
    /// committed the index).
    fn commit(&self) -> Result<()>;
}

/// The default data directory: `$NEWSGRAPH_DATA`, else `$XDG_DATA_HOME/newsgraph`,
/// else `~/.local/share/newsgraph`, else `./newsgraph-data`.
pub fn default_data_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("NEWSGRAPH_DATA").filter(|d| !d.is_empty()) {
        return PathBuf::from(d);
    }
    if let Some(d) = std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(d).join("newsgraph");
    }
    if let Some(h) = std::env::var_os("HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(h)
            .join(".local")
            .join("share")
            .join("newsgraph");
    }
    PathBuf::from("newsgraph-data")
}

/// Opens the default store implementation over a data directory (created if absent).
pub fn open(dir: &std::path::Path) -> Result<EmbeddedStore> {
    EmbeddedStore::open(dir)
}
