//! Thousands of deterministic pseudo-random and mutated texts (mixed scripts, quotes,
//! control chars, abbreviations, titles) through the tokenizer, the splitter, the tagger's
//! features and the entity merging: no panic, and every span consistent.
use newsgraph_model::{Article, Block, BlockKind, Meta, Span};

const PIECES: &[&str] = &[
    "U.S.",
    "Mr.",
    "Jan.",
    "a.m.",
    "J.",
    "...",
    "…",
    "“",
    "”",
    "‘",
    "’",
    "'",
    "\"",
    "’s",
    "n't",
    "(",
    ")",
    "—",
    "-",
    ".",
    "?",
    "!",
    ",",
    " ",
    "  ",
    "\n",
    "\t",
    "\u{0}",
    "\u{7}",
    "\u{200B}",
    "\u{FEFF}",
    "\u{00A0}",
    "é",
    "Mbappé",
    "ß",
    "İ",
    "ﬁ",
    "日本",
    "東京",
    "Тегеран",
    "طهران",
    "עברית",
    "👍🏽",
    "e\u{301}",
    "President",
    "Prime Minister",
    "Donald",
    "Trump",
    "Iran",
    "Iranian",
    "American",
    "Americans",
    "the",
    "The",
    "newspaper",
    "daily",
    "news agency",
    "hardliners",
    "Kayhan",
    "the president",
    "1,060",
    "17:20",
    "$40",
    "50%",
    "Inc.",
    "U.S.A.",
    "e.g.",
    "St.",
    "'90s",
    "A",
    "I",
    "US",
    "us",
    "-",
    "--",
    "&",
    "@",
    "/",
    "#",
];

use newsgraph_testkit::Rng;

fn random_text(r: &mut Rng) -> String {
    let n = r.below(60);
    let mut s = String::new();
    for _ in 0..n {
        match r.below(10) {
            0 => s.push(char::from_u32(r.below(0x3000) as u32).unwrap_or('x')),
            1 => {
                let w: String = (0..r.below(12))
                    .map(|_| (b'A' + r.below(58) as u8) as char)
                    .collect();
                s.push_str(&w);
            }
            _ => s.push_str(PIECES[r.below(PIECES.len())]),
        }
        if r.below(3) == 0 {
            s.push(' ');
        }
    }
    s
}

fn check(a: &Article) {
    let n = a.text.chars().count();
    let mut last = 0;
    for t in &a.tokens {
        assert!(
            t.span.start >= last && t.span.start < t.span.end && t.span.end <= n,
            "{t:?} in {:?}",
            a.text
        );
        assert_eq!(a.text.get(t.start_byte..t.end_byte), Some(a.slice(t.span)));
        last = t.span.end;
    }
    for s in &a.sentences {
        assert!(s.span.start < s.span.end && s.span.end <= n);
    }
    for e in &a.entities {
        assert!(!e.id.is_empty() && !e.mentions.is_empty());
        assert!(
            e.mentions.iter().all(|m| m.start < m.end && m.end <= n),
            "{e:?}"
        );
    }
}

#[test]
fn random_and_mutated_texts_never_panic() {
    let model = newsgraph_nlp::EntityModel::load_default().expect("model");
    let mut r = Rng::new(0x9E37_79B9_7F4A_7C15);
    let seed_path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/examples/seed/article.txt"
    );
    let seed = std::fs::read_to_string(seed_path)
        .unwrap_or_else(|_| "Former U.S. President Donald Trump said.".into());
    for i in 0..3000 {
        let text = if i % 3 == 0 {
            // Mutate a slice of real text: cut at a random char, splice random pieces.
            let chars: Vec<char> = seed.chars().collect();
            let a = r.below(chars.len());
            let b = (a + r.below(400)).min(chars.len());
            let mut s: String = chars[a..b].iter().collect();
            let at = s
                .char_indices()
                .map(|(i, _)| i)
                .nth(r.below(s.chars().count() + 1))
                .unwrap_or(s.len());
            s.insert_str(at, &random_text(&mut r));
            s
        } else {
            random_text(&mut r)
        };
        let body: Vec<(BlockKind, String)> = text
            .split('\n')
            .map(|l| (BlockKind::Paragraph, l.to_string()))
            .collect();
        let mut a = Article::from_blocks(Meta::default(), None, &body);
        newsgraph_nlp::segment(&mut a);
        newsgraph_nlp::entities(&mut a, &model);
        check(&a);
        // Raw text with no blocks, and with bogus blocks.
        let mut b = Article {
            text: text.clone(),
            ..Default::default()
        };
        if i % 2 == 0 {
            let n = text.chars().count();
            b.blocks = vec![
                Block {
                    kind: BlockKind::Paragraph,
                    span: Span {
                        start: n / 2,
                        end: n + 5,
                    },
                },
                Block {
                    kind: BlockKind::Title,
                    span: Span {
                        start: 0,
                        end: n / 3,
                    },
                },
                Block {
                    kind: BlockKind::Heading,
                    span: Span {
                        start: n / 4,
                        end: n / 2,
                    },
                },
            ];
        }
        newsgraph_nlp::entities(&mut b, &model);
        check(&b);
    }
}
