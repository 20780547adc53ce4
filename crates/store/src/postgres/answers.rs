//! The rows of `crate::answer` (claims answered across a story) in PostgreSQL, read
//! and written in the writer's transaction right after the link stage.

use super::conn::Conn;
use crate::answer::{ClaimRows, ClaimSide, MAX_CANDIDATES};
use crate::Result;

pub struct PgClaimRows<'a>(pub &'a mut Conn);

fn sides(rows: Vec<::postgres::Row>) -> Vec<ClaimSide> {
    rows.iter()
        .map(|r| ClaimSide {
            seq: r.get(0),
            local_id: r.get(1),
            holder_key: r.get(2),
            content_key: r.get(3),
        })
        .collect()
}

impl ClaimRows for PgClaimRows<'_> {
    fn story_of(&mut self, seq: i64) -> Result<Option<String>> {
        Ok(self
            .0
            .query_opt("SELECT story FROM article_links WHERE seq = $1", &[&seq])?
            .map(|r| r.get(0)))
    }

    fn own_claims(&mut self, seq: i64, assertions: bool) -> Result<Vec<ClaimSide>> {
        let sql = if assertions {
            "SELECT seq, local_id, holder_key, content_key FROM claims
             WHERE seq = $1 AND stance = 'assert'"
        } else {
            "SELECT seq, local_id, holder_key, content_key FROM claims
             WHERE seq = $1 AND stance <> 'assert' AND answers_seq IS NULL"
        };
        Ok(sides(self.0.query(sql, &[&seq])?))
    }

    fn story_claims(&mut self, story: &str, seq: i64, assertions: bool) -> Result<Vec<ClaimSide>> {
        let sql = if assertions {
            "SELECT c.seq, c.local_id, c.holder_key, c.content_key
             FROM article_links l JOIN claims c ON c.seq = l.seq
             WHERE l.story = $1 AND l.seq <> $2 AND c.stance = 'assert'
             ORDER BY l.seq DESC LIMIT $3"
        } else {
            "SELECT c.seq, c.local_id, c.holder_key, c.content_key
             FROM article_links l JOIN claims c ON c.seq = l.seq
             WHERE l.story = $1 AND l.seq <> $2 AND c.stance <> 'assert'
               AND c.answers_seq IS NULL
             ORDER BY l.seq DESC LIMIT $3"
        };
        Ok(sides(
            self.0
                .query(sql, &[&story, &seq, &(MAX_CANDIDATES as i64)])?,
        ))
    }

    fn link(&mut self, response: &ClaimSide, claim: &ClaimSide) -> Result<()> {
        self.0.execute(
            "UPDATE claims SET answers_seq = $3, answers_local = $4
             WHERE seq = $1 AND local_id = $2",
            &[
                &response.seq,
                &response.local_id,
                &claim.seq,
                &claim.local_id,
            ],
        )?;
        self.0.execute(
            "UPDATE claims SET n_responses = n_responses + 1 WHERE seq = $1 AND local_id = $2",
            &[&claim.seq, &claim.local_id],
        )?;
        Ok(())
    }
}
