//! `/`: the Latest News feed — time, source, headline — grouped by day.

use super::{article_date, article_href, headline, human_date, layout, Nav};
use crate::api::{count, Params};
use crate::html::{query, Html};
use crate::AppState;
use axum::extract::{Query, State};
use axum::response::Response;

const PAGE: usize = 50;

pub async fn page(
    State(st): State<AppState>,
    q: Result<Query<Params>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let p = q.map(|Query(p)| p).unwrap_or_default();
    let page_no = count(&p.offset, "offset", 0, 1_000_000).unwrap_or(0) / PAGE;
    let offset = page_no * PAGE;
    let res = st
        .call(move |s| Ok((s.latest(PAGE + 1, offset)?, s.stats()?)))
        .await;
    let (mut items, stats) = match res {
        Ok(r) => r,
        Err(e) => return super::error_page(&e),
    };
    let more = items.len() > PAGE;
    items.truncate(PAGE);

    let mut b = Html::new();
    b.raw("<div class=\"feedhead\"><h1>Latest News</h1><p class=\"muted stats\">");
    b.display(stats.articles)
        .text(" articles · ")
        .display(stats.entities)
        .text(" entities · ");
    b.display(stats.quotes)
        .text(" quotes · ")
        .display(stats.claims)
        .text(" claims · ");
    b.display(stats.sources).text(" sources").raw("</p></div>");
    if items.is_empty() {
        b.raw("<p class=\"empty\">The store is empty. Add articles with <code>newsgraph ingest FILE…</code>.</p>");
    }
    let mut current_day: Option<String> = None;
    for a in &items {
        let (day, time, published) = article_date(a);
        if current_day.as_deref() != Some(day.as_str()) {
            if current_day.is_some() {
                b.raw("</ol>");
            }
            b.raw("<h2 class=\"day\">");
            if day.is_empty() {
                b.text("Undated");
            } else {
                b.text(&human_date(&day));
            }
            if !published {
                b.raw(" <span class=\"muted\">(ingested)</span>");
            }
            b.raw("</h2><ol class=\"feed\">");
            current_day = Some(day);
        }
        b.raw("<li><time class=\"t\">")
            .text(time.as_deref().unwrap_or(""))
            .raw("</time>");
        b.raw("<span class=\"src\">")
            .text(a.source.as_deref().unwrap_or(""))
            .raw("</span>");
        b.link(&article_href(&a.id), "hl", &headline(a));
        b.raw("</li>");
    }
    if current_day.is_some() {
        b.raw("</ol>");
    }
    b.raw("<nav class=\"pager\">");
    if page_no > 0 {
        let prev = ((page_no - 1) * PAGE).to_string();
        b.link(
            &format!(
                "/{}",
                query(&[("offset", if page_no == 1 { "" } else { &prev })])
            ),
            "",
            "← Newer",
        );
    }
    if more {
        b.link(
            &format!(
                "/{}",
                query(&[("offset", &((page_no + 1) * PAGE).to_string())])
            ),
            "",
            "Older →",
        );
    }
    b.raw("</nav>");
    layout("Latest News", Nav::Latest, b)
}
