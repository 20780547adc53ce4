//! Story reads (list, record), the export's pages and `relink`: the embedded store's
//! `embedded/stories.rs` in PostgreSQL.

use super::conn::Conn;
use super::link::{resolve_story, PgLinkIndex};
use super::read::{fill_link, fill_refs, summary_row, S, SUMMARY_COLS};
use crate::key::parse_kind;
use crate::record::{article_from, json_err};
use crate::*;
use ::postgres::Row;

const STORY_COLS: &str = crate::story_sql::story_cols!("c.meta::json ->> 'source'");

fn count(v: i64) -> u64 {
    v.max(0) as u64
}

fn story_summary_row(r: &Row) -> StorySummary {
    StorySummary {
        id: r.get(0),
        label: r.get(1),
        article_count: count(r.get(2)),
        outlet_count: count(r.get(3)),
        first_seen: r.get(4),
        last_seen: r.get(5),
    }
}

pub fn stories(c: &mut Conn, limit: usize, offset: usize) -> Result<Vec<StorySummary>> {
    Ok(c.query(
        &format!(
            "SELECT {STORY_COLS} FROM stories s ORDER BY s.touched DESC, s.id LIMIT $1 OFFSET $2"
        ),
        &[&(limit as i64), &(offset as i64)],
    )?
    .iter()
    .map(story_summary_row)
    .collect())
}

pub fn story(c: &mut Conn, id: &str) -> Result<Option<StoryRecord>> {
    let Some(id) = resolve_story(c, id.trim())? else {
        return Ok(None);
    };
    let Some(summary) = c.query_opt(
        &format!("SELECT {STORY_COLS} FROM stories s WHERE s.id = $1"),
        &[&id],
    )?
    else {
        return Ok(None);
    };
    let summary = story_summary_row(&summary);
    let outlets = c
        .query(
            crate::story_sql::story_outlets!("$1", "c.meta::json ->> 'source'"),
            &[&id],
        )?
        .iter()
        .map(|r| FacetCount {
            value: r.get(0),
            count: count(r.get(1)),
        })
        .collect();
    let (mut entities, mut places) = (Vec::new(), Vec::new());
    for r in c.query(
        "SELECT m.key, e.name, e.kind, count(DISTINCT m.seq) FROM article_links l
         JOIN mentions m ON m.seq = l.seq JOIN entities e ON e.key = m.key
         WHERE l.story = $1 GROUP BY m.key, e.name, e.kind ORDER BY 4 DESC, m.key LIMIT 200",
        &[&id],
    )? {
        let Some(kind) = parse_kind(r.get(2)) else {
            continue;
        };
        let f = EntityFacet {
            key: r.get(0),
            name: r.get(1),
            kind,
            count: count(r.get(3)),
        };
        if kind == EntityKind::Place {
            if places.len() < 30 {
                places.push(f);
            }
        } else if entities.len() < 50 {
            entities.push(f);
        }
    }
    let articles = c
        .query(
            &format!(
                "SELECT {SUMMARY_COLS}, l.duplicate_of, l.similarity FROM article_links l
                 JOIN articles a ON a.seq = l.seq WHERE l.story = $1
                 ORDER BY CASE WHEN a.pub_sort <> '' THEN a.pub_sort ELSE a.ingested_at END, a.seq
                 LIMIT 1000"
            ),
            &[&id],
        )?
        .iter()
        .map(|r| StoryArticle {
            article: summary_row(r, 0),
            duplicate_of: r.get(S),
            similarity: r.get::<_, Option<f64>>(S + 1).map(|s| s as f32),
        })
        .collect();
    let timeline = crate::assemble::story_timeline(
        c.query(
            &format!(
                "SELECT {SUMMARY_COLS}, e.kind, e.day, e.json FROM article_links l
                 JOIN events e ON e.seq = l.seq JOIN articles a ON a.seq = l.seq
                 WHERE l.story = $1 ORDER BY coalesce(e.day, ''), a.seq LIMIT 5000"
            ),
            &[&id],
        )?
        .iter()
        .map(|r| (summary_row(r, 0), r.get(S), r.get(S + 1), r.get(S + 2))),
    )?;
    let quotes = quotes(c, &id)?;
    let claims = claims(c, &id)?;
    let merged_from = c
        .query(
            "SELECT old FROM story_merges WHERE new = $1 ORDER BY old",
            &[&id],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect();
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

fn quotes(c: &mut Conn, id: &str) -> Result<Vec<QuoteRecord>> {
    c.query(
        &format!(
            "SELECT {SUMMARY_COLS}, q.json, q.speaker_key, e.name FROM article_links l
             JOIN quotes q ON q.seq = l.seq JOIN articles a ON a.seq = l.seq
             LEFT JOIN entities e ON e.key = q.speaker_key
             WHERE l.story = $1 ORDER BY q.pub_sort, q.seq LIMIT 500"
        ),
        &[&id],
    )?
    .iter()
    .map(|r| {
        let article = summary_row(r, 0);
        let quote = serde_json::from_str(r.get(S)).map_err(|e| json_err(&article.id, e))?;
        Ok(QuoteRecord {
            article,
            quote,
            speaker_key: r.get(S + 1),
            speaker_name: r.get(S + 2),
        })
    })
    .collect()
}

/// The story's claims that answer nothing, each with the denials/doubts answering it
/// (from any article).
fn claims(c: &mut Conn, id: &str) -> Result<Vec<ClaimThread>> {
    let heads = c.query(
        &format!(
            "SELECT {SUMMARY_COLS}, c.json, c.holder_key, c.seq, c.local_id FROM article_links l
             JOIN claims c ON c.seq = l.seq JOIN articles a ON a.seq = l.seq
             WHERE l.story = $1 AND c.answers_seq IS NULL
             ORDER BY c.n_responses DESC, c.pub_sort, c.seq LIMIT 200"
        ),
        &[&id],
    )?;
    super::read::threads(c, heads)
}

/// One page of the export: records with seq > `after`, in seq order.
pub fn export_page(
    c: &mut Conn,
    story: Option<&str>,
    since: Option<&str>,
    after: i64,
    limit: usize,
) -> Result<Vec<(i64, Article)>> {
    // As on the embedded store: a stored article is on the page when it or one of its
    // exact copies passes `since`; each is emitted only if it passes itself.
    let rows = match story {
        None => c.query(
            "SELECT a.seq, a.id, a.text, a.record, ($2::text IS NULL OR a.pub_sort >= $2)
             FROM articles a
             WHERE a.seq > $1 AND ($2::text IS NULL OR a.pub_sort >= $2 OR EXISTS
               (SELECT 1 FROM article_copies c WHERE c.seq = a.seq AND c.pub_sort >= $2))
             ORDER BY a.seq LIMIT $3",
            &[&after, &since, &(limit as i64)],
        )?,
        Some(s) => c.query(
            "SELECT a.seq, a.id, a.text, a.record, ($2::text IS NULL OR a.pub_sort >= $2)
             FROM article_links l JOIN articles a ON a.seq = l.seq
             WHERE l.story = $4 AND a.seq > $1 AND ($2::text IS NULL OR a.pub_sort >= $2
               OR EXISTS (SELECT 1 FROM article_copies c
                          WHERE c.seq = a.seq AND c.pub_sort >= $2))
             ORDER BY l.story, l.seq LIMIT $3",
            &[&after, &since, &(limit as i64), &s],
        )?,
    };
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let seq: i64 = r.get(0);
        let id: &str = r.get(1);
        let passes: bool = r.get(4);
        let mut a = article_from(id, r.get(3), r.get(2))?;
        fill_refs(c, seq, &mut a)?;
        fill_link(c, seq, &mut a)?;
        let copies = c
            .query(
                "SELECT meta FROM article_copies
                 WHERE seq = $1 AND ($2::text IS NULL OR pub_sort >= $2) ORDER BY id",
                &[&seq, &since],
            )?
            .iter()
            .map(|m| Ok((seq, crate::copy::CopyMeta::from_json(m.get(0))?.record(&a)?)))
            .collect::<Result<Vec<_>>>()?;
        // The stored article first, then its copies.
        if passes {
            out.push((seq, a));
        }
        out.extend(copies);
    }
    Ok(out)
}

/// Links the articles that have no link row (stored with linking off), in seq order,
/// then lets the linker merge stories. In the caller's locked transaction.
pub fn relink(c: &mut Conn, linker: &newsgraph_link::Linker) -> Result<RelinkReport> {
    let unlinked: Vec<i64> = c
        .query(
            "SELECT a.seq FROM articles a LEFT JOIN article_links l ON l.seq = a.seq
             WHERE l.seq IS NULL ORDER BY a.seq",
            &[],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect();
    let mut report = RelinkReport::default();
    for seq in unlinked {
        let Some(r) = c.query_opt(
            "SELECT id, text, record FROM articles WHERE seq = $1",
            &[&seq],
        )?
        else {
            continue;
        };
        let a = article_from(r.get(0), r.get(2), r.get(1))?;
        let mut rows: Vec<(String, String, i64)> = c
            .query(
                "SELECT local_id, key, count FROM mentions WHERE seq = $1",
                &[&seq],
            )?
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get(2)))
            .collect();
        rows.sort_by_key(|r| crate::assemble::local_order(&r.0));
        let ents: Vec<newsgraph_link::EntityFeature> = rows
            .into_iter()
            .map(|(_, key, n)| newsgraph_link::EntityFeature {
                key,
                mentions: n.max(1) as u32,
            })
            .collect();
        linker.link(&mut PgLinkIndex::new(c, seq), &a, &ents)?;
        report.linked += 1;
    }
    report.merges = linker.relink(&mut PgLinkIndex::new(c, 0))?;
    Ok(report)
}
