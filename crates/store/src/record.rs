//! What every backend stores for an article, computed once from the model so the
//! embedded and the PostgreSQL store write the same values: the dedup keys, the record
//! JSON, sort keys, the spellings entity linking looks up, and the mapping from
//! article-local ids to store-wide keys.

use crate::key::{kind_str, normalise_name};
use crate::util::{content_key, iso_day};
use crate::{LayerKind, Result, StoreError};
use newsgraph_model::{canonical_url, text_hash, Article, Entity, Event, Stance};
use std::collections::HashMap;

pub(crate) fn json_err(id: &str, e: serde_json::Error) -> StoreError {
    StoreError::Record {
        id: id.to_string(),
        source: e,
    }
}

/// The `articles` row of an article, less what the backend assigns (seq, time).
#[derive(Debug, Clone)]
pub(crate) struct ArticleRow {
    /// Canonical URL (`None` when the article has none): unique.
    pub url_canon: Option<String>,
    /// Hash of the normalised text: unique.
    pub text_hash: String,
    /// The article's JSON with `text` emptied (the text is stored once, beside it).
    pub record: String,
    /// The UTC instant of `published` in fixed width, or the date alone, or `''`: the
    /// feed order.
    pub pub_sort: String,
    /// The publication date as the article gives it (`YYYY-MM-DD`, `''` unknown): where
    /// an event without its own date is placed.
    pub pub_day: String,
}

impl ArticleRow {
    pub fn of(a: &Article) -> Result<Self> {
        let url_canon = a
            .url
            .as_deref()
            .filter(|u| !u.trim().is_empty())
            .map(canonical_url);
        let text_hash = text_hash(&a.text);
        let mut v = serde_json::to_value(a).map_err(|e| json_err(&a.id, e))?;
        if let Some(o) = v.as_object_mut() {
            o.insert("text".into(), serde_json::Value::String(String::new()));
        }
        let record = serde_json::to_string(&v).map_err(|e| json_err(&a.id, e))?;
        let pub_sort = crate::util::pub_sort_key(a.published.as_deref());
        let pub_day = a.published.as_deref().and_then(iso_day).unwrap_or_default();
        Ok(ArticleRow {
            url_canon,
            text_hash,
            record,
            pub_sort,
            pub_day,
        })
    }
}

/// Rebuilds an article from its stored record and text.
pub(crate) fn article_from(id: &str, record: &str, text: String) -> Result<Article> {
    let mut a: Article = serde_json::from_str(record).map_err(|e| json_err(id, e))?;
    a.text = text;
    Ok(a)
}

/// What entity linking looks an article entity up by.
pub(crate) struct EntityLookup<'a> {
    pub kind: &'static str,
    /// Normalised name: the entity's own key is `kind:name`.
    pub name: String,
    /// Every normalised spelling (the name first, then the aliases that are names) with
    /// its raw form.
    pub spellings: Vec<(String, &'a str)>,
}

impl<'a> EntityLookup<'a> {
    /// `None` for an entity whose name normalises to nothing (it is not linked).
    pub fn of(e: &'a Entity) -> Option<Self> {
        let name = normalise_name(&e.name);
        if name.is_empty() {
            return None;
        }
        let mut spellings: Vec<(String, &str)> = vec![(name.clone(), e.name.as_str())];
        for al in &e.aliases {
            // A spelling is a name: an alias whose last word has no capital letter is
            // a nominal the article used for the entity ("the chancellor", "The
            // chancellor" opening a sentence), not a way to write it ("de Vries" is).
            let last = al.split_whitespace().next_back().unwrap_or("");
            if !last.chars().any(char::is_uppercase) {
                continue;
            }
            let n = normalise_name(al);
            if !n.is_empty() && !spellings.iter().any(|(s, _)| *s == n) {
                spellings.push((n, al.as_str()));
            }
        }
        Some(EntityLookup {
            kind: kind_str(e.kind),
            name,
            spellings,
        })
    }

    pub fn own_key(&self) -> String {
        format!("{}:{}", self.kind, self.name)
    }
}

/// Article-local entity references (`e1`, or a name) → store-wide keys, filled as the
/// article's entities are linked; used for speakers, holders and event participants.
#[derive(Default)]
pub(crate) struct LocalKeys {
    by_id: HashMap<String, String>,
    by_name: HashMap<String, String>,
}

impl LocalKeys {
    pub fn add(&mut self, e: &Entity, key: &str) {
        self.by_name
            .insert(normalise_name(&e.name), key.to_string());
        for al in &e.aliases {
            self.by_name
                .entry(normalise_name(al))
                .or_insert_with(|| key.to_string());
        }
        self.by_id.insert(e.id.clone(), key.to_string());
    }

    pub fn resolve(&self, r: &str) -> Option<String> {
        self.by_id
            .get(r)
            .cloned()
            .or_else(|| self.by_name.get(&normalise_name(r)).cloned())
    }

    /// The first of `id` (a local id) and `text` (a spelling) that resolves.
    pub fn resolve_either(&self, id: Option<&str>, text: Option<&str>) -> Option<String> {
        id.and_then(|r| self.resolve(r))
            .or_else(|| text.and_then(|r| self.resolve(r)))
    }
}

pub(crate) fn stance_str(s: Stance) -> &'static str {
    match s {
        Stance::Assert => "assert",
        Stance::Deny => "deny",
        Stance::Doubt => "doubt",
    }
}

/// The claim-content key a denial is matched to an earlier assertion by.
pub(crate) fn claim_key(content: &str) -> String {
    content_key(content)
}

/// The day an event is placed at: its resolved `when`, else the publication date as
/// the article gives it (`pub_day`).
pub(crate) fn event_day(ev: &Event, pub_day: &str) -> Option<String> {
    ev.when
        .as_deref()
        .and_then(iso_day)
        .or_else(|| Some(pub_day.to_string()).filter(|d| !d.is_empty()))
}

/// The article's non-empty layers (what the layer filter and facet count).
pub(crate) fn layers_of(a: &Article) -> impl Iterator<Item = LayerKind> + '_ {
    LayerKind::ALL.into_iter().filter(move |l| match l {
        LayerKind::Entities => !a.entities.is_empty(),
        LayerKind::Quotes => !a.quotes.is_empty(),
        LayerKind::Claims => !a.claims.is_empty(),
        LayerKind::Times => !a.times.is_empty(),
        LayerKind::Figures => !a.figures.is_empty(),
        LayerKind::Events => !a.events.is_empty(),
        LayerKind::Furniture => !a.furniture.is_empty(),
    })
}

/// A quote kind as stored (`direct`, `indirect`, `mixed`).
pub(crate) fn quote_kind_str(q: &newsgraph_model::Quote) -> String {
    format!("{:?}", q.kind).to_lowercase()
}

/// A time's TIMEX3 type as stored (`DATE`, `DURATION`, ...).
pub(crate) fn time_type_str(t: &newsgraph_model::Time) -> String {
    serde_json::to_value(t.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The opening of an article's body (after the title line when it has a title), cut at
/// a word near 240 bytes: the snippet when no query word matched.
pub(crate) fn opening(text: &str, has_title: bool) -> String {
    let body = if has_title {
        text.split_once('\n').map(|x| x.1).unwrap_or(text)
    } else {
        text
    };
    let mut end = body.len().min(240);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    let mut s = body[..end].to_string();
    if end < body.len() {
        if let Some(sp) = s.rfind(' ') {
            s.truncate(sp);
        }
        s.push('…');
    }
    s
}
