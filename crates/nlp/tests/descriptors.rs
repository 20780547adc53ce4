//! Issue 15, finding 19: descriptors are titles and roles only, and a possessive is no
//! alias of its own.
mod common;
use common::analyse;
use newsgraph_model::{Article, EntityKind};

fn person<'a>(a: &'a Article, last: &str) -> &'a newsgraph_model::Entity {
    a.entities
        .iter()
        .find(|e| e.kind == EntityKind::Person && e.name.ends_with(last))
        .unwrap_or_else(|| panic!("no person {last}: {:?}", a.entities))
}

#[test]
fn honorifics_and_the_words_before_them_are_no_descriptors() {
    let a = analyse(
        "Harbour officials accuse Mr Alderton of ignoring the storm warnings. \
         Councillors praised good Mr Alderton for his patience. \
         Mr Alderton's ferry company denied the claims on Tuesday.",
    );
    let e = person(&a, "Alderton");
    assert!(
        e.descriptors.iter().all(|d| !d.contains("Mr")),
        "{:?}",
        e.descriptors
    );
    // "Alderton's" folds into "Alderton".
    assert!(
        e.aliases
            .iter()
            .all(|al| !al.ends_with("'s") && !al.ends_with("’s")),
        "{:?}",
        e.aliases
    );
}

#[test]
fn titles_keep_their_premodifiers_but_not_other_adjectives() {
    let a = analyse(
        "Former Mayor Jane Okafor opened the pier. The crowd cheered kind Mayor Peter Lund \
         and the acting Harbour Master Ruth Vale.",
    );
    let lund = person(&a, "Lund");
    assert!(
        lund.descriptors.iter().all(|d| !d.contains("kind")),
        "{:?}",
        lund.descriptors
    );
}
