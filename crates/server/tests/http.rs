//! The real server on 127.0.0.1:0 over a temporary embedded store.

mod common;

use common::*;
use newsgraph_server::html::pct;

fn server() -> TestServer {
    start(&[seed_article(), hostile_article()])
}

#[test]
fn every_documented_path_answers_json() {
    let s = server();
    let seed = seed_article();
    let key = pct("person:donald trump");
    let paths = newsgraph_server::openapi::get_paths();
    assert!(paths.len() >= 9, "{paths:?}");
    let story = s
        .store
        .get(&seed.id)
        .unwrap()
        .and_then(|a| a.story)
        .expect("the stored seed has a story");
    for p in paths {
        let id = if p.starts_with("/api/stories/") {
            &story
        } else {
            &seed.id
        };
        let url = p.replace("{id}", id).replace("{key}", &key);
        let r = get(s.addr, &url);
        assert_eq!(r.status, 200, "{url}: {}", r.body);
        assert!(
            r.header("content-type").starts_with("application/json"),
            "{url}"
        );
        let _ = r.json();
    }
}

#[test]
fn every_api_route_is_documented() {
    // The routes the API module registers, by their OpenAPI form.
    let documented = newsgraph_server::openapi::paths();
    for route in [
        "/api/openapi.json",
        "/api/stats",
        "/api/latest",
        "/api/articles/{id}",
        "/api/search",
        "/api/entities",
        "/api/entities/{key}",
        "/api/entities/{key}/quotes",
        "/api/claims",
        "/api/timeline",
        "/api/stories",
        "/api/stories/{id}",
        "/api/entities/{key}/merge",
        "/api/entities/{key}/split",
    ] {
        assert!(
            documented.iter().any(|d| d == route),
            "{route} missing from the OpenAPI document"
        );
    }
    let doc = newsgraph_server::openapi::document();
    assert_eq!(doc["openapi"], "3.1.0");
}

#[test]
fn api_returns_records_and_errors_as_json() {
    let s = server();
    let seed = seed_article();
    let a = get(s.addr, &format!("/api/articles/{}", seed.id)).json();
    assert_eq!(
        a["title"],
        "Iran rejects claims of seeking talks with the US"
    );
    assert_eq!(a["quotes"].as_array().map(Vec::len), Some(2));
    assert_eq!(a["entities"][2]["name"], "Donald Trump");

    let latest = get(s.addr, "/api/latest?limit=1").json();
    assert_eq!(latest["items"].as_array().map(Vec::len), Some(1));

    let r = get(s.addr, "/api/search?q=negotiations");
    let sr = r.json();
    assert!(sr["total"].as_u64().unwrap_or(0) >= 1, "{sr}");
    assert_eq!(sr["hits"][0]["article"]["id"], seed.id.as_str());

    let q = get(
        s.addr,
        &format!("/api/entities/{}/quotes", pct("person:donald trump")),
    )
    .json();
    assert!(
        q["items"][0]["quote"]["text"]
            .as_str()
            .unwrap_or("")
            .contains("scheduled Iran talks"),
        "{q}"
    );

    let claims = get(s.addr, "/api/claims").json();
    let thread = claims["items"]
        .as_array()
        .and_then(|t| t.iter().find(|t| t["claim"]["claim"]["id"] == "c1"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        thread["responses"][0]["claim"]["stance"], "deny",
        "{claims}"
    );

    let nf = get(s.addr, "/api/articles/does-not-exist");
    assert_eq!(nf.status, 404);
    assert_eq!(nf.json()["status"], 404);
    let bad = get(s.addr, "/api/search?from=yesterday");
    assert_eq!(bad.status, 400);
    assert!(bad.json()["error"].as_str().unwrap_or("").contains("from"));
    let bad = get(s.addr, "/api/latest?limit=lots");
    assert_eq!(bad.status, 400);
    assert_eq!(get(s.addr, "/api/nope").status, 404);
    assert_eq!(get(s.addr, "/api/nope").json()["status"], 404);
}

#[test]
fn pages_render_with_security_headers() {
    let s = server();
    let seed = seed_article();
    for path in [
        "/".to_string(),
        format!("/article/{}", seed.id),
        format!("/entity/{}", pct("person:donald trump")),
        "/entities".into(),
        "/claims".into(),
        "/search?q=talks".into(),
        "/timeline".into(),
    ] {
        let r = get(s.addr, &path);
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        assert!(r.header("content-type").starts_with("text/html"), "{path}");
        assert!(
            r.header("content-security-policy")
                .contains("script-src 'self'"),
            "{path}"
        );
        assert_eq!(r.header("x-content-type-options"), "nosniff");
        assert!(r.body.starts_with("<!doctype html>"));
    }
    assert_eq!(get(s.addr, "/article/nope").status, 404);
    assert_eq!(get(s.addr, "/no/such/page").status, 404);
    assert!(get(s.addr, "/assets/style.css")
        .header("content-type")
        .starts_with("text/css"));
}

#[test]
fn article_page_highlights_every_layer() {
    let s = server();
    let seed = seed_article();
    let body = get(s.addr, &format!("/article/{}", seed.id)).body;
    // Entity mentions link to their entity pages, coloured by kind.
    assert!(
        body.contains(r#"href="/entity/person%3Adonald%20trump" class="m l-entity ent-person""#),
        "{body}"
    );
    for class in [
        "l-quote",
        "l-speaker",
        "l-cue",
        "l-claim claim-assert",
        "l-claim claim-deny",
        "l-time",
        "l-figure",
        "l-event",
    ] {
        assert!(body.contains(class), "missing {class}");
    }
    // Resolved time values are tooltips.
    assert!(body.contains(r#"title="date = 2025-07-08, resolved against published""#));
    // Furniture is shown apart from the text.
    let text_end = body.find("class=\"furniture\"").expect("furniture section");
    assert!(body[text_end..].contains("Latest News"));
    // Layer lists.
    assert!(body.contains("Iranian foreign ministry spokesperson"));
    assert!(body.contains("at least 1,060 people"));
}

#[test]
fn entity_page_lists_quotes_and_claims() {
    let s = server();
    let body = get(s.addr, &format!("/entity/{}", pct("person:donald trump"))).body;
    assert!(
        body.contains("We have scheduled Iran talks. They want to talk."),
        "{body}"
    );
    assert!(body.contains("former U.S. President"));
    assert!(body.contains("Iran wants talks with the United States"));
    let board = get(s.addr, "/claims").body;
    let i = board
        .find("Iran wants talks with the United States")
        .expect("claim on the board");
    assert!(
        board[i..].contains("Iran has not sought negotiations"),
        "denial next to its claim"
    );
}

#[test]
fn timeline_shows_events_in_context() {
    let s = server();
    let body = get(s.addr, "/timeline").body;
    assert!(
        body.contains("<mark>Trump told reporters at the White House</mark>"),
        "{body}"
    );
    assert!(
        body.contains("7 Jul 2025"),
        "event placed at its resolved date"
    );
    assert!(
        body.contains(">Donald Trump<"),
        "actor id resolved to its name"
    );
    let none = get(s.addr, "/timeline?from=2030").body;
    assert!(none.contains("No events in this range."));
}

#[test]
fn search_page_shows_hits_and_facets() {
    let s = server();
    let body = get(s.addr, "/search?q=negotiations").body;
    assert!(
        body.contains("Iran rejects claims of seeking talks with the US"),
        "{body}"
    );
    assert!(body.contains("<mark>"), "matched terms marked");
    assert!(body.contains("source=Test%20Wire"), "source facet link");
    assert!(
        body.contains("entity=person%3Adonald%20trump"),
        "entity facet link"
    );
    let filtered = get(s.addr, "/search?q=negotiations&source=Nowhere").body;
    assert!(filtered.contains(">0 articles<"), "{filtered}");
    assert_eq!(get(s.addr, "/search?from=bad").status, 400);
}

#[test]
fn hostile_article_renders_inert() {
    // Writable, so the entity page carries its correction forms too.
    let s = start_with(
        &[seed_article(), hostile_article()],
        Some("hostile-test-write-token"),
    );
    let h = hostile_article();
    let r = get(s.addr, &format!("/article/{}", h.id));
    assert_eq!(r.status, 200, "{}", r.body);
    let body = &r.body;
    assert_markup_is_ours(body);
    assert!(body.contains("&lt;script&gt;window.__xss=1&lt;/script&gt;"));
    assert!(body.contains("&lt;img src=x onerror=&quot;window.__xss=2&quot;&gt;"));
    // The feed and search list it without executing anything either.
    let feed = get(s.addr, "/").body;
    assert_markup_is_ours(&feed);
    assert!(feed.contains("Hostile &lt;script&gt;"));
    for path in ["/search?q=payload", "/claims", "/entities", "/timeline"] {
        assert_markup_is_ours(&get(s.addr, path).body);
    }
    let ent = get(s.addr, "/entities").body;
    let href = ent
        .split("href=\"/entity/person%3Amallory")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("entity link");
    let page = get(s.addr, &format!("/entity/person%3Amallory{href}"));
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("fix-merge"),
        "the correction forms are checked too"
    );
    assert_markup_is_ours(&page.body);
}

/// Every tag in the page is one the UI writes: known elements, known attributes, the
/// only script our own asset, no `javascript:` links. Escaped text contains no `<`, so
/// every `<` starts a real tag.
fn assert_markup_is_ours(body: &str) {
    const TAGS: &[&str] = &[
        "!doctype",
        "html",
        "head",
        "meta",
        "title",
        "link",
        "script",
        "body",
        "header",
        "div",
        "a",
        "span",
        "nav",
        "form",
        "input",
        "main",
        "footer",
        "h1",
        "h2",
        "h3",
        "p",
        "article",
        "aside",
        "section",
        "label",
        "time",
        "ul",
        "ol",
        "li",
        "blockquote",
        "table",
        "tbody",
        "thead",
        "tr",
        "td",
        "th",
        "code",
        "strong",
        "mark",
        "select",
        "option",
        "button",
        "details",
        "summary",
        "datalist",
    ];
    const ATTRS: &[&str] = &[
        "lang",
        "charset",
        "name",
        "content",
        "rel",
        "href",
        "src",
        "defer",
        "class",
        "id",
        "title",
        "type",
        "placeholder",
        "aria-label",
        "aria-current",
        "action",
        "method",
        "role",
        "data-layer",
        "checked",
        "datetime",
        "value",
        "size",
        "selected",
        "autofocus",
        "html",
        "open",
        "list",
        "autocomplete",
    ];
    let mut rest = body;
    while let Some(i) = rest.find('<') {
        let tag_end = rest[i..].find('>').map(|j| i + j).expect("unclosed tag");
        let tag = &rest[i + 1..tag_end];
        rest = &rest[tag_end + 1..];
        if let Some(closing) = tag.strip_prefix('/') {
            assert!(
                TAGS.contains(&closing.to_ascii_lowercase().as_str()),
                "closing tag {tag:?}"
            );
            continue;
        }
        let name = tag
            .split(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        assert!(TAGS.contains(&name.as_str()), "unexpected element <{tag}>");
        // Attribute names: tokens outside quoted values.
        let mut in_q = false;
        let mut token = String::new();
        let mut names = Vec::new();
        for c in tag[name.len()..].chars() {
            match c {
                '"' => in_q = !in_q,
                '=' if !in_q => names.push(std::mem::take(&mut token)),
                c if c.is_whitespace() && !in_q && !token.is_empty() => {
                    names.push(std::mem::take(&mut token))
                }
                c if c.is_whitespace() && !in_q => {}
                c if !in_q => token.push(c),
                _ => {}
            }
        }
        if !token.is_empty() {
            names.push(token);
        }
        for n in names {
            assert!(
                ATTRS.contains(&n.to_ascii_lowercase().as_str()),
                "unexpected attribute {n:?} in <{tag}>"
            );
        }
        if name == "script" {
            assert_eq!(tag, r#"script src="/assets/app.js" defer"#);
        }
        assert!(
            !tag.to_ascii_lowercase().contains("javascript:"),
            "javascript: in <{tag}>"
        );
    }
}

#[test]
fn merged_entity_links_redirect_to_the_stored_entity() {
    // A second article names only "Trump": the store links it into "Donald Trump".
    let mut a = newsgraph_model::Article::from_blocks(
        newsgraph_model::Meta {
            url: Some("https://news.test/second".into()),
            ..Default::default()
        },
        Some("Trump speaks again".into()),
        &[(
            newsgraph_model::BlockKind::Paragraph,
            "Trump spoke on Friday.".into(),
        )],
    );
    a.entities = vec![from(serde_json::json!({
        "id": "e1", "name": "Trump", "kind": "person", "aliases": [], "descriptors": [], "mentions": [[19, 24]]
    }))];
    let s = start(&[seed_article(), a.clone()]);
    let r = get(s.addr, "/entity/person%3Atrump");
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.header("location"), "/entity/person%3Adonald%20trump");
    assert_eq!(get(s.addr, "/entity/person%3Anobody").status, 404);
}

#[test]
fn unknown_stories_are_404_and_an_empty_store_has_no_stories() {
    let s = server();
    for path in ["/api/stories/s-nope", "/story/s-nope"] {
        let r = get(s.addr, path);
        assert_eq!(r.status, 404, "{path}: {}", r.body);
        assert!(r.body.contains("s-nope"), "{path}: {}", r.body);
    }
    let empty = start(&[]);
    let list = get(empty.addr, "/api/stories").json();
    assert_eq!(list["items"].as_array().map(Vec::len), Some(0), "{list}");
    let page = get(empty.addr, "/stories");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("No stories yet"), "{}", page.body);
    let bad = get(s.addr, "/api/stories?limit=lots");
    assert_eq!(bad.status, 400, "{}", bad.body);
}
