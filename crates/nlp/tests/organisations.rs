//! Organisation names the tagger reads as places or finds only in part: a name ending in
//! a word only organisations end with, and the well-known organisations of
//! `data/organisations.tsv`.

mod common;
use newsgraph_model::EntityKind;

fn kinds(text: &str) -> Vec<(String, EntityKind)> {
    let a = common::analyse(text);
    a.entities
        .iter()
        .map(|e| (e.name.clone(), e.kind))
        .collect()
}

fn has(got: &[(String, EntityKind)], name: &str, kind: EntityKind) -> bool {
    got.iter().any(|(n, k)| n == name && *k == kind)
}

#[test]
fn names_ending_in_an_organisation_word_are_no_places() {
    // The tagger reads these as places from their first words (a country, a state).
    let got = kinds(
        "The work was supported by the US National Park Service. Fillmore spent ten years \
         at The Ohio State University before he moved west.",
    );
    for n in ["US National Park Service", "Ohio State University"] {
        assert!(has(&got, n, EntityKind::Organization), "{n}: {got:?}");
        assert!(!has(&got, n, EntityKind::Place), "{n}: {got:?}");
    }
}

#[test]
fn listed_organisations_are_found_whole_and_alone() {
    let got = kinds(
        "Figure 2.3 shows a U.S. Army veteran. How The Onion writes an issue: the writers of \
         The Onion meet on Monday.",
    );
    assert!(has(&got, "U.S. Army", EntityKind::Organization), "{got:?}");
    // "U.S." of the army's name is no mention of the country here.
    assert!(
        !got.iter().any(|(n, _)| n == "United States" || n == "U.S."),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|(n, k)| n.ends_with("Onion") && *k == EntityKind::Organization),
        "{got:?}"
    );
}

#[test]
fn an_untagged_capitalised_run_with_an_organisation_word_is_an_organisation() {
    let got = kinds(
        "In 1937 she joined the Summer Institute of Linguistics, and in 2012 he received \
         the Lifetime Achievement Award of the Association for Computational Linguistics.",
    );
    for n in [
        "Summer Institute of Linguistics",
        "Association for Computational Linguistics",
    ] {
        assert!(has(&got, n, EntityKind::Organization), "{n}: {got:?}");
    }
    // A sentence's first word the article writes lowercase elsewhere is no part of it,
    // and a line in capitals is no name.
    let got = kinds(
        "Allow Parliament time to evolve, and allow society to evolve. WE ARE HAVING A \
         PARTY IN HERE TOMORROW NIGHT.",
    );
    assert!(
        !got.iter()
            .any(|(n, _)| n.starts_with("Allow") || n.contains("PARTY")),
        "{got:?}"
    );
}

#[test]
fn a_country_before_an_organisation_word_is_part_of_its_name() {
    let got = kinds(
        "The U.S. Department of Agriculture notes that ozone harms crops. He served in \
         the Kenyan Army for years.",
    );
    assert!(
        has(
            &got,
            "U.S. Department of Agriculture",
            EntityKind::Organization
        ),
        "{got:?}"
    );
    assert!(
        has(&got, "Kenyan Army", EntityKind::Organization),
        "{got:?}"
    );
    assert!(!has(&got, "United States", EntityKind::Place), "{got:?}");
}

#[test]
fn names_run_together_after_an_organisation_word_are_split() {
    let got = kinds(
        "He gave money to charities such as the Wikimedia Foundation and Creative Commons. \
         After the leak, CEO of the Refugee Council Enver Solomon told reporters it was wrong.",
    );
    for n in ["Wikimedia Foundation", "Refugee Council"] {
        assert!(has(&got, n, EntityKind::Organization), "{n}: {got:?}");
    }
    assert!(
        !got.iter()
            .any(|(n, _)| n.contains(" and ") || n.ends_with("Solomon") && n.contains("Council")),
        "{got:?}"
    );
}

#[test]
fn an_organisation_named_in_full_keeps_its_kind_on_its_short_form() {
    // The tagger reads the bare "Zarvox" and "Brandt" as persons.
    let got = kinds(
        "Zarvox Robotics Corporation reported a loss on Monday. Analysts said Zarvox would \
         cut jobs, and Zarvox shares fell. The Brandt Institute of Technology opened a \
         campus. Brandt said it would grow.",
    );
    for n in ["Zarvox", "Brandt"] {
        assert!(!has(&got, n, EntityKind::Person), "{n}: {got:?}");
    }
    assert!(
        has(
            &got,
            "Zarvox Robotics Corporation",
            EntityKind::Organization
        ),
        "{got:?}"
    );
    // A full person name with the word keeps it a person's.
    let got = kinds("Brandt Industries Inc. said sales rose. Anna Brandt said Brandt was tired.");
    assert!(
        !has(&got, "Brandt Industries Inc.", EntityKind::Person),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|(n, k)| n == "Anna Brandt" && *k == EntityKind::Person),
        "{got:?}"
    );
}

#[test]
fn an_untagged_name_ending_in_a_legal_form_is_an_organisation() {
    let got = kinds("Kelmore Mining Company said output rose. Kelmore expects more.");
    assert!(
        got.iter()
            .any(|(n, k)| n.starts_with("Kelmore Mining") && *k == EntityKind::Organization),
        "{got:?}"
    );
}
