//! The link stage's tables (schema 4) behind `newsgraph_link::LinkIndex`: every call is
//! one or two indexed statements on the caller's transaction, or an answer from the
//! writer's `LinkCache` (document frequencies, story profiles).

use super::band_index::BandIndex;
use super::db::{db_err, Q};
use super::link_cache::{json_list, LinkCache};
use crate::record::json_err;
use crate::{Result, StoreError};
use newsgraph_link::{LinkIndex, LinkOutcome, Signature, StoredSignature, StoryHit, StoryProfile};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;
use std::sync::Arc;

/// The link index over one connection (inside the write transaction) and the writer's
/// `LinkCache`. `seq` is the article being linked.
pub struct SqlLinkIndex<'c> {
    conn: &'c Connection,
    cache: &'c mut LinkCache,
    linker: &'c newsgraph_link::Linker,
    seq: i64,
}

impl<'c> SqlLinkIndex<'c> {
    pub fn new(
        conn: &'c Connection,
        cache: &'c mut LinkCache,
        linker: &'c newsgraph_link::Linker,
        seq: i64,
    ) -> Self {
        SqlLinkIndex {
            conn,
            cache,
            linker,
            seq,
        }
    }

    /// The in-memory band index, loaded on first use.
    fn bands(&mut self) -> Result<&mut BandIndex> {
        self.cache.bands(self.conn, self.linker)
    }

    fn touched(&mut self) -> Result<i64> {
        self.cache.total(self.conn)
    }
}

impl LinkIndex for SqlLinkIndex<'_> {
    type Error = StoreError;

    fn doc_freqs(&mut self, keys: &[String]) -> Result<(u64, Vec<u64>)> {
        let n = self.touched()?;
        let dfs = self.cache.doc_freqs(self.conn, keys)?;
        Ok((
            n.max(0) as u64,
            dfs.into_iter().map(|d| d.max(0) as u64).collect(),
        ))
    }

    fn add_doc_freqs(&mut self, keys: &[String]) -> Result<()> {
        self.cache.add_doc_freqs(self.conn, keys)
    }

    fn band_matches(&mut self, bands: &[i64], limit: usize) -> Result<Vec<StoredSignature>> {
        let seqs = self.bands()?.matches(bands, limit);
        if seqs.is_empty() {
            return Ok(Vec::new());
        }
        // The candidates' rows in one statement.
        let mut get = self.conn.q(
            "SELECT a.id, l.story, l.duplicate_of, l.signature FROM article_links l
             JOIN articles a ON a.seq = l.seq
             WHERE l.seq IN (SELECT value FROM json_each(?1)) ORDER BY l.seq",
        )?;
        let rows = get
            .query_map(params![json_list(&seqs)?], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Vec<u8>>(3)?,
                ))
            })
            .map_err(db_err)?;
        let mut out = Vec::new();
        for row in rows {
            let (article, story, duplicate_of, sig) = row.map_err(db_err)?;
            let Some(signature) = Signature::from_bytes(&sig) else {
                continue;
            };
            out.push(StoredSignature {
                article,
                story,
                duplicate_of,
                signature,
            });
        }
        Ok(out)
    }

    fn stories_by_keys(
        &mut self,
        keys: &[String],
        since_day: Option<i32>,
        per_key: usize,
    ) -> Result<Vec<StoryHit>> {
        // From the writer's memory after a key's first ask (`postings_cache.rs`).
        let mut hits: HashMap<String, u32> = HashMap::new();
        for k in keys {
            self.cache
                .postings
                .stories(self.conn, k, since_day, per_key, |story| {
                    match hits.get_mut(story) {
                        Some(n) => *n += 1,
                        None => {
                            hits.insert(story.to_string(), 1);
                        }
                    }
                })?;
        }
        Ok(hits
            .into_iter()
            .map(|(story, hits)| StoryHit { story, hits })
            .collect())
    }

    fn load_story(&mut self, id: &str) -> Result<Option<Arc<StoryProfile>>> {
        if let Some(p) = self.cache.profile(id) {
            return Ok(Some(p));
        }
        let p = load_profile(self.conn, id)?.map(Arc::new);
        if let Some(p) = &p {
            self.cache.put_shared_profile(p.clone());
        }
        Ok(p)
    }

    fn save_story(&mut self, p: &StoryProfile, keys: &[String]) -> Result<()> {
        let touched = self.touched()?;
        let json = serde_json::to_string(p).map_err(|e| json_err(&p.id, e))?;
        self.conn
            .q("INSERT INTO stories (id, label, article_count, first_day, last_day, touched, profile)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                ON CONFLICT (id) DO UPDATE SET label = ?2, article_count = ?3, first_day = ?4,
                  last_day = ?5, touched = ?6, profile = ?7")?
            .execute(params![p.id, p.label, p.articles, p.first_day, p.last_day, touched, json])
            .map_err(db_err)?;
        self.conn
            .q("DELETE FROM story_keys WHERE story = ?1")?
            .execute(params![p.id])
            .map_err(db_err)?;
        self.conn
            .q(
                "INSERT OR IGNORE INTO story_keys (key, story, touched, last_day)
                SELECT value, ?2, ?3, ?4 FROM json_each(?1)",
            )?
            .execute(params![json_list(keys)?, p.id, touched, p.last_day])
            .map_err(db_err)?;
        self.cache.postings.saved(&p.id, keys, touched, p.last_day);
        self.cache.put_profile(p);
        Ok(())
    }

    fn record_article(
        &mut self,
        _article: &str,
        o: &LinkOutcome,
        sig: &Signature,
        bands: &[i64],
    ) -> Result<()> {
        self.conn
            .q("INSERT OR REPLACE INTO article_links (seq, story, duplicate_of, similarity, score, signature)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
            .execute(params![
                self.seq,
                o.story,
                o.duplicate_of.as_ref().map(|d| d.0.as_str()),
                o.duplicate_of.as_ref().map(|d| d.1 as f64),
                o.score as f64,
                sig.to_bytes()
            ])
            .map_err(db_err)?;
        // The bands go to the writer's memory only (`band_index.rs`): they are a
        // function of the signature just stored.
        let seq = self.seq;
        self.bands()?.add(seq, bands);
        Ok(())
    }

    fn merge_story(&mut self, old: &str, into: &StoryProfile, keys: &[String]) -> Result<()> {
        self.conn
            .q("UPDATE article_links SET story = ?2 WHERE story = ?1")?
            .execute(params![old, into.id])
            .map_err(db_err)?;
        self.conn
            .q("DELETE FROM story_keys WHERE story = ?1")?
            .execute(params![old])
            .map_err(db_err)?;
        self.conn
            .q("DELETE FROM stories WHERE id = ?1")?
            .execute(params![old])
            .map_err(db_err)?;
        self.cache.drop_profile(old);
        self.cache.postings.removed(old);
        // Earlier merges into `old` now point at the survivor too (one hop to resolve).
        self.conn
            .q("UPDATE story_merges SET new = ?2 WHERE new = ?1")?
            .execute(params![old, into.id])
            .map_err(db_err)?;
        self.conn
            .q("INSERT OR REPLACE INTO story_merges (old, new, merged_at) VALUES (?1, ?2, ?3)")?
            .execute(params![old, into.id, super::util::now_rfc3339()])
            .map_err(db_err)?;
        self.save_story(into, keys)
    }

    fn story_ids(&mut self, after: Option<&str>, limit: usize) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .q("SELECT id FROM stories WHERE id > ?1 ORDER BY id LIMIT ?2")?;
        let rows = stmt
            .query_map(params![after.unwrap_or(""), limit as i64], |r| r.get(0))
            .map_err(db_err)?;
        rows.collect::<rusqlite::Result<Vec<String>>>()
            .map_err(db_err)
    }
}

pub fn load_profile(conn: &Connection, id: &str) -> Result<Option<StoryProfile>> {
    let json: Option<String> = conn
        .q("SELECT profile FROM stories WHERE id = ?1")?
        .query_row(params![id], |r| r.get(0))
        .optional()
        .map_err(db_err)?;
    json.map(|j| serde_json::from_str(&j).map_err(|e| json_err(id, e)))
        .transpose()
}

/// The current id of a story: itself, or what a `relink` merged it into.
pub fn resolve_story(conn: &Connection, id: &str) -> Result<Option<String>> {
    if conn
        .q("SELECT 1 FROM stories WHERE id = ?1")?
        .exists(params![id])
        .map_err(db_err)?
    {
        return Ok(Some(id.to_string()));
    }
    conn.q("SELECT new FROM story_merges WHERE old = ?1")?
        .query_row(params![id], |r| r.get(0))
        .optional()
        .map_err(db_err)
}
