//! The Tantivy side: schema, document building, search with filters and facets.
//!
//! Documents are keyed by the article's SQLite `seq` (a u64 fast field); the text of
//! the body is indexed but not stored (snippets are cut from the SQLite text). Every
//! commit carries the highest indexed seq as its payload: what `open` reconciles from.

use super::analyzer::{analyzer, ANALYZER, NAME_MARK};
use super::util::{date_bounds, date_number, month_of, utc_time};
use crate::*;
use newsgraph_model::Article;
use std::collections::BTreeSet;
use std::ops::Bound;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::agg_result::AggregationResults;
use tantivy::aggregation::{AggContextParams, AggregationCollector};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STRING,
};
use tantivy::{
    DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, Searcher, TantivyDocument,
    Term,
};

/// Bumped when the index layout changes; a new version lives in a new directory and is
/// rebuilt from SQLite by the reconcile step.
/// 2: the `news` analyzer (accent folding, CJK bigrams, name forms) and the `pub_ts`
/// sort field.
pub const INDEX_VERSION: u32 = 2;

pub fn ix_err(e: impl std::error::Error + Send + Sync + 'static) -> StoreError {
    StoreError::Index(Box::new(e))
}

#[derive(Clone, Copy)]
pub struct Fields {
    pub seq: Field,
    pub title: Field,
    pub body: Field,
    pub quotes: Field,
    pub entities: Field,
    pub source: Field,
    pub published: Field,
    /// Publication instant (UTC milliseconds since 1970; a date alone is its midnight UTC;
    /// 0 unknown): the order of a search without text.
    pub pub_ts: Field,
    pub month: Field,
    pub entity_keys: Field,
    pub entity_kinds: Field,
    pub layers: Field,
}

pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let facet = STRING | FAST;
    let f = Fields {
        seq: b.add_u64_field("seq", INDEXED | FAST),
        title: b.add_text_field("title", text.clone()),
        body: b.add_text_field("body", text.clone()),
        quotes: b.add_text_field("quotes", text.clone()),
        entities: b.add_text_field("entities", text),
        source: b.add_text_field("source", facet.clone()),
        published: b.add_u64_field("published", INDEXED | FAST),
        pub_ts: b.add_u64_field("pub_ts", FAST),
        month: b.add_text_field("month", facet.clone()),
        entity_keys: b.add_text_field("entity_keys", facet.clone()),
        entity_kinds: b.add_text_field("entity_kinds", facet.clone()),
        layers: b.add_text_field("layers", facet),
    };
    (b.build(), f)
}

pub fn open_index(path: &std::path::Path) -> Result<(Index, Fields)> {
    std::fs::create_dir_all(path).map_err(|e| StoreError::Io {
        path: path.display().to_string(),
        source: e,
    })?;
    let (schema, fields) = schema();
    let dir = tantivy::directory::MmapDirectory::open(path).map_err(ix_err)?;
    let index = Index::open_or_create(dir, schema).map_err(ix_err)?;
    index.tokenizers().register(ANALYZER, analyzer());
    Ok((index, fields))
}

pub fn reader(index: &Index) -> Result<IndexReader> {
    index
        .reader_builder()
        .reload_policy(ReloadPolicy::OnCommitWithDelay)
        .try_into()
        .map_err(ix_err)
}

pub fn writer(index: &Index) -> Result<IndexWriter> {
    index.writer_with_num_threads(1, 48_000_000).map_err(ix_err)
}

/// The highest seq the last commit indexed (0 when none).
pub fn committed_seq(index: &Index) -> Result<i64> {
    let meta = index.load_metas().map_err(ix_err)?;
    Ok(meta
        .payload
        .as_deref()
        .and_then(|p| p.strip_prefix("seq="))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0))
}

pub fn commit(writer: &mut IndexWriter, seq: i64) -> Result<()> {
    let mut prepared = writer.prepare_commit().map_err(ix_err)?;
    prepared.set_payload(&format!("seq={seq}"));
    prepared.commit().map_err(ix_err)?;
    Ok(())
}

/// Builds the document of an article.
pub fn document(f: &Fields, seq: i64, a: &Article, entity_keys: &[String]) -> TantivyDocument {
    let mut d = TantivyDocument::default();
    d.add_u64(f.seq, seq.max(0) as u64);
    if let Some(t) = &a.title {
        d.add_text(f.title, t);
    }
    d.add_text(f.body, &a.text);
    for q in &a.quotes {
        d.add_text(f.quotes, &q.text);
    }
    for e in &a.entities {
        d.add_text(f.entities, &e.name);
        for al in &e.aliases {
            d.add_text(f.entities, al);
        }
    }
    if let Some(s) = a.source.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        d.add_text(f.source, s);
    }
    let published = a.published.as_deref().map(date_number).unwrap_or(0);
    d.add_u64(f.published, published);
    d.add_u64(
        f.pub_ts,
        a.published.as_deref().map(pub_millis).unwrap_or(0),
    );
    if let Some(m) = a.published.as_deref().and_then(month_of) {
        d.add_text(f.month, m);
    }
    for k in entity_keys {
        d.add_text(f.entity_keys, k);
    }
    let kinds: BTreeSet<&str> = entity_keys
        .iter()
        .filter_map(|k| k.split(':').next())
        .collect();
    for k in kinds {
        d.add_text(f.entity_kinds, k);
    }
    let layers = [
        (LayerKind::Entities, !a.entities.is_empty()),
        (LayerKind::Quotes, !a.quotes.is_empty()),
        (LayerKind::Claims, !a.claims.is_empty()),
        (LayerKind::Times, !a.times.is_empty()),
        (LayerKind::Figures, !a.figures.is_empty()),
        (LayerKind::Events, !a.events.is_empty()),
        (LayerKind::Furniture, !a.furniture.is_empty()),
    ];
    for (l, has) in layers {
        if has {
            d.add_text(f.layers, l.as_str());
        }
    }
    d
}

/// Milliseconds since 1970 (UTC) of a `published` value; a date alone is its midnight UTC.
fn pub_millis(p: &str) -> u64 {
    let parse = |s: &str| {
        chrono::DateTime::parse_from_rfc3339(s)
            .ok()
            .map(|d| d.timestamp_millis().max(0) as u64)
    };
    match utc_time(p) {
        Some(t) => parse(&t.published_utc).unwrap_or(0),
        None => super::util::iso_day(p)
            .filter(|d| d.len() == 10)
            .and_then(|d| parse(&format!("{d}T00:00:00Z")))
            .unwrap_or(0),
    }
}

pub fn seq_term(f: &Fields, seq: i64) -> Term {
    Term::from_field_u64(f.seq, seq.max(0) as u64)
}

/// Every seq in the index (live documents).
pub fn all_seqs(searcher: &Searcher) -> Result<Vec<i64>> {
    let mut out = Vec::with_capacity(searcher.num_docs() as usize);
    for seg in searcher.segment_readers() {
        let col = seg.fast_fields().u64("seq").map_err(ix_err)?;
        for doc in seg.doc_ids_alive() {
            if let Some(v) = col.first(doc) {
                out.push(v as i64);
            }
        }
    }
    Ok(out)
}

/// The seq of a hit.
pub fn seq_of(searcher: &Searcher, addr: DocAddress) -> Result<Option<i64>> {
    let col = searcher
        .segment_reader(addr.segment_ord)
        .fast_fields()
        .u64("seq")
        .map_err(ix_err)?;
    Ok(col.first(addr.doc_id).map(|v| v as i64))
}

/// A parsed search: the query to run and the query that scores snippets.
pub struct Prepared {
    pub query: Box<dyn Query>,
    pub text_query: Option<Box<dyn Query>>,
}

/// `only_seqs`: when given, only these documents (the story and entity filters,
/// resolved in SQLite; `q.story` and `q.entity` are not read here).
pub fn prepare(
    index: &Index,
    searcher: &Searcher,
    f: &Fields,
    q: &SearchQuery,
    only_seqs: Option<&[i64]>,
) -> Result<Prepared> {
    let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if let Some(seqs) = only_seqs {
        let terms: Vec<Term> = seqs.iter().map(|&s| seq_term(f, s)).collect();
        must.push((
            Occur::Must,
            Box::new(tantivy::query::TermSetQuery::new(terms)),
        ));
    }
    let mut text_query = None;
    if let Some(text) = q.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let mut parser = QueryParser::for_index(index, vec![f.title, f.body, f.quotes, f.entities]);
        parser.set_conjunction_by_default();
        parser.set_field_boost(f.title, 3.0);
        parser.set_field_boost(f.quotes, 1.5);
        parser.set_field_boost(f.entities, 2.0);
        // Lenient: user input never fails to parse; what cannot be parsed is dropped.
        let text = names_as_names(index, searcher, f, &sanitize(text));
        let (parsed, _errors) = parser.parse_query_lenient(&text);
        text_query = Some(parsed.box_clone());
        must.push((Occur::Must, parsed));
    }
    let term = |field: Field, v: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, v),
            IndexRecordOption::Basic,
        ))
    };
    if let Some(s) = q.source.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        must.push((Occur::Must, term(f.source, s)));
    }
    if let Some(l) = q.layer {
        must.push((Occur::Must, term(f.layers, l.as_str())));
    }
    if let Some(k) = q.entity_kind {
        must.push((Occur::Must, term(f.entity_kinds, crate::key::kind_str(k))));
    }
    let from = match q
        .date_from
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(d) => Some(
            date_bounds(d)
                .ok_or_else(|| StoreError::Query(format!("date_from: not an ISO date: {d:?}")))?
                .0,
        ),
        None => None,
    };
    let to = match q
        .date_to
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(d) => Some(
            date_bounds(d)
                .ok_or_else(|| StoreError::Query(format!("date_to: not an ISO date: {d:?}")))?
                .1,
        ),
        None => None,
    };
    if from.is_some() || to.is_some() {
        // Articles with no known date (0) never match a date filter.
        let lo = Bound::Included(Term::from_field_u64(f.published, from.unwrap_or(1).max(1)));
        let hi = match to {
            Some(t) => Bound::Included(Term::from_field_u64(f.published, t)),
            None => Bound::Unbounded,
        };
        must.push((Occur::Must, Box::new(RangeQuery::new(lo, hi))));
    }
    let query: Box<dyn Query> = match must.len() {
        0 => Box::new(AllQuery),
        1 if text_query.is_some() => must
            .pop()
            .map(|x| x.1)
            .unwrap_or_else(|| Box::new(AllQuery)),
        _ => {
            if text_query.is_none() {
                must.push((Occur::Must, Box::new(AllQuery)));
            }
            Box::new(BooleanQuery::new(must))
        }
    };
    Ok(Prepared { query, text_query })
}

/// Keeps the query language's useful parts (words, `"phrases"`, `-exclusions`) and
/// neutralises field syntax and stray operators that would otherwise be errors.
fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let quotes = text.chars().filter(|c| *c == '"').count();
    for c in text.chars() {
        match c {
            '"' if quotes % 2 == 0 => out.push('"'),
            c if c.is_alphanumeric() || c == '-' || c == '\'' || c.is_whitespace() => out.push(c),
            _ => out.push(' '),
        }
    }
    out
}

/// Writes each query word the way the analyzer should read it: a word some stored entity
/// name contains is capitalised (so it is searched by its unstemmed name form, see
/// [`super::analyzer`]), every other word is lowercased (an ordinary word typed with a
/// capital still matches its stems). Query syntax (quotes, `-`, spaces) is kept.
fn names_as_names(index: &Index, searcher: &Searcher, f: &Fields, text: &str) -> String {
    let Ok(mut a) = index.tokenizer_for_field(f.entities) else {
        return text.to_string();
    };
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let mut flush = |word: &mut String, out: &mut String| {
        if word.is_empty() {
            return;
        }
        let mut cap = String::with_capacity(word.len());
        let mut chars = word.chars();
        if let Some(c) = chars.next() {
            cap.extend(c.to_uppercase());
            cap.extend(chars.flat_map(char::to_lowercase));
        }
        let mut is_name = false;
        a.token_stream(&cap).process(&mut |t| {
            if t.text.ends_with(NAME_MARK) {
                let term = Term::from_field_text(f.entities, &t.text);
                is_name |= searcher.doc_freq(&term).unwrap_or(0) > 0;
            }
        });
        if is_name {
            out.push_str(&cap);
        } else {
            out.extend(word.chars().flat_map(char::to_lowercase));
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

const FACET_AGGS: &str = r#"{
    "sources": {"terms": {"field": "source", "size": 20}},
    "months": {"terms": {"field": "month", "size": 36}},
    "entity_kinds": {"terms": {"field": "entity_kinds", "size": 10}},
    "entities": {"terms": {"field": "entity_keys", "size": 20}},
    "layers": {"terms": {"field": "layers", "size": 10}}
}"#;

/// Raw search output: hits as (seq, score), total, and facet counts by field.
pub struct RawResults {
    pub hits: Vec<(i64, f32)>,
    pub total: u64,
    pub facets: Vec<(String, Vec<(String, u64)>)>,
}

pub fn run(
    searcher: &Searcher,
    prepared: &Prepared,
    limit: usize,
    offset: usize,
) -> Result<RawResults> {
    let aggs: Aggregations = serde_json::from_str(FACET_AGGS).map_err(ix_err)?;
    let agg = AggregationCollector::from_aggs(aggs, AggContextParams::default());
    let top = TopDocs::with_limit(limit.max(1)).and_offset(offset);
    let (addrs, total, facets): (Vec<(f32, DocAddress)>, usize, AggregationResults) =
        if prepared.text_query.is_some() {
            searcher
                .search(&*prepared.query, &(top.order_by_score(), Count, agg))
                .map_err(ix_err)?
        } else {
            let (sorted, total, facets) = searcher
                .search(
                    &*prepared.query,
                    &(top.order_by_u64_field("pub_ts", Order::Desc), Count, agg),
                )
                .map_err(ix_err)?;
            (
                sorted.into_iter().map(|(_, a)| (0.0, a)).collect(),
                total,
                facets,
            )
        };
    let mut hits = Vec::with_capacity(addrs.len());
    for (score, addr) in addrs {
        if let Some(seq) = seq_of(searcher, addr)? {
            hits.push((seq, score));
        }
    }
    let facets = facet_counts(&facets);
    Ok(RawResults {
        hits,
        total: total as u64,
        facets,
    })
}

fn facet_counts(res: &AggregationResults) -> Vec<(String, Vec<(String, u64)>)> {
    let v = serde_json::to_value(res).unwrap_or_default();
    let mut out = Vec::new();
    for name in ["sources", "months", "entity_kinds", "entities", "layers"] {
        let buckets = v
            .get(name)
            .and_then(|x| x.get("buckets"))
            .and_then(|b| b.as_array())
            .map(|b| {
                b.iter()
                    .filter_map(|x| {
                        let key = x.get("key")?;
                        let key = key
                            .as_str()
                            .map(str::to_string)
                            .unwrap_or_else(|| key.to_string());
                        Some((key, x.get("doc_count")?.as_u64()?))
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        out.push((name.to_string(), buckets));
    }
    out
}
