//! Tokenizer and sentence splitter: no panic, tokens in order, on char boundaries, and
//! spans consistent with their byte ranges, on any UTF-8 text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsgraph_model::{Article, BlockKind, Meta};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let lex = newsgraph_nlp::Lexicons::get();
    let toks = newsgraph_nlp::tokenize(s, lex);
    let mut last = 0;
    for r in &toks {
        assert!(r.start >= last && r.start < r.end && s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
        last = r.end;
    }
    let body: Vec<(BlockKind, String)> = s.split('\n').map(|l| (BlockKind::Paragraph, l.to_string())).collect();
    let mut a = Article::from_blocks(Meta::default(), None, &body);
    newsgraph_nlp::segment(&mut a);
    for t in &a.tokens {
        assert_eq!(&a.text[t.start_byte..t.end_byte], a.slice(t.span));
    }
});
