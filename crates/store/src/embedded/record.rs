//! The parts of an entity's registry record beyond its rows: spellings with counts,
//! outlets, corrections, and its quotes deduplicated across the articles carrying them.

use super::db::db_err;
use crate::*;
use rusqlite::{params, Connection};

/// Spellings of `key` with the number of articles using each, most used first.
pub fn alias_counts(conn: &Connection, key: &str) -> Result<Vec<AliasCount>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT spelling, sum(count) AS n FROM entity_aliases WHERE key = ?1
             GROUP BY spelling ORDER BY n DESC, spelling LIMIT 200",
        )
        .map_err(db_err)?;
    let rows = stmt
        .query_map(params![key], |r| {
            Ok(AliasCount {
                text: r.get(0)?,
                count: r.get::<_, i64>(1)?.max(0) as u64,
            })
        })
        .map_err(db_err)?;
    rows.collect::<rusqlite::Result<_>>().map_err(db_err)
}

/// Outlets of the articles mentioning `key`, with article counts, most first.
pub fn outlets(conn: &Connection, key: &str) -> Result<Vec<FacetCount>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT a.source, count(DISTINCT a.seq) AS n FROM mentions m JOIN articles a ON a.seq = m.seq
             WHERE m.key = ?1 AND a.source IS NOT NULL AND a.source <> ''
             GROUP BY a.source ORDER BY n DESC, a.source LIMIT 100",
        )
        .map_err(db_err)?;
    let rows = stmt
        .query_map(params![key], |r| {
            Ok(FacetCount {
                value: r.get(0)?,
                count: r.get::<_, i64>(1)?.max(0) as u64,
            })
        })
        .map_err(db_err)?;
    rows.collect::<rusqlite::Result<_>>().map_err(db_err)
}

/// Refs merged into `key` by corrections (directly or through earlier merges).
pub fn merged_from(conn: &Connection, key: &str) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    let mut todo = vec![key.to_string()];
    let mut stmt = conn
        .prepare_cached("SELECT ref FROM registry_corrections WHERE op = 'merge' AND target = ?1")
        .map_err(db_err)?;
    while let Some(k) = todo.pop() {
        let refs: Vec<String> = stmt
            .query_map(params![k], |r| r.get(0))
            .map_err(db_err)?
            .collect::<rusqlite::Result<_>>()
            .map_err(db_err)?;
        for r in refs {
            if !out.contains(&r) && r != key && out.len() < 1000 {
                out.push(r.clone());
                todo.push(r);
            }
        }
    }
    Ok(out)
}
