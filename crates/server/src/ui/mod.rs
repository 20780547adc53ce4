//! The server-rendered web UI: one module per page, a shared layout, and the static
//! assets (CSS, a little JS) compiled into the binary.

mod article;
mod claims;
mod entity;
mod feed;
mod registry;
mod search;
mod story;
mod timeline;

use crate::html::{pct, Html};
use crate::{AppState, RequestError};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use newsgraph_store::{ArticleSummary, EntityKind};

pub const STYLE_CSS: &str = include_str!("../../assets/style.css");
pub const APP_JS: &str = include_str!("../../assets/app.js");

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(feed::page))
        .route("/article/{id}", get(article::page))
        .route("/entity/{key}", get(entity::page))
        .route("/entity/{key}/merge", post(registry::merge))
        .route("/entity/{key}/split", post(registry::split))
        .route("/entities", get(entity::list))
        .route("/claims", get(claims::page))
        .route("/search", get(search::page))
        .route("/timeline", get(timeline::page))
        .route("/stories", get(story::list))
        .route("/story/{id}", get(story::page))
        .route(
            "/assets/style.css",
            get(|| async { asset("text/css; charset=utf-8", STYLE_CSS) }),
        )
        .route(
            "/assets/app.js",
            get(|| async { asset("text/javascript; charset=utf-8", APP_JS) }),
        )
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
}

fn asset(ctype: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, ctype),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        body,
    )
        .into_response()
}

/// Which navigation item is current.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Latest,
    Stories,
    Search,
    Entities,
    Claims,
    Timeline,
    None,
}

/// Wraps a page body in the site layout.
pub fn layout(title: &str, nav: Nav, body: Html) -> Response {
    let mut h = Html::new();
    h.raw("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .raw("<title>")
        .text(title)
        .raw(" · newsgraph</title>")
        .raw("<link rel=\"stylesheet\" href=\"/assets/style.css\">")
        .raw("<script src=\"/assets/app.js\" defer></script></head>\n<body>")
        .raw("<header class=\"top\"><div class=\"wrap\"><a class=\"brand\" href=\"/\">news<span>graph</span></a><nav>");
    for (n, href, label) in [
        (Nav::Latest, "/", "Latest"),
        (Nav::Stories, "/stories", "Stories"),
        (Nav::Search, "/search", "Search"),
        (Nav::Entities, "/entities", "Entities"),
        (Nav::Claims, "/claims", "Claims"),
        (Nav::Timeline, "/timeline", "Timeline"),
    ] {
        h.open("a").attr("href", href);
        if n == nav {
            h.attr("class", "on").attr("aria-current", "page");
        }
        h.close_open().text(label).end("a");
    }
    h.raw("</nav><form class=\"qs\" action=\"/search\" method=\"get\" role=\"search\">")
        .raw("<input type=\"search\" name=\"q\" placeholder=\"Search articles, people, quotes…\" aria-label=\"Search\">")
        .raw("</form></div></header>\n<main class=\"wrap\">")
        .append(body)
        .raw("</main>\n<footer class=\"wrap foot\">newsgraph · <a href=\"/api/openapi.json\">JSON API</a></footer></body></html>\n");
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        h.into_string(),
    )
        .into_response()
}

/// An HTML error page for a failed request.
pub fn error_page(e: &RequestError) -> Response {
    let mut b = Html::new();
    let heading = match e.status() {
        StatusCode::NOT_FOUND => "Not found",
        StatusCode::BAD_REQUEST => "Bad request",
        StatusCode::UNAUTHORIZED => "Write token required",
        StatusCode::FORBIDDEN => "Not allowed",
        _ => "Something went wrong",
    };
    b.el("h1", "", heading).el("p", "muted", &e.to_string());
    b.raw("<p><a href=\"/\">Back to the latest news</a></p>");
    let mut res = layout(heading, Nav::None, b);
    *res.status_mut() = e.status();
    res
}

/// The query parameters of a page; a malformed query string (a repeated parameter, bad
/// percent-encoding) answers the styled 400 page, as the API answers a JSON 400.
#[allow(clippy::result_large_err)] // the error is the page to answer, by design
pub fn ui_params(
    q: Result<axum::extract::Query<crate::api::Params>, axum::extract::rejection::QueryRejection>,
) -> Result<crate::api::Params, Response> {
    q.map(|axum::extract::Query(p)| p)
        .map_err(|e| error_page(&RequestError::BadRequest(e.body_text())))
}

/// The `offset` of a UI page, validated exactly as the API validates it.
#[allow(clippy::result_large_err)] // the error is the page to answer, by design
pub fn ui_offset(p: &crate::api::Params) -> Result<usize, Response> {
    crate::api::count(&p.offset, "offset", 0, usize::MAX).map_err(|e| error_page(&e))
}

/// A path segment; one that does not decode answers the styled 400 page.
#[allow(clippy::result_large_err)] // the error is the page to answer, by design
pub fn ui_path(
    p: Result<axum::extract::Path<String>, axum::extract::rejection::PathRejection>,
) -> Result<String, Response> {
    p.map(|axum::extract::Path(s)| s)
        .map_err(|e| error_page(&RequestError::BadRequest(e.body_text())))
}

/// `1 mention`, `2 mentions`, `12,000 mentions`.
/// The "newer / older" links under a paged list: `href(offset)` builds the link for an
/// offset, with `""` for the first page so its address stays canonical.
pub fn pager(
    b: &mut Html,
    offset: usize,
    page: usize,
    more: bool,
    labels: (&str, &str),
    href: impl Fn(&str) -> String,
) {
    b.raw("<nav class=\"pager\">");
    if offset > 0 {
        let prev = offset.saturating_sub(page);
        let prev = if prev == 0 {
            String::new()
        } else {
            prev.to_string()
        };
        b.link(&href(&prev), "", labels.0);
    }
    if more {
        b.link(&href(&(offset + page).to_string()), "", labels.1);
    }
    b.raw("</nav>");
}

pub fn counted(n: u64, one: &str, many: &str) -> String {
    let word = if n == 1 { one } else { many };
    format!("{} {word}", crate::html::group_thousands(&n.to_string()))
}

pub async fn not_found() -> Response {
    error_page(&RequestError::NotFound("no page at this address".into()))
}

/// `/article/{id}`.
pub fn article_href(id: &str) -> String {
    format!("/article/{}", pct(id))
}

/// `/entity/{key}`.
pub fn entity_href(key: &str) -> String {
    format!("/entity/{}", pct(key))
}

/// A link only when the URL is http(s): anything else (`javascript:`, `data:`) from an
/// untrusted record must never become an `href`.
pub fn safe_url(u: &str) -> Option<&str> {
    let t = u.trim();
    let lower = t.get(..8).unwrap_or(t).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")).then_some(t)
}

pub fn kind_name(k: EntityKind) -> &'static str {
    match k {
        EntityKind::Person => "person",
        EntityKind::Organization => "organization",
        EntityKind::Place => "place",
        EntityKind::Group => "group",
        EntityKind::Other => "other",
    }
}

/// `2025-07-08T14:20:00Z` → (`2025-07-08`, `14:20`); a date alone has no time part.
pub fn split_when(iso: &str) -> (String, Option<String>) {
    let iso = iso.trim();
    let date: String = iso.chars().take(10).collect();
    let time = iso
        .get(11..16)
        .filter(|t| {
            t.as_bytes().get(2) == Some(&b':') && t.bytes().filter(u8::is_ascii_digit).count() == 4
        })
        .map(str::to_string);
    (date, time)
}

/// A readable date: `2025-07-08` → `8 Jul 2025`; other forms pass through.
pub fn human_date(d: &str) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let parts: Vec<&str> = d.split('-').collect();
    let month = |m: &str| {
        m.parse::<usize>()
            .ok()
            .filter(|m| (1..=12).contains(m))
            .map(|m| MONTHS[m - 1])
    };
    let year = |y: &str| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y, m, day] if year(y) && day.len() == 2 => match (month(m), day.parse::<u32>()) {
            (Some(mn), Ok(dn)) => format!("{dn} {mn} {y}"),
            _ => d.to_string(),
        },
        [y, m] if year(y) => match month(m) {
            Some(mn) => format!("{mn} {y}"),
            None => d.to_string(),
        },
        _ => d.to_string(),
    }
}

/// The date an article is shown under: published (its UTC form when it has a time of
/// day, so the feed's days and times follow its order), else ingested.
pub fn article_date(a: &ArticleSummary) -> (String, Option<String>, bool) {
    let published = a.published_utc.as_deref().or(a.published.as_deref());
    match published.filter(|p| !p.trim().is_empty()) {
        Some(p) => {
            let (d, t) = split_when(p);
            (d, t, true)
        }
        None => {
            let (d, t) = split_when(&a.ingested_at);
            (d, t, false)
        }
    }
}

/// The date of a quote or claim: its own `when` when that is a calendar date
/// (`2025-07`, `2025-07-08`), else the article's publication date; readable.
pub fn record_date(when: Option<&str>, a: &ArticleSummary) -> String {
    let is_date = |w: &&str| {
        w.len() >= 7 && w.as_bytes()[..4].iter().all(u8::is_ascii_digit) && w.as_bytes()[4] == b'-'
    };
    match when.filter(is_date).or(a.published.as_deref()) {
        Some(d) => human_date(&d.chars().take(10).collect::<String>()),
        None => String::new(),
    }
}

/// A headline for an article with none.
pub fn headline(a: &ArticleSummary) -> String {
    a.title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| format!("Untitled article {}", a.id))
}

/// One-line reference to an article: `headline · source · date`.
pub fn article_ref(h: &mut Html, a: &ArticleSummary) {
    h.raw("<span class=\"aref\">")
        .link(&article_href(&a.id), "", &headline(a));
    if let Some(s) = &a.source {
        h.raw(" <span class=\"src\">").text(s).raw("</span>");
    }
    let (d, _, published) = article_date(a);
    if published && !d.is_empty() {
        h.raw(" <time>").text(&human_date(&d)).raw("</time>");
    }
    h.raw("</span>");
}

/// A coloured badge.
pub fn badge(h: &mut Html, class: &str, text: &str) {
    h.open("span")
        .attr("class", &format!("badge {class}"))
        .close_open()
        .text(text)
        .end("span");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_urls_are_links() {
        assert_eq!(safe_url(" https://x.test/a "), Some("https://x.test/a"));
        assert_eq!(safe_url("HTTP://x.test"), Some("HTTP://x.test"));
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url("data:text/html,<script>"), None);
        assert_eq!(safe_url("//evil.test"), None);
        assert_eq!(safe_url("é"), None);
    }

    #[test]
    fn counts_agree_in_number() {
        assert_eq!(counted(1, "mention", "mentions"), "1 mention");
        assert_eq!(counted(0, "mention", "mentions"), "0 mentions");
        assert_eq!(counted(12_000, "article", "articles"), "12,000 articles");
    }

    #[test]
    fn dates_read_naturally() {
        assert_eq!(
            split_when("2025-07-08T14:20:00Z"),
            ("2025-07-08".into(), Some("14:20".into()))
        );
        assert_eq!(split_when("2025-07-08"), ("2025-07-08".into(), None));
        assert_eq!(human_date("2025-07-08"), "8 Jul 2025");
        assert_eq!(human_date("2025-06"), "Jun 2025");
        assert_eq!(human_date("XXXX-06-13"), "XXXX-06-13");
        assert_eq!(human_date("2025-13-01"), "2025-13-01");
    }
}
