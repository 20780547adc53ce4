use super::*;
use newsgraph_model::Meta;

/// A text every stage finds something in: entities, dates (one relative inside a
/// quote said on a day of its own), quotes, a claim, figures and events.
const STORY: &str = "Police said on Monday that at least 12 people were killed in an attack \
on the market in Kabul. “They came two days ago,” John Smith told reporters on Tuesday. \
The interior ministry denied claims that the army had withdrawn. Talks with the Taliban \
resumed in Doha last week, when 300 families were displaced.";

fn story() -> Article {
    let meta = Meta {
        published: Some("2025-07-09".into()),
        ..Default::default()
    };
    Article::from_blocks(
        meta,
        Some("Attack in Kabul".into()),
        &[(newsgraph_model::BlockKind::Paragraph, STORY.into())],
    )
}

fn pipeline() -> Pipeline {
    Pipeline::new().expect("the shipped models load")
}

#[test]
fn every_stage_changes_only_the_layers_it_declares() {
    let p = pipeline();
    let mut a = story();
    p.run_checked(&mut a).expect("each stage within its layers");
    // The story exercises every layer, so the check above compared real changes.
    assert!(!a.entities.is_empty() && !a.quotes.is_empty() && !a.figures.is_empty());
    assert!(!a.times.is_empty() && !a.events.is_empty() && !a.claims.is_empty());
    // The quoted "two days ago" counts from the Tuesday it was said (reanchor ran
    // before claims and events).
    let ago = a
        .times
        .iter()
        .find(|t| t.text == "two days ago")
        .expect("time");
    assert_eq!(ago.value, "2025-07-06");
    // `run` gives what the checked run gives.
    let mut b = story();
    p.run(&mut b, Depth::Full);
    assert_eq!(a, b);
}

#[test]
fn the_check_names_a_stage_writing_an_undeclared_layer() {
    let rogue = [Stage {
        name: "rogue",
        reads: &[Layer::Text],
        writes: &[Layer::Figures],
        clean: false,
        run: |_, a| a.title = Some("changed".into()),
    }];
    let err = pipeline()
        .run_stages_checked(&rogue, &mut story())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "stage rogue changed Text, which it does not declare"
    );
}

#[test]
fn no_layer_is_written_by_two_stages_but_the_declared_refinements() {
    // `reanchor` refines two layers it shares with `times` and `quotes`; every other
    // layer has exactly one writer, and every layer read is written before it is read.
    let mut writers: std::collections::HashMap<Layer, Vec<&str>> = Default::default();
    for s in &STAGES {
        for r in s.reads {
            assert!(
                *r == Layer::Text || writers.contains_key(r),
                "{} reads {r:?} before any stage writes it",
                s.name
            );
        }
        for w in s.writes {
            writers.entry(*w).or_default().push(s.name);
        }
    }
    for (layer, names) in &writers {
        let refined = matches!(layer, Layer::TimeValues | Layer::QuoteDates);
        assert!(
            names.len() == 1 || (refined && names.len() == 2 && names[1] == "reanchor"),
            "{layer:?} written by {names:?}"
        );
    }
}

newsgraph_testkit::require_shared_under_ci!();

/// The facts replay: the facts layers are a function of the record's other layers, so
/// re-running them on the parsed record gives byte-identical JSON.
#[test]
#[cfg_attr(not(shared_data), ignore = "needs ../shared (the seed example)")]
fn facts_replay_from_the_record_is_byte_identical() {
    let p = pipeline();
    let opts = newsgraph_read::ReadOptions {
        published: Some("2025-07-08".into()),
        ..Default::default()
    };
    let mut articles = vec![story()];
    newsgraph_read::read(
        &newsgraph_read::Input::Path(newsgraph_testkit::seed_path!()),
        &opts,
        &mut |r| articles.push(r.expect("the seed reads")),
    )
    .expect("the seed input reads");
    for mut a in articles {
        p.run(&mut a, Depth::Full);
        let record = serde_json::to_string(&a).unwrap();
        let mut again: Article = serde_json::from_str(&record).unwrap();
        again.times.clear();
        again.figures.clear();
        again.events.clear();
        for s in STAGES
            .iter()
            .filter(|s| matches!(s.name, "times" | "reanchor" | "figures" | "events"))
        {
            s.run(&p, &mut again);
        }
        assert_eq!(serde_json::to_string(&again).unwrap(), record);
    }
}
