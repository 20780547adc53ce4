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

/// 18 events, each with words of its own (made-up names), words of its kind (one of
/// three) and a few shared ones, told by 1-4 outlets, a day apart.
fn linked_stream() -> Vec<newsgraph_model::Article> {
    use newsgraph_model::{Article, BlockKind, Meta};
    const SYL: [&str; 9] = ["ka", "lo", "mer", "dan", "vi", "tor", "sel", "ba", "rin"];
    const SHARED: [&str; 4] = ["police", "said", "fire", "council"];
    let word = |s: usize, j: usize| -> String {
        let mut h = ((s * 1000 + j) as u64).wrapping_mul(2_654_435_761) % (1 << 32);
        (0..4)
            .map(|_| {
                let x = SYL[(h % 9) as usize];
                h /= 9;
                x
            })
            .collect()
    };
    let mut out = Vec::new();
    for s in 0..18 {
        for k in 0..(1 + s % 4) {
            // Each outlet its own two thirds of the event's words, odd ones backwards
            // (so they are not copies and join on the words, weighed by their DF), and
            // the words of the event's kind.
            let paras: Vec<(BlockKind, String)> = (0..3)
                .map(|p| {
                    let mut w: Vec<String> = (0..12)
                        .filter(|j| (j + k + p) % 3 != 0)
                        .map(|j| word(s, p * 12 + j))
                        .collect();
                    if k % 2 == 1 {
                        w.reverse();
                    }
                    w.extend((0..3).map(|i| word(1000 + s % 3, p * 3 + i)));
                    w.push(SHARED[(s + p) % 4].to_string());
                    (BlockKind::Paragraph, format!("{}.", w.join(" ")))
                })
                .collect();
            let day = 1 + s;
            out.push(Article::from_blocks(
                Meta {
                    url: Some(format!("https://o{k}.test/{s}")),
                    source: Some(format!("o{k}")),
                    published: Some(format!("2025-{:02}-{:02}", 1 + day / 28, 1 + day % 28)),
                    ..Default::default()
                },
                Some(format!("{} {} ({k})", word(s, 100), word(s, 101))),
                &paras,
            ));
        }
    }
    out
}

/// The writer's link cache (document frequencies, profiles, deferred increments) changes
/// no decision: a store reopened before every batch (cold cache, everything read from
/// SQLite) links each article as one kept open across batches.
#[test]
fn link_cache_changes_no_story_or_copy() {
    let docs = linked_stream();
    let links = |reopen: bool| -> Vec<(Option<String>, Option<String>)> {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Some(EmbeddedStore::open(dir.path()).unwrap());
        for batch in docs.chunks(5) {
            if reopen {
                drop(store.take());
                store = Some(EmbeddedStore::open(dir.path()).unwrap());
            }
            store.as_ref().unwrap().put_batch(batch).unwrap();
        }
        let store = store.unwrap();
        docs.iter()
            .map(|a| {
                let got = store.get(&a.id).unwrap().unwrap();
                (got.story, got.duplicate_of.map(|d| d.id))
            })
            .collect()
    };
    let warm = links(false);
    assert_eq!(warm, links(true));
    let stories: std::collections::HashSet<_> = warm.iter().map(|l| l.0.clone()).collect();
    let copies = warm.iter().filter(|l| l.1.is_some()).count();
    eprintln!("{} stories, {copies} copies", stories.len());
    assert!(
        stories.len() > 1 && stories.len() < docs.len(),
        "{}",
        stories.len()
    );
}
