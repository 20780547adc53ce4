//! `newsgraph eval stories`: online story clustering on ECB+ dev and GVA incidents dev,
//! B-cubed over articles for several shuffled arrival orders, tune and check halves,
//! beside the scikit-learn TF-IDF + agglomerative peer in the same run.

use anyhow::Context;
use newsgraph_eval::stories::{self, bcubed, BCubed, StoryDoc};
use newsgraph_link::LinkConfig;
use newsgraph_pipeline::{Depth, Pipeline};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    sets: DevSets,
    /// Shuffled arrival orders per split (seeds 1..=N).
    #[arg(long, default_value_t = 5)]
    orders: u64,
    /// Which halves: tune (odd ECB+ topics / GVA incidents), check (the others), all.
    #[arg(long, default_value = "tune,check,all")]
    splits: String,
    /// Link settings to try instead of the defaults: `join_threshold=0.3,title_weight=2`.
    #[arg(long, default_value = "")]
    config: String,
    /// Python with scikit-learn for the peer; `none` skips it.
    #[arg(long, default_value = ".venv/bin/python")]
    peer_python: String,
    /// Articles per store transaction.
    #[arg(long, default_value_t = 64)]
    batch: usize,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// Instead of scoring: write the chosen set's documents as JSON Lines
    /// (`url, title, text, source, published`: `newsgraph ingest` input) to this file.
    #[arg(long, value_name = "FILE")]
    write_jsonl: Option<PathBuf>,
}

/// The story dev sets, as `eval stories` and `train stories` both read them.
#[derive(clap::Args)]
pub(crate) struct DevSets {
    /// ECB+ dev folder (stories.tsv, ECB+/).
    #[arg(long, default_value = "../shared/data/stories/ecbplus-dev")]
    ecbplus: PathBuf,
    /// GVA incidents dev file.
    #[arg(
        long,
        default_value = "../shared/data/stories/gva-incidents-dev/docs.jsonl.gz"
    )]
    gva: PathBuf,
    /// Which sets to read.
    #[arg(long, default_value = "all", value_parser = ["all", "ecbplus", "gva"])]
    set: String,
}

impl DevSets {
    /// The chosen sets' documents, each under its set's name.
    pub(crate) fn load(&self) -> anyhow::Result<Vec<(&'static str, Vec<StoryDoc>)>> {
        let mut sets = Vec::new();
        if self.set != "gva" {
            let docs = stories::ecbplus(&self.ecbplus)
                .with_context(|| format!("reading ECB+ from {}", self.ecbplus.display()))?;
            sets.push(("ecbplus", docs));
        }
        if self.set != "ecbplus" {
            let docs = stories::gva(&self.gva)
                .with_context(|| format!("reading GVA from {}", self.gva.display()))?;
            sets.push(("gva", docs));
        }
        Ok(sets)
    }
}

#[derive(serde::Serialize)]
struct Row {
    set: String,
    split: String,
    docs: usize,
    stories: usize,
    orders: Vec<BCubed>,
    min_f1: f64,
    mean_f1: f64,
    alone: BCubed,
    peer: Option<BCubed>,
    link_seconds: f64,
}

pub(crate) fn in_split(doc: &StoryDoc, set: &str, split: &str) -> bool {
    let n: u64 = doc
        .topic
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap_or(0);
    // GVA incident ids are all even (the dev half): split on the next bit.
    let odd = if set == "gva" {
        (n / 2) % 2 == 1
    } else {
        n % 2 == 1
    };
    match split {
        "tune" => odd,
        "check" => !odd,
        _ => true,
    }
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let mut cfg = LinkConfig::default();
    cfg.apply(&a.config).map_err(anyhow::Error::msg)?;
    anyhow::ensure!(a.orders >= 1, "--orders must be at least 1");
    let splits: Vec<&str> = a.splits.split(',').map(str::trim).collect();
    for s in &splits {
        anyhow::ensure!(
            matches!(*s, "tune" | "check" | "all"),
            "--splits: {s:?} is not tune, check or all"
        );
    }
    let mut sets = a.sets.load()?;
    if let Some(path) = &a.write_jsonl {
        return write_jsonl(path, &sets);
    }
    // Each record as `ingest` makes it (the reader finds dates in undated texts), so
    // these figures predict the held-out scoring through `ingest` + `export`.
    for (set, docs) in &mut sets {
        stories::as_ingested(docs).with_context(|| format!("reading the {set} documents"))?;
        let dated = docs
            .iter()
            .filter(|d| d.article.published.is_some())
            .count();
        eprintln!(
            "newsgraph: {set}: {dated} of {} documents dated",
            docs.len()
        );
    }
    let pipeline = Pipeline::new().context("loading the pipeline")?;
    let tmp = std::env::temp_dir().join(format!("newsgraph-eval-stories-{}", std::process::id()));
    let mut rows = Vec::new();
    for (set, docs) in &mut sets {
        analyse(docs, &pipeline);
        let peer = peer_labels(&a.peer_python, set, docs, &splits)?;
        for split in &splits {
            let sub: Vec<StoryDoc> = docs
                .iter()
                .filter(|d| in_split(d, set, split))
                .cloned()
                .collect();
            let gold: Vec<String> = sub.iter().map(|d| d.story.clone()).collect();
            let articles: Vec<_> = sub.iter().map(|d| d.article.clone()).collect();
            let mut orders = Vec::new();
            let mut secs = 0.0;
            for seed in 1..=a.orders {
                let order = stories::shuffled(sub.len(), seed);
                let run = stories::link_in_order(&articles, &order, &tmp, &cfg, a.batch)?;
                secs += run.seconds;
                orders.push(bcubed(&gold, &run.stories));
            }
            let alone: Vec<String> = (0..sub.len()).map(|i| i.to_string()).collect();
            let peer_score = peer.as_ref().map(|p| {
                let pred: Vec<String> = sub
                    .iter()
                    .map(|d| {
                        p.get(&(split.to_string(), d.name.clone()))
                            .cloned()
                            .unwrap_or_else(|| format!("missing:{}", d.name))
                    })
                    .collect();
                bcubed(&gold, &pred)
            });
            let f1s: Vec<f64> = orders.iter().map(|o| o.f1).collect();
            let mut distinct: Vec<&String> = gold.iter().collect();
            distinct.sort();
            distinct.dedup();
            rows.push(Row {
                set: set.to_string(),
                split: split.to_string(),
                docs: sub.len(),
                stories: distinct.len(),
                min_f1: f1s.iter().cloned().fold(f64::INFINITY, f64::min),
                mean_f1: f1s.iter().sum::<f64>() / f1s.len() as f64,
                orders,
                alone: bcubed(&gold, &alone),
                peer: peer_score,
                link_seconds: secs / a.orders as f64,
            });
        }
    }
    if a.json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
    } else {
        print!("{}", report(&rows));
    }
    Ok(ExitCode::SUCCESS)
}

fn report(rows: &[Row]) -> String {
    let mut s = String::from(
        "set      split  docs stories | newsgraph B-cubed F1 per order          min    mean  (P/R of order 1) | alone  peer\n",
    );
    for r in rows {
        let per: Vec<String> = r.orders.iter().map(|o| format!("{:.4}", o.f1)).collect();
        s.push_str(&format!(
            "{:<8} {:<6} {:>4} {:>7} | {} {:.4} {:.4} ({:.3}/{:.3}) | {:.4} {}\n",
            r.set,
            r.split,
            r.docs,
            r.stories,
            per.join(" "),
            r.min_f1,
            r.mean_f1,
            r.orders[0].precision,
            r.orders[0].recall,
            r.alone.f1,
            r.peer
                .map(|p| format!("{:.4} ({:.3}/{:.3})", p.f1, p.precision, p.recall))
                .unwrap_or_else(|| "-".into()),
        ));
    }
    s.push_str(&format!(
        "link time per order (store + link, median split): {:.2}s\n",
        rows.iter().map(|r| r.link_seconds).sum::<f64>() / rows.len().max(1) as f64
    ));
    s
}

/// The documents as ingest input (the body without its title line).
fn write_jsonl(path: &Path, sets: &[(&str, Vec<StoryDoc>)]) -> anyhow::Result<ExitCode> {
    let file =
        std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
    let mut out = std::io::BufWriter::new(file);
    let mut n = 0;
    for (_, docs) in sets {
        for d in docs {
            let line = stories::ingest_line(&d.article);
            serde_json::to_writer(&mut out, &line)?;
            out.write_all(b"\n")?;
            n += 1;
        }
    }
    out.flush()
        .with_context(|| format!("writing {}", path.display()))?;
    eprintln!("newsgraph: wrote {n} documents to {}", path.display());
    Ok(ExitCode::SUCCESS)
}

/// Runs the pipeline over every document (two threads), with progress on stderr.
pub(crate) fn analyse(docs: &mut [StoryDoc], pipeline: &Pipeline) {
    let started = std::time::Instant::now();
    let half = docs.len().div_ceil(2);
    std::thread::scope(|s| {
        for chunk in docs.chunks_mut(half.max(1)) {
            s.spawn(move || {
                for d in chunk {
                    pipeline.run(&mut d.article, Depth::Full);
                }
            });
        }
    });
    eprintln!(
        "newsgraph: analysed {} documents in {:.1}s",
        docs.len(),
        started.elapsed().as_secs_f64()
    );
}

/// The peer's labels keyed by (split, doc name); `None` when no Python is configured.
fn peer_labels(
    python: &str,
    set: &str,
    docs: &[StoryDoc],
    splits: &[&str],
) -> anyhow::Result<Option<HashMap<(String, String), String>>> {
    let mut input = Vec::new();
    for split in splits {
        for d in docs.iter().filter(|d| in_split(d, set, split)) {
            serde_json::to_writer(
                &mut input,
                &serde_json::json!({
                    "id": d.name, "group": split, "text": d.article.text,
                    "published": d.article.published,
                }),
            )?;
            input.push(b'\n');
        }
    }
    let args: &[&str] = if set == "gva" {
        &["--threshold", "0.85", "--window", "7"]
    } else {
        &["--threshold", "0.85"]
    };
    let Some(stdout) = super::run_peer(python, "bench/stories/peer_cluster.py", args, input)?
    else {
        return Ok(None);
    };
    let mut labels = HashMap::new();
    for line in stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).context("peer output")?;
        let g = |k: &str| v[k].as_str().unwrap_or("").to_string();
        labels.insert((g("group"), g("id")), g("label"));
    }
    Ok(Some(labels))
}
