//! The embedded store against real SQLite and Tantivy files in a temp dir.

use newsgraph_model::*;
use newsgraph_store::*;

fn meta(url: Option<&str>, source: &str, published: &str) -> Meta {
    Meta {
        url: url.map(str::to_string),
        source: Some(source.into()),
        published: Some(published.into()),
        ..Default::default()
    }
}

fn from_json<T: serde::de::DeserializeOwned>(v: serde_json::Value) -> T {
    serde_json::from_value(v).expect("valid layer JSON")
}

fn span_of(text: &str, needle: &str) -> Span {
    let b = text.find(needle).expect("needle in text");
    let ix = CharIndex::new(text);
    ix.span(b..b + needle.len())
}

fn entity(
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
fn article_one() -> Article {
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
fn article_two() -> Article {
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

fn plain(text: &str, source: &str) -> Article {
    Article::from_blocks(
        meta(None, source, ""),
        None,
        &[(BlockKind::Paragraph, text.into())],
    )
}

#[test]
fn put_get_duplicates_and_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(dir.path()).unwrap();
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
    let store = EmbeddedStore::open(dir.path()).unwrap();
    assert_eq!(store.reconciled(), Reconciled::default());
    assert_eq!(store.stats().unwrap().articles, 2);
    assert_eq!(
        store.put(&one).unwrap(),
        PutOutcome::Duplicate {
            existing_id: one.id.clone()
        }
    );
}

#[test]
fn entities_link_across_articles_and_pages_gather_quotes_and_claims() {
    let dir = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(dir.path()).unwrap();
    let (one, two) = (article_one(), article_two());
    store.put_batch(&[one.clone(), two.clone()]).unwrap();

    let page = store
        .entity("person:donald trump")
        .unwrap()
        .expect("entity page");
    assert_eq!(page.name, "Donald Trump");
    assert_eq!(
        page.article_count, 2,
        "\"Trump\" in article two links by alias"
    );
    assert!(page.aliases.contains(&"Trump".to_string()));
    assert_eq!(page.descriptors[0].text, "US President");
    assert_eq!(page.quotes.len(), 1);
    assert_eq!(page.quotes[0].quote.text, "Iran wants talks");
    assert_eq!(page.quotes[0].article.id, one.id);
    assert_eq!(page.claims.len(), 1);
    assert!(store.entity("person:trump").unwrap().is_none());

    let iran = store.entity("place:iran").unwrap().unwrap();
    assert_eq!(iran.article_count, 2);

    let top = store.entities(10, 0, Some(EntityKind::Person)).unwrap();
    assert_eq!(top[0].key, "person:donald trump");
    assert!(top.iter().all(|e| e.kind == EntityKind::Person));

    // The denial in article two answers the assertion in article one.
    let threads = store.claims(10, 0).unwrap();
    assert_eq!(threads.len(), 1, "{threads:#?}");
    assert_eq!(threads[0].claim.claim.stance, Stance::Assert);
    assert_eq!(
        threads[0].claim.holder_key.as_deref(),
        Some("person:donald trump")
    );
    assert_eq!(threads[0].responses.len(), 1);
    assert_eq!(threads[0].responses[0].article.id, two.id);
    assert_eq!(
        threads[0].responses[0].holder_name.as_deref(),
        Some("Esmaeil Baqaei")
    );

    let q = store.quotes_by_speaker("person:donald trump", 10).unwrap();
    assert_eq!(q.len(), 1);

    let tl = store
        .timeline(&TimelineQuery {
            from: Some("2025-06".into()),
            to: Some("2025-06".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(tl.len(), 1);
    assert_eq!(tl[0].date, "2025-06-10");
    let tl = store
        .timeline(&TimelineQuery {
            entity: Some("place:washington".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(tl.len(), 1);
    let tl = store
        .timeline(&TimelineQuery {
            from: Some("2025-07".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(tl.is_empty());

    let latest = store.latest(10, 0).unwrap();
    assert_eq!(
        latest.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        vec![two.id.as_str(), one.id.as_str()]
    );
    assert!(latest[0].ingested_at.ends_with('Z'));
}

#[test]
fn search_filters_facets_and_snippets() {
    let dir = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(dir.path()).unwrap();
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

#[test]
fn reconcile_reindexes_missing_and_drops_orphans() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = EmbeddedStore::open(dir.path()).unwrap();
        store.put_batch(&[article_one(), article_two()]).unwrap();
    }
    // Wipe the index: everything must be re-indexed from SQLite.
    let ix = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| e.file_name().to_string_lossy().starts_with("index-"));
    std::fs::remove_dir_all(ix.unwrap().path()).unwrap();
    {
        let store = EmbeddedStore::open(dir.path()).unwrap();
        assert_eq!(store.reconciled().reindexed, 2);
        assert_eq!(store.stats().unwrap().indexed, 2);
        assert_eq!(
            store
                .search(&SearchQuery {
                    text: Some("Baqaei".into()),
                    ..Default::default()
                })
                .unwrap()
                .total,
            1
        );
    }
    // Remove a row behind the store's back: its index document goes on reopen.
    {
        let conn = rusqlite_free_delete(dir.path());
        assert!(conn);
        let store = EmbeddedStore::open(dir.path()).unwrap();
        assert_eq!(store.reconciled().removed, 1);
        let s = store.stats().unwrap();
        assert_eq!((s.articles, s.indexed), (1, 1));
    }
}

/// Deletes the newest article row (and its layer rows) behind the store's back.
fn rusqlite_free_delete(dir: &std::path::Path) -> bool {
    let conn = rusqlite::Connection::open(dir.join("newsgraph.sqlite")).unwrap();
    let seq: i64 = conn
        .query_row("SELECT max(seq) FROM articles", [], |r| r.get(0))
        .unwrap();
    for t in [
        "mentions",
        "quotes",
        "claims",
        "times",
        "events",
        "article_links",
        "lsh_bands",
    ] {
        conn.execute(&format!("DELETE FROM {t} WHERE seq = ?1"), [seq])
            .unwrap();
    }
    conn.execute("DELETE FROM articles WHERE seq = ?1", [seq])
        .unwrap()
        == 1
}

#[test]
fn deferred_index_commits_catch_up_on_commit_and_reopen() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = EmbeddedStore::open(dir.path()).unwrap();
        store.set_commit_interval(std::time::Duration::from_secs(3600));
        store.put(&article_one()).unwrap();
        // The first batch after open commits (none before); the next waits.
        store.put(&article_two()).unwrap();
        let q = SearchQuery {
            text: Some("Baqaei".into()),
            ..Default::default()
        };
        assert_eq!(
            store.search(&q).unwrap().total,
            0,
            "not yet committed to the index"
        );
        assert_eq!(store.stats().unwrap().articles, 2, "but durable in SQLite");
        store.commit().unwrap();
        assert_eq!(store.search(&q).unwrap().total, 1);
        store
            .put(&plain("Uncommitted at drop time, committed by drop.", "P"))
            .unwrap();
    }
    let store = EmbeddedStore::open(dir.path()).unwrap();
    assert_eq!(store.reconciled(), Reconciled::default());
    let s = store.stats().unwrap();
    assert_eq!((s.articles, s.indexed), (3, 3));
}

/// Trump, Iran and a person named only "Lee" in a third outlet.
fn article_three() -> Article {
    let mut a = Article::from_blocks(
        meta(Some("https://third.test/three"), "Third Post", "2025-07-09"),
        Some("Donald J. Trump speaks again".into()),
        &[(
            BlockKind::Paragraph,
            "Donald J. Trump said “Iran wants talks” again. Iran did not reply.".into(),
        )],
    );
    let t = a.text.clone();
    a.entities = vec![
        entity(
            "e1",
            "Donald J. Trump",
            EntityKind::Person,
            &[],
            &["Mr"],
            &t,
        ),
        entity("e2", "Iran", EntityKind::Place, &[], &[], &t),
    ];
    a.quotes = vec![from_json(serde_json::json!({
        "id": "q1", "kind": "direct", "text": "Iran wants talks",
        "span": span_of(&t, "Iran wants talks”"), "speaker": "e1", "speaker_text": "Donald J. Trump",
        "cue": "said", "cue_span": span_of(&t, "said")
    }))];
    a
}

fn ref_of(store: &EmbeddedStore, id: &str, local: &str) -> String {
    let a = store.get(id).unwrap().expect("stored");
    let e = a.entities.iter().find(|e| e.id == local).expect("entity");
    e.registry_ref.clone().expect("a ref")
}

#[test]
fn merge_and_split_persist_and_refuse_bad_corrections() {
    let dir = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(dir.path()).unwrap();
    let (one, two, three) = (article_one(), article_two(), article_three());
    store
        .put_batch(&[one.clone(), two.clone(), three.clone()])
        .unwrap();
    let trump = ref_of(&store, &one.id, "e1");
    let trump_j = ref_of(&store, &three.id, "e1");
    assert_eq!(ref_of(&store, &two.id, "e3"), trump, "Trump links by alias");
    assert_ne!(
        trump_j, trump,
        "Donald J. Trump is its own entity before the merge"
    );
    let iran = ref_of(&store, &one.id, "e2");

    // Refused corrections change nothing.
    let before = store.entity(&trump).unwrap().unwrap();
    for (from, into) in [
        ("person:nobody", trump.as_str()),
        (trump.as_str(), iran.as_str()),
        (trump.as_str(), trump.as_str()),
    ] {
        let err = store.merge_entities(from, into).unwrap_err();
        assert!(matches!(err, StoreError::Correction(_)), "{err}");
    }
    let err = store.merge_entities(&trump, &iran).unwrap_err().to_string();
    assert!(err.contains("person") && err.contains("place"), "{err}");
    let err = store
        .split_entity(&trump, &three.id)
        .unwrap_err()
        .to_string();
    assert!(err.contains("does not mention"), "{err}");
    assert!(store.split_entity(&trump, "no-such-article").is_err());
    assert_eq!(store.entity(&trump).unwrap().unwrap(), before);

    // Merge: every article entity, quote and count moves; the old ref redirects.
    let out = store.merge_entities(&trump_j, &trump).unwrap();
    assert_eq!(out.mentions_moved, 1);
    assert_eq!(ref_of(&store, &three.id, "e1"), trump);
    let page = store.entity(&trump).unwrap().unwrap();
    assert_eq!(page.article_count, 3);
    assert_eq!(page.merged_from, vec![trump_j.clone()]);
    assert_eq!(
        store.entity(&trump_j).unwrap().unwrap().key,
        trump,
        "old ref shows the merged record"
    );
    assert!(page
        .alias_counts
        .iter()
        .any(|a| a.text == "Donald J. Trump"));
    // The same quote carried by two outlets is one quote with both articles.
    assert_eq!(page.quote_groups.len(), 1, "{:?}", page.quote_groups);
    assert_eq!(page.quote_groups[0].articles.len(), 2);
    assert_eq!(
        page.quote_groups[0].outlets,
        vec!["News Test", "Third Post"]
    );
    // Descriptors carry their dates.
    let d = page
        .descriptors
        .iter()
        .find(|d| d.text == "US President")
        .unwrap();
    assert_eq!(d.first_seen.as_deref(), Some("2025-06-13"));

    // A later ingest of "Donald J. Trump" lands in the merged entity.
    let mut four = article_three();
    four.id = "four".into();
    four.url = Some("https://fourth.test/4".into());
    four.text = four.text.replace("again", "once more");
    store.put(&four).unwrap();
    assert_eq!(ref_of(&store, "four", "e1"), trump);

    // Split: article two's "Trump" becomes its own entity; counts follow.
    let s = store.split_entity(&trump, &two.id).unwrap();
    assert_eq!(ref_of(&store, &two.id, "e3"), s.new_ref);
    assert_eq!(store.entity(&trump).unwrap().unwrap().article_count, 3);
    assert_eq!(store.entity(&s.new_ref).unwrap().unwrap().article_count, 1);

    // Corrections persist across reopening.
    drop(store);
    let store = EmbeddedStore::open(dir.path()).unwrap();
    assert_eq!(ref_of(&store, &three.id, "e1"), trump);
    assert_eq!(ref_of(&store, &two.id, "e3"), s.new_ref);
}
