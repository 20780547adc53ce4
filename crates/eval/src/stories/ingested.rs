//! The gold documents as `newsgraph ingest` reads them: each one written as the JSON
//! Lines input line `--write-jsonl` gives the held-out scoring, then read back by the
//! reader. The reader's cleaning is what finds a dateline date in a text that has no
//! `published` field (148 of the 535 ECB+ dev pages), and the held-out sets are scored
//! through `ingest`, so the dev figures must see the same records.

use crate::stories::StoryDoc;
use newsgraph_model::Article;
use newsgraph_read::{Format, ReadOptions};

/// The ingest input line of one document (`url, title, text, source, published`; the
/// text without its title line, which the reader puts back first).
pub fn ingest_line(a: &Article) -> serde_json::Value {
    let body = match a.title {
        Some(_) => a.text.split_once('\n').map(|x| x.1).unwrap_or(""),
        None => a.text.as_str(),
    };
    serde_json::json!({
        "url": a.url, "title": a.title, "text": body, "source": a.source, "published": a.published,
    })
}

/// Replaces every document's article by the one the reader makes of its ingest line.
/// A line the reader rejects is an error naming the document.
pub fn as_ingested(docs: &mut [StoryDoc]) -> std::io::Result<()> {
    let opts = ReadOptions {
        format: Some(Format::Jsonl),
        ..ReadOptions::default()
    };
    for d in docs {
        let line = serde_json::to_vec(&ingest_line(&d.article)).map_err(std::io::Error::other)?;
        let mut got: Option<Result<Article, String>> = None;
        newsgraph_read::read_bytes(&d.name, line, &opts, &mut |r| {
            got.get_or_insert(r.map_err(|e| e.to_string()));
        })
        .map_err(|e| std::io::Error::other(format!("{}: {e}", d.name)))?;
        match got {
            Some(Ok(a)) => d.article = a,
            Some(Err(e)) => return Err(std::io::Error::other(format!("{}: {e}", d.name))),
            None => {
                return Err(std::io::Error::other(format!(
                    "{}: the reader found no article in its ingest line",
                    d.name
                )))
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_model::{BlockKind, Meta};

    fn doc(title: &str, body: &str, published: Option<&str>) -> StoryDoc {
        StoryDoc {
            name: "d1".into(),
            topic: "1".into(),
            story: "1ecb".into(),
            article: Article::from_blocks(
                Meta {
                    url: Some("ecbplus:d1".into()),
                    source: Some("example.com".into()),
                    published: published.map(str::to_string),
                    ..Default::default()
                },
                Some(title.into()),
                &[(BlockKind::Paragraph, body.into())],
            ),
        }
    }

    #[test]
    fn the_reader_keeps_url_title_and_given_date_and_finds_datelines() {
        let mut docs = vec![
            doc(
                "Quake hits the coast",
                "A strong earthquake struck the coast on Tuesday, officials said.",
                Some("2014-03-04"),
            ),
            doc(
                "Quake hits the coast",
                "March 4, 2014\nA strong earthquake struck the coast on Tuesday, officials said and added more.",
                None,
            ),
        ];
        let id = docs[0].article.id.clone();
        as_ingested(&mut docs).unwrap();
        let a = &docs[0].article;
        assert_eq!(a.id, id, "the id is the url's, as before");
        assert_eq!(a.title.as_deref(), Some("Quake hits the coast"));
        assert_eq!(a.published.as_deref(), Some("2014-03-04"));
        assert!(a.text.contains("strong earthquake"));
        assert_eq!(docs[1].article.published.as_deref(), Some("2014-03-04"));
    }
}
