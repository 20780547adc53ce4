//! The conformance suite: every behaviour of the `Store` trait, run against each
//! implementation — the embedded store (real SQLite + Tantivy files in a temp dir) and
//! the PostgreSQL store (a fresh database on the server of `$NEWSGRAPH_TEST_PG`, which
//! `scripts/test` starts; under `CI=true` a missing server fails the run).
//!
//! Each behaviour is a function over a [`Backend`]; `conformance!` makes one test per
//! behaviour and backend.

mod common;

use common::*;
use newsgraph_model::*;
use newsgraph_store::*;

/// A way to open (and re-open) one store.
trait Backend {
    /// The store with the link stage's configuration `cfg`.
    fn open_with(&mut self, cfg: newsgraph_link::LinkConfig) -> Box<dyn Store>;

    fn open(&mut self) -> Box<dyn Store> {
        self.open_with(newsgraph_link::LinkConfig::default())
    }
}

struct Embedded(tempfile::TempDir);

impl Backend for Embedded {
    fn open_with(&mut self, cfg: newsgraph_link::LinkConfig) -> Box<dyn Store> {
        let mut s = EmbeddedStore::open(self.0.path()).unwrap();
        s.set_link_config(cfg);
        Box::new(s)
    }
}

struct Postgres(String);

impl Backend for Postgres {
    fn open_with(&mut self, cfg: newsgraph_link::LinkConfig) -> Box<dyn Store> {
        let mut s = PostgresStore::connect(&self.0, 4).unwrap();
        s.set_link_config(cfg);
        Box::new(s)
    }
}

macro_rules! conformance {
    ($($name:ident),* $(,)?) => {
        mod embedded {
            $(#[test]
            fn $name() {
                super::$name(&mut super::Embedded(tempfile::tempdir().unwrap()));
            })*
        }
        mod postgres {
            $(#[test]
            fn $name() {
                if let Some(url) = newsgraph_store::testing::test_database(stringify!($name)) {
                    super::$name(&mut super::Postgres(url));
                }
            })*
        }
    };
}

conformance!(
    put_get_duplicates_and_reopen,
    entities_link_across_articles_and_pages_gather_quotes_and_claims,
    search_filters_facets_and_snippets,
    latest_pages_and_empty_store,
    big_and_odd_articles_round_trip,
    merge_and_split_persist_and_refuse_bad_corrections,
    short_names_resolve_by_context_then_commonness,
    bare_surnames_fold_into_their_clear_owner_and_fuller_names_join_by_context,
    feed_orders_by_the_utc_instant_and_keeps_the_original,
    claims_board_is_newest_first_among_equally_answered,
    timeline_cursor_pages_never_repeat_an_event,
    totals_and_entity_summaries,
    stories_and_copies_are_linked_in_the_write_and_exported,
    exact_copies_at_other_urls_export_one_row_per_url,
    bad_filters_are_clear_errors_and_an_empty_store_exports_nothing,
    relink_merges_and_old_ids_resolve,
    search_folds_accents_and_counts_every_article,
    denials_answer_reworded_claims_across_the_outlets_of_a_story,
);

fn put_get_duplicates_and_reopen(b: &mut dyn Backend) {
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

fn entities_link_across_articles_and_pages_gather_quotes_and_claims(b: &mut dyn Backend) {
    let store = b.open();
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

fn search_filters_facets_and_snippets(b: &mut dyn Backend) {
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
fn search_folds_accents_and_counts_every_article(b: &mut dyn Backend) {
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

fn latest_pages_and_empty_store(b: &mut dyn Backend) {
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

fn big_and_odd_articles_round_trip(b: &mut dyn Backend) {
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

fn ref_of(store: &dyn Store, id: &str, local: &str) -> String {
    let a = store.get(id).unwrap().expect("stored");
    let e = a.entities.iter().find(|e| e.id == local).expect("entity");
    e.registry_ref.clone().expect("a ref")
}

fn merge_and_split_persist_and_refuse_bad_corrections(b: &mut dyn Backend) {
    let store = b.open();
    let (one, two, three) = (article_one(), article_two(), article_three());
    store
        .put_batch(&[one.clone(), two.clone(), three.clone()])
        .unwrap();
    let trump = ref_of(&*store, &one.id, "e1");
    let trump_j = ref_of(&*store, &three.id, "e1");
    assert_eq!(
        ref_of(&*store, &two.id, "e3"),
        trump,
        "Trump links by alias"
    );
    assert_ne!(
        trump_j, trump,
        "Donald J. Trump is its own entity before the merge"
    );
    let iran = ref_of(&*store, &one.id, "e2");

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

    // The search filter by entity follows corrections at once (no re-index).
    let found = |store: &dyn Store, e: &str| -> Vec<String> {
        let q = SearchQuery {
            entity: Some(e.into()),
            ..Default::default()
        };
        let mut ids: Vec<String> = store
            .search(&q)
            .unwrap()
            .hits
            .into_iter()
            .map(|h| h.article.id)
            .collect();
        ids.sort();
        ids
    };
    let sorted = |v: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = v.iter().map(|s| s.to_string()).collect();
        v.sort();
        v
    };
    assert_eq!(found(&*store, &trump_j), sorted(&[&three.id]));
    assert_eq!(found(&*store, &trump), sorted(&[&one.id, &two.id]));

    // Merge: every article entity, quote and count moves; the old ref redirects.
    let out = store.merge_entities(&trump_j, &trump).unwrap();
    let all_three = sorted(&[&one.id, &two.id, &three.id]);
    assert_eq!(found(&*store, &trump), all_three);
    assert_eq!(
        found(&*store, &trump_j),
        all_three,
        "the old ref finds the merged entity"
    );
    assert_eq!(out.mentions_moved, 1);
    assert_eq!(ref_of(&*store, &three.id, "e1"), trump);
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
    assert_eq!(ref_of(&*store, "four", "e1"), trump);

    // Split: article two's "Trump" becomes its own entity; counts follow.
    let s = store.split_entity(&trump, &two.id).unwrap();
    assert_eq!(ref_of(&*store, &two.id, "e3"), s.new_ref);
    assert_eq!(store.entity(&trump).unwrap().unwrap().article_count, 3);
    assert_eq!(store.entity(&s.new_ref).unwrap().unwrap().article_count, 1);
    assert_eq!(
        found(&*store, &trump),
        sorted(&[&one.id, &three.id, "four"])
    );
    assert_eq!(found(&*store, &s.new_ref), sorted(&[&two.id]));

    // Corrections persist across reopening.
    drop(store);
    let store = b.open();
    assert_eq!(ref_of(&*store, &three.id, "e1"), trump);
    assert_eq!(ref_of(&*store, &two.id, "e3"), s.new_ref);
}

/// An article `n` naming each `(name, kind, aliases)` in one sentence.
fn naming(n: usize, people: &[(&str, EntityKind, &[&str])]) -> Article {
    let names: Vec<&str> = people.iter().map(|p| p.0).collect();
    let mut a = Article::from_blocks(
        meta(
            Some(&format!("https://names.test/{n}")),
            "Names Post",
            "2005-03-01",
        ),
        Some(format!("Report {n}")),
        &[(
            BlockKind::Paragraph,
            format!("{} met on day {n}.", names.join(" and ")),
        )],
    );
    let t = a.text.clone();
    a.entities = people
        .iter()
        .enumerate()
        .map(|(i, (name, kind, aliases))| {
            entity(&format!("e{}", i + 1), name, *kind, aliases, &[], &t)
        })
        .collect();
    a
}

fn short_names_resolve_by_context_then_commonness(b: &mut dyn Backend) {
    use EntityKind::{Organization as Org, Person};
    let store = b.open();
    let blair: &[&str] = &["Blair"];
    // Tony Blair in three Labour articles, Cherie Blair once beside a charity.
    let mut n = 0;
    let mut next = |people: &[(&str, EntityKind, &[&str])]| {
        n += 1;
        let a = naming(n, people);
        store.put(&a).unwrap();
        a.id
    };
    for _ in 0..3 {
        next(&[("Tony Blair", Person, blair), ("Labour", Org, &[])]);
    }
    next(&[("Cherie Blair", Person, blair), ("Barnardos", Org, &[])]);
    // "Blair" alone with no context: Tony Blair, whom three articles called "Blair".
    let alone = next(&[("Blair", Person, &[])]);
    // "Blair" alone beside the charity: the context picks Cherie Blair.
    let with_charity = next(&[("Blair", Person, &[]), ("Barnardos", Org, &[])]);
    assert_eq!(ref_of(&*store, &with_charity, "e1"), "person:cherie blair");
    assert_eq!(ref_of(&*store, &alone, "e1"), "person:tony blair");

    // A surname entity is joined by the first full name, and not by a second one.
    let bare = next(&[("Brown", Person, &[])]);
    let craig = next(&[("Craig Brown", Person, &["Brown"])]);
    let wes = next(&[("Wes Brown", Person, &["Brown"])]);
    assert_eq!(ref_of(&*store, &craig, "e1"), ref_of(&*store, &bare, "e1"));
    assert_eq!(ref_of(&*store, &wes, "e1"), "person:wes brown");
    assert_eq!(
        store.entity("person:brown").unwrap().unwrap().name,
        "Craig Brown"
    );
    // Nominals the article used for an entity are not its spellings.
    let chancellor: &[&str] = &["Brown", "the chancellor", "The chancellor"];
    let gordon = next(&[("Gordon Brown", Person, chancellor)]);
    let spellings: Vec<String> = store
        .entity(&ref_of(&*store, &gordon, "e1"))
        .unwrap()
        .unwrap()
        .alias_counts
        .into_iter()
        .map(|a| a.text)
        .collect();
    assert!(
        spellings.contains(&"Gordon Brown".to_string())
            && !spellings.iter().any(|s| s.ends_with("chancellor")),
        "{spellings:?}"
    );
    // Two candidates neither context nor commonness separates: a new entity.
    let ian = next(&[("Ian Blair", Person, blair), ("Met Police", Org, &[])]);
    assert_eq!(ref_of(&*store, &ian, "e1"), "person:ian blair");
}

fn bare_surnames_fold_into_their_clear_owner_and_fuller_names_join_by_context(b: &mut dyn Backend) {
    use EntityKind::{Organization as Org, Person};
    let store = b.open();
    let bush: &[&str] = &["Bush"];
    let mut n = 100;
    let mut next = |people: &[(&str, EntityKind, &[&str])]| {
        n += 1;
        let a = naming(n, people);
        store.put(&a).unwrap();
        a.id
    };
    let gwb = "person:george w bush";
    for _ in 0..2 {
        next(&[("George W Bush", Person, bush), ("White House", Org, &[])]);
    }
    next(&[("Laura Bush", Person, bush), ("Library", Org, &[])]);
    // Two articles to Laura Bush's one are too few to own "Bush": a bare entity, which
    // keeps the next ones.
    let bare1 = next(&[("Bush", Person, &[])]);
    let bare2 = next(&[("Bush", Person, &[])]);
    let bare3 = next(&[("Bush", Person, &[])]);
    assert_eq!(ref_of(&*store, &bare1, "e1"), "person:bush");
    assert_eq!(ref_of(&*store, &bare2, "e1"), "person:bush");
    // A user splits one of them off: that correction outlives the fold below.
    let kept = store.split_entity("person:bush", &bare3).unwrap().new_ref;
    // The third full-name article makes George W Bush the clear owner: the bare entity
    // is folded into it, its old ref resolving to the merged record.
    next(&[("George W Bush", Person, bush), ("White House", Org, &[])]);
    assert_eq!(ref_of(&*store, &bare1, "e1"), gwb);
    assert_eq!(ref_of(&*store, &bare2, "e1"), gwb);
    assert_eq!(ref_of(&*store, &bare3, "e1"), kept);
    assert_eq!(store.entity("person:bush").unwrap().unwrap().key, gwb);
    let later = next(&[("Bush", Person, &[])]);
    assert_eq!(ref_of(&*store, &later, "e1"), gwb);

    // A compatible fuller name joins when the contexts agree, not otherwise.
    let doe: &[&str] = &["Doe"];
    next(&[("Jane Q Doe", Person, doe), ("Acme", Org, &[])]);
    let other_jane = next(&[("Jane Doe", Person, doe), ("Zeta", Org, &[])]);
    assert_eq!(ref_of(&*store, &other_jane, "e1"), "person:jane doe");
    let george = next(&[("George Bush", Person, bush), ("White House", Org, &[])]);
    assert_eq!(ref_of(&*store, &george, "e1"), gwb);
}

fn feed_orders_by_the_utc_instant_and_keeps_the_original(b: &mut dyn Backend) {
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

/// Two claims answered by nothing, the later one published first: the board lists the
/// newest first, by instant.
fn claims_board_is_newest_first_among_equally_answered(b: &mut dyn Backend) {
    let store = b.open();
    let claim = |a: &mut Article, content: &str| {
        let t = a.text.clone();
        a.claims = vec![serde_json::from_value(serde_json::json!({
            "id": "c1", "holder_text": "the union", "content": content,
            "span": span_of(&t, content), "stance": "assert", "cue": "said"
        }))
        .unwrap()];
    };
    let mut morning = harbour_article(
        "https://g.test/m",
        "2025-06-14T06:00:00+02:00",
        "Union on pay",
        "The union said pay talks had stalled.",
    );
    claim(&mut morning, "pay talks had stalled");
    let mut evening = harbour_article(
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

fn timeline_cursor_pages_never_repeat_an_event(b: &mut dyn Backend) {
    let store = b.open();
    // Five events on one day in two articles, one on the next day.
    let mut a = harbour_article(
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
    let mut b = harbour_article(
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

fn totals_and_entity_summaries(b: &mut dyn Backend) {
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

fn story_article(url: &str, source: &str, published: &str, title: &str, paras: &[&str]) -> Article {
    let body: Vec<(BlockKind, String)> = paras
        .iter()
        .map(|p| (BlockKind::Paragraph, p.to_string()))
        .collect();
    Article::from_blocks(
        Meta {
            url: Some(url.into()),
            source: Some(source.into()),
            published: Some(published.into()),
            ..Default::default()
        },
        Some(title.into()),
        &body,
    )
}

const QUAKE: [&str; 3] = [
    "A magnitude 6.1 earthquake struck the mountain town of Velden early on Sunday, collapsing the old cathedral bell tower and cutting power to thousands of homes.",
    "Rescuers in Velden pulled two survivors from the rubble of a bakery, mayor Ilse Brandauer said, as aftershocks rattled the valley.",
    "The regional seismology office said the quake was centred nine kilometres beneath Velden.",
];

const STRIKE: [&str; 2] = [
    "Dock workers at the port of Carrow walked out on Sunday over a pay offer, leaving container ships idle in the estuary.",
    "The Carrow dockers' union said the strike would last until the harbour board reopened talks on wages.",
];

fn corpus() -> Vec<Article> {
    vec![
        story_article("https://a.test/1", "Alpha", "2025-03-02", "Earthquake hits Velden, cathedral tower falls", &QUAKE),
        story_article(
            "https://b.test/1",
            "Beta",
            "2025-03-02",
            "Survivors pulled from Velden rubble after quake",
            &[
                "Two survivors were pulled from a collapsed bakery in Velden after Sunday's earthquake, mayor Ilse Brandauer said.",
                "The quake, centred beneath Velden, brought down the cathedral bell tower and cut power to thousands.",
            ],
        ),
        story_article("https://c.test/1", "Gamma", "2025-03-02", "Carrow dockers strike over pay", &STRIKE),
        // A wire copy of the first: other headline, dateline, last paragraph dropped.
        story_article(
            "https://d.test/1",
            "Delta",
            "2025-03-03",
            "Velden quake topples bell tower",
            &[&format!("VELDEN (Wire) - {}", QUAKE[0]), QUAKE[1]],
        ),
    ]
}

fn stories_and_copies_are_linked_in_the_write_and_exported(b: &mut dyn Backend) {
    let docs = corpus();
    let ids: Vec<String> = docs.iter().map(|a| a.id.clone()).collect();
    {
        let store = b.open();
        store.put_batch(&docs[..2]).unwrap();
        store.put_batch(&docs[2..3]).unwrap();
    }
    // The wire copy arrives after a reopen: it is found from what the store holds (the
    // embedded store rebuilds its in-memory band index from the stored signatures).
    b.open().put_batch(&docs[3..]).unwrap();
    let store = b.open();
    let got: Vec<Article> = ids.iter().map(|i| store.get(i).unwrap().unwrap()).collect();
    let quake = got[0].story.clone().expect("a story");
    assert_eq!(got[1].story.as_ref(), Some(&quake));
    assert_eq!(got[3].story.as_ref(), Some(&quake));
    assert_ne!(got[2].story.as_ref(), Some(&quake));
    assert!(got[1].duplicate_of.is_none());
    let dup = got[3]
        .duplicate_of
        .clone()
        .expect("the wire copy is a duplicate");
    assert_eq!(dup.id, ids[0]);
    assert!(dup.similarity > 0.5 && dup.similarity <= 1.0);

    // The record serialises story and duplicate_of; export streams the same records.
    let v = serde_json::to_value(&got[3]).unwrap();
    assert_eq!(v["story"], serde_json::json!(quake));
    assert_eq!(v["duplicate_of"]["id"], serde_json::json!(ids[0]));
    let mut exported = Vec::new();
    let n = store
        .export(&ExportFilter::default(), &mut |a| {
            exported.push(a);
            true
        })
        .unwrap();
    assert_eq!(n, 4);
    assert_eq!(exported, got);
    // Filters: one story; since a date; stop early.
    let mut in_story = Vec::new();
    store
        .export(
            &ExportFilter {
                story: Some(quake.clone()),
                since: None,
            },
            &mut |a| {
                in_story.push(a.id);
                true
            },
        )
        .unwrap();
    assert_eq!(
        in_story,
        vec![ids[0].clone(), ids[1].clone(), ids[3].clone()]
    );
    let mut since = 0;
    store
        .export(
            &ExportFilter {
                story: None,
                since: Some("2025-03-03".into()),
            },
            &mut |_| {
                since += 1;
                true
            },
        )
        .unwrap();
    assert_eq!(since, 1);
    let mut first_only = 0;
    assert_eq!(
        store
            .export(&ExportFilter::default(), &mut |_| {
                first_only += 1;
                false
            })
            .unwrap(),
        1
    );

    // The story record.
    let rec = store.story(&quake).unwrap().expect("story record");
    assert_eq!(rec.summary.article_count, 3);
    assert_eq!(rec.summary.outlet_count, 3);
    assert_eq!(rec.summary.first_seen.as_deref(), Some("2025-03-02"));
    assert_eq!(rec.summary.last_seen.as_deref(), Some("2025-03-03"));
    assert!(rec.summary.label.is_some());
    let copy = rec
        .articles
        .iter()
        .find(|x| x.article.id == ids[3])
        .unwrap();
    assert_eq!(copy.duplicate_of.as_deref(), Some(ids[0].as_str()));
    let list = store.stories(10, 0).unwrap();
    assert_eq!(list.len(), 2);
    assert!(list.iter().any(|s| s.id == quake && s.article_count == 3));
}

fn exact_copies_at_other_urls_export_one_row_per_url(b: &mut dyn Backend) {
    let first = story_article(
        "https://a.test/1",
        "Alpha",
        "2025-03-02",
        "Earthquake hits Velden",
        &QUAKE,
    );
    // The same text (headline included) on another site, with its own source and date.
    let copy = story_article(
        "https://e.test/9",
        "Echo",
        "2025-03-05",
        "Earthquake hits Velden",
        &QUAKE,
    );
    let other = story_article(
        "https://c.test/1",
        "Gamma",
        "2025-03-02",
        "Carrow strike",
        &STRIKE,
    );
    assert_ne!(first.id, copy.id);
    {
        let store = b.open();
        let out = store
            .put_batch(&[first.clone(), copy.clone(), other.clone()])
            .unwrap();
        assert_eq!(
            out[1],
            PutOutcome::Duplicate {
                existing_id: first.id.clone()
            }
        );
    }
    // Re-ingesting any of them (after a reopen) adds nothing: not a second copy row.
    let store = b.open();
    let again = store.put_batch(&[copy.clone(), first.clone()]).unwrap();
    assert!(again
        .iter()
        .all(|o| matches!(o, PutOutcome::Duplicate { .. })));
    assert_eq!(store.stats().unwrap().articles, 2);

    let export = |filter: ExportFilter| {
        let mut rows = Vec::new();
        store
            .export(&filter, &mut |a| {
                rows.push(a);
                true
            })
            .unwrap();
        rows
    };
    let all = export(ExportFilter::default());
    let urls: Vec<&str> = all.iter().filter_map(|a| a.url.as_deref()).collect();
    assert_eq!(
        urls,
        ["https://a.test/1", "https://e.test/9", "https://c.test/1"]
    );
    let (stored, row) = (&all[0], &all[1]);
    assert_eq!(row.id, copy.id);
    assert_eq!(
        (
            row.source.as_deref(),
            row.title.as_deref(),
            row.published.as_deref()
        ),
        (
            Some("Echo"),
            Some("Earthquake hits Velden"),
            Some("2025-03-05")
        )
    );
    assert_eq!(row.story, stored.story);
    assert!(row.story.is_some());
    assert_eq!(row.text, stored.text);
    let dup = row
        .duplicate_of
        .clone()
        .expect("a copy row names the stored article");
    assert_eq!((dup.id.as_str(), dup.similarity), (first.id.as_str(), 1.0));
    assert!(stored.duplicate_of.is_none());

    // Filters apply to each row by its own date; a story's export holds its copies.
    let late = export(ExportFilter {
        story: None,
        since: Some("2025-03-04".into()),
    });
    let late: Vec<&str> = late.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(late, [copy.id.as_str()]);
    let in_story = export(ExportFilter {
        story: stored.story.clone(),
        since: None,
    });
    assert_eq!(
        in_story.iter().map(|a| a.id.clone()).collect::<Vec<_>>(),
        [first.id.clone(), copy.id.clone()]
    );
    // The copy's outlet carried the story too: the story counts and lists it.
    let story = stored.story.clone().unwrap();
    let rec = store.story(&story).unwrap().expect("the story");
    assert_eq!(rec.summary.outlet_count, 2);
    let outlets: Vec<(&str, u64)> = rec
        .outlets
        .iter()
        .map(|o| (o.value.as_str(), o.count))
        .collect();
    assert_eq!(outlets, [("Alpha", 1), ("Echo", 1)]);
    let listed = store.stories(10, 0).unwrap();
    let listed = listed.iter().find(|s| s.id == story).unwrap();
    assert_eq!(listed.outlet_count, 2);
}

fn bad_filters_are_clear_errors_and_an_empty_store_exports_nothing(b: &mut dyn Backend) {
    let store = b.open();
    let mut n = 0;
    assert_eq!(
        store
            .export(&ExportFilter::default(), &mut |_| {
                n += 1;
                true
            })
            .unwrap(),
        0
    );
    let e = store
        .export(
            &ExportFilter {
                story: Some("s-nope".into()),
                since: None,
            },
            &mut |_| true,
        )
        .unwrap_err();
    assert!(e.to_string().contains("s-nope"), "{e}");
    let e = store
        .export(
            &ExportFilter {
                story: None,
                since: Some("yesterday".into()),
            },
            &mut |_| true,
        )
        .unwrap_err();
    assert!(e.to_string().contains("yesterday"), "{e}");
    assert!(store.story("s-nope").unwrap().is_none());
    assert!(store.stories(10, 0).unwrap().is_empty());
}

fn relink_merges_and_old_ids_resolve(b: &mut dyn Backend) {
    let docs = corpus();
    // A linker that never joins: every article alone.
    let store = b.open_with(newsgraph_link::LinkConfig {
        join_threshold: 2.0,
        join_model: None,
        duplicate_containment: 2.0,
        merge_threshold: 0.3,
        ..Default::default()
    });
    store.put_batch(&docs).unwrap();
    assert_eq!(store.stories(10, 0).unwrap().len(), 4);
    let before = store.get(&docs[1].id).unwrap().unwrap().story.unwrap();
    let report = store.relink().unwrap();
    assert!(!report.merges.is_empty(), "{report:?}");
    let after: Vec<String> = docs
        .iter()
        .map(|a| store.get(&a.id).unwrap().unwrap().story.unwrap())
        .collect();
    assert_eq!(after[0], after[1]);
    assert_ne!(after[0], after[2]);
    // Every old id resolves to the survivor's record.
    for (old, new) in &report.merges {
        let rec = store.story(old).unwrap().expect("merged id resolves");
        assert_eq!(&rec.summary.id, new);
        assert!(rec.merged_from.contains(old));
    }
    assert_eq!(store.story(&before).unwrap().unwrap().summary.id, after[1]);
    let total: u64 = store
        .stories(10, 0)
        .unwrap()
        .iter()
        .map(|s| s.article_count)
        .sum();
    assert_eq!(total, 4);
}

/// PostgreSQL only: migration 5 builds `search_docs` and `search_totals` from the
/// articles already stored (entity names and quotes come from their records): a
/// database taken back to schema 4 and opened again searches as before.
#[test]
fn postgres_schema_5_backfills_search_from_stored_articles() {
    let Some(url) = newsgraph_store::testing::test_database("schema5_backfill") else {
        return;
    };
    let queries = [
        SearchQuery {
            text: Some("talks".into()),
            ..Default::default()
        },
        SearchQuery {
            text: Some("Baqaei".into()),
            ..Default::default()
        },
        SearchQuery {
            text: Some("zurich".into()),
            ..Default::default()
        },
        SearchQuery {
            entity_kind: Some(EntityKind::Person),
            ..Default::default()
        },
        SearchQuery::default(),
    ];
    let before: Vec<SearchResults> = {
        let store = PostgresStore::connect(&url, 2).unwrap();
        store
            .put_batch(&[
                article_one(),
                article_two(),
                plain("Bankers in Zürich and talks.", "Alpine Wire"),
            ])
            .unwrap();
        queries.iter().map(|q| store.search(q).unwrap()).collect()
    };
    assert!(before[1].total == 1 && before[2].total == 1);
    let mut client = ::postgres::Client::connect(&url, ::postgres::NoTls).unwrap();
    client
        .batch_execute(
            "DROP TABLE search_docs, search_totals;
             DROP FUNCTION news_document, news_head;
             DROP TEXT SEARCH CONFIGURATION news;
             ALTER TABLE articles ADD COLUMN tsv TSVECTOR;
             CREATE INDEX articles_tsv ON articles USING GIN (tsv);
             DELETE FROM schema_migrations WHERE version = 5;",
        )
        .unwrap();
    let store = PostgresStore::connect(&url, 2).unwrap();
    for (q, b) in queries.iter().zip(&before) {
        let a = store.search(q).unwrap();
        assert_eq!(a.total, b.total, "{q:?}");
        assert_eq!(a.facets, b.facets, "{q:?}");
        let ids = |r: &SearchResults| {
            r.hits
                .iter()
                .map(|h| h.article.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&a), ids(b), "{q:?}");
        let scores = |r: &SearchResults| r.hits.iter().map(|h| h.score).collect::<Vec<_>>();
        assert_eq!(
            scores(&a),
            scores(b),
            "{q:?}: ranked on the same head vectors"
        );
    }
}

/// A claim-bearing article of the quake story: the story's paragraphs plus `extra`,
/// whose part `content` is a claim of `stance` held by `holder`.
fn quake_claim(
    url: &str,
    source: &str,
    extra: &str,
    holder: &str,
    content: &str,
    stance: &str,
) -> Article {
    let mut paras: Vec<&str> = QUAKE.to_vec();
    paras.push(extra);
    let mut a = story_article(
        url,
        source,
        "2025-03-02",
        "Velden quake: bakery questions",
        &paras,
    );
    let t = a.text.clone();
    a.claims = vec![serde_json::from_value(serde_json::json!({
        "id": "c1", "holder_text": holder, "content": content,
        "span": span_of(&t, content), "stance": stance, "cue": "said"
    }))
    .unwrap()];
    a
}

/// A denial worded unlike the claim it answers, in another outlet's article of the same
/// story, answers it whichever of the two is stored first; the same words in another
/// story answer nothing.
fn denials_answer_reworded_claims_across_the_outlets_of_a_story(b: &mut dyn Backend) {
    let store = b.open();
    let early_denial = quake_claim(
        "https://b.test/deny",
        "Beta",
        "The bakery's owner denied ignoring safety warnings about the building.",
        "The bakery's owner",
        "ignoring safety warnings about the building",
        "deny",
    );
    let claim = quake_claim(
        "https://a.test/claim",
        "Alpha",
        "Mayor Ilse Brandauer said the bakery owner had ignored repeated safety warnings about the old building.",
        "Mayor Ilse Brandauer",
        "the bakery owner had ignored repeated safety warnings about the old building",
        "assert",
    );
    let late_doubt = quake_claim(
        "https://e.test/doubt",
        "Epsilon",
        "Neighbours doubted that any safety warnings about the building were ever sent.",
        "Neighbours",
        "any safety warnings about the building were ever sent",
        "doubt",
    );
    let mut elsewhere = story_article(
        "https://c.test/deny",
        "Gamma",
        "2025-03-02",
        "Carrow dockers strike over pay",
        &[
            STRIKE[0],
            STRIKE[1],
            "The harbour board denied ignoring safety warnings about the building.",
        ],
    );
    let t = elsewhere.text.clone();
    let content = "ignoring safety warnings about the building";
    elsewhere.claims = vec![serde_json::from_value(serde_json::json!({
        "id": "c1", "holder_text": "The harbour board", "content": content,
        "span": span_of(&t, content), "stance": "deny", "cue": "denied"
    }))
    .unwrap()];
    for a in [&early_denial, &claim, &late_doubt, &elsewhere] {
        assert_eq!(store.put(a).unwrap(), PutOutcome::Inserted);
    }
    let story = |a: &Article| store.get(&a.id).unwrap().unwrap().story;
    assert_eq!(story(&early_denial), story(&claim));
    assert_eq!(story(&late_doubt), story(&claim));
    assert_ne!(story(&elsewhere), story(&claim));

    let board = store.claims(10, 0).unwrap();
    let thread = board
        .iter()
        .find(|t| t.claim.article.id == claim.id)
        .expect("the claim is on the board");
    let mut answered_by: Vec<&str> = thread
        .responses
        .iter()
        .map(|r| r.article.id.as_str())
        .collect();
    answered_by.sort();
    let mut want = vec![early_denial.id.as_str(), late_doubt.id.as_str()];
    want.sort();
    assert_eq!(answered_by, want, "both responses answer the claim");
    // The denial in the other story stands alone on the board.
    let alone = board
        .iter()
        .find(|t| t.claim.article.id == elsewhere.id)
        .expect("the unrelated denial is a thread of its own");
    assert!(alone.responses.is_empty());
    assert_eq!(board.len(), 2);
}
