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
