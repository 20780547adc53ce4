//! Full-text search with filters and facets, in PostgreSQL itself.
//!
//! Why `tsvector` + GIN: it is PostgreSQL's own inverted index, maintained in the same
//! row and transaction as the article (no second system to keep in step, unlike the
//! embedded store's Tantivy index), with English stemming, weights for ranking and
//! `websearch_to_tsquery`, which parses user input the way the embedded store's query
//! parser is used (words ANDed, `"phrases"`, `-exclusions`) and never fails on junk.
//! The column holds title (weight A), entity names (B), quotes (C) and body (D);
//! `ts_rank_cd` ranks, `ts_headline` cuts the snippet. Filters are plain columns
//! (`source`, `pub_num` = YYYYMMDD, `layers` bit mask, `entity_kinds` array) and an
//! `EXISTS` on `mentions` (entity) or `article_links` (story);
//! facets are `GROUP BY`s over the matching rows in one statement.

use super::conn::Conn;
use super::read::{summary_row, S, SUMMARY_COLS};
use crate::util::date_bounds;
use crate::*;
use ::postgres::types::ToSql;

/// Marks around matched words in `ts_headline` output; stripped again here. Chosen to
/// be characters news text does not use (the text is stripped of them first).
const START: char = '\u{27E6}';
const STOP: char = '\u{27E7}';

type Param = Box<dyn ToSql + Sync>;

/// The WHERE clause of a search and its parameters (the text query is `$1` when set).
struct Filter {
    sql: String,
    params: Vec<Param>,
    has_text: bool,
    /// No condition at all: every article matches.
    all: bool,
}

/// `story`: the story filter already resolved to its current id (`Some(None)`: the
/// query named a story the store does not hold, so nothing matches).
fn filter(q: &SearchQuery, story: Option<Option<String>>) -> Result<Filter> {
    let mut conds: Vec<String> = Vec::new();
    let mut params: Vec<Param> = Vec::new();
    let push = |params: &mut Vec<Param>, p: Param| {
        params.push(p);
        params.len()
    };
    let text = q.text.as_deref().map(str::trim).filter(|t| !t.is_empty());
    if let Some(t) = text {
        let n = push(&mut params, Box::new(t.to_string()));
        conds.push(format!("a.tsv @@ websearch_to_tsquery('english', ${n})"));
    }
    if let Some(s) = q.source.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let n = push(&mut params, Box::new(s.to_string()));
        conds.push(format!("a.source = ${n}"));
    }
    if let Some(e) = q.entity.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let n = push(&mut params, Box::new(e.to_string()));
        conds.push(format!(
            "EXISTS (SELECT 1 FROM mentions m WHERE m.seq = a.seq AND m.key = ${n})"
        ));
    }
    if let Some(k) = q.entity_kind {
        let n = push(&mut params, Box::new(crate::key::kind_str(k).to_string()));
        conds.push(format!("${n} = ANY(a.entity_kinds)"));
    }
    match story {
        Some(Some(id)) => {
            let n = push(&mut params, Box::new(id));
            conds.push(format!(
                "EXISTS (SELECT 1 FROM article_links l WHERE l.seq = a.seq AND l.story = ${n})"
            ));
        }
        Some(None) => conds.push("FALSE".into()),
        None => {}
    }
    if let Some(l) = q.layer {
        let n = push(&mut params, Box::new(layer_bit(l)));
        conds.push(format!("(a.layers & ${n}) <> 0"));
    }
    let bound = |v: Option<&str>, which: &str| -> Result<Option<(u64, u64)>> {
        match v.map(str::trim).filter(|s| !s.is_empty()) {
            Some(d) => date_bounds(d)
                .map(Some)
                .ok_or_else(|| StoreError::Query(format!("{which}: not an ISO date: {d:?}"))),
            None => Ok(None),
        }
    };
    let from = bound(q.date_from.as_deref(), "date_from")?.map(|b| b.0);
    let to = bound(q.date_to.as_deref(), "date_to")?.map(|b| b.1);
    if from.is_some() || to.is_some() {
        // Articles with no known date (0) never match a date filter.
        let lo = from.unwrap_or(1).max(1) as i32;
        let n = push(&mut params, Box::new(lo));
        conds.push(format!("a.pub_num >= ${n}"));
        if let Some(t) = to {
            let n = push(&mut params, Box::new(t.min(i32::MAX as u64) as i32));
            conds.push(format!("a.pub_num <= ${n}"));
        }
    }
    let all = conds.is_empty();
    Ok(Filter {
        sql: if all {
            "TRUE".into()
        } else {
            conds.join(" AND ")
        },
        params,
        has_text: text.is_some(),
        all,
    })
}

/// The bit of a layer in `articles.layers`.
pub fn layer_bit(l: LayerKind) -> i32 {
    1 << LayerKind::ALL.iter().position(|x| *x == l).unwrap_or(0)
}

pub fn search(c: &mut Conn, q: &SearchQuery) -> Result<SearchResults> {
    let limit = if q.limit == 0 { 20 } else { q.limit.min(1000) } as i64;
    let offset = q.offset.min(100_000) as i64;
    let story = match q.story.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(id) => Some(super::link::resolve_story(c, id)?),
        None => None,
    };
    let f = filter(q, story)?;
    c.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", |c| {
        let hits = hits(c, &f, limit, offset)?;
        let (total, facets) = facets(c, &f)?;
        Ok(SearchResults {
            total,
            hits,
            facets,
        })
    })
}

fn refs(params: &[Param]) -> Vec<&(dyn ToSql + Sync)> {
    params.iter().map(|p| p.as_ref()).collect()
}

fn hits(c: &mut Conn, f: &Filter, limit: i64, offset: i64) -> Result<Vec<SearchHit>> {
    let n = f.params.len();
    let (score, order) = if f.has_text {
        (
            "ts_rank_cd(a.tsv, websearch_to_tsquery('english', $1))",
            "score DESC, a.seq",
        )
    } else {
        // No text: newest first by the UTC instant (`pub_sort`), as the feed.
        ("0::real", "a.pub_sort DESC, a.seq DESC")
    };
    // The page first, then snippets for its rows only (`ts_headline` re-parses text).
    let snippet = if f.has_text {
        format!(
            "ts_headline('english', translate(left(p.text, 20000), '{START}{STOP}', ''),
                websearch_to_tsquery('english', $1),
                'StartSel={START}, StopSel={STOP}, MaxWords=40, MinWords=20, MaxFragments=1')"
        )
    } else {
        "''".into()
    };
    let sql = format!(
        "SELECT p.id, p.title, p.source, p.published, p.ingested_at, p.url, p.published_utc,
                p.score, p.text, {snippet}
         FROM (SELECT {SUMMARY_COLS}, a.text, {score} AS score, a.seq, a.pub_sort FROM articles a
               WHERE {} ORDER BY {order} LIMIT ${} OFFSET ${}) p
         ORDER BY {}",
        f.sql,
        n + 1,
        n + 2,
        if f.has_text {
            "p.score DESC, p.seq"
        } else {
            "p.pub_sort DESC, p.seq DESC"
        }
    );
    let mut params = refs(&f.params);
    params.push(&limit);
    params.push(&offset);
    let rows = c.query(&sql, &params)?;
    Ok(rows
        .iter()
        .map(|r| {
            let article = summary_row(r, 0);
            let text: &str = r.get(S + 1);
            let marked: &str = r.get(S + 2);
            let (snippet, highlights) = if f.has_text && marked.contains(START) {
                unmark(marked)
            } else {
                (
                    crate::record::opening(text, article.title.is_some()),
                    Vec::new(),
                )
            };
            SearchHit {
                article,
                snippet,
                highlights,
                score: r.get(S),
            }
        })
        .collect())
}

/// Strips the headline marks, returning the text and the code-point ranges they marked.
fn unmark(marked: &str) -> (String, Vec<[usize; 2]>) {
    let mut out = String::with_capacity(marked.len());
    let mut ranges = Vec::new();
    let mut chars = 0usize;
    let mut open = None;
    for ch in marked.chars() {
        match ch {
            START => open = Some(chars),
            STOP => {
                if let Some(s) = open.take() {
                    ranges.push([s, chars]);
                }
            }
            _ => {
                out.push(ch);
                chars += 1;
            }
        }
    }
    (out, ranges)
}

fn facets(c: &mut Conn, f: &Filter) -> Result<(u64, Facets)> {
    let bits: Vec<String> = LayerKind::ALL
        .iter()
        .map(|l| {
            format!(
                "json_build_object('value', '{}', 'count', (SELECT count(*) FROM m WHERE (m.layers & {}) <> 0))",
                l.as_str(),
                layer_bit(*l)
            )
        })
        .collect();
    // Unfiltered, the entity facet is the entities' own article counts (no join).
    let entities = if f.all {
        "SELECT key AS value, article_count AS count FROM entities WHERE article_count > 0
         ORDER BY article_count DESC, key LIMIT 20"
    } else {
        "SELECT mn.key AS value, count(DISTINCT mn.seq) AS count FROM mentions mn
         JOIN m ON m.seq = mn.seq GROUP BY mn.key ORDER BY 2 DESC, 1 LIMIT 20"
    };
    let sql = format!(
        "WITH m AS MATERIALIZED (
             SELECT a.seq, a.source, a.month, a.layers, a.entity_kinds FROM articles a WHERE {})
         SELECT (SELECT count(*) FROM m),
           (SELECT coalesce(json_agg(x), '[]')::text FROM (
               SELECT source AS value, count(*) AS count FROM m WHERE source <> ''
               GROUP BY source ORDER BY 2 DESC, 1 LIMIT 20) x),
           (SELECT coalesce(json_agg(x), '[]')::text FROM (
               SELECT month AS value, count(*) AS count FROM m WHERE month IS NOT NULL
               GROUP BY month ORDER BY 2 DESC, 1 DESC LIMIT 36) x),
           (SELECT coalesce(json_agg(x), '[]')::text FROM (
               SELECT k AS value, count(*) AS count FROM m, unnest(m.entity_kinds) k
               GROUP BY k ORDER BY 2 DESC, 1 LIMIT 10) x),
           (SELECT coalesce(json_agg(x), '[]')::text FROM ({entities}) x),
           json_build_array({})::text",
        f.sql,
        bits.join(", ")
    );
    let row = c.query_one(&sql, &refs(&f.params))?;
    let parse = |i: usize| -> Result<Vec<FacetCount>> {
        serde_json::from_str(row.get(i)).map_err(|e| StoreError::Record {
            id: "facets".into(),
            source: e,
        })
    };
    let mut months = parse(2)?;
    months.sort_by(|a, b| b.value.cmp(&a.value));
    let mut layers = parse(5)?;
    layers.retain(|l| l.count > 0);
    layers.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    let entity_counts = parse(4)?;
    let keys: Vec<String> = entity_counts.iter().map(|e| e.value.clone()).collect();
    let names = super::read::entity_names(c, &keys)?;
    let entities = entity_counts
        .into_iter()
        .filter_map(|e| {
            let (name, kind) = names.get(&e.value)?;
            Some(EntityFacet {
                key: e.value,
                name: name.clone(),
                kind: *kind,
                count: e.count,
            })
        })
        .collect();
    let total: i64 = row.get(0);
    Ok((
        total.max(0) as u64,
        Facets {
            sources: parse(1)?,
            months,
            entity_kinds: parse(3)?,
            entities,
            layers,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_marks_become_code_point_ranges() {
        let (text, hl) = unmark("Café \u{27E6}talks\u{27E7} in \u{27E6}Oman\u{27E7}.");
        assert_eq!(text, "Café talks in Oman.");
        assert_eq!(hl, vec![[5, 10], [14, 18]]);
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[5..10].iter().collect::<String>(), "talks");
    }
}
