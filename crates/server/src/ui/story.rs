//! `/stories` (stories, most recently active first) and `/story/{id}` (one story:
//! articles by outlet over time with copies folded under their original, the merged
//! timeline, entities and places, quotes, claims with their denials).

use super::claims::claim_card;
use super::{
    article_href, article_ref, entity_href, error_page, headline, human_date, layout, pager, Nav,
};
use crate::api::{count, Params};
use crate::html::{pct, query, Html};
use crate::{AppState, RequestError};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use newsgraph_store::{StoryArticle, StoryRecord, StorySummary};

const PAGE: usize = 30;

/// `/story/{id}`.
pub fn story_href(id: &str) -> String {
    format!("/story/{}", pct(id))
}

/// "12 articles · 5 outlets · 3 Mar 2025 – 5 Mar 2025".
pub fn story_counts(b: &mut Html, s: &StorySummary) {
    b.raw("<span class=\"counts\">")
        .display(s.article_count)
        .text(if s.article_count == 1 {
            " article · "
        } else {
            " articles · "
        })
        .display(s.outlet_count)
        .text(if s.outlet_count == 1 {
            " outlet"
        } else {
            " outlets"
        });
    let day = |d: &Option<String>| {
        d.as_deref()
            .map(|d| human_date(&d.chars().take(10).collect::<String>()))
    };
    match (day(&s.first_seen), day(&s.last_seen)) {
        (Some(a), Some(z)) if a != z => {
            b.text(" · ").text(&a).text(" – ").text(&z);
        }
        (Some(a), _) => {
            b.text(" · ").text(&a);
        }
        _ => {}
    }
    b.raw("</span>");
}

pub fn story_label(s: &StorySummary) -> String {
    s.label
        .clone()
        .filter(|l| !l.trim().is_empty())
        .unwrap_or_else(|| format!("Story {}", s.id))
}

/// Articles oldest first with each copy listed under its original (an original
/// outside the page's list leaves its copies at the top level).
pub fn articles_with_copies(b: &mut Html, articles: &[StoryArticle], limit: usize) {
    let present = |id: &str| articles.iter().any(|x| x.article.id == id);
    b.raw("<ol class=\"story-articles\">");
    for x in articles
        .iter()
        .filter(|x| x.duplicate_of.as_deref().is_none_or(|o| !present(o)))
        .take(limit)
    {
        b.raw("<li>");
        article_ref(b, &x.article);
        let copies: Vec<&StoryArticle> = articles
            .iter()
            .filter(|c| c.duplicate_of.as_deref() == Some(x.article.id.as_str()))
            .collect();
        if !copies.is_empty() {
            b.raw("<details class=\"copies\"><summary>")
                .display(copies.len())
                .text(if copies.len() == 1 {
                    " copy"
                } else {
                    " copies"
                })
                .raw("</summary><ul>");
            for c in copies {
                b.raw("<li>");
                article_ref(b, &c.article);
                if let Some(s) = c.similarity {
                    b.raw(" <span class=\"muted\">")
                        .text(&format!("{:.0}% shared", s * 100.0))
                        .raw("</span>");
                }
                b.raw("</li>");
            }
            b.raw("</ul></details>");
        }
        b.raw("</li>");
    }
    b.raw("</ol>");
}

pub async fn list(
    State(st): State<AppState>,
    q: Result<Query<Params>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let p = q.map(|Query(p)| p).unwrap_or_default();
    let offset = count(&p.offset, "offset", 0, 1_000_000).unwrap_or(0);
    let items = match st.call(move |s| s.stories(PAGE + 1, offset)).await {
        Ok(t) => t,
        Err(e) => return error_page(&e),
    };
    let more = items.len() > PAGE;
    let mut b = Html::new();
    b.raw("<h1>Stories</h1><p class=\"muted\">Articles grouped by the event they report, most recently active first.</p>");
    if items.is_empty() {
        b.el("p", "empty", "No stories yet: ingest some articles.");
    }
    b.raw("<ol class=\"stories\">");
    for s in items.iter().take(PAGE) {
        b.raw("<li class=\"story\">");
        b.link(&story_href(&s.id), "hl", &story_label(s));
        b.raw(" ");
        story_counts(&mut b, s);
        b.raw("</li>");
    }
    b.raw("</ol>");
    pager(
        &mut b,
        offset,
        PAGE,
        more,
        ("← Newer", "Older →"),
        |o| format!("/stories{}", query(&[("offset", o)])),
    );
    layout("Stories", Nav::Stories, b)
}

pub async fn page(State(st): State<AppState>, Path(id): Path<String>) -> Response {
    let idc = id.clone();
    match st.call(move |s| s.story(&idc)).await {
        Ok(Some(r)) => {
            let title = story_label(&r.summary);
            layout(&title, Nav::Stories, render(&r))
        }
        Ok(None) => error_page(&RequestError::NotFound(format!("story {id:?}"))),
        Err(e) => error_page(&e),
    }
}

fn render(r: &StoryRecord) -> Html {
    let mut b = Html::new();
    b.raw("<div class=\"story-page\"><h1>")
        .text(&story_label(&r.summary))
        .raw("</h1><p class=\"muted\">");
    story_counts(&mut b, &r.summary);
    b.raw("</p>");
    if !r.merged_from.is_empty() {
        b.raw("<p class=\"muted merged\">Merged from ")
            .text(&r.merged_from.join(", "))
            .raw("</p>");
    }

    b.raw("<section class=\"outlets\"><h2>Outlets</h2><ul class=\"chips\">");
    for o in &r.outlets {
        b.raw("<li>")
            .text(if o.value.is_empty() {
                "unknown source"
            } else {
                &o.value
            })
            .raw(" <span class=\"muted\">")
            .display(o.count)
            .raw("</span></li>");
    }
    b.raw("</ul></section>");

    // Articles by outlet over time: one row per article, oldest first.
    b.raw("<section><h2>Articles</h2>");
    articles_with_copies(&mut b, &r.articles, 1000);
    b.raw("</section>");

    b.raw("<section class=\"story-timeline\"><h2>Timeline</h2>");
    if r.timeline.is_empty() {
        b.el("p", "muted", "No dated events found in these articles.");
    }
    b.raw("<ol class=\"tl\">");
    for t in &r.timeline {
        b.raw("<li><time>")
            .text(
                &t.date
                    .as_deref()
                    .map(human_date)
                    .unwrap_or_else(|| "undated".into()),
            )
            .raw("</time> ");
        super::badge(&mut b, "kind", &t.kind);
        b.raw(" ")
            .text(&t.text)
            .raw(" <span class=\"muted sources\">");
        b.display(t.articles.len()).text(if t.articles.len() == 1 {
            " source: "
        } else {
            " sources: "
        });
        for (i, a) in t.articles.iter().enumerate() {
            if i > 0 {
                b.text(", ");
            }
            b.link(
                &article_href(&a.id),
                "",
                a.source.as_deref().unwrap_or(&headline(a)),
            );
        }
        b.raw("</span></li>");
    }
    b.raw("</ol></section>");

    b.raw("<section class=\"story-entities\"><h2>Who and where</h2><ul class=\"chips\">");
    for e in r.entities.iter().chain(&r.places).take(60) {
        b.raw("<li>");
        b.link(
            &entity_href(&e.key),
            &format!("ent-{}", super::kind_name(e.kind)),
            &e.name,
        );
        b.raw(" <span class=\"muted\">")
            .display(e.count)
            .raw("</span></li>");
    }
    b.raw("</ul></section>");

    b.raw("<section class=\"story-quotes\"><h2>Quotes</h2>");
    if r.quotes.is_empty() {
        b.el("p", "muted", "No quotes.");
    }
    for q in r.quotes.iter().take(100) {
        b.raw("<blockquote class=\"q\"><p>")
            .text(&q.quote.text)
            .raw("</p><footer>");
        match (&q.speaker_key, &q.speaker_name) {
            (Some(k), Some(n)) => {
                b.link(&entity_href(k), "who", n);
            }
            _ => {
                b.el(
                    "span",
                    "who unresolved",
                    q.quote.speaker_text.as_deref().unwrap_or("unattributed"),
                );
            }
        }
        b.raw(" · ");
        article_ref(&mut b, &q.article);
        b.raw("</footer></blockquote>");
    }
    b.raw("</section>");

    b.raw("<section class=\"story-claims\"><h2>Claims and denials</h2>");
    if r.claims.is_empty() {
        b.el("p", "muted", "No claims.");
    }
    b.raw("<div class=\"board\">");
    for t in r.claims.iter().take(50) {
        b.raw("<div class=\"thread\">");
        claim_card(&mut b, &t.claim, "card");
        if !t.responses.is_empty() {
            b.raw("<div class=\"responses\">");
            for x in &t.responses {
                claim_card(&mut b, x, "card resp");
            }
            b.raw("</div>");
        }
        b.raw("</div>");
    }
    b.raw("</div></section></div>");
    b
}

/// The feed's story block: the most recently active stories of two or more articles,
/// each with its first articles inside.
pub fn feed_block(b: &mut Html, stories: &[StoryRecord]) {
    if stories.is_empty() {
        return;
    }
    b.raw("<section class=\"feed-stories\"><h2>Stories <a class=\"more\" href=\"/stories\">all stories →</a></h2><ol class=\"stories\">");
    for r in stories {
        b.raw("<li class=\"story\">");
        b.link(&story_href(&r.summary.id), "hl", &story_label(&r.summary));
        b.raw(" ");
        story_counts(b, &r.summary);
        articles_with_copies(b, &r.articles, 4);
        b.raw("</li>");
    }
    b.raw("</ol></section>");
}

/// The article page's "in this story" and "copies of this article" panel.
pub fn article_panel(b: &mut Html, article_id: &str, r: &StoryRecord) {
    b.raw("<section class=\"in-story\"><h2>In this story</h2><p>");
    b.link(&story_href(&r.summary.id), "", &story_label(&r.summary));
    b.raw(" ");
    story_counts(b, &r.summary);
    b.raw("</p>");
    let this = r.articles.iter().find(|x| x.article.id == article_id);
    if let Some(orig) = this.and_then(|x| x.duplicate_of.as_deref()) {
        b.raw("<p class=\"copy-of\">A copy of ");
        match r.articles.iter().find(|x| x.article.id == orig) {
            Some(o) => article_ref(b, &o.article),
            None => {
                b.link(&article_href(orig), "", orig);
            }
        }
        b.raw("</p>");
    }
    let copies: Vec<&StoryArticle> = r
        .articles
        .iter()
        .filter(|x| x.duplicate_of.as_deref() == Some(article_id))
        .collect();
    if !copies.is_empty() {
        b.raw("<h3>Copies of this article</h3><ul class=\"copies-of-this\">");
        for c in copies {
            b.raw("<li>");
            article_ref(b, &c.article);
            b.raw("</li>");
        }
        b.raw("</ul>");
    }
    let others: Vec<&StoryArticle> = r
        .articles
        .iter()
        .filter(|x| x.article.id != article_id && x.duplicate_of.as_deref() != Some(article_id))
        .take(12)
        .collect();
    if !others.is_empty() {
        b.raw("<ul class=\"story-others\">");
        for x in others {
            b.raw("<li>");
            article_ref(b, &x.article);
            b.raw("</li>");
        }
        b.raw("</ul>");
    }
    b.raw("</section>");
}
