//! What only the embedded store has: its Tantivy index kept in step with SQLite
//! (reconcile on open, deferred index commits), against real files in a temp dir.
//! Every behaviour of the `Store` trait is in `conformance.rs`, run on both stores.

mod common;

use common::*;
use newsgraph_store::*;

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
