//! Registry corrections in PostgreSQL: the embedded store's `embedded/corrections.rs`
//! (same rules, same refusals, same records), each in one transaction that also holds
//! the writers' advisory lock, so a correction never interleaves with a worker's batch.

use super::conn::Conn;
use crate::*;

fn refused(msg: String) -> StoreError {
    StoreError::Correction(msg)
}

fn kind_of(c: &mut Conn, r: &str) -> Result<Option<String>> {
    Ok(
        c.query_opt("SELECT kind FROM entities WHERE key = $1", &[&r])?
            .map(|row| row.get(0)),
    )
}

/// The ref `r` now stands for: itself, or where merges sent it (followed to the end).
pub fn current_ref(c: &mut Conn, r: &str) -> Result<String> {
    let mut cur = r.to_string();
    for _ in 0..32 {
        let next: Option<String> = c
            .query_opt(
                "SELECT target FROM registry_corrections WHERE op = 'merge' AND ref = $1
                 ORDER BY id DESC LIMIT 1",
                &[&cur],
            )?
            .map(|row| row.get(0));
        match next {
            Some(n) if n != cur => cur = n,
            _ => break,
        }
    }
    Ok(cur)
}

/// Recounts an entity's mentions and articles from its `mentions` rows.
fn recount(c: &mut Conn, r: &str) -> Result<()> {
    c.execute(
        "UPDATE entities SET
            mention_count = (SELECT coalesce(sum(greatest(count, 1)), 0) FROM mentions WHERE key = $1),
            article_count = (SELECT count(DISTINCT seq) FROM mentions WHERE key = $1)
         WHERE key = $1",
        &[&r],
    )?;
    Ok(())
}

fn record(c: &mut Conn, op: &str, r: &str, target: &str, seq: Option<i64>) -> Result<()> {
    c.execute(
        "INSERT INTO registry_corrections (op, ref, target, seq, at) VALUES ($1, $2, $3, $4, $5)",
        &[&op, &r, &target, &seq, &crate::util::now_rfc3339()],
    )?;
    Ok(())
}

/// Merges registry entity `from` into `into`.
pub fn merge(c: &mut Conn, from: &str, into: &str) -> Result<MergeOutcome> {
    if from == into {
        return Err(refused(format!(
            "merge: {from} and {into} are the same entity"
        )));
    }
    let kf =
        kind_of(c, from)?.ok_or_else(|| refused(format!("merge: unknown entity ref {from}")))?;
    let ki =
        kind_of(c, into)?.ok_or_else(|| refused(format!("merge: unknown entity ref {into}")))?;
    if kf != ki {
        return Err(refused(format!(
            "merge: {from} is a {kf} and {into} is a {ki}; only entities of one kind merge"
        )));
    }
    move_entity(c, from, into)
}

/// Folds the same-name entities of other kinds into the kind the articles agree on
/// (`crate::kinds`), for the names of `keys` (the entities an article was linked to):
/// the embedded store's `settle_kinds`, one statement for the counts.
pub fn settle_kinds(c: &mut Conn, keys: &[String]) -> Result<()> {
    let probe = crate::kinds::probe_keys(keys);
    if probe.is_empty() {
        return Ok(());
    }
    let rows: Vec<(String, u64)> = c
        .query(
            "SELECT key, article_count FROM entities WHERE key = ANY($1)",
            &[&probe],
        )?
        .iter()
        .map(|r| (r.get(0), r.get::<_, i64>(1).max(0) as u64))
        .collect();
    for (from, into) in crate::kinds::kind_folds(&rows) {
        move_entity(c, &from, &into)?;
    }
    Ok(())
}

/// Moves every row of registry entity `from` to `into`, drops `from` and records the
/// merge (validated by the caller).
fn move_entity(c: &mut Conn, from: &str, into: &str) -> Result<MergeOutcome> {
    let moved = c.execute(
        "UPDATE mentions SET key = $2 WHERE key = $1",
        &[&from, &into],
    )?;
    c.execute(
        "UPDATE quotes SET speaker_key = $2 WHERE speaker_key = $1",
        &[&from, &into],
    )?;
    c.execute(
        "UPDATE claims SET holder_key = $2 WHERE holder_key = $1",
        &[&from, &into],
    )?;
    // Rows already under `into` win (the key is part of their primary key).
    c.execute(
        "INSERT INTO event_entities (key, seq, local_id)
         SELECT $2, seq, local_id FROM event_entities WHERE key = $1 ON CONFLICT DO NOTHING",
        &[&from, &into],
    )?;
    c.execute("DELETE FROM event_entities WHERE key = $1", &[&from])?;
    c.execute(
        "INSERT INTO entity_aliases (alias, kind, key, spelling, count)
         SELECT alias, kind, $2, spelling, count FROM entity_aliases WHERE key = $1
         ON CONFLICT DO NOTHING",
        &[&from, &into],
    )?;
    c.execute("DELETE FROM entity_aliases WHERE key = $1", &[&from])?;
    c.execute(
        "INSERT INTO entity_descriptors (key, text, count, first_seen, last_seen)
         SELECT $2, text, count, first_seen, last_seen FROM entity_descriptors WHERE key = $1
         ON CONFLICT (key, text) DO UPDATE SET count = entity_descriptors.count + excluded.count,
            first_seen = least(entity_descriptors.first_seen, excluded.first_seen),
            last_seen = greatest(entity_descriptors.last_seen, excluded.last_seen)",
        &[&from, &into],
    )?;
    c.execute("DELETE FROM entity_descriptors WHERE key = $1", &[&from])?;
    c.execute("DELETE FROM entities WHERE key = $1", &[&from])?;
    recount(c, into)?;
    record(c, "merge", from, into, None)?;
    Ok(MergeOutcome {
        from: from.to_string(),
        into: into.to_string(),
        mentions_moved: moved,
    })
}

/// Splits the entity `r` of one article off into a new registry entity.
pub fn split(c: &mut Conn, r: &str, article_id: &str) -> Result<SplitOutcome> {
    let kind = kind_of(c, r)?.ok_or_else(|| refused(format!("split: unknown entity ref {r}")))?;
    let seq: i64 = c
        .query_opt("SELECT seq FROM articles WHERE id = $1", &[&article_id])?
        .map(|row| row.get(0))
        .ok_or_else(|| refused(format!("split: unknown article {article_id}")))?;
    let names: Vec<String> = c
        .query(
            "SELECT name FROM mentions WHERE seq = $1 AND key = $2 ORDER BY local_id",
            &[&seq, &r],
        )?
        .iter()
        .map(|row| row.get(0))
        .collect();
    let Some(name) = names.into_iter().next() else {
        return Err(refused(format!(
            "split: article {article_id} does not mention {r}"
        )));
    };
    let total: i64 = c
        .query_one(
            "SELECT count(DISTINCT seq) FROM mentions WHERE key = $1",
            &[&r],
        )?
        .get(0);
    if total <= 1 {
        return Err(refused(format!(
            "split: {article_id} is the only article of {r}; nothing to split from"
        )));
    }
    // A new ref, stable for this correction: the old one qualified by the article.
    let new_ref = format!("{r}~{}", article_id.chars().take(12).collect::<String>());
    let inserted = c.execute(
        "INSERT INTO entities (key, kind, name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        &[&new_ref, &kind, &name],
    )?;
    if inserted == 0 {
        return Err(refused(format!("split: {new_ref} already exists")));
    }
    c.execute(
        "UPDATE mentions SET key = $3 WHERE seq = $1 AND key = $2",
        &[&seq, &r, &new_ref],
    )?;
    c.execute(
        "UPDATE quotes SET speaker_key = $3 WHERE seq = $1 AND speaker_key = $2",
        &[&seq, &r, &new_ref],
    )?;
    c.execute(
        "UPDATE claims SET holder_key = $3 WHERE seq = $1 AND holder_key = $2",
        &[&seq, &r, &new_ref],
    )?;
    c.execute(
        "UPDATE event_entities SET key = $3 WHERE seq = $1 AND key = $2",
        &[&seq, &r, &new_ref],
    )?;
    // The split entity keeps the spelling it was filed under.
    c.execute(
        "INSERT INTO entity_aliases (alias, kind, key, spelling) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING",
        &[&crate::normalise_name(&name), &kind, &new_ref, &name],
    )?;
    recount(c, r)?;
    recount(c, &new_ref)?;
    record(c, "split", &new_ref, r, Some(seq))?;
    Ok(SplitOutcome {
        from: r.to_string(),
        new_ref,
        article_id: article_id.to_string(),
    })
}
