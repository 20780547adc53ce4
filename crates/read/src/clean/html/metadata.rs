//! Page metadata from the HTML itself: JSON-LD (`NewsArticle` and kin), `<meta>` tags
//! (Open Graph, article:*, Dublin Core, parsely, name=author/date), `<link
//! rel=canonical>`, `<html lang>`, `<title>`, the first `<time datetime>`, and a date in
//! the URL path.

use super::super::furniture::{byline, line_date};
use super::tokenizer::{Token, Tokenizer};
use serde_json::Value;

/// What the page says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    pub title: Option<String>,
    pub url: Option<String>,
    pub site_name: Option<String>,
    pub language: Option<String>,
    pub published: Option<String>,
    pub authors: Vec<String>,
}

fn set(slot: &mut Option<String>, v: &str) {
    let v = v.trim();
    if slot.is_none() && !v.is_empty() {
        *slot = Some(v.split_whitespace().collect::<Vec<_>>().join(" "));
    }
}

/// Accepts ISO 8601-like dates (`2025-07-08`, `2025-07-08T14:20:00+01:00`, `2025/07/08`).
pub(crate) fn iso_date(v: &str) -> Option<String> {
    let v = v.trim();
    let b = v.as_bytes();
    if b.len() < 10 || !b[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sep = b[4];
    if !matches!(sep, b'-' | b'/')
        || b[7] != sep
        || !b[5..7].iter().all(u8::is_ascii_digit)
        || !b[8..10].iter().all(u8::is_ascii_digit)
    {
        return None;
    }
    let date = format!("{}-{}-{}", &v[..4], &v[5..7], &v[8..10]);
    // A date on the calendar (no 2025-02-30), by the one strict parser.
    newsgraph_model::CivilDate::parse(&date).ok()?;
    // Keep a well-formed time part when there is one.
    let rest = v.get(10..).unwrap_or("");
    if (rest.starts_with('T') || rest.starts_with(' ')) && rest.len() >= 6 {
        let t = &rest[1..];
        let tb = t.as_bytes();
        if tb.len() >= 5
            && tb[..2].iter().all(u8::is_ascii_digit)
            && tb[2] == b':'
            && tb[3..5].iter().all(u8::is_ascii_digit)
        {
            let end = t
                .find(|c: char| !(c.is_ascii_digit() || matches!(c, ':' | '.' | '+' | '-' | 'Z')))
                .unwrap_or(t.len());
            return Some(format!("{date}T{}", &t[..end]));
        }
    }
    Some(date)
}

/// A date in a URL path: `/2025/07/08/` or `/2025-07-08`.
pub(crate) fn url_date(url: &str) -> Option<String> {
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let b = path.as_bytes();
    for i in 0..b.len().saturating_sub(10) {
        if b[i] == b'/'
            && b[i + 1..i + 5].iter().all(u8::is_ascii_digit)
            && matches!(b[i + 5], b'/' | b'-')
        {
            let cand = path.get(i + 1..i + 11)?;
            let y: u32 = cand[..4].parse().ok()?;
            if (1990..=2100).contains(&y) {
                if let Some(d) = iso_date(cand) {
                    return Some(d);
                }
            }
        }
    }
    None
}

fn person_names(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) if !s.starts_with("http") && !s.trim().is_empty() => {
            out.push(s.trim().to_string())
        }
        Value::Object(o) => {
            if let Some(Value::String(n)) = o.get("name") {
                if !n.trim().is_empty() {
                    out.push(n.trim().to_string());
                }
            }
        }
        Value::Array(a) => a.iter().take(20).for_each(|x| person_names(x, out)),
        _ => {}
    }
}

fn is_article_type(t: &Value) -> bool {
    let check = |s: &str| {
        s.ends_with("Article")
            || matches!(
                s,
                "BlogPosting"
                    | "ReportageNews"
                    | "Report"
                    | "LiveBlogPosting"
                    | "AnalysisNewsArticle"
                    | "OpinionNewsArticle"
            )
    };
    match t {
        Value::String(s) => check(s),
        Value::Array(a) => a.iter().any(|x| x.as_str().is_some_and(check)),
        _ => false,
    }
}

/// Fills `m` from one JSON-LD document (objects in `@graph` and arrays visited
/// breadth-first, bounded).
fn json_ld(v: &Value, m: &mut PageMeta, other_date: &mut Option<String>) {
    let mut queue = std::collections::VecDeque::from([v]);
    let mut seen = 0;
    while let Some(v) = queue.pop_front() {
        seen += 1;
        if seen > 500 {
            break;
        }
        match v {
            Value::Array(a) => queue.extend(a.iter()),
            Value::Object(o) => {
                if let Some(g) = o.get("@graph") {
                    queue.push_back(g);
                }
                if let Some(d) = o
                    .get("datePublished")
                    .and_then(Value::as_str)
                    .and_then(iso_date)
                {
                    set(other_date, &d);
                }
                if o.get("@type").is_some_and(is_article_type) {
                    if let Some(Value::String(h)) = o.get("headline") {
                        set(&mut m.title, h);
                    }
                    if let Some(d) = o
                        .get("datePublished")
                        .and_then(Value::as_str)
                        .and_then(iso_date)
                    {
                        set(&mut m.published, &d);
                    }
                    if m.authors.is_empty() {
                        if let Some(a) = o.get("author") {
                            person_names(a, &mut m.authors);
                        }
                    }
                    if let Some(Value::Object(p)) = o.get("publisher") {
                        if let Some(Value::String(n)) = p.get("name") {
                            set(&mut m.site_name, n);
                        }
                    }
                    if let Some(Value::String(l)) = o.get("inLanguage") {
                        set(&mut m.language, l);
                    }
                    if let Some(Value::String(u)) = o.get("url") {
                        if u.starts_with("http") {
                            set(&mut m.url, u);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// A `<title>` without the site's name: the page's `<h1>` when the title contains it,
/// else the title cut at a ` | ` / ` - ` / ` — ` separator, keeping the longest part
/// (or the part that is not the site's name).
fn title_without_site(title: &str, h1: Option<&str>, site: Option<&str>) -> String {
    if let Some(h) = h1 {
        if h.chars().count() >= 10 && title.contains(h) {
            return h.to_string();
        }
    }
    for sep in [" | ", " – ", " — ", " - ", " :: ", " · ", " » "] {
        if title.contains(sep) {
            let parts: Vec<&str> = title
                .split(sep)
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
            let keep: Vec<&str> = match site {
                Some(s) => parts
                    .iter()
                    .copied()
                    .filter(|p| !p.eq_ignore_ascii_case(s))
                    .collect(),
                None => parts.clone(),
            };
            if keep.len() == 1 {
                return keep[0].to_string();
            }
            if let Some(longest) = parts.iter().max_by_key(|p| p.chars().count()) {
                if longest.chars().count() * 2 > title.chars().count() {
                    return longest.to_string();
                }
            }
            break;
        }
    }
    title.to_string()
}

/// Whether a start tag marks an author's name: `rel="author"`, `itemprop="author"`, a
/// link to an author page, or a class naming the author (not a comment's author).
fn author_signal<'a>(get: &impl Fn(&str) -> Option<&'a str>) -> bool {
    // Needles are lowercase ASCII: a case-blind byte search, no lowercase copy per tag.
    let has = |k: &str, needle: &str| {
        get(k).is_some_and(|v| {
            v.as_bytes()
                .windows(needle.len())
                .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
        })
    };
    if has("class", "comment") {
        return false;
    }
    has("rel", "author")
        || has("itemprop", "author")
        || has("href", "/author/")
        || has("href", "/authors/")
        || has("class", "author")
        || has("class", "byline")
}

/// `By`, `Written by`, `Author:` and kin, alone in a text node.
fn is_by_label(t: &str) -> bool {
    let l = t.trim_end_matches([':', ' ']);
    // The longest label is 10 bytes: longer texts (most of a page) need no lowercase copy.
    if l.len() > 10 {
        return false;
    }
    let l = l.to_lowercase();
    matches!(
        l.as_str(),
        "by" | "written by"
            | "posted by"
            | "author"
            | "words by"
            | "story by"
            | "par"
            | "por"
            | "von"
    )
}

/// A person's name as bylines write it: two to five capitalised words (name particles
/// such as `de` or `van` aside), no digits, at most 60 characters.
fn person_name(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    let cap = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    let particle = |w: &&str| {
        matches!(
            *w,
            "de" | "da" | "di" | "del" | "van" | "von" | "der" | "den" | "la" | "le" | "bin" | "al"
        )
    };
    (2..=5).contains(&words.len())
        && t.chars().count() <= 60
        && words.iter().all(|w| cap(w) || particle(w))
        && words.first().is_some_and(cap)
        && words.last().is_some_and(cap)
        && !t
            .chars()
            .any(|c| c.is_ascii_digit() || matches!(c, '@' | '|' | ':' | '/' | '?' | '!'))
}

/// How many words of `a` (lower-cased) also stand in `b`.
fn shared_words(a: &str, b: &str) -> usize {
    let b: Vec<String> = b.split_whitespace().map(str::to_lowercase).collect();
    a.split_whitespace()
        .filter(|w| b.contains(&w.to_lowercase()))
        .count()
}

/// How many non-blank text nodes after the first `<h1>` may hold the date.
const TEXTS_AFTER_H1: usize = 40;

/// Reads a page's metadata in one pass.
pub fn page_meta(html: &str) -> PageMeta {
    let mut m = PageMeta::default();
    let mut og = PageMeta::default();
    let mut html_title: Option<String> = None;
    let mut time_dt: Option<String> = None;
    let mut in_ld = false;
    let mut h1: Option<String> = None;
    let mut in_h1 = false;
    // A date-only text near the headline (`<time>` text, `Published March 3, 2025`):
    // the text nodes after the first `<h1>` are looked at, a bounded number of them.
    let mut text_date: Option<String> = None;
    // `datePublished` of a JSON-LD object that is not an article (`WebPage`, ...).
    let mut ld_date: Option<String> = None;
    let mut texts_after_h1: Option<usize> = None;
    let mut in_time = false;
    // A byline in the page: `By Jane Doe`, or a name right after a `By` / `Written by`
    // text or inside an author element (`class="author-name"`, `rel="author"`,
    // `href="/author/…"`, `itemprop="author"`), comment authors excepted.
    let mut text_authors: Vec<String> = Vec::new();
    let mut author_next: usize = 0;
    for tok in Tokenizer::new(html) {
        match tok {
            Token::Start { name, attrs, .. } => {
                let get = |k: &str| attrs.iter().find(|(a, _)| a == k).map(|(_, v)| &**v);
                if text_authors.is_empty() && author_signal(&get) {
                    author_next = 2;
                }
                match &*name {
                    "html" => {
                        if let Some(l) = get("lang").or_else(|| get("xml:lang")) {
                            set(&mut og.language, l);
                        }
                    }
                    "meta" => {
                        let key = get("property")
                            .or_else(|| get("name"))
                            .or_else(|| get("itemprop"))
                            .unwrap_or("")
                            .to_ascii_lowercase();
                        let content =
                            html_escape::decode_html_entities(get("content").unwrap_or(""));
                        let content = content.as_ref();
                        if let Some(cs) =
                            get("http-equiv").filter(|h| h.eq_ignore_ascii_case("content-language"))
                        {
                            let _ = cs;
                            set(&mut og.language, content);
                        }
                        match key.as_str() {
                            "og:title" | "twitter:title" => set(&mut og.title, content),
                            "og:site_name" | "application-name" => set(&mut og.site_name, content),
                            "og:url" => set(&mut og.url, content),
                            "og:locale" | "language" | "dc.language" => {
                                set(&mut og.language, &content.replace('_', "-"))
                            }
                            "article:published_time"
                            | "datepublished"
                            | "pubdate"
                            | "publishdate"
                            | "date"
                            | "dc.date"
                            | "dc.date.issued"
                            | "dcterms.created"
                            | "dcterms.date"
                            | "parsely-pub-date"
                            | "sailthru.date"
                            | "publication_date"
                            | "article.published"
                            | "og:published_time" => {
                                if let Some(d) = iso_date(content) {
                                    set(&mut og.published, &d);
                                }
                            }
                            "author" | "article:author" | "parsely-author" | "dc.creator"
                            | "sailthru.author" | "byl" => {
                                let c = content.trim();
                                let c = c
                                    .strip_prefix("By ")
                                    .or_else(|| c.strip_prefix("by "))
                                    .unwrap_or(c);
                                if og.authors.is_empty()
                                    && !c.is_empty()
                                    && !c.starts_with("http")
                                    && c.split_whitespace().count() <= 8
                                {
                                    // Commas are left to `normalise::finish`: in
                                    // "A and B, The Paper" the comma is not a list.
                                    og.authors = c
                                        .split(';')
                                        .map(|s| s.trim().to_string())
                                        .filter(|s| !s.is_empty())
                                        .collect();
                                }
                            }
                            _ => {}
                        }
                    }
                    "link" if get("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) => {
                        if let Some(h) = get("href").filter(|h| h.starts_with("http")) {
                            set(&mut og.url, h);
                        }
                    }
                    "time" => {
                        if time_dt.is_none() {
                            time_dt = get("datetime").and_then(iso_date);
                        }
                        in_time = true;
                    }
                    "h1" if h1.is_none() => {
                        in_h1 = true;
                        h1 = Some(String::new());
                    }
                    "script" => {
                        in_ld =
                            get("type").is_some_and(|t| t.to_ascii_lowercase().contains("ld+json"))
                    }
                    _ => {}
                }
            }
            Token::Text(t) => {
                if in_h1 {
                    if let Some(h) = h1.as_mut() {
                        if h.len() < 1000 {
                            h.push_str(&t);
                        }
                    }
                }
                let tt = t.trim();
                if text_authors.is_empty() && !tt.is_empty() {
                    if author_next > 0 && !is_by_label(tt) && person_name(tt) {
                        text_authors.push(tt.split_whitespace().collect::<Vec<_>>().join(" "));
                    } else if let Some(names) =
                        byline(tt).filter(|n| n.iter().all(|x| person_name(x)))
                    {
                        text_authors = names;
                    }
                    author_next = if is_by_label(tt) {
                        2
                    } else {
                        author_next.saturating_sub(1)
                    };
                }
                let near = texts_after_h1.is_some_and(|n| n < TEXTS_AFTER_H1);
                if text_date.is_none() && (near || in_time) && t.len() <= 100 {
                    text_date = line_date(t.trim());
                }
                if let Some(n) = texts_after_h1.as_mut() {
                    *n += usize::from(!t.trim().is_empty());
                }
            }
            Token::End { name } if name == "h1" => {
                in_h1 = false;
                texts_after_h1.get_or_insert(0);
            }
            Token::End { name } if name == "time" => in_time = false,
            Token::Raw { name, content } => {
                if name == "title" && html_title.is_none() {
                    let t = html_escape::decode_html_entities(content);
                    set(&mut html_title, &t);
                } else if name == "script" && in_ld {
                    if let Ok(v) = serde_json::from_str::<Value>(content.trim()) {
                        json_ld(&v, &mut m, &mut ld_date);
                    }
                }
                in_ld = false;
            }
            _ => {}
        }
    }
    // JSON-LD first, then meta tags, then weaker signals.
    let h1 = h1
        .map(|h| h.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|h| !h.is_empty());
    let html_title = html_title.map(|t| {
        title_without_site(
            &t,
            h1.as_deref(),
            og.site_name.as_deref().or(m.site_name.as_deref()),
        )
    });
    m.title = m
        .title
        .or(og
            .title
            .map(|t| title_without_site(&t, h1.as_deref(), None)))
        .or(html_title);
    if let Some(t) = m.title.as_mut().filter(|t| t.contains('&')) {
        *t = html_escape::decode_html_entities(t).into_owned();
    }
    // The page's visible headline, when the declared title is about the same thing
    // (declared titles are often rewritten for search engines and social cards).
    if let Some(h) = h1
        .as_deref()
        .filter(|h| (2..=30).contains(&h.split_whitespace().count()))
    {
        let use_h1 = m
            .title
            .as_deref()
            .is_none_or(|t| shared_words(h, t) * 10 >= h.split_whitespace().count() * 3);
        if use_h1 {
            m.title = Some(h.to_string());
        }
    }
    m.url = m.url.or(og.url);
    m.site_name = m.site_name.or(og.site_name);
    m.language = m.language.or(og.language);
    m.published = m.published.or(og.published).or(time_dt).or(ld_date);
    if m.authors.is_empty() {
        m.authors = og.authors;
    }
    for a in m.authors.iter_mut() {
        if a.contains('&') {
            *a = html_escape::decode_html_entities(a).into_owned();
        }
    }
    m.authors.retain(|a| a.chars().any(char::is_alphabetic));
    if m.authors.is_empty() {
        m.authors = text_authors;
    }
    if m.published.is_none() {
        m.published = m.url.as_deref().and_then(url_date).or(text_date);
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_then_meta() {
        let html = r#"<html lang="fr"><head><title>Page | Site</title>
            <meta property="og:site_name" content="Le Site">
            <meta property="article:published_time" content="2025-07-08T14:20:00+01:00">
            <link rel="canonical" href="https://example.test/a">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"Le titre","author":[{"@type":"Person","name":"Jean Dupont"}]}]}</script>
            </head><body></body></html>"#;
        let m = page_meta(html);
        assert_eq!(m.title.as_deref(), Some("Le titre"));
        assert_eq!(m.authors, vec!["Jean Dupont"]);
        assert_eq!(m.site_name.as_deref(), Some("Le Site"));
        assert_eq!(m.published.as_deref(), Some("2025-07-08T14:20:00+01:00"));
        assert_eq!(m.language.as_deref(), Some("fr"));
        assert_eq!(m.url.as_deref(), Some("https://example.test/a"));
    }

    #[test]
    fn date_from_text_near_the_headline() {
        let html = "<html><body><nav>March 1, 2020</nav><h1>Harbour plan approved</h1>\
            <div class=\"meta\"><span>By Jane Doe</span> <span>Published 8 July 2025</span></div>\
            <p>The harbour authority approved the plan on Monday.</p></body></html>";
        assert_eq!(page_meta(html).published.as_deref(), Some("2025-07-08"));
        let html = "<html><body><time>July 9, 2025</time><h1>Headline here</h1></body></html>";
        assert_eq!(page_meta(html).published.as_deref(), Some("2025-07-09"));
        // A URL date wins over text; no date-only text gives nothing.
        let html = "<html><head><link rel=canonical href=\"https://x.test/2024/01/02/a\"></head><body><h1>Headline here</h1><p>8 July 2025</p></body></html>";
        assert_eq!(page_meta(html).published.as_deref(), Some("2024-01-02"));
        let html = "<html><body><h1>Headline here</h1><p>It rained on 8 July 2025 all day.</p></body></html>";
        assert_eq!(page_meta(html).published, None);
    }

    #[test]
    fn authors_from_the_page() {
        let page = |body: &str| {
            page_meta(&format!(
                "<html><body><h1>Headline here</h1>{body}</body></html>"
            ))
            .authors
        };
        assert_eq!(
            page("<p>By Jane Doe and John Smith</p>"),
            vec!["Jane Doe", "John Smith"]
        );
        assert_eq!(page("<p>Written by</p><p>Jane Doe</p>"), vec!["Jane Doe"]);
        assert_eq!(
            page("<span>By</span> <a href=\"/author/jdoe\">Jane Doe</a>"),
            vec!["Jane Doe"]
        );
        assert_eq!(
            page("<div class=\"author-name\">Jane van Doe</div>"),
            vec!["Jane van Doe"]
        );
        // Not names: a filter label, a lone label, a comment's author, lower-case words.
        assert!(page("<div>By Role</div>").is_empty());
        assert!(page("<div class=\"author\">By</div><p>x</p>").is_empty());
        assert!(page("<div class=\"comment-author\">Sam Reader</div>").is_empty());
        assert!(page("<div class=\"author-box\">Articles by Jane</div>").is_empty());
        // Meta and JSON-LD authors come first, with entities decoded.
        let html = "<html><head><meta name=\"author\" content=\"Maria &amp; Kate\"></head><body><p>By Jane Doe</p></body></html>";
        assert_eq!(page_meta(html).authors, vec!["Maria & Kate"]);
    }

    #[test]
    fn title_is_the_headline_when_it_matches() {
        let html = "<html><head><meta property=\"og:title\" content=\"Harbour plan approved &#8211; Example News\"></head>\
            <body><h1>Harbour expansion plan approved after two years</h1></body></html>";
        assert_eq!(
            page_meta(html).title.as_deref(),
            Some("Harbour expansion plan approved after two years")
        );
        let html = "<html><head><meta property=\"og:title\" content=\"Harbour plan approved &amp; funded\"></head>\
            <body><h1>Subscribe to our newsletter</h1></body></html>";
        assert_eq!(
            page_meta(html).title.as_deref(),
            Some("Harbour plan approved & funded")
        );
    }

    #[test]
    fn date_of_a_json_ld_web_page() {
        let html = r#"<html><head><script type="application/ld+json">{"@type":"WebPage","datePublished":"2025-02-03T10:00:00Z"}</script></head><body><h1>Headline here</h1><p>8 July 2025</p></body></html>"#;
        assert_eq!(
            page_meta(html).published.as_deref(),
            Some("2025-02-03T10:00:00Z")
        );
    }

    #[test]
    fn dates() {
        assert_eq!(iso_date("2025/07/08"), Some("2025-07-08".into()));
        assert_eq!(iso_date("2025-13-08"), None);
        assert_eq!(iso_date("2025-02-30"), None);
        assert_eq!(iso_date("July 8"), None);
        assert_eq!(
            url_date("https://x.test/2025/07/08/story"),
            Some("2025-07-08".into())
        );
        assert_eq!(url_date("https://x.test/story-123"), None);
    }
}
