//! RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one article per item or entry, the item's
//! HTML cleaned, the feed's metadata (title, language) filling the gaps. A feed that
//! breaks part-way keeps the items before the break and reports the break.

use crate::{clean, ReadError, ReadOptions};
use html_escape::decode_html_entities as decode_entities;
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

/// What the feed as a whole says about its items.
#[derive(Default)]
struct Channel {
    title: Option<String>,
    language: Option<String>,
    /// The site the feed belongs to (`<channel><link>`, Atom `<feed><link href>`): the
    /// base of relative item links.
    link: Option<String>,
}

/// Resolves an item link against the channel link, else against the feed's own URL.
/// Absolute links, and links that cannot be resolved, are kept as they are.
fn resolve_link(link: &str, channel: Option<&str>, feed_url: Option<&str>) -> String {
    if url::Url::parse(link).is_ok() {
        return link.to_string();
    }
    [channel, feed_url]
        .into_iter()
        .flatten()
        .find_map(|base| url::Url::parse(base).ok()?.join(link).ok())
        .map_or_else(|| link.to_string(), String::from)
}

/// The item as an article, or `None` when it has no body at all (only a title or a
/// link: there is nothing to analyse without fetching the page).
fn item_article(item: Item, channel: &Channel, feed_url: Option<&str>) -> Option<Article> {
    let html = if item.html.trim().is_empty() {
        item.summary
    } else {
        item.html
    };
    if html.trim().is_empty() {
        return None;
    }
    let meta = Meta {
        url: item
            .link
            .map(|l| resolve_link(&l, channel.link.as_deref(), feed_url)),
        source: channel.title.clone(),
        language: item.language.or_else(|| channel.language.clone()),
        published: item.date,
        authors: item.authors,
    };
    let title = Some(decode_entities(item.title.trim()).into_owned()).filter(|t| !t.is_empty());
    Some(clean::html::clean_fragment(&html, meta, title))
}

/// Emits an item's article, or a warning naming the item when it has no body.
fn emit_item(
    item: Item,
    n: usize,
    channel: &Channel,
    name: &str,
    emit: &mut dyn FnMut(Result<Article, ReadError>),
) {
    let title = item.title.trim().to_string();
    match item_article(item, channel, feed_url(name)) {
        Some(a) => emit(Ok(a)),
        None => emit(Err(ReadError::skipped(
            format!("{name}#item-{n}"),
            format!("item {title:?} has no body (only a title or link): skipped"),
        ))),
    }
}

fn feed_url(name: &str) -> Option<&str> {
    (name.starts_with("http://") || name.starts_with("https://")).then_some(name)
}

/// Whether an Atom text construct holds XHTML markup (`type="xhtml"`), read raw.
fn is_xhtml(e: &quick_xml::events::BytesStart) -> bool {
    e.attributes()
        .flatten()
        .any(|a| local(a.key.as_ref()) == "type" && a.value.as_ref() == b"xhtml")
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
    let mut channel = Channel::default();
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
                                channel.language =
                                    Some(String::from_utf8_lossy(&a.value).into_owned());
                            }
                        }
                    }
                }
                if n == "item" || n == "entry" {
                    item = Some(Item::default());
                }
                // Atom `type="xhtml"` content is markup, not text: its inner XML is the
                // item's HTML as written.
                if !empty
                    && item.is_some()
                    && matches!(n.as_str(), "content" | "summary")
                    && is_xhtml(&e)
                {
                    let inner = match reader.read_text(e.name()) {
                        Ok(t) => t.into_owned(),
                        Err(err) => {
                            let at = reader.buffer_position();
                            emit(Err(ReadError::new(
                                name,
                                format!("item {}: broken feed at byte {at}: {err}", n_items + 1),
                            )));
                            return if n_items == 0 {
                                Err(ReadError::new(name, "feed ends inside an item"))
                            } else {
                                Ok(())
                            };
                        }
                    };
                    if let Some(it) = item.as_mut() {
                        if n == "content" {
                            it.html = inner;
                        } else {
                            it.summary = inner;
                        }
                    }
                    buf.clear();
                    continue;
                }
                if n == "link" {
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
                    if let Some(h) =
                        href.filter(|_| rel.as_deref().is_none_or(|r| r == "alternate"))
                    {
                        match item.as_mut() {
                            Some(it) if it.link.is_none() => it.link = Some(h),
                            Some(_) => {}
                            None if stack.last().is_some_and(|p| p == "feed") => {
                                channel.link.get_or_insert(h);
                            }
                            None => {}
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
                            if it.date.is_none() || n != "updated" =>
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
                    let top = parent == "channel" || parent == "feed";
                    match n.as_str() {
                        "title" if channel.title.is_none() && top => {
                            channel.title = Some(value.trim().to_string()).filter(|t| !t.is_empty())
                        }
                        "link" if channel.link.is_none() && top && !value.trim().is_empty() => {
                            channel.link = Some(value.trim().to_string())
                        }
                        "language" | "dc:language" if channel.language.is_none() => {
                            channel.language = Some(value.trim().to_string())
                        }
                        _ => {}
                    }
                }
                if n == "item" || n == "entry" {
                    if let Some(it) = item.take() {
                        n_items += 1;
                        emit_item(it, n_items, &channel, name, emit);
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
        if !it.html.trim().is_empty() || !it.summary.trim().is_empty() {
            if let Some(a) = item_article(it, &channel, feed_url(name)) {
                emit(Ok(a));
            }
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
