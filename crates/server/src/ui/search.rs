//! `/search`: full-text search with filters (source, date range, entity, layer) and
//! facets shown as links that add a filter.

use super::{
    article_date, article_href, entity_href, error_page, headline, human_date, kind_name, layout,
    Nav,
};
use crate::api::{nonblank, search_query, Params};
use crate::html::{query, Html};
use crate::AppState;
use axum::extract::{Query, State};
use axum::response::Response;
use newsgraph_model::{CharIndex, Span};
use newsgraph_store::{LayerKind, SearchResults};

const PAGE: usize = 20;

/// The current filters, to build links that change one of them.
#[derive(Clone, Default)]
struct Current {
    pairs: Vec<(&'static str, String)>,
}

impl Current {
    fn from(p: &Params) -> Self {
        let mut pairs = Vec::new();
        for (k, v) in [
            ("q", &p.q),
            ("source", &p.source),
            ("from", &p.from),
            ("to", &p.to),
            ("entity", &p.entity),
            ("layer", &p.layer),
            ("kind", &p.kind),
        ] {
            if let Some(v) = nonblank(v) {
                pairs.push((k, v));
            }
        }
        Current { pairs }
    }

    fn get(&self, k: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(key, _)| *key == k)
            .map(|(_, v)| v.as_str())
    }

    /// The URL with `sets` applied (an empty value removes the parameter).
    fn href(&self, sets: &[(&'static str, &str)]) -> String {
        let mut pairs: Vec<(&str, &str)> =
            self.pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        for (k, v) in sets {
            pairs.retain(|(key, _)| key != k);
            if !v.is_empty() {
                pairs.push((k, v));
            }
        }
        format!("/search{}", query(&pairs))
    }
}

pub async fn page(
    State(st): State<AppState>,
    q: Result<Query<Params>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let mut p = match super::ui_params(q) {
        Ok(p) => p,
        Err(page) => return page,
    };
    p.limit = Some(PAGE.to_string());
    let sq = match search_query(&p) {
        Ok(sq) => sq,
        Err(e) => return error_page(&e),
    };
    let offset = sq.offset;
    let cur = Current::from(&p);
    let results = match st.call(move |s| s.search(&sq)).await {
        Ok(r) => r,
        Err(e) => return error_page(&e),
    };
    let title = match cur.get("q") {
        Some(q) => format!("Search: {q}"),
        None => "Search".to_string(),
    };
    layout(&title, Nav::Search, render(&cur, offset, &results))
}

fn render(cur: &Current, offset: usize, r: &SearchResults) -> Html {
    let mut b = Html::new();
    // The form.
    b.raw("<form class=\"search\" action=\"/search\" method=\"get\">");
    b.open("input")
        .attr("type", "search")
        .attr("name", "q")
        .attr("value", cur.get("q").unwrap_or(""));
    b.attr("placeholder", "words, \"a phrase\", a name…")
        .attr("aria-label", "Search text")
        .raw(" autofocus>");
    b.open("input")
        .attr("type", "text")
        .attr("name", "source")
        .attr("value", cur.get("source").unwrap_or(""));
    b.attr("placeholder", "source")
        .attr("aria-label", "Source")
        .raw(">");
    b.open("input")
        .attr("type", "text")
        .attr("name", "from")
        .attr("value", cur.get("from").unwrap_or(""));
    b.attr("placeholder", "from YYYY-MM-DD")
        .attr("aria-label", "From date")
        .attr("size", "12")
        .raw(">");
    b.open("input")
        .attr("type", "text")
        .attr("name", "to")
        .attr("value", cur.get("to").unwrap_or(""));
    b.attr("placeholder", "to YYYY-MM-DD")
        .attr("aria-label", "To date")
        .attr("size", "12")
        .raw(">");
    b.raw("<select name=\"layer\" aria-label=\"Has layer\"><option value=\"\">any layer</option>");
    for k in LayerKind::ALL {
        b.open("option").attr("value", k.as_str());
        if cur.get("layer") == Some(k.as_str()) {
            b.raw(" selected");
        }
        b.close_open()
            .text(&format!("has {}", k.as_str()))
            .end("option");
    }
    b.raw("</select>");
    if let Some(e) = cur.get("entity") {
        b.open("input")
            .attr("type", "hidden")
            .attr("name", "entity")
            .attr("value", e)
            .raw(">");
    }
    b.raw("<button type=\"submit\">Search</button></form>");

    // Active filters as removable chips.
    let filters: Vec<&(&str, String)> = cur.pairs.iter().filter(|(k, _)| *k != "q").collect();
    if !filters.is_empty() {
        b.raw("<p class=\"chips\">");
        for (k, v) in filters {
            // An entity filter reads as its name, not its key.
            let shown = if *k == "entity" {
                r.facets
                    .entities
                    .iter()
                    .find(|e| &e.key == v)
                    .map(|e| e.name.clone())
                    .unwrap_or_else(|| {
                        v.split_once(':')
                            .map(|(_, n)| n.to_string())
                            .unwrap_or_else(|| v.clone())
                    })
            } else {
                v.clone()
            };
            b.open("a")
                .attr("class", "chip")
                .attr("href", &cur.href(&[(k, ""), ("offset", "")]))
                .attr("title", "remove this filter");
            b.close_open().text(&format!("{k}: {shown} ✕")).end("a");
        }
        b.raw("</p>");
    }

    b.raw("<div class=\"search-grid\"><div class=\"results\">");
    b.raw("<p class=\"muted total\">")
        .num(r.total)
        .text(if r.total == 1 {
            " article"
        } else {
            " articles"
        })
        .raw("</p>");
    if r.hits.is_empty() {
        b.el("p", "empty", "Nothing matches.");
    }
    b.raw("<ol class=\"hits\">");
    for h in &r.hits {
        let a = &h.article;
        b.raw("<li class=\"hit\">");
        b.link(&article_href(&a.id), "hl", &headline(a));
        b.raw("<div class=\"meta\">");
        if let Some(s) = &a.source {
            b.el("span", "src", s);
        }
        let (d, t, published) = article_date(a);
        if published {
            b.el(
                "time",
                "",
                &format!("{} {}", human_date(&d), t.unwrap_or_default()),
            );
        }
        b.raw("</div><p class=\"snippet\">");
        snippet(&mut b, &h.snippet, &h.highlights);
        b.raw("</p></li>");
    }
    b.raw("</ol>");
    let more = offset + r.hits.len() < r.total as usize;
    super::pager(
        &mut b,
        offset,
        PAGE,
        more,
        ("← Previous", "Next →"),
        |o| cur.href(&[("offset", o)]),
    );
    b.raw("</div>");

    // Facets.
    let f = &r.facets;
    b.raw("<aside class=\"facets\">");
    facet_list(
        &mut b,
        "Sources",
        f.sources.iter().map(|c| {
            (
                c.value.clone(),
                c.count,
                cur.href(&[("source", &c.value), ("offset", "")]),
            )
        }),
    );
    facet_list(
        &mut b,
        "Months",
        f.months.iter().map(|c| {
            (
                human_date(&c.value),
                c.count,
                cur.href(&[("from", &c.value), ("to", &c.value), ("offset", "")]),
            )
        }),
    );
    b.raw("<section class=\"facet\"><h3>Entities</h3><ul>");
    for e in &f.entities {
        b.raw("<li>");
        b.link(
            &cur.href(&[("entity", &e.key), ("offset", "")]),
            &format!("ent-{}", kind_name(e.kind)),
            &e.name,
        );
        b.raw(" <span class=\"n\">").num(e.count).raw("</span> ");
        b.open("a")
            .attr("class", "go")
            .attr("href", &entity_href(&e.key))
            .attr("title", "entity page")
            .close_open();
        b.text("↗").end("a").raw("</li>");
    }
    b.raw("</ul></section>");
    facet_list(
        &mut b,
        "Layers",
        f.layers.iter().map(|c| {
            (
                c.value.clone(),
                c.count,
                cur.href(&[("layer", &c.value), ("offset", "")]),
            )
        }),
    );
    if !f.entity_kinds.is_empty() {
        facet_list(
            &mut b,
            "Entity kinds",
            f.entity_kinds.iter().map(|c| {
                (
                    c.value.clone(),
                    c.count,
                    cur.href(&[("kind", &c.value), ("offset", "")]),
                )
            }),
        );
    }
    b.raw("</aside></div>");
    b
}

fn facet_list(b: &mut Html, title: &str, items: impl Iterator<Item = (String, u64, String)>) {
    b.raw("<section class=\"facet\"><h3>")
        .text(title)
        .raw("</h3><ul>");
    for (label, n, href) in items {
        b.raw("<li>")
            .link(&href, "", &label)
            .raw(" <span class=\"n\">")
            .num(n)
            .raw("</span></li>");
    }
    b.raw("</ul></section>");
}

/// A snippet with its matched ranges (code points into the snippet) in `<mark>`.
fn snippet(b: &mut Html, text: &str, highlights: &[[usize; 2]]) {
    let ix = CharIndex::new(text);
    let n = ix.len_chars();
    let mut ranges: Vec<(usize, usize)> = highlights
        .iter()
        .map(|[s, e]| ((*s).min(n), (*e).min(n)))
        .filter(|(s, e)| s < e)
        .collect();
    ranges.sort_unstable();
    let mut pos = 0usize;
    for (s, e) in ranges {
        let s = s.max(pos);
        if s >= e {
            continue;
        }
        b.text(&text[ix.bytes(Span { start: pos, end: s })]);
        b.raw("<mark>")
            .text(&text[ix.bytes(Span { start: s, end: e })])
            .raw("</mark>");
        pos = e;
    }
    b.text(&text[ix.bytes(Span { start: pos, end: n })]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_marks_ranges_and_escapes() {
        let mut b = Html::new();
        snippet(
            &mut b,
            "Trump’s <b>talks</b> talks",
            &[[8, 11], [21, 26], [0, 5], [22, 99], [5, 2]],
        );
        assert_eq!(
            b.as_str(),
            "<mark>Trump</mark>’s <mark>&lt;b&gt;</mark>talks&lt;/b&gt; <mark>talks</mark>"
        );
    }

    #[test]
    fn filter_links_replace_one_parameter() {
        let p = Params {
            q: Some("iran talks".into()),
            source: Some("BBC".into()),
            ..Default::default()
        };
        let cur = Current::from(&p);
        assert_eq!(cur.href(&[("source", "")]), "/search?q=iran%20talks");
        assert_eq!(
            cur.href(&[("source", "AP & co")]),
            "/search?q=iran%20talks&source=AP%20%26%20co"
        );
    }
}
