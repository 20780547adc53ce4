//! JSON Lines: one `{"url", "html" | "text", "published"?, "title"?, "source"?}` object
//! per line. A bad line is an error naming `file:line`; the other lines are kept.

use crate::{clean, ReadError, ReadOptions};
use newsgraph_model::{Article, Meta};
use serde::Deserialize;

#[derive(Deserialize)]
struct Line {
    url: Option<String>,
    html: Option<String>,
    text: Option<String>,
    published: Option<String>,
    title: Option<String>,
    source: Option<String>,
    language: Option<String>,
    #[serde(default)]
    authors: Vec<String>,
}

pub(crate) fn read_jsonl(
    name: &str,
    bytes: &[u8],
    opts: &ReadOptions,
    emit: &mut dyn FnMut(Result<Article, ReadError>),
) {
    for (i, raw) in bytes.split(|b| *b == b'\n').enumerate() {
        let where_ = format!("{name}:{}", i + 1);
        let raw = String::from_utf8_lossy(raw);
        let raw = raw.trim();
        if raw.is_empty() {
            continue;
        }
        let line: Line = match serde_json::from_str(raw) {
            Ok(l) => l,
            Err(e) => {
                emit(Err(ReadError::new(where_, format!("bad JSON line: {e}"))));
                continue;
            }
        };
        let meta = Meta {
            url: line.url,
            source: line.source,
            language: line.language,
            published: line.published,
            authors: line.authors,
        };
        let mut a = match (line.html, line.text) {
            (Some(h), _) if !h.trim().is_empty() => clean::clean_html(&h, meta, opts.extractor),
            (_, Some(t)) if !t.trim().is_empty() => {
                // A title given apart from the text goes first, as in a text dump.
                match &line.title {
                    Some(title) => clean::clean_text(&format!("{title}\n{t}"), meta),
                    None => clean::clean_text(&t, meta),
                }
            }
            // Only a title (a page whose body was lost): the title is the article, so
            // an input identified by its url is never silently dropped.
            _ if line.title.as_deref().is_some_and(|t| !t.trim().is_empty()) => {
                clean::clean_text(line.title.as_deref().unwrap_or_default(), meta)
            }
            _ => {
                emit(Err(ReadError::new(
                    where_,
                    "line has neither \"html\" nor \"text\" (nor a \"title\")",
                )));
                continue;
            }
        };
        a.origin = Some(where_);
        emit(Ok(a));
    }
}
