//! The analysis limit: a text over it is analysed up to a paragraph break within it,
//! kept whole, and the record says so; a text within it is analysed as before.

use newsgraph_model::{Article, BlockKind, Meta};
use newsgraph_pipeline::{Depth, Pipeline};

const PARAGRAPHS: [&str; 3] = [
    "Police said on Monday that at least 12 people were killed in an attack on the \
     market in Kabul. “They came two days ago,” John Smith told reporters on Tuesday.",
    "The interior ministry denied claims that the army had withdrawn. Talks with the \
     Taliban resumed in Doha last week, when 300 families were displaced.",
    "Maria Lopez, the mayor of Herat, said on Wednesday that 40 schools would reopen \
     in March. “We have waited long enough,” she told the council.",
];

fn article(paragraphs: &[&str]) -> Article {
    let meta = Meta {
        published: Some("2025-07-09".into()),
        ..Default::default()
    };
    let body: Vec<(BlockKind, String)> = paragraphs
        .iter()
        .map(|p| (BlockKind::Paragraph, p.to_string()))
        .collect();
    Article::from_blocks(meta, Some("Attack in Kabul".into()), &body)
}

fn words(a: &Article) -> usize {
    a.text.split_whitespace().count()
}

#[test]
fn a_text_over_the_limit_is_analysed_to_a_paragraph_break_and_the_record_says_so() {
    let whole = article(&PARAGRAPHS);
    let head = article(&PARAGRAPHS[..2]);
    // The limit falls inside the third paragraph.
    let limit = words(&head) + 5;
    let p = Pipeline::new().expect("models load").with_max_words(limit);
    let mut a = whole.clone();
    p.run(&mut a, Depth::Full);

    // Nothing of the text is lost: text, blocks and furniture are the cleaner's.
    assert_eq!((&a.text, &a.blocks), (&whole.text, &whole.blocks));
    let t = a.truncated.expect("the record says the analysis stopped");
    let head_chars = head.text.chars().count();
    assert_eq!(
        t.analysed.end, head_chars,
        "cut at the second paragraph's end"
    );
    assert_eq!(
        (t.analysed_words, t.words, t.limit),
        (words(&head), words(&whole), limit)
    );
    // The layers are those of the first two paragraphs analysed on their own.
    let mut alone = head.clone();
    p.run(&mut alone, Depth::Full);
    assert!(alone.truncated.is_none());
    assert!(!alone.entities.is_empty() && !alone.quotes.is_empty() && !alone.times.is_empty());
    assert_eq!(a.sentences, alone.sentences);
    assert_eq!(a.entities, alone.entities);
    assert_eq!(a.quotes, alone.quotes);
    assert_eq!(a.times, alone.times);
    assert_eq!(a.figures, alone.figures);
    assert_eq!(a.claims, alone.claims);
    assert_eq!(a.events, alone.events);
    // In the record, with a line a person can read.
    let v = serde_json::to_value(&a).unwrap();
    assert_eq!(
        v["truncated"]["analysed"],
        serde_json::json!([0, head_chars])
    );
    assert!(
        t.to_string().contains(&format!("limit of {limit} words")),
        "{t}"
    );
}

#[test]
fn a_text_within_the_limit_is_analysed_whole_without_a_mark() {
    let whole = article(&PARAGRAPHS);
    let n = words(&whole);
    let mut at_limit = whole.clone();
    Pipeline::new()
        .expect("models load")
        .with_max_words(n)
        .run(&mut at_limit, Depth::Full);
    let mut default = whole.clone();
    Pipeline::new()
        .expect("models load")
        .run(&mut default, Depth::Full);
    assert_eq!(at_limit, default);
    assert!(default.truncated.is_none());
    assert!(default
        .quotes
        .iter()
        .any(|q| q.text.contains("waited long enough")));
    let v = serde_json::to_value(&default).unwrap();
    assert!(v.get("truncated").is_none(), "no mark in the record");
}
