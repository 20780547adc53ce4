//! Replays analysed articles through the linker over a [`MemoryIndex`] in shuffled
//! orders and scores the stories with B-cubed: the fast loop for tuning the link stage
//! (no pipeline, no database), next to `newsgraph eval stories` (the real store).
//!
//! ```text
//! newsgraph export --data DIR > records.jsonl        # analysed records, stored once
//! cargo run -p newsgraph-link --example replay -- records.jsonl gold.json [k=v,k=v] [orders]
//! ```
//!
//! `gold.json` maps each record's `url` to its gold story label. Records whose label
//! starts with `gva` split tune/check on bit 1 of the number in the label (GVA incident
//! ids of the dev half are all even), others on bit 0 (ECB+ topic): odd = tune.

#[path = "common/mod.rs"]
mod common;

use newsgraph_link::train::{bcubed, shuffled, TrainDoc};
use newsgraph_link::{LinkConfig, Linker, MemoryIndex};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: replay RECORDS.jsonl GOLD.json [k=v,...] [orders]");
        std::process::exit(2);
    }
    let mut cfg = LinkConfig::default();
    if let Some(c) = args.get(2) {
        cfg.apply(c).unwrap_or_else(|e| panic!("{e}"));
    }
    let orders: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(3);
    let docs = common::load(&args[0], &args[1]);
    let linker = Linker::new(cfg);
    for split in ["tune", "check"] {
        let sub: Vec<&TrainDoc> = docs
            .iter()
            .filter(|d| d.tune == (split == "tune"))
            .collect();
        if sub.is_empty() {
            continue;
        }
        let gold: Vec<&str> = sub.iter().map(|d| d.story.as_str()).collect();
        let mut f1s = Vec::new();
        let (mut ps, mut rs) = (0.0, 0.0);
        for seed in 1..=orders {
            let mut ix = MemoryIndex::new();
            for &i in &shuffled(sub.len(), seed) {
                let d = sub[i];
                linker
                    .link(&mut ix, &d.article, &d.entities)
                    .expect("memory index");
            }
            let pred: Vec<String> = sub
                .iter()
                .map(|d| ix.story_of(&d.article.id).unwrap_or_default())
                .collect();
            if seed == 1 && std::env::var_os("REPLAY_MIXED").is_some() {
                print_mixed(&gold, &pred);
            }
            let (p, r) = bcubed(&gold, &pred);
            ps += p;
            rs += r;
            f1s.push(2.0 * p * r / (p + r));
        }
        let n = orders as f64;
        println!(
            "{split:<5} {:>5} docs  F1 min {:.4} mean {:.4}  (P {:.3} R {:.3})  [{}]",
            sub.len(),
            f1s.iter().cloned().fold(f64::INFINITY, f64::min),
            f1s.iter().sum::<f64>() / n,
            ps / n,
            rs / n,
            f1s.iter()
                .map(|f| format!("{f:.3}"))
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
}

/// Predicted stories holding more than one gold story (with `REPLAY_MIXED` set).
fn print_mixed(gold: &[&str], pred: &[String]) {
    let mut by: std::collections::BTreeMap<&str, std::collections::BTreeMap<&str, u32>> =
        Default::default();
    for (g, p) in gold.iter().zip(pred) {
        *by.entry(p).or_default().entry(g).or_default() += 1;
    }
    for (p, gs) in by.iter().filter(|x| x.1.len() > 1) {
        println!("  mixed {p}: {gs:?}");
    }
}
