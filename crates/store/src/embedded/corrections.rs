//! Registry corrections on SQLite: merging two registry entities and splitting an
//! article's entity off into a new one. Each runs in one transaction, validates first
//! (nothing changes on a refused correction) and is recorded in `registry_corrections`,
//! which the write path consults so later ingests respect it: a merged-away ref
//! redirects to the entity it was merged into, and a split-off entity never re-merges
//! into the one it was split from.

use super::db::db_err;
use super::util::now_rfc3339;
use crate::*;
use rusqlite::{params, OptionalExtension, Transaction};

fn refused(msg: String) -> StoreError {
    StoreError::Correction(msg)
}

fn kind_of(tx: &Transaction, r: &str) -> Result<Option<String>> {
    tx.prepare_cached("SELECT kind FROM entities WHERE key = ?1")
        .map_err(db_err)?
        .query_row(params![r], |row| row.get(0))
        .optional()
        .map_err(db_err)
}

/// The ref `r` now stands for: itself, or where merges sent it (followed to the end).
pub fn current_ref(tx: &rusqlite::Connection, r: &str) -> Result<String> {
    let mut cur = r.to_string();
    for _ in 0..32 {
        let next: Option<String> = tx
            .prepare_cached(
                "SELECT target FROM registry_corrections WHERE op = 'merge' AND ref = ?1
                 ORDER BY id DESC LIMIT 1",
            )
            .map_err(db_err)?
            .query_row(params![cur], |row| row.get(0))
            .optional()
            .map_err(db_err)?;
        match next {
            Some(n) if n != cur => cur = n,
            _ => break,
        }
    }
    Ok(cur)
}

/// The articles that mention the entity `r` stands for now (after merges and splits),
/// in seq order: what a search filtered by `r` may return.
pub fn entity_seqs(conn: &rusqlite::Connection, r: &str) -> Result<Vec<i64>> {
    let cur = current_ref(conn, r)?;
    let mut st = conn
        .prepare_cached("SELECT DISTINCT seq FROM mentions WHERE key = ?1 ORDER BY seq")
        .map_err(db_err)?;
    let rows = st
        .query_map(params![cur], |row| row.get(0))
        .map_err(db_err)?;
    rows.collect::<rusqlite::Result<_>>().map_err(db_err)
}

/// Moves every row of `from` to `into` in a table with a `key`-like column, where the
/// row's primary key includes that column (rows already under `into` win).
fn move_rows(tx: &Transaction, table: &str, col: &str, from: &str, into: &str) -> Result<()> {
    tx.execute(
        &format!("UPDATE OR IGNORE {table} SET {col} = ?2 WHERE {col} = ?1"),
        params![from, into],
    )
    .map_err(db_err)?;
    tx.execute(
        &format!("DELETE FROM {table} WHERE {col} = ?1"),
        params![from],
    )
    .map_err(db_err)?;
    Ok(())
}

/// Recounts an entity's mentions and articles from its `mentions` rows.
fn recount(tx: &Transaction, r: &str) -> Result<()> {
    tx.execute(
        "UPDATE entities SET
            mention_count = (SELECT coalesce(sum(max(count, 1)), 0) FROM mentions WHERE key = ?1),
            article_count = (SELECT count(DISTINCT seq) FROM mentions WHERE key = ?1)
         WHERE key = ?1",
        params![r],
    )
    .map_err(db_err)?;
    Ok(())
}

fn record(tx: &Transaction, op: &str, r: &str, target: &str, seq: Option<i64>) -> Result<()> {
    tx.execute(
        "INSERT INTO registry_corrections (op, ref, target, seq, at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![op, r, target, seq, now_rfc3339()],
    )
    .map_err(db_err)?;
    Ok(())
}

/// Merges registry entity `from` into `into`.
pub fn merge(tx: &Transaction, from: &str, into: &str) -> Result<MergeOutcome> {
    if from == into {
        return Err(refused(format!(
            "merge: {from} and {into} are the same entity"
        )));
    }
    let kf =
        kind_of(tx, from)?.ok_or_else(|| refused(format!("merge: unknown entity ref {from}")))?;
    let ki =
        kind_of(tx, into)?.ok_or_else(|| refused(format!("merge: unknown entity ref {into}")))?;
    if kf != ki {
        return Err(refused(format!(
            "merge: {from} is a {kf} and {into} is a {ki}; only entities of one kind merge"
        )));
    }
    move_entity(tx, from, into)
}

/// Folds the same-name entities of other kinds into the kind the articles agree on
/// (`crate::kinds`), for the names of `keys` (the entities an article was linked to):
/// one statement reads their counts; a fold is a recorded merge across kinds, which
/// only the write path makes (a user's merge stays within one kind).
pub fn settle_kinds(tx: &Transaction, keys: &[String]) -> Result<()> {
    let probe = crate::kinds::probe_keys(keys);
    if probe.is_empty() {
        return Ok(());
    }
    let json = serde_json::to_string(&probe).map_err(|e| crate::record::json_err(&probe[0], e))?;
    let rows: Vec<(String, u64)> = {
        let mut st = tx
            .prepare_cached(
                "SELECT key, article_count FROM entities
                 WHERE key IN (SELECT value FROM json_each(?1))",
            )
            .map_err(db_err)?;
        let rows = st
            .query_map(params![json], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?.max(0) as u64))
            })
            .map_err(db_err)?;
        rows.collect::<rusqlite::Result<_>>().map_err(db_err)?
    };
    for (from, into) in crate::kinds::kind_folds(&rows) {
        move_entity(tx, &from, &into)?;
    }
    Ok(())
}

/// Moves every row of registry entity `from` to `into`, drops `from` and records the
/// merge (validated by the caller).
fn move_entity(tx: &Transaction, from: &str, into: &str) -> Result<MergeOutcome> {
    let moved: i64 = tx
        .query_row(
            "SELECT count(*) FROM mentions WHERE key = ?1",
            params![from],
            |r| r.get(0),
        )
        .map_err(db_err)?;
    tx.execute(
        "UPDATE mentions SET key = ?2 WHERE key = ?1",
        params![from, into],
    )
    .map_err(db_err)?;
    for (table, col) in [("quotes", "speaker_key"), ("claims", "holder_key")] {
        tx.execute(
            &format!("UPDATE {table} SET {col} = ?2 WHERE {col} = ?1"),
            params![from, into],
        )
        .map_err(db_err)?;
    }
    move_rows(tx, "event_entities", "key", from, into)?;
    move_rows(tx, "entity_aliases", "key", from, into)?;
    tx.execute(
        "INSERT INTO entity_descriptors (key, text, count, first_seen, last_seen)
         SELECT ?2, text, count, first_seen, last_seen FROM entity_descriptors WHERE key = ?1 AND true
         ON CONFLICT (key, text) DO UPDATE SET count = count + excluded.count,
            first_seen = min(coalesce(first_seen, excluded.first_seen), coalesce(excluded.first_seen, first_seen)),
            last_seen = max(coalesce(last_seen, excluded.last_seen), coalesce(excluded.last_seen, last_seen))",
        params![from, into],
    )
    .map_err(db_err)?;
    tx.execute(
        "DELETE FROM entity_descriptors WHERE key = ?1",
        params![from],
    )
    .map_err(db_err)?;
    tx.execute("DELETE FROM entities WHERE key = ?1", params![from])
        .map_err(db_err)?;
    recount(tx, into)?;
    record(tx, "merge", from, into, None)?;
    Ok(MergeOutcome {
        from: from.to_string(),
        into: into.to_string(),
        mentions_moved: moved.max(0) as u64,
    })
}

/// Splits the entity `r` of one article (by its seq) off into a new registry entity.
pub fn split(tx: &Transaction, r: &str, article_id: &str) -> Result<SplitOutcome> {
    let kind = kind_of(tx, r)?.ok_or_else(|| refused(format!("split: unknown entity ref {r}")))?;
    let seq: i64 = tx
        .prepare_cached("SELECT seq FROM articles WHERE id = ?1")
        .map_err(db_err)?
        .query_row(params![article_id], |row| row.get(0))
        .optional()
        .map_err(db_err)?
        .ok_or_else(|| refused(format!("split: unknown article {article_id}")))?;
    let rows: Vec<(String, String)> = tx
        .prepare_cached("SELECT local_id, name FROM mentions WHERE seq = ?1 AND key = ?2")
        .map_err(db_err)?
        .query_map(params![seq, r], |row| Ok((row.get(0)?, row.get(1)?)))
        .map_err(db_err)?
        .collect::<rusqlite::Result<_>>()
        .map_err(db_err)?;
    if rows.is_empty() {
        return Err(refused(format!(
            "split: article {article_id} does not mention {r}"
        )));
    }
    let total: i64 = tx
        .query_row(
            "SELECT count(DISTINCT seq) FROM mentions WHERE key = ?1",
            params![r],
            |row| row.get(0),
        )
        .map_err(db_err)?;
    if total <= 1 {
        return Err(refused(format!(
            "split: {article_id} is the only article of {r}; nothing to split from"
        )));
    }
    // A new ref, stable for this correction: the old one qualified by the article.
    let new_ref = format!("{r}~{}", article_id.chars().take(12).collect::<String>());
    let name = rows[0].1.clone();
    tx.execute(
        "INSERT INTO entities (key, kind, name) VALUES (?1, ?2, ?3)",
        params![new_ref, kind, name],
    )
    .map_err(|e| refused(format!("split: {new_ref} already exists ({e})")))?;
    tx.execute(
        "UPDATE mentions SET key = ?3 WHERE seq = ?1 AND key = ?2",
        params![seq, r, new_ref],
    )
    .map_err(db_err)?;
    for (table, col) in [("quotes", "speaker_key"), ("claims", "holder_key")] {
        tx.execute(
            &format!("UPDATE {table} SET {col} = ?3 WHERE seq = ?1 AND {col} = ?2"),
            params![seq, r, new_ref],
        )
        .map_err(db_err)?;
    }
    tx.execute(
        "UPDATE OR IGNORE event_entities SET key = ?3 WHERE seq = ?1 AND key = ?2",
        params![seq, r, new_ref],
    )
    .map_err(db_err)?;
    // The split entity keeps the spelling it was filed under.
    let alias = crate::normalise_name(&name);
    tx.execute(
        "INSERT OR IGNORE INTO entity_aliases (alias, kind, key, spelling) VALUES (?1, ?2, ?3, ?4)",
        params![alias, kind, new_ref, name],
    )
    .map_err(db_err)?;
    recount(tx, r)?;
    recount(tx, &new_ref)?;
    record(tx, "split", &new_ref, r, Some(seq))?;
    Ok(SplitOutcome {
        from: r.to_string(),
        new_ref,
        article_id: article_id.to_string(),
    })
}
