//! Articles: storing, duplicates, re-opening, odd records, the feed and the totals.

use crate::common::*;
use crate::Backend;
use newsgraph_model::*;
use newsgraph_store::*;

pub(crate) fn put_get_duplicates_and_reopen(b: &mut dyn Backend) {
    let store = b.open();
    let one = article_one();
    assert_eq!(store.put(&one).unwrap(), PutOutcome::Inserted);
    // Same id.
    assert!(matches!(
        store.put(&one).unwrap(),
        PutOutcome::Duplicate { .. }
    ));
    // Same canonical URL, different tracking parameters and text.
    let mut same_url = plain("Different text entirely.", "X");
    same_url.url = Some("HTTPS://NEWS.test/one/".into());
    same_url.id = "someotherid".into();
    assert_eq!(
        store.put(&same_url).unwrap(),
        PutOutcome::Duplicate {
            existing_id: one.id.clone()
        }
    );
    // Same normalised text under another URL.
    let mut same_text = one.clone();
    same_text.id = "yetanother".into();
    same_text.url = Some("https://mirror.test/copy".into());
    same_text.text = one.text.to_uppercase().replace(' ', "  ");
    assert!(matches!(
        store.put(&same_text).unwrap(),
        PutOutcome::Duplicate { .. }
    ));

    let mut back = store.get(&one.id).unwrap().expect("stored");
    // The store adds each entity's registry `ref`; everything else round-trips exactly.
    for e in &mut back.entities {
        assert!(e.registry_ref.is_some(), "{} has a registry ref", e.name);
        e.registry_ref = None;
    }
    // The link stage adds the story; everything else round-trips exactly.
    assert!(back.story.take().is_some(), "a stored article has a story");
    assert!(back.duplicate_of.is_none());
    assert_eq!(back, one, "the record round-trips exactly");
    assert!(store.get("nope").unwrap().is_none());

    // Within one batch, the second copy is a duplicate.
    let p = plain("A short plain text about markets.", "Plain");
    let out = store.put_batch(&[p.clone(), p.clone()]).unwrap();
    assert_eq!(out[0], PutOutcome::Inserted);
    assert!(matches!(out[1], PutOutcome::Duplicate { .. }));

    let s = store.stats().unwrap();
    assert_eq!((s.articles, s.indexed), (2, 2));
    drop(store);
    let store = b.open();
    assert_eq!(store.stats().unwrap().articles, 2);
    assert_eq!(
        store.put(&one).unwrap(),
        PutOutcome::Duplicate {
            existing_id: one.id.clone()
        }
    );
}

pub(crate) fn latest_pages_and_empty_store(b: &mut dyn Backend) {
    let store = b.open();
    assert_eq!(store.stats().unwrap().articles, 0);
    assert!(store.latest(10, 0).unwrap().is_empty());
    let empty = store.search(&SearchQuery::default()).unwrap();
    assert_eq!(empty.total, 0);
    assert!(empty.facets.sources.is_empty());
    assert!(store.claims(10, 0).unwrap().is_empty());
    assert!(store.entity("person:nobody").unwrap().is_none());
    assert!(store.summary("nope").unwrap().is_none());

    let arts: Vec<Article> = (0..7)
        .map(|i| {
            let mut a = plain(&format!("Item {i} about harbour dredging works."), "Pager");
            a.published = Some(format!("2025-01-{:02}", 10 + i));
            a
        })
        .collect();
    store.put_batch(&arts).unwrap();
    let first = store.latest(3, 0).unwrap();
    let second = store.latest(3, 3).unwrap();
    assert_eq!(first.len(), 3);
    assert_eq!(
        first[0].published.as_deref(),
        Some("2025-01-16"),
        "newest first"
    );
    assert_eq!(second[0].published.as_deref(), Some("2025-01-13"));
    let summary = store.summary(&arts[2].id).unwrap().unwrap();
    assert_eq!(summary.source.as_deref(), Some("Pager"));
    // No text: every match, newest first, and the facets count all of them.
    let all = store
        .search(&SearchQuery {
            limit: 2,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(all.total, 7);
    assert_eq!(all.hits.len(), 2);
    assert_eq!(all.hits[0].article.published.as_deref(), Some("2025-01-16"));
    assert_eq!(
        all.facets.sources,
        vec![FacetCount {
            value: "Pager".into(),
            count: 7
        }]
    );
    assert_eq!(all.facets.months[0].value, "2025-01");
    assert!(
        !all.hits[0].snippet.is_empty(),
        "an opening stands in for a snippet"
    );
}

pub(crate) fn big_and_odd_articles_round_trip(b: &mut dyn Backend) {
    let store = b.open();
    // 3 MB of text with astral and combining characters: stored whole, found by its start.
    let para = "Zürich’s 🚢 harbour—naïve “quotes” and e\u{301}xtra text. ".repeat(50_000);
    let mut big = plain(&format!("Gigantic dredging report. {para}"), "Big");
    big.title = Some("Gigantic dredging report".into());
    assert_eq!(store.put(&big).unwrap(), PutOutcome::Inserted);
    let back = store.get(&big.id).unwrap().unwrap();
    assert_eq!(back.text, big.text);
    let r = store
        .search(&SearchQuery {
            text: Some("gigantic".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(r.total, 1);
    // An article with nothing but text, no date, no source.
    let mut bare = Article::from_blocks(
        Meta::default(),
        None,
        &[(BlockKind::Paragraph, "Unsourced undated note.".into())],
    );
    bare.published = None;
    store.put(&bare).unwrap();
    let mut back = store.get(&bare.id).unwrap().unwrap();
    assert!(
        back.story.take().is_some(),
        "linked into a story of its own"
    );
    assert_eq!(back, bare);
    let dated = store
        .search(&SearchQuery {
            date_from: Some("1900".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        dated.total, 0,
        "an undated article never matches a date filter"
    );
}

pub(crate) fn feed_orders_by_the_utc_instant_and_keeps_the_original(b: &mut dyn Backend) {
    let store = b.open();
    // As text these sort 13 < 14T02:00:00.500Z < 14T02:00:00Z; as instants the evening
    // of the 13th in New York (04:00 UTC on the 14th) is the newest, and the fraction
    // is later than the whole second.
    let west = harbour_article(
        "https://g.test/west",
        "2025-06-13T23:00:00-0500",
        "Ferry talks resume late",
        "The ferry operator met the union late in the evening.",
    );
    let whole = harbour_article(
        "https://g.test/whole",
        "2025-06-14T02:00:00Z",
        "Harbour lights switched off",
        "The harbour lights were switched off for the night.",
    );
    let frac = harbour_article(
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

pub(crate) fn totals_and_entity_summaries(b: &mut dyn Backend) {
    let store = b.open();
    let mut a = harbour_article(
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
