//! Fuzz the attribution layer: any UTF-8 text (with an entity layer whose mentions are
//! derived from the input, possibly out of range) must give quotes and claims whose
//! spans lie inside the text, never a panic or a hang.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsgraph_model::{Article, Entity, EntityKind, Span};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let n = text.chars().count();
    let mut a = Article { text, ..Default::default() };
    let seed = data.first().copied().unwrap_or(0) as usize;
    a.entities = vec![Entity {
        id: "e1".into(),
        name: "X".into(),
        kind: if seed % 2 == 0 { EntityKind::Person } else { EntityKind::Organization },
        aliases: vec![],
        descriptors: vec!["spokesperson".into()],
        mentions: vec![Span::new(seed % (n + 1), (seed % (n + 1)) + seed % 7), Span::new(n + 3, n + 9)],
        registry_ref: None,
        gender: None,
    }];
    newsgraph_attribution::quotes(&mut a);
    newsgraph_attribution::claims(&mut a);
    for q in &a.quotes {
        assert!(q.span.start <= q.span.end && q.span.end <= n);
    }
    for c in &a.claims {
        assert!(c.span.start <= c.span.end && c.span.end <= n);
    }
});
