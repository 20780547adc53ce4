//! The seed article: entities, kinds, merged aliases and descriptors (skipped when the
//! shared examples are absent).
use newsgraph_model::{Article, BlockKind, EntityKind, Meta};

fn seed() -> Option<Article> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/examples/seed/article.txt"
    );
    let text = std::fs::read_to_string(path).ok()?;
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let title = lines.next()?.to_string();
    // Body up to the furniture; short lines without a final stop are headings.
    let body: Vec<(BlockKind, String)> = lines
        .take_while(|l| *l != "Lire aussi")
        .map(|l| {
            let k = if l.len() < 60 && !l.ends_with('.') {
                BlockKind::Heading
            } else {
                BlockKind::Paragraph
            };
            (k, l.to_string())
        })
        .collect();
    Some(Article::from_blocks(Meta::default(), Some(title), &body))
}

#[test]
fn seed_entities() {
    let Some(mut a) = seed() else { return };
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
