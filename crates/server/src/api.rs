//! The JSON API under `/api/`. Every route here is listed in [`crate::openapi`]; a test
//! checks that each documented path answers.

#![allow(clippy::result_large_err)] // handlers return `Response` as their error, by design

use crate::{json_error, AppState, RequestError};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use newsgraph_store::{EntityKind, LayerKind, SearchQuery, TimelineQuery};
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
        .route("/api/claims", get(claims))
        .route("/api/timeline", get(timeline))
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
    pub limit: Option<String>,
    pub offset: Option<String>,
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

/// Checks an ISO date prefix: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn iso_prefix(v: &Option<String>, name: &str) -> Result<Option<String>, RequestError> {
    let Some(s) = nonblank(v) else {
        return Ok(None);
    };
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let ok = match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7),
        10 => digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
        _ => false,
    };
    if ok {
        Ok(Some(s))
    } else {
        Err(RequestError::BadRequest(format!(
            "`{name}` must be YYYY, YYYY-MM or YYYY-MM-DD, got {s:?}"
        )))
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
        limit: count(&p.limit, "limit", DEFAULT_LIMIT, MAX_LIMIT)?,
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
    let limit = count(&p.limit, "limit", DEFAULT_LIMIT, MAX_LIMIT).map_err(fail)?;
    let offset = count(&p.offset, "offset", 0, usize::MAX).map_err(fail)?;
    let items = st
        .call(move |s| s.latest(limit, offset))
        .await
        .map_err(fail)?;
    Ok(Json(json!({ "limit": limit, "offset": offset, "items": items })).into_response())
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
    let limit = count(&p.limit, "limit", 100, MAX_LIMIT).map_err(fail)?;
    let offset = count(&p.offset, "offset", 0, usize::MAX).map_err(fail)?;
    let kind = entity_kind(&p.kind).map_err(fail)?;
    let items = st
        .call(move |s| s.entities(limit, offset, kind))
        .await
        .map_err(fail)?;
    Ok(Json(json!({ "limit": limit, "offset": offset, "items": items })).into_response())
}

async fn entity(State(st): State<AppState>, Path(key): Path<String>) -> ApiResult {
    let k = key.clone();
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
    let limit = count(&p.limit, "limit", 500, 5000).map_err(fail)?;
    let k = key.clone();
    let items = st
        .call(move |s| s.quotes_by_speaker(&k, limit))
        .await
        .map_err(fail)?;
    Ok(Json(json!({ "speaker": key, "items": items })).into_response())
}

async fn claims(State(st): State<AppState>, q: Result<Query<Params>, QueryRejection>) -> ApiResult {
    let p = query(q)?;
    let limit = count(&p.limit, "limit", DEFAULT_LIMIT, MAX_LIMIT).map_err(fail)?;
    let offset = count(&p.offset, "offset", 0, usize::MAX).map_err(fail)?;
    let items = st
        .call(move |s| s.claims(limit, offset))
        .await
        .map_err(fail)?;
    Ok(Json(json!({ "limit": limit, "offset": offset, "items": items })).into_response())
}

async fn timeline(
    State(st): State<AppState>,
    q: Result<Query<Params>, QueryRejection>,
) -> ApiResult {
    let p = query(q)?;
    let tq = TimelineQuery {
        from: iso_prefix(&p.from, "from").map_err(fail)?,
        to: iso_prefix(&p.to, "to").map_err(fail)?,
        entity: nonblank(&p.entity),
        limit: count(&p.limit, "limit", 200, 5000).map_err(fail)?,
    };
    let items = st.call(move |s| s.timeline(&tq)).await.map_err(fail)?;
    Ok(Json(json!({ "items": items })).into_response())
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
