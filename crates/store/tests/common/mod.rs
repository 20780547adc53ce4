//! Fixtures shared by the store tests, and the PostgreSQL test database.
#![allow(dead_code)]

use newsgraph_model::*;

pub fn meta(url: Option<&str>, source: &str, published: &str) -> Meta {
    Meta {
        url: url.map(str::to_string),
        source: Some(source.into()),
        published: Some(published.into()),
        ..Default::default()
    }
}

pub fn from_json<T: serde::de::DeserializeOwned>(v: serde_json::Value) -> T {
    serde_json::from_value(v).expect("valid layer JSON")
}

pub fn span_of(text: &str, needle: &str) -> Span {
    let b = text.find(needle).expect("needle in text");
    let ix = CharIndex::new(text);
    ix.span(b..b + needle.len())
}

pub fn entity(
    id: &str,
    name: &str,
    kind: EntityKind,
    aliases: &[&str],
    descriptors: &[&str],
    text: &str,
) -> Entity {
    Entity {
        id: id.into(),
        name: name.into(),
        kind,
        aliases: aliases.iter().map(|s| s.to_string()).collect(),
        descriptors: descriptors.iter().map(|s| s.to_string()).collect(),
        mentions: vec![span_of(text, name.split(' ').next_back().unwrap_or(name))],
        registry_ref: None,
        gender: None,
    }
}

/// An article where Trump asserts Iran wants talks.
pub fn article_one() -> Article {
    let mut a = Article::from_blocks(
        meta(Some("https://news.test/one?utm_source=feed"), "News Test", "2025-06-13T08:00:00Z"),
        Some("Trump says Iran wants talks".into()),
        &[(BlockKind::Paragraph, "US President Donald Trump said “Iran wants talks” on Tuesday. Trump spoke in Washington.".into())],
    );
    let t = a.text.clone();
    a.entities = vec![
        entity(
            "e1",
            "Donald Trump",
            EntityKind::Person,
            &["Trump"],
            &["US President"],
            &t,
        ),
        entity("e2", "Iran", EntityKind::Place, &[], &[], &t),
        entity("e3", "Washington", EntityKind::Place, &[], &[], &t),
    ];
    // Built from JSON so fields the model gains later default.
    a.quotes = vec![from_json(serde_json::json!({
        "id": "q1", "kind": "direct", "text": "Iran wants talks",
        "span": span_of(&t, "Iran wants talks”"), "speaker": "e1", "speaker_text": "Donald Trump",
        "cue": "said", "cue_span": span_of(&t, "said"), "when": "2025-06-10"
    }))];
    a.claims = vec![from_json(serde_json::json!({
        "id": "c1", "holder": "e1", "holder_text": "Donald Trump", "content": "Iran wants talks",
        "span": span_of(&t, "Iran wants talks”"), "stance": "assert", "cue": "said"
    }))];
    a.events = vec![from_json(serde_json::json!({
        "id": "v1", "kind": "statement", "text": "Trump spoke in Washington",
        "span": span_of(&t, "Trump spoke in Washington"), "actors": ["e1"], "targets": [],
        "places": ["e3"], "when": "2025-06-10"
    }))];
    a
}

/// Another outlet: Iran denies it; "Trump" only (links to Donald Trump by alias).
pub fn article_two() -> Article {
    let mut a = Article::from_blocks(
        meta(Some("https://other.test/two"), "Other Wire", "2025-07-02"),
        Some("Tehran rejects Trump claim <script>alert(1)</script>".into()),
        &[(BlockKind::Paragraph, "Esmaeil Baqaei, the foreign ministry spokesperson, denied that Iran wants talks with Trump.".into())],
    );
    let t = a.text.clone();
    a.entities = vec![
        entity(
            "e1",
            "Esmaeil Baqaei",
            EntityKind::Person,
            &["Baqaei"],
            &["foreign ministry spokesperson"],
            &t,
        ),
        entity("e2", "Iran", EntityKind::Place, &[], &[], &t),
        entity("e3", "Trump", EntityKind::Person, &[], &[], &t),
    ];
    a.claims = vec![from_json(serde_json::json!({
        "id": "c1", "holder": "e1", "holder_text": "Esmaeil Baqaei", "content": "Iran wants talks",
        "span": span_of(&t, "Iran wants talks"), "stance": "deny", "cue": "denied"
    }))];
    a
}

pub fn plain(text: &str, source: &str) -> Article {
    Article::from_blocks(
        meta(None, source, ""),
        None,
        &[(BlockKind::Paragraph, text.into())],
    )
}

/// An article of the "Harbour Gazette" with a title and one paragraph.
pub fn harbour_article(url: &str, published: &str, title: &str, text: &str) -> Article {
    Article::from_blocks(
        Meta {
            url: Some(url.into()),
            source: Some("Harbour Gazette".into()),
            published: Some(published.into()),
            ..Default::default()
        },
        Some(title.into()),
        &[(BlockKind::Paragraph, text.into())],
    )
}
