//! `newsgraph eval duplicates`: near-duplicate detection on a syndication set built from
//! ECB+ dev (edited copies + same-story non-copies), through a real store in shuffled
//! arrival orders, beside datasketch MinHashLSH in the same run; scored per tune (odd
//! topics) and check half.

use anyhow::Context;
use newsgraph_eval::stories::{self, syndication};
use newsgraph_link::LinkConfig;
use newsgraph_pipeline::{Depth, Pipeline};
use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// ECB+ dev folder (the source documents).
    #[arg(long, default_value = "../shared/data/stories/ecbplus-dev")]
    ecbplus: PathBuf,
    /// Make a copy of every Nth document (with at least four paragraphs).
    #[arg(long, default_value_t = 2)]
    every: usize,
    /// Seed of the copy edits.
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Shuffled arrival orders (seeds 1..=N).
    #[arg(long, default_value_t = 5)]
    orders: u64,
    /// Link settings instead of the defaults (`duplicate_containment=0.7`).
    #[arg(long, default_value = "")]
    config: String,
    /// Python with datasketch for the peer; `none` skips it.
    #[arg(long, default_value = ".venv/bin/python")]
    peer_python: String,
    /// Print the edits of every missed copy and every wrong link.
    #[arg(long)]
    verbose: bool,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let mut cfg = LinkConfig::default();
    cfg.apply(&a.config).map_err(anyhow::Error::msg)?;
    anyhow::ensure!(a.orders >= 1, "--orders must be at least 1");
    let mut docs = stories::ecbplus(&a.ecbplus)
        .with_context(|| format!("reading ECB+ from {}", a.ecbplus.display()))?;
    let pipeline = Pipeline::new().context("loading the pipeline")?;
    for d in &mut docs {
        pipeline.run(&mut d.article, Depth::Full);
    }
    let set = syndication::build(&docs, a.every, a.seed);
    let copies = set.docs.iter().filter(|d| !d.edits.is_empty()).count();
    println!(
        "syndication set: {} articles ({} originals, {} edited copies; every other same-story article is a hard negative)",
        set.docs.len(),
        set.docs.len() - copies,
        copies
    );
    println!(
        "corpus copies: {} documents share >= {:.0}% of their word 3-grams with an earlier one of their topic (one copy group); {} pairs at {:.0}-{:.0}% are not scored",
        set.corpus_copies,
        syndication::COPY * 100.0,
        set.grey.len(),
        syndication::GREY * 100.0,
        syndication::COPY * 100.0
    );
    let articles: Vec<_> = set.docs.iter().map(|d| d.article.clone()).collect();
    let name_of: HashMap<&str, &str> = set
        .docs
        .iter()
        .map(|d| (d.article.id.as_str(), d.name.as_str()))
        .collect();
    let tmp = std::env::temp_dir().join(format!("newsgraph-eval-dups-{}", std::process::id()));
    let orders: Vec<Vec<usize>> = (1..=a.orders)
        .map(|s| stories::shuffled(set.docs.len(), s))
        .collect();
    let peer = peer_predictions(&a.peer_python, &set.docs, &orders)?;
    println!(
        "order half   newsgraph P / R (pred, correct, expected, found, unscored) | datasketch MinHashLSH P / R"
    );
    let mut worst: HashMap<&str, (f64, f64)> = HashMap::new();
    for (k, order) in orders.iter().enumerate() {
        let run = stories::link_in_order(&articles, order, &tmp, &cfg, 64)?;
        let mut predicted: HashMap<String, String> = HashMap::new();
        for (d, dup) in set.docs.iter().zip(&run.duplicate_of) {
            if let Some(name) = dup.as_deref().and_then(|id| name_of.get(id)) {
                predicted.insert(d.name.clone(), name.to_string());
            }
        }
        for half in ["tune", "check", "all"] {
            // Halves by topic (odd: tune), as in `eval stories`; the store holds all.
            let sub: Vec<usize> = order
                .iter()
                .copied()
                .filter(|&i| in_half(&set.docs[i].topic, half))
                .collect();
            let s = syndication::score(&set, &sub, &predicted);
            let w = worst.entry(half).or_insert((f64::INFINITY, f64::INFINITY));
            *w = (w.0.min(s.precision), w.1.min(s.recall));
            let peer_s = peer.as_ref().map(|p| syndication::score(&set, &sub, &p[k]));
            println!(
                "{:>5} {:<6} {:.4} / {:.4} ({}, {}, {}, {}, {})                | {}",
                k + 1,
                half,
                s.precision,
                s.recall,
                s.predicted,
                s.correct,
                s.expected,
                s.found,
                s.unscored,
                peer_s
                    .map(|p| format!("{:.4} / {:.4}", p.precision, p.recall))
                    .unwrap_or_else(|| "-".into())
            );
        }
        if a.verbose && k == 0 {
            let group: HashMap<&str, &str> = set
                .docs
                .iter()
                .map(|d| (d.name.as_str(), d.group.as_str()))
                .collect();
            for d in &set.docs {
                match predicted.get(&d.name) {
                    Some(p) if group.get(p.as_str()) != Some(&d.group.as_str()) => {
                        println!("  not in one group: {} -> {}", d.name, p)
                    }
                    None if !d.edits.is_empty() => {
                        println!("  missed copy {} ({:?})", d.name, d.edits)
                    }
                    _ => {}
                }
            }
        }
    }
    for half in ["tune", "check", "all"] {
        let (p, r) = worst[half];
        println!("worst over orders, {half}: precision {p:.4}, recall {r:.4}");
    }
    Ok(ExitCode::SUCCESS)
}

fn in_half(topic: &str, half: &str) -> bool {
    let n: u64 = topic.parse().unwrap_or(0);
    match half {
        "tune" => !n.is_multiple_of(2),
        "check" => n.is_multiple_of(2),
        _ => true,
    }
}

/// The body the shingles are taken from (text after the title line).
fn body(a: &newsgraph_model::Article) -> &str {
    match a.title {
        Some(_) => a.text.split_once('\n').map(|x| x.1).unwrap_or(""),
        None => &a.text,
    }
}

type Predictions = Vec<HashMap<String, String>>;

fn peer_predictions(
    python: &str,
    set: &[syndication::SyndicatedDoc],
    orders: &[Vec<usize>],
) -> anyhow::Result<Option<Predictions>> {
    let mut input = Vec::new();
    for (k, order) in orders.iter().enumerate() {
        for &i in order {
            serde_json::to_writer(
                &mut input,
                &serde_json::json!({"order": k, "name": set[i].name, "text": body(&set[i].article)}),
            )?;
            input.push(b'\n');
        }
    }
    let Some(stdout) = super::run_peer(python, "bench/stories/peer_dedup.py", &[], input)? else {
        return Ok(None);
    };
    let mut preds: Predictions = vec![HashMap::new(); orders.len()];
    for line in stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).context("peer output")?;
        let k = v["order"].as_u64().unwrap_or(0) as usize;
        if let (Some(n), Some(d)) = (v["name"].as_str(), v["duplicate_of"].as_str()) {
            if let Some(m) = preds.get_mut(k) {
                m.insert(n.to_string(), d.to_string());
            }
        }
    }
    Ok(Some(preds))
}
