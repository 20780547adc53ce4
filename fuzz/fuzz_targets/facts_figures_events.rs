//! Fuzz the figures and events stages (after times) on any UTF-8 text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsgraph_model::Article;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut a = Article { text: text.to_string(), published: Some("2025-07-08".into()), ..Default::default() };
    newsgraph_facts::times(&mut a);
    newsgraph_facts::figures(&mut a);
    newsgraph_facts::events(&mut a);
    let len = text.chars().count();
    assert!(a.figures.iter().all(|f| f.span.end <= len));
    assert!(a.events.iter().all(|e| e.span.end <= len));
});
