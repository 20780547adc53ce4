//! The server's write requests (registry merge/split): refused without the write token
//! or from another site, refused with a clear reason on bad input, and in every refused
//! case nothing changes in the store.

mod common;

use common::*;
use newsgraph_model::{Article, BlockKind, Meta};
use newsgraph_server::html::pct;

const TOKEN: &str = "test-write-token-0123456789";

/// A second article naming only "Trump" (linked into Donald Trump), and one naming a
/// harbour and nobody.
fn articles() -> (Vec<Article>, String, String) {
    let mut trump = Article::from_blocks(
        Meta {
            url: Some("https://news.test/second".into()),
            source: Some("Other Post".into()),
            published: Some("2025-07-09".into()),
            ..Default::default()
        },
        Some("Trump speaks again".into()),
        &[(BlockKind::Paragraph, "Trump spoke on Friday.".into())],
    );
    trump.entities = vec![from(serde_json::json!({
        "id": "e1", "name": "Trump", "kind": "person", "aliases": [], "descriptors": [], "mentions": [[19, 24]]
    }))];
    let mut harbour = Article::from_blocks(
        Meta {
            url: Some("https://news.test/harbour".into()),
            ..Default::default()
        },
        Some("Harbour reopens".into()),
        &[(BlockKind::Paragraph, "Brennock harbour reopened.".into())],
    );
    harbour.entities = vec![from(serde_json::json!({
        "id": "e1", "name": "Brennock", "kind": "place", "aliases": [], "descriptors": [], "mentions": [[17, 25]]
    }))];
    let (t, h) = (trump.id.clone(), harbour.id.clone());
    (vec![seed_article(), trump, harbour], t, h)
}

const TRUMP: &str = "person:donald trump";
const BAQAEI: &str = "person:esmaeil baqaei";

fn merge_path(from: &str) -> String {
    format!("/api/entities/{}/merge", pct(from))
}

fn json_post(s: &TestServer, path: &str, auth: Option<&str>, body: &str) -> Resp {
    let bearer = auth.map(|t| format!("Bearer {t}"));
    let mut h = vec![("Content-Type", "application/json")];
    if let Some(b) = &bearer {
        h.push(("Authorization", b.as_str()));
    }
    post(s.addr, path, &h, body)
}

/// Everything a correction could change, as the API shows it.
fn snapshot(s: &TestServer) -> Vec<String> {
    [TRUMP, BAQAEI, "place:iran", "place:brennock"]
        .iter()
        .map(|k| get(s.addr, &format!("/api/entities/{}", pct(k))).body)
        .collect()
}

#[test]
fn a_read_only_server_refuses_every_write() {
    let (arts, second, _) = articles();
    let s = start(&arts);
    let before = snapshot(&s);
    let r = json_post(
        &s,
        &merge_path(BAQAEI),
        Some(TOKEN),
        r#"{"into": "person:donald trump"}"#,
    );
    assert_eq!(r.status, 403, "{}", r.body);
    assert!(
        r.json()["error"].as_str().unwrap().contains("read-only"),
        "{}",
        r.body
    );
    let form = format!("article={second}&token={TOKEN}");
    let r = post(
        s.addr,
        &format!("/entity/{}/split", pct(TRUMP)),
        &[("Content-Type", "application/x-www-form-urlencoded")],
        &form,
    );
    assert_eq!(r.status, 403, "{}", r.body);
    assert_eq!(snapshot(&s), before);
    // The page says so instead of showing forms.
    let page = get(s.addr, &format!("/entity/{}", pct(TRUMP))).body;
    assert!(
        page.contains("read-only") && !page.contains("<form class=\"fix"),
        "{page}"
    );
}

#[test]
fn api_writes_need_the_token_and_refuse_bad_corrections() {
    let (arts, second, harbour) = articles();
    let s = start_with(&arts, Some(TOKEN));
    let before = snapshot(&s);
    let body = r#"{"into": "person:donald trump"}"#;
    for auth in [None, Some("wrong-token-but-long-enough")] {
        let r = json_post(&s, &merge_path(BAQAEI), auth, body);
        assert_eq!(r.status, 401, "{auth:?}: {}", r.body);
        assert!(
            r.header("www-authenticate").starts_with("Bearer"),
            "{:?}",
            r.headers
        );
    }
    // Bad input: each refused with its reason, naming what was wrong.
    let split_path = format!("/api/entities/{}/split", pct(TRUMP));
    for (path, body, needle) in [
        (
            merge_path("person:nobody at all"),
            body.to_string(),
            "person:nobody at all",
        ),
        (
            merge_path(BAQAEI),
            r#"{"into": "person:no such one"}"#.to_string(),
            "person:no such one",
        ),
        (
            merge_path(TRUMP),
            r#"{"into": "place:iran"}"#.to_string(),
            "place",
        ),
        (
            merge_path(TRUMP),
            r#"{"into": "Person:Donald Trump"}"#.to_string(),
            "same entity",
        ),
        (
            split_path.clone(),
            format!(r#"{{"article": "{harbour}"}}"#),
            "does not mention",
        ),
        (
            split_path.clone(),
            r#"{"article": "no-such-article"}"#.to_string(),
            "no-such-article",
        ),
        (
            merge_path(BAQAEI),
            r#"{"onto": "person:donald trump"}"#.to_string(),
            "onto",
        ),
        (merge_path(BAQAEI), "not json".to_string(), ""),
    ] {
        let r = json_post(&s, &path, Some(TOKEN), &body);
        assert_eq!(r.status, 400, "{path} {body}: {}", r.body);
        let msg = r.json()["error"].as_str().unwrap().to_string();
        assert!(msg.contains(needle), "{path} {body}: {msg}");
    }
    let r = json_post(
        &s,
        &merge_path(TRUMP),
        Some(TOKEN),
        r#"{"into": "place:iran"}"#,
    );
    let msg = r.json()["error"].as_str().unwrap().to_string();
    assert!(msg.contains("person") && msg.contains("place"), "{msg}");
    assert_eq!(snapshot(&s), before, "a refused write changed the store");

    // With the token: the merge happens and the old ref shows the merged record.
    let r = json_post(&s, &merge_path(BAQAEI), Some(TOKEN), body);
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["into"], TRUMP);
    assert_eq!(r.json()["mentions_moved"], 1);
    let page = get(s.addr, &format!("/api/entities/{}", pct(TRUMP))).json();
    assert_eq!(page["merged_from"], serde_json::json!([BAQAEI]));

    // Split: the second article's Trump becomes its own entity, reachable by its ref.
    let r = json_post(
        &s,
        &split_path,
        Some(TOKEN),
        &format!(r#"{{"article": "{second}"}}"#),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let new_ref = r.json()["new_ref"].as_str().unwrap().to_string();
    let page = get(s.addr, &format!("/api/entities/{}", pct(&new_ref)));
    assert_eq!(page.status, 200, "{new_ref}: {}", page.body);
    assert_eq!(page.json()["article_count"], 1);
    assert_eq!(
        get(s.addr, &format!("/entity/{}", pct(&new_ref))).status,
        200,
        "the UI page of a split-off ref"
    );
}

fn form_post(s: &TestServer, path: &str, extra: &[(&str, &str)], form: &str) -> Resp {
    let mut h = vec![("Content-Type", "application/x-www-form-urlencoded")];
    h.extend_from_slice(extra);
    post(s.addr, path, &h, form)
}

#[test]
fn the_entity_page_forms_merge_with_the_token_only_from_our_pages() {
    let (arts, second, _) = articles();
    let s = start_with(&arts, Some(TOKEN));
    let page = get(s.addr, &format!("/entity/{}", pct(BAQAEI))).body;
    let action = format!("action=\"/entity/{}/merge\"", pct(BAQAEI));
    assert!(page.contains(&action), "{page}");
    assert!(page.contains("name=\"token\""), "{page}");
    // The split form offers the entity's articles.
    let trump_page = get(s.addr, &format!("/entity/{}", pct(TRUMP))).body;
    assert!(
        trump_page.contains(&format!("<option value=\"{second}\"")),
        "{trump_page}"
    );

    let before = snapshot(&s);
    let merge = format!("/entity/{}/merge", pct(BAQAEI));
    let into = format!("into={}", pct(TRUMP));
    for (extra, form, status) in [
        (vec![], into.clone(), 401),
        (
            vec![],
            format!("{into}&token=wrong-token-but-long-enough"),
            401,
        ),
        (
            vec![("Sec-Fetch-Site", "cross-site")],
            format!("{into}&token={TOKEN}"),
            403,
        ),
        (
            vec![("Origin", "https://evil.test")],
            format!("{into}&token={TOKEN}"),
            403,
        ),
        (vec![], format!("into=place%3Airan&token={TOKEN}"), 400),
        (vec![], format!("into=&token={TOKEN}"), 400),
    ] {
        let r = form_post(&s, &merge, &extra, &form);
        assert_eq!(r.status, status, "{extra:?} {form}: {}", r.body);
        assert!(r.header("content-type").starts_with("text/html"), "{form}");
    }
    assert_eq!(snapshot(&s), before, "a refused form changed the store");

    let r = form_post(
        &s,
        &merge,
        &[("Origin", "null"), ("Sec-Fetch-Site", "same-origin")],
        &format!("{into}&token={TOKEN}"),
    );
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.header("location"), format!("/entity/{}", pct(TRUMP)));
    let page = get(s.addr, &format!("/entity/{}", pct(TRUMP))).body;
    assert!(page.contains("merged from"), "{page}");
    assert!(
        page.contains("Esmaeil Baqaei"),
        "the merged spelling is an alias: {page}"
    );
}
