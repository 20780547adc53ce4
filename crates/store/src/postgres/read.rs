//! The read queries: the embedded store's `db` reads, in PostgreSQL.

use super::conn::Conn;
use crate::assemble::timeline_bounds;
use crate::key::{kind_str, parse_kind};
use crate::record::{article_from, json_err};
use crate::*;
use ::postgres::Row;
use newsgraph_model::{Claim, Event, Quote};
use std::collections::HashMap;

pub const SUMMARY_COLS: &str =
    "a.id, a.title, a.source, a.published, a.ingested_at, a.url, a.published_utc";
/// How many columns `SUMMARY_COLS` has: the first column after it.
pub const S: usize = 7;

pub fn summary_row(r: &Row, at: usize) -> ArticleSummary {
    ArticleSummary {
        id: r.get(at),
        title: r.get(at + 1),
        source: r.get(at + 2),
        published: r.get(at + 3),
        ingested_at: r.get(at + 4),
        url: r.get(at + 5),
        published_utc: r.get(at + 6),
    }
}

fn count(v: i64) -> u64 {
    v.max(0) as u64
}

fn lim(n: usize) -> i64 {
    n.min(i64::MAX as usize) as i64
}

pub fn get(c: &mut Conn, id: &str) -> Result<Option<Article>> {
    let Some(r) = c.query_opt(
        "SELECT seq, text, record FROM articles WHERE id = $1",
        &[&id],
    )?
    else {
        return Ok(None);
    };
    let seq: i64 = r.get(0);
    let mut a = article_from(id, r.get(2), r.get(1))?;
    fill_refs(c, seq, &mut a)?;
    fill_link(c, seq, &mut a)?;
    Ok(Some(a))
}

/// Sets each entity's `ref` from its current registry link (links change with merges
/// and splits, so the stored record does not hold them).
pub fn fill_refs(c: &mut Conn, seq: i64, a: &mut Article) -> Result<()> {
    let refs: HashMap<String, String> = c
        .query("SELECT local_id, key FROM mentions WHERE seq = $1", &[&seq])?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    for e in &mut a.entities {
        e.registry_ref = refs.get(&e.id).cloned();
    }
    Ok(())
}

/// Sets `story` and `duplicate_of` from the article's link row (none before linking).
pub fn fill_link(c: &mut Conn, seq: i64, a: &mut Article) -> Result<()> {
    if let Some(r) = c.query_opt(
        "SELECT story, duplicate_of, similarity FROM article_links WHERE seq = $1",
        &[&seq],
    )? {
        a.story = Some(r.get(0));
        a.duplicate_of = r
            .get::<_, Option<String>>(1)
            .map(|id| newsgraph_model::DuplicateOf {
                id,
                similarity: r.get::<_, Option<f64>>(2).unwrap_or(0.0) as f32,
            });
    }
    Ok(())
}

pub fn summary(c: &mut Conn, id: &str) -> Result<Option<ArticleSummary>> {
    Ok(c.query_opt(
        &format!("SELECT {SUMMARY_COLS} FROM articles a WHERE a.id = $1"),
        &[&id],
    )?
    .map(|r| summary_row(&r, 0)))
}

pub fn latest(c: &mut Conn, limit: usize, offset: usize) -> Result<Vec<ArticleSummary>> {
    Ok(c.query(
        &format!(
            "SELECT {SUMMARY_COLS} FROM articles a ORDER BY a.pub_sort DESC, a.seq DESC
                 LIMIT $1 OFFSET $2"
        ),
        &[&lim(limit), &lim(offset)],
    )?
    .iter()
    .map(|r| summary_row(r, 0))
    .collect())
}

pub fn entity_names(
    c: &mut Conn,
    keys: &[String],
) -> Result<HashMap<String, (String, EntityKind)>> {
    if keys.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(c.query(
        "SELECT key, name, kind FROM entities WHERE key = ANY($1)",
        &[&keys],
    )?
    .iter()
    .map(|r| {
        let kind: &str = r.get(2);
        (
            r.get(0),
            (r.get(1), parse_kind(kind).unwrap_or(EntityKind::Other)),
        )
    })
    .collect())
}

fn entity_summary_row(r: &Row) -> EntitySummary {
    let kind: &str = r.get(2);
    EntitySummary {
        key: r.get(0),
        name: r.get(1),
        kind: parse_kind(kind).unwrap_or(EntityKind::Other),
        mentions: count(r.get(3)),
        articles: count(r.get(4)),
    }
}

pub fn entities(
    c: &mut Conn,
    limit: usize,
    offset: usize,
    kind: Option<EntityKind>,
) -> Result<Vec<EntitySummary>> {
    let kind = kind.map(kind_str);
    Ok(c.query(
        "SELECT key, name, kind, mention_count, article_count FROM entities
             WHERE $1::text IS NULL OR kind = $1
             ORDER BY article_count DESC, mention_count DESC, key LIMIT $2 OFFSET $3",
        &[&kind, &lim(limit), &lim(offset)],
    )?
    .iter()
    .map(entity_summary_row)
    .collect())
}

/// Registry entities one of whose spellings is `name` (normalised), most mentioned first.
pub fn find_entities(c: &mut Conn, name: &str, limit: usize) -> Result<Vec<EntitySummary>> {
    Ok(c.query(
        "SELECT e.key, e.name, e.kind, e.mention_count, e.article_count FROM entities e
         WHERE e.key IN (SELECT key FROM entity_aliases WHERE alias = $1)
         ORDER BY e.article_count DESC, e.key LIMIT $2",
        &[&crate::normalise_name(name), &lim(limit)],
    )?
    .iter()
    .map(entity_summary_row)
    .collect())
}

pub fn entity(c: &mut Conn, key: &str) -> Result<Option<EntityPage>> {
    // A ref merged away by a correction shows the entity it was merged into.
    let current = super::corrections::current_ref(c, key)?;
    let key = current.as_str();
    let Some(head) = entity_summary(c, key)? else {
        return Ok(None);
    };
    let aliases: Vec<String> = c
        .query(
            "SELECT DISTINCT spelling FROM entity_aliases WHERE key = $1 ORDER BY spelling LIMIT 200",
            &[&key],
        )?
        .iter()
        .map(|r| r.get::<_, String>(0))
        .filter(|s| s != &head.name)
        .collect();
    let descriptors = c
        .query(
            "SELECT text, count, first_seen, last_seen FROM entity_descriptors WHERE key = $1
             ORDER BY count DESC, text LIMIT 100",
            &[&key],
        )?
        .iter()
        .map(|r| DescriptorCount {
            text: r.get(0),
            count: count(r.get(1)),
            first_seen: r.get(2),
            last_seen: r.get(3),
        })
        .collect();
    let articles = c
        .query(
            &format!(
                "SELECT {SUMMARY_COLS} FROM articles a
                 WHERE a.seq IN (SELECT m.seq FROM mentions m WHERE m.key = $1)
                 ORDER BY a.pub_sort DESC, a.seq DESC LIMIT 100"
            ),
            &[&key],
        )?
        .iter()
        .map(|r| summary_row(r, 0))
        .collect();
    let alias_counts = c
        .query(
            "SELECT spelling, sum(count)::bigint AS n FROM entity_aliases WHERE key = $1
             GROUP BY spelling ORDER BY n DESC, spelling LIMIT 200",
            &[&key],
        )?
        .iter()
        .map(|r| AliasCount {
            text: r.get(0),
            count: count(r.get(1)),
        })
        .collect();
    let outlets = c
        .query(
            "SELECT a.source, count(DISTINCT a.seq) AS n FROM mentions m JOIN articles a ON a.seq = m.seq
             WHERE m.key = $1 AND a.source IS NOT NULL AND a.source <> ''
             GROUP BY a.source ORDER BY n DESC, a.source LIMIT 100",
            &[&key],
        )?
        .iter()
        .map(|r| FacetCount {
            value: r.get(0),
            count: count(r.get(1)),
        })
        .collect();
    let merged_from = merged_from(c, key)?;
    let quotes = quotes_by_speaker(c, key, 500)?;
    let claims = claims_by_holder(c, key, 500)?;
    let quote_count = total(c, &ListTotal::QuotesBy(key.to_string()))?;
    let claim_count = count(
        c.query_one("SELECT count(*) FROM claims WHERE holder_key = $1", &[&key])?
            .get(0),
    );
    let quote_groups = crate::assemble::group_quotes(&quotes);
    Ok(Some(EntityPage {
        alias_counts,
        outlets,
        quote_groups,
        merged_from,
        quote_count,
        claim_count,
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
    }))
}

/// Refs merged into `key` by corrections (directly or through earlier merges).
fn merged_from(c: &mut Conn, key: &str) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    let mut todo = vec![key.to_string()];
    while let Some(k) = todo.pop() {
        for r in c.query(
            "SELECT ref FROM registry_corrections WHERE op = 'merge' AND target = $1 ORDER BY id",
            &[&k],
        )? {
            let r: String = r.get(0);
            if !out.contains(&r) && r != key && out.len() < 1000 {
                out.push(r.clone());
                todo.push(r);
            }
        }
    }
    Ok(out)
}

pub fn quotes_by_speaker(c: &mut Conn, key: &str, limit: usize) -> Result<Vec<QuoteRecord>> {
    let name = entity_names(c, &[key.to_string()])?
        .remove(key)
        .map(|x| x.0);
    let rows = c.query(
        &format!(
            "SELECT {SUMMARY_COLS}, q.json FROM quotes q JOIN articles a ON a.seq = q.seq
             WHERE q.speaker_key = $1 ORDER BY q.pub_sort, q.seq LIMIT $2"
        ),
        &[&key, &lim(limit)],
    )?;
    rows.iter()
        .map(|r| {
            let article = summary_row(r, 0);
            let quote: Quote =
                serde_json::from_str(r.get(S)).map_err(|e| json_err(&article.id, e))?;
            Ok(QuoteRecord {
                article,
                quote,
                speaker_key: Some(key.to_string()),
                speaker_name: name.clone(),
            })
        })
        .collect()
}

/// Claim rows (summary, json, holder key) to records with holder names.
fn claim_records(c: &mut Conn, rows: &[Row]) -> Result<Vec<ClaimRecord>> {
    let keys: Vec<String> = rows
        .iter()
        .filter_map(|r| r.get::<_, Option<String>>(S + 1))
        .collect();
    let names = entity_names(c, &keys)?;
    rows.iter()
        .map(|r| {
            let article = summary_row(r, 0);
            let claim: Claim =
                serde_json::from_str(r.get(S)).map_err(|e| json_err(&article.id, e))?;
            let holder_key: Option<String> = r.get(S + 1);
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

pub fn claims_by_holder(c: &mut Conn, key: &str, limit: usize) -> Result<Vec<ClaimRecord>> {
    let rows = c.query(
        &format!(
            "SELECT {SUMMARY_COLS}, c.json, c.holder_key FROM claims c JOIN articles a ON a.seq = c.seq
             WHERE c.holder_key = $1 ORDER BY c.pub_sort, c.seq LIMIT $2"
        ),
        &[&key, &lim(limit)],
    )?;
    claim_records(c, &rows)
}

pub fn claims(c: &mut Conn, limit: usize, offset: usize) -> Result<Vec<ClaimThread>> {
    let heads = c.query(
        &format!(
            "SELECT {SUMMARY_COLS}, c.json, c.holder_key, c.seq, c.local_id FROM claims c
             JOIN articles a ON a.seq = c.seq
             WHERE c.answers_seq IS NULL
             ORDER BY c.n_responses DESC, c.pub_sort DESC, c.seq DESC LIMIT $1 OFFSET $2"
        ),
        &[&lim(limit), &lim(offset)],
    )?;
    threads(c, heads)
}

/// Claim heads (summary, json, holder key, seq, local id) with the claims answering
/// each, oldest first.
pub fn threads(c: &mut Conn, heads: Vec<Row>) -> Result<Vec<ClaimThread>> {
    let mut out = Vec::with_capacity(heads.len());
    for head in heads {
        let seq: i64 = head.get(S + 2);
        let local: String = head.get(S + 3);
        let responses = c.query(
            &format!(
                "SELECT {SUMMARY_COLS}, c.json, c.holder_key FROM claims c JOIN articles a ON a.seq = c.seq
                 WHERE c.answers_seq = $1 AND c.answers_local = $2 ORDER BY c.pub_sort, c.seq LIMIT 100"
            ),
            &[&seq, &local],
        )?;
        let Some(claim) = claim_records(c, std::slice::from_ref(&head))?.pop() else {
            continue;
        };
        out.push(ClaimThread {
            claim,
            responses: claim_records(c, &responses)?,
        });
    }
    Ok(out)
}

pub fn timeline(c: &mut Conn, q: &TimelineQuery) -> Result<Vec<TimelineEvent>> {
    let limit = if q.limit == 0 { 200 } else { q.limit.min(5000) } as i64;
    let (from, to) = timeline_bounds(q);
    // `day` is COLLATE "C" and local ids compare so too: byte order, as on SQLite.
    let (after_day, after_seq, after_local) = crate::assemble::timeline_after(q)?;
    let after = "(e.day, e.seq, e.local_id COLLATE \"C\") > ($4, $5, $6 COLLATE \"C\")";
    let order = "ORDER BY e.day, e.seq, e.local_id COLLATE \"C\" LIMIT $3";
    let rows = match &q.entity {
        Some(key) => c.query(
            &format!(
                "SELECT {SUMMARY_COLS}, e.day, e.json, e.seq, e.local_id FROM event_entities x
                 JOIN events e ON e.seq = x.seq AND e.local_id = x.local_id
                 JOIN articles a ON a.seq = e.seq
                 WHERE x.key = $7 AND e.day >= $1 AND e.day <= $2 AND {after} {order}"
            ),
            &[
                &from,
                &to,
                &limit,
                &after_day,
                &after_seq,
                &after_local,
                key,
            ],
        )?,
        None => c.query(
            &format!(
                "SELECT {SUMMARY_COLS}, e.day, e.json, e.seq, e.local_id FROM events e
                 JOIN articles a ON a.seq = e.seq
                 WHERE e.day >= $1 AND e.day <= $2 AND {after} {order}"
            ),
            &[&from, &to, &limit, &after_day, &after_seq, &after_local],
        )?,
    };
    rows.iter()
        .map(|r| {
            let article = summary_row(r, 0);
            let event: Event =
                serde_json::from_str(r.get(S + 1)).map_err(|e| json_err(&article.id, e))?;
            let date: String = r.get(S);
            let (seq, local): (i64, String) = (r.get(S + 2), r.get(S + 3));
            Ok(TimelineEvent {
                cursor: format!("{date}~{seq}~{local}"),
                date,
                article,
                event,
            })
        })
        .collect()
}

pub fn stats(c: &mut Conn) -> Result<Stats> {
    let r = c.query_one(
        "SELECT (SELECT count(*) FROM articles),
                (SELECT count(*) FROM entities),
                (SELECT coalesce(sum(mention_count), 0)::bigint FROM entities),
                (SELECT count(*) FROM quotes),
                (SELECT count(*) FROM claims),
                (SELECT count(*) FROM events),
                (SELECT count(DISTINCT source) FROM articles),
                (SELECT count(*) FROM stories)",
        &[],
    )?;
    let articles = count(r.get(0));
    Ok(Stats {
        articles,
        entities: count(r.get(1)),
        mentions: count(r.get(2)),
        quotes: count(r.get(3)),
        claims: count(r.get(4)),
        events: count(r.get(5)),
        sources: count(r.get(6)),
        stories: count(r.get(7)),
        // The search vector is a column of the article row: always in step.
        indexed: articles,
        schema_version: super::migrate::SCHEMA_VERSION as u32,
    })
}

pub fn entity_summary(c: &mut Conn, key: &str) -> Result<Option<EntitySummary>> {
    Ok(c.query_opt(
        "SELECT key, name, kind, mention_count, article_count FROM entities WHERE key = $1",
        &[&key],
    )?
    .map(|r| entity_summary_row(&r)))
}

pub fn total(c: &mut Conn, list: &ListTotal) -> Result<u64> {
    let row = match list {
        ListTotal::Latest => c.query_one("SELECT count(*) FROM articles", &[])?,
        ListTotal::Entities(kind) => {
            let kind = kind.map(kind_str);
            c.query_one(
                "SELECT count(*) FROM entities WHERE $1::text IS NULL OR kind = $1",
                &[&kind],
            )?
        }
        ListTotal::Claims => {
            c.query_one("SELECT count(*) FROM claims WHERE answers_seq IS NULL", &[])?
        }
        ListTotal::QuotesBy(key) => {
            c.query_one("SELECT count(*) FROM quotes WHERE speaker_key = $1", &[key])?
        }
        ListTotal::Timeline(q) => {
            let (from, to) = timeline_bounds(q);
            match &q.entity {
                Some(k) => c.query_one(
                    "SELECT count(*) FROM event_entities x JOIN events e
                     ON e.seq = x.seq AND e.local_id = x.local_id
                     WHERE x.key = $3 AND e.day >= $1 AND e.day <= $2",
                    &[&from, &to, k],
                )?,
                None => c.query_one(
                    "SELECT count(*) FROM events e WHERE e.day >= $1 AND e.day <= $2",
                    &[&from, &to],
                )?,
            }
        }
    };
    Ok(count(row.get(0)))
}
