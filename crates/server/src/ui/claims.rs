//! `/claims`: the claims board — each claim with the denials and doubts answering it.

use super::{article_ref, badge, entity_href, error_page, layout, pager, Nav};
use crate::api::Params;
use crate::highlight::enum_name;
use crate::html::{query, Html};
use crate::AppState;
use axum::extract::{Query, State};
use axum::response::Response;
use newsgraph_store::ClaimRecord;

const PAGE: usize = 30;

pub(super) fn claim_card(b: &mut Html, c: &ClaimRecord, class: &'static str) {
    let stance = enum_name(&c.claim.stance);
    b.open("div")
        .attr("class", &format!("{class} claim-{stance}"))
        .close_open();
    b.raw("<div class=\"qh\">");
    badge(b, &format!("st-{stance}"), &stance);
    let name = c
        .holder_name
        .clone()
        .or_else(|| c.claim.holder_text.clone());
    match (&c.holder_key, name) {
        (Some(k), Some(n)) => {
            b.link(&entity_href(k), "who", &n);
        }
        (_, Some(n)) => {
            b.el("span", "who unresolved", &n);
        }
        _ => {
            b.el("span", "who unresolved", "unattributed");
        }
    }
    if let Some(cue) = &c.claim.cue {
        b.el("span", "cue", cue);
    }
    let date = super::record_date(c.claim.when.as_deref(), &c.article);
    if !date.is_empty() {
        b.el("time", "d", &date);
    }
    b.raw("</div>");
    b.el("div", "content", &c.claim.content);
    b.raw("<div class=\"qm\">");
    article_ref(b, &c.article);
    b.raw("</div></div>");
}

pub async fn page(
    State(st): State<AppState>,
    q: Result<Query<Params>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let p = match super::ui_params(q) {
        Ok(p) => p,
        Err(page) => return page,
    };
    let offset = match super::ui_offset(&p) {
        Ok(o) => o,
        Err(page) => return page,
    };
    let threads = match st.call(move |s| s.claims(PAGE + 1, offset)).await {
        Ok(t) => t,
        Err(e) => return error_page(&e),
    };
    let more = threads.len() > PAGE;
    let mut b = Html::new();
    // Says the order `Store::claims` gives: most answered first, then newest published.
    b.raw("<h1>Claims board</h1><p class=\"muted\">Claims with the denials and doubts that answer them: the most answered first, then the newest.</p>");
    if threads.is_empty() {
        b.el("p", "empty", "No claims yet.");
    }
    b.raw("<div class=\"board\">");
    for t in threads.iter().take(PAGE) {
        b.raw("<div class=\"thread\">");
        claim_card(&mut b, &t.claim, "card");
        if t.responses.is_empty() {
            b.el("div", "noresp muted", "No denial or doubt recorded yet.");
        } else {
            b.raw("<div class=\"responses\">");
            for r in &t.responses {
                claim_card(&mut b, r, "card resp");
            }
            b.raw("</div>");
        }
        b.raw("</div>");
    }
    b.raw("</div>");
    pager(
        &mut b,
        offset,
        PAGE,
        more,
        ("← Newer", "Older →"),
        |o| format!("/claims{}", query(&[("offset", o)])),
    );
    layout("Claims board", Nav::Claims, b)
}
