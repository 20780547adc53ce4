//! Test support: hand-built articles with layers, a server over a temporary store, and
//! a minimal HTTP/1.1 client (std only).
#![allow(dead_code)]

use newsgraph_model::*;
use newsgraph_store::Store;
use serde_json::json;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::time::Duration;

/// A layer item from its JSON form (robust to fields added to the model later).
pub fn from<T: serde::de::DeserializeOwned>(v: serde_json::Value) -> T {
    serde_json::from_value(v).expect("fixture JSON matches the model")
}

/// Code-point span of the `nth` occurrence of `needle` in `text`.
pub fn sp(text: &str, needle: &str, nth: usize) -> Span {
    let (b, _) = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    let start = text[..b].chars().count();
    Span::new(start, start + needle.chars().count())
}

fn entity(
    id: &str,
    name: &str,
    kind: EntityKind,
    descriptors: &[&str],
    mentions: Vec<Span>,
) -> Entity {
    Entity {
        id: id.into(),
        name: name.into(),
        kind,
        aliases: vec![],
        descriptors: descriptors.iter().map(|s| s.to_string()).collect(),
        mentions,
        registry_ref: None,
        gender: None,
    }
}

/// A short seed-like article with every layer filled by hand.
pub fn seed_article() -> Article {
    let meta = Meta {
        url: Some("https://news.test/iran-rejects-talks".into()),
        source: Some("Test Wire".into()),
        language: Some("en".into()),
        published: Some("2025-07-08T14:20:00Z".into()),
        authors: vec![],
    };
    let mut a = Article::from_blocks(
        meta,
        Some("Iran rejects claims of seeking talks with the US".into()),
        &[
            (BlockKind::Paragraph, "Iran has refuted claims that it has sought negotiations with the United States, following remarks by former U.S. President Donald Trump suggesting otherwise.".into()),
            (BlockKind::Heading, "Iran denies US negotiation request".into()),
            (BlockKind::Paragraph, "Speaking to the Tasnim news agency on Tuesday, Iranian foreign ministry spokesperson Esmaeil Baqaei stated, “No request for a meeting has been made on our side to the American side.”".into()),
            (BlockKind::Paragraph, "On Monday, Trump told reporters at the White House, “We have scheduled Iran talks. They want to talk.”".into()),
            (BlockKind::Paragraph, "Iranian authorities reported at least 1,060 fatalities from Israeli strikes.".into()),
        ],
    );
    let t = a.text.clone();
    a.entities = vec![
        entity(
            "e1",
            "Iran",
            EntityKind::Place,
            &[],
            vec![sp(&t, "Iran", 0), sp(&t, "Iran", 1), sp(&t, "Iran", 2)],
        ),
        entity(
            "e2",
            "United States",
            EntityKind::Place,
            &[],
            vec![sp(&t, "United States", 0)],
        ),
        entity(
            "e3",
            "Donald Trump",
            EntityKind::Person,
            &["former U.S. President"],
            vec![sp(&t, "Donald Trump", 0), sp(&t, "Trump", 1)],
        ),
        entity(
            "e4",
            "Esmaeil Baqaei",
            EntityKind::Person,
            &["Iranian foreign ministry spokesperson"],
            vec![sp(&t, "Esmaeil Baqaei", 0)],
        ),
        entity(
            "e5",
            "Tasnim",
            EntityKind::Organization,
            &["news agency"],
            vec![sp(&t, "Tasnim", 0)],
        ),
        entity(
            "e6",
            "Iranian authorities",
            EntityKind::Group,
            &[],
            vec![sp(&t, "Iranian authorities", 0)],
        ),
    ];
    a.entities[2].aliases = vec!["Trump".into()];
    let q1 = "“No request for a meeting has been made on our side to the American side.”";
    let q2 = "“We have scheduled Iran talks. They want to talk.”";
    a.quotes = vec![
        from(json!({
            "id": "q1", "kind": "direct", "text": q1.trim_matches(['“', '”']), "span": sp(&t, q1, 0),
            "speaker": "e4", "speaker_text": "Esmaeil Baqaei", "cue": "stated", "cue_span": sp(&t, "stated", 0),
            "venue": "to the Tasnim news agency", "when": "2025-07-08"
        })),
        from(json!({
            "id": "q2", "kind": "direct", "text": q2.trim_matches(['“', '”']), "span": sp(&t, q2, 0),
            "speaker": "e3", "speaker_text": "Trump", "speaker_span": sp(&t, "Trump", 1), "cue": "told", "cue_span": sp(&t, "told", 0),
            "venue": "at the White House", "when": "2025-07-07"
        })),
    ];
    a.claims = vec![
        Claim {
            id: "c1".into(),
            holder: Some("e3".into()),
            holder_text: Some("Trump".into()),
            content: "Iran wants talks with the United States".into(),
            span: sp(&t, "They want to talk.", 0),
            stance: Stance::Assert,
            answers: None,
            cue: Some("told".into()),
            when: Some("2025-07-07".into()),
        },
        Claim {
            id: "c2".into(),
            holder: Some("e1".into()),
            holder_text: Some("Iran".into()),
            content: "Iran has not sought negotiations with the United States".into(),
            span: sp(
                &t,
                "Iran has refuted claims that it has sought negotiations with the United States",
                0,
            ),
            stance: Stance::Deny,
            answers: Some("c1".into()),
            cue: Some("refuted".into()),
            when: Some("2025-07-08".into()),
        },
    ];
    a.times = vec![
        Time {
            text: "on Tuesday".into(),
            span: sp(&t, "on Tuesday", 0),
            kind: TimeType::Date,
            value: "2025-07-08".into(),
            r#mod: None,
            anchor: Some(Anchor::Published),
        },
        Time {
            text: "On Monday".into(),
            span: sp(&t, "On Monday", 0),
            kind: TimeType::Date,
            value: "2025-07-07".into(),
            r#mod: None,
            anchor: Some(Anchor::Published),
        },
    ];
    a.figures = vec![Figure {
        text: "at least 1,060 fatalities".into(),
        span: sp(&t, "at least 1,060 fatalities", 0),
        value: 1060.0,
        unit: Some("people".into()),
        kind: FigureKind::Killed,
        qualifier: Qualifier::AtLeast,
        source: Some("e6".into()),
        source_text: Some("Iranian authorities".into()),
        about: None,
    }];
    a.events = vec![Event {
        id: "v1".into(),
        kind: "statement".into(),
        cameo: None,
        text: "Trump told reporters at the White House".into(),
        span: sp(&t, "Trump told reporters at the White House", 0),
        actors: vec!["e3".into()],
        targets: vec![],
        places: vec![],
        when: Some("2025-07-07".into()),
    }];
    a.furniture = vec![Furniture {
        kind: FurnitureKind::Latest,
        label: Some("Latest News".into()),
        items: vec![FurnitureItem {
            text: "Iran rejects claims of seeking talks with the US".into(),
            time: Some("14:20".into()),
            url: None,
        }],
    }];
    a
}

pub const XSS_SCRIPT: &str = "<script>window.__xss=1</script>";
pub const XSS_IMG: &str = "<img src=x onerror=\"window.__xss=2\">";

/// An article whose every field carries markup payloads.
pub fn hostile_article() -> Article {
    let meta = Meta {
        url: Some("javascript:window.__xss=3".into()),
        source: Some("<b>Evil</b> \"Source\"".into()),
        language: None,
        published: Some("2025-07-09\"><script>x</script>".into()),
        authors: vec!["<i onmouseover=alert(1)>Mallory</i>".into()],
    };
    let mut a = Article::from_blocks(
        meta,
        Some(format!("Hostile {XSS_SCRIPT} headline")),
        &[
            (
                BlockKind::Paragraph,
                format!("The payload {XSS_SCRIPT} and {XSS_IMG} must stay text."),
            ),
            (
                BlockKind::Paragraph,
                "Mallory said “</span></a><script>window.__xss=4</script>” to nobody.".into(),
            ),
        ],
    );
    let t = a.text.clone();
    a.entities = vec![entity(
        "e1",
        "Mallory\"><svg onload=alert(1)>",
        EntityKind::Person,
        &["<b>hacker</b>"],
        vec![sp(&t, "Mallory", 0), sp(&t, XSS_IMG, 0)],
    )];
    let qs = "“</span></a><script>window.__xss=4</script>”";
    a.quotes = vec![from(json!({
        "id": "q1", "kind": "direct", "text": "</span></a><script>window.__xss=4</script>", "span": sp(&t, qs, 0),
        "speaker": "e1", "speaker_text": "Mallory", "cue": "said\" onclick=\"x", "cue_span": sp(&t, "said", 0),
        "venue": "<iframe>"
    }))];
    // Overlapping, out-of-range and inverted spans must not break anything.
    a.times = vec![Time {
        text: "x".into(),
        span: Span {
            start: 5,
            end: 100_000,
        },
        kind: TimeType::Date,
        value: "\"><script>".into(),
        r#mod: None,
        anchor: None,
    }];
    a.figures = vec![Figure {
        text: "y".into(),
        span: Span { start: 30, end: 10 },
        value: 1e300,
        unit: None,
        kind: FigureKind::Count,
        qualifier: Qualifier::Exact,
        source: None,
        source_text: None,
        about: None,
    }];
    a.furniture = vec![Furniture {
        kind: FurnitureKind::Related,
        label: Some("<script>window.__xss=5</script>".into()),
        items: vec![FurnitureItem {
            text: "click".into(),
            time: None,
            url: Some("javascript:window.__xss=6".into()),
        }],
    }];
    a
}

/// A running server over a temporary store; stops when dropped (the runtime thread
/// ends with the test process).
pub struct TestServer {
    pub addr: SocketAddr,
    pub store: Arc<dyn Store>,
    _dir: tempfile::TempDir,
}

pub fn start(articles: &[Article]) -> TestServer {
    start_with(articles, None)
}

/// A server that takes writes carrying `token` (read-only with `None`).
pub fn start_with(articles: &[Article], token: Option<&str>) -> TestServer {
    let token = token.map(|t| newsgraph_server::write::WriteToken::new(t).expect("token"));
    let dir = tempfile::tempdir().expect("tempdir");
    let store = newsgraph_store::open(dir.path()).expect("open store");
    store.put_batch(articles).expect("put");
    let store: Arc<dyn Store> = Arc::new(store);
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.set_nonblocking(true).expect("nonblocking");
    let addr = listener.local_addr().expect("addr");
    let s2 = store.clone();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async move {
            let l = tokio::net::TcpListener::from_std(listener).expect("listener");
            newsgraph_server::serve(l, s2, token, std::future::pending())
                .await
                .expect("serve");
        });
    });
    TestServer {
        addr,
        store,
        _dir: dir,
    }
}

pub struct Resp {
    pub status: u16,
    pub headers: HashMap<String, String>,
    pub body: String,
}

impl Resp {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
            .unwrap_or("")
    }
}

/// GET over a fresh connection.
pub fn get(addr: SocketAddr, path: &str) -> Resp {
    request(addr, "GET", path, &[], "")
}

/// POST `body` with extra `headers` (e.g. `Content-Type`, `Authorization`).
pub fn post(addr: SocketAddr, path: &str, headers: &[(&str, &str)], body: &str) -> Resp {
    request(addr, "POST", path, headers, body)
}

/// One request over a fresh connection.
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Resp {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if method != "GET" {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    write!(s, "{head}\r\n{body}").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("header end");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut body = raw[split + 4..].to_vec();
    let mut lines = head.lines();
    let status: u16 = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|c| c.parse().ok())
        .expect("status");
    let headers: HashMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    if headers
        .get("transfer-encoding")
        .map(|v| v.contains("chunked"))
        .unwrap_or(false)
    {
        body = dechunk(&body);
    }
    Resp {
        status,
        headers,
        body: String::from_utf8(body).expect("utf-8 body"),
    }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(i) = b.windows(2).position(|w| w == b"\r\n") {
        let n = usize::from_str_radix(String::from_utf8_lossy(&b[..i]).trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.extend_from_slice(&b[i + 2..i + 2 + n]);
        b = &b[i + 2 + n + 2..];
    }
    out
}
