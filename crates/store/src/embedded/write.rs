//! The SQLite write path: one article's rows, registry linking and claim answers, then
//! the link stage, in the writer's transaction (the PostgreSQL twin is
//! `postgres/write.rs`).

use super::db::db_err;
use super::util::utc_time;
use crate::record::json_err;
use crate::record::{claim_key, quote_kind_str, stance_str, time_type_str, LocalKeys};
use crate::*;
use rusqlite::{params, OptionalExtension, Transaction};
use std::collections::HashSet;

/// What the index needs from an inserted article.
pub struct Inserted {
    pub seq: i64,
    /// Store-wide keys of the article's entities.
    pub entity_keys: Vec<String>,
    /// Time the link stage took on it.
    pub link_nanos: u64,
}

/// What of an article was worked out ahead of its put (`prepared.rs`), if anything.
#[derive(Default, Clone, Copy)]
pub struct Ahead<'p> {
    pub row: Option<&'p crate::record::ArticleRow>,
    pub link: Option<&'p newsgraph_link::Prepared>,
}

/// Inserts one article (all its rows) unless it is a duplicate.
pub fn put_article(
    tx: &Transaction,
    a: &Article,
    ahead: Ahead<'_>,
    ingested_at: &str,
    linker: Option<(&newsgraph_link::Linker, &mut super::link_cache::LinkCache)>,
) -> Result<(PutOutcome, Option<Inserted>)> {
    let made;
    let row = match ahead.row {
        Some(r) => r,
        None => {
            made = crate::record::ArticleRow::of(a)?;
            &made
        }
    };
    let crate::record::ArticleRow {
        url_canon,
        text_hash,
        record,
        pub_sort,
        pub_day,
    } = row;
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
        if let (Some(seq), Some(url_canon)) = (same_text, url_canon) {
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
        let day = crate::record::event_day(ev, pub_day);
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
        let mut ix = super::link::SqlLinkIndex::new(tx, cache, linker, seq);
        match ahead.link {
            Some(p) => linker.link_prepared(&mut ix, a, &link_entities, p)?,
            None => linker.link(&mut ix, a, &link_entities)?,
        };
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
    super::corrections::settle_kinds(tx, &entity_keys)?;
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
