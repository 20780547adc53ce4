//! The PostgreSQL store: every table of the embedded store plus the full-text vector,
//! in one database that many processes (workers, servers) share.
//!
//! Writes: `put_batch` runs one transaction that first takes a transaction-scoped
//! advisory lock (`WRITE_LOCK`), so concurrent writers (several `newsgraph worker`s)
//! link entities and answer claims one batch after another, exactly as one writer
//! would in some order, and no two workers create two entities for one name. The
//! lock is held only while the batch's rows are written (analysis happens before);
//! readers never wait for it. Dedup is the embedded store's: `id`, `url_canon` and
//! `text_hash` are UNIQUE and checked first. The link stage (stories, near-duplicates)
//! and registry corrections run under the same lock, so stories and registry entities
//! are decided one batch at a time, as by a single writer.

mod answers;
mod conn;
mod corrections;
mod link;
mod migrate;
mod read;
mod search;
mod stories;
#[doc(hidden)]
pub mod testing;
mod write;

pub use conn::redact;

use crate::*;
use conn::{Conn, Pool, Target};

/// Advisory-lock key that serialises writers ("ngwrite!").
const WRITE_LOCK: i64 = 0x6e67_7772_6974_6521;

/// A store in a PostgreSQL database, reached by URL.
pub struct PostgresStore {
    pool: Pool,
    shown: String,
    /// The link stage (stories, near-duplicates), run inside `put_batch`.
    linker: newsgraph_link::Linker,
    /// False: `put_batch` stores without linking (a bulk load; `relink` links later).
    linking: std::sync::atomic::AtomicBool,
}

impl PostgresStore {
    /// Connects (failing fast, in one line naming the server, when it cannot), applies
    /// the migrations this build knows, and keeps a pool of up to `pool_size`
    /// connections.
    pub fn connect(url: &str, pool_size: u32) -> Result<Self> {
        let target = Target::parse(url)?;
        let mut first = Conn::new(target.connect()?);
        migrate::migrate(&mut first).map_err(|e| match e {
            StoreError::Schema(m) => StoreError::Schema(format!("{}: {m}", target.shown)),
            StoreError::Database(source) => StoreError::At {
                target: target.shown.clone(),
                source,
            },
            m @ StoreError::Migration { .. } => StoreError::At {
                target: target.shown.clone(),
                source: Box::new(m),
            },
            other => other,
        })?;
        let pool = conn::pool(&target, pool_size)?;
        Ok(PostgresStore {
            pool,
            shown: target.shown,
            linker: newsgraph_link::Linker::default(),
            linking: true.into(),
        })
    }

    /// Replaces the link stage's configuration (as `EmbeddedStore::set_link_config`).
    pub fn set_link_config(&mut self, cfg: newsgraph_link::LinkConfig) {
        self.linker = newsgraph_link::Linker::new(cfg);
    }

    /// Turns the link stage off (bulk loads; `relink` links what was skipped) or on.
    pub fn set_linking(&self, on: bool) {
        self.linking.store(on, std::sync::atomic::Ordering::Relaxed);
    }

    /// Runs `f` in a write transaction holding the writers' advisory lock.
    fn write<T>(&self, f: impl FnOnce(&mut Conn) -> Result<T>) -> Result<T> {
        self.with(|c| {
            c.transaction("BEGIN", |c| {
                c.query_one("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])?;
                f(c)
            })
        })
    }

    /// Where it points (`postgres://user@host:port/db`, no password).
    pub fn target(&self) -> &str {
        &self.shown
    }

    fn with<T>(&self, f: impl FnOnce(&mut Conn) -> Result<T>) -> Result<T> {
        let mut c = self.pool.get().map_err(|e| StoreError::At {
            target: self.shown.clone(),
            source: Box::new(e),
        })?;
        f(&mut c)
    }

    /// Drops every table (tests and benchmarks start from an empty database).
    pub fn reset(url: &str) -> Result<()> {
        let target = Target::parse(url)?;
        let mut c = Conn::new(target.connect()?);
        c.batch("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    }
}

impl Store for PostgresStore {
    fn put_batch(&self, articles: &[Article]) -> Result<Vec<PutOutcome>> {
        if articles.is_empty() {
            return Ok(Vec::new());
        }
        let ingested_at = util::now_rfc3339();
        let linker = self
            .linking
            .load(std::sync::atomic::Ordering::Relaxed)
            .then_some(&self.linker);
        // The search vectors first, without the lock: other writers' batches commit
        // meanwhile.
        let vectors = self.with(|c| write::vectors(c, articles))?;
        self.write(|c| {
            let mut totals = search::Totals::default();
            let out = articles
                .iter()
                .zip(&vectors)
                .map(|(a, v)| write::put_article(c, a, &ingested_at, linker, &mut totals, v))
                .collect::<Result<Vec<_>>>()?;
            totals.flush(c)?;
            Ok(out)
        })
    }

    fn get(&self, id: &str) -> Result<Option<Article>> {
        self.with(|c| read::get(c, id))
    }

    fn summary(&self, id: &str) -> Result<Option<ArticleSummary>> {
        self.with(|c| read::summary(c, id))
    }

    fn latest(&self, limit: usize, offset: usize) -> Result<Vec<ArticleSummary>> {
        self.with(|c| read::latest(c, limit.min(10_000), offset))
    }

    fn search(&self, query: &SearchQuery) -> Result<SearchResults> {
        self.with(|c| search::search(c, query))
    }

    fn entity(&self, key: &str) -> Result<Option<EntityPage>> {
        self.with(|c| read::entity(c, key))
    }

    fn entities(
        &self,
        limit: usize,
        offset: usize,
        kind: Option<EntityKind>,
    ) -> Result<Vec<EntitySummary>> {
        self.with(|c| read::entities(c, limit.min(10_000), offset, kind))
    }

    fn quotes_by_speaker(&self, entity_key: &str, limit: usize) -> Result<Vec<QuoteRecord>> {
        self.with(|c| read::quotes_by_speaker(c, entity_key, limit.min(10_000)))
    }

    fn claims(&self, limit: usize, offset: usize) -> Result<Vec<ClaimThread>> {
        self.with(|c| read::claims(c, limit.min(10_000), offset))
    }

    fn timeline(&self, query: &TimelineQuery) -> Result<Vec<TimelineEvent>> {
        self.with(|c| read::timeline(c, query))
    }

    fn stats(&self) -> Result<Stats> {
        self.with(read::stats)
    }

    fn total(&self, list: &ListTotal) -> Result<u64> {
        self.with(|c| read::total(c, list))
    }

    fn entity_summary(&self, key: &str) -> Result<Option<EntitySummary>> {
        self.with(|c| read::entity_summary(c, key))
    }

    fn find_entities(&self, name: &str, limit: usize) -> Result<Vec<EntitySummary>> {
        self.with(|c| read::find_entities(c, name, limit.min(1000)))
    }

    fn merge_entities(&self, from: &str, into: &str) -> Result<MergeOutcome> {
        self.write(|c| corrections::merge(c, from, into))
    }

    fn split_entity(&self, entity_ref: &str, article_id: &str) -> Result<SplitOutcome> {
        self.write(|c| corrections::split(c, entity_ref, article_id))
    }

    fn stories(&self, limit: usize, offset: usize) -> Result<Vec<StorySummary>> {
        self.with(|c| stories::stories(c, limit.min(10_000), offset))
    }

    fn story(&self, id: &str) -> Result<Option<StoryRecord>> {
        self.with(|c| stories::story(c, id))
    }

    fn export(&self, filter: &ExportFilter, each: &mut dyn FnMut(Article) -> bool) -> Result<u64> {
        // Each page on a pooled connection, outside any transaction.
        crate::assemble::export_pages(
            filter,
            |id| self.with(|c| link::resolve_story(c, id)),
            |story, since, after| self.with(|c| stories::export_page(c, story, since, after, 256)),
            each,
        )
    }

    fn relink(&self) -> Result<RelinkReport> {
        self.write(|c| stories::relink(c, &self.linker))
    }

    fn commit(&self) -> Result<()> {
        // Every put_batch commits its transaction, search vector included.
        Ok(())
    }
}
