//! Full-text search with filters and facets, in PostgreSQL itself.
//!
//! Why `tsvector` + GIN: it is PostgreSQL's own inverted index, maintained in the same
//! transaction as the article (no second system to keep in step, unlike the embedded
//! store's Tantivy index), with stemming, weights and `websearch_to_tsquery`, which
//! parses user input the way the embedded store's query parser is used (words ANDed,
//! `"phrases"`, `-exclusions`) and never fails on junk. The `news` configuration is
//! `english` with `unaccent` in front (migration 5), so accents fold as on the
//! embedded store.
//!
//! Everything reads `search_docs` (migration 5), one narrow row per article: the
//! filter columns, `head` (title A, entity names B: ranking) and `tsv` (the whole
//! document: matching, through its GIN index only). A search with text or filters:
//! 1. **Facets and total** in one pass over the matches: `GROUP BY GROUPING SETS
//!    ((source), (month), (layers, kinds))`, counts only (the layer and kind bits are
//!    summed here). No filter at all: `search_totals`, which the writers keep.
//! 2. **The page**: matches whose `head` matches the query, ranked by `ts_rank` on
//!    `head` (a few hundred rows at most, through `head`'s own GIN index), then the
//!    other matches newest first. The newest come from a walk of the
//!    `(pub_sort, seq)` index that stops at the page's end when the matches are dense
//!    enough for it to stop soon (≤ `WALK_ROWS` rows expected), else from the GIN
//!    bitmap and a top-N sort. The planner is told which (`SET LOCAL enable_*`): it
//!    does not count the cost of detoasting `tsv` per row, so left alone it walked the
//!    index for rare words (0.7 s) and scanned the table for common ones.
//! 3. Summaries and `ts_headline` snippets for the page's rows only.
//!
//! Filters: `source`, `pub_num` (YYYYMMDD), the `layers`/`kinds` bit masks, and an
//! `EXISTS` on `mentions` (entity) or `article_links` (story).

use super::conn::Conn;
use super::read::{summary_row, S, SUMMARY_COLS};
use crate::util::date_bounds;
use crate::*;
use ::postgres::types::ToSql;
use std::collections::BTreeMap;

/// Marks around matched words in `ts_headline` output; stripped again here. Chosen to
/// be characters news text does not use (the text is stripped of them first).
const START: char = '\u{27E6}';
const STOP: char = '\u{27E7}';

/// Entity kinds in the order of their bits in `search_docs.kinds` (migration 5 uses
/// the same bits).
pub const KINDS: [&str; 5] = ["person", "organization", "place", "group", "other"];

/// Index rows a newest-first walk may be expected to read (each detoasts one
/// document vector, ~5-10 µs) before the GIN bitmap and a sort are cheaper.
const WALK_ROWS: i64 = 2_000;

/// The bit of an entity kind (`person`, ...) in `search_docs.kinds`.
pub fn kind_bit(kind: &str) -> Option<i32> {
    KINDS.iter().position(|k| *k == kind).map(|i| 1 << i)
}

/// The bit of a layer in `layers`.
pub fn layer_bit(l: LayerKind) -> i32 {
    1 << LayerKind::ALL.iter().position(|x| *x == l).unwrap_or(0)
}

/// What a write batch adds to `search_totals`, written once per batch (under the
/// writers' lock, in the batch's transaction).
#[derive(Default)]
pub struct Totals {
    counts: BTreeMap<(&'static str, String), i64>,
}

impl Totals {
    pub fn add(&mut self, source: Option<&str>, month: Option<&str>, kinds: &[&str], layers: i32) {
        let mut bump = |facet: &'static str, value: &str| {
            *self.counts.entry((facet, value.to_string())).or_default() += 1;
        };
        bump("all", "");
        if let Some(s) = source {
            bump("source", s);
        }
        if let Some(m) = month {
            bump("month", m);
        }
        for k in kinds {
            bump("kind", k);
        }
        for l in LayerKind::ALL {
            if layers & layer_bit(l) != 0 {
                bump("layer", l.as_str());
            }
        }
    }

    pub fn flush(self, c: &mut Conn) -> Result<()> {
        if self.counts.is_empty() {
            return Ok(());
        }
        let mut facets = Vec::with_capacity(self.counts.len());
        let mut values = Vec::with_capacity(self.counts.len());
        let mut counts = Vec::with_capacity(self.counts.len());
        for ((f, v), n) in self.counts {
            facets.push(f);
            values.push(v);
            counts.push(n);
        }
        c.execute(
            "INSERT INTO search_totals (facet, value, count)
             SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])
             ON CONFLICT (facet, value) DO UPDATE SET count = search_totals.count + excluded.count",
            &[&facets, &values, &counts],
        )?;
        Ok(())
    }
}

type Param = Box<dyn ToSql + Sync>;

/// The page's rows: seq and score, in order.
type Page = Vec<(i64, f32)>;

/// The WHERE clause of a search over `search_docs d` and its parameters (the text
/// query is `$1` when set).
struct Filter {
    sql: String,
    params: Vec<Param>,
    has_text: bool,
    /// The text query (`$1`), when set.
    text: Option<String>,
    /// No condition at all: every article matches.
    all: bool,
    /// The conditions that name one `search_totals` row (facet, value): when its count
    /// is 0, nothing matches.
    counted: Vec<(&'static str, String)>,
}

/// The parsed text query.
const TSQUERY: &str = "websearch_to_tsquery('news', $1)";

/// `story`: the story filter already resolved to its current id (`Some(None)`: the
/// query named a story the store does not hold, so nothing matches).
fn filter(q: &SearchQuery, story: Option<Option<String>>) -> Result<Filter> {
    let mut conds: Vec<String> = Vec::new();
    let mut params: Vec<Param> = Vec::new();
    let mut counted: Vec<(&'static str, String)> = Vec::new();
    let push = |params: &mut Vec<Param>, p: Param| {
        params.push(p);
        params.len()
    };
    let text = q.text.as_deref().map(str::trim).filter(|t| !t.is_empty());
    if let Some(t) = text {
        push(&mut params, Box::new(t.to_string()));
        conds.push(format!("d.tsv @@ {TSQUERY}"));
    }
    if let Some(s) = q.source.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let n = push(&mut params, Box::new(s.to_string()));
        conds.push(format!("d.source = ${n}"));
        counted.push(("source", s.to_string()));
    }
    if let Some(e) = q.entity.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let n = push(&mut params, Box::new(e.to_string()));
        conds.push(format!(
            "EXISTS (SELECT 1 FROM mentions m WHERE m.seq = d.seq AND m.key = ${n})"
        ));
    }
    if let Some(k) = q.entity_kind {
        let bit = kind_bit(crate::key::kind_str(k)).unwrap_or(0);
        conds.push(format!("(d.kinds & {bit}) <> 0"));
        counted.push(("kind", crate::key::kind_str(k).to_string()));
    }
    match story {
        Some(Some(id)) => {
            let n = push(&mut params, Box::new(id));
            conds.push(format!(
                "EXISTS (SELECT 1 FROM article_links l WHERE l.seq = d.seq AND l.story = ${n})"
            ));
        }
        Some(None) => conds.push("FALSE".into()),
        None => {}
    }
    if let Some(l) = q.layer {
        conds.push(format!("(d.layers & {}) <> 0", layer_bit(l)));
        counted.push(("layer", l.as_str().to_string()));
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
        conds.push(format!("d.pub_num >= ${n}"));
        if let Some(t) = to {
            let n = push(&mut params, Box::new(t.min(i32::MAX as u64) as i32));
            conds.push(format!("d.pub_num <= ${n}"));
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
        text: text.map(str::to_string),
        all,
        counted,
    })
}

pub fn search(c: &mut Conn, q: &SearchQuery) -> Result<SearchResults> {
    let limit = if q.limit == 0 { 20 } else { q.limit.min(1000) } as i64;
    let offset = q.offset.min(100_000) as i64;
    let story = match q.story.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(id) => Some(super::link::resolve_story(c, id)?),
        None => None,
    };
    // An entity filter names the entity the ref now stands for (a merged-away ref its
    // merge target); `mentions` follows every correction, so the filter does too.
    let resolved;
    let q = match q.entity.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
        Some(e) => {
            resolved = SearchQuery {
                entity: Some(super::corrections::current_ref(c, e)?),
                ..q.clone()
            };
            &resolved
        }
        None => q,
    };
    let f = filter(q, story)?;
    c.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", |c| {
        // Hash aggregates of 100k matches stay in memory; no parallel workers (their
        // start-up costs more than they save on the queries here, and the cores are
        // the writers').
        c.batch("SET LOCAL work_mem = '32MB'; SET LOCAL max_parallel_workers_per_gather = 0")?;
        let corpus = corpus_size(c)?;
        if !f.all && none_counted(c, &f)? {
            return Ok(SearchResults::default());
        }
        let (total, facets, page) = if f.all {
            let page = page(c, &f, limit, offset, corpus, corpus)?;
            (corpus as u64, totals_facets(c)?, page)
        } else if f.has_text && is_phrase(c, &f)? {
            one_pass(c, &f, limit, offset)?
        } else {
            let (total, facets) = facets(c, &f)?;
            let page = if total == 0 {
                Vec::new()
            } else {
                page(c, &f, limit, offset, total as i64, corpus)?
            };
            (total, facets, page)
        };
        let hits = hits(c, &f, &page)?;
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

/// Articles in the store (`search_totals`' `all` row).
fn corpus_size(c: &mut Conn) -> Result<i64> {
    Ok(c.query_opt(
        "SELECT count FROM search_totals WHERE facet = 'all' AND value = ''",
        &[],
    )?
    .map(|r| r.get(0))
    .unwrap_or(0))
}

/// The seqs and scores of the page's rows, in order.
fn page(
    c: &mut Conn,
    f: &Filter,
    limit: i64,
    offset: i64,
    total: i64,
    corpus: i64,
) -> Result<Page> {
    let n = f.params.len();
    let want = limit + offset;
    let mut params = refs(&f.params);
    params.push(&want);
    let mut ranked: Vec<(i64, f32, String)> = Vec::new();
    if f.has_text {
        // Matches in the title or an entity name, ranked: always through the GIN
        // indexes (never a walk that detoasts documents one by one).
        c.batch("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off")?;
        let sql = format!(
            "SELECT d.seq, ts_rank(d.head, {TSQUERY}) AS score, d.pub_sort FROM search_docs d
             WHERE {} AND d.head @@ {TSQUERY}
             ORDER BY score DESC, d.pub_sort DESC, d.seq DESC LIMIT ${}",
            f.sql,
            n + 1
        );
        ranked = c
            .query(&sql, &params)?
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get(2)))
            .collect();
    }
    // The rest newest first: walk the (pub_sort, seq) index when the matches are
    // dense enough that `want` of them come within WALK_ROWS rows; else bitmap + sort.
    let walk = want.saturating_mul(corpus) <= WALK_ROWS.saturating_mul(total.max(1));
    c.batch(if walk {
        "SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off;
         SET LOCAL enable_indexscan = on; SET LOCAL enable_sort = off"
    } else {
        "SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off;
         SET LOCAL enable_bitmapscan = on; SET LOCAL enable_sort = on"
    })?;
    let not_ranked = if f.has_text {
        format!(" AND NOT (d.head @@ {TSQUERY})")
    } else {
        String::new()
    };
    let sql = format!(
        "SELECT d.seq, 0::real, d.pub_sort FROM search_docs d WHERE {}{not_ranked}
         ORDER BY d.pub_sort DESC, d.seq DESC LIMIT ${}",
        f.sql,
        n + 1
    );
    let newest = c.query(&sql, &params)?;
    c.batch(
        "RESET enable_seqscan; RESET enable_indexscan; RESET enable_bitmapscan; RESET enable_sort",
    )?;
    ranked.extend(newest.iter().map(|r| (r.get(0), r.get(1), r.get(2))));
    Ok(in_page_order(ranked, limit, offset))
}

/// Summaries and snippets of the page's rows.
fn hits(c: &mut Conn, f: &Filter, page: &[(i64, f32)]) -> Result<Vec<SearchHit>> {
    if page.is_empty() {
        return Ok(Vec::new());
    }
    let seqs: Vec<i64> = page.iter().map(|p| p.0).collect();
    // `ts_headline` re-parses the text: only for the page's rows.
    let snippet = if f.has_text {
        format!(
            "ts_headline('news', translate(left(a.text, 20000), '{START}{STOP}', ''),
                websearch_to_tsquery('news', $2),
                'StartSel={START}, StopSel={STOP}, MaxWords=40, MinWords=20, MaxFragments=1')"
        )
    } else {
        "''".into()
    };
    let sql = format!(
        "SELECT {SUMMARY_COLS}, a.seq, a.text, {snippet} FROM articles a WHERE a.seq = ANY($1)"
    );
    let rows = match &f.text {
        Some(t) => c.query(&sql, &[&seqs, t])?,
        None => c.query(&sql, &[&seqs])?,
    };
    let mut by_seq: std::collections::HashMap<i64, &::postgres::Row> =
        rows.iter().map(|r| (r.get::<_, i64>(S), r)).collect();
    Ok(page
        .iter()
        .filter_map(|(seq, score)| {
            let r = by_seq.remove(seq)?;
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
            Some(SearchHit {
                article,
                snippet,
                highlights,
                score: *score,
            })
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

/// A filter on a facet value no article has (its `search_totals` count is 0).
fn none_counted(c: &mut Conn, f: &Filter) -> Result<bool> {
    for (facet, value) in &f.counted {
        let n: i64 = c
            .query_opt(
                "SELECT count FROM search_totals WHERE facet = $1 AND value = $2",
                &[facet, value],
            )?
            .map(|r| r.get(0))
            .unwrap_or(0);
        if n <= 0 {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The text query holds a phrase: its matches are rechecked against `tsv` (the GIN
/// index has no positions), a detoast per candidate, so they are read once
/// (`one_pass`) rather than once per statement.
fn is_phrase(c: &mut Conn, f: &Filter) -> Result<bool> {
    let Some(t) = &f.text else {
        return Ok(false);
    };
    let q: String = c
        .query_one(&format!("SELECT {TSQUERY}::text"), &[t])?
        .get(0);
    Ok(q.contains('<'))
}

/// Counts of the facet pass, summed over its grouping sets.
#[derive(Default)]
struct Tally {
    total: u64,
    sources: Vec<FacetCount>,
    months: Vec<FacetCount>,
    layers: Vec<u64>,
    kinds: Vec<u64>,
}

impl Tally {
    /// One row of `GROUPING SETS ((source), (month), (layers, kinds))`.
    fn add(&mut self, r: &::postgres::Row, at: usize) {
        if self.layers.is_empty() {
            self.layers = vec![0; LayerKind::ALL.len()];
            self.kinds = vec![0; KINDS.len()];
        }
        let (g_source, g_month): (i32, i32) = (r.get(at), r.get(at + 1));
        let n = r.get::<_, i64>(at + 6).max(0) as u64;
        if g_source == 0 {
            if let Some(s) = r.get::<_, Option<String>>(at + 2).filter(|s| !s.is_empty()) {
                self.sources.push(FacetCount { value: s, count: n });
            }
        } else if g_month == 0 {
            if let Some(m) = r.get::<_, Option<String>>(at + 3) {
                self.months.push(FacetCount { value: m, count: n });
            }
        } else {
            self.total += n;
            let (l, k): (i32, i32) = (r.get(at + 4), r.get(at + 5));
            for (i, c) in self.layers.iter_mut().enumerate() {
                if l & (1 << i) != 0 {
                    *c += n;
                }
            }
            for (i, c) in self.kinds.iter_mut().enumerate() {
                if k & (1 << i) != 0 {
                    *c += n;
                }
            }
        }
    }

    /// Some match names an entity (so has `mentions` rows).
    fn has_entities(&self) -> bool {
        self.kinds.iter().any(|n| *n > 0)
    }

    fn into_facets(self, c: &mut Conn, entity_counts: Vec<FacetCount>) -> Result<(u64, Facets)> {
        let counts = |names: Vec<&str>, ns: Vec<u64>| -> Vec<FacetCount> {
            names
                .into_iter()
                .zip(ns)
                .map(|(v, n)| FacetCount {
                    value: v.to_string(),
                    count: n,
                })
                .collect()
        };
        let layers = counts(
            LayerKind::ALL.iter().map(|l| l.as_str()).collect(),
            self.layers,
        );
        let kinds = counts(KINDS.to_vec(), self.kinds);
        let facets = assemble(c, self.sources, self.months, kinds, layers, entity_counts)?;
        Ok((self.total, facets))
    }
}

/// The facet pass's grouping: sources, months, and layer/kind masks (summed in Rust).
const FACET_GROUPS: &str = "GROUPING SETS ((source), (month), (layers, kinds))";

/// Total and facets of a search with text or filters: one pass over the matches.
fn facets(c: &mut Conn, f: &Filter) -> Result<(u64, Facets)> {
    if f.has_text {
        c.batch("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off")?;
    }
    let sql = format!(
        "SELECT GROUPING(source), GROUPING(month), source, month, layers, kinds, count(*)
         FROM search_docs d WHERE {} GROUP BY {FACET_GROUPS}",
        f.sql
    );
    let mut tally = Tally::default();
    for r in c.query(&sql, &refs(&f.params))? {
        tally.add(&r, 0);
    }
    // Entities: the mentions of the matches that name one (none: no statement, which
    // would otherwise probe `mentions` once per match).
    let entities = if tally.has_entities() {
        let sql = format!(
            "SELECT mn.key, count(DISTINCT mn.seq) FROM search_docs d
             JOIN mentions mn ON mn.seq = d.seq WHERE {} AND d.kinds <> 0
             GROUP BY mn.key ORDER BY 2 DESC, 1 LIMIT 20",
            f.sql
        );
        entity_rows(&c.query(&sql, &refs(&f.params))?, 0)
    } else {
        Vec::new()
    };
    if f.has_text {
        c.batch("RESET enable_seqscan; RESET enable_indexscan")?;
    }
    tally.into_facets(c, entities)
}

fn entity_rows(rows: &[::postgres::Row], at: usize) -> Vec<FacetCount> {
    rows.iter()
        .map(|r| FacetCount {
            value: r.get(at),
            count: r.get::<_, i64>(at + 1).max(0) as u64,
        })
        .collect()
}

/// Facets, total and page in one statement over the matches materialised once (for
/// phrase queries, whose every candidate costs a detoast to recheck).
fn one_pass(c: &mut Conn, f: &Filter, limit: i64, offset: i64) -> Result<(u64, Facets, Page)> {
    c.batch("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off")?;
    let want = limit + offset;
    let sql = format!(
        "WITH m AS MATERIALIZED (
             SELECT d.seq, d.source, d.month, d.layers, d.kinds, d.pub_sort,
                    CASE WHEN d.head @@ {TSQUERY} THEN ts_rank(d.head, {TSQUERY}) END AS score
             FROM search_docs d WHERE {})
         SELECT 0, GROUPING(source), GROUPING(month), source, month, layers, kinds, count(*),
                NULL::bigint, NULL::real, NULL::text
         FROM m GROUP BY {FACET_GROUPS}
         UNION ALL
         (SELECT 1, 0, 0, NULL, NULL, NULL, NULL, NULL, seq, score, pub_sort FROM m
          WHERE score IS NOT NULL ORDER BY score DESC, pub_sort DESC, seq DESC LIMIT ${n})
         UNION ALL
         (SELECT 2, 0, 0, NULL, NULL, NULL, NULL, NULL, seq, 0::real, pub_sort FROM m
          WHERE score IS NULL ORDER BY pub_sort DESC, seq DESC LIMIT ${n})
         UNION ALL
         (SELECT 3, 0, 0, mn.key, NULL, NULL, NULL, count(DISTINCT mn.seq), NULL, NULL, NULL
          FROM m JOIN mentions mn ON mn.seq = m.seq WHERE m.kinds <> 0
          GROUP BY mn.key ORDER BY 8 DESC, 4 LIMIT 20)",
        f.sql,
        n = f.params.len() + 1
    );
    let mut params = refs(&f.params);
    params.push(&want);
    let rows = c.query(&sql, &params)?;
    c.batch("RESET enable_seqscan; RESET enable_indexscan")?;
    let mut tally = Tally::default();
    let mut ranked: Vec<(i64, f32, String)> = Vec::new();
    let mut entities = Vec::new();
    for r in &rows {
        match r.get::<_, i32>(0) {
            0 => tally.add(r, 1),
            1 | 2 => ranked.push((r.get(8), r.get(9), r.get(10))),
            _ => entities.push(FacetCount {
                value: r.get(3),
                count: r.get::<_, i64>(7).max(0) as u64,
            }),
        }
    }
    let page = in_page_order(ranked, limit, offset);
    let (total, facets) = tally.into_facets(c, entities)?;
    Ok((total, facets, page))
}

/// Score first (ranked rows score > 0), then newest, then seq; the page's slice.
fn in_page_order(mut rows: Vec<(i64, f32, String)>, limit: i64, offset: i64) -> Page {
    rows.sort_by(|a, b| {
        b.1.total_cmp(&a.1)
            .then_with(|| b.2.cmp(&a.2))
            .then_with(|| b.0.cmp(&a.0))
    });
    rows.into_iter()
        .skip(offset as usize)
        .take(limit as usize)
        .map(|(seq, score, _)| (seq, score))
        .collect()
}

/// Facets of "every article": the writers' counts and the entities' own.
fn totals_facets(c: &mut Conn) -> Result<Facets> {
    let mut sources = Vec::new();
    let mut months = Vec::new();
    let mut kinds = Vec::new();
    let mut layers = Vec::new();
    for r in c.query(
        "SELECT facet, value, count FROM search_totals WHERE facet <> 'all' AND count > 0",
        &[],
    )? {
        let facet: &str = r.get(0);
        let fc = FacetCount {
            value: r.get(1),
            count: r.get::<_, i64>(2).max(0) as u64,
        };
        match facet {
            "source" if !fc.value.is_empty() => sources.push(fc),
            "month" => months.push(fc),
            "kind" => kinds.push(fc),
            "layer" => layers.push(fc),
            _ => {}
        }
    }
    let entities = c.query(
        "SELECT key, article_count FROM entities WHERE article_count > 0
             ORDER BY article_count DESC, key LIMIT 20",
        &[],
    )?;
    let entities = entity_rows(&entities, 0);
    assemble(c, sources, months, kinds, layers, entities)
}

/// Orders and caps the counts (as before schema 5), names the entities.
fn assemble(
    c: &mut Conn,
    mut sources: Vec<FacetCount>,
    mut months: Vec<FacetCount>,
    mut kinds: Vec<FacetCount>,
    mut layers: Vec<FacetCount>,
    entity_counts: Vec<FacetCount>,
) -> Result<Facets> {
    let by_count =
        |a: &FacetCount, b: &FacetCount| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value));
    sources.sort_by(by_count);
    sources.truncate(20);
    // The 36 busiest months, listed newest first.
    months.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| b.value.cmp(&a.value)));
    months.truncate(36);
    months.sort_by(|a, b| b.value.cmp(&a.value));
    kinds.retain(|k| k.count > 0);
    kinds.sort_by(by_count);
    kinds.truncate(10);
    layers.retain(|l| l.count > 0);
    layers.sort_by(by_count);
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
    Ok(Facets {
        sources,
        months,
        entity_kinds: kinds,
        entities,
        layers,
    })
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
