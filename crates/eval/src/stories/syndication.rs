//! A syndication test set made from a story corpus: for some documents, a copy as an
//! outlet would run it (another headline, a dateline, boilerplate, paragraphs trimmed
//! or reordered, a few sentences edited); every other document of the same story stays
//! as a hard negative (same event, other words). Deterministic for a seed.
//!
//! A real corpus holds copies of its own (ECB+ has the same wire text under several
//! outlets): two documents of one topic whose bodies share at least `COPY` of the
//! smaller one's word 3-grams (counted exactly, not estimated) are one copy group from
//! the start; pairs between `GREY` and `COPY` (a rewrite reusing half a wire text) are
//! neither copies nor hard negatives: a link between them is not scored.

use super::StoryDoc;
use newsgraph_model::{Article, BlockKind, Meta};
use std::collections::{HashMap, HashSet};

/// Exact 3-gram containment from which two corpus documents are one copy group.
pub const COPY: f64 = 0.8;
/// Containment from which a pair of corpus documents is left unscored.
pub const GREY: f64 = 0.5;

/// The set: its articles, and the unscored pairs (corpus document names, ordered).
#[derive(Debug, Clone)]
pub struct SyndicationSet {
    pub docs: Vec<SyndicatedDoc>,
    pub grey: HashSet<(String, String)>,
    /// Corpus documents that joined another's copy group.
    pub corpus_copies: usize,
}

/// One article of the set and the copy group it belongs to (the original's name; its
/// own name when it is no copy).
#[derive(Debug, Clone)]
pub struct SyndicatedDoc {
    pub name: String,
    /// The corpus topic (for the tune/check split).
    pub topic: String,
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
pub fn build(docs: &[StoryDoc], every: usize, seed: u64) -> SyndicationSet {
    let (root, grey) = corpus_groups(docs);
    let corpus_copies = docs
        .iter()
        .enumerate()
        .filter(|(i, _)| root[*i] != *i)
        .count();
    let mut rng = Rng(seed);
    let mut out: Vec<SyndicatedDoc> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| SyndicatedDoc {
            name: d.name.clone(),
            topic: d.topic.clone(),
            group: docs[root[i]].name.clone(),
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
            topic: d.topic.clone(),
            group: docs[root[i]].name.clone(),
            edits,
            article: copy,
        });
    }
    SyndicationSet {
        docs: out,
        grey,
        corpus_copies,
    }
}

/// The word 3-grams of an article's paragraphs (lowercased alphanumeric words).
fn trigrams(a: &Article) -> HashSet<[String; 3]> {
    let words: Vec<String> = paragraphs(a)
        .iter()
        .flat_map(|p| {
            p.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .collect();
    words
        .windows(3)
        .map(|w| [w[0].clone(), w[1].clone(), w[2].clone()])
        .collect()
}

/// Union-find roots of the corpus copy groups (pairs of one topic at `COPY` or more),
/// and the grey pairs.
fn corpus_groups(docs: &[StoryDoc]) -> (Vec<usize>, HashSet<(String, String)>) {
    let grams: Vec<HashSet<[String; 3]>> = docs.iter().map(|d| trigrams(&d.article)).collect();
    let mut root: Vec<usize> = (0..docs.len()).collect();
    fn find(root: &mut [usize], mut i: usize) -> usize {
        while root[i] != i {
            root[i] = root[root[i]];
            i = root[i];
        }
        i
    }
    let mut by_topic: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, d) in docs.iter().enumerate() {
        by_topic.entry(d.topic.as_str()).or_default().push(i);
    }
    let mut topics: Vec<_> = by_topic.into_values().collect();
    topics.sort();
    let mut grey = HashSet::new();
    for members in topics {
        for (x, &i) in members.iter().enumerate() {
            for &j in &members[x + 1..] {
                let small = grams[i].len().min(grams[j].len());
                if small == 0 {
                    continue;
                }
                let shared = grams[i].intersection(&grams[j]).count();
                let c = shared as f64 / small as f64;
                if c >= COPY {
                    let (a, b) = (find(&mut root, i), find(&mut root, j));
                    // The earlier document roots the group (names stay stable).
                    root[a.max(b)] = a.min(b);
                } else if c >= GREY {
                    grey.insert(ordered(&docs[i].name, &docs[j].name));
                }
            }
        }
    }
    let roots = (0..docs.len()).map(|i| find(&mut root, i)).collect();
    (roots, grey)
}

fn ordered(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

/// The corpus document an article of the set comes from.
fn corpus_name(name: &str) -> &str {
    name.strip_suffix("~copy").unwrap_or(name)
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
/// when both articles are in one copy group, not scored when their corpus documents
/// are a grey pair, wrong otherwise; every article of a group but its first to arrive
/// should have a link.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct DupScore {
    pub predicted: usize,
    pub correct: usize,
    /// Predicted links between a grey pair (left out of precision).
    pub unscored: usize,
    pub expected: usize,
    pub found: usize,
    pub precision: f64,
    pub recall: f64,
}

pub fn score(
    set: &SyndicationSet,
    arrival: &[usize],
    predicted: &HashMap<String, String>,
) -> DupScore {
    let docs = &set.docs;
    let group: HashMap<&str, &str> = docs
        .iter()
        .map(|d| (d.name.as_str(), d.group.as_str()))
        .collect();
    let mut seen_group = HashSet::new();
    let (mut expected, mut found, mut predicted_n, mut correct, mut unscored) = (0, 0, 0, 0, 0);
    for &i in arrival {
        let d = &docs[i];
        let first = seen_group.insert(d.group.as_str());
        let pred = predicted.get(&d.name);
        if let Some(p) = pred {
            if group.get(p.as_str()) == Some(&d.group.as_str()) {
                predicted_n += 1;
                correct += 1;
            } else if set
                .grey
                .contains(&ordered(corpus_name(&d.name), corpus_name(p)))
            {
                unscored += 1;
            } else {
                predicted_n += 1;
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
        unscored,
        expected,
        found,
        precision: ratio(correct, predicted_n),
        recall: ratio(found, expected),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(name: &str, paras: &[&str]) -> StoryDoc {
        let body: Vec<(BlockKind, String)> = paras
            .iter()
            .map(|p| (BlockKind::Paragraph, p.to_string()))
            .collect();
        StoryDoc {
            name: name.into(),
            topic: "1".into(),
            story: "1a".into(),
            article: Article::from_blocks(
                Meta {
                    url: Some(format!("t:{name}")),
                    ..Default::default()
                },
                Some(format!("Title {name}")),
                &body,
            ),
        }
    }

    #[test]
    fn corpus_copies_group_and_half_copies_are_unscored() {
        let p = [
            "The harbour bridge closed on Monday after engineers found cracks in two of its steel piers.",
            "Drivers were sent through the old tunnel, adding forty minutes to the morning commute.",
            "The city council will decide on Thursday whether to fund emergency repairs to the bridge.",
            "Engineers said the cracks had probably grown over several winters of heavy frost.",
        ];
        let other = [
            "Ferry operators added crossings as commuters looked for ways around the closure.",
            "One captain said queues at the pier stretched past the fish market by seven o'clock.",
            "The ferry company expects the extra sailings to run until the bridge reopens.",
            "Tickets will cost the same as before, the company said in a statement.",
        ];
        let half: Vec<&str> = p[..2].iter().chain(&other[..1]).copied().collect();
        let docs = [
            doc("a", &p),
            doc("b", &p),
            doc("c", &other),
            doc("d", &half),
        ];
        let set = build(&docs, 100, 1);
        let group = |n: &str| set.docs.iter().find(|d| d.name == n).unwrap().group.clone();
        assert_eq!(group("b"), "a");
        assert_eq!(group("c"), "c");
        assert_eq!(set.corpus_copies, 1);
        assert!(set.grey.contains(&("a".to_string(), "d".to_string())));
        let arrival: Vec<usize> = (0..set.docs.len()).collect();
        let pred = |links: &[(&str, &str)]| -> HashMap<String, String> {
            links
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        // b -> a is right; c -> a is wrong; d -> a is not scored; a's edited copy (the
        // first document always gets one) is expected and missed.
        assert!(set.docs.iter().any(|d| d.name == "a~copy"));
        let s = score(&set, &arrival, &pred(&[("b", "a"), ("c", "a"), ("d", "a")]));
        assert_eq!((s.predicted, s.correct, s.unscored), (2, 1, 1));
        assert_eq!((s.expected, s.found), (2, 1));
        // A copy of the edited set (every document, seed 1) lands in its original's group.
        let set = build(&docs, 1, 1);
        for d in set.docs.iter().filter(|d| !d.edits.is_empty()) {
            assert_eq!(d.group, group(d.name.trim_end_matches("~copy")));
        }
    }
}
