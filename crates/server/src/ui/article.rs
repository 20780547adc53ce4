//! `/article/{id}`: the clean text with every layer highlighted, a legend that toggles
//! layers, the layer lists, and the page furniture shown apart.

use super::{badge, entity_href, error_page, human_date, layout, safe_url, split_when, Nav};
use crate::highlight::{article_marks, enum_name, fmt_num, render_text, Layer};
use crate::html::Html;
use crate::{AppState, RequestError};
use axum::extract::{Path, State};
use axum::response::Response;
use newsgraph_model::{Article, BlockKind, Entity};
use newsgraph_store::entity_key;

pub async fn page(
    State(st): State<AppState>,
    path: Result<Path<String>, axum::extract::rejection::PathRejection>,
) -> Response {
    let id = match super::ui_path(path) {
        Ok(id) => id,
        Err(page) => return page,
    };
    let idc = id.clone();
    let found = st
        .call(move |s| {
            let a = s.get(&idc)?;
            let story = match a.as_ref().and_then(|a| a.story.as_deref()) {
                Some(id) => s.story(id)?,
                None => None,
            };
            Ok(a.map(|a| (a, story)))
        })
        .await;
    match found {
        Ok(Some((a, story))) => {
            let title = a
                .title
                .clone()
                .unwrap_or_else(|| format!("Article {}", a.id));
            let mut b = render(&a);
            if let Some(r) = &story {
                super::story::article_panel(&mut b, &a.id, r);
            }
            layout(&title, Nav::None, b)
        }
        Ok(None) => error_page(&RequestError::NotFound(format!("article {id:?}"))),
        Err(e) => error_page(&e),
    }
}

/// The store-wide page link of an article-local entity.
fn local_entity_href(a: &Article, local_id: &str) -> Option<String> {
    let e = a.entities.iter().find(|e| e.id == local_id)?;
    entity_key(e.kind, &e.name).map(|k| entity_href(&k))
}

fn entity_by_id<'a>(a: &'a Article, id: Option<&str>) -> Option<&'a Entity> {
    id.and_then(|id| a.entities.iter().find(|e| e.id == id))
}

/// A person/thing reference: a link to its entity page when resolved, else the text.
fn who(h: &mut Html, a: &Article, id: Option<&str>, written: Option<&str>) {
    match entity_by_id(a, id) {
        Some(e) => match entity_key(e.kind, &e.name) {
            Some(k) => {
                h.open("a")
                    .attr("href", &entity_href(&k))
                    .attr("class", &format!("who ent-{}", super::kind_name(e.kind)))
                    .close_open()
                    .text(&e.name)
                    .end("a");
            }
            None => {
                h.el("span", "who", &e.name);
            }
        },
        None => {
            h.el(
                "span",
                "who unresolved",
                written.or(id).unwrap_or("unattributed"),
            );
        }
    }
}

pub fn render(a: &Article) -> Html {
    let mut b = Html::new();
    b.raw("<div class=\"article-grid\"><article class=\"art\">");

    // Metadata line.
    b.raw("<div class=\"meta\">");
    if let Some(s) = &a.source {
        b.el("span", "src", s);
    }
    if let Some(p) = &a.published {
        let (d, t) = split_when(p);
        b.open("time")
            .attr("datetime", p)
            .close_open()
            .text(&human_date(&d));
        if let Some(t) = t {
            b.text(" ").text(&t);
        }
        b.end("time");
    } else {
        b.el("span", "muted", "no publication date");
    }
    if !a.authors.is_empty() {
        b.el("span", "by", &format!("by {}", a.authors.join(", ")));
    }
    if let Some(u) = a.url.as_deref() {
        match safe_url(u) {
            Some(u) => {
                b.open("a")
                    .attr("href", u)
                    .attr("rel", "noopener noreferrer nofollow")
                    .attr("class", "orig");
                b.close_open().text("original").end("a");
            }
            None => {
                b.el("span", "orig muted", u);
            }
        }
    }
    b.raw("</div>");

    // Legend with layer toggles.
    let counts = [
        (
            Layer::Entity,
            "Entities",
            a.entities.iter().map(|e| e.mentions.len()).sum::<usize>(),
        ),
        (Layer::Quote, "Quotes", a.quotes.len()),
        (
            Layer::Speaker,
            "Speakers",
            a.quotes.iter().filter(|q| q.speaker_span.is_some()).count(),
        ),
        (
            Layer::Cue,
            "Reporting verbs",
            a.quotes.iter().filter(|q| q.cue_span.is_some()).count(),
        ),
        (Layer::Claim, "Claims", a.claims.len()),
        (Layer::Time, "Times", a.times.len()),
        (Layer::Figure, "Figures", a.figures.len()),
        (Layer::Event, "Events", a.events.len()),
    ];
    b.raw("<div class=\"legend\" id=\"legend\" aria-label=\"Layers\">");
    for (layer, label, n) in counts {
        b.open("label")
            .attr("class", &format!("lg lg-{}", layer.name()))
            .close_open();
        b.open("input")
            .attr("type", "checkbox")
            .attr("data-layer", layer.name())
            .raw(" checked>");
        b.raw("<span class=\"sw\"></span>")
            .text(label)
            .raw(" <span class=\"n\">")
            .num(n as u64)
            .raw("</span></label>");
    }
    b.raw("<span class=\"kinds\">");
    for k in ["person", "organization", "place", "group", "other"] {
        b.open("span")
            .attr("class", &format!("kd ent-{k}"))
            .close_open()
            .text(k)
            .end("span");
    }
    b.raw("</span><span class=\"kinds\">");
    for s in ["assert", "deny", "doubt"] {
        b.open("span")
            .attr("class", &format!("kd claim-{s}"))
            .close_open()
            .text(s)
            .end("span");
    }
    b.raw("</span></div>");

    // The text.
    let blocks: Vec<(BlockKind, newsgraph_model::Span)> =
        a.blocks.iter().map(|bl| (bl.kind, bl.span)).collect();
    let has_title_block = a.blocks.iter().any(|bl| bl.kind == BlockKind::Title);
    b.raw("<div class=\"text\" id=\"text\">");
    if !has_title_block {
        if let Some(t) = &a.title {
            b.el("h1", "b-title", t);
        }
    }
    let marks = article_marks(a, &|id| local_entity_href(a, id));
    b.append(render_text(&a.text, &blocks, &marks));
    b.raw("</div>");

    // Furniture, apart from the text.
    if !a.furniture.is_empty() {
        b.raw("<section class=\"furniture\"><h2>Cut from the page</h2><p class=\"muted\">Page furniture the cleaner kept out of the article text.</p>");
        for f in &a.furniture {
            b.raw("<div class=\"fblock\"><h3>");
            badge(&mut b, "furn", &enum_name(&f.kind));
            if let Some(l) = &f.label {
                b.text(" ").text(l);
            }
            b.raw("</h3>");
            if f.items.is_empty() {
                b.el("p", "muted", "(empty)");
            } else {
                b.raw("<ul>");
                for it in &f.items {
                    b.raw("<li>");
                    if let Some(t) = &it.time {
                        b.el("time", "t", t);
                    }
                    match it.url.as_deref().and_then(safe_url) {
                        Some(u) => {
                            b.open("a")
                                .attr("href", u)
                                .attr("rel", "noopener noreferrer nofollow")
                                .close_open();
                            b.text(&it.text).end("a");
                        }
                        None => {
                            b.text(&it.text);
                        }
                    }
                    b.raw("</li>");
                }
                b.raw("</ul>");
            }
            b.raw("</div>");
        }
        b.raw("</section>");
    }
    b.raw("</article>");

    // Layer lists.
    b.raw("<aside class=\"layers\">");
    layer_lists(&mut b, a);
    b.raw("</aside></div>");
    b
}

/// Opens a collapsible layer list: `<details class="ll ll-{layer}"><summary>…`.
fn section_head(b: &mut Html, layer: &str, title: &str, count: usize, open: bool) {
    b.open("details").attr("class", &format!("ll ll-{layer}"));
    if open {
        b.raw(" open");
    }
    b.raw("><summary><h2>")
        .text(title)
        .raw(" <span class=\"n\">")
        .num(count as u64)
        .raw("</span></h2></summary>");
}

fn layer_lists(b: &mut Html, a: &Article) {
    // Entities, grouped by kind.
    section_head(b, "entity", "Entities", a.entities.len(), true);
    if a.entities.is_empty() {
        b.el("p", "muted", "none found");
    }
    for kind in ["person", "organization", "place", "group", "other"] {
        let of_kind: Vec<&Entity> = a
            .entities
            .iter()
            .filter(|e| super::kind_name(e.kind) == kind)
            .collect();
        if of_kind.is_empty() {
            continue;
        }
        b.open("h3")
            .attr("class", &format!("ent-{kind}"))
            .close_open()
            .text(kind)
            .end("h3")
            .raw("<ul class=\"ents\">");
        for e in of_kind {
            b.raw("<li>");
            who(b, a, Some(&e.id), None);
            b.raw(" <span class=\"n\">×")
                .num(e.mentions.len() as u64)
                .raw("</span>");
            if !e.descriptors.is_empty() {
                b.el("span", "desc", &e.descriptors.join("; "));
            }
            if !e.aliases.is_empty() {
                b.el("span", "alias", &format!("also: {}", e.aliases.join(", ")));
            }
            b.raw("</li>");
        }
        b.raw("</ul>");
    }
    b.raw("</details>");

    section_head(b, "quote", "Quotes", a.quotes.len(), true);
    if a.quotes.is_empty() {
        b.el("p", "muted", "none found");
    }
    b.raw("<ol class=\"quotes\">");
    for q in &a.quotes {
        b.raw("<li class=\"quote\"><div class=\"qh\">");
        who(b, a, q.speaker.as_deref(), q.speaker_text.as_deref());
        if let Some(c) = &q.cue {
            b.el("span", "cue", c);
        }
        badge(
            b,
            &format!("qk-{}", enum_name(&q.kind)),
            &enum_name(&q.kind),
        );
        b.raw("</div><blockquote>")
            .text(&q.text)
            .raw("</blockquote>");
        let mut extra = Vec::new();
        if let Some(v) = &q.venue {
            extra.push(v.clone());
        }
        if let Some(w) = &q.when {
            extra.push(w.clone());
        }
        if !extra.is_empty() {
            b.el("div", "qm muted", &extra.join(" · "));
        }
        b.raw("</li>");
    }
    b.raw("</ol></details>");

    section_head(b, "claim", "Claims & denials", a.claims.len(), true);
    if a.claims.is_empty() {
        b.el("p", "muted", "none found");
    }
    b.raw("<ul class=\"claims\">");
    for c in &a.claims {
        let stance = enum_name(&c.stance);
        b.open("li")
            .attr("class", &format!("claim claim-{stance}"))
            .close_open();
        badge(b, &format!("st-{stance}"), &stance);
        b.text(" ");
        who(b, a, c.holder.as_deref(), c.holder_text.as_deref());
        if let Some(cue) = &c.cue {
            b.el("span", "cue", cue);
        }
        b.el("div", "content", &c.content);
        if let Some(ans) = c
            .answers
            .as_deref()
            .and_then(|id| a.claims.iter().find(|x| x.id == id))
        {
            b.raw("<div class=\"answers\">answers: ")
                .text(&ans.content)
                .raw("</div>");
        }
        b.raw("</li>");
    }
    b.raw("</ul></details>");

    section_head(b, "time", "Times", a.times.len(), a.times.len() <= 12);
    if a.times.is_empty() {
        b.el("p", "muted", "none found");
    }
    b.raw("<table class=\"times\"><tbody>");
    for t in &a.times {
        b.raw("<tr><td>")
            .text(&t.text)
            .raw("</td><td class=\"val\"><code>")
            .text(&t.value)
            .raw("</code>");
        if let Some(m) = &t.r#mod {
            b.raw(" <span class=\"muted\">")
                .text(&enum_name(m))
                .raw("</span>");
        }
        b.raw("</td><td class=\"muted\">")
            .text(&enum_name(&t.kind))
            .raw("</td></tr>");
    }
    b.raw("</tbody></table></details>");

    section_head(b, "figure", "Figures", a.figures.len(), true);
    if a.figures.is_empty() {
        b.el("p", "muted", "none found");
    }
    b.raw("<ul class=\"figs\">");
    for f in &a.figures {
        b.raw("<li><strong>")
            .text(&enum_name(&f.qualifier).replace('_', " "))
            .text(" ")
            .text(&fmt_num(f.value));
        if let Some(u) = &f.unit {
            b.text(" ").text(u);
        }
        b.raw("</strong> ");
        badge(b, "fk", f.kind.as_str());
        if let Some(ab) = &f.about {
            b.el("span", "muted", &format!(" {ab}"));
        }
        if f.source.is_some() || f.source_text.is_some() {
            b.raw(" <span class=\"muted\">source:</span> ");
            who(b, a, f.source.as_deref(), f.source_text.as_deref());
        }
        b.raw("<div class=\"muted small\">")
            .text(&f.text)
            .raw("</div></li>");
    }
    b.raw("</ul></details>");

    section_head(b, "event", "Events", a.events.len(), a.events.len() <= 8);
    if a.events.is_empty() {
        b.el("p", "muted", "none found");
    }
    b.raw("<ul class=\"events\">");
    for ev in &a.events {
        b.raw("<li>");
        badge(b, "ek", &ev.kind);
        if let Some(w) = &ev.when {
            b.raw(" <code>").text(w).raw("</code>");
        }
        super::timeline::context(b, a, ev);
        b.raw("</li>");
    }
    b.raw("</ul></details>");
}
