//! The seed article: entities, kinds, merged aliases and descriptors. The article is
//! read by the reader, as the binary reads it (reported as ignored without
//! `../shared`; a failure under `CI=true`).
use newsgraph_model::{Article, EntityKind};

newsgraph_testkit::require_shared_under_ci!();

fn seed() -> Article {
    let mut out = Vec::new();
    newsgraph_read::read(
        &newsgraph_read::Input::Path(newsgraph_testkit::seed_path!()),
        &Default::default(),
        &mut |r| out.push(r.expect("the seed reads")),
    )
    .expect("the seed input reads");
    assert_eq!(out.len(), 1, "the seed is one article");
    out.pop().expect("one article")
}

#[test]
#[cfg_attr(not(shared_data), ignore = "needs ../shared (the seed example)")]
fn seed_entities() {
    let mut a = seed();
    let model = newsgraph_nlp::EntityModel::load_default().expect("model");
    newsgraph_nlp::segment(&mut a);
    newsgraph_nlp::entities(&mut a, &model);
    for e in &a.entities {
        eprintln!(
            "{} {:?} {:?} aliases={:?} desc={:?} n={}",
            e.id,
            e.kind,
            e.name,
            e.aliases,
            e.descriptors,
            e.mentions.len()
        );
    }
    let find = |name: &str| a.entities.iter().find(|e| e.name == name);
    let trump = find("Donald Trump").expect("Donald Trump");
    assert_eq!(trump.kind, EntityKind::Person);
    assert!(
        trump.aliases.iter().any(|x| x == "Trump"),
        "{:?}",
        trump.aliases
    );
    assert!(
        trump.descriptors.iter().any(|d| d.contains("President")),
        "{:?}",
        trump.descriptors
    );
    let us = find("United States").expect("United States");
    assert_eq!(us.kind, EntityKind::Place);
    for alias in ["U.S.", "US", "American"] {
        assert!(
            us.aliases.iter().any(|x| x == alias),
            "{alias} in {:?}",
            us.aliases
        );
    }
    let baqaei = find("Esmaeil Baqaei").expect("Baqaei");
    assert!(
        baqaei
            .descriptors
            .iter()
            .any(|d| d == "Iranian foreign ministry spokesperson"),
        "{:?}",
        baqaei.descriptors
    );
    let bn = find("Benjamin Netanyahu").expect("Netanyahu");
    assert!(
        bn.descriptors.iter().any(|d| d == "Israeli Prime Minister"),
        "{:?}",
        bn.descriptors
    );
    let tc = find("Tucker Carlson").expect("Carlson");
    assert!(
        tc.descriptors.iter().any(|d| d == "U.S. commentator"),
        "{:?}",
        tc.descriptors
    );
    assert!(find("White House")
        .is_some_and(|e| matches!(e.kind, EntityKind::Place | EntityKind::Organization)));
    for place in ["Iran", "Israel", "Fordow", "Isfahan", "Natanz"] {
        assert_eq!(
            find(place).map(|e| e.kind),
            Some(EntityKind::Place),
            "{place}"
        );
    }
    let p = find("Masoud Pezeshkian").expect("Pezeshkian");
    assert!(
        p.aliases.iter().any(|x| x.starts_with("the president")),
        "{:?}",
        p.aliases
    );
    assert!(p.aliases.iter().any(|x| x == "Pezeshkian"));
    for org in ["Tasnim", "Kayhan", "Javan", "Ham Mihan"] {
        let e = find(org).unwrap_or_else(|| panic!("{org}"));
        assert_eq!(e.kind, EntityKind::Organization, "{org}");
    }
    // Mentions are within the text and ordered.
    for e in &a.entities {
        assert!(e
            .mentions
            .iter()
            .all(|m| m.end <= a.text.chars().count() && m.start < m.end));
    }
    assert!(find("Latest News").is_none());
}
