//! The SQLite read queries: articles and their summaries, entities and the registry
//! record, quotes, claims, the timeline, totals and stats (the PostgreSQL twin is
//! `postgres/read.rs`).

use super::db::{db_err, Q, SCHEMA_VERSION};
use crate::assemble::timeline_bounds;
use crate::key::{kind_str, normalise_name, parse_kind};
use crate::record::json_err;
use crate::*;
use newsgraph_model::{Claim, Event, Quote};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;

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
