//! The link stage's tables (schema 4) behind `newsgraph_link::LinkIndex`, on the
//! caller's transaction: the embedded store's `embedded/link.rs` in PostgreSQL, with
//! the per-key loops turned into one `ANY($1)` statement each.

use super::conn::Conn;
use crate::record::json_err;
use crate::{Result, StoreError};
use newsgraph_link::{LinkIndex, LinkOutcome, Signature, StoredSignature, StoryHit, StoryProfile};
use std::collections::HashMap;
use std::sync::Arc;

/// The link index over one connection inside the write transaction; `seq` is the
/// article being linked.
pub struct PgLinkIndex<'c> {
    c: &'c mut Conn,
    seq: i64,
    touched: Option<i64>,
}

impl<'c> PgLinkIndex<'c> {
    pub fn new(c: &'c mut Conn, seq: i64) -> Self {
        PgLinkIndex {
            c,
            seq,
            touched: None,
        }
    }

    fn touched(&mut self) -> Result<i64> {
        if let Some(t) = self.touched {
            return Ok(t);
        }
        let t = self
            .c
            .query_opt("SELECT df FROM link_df WHERE key = ''", &[])?
            .map(|r| r.get::<_, i64>(0))
            .unwrap_or(0);
        self.touched = Some(t);
        Ok(t)
    }
}

impl LinkIndex for PgLinkIndex<'_> {
    type Error = StoreError;

    fn doc_freqs(&mut self, keys: &[String]) -> Result<(u64, Vec<u64>)> {
        let n = self.touched()?;
        let found: HashMap<String, i64> = self
            .c
            .query("SELECT key, df FROM link_df WHERE key = ANY($1)", &[&keys])?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        let dfs = keys
            .iter()
            .map(|k| found.get(k).copied().unwrap_or(0).max(0) as u64)
            .collect();
        Ok((n.max(0) as u64, dfs))
    }

    fn add_doc_freqs(&mut self, keys: &[String]) -> Result<()> {
        let mut all: Vec<&str> = vec![""];
        all.extend(keys.iter().map(String::as_str).filter(|k| !k.is_empty()));
        // Sorted: two transactions upserting the same keys lock them in one order.
        all.sort_unstable();
        all.dedup();
        self.c.execute(
            "INSERT INTO link_df (key, df) SELECT k, 1 FROM unnest($1::text[]) AS k
             ON CONFLICT (key) DO UPDATE SET df = link_df.df + 1",
            &[&all],
        )?;
        self.touched = self.touched.map(|t| t + 1);
        Ok(())
    }

    fn band_matches(&mut self, bands: &[i64], limit: usize) -> Result<Vec<StoredSignature>> {
        let rows = self.c.query(
            "SELECT a.id, l.story, l.duplicate_of, l.signature FROM article_links l
             JOIN articles a ON a.seq = l.seq
             WHERE l.seq IN (SELECT b.seq FROM unnest($1::bigint[]) AS q(band),
                             LATERAL (SELECT seq FROM lsh_bands WHERE band = q.band
                                      ORDER BY seq LIMIT $2) b)
             ORDER BY l.seq LIMIT $2",
            &[&bands, &(limit as i64)],
        )?;
        Ok(rows
            .iter()
            .filter_map(|r| {
                let sig: &[u8] = r.get(3);
                Some(StoredSignature {
                    article: r.get(0),
                    story: r.get(1),
                    duplicate_of: r.get(2),
                    signature: Signature::from_bytes(sig)?,
                })
            })
            .collect())
    }

    fn stories_by_keys(
        &mut self,
        keys: &[String],
        since_day: Option<i32>,
        per_key: usize,
    ) -> Result<Vec<StoryHit>> {
        let rows = self.c.query(
            "SELECT s.story, count(*) FROM unnest($1::text[]) AS q(key),
               LATERAL (SELECT story FROM story_keys WHERE key = q.key
                        AND ($2::int IS NULL OR last_day IS NULL OR last_day >= $2)
                        ORDER BY touched DESC LIMIT $3) s
             GROUP BY s.story",
            &[&keys, &since_day, &(per_key as i64)],
        )?;
        Ok(rows
            .iter()
            .map(|r| StoryHit {
                story: r.get(0),
                hits: r.get::<_, i64>(1).clamp(0, u32::MAX as i64) as u32,
            })
            .collect())
    }

    fn load_story(&mut self, id: &str) -> Result<Option<Arc<StoryProfile>>> {
        Ok(load_profile(self.c, id)?.map(Arc::new))
    }

    fn save_story(&mut self, p: &StoryProfile, keys: &[String]) -> Result<()> {
        let touched = self.touched()?;
        let json = serde_json::to_string(p).map_err(|e| json_err(&p.id, e))?;
        self.c.execute(
            "INSERT INTO stories (id, label, article_count, first_day, last_day, touched, profile)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (id) DO UPDATE SET label = $2, article_count = $3, first_day = $4,
               last_day = $5, touched = $6, profile = $7",
            &[
                &p.id,
                &p.label,
                &(p.articles as i64),
                &p.first_day,
                &p.last_day,
                &touched,
                &json,
            ],
        )?;
        self.c
            .execute("DELETE FROM story_keys WHERE story = $1", &[&p.id])?;
        self.c.execute(
            "INSERT INTO story_keys (key, story, touched, last_day)
             SELECT k, $2, $3, $4 FROM unnest($1::text[]) AS k ON CONFLICT DO NOTHING",
            &[&keys, &p.id, &touched, &p.last_day],
        )?;
        Ok(())
    }

    fn record_article(
        &mut self,
        _article: &str,
        o: &LinkOutcome,
        sig: &Signature,
        bands: &[i64],
    ) -> Result<()> {
        self.c.execute(
            "INSERT INTO article_links (seq, story, duplicate_of, similarity, score, signature)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (seq) DO UPDATE SET story = $2, duplicate_of = $3, similarity = $4,
               score = $5, signature = $6",
            &[
                &self.seq,
                &o.story,
                &o.duplicate_of.as_ref().map(|d| d.0.as_str()),
                &o.duplicate_of.as_ref().map(|d| d.1 as f64),
                &(o.score as f64),
                &sig.to_bytes(),
            ],
        )?;
        self.c.execute(
            "INSERT INTO lsh_bands (band, seq) SELECT b, $2 FROM unnest($1::bigint[]) AS b
             ON CONFLICT DO NOTHING",
            &[&bands, &self.seq],
        )?;
        Ok(())
    }

    fn merge_story(&mut self, old: &str, into: &StoryProfile, keys: &[String]) -> Result<()> {
        self.c.execute(
            "UPDATE article_links SET story = $2 WHERE story = $1",
            &[&old, &into.id],
        )?;
        self.c
            .execute("DELETE FROM story_keys WHERE story = $1", &[&old])?;
        self.c
            .execute("DELETE FROM stories WHERE id = $1", &[&old])?;
        // Earlier merges into `old` now point at the survivor too (one hop to resolve).
        self.c.execute(
            "UPDATE story_merges SET new = $2 WHERE new = $1",
            &[&old, &into.id],
        )?;
        self.c.execute(
            "INSERT INTO story_merges (old, new, merged_at) VALUES ($1, $2, $3)
             ON CONFLICT (old) DO UPDATE SET new = $2, merged_at = $3",
            &[&old, &into.id, &crate::util::now_rfc3339()],
        )?;
        self.save_story(into, keys)
    }

    fn story_ids(&mut self, after: Option<&str>, limit: usize) -> Result<Vec<String>> {
        Ok(self
            .c
            .query(
                "SELECT id FROM stories WHERE id > $1 ORDER BY id LIMIT $2",
                &[&after.unwrap_or(""), &(limit as i64)],
            )?
            .iter()
            .map(|r| r.get(0))
            .collect())
    }
}

pub fn load_profile(c: &mut Conn, id: &str) -> Result<Option<StoryProfile>> {
    c.query_opt("SELECT profile FROM stories WHERE id = $1", &[&id])?
        .map(|r| serde_json::from_str(r.get(0)).map_err(|e| json_err(id, e)))
        .transpose()
}

/// The current id of a story: itself, or what a `relink` merged it into.
pub fn resolve_story(c: &mut Conn, id: &str) -> Result<Option<String>> {
    if c.query_opt("SELECT 1 FROM stories WHERE id = $1", &[&id])?
        .is_some()
    {
        return Ok(Some(id.to_string()));
    }
    Ok(
        c.query_opt("SELECT new FROM story_merges WHERE old = $1", &[&id])?
            .map(|r| r.get(0)),
    )
}
