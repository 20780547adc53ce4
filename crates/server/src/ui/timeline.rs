//! `/timeline`: events in date order, grouped by month, optionally for one entity or a
//! date range.

use super::{article_ref, badge, error_page, human_date, layout, Nav};
use crate::api::{canonical_entity_key, iso_prefix, nonblank, Params};
use crate::html::{query, Html};
use crate::{AppState, RequestError};
use axum::extract::{Query, State};
use axum::response::Response;
use newsgraph_model::{Article, CharIndex, Event, Span};
use newsgraph_store::TimelineQuery;
use std::collections::HashMap;

const ARTICLE_LOOKUPS: usize = 200;
const LIMIT: usize = 500;

/// Names of entity ids (or the references as written when they are not ids).
fn names(a: &Article, ids: &[String]) -> String {
    ids.iter()
        .map(|id| {
            a.entities
                .iter()
                .find(|e| &e.id == id)
                .map(|e| e.name.as_str())
                .unwrap_or(id.as_str())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Who/what/where of an event, then the sentence around its trigger with the trigger
/// marked (the sentence is cut to 60 characters either side when longer).
pub(super) fn context(b: &mut Html, a: &Article, ev: &Event) {
    let mut parts = Vec::new();
    if !ev.actors.is_empty() {
        parts.push(names(a, &ev.actors));
    }
    if !ev.targets.is_empty() {
        parts.push(format!("→ {}", names(a, &ev.targets)));
    }
    if !ev.places.is_empty() {
        parts.push(format!("@ {}", names(a, &ev.places)));
    }
    if !parts.is_empty() {
        b.raw(" ").el("span", "who-what", &parts.join(" "));
    }
    let ix = CharIndex::new(&a.text);
    let n = ix.len_chars();
    let span = Span {
        start: ev.span.start.min(n),
        end: ev.span.end.min(n).max(ev.span.start.min(n)),
    };
    let sent = a
        .sentences
        .iter()
        .map(|s| s.span)
        .find(|s| s.start <= span.start && span.end <= s.end)
        .unwrap_or(Span {
            start: span.start.saturating_sub(60),
            end: (span.end + 60).min(n),
        });
    let mut start = sent.start.max(span.start.saturating_sub(60));
    let mut end = sent.end.min(span.end + 60).min(n);
    // Cut at word boundaries.
    let chars: Vec<char> = a.text[ix.bytes(Span { start, end })].chars().collect();
    if start > sent.start {
        if let Some(i) = chars
            .iter()
            .take(span.start.saturating_sub(start))
            .position(|c| c.is_whitespace())
        {
            start += i + 1;
        }
    }
    if end < sent.end {
        let tail = end.saturating_sub(span.end.max(start));
        if let Some(i) = chars
            .iter()
            .rev()
            .take(tail)
            .position(|c| c.is_whitespace())
        {
            end -= i + 1;
        }
    }
    if start > span.start || end < span.end {
        b.raw(" ").el("span", "evtext", &ev.text);
        return;
    }
    b.raw("<div class=\"evtext\">");
    if start > sent.start {
        b.text("…");
    }
    b.text(
        &a.text[ix.bytes(Span {
            start,
            end: span.start,
        })],
    );
    b.raw("<mark>").text(&a.text[ix.bytes(span)]).raw("</mark>");
    b.text(
        &a.text[ix.bytes(Span {
            start: span.end,
            end,
        })],
    );
    if end < sent.end {
        b.text("…");
    }
    b.raw("</div>");
}

pub async fn page(
    State(st): State<AppState>,
    q: Result<Query<Params>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let p = match super::ui_params(q) {
        Ok(p) => p,
        Err(page) => return page,
    };
    // An entity the store does not hold is a 404, as on its own page.
    let entity = match nonblank(&p.entity).map(|e| canonical_entity_key(&e)) {
        Some(k) => {
            let kc = k.clone();
            match st.call(move |s| s.entity_summary(&kc)).await {
                Ok(Some(_)) => Some(k),
                Ok(None) => return error_page(&RequestError::NotFound(format!("entity {k:?}"))),
                Err(e) => return error_page(&e),
            }
        }
        None => None,
    };
    let tq = match (iso_prefix(&p.from, "from"), iso_prefix(&p.to, "to")) {
        (Ok(from), Ok(to)) => TimelineQuery {
            from,
            to,
            entity,
            limit: LIMIT,
            after: nonblank(&p.after),
        },
        (Err(e), _) | (_, Err(e)) => return error_page(&e),
    };
    let entity = tq.entity.clone();
    let (from, to) = (tq.from.clone(), tq.to.clone());
    // The events, plus their articles (for the sentence around each trigger and the
    // names of actors); at most ARTICLE_LOOKUPS articles are read.
    let res = st
        .call(move |s| {
            let events = s.timeline(&tq)?;
            let mut articles: HashMap<String, Article> = HashMap::new();
            for ev in &events {
                if articles.len() >= ARTICLE_LOOKUPS {
                    break;
                }
                if !articles.contains_key(&ev.article.id) {
                    if let Some(a) = s.get(&ev.article.id)? {
                        articles.insert(a.id.clone(), a);
                    }
                }
            }
            Ok((events, articles))
        })
        .await;
    let (events, articles) = match res {
        Ok(r) => r,
        Err(e) => return error_page(&e),
    };
    let mut b = Html::new();
    b.raw("<h1>Timeline</h1>");
    b.raw("<form class=\"search\" action=\"/timeline\" method=\"get\">");
    b.open("input")
        .attr("type", "text")
        .attr("name", "from")
        .attr("value", from.as_deref().unwrap_or(""));
    b.attr("placeholder", "from YYYY-MM-DD")
        .attr("aria-label", "From date")
        .raw(">");
    b.open("input")
        .attr("type", "text")
        .attr("name", "to")
        .attr("value", to.as_deref().unwrap_or(""));
    b.attr("placeholder", "to YYYY-MM-DD")
        .attr("aria-label", "To date")
        .raw(">");
    if let Some(e) = &entity {
        b.open("input")
            .attr("type", "hidden")
            .attr("name", "entity")
            .attr("value", e)
            .raw(">");
    }
    b.raw("<button type=\"submit\">Show</button></form>");
    if let Some(e) = &entity {
        b.raw("<p class=\"chips\">");
        let href = format!(
            "/timeline{}",
            query(&[
                ("from", from.as_deref().unwrap_or("")),
                ("to", to.as_deref().unwrap_or(""))
            ])
        );
        b.open("a")
            .attr("class", "chip")
            .attr("href", &href)
            .close_open()
            .text(&format!("entity: {e} ✕"))
            .end("a");
        b.raw("</p>");
    }
    if events.is_empty() {
        b.el("p", "empty", "No events in this range.");
    }
    let mut month: Option<String> = None;
    for ev in &events {
        let m: String = ev.date.chars().take(7).collect();
        if month.as_deref() != Some(m.as_str()) {
            if month.is_some() {
                b.raw("</ol>");
            }
            b.el("h2", "day", &human_date(&m));
            b.raw("<ol class=\"tl\">");
            month = Some(m);
        }
        b.raw("<li><time class=\"d\">")
            .text(&human_date(&ev.date))
            .raw("</time><div class=\"tl-body\">");
        badge(&mut b, "ek", &ev.event.kind);
        match articles.get(&ev.article.id) {
            Some(a) => context(&mut b, a, &ev.event),
            None => {
                b.raw(" ").el("span", "evtext", &ev.event.text);
            }
        }
        b.raw("<div class=\"qm\">");
        article_ref(&mut b, &ev.article);
        b.raw("</div></div></li>");
    }
    if month.is_some() {
        b.raw("</ol>");
    }
    // A full page: continue after its last event (day and event identity, so the next
    // page starts with the first event not shown here).
    if events.len() >= LIMIT {
        if let Some(last) = events.last() {
            b.raw("<nav class=\"pager\">");
            let href = format!(
                "/timeline{}",
                query(&[
                    ("from", from.as_deref().unwrap_or("")),
                    ("to", to.as_deref().unwrap_or("")),
                    ("entity", entity.as_deref().unwrap_or("")),
                    ("after", &last.cursor)
                ])
            );
            b.link(&href, "", "Later events →");
            b.raw("</nav>");
        }
    }
    layout("Timeline", Nav::Timeline, b)
}
