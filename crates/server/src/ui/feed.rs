//! `/`: the Latest News feed — time, source, headline — grouped by day.

use super::{article_date, article_href, headline, human_date, layout, Nav};
use crate::api::Params;
use crate::html::{query, Html};
use crate::AppState;
use axum::extract::{Query, State};
use axum::response::Response;

const PAGE: usize = 50;

pub async fn page(
    State(st): State<AppState>,
    q: Result<Query<Params>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let p = match super::ui_params(q) {
        Ok(p) => p,
        Err(page) => return page,
    };
    let page_no = match super::ui_offset(&p) {
        Ok(o) => o / PAGE,
        Err(page) => return page,
    };
    let offset = page_no.saturating_mul(PAGE);
    let res = st
        .call(move |s| {
            // The first page opens with the most recently active multi-article stories.
            let mut stories = Vec::new();
            if offset == 0 {
                for sum in s.stories(40, 0)? {
                    if sum.article_count < 2 {
                        continue;
                    }
                    if let Some(r) = s.story(&sum.id)? {
                        stories.push(r);
                    }
                    if stories.len() == 8 {
                        break;
                    }
                }
            }
            Ok((s.latest(PAGE + 1, offset)?, s.stats()?, stories))
        })
        .await;
    let (mut items, stats, stories) = match res {
        Ok(r) => r,
        Err(e) => return super::error_page(&e),
    };
    let more = items.len() > PAGE;
    items.truncate(PAGE);

    let mut b = Html::new();
    b.raw("<div class=\"feedhead\"><h1>Latest News</h1><p class=\"muted stats\">");
    b.num(stats.articles)
        .text(" articles · ")
        .num(stats.entities)
        .text(" entities · ");
    b.num(stats.quotes)
        .text(" quotes · ")
        .num(stats.claims)
        .text(" claims · ");
    b.num(stats.sources).text(" sources · ");
    b.num(stats.stories)
        .text(" stories · newest first, times in UTC")
        .raw("</p></div>");
    super::story::feed_block(&mut b, &stories);
    if items.is_empty() && stats.articles == 0 {
        b.raw("<p class=\"empty\">The store is empty. Add articles with <code>newsgraph ingest FILE…</code>.</p>");
    } else if items.is_empty() {
        // Past the end of a store that has articles: say so, and offer the way back.
        let pages = stats.articles.div_ceil(PAGE as u64);
        b.raw("<p class=\"empty\">")
            .text(&format!(
                "No articles on this page: the store holds {} ({} of {PAGE}). ",
                super::counted(stats.articles, "article", "articles"),
                super::counted(pages, "page", "pages"),
            ))
            .link("/", "", "Back to the newest")
            .raw("</p>");
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
    super::pager(
        &mut b,
        offset,
        PAGE,
        more,
        ("← Newer", "Older →"),
        |o| format!("/{}", query(&[("offset", o)])),
    );
    layout("Latest News", Nav::Latest, b)
}
