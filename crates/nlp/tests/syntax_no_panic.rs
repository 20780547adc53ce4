//! The syntax layer on thousands of pseudo-random sentences (mixed scripts, punctuation,
//! control chars, empty and very long "sentences"), and on corrupt model files: no panic,
//! one analysis per word, heads inside the sentence's parsed piece, no cycles.
use newsgraph_model::{Article, BlockKind, Meta};
use newsgraph_nlp::syntax::{SyntaxModel, MAX_SENTENCE_WORDS};

const PIECES: &[&str] = &[
    "the",
    "The",
    "said",
    "U.S.",
    "Mr.",
    "’s",
    "n't",
    "“",
    "”",
    "(",
    ")",
    "—",
    "-",
    ".",
    ",",
    "?",
    "!",
    "1,060",
    "3.5",
    "Mbappé",
    "東京",
    "مرحبا",
    "\u{0}",
    "\u{200B}",
    "ﬁ",
    "İ",
    "ß",
    "e-mail",
    "www.example.com",
    "@user",
    "#tag",
    "…",
    "'",
    "\"",
    "$",
    "%",
    "a",
    "I",
    "run",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 as usize
    }
}

fn check(model: &SyntaxModel, words: &[&str]) {
    let out = model.analyse(words);
    assert_eq!(out.len(), words.len());
    for (k, piece) in out.chunks(MAX_SENTENCE_WORDS).enumerate() {
        let base = k * MAX_SENTENCE_WORDS;
        // A piece may hold several trees (`bounds.rs` ends sentences inside it), but
        // every word reaches a root: no cycles.
        for start in 0..piece.len() {
            let (mut at, mut steps) = (start, 0);
            while let Some(h) = piece[at].head {
                at = h - base;
                steps += 1;
                assert!(
                    steps <= piece.len(),
                    "a cycle through word {}",
                    base + start
                );
            }
        }
        for a in piece {
            if let Some(h) = a.head {
                assert!(
                    h >= base && h < base + piece.len(),
                    "head {h} outside its piece"
                );
            }
            assert!(!a.lemma.is_empty() || words.iter().any(|w| w.is_empty()));
        }
    }
}

#[test]
fn random_sentences_and_articles_do_not_panic() {
    let model = SyntaxModel::load_default().expect("the shipped model loads");
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for round in 0..2000 {
        let n = match round % 10 {
            0 => 0,
            1 => MAX_SENTENCE_WORDS * 2 + 7,
            _ => rng.next() % 40,
        };
        let words: Vec<&str> = (0..n).map(|_| PIECES[rng.next() % PIECES.len()]).collect();
        check(&model, &words);
        if round % 50 == 0 {
            let text = words.join(if round % 100 == 0 { "" } else { " " });
            let mut a =
                Article::from_blocks(Meta::default(), None, &[(BlockKind::Paragraph, text)]);
            newsgraph_nlp::segment(&mut a);
            newsgraph_nlp::syntax::analyse_article(&mut a, &model);
            assert!(a.syntax.len() >= a.tokens.len());
            let chars = a.text.chars().count();
            let mut last = 0;
            for t in &a.syntax {
                assert!(t.span.start >= last && t.span.start < t.span.end && t.span.end <= chars);
                last = t.span.end;
                assert!(t.head >= -1 && t.head < a.syntax.len() as i64);
            }
        }
    }
}

#[test]
fn corrupt_model_files_are_errors() {
    let good = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/data/syntax.model")).unwrap();
    assert!(SyntaxModel::from_bytes(&good).is_ok());
    assert!(SyntaxModel::from_bytes(b"").is_err());
    assert!(SyntaxModel::from_bytes(b"NGSYNTX\0\x01\0\0\0garbage").is_err());
    let mut rng = Rng(42);
    for cut in [12, 13, 100, good.len() / 2, good.len() - 1] {
        assert!(
            SyntaxModel::from_bytes(&good[..cut]).is_err(),
            "truncated at {cut}"
        );
    }
    for _ in 0..20 {
        let mut bad = good.clone();
        for _ in 0..8 {
            let i = 12 + rng.next() % (bad.len() - 12);
            bad[i] ^= 0x5a;
        }
        let _ = SyntaxModel::from_bytes(&bad);
    }
    let mut wrong_version = good.clone();
    wrong_version[8] = 99;
    assert!(matches!(
        SyntaxModel::from_bytes(&wrong_version),
        Err(newsgraph_nlp::syntax::ModelError::Version(99))
    ));
}
