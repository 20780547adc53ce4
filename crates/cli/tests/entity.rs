//! `newsgraph entity show|merge|split` on a real store (a data directory, and a fresh
//! PostgreSQL database when `$NEWSGRAPH_TEST_PG` names a server): bad corrections fail
//! with a message naming what was wrong and change nothing; good ones persist.

mod common;

use common::*;
use newsgraph_model::{Article, BlockKind, Meta};
use newsgraph_store::{EmbeddedStore, PostgresStore, Store};
use std::process::{Command, Output};

fn span(text: &str, needle: &str) -> serde_json::Value {
    let b = text.find(needle).expect("needle");
    let start = text[..b].chars().count();
    serde_json::json!([start, start + needle.chars().count()])
}

/// An article naming `person` and `place`.
fn article(id: &str, person: &str, place: &str) -> Article {
    let mut a = Article::from_blocks(
        Meta {
            url: Some(format!("https://cli.test/{id}")),
            source: Some("CLI Test".into()),
            published: Some("2005-03-16".into()),
            ..Default::default()
        },
        Some(format!("Budget report {id}")),
        &[(
            BlockKind::Paragraph,
            format!("{person} presented the budget in {place} ({id})."),
        )],
    );
    a.id = id.into();
    let t = a.text.clone();
    a.entities = vec![
        serde_json::from_value(
            serde_json::json!({"id": "e1", "name": person, "kind": "person",
            "aliases": [], "descriptors": [], "mentions": [span(&t, person)]}),
        )
        .unwrap(),
        serde_json::from_value(
            serde_json::json!({"id": "e2", "name": place, "kind": "place",
            "aliases": [], "descriptors": [], "mentions": [span(&t, place)]}),
        )
        .unwrap(),
    ];
    a
}

fn fill(store: &dyn Store) {
    store
        .put_batch(&[
            article("a1", "Gordon Brown", "London"),
            article("a2", "Gordon Brown", "Edinburgh"),
            article("a3", "G. Brown", "Leeds"),
        ])
        .unwrap();
    store.commit().unwrap();
}

fn entity(store_args: &[&str], args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("entity")
        .args(args)
        .args(store_args)
        .output()
        .expect("run newsgraph")
}

fn show(store_args: &[&str], r: &str) -> String {
    let out = entity(store_args, &["show", r, "--json"]);
    assert!(
        out.status.success(),
        "show {r}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn corrections_on(store_args: &[&str]) {
    let refs = ["person:gordon brown", "person:g brown", "place:london"];
    let before: Vec<String> = refs.iter().map(|r| show(store_args, r)).collect();
    for (args, needles) in [
        (
            vec!["merge", "person:nobody", "person:gordon brown"],
            vec!["unknown entity ref person:nobody"],
        ),
        (
            vec!["merge", "person:g brown", "person:no such one"],
            vec!["unknown entity ref person:no such one"],
        ),
        (
            vec!["merge", "person:gordon brown", "place:london"],
            vec!["person:gordon brown is a person", "place:london is a place"],
        ),
        (
            vec!["merge", "person:gordon brown", "person:gordon brown"],
            vec!["same entity"],
        ),
        (
            vec!["split", "person:gordon brown", "--article", "a3"],
            vec!["article a3 does not mention person:gordon brown"],
        ),
        (
            vec!["split", "person:gordon brown", "--article", "zz"],
            vec!["unknown article zz"],
        ),
        (
            vec!["split", "person:g brown", "--article", "a3"],
            vec!["only article"],
        ),
        (vec!["show", "Nobody Atall"], vec!["\"Nobody Atall\""]),
    ] {
        let out = entity(store_args, &args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} succeeded");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        for n in needles {
            assert!(err.contains(n), "{args:?}: {err}");
        }
    }
    let after: Vec<String> = refs.iter().map(|r| show(store_args, r)).collect();
    assert_eq!(after, before, "a refused correction changed the store");

    // Good corrections persist (each command opens the store anew).
    let out = entity(
        store_args,
        &["merge", "person:g brown", "person:gordon brown", "--json"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let merged: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(merged["mentions_moved"], 1);
    let page: serde_json::Value =
        serde_json::from_str(&show(store_args, "person:g brown")).unwrap();
    assert_eq!(
        page["key"], "person:gordon brown",
        "the old ref shows the merged record"
    );
    assert_eq!(page["article_count"], 3);
    let out = entity(
        store_args,
        &["split", "person:gordon brown", "--article", "a2", "--json"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let split: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let new_ref = split["new_ref"].as_str().unwrap();
    let page: serde_json::Value = serde_json::from_str(&show(store_args, new_ref)).unwrap();
    assert_eq!(page["article_count"], 1);
    let text = entity(store_args, &["show", "person:gordon brown"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("merged from: person:g brown"), "{text}");
}

#[test]
fn bad_corrections_are_refused_and_change_nothing_embedded() {
    let tmp = TempDir::new("entity-cli");
    let dir = tmp.0.join("data");
    {
        let store = EmbeddedStore::open(&dir).unwrap();
        fill(&store);
    }
    corrections_on(&["--data", dir.to_str().unwrap()]);
}

#[test]
fn bad_corrections_are_refused_and_change_nothing_postgres() {
    let Some(url) = newsgraph_store::testing::test_database("entity_cli") else {
        return;
    };
    {
        let store = PostgresStore::connect(&url, 2).unwrap();
        fill(&store);
    }
    corrections_on(&["--store", &url]);
}
