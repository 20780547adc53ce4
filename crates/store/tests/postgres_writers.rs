//! Linking under concurrency on the PostgreSQL store: four threads putting one article
//! at a time into one database end with the stories, copy groups and registry entities
//! that one writer makes from the same articles, and no write fails. (The writers'
//! advisory lock is what makes this hold: without it two writers both create the
//! entity of a new name, or two stories for one event.) Real server: the database is
//! a fresh one on `$NEWSGRAPH_TEST_PG` (a missing server fails under CI=true).
//!
//! What the arrival order decides, and so is not compared: story ids (derived from a
//! story's first stored article), which article of a copy group is the original, and
//! whether an event's partial rewrite joins its copy group: containment is asymmetric
//! (the rewrite's shingles are mostly inside an earlier copy, a later copy's are not
//! inside the rewrite), so a rewrite stored after a copy may count as one and a rewrite
//! stored first does not. Copy groups are compared without the rewrites.

mod common;

use common::*;
use newsgraph_model::*;
use newsgraph_store::*;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// A pronounceable made-up word, distinct per (event, index): events share no words.
fn word(event: usize, j: usize) -> String {
    const C: &[u8] = b"bdfgklmnprstvz";
    const V: &[u8] = b"aeiou";
    let mut n = event * 7919 + j * 104_729 + 1;
    let mut w = String::new();
    for _ in 0..3 {
        w.push(C[n % C.len()] as char);
        n /= C.len();
        w.push(V[n % V.len()] as char);
        n /= V.len();
    }
    format!("{w}{}", (b'a' + (event % 26) as u8) as char)
}

fn cap(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

const EVENTS: usize = 8;
const COPIES: usize = 5;

/// Per event: `COPIES` wire copies (an outlet dateline each), and one rewrite with the
/// same people and place and other sentences; each names its person and place.
fn articles() -> Vec<Article> {
    let mut out = Vec::new();
    for e in 0..EVENTS {
        let person = format!("{} {}", cap(&word(e, 100)), cap(&word(e, 101)));
        let place = cap(&word(e, 102));
        let sentence = |from: usize| -> String {
            let ws: Vec<String> = (from..from + 14).map(|j| word(e, j)).collect();
            format!("{} {}.", cap(&ws[0]), ws[1..].join(" "))
        };
        let body = format!(
            "{person} said in {place} that {} {} {}",
            sentence(0),
            sentence(14),
            sentence(28)
        );
        let mut make = |url: String, title: String, text: String| {
            let mut a = Article::from_blocks(
                meta(
                    Some(&url),
                    &format!("Outlet {}", out.len() % 3),
                    "2025-05-01",
                ),
                Some(title),
                &[(BlockKind::Paragraph, text)],
            );
            let t = a.text.clone();
            a.entities = vec![
                entity("e1", &person, EntityKind::Person, &[], &[], &t),
                entity("e2", &place, EntityKind::Place, &[], &[], &t),
            ];
            out.push(a);
        };
        for c in 0..COPIES {
            make(
                format!("https://e{e}.test/copy{c}"),
                format!("{place} {} {}", word(e, 40 + c), word(e, 50)),
                format!("{} (Outlet {c}) - {body}", place.to_uppercase()),
            );
        }
        make(
            format!("https://e{e}.test/rewrite"),
            format!("{place} {}", word(e, 60)),
            format!(
                "In {place}, {person} spoke again. {} {}",
                sentence(2),
                sentence(30)
            ),
        );
    }
    out
}

struct Linked {
    stories: BTreeSet<BTreeSet<String>>,
    copy_groups: BTreeSet<BTreeSet<String>>,
    registry: BTreeMap<String, BTreeSet<String>>,
}

fn linked(s: &dyn Store) -> Linked {
    let mut out = Linked {
        stories: BTreeSet::new(),
        copy_groups: BTreeSet::new(),
        registry: BTreeMap::new(),
    };
    for st in s.stories(1000, 0).unwrap() {
        let rec = s.story(&st.id).unwrap().unwrap();
        let mut groups: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let rewrites: BTreeSet<&str> = rec
            .articles
            .iter()
            .filter(|a| {
                a.article
                    .url
                    .as_deref()
                    .is_some_and(|u| u.ends_with("/rewrite"))
            })
            .map(|a| a.article.id.as_str())
            .collect();
        for a in &rec.articles {
            if let Some(d) = &a.duplicate_of {
                let g = groups.entry(d.clone()).or_default();
                g.insert(d.clone());
                g.insert(a.article.id.clone());
            }
        }
        out.copy_groups
            .extend(groups.into_values().filter_map(|mut g| {
                g.retain(|id| !rewrites.contains(id.as_str()));
                (g.len() > 1).then_some(g)
            }));
        out.stories
            .insert(rec.articles.iter().map(|a| a.article.id.clone()).collect());
    }
    for e in s.entities(1000, 0, None).unwrap() {
        let page = s.entity(&e.key).unwrap().unwrap();
        out.registry
            .insert(e.key, page.articles.into_iter().map(|a| a.id).collect());
    }
    out
}

#[test]
fn four_concurrent_writers_link_like_one() {
    let (Some(one_url), Some(four_url)) = (
        testing::test_database("writers_one"),
        testing::test_database("writers_four"),
    ) else {
        return;
    };
    let docs = articles();
    let one = PostgresStore::connect(&one_url, 1).unwrap();
    for a in &docs {
        one.put(a).unwrap();
    }
    let four = Arc::new(PostgresStore::connect(&four_url, 4).unwrap());
    let docs = Arc::new(docs);
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let (store, docs) = (four.clone(), docs.clone());
            std::thread::spawn(move || {
                // Thread t takes every fourth article from its own end, so the order
                // differs from the single writer's.
                let mine: Vec<&Article> = docs.iter().skip(t).step_by(4).collect();
                for a in mine.into_iter().rev() {
                    store
                        .put_batch(std::slice::from_ref(a))
                        .expect("no concurrent write fails");
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("writer thread");
    }
    let (a, b) = (linked(&one), linked(four.as_ref()));
    assert_eq!(
        one.stats().unwrap().articles,
        (EVENTS * (COPIES + 1)) as u64
    );
    assert_eq!(
        four.stats().unwrap().articles,
        one.stats().unwrap().articles
    );
    assert_eq!(
        a.stories.len(),
        EVENTS,
        "one story per event: {:?}",
        a.stories
    );
    assert_eq!(b.stories, a.stories, "the same stories");
    assert_eq!(a.copy_groups.len(), EVENTS, "{:?}", a.copy_groups);
    assert_eq!(b.copy_groups, a.copy_groups, "the same copy groups");
    assert_eq!(a.registry.len(), 2 * EVENTS, "{:?}", a.registry.keys());
    assert_eq!(b.registry, a.registry, "the same registry entities");
}
