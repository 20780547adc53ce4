//! Search: filters, facets, snippets and accent folding.

use crate::common::*;
use crate::Backend;
use newsgraph_model::*;
use newsgraph_store::*;

pub(crate) fn search_filters_facets_and_snippets(b: &mut dyn Backend) {
    let store = b.open();
    let (one, two) = (article_one(), article_two());
    store
        .put_batch(&[
            one.clone(),
            two.clone(),
            plain("Markets rallied as talks resumed in Geneva.", "Plain"),
        ])
        .unwrap();

    let r = store
        .search(&SearchQuery {
            text: Some("talks".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(r.total, 3);
    assert_eq!(r.hits[0].article.id, one.id, "title match ranks first");
    let h = &r.hits[0];
    let chars: Vec<char> = h.snippet.chars().collect();
    assert!(!h.highlights.is_empty());
    for [s, e] in &h.highlights {
        assert_eq!(
            chars[*s..*e].iter().collect::<String>().to_lowercase(),
            "talks"
        );
    }
    assert_eq!(r.facets.sources.iter().map(|f| f.count).sum::<u64>(), 3);
    assert!(r
        .facets
        .entities
        .iter()
        .any(|e| e.key == "place:iran" && e.count == 2 && e.name == "Iran"));
    assert!(r
        .facets
        .months
        .iter()
        .any(|m| m.value == "2025-06" && m.count == 1));

    let by_source = store
        .search(&SearchQuery {
            text: Some("talks".into()),
            source: Some("Other Wire".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(by_source.hits.len(), 1);
    assert_eq!(by_source.hits[0].article.id, two.id);

    let dated = store
        .search(&SearchQuery {
            date_from: Some("2025-07-01".into()),
            date_to: Some("2025-07-31".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(dated.total, 1);

    let ent = store
        .search(&SearchQuery {
            entity: Some("person:donald trump".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(ent.total, 2);
    let people = store
        .search(&SearchQuery {
            entity_kind: Some(EntityKind::Person),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(people.total, 2, "articles naming a person");
    let quotes = store
        .search(&SearchQuery {
            layer: Some(LayerKind::Quotes),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(quotes.total, 1);

    let phrase = store
        .search(&SearchQuery {
            text: Some("\"talks resumed\"".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(phrase.total, 1);
    let none = store
        .search(&SearchQuery {
            text: Some("zebra".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(none.total, 0);

    // Hostile input never errors.
    for q in [
        "title:(",
        "\"unbalanced",
        "AND OR NOT",
        "*?~^",
        "",
        "-",
        "a:b:c [1 TO",
    ] {
        store
            .search(&SearchQuery {
                text: Some(q.into()),
                ..Default::default()
            })
            .unwrap();
    }
    assert!(matches!(
        store.search(&SearchQuery {
            date_from: Some("yesterday".into()),
            ..Default::default()
        }),
        Err(StoreError::Query(_))
    ));
    // Paging.
    let p2 = store
        .search(&SearchQuery {
            text: Some("talks".into()),
            limit: 1,
            offset: 1,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(p2.hits.len(), 1);
    assert_ne!(p2.hits[0].article.id, one.id);
}

/// Accents fold ("Zurich" finds "Zürich" and back); the facets of a search without
/// any condition (kept by the writers on PostgreSQL) are those of a filter every
/// article passes, before and after more writes and a duplicate.
pub(crate) fn search_folds_accents_and_counts_every_article(b: &mut dyn Backend) {
    let store = b.open();
    let dated = |text: &str, source: &str, day: &str| {
        let mut a = plain(text, source);
        a.published = Some(day.into());
        a
    };
    store
        .put_batch(&[
            dated(
                "Talks in Zürich resumed on Monday.",
                "Alpine Wire",
                "2025-03-02",
            ),
            dated("Zurich bankers met in Geneva.", "Other Wire", "2025-04-11"),
        ])
        .unwrap();
    for q in ["Zurich", "zürich", "ZÜRICH"] {
        let r = store
            .search(&SearchQuery {
                text: Some(q.into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(r.total, 2, "{q} finds both spellings");
    }
    let mut people = article_one();
    people.published = Some("2025-04-20".into());
    store
        .put_batch(&[
            people.clone(),
            dated("Harbour dredging begins.", "Alpine Wire", "2025-04-12"),
        ])
        .unwrap();
    assert!(matches!(
        store.put(&people).unwrap(),
        PutOutcome::Duplicate { .. }
    ));
    let every = store.search(&SearchQuery::default()).unwrap();
    let passed = store
        .search(&SearchQuery {
            date_from: Some("1900".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(every.total, 4);
    assert_eq!(passed.total, 4);
    assert_eq!(every.facets.sources, passed.facets.sources);
    assert_eq!(every.facets.months, passed.facets.months);
    assert_eq!(every.facets.entity_kinds, passed.facets.entity_kinds);
    assert_eq!(every.facets.layers, passed.facets.layers);
    assert_eq!(
        every.facets.sources.first(),
        Some(&FacetCount {
            value: "Alpine Wire".into(),
            count: 2
        })
    );
    assert_eq!(
        every
            .facets
            .months
            .iter()
            .map(|m| m.value.as_str())
            .collect::<Vec<_>>(),
        vec!["2025-04", "2025-03"],
        "months newest first"
    );
    assert!(every
        .facets
        .entity_kinds
        .iter()
        .any(|k| k.value == "person" && k.count == 1));
    // A phrase: matches, facets and entities of the matches.
    let phrase = store
        .search(&SearchQuery {
            text: Some("\"wants talks\"".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(phrase.total, 1);
    assert_eq!(phrase.hits[0].article.id, people.id);
    assert!(phrase
        .facets
        .entities
        .iter()
        .any(|e| e.key == "person:donald trump" && e.count == 1));
    // A source no article has: nothing, and no facets.
    let nowhere = store
        .search(&SearchQuery {
            text: Some("talks".into()),
            source: Some("No Such Wire".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(nowhere.total, 0);
    assert!(nowhere.hits.is_empty() && nowhere.facets.sources.is_empty());
}
