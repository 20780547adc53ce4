//! The API and the UI agree (issue 15, findings 10 and 19): paging parameters, totals
//! of capped lists, 404s for unknown entities, case-insensitive entity URLs, the styled
//! 400 page, counts that read naturally.

mod common;

use common::*;
use newsgraph_model::*;
use newsgraph_server::html::pct;
use serde_json::json;

fn server() -> TestServer {
    start(&[seed_article(), hostile_article(), storm_article()])
}

/// Three events on one day: enough to page a timeline of one event per page.
fn storm_article() -> Article {
    let mut a = Article::from_blocks(
        Meta {
            url: Some("https://harbour.test/storm".into()),
            source: Some("Harbour Gazette".into()),
            published: Some("2025-07-10T09:30:00+02:00".into()),
            ..Default::default()
        },
        Some("Storm closes the harbour".into()),
        &[(
            BlockKind::Paragraph,
            "Crews closed the pier. Police shut the coast road. Staff left the office early."
                .into(),
        )],
    );
    let t = a.text.clone();
    a.events = ["closed the pier", "shut the coast road", "left the office"]
        .iter()
        .enumerate()
        .map(|(i, text)| {
            from(json!({
                "id": format!("v{}", i + 1), "kind": "action", "text": text,
                "span": sp(&t, text, 0), "actors": [], "targets": [], "places": [],
                "when": "2025-07-10"
            }))
        })
        .collect();
    a
}

#[test]
fn limit_zero_is_an_error_and_capped_lists_carry_total() {
    let s = server();
    for path in [
        "/api/latest?limit=0",
        "/api/entities?limit=0",
        "/api/claims?limit=0",
        "/api/search?q=iran&limit=0",
        "/api/timeline?limit=0",
    ] {
        let r = get(s.addr, path);
        assert_eq!(r.status, 400, "{path}: {}", r.body);
        assert!(
            r.json()["error"].as_str().unwrap_or("").contains("limit"),
            "{path}"
        );
    }
    let latest = get(s.addr, "/api/latest?limit=5000").json();
    assert_eq!(latest["limit"], 1000);
    assert_eq!(latest["capped"], true);
    assert_eq!(latest["total"], 3);
    let one = get(s.addr, "/api/latest?limit=1").json();
    assert_eq!(one["capped"], false);
    assert_eq!(one["total"], 3);
    assert_eq!(one["items"].as_array().map(Vec::len), Some(1));
    let ents = get(s.addr, "/api/entities?limit=2").json();
    assert_eq!(ents["items"].as_array().map(Vec::len), Some(2));
    assert!(ents["total"].as_u64().unwrap_or(0) >= 6, "{ents}");
    let claims = get(s.addr, "/api/claims").json();
    assert_eq!(claims["total"], 1, "{claims}");
    let q = get(
        s.addr,
        &format!(
            "/api/entities/{}/quotes?limit=1",
            pct("person:donald trump")
        ),
    )
    .json();
    assert_eq!(q["total"], 1, "{q}");
}

#[test]
fn timeline_pages_by_cursor_without_repeats() {
    let s = server();
    let mut seen = Vec::new();
    let mut path = "/api/timeline?from=2025-07-10&to=2025-07-10&limit=1".to_string();
    for _ in 0..10 {
        let page = get(s.addr, &path).json();
        assert_eq!(page["total"], 3, "{page}");
        for e in page["items"].as_array().cloned().unwrap_or_default() {
            seen.push(e["event"]["text"].as_str().unwrap_or("").to_string());
        }
        match page["next"].as_str() {
            Some(next) => {
                path = format!(
                    "/api/timeline?from=2025-07-10&to=2025-07-10&limit=1&after={}",
                    pct(next)
                )
            }
            None => break,
        }
    }
    seen.retain(|t| !t.is_empty());
    assert_eq!(
        seen,
        vec!["closed the pier", "shut the coast road", "left the office"]
    );
    assert_eq!(get(s.addr, "/api/timeline?after=bogus").status, 400);
}

#[test]
fn unknown_entity_is_404_on_every_sub_route() {
    let s = server();
    let nobody = pct("person:nobody at all");
    for path in [
        format!("/api/entities/{nobody}"),
        format!("/api/entities/{nobody}/quotes"),
        format!("/api/timeline?entity={nobody}"),
    ] {
        let r = get(s.addr, &path);
        assert_eq!(r.status, 404, "{path}: {}", r.body);
        assert_eq!(r.json()["status"], 404);
    }
    for path in [
        format!("/entity/{nobody}"),
        format!("/timeline?entity={nobody}"),
    ] {
        let r = get(s.addr, &path);
        assert_eq!(r.status, 404, "{path}");
        assert!(r.header("content-type").starts_with("text/html"), "{path}");
    }
}

#[test]
fn entity_urls_are_case_insensitive() {
    let s = server();
    let mixed = pct("Person:Donald Trump");
    let api = get(s.addr, &format!("/api/entities/{mixed}"));
    assert_eq!(api.status, 200, "{}", api.body);
    assert_eq!(api.json()["key"], "person:donald trump");
    assert_eq!(
        get(s.addr, &format!("/api/entities/{mixed}/quotes")).status,
        200
    );
    let page = get(s.addr, &format!("/entity/{}", pct("PERSON:DONALD TRUMP")));
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Donald Trump"));
    let tl = get(s.addr, &format!("/api/timeline?entity={mixed}"));
    assert_eq!(tl.status, 200, "{}", tl.body);
}

#[test]
fn ui_validates_offset_like_the_api_on_a_styled_page() {
    let s = server();
    let api = get(s.addr, "/api/latest?offset=abc");
    assert_eq!(api.status, 400);
    let api_msg = api.json()["error"].as_str().unwrap_or("").to_string();
    for path in [
        "/?offset=abc",
        "/claims?offset=-1",
        "/entities?offset=x",
        "/search?q=iran&offset=x",
        "/?offset=1&offset=2",
        "/article/%FF%FE",
    ] {
        let r = get(s.addr, path);
        assert_eq!(r.status, 400, "{path}: {}", r.body);
        assert!(r.header("content-type").starts_with("text/html"), "{path}");
        // The site's layout and stylesheet, not a plain-text body.
        assert!(r.body.contains("/assets/style.css"), "{path}: {}", r.body);
        assert!(r.body.contains("<h1>Bad request</h1>"), "{path}");
    }
    let ui = get(s.addr, "/?offset=abc");
    let shown = api_msg.replace('"', "&quot;");
    assert!(
        ui.body.contains(&shown),
        "same message as the API: {api_msg}"
    );
}

#[test]
fn feed_past_the_end_is_not_an_empty_store() {
    let s = server();
    let r = get(s.addr, "/?offset=999999999");
    assert_eq!(r.status, 200);
    assert!(!r.body.contains("The store is empty"), "{}", r.body);
    assert!(r.body.contains("the store holds 3 articles"), "{}", r.body);
    assert!(r.body.contains("Back to the newest"));
}

#[test]
fn feed_lists_newest_instant_first() {
    let s = server();
    // storm: 2025-07-10T07:30Z; seed: 2025-07-08T14:20Z.
    let r = get(s.addr, "/");
    let storm = r
        .body
        .find("Storm closes the harbour")
        .expect("storm listed");
    let seed = r
        .body
        .find("Iran rejects claims of seeking talks")
        .expect("seed listed");
    assert!(storm < seed);
    // Times are shown in UTC, as the feed is ordered.
    assert!(r.body.contains("07:30"), "{}", r.body);
}

#[test]
fn counts_and_figures_read_naturally() {
    let s = server();
    let e = get(s.addr, &format!("/entity/{}", pct("person:esmaeil baqaei")));
    assert!(e.body.contains("1 mention in 1 article"), "{}", e.body);
    assert!(!e.body.contains("1 mentions"));
    let a = get(s.addr, &format!("/article/{}", seed_article().id));
    assert!(a.body.contains("at least 1,060 people"), "{}", a.body);
}

#[test]
fn entity_kind_facet_is_a_filter() {
    let s = server();
    let r = get(s.addr, "/search?q=iran");
    assert!(r.body.contains("kind=person"), "{}", r.body);
    let persons = get(s.addr, "/api/search?kind=person").json();
    let all = get(s.addr, "/api/search").json();
    assert!(
        persons["total"].as_u64() < all["total"].as_u64(),
        "{persons}"
    );
    assert!(persons["total"].as_u64().unwrap_or(0) >= 1);
    assert_eq!(get(s.addr, "/api/search?kind=alien").status, 400);
}
