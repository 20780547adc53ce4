//! What the linker knows of one article: weighted feature keys (before IDF), its day,
//! and the shingles of its body.
//!
//! Feature keys share one namespace so one document-frequency table, one posting list
//! and one cosine cover them all: `w:word`, `e:kind:name` (entity keys as the store
//! resolves them), `k:kind` (event kinds), `d:2014-01-11` (absolute dates the text
//! names, resolved against the publication date by the times stage).

use crate::linker::LinkConfig;
use crate::text;
use newsgraph_model::{Article, BlockKind, TimeType};
use std::collections::HashMap;

/// An entity of the article under its store-wide key (`place:memphis`), with its
/// mention count. The caller resolves keys (the store's linking or registry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityFeature {
    pub key: String,
    pub mentions: u32,
}

/// The linker's view of one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features {
    /// Feature keys with raw weights (sublinear term frequency times the field weight),
    /// heaviest first, ties by key; at most `max_words` word keys.
    pub terms: Vec<(String, f32)>,
    /// Publication day (days since 1970-01-01), when the article is dated.
    pub day: Option<i32>,
    /// Hashes of the body's word 3-grams (the title left out: copies change headlines).
    pub shingles: Vec<u64>,
    /// The title, for story labels.
    pub title: Option<String>,
}

impl Features {
    pub fn of(article: &Article, entities: &[EntityFeature], cfg: &LinkConfig) -> Features {
        Features::of_text(article, cfg).with_entities(article, entities, cfg)
    }

    /// The part that needs no store (word keys, day, shingles, title): what
    /// `Linker::prepare` computes on the caller's threads. Complete it once with
    /// [`Features::with_entities`].
    pub fn of_text(article: &Article, cfg: &LinkConfig) -> Features {
        let (title, lead, body) = parts(article);
        let mut words: HashMap<String, f32> = HashMap::new();
        for (part, weight) in [
            (title, cfg.title_weight),
            (lead, cfg.lead_weight),
            (body, 1.0),
        ] {
            for t in text::terms(part) {
                *words.entry(t).or_default() += weight;
            }
        }
        let mut terms: Vec<(String, f32)> = words
            .into_iter()
            .map(|(w, tf)| (format!("w:{w}"), 1.0 + tf.ln()))
            .collect();
        sort_features(&mut terms);
        terms.truncate(cfg.max_words);
        Features {
            terms,
            day: article.published.as_deref().and_then(crate::day_number),
            shingles: shingles(body_with_lead(article)),
            title: article.title.clone(),
        }
    }

    /// Adds the keys of the article's entities (under the store-wide keys the store
    /// resolved), event kinds and absolute dates to what [`Features::of_text`] gave.
    pub fn with_entities(
        mut self,
        article: &Article,
        entities: &[EntityFeature],
        cfg: &LinkConfig,
    ) -> Features {
        let mut extra: HashMap<String, f32> = HashMap::new();
        for e in entities.iter().take(cfg.max_entities) {
            let w = if e.key.starts_with("place:") {
                cfg.place_weight
            } else {
                cfg.entity_weight
            };
            let v = w * (1.0 + (e.mentions.max(1) as f32).ln());
            let slot = extra.entry(format!("e:{}", e.key)).or_default();
            *slot = slot.max(v);
        }
        for ev in &article.events {
            if !ev.kind.is_empty() {
                extra.insert(format!("k:{}", ev.kind), cfg.event_weight);
            }
        }
        for t in &article.times {
            if t.kind == TimeType::Date && is_absolute_day(&t.value) {
                extra.insert(format!("d:{}", &t.value[..10]), cfg.date_weight);
            }
        }
        let mut extra: Vec<(String, f32)> = extra.into_iter().collect();
        sort_features(&mut extra);
        self.terms.extend(extra);
        sort_features(&mut self.terms);
        self
    }
}

/// Heaviest first, ties by key: the order decides truncation, so it must not depend on
/// hash-map iteration.
pub(crate) fn sort_features(v: &mut [(String, f32)]) {
    v.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
}

fn is_absolute_day(v: &str) -> bool {
    v.len() >= 10 && crate::day_number(v).is_some()
}

/// (title, lead, rest): the lead is the first body words up to ~60.
fn parts(a: &Article) -> (&str, &str, &str) {
    let title = a.title.as_deref().unwrap_or("");
    let body = body_with_lead(a);
    let mut seen = 0usize;
    let mut cut = body.len();
    let mut in_word = false;
    for (i, c) in body.char_indices() {
        let w = c.is_alphanumeric();
        if w && !in_word {
            seen += 1;
            if seen > 60 {
                cut = i;
                break;
            }
        }
        in_word = w;
    }
    (title, &body[..cut], &body[cut..])
}

/// The text after the title block (the whole text when no title block leads it).
fn body_with_lead(a: &Article) -> &str {
    match a.blocks.first() {
        Some(b) if b.kind == BlockKind::Title => {
            let ix = newsgraph_model::CharIndex::new(&a.text);
            let end = ix.bytes(b.span).end;
            a.text.get(end..).unwrap_or("").trim_start()
        }
        _ => &a.text,
    }
}

/// Hashes of word 3-grams (FNV-1a over the words and a separator), deduplicated and
/// sorted: the set a MinHash signature summarises.
fn shingles(body: &str) -> Vec<u64> {
    let words: Vec<String> = text::words(body).collect();
    let mut out: Vec<u64> = if words.len() < 3 {
        words.iter().map(|w| fnv(&[w.as_str()])).collect()
    } else {
        words
            .windows(3)
            .map(|g| fnv(&[g[0].as_str(), g[1].as_str(), g[2].as_str()]))
            .collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

fn fnv(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0x1f)) {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_model::{Meta, Time};

    fn article(title: &str, body: &str) -> Article {
        Article::from_blocks(
            Meta {
                published: Some("2014-01-12".into()),
                ..Default::default()
            },
            Some(title.into()),
            &[(BlockKind::Paragraph, body.into())],
        )
    }

    #[test]
    fn title_words_weigh_more_and_entities_dates_join_the_terms() {
        let mut a = article(
            "Memphis shooting",
            "Police in Memphis said a man was shot on Hollow Road. Neighbours heard shots.",
        );
        a.times.push(Time {
            text: "Saturday".into(),
            span: newsgraph_model::Span::new(0, 1),
            kind: TimeType::Date,
            value: "2014-01-11".into(),
            r#mod: None,
            anchor: Some(newsgraph_model::Anchor::Published),
        });
        let ents = [EntityFeature {
            key: "place:memphis".into(),
            mentions: 2,
        }];
        let f = Features::of(&a, &ents, &LinkConfig::default());
        let w = |k: &str| f.terms.iter().find(|t| t.0 == k).map(|t| t.1);
        assert!(w("w:memphis").unwrap() > w("w:road").unwrap());
        assert!(w("e:place:memphis").is_some());
        assert!(w("d:2014-01-11").is_some());
        assert_eq!(f.day, crate::day_number("2014-01-12"));
        // Shingles ignore the title.
        let b = article(
            "Another headline",
            "Police in Memphis said a man was shot on Hollow Road. Neighbours heard shots.",
        );
        assert_eq!(
            Features::of(&b, &[], &LinkConfig::default()).shingles,
            f.shingles
        );
        assert!(f.shingles.len() >= 10);
    }
}
