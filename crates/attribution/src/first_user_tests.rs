//! Issue 15 ("What a first real user hits"), findings 4 and 6: attribution is for
//! speech, thought and assertion by a source. Sentences written for these tests.

use super::*;
use crate::tests::entity;
use newsgraph_model::{Entity, EntityKind, Stance};

fn run(text: &str, entities: Vec<Entity>) -> Article {
    let mut a = Article {
        text: text.to_string(),
        entities,
        ..Default::default()
    };
    quotes(&mut a);
    claims(&mut a);
    a
}

fn said(a: &Article) -> Vec<(String, String)> {
    a.quotes
        .iter()
        .map(|q| (q.speaker_text.clone().unwrap_or_default(), q.text.clone()))
        .collect()
}

/// Finding 4: "X, however, claimed Y" — the adverb is no boundary between content and
/// an inverted source.
#[test]
fn discourse_adverb_between_subject_and_cue() {
    for (text, who, what) in [
        (
            "The ward reopened in May. Porters, however, claimed the rota hid a gap of 40 shifts.",
            "Porters",
            "the rota hid a gap of 40 shifts",
        ),
        (
            "The owners, for their part, insisted the old pier was safe.",
            "The owners",
            "the old pier was safe",
        ),
        (
            "Shareholders, meanwhile, said the merger talks had stalled.",
            "Shareholders",
            "the merger talks had stalled",
        ),
    ] {
        let a = run(text, vec![]);
        assert_eq!(
            said(&a),
            vec![(who.to_string(), what.to_string())],
            "{text}"
        );
    }
    let a = run(
        "Porters, however, claimed the rota hid a gap of 40 shifts.",
        vec![],
    );
    assert_eq!(a.claims.len(), 1, "{:?}", a.claims);
    assert_eq!(a.claims[0].holder_text.as_deref(), Some("Porters"));
    assert_eq!(a.claims[0].content, "the rota hid a gap of 40 shifts");
    // Nor is a participial phrase after the subject ("The report, published ..., claimed").
    let text = "The survey, published by the port on Monday, claimed the pier was sinking.";
    let a = run(text, vec![]);
    assert_eq!(a.quotes.len(), 1, "{:?}", a.quotes);
    assert!(
        a.quotes[0]
            .speaker_text
            .as_deref()
            .is_some_and(|s| s.starts_with("The survey")),
        "{:?}",
        a.quotes
    );
    assert_eq!(a.quotes[0].text, "the pier was sinking");
    // An inverted trailing attribution is still read as one.
    let a = run(
        "The rota hid a gap of 40 shifts, claimed the porters' union.",
        vec![],
    );
    assert_eq!(
        said(&a),
        vec![(
            "the porters' union".to_string(),
            "The rota hid a gap of 40 shifts".to_string()
        )]
    );
}

/// Finding 6: verbs that do not report speech, thought or assertion make no quote and
/// no claim.
#[test]
fn non_speech_verbs_make_no_attribution() {
    for text in [
        // a raising verb: its subject is what the content is about, not a holder
        "For the harbour board, the answer appears to be a second ferry.",
        "The plan seems to have stalled over the winter.",
        // generic evidence with no source
        "Studies show that ferries are safer than coaches.",
        // a noun before a verb of its own
        "The club's cup hopes were dashed by a late goal.",
        "Their hopes were dashed when the pier closed.",
        // a reduced passive after a quantity
        "With millions expected to watch the final, the ferry will run late.",
        // "warning" as a noun
        "The Met Office issued an amber warning of gales for the coast.",
        // the price verb and the legal noun
        "The bank charges £5 a month for the basic account.",
        "He faces charges of fraud after the collapse of the firm.",
        // the writer's own voice
        "We think the pier should reopen before the summer.",
    ] {
        let a = run(text, vec![]);
        assert!(a.quotes.is_empty(), "{text}: {:?}", a.quotes);
        assert!(a.claims.is_empty(), "{text}: {:?}", a.claims);
    }
    // The speech senses of the same verbs still attribute.
    let a = run(
        "Critics charged that the fee was unfair to pensioners.",
        vec![],
    );
    assert_eq!(a.claims.len(), 1, "{:?}", a.claims);
    assert_eq!(a.claims[0].holder_text.as_deref(), Some("Critics"));
    assert_eq!(a.claims[0].stance, Stance::Assert);
    let a = run(
        "The harbour master warned that the gales would close the port.",
        vec![],
    );
    assert_eq!(said(&a).len(), 1, "{:?}", a.quotes);
    let a = run(
        "A council survey published on Monday showed that most ferries ran late.",
        vec![],
    );
    assert_eq!(said(&a).len(), 1, "{:?}", a.quotes);
    let a = run("Ms Okafor hopes the pier will reopen in May.", vec![]);
    assert_eq!(said(&a).len(), 1, "{:?}", a.quotes);
}

/// Finding 6: a holder is a name or a nominal, or a pronoun with an antecedent; a
/// relative "who" stands for the noun before it.
#[test]
fn holders_are_names_nominals_or_resolved_pronouns() {
    let text = "The ferry was renamed Swift last year, and its name suggests the firm wants speed.";
    let a = run(text, vec![]);
    let holders: Vec<&str> = a
        .quotes
        .iter()
        .filter_map(|q| q.speaker_text.as_deref())
        .chain(a.claims.iter().filter_map(|c| c.holder_text.as_deref()))
        .collect();
    assert!(holders.iter().all(|h| !h.contains("name")), "{holders:?}");
    let text = "The union leader, Ruth Vale, who claimed the rota was unsafe, resigned.";
    let a = run(
        text,
        vec![entity(
            "e1",
            "Ruth Vale",
            EntityKind::Person,
            text,
            &["Ruth Vale"],
        )],
    );
    let c = a
        .claims
        .iter()
        .find(|c| c.content.contains("rota"))
        .expect("claim");
    assert_eq!(c.holder.as_deref(), Some("e1"), "{c:?}");
    // the relative clause ends at its comma
    assert_eq!(c.content, "the rota was unsafe");
}
