//! The embedded store's search analyzer (issue 15, finding 18): accent folding, CJK
//! bigrams, names matched unstemmed, against real SQLite and Tantivy files in a temp
//! dir. The PostgreSQL store searches with PostgreSQL's `english` configuration
//! instead (see crates/store/ARCH.md); feed order, timeline paging and totals are in
//! `conformance.rs`, run on both stores.

mod common;

use common::*;
use newsgraph_model::*;
use newsgraph_store::*;

fn open() -> (tempfile::TempDir, EmbeddedStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(dir.path()).unwrap();
    (dir, store)
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
            harbour_article(
                "https://g.test/cafe",
                "2025-06-20",
                "Harbour café reopens",
                "The café on the quay reopened after the storm.",
            ),
            harbour_article(
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
    let mut named = harbour_article(
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
    let verb = harbour_article(
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
