//! The link stage inside the embedded store: stories and copies are set in the write
//! transaction, read back by `get`/`export`/`story`, survive reopening, and `relink`
//! merges with a record. Real SQLite + Tantivy files in a temp dir.

use newsgraph_model::*;
use newsgraph_store::*;

fn article(url: &str, source: &str, published: &str, title: &str, paras: &[&str]) -> Article {
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
        article("https://a.test/1", "Alpha", "2025-03-02", "Earthquake hits Velden, cathedral tower falls", &QUAKE),
        article(
            "https://b.test/1",
            "Beta",
            "2025-03-02",
            "Survivors pulled from Velden rubble after quake",
            &[
                "Two survivors were pulled from a collapsed bakery in Velden after Sunday's earthquake, mayor Ilse Brandauer said.",
                "The quake, centred beneath Velden, brought down the cathedral bell tower and cut power to thousands.",
            ],
        ),
        article("https://c.test/1", "Gamma", "2025-03-02", "Carrow dockers strike over pay", &STRIKE),
        // A wire copy of the first: other headline, dateline, last paragraph dropped.
        article(
            "https://d.test/1",
            "Delta",
            "2025-03-03",
            "Velden quake topples bell tower",
            &[&format!("VELDEN (Wire) - {}", QUAKE[0]), QUAKE[1]],
        ),
    ]
}

#[test]
fn stories_and_copies_are_linked_in_the_write_and_exported() {
    let dir = tempfile::tempdir().unwrap();
    let docs = corpus();
    let ids: Vec<String> = docs.iter().map(|a| a.id.clone()).collect();
    {
        let store = EmbeddedStore::open(dir.path()).unwrap();
        store.put_batch(&docs[..2]).unwrap();
        store.put_batch(&docs[2..]).unwrap();
    }
    let store = EmbeddedStore::open_read_only(dir.path()).unwrap();
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

#[test]
fn bad_filters_are_clear_errors_and_an_empty_store_exports_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(dir.path()).unwrap();
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

#[test]
fn relink_merges_and_old_ids_resolve() {
    let dir = tempfile::tempdir().unwrap();
    let docs = corpus();
    let mut store = EmbeddedStore::open(dir.path()).unwrap();
    // A linker that never joins: every article alone.
    store.set_link_config(newsgraph_link::LinkConfig {
        join_threshold: 2.0,
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
