//! Behaviour of the linker over the in-memory index.

use crate::*;
use newsgraph_model::{Article, BlockKind, Meta};

fn article(url: &str, published: Option<&str>, title: &str, paras: &[&str]) -> Article {
    let body: Vec<(BlockKind, String)> = paras
        .iter()
        .map(|p| (BlockKind::Paragraph, p.to_string()))
        .collect();
    Article::from_blocks(
        Meta {
            url: Some(url.into()),
            published: published.map(str::to_string),
            ..Default::default()
        },
        Some(title.into()),
        &body,
    )
}

const RAID: [&str; 3] = [
    "Federal agents raided the Springfield offices of Acme Holdings on Tuesday, seizing ledgers and computers in a fraud inquiry led by prosecutor Dana Whitlock.",
    "Whitlock told reporters the Acme Holdings inquiry concerns invoices worth millions that were billed to the Springfield transit authority for buses never delivered.",
    "Acme Holdings chief executive Robert Calloway denied wrongdoing and said the company would cooperate with the Springfield investigation.",
];

const FLOOD: [&str; 3] = [
    "Floodwaters from the Marrow river swept through the village of Eddington overnight, forcing hundreds of residents onto rooftops as rescue boats searched the streets.",
    "Emergency crews in Eddington said the Marrow burst its banks after three days of torrential rain, the worst flooding the valley has seen in decades.",
    "Volunteers opened the Eddington school gymnasium as a shelter while engineers inspected the damaged Marrow bridge.",
];

#[test]
fn same_event_joins_other_event_starts_a_story() {
    let linker = Linker::default();
    let mut ix = MemoryIndex::new();
    let a = article(
        "https://a.test/1",
        None,
        "Agents raid Acme Holdings in Springfield fraud inquiry",
        &RAID,
    );
    let b = article(
        "https://b.test/2",
        None,
        "Acme Holdings boss Calloway denies fraud after Springfield raid",
        &[
            "Robert Calloway, chief executive of Acme Holdings, denied any fraud a day after federal agents searched the firm's Springfield offices.",
            "Prosecutor Dana Whitlock is examining invoices the Springfield transit authority paid Acme Holdings for buses.",
        ],
    );
    let c = article(
        "https://c.test/3",
        None,
        "Marrow river floods Eddington",
        &FLOOD,
    );
    let oa = linker.link(&mut ix, &a, &[]).unwrap();
    let ob = linker.link(&mut ix, &b, &[]).unwrap();
    let oc = linker.link(&mut ix, &c, &[]).unwrap();
    assert_eq!(oa.decision, Decision::New);
    assert_eq!(oa.story, story_id_for(&a.id));
    assert_eq!(ob.decision, Decision::Joined, "{ob:?}");
    assert_eq!(ob.story, oa.story);
    assert_eq!(oc.decision, Decision::New, "{oc:?}");
    assert_ne!(oc.story, oa.story);
    assert!(ob.duplicate_of.is_none());
}

#[test]
fn an_edited_copy_is_a_duplicate_of_the_first_copy() {
    let linker = Linker::default();
    let mut ix = MemoryIndex::new();
    let orig = article(
        "https://wire.test/1",
        None,
        "Agents raid Acme Holdings",
        &RAID,
    );
    // Other headline, a dateline, the last paragraph dropped, one sentence edited.
    let copy = article(
        "https://paper.test/9",
        None,
        "Fraud raid at Springfield firm",
        &[
            &format!("SPRINGFIELD (Wire) — {}", RAID[0]),
            "Whitlock told reporters the inquiry concerns invoices worth several million dollars that were billed to the Springfield transit authority for buses never delivered.",
        ],
    );
    let copy2 = article("https://other.test/5", None, "Acme raided", &RAID[..2]);
    linker.link(&mut ix, &orig, &[]).unwrap();
    let o = linker.link(&mut ix, &copy, &[]).unwrap();
    assert_eq!(o.decision, Decision::Copy, "{o:?}");
    let (of, sim) = o.duplicate_of.clone().unwrap();
    assert_eq!(of, orig.id);
    assert!(sim >= linker.config().duplicate_containment && sim <= 1.0);
    assert_eq!(o.story, story_id_for(&orig.id));
    // A copy of a copy names the first copy seen.
    let o2 = linker.link(&mut ix, &copy2, &[]).unwrap();
    assert_eq!(o2.duplicate_of.unwrap().0, orig.id);
}

#[test]
fn a_dated_article_does_not_join_a_dormant_story() {
    let linker = Linker::default();
    let mut ix = MemoryIndex::new();
    let a = article(
        "https://a.test/1",
        Some("2014-01-10"),
        "Marrow river floods Eddington",
        &FLOOD,
    );
    let b = article(
        "https://b.test/2",
        Some("2014-06-20"),
        "Marrow river floods Eddington again",
        &[
            "Floodwaters from the Marrow river again swept through Eddington, where residents were rescued from rooftops by boats.",
            "Emergency crews in Eddington said the Marrow burst its banks after torrential rain.",
        ],
    );
    let c = article(
        "https://c.test/3",
        Some("2014-01-12"),
        "Eddington counts the cost of Marrow flood",
        &[
            "Residents of Eddington returned to homes wrecked by the Marrow river flood as engineers inspected the damaged bridge.",
            "Emergency crews said rescue boats had searched the Eddington streets overnight.",
        ],
    );
    let oa = linker.link(&mut ix, &a, &[]).unwrap();
    let ob = linker.link(&mut ix, &b, &[]).unwrap();
    let oc = linker.link(&mut ix, &c, &[]).unwrap();
    assert_eq!(ob.decision, Decision::New, "{ob:?}");
    assert_eq!(oc.story, oa.story, "{oc:?}");
}

#[test]
fn same_order_same_stories_and_relink_merges_with_a_record() {
    let docs = [
        article("https://a.test/1", None, "Agents raid Acme Holdings in Springfield", &RAID),
        article("https://c.test/3", None, "Marrow river floods Eddington", &FLOOD),
        article(
            "https://b.test/2",
            None,
            "Springfield prosecutor Whitlock widens Acme Holdings inquiry",
            &["Prosecutor Dana Whitlock widened the Acme Holdings fraud inquiry to the Springfield transit authority, whose buses were never delivered."],
        ),
    ];
    let run = |cfg: LinkConfig| {
        let linker = Linker::new(cfg);
        let mut ix = MemoryIndex::new();
        let out: Vec<String> = docs
            .iter()
            .map(|d| linker.link(&mut ix, d, &[]).unwrap().story)
            .collect();
        (linker, ix, out)
    };
    assert_eq!(run(LinkConfig::default()).2, run(LinkConfig::default()).2);
    // A linker that never joins: three stories; relink with a low merge threshold
    // merges the two Acme stories and keeps the old id resolvable.
    let strict = LinkConfig {
        join_threshold: 2.0,
        merge_threshold: 0.2,
        join_model: None,
        ..LinkConfig::default()
    };
    let (linker, mut ix, out) = run(strict);
    assert_eq!(ix.story_count(), 3);
    let merges = linker.relink(&mut ix).unwrap();
    assert_eq!(merges.len(), 1, "{merges:?}");
    assert_eq!(ix.story_count(), 2);
    assert_eq!(ix.story_of(&docs[0].id), ix.story_of(&docs[2].id));
    assert_ne!(ix.story_of(&docs[0].id), ix.story_of(&docs[1].id));
    let (old, new) = &merges[0];
    assert_eq!(&ix.resolve(old), new);
    assert!(out.contains(old));
}

#[test]
fn an_article_close_to_two_pieces_of_one_story_merges_them() {
    // Two reports of the raid that share few words (one on the search, one on the
    // invoices), then a report that tells both.
    let search = article(
        "https://a.test/1",
        None,
        "Agents search Acme Holdings offices",
        &["Federal agents searched the Springfield offices of Acme Holdings on Tuesday, carrying out ledgers and computers."],
    );
    let invoices = article(
        "https://b.test/2",
        None,
        "Transit authority paid for buses never delivered",
        &["Prosecutor Dana Whitlock said the transit authority paid invoices worth millions for buses that were never delivered."],
    );
    let both = article(
        "https://c.test/3",
        None,
        "Acme Holdings searched over transit authority invoices",
        &[
            "Ledgers and computers were carried out of Acme Holdings in Springfield when federal agents searched its offices.",
            "The search concerns invoices: the transit authority paid millions for buses never delivered, prosecutor Dana Whitlock said.",
        ],
    );
    let run = |bridge: f32| {
        let linker = Linker::new(LinkConfig {
            join_threshold: 0.3,
            bridge_threshold: bridge,
            join_model: None,
            ..LinkConfig::default()
        });
        let mut ix = MemoryIndex::new();
        let out: Vec<LinkOutcome> = [&search, &invoices, &both]
            .iter()
            .map(|d| linker.link(&mut ix, d, &[]).unwrap())
            .collect();
        (ix, out)
    };
    // Without bridging: the two pieces stay apart, the third article joins one.
    let (ix, out) = run(2.0);
    assert_eq!(out[1].decision, Decision::New, "{:?}", out[1]);
    assert_eq!(out[2].decision, Decision::Joined, "{:?}", out[2]);
    assert_eq!(ix.story_count(), 2);
    // With bridging: one story, the merged-away id resolves to the survivor.
    let (ix, out) = run(0.3);
    assert_eq!(ix.story_count(), 1);
    let s = ix.story_of(&search.id).unwrap();
    assert_eq!(ix.story_of(&invoices.id).as_deref(), Some(s.as_str()));
    assert_eq!(ix.resolve(&out[0].story), s);
    assert_eq!(ix.resolve(&out[1].story), s);
}

#[test]
fn dated_articles_of_one_news_cycle_need_less_word_overlap() {
    let a = |published: Option<&str>, url: &str| {
        article(url, published, "Marrow river floods Eddington", &FLOOD)
    };
    let b = |published: Option<&str>| {
        article(
            "https://b.test/2",
            published,
            "Rooftop rescues in Eddington",
            &["Rescue boats took residents of Eddington off their rooftops overnight."],
        )
    };
    // The join threshold sits just above the pair's undated similarity: undated, the
    // second article starts a story; published the same day, it joins.
    let probe = Linker::new(LinkConfig {
        join_threshold: 0.0,
        bridge_threshold: 2.0,
        join_model: None,
        ..LinkConfig::default()
    });
    let mut ix = MemoryIndex::new();
    probe
        .link(&mut ix, &a(None, "https://a.test/1"), &[])
        .unwrap();
    let undated = probe.link(&mut ix, &b(None), &[]).unwrap().score;
    assert!(undated > 0.0);
    let linker = Linker::new(LinkConfig {
        join_threshold: undated * 1.1,
        join_model: None,
        ..LinkConfig::default()
    });
    let mut ix = MemoryIndex::new();
    linker
        .link(&mut ix, &a(None, "https://a.test/1"), &[])
        .unwrap();
    assert_eq!(
        linker.link(&mut ix, &b(None), &[]).unwrap().decision,
        Decision::New
    );
    let mut ix = MemoryIndex::new();
    let day = Some("2014-01-10");
    linker
        .link(&mut ix, &a(day, "https://a.test/1"), &[])
        .unwrap();
    let o = linker.link(&mut ix, &b(day), &[]).unwrap();
    assert_eq!(o.decision, Decision::Joined, "{o:?}");
    // Ten days apart, the decay outweighs the boost.
    let mut ix = MemoryIndex::new();
    linker
        .link(&mut ix, &a(day, "https://a.test/1"), &[])
        .unwrap();
    let late = linker.link(&mut ix, &b(Some("2014-01-20")), &[]).unwrap();
    assert_eq!(late.decision, Decision::New, "{late:?}");
}

#[test]
fn a_copy_months_later_is_not_taken_for_a_copy() {
    // Sites put the same sign-in notice where the article should be: the bodies are
    // copies, the pages are not.
    const WALL: [&str; 2] = [
        "Just one more thing: we have sent you a verification email. Please check your inbox and click on the link to activate your account before you continue reading.",
        "If you did not receive the email, check your spam folder or ask us to send it again from your account page.",
    ];
    let linker = Linker::default();
    let mut ix = MemoryIndex::new();
    let first = article(
        "https://s.test/1",
        Some("2014-08-04"),
        "Four shot in northwest Atlanta",
        &WALL,
    );
    let days = article(
        "https://s.test/2",
        Some("2014-08-05"),
        "Five hurt in Atlanta shooting",
        &WALL,
    );
    let months = article(
        "https://s.test/3",
        Some("2014-10-13"),
        "Man shoots relatives in Marietta",
        &WALL,
    );
    let o1 = linker.link(&mut ix, &first, &[]).unwrap();
    let o2 = linker.link(&mut ix, &days, &[]).unwrap();
    let o3 = linker.link(&mut ix, &months, &[]).unwrap();
    assert_eq!(o2.decision, Decision::Copy, "{o2:?}");
    assert_eq!(o2.story, o1.story);
    assert_ne!(o3.decision, Decision::Copy, "{o3:?}");
    assert!(o3.duplicate_of.is_none());
    assert_ne!(ix.story_of(&months.id), ix.story_of(&first.id));
}

#[test]
fn the_join_model_decides_dated_articles() {
    let linker = Linker::default();
    let model = linker.config().join_model.clone().expect("a shipped model");
    let dated = model.dated.expect("a dated half");
    let day = Some("2014-01-10");
    let a = article(
        "https://a.test/1",
        day,
        "Agents raid Acme Holdings in Springfield fraud inquiry",
        &RAID,
    );
    let b = article(
        "https://b.test/2",
        Some("2014-01-11"),
        "Acme Holdings boss Calloway denies fraud after Springfield raid",
        &[
            "Robert Calloway, chief executive of Acme Holdings, denied any fraud a day after federal agents searched the firm's Springfield offices.",
            "Prosecutor Dana Whitlock is examining invoices the Springfield transit authority paid Acme Holdings for buses.",
        ],
    );
    let c = article(
        "https://c.test/3",
        day,
        "Marrow river floods Eddington",
        &FLOOD,
    );
    let mut ix = MemoryIndex::new();
    let oa = linker.link(&mut ix, &a, &[]).unwrap();
    let ob = linker.link(&mut ix, &b, &[]).unwrap();
    let oc = linker.link(&mut ix, &c, &[]).unwrap();
    assert_eq!(ob.decision, Decision::Joined, "{ob:?}");
    assert_eq!(ob.story, oa.story);
    // The score of a model decision is its probability.
    assert!(ob.score >= dated.join && ob.score <= 1.0, "{ob:?}");
    assert_eq!(oc.decision, Decision::New, "{oc:?}");
}

#[test]
fn prepared_on_another_thread_links_as_linking_at_once() {
    let linker = Linker::default();
    let other = Linker::default();
    let ent = |key: &str| {
        vec![EntityFeature {
            key: key.into(),
            mentions: 3,
        }]
    };
    let ents = [
        ent("org:acme holdings"),
        ent("org:acme holdings"),
        ent("place:eddington"),
        ent("place:eddington"),
    ];
    let feed = [
        article(
            "https://a.test/1",
            Some("2014-01-10"),
            "Agents raid Acme Holdings",
            &RAID,
        ),
        article(
            "https://b.test/2",
            Some("2014-01-10"),
            "Fraud raid at Springfield firm",
            &RAID[..2],
        ),
        article(
            "https://c.test/3",
            Some("2014-01-11"),
            "Marrow river floods Eddington",
            &FLOOD,
        ),
        article(
            "https://d.test/4",
            Some("2014-01-11"),
            "Eddington shelter opens",
            &FLOOD[1..],
        ),
    ];
    let (mut at_once, mut prepared, mut foreign) =
        (MemoryIndex::new(), MemoryIndex::new(), MemoryIndex::new());
    let made: Vec<Prepared> = std::thread::scope(|s| {
        s.spawn(|| feed.iter().map(|a| linker.prepare(a)).collect())
            .join()
            .unwrap()
    });
    let mut decisions = Vec::new();
    for ((a, p), ents) in feed.iter().zip(made).zip(&ents) {
        let expected = linker.link(&mut at_once, a, ents).unwrap();
        decisions.push(expected.decision);
        assert_eq!(
            linker.link_prepared(&mut prepared, a, ents, &p).unwrap(),
            expected
        );
        // Made by a linker of another configuration: worked out again, same answer.
        assert_eq!(
            other.link_prepared(&mut foreign, a, ents, &p).unwrap(),
            expected
        );
    }
    // The feed exercises copies, joins and new stories alike.
    assert_eq!(decisions[0], Decision::New);
    assert!(decisions.contains(&Decision::Copy), "{decisions:?}");
    assert_eq!(decisions[2], Decision::New, "{decisions:?}");
}
