//! Record assembly that both stores share, over rows they have already read: quotes
//! grouped across the articles carrying them, a story's merged timeline, the `since`
//! bound of an export, an article's own entity order. Pure functions, no backend types.

use crate::util::iso_day;
use crate::*;
use std::collections::{HashMap, HashSet};

/// A story's events grouped by (kind, day), in the order given (day, then article):
/// one entry per happening, with every article reporting it. `rows` are (article,
/// event kind, day, event JSON).
pub(crate) fn story_timeline(
    rows: impl IntoIterator<Item = (ArticleSummary, String, Option<String>, String)>,
) -> Result<Vec<StoryTimelineEntry>> {
    let mut out: Vec<StoryTimelineEntry> = Vec::new();
    let mut slot: HashMap<(String, Option<String>), usize> = HashMap::new();
    for (article, kind, day, json) in rows {
        let key = (kind.clone(), day.clone());
        let i = match slot.get(&key) {
            Some(&i) => i,
            None => {
                let ev: newsgraph_model::Event = serde_json::from_str(&json)
                    .map_err(|e| crate::record::json_err(&article.id, e))?;
                out.push(StoryTimelineEntry {
                    date: day,
                    kind,
                    text: ev.text,
                    articles: Vec::new(),
                });
                slot.insert(key, out.len() - 1);
                out.len() - 1
            }
        };
        if !out[i].articles.iter().any(|a| a.id == article.id) {
            out[i].articles.push(article);
        }
    }
    Ok(out)
}

/// A `since` filter as the `pub_sort` lower bound, or a clear error.
pub(crate) fn since_bound(since: Option<&str>) -> Result<Option<String>> {
    match since.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => iso_day(s).map(Some).ok_or_else(|| {
            StoreError::Query(format!(
                "since {s:?} is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)"
            ))
        }),
    }
}

/// The sort key of an article-local id in the article's own order (`e1`, `e2`, ...
/// `e10`), as at ingest.
pub(crate) fn local_order(id: &str) -> (u64, String) {
    let n = id
        .trim_start_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .unwrap_or(u64::MAX);
    (n, id.to_string())
}

/// The export both stores run: checks the filter, resolves its story (`resolve`: the
/// current id, `None` when the store has no such story), then streams pages of 256
/// records (`page(story, since, after)`: seq > `after`, in seq order) to `each` until
/// it returns false. Each page is its own read, none held while `each` writes:
/// constant memory, and a slow pipe never holds the store.
pub(crate) fn export_pages(
    filter: &ExportFilter,
    resolve: impl FnOnce(&str) -> Result<Option<String>>,
    mut page: impl FnMut(Option<&str>, Option<&str>, i64) -> Result<Vec<(i64, Article)>>,
    each: &mut dyn FnMut(Article) -> bool,
) -> Result<u64> {
    let since = since_bound(filter.since.as_deref())?;
    let story = match filter.story.as_deref().map(str::trim) {
        None => None,
        Some(id) => Some(
            resolve(id)?
                .ok_or_else(|| StoreError::Query(format!("no story {id:?} in the store")))?,
        ),
    };
    let mut after = 0i64;
    let mut n = 0u64;
    loop {
        let records = page(story.as_deref(), since.as_deref(), after)?;
        let Some(last) = records.last().map(|p| p.0) else {
            return Ok(n);
        };
        for (_, a) in records {
            n += 1;
            if !each(a) {
                return Ok(n);
            }
        }
        after = last;
    }
}

/// The `[from, to]` day bounds of a timeline query as text comparisons (both stores
/// compare days in byte order).
pub(crate) fn timeline_bounds(q: &TimelineQuery) -> (String, String) {
    let from = q
        .from
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or("")
        .to_string();
    // `~` sorts after every digit and `-`, so `2025-06~` bounds every day of June.
    let to =
        q.to.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|t| format!("{t}~"))
            .unwrap_or_else(|| "~".into());
    (from, to)
}

/// Where a timeline page starts: after its cursor `DAY~SEQ~LOCAL` (the timeline's sort
/// key), or before every event when there is none.
pub(crate) fn timeline_after(q: &TimelineQuery) -> Result<(String, i64, String)> {
    let c = match q.after.as_deref().map(str::trim) {
        Some(c) if !c.is_empty() => c,
        // `''` sorts before every day.
        _ => return Ok((String::new(), i64::MIN, String::new())),
    };
    let bad = || StoreError::Query(format!("after: not a timeline cursor: {c:?}"));
    let mut parts = c.splitn(3, '~');
    let (Some(day), Some(seq), Some(local)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(bad());
    };
    let seq: i64 = seq.parse().map_err(|_| bad())?;
    Ok((day.to_string(), seq, local.to_string()))
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
pub(crate) fn same_quote(a: &[String], b: &[String]) -> bool {
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
pub(crate) fn group_quotes(quotes: &[QuoteRecord]) -> Vec<QuoteGroup> {
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
