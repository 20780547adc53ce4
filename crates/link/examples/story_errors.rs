//! Which join decisions put two gold stories together, and why: replays exported
//! records (as `replay`) in one order and prints, for every article that joins a story
//! whose majority is another gold story (or bridges two), its candidates with their
//! scores and pair features.
//!
//! ```text
//! cargo run --release -p newsgraph-link --example story_errors -- records.jsonl gold.json [tune|check] [seed] [k=v,...]
//! ```

#[path = "common/mod.rs"]
mod common;

use newsgraph_link::train::{shuffled, TrainDoc};
use newsgraph_link::{Features, LinkConfig, Linker, MemoryIndex, FEATURE_NAMES};
use std::collections::HashMap;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: story_errors RECORDS.jsonl GOLD.json [tune|check] [seed] [k=v,...]");
        std::process::exit(2);
    }
    let split = args.get(2).map(String::as_str).unwrap_or("tune");
    let seed: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(1);
    let mut cfg = LinkConfig::default();
    if let Some(c) = args.get(4) {
        cfg.apply(c).unwrap_or_else(|e| panic!("{e}"));
    }
    let docs = common::load(&args[0], &args[1]);
    let sub: Vec<&TrainDoc> = docs
        .iter()
        .filter(|d| d.tune == (split == "tune"))
        .collect();
    let linker = Linker::new(cfg);
    let mut ix = MemoryIndex::new();
    // Gold stories per predicted story.
    let mut members: HashMap<String, HashMap<String, u32>> = HashMap::new();
    let majority = |m: &HashMap<String, HashMap<String, u32>>, ix: &MemoryIndex, s: &str| {
        let mut all: HashMap<&str, u32> = HashMap::new();
        for (p, g) in m {
            if ix.resolve(p) == ix.resolve(s) {
                for (k, v) in g {
                    *all.entry(k.as_str()).or_default() += v;
                }
            }
        }
        let mut v: Vec<(&str, u32)> = all.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        v.iter()
            .map(|(g, n)| format!("{g}:{n}"))
            .collect::<Vec<_>>()
            .join(",")
    };
    for &i in &shuffled(sub.len(), seed) {
        let d = sub[i];
        let f = Features::of(&d.article, &d.entities, linker.config());
        let unit = linker.unit_of(&mut ix, &f).expect("memory index");
        let cands = linker
            .candidates(&mut ix, &unit, f.day)
            .expect("memory index");
        let before = ix.story_count();
        let out = linker
            .link(&mut ix, &d.article, &d.entities)
            .expect("memory index");
        let host = majority(&members, &ix, &out.story);
        let wrong = !host.is_empty() && !host.starts_with(&format!("{}:", d.story));
        let bridged =
            ix.story_count() < before + usize::from(out.decision == newsgraph_link::Decision::New);
        if wrong || bridged {
            println!(
                "{} {} [{}] dated={} {:?} -> {} ({host}) score {:.3}{}",
                d.article.url.as_deref().unwrap_or("?"),
                d.story,
                d.article
                    .title
                    .as_deref()
                    .unwrap_or("")
                    .chars()
                    .take(60)
                    .collect::<String>(),
                f.day.is_some(),
                out.decision,
                out.story,
                out.score,
                if bridged { " BRIDGE" } else { "" }
            );
            for c in cands.iter().take(4) {
                let feats: Vec<String> = FEATURE_NAMES
                    .iter()
                    .zip(&c.features)
                    .map(|(n, v)| format!("{n}={v:.2}"))
                    .collect();
                println!(
                    "    {:.3} {} ({}) n={} {}",
                    c.score,
                    c.profile.id,
                    majority(&members, &ix, &c.profile.id),
                    c.profile.articles,
                    feats.join(" ")
                );
            }
        }
        *members
            .entry(out.story)
            .or_default()
            .entry(d.story.clone())
            .or_default() += 1;
    }
}
