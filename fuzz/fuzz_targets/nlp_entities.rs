//! Tagger features and canonical entities: no panic on any text, mentions inside the text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsgraph_model::{Article, BlockKind, Meta};
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    static MODEL: OnceLock<newsgraph_nlp::EntityModel> = OnceLock::new();
    let model = MODEL.get_or_init(|| newsgraph_nlp::EntityModel::load_default().expect("model"));
    let s = String::from_utf8_lossy(data);
    let body: Vec<(BlockKind, String)> = s.split('\n').map(|l| (BlockKind::Paragraph, l.to_string())).collect();
    let mut a = Article::from_blocks(Meta::default(), None, &body);
    newsgraph_nlp::segment(&mut a);
    newsgraph_nlp::entities(&mut a, model);
    let n = a.text.chars().count();
    for e in &a.entities {
        assert!(e.mentions.iter().all(|m| m.start <= m.end && m.end <= n));
    }
});
