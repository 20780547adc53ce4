//! Exact copies at other URLs. The text of an article is stored once; an arriving
//! article whose normalised text is already stored under another URL (a syndicated
//! page, the same wire story on two sites) keeps only its own metadata, in
//! `article_copies`, pointing at the stored article. `export` then gives one row per URL
//! received: a copy's row is the stored record (text and layers, which are the same)
//! under the copy's own id, url, source, dates, authors and title, with `duplicate_of`
//! naming the stored article (similarity 1) — or that article's own original when it is
//! itself a near-copy, since `duplicate_of` always names the first copy seen — and the
//! stored article's story. Both stores share this module.

use crate::record::json_err;
use crate::Result;
use newsgraph_model::{Article, DuplicateOf};
use serde_json::{Map, Value};

/// The record fields a copy keeps of its own: who published it, where and when. Its
/// text and layers are the stored article's.
const OWN_FIELDS: [&str; 9] = [
    "id",
    "url",
    "source",
    "language",
    "published",
    "published_from",
    "authors",
    "title",
    "origin",
];

/// What a copy keeps of itself: its own fields of the record, as JSON.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CopyMeta(Map<String, Value>);

impl CopyMeta {
    pub fn of(a: &Article) -> Result<CopyMeta> {
        let Value::Object(mut all) = serde_json::to_value(a).map_err(|e| json_err(&a.id, e))?
        else {
            return Ok(CopyMeta(Map::new()));
        };
        all.retain(|k, _| OWN_FIELDS.contains(&k.as_str()));
        Ok(CopyMeta(all))
    }

    pub fn to_json(&self) -> String {
        Value::Object(self.0.clone()).to_string()
    }

    pub fn from_json(json: &str) -> Result<CopyMeta> {
        match serde_json::from_str(json).map_err(|e| json_err("(copy)", e))? {
            Value::Object(m) => Ok(CopyMeta(m)),
            _ => Ok(CopyMeta(Map::new())),
        }
    }

    /// The copy's record: `stored` (with its link filled) under the copy's own fields.
    pub fn record(&self, stored: &Article) -> Result<Article> {
        let mut v = serde_json::to_value(stored).map_err(|e| json_err(&stored.id, e))?;
        if let Value::Object(rec) = &mut v {
            for k in OWN_FIELDS {
                match self.0.get(k) {
                    Some(x) => rec.insert(k.to_string(), x.clone()),
                    None => rec.remove(k),
                };
            }
        }
        let mut a: Article = serde_json::from_value(v).map_err(|e| json_err(&stored.id, e))?;
        a.duplicate_of = Some(match &stored.duplicate_of {
            Some(root) => root.clone(),
            None => DuplicateOf {
                id: stored.id.clone(),
                similarity: 1.0,
            },
        });
        Ok(a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_row_is_the_stored_record_under_the_copy_s_own_metadata() {
        let stored = Article {
            id: "a1".into(),
            url: Some("https://one.example/x".into()),
            source: Some("one".into()),
            title: Some("First title".into()),
            text: "Same text.".into(),
            story: Some("sa1".into()),
            ..Default::default()
        };
        let copy = Article {
            id: "b2".into(),
            url: Some("https://two.example/y".into()),
            source: Some("two".into()),
            title: Some("Other title".into()),
            published: Some("2024-05-01".into()),
            text: "Same text.".into(),
            ..Default::default()
        };
        let meta = CopyMeta::from_json(&CopyMeta::of(&copy).unwrap().to_json()).unwrap();
        let row = meta.record(&stored).unwrap();
        assert_eq!(row.id, "b2");
        assert_eq!(row.url.as_deref(), Some("https://two.example/y"));
        assert_eq!(row.title.as_deref(), Some("Other title"));
        assert_eq!(row.published.as_deref(), Some("2024-05-01"));
        assert_eq!(row.story.as_deref(), Some("sa1"));
        assert_eq!(row.text, "Same text.");
        let d = row.duplicate_of.unwrap();
        assert_eq!((d.id.as_str(), d.similarity), ("a1", 1.0));

        // A copy of a near-copy points at the root, as the link stage does.
        let mut near = stored.clone();
        near.duplicate_of = Some(DuplicateOf {
            id: "root".into(),
            similarity: 0.8,
        });
        assert_eq!(meta.record(&near).unwrap().duplicate_of.unwrap().id, "root");
    }
}
