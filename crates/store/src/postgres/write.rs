//! The write path: one article's rows, entity linking and claim answers, in the
//! caller's transaction. Same rules as the embedded store's `write::put_article` (see the
//! crate's ARCH.md), computed from the same `record` helpers.

use super::conn::Conn;
use super::search::{kind_bit, Totals};
use crate::record::{
    claim_key, event_day, layers_of, quote_kind_str, stance_str, time_type_str, ArticleRow,
    EntityLookup, LocalKeys,
};
use crate::util::{date_number, month_of};
use crate::{PutOutcome, Result};
use ::postgres::types::{to_sql_checked, FromSql, IsNull, ToSql, Type};
use bytes::BytesMut;
use newsgraph_model::Article;
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// Largest part of an article's text that goes into its search vector. PostgreSQL caps
/// a `tsvector` at 1 MB; a 50 MB page must still be stored (and found by its start).
const MAX_INDEXED_TEXT: usize = 400_000;

fn cut(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// An article's two search vectors in PostgreSQL's binary form (`news_head`,
/// `news_document`), computed before the writers' lock is taken: stemming the text is
/// the largest single part of an article's write, and needs nothing from other
/// writers.
pub struct Vectors {
    head: RawTsvector,
    document: RawTsvector,
}

/// A `tsvector` as the server sends and receives it (binary), never parsed here.
#[derive(Debug)]
struct RawTsvector(Vec<u8>);

impl<'a> FromSql<'a> for RawTsvector {
    fn from_sql(_: &Type, raw: &'a [u8]) -> std::result::Result<Self, BoxError> {
        Ok(RawTsvector(raw.to_vec()))
    }

    fn accepts(ty: &Type) -> bool {
        ty.name() == "tsvector"
    }
}

impl ToSql for RawTsvector {
    fn to_sql(&self, _: &Type, out: &mut BytesMut) -> std::result::Result<IsNull, BoxError> {
        out.extend_from_slice(&self.0);
        Ok(IsNull::No)
    }

    fn accepts(ty: &Type) -> bool {
        ty.name() == "tsvector"
    }

    to_sql_checked!();
}

type BoxError = Box<dyn std::error::Error + Sync + Send>;

/// The search vectors of a batch, in its order (one statement; no lock held).
pub fn vectors(c: &mut Conn, articles: &[Article]) -> Result<Vec<Vectors>> {
    let mut titles = Vec::with_capacity(articles.len());
    let mut names = Vec::with_capacity(articles.len());
    let mut quotes = Vec::with_capacity(articles.len());
    let mut bodies = Vec::with_capacity(articles.len());
    for a in articles {
        let entity_text = a
            .entities
            .iter()
            .flat_map(|e| std::iter::once(&e.name).chain(&e.aliases))
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ");
        let quote_text = a
            .quotes
            .iter()
            .map(|q| q.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        titles.push(a.title.as_deref().unwrap_or_default());
        names.push(cut(&entity_text, MAX_INDEXED_TEXT).to_string());
        quotes.push(cut(&quote_text, MAX_INDEXED_TEXT).to_string());
        bodies.push(cut(&a.text, MAX_INDEXED_TEXT));
    }
    Ok(c.query(
        "SELECT news_head(t, n), news_document(t, n, q, b)
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY
                 AS x(t, n, q, b, i)
             ORDER BY i",
        &[&titles, &names, &quotes, &bodies],
    )?
    .iter()
    .map(|r| Vectors {
        head: r.get(0),
        document: r.get(1),
    })
    .collect())
}

/// Inserts one article (all its rows, its registry links and, with `linker`, its story)
/// unless it is a duplicate. Runs in the caller's transaction.
pub fn put_article(
    c: &mut Conn,
    a: &Article,
    ingested_at: &str,
    linker: Option<&newsgraph_link::Linker>,
    totals: &mut Totals,
    vectors: &Vectors,
) -> Result<PutOutcome> {
    let row = ArticleRow::of(a)?;
    // As on the embedded store: the same article is a no-op, the same text under a new
    // URL is kept as an exact copy of the stored one (see `copy.rs`).
    if let Some(r) = c.query_opt(
        "(SELECT id, NULL::bigint FROM articles WHERE id = $1) UNION ALL
         (SELECT id, NULL FROM articles WHERE url_canon = $2) UNION ALL
         (SELECT a.id, NULL FROM article_copies c JOIN articles a ON a.seq = c.seq
            WHERE c.url_canon = $2 OR c.id = $1) UNION ALL
         (SELECT id, seq FROM articles WHERE text_hash = $3) LIMIT 1",
        &[&a.id, &row.url_canon, &row.text_hash],
    )? {
        let same_text: Option<i64> = r.get(1);
        if let (Some(seq), Some(url_canon)) = (same_text, &row.url_canon) {
            c.execute(
                "INSERT INTO article_copies (url_canon, id, seq, pub_sort, meta)
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
                &[
                    url_canon,
                    &a.id,
                    &seq,
                    &row.pub_sort,
                    &crate::copy::CopyMeta::of(a)?.to_json(),
                ],
            )?;
        }
        return Ok(PutOutcome::Duplicate {
            existing_id: r.get(0),
        });
    }
    let lookups: Vec<(usize, EntityLookup)> = a
        .entities
        .iter()
        .enumerate()
        .filter_map(|(i, e)| EntityLookup::of(e).map(|l| (i, l)))
        .collect();
    let kinds: Vec<&str> = lookups
        .iter()
        .map(|(_, l)| l.kind)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let layers: i32 = layers_of(a)
        .map(|l| {
            1 << crate::LayerKind::ALL
                .iter()
                .position(|x| *x == l)
                .unwrap_or(0)
        })
        .sum();
    let pub_num = a.published.as_deref().map(date_number).unwrap_or(0) as i32;
    let month = a.published.as_deref().and_then(month_of);
    let published_utc = a
        .published
        .as_deref()
        .and_then(crate::util::utc_time)
        .map(|t| t.published_utc);
    let seq: i64 = c
        .query_one(
            "INSERT INTO articles (id, url_canon, text_hash, url, title, source, published, pub_sort,
                 pub_num, month, layers, entity_kinds, ingested_at, text, record, published_utc)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
             RETURNING seq",
            &[
                &a.id,
                &row.url_canon,
                &row.text_hash,
                &a.url,
                &a.title,
                &a.source,
                &a.published,
                &row.pub_sort,
                &pub_num,
                &month,
                &layers,
                &kinds,
                &ingested_at,
                &a.text,
                &row.record,
                &published_utc,
            ],
        )?
        .get(0);
    let kind_bits = kinds
        .iter()
        .filter_map(|k| kind_bit(k))
        .fold(0, |m, b| m | b);
    c.execute(
        "INSERT INTO search_docs (seq, source, month, pub_num, pub_sort, layers, kinds, head, tsv)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        &[
            &seq,
            &a.source,
            &month,
            &pub_num,
            &row.pub_sort,
            &layers,
            &kind_bits,
            &vectors.head,
            &vectors.document,
        ],
    )?;
    totals.add(a.source.as_deref(), month.as_deref(), &kinds, layers);

    let mut keys = LocalKeys::default();
    let mut counted: HashSet<String> = HashSet::new();
    let mut link_entities: Vec<newsgraph_link::EntityFeature> = Vec::new();
    // The publication day (pub_sort is a UTC time, or empty when undated).
    let day = row.pub_sort.get(..10).filter(|d| !d.is_empty());
    // The article's other entities by their own keys: the context that picks between
    // registry entities one name may mean.
    let context: Vec<String> = lookups.iter().map(|(_, l)| l.own_key()).collect();
    // (key, descriptor) → times in this article: one statement after the entities
    // (nothing in the loop reads descriptors).
    let mut descriptors: BTreeMap<(String, String), i64> = BTreeMap::new();
    // Bare one-word entities this article's full names now clearly own: folded (a
    // recorded merge) once the article's rows are written.
    let mut folds: Vec<(String, String)> = Vec::new();
    for (i, lookup) in &lookups {
        let e = &a.entities[*i];
        let key = link_entity(c, e, lookup, &context, &mut folds)?;
        link_entities.push(newsgraph_link::EntityFeature {
            key: key.clone(),
            mentions: e.mentions.len().max(1) as u32,
        });
        let first_in_article = counted.insert(key.clone());
        c.execute(
            "UPDATE entities SET mention_count = mention_count + $2, article_count = article_count + $3
             WHERE key = $1",
            &[&key, &(e.mentions.len().max(1) as i64), &(first_in_article as i64)],
        )?;
        c.execute(
            "INSERT INTO mentions (seq, local_id, key, name, count) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT DO NOTHING",
            &[&seq, &e.id, &key, &e.name, &(e.mentions.len() as i64)],
        )?;
        let mut seen = HashSet::new();
        for d in &e.descriptors {
            let d = d.trim();
            if !d.is_empty() && seen.insert(d.to_lowercase()) {
                *descriptors.entry((key.clone(), d.to_string())).or_default() += 1;
            }
        }
        keys.add(e, &key);
    }

    if !descriptors.is_empty() {
        let (mut dkeys, mut dtexts, mut dcounts) = (Vec::new(), Vec::new(), Vec::new());
        for ((k, t), n) in descriptors {
            dkeys.push(k);
            dtexts.push(t);
            dcounts.push(n);
        }
        c.execute(
            "INSERT INTO entity_descriptors (key, text, count, first_seen, last_seen)
             SELECT k, t, n, $4, $4 FROM unnest($1::text[], $2::text[], $3::bigint[]) AS x(k, t, n)
             ON CONFLICT (key, text) DO UPDATE SET count = entity_descriptors.count + excluded.count,
                first_seen = least(entity_descriptors.first_seen, excluded.first_seen),
                last_seen = greatest(entity_descriptors.last_seen, excluded.last_seen)",
            &[&dkeys, &dtexts, &dcounts, &day],
        )?;
    }

    // Quotes, events and their entities: one statement each (array parameters).
    if !a.quotes.is_empty() {
        let mut ids = Vec::new();
        let mut speakers: Vec<Option<String>> = Vec::new();
        let mut kinds_q = Vec::new();
        let mut jsons = Vec::new();
        for q in &a.quotes {
            ids.push(q.id.as_str());
            speakers.push(keys.resolve_either(q.speaker.as_deref(), q.speaker_text.as_deref()));
            kinds_q.push(quote_kind_str(q));
            jsons.push(serde_json::to_string(q).map_err(|e| crate::record::json_err(&a.id, e))?);
        }
        c.execute(
            "INSERT INTO quotes (seq, local_id, speaker_key, kind, pub_sort, json)
             SELECT $1, i, s, k, $5, j FROM unnest($2::text[], $3::text[], $4::text[], $6::text[])
                 AS x(i, s, k, j)
             ON CONFLICT DO NOTHING",
            &[&seq, &ids, &speakers, &kinds_q, &row.pub_sort, &jsons],
        )?;
    }

    for cl in &a.claims {
        let holder = keys.resolve_either(cl.holder.as_deref(), cl.holder_text.as_deref());
        let stance = stance_str(cl.stance);
        let ckey = claim_key(&cl.content);
        let answers: Option<(i64, String)> = match &cl.answers {
            Some(local) if a.claims.iter().any(|o| &o.id == local) => Some((seq, local.clone())),
            _ if stance != "assert" && !ckey.is_empty() => c
                .query_opt(
                    "SELECT seq, local_id FROM claims WHERE content_key = $1 AND stance = 'assert'
                     AND seq <> $2 ORDER BY seq DESC LIMIT 1",
                    &[&ckey, &seq],
                )?
                .map(|r| (r.get(0), r.get(1))),
            _ => None,
        };
        let json = serde_json::to_string(cl).map_err(|e| crate::record::json_err(&a.id, e))?;
        let (aseq, alocal) = match &answers {
            Some((s, l)) => (Some(*s), Some(l.as_str())),
            None => (None, None),
        };
        c.execute(
            "INSERT INTO claims (seq, local_id, holder_key, stance, content_key, answers_seq,
                                 answers_local, pub_sort, json)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING",
            &[
                &seq,
                &cl.id,
                &holder,
                &stance,
                &ckey,
                &aseq,
                &alocal,
                &row.pub_sort,
                &json,
            ],
        )?;
        if let (Some(s), Some(l)) = (aseq, alocal) {
            c.execute(
                "UPDATE claims SET n_responses = n_responses + 1 WHERE seq = $1 AND local_id = $2",
                &[&s, &l],
            )?;
        }
    }

    if !a.times.is_empty() {
        let starts: Vec<i64> = a.times.iter().map(|t| t.span.start as i64).collect();
        let ends: Vec<i64> = a.times.iter().map(|t| t.span.end as i64).collect();
        let types: Vec<String> = a.times.iter().map(time_type_str).collect();
        let values: Vec<&str> = a.times.iter().map(|t| t.value.as_str()).collect();
        let texts: Vec<&str> = a.times.iter().map(|t| t.text.as_str()).collect();
        c.execute(
            "INSERT INTO times (seq, start, \"end\", type, value, text)
             SELECT $1, * FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[])",
            &[&seq, &starts, &ends, &types, &values, &texts],
        )?;
    }

    if !a.events.is_empty() {
        let (mut ids, mut kinds_e, mut days, mut jsons) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let (mut ee_keys, mut ee_ids) = (Vec::new(), Vec::new());
        for ev in &a.events {
            ids.push(ev.id.as_str());
            kinds_e.push(ev.kind.as_str());
            days.push(event_day(ev, &row.pub_day));
            jsons.push(serde_json::to_string(ev).map_err(|e| crate::record::json_err(&a.id, e))?);
            for r in ev.actors.iter().chain(&ev.targets).chain(&ev.places) {
                if let Some(k) = keys.resolve(r) {
                    ee_keys.push(k);
                    ee_ids.push(ev.id.as_str());
                }
            }
        }
        c.execute(
            "INSERT INTO events (seq, local_id, kind, day, json)
             SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[])
             ON CONFLICT DO NOTHING",
            &[&seq, &ids, &kinds_e, &days, &jsons],
        )?;
        if !ee_keys.is_empty() {
            c.execute(
                "INSERT INTO event_entities (key, seq, local_id)
                 SELECT k, $2, i FROM unnest($1::text[], $3::text[]) AS x(k, i)
                 ON CONFLICT DO NOTHING",
                &[&ee_keys, &seq, &ee_ids],
            )?;
        }
    }
    // The link stage: story and near-duplicate, in this transaction.
    if let Some(linker) = linker {
        linker.link(
            &mut super::link::PgLinkIndex::new(c, seq),
            a,
            &link_entities,
        )?;
    }
    // Claims answered across the story the link stage chose.
    crate::answer::answer_in_story(
        &mut super::answers::PgClaimRows(c),
        seq,
        !a.claims.is_empty(),
    )?;
    for (bare, into) in folds {
        // An earlier fold of this article may have moved either side already.
        let (bare_now, into_now) = (
            super::corrections::current_ref(c, &bare)?,
            super::corrections::current_ref(c, &into)?,
        );
        if bare_now == bare && into_now != bare {
            super::corrections::merge(c, &bare, &into_now)?;
        }
    }
    let mut linked: Vec<String> = counted.into_iter().collect();
    linked.sort();
    super::corrections::settle_kinds(c, &linked)?;
    Ok(PutOutcome::Inserted)
}

/// Finds or creates the store-wide entity of an article entity: the rule of the
/// embedded store (`write::link_entity`): its own key (after recorded merges) if that
/// entity exists; else the candidate `crate::resolve` chooses among the existing
/// entities of the kind one of its spellings names or that have its name as an alias;
/// else a new one.
fn link_entity(
    c: &mut Conn,
    e: &newsgraph_model::Entity,
    l: &EntityLookup,
    context: &[String],
    folds: &mut Vec<(String, String)>,
) -> Result<String> {
    use crate::resolve::Candidate;
    let own_key = super::corrections::current_ref(c, &l.own_key())?;
    let mut probe: Vec<String> = vec![own_key.clone()];
    probe.extend(l.spellings.iter().map(|(n, _)| format!("{}:{n}", l.kind)));
    let existing: Vec<(String, String)> = c
        .query(
            "SELECT key, name FROM entities WHERE key = ANY($1)",
            &[&probe],
        )?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let key = if existing.iter().any(|(k, _)| *k == own_key) {
        own_key
    } else {
        let mut cands: Vec<Candidate> = existing
            .into_iter()
            .map(|(key, name)| Candidate {
                key,
                name,
                by_spelling: true,
                by_compat: false,
                commonness: 0,
                context: 0,
            })
            .collect();
        for (k, count, name) in alias_rows(c, &l.name, l.kind, 8)? {
            match cands.iter_mut().find(|c| c.key == k) {
                Some(c) => c.commonness = count,
                None => cands.push(Candidate {
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
        if let Some(word) = crate::resolve::compat_probe(&l.name) {
            for (k, _, name) in alias_rows(c, word, l.kind, 16)? {
                if !cands.iter().any(|c| c.key == k)
                    && crate::resolve::is_fuller(&l.name, &crate::normalise_name(&name))
                {
                    cands.push(Candidate {
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
        let mut cands = crate::resolve::admissible(&l.name, cands);
        if crate::resolve::needs_context(&cands) {
            let mine = l.own_key();
            let others: Vec<&str> = context
                .iter()
                .map(String::as_str)
                .filter(|k| *k != mine)
                .collect();
            for cand in &mut cands {
                let n: i64 = c
                    .query_one(
                        "SELECT count(DISTINCT m2.seq) FROM (SELECT seq FROM mentions WHERE key = $1
                            ORDER BY seq DESC LIMIT $3) r
                         JOIN mentions m2 ON m2.seq = r.seq
                         WHERE m2.key = ANY($2)",
                        &[
                            &cand.key,
                            &others,
                            &(crate::resolve::CONTEXT_ARTICLES as i64),
                        ],
                    )?
                    .get(0);
                cand.context = n.max(0) as u64;
            }
        }
        match crate::resolve::choose(&cands) {
            Some(i) => {
                let k = cands.swap_remove(i).key;
                // Prefer the fuller name for display ("Donald Trump" over "Trump").
                c.execute(
                    "UPDATE entities SET name = $2 WHERE key = $1 AND length(name) < length($2)",
                    &[&k, &e.name.trim()],
                )?;
                k
            }
            None => {
                c.execute(
                    "INSERT INTO entities (key, kind, name) VALUES ($1, $2, $3)",
                    &[&own_key, &l.kind, &e.name.trim()],
                )?;
                own_key
            }
        }
    };
    let aliases: Vec<&str> = l.spellings.iter().map(|(n, _)| n.as_str()).collect();
    let raws: Vec<&str> = l.spellings.iter().map(|(_, r)| r.trim()).collect();
    c.execute(
        "INSERT INTO entity_aliases (alias, kind, key, spelling, count)
         SELECT s.alias, $2, $3, s.raw, 1 FROM unnest($1::text[], $4::text[]) AS s(alias, raw)
         ON CONFLICT (alias, kind, key) DO UPDATE SET count = entity_aliases.count + 1",
        &[&aliases, &l.kind, &key, &raws],
    )?;
    // A bare one-word entity of one of its spellings that this full name now clearly
    // owns is folded into it (after the article's rows, by the caller).
    let full: Option<String> = c
        .query_opt("SELECT name FROM entities WHERE key = $1", &[&key])?
        .map(|r| r.get(0));
    if crate::normalise_name(&full.unwrap_or_default()).contains(' ') {
        for (n, _) in l.spellings.iter().filter(|(n, _)| !n.contains(' ')) {
            let bare = format!("{}:{n}", l.kind);
            if bare == key {
                continue;
            }
            let Some(bare_name) = c
                .query_opt("SELECT name FROM entities WHERE key = $1", &[&bare])?
                .map(|r| r.get::<_, String>(0))
            else {
                continue;
            };
            let rows = alias_rows(c, n, l.kind, 64)?;
            if crate::resolve::folds_into(&bare, &bare_name, &key, &rows) {
                folds.push((bare, key.clone()));
            }
        }
    }
    Ok(key)
}

/// The entities of a kind that have `alias` as a spelling: key, articles that wrote
/// it for them, display name; most written first.
fn alias_rows(
    c: &mut Conn,
    alias: &str,
    kind: &str,
    limit: i64,
) -> Result<Vec<(String, u64, String)>> {
    Ok(c.query(
        "SELECT a.key, a.count, e.name FROM entity_aliases a JOIN entities e ON e.key = a.key
             WHERE a.alias = $1 AND a.kind = $2 ORDER BY a.count DESC LIMIT $3",
        &[&alias, &kind, &limit],
    )?
    .iter()
    .map(|r| (r.get(0), r.get::<_, i64>(1).max(0) as u64, r.get(2)))
    .collect())
}
