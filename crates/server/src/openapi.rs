//! The OpenAPI 3.1 document of the JSON API, built here next to the routes it
//! describes (`crate::api::routes`). A test requests every path listed here.

use serde_json::{json, Value};

fn param(name: &str, location: &str, desc: &str, schema: Value) -> Value {
    json!({ "name": name, "in": location, "required": location == "path", "description": desc, "schema": schema })
}

fn paging() -> Vec<Value> {
    vec![
        param(
            "limit",
            "query",
            "Page size, at least 1 (0 is an error); above 1000 it is capped to 1000 and the answer says `capped: true`.",
            json!({"type": "integer", "minimum": 1}),
        ),
        param(
            "offset",
            "query",
            "Items to skip.",
            json!({"type": "integer", "minimum": 0}),
        ),
    ]
}

fn ok(desc: &str, schema: Value) -> Value {
    json!({
        "200": { "description": desc, "content": { "application/json": { "schema": schema } } },
        "400": { "$ref": "#/components/responses/BadRequest" },
        "500": { "$ref": "#/components/responses/ServerError" }
    })
}

fn r(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

fn list_of(name: &str) -> Value {
    json!({ "type": "array", "items": r(name) })
}

fn paged(name: &str) -> Value {
    json!({
        "type": "object",
        "required": ["limit", "capped", "offset", "total", "items"],
        "properties": { "limit": {"type": "integer", "description": "The page size served"},
            "capped": {"type": "boolean", "description": "True when the asked `limit` was above the maximum"},
            "offset": {"type": "integer"}, "total": {"type": "integer", "description": "Items in the whole list"},
            "items": list_of(name) }
    })
}

const DATE: &str = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$";

/// The OpenAPI document served at `/api/openapi.json`.
pub fn document() -> Value {
    let nullable_str = json!({"type": ["string", "null"]});
    let span = json!({"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 2, "maxItems": 2,
        "description": "[start, end) in Unicode code points of `text`"});
    let mut search_params = vec![
        param(
            "q",
            "query",
            "Free text; every word must match; \"double quotes\" for a phrase.",
            json!({"type": "string"}),
        ),
        param(
            "source",
            "query",
            "Exact source name.",
            json!({"type": "string"}),
        ),
        param(
            "from",
            "query",
            "Published on or after (ISO date prefix).",
            json!({"type": "string", "pattern": DATE}),
        ),
        param(
            "to",
            "query",
            "Published on or before (ISO date prefix).",
            json!({"type": "string", "pattern": DATE}),
        ),
        param(
            "entity",
            "query",
            "Entity key the article must mention (`person:donald trump`).",
            json!({"type": "string"}),
        ),
        param(
            "layer",
            "query",
            "Only articles with at least one item in this layer.",
            r("LayerKind"),
        ),
        param(
            "kind",
            "query",
            "Only articles mentioning an entity of this kind.",
            r("EntityKind"),
        ),
        param(
            "story",
            "query",
            "Only the articles of this story (a merged-away id resolves to its survivor).",
            json!({"type": "string"}),
        ),
    ];
    search_params.extend(paging());
    let mut entity_params = vec![param(
        "kind",
        "query",
        "Only entities of this kind.",
        r("EntityKind"),
    )];
    entity_params.extend(paging());
    let key = param(
        "key",
        "path",
        "Entity key: `kind:normalised name`, percent-encoded; case-insensitive. An unknown entity is a 404 on every route under it.",
        json!({"type": "string"}),
    );

    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "newsgraph API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Articles with stand-off analysis layers (entities, quotes, claims, times, figures, events), \
                search with facets, cross-article entity pages, claims with their denials, and a timeline of events. \
                Spans are [start, end) offsets in Unicode code points of the article's `text`. All text fields are \
                untrusted input taken from the articles."
        },
        "paths": {
            "/api/stats": { "get": { "operationId": "stats", "summary": "Counts of what the store holds",
                "responses": ok("Store statistics", r("Stats")) } },
            "/api/latest": { "get": { "operationId": "latest", "summary": "Latest articles, newest first",
                "parameters": paging(), "responses": ok("A page of article summaries", paged("ArticleSummary")) } },
            "/api/articles/{id}": { "get": { "operationId": "getArticle", "summary": "One article with all its layers",
                "parameters": [param("id", "path", "Article id", json!({"type": "string"}))],
                "responses": {
                    "200": { "description": "The article record", "content": { "application/json": { "schema": r("Article") } } },
                    "404": { "$ref": "#/components/responses/NotFound" }
                } } },
            "/api/search": { "get": { "operationId": "search", "summary": "Full-text search with filters and facets",
                "parameters": search_params, "responses": ok("Hits and facets", r("SearchResults")) } },
            "/api/entities": { "get": { "operationId": "listEntities", "summary": "Entities by number of articles",
                "parameters": entity_params, "responses": ok("A page of entities", paged("EntitySummary")) } },
            "/api/entities/{key}": { "get": { "operationId": "getEntity",
                "summary": "An entity across articles: descriptors, quotes, claims, articles",
                "parameters": [key.clone()],
                "responses": {
                    "200": { "description": "The entity page", "content": { "application/json": { "schema": r("EntityPage") } } },
                    "404": { "$ref": "#/components/responses/NotFound" }
                } } },
            "/api/entities/{key}/quotes": { "get": { "operationId": "quotesBySpeaker",
                "summary": "Every quote attributed to an entity, oldest first",
                "parameters": [key.clone(), param("limit", "query", "At most this many, at least 1 (capped at 5000).", json!({"type": "integer", "minimum": 1}))],
                "responses": {
                    "200": { "description": "Quotes", "content": { "application/json": { "schema": {
                        "allOf": [paged("QuoteRecord"), {"type": "object", "required": ["speaker"], "properties": {"speaker": {"type": "string"}}}] } } } },
                    "400": { "$ref": "#/components/responses/BadRequest" },
                    "404": { "$ref": "#/components/responses/NotFound" },
                    "500": { "$ref": "#/components/responses/ServerError" }
                } } },
            "/api/entities/{key}/merge": { "post": { "operationId": "mergeEntity",
                "summary": "Registry correction: merge this entity into another of the same kind (recorded; later ingests respect it). Needs the server's write token.",
                "security": [{"writeToken": []}],
                "parameters": [key.clone()],
                "requestBody": { "required": true, "content": { "application/json": { "schema": {
                    "type": "object", "required": ["into"], "additionalProperties": false,
                    "properties": { "into": {"type": "string", "description": "Ref of the entity that stays"} } } } } },
                "responses": {
                    "200": { "description": "What moved", "content": { "application/json": { "schema": r("MergeOutcome") } } },
                    "400": { "description": "Refused, nothing changed: unknown ref, different kinds, the same entity, or a bad body", "content": { "application/json": { "schema": r("Error") } } },
                    "401": { "$ref": "#/components/responses/Unauthorized" },
                    "403": { "$ref": "#/components/responses/Forbidden" }
                } } },
            "/api/entities/{key}/split": { "post": { "operationId": "splitEntity",
                "summary": "Registry correction: move this entity of one article into a new registry entity (recorded). Needs the server's write token.",
                "security": [{"writeToken": []}],
                "parameters": [key.clone()],
                "requestBody": { "required": true, "content": { "application/json": { "schema": {
                    "type": "object", "required": ["article"], "additionalProperties": false,
                    "properties": { "article": {"type": "string", "description": "Id of the article whose entity moves"} } } } } },
                "responses": {
                    "200": { "description": "The new ref", "content": { "application/json": { "schema": r("SplitOutcome") } } },
                    "400": { "description": "Refused, nothing changed: unknown ref or article, an article that does not mention the entity, its only article, or a bad body", "content": { "application/json": { "schema": r("Error") } } },
                    "401": { "$ref": "#/components/responses/Unauthorized" },
                    "403": { "$ref": "#/components/responses/Forbidden" }
                } } },
            "/api/claims": { "get": { "operationId": "claims", "summary": "Claims with the denials and doubts that answer them: most answered first, then newest",
                "parameters": paging(), "responses": ok("A page of claim threads", paged("ClaimThread")) } },
            "/api/timeline": { "get": { "operationId": "timeline", "summary": "Events in date order",
                "parameters": [
                    param("from", "query", "On or after (ISO date prefix).", json!({"type": "string", "pattern": DATE})),
                    param("to", "query", "On or before (ISO date prefix).", json!({"type": "string", "pattern": DATE})),
                    param("entity", "query", "Entity key that must take part (404 when the store has no such entity).", json!({"type": "string"})),
                    param("limit", "query", "At most this many, at least 1 (capped at 5000).", json!({"type": "integer", "minimum": 1})),
                    param("after", "query", "Continue after this event: the `next` of the previous page (or any event's `cursor`).", json!({"type": "string"}))
                ],
                "responses": ok("Events", json!({"allOf": [paged("TimelineEvent"), {"type": "object", "required": ["next"],
                    "properties": {"next": {"type": ["string", "null"], "description": "`after` for the next page; null on the last"}}}]})) } },
            "/api/stories": { "get": { "operationId": "listStories", "summary": "Stories, most recently active first",
                "parameters": paging(), "responses": ok("A page of stories", paged("StorySummary")) } },
            "/api/stories/{id}": { "get": { "operationId": "getStory",
                "summary": "One story: outlets, articles (copies name their original), merged timeline, entities, quotes, claims",
                "parameters": [param("id", "path", "Story id (an id merged away by relink resolves to its survivor)", json!({"type": "string"}))],
                "responses": {
                    "200": { "description": "The story record", "content": { "application/json": { "schema": r("StoryRecord") } } },
                    "404": { "$ref": "#/components/responses/NotFound" }
                } } },
            "/api/openapi.json": { "get": { "operationId": "openapi", "summary": "This document",
                "responses": { "200": { "description": "OpenAPI 3.1 document", "content": { "application/json": { "schema": {"type": "object"} } } } } } }
        },
        "components": {
            "responses": {
                "BadRequest": { "description": "A parameter is invalid", "content": { "application/json": { "schema": r("Error") } } },
                "NotFound": { "description": "No such item", "content": { "application/json": { "schema": r("Error") } } },
                "ServerError": { "description": "The store failed", "content": { "application/json": { "schema": r("Error") } } },
                "Unauthorized": { "description": "A write without the server's write token, or with a wrong one", "content": { "application/json": { "schema": r("Error") } } },
                "Forbidden": { "description": "The server is read-only (started without a write token)", "content": { "application/json": { "schema": r("Error") } } }
            },
            "securitySchemes": {
                "writeToken": { "type": "http", "scheme": "bearer", "description": "The token `newsgraph serve --write-token` was started with (or printed with --generate-write-token)" }
            },
            "schemas": {
                "Error": { "type": "object", "required": ["error", "status"],
                    "properties": { "error": {"type": "string"}, "status": {"type": "integer"} } },
                "MergeOutcome": { "type": "object", "required": ["from", "into", "mentions_moved"],
                    "properties": { "from": {"type": "string"}, "into": {"type": "string"}, "mentions_moved": {"type": "integer"} } },
                "SplitOutcome": { "type": "object", "required": ["from", "new_ref", "article_id"],
                    "properties": { "from": {"type": "string"}, "new_ref": {"type": "string"}, "article_id": {"type": "string"} } },
                "Span": span,
                "EntityKind": { "type": "string", "enum": ["person", "organization", "place", "group", "other"] },
                "LayerKind": { "type": "string", "enum": ["entities", "quotes", "claims", "times", "figures", "events", "furniture"] },
                "Stats": { "type": "object", "properties": {
                    "articles": {"type": "integer"}, "entities": {"type": "integer"}, "mentions": {"type": "integer"},
                    "quotes": {"type": "integer"}, "claims": {"type": "integer"}, "events": {"type": "integer"},
                    "sources": {"type": "integer"}, "stories": {"type": "integer"}, "indexed": {"type": "integer"}, "schema_version": {"type": "integer"} } },
                "ArticleSummary": { "type": "object", "required": ["id", "ingested_at"], "properties": {
                    "id": {"type": "string"}, "title": nullable_str, "source": nullable_str, "published": nullable_str,
                    "ingested_at": {"type": "string", "format": "date-time"}, "url": nullable_str,
                    "published_utc": {"type": ["string", "null"], "format": "date-time",
                        "description": "`published` (kept as given) normalised to RFC 3339 UTC; null for a date alone"} } },
                "Article": { "type": "object", "required": ["id", "text", "blocks", "furniture", "entities", "quotes", "claims", "times", "figures", "events"],
                    "description": "The full record: the output contract of `newsgraph extract`.",
                    "properties": {
                        "id": {"type": "string"}, "url": nullable_str, "source": nullable_str, "language": nullable_str,
                        "published": nullable_str, "authors": {"type": "array", "items": {"type": "string"}},
                        "title": nullable_str, "text": {"type": "string"},
                        "blocks": {"type": "array", "items": {"type": "object", "properties": {"kind": {"type": "string"}, "span": r("Span")}}},
                        "furniture": {"type": "array", "items": {"type": "object", "properties": {
                            "kind": {"type": "string"}, "label": nullable_str,
                            "items": {"type": "array", "items": {"type": "object", "properties": {"text": {"type": "string"}, "time": {"type": "string"}, "url": {"type": "string"}}}}}}},
                        "sentences": {"type": "array", "items": {"type": "object", "properties": {"span": r("Span")}}},
                        "entities": {"type": "array", "items": r("Entity")},
                        "quotes": {"type": "array", "items": r("Quote")},
                        "claims": {"type": "array", "items": r("Claim")},
                        "times": {"type": "array", "items": {"type": "object", "properties": {
                            "text": {"type": "string"}, "span": r("Span"), "type": {"type": "string", "enum": ["date", "time", "duration", "set"]},
                            "value": {"type": "string"}, "mod": {"type": "string"}, "anchor": nullable_str}}},
                        "figures": {"type": "array", "items": {"type": "object", "properties": {
                            "text": {"type": "string"}, "span": r("Span"), "value": {"type": "number"}, "unit": nullable_str,
                            "kind": {"type": "string"}, "qualifier": {"type": "string", "enum": ["exact", "at_least", "at_most", "about"]},
                            "source": {"type": "string"}, "source_text": {"type": "string"}, "about": {"type": "string"}}}},
                        "events": {"type": "array", "items": r("Event")},
                        "story": {"type": "string", "description": "Story id set by the link stage"},
                        "duplicate_of": {"type": "object", "properties": {"id": {"type": "string"}, "similarity": {"type": "number"}}}
                    } },
                "Entity": { "type": "object", "properties": {
                    "id": {"type": "string"}, "name": {"type": "string"}, "kind": r("EntityKind"),
                    "aliases": {"type": "array", "items": {"type": "string"}},
                    "descriptors": {"type": "array", "items": {"type": "string"}},
                    "mentions": {"type": "array", "items": r("Span")} } },
                "Quote": { "type": "object", "properties": {
                    "id": {"type": "string"}, "kind": {"type": "string", "enum": ["direct", "indirect", "mixed"]},
                    "text": {"type": "string"}, "span": r("Span"), "speaker": nullable_str, "speaker_text": nullable_str,
                    "cue": nullable_str, "cue_span": {"oneOf": [r("Span"), {"type": "null"}]},
                    "venue": {"type": "string"}, "when": {"type": "string"},
                    "speaker_span": r("Span"), "parts": {"type": "array", "items": r("Span")},
                    "cue_lemma": {"type": "string"} } },
                "Claim": { "type": "object", "properties": {
                    "id": {"type": "string"}, "holder": nullable_str, "holder_text": {"type": "string"},
                    "content": {"type": "string"}, "span": r("Span"), "stance": {"type": "string", "enum": ["assert", "deny", "doubt"]},
                    "answers": {"type": "string"}, "cue": nullable_str, "when": {"type": "string"} } },
                "Event": { "type": "object", "properties": {
                    "id": {"type": "string"}, "kind": {"type": "string"}, "cameo": {"type": "string"}, "text": {"type": "string"},
                    "span": r("Span"), "actors": {"type": "array", "items": {"type": "string"}},
                    "targets": {"type": "array", "items": {"type": "string"}}, "places": {"type": "array", "items": {"type": "string"}},
                    "when": {"type": "string"} } },
                "SearchResults": { "type": "object", "required": ["total", "hits", "facets"], "properties": {
                    "total": {"type": "integer"},
                    "hits": {"type": "array", "items": {"type": "object", "properties": {
                        "article": r("ArticleSummary"), "snippet": {"type": "string"},
                        "highlights": {"type": "array", "items": r("Span"), "description": "code-point ranges inside `snippet`"},
                        "score": {"type": "number"} }}},
                    "facets": { "type": "object", "properties": {
                        "sources": list_of("FacetCount"), "months": list_of("FacetCount"), "entity_kinds": list_of("FacetCount"),
                        "layers": list_of("FacetCount"),
                        "entities": {"type": "array", "items": {"type": "object", "properties": {
                            "key": {"type": "string"}, "name": {"type": "string"}, "kind": r("EntityKind"), "count": {"type": "integer"}}}} } } } },
                "FacetCount": { "type": "object", "properties": { "value": {"type": "string"}, "count": {"type": "integer"} } },
                "EntitySummary": { "type": "object", "properties": {
                    "key": {"type": "string"}, "name": {"type": "string"}, "kind": r("EntityKind"),
                    "mentions": {"type": "integer"}, "articles": {"type": "integer"} } },
                "EntityPage": { "type": "object", "properties": {
                    "key": {"type": "string"}, "name": {"type": "string"}, "kind": r("EntityKind"),
                    "aliases": {"type": "array", "items": {"type": "string"}},
                    "descriptors": {"type": "array", "items": {"type": "object", "properties": {"text": {"type": "string"}, "count": {"type": "integer"}}}},
                    "mention_count": {"type": "integer"}, "article_count": {"type": "integer"},
                    "quote_count": {"type": "integer"}, "claim_count": {"type": "integer"},
                    "articles": list_of("ArticleSummary"), "quotes": list_of("QuoteRecord"), "claims": list_of("ClaimRecord") } },
                "QuoteRecord": { "type": "object", "properties": {
                    "article": r("ArticleSummary"), "quote": r("Quote"), "speaker_key": nullable_str, "speaker_name": nullable_str } },
                "ClaimRecord": { "type": "object", "properties": {
                    "article": r("ArticleSummary"), "claim": r("Claim"), "holder_key": nullable_str, "holder_name": nullable_str } },
                "ClaimThread": { "type": "object", "properties": { "claim": r("ClaimRecord"), "responses": list_of("ClaimRecord") } },
                "TimelineEvent": { "type": "object", "properties": {
                    "date": {"type": "string"}, "article": r("ArticleSummary"), "event": r("Event"),
                    "cursor": {"type": "string", "description": "This event's place in timeline order (pass as `after`)"} } },
                "StorySummary": { "type": "object", "required": ["id", "article_count", "outlet_count"], "properties": {
                    "id": {"type": "string"}, "label": nullable_str, "article_count": {"type": "integer"},
                    "outlet_count": {"type": "integer"}, "first_seen": nullable_str, "last_seen": nullable_str } },
                "StoryRecord": { "type": "object", "required": ["id", "article_count", "articles"], "properties": {
                    "id": {"type": "string"}, "label": nullable_str, "article_count": {"type": "integer"},
                    "outlet_count": {"type": "integer"}, "first_seen": nullable_str, "last_seen": nullable_str,
                    "outlets": list_of("FacetCount"),
                    "entities": {"type": "array", "items": {"type": "object"}}, "places": {"type": "array", "items": {"type": "object"}},
                    "articles": {"type": "array", "items": {"type": "object", "properties": {
                        "article": r("ArticleSummary"), "duplicate_of": nullable_str, "similarity": {"type": ["number", "null"]}}}},
                    "timeline": {"type": "array", "items": {"type": "object", "properties": {
                        "date": nullable_str, "kind": {"type": "string"}, "text": {"type": "string"}, "articles": list_of("ArticleSummary")}}},
                    "quotes": list_of("QuoteRecord"), "claims": list_of("ClaimThread"),
                    "merged_from": {"type": "array", "items": {"type": "string"}} } }
            }
        }
    })
}

/// The concrete paths of the document, with `{...}` parameters left in place.
/// The documented paths that answer GET (the write paths answer POST only).
pub fn get_paths() -> Vec<String> {
    let doc = document();
    paths()
        .into_iter()
        .filter(|p| doc["paths"][p.as_str()].get("get").is_some())
        .collect()
}

pub fn paths() -> Vec<String> {
    document()["paths"]
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}
