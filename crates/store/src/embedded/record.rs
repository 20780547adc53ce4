//! The parts of an entity's registry record beyond its rows: spellings with counts,
//! outlets, corrections, and its quotes deduplicated across the articles carrying them.

use super::db::db_err;
use crate::*;
use rusqlite::{params, Connection};
use std::collections::HashSet;

/// Spellings of `key` with the number of articles using each, most used first.
pub fn alias_counts(conn: &Connection, key: &str) -> Result<Vec<AliasCount>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT spelling, sum(count) AS n FROM entity_aliases WHERE key = ?1
             GROUP BY spelling ORDER BY n DESC, spelling LIMIT 200",
        )
        .map_err(db_err)?;
    let rows = stmt
        .query_map(params![key], |r| {
            Ok(AliasCount {
                text: r.get(0)?,
                count: r.get::<_, i64>(1)?.max(0) as u64,
            })
        })
        .map_err(db_err)?;
    rows.collect::<rusqlite::Result<_>>().map_err(db_err)
}

/// Outlets of the articles mentioning `key`, with article counts, most first.
pub fn outlets(conn: &Connection, key: &str) -> Result<Vec<FacetCount>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT a.source, count(DISTINCT a.seq) AS n FROM mentions m JOIN articles a ON a.seq = m.seq
             WHERE m.key = ?1 AND a.source IS NOT NULL AND a.source <> ''
             GROUP BY a.source ORDER BY n DESC, a.source LIMIT 100",
        )
        .map_err(db_err)?;
    let rows = stmt
        .query_map(params![key], |r| {
            Ok(FacetCount {
                value: r.get(0)?,
                count: r.get::<_, i64>(1)?.max(0) as u64,
            })
        })
        .map_err(db_err)?;
    rows.collect::<rusqlite::Result<_>>().map_err(db_err)
}

/// Refs merged into `key` by corrections (directly or through earlier merges).
pub fn merged_from(conn: &Connection, key: &str) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    let mut todo = vec![key.to_string()];
    let mut stmt = conn
        .prepare_cached("SELECT ref FROM registry_corrections WHERE op = 'merge' AND target = ?1")
        .map_err(db_err)?;
    while let Some(k) = todo.pop() {
        let refs: Vec<String> = stmt
            .query_map(params![k], |r| r.get(0))
            .map_err(db_err)?
            .collect::<rusqlite::Result<_>>()
            .map_err(db_err)?;
        for r in refs {
            if !out.contains(&r) && r != key && out.len() < 1000 {
                out.push(r.clone());
                todo.push(r);
            }
        }
    }
    Ok(out)
}

/// Words of a quote for matching: lowercased alphanumeric runs.
fn quote_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether two quotes are the same words up to small edits: equal after normalising,
/// one containing the other, or word-set Jaccard similarity at least 0.8.
pub fn same_quote(a: &[String], b: &[String]) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() * 10 >= long.len() * 8 && long.windows(short.len()).any(|w| w == short) {
        return true;
    }
    let sa: HashSet<&String> = a.iter().collect();
    let sb: HashSet<&String> = b.iter().collect();
    let inter = sa.intersection(&sb).count();
    let union = sa.len() + sb.len() - inter;
    inter * 10 >= union * 8
}

/// Groups quotes (oldest first) that carry the same words.
pub fn group_quotes(quotes: &[QuoteRecord]) -> Vec<QuoteGroup> {
    let mut groups: Vec<(Vec<String>, QuoteGroup)> = Vec::new();
    for q in quotes {
        let w = quote_words(&q.quote.text);
        let source = q.article.source.clone().filter(|s| !s.is_empty());
        match groups.iter_mut().find(|(gw, _)| same_quote(gw, &w)) {
            Some((_, g)) => {
                if !g.articles.iter().any(|a| a.id == q.article.id) {
                    g.articles.push(q.article.clone());
                }
                if let Some(s) = source {
                    if !g.outlets.contains(&s) {
                        g.outlets.push(s);
                    }
                }
            }
            None => groups.push((
                w,
                QuoteGroup {
                    first: q.clone(),
                    articles: vec![q.article.clone()],
                    outlets: source.into_iter().collect(),
                },
            )),
        }
    }
    groups.into_iter().map(|(_, g)| g).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        quote_words(s)
    }

    #[test]
    fn quotes_match_after_normalising_and_small_edits() {
        assert!(same_quote(
            &w("We will not back down."),
            &w("\"we will NOT back down\"")
        ));
        // One outlet trims a word: still the same quote.
        assert!(same_quote(
            &w("We will not back down from this fight"),
            &w("We will not back down from this fight today")
        ));
        assert!(!same_quote(
            &w("We will not back down"),
            &w("We will back the plan")
        ));
        assert!(!same_quote(&w(""), &w("")));
    }
}
