//! Feed order, timeline paging, list totals and the search analyzer (issue 15, findings
//! 10 and 18), against real SQLite and Tantivy files in a temp dir.

use newsgraph_model::*;
use newsgraph_store::*;

fn article(url: &str, published: &str, title: &str, text: &str) -> Article {
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

fn span_of(text: &str, needle: &str) -> Span {
    let b = text.find(needle).expect("needle in text");
    CharIndex::new(text).span(b..b + needle.len())
}

fn open() -> (tempfile::TempDir, EmbeddedStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(dir.path()).unwrap();
    (dir, store)
}

#[test]
fn feed_orders_by_the_utc_instant_and_keeps_the_original() {
    let (_d, store) = open();
    // As text these sort 13 < 14T02:00:00.500Z < 14T02:00:00Z; as instants the evening
    // of the 13th in New York (04:00 UTC on the 14th) is the newest, and the fraction
    // is later than the whole second.
    let west = article(
        "https://g.test/west",
        "2025-06-13T23:00:00-0500",
        "Ferry talks resume late",
        "The ferry operator met the union late in the evening.",
    );
    let whole = article(
        "https://g.test/whole",
        "2025-06-14T02:00:00Z",
        "Harbour lights switched off",
        "The harbour lights were switched off for the night.",
    );
    let frac = article(
        "https://g.test/frac",
        "2025-06-14T02:00:00.500Z",
        "Pier closed for repairs",
        "The north pier closed for repairs after the storm.",
    );
    store
        .put_batch(&[west.clone(), whole.clone(), frac.clone()])
        .unwrap();
    let latest = store.latest(10, 0).unwrap();
    let ids: Vec<&str> = latest.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        vec![west.id.as_str(), frac.id.as_str(), whole.id.as_str()]
    );
    assert_eq!(
        latest[0].published.as_deref(),
        Some("2025-06-13T23:00:00-0500")
    );
    assert_eq!(
        latest[0].published_utc.as_deref(),
        Some("2025-06-14T04:00:00Z")
    );
    // A search without text lists in the same order.
    let all = store.search(&SearchQuery::default()).unwrap();
    let ids: Vec<&str> = all.hits.iter().map(|h| h.article.id.as_str()).collect();
    assert_eq!(
        ids,
        vec![west.id.as_str(), frac.id.as_str(), whole.id.as_str()]
    );
    assert_eq!(store.total(&ListTotal::Latest).unwrap(), 3);
}

/// Two claims answered by nothing, the later one published first: the board lists the
/// newest first, by instant.
#[test]
fn claims_board_is_newest_first_among_equally_answered() {
    let (_d, store) = open();
    let claim = |a: &mut Article, content: &str| {
        let t = a.text.clone();
        a.claims = vec![serde_json::from_value(serde_json::json!({
            "id": "c1", "holder_text": "the union", "content": content,
            "span": span_of(&t, content), "stance": "assert", "cue": "said"
        }))
        .unwrap()];
    };
    let mut morning = article(
        "https://g.test/m",
        "2025-06-14T06:00:00+02:00",
        "Union on pay",
        "The union said pay talks had stalled.",
    );
    claim(&mut morning, "pay talks had stalled");
    let mut evening = article(
        "https://g.test/e",
        "2025-06-14T20:00:00.250+02:00",
        "Union on rotas",
        "The union said rotas were unsafe.",
    );
    claim(&mut evening, "rotas were unsafe");
    store
        .put_batch(&[evening.clone(), morning.clone()])
        .unwrap();
    let board = store.claims(10, 0).unwrap();
    let ids: Vec<&str> = board.iter().map(|t| t.claim.article.id.as_str()).collect();
    assert_eq!(ids, vec![evening.id.as_str(), morning.id.as_str()]);
    assert_eq!(store.total(&ListTotal::Claims).unwrap(), 2);
}

#[test]
fn timeline_cursor_pages_never_repeat_an_event() {
    let (_d, store) = open();
    // Five events on one day in two articles, one on the next day.
    let mut a = article(
        "https://g.test/tl1",
        "2025-06-20",
        "Storm day",
        "Crews closed the pier. Police shut the road. Staff left the office.",
    );
    let t = a.text.clone();
    let ev = |id: &str, text: &str, t: &str| -> Event {
        serde_json::from_value(serde_json::json!({
            "id": id, "kind": "action", "text": text, "span": span_of(t, text),
            "actors": [], "targets": [], "places": [], "when": "2025-06-20"
        }))
        .unwrap()
    };
    a.events = vec![
        ev("v1", "closed the pier", &t),
        ev("v2", "shut the road", &t),
        ev("v3", "left the office", &t),
    ];
    let mut b = article(
        "https://g.test/tl2",
        "2025-06-21",
        "After the storm",
        "Crews opened the pier. Police opened the road. Staff came back.",
    );
    let t2 = b.text.clone();
    b.events = vec![
        ev("v1", "opened the pier", &t2),
        ev("v2", "opened the road", &t2),
        ev("v3", "came back", &t2),
    ];
    b.events[2].when = Some("2025-06-22".into());
    store.put_batch(&[a, b]).unwrap();

    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    for _ in 0..10 {
        let page = store
            .timeline(&TimelineQuery {
                limit: 2,
                after: after.clone(),
                ..Default::default()
            })
            .unwrap();
        if page.is_empty() {
            break;
        }
        for e in &page {
            seen.push((e.date.clone(), e.event.text.clone()));
        }
        after = page.last().map(|e| e.cursor.clone());
    }
    assert_eq!(seen.len(), 6, "{seen:?}");
    let mut unique = seen.clone();
    unique.dedup();
    assert_eq!(unique.len(), 6, "a page repeated an event: {seen:?}");
    assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0), "{seen:?}");
    assert_eq!(seen.last().map(|s| s.1.as_str()), Some("came back"));
    assert_eq!(
        store
            .total(&ListTotal::Timeline(TimelineQuery::default()))
            .unwrap(),
        6
    );
    assert!(store
        .timeline(&TimelineQuery {
            after: Some("not a cursor".into()),
            ..Default::default()
        })
        .is_err());
}

fn hits(store: &EmbeddedStore, q: &str) -> Vec<String> {
    let r = store
        .search(&SearchQuery {
            text: Some(q.into()),
            ..Default::default()
        })
        .unwrap();
    let mut t: Vec<String> = r
        .hits
        .iter()
        .map(|h| h.article.title.clone().unwrap_or_default())
        .collect();
    t.sort();
    t
}

#[test]
fn search_folds_accents_and_reads_cjk() {
    let (_d, store) = open();
    store
        .put_batch(&[
            article(
                "https://g.test/cafe",
                "2025-06-20",
                "Harbour café reopens",
                "The café on the quay reopened after the storm.",
            ),
            article(
                "https://g.test/zh",
                "2025-06-20",
                "港口新闻",
                "北京大学的学生昨天参观了港口。",
            ),
        ])
        .unwrap();
    assert_eq!(hits(&store, "cafe"), vec!["Harbour café reopens"]);
    assert_eq!(hits(&store, "CAFÉ"), vec!["Harbour café reopens"]);
    assert_eq!(hits(&store, "大学"), vec!["港口新闻"]);
    assert_eq!(hits(&store, "北京大学"), vec!["港口新闻"]);
    // Bigrams in order: characters of the text in another order do not match.
    assert!(hits(&store, "学大").is_empty());
}

#[test]
fn names_are_not_stemmed() {
    let (_d, store) = open();
    let mut named = article(
        "https://g.test/name",
        "2025-06-20",
        "Mayor meets Trump",
        "The mayor met Trump at the harbour.",
    );
    let t = named.text.clone();
    named.entities = vec![Entity {
        id: "e1".into(),
        name: "Trump".into(),
        kind: EntityKind::Person,
        aliases: vec![],
        descriptors: vec![],
        mentions: vec![span_of(&t, "Trump")],
        registry_ref: None,
        gender: None,
    }];
    let verb = article(
        "https://g.test/verb",
        "2025-06-20",
        "Regatta result",
        "The local crew trumped the visitors in the final race.",
    );
    store.put_batch(&[named, verb]).unwrap();
    // A word the store knows as a name is matched as that name, typed in any case.
    assert_eq!(hits(&store, "Trump"), vec!["Mayor meets Trump"]);
    assert_eq!(hits(&store, "trump"), vec!["Mayor meets Trump"]);
    // Ordinary words still stem, and a capital in the query does not make them names.
    assert_eq!(
        hits(&store, "trumped"),
        vec!["Mayor meets Trump", "Regatta result"]
    );
    assert_eq!(hits(&store, "Races"), vec!["Regatta result"]);
}

#[test]
fn totals_and_entity_summaries() {
    let (_d, store) = open();
    let mut a = article(
        "https://g.test/e",
        "2025-06-20",
        "Mayor speaks",
        "Mayor Ana Ruiz said the pier would reopen.",
    );
    let t = a.text.clone();
    a.entities = vec![Entity {
        id: "e1".into(),
        name: "Ana Ruiz".into(),
        kind: EntityKind::Person,
        aliases: vec![],
        descriptors: vec![],
        mentions: vec![span_of(&t, "Ana Ruiz")],
        registry_ref: None,
        gender: None,
    }];
    a.quotes = vec![serde_json::from_value(serde_json::json!({
        "id": "q1", "kind": "indirect", "text": "the pier would reopen",
        "span": span_of(&t, "the pier would reopen"), "speaker": "e1", "cue": "said"
    }))
    .unwrap()];
    store.put(&a).unwrap();
    assert!(store.entity_summary("person:ana ruiz").unwrap().is_some());
    assert!(store.entity_summary("person:nobody").unwrap().is_none());
    assert_eq!(
        store
            .total(&ListTotal::Entities(Some(EntityKind::Person)))
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .total(&ListTotal::Entities(Some(EntityKind::Place)))
            .unwrap(),
        0
    );
    assert_eq!(
        store
            .total(&ListTotal::QuotesBy("person:ana ruiz".into()))
            .unwrap(),
        1
    );
    let page = store.entity("person:ana ruiz").unwrap().unwrap();
    assert_eq!((page.quote_count, page.claim_count), (1, 0));
}
