//! `/timeline`: events in date order, grouped by month, optionally for one entity or a
//! date range.

use super::{article_ref, badge, error_page, human_date, layout, Nav};
use crate::api::{iso_prefix, nonblank, Params};
use crate::html::{query, Html};
use crate::AppState;
use axum::extract::{Query, State};
use axum::response::Response;
use newsgraph_store::TimelineQuery;

pub async fn page(State(st): State<AppState>, q: Result<Query<Params>, axum::extract::rejection::QueryRejection>) -> Response {
    let p = q.map(|Query(p)| p).unwrap_or_default();
    let tq = match (iso_prefix(&p.from, "from"), iso_prefix(&p.to, "to")) {
        (Ok(from), Ok(to)) => TimelineQuery { from, to, entity: nonblank(&p.entity), limit: 1000 },
        (Err(e), _) | (_, Err(e)) => return error_page(&e),
    };
    let entity = tq.entity.clone();
    let (from, to) = (tq.from.clone(), tq.to.clone());
    let events = match st.call(move |s| s.timeline(&tq)).await {
        Ok(ev) => ev,
        Err(e) => return error_page(&e),
    };
    let mut b = Html::new();
    b.raw("<h1>Timeline</h1>");
    b.raw("<form class=\"search\" action=\"/timeline\" method=\"get\">");
    b.open("input").attr("type", "text").attr("name", "from").attr("value", from.as_deref().unwrap_or(""));
    b.attr("placeholder", "from YYYY-MM-DD").attr("aria-label", "From date").raw(">");
    b.open("input").attr("type", "text").attr("name", "to").attr("value", to.as_deref().unwrap_or(""));
    b.attr("placeholder", "to YYYY-MM-DD").attr("aria-label", "To date").raw(">");
    if let Some(e) = &entity {
        b.open("input").attr("type", "hidden").attr("name", "entity").attr("value", e).raw(">");
    }
    b.raw("<button type=\"submit\">Show</button></form>");
    if let Some(e) = &entity {
        b.raw("<p class=\"chips\">");
        let href = format!(
            "/timeline{}",
            query(&[("from", from.as_deref().unwrap_or("")), ("to", to.as_deref().unwrap_or(""))])
        );
        b.open("a").attr("class", "chip").attr("href", &href).close_open().text(&format!("entity: {e} ✕")).end("a");
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
        b.raw("<li><time class=\"d\">").text(&human_date(&ev.date)).raw("</time><div class=\"tl-body\">");
        badge(&mut b, "ek", &ev.event.kind);
        b.raw(" ").el("span", "evtext", &ev.event.text);
        b.raw("<div class=\"qm\">");
        article_ref(&mut b, &ev.article);
        b.raw("</div></div></li>");
    }
    if month.is_some() {
        b.raw("</ol>");
    }
    layout("Timeline", Nav::Timeline, b)
}
