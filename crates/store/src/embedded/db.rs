//! The SQLite side: migrations, the write path (one article's rows, entity linking)
//! and the read queries.

use super::util::{now_rfc3339, pub_sort_key, utc_time};
use crate::assemble::timeline_bounds;
use crate::key::{kind_str, normalise_name, parse_kind};
use crate::record::json_err;
use crate::record::{claim_key, quote_kind_str, stance_str, time_type_str, LocalKeys};
use crate::*;
use newsgraph_model::{Claim, Event, Quote};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use std::collections::{HashMap, HashSet};

/// Numbered migrations, applied in order at open; each runs once, in a transaction.
const MIGRATIONS: &[(u32, &str, &str)] = &[
    (1, "init", include_str!("../../migrations/0001_init.sql")),
    (
        2,
        "published_utc",
        include_str!("../../migrations/0002_published_utc.sql"),
    ),
    (
        3,
        "registry",
        include_str!("../../migrations/0003_registry.sql"),
    ),
    (
        4,
        "stories",
        include_str!("../../migrations/0004_stories.sql"),
    ),
    (
        5,
        "search",
        include_str!("../../migrations/0005_search.sql"),
    ),
    (
        6,
        "article_copies",
        include_str!("../../migrations/0006_article_copies.sql"),
    ),
    (
        7,
        "postings_cover",
        include_str!("../../migrations/0007_postings_cover.sql"),
    ),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = 7;

pub fn db_err(e: rusqlite::Error) -> StoreError {
    StoreError::Database(Box::new(e))
}

/// `conn.q(sql)`: a cached prepared statement, errors mapped.
pub trait Q {
    fn q(&self, sql: &str) -> Result<rusqlite::CachedStatement<'_>>;
}

impl Q for Connection {
    fn q(&self, sql: &str) -> Result<rusqlite::CachedStatement<'_>> {
        self.prepare_cached(sql).map_err(db_err)
    }
}

/// Prepared statements kept per connection (more than the write path and the reads use).
const STATEMENT_CACHE: usize = 256;

/// Connection settings shared by writer and readers.
pub fn configure(conn: &Connection, writer: bool) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(10))
        .map_err(db_err)?;
    // The write path alone uses ~60 distinct statements (article rows, registry, link
    // stage); rusqlite's default cache of 16 evicted them in turn, so every article
    // re-prepared most of its statements.
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    if writer {
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(db_err)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(db_err)?;
    }
    conn.pragma_update(None, "foreign_keys", "ON")
        .map_err(db_err)?;
    // Pages kept in memory (KiB). The writer's working set is the link stage's B-trees
    // (LSH bands: 40 rows per article, postings, document frequencies), which at 100k
    // articles outgrow 16 MB; readers mostly touch what one query returns.
    let cache_kib: i64 = if writer { 65_536 } else { 16_000 };
    conn.pragma_update(None, "cache_size", -cache_kib)
        .map_err(db_err)?;
    conn.pragma_update(None, "temp_store", "MEMORY")
        .map_err(db_err)?;
    Ok(())
}

/// Applies every migration not yet recorded; refuses a database newer than this build.
pub fn migrate(conn: &mut Connection) -> Result<u32> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
    )
    .map_err(db_err)?;
    let current: u32 = conn
        .query_row(
            "SELECT coalesce(max(version), 0) FROM schema_migrations",
            [],
            |r| r.get(0),
        )
        .map_err(db_err)?;
    if current > SCHEMA_VERSION {
        return Err(StoreError::Schema(format!(
            "the data directory has schema version {current}, newer than this build's {SCHEMA_VERSION}"
        )));
    }
    // Every listed migration not yet recorded runs, even below the current maximum:
    // migrations of parallel work may land out of number order.
    let applied: HashSet<u32> = conn
        .prepare("SELECT version FROM schema_migrations")
        .map_err(db_err)?
        .query_map([], |r| r.get(0))
        .map_err(db_err)?
        .collect::<rusqlite::Result<_>>()
        .map_err(db_err)?;
    for (version, name, sql) in MIGRATIONS {
        if applied.contains(version) {
            continue;
        }
        let tx = conn.transaction().map_err(db_err)?;
        tx.execute_batch(sql)
            .map_err(|e| migration_err(*version, name, e))?;
        if *version == 2 {
            renormalise_published(&tx).map_err(|e| migration_err(*version, name, e))?;
        }
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
            params![version, name, now_rfc3339()],
        )
        .map_err(db_err)?;
        tx.commit().map_err(db_err)?;
    }
    Ok(SCHEMA_VERSION)
}

fn migration_err(
    version: u32,
    name: &'static str,
    e: impl std::error::Error + Send + Sync + 'static,
) -> StoreError {
    StoreError::Migration {
        version,
        name,
        source: Box::new(e),
    }
}

/// Migration 2 in Rust: every stored `published` gets its UTC form, and the sort keys
/// of articles, quotes and claims become UTC instants (they were the local date).
fn renormalise_published(tx: &Transaction) -> Result<()> {
    let rows: Vec<(i64, String)> = {
        let mut stmt = tx
            .prepare("SELECT seq, published FROM articles WHERE published IS NOT NULL")
            .map_err(db_err)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(db_err)?;
        rows.collect::<rusqlite::Result<_>>().map_err(db_err)?
    };
    for (seq, published) in rows {
        let utc = utc_time(&published).map(|t| t.published_utc);
        let sort = pub_sort_key(Some(&published));
        tx.execute(
            "UPDATE articles SET published_utc = ?2, pub_sort = ?3 WHERE seq = ?1",
            params![seq, utc, sort],
        )
        .map_err(db_err)?;
        for table in ["quotes", "claims"] {
            tx.execute(
                &format!("UPDATE {table} SET pub_sort = ?2 WHERE seq = ?1"),
                params![seq, sort],
            )
            .map_err(db_err)?;
        }
    }
    Ok(())
}

/// The schema version recorded in the database (0 when none).
pub fn schema_version(conn: &Connection) -> Result<u32> {
    conn.query_row(
        "SELECT coalesce(max(version), 0) FROM schema_migrations",
        [],
        |r| r.get(0),
    )
    .map_err(db_err)
}

/// What the index needs from an inserted article.
pub struct Inserted {
    pub seq: i64,
    /// Store-wide keys of the article's entities.
    pub entity_keys: Vec<String>,
    /// Time the link stage took on it.
    pub link_nanos: u64,
}

/// Inserts one article (all its rows) unless it is a duplicate.
pub fn put_article(
    tx: &Transaction,
    a: &Article,
    ingested_at: &str,
    linker: Option<(&newsgraph_link::Linker, &mut super::link_cache::LinkCache)>,
) -> Result<(PutOutcome, Option<Inserted>)> {
    let crate::record::ArticleRow {
        url_canon,
        text_hash,
        record,
        pub_sort,
        pub_day,
    } = crate::record::ArticleRow::of(a)?;
    // The same article (id or URL, stored or kept as a copy) is a no-op; the same text
    // under a new URL is kept as an exact copy of the stored one (see `copy.rs`).
    let existing: Option<(String, Option<i64>)> = tx
        .prepare_cached(
            "SELECT id, NULL FROM articles WHERE id = ?1 UNION ALL
             SELECT id, NULL FROM articles WHERE url_canon = ?2 UNION ALL
             SELECT a.id, NULL FROM article_copies c JOIN articles a ON a.seq = c.seq
               WHERE c.url_canon = ?2 OR c.id = ?1 UNION ALL
             SELECT id, seq FROM articles WHERE text_hash = ?3 LIMIT 1",
        )
        .map_err(db_err)?
        .query_row(params![a.id, url_canon, text_hash], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()
        .map_err(db_err)?;
    if let Some((existing_id, same_text)) = existing {
        if let (Some(seq), Some(url_canon)) = (same_text, &url_canon) {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO article_copies (url_canon, id, seq, pub_sort, meta)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .map_err(db_err)?
            .execute(params![
                url_canon,
                a.id,
                seq,
                pub_sort,
                crate::copy::CopyMeta::of(a)?.to_json()
            ])
            .map_err(db_err)?;
        }
        return Ok((PutOutcome::Duplicate { existing_id }, None));
    }
    let published_utc = a
        .published
        .as_deref()
        .and_then(utc_time)
        .map(|t| t.published_utc);
    tx.prepare_cached(
        "INSERT INTO articles (id, url_canon, text_hash, url, title, source, published, pub_sort,
                               ingested_at, text, record, published_utc)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )
    .map_err(db_err)?
    .execute(params![
        a.id,
        url_canon,
        text_hash,
        a.url,
        a.title,
        a.source,
        a.published,
        pub_sort,
        ingested_at,
        a.text,
        record,
        published_utc
    ])
    .map_err(db_err)?;
    let seq = tx.last_insert_rowid();

    // Entities: link each to a store-wide key.
    let mut keys = LocalKeys::default();
    let mut counted: HashSet<String> = HashSet::new();
    let mut link_entities: Vec<newsgraph_link::EntityFeature> = Vec::new();
    // The article's other entities by their own keys: the context that picks between
    // registry entities one name may mean.
    let context: Vec<String> = a
        .entities
        .iter()
        .filter_map(crate::record::EntityLookup::of)
        .map(|l| l.own_key())
        .collect();
    // Bare one-word entities this article's full names now clearly own: folded (a
    // recorded merge) once the article's rows are written.
    let mut folds: Vec<(String, String)> = Vec::new();
    for e in &a.entities {
        let Some(key) = link_entity(tx, e, &context, &mut folds)? else {
            continue;
        };
        link_entities.push(newsgraph_link::EntityFeature {
            key: key.clone(),
            mentions: e.mentions.len().max(1) as u32,
        });
        let first_in_article = counted.insert(key.clone());
        tx.prepare_cached(
            "UPDATE entities SET mention_count = mention_count + ?2, article_count = article_count + ?3
             WHERE key = ?1",
        )
        .map_err(db_err)?
        .execute(params![key, e.mentions.len().max(1) as i64, first_in_article as i64])
        .map_err(db_err)?;
        tx.prepare_cached("INSERT OR IGNORE INTO mentions (seq, local_id, key, name, count) VALUES (?1, ?2, ?3, ?4, ?5)")
            .map_err(db_err)?
            .execute(params![seq, e.id, key, e.name, e.mentions.len() as i64])
            .map_err(db_err)?;
        let mut seen_desc = HashSet::new();
        for d in &e.descriptors {
            let d = d.trim();
            if d.is_empty() || !seen_desc.insert(d.to_lowercase()) {
                continue;
            }
            // The publication day (pub_sort is a UTC time, or empty when undated).
            let day = pub_sort.get(..10).filter(|d| !d.is_empty());
            tx.prepare_cached(
                "INSERT INTO entity_descriptors (key, text, count, first_seen, last_seen)
                 VALUES (?1, ?2, 1, ?3, ?3)
                 ON CONFLICT (key, text) DO UPDATE SET count = count + 1,
                    first_seen = coalesce(min(first_seen, excluded.first_seen), first_seen, excluded.first_seen),
                    last_seen = coalesce(max(last_seen, excluded.last_seen), last_seen, excluded.last_seen)",
            )
            .map_err(db_err)?
            .execute(params![key, d, day])
            .map_err(db_err)?;
        }
        keys.add(e, &key);
    }

    for q in &a.quotes {
        let speaker_key = keys.resolve_either(q.speaker.as_deref(), q.speaker_text.as_deref());
        let json = serde_json::to_string(q).map_err(|e| json_err(&a.id, e))?;
        tx.prepare_cached(
            "INSERT OR IGNORE INTO quotes (seq, local_id, speaker_key, kind, pub_sort, json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .map_err(db_err)?
        .execute(params![
            seq,
            q.id,
            speaker_key,
            quote_kind_str(q),
            pub_sort,
            json
        ])
        .map_err(db_err)?;
    }

    for c in &a.claims {
        let holder_key = keys.resolve_either(c.holder.as_deref(), c.holder_text.as_deref());
        let stance = stance_str(c.stance);
        let ckey = claim_key(&c.content);
        // What it answers: the article's own link, else an earlier assertion of the
        // same content in another article.
        let answers: Option<(i64, String)> = match &c.answers {
            Some(local) if a.claims.iter().any(|o| &o.id == local) => Some((seq, local.clone())),
            _ if stance != "assert" && !ckey.is_empty() => tx
                .prepare_cached(
                    "SELECT seq, local_id FROM claims WHERE content_key = ?1 AND stance = 'assert'
                     AND seq <> ?2 ORDER BY seq DESC LIMIT 1",
                )
                .map_err(db_err)?
                .query_row(params![ckey, seq], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()
                .map_err(db_err)?,
            _ => None,
        };
        let json = serde_json::to_string(c).map_err(|e| json_err(&a.id, e))?;
        tx.prepare_cached(
            "INSERT OR IGNORE INTO claims (seq, local_id, holder_key, stance, content_key, answers_seq,
                                           answers_local, pub_sort, json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )
        .map_err(db_err)?
        .execute(params![
            seq,
            c.id,
            holder_key,
            stance,
            ckey,
            answers.as_ref().map(|x| x.0),
            answers.as_ref().map(|x| x.1.clone()),
            pub_sort,
            json
        ])
        .map_err(db_err)?;
        if let Some((aseq, alocal)) = &answers {
            tx.prepare_cached(
                "UPDATE claims SET n_responses = n_responses + 1 WHERE seq = ?1 AND local_id = ?2",
            )
            .map_err(db_err)?
            .execute(params![aseq, alocal])
            .map_err(db_err)?;
        }
    }

    for t in &a.times {
        let kind = time_type_str(t);
        tx.prepare_cached("INSERT INTO times (seq, start, end, type, value, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
            .map_err(db_err)?
            .execute(params![seq, t.span.start as i64, t.span.end as i64, kind, t.value, t.text])
            .map_err(db_err)?;
    }

    for ev in &a.events {
        let day = crate::record::event_day(ev, &pub_day);
        let json = serde_json::to_string(ev).map_err(|e| json_err(&a.id, e))?;
        tx.prepare_cached("INSERT OR IGNORE INTO events (seq, local_id, kind, day, json) VALUES (?1, ?2, ?3, ?4, ?5)")
            .map_err(db_err)?
            .execute(params![seq, ev.id, ev.kind, day, json])
            .map_err(db_err)?;
        for r in ev.actors.iter().chain(&ev.targets).chain(&ev.places) {
            if let Some(k) = keys.resolve(r) {
                tx.prepare_cached(
                    "INSERT OR IGNORE INTO event_entities (key, seq, local_id) VALUES (?1, ?2, ?3)",
                )
                .map_err(db_err)?
                .execute(params![k, seq, ev.id])
                .map_err(db_err)?;
            }
        }
    }

    // The link stage: story and near-duplicate, in this transaction.
    let link_started = std::time::Instant::now();
    if let Some((linker, cache)) = linker {
        linker.link(
            &mut super::link::SqlLinkIndex::new(tx, cache, linker, seq),
            a,
            &link_entities,
        )?;
    }
    let link_nanos = link_started.elapsed().as_nanos() as u64;
    // Claims answered across the story the link stage chose.
    crate::answer::answer_in_story(
        &mut super::answers::SqlClaimRows(tx),
        seq,
        !a.claims.is_empty(),
    )?;

    for (bare, into) in folds {
        // An earlier fold of this article may have moved either side already.
        let (bare_now, into_now) = (
            super::corrections::current_ref(tx, &bare)?,
            super::corrections::current_ref(tx, &into)?,
        );
        if bare_now == bare && into_now != bare {
            super::corrections::merge(tx, &bare, &into_now)?;
        }
    }

    let mut entity_keys: Vec<String> = counted.into_iter().collect();
    entity_keys.sort();
    Ok((
        PutOutcome::Inserted,
        Some(Inserted {
            seq,
            entity_keys,
            link_nanos,
        }),
    ))
}

/// Finds or creates the store-wide entity an article entity refers to.
///
/// Its own key (`kind:normalised name`) if that entity exists; else the one existing
/// entity of the same kind that one of its spellings names or is an alias of (when
/// exactly one matches); else a new entity under its own key.
fn link_entity(
    tx: &Transaction,
    e: &newsgraph_model::Entity,
    context: &[String],
    folds: &mut Vec<(String, String)>,
) -> Result<Option<String>> {
    let Some(lookup) = crate::record::EntityLookup::of(e) else {
        return Ok(None);
    };
    let (kind, name_n, spellings) = (lookup.kind, &lookup.name, &lookup.spellings);
    // A merged-away key resolves to the entity it was merged into.
    let own_key = super::corrections::current_ref(tx, &lookup.own_key())?;
    let name_of = |k: &str| -> Result<Option<String>> {
        tx.prepare_cached("SELECT name FROM entities WHERE key = ?1")
            .map_err(db_err)?
            .query_row(params![k], |r| r.get(0))
            .optional()
            .map_err(db_err)
    };
    let key = if name_of(&own_key)?.is_some() {
        own_key
    } else {
        let mut cands: Vec<crate::resolve::Candidate> = Vec::new();
        for (n, _) in spellings {
            let k = format!("{kind}:{n}");
            if let Some(name) = name_of(&k)? {
                cands.push(crate::resolve::Candidate {
                    key: k,
                    name,
                    by_spelling: true,
                    by_compat: false,
                    commonness: 0,
                    context: 0,
                });
            }
        }
        // Existing entities one of whose spellings is this entity's name, with how
        // many articles wrote it for them.
        for (k, count, name) in alias_rows(tx, name_n, kind, 8)? {
            match cands.iter_mut().find(|c| c.key == k) {
                Some(c) => c.commonness = count,
                None => cands.push(crate::resolve::Candidate {
                    key: k,
                    name,
                    by_spelling: false,
                    by_compat: false,
                    commonness: count,
                    context: 0,
                }),
            }
        }
        // Compatible fuller names ("George W Bush" for "George Bush"), through the
        // surname alias.
        if let Some(word) = crate::resolve::compat_probe(name_n) {
            for (k, _, name) in alias_rows(tx, word, kind, 16)? {
                if !cands.iter().any(|c| c.key == k)
                    && crate::resolve::is_fuller(name_n, &crate::normalise_name(&name))
                {
                    cands.push(crate::resolve::Candidate {
                        key: k,
                        name,
                        by_spelling: false,
                        by_compat: true,
                        commonness: 0,
                        context: 0,
                    });
                }
            }
        }
        let mut cands = crate::resolve::admissible(name_n, cands);
        if crate::resolve::needs_context(&cands) {
            let mine = lookup.own_key();
            let others: Vec<&String> = context.iter().filter(|k| **k != mine).collect();
            let others = serde_json::to_string(&others).map_err(|e| json_err(&mine, e))?;
            for c in &mut cands {
                c.context = tx
                    .prepare_cached(
                        "SELECT count(DISTINCT m2.seq) FROM (SELECT seq FROM mentions WHERE key = ?1
                            ORDER BY seq DESC LIMIT ?3) r
                         JOIN mentions m2 ON m2.seq = r.seq
                         WHERE m2.key IN (SELECT value FROM json_each(?2))",
                    )
                    .map_err(db_err)?
                    .query_row(
                        params![c.key, others, crate::resolve::CONTEXT_ARTICLES as i64],
                        |r| r.get::<_, i64>(0),
                    )
                    .map_err(db_err)?
                    .max(0) as u64;
            }
        }
        match crate::resolve::choose(&cands) {
            Some(i) => {
                let k = cands.swap_remove(i).key;
                // Prefer the fuller name for display ("Donald Trump" over "Trump").
                tx.prepare_cached(
                    "UPDATE entities SET name = ?2 WHERE key = ?1 AND length(name) < length(?2)",
                )
                .map_err(db_err)?
                .execute(params![k, e.name.trim()])
                .map_err(db_err)?;
                k
            }
            None => {
                tx.prepare_cached("INSERT INTO entities (key, kind, name) VALUES (?1, ?2, ?3)")
                    .map_err(db_err)?
                    .execute(params![own_key, kind, e.name.trim()])
                    .map_err(db_err)?;
                own_key
            }
        }
    };
    for (n, raw) in spellings {
        tx.prepare_cached(
            "INSERT INTO entity_aliases (alias, kind, key, spelling, count) VALUES (?1, ?2, ?3, ?4, 1)
             ON CONFLICT (alias, kind, key) DO UPDATE SET count = count + 1",
        )
        .map_err(db_err)?
        .execute(params![n, kind, key, raw.trim()])
        .map_err(db_err)?;
    }
    // A bare one-word entity of one of its spellings that this full name now clearly
    // owns is folded into it (after the article's rows, by the caller).
    let full = name_of(&key)?.unwrap_or_default();
    if crate::normalise_name(&full).contains(' ') {
        for (n, _) in spellings.iter().filter(|(n, _)| !n.contains(' ')) {
            let bare = format!("{kind}:{n}");
            let Some(bare_name) = name_of(&bare)?.filter(|_| bare != key) else {
                continue;
            };
            let rows = alias_rows(tx, n, kind, 64)?;
            if crate::resolve::folds_into(&bare, &bare_name, &key, &rows) {
                folds.push((bare, key.clone()));
            }
        }
    }
    Ok(Some(key))
}

/// The entities of a kind that have `alias` as a spelling: key, articles that wrote
/// it for them, display name; most written first.
fn alias_rows(
    tx: &Transaction,
    alias: &str,
    kind: &str,
    limit: i64,
) -> Result<Vec<(String, u64, String)>> {
    let mut stmt = tx
        .prepare_cached(
            "SELECT a.key, a.count, e.name FROM entity_aliases a JOIN entities e ON e.key = a.key
             WHERE a.alias = ?1 AND a.kind = ?2 ORDER BY a.count DESC LIMIT ?3",
        )
        .map_err(db_err)?;
    let rows = stmt
        .query_map(params![alias, kind, limit], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?.max(0) as u64,
                r.get(2)?,
            ))
        })
        .map_err(db_err)?;
    rows.collect::<rusqlite::Result<_>>().map_err(db_err)
}

// ---------------------------------------------------------------------------------
// Reads

pub(super) const SUMMARY_COLS: &str =
    "a.id, a.title, a.source, a.published, a.ingested_at, a.url, a.published_utc";
/// How many columns `SUMMARY_COLS` has: the first column after it.
pub(super) const S: usize = 7;

pub(super) fn summary_row(r: &rusqlite::Row, at: usize) -> rusqlite::Result<ArticleSummary> {
    Ok(ArticleSummary {
        id: r.get(at)?,
        title: r.get(at + 1)?,
        source: r.get(at + 2)?,
        published: r.get(at + 3)?,
        ingested_at: r.get(at + 4)?,
        url: r.get(at + 5)?,
        published_utc: r.get(at + 6)?,
    })
}

pub fn get(conn: &Connection, id: &str) -> Result<Option<Article>> {
    let row: Option<(i64, String, String)> = conn
        .prepare_cached("SELECT seq, text, record FROM articles WHERE id = ?1")
        .map_err(db_err)?
        .query_row(params![id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()
        .map_err(db_err)?;
    let Some((seq, text, record)) = row else {
        return Ok(None);
    };
    let mut a: Article = serde_json::from_str(&record).map_err(|e| json_err(id, e))?;
    a.text = text;
    fill_refs(conn, &mut a)?;
    fill_link(conn, seq, &mut a)?;
    Ok(Some(a))
}

/// Sets `story` and `duplicate_of` from the article's link row (none before linking).
pub fn fill_link(conn: &Connection, seq: i64, a: &mut Article) -> Result<()> {
    let link: Option<(String, Option<String>, Option<f64>)> = conn
        .q("SELECT story, duplicate_of, similarity FROM article_links WHERE seq = ?1")?
        .query_row(params![seq], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()
        .map_err(db_err)?;
    if let Some((story, dup, sim)) = link {
        a.story = Some(story);
        a.duplicate_of = dup.map(|id| newsgraph_model::DuplicateOf {
            id,
            similarity: sim.unwrap_or(0.0) as f32,
        });
    }
    Ok(())
}

/// Sets each entity's `ref` from its current registry link (links change with merges
/// and splits, so the stored record does not hold them).
pub(super) fn fill_refs(conn: &Connection, a: &mut Article) -> Result<()> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT m.local_id, m.key FROM mentions m JOIN articles a ON a.seq = m.seq
             WHERE a.id = ?1",
        )
        .map_err(db_err)?;
    let refs: HashMap<String, String> = stmt
        .query_map(params![a.id], |r| Ok((r.get(0)?, r.get(1)?)))
        .map_err(db_err)?
        .collect::<rusqlite::Result<_>>()
        .map_err(db_err)?;
    for e in &mut a.entities {
        e.registry_ref = refs.get(&e.id).cloned();
    }
    Ok(())
}

pub fn summary(conn: &Connection, id: &str) -> Result<Option<ArticleSummary>> {
    conn.prepare_cached(&format!(
        "SELECT {SUMMARY_COLS} FROM articles a WHERE a.id = ?1"
    ))
    .map_err(db_err)?
    .query_row(params![id], |r| summary_row(r, 0))
    .optional()
    .map_err(db_err)
}

/// Summaries and texts by seq (for search hits), in the order asked.
pub fn by_seqs(conn: &Connection, seqs: &[i64]) -> Result<Vec<Option<(ArticleSummary, String)>>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {SUMMARY_COLS}, a.text FROM articles a WHERE a.seq = ?1"
        ))
        .map_err(db_err)?;
    seqs.iter()
        .map(|s| {
            stmt.query_row(params![s], |r| {
                Ok((summary_row(r, 0)?, r.get::<_, String>(S)?))
            })
            .optional()
            .map_err(db_err)
        })
        .collect()
}

pub fn latest(conn: &Connection, limit: usize, offset: usize) -> Result<Vec<ArticleSummary>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {SUMMARY_COLS} FROM articles a ORDER BY a.pub_sort DESC, a.seq DESC LIMIT ?1 OFFSET ?2"
        ))
        .map_err(db_err)?;
    let rows = stmt
        .query_map(params![limit as i64, offset as i64], |r| summary_row(r, 0))
        .map_err(db_err)?;
    rows.collect::<rusqlite::Result<_>>().map_err(db_err)
}

pub fn entity_names(
    conn: &Connection,
    keys: &[String],
) -> Result<HashMap<String, (String, EntityKind)>> {
    let mut stmt = conn
        .prepare_cached("SELECT name, kind FROM entities WHERE key = ?1")
        .map_err(db_err)?;
    let mut out = HashMap::new();
    for k in keys {
        if let Some((name, kind)) = stmt
            .query_row(params![k], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })
            .optional()
            .map_err(db_err)?
        {
            out.insert(
                k.clone(),
                (name, parse_kind(&kind).unwrap_or(EntityKind::Other)),
            );
        }
    }
    Ok(out)
}

fn entity_summary_row(r: &rusqlite::Row) -> rusqlite::Result<EntitySummary> {
    let kind: String = r.get(2)?;
    Ok(EntitySummary {
        key: r.get(0)?,
        name: r.get(1)?,
        kind: parse_kind(&kind).unwrap_or(EntityKind::Other),
        mentions: r.get::<_, i64>(3)?.max(0) as u64,
        articles: r.get::<_, i64>(4)?.max(0) as u64,
    })
}

/// Registry entities one of whose spellings is `name` (normalised), most mentioned first.
pub fn find_entities(conn: &Connection, name: &str, limit: usize) -> Result<Vec<EntitySummary>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT DISTINCT e.key, e.name, e.kind, e.mention_count, e.article_count
             FROM entity_aliases a JOIN entities e ON e.key = a.key
             WHERE a.alias = ?1 ORDER BY e.article_count DESC, e.key LIMIT ?2",
        )
        .map_err(db_err)?;
    let rows = stmt
        .query_map(
            params![normalise_name(name), limit as i64],
            entity_summary_row,
        )
        .map_err(db_err)?;
    rows.collect::<rusqlite::Result<_>>().map_err(db_err)
}

pub fn entities(
    conn: &Connection,
    limit: usize,
    offset: usize,
    kind: Option<EntityKind>,
) -> Result<Vec<EntitySummary>> {
    let cols = "key, name, kind, mention_count, article_count";
    let rows: Vec<EntitySummary> = match kind {
        Some(k) => {
            let mut stmt = conn
                .prepare_cached(&format!(
                    "SELECT {cols} FROM entities WHERE kind = ?1 ORDER BY article_count DESC, mention_count DESC, key
                     LIMIT ?2 OFFSET ?3"
                ))
                .map_err(db_err)?;
            let rows = stmt
                .query_map(
                    params![kind_str(k), limit as i64, offset as i64],
                    entity_summary_row,
                )
                .map_err(db_err)?;
            rows.collect::<rusqlite::Result<_>>().map_err(db_err)?
        }
        None => {
            let mut stmt = conn
                .prepare_cached(&format!(
                    "SELECT {cols} FROM entities ORDER BY article_count DESC, mention_count DESC, key
                     LIMIT ?1 OFFSET ?2"
                ))
                .map_err(db_err)?;
            let rows = stmt
                .query_map(params![limit as i64, offset as i64], entity_summary_row)
                .map_err(db_err)?;
            rows.collect::<rusqlite::Result<_>>().map_err(db_err)?
        }
    };
    Ok(rows)
}

pub fn entity_summary(conn: &Connection, key: &str) -> Result<Option<EntitySummary>> {
    conn.prepare_cached(
        "SELECT key, name, kind, mention_count, article_count FROM entities WHERE key = ?1",
    )
    .map_err(db_err)?
    .query_row(params![key], entity_summary_row)
    .optional()
    .map_err(db_err)
}

pub fn total(conn: &Connection, list: &ListTotal) -> Result<u64> {
    let n: i64 = match list {
        ListTotal::Latest => conn.query_row("SELECT count(*) FROM articles", [], |r| r.get(0)),
        ListTotal::Entities(None) => {
            conn.query_row("SELECT count(*) FROM entities", [], |r| r.get(0))
        }
        ListTotal::Entities(Some(k)) => conn.query_row(
            "SELECT count(*) FROM entities WHERE kind = ?1",
            params![kind_str(*k)],
            |r| r.get(0),
        ),
        ListTotal::Claims => conn.query_row(
            "SELECT count(*) FROM claims WHERE answers_seq IS NULL",
            [],
            |r| r.get(0),
        ),
        ListTotal::QuotesBy(key) => conn.query_row(
            "SELECT count(*) FROM quotes WHERE speaker_key = ?1",
            params![key],
            |r| r.get(0),
        ),
        ListTotal::Timeline(q) => {
            let (from, to) = timeline_bounds(q);
            match &q.entity {
                Some(k) => conn.query_row(
                    "SELECT count(*) FROM event_entities x JOIN events e
                     ON e.seq = x.seq AND e.local_id = x.local_id
                     WHERE x.key = ?3 AND e.day >= ?1 AND e.day <= ?2",
                    params![from, to, k],
                    |r| r.get(0),
                ),
                None => conn.query_row(
                    "SELECT count(*) FROM events e WHERE e.day >= ?1 AND e.day <= ?2",
                    params![from, to],
                    |r| r.get(0),
                ),
            }
        }
    }
    .map_err(db_err)?;
    Ok(n.max(0) as u64)
}

pub fn entity(conn: &Connection, key: &str) -> Result<Option<EntityPage>> {
    // A ref merged away by a correction shows the entity it was merged into.
    let current = super::corrections::current_ref(conn, key)?;
    let key = current.as_str();
    let Some(head) = entity_summary(conn, key)? else {
        return Ok(None);
    };
    let mut stmt = conn
        .prepare_cached("SELECT DISTINCT spelling FROM entity_aliases WHERE key = ?1 ORDER BY spelling LIMIT 200")
        .map_err(db_err)?;
    let aliases: Vec<String> = stmt
        .query_map(params![key], |r| r.get(0))
        .map_err(db_err)?
        .collect::<rusqlite::Result<Vec<String>>>()
        .map_err(db_err)?
        .into_iter()
        .filter(|s| s != &head.name)
        .collect();
    let mut stmt = conn
        .prepare_cached(
            "SELECT text, count, first_seen, last_seen FROM entity_descriptors WHERE key = ?1
             ORDER BY count DESC, text LIMIT 100",
        )
        .map_err(db_err)?;
    let descriptors = stmt
        .query_map(params![key], |r| {
            Ok(DescriptorCount {
                text: r.get(0)?,
                count: r.get::<_, i64>(1)?.max(0) as u64,
                first_seen: r.get(2)?,
                last_seen: r.get(3)?,
            })
        })
        .map_err(db_err)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(db_err)?;
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT DISTINCT {SUMMARY_COLS}, a.pub_sort, a.seq FROM mentions m JOIN articles a ON a.seq = m.seq
             WHERE m.key = ?1 ORDER BY a.pub_sort DESC, a.seq DESC LIMIT 100"
        ))
        .map_err(db_err)?;
    let articles = stmt
        .query_map(params![key], |r| summary_row(r, 0))
        .map_err(db_err)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(db_err)?;
    let quotes = quotes_by_speaker(conn, key, 500)?;
    let claims = claims_by_holder(conn, key, 500)?;
    let quote_count = total(conn, &ListTotal::QuotesBy(key.to_string()))?;
    let claim_count: i64 = conn
        .query_row(
            "SELECT count(*) FROM claims WHERE holder_key = ?1",
            params![key],
            |r| r.get(0),
        )
        .map_err(db_err)?;
    let quote_groups = crate::assemble::group_quotes(&quotes);
    Ok(Some(EntityPage {
        alias_counts: super::record::alias_counts(conn, key)?,
        outlets: super::record::outlets(conn, key)?,
        quote_groups,
        merged_from: super::record::merged_from(conn, key)?,
        key: head.key,
        name: head.name,
        kind: head.kind,
        aliases,
        descriptors,
        mention_count: head.mentions,
        article_count: head.articles,
        articles,
        quotes,
        claims,
        quote_count,
        claim_count: claim_count.max(0) as u64,
    }))
}

pub fn quotes_by_speaker(conn: &Connection, key: &str, limit: usize) -> Result<Vec<QuoteRecord>> {
    let name = entity_names(conn, &[key.to_string()])?
        .remove(key)
        .map(|x| x.0);
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {SUMMARY_COLS}, q.json FROM quotes q JOIN articles a ON a.seq = q.seq
             WHERE q.speaker_key = ?1 ORDER BY q.pub_sort, q.seq LIMIT ?2"
        ))
        .map_err(db_err)?;
    let rows = stmt
        .query_map(params![key, limit as i64], |r| {
            Ok((summary_row(r, 0)?, r.get::<_, String>(S)?))
        })
        .map_err(db_err)?;
    let mut out = Vec::new();
    for row in rows {
        let (article, json) = row.map_err(db_err)?;
        let quote: Quote = serde_json::from_str(&json).map_err(|e| json_err(&article.id, e))?;
        out.push(QuoteRecord {
            article,
            quote,
            speaker_key: Some(key.to_string()),
            speaker_name: name.clone(),
        });
    }
    Ok(out)
}

pub(super) fn claim_records(
    conn: &Connection,
    rows: Vec<(ArticleSummary, String, Option<String>)>,
) -> Result<Vec<ClaimRecord>> {
    let keys: Vec<String> = rows.iter().filter_map(|r| r.2.clone()).collect();
    let names = entity_names(conn, &keys)?;
    rows.into_iter()
        .map(|(article, json, holder_key)| {
            let claim: Claim = serde_json::from_str(&json).map_err(|e| json_err(&article.id, e))?;
            let holder_name = holder_key
                .as_ref()
                .and_then(|k| names.get(k))
                .map(|x| x.0.clone());
            Ok(ClaimRecord {
                article,
                claim,
                holder_key,
                holder_name,
            })
        })
        .collect()
}

pub(super) type ClaimRow = (ArticleSummary, String, Option<String>);

pub(super) fn claim_row(r: &rusqlite::Row) -> rusqlite::Result<ClaimRow> {
    Ok((summary_row(r, 0)?, r.get(S)?, r.get(S + 1)?))
}

pub fn claims_by_holder(conn: &Connection, key: &str, limit: usize) -> Result<Vec<ClaimRecord>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {SUMMARY_COLS}, c.json, c.holder_key FROM claims c JOIN articles a ON a.seq = c.seq
             WHERE c.holder_key = ?1 ORDER BY c.pub_sort, c.seq LIMIT ?2"
        ))
        .map_err(db_err)?;
    let rows = stmt
        .query_map(params![key, limit as i64], claim_row)
        .map_err(db_err)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(db_err)?;
    claim_records(conn, rows)
}

pub fn claims(conn: &Connection, limit: usize, offset: usize) -> Result<Vec<ClaimThread>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {SUMMARY_COLS}, c.json, c.holder_key, c.seq, c.local_id FROM claims c
             JOIN articles a ON a.seq = c.seq
             WHERE c.answers_seq IS NULL
             ORDER BY c.n_responses DESC, c.pub_sort DESC, c.seq DESC LIMIT ?1 OFFSET ?2"
        ))
        .map_err(db_err)?;
    let heads: Vec<(ClaimRow, i64, String)> = stmt
        .query_map(params![limit as i64, offset as i64], |r| {
            Ok((claim_row(r)?, r.get(S + 2)?, r.get(S + 3)?))
        })
        .map_err(db_err)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(db_err)?;
    let mut resp = conn
        .prepare_cached(&format!(
            "SELECT {SUMMARY_COLS}, c.json, c.holder_key FROM claims c JOIN articles a ON a.seq = c.seq
             WHERE c.answers_seq = ?1 AND c.answers_local = ?2 ORDER BY c.pub_sort, c.seq LIMIT 100"
        ))
        .map_err(db_err)?;
    let mut out = Vec::with_capacity(heads.len());
    for (head, seq, local) in heads {
        let responses = resp
            .query_map(params![seq, local], claim_row)
            .map_err(db_err)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(db_err)?;
        let claim = claim_records(conn, vec![head])?.pop();
        let Some(claim) = claim else { continue };
        out.push(ClaimThread {
            claim,
            responses: claim_records(conn, responses)?,
        });
    }
    Ok(out)
}

pub fn timeline(conn: &Connection, q: &TimelineQuery) -> Result<Vec<TimelineEvent>> {
    let limit = if q.limit == 0 { 200 } else { q.limit.min(5000) } as i64;
    let (from, to) = timeline_bounds(q);
    let (after_day, after_seq, after_local) = crate::assemble::timeline_after(q)?;
    let order = "ORDER BY e.day, e.seq, e.local_id LIMIT ?4";
    let after = "(e.day, e.seq, e.local_id) > (?5, ?6, ?7)";
    let sql_entity = format!(
        "SELECT {SUMMARY_COLS}, e.day, e.json, e.seq, e.local_id FROM event_entities x
         JOIN events e ON e.seq = x.seq AND e.local_id = x.local_id JOIN articles a ON a.seq = e.seq
         WHERE x.key = ?3 AND e.day >= ?1 AND e.day <= ?2 AND {after} {order}"
    );
    let sql_all = format!(
        "SELECT {SUMMARY_COLS}, e.day, e.json, e.seq, e.local_id FROM events e JOIN articles a ON a.seq = e.seq
         WHERE e.day >= ?1 AND e.day <= ?2 AND ?3 IS NULL AND {after} {order}"
    );
    let mut stmt = conn
        .prepare_cached(if q.entity.is_some() {
            &sql_entity
        } else {
            &sql_all
        })
        .map_err(db_err)?;
    let rows = stmt
        .query_map(
            params![from, to, q.entity, limit, after_day, after_seq, after_local],
            |r| {
                Ok((
                    summary_row(r, 0)?,
                    r.get::<_, String>(S)?,
                    r.get::<_, String>(S + 1)?,
                    r.get::<_, i64>(S + 2)?,
                    r.get::<_, String>(S + 3)?,
                ))
            },
        )
        .map_err(db_err)?;
    let mut out = Vec::new();
    for row in rows {
        let (article, date, json, seq, local) = row.map_err(db_err)?;
        let event: Event = serde_json::from_str(&json).map_err(|e| json_err(&article.id, e))?;
        out.push(TimelineEvent {
            cursor: format!("{date}~{seq}~{local}"),
            date,
            article,
            event,
        });
    }
    Ok(out)
}

pub fn stats(conn: &Connection) -> Result<Stats> {
    let count = |sql: &str| -> Result<u64> {
        conn.query_row(sql, [], |r| r.get::<_, i64>(0))
            .map(|n| n.max(0) as u64)
            .map_err(db_err)
    };
    Ok(Stats {
        articles: count("SELECT count(*) FROM articles")?,
        entities: count("SELECT count(*) FROM entities")?,
        mentions: count("SELECT coalesce(sum(mention_count), 0) FROM entities")?,
        quotes: count("SELECT count(*) FROM quotes")?,
        claims: count("SELECT count(*) FROM claims")?,
        events: count("SELECT count(*) FROM events")?,
        sources: count("SELECT count(DISTINCT source) FROM articles")?,
        stories: count("SELECT count(*) FROM stories")?,
        indexed: 0,
        schema_version: SCHEMA_VERSION,
    })
}

/// Everything the index needs to (re)build the document of a stored article.
pub fn article_for_index(conn: &Connection, seq: i64) -> Result<Option<(Article, Vec<String>)>> {
    let row: Option<(String, String, String)> = conn
        .prepare_cached("SELECT id, text, record FROM articles WHERE seq = ?1")
        .map_err(db_err)?
        .query_row(params![seq], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()
        .map_err(db_err)?;
    let Some((id, text, record)) = row else {
        return Ok(None);
    };
    let mut a: Article = serde_json::from_str(&record).map_err(|e| json_err(&id, e))?;
    a.text = text;
    let mut stmt = conn
        .prepare_cached("SELECT DISTINCT key FROM mentions WHERE seq = ?1 ORDER BY key")
        .map_err(db_err)?;
    let keys = stmt
        .query_map(params![seq], |r| r.get(0))
        .map_err(db_err)?
        .collect::<rusqlite::Result<Vec<String>>>()
        .map_err(db_err)?;
    Ok(Some((a, keys)))
}

pub fn seqs_after(conn: &Connection, after: i64) -> Result<Vec<i64>> {
    let mut stmt = conn
        .prepare("SELECT seq FROM articles WHERE seq > ?1 ORDER BY seq")
        .map_err(db_err)?;
    let rows = stmt
        .query_map(params![after], |r| r.get(0))
        .map_err(db_err)?;
    rows.collect::<rusqlite::Result<_>>().map_err(db_err)
}

pub fn max_seq(conn: &Connection) -> Result<i64> {
    conn.query_row("SELECT coalesce(max(seq), 0) FROM articles", [], |r| {
        r.get(0)
    })
    .map_err(db_err)
}
