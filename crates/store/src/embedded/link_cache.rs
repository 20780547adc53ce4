//! The link stage's working set, kept by the writer from one article to the next.
//!
//! Each arriving article reads ~90 document frequencies and up to `max_candidates`
//! story profiles; at 100k stored articles those point lookups and JSON parses were
//! most of the link stage's time (`bench/stories/run`). The writer is the only one
//! who changes these rows (the embedded store has one writer, under its mutex), so
//! what it read or wrote stays true until it writes again:
//!
//! - **document frequencies** are cached as read (misses in one statement), and the
//!   increments of a batch are kept here and written once per key when the batch's
//!   transaction is about to commit (`flush`), in key order;
//! - **story profiles** are cached as loaded or saved, in a bounded LRU; a merge
//!   drops the merged story;
//! - **story postings** of the keys asked for (`postings_cache.rs`), read once per key
//!   and then kept up to date by the saves;
//! - **LSH bands** live only here (`band_index.rs`), loaded from the snapshot of the
//!   last close and the signatures stored after it when the cache is empty, and
//!   snapshotted again at close (`save_bands`).
//!
//! The database stays the truth: a batch whose transaction fails clears the cache
//! (`clear`), so the next batch reads what was committed.

use super::band_index::BandIndex;
use super::db::{db_err, Q};
use crate::record::json_err;
use crate::Result;
use newsgraph_link::{Linker, StoryProfile};
use rusqlite::{params, Connection};
use std::collections::HashMap;
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::sync::Arc;

/// Document frequencies kept; past it the table is dropped after a flush and refilled
/// from SQLite (a 100k-article synthetic store has ~300k keys: ~30 MB).
const DF_KEYS: usize = 1 << 20;
/// Story profiles kept (the candidates of the recent news cycle; ~5 kB each).
const PROFILES: usize = 8192;

pub struct LinkCache {
    /// Articles linked (the `''` row of `link_df`), once read; includes `pending`.
    total: Option<i64>,
    /// Key → document frequency, as stored plus `pending`.
    df: HashMap<String, i64>,
    /// Increments not yet written, and the count of articles they add to `''`.
    pending: HashMap<String, i64>,
    pending_total: i64,
    profiles: lru::LruCache<String, Arc<StoryProfile>>,
    /// The LSH bands of every linked article (`band_index.rs`), built on first use.
    pub bands: Option<super::band_index::BandIndex>,
    /// Story postings of the keys asked for (`postings_cache.rs`).
    pub postings: super::postings_cache::PostingsCache,
    /// Where the band index is snapshotted (none: a read-only store).
    pub band_file: Option<PathBuf>,
}

impl Default for LinkCache {
    fn default() -> Self {
        LinkCache {
            band_file: None,
            total: None,
            df: HashMap::new(),
            pending: HashMap::new(),
            pending_total: 0,
            profiles: lru::LruCache::new(NonZeroUsize::new(PROFILES).expect("non-zero")),
            bands: None,
            postings: Default::default(),
        }
    }
}

impl LinkCache {
    pub fn new(band_file: Option<PathBuf>) -> Self {
        LinkCache {
            band_file,
            ..LinkCache::default()
        }
    }

    /// Forgets everything (after a failed transaction: what it wrote is gone).
    pub fn clear(&mut self) {
        *self = LinkCache::new(self.band_file.take());
    }

    /// The band index, loaded on first use (`band_index.rs`).
    pub fn bands(&mut self, conn: &Connection, linker: &Linker) -> Result<&mut BandIndex> {
        if self.bands.is_none() {
            self.bands = Some(BandIndex::load(conn, linker, self.band_file.as_deref())?);
        }
        Ok(self.bands.get_or_insert_with(BandIndex::default))
    }

    /// Snapshots the band index for the next open, when it was loaded and enough is new.
    /// Only when everything linked is committed.
    pub fn save_bands(&self, conn: &Connection, linker: &Linker) -> Result<bool> {
        match (&self.bands, &self.band_file) {
            (Some(b), Some(f)) => {
                b.save_if_worth(conn, linker, f, super::band_index::SNAPSHOT_MIN_NEW)
            }
            _ => Ok(false),
        }
    }

    /// The number of linked articles.
    pub fn total(&mut self, conn: &Connection) -> Result<i64> {
        if let Some(t) = self.total {
            return Ok(t);
        }
        let t = self.read_df(conn, &[String::new()])?[0];
        self.total = Some(t);
        Ok(t)
    }

    /// The document frequency of each key (0 when unseen).
    pub fn doc_freqs(&mut self, conn: &Connection, keys: &[String]) -> Result<Vec<i64>> {
        let missing: Vec<String> = keys
            .iter()
            .filter(|k| !self.df.contains_key(*k))
            .cloned()
            .collect();
        if !missing.is_empty() {
            let got = self.read_df(conn, &missing)?;
            for (k, df) in missing.into_iter().zip(got) {
                self.df.insert(k, df);
            }
        }
        Ok(keys
            .iter()
            .map(|k| self.df.get(k).copied().unwrap_or(0))
            .collect())
    }

    /// Counts one more article holding each of `keys` (written by `flush`).
    pub fn add_doc_freqs(&mut self, conn: &Connection, keys: &[String]) -> Result<()> {
        // Known values first, so the cache stays exact.
        self.doc_freqs(conn, keys)?;
        let total = self.total(conn)?;
        self.total = Some(total + 1);
        self.pending_total += 1;
        for k in keys.iter().filter(|k| !k.is_empty()) {
            *self.df.entry(k.clone()).or_default() += 1;
            *self.pending.entry(k.clone()).or_default() += 1;
        }
        Ok(())
    }

    /// Writes the pending increments (in the caller's transaction, before it commits).
    pub fn flush(&mut self, conn: &Connection) -> Result<()> {
        if self.pending_total == 0 && self.pending.is_empty() {
            return Ok(());
        }
        let mut stmt = conn.q("INSERT INTO link_df (key, df) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET df = df + ?2")?;
        if self.pending_total > 0 {
            stmt.execute(params!["", self.pending_total])
                .map_err(db_err)?;
        }
        let mut pending: Vec<(String, i64)> = self.pending.drain().collect();
        pending.sort_unstable();
        for (k, n) in pending {
            stmt.execute(params![k, n]).map_err(db_err)?;
        }
        self.pending_total = 0;
        if self.df.len() > DF_KEYS {
            self.df = HashMap::new();
        }
        Ok(())
    }

    /// Stored document frequencies of `keys` (0 when absent), plus what is pending.
    fn read_df(&self, conn: &Connection, keys: &[String]) -> Result<Vec<i64>> {
        let json = json_list(keys)?;
        let mut stmt =
            conn.q("SELECT key, df FROM link_df WHERE key IN (SELECT value FROM json_each(?1))")?;
        let mut found: HashMap<String, i64> = HashMap::with_capacity(keys.len());
        let rows = stmt
            .query_map(params![json], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))
            .map_err(db_err)?;
        for r in rows {
            let (k, df) = r.map_err(db_err)?;
            found.insert(k, df);
        }
        Ok(keys
            .iter()
            .map(|k| {
                let pending = if k.is_empty() {
                    self.pending_total
                } else {
                    self.pending.get(k).copied().unwrap_or(0)
                };
                found.get(k).copied().unwrap_or(0).max(0) + pending
            })
            .collect())
    }

    pub fn profile(&mut self, id: &str) -> Option<Arc<StoryProfile>> {
        self.profiles.get(id).cloned()
    }

    pub fn put_profile(&mut self, p: &StoryProfile) {
        self.put_shared_profile(Arc::new(p.clone()));
    }

    pub fn put_shared_profile(&mut self, p: Arc<StoryProfile>) {
        self.profiles.put(p.id.clone(), p);
    }

    pub fn drop_profile(&mut self, id: &str) {
        self.profiles.pop(id);
    }
}

/// A list as one JSON array parameter, for `IN (SELECT value FROM json_each(?))` and
/// `INSERT ... SELECT ... FROM json_each(?)`: one statement for the whole list instead of
/// one per element.
pub(super) fn json_list<T: serde::Serialize>(items: &[T]) -> Result<String> {
    serde_json::to_string(items).map_err(|e| json_err("(list)", e))
}
