//! RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one article per item or entry, the item's
//! HTML cleaned, the feed's metadata (title, language) filling the gaps. A feed that
//! breaks part-way keeps the items before the break and reports the break.

use crate::clean::html::decode_entities_pub as decode_entities;
use crate::{clean, ReadError, ReadOptions};
use newsgraph_model::{Article, Meta};
use quick_xml::events::Event;
use quick_xml::Reader;

#[derive(Default, Debug)]
struct Item {
    title: String,
    link: Option<String>,
    html: String,
    summary: String,
    date: Option<String>,
    authors: Vec<String>,
    language: Option<String>,
}

fn local(name: &[u8]) -> String {
    let n = String::from_utf8_lossy(name).to_ascii_lowercase();
    match n.rsplit_once(':') {
        // Keep the prefixes that matter to tell fields apart.
        Some(("content", "encoded")) => "content:encoded".into(),
        Some(("dc", rest)) => format!("dc:{rest}"),
        Some((_, rest)) => rest.to_string(),
        None => n,
    }
}

/// RFC 2822 dates (`Tue, 08 Jul 2025 14:20:00 +0000`) and ISO dates to ISO 8601.
pub(crate) fn feed_date(s: &str) -> Option<String> {
    let s = s.trim();
    if let Some(d) = crate::clean::html::iso_date_pub(s) {
        return Some(d);
    }
    let s = s.split_once(',').map_or(s, |(_, r)| r).trim();
    let parts: Vec<&str> = s.split_whitespace().collect();
    if parts.len() < 3 {
        return None;
    }
    let day: u32 = parts[0].parse().ok()?;
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let m = parts[1].get(..3)?.to_ascii_lowercase();
    let month = months.iter().position(|x| *x == m)? + 1;
    let mut year: u32 = parts[2].parse().ok()?;
    if year < 100 {
        year += 2000;
    }
    if !(1..=31).contains(&day) || year > 9999 {
        return None;
    }
    let date = format!("{year:04}-{month:02}-{day:02}");
    let time = parts
        .get(3)
        .filter(|t| t.len() >= 5 && t.as_bytes()[2] == b':' && t.is_ascii());
    match time {
        Some(t) => {
            let t = if t.len() == 5 {
                format!("{t}:00")
            } else {
                t.to_string()
            };
            let zone = match parts.get(4).copied() {
                Some(z)
                    if (z.starts_with('+') || z.starts_with('-'))
                        && z.len() == 5
                        && z.is_ascii() =>
                {
                    format!("{}:{}", &z[..3], &z[3..])
                }
                Some("GMT" | "UT" | "UTC" | "Z") => "Z".into(),
                _ => String::new(),
            };
            Some(format!("{date}T{t}{zone}"))
        }
        None => Some(date),
    }
}

fn item_article(item: Item, feed_title: &Option<String>, feed_lang: &Option<String>) -> Article {
    let meta = Meta {
        url: item.link.clone(),
        source: feed_title.clone(),
        language: item.language.or_else(|| feed_lang.clone()),
        published: item.date,
        authors: item.authors,
    };
    let html = if item.html.trim().is_empty() {
        item.summary
    } else {
        item.html
    };
    let title = Some(decode_entities(item.title.trim()).into_owned()).filter(|t| !t.is_empty());
    clean::html::clean_fragment(&html, meta, title)
}

pub(crate) fn read_feed(
    name: &str,
    bytes: &[u8],
    _opts: &ReadOptions,
    emit: &mut dyn FnMut(Result<Article, ReadError>),
) -> Result<(), ReadError> {
    let text = crate::format::decode_html(bytes);
    let mut reader = Reader::from_str(&text);
    reader.config_mut().check_end_names = false;
    reader.config_mut().allow_unmatched_ends = true;
    let mut stack: Vec<String> = Vec::new();
    let mut item: Option<Item> = None;
    let mut feed_title: Option<String> = None;
    let mut feed_lang: Option<String> = None;
    let mut buf = String::new();
    let mut n_items = 0usize;
    let mut saw_feed = false;
    loop {
        let ev = match reader.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                let at = reader.buffer_position();
                let msg = format!("broken feed at byte {at}: {e}");
                if let Some(it) = item.take() {
                    if !it.title.is_empty() || !it.html.is_empty() {
                        emit(Err(ReadError::new(
                            name,
                            format!("item {}: {msg}", n_items + 1),
                        )));
                    }
                }
                if n_items == 0 {
                    return Err(ReadError::new(name, msg));
                }
                emit(Err(ReadError::new(name, msg)));
                return Ok(());
            }
        };
        let (ev, empty) = match ev {
            Event::Empty(e) => (Event::Start(e), true),
            other => (other, false),
        };
        match ev {
            Event::Start(e) => {
                let n = local(e.name().as_ref());
                if matches!(n.as_str(), "rss" | "feed" | "rdf" | "channel") {
                    saw_feed = true;
                    if n == "feed" {
                        for a in e.attributes().flatten() {
                            if local(a.key.as_ref()) == "lang" {
                                feed_lang = Some(String::from_utf8_lossy(&a.value).into_owned());
                            }
                        }
                    }
                }
                if n == "item" || n == "entry" {
                    item = Some(Item::default());
                }
                if n == "link" {
                    if let Some(it) = item.as_mut() {
                        let mut href = None;
                        let mut rel = None;
                        for a in e.attributes().flatten() {
                            match local(a.key.as_ref()).as_str() {
                                "href" => {
                                    href = Some(
                                        decode_entities(&String::from_utf8_lossy(&a.value))
                                            .into_owned(),
                                    )
                                }
                                "rel" => rel = Some(String::from_utf8_lossy(&a.value).into_owned()),
                                _ => {}
                            }
                        }
                        if let Some(h) = href {
                            if rel.as_deref().is_none_or(|r| r == "alternate") && it.link.is_none()
                            {
                                it.link = Some(h);
                            }
                        }
                    }
                }
                if !empty {
                    stack.push(n);
                }
                buf.clear();
            }
            Event::Text(t) => buf.push_str(&decode_entities(&String::from_utf8_lossy(&t))),
            Event::GeneralRef(r) => {
                let raw = format!("&{};", String::from_utf8_lossy(&r));
                buf.push_str(&decode_entities(&raw));
            }
            Event::CData(c) => buf.push_str(&String::from_utf8_lossy(&c)),
            Event::End(e) => {
                let n = local(e.name().as_ref());
                let parent = stack.iter().rev().nth(1).cloned().unwrap_or_default();
                let value = std::mem::take(&mut buf);
                if let Some(it) = item.as_mut() {
                    match n.as_str() {
                        "title" if parent == "item" || parent == "entry" => it.title = value,
                        "link" if it.link.is_none() && !value.trim().is_empty() => {
                            it.link = Some(value.trim().to_string())
                        }
                        "guid" | "id" if it.link.is_none() && value.trim().starts_with("http") => {
                            it.link = Some(value.trim().to_string())
                        }
                        "content:encoded" | "content" => it.html = value,
                        "description" | "summary" => it.summary = value,
                        "pubdate" | "published" | "dc:date" | "updated" | "issued"
                            if (it.date.is_none() || n != "updated") =>
                        {
                            if let Some(d) = feed_date(&value) {
                                if it.date.is_none() || n == "published" || n == "pubdate" {
                                    it.date = Some(d);
                                }
                            }
                        }
                        "dc:creator" | "name" | "author" => {
                            let v = value.trim();
                            if !v.is_empty()
                                && v.split_whitespace().count() <= 8
                                && !it.authors.iter().any(|a| a == v)
                            {
                                // RSS <author> is often "mail@x (Name)".
                                let v = match (v.find('('), v.rfind(')')) {
                                    (Some(a), Some(b)) if a < b => &v[a + 1..b],
                                    _ => v,
                                };
                                it.authors.push(v.trim().to_string());
                            }
                        }
                        "language" => it.language = Some(value.trim().to_string()),
                        _ => {}
                    }
                } else {
                    match n.as_str() {
                        "title"
                            if feed_title.is_none()
                                && (parent == "channel" || parent == "feed") =>
                        {
                            feed_title = Some(value.trim().to_string()).filter(|t| !t.is_empty())
                        }
                        "language" | "dc:language" if feed_lang.is_none() => {
                            feed_lang = Some(value.trim().to_string())
                        }
                        _ => {}
                    }
                }
                if n == "item" || n == "entry" {
                    if let Some(it) = item.take() {
                        n_items += 1;
                        emit(Ok(item_article(it, &feed_title, &feed_lang)));
                    }
                }
                if let Some(pos) = stack.iter().rposition(|s| *s == n) {
                    stack.truncate(pos);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_feed {
        return Err(ReadError::new(name, "not an RSS or Atom feed"));
    }
    if let Some(it) = item.take() {
        // Unclosed last item (truncated feed): keep what it has, and say so.
        if !it.title.is_empty() || !it.html.is_empty() || !it.summary.is_empty() {
            emit(Ok(item_article(it, &feed_title, &feed_lang)));
        }
        emit(Err(ReadError::new(
            name,
            "feed ends inside an item (truncated?)",
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc2822_dates() {
        assert_eq!(
            feed_date("Tue, 08 Jul 2025 14:20:00 +0100").as_deref(),
            Some("2025-07-08T14:20:00+01:00")
        );
        assert_eq!(
            feed_date("8 Jul 2025 14:20 GMT").as_deref(),
            Some("2025-07-08T14:20:00Z")
        );
        assert_eq!(
            feed_date("2025-07-08T10:00:00Z").as_deref(),
            Some("2025-07-08T10:00:00Z")
        );
        assert_eq!(feed_date("garbage"), None);
    }
}
