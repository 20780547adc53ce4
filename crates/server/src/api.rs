//! The JSON API under `/api/`. Every route here is listed in [`crate::openapi`]; a test
//! checks that each documented path answers.

#![allow(clippy::result_large_err)] // handlers return `Response` as their error, by design

use crate::{json_error, AppState, RequestError};
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use newsgraph_store::{
    entity_key, parse_entity_key, EntityKind, LayerKind, ListTotal, MergeOutcome, SearchQuery,
    SplitOutcome, TimelineQuery,
};
use serde::Deserialize;
use serde_json::json;

/// Default and maximum page sizes of list endpoints.
pub const DEFAULT_LIMIT: usize = 20;
pub const MAX_LIMIT: usize = 1000;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/openapi.json", get(openapi))
        .route("/api/stats", get(stats))
        .route("/api/latest", get(latest))
        .route("/api/articles/{id}", get(article))
        .route("/api/search", get(search))
        .route("/api/entities", get(entities))
        .route("/api/entities/{key}", get(entity))
        .route("/api/entities/{key}/quotes", get(entity_quotes))
        .route("/api/entities/{key}/merge", post(merge))
        .route("/api/entities/{key}/split", post(split))
        .route("/api/claims", get(claims))
        .route("/api/timeline", get(timeline))
        .route("/api/stories", get(stories))
        .route("/api/stories/{id}", get(story))
        .route("/api", get(api_not_found))
        .route("/api/", get(api_not_found))
        .route("/api/{*rest}", get(api_not_found))
}

type ApiResult = Result<Response, Response>;

fn fail(e: RequestError) -> Response {
    json_error(&e)
}

fn query<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, Response> {
    q.map(|Query(t)| t)
        .map_err(|e| fail(RequestError::BadRequest(e.body_text())))
}

/// Raw query parameters shared by the list endpoints. Everything arrives as text and
/// is validated here, so a bad value gets a JSON error naming the parameter.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Params {
    pub q: Option<String>,
    pub source: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub entity: Option<String>,
    pub layer: Option<String>,
    pub kind: Option<String>,
    pub story: Option<String>,
    pub limit: Option<String>,
    pub offset: Option<String>,
    /// Timeline cursor: continue after this event.
    pub after: Option<String>,
}

/// A non-blank, trimmed parameter.
pub fn nonblank(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Parses a count parameter; `None` → `default`, values above `max` are capped.
pub fn count(
    v: &Option<String>,
    name: &str,
    default: usize,
    max: usize,
) -> Result<usize, RequestError> {
    match nonblank(v) {
        None => Ok(default),
        Some(s) => s.parse::<usize>().map(|n| n.min(max)).map_err(|_| {
            RequestError::BadRequest(format!(
                "`{name}` must be a non-negative integer, got {s:?}"
            ))
        }),
    }
}

/// A page size: `None` → `default`; `0` is an error (a page of nothing is never what is
/// meant); above `max` it is capped and the answer says so (`capped`).
pub fn page_limit(
    v: &Option<String>,
    default: usize,
    max: usize,
) -> Result<PageLimit, RequestError> {
    let asked = count(v, "limit", default, usize::MAX)?;
    if asked == 0 {
        return Err(RequestError::BadRequest(format!(
            "`limit` must be between 1 and {max}, got 0"
        )));
    }
    Ok(PageLimit {
        limit: asked.min(max),
        capped: asked > max,
    })
}

/// The page size a list endpoint serves, and whether the asked size was cut to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageLimit {
    pub limit: usize,
    pub capped: bool,
}

/// The envelope of every list answer: the page asked, the full length, the items.
fn page_json(
    limit: PageLimit,
    offset: usize,
    total: u64,
    items: impl serde::Serialize,
) -> serde_json::Value {
    json!({
        "limit": limit.limit,
        "capped": limit.capped,
        "offset": offset,
        "total": total,
        "items": items,
    })
}

/// The store key an entity URL names, whatever its case (`Person:Donald%20Trump` is
/// `person:donald trump`); the path segment as given when it is not a key. The ref of a
/// split-off entity (`person:trump~<article id>`) keeps its `~` suffix as given.
pub fn canonical_entity_key(key: &str) -> String {
    let key = key.trim();
    let Some((kind_text, name)) = key.split_once(':') else {
        return key.to_string();
    };
    let (name, split_suffix) = match name.split_once('~') {
        Some((n, tail)) => (n, Some(tail)),
        None => (name, None),
    };
    let kind_text = kind_text.to_ascii_lowercase();
    match parse_entity_key(&format!("{kind_text}:")) {
        Some((kind, _)) => match (entity_key(kind, name), split_suffix) {
            (Some(k), Some(tail)) => format!("{k}~{tail}"),
            (Some(k), None) => k,
            (None, _) => key.to_string(),
        },
        None => key.to_string(),
    }
}

/// Merges registry entity `from` into `into` (both as a URL or form gives them) and
/// commits: the one path of the API's and the UI's merge.
pub async fn merge_refs(
    st: &AppState,
    from: &str,
    into: &str,
) -> Result<MergeOutcome, RequestError> {
    let (from, into) = (canonical_entity_key(from), canonical_entity_key(into));
    st.call(move |s| {
        let out = s.merge_entities(&from, &into)?;
        s.commit()?;
        Ok(out)
    })
    .await
}

/// Splits the entity `entity_ref` of article `article` off into a new registry entity.
pub async fn split_ref(
    st: &AppState,
    entity_ref: &str,
    article: &str,
) -> Result<SplitOutcome, RequestError> {
    let (r, article) = (canonical_entity_key(entity_ref), article.trim().to_string());
    st.call(move |s| {
        let out = s.split_entity(&r, &article)?;
        s.commit()?;
        Ok(out)
    })
    .await
}

/// The body of `POST /api/entities/{key}/merge`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MergeBody {
    /// The registry entity the path's entity merges into.
    pub into: String,
}

/// The body of `POST /api/entities/{key}/split`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SplitBody {
    /// The article whose entity moves to a new registry entity.
    pub article: String,
}

fn json_body<T>(b: Result<Json<T>, JsonRejection>) -> Result<T, Response> {
    b.map(|Json(t)| t)
        .map_err(|e| fail(RequestError::BadRequest(e.body_text())))
}

async fn merge(
    State(st): State<AppState>,
    Path(key): Path<String>,
    headers: HeaderMap,
    body: Result<Json<MergeBody>, JsonRejection>,
) -> ApiResult {
    // The token first: an unauthorised request learns nothing about the store.
    crate::write::authorize_api(st.write_token(), &headers).map_err(fail)?;
    let b = json_body(body)?;
    let out = merge_refs(&st, &key, &b.into).await.map_err(fail)?;
    Ok(Json(out).into_response())
}

async fn split(
    State(st): State<AppState>,
    Path(key): Path<String>,
    headers: HeaderMap,
    body: Result<Json<SplitBody>, JsonRejection>,
) -> ApiResult {
    crate::write::authorize_api(st.write_token(), &headers).map_err(fail)?;
    let b = json_body(body)?;
    let out = split_ref(&st, &key, &b.article).await.map_err(fail)?;
    Ok(Json(out).into_response())
}

/// The entity of a path, or a 404 naming it: every `/api/entities/{key}/...` route
/// answers 404 for an entity the store does not hold.
async fn known_entity(st: &AppState, key: &str) -> Result<String, Response> {
    let k = canonical_entity_key(key);
    let kc = k.clone();
    match st
        .call(move |s| s.entity_summary(&kc))
        .await
        .map_err(fail)?
    {
        Some(_) => Ok(k),
        None => Err(fail(RequestError::NotFound(format!("entity {key:?}")))),
    }
}

/// Checks an ISO date prefix (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a real date) with
/// the one strict parser of `newsgraph_model`, so `2025-02-30` is refused here with the
/// message `--published` gives.
pub fn iso_prefix(v: &Option<String>, name: &str) -> Result<Option<String>, RequestError> {
    let Some(s) = nonblank(v) else {
        return Ok(None);
    };
    match newsgraph_model::DatePrefix::parse(&s) {
        Ok(_) => Ok(Some(s)),
        Err(e) => Err(RequestError::BadRequest(format!("`{name}` {e}"))),
    }
}

pub fn layer(v: &Option<String>) -> Result<Option<LayerKind>, RequestError> {
    match nonblank(v) {
        None => Ok(None),
        Some(s) => LayerKind::parse(&s).map(Some).ok_or_else(|| {
            let all: Vec<&str> = LayerKind::ALL.iter().map(|k| k.as_str()).collect();
            RequestError::BadRequest(format!(
                "`layer` must be one of {}, got {s:?}",
                all.join(", ")
            ))
        }),
    }
}

pub fn entity_kind(v: &Option<String>) -> Result<Option<EntityKind>, RequestError> {
    match nonblank(v) {
        None => Ok(None),
        Some(s) => serde_json::from_value(serde_json::Value::String(s.to_ascii_lowercase()))
            .map(Some)
            .map_err(|_| {
                RequestError::BadRequest(format!(
                    "`kind` must be one of person, organization, place, group, other, got {s:?}"
                ))
            }),
    }
}

/// Builds the store's search query from request parameters.
pub fn search_query(p: &Params) -> Result<SearchQuery, RequestError> {
    Ok(SearchQuery {
        text: nonblank(&p.q),
        source: nonblank(&p.source),
        date_from: iso_prefix(&p.from, "from")?,
        date_to: iso_prefix(&p.to, "to")?,
        entity: nonblank(&p.entity),
        layer: layer(&p.layer)?,
        entity_kind: entity_kind(&p.kind)?,
        limit: page_limit(&p.limit, DEFAULT_LIMIT, MAX_LIMIT)?.limit,
        story: nonblank(&p.story),
        offset: count(&p.offset, "offset", 0, usize::MAX)?,
    })
}

async fn openapi() -> Response {
    (
        [(header::CACHE_CONTROL, "no-cache")],
        Json(crate::openapi::document()),
    )
        .into_response()
}

async fn stats(State(st): State<AppState>) -> ApiResult {
    let s = st.call(|s| s.stats()).await.map_err(fail)?;
    Ok(Json(s).into_response())
}

async fn latest(State(st): State<AppState>, q: Result<Query<Params>, QueryRejection>) -> ApiResult {
    let p = query(q)?;
    let limit = page_limit(&p.limit, DEFAULT_LIMIT, MAX_LIMIT).map_err(fail)?;
    let offset = count(&p.offset, "offset", 0, usize::MAX).map_err(fail)?;
    let (items, total) = st
        .call(move |s| Ok((s.latest(limit.limit, offset)?, s.total(&ListTotal::Latest)?)))
        .await
        .map_err(fail)?;
    Ok(Json(page_json(limit, offset, total, items)).into_response())
}

async fn article(State(st): State<AppState>, Path(id): Path<String>) -> ApiResult {
    let idc = id.clone();
    match st.call(move |s| s.get(&idc)).await.map_err(fail)? {
        Some(a) => Ok(Json(a).into_response()),
        None => Err(fail(RequestError::NotFound(format!("article {id:?}")))),
    }
}

async fn search(State(st): State<AppState>, q: Result<Query<Params>, QueryRejection>) -> ApiResult {
    let p = query(q)?;
    let sq = search_query(&p).map_err(fail)?;
    let r = st.call(move |s| s.search(&sq)).await.map_err(fail)?;
    Ok(Json(r).into_response())
}

async fn entities(
    State(st): State<AppState>,
    q: Result<Query<Params>, QueryRejection>,
) -> ApiResult {
    let p = query(q)?;
    let limit = page_limit(&p.limit, 100, MAX_LIMIT).map_err(fail)?;
    let offset = count(&p.offset, "offset", 0, usize::MAX).map_err(fail)?;
    let kind = entity_kind(&p.kind).map_err(fail)?;
    let (items, total) = st
        .call(move |s| {
            Ok((
                s.entities(limit.limit, offset, kind)?,
                s.total(&ListTotal::Entities(kind))?,
            ))
        })
        .await
        .map_err(fail)?;
    Ok(Json(page_json(limit, offset, total, items)).into_response())
}

async fn entity(State(st): State<AppState>, Path(key): Path<String>) -> ApiResult {
    let k = canonical_entity_key(&key);
    match st.call(move |s| s.entity(&k)).await.map_err(fail)? {
        Some(e) => Ok(Json(e).into_response()),
        None => Err(fail(RequestError::NotFound(format!("entity {key:?}")))),
    }
}

async fn entity_quotes(
    State(st): State<AppState>,
    Path(key): Path<String>,
    q: Result<Query<Params>, QueryRejection>,
) -> ApiResult {
    let p = query(q)?;
    let limit = page_limit(&p.limit, 500, 5000).map_err(fail)?;
    let key = known_entity(&st, &key).await?;
    let k = key.clone();
    let (items, total) = st
        .call(move |s| {
            Ok((
                s.quotes_by_speaker(&k, limit.limit)?,
                s.total(&ListTotal::QuotesBy(k.clone()))?,
            ))
        })
        .await
        .map_err(fail)?;
    let mut body = page_json(limit, 0, total, items);
    body["speaker"] = json!(key);
    Ok(Json(body).into_response())
}

async fn claims(State(st): State<AppState>, q: Result<Query<Params>, QueryRejection>) -> ApiResult {
    let p = query(q)?;
    let limit = page_limit(&p.limit, DEFAULT_LIMIT, MAX_LIMIT).map_err(fail)?;
    let offset = count(&p.offset, "offset", 0, usize::MAX).map_err(fail)?;
    let (items, total) = st
        .call(move |s| Ok((s.claims(limit.limit, offset)?, s.total(&ListTotal::Claims)?)))
        .await
        .map_err(fail)?;
    Ok(Json(page_json(limit, offset, total, items)).into_response())
}

async fn timeline(
    State(st): State<AppState>,
    q: Result<Query<Params>, QueryRejection>,
) -> ApiResult {
    let p = query(q)?;
    let limit = page_limit(&p.limit, 200, 5000).map_err(fail)?;
    let entity = match nonblank(&p.entity) {
        Some(e) => Some(known_entity(&st, &e).await?),
        None => None,
    };
    let tq = TimelineQuery {
        from: iso_prefix(&p.from, "from").map_err(fail)?,
        to: iso_prefix(&p.to, "to").map_err(fail)?,
        entity,
        limit: limit.limit,
        after: nonblank(&p.after),
    };
    let (items, total) = st
        .call(move |s| Ok((s.timeline(&tq)?, s.total(&ListTotal::Timeline(tq.clone()))?)))
        .await
        .map_err(fail)?;
    // The cursor of the next page, when this one is full.
    let next = (items.len() >= limit.limit)
        .then(|| items.last().map(|e| e.cursor.clone()))
        .flatten();
    let mut body = page_json(limit, 0, total, items);
    body["next"] = json!(next);
    Ok(Json(body).into_response())
}

async fn stories(
    State(st): State<AppState>,
    q: Result<Query<Params>, QueryRejection>,
) -> ApiResult {
    let p = query(q)?;
    let limit = count(&p.limit, "limit", DEFAULT_LIMIT, MAX_LIMIT).map_err(fail)?;
    let offset = count(&p.offset, "offset", 0, usize::MAX).map_err(fail)?;
    let items = st
        .call(move |s| s.stories(limit, offset))
        .await
        .map_err(fail)?;
    Ok(Json(json!({ "limit": limit, "offset": offset, "items": items })).into_response())
}

async fn story(State(st): State<AppState>, Path(id): Path<String>) -> ApiResult {
    let idc = id.clone();
    match st.call(move |s| s.story(&idc)).await.map_err(fail)? {
        Some(r) => Ok(Json(r).into_response()),
        None => Err(fail(RequestError::NotFound(format!("story {id:?}")))),
    }
}

async fn api_not_found() -> Response {
    fail(RequestError::NotFound(
        "no such API route; see /api/openapi.json".into(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_validate() {
        assert_eq!(count(&None, "limit", 20, 100).unwrap(), 20);
        assert_eq!(count(&Some("5000".into()), "limit", 20, 100).unwrap(), 100);
        assert!(count(&Some("-1".into()), "limit", 20, 100).is_err());
        assert_eq!(
            iso_prefix(&Some("2025-06".into()), "from")
                .unwrap()
                .as_deref(),
            Some("2025-06")
        );
        assert!(iso_prefix(&Some("2025-6".into()), "from").is_err());
        assert!(iso_prefix(&Some("2025-06-1x".into()), "from").is_err());
        // Well-formed but not on the calendar: refused with the parser's message.
        for bad in ["2025-13-45", "2025-02-30", "2025-13"] {
            let Err(RequestError::BadRequest(m)) = iso_prefix(&Some(bad.into()), "from") else {
                panic!("{bad} accepted");
            };
            assert!(
                m.starts_with("`from` \"") && m.contains("not a valid ISO 8601 date"),
                "{m}"
            );
        }
        assert_eq!(
            layer(&Some("quotes".into())).unwrap(),
            Some(LayerKind::Quotes)
        );
        assert!(layer(&Some("bogus".into())).is_err());
        assert_eq!(
            entity_kind(&Some("Person".into())).unwrap(),
            Some(EntityKind::Person)
        );
        assert!(entity_kind(&Some("alien".into())).is_err());
    }
}
