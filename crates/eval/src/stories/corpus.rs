//! Readers of the story gold sets.

use newsgraph_model::{Article, BlockKind, Meta};
use newsgraph_nlp::corpus::cat::{self, CatError};
use std::io::{BufRead, Read};
use std::path::Path;

/// One gold document: its article (title, body, date), topic and story.
#[derive(Debug, Clone)]
pub struct StoryDoc {
    pub name: String,
    /// A grouping for the tune/check split (ECB+ topic; GVA: the incident).
    pub topic: String,
    pub story: String,
    pub article: Article,
}

fn io_err(path: &Path, e: impl std::fmt::Display) -> std::io::Error {
    std::io::Error::other(format!("{}: {e}", path.display()))
}

fn gunzip(path: &Path) -> std::io::Result<String> {
    let raw = std::fs::read(path).map_err(|e| io_err(path, e))?;
    let mut s = String::new();
    flate2::read::MultiGzDecoder::new(&raw[..])
        .read_to_string(&mut s)
        .map_err(|e| io_err(path, e))?;
    Ok(s)
}

/// ECB+ dev: `stories.tsv` (doc, topic, story) and `ECB+/<topic>/<doc>.xml.gz` token
/// files. Sentence 0 of the `*ecbplus` documents is the page URL (it names the story)
/// and is dropped; the first remaining sentence is the title, each further sentence a
/// paragraph. Tokens are joined with light detokenisation.
pub fn ecbplus(dir: &Path) -> std::io::Result<Vec<StoryDoc>> {
    let tsv = dir.join("stories.tsv");
    let list = std::fs::read_to_string(&tsv).map_err(|e| io_err(&tsv, e))?;
    let mut out = Vec::new();
    for line in list.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        let [doc, topic, story] = f[..] else {
            continue;
        };
        let path = dir.join("ECB+").join(topic).join(format!("{doc}.xml.gz"));
        let xml = gunzip(&path)?;
        let mut sentences = token_sentences(&xml).map_err(|e| io_err(&path, e))?;
        // The outlet: the site of the page URL that sentence 0 of `*ecbplus` holds.
        let mut source = "ECB (no outlet given)".to_string();
        if doc.ends_with("ecbplus") {
            if let Some((_, url)) = sentences.iter().find(|(s, _)| *s == 0) {
                let joined: String = url.split_whitespace().collect();
                if let Some(host) = joined.split("://").nth(1).and_then(|r| r.split('/').next()) {
                    source = host.trim_start_matches("www.").to_string();
                }
            }
            sentences.retain(|(s, _)| *s != 0);
        }
        let mut texts = sentences.into_iter().map(|(_, t)| t);
        let title = texts.next();
        let body: Vec<(BlockKind, String)> = texts.map(|t| (BlockKind::Paragraph, t)).collect();
        let article = Article::from_blocks(
            Meta {
                url: Some(format!("ecbplus:{doc}")),
                source: Some(source),
                ..Default::default()
            },
            title,
            &body,
        );
        out.push(StoryDoc {
            name: doc.to_string(),
            topic: topic.to_string(),
            story: story.to_string(),
            article,
        });
    }
    Ok(out)
}

/// (sentence number, detokenised text) of the `<token>` elements, in order.
fn token_sentences(xml: &str) -> Result<Vec<(u32, String)>, CatError> {
    let mut out: Vec<(u32, Vec<String>)> = Vec::new();
    for t in cat::parse(xml)?.tokens {
        let sentence = t.sentence.parse().unwrap_or(0);
        match out.last_mut() {
            Some((s, words)) if *s == sentence => words.push(t.form),
            _ => out.push((sentence, vec![t.form])),
        }
    }
    Ok(out
        .into_iter()
        .map(|(s, words)| (s, detokenise(&words)))
        .filter(|(_, t)| !t.is_empty())
        .collect())
}

fn detokenise(words: &[String]) -> String {
    let mut s = String::new();
    for w in words {
        let w = match w.as_str() {
            "``" | "''" => "\"",
            other => other,
        };
        let glue_left = matches!(w, "," | "." | ":" | ";" | "!" | "?" | ")" | "%")
            || w.starts_with('\'') && w.len() <= 3
            || w == "n't";
        if !s.is_empty() && !glue_left && !s.ends_with('(') && !s.ends_with('$') {
            s.push(' ');
        }
        s.push_str(w);
    }
    s.trim().to_string()
}

/// GVA incidents dev: `docs.jsonl.gz` (or plain) lines `{incident_id, id, title, dct, uri, content}`.
/// The article is the title plus the content's paragraphs, dated `dct`; its url is the
/// document id (the `uri`s are archive addresses, not unique per document).
pub fn gva(path: &Path) -> std::io::Result<Vec<StoryDoc>> {
    let raw = std::fs::read(path).map_err(|e| io_err(path, e))?;
    // The shipped file is gzipped; a plain JSON Lines file of the same lines is read
    // as it is (a subset made by hand, a test's fixture).
    let plain: Box<dyn Read> = if raw.starts_with(&[0x1f, 0x8b]) {
        Box::new(flate2::read::MultiGzDecoder::new(&raw[..]))
    } else {
        Box::new(&raw[..])
    };
    let reader = std::io::BufReader::new(plain);
    let mut out = Vec::new();
    for (i, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| io_err(path, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line)
            .map_err(|e| io_err(path, format!("line {}: {e}", i + 1)))?;
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
        let id = s("id");
        let body: Vec<(BlockKind, String)> = s("content")
            .split('\n')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| (BlockKind::Paragraph, p.to_string()))
            .collect();
        let title = Some(s("title")).filter(|t| !t.is_empty());
        let article = Article::from_blocks(
            Meta {
                url: Some(format!("gva:{id}")),
                source: Some(source_of(&s("uri"))),
                published: Some(s("dct")).filter(|d| !d.is_empty()),
                ..Default::default()
            },
            title,
            &body,
        );
        out.push(StoryDoc {
            name: id,
            topic: s("incident_id"),
            story: s("incident_id"),
            article,
        });
    }
    Ok(out)
}

/// The site of an archived URL (`web.archive.org/web/2014.../http://www.waff.com/...`
/// → `www.waff.com`).
fn source_of(uri: &str) -> String {
    let inner = uri.rsplit("http://").next().unwrap_or(uri);
    let inner = inner.rsplit("https://").next().unwrap_or(inner);
    inner
        .split('/')
        .next()
        .unwrap_or("")
        .split(':')
        .next()
        .unwrap_or("")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_become_sentences_and_sites_are_found() {
        let xml = r#"<Document><token t_id="1" sentence="0" number="0">http</token>
<token t_id="2" sentence="1" number="0">Lohan</token><token t_id="3" sentence="1" number="1">&apos;s</token>
<token t_id="4" sentence="1" number="2">rehab</token><token t_id="5" sentence="1" number="3">,</token>
<token t_id="6" sentence="1" number="4">``</token><token t_id="7" sentence="1" number="5">ok</token>
<token t_id="8" sentence="1" number="6">.</token></Document>"#;
        let s = token_sentences(xml).unwrap();
        assert_eq!(s[0], (0, "http".to_string()));
        assert_eq!(s[1], (1, "Lohan's rehab, \" ok.".to_string()));
        assert_eq!(
            source_of("http://web.archive.org/web/20140215012040/http://www.waff.com:80/story/1"),
            "www.waff.com"
        );
    }
}
