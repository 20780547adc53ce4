//! A syndication test set made from a story corpus: for some documents, a copy as an
//! outlet would run it (another headline, a dateline, boilerplate, paragraphs trimmed
//! or reordered, a few sentences edited); every other document of the same story stays
//! as a hard negative (same event, other words). Deterministic for a seed.

use super::StoryDoc;
use newsgraph_model::{Article, BlockKind, Meta};

/// One article of the set and the copy group it belongs to (the original's name; its
/// own name when it is no copy).
#[derive(Debug, Clone)]
pub struct SyndicatedDoc {
    pub name: String,
    pub group: String,
    /// What was done to make it (empty for originals).
    pub edits: Vec<&'static str>,
    pub article: Article,
}

const DATELINES: &[&str] = &[
    "(AP) —",
    "(Reuters) -",
    "(AFP) -",
    "— Wire report:",
    "(PA) -",
];

/// Boilerplate outlets add; written for this set.
const BOILERPLATE: &[&str] = &[
    "Copyright 2024 the wire service. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
    "Follow us for the latest updates and sign up for our morning newsletter.",
    "Reporting by staff; editing by the news desk.",
    "Have a news tip? Contact our newsroom any time.",
];

/// Sentence-level edits: (from, to) replacements tried in order until one applies.
const EDITS: &[(&str, &str)] = &[
    (" said ", " told reporters "),
    (" on ", " early on "),
    (" the ", " this "),
    (" was ", " had been "),
    (" and ", " as well as "),
    (" in ", " inside "),
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, pct: u64) -> bool {
        self.next() % 100 < pct
    }
}

fn paragraphs(a: &Article) -> Vec<String> {
    a.block_texts(BlockKind::Paragraph)
        .into_iter()
        .map(str::to_string)
        .collect()
}

/// Every document as an original, plus an edited copy of every `every`-th document with
/// at least four paragraphs.
pub fn build(docs: &[StoryDoc], every: usize, seed: u64) -> Vec<SyndicatedDoc> {
    let mut rng = Rng(seed);
    let mut out: Vec<SyndicatedDoc> = docs
        .iter()
        .map(|d| SyndicatedDoc {
            name: d.name.clone(),
            group: d.name.clone(),
            edits: Vec::new(),
            article: d.article.clone(),
        })
        .collect();
    for (i, d) in docs.iter().enumerate() {
        let paras = paragraphs(&d.article);
        if i % every.max(1) != 0 || paras.len() < 4 {
            continue;
        }
        let (copy, edits) = edited_copy(&d.article, paras, docs, &mut rng);
        out.push(SyndicatedDoc {
            name: format!("{}~copy", d.name),
            group: d.name.clone(),
            edits,
            article: copy,
        });
    }
    out
}

fn edited_copy(
    a: &Article,
    mut paras: Vec<String>,
    docs: &[StoryDoc],
    rng: &mut Rng,
) -> (Article, Vec<&'static str>) {
    let mut edits = Vec::new();
    // Another headline: a headline from elsewhere in the corpus, or none.
    let title = if rng.chance(70) {
        edits.push("headline");
        docs[rng.below(docs.len())].article.title.clone()
    } else {
        a.title.clone()
    };
    if rng.chance(60) {
        edits.push("dateline");
        let place = a
            .entities
            .iter()
            .find(|e| e.kind == newsgraph_model::EntityKind::Place)
            .map(|e| e.name.to_uppercase())
            .unwrap_or_else(|| "NEW YORK".into());
        paras[0] = format!(
            "{place} {} {}",
            DATELINES[rng.below(DATELINES.len())],
            paras[0]
        );
    }
    if rng.chance(50) && paras.len() >= 5 {
        edits.push("trimmed");
        let keep = paras.len() * (60 + rng.below(30)) / 100;
        paras.truncate(keep.max(3));
    }
    if rng.chance(40) && paras.len() >= 4 {
        edits.push("reordered");
        let i = 1 + rng.below(paras.len() - 2);
        paras.swap(i, i + 1);
    }
    let n_edit = 1 + rng.below(3);
    let mut edited = 0;
    for _ in 0..n_edit {
        let p = rng.below(paras.len());
        for (from, to) in EDITS.iter().skip(rng.below(EDITS.len())) {
            if paras[p].contains(from) {
                paras[p] = paras[p].replacen(from, to, 1);
                edited += 1;
                break;
            }
        }
    }
    if edited > 0 {
        edits.push("sentences edited");
    }
    if rng.chance(60) {
        edits.push("boilerplate");
        paras.push(BOILERPLATE[rng.below(BOILERPLATE.len())].to_string());
    }
    let body: Vec<(BlockKind, String)> = paras
        .into_iter()
        .map(|p| (BlockKind::Paragraph, p))
        .collect();
    let url = format!("{}~copy", a.url.clone().unwrap_or_else(|| a.id.clone()));
    let mut copy = Article::from_blocks(
        Meta {
            url: Some(url),
            source: Some("syndicated".into()),
            published: a.published.clone(),
            ..Default::default()
        },
        title,
        &body,
    );
    copy.origin = None;
    (copy, edits)
}

/// Precision and recall of predicted `duplicate_of` links: a predicted link is right
/// when both articles are in one copy group; every article of a group but its first to
/// arrive should have a link.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct DupScore {
    pub predicted: usize,
    pub correct: usize,
    pub expected: usize,
    pub found: usize,
    pub precision: f64,
    pub recall: f64,
}

pub fn score(
    docs: &[SyndicatedDoc],
    arrival: &[usize],
    predicted: &std::collections::HashMap<String, String>,
) -> DupScore {
    let group: std::collections::HashMap<&str, &str> = docs
        .iter()
        .map(|d| (d.name.as_str(), d.group.as_str()))
        .collect();
    let mut seen_group = std::collections::HashSet::new();
    let (mut expected, mut found, mut predicted_n, mut correct) = (0, 0, 0, 0);
    for &i in arrival {
        let d = &docs[i];
        let first = seen_group.insert(d.group.as_str());
        let pred = predicted.get(&d.name);
        if let Some(p) = pred {
            predicted_n += 1;
            if group.get(p.as_str()) == Some(&d.group.as_str()) {
                correct += 1;
            }
        }
        if !first {
            expected += 1;
            if pred.is_some_and(|p| group.get(p.as_str()) == Some(&d.group.as_str())) {
                found += 1;
            }
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    DupScore {
        predicted: predicted_n,
        correct,
        expected,
        found,
        precision: ratio(correct, predicted_n),
        recall: ratio(found, expected),
    }
}
