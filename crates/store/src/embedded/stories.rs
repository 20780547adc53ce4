//! Story reads (list, record), the streaming export, and `relink`.

use super::db::{db_err, Q};
use super::link::{resolve_story, SqlLinkIndex};
use super::read::{claim_records, claim_row, fill_link, summary_row, ClaimRow, S, SUMMARY_COLS};
use crate::key::parse_kind;
use crate::record::json_err;
use crate::*;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

const STORY_COLS: &str = crate::story_sql::story_cols!("json_extract(c.meta, '$.source')");

fn story_summary_row(r: &rusqlite::Row) -> rusqlite::Result<StorySummary> {
    Ok(StorySummary {
        id: r.get(0)?,
        label: r.get(1)?,
        article_count: r.get::<_, i64>(2)?.max(0) as u64,
        outlet_count: r.get::<_, i64>(3)?.max(0) as u64,
        first_seen: r.get(4)?,
        last_seen: r.get(5)?,
    })
}

pub fn stories(conn: &Connection, limit: usize, offset: usize) -> Result<Vec<StorySummary>> {
    let mut stmt = conn.q(&format!(
        "SELECT {STORY_COLS} FROM stories s ORDER BY s.touched DESC, s.id LIMIT ?1 OFFSET ?2"
    ))?;
    let rows = stmt
        .query_map(params![limit as i64, offset as i64], story_summary_row)
        .map_err(db_err)?;
    rows.collect::<rusqlite::Result<_>>().map_err(db_err)
}

pub fn story(conn: &Connection, id: &str) -> Result<Option<StoryRecord>> {
    let Some(id) = resolve_story(conn, id.trim())? else {
        return Ok(None);
    };
    let Some(summary) = conn
        .q(&format!(
            "SELECT {STORY_COLS} FROM stories s WHERE s.id = ?1"
        ))?
        .query_row(params![id], story_summary_row)
        .optional()
        .map_err(db_err)?
    else {
        return Ok(None);
    };
    let mut outlets = Vec::new();
    {
        let mut stmt = conn.q(crate::story_sql::story_outlets!(
            "?1",
            "json_extract(c.meta, '$.source')"
        ))?;
        let rows = stmt
            .query_map(params![id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
            })
            .map_err(db_err)?;
        for r in rows {
            let (value, count) = r.map_err(db_err)?;
            outlets.push(FacetCount {
                value,
                count: count.max(0) as u64,
            });
        }
    }
    let (mut entities, mut places) = (Vec::new(), Vec::new());
    {
        let mut stmt = conn.q(
            "SELECT m.key, e.name, e.kind, count(DISTINCT m.seq) FROM article_links l
             JOIN mentions m ON m.seq = l.seq JOIN entities e ON e.key = m.key
             WHERE l.story = ?1 GROUP BY m.key ORDER BY 4 DESC, m.key LIMIT 200",
        )?;
        let rows = stmt
            .query_map(params![id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                ))
            })
            .map_err(db_err)?;
        for r in rows {
            let (key, name, kind, count) = r.map_err(db_err)?;
            let Some(kind) = parse_kind(&kind) else {
                continue;
            };
            let f = EntityFacet {
                key,
                name,
                kind,
                count: count.max(0) as u64,
            };
            if kind == EntityKind::Place {
                if places.len() < 30 {
                    places.push(f);
                }
            } else if entities.len() < 50 {
                entities.push(f);
            }
        }
    }
    let mut articles = Vec::new();
    {
        let mut stmt = conn.q(&format!(
            "SELECT {SUMMARY_COLS}, l.duplicate_of, l.similarity FROM article_links l
             JOIN articles a ON a.seq = l.seq WHERE l.story = ?1
             ORDER BY CASE WHEN a.pub_sort <> '' THEN a.pub_sort ELSE a.ingested_at END, a.seq LIMIT 1000"
        ))?;
        let rows = stmt
            .query_map(params![id], |r| {
                Ok(StoryArticle {
                    article: summary_row(r, 0)?,
                    duplicate_of: r.get(S)?,
                    similarity: r.get::<_, Option<f64>>(S + 1)?.map(|s| s as f32),
                })
            })
            .map_err(db_err)?;
        for r in rows {
            articles.push(r.map_err(db_err)?);
        }
    }
    let timeline = timeline(conn, &id)?;
    let quotes = quotes(conn, &id)?;
    let claims = claims(conn, &id)?;
    let mut merged_from = Vec::new();
    {
        let mut stmt = conn.q("SELECT old FROM story_merges WHERE new = ?1 ORDER BY old")?;
        let rows = stmt
            .query_map(params![id], |r| r.get::<_, String>(0))
            .map_err(db_err)?;
        for r in rows {
            merged_from.push(r.map_err(db_err)?);
        }
    }
    Ok(Some(StoryRecord {
        summary,
        outlets,
        entities,
        places,
        articles,
        timeline,
        quotes,
        claims,
        merged_from,
    }))
}

/// Events of the story grouped by (kind, day): one entry per happening, with every
/// article reporting it.
fn timeline(conn: &Connection, id: &str) -> Result<Vec<StoryTimelineEntry>> {
    let mut stmt = conn.q(&format!(
        "SELECT {SUMMARY_COLS}, e.kind, e.day, e.json FROM article_links l
         JOIN events e ON e.seq = l.seq JOIN articles a ON a.seq = l.seq
         WHERE l.story = ?1 ORDER BY coalesce(e.day, ''), a.seq LIMIT 5000"
    ))?;
    let rows = stmt
        .query_map(params![id], |r| {
            Ok((
                summary_row(r, 0)?,
                r.get::<_, String>(S)?,
                r.get::<_, Option<String>>(S + 1)?,
                r.get::<_, String>(S + 2)?,
            ))
        })
        .map_err(db_err)?;
    let rows = rows.collect::<rusqlite::Result<Vec<_>>>().map_err(db_err)?;
    crate::assemble::story_timeline(rows)
}

fn quotes(conn: &Connection, id: &str) -> Result<Vec<QuoteRecord>> {
    let mut stmt = conn.q(&format!(
        "SELECT {SUMMARY_COLS}, q.json, q.speaker_key, e.name FROM article_links l
         JOIN quotes q ON q.seq = l.seq JOIN articles a ON a.seq = l.seq
         LEFT JOIN entities e ON e.key = q.speaker_key
         WHERE l.story = ?1 ORDER BY q.pub_sort, q.seq LIMIT 500"
    ))?;
    let rows = stmt
        .query_map(params![id], |r| {
            Ok((
                summary_row(r, 0)?,
                r.get::<_, String>(S)?,
                r.get::<_, Option<String>>(S + 1)?,
                r.get::<_, Option<String>>(S + 2)?,
            ))
        })
        .map_err(db_err)?;
    let mut out = Vec::new();
    for r in rows {
        let (article, json, speaker_key, speaker_name) = r.map_err(db_err)?;
        let quote = serde_json::from_str(&json).map_err(|e| json_err(&article.id, e))?;
        out.push(QuoteRecord {
            article,
            quote,
            speaker_key,
            speaker_name,
        });
    }
    Ok(out)
}

/// The story's claims that answer nothing, each with the denials/doubts answering it
/// (from any article); then the story's answers to claims made elsewhere.
fn claims(conn: &Connection, id: &str) -> Result<Vec<ClaimThread>> {
    let mut heads = conn.q(&format!(
        "SELECT {SUMMARY_COLS}, c.json, c.holder_key, c.seq, c.local_id FROM article_links l
         JOIN claims c ON c.seq = l.seq JOIN articles a ON a.seq = l.seq
         WHERE l.story = ?1 AND c.answers_seq IS NULL
         ORDER BY c.n_responses DESC, c.pub_sort, c.seq LIMIT 200"
    ))?;
    let rows: Vec<(ClaimRow, i64, String)> = heads
        .query_map(params![id], |r| {
            Ok((claim_row(r)?, r.get(S + 2)?, r.get(S + 3)?))
        })
        .map_err(db_err)?
        .collect::<rusqlite::Result<_>>()
        .map_err(db_err)?;
    let mut resp = conn.q(&format!(
        "SELECT {SUMMARY_COLS}, c.json, c.holder_key FROM claims c JOIN articles a ON a.seq = c.seq
         WHERE c.answers_seq = ?1 AND c.answers_local = ?2 ORDER BY c.pub_sort, c.seq LIMIT 100"
    ))?;
    let mut out = Vec::new();
    for (head, seq, local) in rows {
        let responses: Vec<ClaimRow> = resp
            .query_map(params![seq, local], claim_row)
            .map_err(db_err)?
            .collect::<rusqlite::Result<_>>()
            .map_err(db_err)?;
        let Some(claim) = claim_records(conn, vec![head])?.pop() else {
            continue;
        };
        out.push(ClaimThread {
            claim,
            responses: claim_records(conn, responses)?,
        });
    }
    Ok(out)
}

/// One page of the export: records with seq > `after`, in seq order.
pub fn export_page(
    conn: &Connection,
    story: Option<&str>,
    since: Option<&str>,
    after: i64,
    limit: usize,
) -> Result<Vec<(i64, Article)>> {
    // A stored article is on the page when it or one of its exact copies passes
    // `since`; each is then emitted only if it passes itself.
    let sql_all = "SELECT a.seq, a.id, a.text, a.record, ?2 IS NULL OR a.pub_sort >= ?2
         FROM articles a
         WHERE a.seq > ?1 AND ?3 IS NULL AND (?2 IS NULL OR a.pub_sort >= ?2 OR EXISTS
           (SELECT 1 FROM article_copies c WHERE c.seq = a.seq AND c.pub_sort >= ?2))
         ORDER BY a.seq LIMIT ?4";
    let sql_story = "SELECT a.seq, a.id, a.text, a.record, ?2 IS NULL OR a.pub_sort >= ?2
         FROM article_links l JOIN articles a ON a.seq = l.seq
         WHERE l.story = ?3 AND a.seq > ?1 AND (?2 IS NULL OR a.pub_sort >= ?2 OR EXISTS
           (SELECT 1 FROM article_copies c WHERE c.seq = a.seq AND c.pub_sort >= ?2))
         ORDER BY l.story, l.seq LIMIT ?4";
    let mut stmt = conn.q(if story.is_some() { sql_story } else { sql_all })?;
    let rows = stmt
        .query_map(params![after, since, story, limit as i64], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, bool>(4)?,
            ))
        })
        .map_err(db_err)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(db_err)?;
    let mut copies = conn.q(
        "SELECT meta FROM article_copies WHERE seq = ?1 AND (?2 IS NULL OR pub_sort >= ?2)
         ORDER BY id",
    )?;
    let mut out = Vec::with_capacity(rows.len());
    for (seq, id, text, record, passes) in rows {
        let mut a: Article = serde_json::from_str(&record).map_err(|e| json_err(&id, e))?;
        a.text = text;
        super::read::fill_refs(conn, &mut a)?;
        fill_link(conn, seq, &mut a)?;
        let metas = copies
            .query_map(params![seq, since], |r| r.get::<_, String>(0))
            .map_err(db_err)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(db_err)?;
        let rows = metas
            .iter()
            .map(|m| Ok((seq, crate::copy::CopyMeta::from_json(m)?.record(&a)?)))
            .collect::<Result<Vec<_>>>()?;
        // The stored article first, then its copies.
        if passes {
            out.push((seq, a));
        }
        out.extend(rows);
    }
    Ok(out)
}

/// Links the articles that have no link row (stored under schema 1), in seq order,
/// then lets the linker merge stories. One transaction.
pub fn relink(
    tx: &Transaction,
    linker: &newsgraph_link::Linker,
    cache: &mut super::link_cache::LinkCache,
) -> Result<RelinkReport> {
    let unlinked: Vec<i64> = tx
        .q(
            "SELECT a.seq FROM articles a LEFT JOIN article_links l ON l.seq = a.seq
            WHERE l.seq IS NULL ORDER BY a.seq",
        )?
        .query_map([], |r| r.get(0))
        .map_err(db_err)?
        .collect::<rusqlite::Result<_>>()
        .map_err(db_err)?;
    let mut report = RelinkReport::default();
    for seq in unlinked {
        let Some((a, _)) = super::read::article_for_index(tx, seq)? else {
            continue;
        };
        let mut ents = Vec::new();
        let mut stmt = tx.q("SELECT local_id, key, count FROM mentions WHERE seq = ?1")?;
        let mut rows: Vec<(String, String, i64)> = stmt
            .query_map(params![seq], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .map_err(db_err)?
            .collect::<rusqlite::Result<_>>()
            .map_err(db_err)?;
        // The article's own entity order (`e1`, `e2`, ... `e10`), as at ingest.
        rows.sort_by_key(|r| crate::assemble::local_order(&r.0));
        for (_, key, count) in rows {
            ents.push(newsgraph_link::EntityFeature {
                key,
                mentions: count.max(1) as u32,
            });
        }
        linker.link(&mut SqlLinkIndex::new(tx, cache, linker, seq), &a, &ents)?;
        report.linked += 1;
    }
    report.merges = linker.relink(&mut SqlLinkIndex::new(tx, cache, linker, 0))?;
    cache.flush(tx)?;
    Ok(report)
}

/// Whether a story id exists (or was merged into one that does).
pub fn story_exists(conn: &Connection, id: &str) -> Result<Option<String>> {
    resolve_story(conn, id)
}

/// The seqs of a story's articles (empty for an unknown story: the search finds nothing).
pub fn story_seqs(conn: &Connection, id: &str) -> Result<Vec<i64>> {
    let Some(id) = resolve_story(conn, id)? else {
        return Ok(Vec::new());
    };
    let mut stmt = conn.q("SELECT seq FROM article_links WHERE story = ?1 ORDER BY seq")?;
    let rows = stmt.query_map(params![id], |r| r.get(0)).map_err(db_err)?;
    rows.collect::<rusqlite::Result<_>>().map_err(db_err)
}
