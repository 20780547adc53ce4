//! The embedded store: SQLite (`newsgraph.sqlite`) + Tantivy (`index-vN/`) in one data
//! directory.
//!
//! Write path (`put_batch`, one writer at a time): one SQLite transaction for the batch,
//! committed first; then the inserted articles are added to the index and the index is
//! committed with the highest seq as payload. A crash between the two leaves SQLite
//! ahead of the index; `open` reconciles (re-indexes what the index lacks, deletes index
//! documents without a row), so nothing is lost or duplicated.

mod analyzer;
mod answers;
mod band_file;
mod band_index;
mod corrections;
mod db;
mod index;
mod link;
mod link_cache;
mod postings_cache;
mod read;
mod record;
mod stories;
pub(crate) mod util;
mod write;

use crate::*;
pub(crate) use db::SCHEMA_VERSION;
use index::Fields;
use rusqlite::{Connection, OpenFlags};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tantivy::{Index, IndexReader, IndexWriter};

/// What `open` repaired in the index.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reconciled {
    /// Articles in SQLite that were missing from the index and were (re)indexed.
    pub reindexed: u64,
    /// Index documents with no SQLite row, deleted.
    pub removed: u64,
    /// True when another process held the index lock and the check was skipped.
    pub skipped: bool,
}

struct Writer {
    conn: Connection,
    index_writer: Option<IndexWriter>,
    /// Highest seq added to the index writer but not yet committed (0: none).
    uncommitted: i64,
    last_commit: Option<std::time::Instant>,
    /// The link stage's working set (document frequencies, story profiles).
    link_cache: link_cache::LinkCache,
}

impl Writer {
    fn new(conn: Connection, band_file: Option<PathBuf>) -> Self {
        Writer {
            conn,
            index_writer: None,
            uncommitted: 0,
            last_commit: None,
            link_cache: link_cache::LinkCache::new(band_file),
        }
    }
}

/// SQLite records + a Tantivy index in one data directory.
pub struct EmbeddedStore {
    dir: PathBuf,
    db_path: PathBuf,
    writer: Mutex<Writer>,
    readers: Mutex<Vec<Connection>>,
    index: Index,
    fields: Fields,
    reader: IndexReader,
    reconciled: Reconciled,
    read_only: bool,
    /// Minimum time between index commits (zero: commit every batch).
    commit_interval: Mutex<std::time::Duration>,
    /// The link stage (stories, near-duplicates), run inside `put_batch`.
    linker: newsgraph_link::Linker,
    /// False: `put_batch` stores without linking (a bulk load; `relink` links later).
    linking: std::sync::atomic::AtomicBool,
    /// Total time spent in the link stage (benchmarks).
    link_nanos: std::sync::atomic::AtomicU64,
}

const DB_FILE: &str = "newsgraph.sqlite";

fn lock_err<T>(_: T) -> StoreError {
    StoreError::Poisoned
}

impl EmbeddedStore {
    /// Opens (creating if needed) the store in `dir`: runs migrations, then reconciles
    /// the index with the records.
    pub fn open(dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Io {
            path: dir.display().to_string(),
            source: e,
        })?;
        let db_path = dir.join(DB_FILE);
        let mut conn = Connection::open(&db_path).map_err(db::db_err)?;
        db::configure(&conn, true)?;
        db::migrate(&mut conn)?;
        let (index, fields) =
            index::open_index(&dir.join(format!("index-v{}", index::INDEX_VERSION)))?;
        // An index of an older layout is rebuilt from SQLite by `reconcile`; drop its files.
        for old in 1..index::INDEX_VERSION {
            let _ = std::fs::remove_dir_all(dir.join(format!("index-v{old}")));
        }
        let reader = index::reader(&index)?;
        let mut store = EmbeddedStore {
            dir: dir.to_path_buf(),
            db_path,
            writer: Mutex::new(Writer::new(conn, Some(dir.join(band_file::FILE_NAME)))),
            readers: Mutex::new(Vec::new()),
            index,
            fields,
            reader,
            reconciled: Reconciled::default(),
            read_only: false,
            commit_interval: Mutex::new(std::time::Duration::ZERO),
            linker: newsgraph_link::Linker::default(),
            linking: true.into(),
            link_nanos: 0.into(),
        };
        store.reconciled = store.reconcile()?;
        Ok(store)
    }

    /// Opens an existing store for reading only: no migration, no reconcile, no lock
    /// taken, so it can run beside an ingest writing to the same directory. Puts fail.
    pub fn open_read_only(dir: &Path) -> Result<Self> {
        let db_path = dir.join(DB_FILE);
        if !db_path.is_file() {
            return Err(StoreError::Io {
                path: db_path.display().to_string(),
                source: std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "no store here (run `newsgraph ingest` first)",
                ),
            });
        }
        let conn = Connection::open_with_flags(
            &db_path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(db::db_err)?;
        db::configure(&conn, false)?;
        let version = db::schema_version(&conn)?;
        if version != db::SCHEMA_VERSION {
            return Err(StoreError::Schema(format!(
                "the data directory has schema version {version}, this build reads {}",
                db::SCHEMA_VERSION
            )));
        }
        let (index, fields) =
            index::open_index(&dir.join(format!("index-v{}", index::INDEX_VERSION)))?;
        let reader = index::reader(&index)?;
        Ok(EmbeddedStore {
            dir: dir.to_path_buf(),
            db_path,
            writer: Mutex::new(Writer::new(conn, None)),
            readers: Mutex::new(Vec::new()),
            index,
            fields,
            reader,
            reconciled: Reconciled {
                skipped: true,
                ..Default::default()
            },
            read_only: true,
            commit_interval: Mutex::new(std::time::Duration::ZERO),
            linker: newsgraph_link::Linker::default(),
            linking: true.into(),
            link_nanos: 0.into(),
        })
    }

    /// Lets `put_batch` defer the index commit until `interval` has passed since the
    /// last one (bulk ingest: an index commit costs far more than a SQLite one).
    /// Records are still durable when `put_batch` returns; the index catches up at the
    /// next due batch, at `commit()`, at drop, or (after a crash) at the next `open`.
    pub fn set_commit_interval(&self, interval: std::time::Duration) {
        if let Ok(mut i) = self.commit_interval.lock() {
            *i = interval;
        }
    }

    fn commit_index(&self, w: &mut Writer) -> Result<()> {
        if w.uncommitted == 0 {
            return Ok(());
        }
        if let Some(iw) = w.index_writer.as_mut() {
            index::commit(iw, w.uncommitted)?;
            self.reader.reload().map_err(index::ix_err)?;
        }
        w.uncommitted = 0;
        w.last_commit = Some(std::time::Instant::now());
        Ok(())
    }

    /// Takes the index writer, waiting up to `patience` for another process (or a
    /// store opened briefly to reconcile) to release the lock.
    fn index_writer(&self, patience: std::time::Duration) -> Result<IndexWriter> {
        let start = std::time::Instant::now();
        loop {
            match index::writer(&self.index) {
                Ok(w) => return Ok(w),
                Err(e)
                    if e.to_string().to_lowercase().contains("lock")
                        && start.elapsed() < patience =>
                {
                    std::thread::sleep(std::time::Duration::from_millis(100));
                }
                Err(e) => {
                    return Err(StoreError::IndexLocked {
                        dir: self.dir.clone(),
                        source: Box::new(e),
                    })
                }
            }
        }
    }

    /// Replaces the link stage's configuration (tuning runs; the default is what
    /// ingest uses). Affects articles put from now on.
    pub fn set_link_config(&mut self, cfg: newsgraph_link::LinkConfig) {
        self.linker = newsgraph_link::Linker::new(cfg);
    }

    /// Turns the link stage off (bulk loads; `relink` links what was skipped) or on.
    pub fn set_linking(&self, on: bool) {
        self.linking.store(on, std::sync::atomic::Ordering::Relaxed);
    }

    /// Time spent in the link stage since open.
    pub fn link_time(&self) -> std::time::Duration {
        std::time::Duration::from_nanos(self.link_nanos.load(std::sync::atomic::Ordering::Relaxed))
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// What `open` repaired.
    pub fn reconciled(&self) -> Reconciled {
        self.reconciled
    }

    /// Brings the index in line with SQLite. Takes the index lock for its duration only;
    /// if another process holds it (an ingest running), skips.
    fn reconcile(&self) -> Result<Reconciled> {
        let mut w = self.writer.lock().map_err(lock_err)?;
        let mut iw = match index::writer(&self.index) {
            Ok(iw) => iw,
            Err(e) if e.to_string().to_lowercase().contains("lock") => {
                return Ok(Reconciled {
                    skipped: true,
                    ..Default::default()
                })
            }
            Err(e) => return Err(e),
        };
        let mut out = Reconciled::default();
        let committed = index::committed_seq(&self.index)?;
        let max = read::max_seq(&w.conn)?;
        // Fast path: rows after the index's last committed seq.
        if max > committed {
            for seq in read::seqs_after(&w.conn, committed)? {
                if let Some((a, keys)) = read::article_for_index(&w.conn, seq)? {
                    iw.delete_term(index::seq_term(&self.fields, seq));
                    iw.add_document(index::document(&self.fields, seq, &a, &keys))
                        .map_err(index::ix_err)?;
                    out.reindexed += 1;
                }
            }
            index::commit(&mut iw, max)?;
            self.reader.reload().map_err(index::ix_err)?;
        }
        // Full check when the counts still disagree.
        let sql_count = read::stats(&w.conn)?.articles;
        if self.reader.searcher().num_docs() != sql_count {
            let in_index: HashSet<i64> = index::all_seqs(&self.reader.searcher())?
                .into_iter()
                .collect();
            let in_db: HashSet<i64> = read::seqs_after(&w.conn, 0)?.into_iter().collect();
            for &seq in in_index.difference(&in_db) {
                iw.delete_term(index::seq_term(&self.fields, seq));
                out.removed += 1;
            }
            for &seq in in_db.difference(&in_index) {
                if let Some((a, keys)) = read::article_for_index(&w.conn, seq)? {
                    iw.add_document(index::document(&self.fields, seq, &a, &keys))
                        .map_err(index::ix_err)?;
                    out.reindexed += 1;
                }
            }
            // Duplicated documents for one seq (cannot happen through put_batch): rebuild them.
            if (self.reader.searcher().num_docs() as usize) > in_index.len() {
                for &seq in in_index.intersection(&in_db) {
                    iw.delete_term(index::seq_term(&self.fields, seq));
                    if let Some((a, keys)) = read::article_for_index(&w.conn, seq)? {
                        iw.add_document(index::document(&self.fields, seq, &a, &keys))
                            .map_err(index::ix_err)?;
                        out.reindexed += 1;
                    }
                }
            }
            index::commit(&mut iw, max)?;
            self.reader.reload().map_err(index::ix_err)?;
        }
        drop(iw);
        w.index_writer = None;
        Ok(out)
    }

    fn with_reader<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let pooled = self.readers.lock().map_err(lock_err)?.pop();
        let conn = match pooled {
            Some(c) => c,
            None => {
                let c = Connection::open_with_flags(
                    &self.db_path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY
                        | OpenFlags::SQLITE_OPEN_NO_MUTEX
                        | OpenFlags::SQLITE_OPEN_URI,
                )
                .map_err(db::db_err)?;
                db::configure(&c, false)?;
                c
            }
        };
        let out = f(&conn);
        if let Ok(mut pool) = self.readers.lock() {
            if pool.len() < 16 {
                pool.push(conn);
            }
        }
        out
    }
}

impl Store for EmbeddedStore {
    fn put_batch(&self, articles: &[Article]) -> Result<Vec<PutOutcome>> {
        self.put_all(articles.len(), |i| (&articles[i], write::Ahead::default()))
    }

    fn prepare(&self, article: Article) -> Prepared {
        let linking = self.linking.load(std::sync::atomic::Ordering::Relaxed);
        Prepared::full(article, linking.then_some(&self.linker))
    }

    fn put_prepared(&self, batch: &[Prepared]) -> Result<Vec<PutOutcome>> {
        self.put_all(batch.len(), |i| {
            let p = &batch[i];
            (
                &p.article,
                write::Ahead {
                    row: p.row.as_ref(),
                    link: p.link.as_ref(),
                },
            )
        })
    }

    fn get(&self, id: &str) -> Result<Option<Article>> {
        self.with_reader(|c| read::get(c, id))
    }

    fn summary(&self, id: &str) -> Result<Option<ArticleSummary>> {
        self.with_reader(|c| read::summary(c, id))
    }

    fn latest(&self, limit: usize, offset: usize) -> Result<Vec<ArticleSummary>> {
        self.with_reader(|c| read::latest(c, limit.min(10_000), offset))
    }

    fn search(&self, q: &SearchQuery) -> Result<SearchResults> {
        let limit = if q.limit == 0 { 20 } else { q.limit.min(1000) };
        let story_seqs = match q.story.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(id) => Some(self.with_reader(|c| stories::story_seqs(c, id))?),
            None => None,
        };
        // The entity filter is resolved in SQLite, not by the index's `entity_keys`:
        // merges and splits change `mentions` at once, while re-indexing every article
        // of a 10k-mention entity would make a correction take seconds.
        let entity_seqs = match q.entity.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
            Some(e) => Some(self.with_reader(|c| corrections::entity_seqs(c, e))?),
            None => None,
        };
        let only_seqs = match (story_seqs, entity_seqs) {
            (Some(s), Some(e)) => {
                let e: HashSet<i64> = e.into_iter().collect();
                Some(s.into_iter().filter(|x| e.contains(x)).collect())
            }
            (s, e) => s.or(e),
        };
        let searcher = self.reader.searcher();
        let prepared = index::prepare(
            &self.index,
            &searcher,
            &self.fields,
            q,
            only_seqs.as_deref(),
        )?;
        let raw = index::run(&searcher, &prepared, limit, q.offset.min(100_000))?;
        let snippets = match &prepared.text_query {
            Some(tq) => {
                let mut g =
                    tantivy::snippet::SnippetGenerator::create(&searcher, &**tq, self.fields.body)
                        .map_err(index::ix_err)?;
                g.set_max_num_chars(240);
                Some(g)
            }
            None => None,
        };
        let seqs: Vec<i64> = raw.hits.iter().map(|h| h.0).collect();
        let mut entity_keys: Vec<String> = Vec::new();
        for (name, buckets) in &raw.facets {
            if name == "entities" {
                entity_keys = buckets.iter().map(|b| b.0.clone()).collect();
            }
        }
        let (rows, names) = self.with_reader(|c| {
            Ok((
                read::by_seqs(c, &seqs)?,
                read::entity_names(c, &entity_keys)?,
            ))
        })?;
        let mut hits = Vec::with_capacity(rows.len());
        for ((_, score), row) in raw.hits.iter().zip(rows) {
            let Some((article, text)) = row else { continue };
            let (snippet, highlights) =
                make_snippet(snippets.as_ref(), &text, article.title.is_some());
            hits.push(SearchHit {
                article,
                snippet,
                highlights,
                score: *score,
            });
        }
        let mut facets = Facets::default();
        for (name, buckets) in raw.facets {
            let counts = || {
                buckets
                    .iter()
                    .map(|(v, c)| FacetCount {
                        value: v.clone(),
                        count: *c,
                    })
                    .collect()
            };
            match name.as_str() {
                "sources" => facets.sources = counts(),
                "months" => {
                    let mut m: Vec<FacetCount> = counts();
                    m.sort_by(|a, b| b.value.cmp(&a.value));
                    facets.months = m;
                }
                "entity_kinds" => facets.entity_kinds = counts(),
                "layers" => facets.layers = counts(),
                "entities" => {
                    facets.entities = buckets
                        .iter()
                        .filter_map(|(k, c)| {
                            let (name, kind) = names.get(k)?;
                            Some(EntityFacet {
                                key: k.clone(),
                                name: name.clone(),
                                kind: *kind,
                                count: *c,
                            })
                        })
                        .collect()
                }
                _ => {}
            }
        }
        Ok(SearchResults {
            total: raw.total,
            hits,
            facets,
        })
    }

    fn entity(&self, key: &str) -> Result<Option<EntityPage>> {
        self.with_reader(|c| read::entity(c, key))
    }

    fn entities(
        &self,
        limit: usize,
        offset: usize,
        kind: Option<EntityKind>,
    ) -> Result<Vec<EntitySummary>> {
        self.with_reader(|c| read::entities(c, limit.min(10_000), offset, kind))
    }

    fn quotes_by_speaker(&self, entity_key: &str, limit: usize) -> Result<Vec<QuoteRecord>> {
        self.with_reader(|c| read::quotes_by_speaker(c, entity_key, limit.min(10_000)))
    }

    fn claims(&self, limit: usize, offset: usize) -> Result<Vec<ClaimThread>> {
        self.with_reader(|c| read::claims(c, limit.min(10_000), offset))
    }

    fn timeline(&self, query: &TimelineQuery) -> Result<Vec<TimelineEvent>> {
        self.with_reader(|c| read::timeline(c, query))
    }

    fn total(&self, list: &ListTotal) -> Result<u64> {
        self.with_reader(|c| read::total(c, list))
    }

    fn entity_summary(&self, key: &str) -> Result<Option<EntitySummary>> {
        self.with_reader(|c| read::entity_summary(c, key))
    }

    fn stats(&self) -> Result<Stats> {
        let mut s = self.with_reader(read::stats)?;
        s.indexed = self.reader.searcher().num_docs();
        Ok(s)
    }

    fn commit(&self) -> Result<()> {
        let mut w = self.writer.lock().map_err(lock_err)?;
        self.commit_index(&mut w)
    }

    fn find_entities(&self, name: &str, limit: usize) -> Result<Vec<EntitySummary>> {
        self.with_reader(|c| read::find_entities(c, name, limit.min(1000)))
    }

    fn merge_entities(&self, from: &str, into: &str) -> Result<MergeOutcome> {
        self.correct(|tx| corrections::merge(tx, from, into))
    }

    fn split_entity(&self, entity_ref: &str, article_id: &str) -> Result<SplitOutcome> {
        self.correct(|tx| corrections::split(tx, entity_ref, article_id))
    }

    fn stories(&self, limit: usize, offset: usize) -> Result<Vec<StorySummary>> {
        self.with_reader(|c| stories::stories(c, limit.min(10_000), offset))
    }

    fn story(&self, id: &str) -> Result<Option<StoryRecord>> {
        self.with_reader(|c| stories::story(c, id))
    }

    fn export(&self, filter: &ExportFilter, each: &mut dyn FnMut(Article) -> bool) -> Result<u64> {
        // Each page on a pooled read connection.
        crate::assemble::export_pages(
            filter,
            |id| self.with_reader(|c| stories::story_exists(c, id)),
            |story, since, after| {
                self.with_reader(|c| stories::export_page(c, story, since, after, 256))
            },
            each,
        )
    }

    fn relink(&self) -> Result<RelinkReport> {
        let mut guard = self.writer.lock().map_err(lock_err)?;
        if self.read_only {
            return Err(StoreError::ReadOnly(self.dir.clone()));
        }
        let w = &mut *guard;
        let cache = &mut w.link_cache;
        let mut run = || -> Result<RelinkReport> {
            let tx = w.conn.transaction().map_err(db::db_err)?;
            let report = stories::relink(&tx, &self.linker, cache)?;
            tx.commit().map_err(db::db_err)?;
            Ok(report)
        };
        let out = run();
        if out.is_err() {
            w.link_cache.clear();
        }
        out
    }
}

impl EmbeddedStore {
    /// Runs one registry correction in its own write transaction (rolled back on refusal).
    fn correct<T>(&self, f: impl FnOnce(&rusqlite::Transaction) -> Result<T>) -> Result<T> {
        let mut w = self.writer.lock().map_err(lock_err)?;
        if self.read_only {
            return Err(StoreError::ReadOnly(self.dir.clone()));
        }
        let tx = w.conn.transaction().map_err(db::db_err)?;
        let out = f(&tx)?;
        tx.commit().map_err(db::db_err)?;
        Ok(out)
    }
}

impl Drop for EmbeddedStore {
    fn drop(&mut self) {
        // Best effort: what is not committed here is re-indexed by the next `open`.
        if let Ok(mut w) = self.writer.lock() {
            let _ = self.commit_index(&mut w);
            // Every batch is committed or rolled back (and the cache cleared) by now, so
            // the band index is what `article_links` holds: snapshot it for the next open.
            if !self.read_only {
                let _ = w.link_cache.save_bands(&w.conn, &self.linker);
            }
        }
    }
}

/// A snippet of the body with highlight ranges in code points; without a text query
/// (or when only the title matched), the opening of the body.
fn make_snippet(
    gen: Option<&tantivy::snippet::SnippetGenerator>,
    text: &str,
    has_title: bool,
) -> (String, Vec<[usize; 2]>) {
    if let Some(g) = gen {
        let s = g.snippet(text);
        let frag = s.fragment();
        if !frag.is_empty() {
            let ix = newsgraph_model::CharIndex::new(frag);
            let hl = s
                .highlighted()
                .iter()
                .filter(|r| r.start <= r.end && r.end <= frag.len())
                .map(|r| [ix.char_of(r.start), ix.char_of(r.end)])
                .collect();
            return (frag.to_string(), hl);
        }
    }
    (crate::record::opening(text, has_title), Vec::new())
}

impl EmbeddedStore {
    /// `put_batch` and `put_prepared`: `n` articles, the `i`th with what was worked out
    /// of it ahead.
    fn put_all<'p>(
        &self,
        n: usize,
        item: impl Fn(usize) -> (&'p Article, write::Ahead<'p>),
    ) -> Result<Vec<PutOutcome>> {
        if n == 0 {
            return Ok(Vec::new());
        }
        let mut guard = self.writer.lock().map_err(lock_err)?;
        let w = &mut *guard;
        if self.read_only {
            return Err(StoreError::ReadOnly(self.dir.clone()));
        }
        if w.index_writer.is_none() {
            w.index_writer = Some(self.index_writer(std::time::Duration::from_secs(15))?);
        }
        let ingested_at = util::now_rfc3339();
        let mut outcomes = Vec::with_capacity(n);
        let mut inserted = Vec::new();
        {
            let linker = self
                .linking
                .load(std::sync::atomic::Ordering::Relaxed)
                .then_some(&self.linker);
            let cache = &mut w.link_cache;
            let mut write = || -> Result<()> {
                let tx = w.conn.transaction().map_err(db::db_err)?;
                for i in 0..n {
                    let (a, ahead) = item(i);
                    let link = linker.map(|l| (l, &mut *cache));
                    let (outcome, ins) = write::put_article(&tx, a, ahead, &ingested_at, link)?;
                    if let Some(ins) = ins {
                        self.link_nanos
                            .fetch_add(ins.link_nanos, std::sync::atomic::Ordering::Relaxed);
                        inserted.push((i, ins));
                    }
                    outcomes.push(outcome);
                }
                let flushed = std::time::Instant::now();
                cache.flush(&tx)?;
                self.link_nanos.fetch_add(
                    flushed.elapsed().as_nanos() as u64,
                    std::sync::atomic::Ordering::Relaxed,
                );
                tx.commit().map_err(db::db_err)
            };
            if let Err(e) = write() {
                // Rolled back: the cache may hold what the transaction wrote.
                w.link_cache.clear();
                return Err(e);
            }
        }
        if inserted.is_empty() {
            return Ok(outcomes);
        }
        let iw = w
            .index_writer
            .as_mut()
            .ok_or_else(|| StoreError::Index("no index writer".into()))?;
        for (i, ins) in &inserted {
            iw.add_document(index::document(
                &self.fields,
                ins.seq,
                item(*i).0,
                &ins.entity_keys,
            ))
            .map_err(index::ix_err)?;
            w.uncommitted = w.uncommitted.max(ins.seq);
        }
        let interval = self.commit_interval.lock().map(|i| *i).unwrap_or_default();
        if w.last_commit.is_none_or(|t| t.elapsed() >= interval) {
            self.commit_index(w)?;
        }
        Ok(outcomes)
    }
}
