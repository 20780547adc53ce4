//! Names the registry files people under: titles and party labels are descriptors,
//! honorifics are neither names nor descriptors but say the gender.

mod common;
use common::analyse;
use newsgraph_model::{Article, EntityKind, Gender};

#[test]
fn titles_and_parties_are_descriptors_not_names() {
    let a = analyse(
        "Labour MP George Foulkes said the plan was wrong. Mr Foulkes added that the \
         Minister had not replied, and Labour said nothing.",
    );
    let people: Vec<&str> = a
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::Person)
        .map(|e| e.name.as_str())
        .collect();
    assert!(people.contains(&"George Foulkes"), "{people:?}");
    assert!(
        !people
            .iter()
            .any(|n| n.contains("Labour") || *n == "Minister"),
        "{people:?}"
    );
    let gf = a
        .entities
        .iter()
        .find(|e| e.name == "George Foulkes")
        .unwrap();
    assert!(
        gf.descriptors.iter().any(|d| d == "Labour MP"),
        "{:?}",
        gf.descriptors
    );
    assert!(
        !gf.descriptors.iter().any(|d| d == "Mr"),
        "{:?}",
        gf.descriptors
    );
    assert_eq!(gf.gender, Some(Gender::Male), "Mr says he is a man");
}

#[test]
fn party_names_and_group_labels_are_never_one_person() {
    let a = analyse(
        "He was more interested in the Robert Kilroy-Silk Party than the UK Independence \
         Party, Roger Knapman said. Muslims in the UK were angry, and Christians said the \
         law was unfair.",
    );
    let people: Vec<&str> = a
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::Person)
        .map(|e| e.name.as_str())
        .collect();
    assert!(people.contains(&"Roger Knapman"), "{people:?}");
    assert!(
        !people
            .iter()
            .any(|n| n.ends_with("Party") || n.starts_with("Muslims") || *n == "Christians"),
        "{people:?}"
    );
}

#[test]
fn a_one_word_given_name_gives_the_gender_unless_it_is_a_surname_too() {
    let a = analyse(
        "Paula won the race in London on Sunday, and Murray lost again. Paula said she \
         was tired.",
    );
    let gender = |n: &str| {
        a.entities
            .iter()
            .find(|e| e.name == n && e.kind == EntityKind::Person)
            .map(|e| e.gender)
    };
    assert_eq!(gender("Paula"), Some(Some(Gender::Female)));
    assert_eq!(
        gender("Murray"),
        Some(None),
        "a frequent surname says no gender"
    );
}

fn kinds_of(a: &Article) -> Vec<(String, EntityKind, Vec<String>)> {
    a.entities
        .iter()
        .map(|e| (e.name.clone(), e.kind, e.descriptors.clone()))
        .collect()
}

#[test]
fn clubs_awards_and_membership_labels_are_no_people() {
    // Sentences as the BBC corpus has them, where the tagger reads these as persons.
    let a = analyse(
        "But the youngest is understood to have been Tory Edward Turnour, who won the 1904 \
         Horsham by-election aged 21 and 144 days. Her comments did not impress Tory shadow \
         education secretary Tim Collins. It was an amazing climax which gave Mourinho his \
         first silverware as Chelsea manager. The firm is to receive a payment from Chelsea \
         of £24m. It also won him and his brother Carlos an Oscar nomination for best \
         original screenplay.",
    );
    let got = kinds_of(&a);
    let person = |n: &str| {
        got.iter()
            .any(|(m, k, _)| m == n && *k == EntityKind::Person)
    };
    for n in ["Tory", "Tory Edward Turnour", "Chelsea", "Oscar"] {
        assert!(!person(n), "{n} is a person: {got:?}");
    }
    let turnour = got.iter().find(|(m, _, _)| m == "Edward Turnour");
    assert!(
        turnour.is_some_and(|(_, k, d)| *k == EntityKind::Person && d.iter().any(|d| d == "Tory")),
        "{got:?}"
    );
    // A person named by the word keeps it.
    let b = analyse("Chelsea Clinton visited Oxford. Chelsea said she liked it.");
    let got = kinds_of(&b);
    assert!(
        got.iter()
            .all(|(n, k, _)| !n.starts_with("Chelsea") || *k == EntityKind::Person),
        "{got:?}"
    );
}

#[test]
fn a_bare_word_with_nothing_of_a_person_takes_its_other_reading() {
    // The tagger reads "Yukos" as a person at the start and as an organisation after
    // "the oil group": no full name, title or census name makes it a person's.
    let a = analyse(
        "Yukos said on Monday that it would appeal. The oil company Yukos has been \
         presented with a tax bill. Yukos told the court the claims were false. A \
         spokesman for the oil group Yukos said it had paid. Analysts at the bank said \
         Yukos would struggle.",
    );
    let yukos: Vec<_> = kinds_of(&a)
        .into_iter()
        .filter(|(n, _, _)| n == "Yukos")
        .collect();
    assert_eq!(yukos.len(), 1, "{yukos:?}");
    assert_eq!(yukos[0].1, EntityKind::Organization);
    // A surname the article gives a full name to stays a person whatever the tagger said.
    let b = analyse(
        "Mikhail Khodorkovsky told the court he was innocent. Khodorkovsky said the \
         charges were false.",
    );
    assert!(kinds_of(&b)
        .iter()
        .any(|(n, k, _)| n == "Mikhail Khodorkovsky" && *k == EntityKind::Person));
}

#[test]
fn the_singular_of_a_group_label_is_no_person() {
    // The tagger takes "Rebel" of a song title for a person; "rebels" is a group label.
    let a = analyse("The band played Fight The Power and Rebel Without A Pause at the show.");
    let rebel: Vec<_> = kinds_of(&a)
        .into_iter()
        .filter(|(n, _, _)| n == "Rebel")
        .collect();
    assert!(
        rebel.iter().all(|(_, k, _)| *k != EntityKind::Person),
        "{rebel:?}"
    );
}

/// A country named again later in the article is the same entity, however its first
/// mention was found (tagger or lexicon).
#[test]
fn a_country_named_twice_is_one_entity() {
    let a = analyse(
        "Iran said on June 22 the United States joined Israel in strikes. Renewed talks \
         with the United States could be a step forward, Iran said.",
    );
    let us: Vec<_> = a
        .entities
        .iter()
        .filter(|e| e.name == "United States")
        .collect();
    assert_eq!(us.len(), 1, "{:?}", a.entities);
    assert_eq!(us[0].mentions.len(), 2, "{:?}", us[0]);
    assert_eq!(us[0].kind, EntityKind::Place);
}
