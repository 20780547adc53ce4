//! The training pairs of gold-following replays (as `train::train` collects them), with
//! the raw vectors behind them, as JSON Lines: for trying pair features outside Rust.
//! Each line: article url, gold story, candidate majority story, label, the pair
//! features, the article's unit vector and the candidate's centroid.
//!
//! ```text
//! cargo run --release -p newsgraph-link --example dump_pairs -- records.jsonl gold.json tune|check ORDERS > pairs.jsonl
//! ```

#[path = "common/mod.rs"]
mod common;

use newsgraph_link::train::{shuffled, TrainDoc};
use newsgraph_link::{Candidate, Features, LinkConfig, Linker, MemoryIndex};
use std::collections::HashMap;
use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let docs = common::load(&args[0], &args[1]);
    let split = args.get(2).map(String::as_str).unwrap_or("tune");
    let orders: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(1);
    let sub: Vec<&TrainDoc> = docs
        .iter()
        .filter(|d| d.tune == (split == "tune"))
        .collect();
    let linker = Linker::new(LinkConfig {
        join_model: None,
        ..LinkConfig::default()
    });
    let mut out = std::io::BufWriter::new(std::io::stdout());
    for seed in 1..=orders {
        let mut ix = MemoryIndex::new();
        let mut members: HashMap<String, HashMap<String, u32>> = HashMap::new();
        for &i in &shuffled(sub.len(), seed) {
            let d = sub[i];
            let f = Features::of(&d.article, &d.entities, linker.config());
            let unit = linker.unit_of(&mut ix, &f).expect("memory index");
            let majority = |story: &str| {
                members.get(story).and_then(|m| {
                    m.iter()
                        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                        .map(|x| x.0.clone())
                })
            };
            let mut lines = Vec::new();
            let mut decide = |cands: &[Candidate]| -> Option<usize> {
                let mut pick = None;
                for (j, c) in cands.iter().enumerate() {
                    let m = majority(&c.profile.id).unwrap_or_default();
                    let yes = m == d.story;
                    lines.push(serde_json::json!({
                        "seed": seed, "url": d.article.url, "gold": d.story, "cand": m,
                        "label": yes, "dated": f.day.is_some(), "n": c.profile.articles,
                        "features": c.features.to_vec(), "unit": unit,
                        "centroid": c.profile.centroid,
                    }));
                    if yes && pick.is_none() {
                        pick = Some(j);
                    }
                }
                pick
            };
            let o = linker
                .link_decided(&mut ix, &d.article.id, &f, Some(&mut decide))
                .expect("memory index");
            for l in lines {
                writeln!(out, "{l}").expect("stdout");
            }
            *members
                .entry(o.story)
                .or_default()
                .entry(d.story.clone())
                .or_default() += 1;
        }
    }
}
