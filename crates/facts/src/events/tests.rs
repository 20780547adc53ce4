use super::*;
use newsgraph_model::{Entity, Quote};

#[test]
fn every_trigger_cameo_in_the_data_is_a_root_code() {
    for line in include_str!("../../data/events.tsv").lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if line.starts_with('#') || f.len() < 3 || f[2].trim() == "-" {
            continue;
        }
        assert!(Cameo::parse(f[2].trim()).is_some(), "{line}");
    }
}

fn ent(id: &str, name: &str, kind: EntityKind, text: &str) -> Entity {
    let ix = CharIndex::new(text);
    let mentions = text
        .match_indices(name)
        .map(|(b, s)| ix.span(b..b + s.len()))
        .collect();
    Entity {
        id: id.into(),
        name: name.into(),
        kind,
        aliases: vec![],
        descriptors: vec![],
        mentions,
        registry_ref: None,
        gender: None,
    }
}

fn span_of(text: &str, s: &str) -> Span {
    let b = text.find(s).unwrap();
    CharIndex::new(text).span(b..b + s.len())
}

#[test]
fn attack_with_actor_target_places_and_date() {
    let text = "On May 3, Ruritania launched air strikes on Freedonia at Alpha, Beta and Gamma.";
    let mut a = Article {
        text: text.into(),
        published: Some("2024-05-10".into()),
        ..Default::default()
    };
    a.entities = vec![
        ent("e1", "Ruritania", EntityKind::Place, text),
        ent("e2", "Freedonia", EntityKind::Place, text),
        ent("e3", "Alpha", EntityKind::Place, text),
        ent("e4", "Beta", EntityKind::Place, text),
        ent("e5", "Gamma", EntityKind::Place, text),
    ];
    crate::times(&mut a);
    events(&mut a);
    let e = a
        .events
        .iter()
        .find(|e| e.kind == "attack")
        .expect("attack");
    assert_eq!(e.cameo, Cameo::root(19));
    assert_eq!(e.actors, vec!["e1"]);
    assert_eq!(e.targets, vec!["e2"]);
    assert_eq!(e.places, vec!["e3", "e4", "e5"]);
    assert_eq!(e.when.as_deref(), Some("2024-05-03"));
}

#[test]
fn prepositional_phrases_keep_their_own_actors() {
    let text = "Officials in Ruritania reported 40 deaths from Freedonian strikes.";
    let mut a = Article {
        text: text.into(),
        ..Default::default()
    };
    a.entities = vec![
        ent("e1", "Ruritania", EntityKind::Place, text),
        ent("e2", "Freedonian", EntityKind::Place, text),
    ];
    events(&mut a);
    let e = a
        .events
        .iter()
        .find(|e| e.kind == "attack")
        .expect("attack");
    assert_eq!(e.actors, vec!["e2"]);
}

#[test]
fn talks_and_ceasefire_kinds() {
    let text = "A ceasefire has held since June 24. Talks between Ruritania and Freedonia stalled.";
    let mut a = Article {
        text: text.into(),
        published: Some("2025-07-08".into()),
        ..Default::default()
    };
    a.entities = vec![
        ent("e1", "Ruritania", EntityKind::Place, text),
        ent("e2", "Freedonia", EntityKind::Place, text),
    ];
    crate::times(&mut a);
    events(&mut a);
    let kinds: Vec<&str> = a.events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, vec!["ceasefire", "talks"]);
    assert_eq!(a.events[0].when.as_deref(), Some("2025-06-24"));
    assert_eq!(a.events[1].actors, vec!["e1", "e2"]);
}

#[test]
fn quote_dates_reanchor_relative_times_and_make_statements() {
    let text = "On Monday, Smith told reporters at Hall, \"They were different two days ago.\"";
    let mut a = Article {
        text: text.into(),
        published: Some("2025-07-10".into()),
        ..Default::default()
    };
    a.entities = vec![
        ent("e1", "Smith", EntityKind::Person, text),
        ent("e2", "Hall", EntityKind::Place, text),
    ];
    crate::times(&mut a);
    let q = span_of(text, "They were different two days ago.");
    // Built from JSON so fields other layers add later keep their defaults.
    let q: Quote = serde_json::from_value(serde_json::json!({
        "id": "q1", "kind": "direct", "text": "They were different two days ago.",
        "span": [q.start, q.end], "speaker": "e1", "speaker_text": "Smith",
        "cue": "told", "cue_span": [span_of(text, "told").start, span_of(text, "told").end],
    }))
    .unwrap();
    a.quotes = vec![q];
    reanchor_quotes(&mut a);
    events(&mut a);
    let ago = a.times.iter().find(|t| t.text == "two days ago").unwrap();
    // Monday 2025-07-07 minus two days, not the publication date minus two days.
    assert_eq!(ago.value, "2025-07-05");
    assert_eq!(ago.anchor, Some(Anchor::Quote("q1".into())));
    assert_eq!(a.quotes[0].when.as_deref(), Some("2025-07-07"));
    let st = a.events.iter().find(|e| e.kind == "statement").unwrap();
    assert_eq!(st.actors, vec!["e1"]);
    assert_eq!(st.places, vec!["e2"]);
    assert_eq!(st.when.as_deref(), Some("2025-07-07"));
}

/// Issue 15, finding 9: what an event is, who does it, when a statement was made.
#[test]
fn first_user_events() {
    // A labour strike is a protest, not an attack.
    let text = "A dock strike closed the port of Harwick for a third day.";
    let mut a = Article {
        text: text.into(),
        ..Default::default()
    };
    a.entities = vec![ent("e1", "Harwick", EntityKind::Place, text)];
    events(&mut a);
    let kinds: Vec<&str> = a.events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, vec!["protest"], "{:?}", a.events);
    // Drawing criticism: the subject is its target, not who criticises.
    let text = "Mayor Ortega has drawn criticism for closing the ferry.";
    let mut a = Article {
        text: text.into(),
        ..Default::default()
    };
    a.entities = vec![ent("e1", "Ortega", EntityKind::Person, text)];
    events(&mut a);
    let e = a
        .events
        .iter()
        .find(|e| e.kind == "criticism")
        .expect("criticism");
    assert!(e.actors.is_empty(), "{e:?}");
    assert_eq!(e.targets, vec!["e1"]);
    // A trigger word inside a name makes no event, with or without the entity.
    let text = "The Met Office said gales would reach the coast on Friday.";
    let mut a = Article {
        text: text.into(),
        ..Default::default()
    };
    events(&mut a);
    assert!(a.events.iter().all(|e| e.kind != "talks"), "{:?}", a.events);
    a.entities = vec![ent("e1", "Met Office", EntityKind::Organization, text)];
    events(&mut a);
    assert!(a.events.iter().all(|e| e.kind != "talks"), "{:?}", a.events);
    // A statement is not dated by a year it mentions.
    let text = "The Varga family said it had owned the land since 1920.";
    let mut a = Article {
        text: text.into(),
        published: Some("2025-07-10".into()),
        ..Default::default()
    };
    a.entities = vec![ent("e1", "Varga", EntityKind::Person, text)];
    crate::times(&mut a);
    assert!(a.times.iter().any(|t| t.value == "1920"), "{:?}", a.times);
    let q: Quote = serde_json::from_value(serde_json::json!({
        "id": "q1", "kind": "indirect", "text": "it had owned the land since 1920",
        "span": span_of(text, "it had owned the land since 1920"), "speaker": "e1",
        "speaker_text": "The Varga family", "cue": "said", "cue_span": span_of(text, "said"),
        "when": "1920"
    }))
    .unwrap();
    a.quotes = vec![q];
    events(&mut a);
    let st = a.events.iter().find(|e| e.kind == "statement").unwrap();
    assert_eq!(st.when, None, "{st:?}");
}

#[test]
fn never_panics_on_hostile_layers() {
    let mut rng = newsgraph_testkit::Rng::new(0x1234_5678_9ABC_DEF1);
    let base = "On Monday, Smith said \"attacks on Alpha two weeks ago\" at Hall; talks with Beta — ceasefire since June 2.";
    for round in 0..2000 {
        let x = rng.next_u64();
        let cut = (x as usize) % (base.chars().count() + 1);
        let text: String = base.chars().take(cut).chain("é\u{200b}".chars()).collect();
        let n = text.chars().count();
        let r = |k: u64| ((x >> k) as usize) % (n + 5);
        let (a0, a1) = (r(3), r(11));
        let mut a = Article {
            text,
            published: Some("2025-07-08".into()),
            ..Default::default()
        };
        a.entities = vec![Entity {
            id: "e1".into(),
            name: "X".into(),
            kind: if round % 2 == 0 {
                EntityKind::Place
            } else {
                EntityKind::Person
            },
            aliases: vec![],
            descriptors: vec![],
            mentions: vec![Span::new(a0.min(a1), a0.max(a1)), Span::new(n + 2, n + 9)],
            registry_ref: None,
            gender: None,
        }];
        crate::times(&mut a);
        let q: Quote = serde_json::from_value(serde_json::json!({
            "id": "q1", "kind": "direct", "text": "x", "span": [r(5).min(r(17)), r(5).max(r(17))],
            "speaker": "e1", "speaker_text": "X", "cue": "said", "cue_span": [r(23).min(r(29)), r(23).max(r(29))],
            "when": if round % 3 == 0 { serde_json::Value::Null } else { "2025-07-07".into() },
        }))
        .unwrap();
        a.quotes = vec![q];
        events(&mut a);
        assert!(a.events.iter().all(|e| e.span.start <= e.span.end));
    }
}

#[test]
fn never_panics_without_layers() {
    for t in [
        "",
        "attack",
        "talks with",
        "\u{200b}strikes on\n",
        "cease-fire cease - fire",
    ] {
        let mut a = Article {
            text: t.into(),
            ..Default::default()
        };
        events(&mut a);
    }
}
