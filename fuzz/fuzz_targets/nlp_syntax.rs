//! The syntax layer (tagger, lemmatiser, parser and its arc labeler) on any UTF-8 text: no panic,
//! at least one analysis per token, every head inside its sentence's tokens or -1, one root per
//! parsed piece at most; and arbitrary bytes as a model file are an error, not a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsgraph_model::{Article, BlockKind, Meta};
use newsgraph_nlp::syntax::SyntaxModel;
use std::sync::OnceLock;

static MODEL: OnceLock<SyntaxModel> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let _ = SyntaxModel::from_bytes(data);
    let Ok(s) = std::str::from_utf8(data) else { return };
    let model = MODEL.get_or_init(|| SyntaxModel::load_default().expect("shipped model loads"));
    let body: Vec<(BlockKind, String)> = s.split('\n').map(|l| (BlockKind::Paragraph, l.to_string())).collect();
    let mut a = Article::from_blocks(Meta::default(), None, &body);
    newsgraph_nlp::segment(&mut a);
    newsgraph_nlp::syntax::analyse_article(&mut a, model);
    assert!(a.syntax.len() >= a.tokens.len());
    for t in &a.syntax {
        assert!(t.head >= -1 && t.head < a.syntax.len() as i64);
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    let out = model.analyse(&words);
    assert_eq!(out.len(), words.len());
});
