//! Stories: the link stage in the write, copies, export and relink.

use crate::Backend;
use newsgraph_model::*;
use newsgraph_store::*;

pub(crate) fn story_article(
    url: &str,
    source: &str,
    published: &str,
    title: &str,
    paras: &[&str],
) -> Article {
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

pub(crate) const QUAKE: [&str; 3] = [
    "A magnitude 6.1 earthquake struck the mountain town of Velden early on Sunday, collapsing the old cathedral bell tower and cutting power to thousands of homes.",
    "Rescuers in Velden pulled two survivors from the rubble of a bakery, mayor Ilse Brandauer said, as aftershocks rattled the valley.",
    "The regional seismology office said the quake was centred nine kilometres beneath Velden.",
];

pub(crate) const STRIKE: [&str; 2] = [
    "Dock workers at the port of Carrow walked out on Sunday over a pay offer, leaving container ships idle in the estuary.",
    "The Carrow dockers' union said the strike would last until the harbour board reopened talks on wages.",
];

pub(crate) fn corpus() -> Vec<Article> {
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

pub(crate) fn stories_and_copies_are_linked_in_the_write_and_exported(b: &mut dyn Backend) {
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

pub(crate) fn exact_copies_at_other_urls_export_one_row_per_url(b: &mut dyn Backend) {
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

pub(crate) fn bad_filters_are_clear_errors_and_an_empty_store_exports_nothing(b: &mut dyn Backend) {
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

pub(crate) fn relink_merges_and_old_ids_resolve(b: &mut dyn Backend) {
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

/// Articles prepared ahead (`Store::prepare`, on another thread, as the ingest engine's
/// analysers do) are stored as plain puts store them: the same record, story and copy.
pub(crate) fn prepared_articles_store_what_plain_puts_store(b: &mut dyn Backend) {
    let docs = corpus();
    {
        let store = b.open();
        let prepared: Vec<Prepared> = std::thread::scope(|s| {
            s.spawn(|| docs[..2].iter().map(|a| store.prepare(a.clone())).collect())
                .join()
                .unwrap()
        });
        store.put_prepared(&prepared).unwrap();
        store.put_batch(&docs[2..3]).unwrap();
    }
    let store = b.open();
    let copy = store.prepare(docs[3].clone());
    assert_eq!(
        store.put_prepared(&[copy]).unwrap(),
        vec![PutOutcome::Inserted]
    );
    let got: Vec<Article> = docs
        .iter()
        .map(|a| store.get(&a.id).unwrap().unwrap())
        .collect();
    let quake = got[0].story.clone().expect("a story");
    assert_eq!(got[1].story.as_ref(), Some(&quake));
    assert_eq!(got[3].story.as_ref(), Some(&quake));
    assert_ne!(got[2].story.as_ref(), Some(&quake));
    assert_eq!(
        got[3].duplicate_of.as_ref().map(|d| &d.id),
        Some(&docs[0].id)
    );
    for (mut back, sent) in got.into_iter().zip(&docs) {
        back.story = None;
        back.duplicate_of = None;
        assert_eq!(&back, sent, "round-trips as a plain put");
    }
    // Prepared again, the same article is a duplicate.
    let again = store.prepare(docs[0].clone());
    assert!(matches!(
        store.put_prepared(&[again]).unwrap()[..],
        [PutOutcome::Duplicate { .. }]
    ));
}
