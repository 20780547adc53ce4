//! What the replay and training examples share: reading exported records with their
//! gold labels, the tune/check split, seeded orders, B-cubed.

#![allow(dead_code)]

use newsgraph_link::{EntityFeature, Linker, MemoryIndex};
use newsgraph_model::Article;
use std::collections::HashMap;
use std::io::BufRead;

/// An analysed record, its entity features (as the replay resolves them: the
/// registry reference, else kind and name) and its gold label.
pub type Doc = (Article, Vec<EntityFeature>, String);

/// Records of `records` (JSON Lines from `newsgraph export`) whose `url` the gold file
/// (`{url: label}`) names.
pub fn load(records: &str, gold: &str) -> Vec<Doc> {
    let gold: HashMap<String, String> =
        serde_json::from_reader(std::fs::File::open(gold).expect("gold file")).expect("gold json");
    let file = std::fs::File::open(records).expect("records file");
    let mut docs = Vec::new();
    for line in std::io::BufReader::new(file).lines() {
        let line = line.expect("read");
        let a: Article = serde_json::from_str(&line).expect("record");
        let Some(g) = a.url.as_ref().and_then(|u| gold.get(u)) else {
            continue;
        };
        let ents = a
            .entities
            .iter()
            .map(|e| EntityFeature {
                key: e.registry_ref.clone().unwrap_or_else(|| {
                    format!("{:?}:{}", e.kind, e.name.to_lowercase()).to_lowercase()
                }),
                mentions: e.mentions.len().max(1) as u32,
            })
            .collect();
        docs.push((a, ents, g.clone()));
    }
    docs
}

/// GVA labels (`gva…`) split on bit 1 of the incident number (dev ids are all even),
/// others (ECB+ `<topic>ecb[plus]`) on bit 0 of the topic: odd = tune.
pub fn is_tune(label: &str) -> bool {
    let n: u64 = label
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap_or(0);
    if label.starts_with("gva") {
        (n / 2) % 2 == 1
    } else {
        n % 2 == 1
    }
}

pub fn shuffled(n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    for i in (1..n).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        order.swap(i, (state % (i as u64 + 1)) as usize);
    }
    order
}

/// (precision, recall).
pub fn bcubed(gold: &[&str], pred: &[String]) -> (f64, f64) {
    let mut pair: HashMap<(&str, &str), f64> = HashMap::new();
    let mut g: HashMap<&str, f64> = HashMap::new();
    let mut p: HashMap<&str, f64> = HashMap::new();
    for (a, b) in gold.iter().zip(pred) {
        *pair.entry((a, b)).or_default() += 1.0;
        *g.entry(a).or_default() += 1.0;
        *p.entry(b).or_default() += 1.0;
    }
    let n = gold.len() as f64;
    let prec: f64 = gold
        .iter()
        .zip(pred)
        .map(|(a, b)| pair[&(*a, b.as_str())] / p[b.as_str()])
        .sum();
    let rec: f64 = gold
        .iter()
        .zip(pred)
        .map(|(a, b)| pair[&(*a, b.as_str())] / g[a])
        .sum();
    (prec / n, rec / n)
}

/// F1 of each of `orders` seeded replays of `docs` through `linker`.
pub fn replay_f1(linker: &Linker, docs: &[&Doc], orders: u64) -> Vec<(f64, f64, f64)> {
    let gold: Vec<&str> = docs.iter().map(|d| d.2.as_str()).collect();
    (1..=orders)
        .map(|seed| {
            let mut ix = MemoryIndex::new();
            for &i in &shuffled(docs.len(), seed) {
                let (a, e, _) = docs[i];
                linker.link(&mut ix, a, e).expect("memory index");
            }
            let pred: Vec<String> = docs
                .iter()
                .map(|d| ix.story_of(&d.0.id).unwrap_or_default())
                .collect();
            let (p, r) = bcubed(&gold, &pred);
            (
                p,
                r,
                if p + r > 0.0 {
                    2.0 * p * r / (p + r)
                } else {
                    0.0
                },
            )
        })
        .collect()
}
