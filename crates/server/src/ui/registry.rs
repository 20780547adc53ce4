//! The registry correction forms of the entity page and their form posts:
//! `POST /entity/{key}/merge` (field `into`) and `POST /entity/{key}/split` (field
//! `article`), each with the write token in the field `token` (see `crate::write`
//! for why that makes them CSRF-safe). Success redirects (303) to the entity that
//! results; a refused correction answers the error page with the store's reason, and
//! nothing changed.

use super::{entity_href, error_page, headline, kind_name};
use crate::html::{pct, Html};
use crate::{AppState, RequestError};
use axum::extract::rejection::{FormRejection, PathRejection};
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use newsgraph_store::{parse_entity_key, EntityPage, EntitySummary, Store, StoreError};
use serde::Deserialize;

/// What the correction section of an entity page shows.
pub struct Corrections {
    /// The server takes writes (it has a write token).
    pub writable: bool,
    /// Entities of the same kind that may be the same one (sharing its last name word).
    pub candidates: Vec<EntitySummary>,
}

/// How many merge candidates the form offers.
const CANDIDATES: usize = 12;
/// How many entities of the kind are scanned for candidates (the most mentioned).
const CANDIDATE_SCAN: usize = 5000;

impl Corrections {
    pub async fn for_page(st: &AppState, e: &EntityPage) -> Corrections {
        if st.write_token().is_none() {
            return Corrections {
                writable: false,
                candidates: Vec::new(),
            };
        }
        let key = e.key.clone();
        // Candidates are a convenience: a failed lookup leaves the form without them.
        let candidates = st
            .call(move |s| candidates(s, &key))
            .await
            .unwrap_or_default();
        Corrections {
            writable: true,
            candidates,
        }
    }
}

/// Same-kind entities whose name shares this one's last word ("Brown" for "Gordon
/// Brown" and "Nick Brown"), most mentioned first.
fn candidates(s: &dyn Store, key: &str) -> Result<Vec<EntitySummary>, StoreError> {
    let Some((kind, name)) = parse_entity_key(key) else {
        return Ok(Vec::new());
    };
    let base = name.split('~').next().unwrap_or(name);
    let Some(last) = base.split_whitespace().last() else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for e in s.entities(CANDIDATE_SCAN, 0, Some(kind))? {
        if e.key == key {
            continue;
        }
        let n = e.key.split_once(':').map(|(_, n)| n).unwrap_or("");
        let n = n.split('~').next().unwrap_or(n);
        if n.split_whitespace().any(|w| w == last) {
            out.push(e);
            if out.len() == CANDIDATES {
                break;
            }
        }
    }
    Ok(out)
}

/// The section "Correct the registry" at the end of the entity page.
pub fn render(b: &mut Html, e: &EntityPage, fix: &Corrections) {
    b.raw("<section class=\"ll registry-fix\" id=\"correct\"><h2>Correct the registry</h2>");
    if !fix.writable {
        b.el(
            "p",
            "muted",
            "This server is read-only. Start it with `newsgraph serve --write-token …` to merge and split entities here, or use `newsgraph entity merge|split`.",
        );
        b.raw("</section>");
        return;
    }
    let base = format!("/entity/{}", pct(&e.key));

    b.raw("<form class=\"fix fix-merge\" method=\"post\" action=\"")
        .text(&format!("{base}/merge"))
        .raw("\"><h3>Merge into another entity</h3>")
        .raw("<p class=\"muted\">Every mention, quote and claim of this entity moves to the one you name; later ingests follow.</p>")
        .raw("<label>Entity that stays (its ref) <input type=\"text\" name=\"into\" list=\"merge-candidates\" size=\"36\" placeholder=\"")
        .text(&format!("{}:…", kind_name(e.kind)))
        .raw("\"></label>");
    if !fix.candidates.is_empty() {
        b.raw("<datalist id=\"merge-candidates\">");
        for c in &fix.candidates {
            b.open("option")
                .attr("value", &c.key)
                .close_open()
                .text(&format!(
                    "{} · {}",
                    c.name,
                    super::counted(c.articles, "article", "articles")
                ))
                .end("option");
        }
        b.raw("</datalist><p class=\"cands\">Possibly the same: ");
        for (i, c) in fix.candidates.iter().enumerate() {
            if i > 0 {
                b.text(" · ");
            }
            b.link(&entity_href(&c.key), "", &c.name);
            b.raw(" <code>").text(&c.key).raw("</code>");
        }
        b.raw("</p>");
    }
    token_field(b);
    b.raw("<button type=\"submit\">Merge</button></form>");

    b.raw("<form class=\"fix fix-split\" method=\"post\" action=\"")
        .text(&format!("{base}/split"))
        .raw("\"><h3>Split one article off</h3>")
        .raw("<p class=\"muted\">The entity of the chosen article becomes a registry entity of its own.</p>")
        .raw("<label>Article <select name=\"article\">");
    for a in &e.articles {
        b.open("option")
            .attr("value", &a.id)
            .close_open()
            .text(&headline(a))
            .end("option");
    }
    b.raw("</select></label>");
    token_field(b);
    b.raw("<button type=\"submit\">Split off</button></form></section>");
}

fn token_field(b: &mut Html) {
    b.raw("<label>Write token <input type=\"password\" name=\"token\" autocomplete=\"current-password\" size=\"24\"></label> ");
}

/// The fields of both forms (each uses its own).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CorrectionForm {
    into: String,
    article: String,
    token: String,
}

type Posted = (
    Result<Path<String>, PathRejection>,
    HeaderMap,
    Result<Form<CorrectionForm>, FormRejection>,
);

/// The path's ref and the form, once the post is authorised.
#[allow(clippy::result_large_err)] // the error is the page to answer, by design
fn accept(
    st: &AppState,
    (path, headers, form): Posted,
) -> Result<(String, CorrectionForm), Response> {
    let key = super::ui_path(path)?;
    let form = form
        .map(|Form(f)| f)
        .map_err(|e| error_page(&RequestError::BadRequest(e.body_text())))?;
    crate::write::authorize_form(st.write_token(), &headers, &form.token)
        .map_err(|e| error_page(&e))?;
    Ok((key, form))
}

pub async fn merge(
    State(st): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    form: Result<Form<CorrectionForm>, FormRejection>,
) -> Response {
    let (key, f) = match accept(&st, (path, headers, form)) {
        Ok(x) => x,
        Err(page) => return page,
    };
    if f.into.trim().is_empty() {
        return error_page(&RequestError::BadRequest(
            "merge: name the entity that stays (its ref, e.g. person:gordon brown)".into(),
        ));
    }
    match crate::api::merge_refs(&st, &key, &f.into).await {
        Ok(out) => Redirect::to(&entity_href(&out.into)).into_response(),
        Err(e) => error_page(&e),
    }
}

pub async fn split(
    State(st): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    form: Result<Form<CorrectionForm>, FormRejection>,
) -> Response {
    let (key, f) = match accept(&st, (path, headers, form)) {
        Ok(x) => x,
        Err(page) => return page,
    };
    match crate::api::split_ref(&st, &key, &f.article).await {
        Ok(out) => Redirect::to(&entity_href(&out.new_ref)).into_response(),
        Err(e) => error_page(&e),
    }
}
