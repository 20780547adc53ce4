//! `/entity/{key}`: the registry record of one entity — ref, aliases with counts,
//! descriptor history, outlets, quotes deduplicated across outlets, claims and denials,
//! the articles mentioning it (the correction forms are `registry.rs`). `/entities`:
//! the list.

use super::{
    article_href, article_ref, badge, entity_href, error_page, headline, kind_name, layout, Nav,
};
use crate::api::{canonical_entity_key, entity_kind, Params};
use crate::highlight::enum_name;
use crate::html::{query, Html};
use crate::{AppState, RequestError};
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use newsgraph_store::{parse_entity_key, EntityPage, Store, StoreError};

pub async fn page(
    State(st): State<AppState>,
    path: Result<Path<String>, axum::extract::rejection::PathRejection>,
) -> Response {
    let key = match super::ui_path(path) {
        Ok(k) => k,
        Err(page) => return page,
    };
    // Entity URLs are case-insensitive: `/entity/Person:Donald%20Trump` is the key
    // `person:donald trump`.
    let key = canonical_entity_key(&key);
    let k = key.clone();
    match st.call(move |s| s.entity(&k)).await {
        Ok(Some(e)) => {
            let fix = super::registry::Corrections::for_page(&st, &e).await;
            let mut b = render(&e);
            super::registry::render(&mut b, &e, &fix);
            layout(&e.name, Nav::Entities, b)
        }
        Ok(None) => {
            // An article links its entities by their own name's key; the store may have
            // merged one into a fuller name ("person:trump" into "person:donald trump").
            let k = key.clone();
            match st.call(move |s| resolve_merged(s, &k)).await {
                Ok(Some(full)) => Redirect::to(&entity_href(&full)).into_response(),
                Ok(None) => error_page(&RequestError::NotFound(format!("entity {key:?}"))),
                Err(e) => error_page(&e),
            }
        }
        Err(e) => error_page(&e),
    }
}

/// The one stored entity of the same kind whose name contains `key`'s name as whole
/// words at its start or end, if exactly one does.
fn resolve_merged(s: &dyn Store, key: &str) -> Result<Option<String>, StoreError> {
    let Some((kind, name)) = parse_entity_key(key) else {
        return Ok(None);
    };
    if name.is_empty() {
        return Ok(None);
    }
    let (suffix, prefix) = (format!(" {name}"), format!("{name} "));
    let mut found: Option<String> = None;
    for e in s.entities(5000, 0, Some(kind))? {
        let n = e.key.split_once(':').map(|(_, n)| n).unwrap_or("");
        if n.ends_with(&suffix) || n.starts_with(&prefix) {
            if found.is_some() {
                return Ok(None);
            }
            found = Some(e.key);
        }
    }
    Ok(found)
}

pub fn render(e: &EntityPage) -> Html {
    let kind = kind_name(e.kind);
    let mut b = Html::new();
    b.raw("<div class=\"entity-head\">");
    b.open("h1")
        .attr("class", &format!("ent-{kind}"))
        .close_open()
        .text(&e.name)
        .end("h1");
    badge(&mut b, &format!("ent-{kind}"), kind);
    b.raw(" <span class=\"muted\">")
        .text(&super::counted(e.mention_count, "mention", "mentions"))
        .text(" in ")
        .text(&super::counted(e.article_count, "article", "articles"))
        .raw("</span>");
    b.raw("<p class=\"actions\">");
    b.link(
        &format!("/search{}", query(&[("entity", &e.key)])),
        "",
        "Search its articles",
    );
    b.text(" · ");
    b.link(
        &format!("/timeline{}", query(&[("entity", &e.key)])),
        "",
        "Its timeline",
    );
    b.raw("</p>");
    b.raw("<p class=\"ref muted\">Registry ref <code>")
        .text(&e.key)
        .raw("</code>");
    if !e.merged_from.is_empty() {
        b.raw(" · merged from ");
        for (i, m) in e.merged_from.iter().enumerate() {
            if i > 0 {
                b.text(", ");
            }
            b.raw("<code>").text(m).raw("</code>");
        }
    }
    b.raw("</p>");
    if !e.alias_counts.is_empty() {
        b.raw("<p class=\"alias\">Written as: ");
        for (i, a) in e.alias_counts.iter().enumerate() {
            if i > 0 {
                b.text(", ");
            }
            b.raw("<span class=\"al\">")
                .text(&a.text)
                .raw(" <span class=\"n\">×")
                .num(a.count)
                .raw("</span></span>");
        }
        b.raw("</p>");
    } else if !e.aliases.is_empty() {
        b.raw("<p class=\"alias\">Also written: ")
            .text(&e.aliases.join(", "))
            .raw("</p>");
    }
    b.raw("</div>");

    b.raw("<div class=\"entity-grid\"><div>");
    b.raw("<section class=\"ll\"><h2>Descriptors</h2>");
    if e.descriptors.is_empty() {
        b.el("p", "muted", "none found");
    } else {
        b.raw("<ul class=\"descs\">");
        for d in &e.descriptors {
            b.raw("<li>")
                .text(&d.text)
                .raw(" <span class=\"n\">×")
                .num(d.count);
            match (d.first_seen.as_deref(), d.last_seen.as_deref()) {
                (Some(f), Some(l)) if f != l => {
                    b.text(" · ")
                        .text(&super::human_date(f))
                        .text(" – ")
                        .text(&super::human_date(l));
                }
                (Some(f), _) | (None, Some(f)) => {
                    b.text(" · ").text(&super::human_date(f));
                }
                _ => {}
            }
            b.raw("</span></li>");
        }
        b.raw("</ul>");
    }
    b.raw("</section>");

    if !e.outlets.is_empty() {
        b.raw("<section class=\"ll\" id=\"outlets\"><h2>Outlets</h2><ul class=\"outlets\">");
        for o in &e.outlets {
            b.raw("<li>")
                .text(&o.value)
                .raw(" <span class=\"n\">")
                .text(&super::counted(o.count, "article", "articles"))
                .raw("</span></li>");
        }
        b.raw("</ul></section>");
    }

    b.raw("<section class=\"ll ll-quote\" id=\"quotes\"><h2>Quotes over time</h2>");
    if e.quotes.is_empty() && e.quote_groups.is_empty() {
        b.el("p", "muted", "no quotes attributed");
    }
    if !e.quote_groups.is_empty() {
        quote_groups(&mut b, e);
    } else {
        quote_list(&mut b, e);
    }
    b.raw("</section></div><div>");

    b.raw("<section class=\"ll ll-claim\"><h2>Claims &amp; denials</h2>");
    if e.claims.is_empty() {
        b.el("p", "muted", "none found");
    }
    shown_of(&mut b, e.claims.len(), e.claim_count, "claims");
    b.raw("<ul class=\"claims\">");
    for c in &e.claims {
        let stance = enum_name(&c.claim.stance);
        b.open("li")
            .attr("class", &format!("claim claim-{stance}"))
            .close_open();
        badge(&mut b, &format!("st-{stance}"), &stance);
        b.el(
            "time",
            "d",
            &super::record_date(c.claim.when.as_deref(), &c.article),
        );
        if let Some(cue) = &c.claim.cue {
            b.el("span", "cue", cue);
        }
        b.el("div", "content", &c.claim.content);
        b.raw("<div class=\"qm\">");
        article_ref(&mut b, &c.article);
        b.raw("</div></li>");
    }
    b.raw("</ul></section>");

    b.raw("<section class=\"ll\"><h2>Articles</h2>");
    shown_of(&mut b, e.articles.len(), e.article_count, "articles");
    b.raw("<ul class=\"arts\">");
    for a in &e.articles {
        b.raw("<li>");
        article_ref(&mut b, a);
        b.raw("</li>");
    }
    b.raw("</ul></section></div></div>");
    b
}

/// A quote's date, cue, kind and text, opening its `li` and its `qm` line.
fn quote_head(b: &mut Html, q: &newsgraph_store::QuoteRecord) {
    b.raw("<li class=\"quote\"><div class=\"qh\">");
    b.el(
        "time",
        "d",
        &super::record_date(q.quote.when.as_deref(), &q.article),
    );
    if let Some(c) = &q.quote.cue {
        b.el("span", "cue", c);
    }
    badge(
        b,
        &format!("qk-{}", enum_name(&q.quote.kind)),
        &enum_name(&q.quote.kind),
    );
    b.raw("</div><blockquote>")
        .text(&q.quote.text)
        .raw("</blockquote><div class=\"qm\">");
    if let Some(v) = &q.quote.venue {
        b.el("span", "muted", v).text(" · ");
    }
}

/// Quotes as stored, one per article (a store that does not group them).
fn quote_list(b: &mut Html, e: &EntityPage) {
    shown_of(b, e.quotes.len(), e.quote_count, "quotes");
    b.raw("<ol class=\"quotes timeline-list\">");
    for q in &e.quotes {
        quote_head(b, q);
        b.link(&article_href(&q.article.id), "", &headline(&q.article));
        b.raw("</div></li>");
    }
    b.raw("</ol>");
}

/// Quotes deduplicated across articles: the first carrying of each, then every
/// article and outlet that carried it.
fn quote_groups(b: &mut Html, e: &EntityPage) {
    let carried: usize = e.quote_groups.iter().map(|g| g.articles.len()).sum();
    b.el(
        "p",
        "muted",
        &format!(
            "{} distinct, carried {}",
            crate::html::group_thousands(&e.quote_groups.len().to_string()),
            super::counted(carried as u64, "time", "times")
        ),
    );
    b.raw("<ol class=\"quotes timeline-list\">");
    for g in &e.quote_groups {
        let q = &g.first;
        quote_head(b, q);
        if g.articles.len() > 1 {
            b.raw("<span class=\"carried\">").text(&super::counted(
                g.articles.len() as u64,
                "article",
                "articles",
            ));
            if !g.outlets.is_empty() {
                b.text(" in ").text(&g.outlets.join(", "));
            }
            b.raw(":</span> ");
        }
        for (i, a) in g.articles.iter().enumerate() {
            if i > 0 {
                b.text(" · ");
            }
            b.link(&article_href(&a.id), "", &headline(a));
        }
        b.raw("</div></li>");
    }
    b.raw("</ol>");
}

/// "the first 500 of 1,234 quotes" when a list of the page is capped.
fn shown_of(b: &mut Html, shown: usize, total: u64, what: &str) {
    if (shown as u64) < total {
        b.el(
            "p",
            "muted capped",
            &format!(
                "the first {} of {} {what}",
                crate::html::group_thousands(&shown.to_string()),
                crate::html::group_thousands(&total.to_string())
            ),
        );
    }
}

const LIST_PAGE: usize = 200;

pub async fn list(
    State(st): State<AppState>,
    q: Result<Query<Params>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let p = match super::ui_params(q) {
        Ok(p) => p,
        Err(page) => return page,
    };
    let kind = match entity_kind(&p.kind) {
        Ok(k) => k,
        Err(e) => return error_page(&e),
    };
    let offset = match super::ui_offset(&p) {
        Ok(o) => o,
        Err(page) => return page,
    };
    let mut items = match st
        .call(move |s| s.entities(LIST_PAGE + 1, offset, kind))
        .await
    {
        Ok(i) => i,
        Err(e) => return error_page(&e),
    };
    let more = items.len() > LIST_PAGE;
    items.truncate(LIST_PAGE);
    let kind_q = kind.map(kind_name).unwrap_or("");
    let mut b = Html::new();
    b.raw("<h1>Entities</h1><p class=\"filters\">");
    b.link("/entities", if kind.is_none() { "on" } else { "" }, "all");
    for k in ["person", "organization", "place", "group", "other"] {
        let on = kind.map(kind_name) == Some(k);
        b.text(" · ").link(
            &format!("/entities{}", query(&[("kind", k)])),
            if on { "on" } else { "" },
            k,
        );
    }
    b.raw("</p>");
    if items.is_empty() {
        b.el("p", "muted", "No entities yet.");
    }
    b.raw("<table class=\"ents-table\"><thead><tr><th>Name</th><th>Kind</th><th>Articles</th><th>Mentions</th></tr></thead><tbody>");
    for e in &items {
        let k = kind_name(e.kind);
        b.raw("<tr><td>");
        b.link(&entity_href(&e.key), &format!("who ent-{k}"), &e.name);
        b.raw("</td><td>")
            .text(k)
            .raw("</td><td class=\"num\">")
            .num(e.articles);
        b.raw("</td><td class=\"num\">")
            .num(e.mentions)
            .raw("</td></tr>");
    }
    b.raw("</tbody></table><nav class=\"pager\">");
    if offset > 0 {
        let prev = offset.saturating_sub(LIST_PAGE).to_string();
        b.link(
            &format!(
                "/entities{}",
                query(&[
                    ("kind", kind_q),
                    ("offset", if prev == "0" { "" } else { &prev })
                ])
            ),
            "",
            "← Previous",
        );
    }
    if more {
        b.link(
            &format!(
                "/entities{}",
                query(&[
                    ("kind", kind_q),
                    ("offset", &(offset + LIST_PAGE).to_string())
                ])
            ),
            "",
            "Next →",
        );
    }
    b.raw("</nav>");
    layout("Entities", Nav::Entities, b)
}
