//! Claims and denials: the board and answers across the outlets of a story.

use crate::common::*;
use crate::stories::{story_article, QUAKE, STRIKE};
use crate::Backend;
use newsgraph_model::*;
use newsgraph_store::*;

/// Two claims answered by nothing, the later one published first: the board lists the
/// newest first, by instant.
pub(crate) fn claims_board_is_newest_first_among_equally_answered(b: &mut dyn Backend) {
    let store = b.open();
    let claim = |a: &mut Article, content: &str| {
        let t = a.text.clone();
        a.claims = vec![serde_json::from_value(serde_json::json!({
            "id": "c1", "holder_text": "the union", "content": content,
            "span": span_of(&t, content), "stance": "assert", "cue": "said"
        }))
        .unwrap()];
    };
    let mut morning = harbour_article(
        "https://g.test/m",
        "2025-06-14T06:00:00+02:00",
        "Union on pay",
        "The union said pay talks had stalled.",
    );
    claim(&mut morning, "pay talks had stalled");
    let mut evening = harbour_article(
        "https://g.test/e",
        "2025-06-14T20:00:00.250+02:00",
        "Union on rotas",
        "The union said rotas were unsafe.",
    );
    claim(&mut evening, "rotas were unsafe");
    store
        .put_batch(&[evening.clone(), morning.clone()])
        .unwrap();
    let board = store.claims(10, 0).unwrap();
    let ids: Vec<&str> = board.iter().map(|t| t.claim.article.id.as_str()).collect();
    assert_eq!(ids, vec![evening.id.as_str(), morning.id.as_str()]);
    assert_eq!(store.total(&ListTotal::Claims).unwrap(), 2);
}

/// A claim-bearing article of the quake story: the story's paragraphs plus `extra`,
/// whose part `content` is a claim of `stance` held by `holder`.
pub(crate) fn quake_claim(
    url: &str,
    source: &str,
    extra: &str,
    holder: &str,
    content: &str,
    stance: &str,
) -> Article {
    let mut paras: Vec<&str> = QUAKE.to_vec();
    paras.push(extra);
    let mut a = story_article(
        url,
        source,
        "2025-03-02",
        "Velden quake: bakery questions",
        &paras,
    );
    let t = a.text.clone();
    a.claims = vec![serde_json::from_value(serde_json::json!({
        "id": "c1", "holder_text": holder, "content": content,
        "span": span_of(&t, content), "stance": stance, "cue": "said"
    }))
    .unwrap()];
    a
}

/// A denial worded unlike the claim it answers, in another outlet's article of the same
/// story, answers it whichever of the two is stored first; the same words in another
/// story answer nothing.
pub(crate) fn denials_answer_reworded_claims_across_the_outlets_of_a_story(b: &mut dyn Backend) {
    let store = b.open();
    let early_denial = quake_claim(
        "https://b.test/deny",
        "Beta",
        "The bakery's owner denied ignoring safety warnings about the building.",
        "The bakery's owner",
        "ignoring safety warnings about the building",
        "deny",
    );
    let claim = quake_claim(
        "https://a.test/claim",
        "Alpha",
        "Mayor Ilse Brandauer said the bakery owner had ignored repeated safety warnings about the old building.",
        "Mayor Ilse Brandauer",
        "the bakery owner had ignored repeated safety warnings about the old building",
        "assert",
    );
    let late_doubt = quake_claim(
        "https://e.test/doubt",
        "Epsilon",
        "Neighbours doubted that any safety warnings about the building were ever sent.",
        "Neighbours",
        "any safety warnings about the building were ever sent",
        "doubt",
    );
    let mut elsewhere = story_article(
        "https://c.test/deny",
        "Gamma",
        "2025-03-02",
        "Carrow dockers strike over pay",
        &[
            STRIKE[0],
            STRIKE[1],
            "The harbour board denied ignoring safety warnings about the building.",
        ],
    );
    let t = elsewhere.text.clone();
    let content = "ignoring safety warnings about the building";
    elsewhere.claims = vec![serde_json::from_value(serde_json::json!({
        "id": "c1", "holder_text": "The harbour board", "content": content,
        "span": span_of(&t, content), "stance": "deny", "cue": "denied"
    }))
    .unwrap()];
    for a in [&early_denial, &claim, &late_doubt, &elsewhere] {
        assert_eq!(store.put(a).unwrap(), PutOutcome::Inserted);
    }
    let story = |a: &Article| store.get(&a.id).unwrap().unwrap().story;
    assert_eq!(story(&early_denial), story(&claim));
    assert_eq!(story(&late_doubt), story(&claim));
    assert_ne!(story(&elsewhere), story(&claim));

    let board = store.claims(10, 0).unwrap();
    let thread = board
        .iter()
        .find(|t| t.claim.article.id == claim.id)
        .expect("the claim is on the board");
    let mut answered_by: Vec<&str> = thread
        .responses
        .iter()
        .map(|r| r.article.id.as_str())
        .collect();
    answered_by.sort();
    let mut want = vec![early_denial.id.as_str(), late_doubt.id.as_str()];
    want.sort();
    assert_eq!(answered_by, want, "both responses answer the claim");
    // The denial in the other story stands alone on the board.
    let alone = board
        .iter()
        .find(|t| t.claim.article.id == elsewhere.id)
        .expect("the unrelated denial is a thread of its own");
    assert!(alone.responses.is_empty());
    assert_eq!(board.len(), 2);
}
