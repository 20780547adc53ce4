//! The rows of `crate::answer` (claims answered across a story) in SQLite, read and
//! written in the writer's transaction right after the link stage.

use super::db::db_err;
use crate::answer::{ClaimRows, ClaimSide, MAX_CANDIDATES};
use crate::Result;
use rusqlite::{params, OptionalExtension, Transaction};

pub struct SqlClaimRows<'a, 'c>(pub &'a Transaction<'c>);

fn side(r: &rusqlite::Row) -> rusqlite::Result<ClaimSide> {
    Ok(ClaimSide {
        seq: r.get(0)?,
        local_id: r.get(1)?,
        holder_key: r.get(2)?,
        content_key: r.get(3)?,
    })
}

impl ClaimRows for SqlClaimRows<'_, '_> {
    fn story_of(&mut self, seq: i64) -> Result<Option<String>> {
        self.0
            .prepare_cached("SELECT story FROM article_links WHERE seq = ?1")
            .map_err(db_err)?
            .query_row(params![seq], |r| r.get(0))
            .optional()
            .map_err(db_err)
    }

    fn own_claims(&mut self, seq: i64, assertions: bool) -> Result<Vec<ClaimSide>> {
        let sql = if assertions {
            "SELECT seq, local_id, holder_key, content_key FROM claims
             WHERE seq = ?1 AND stance = 'assert'"
        } else {
            "SELECT seq, local_id, holder_key, content_key FROM claims
             WHERE seq = ?1 AND stance <> 'assert' AND answers_seq IS NULL"
        };
        let mut st = self.0.prepare_cached(sql).map_err(db_err)?;
        let rows = st.query_map(params![seq], side).map_err(db_err)?;
        rows.collect::<rusqlite::Result<_>>().map_err(db_err)
    }

    fn story_claims(&mut self, story: &str, seq: i64, assertions: bool) -> Result<Vec<ClaimSide>> {
        let sql = if assertions {
            "SELECT c.seq, c.local_id, c.holder_key, c.content_key
             FROM article_links l JOIN claims c ON c.seq = l.seq
             WHERE l.story = ?1 AND l.seq <> ?2 AND c.stance = 'assert'
             ORDER BY l.seq DESC LIMIT ?3"
        } else {
            "SELECT c.seq, c.local_id, c.holder_key, c.content_key
             FROM article_links l JOIN claims c ON c.seq = l.seq
             WHERE l.story = ?1 AND l.seq <> ?2 AND c.stance <> 'assert'
               AND c.answers_seq IS NULL
             ORDER BY l.seq DESC LIMIT ?3"
        };
        let mut st = self.0.prepare_cached(sql).map_err(db_err)?;
        let rows = st
            .query_map(params![story, seq, MAX_CANDIDATES as i64], side)
            .map_err(db_err)?;
        rows.collect::<rusqlite::Result<_>>().map_err(db_err)
    }

    fn link(&mut self, response: &ClaimSide, claim: &ClaimSide) -> Result<()> {
        self.0
            .prepare_cached(
                "UPDATE claims SET answers_seq = ?3, answers_local = ?4
                 WHERE seq = ?1 AND local_id = ?2",
            )
            .map_err(db_err)?
            .execute(params![
                response.seq,
                response.local_id,
                claim.seq,
                claim.local_id
            ])
            .map_err(db_err)?;
        self.0
            .prepare_cached(
                "UPDATE claims SET n_responses = n_responses + 1 WHERE seq = ?1 AND local_id = ?2",
            )
            .map_err(db_err)?
            .execute(params![claim.seq, claim.local_id])
            .map_err(db_err)?;
        Ok(())
    }
}
