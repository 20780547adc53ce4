//! `newsgraph train stories` without the CLI (and its pipeline): trains the join model
//! from exported records and a gold file (as `replay` takes them), for tuning loops
//! that rebuild only this crate. The shipped model is made by the CLI command.
//!
//! ```text
//! cargo run --release -p newsgraph-link --example train_records -- records.jsonl gold.json OUT.json \
//!     [undated=f1,f2] [dated=f1,f2] [skip=undated|dated|none] [ridge=1] [orders=5]
//! ```

#[path = "common/mod.rs"]
mod common;

use newsgraph_link::train::{self, Half, TrainOptions, TrainSet};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("usage: train_records RECORDS.jsonl GOLD.json OUT.json [k=v ...]");
        std::process::exit(2);
    }
    let docs = common::load(&args[0], &args[1]);
    let mut opts = TrainOptions {
        orders: 5,
        skip: Some(Half::Undated),
        ..TrainOptions::default()
    };
    for kv in &args[3..] {
        let (k, v) = kv.split_once('=').expect("k=v");
        let names = || {
            v.split(',')
                .filter(|x| !x.is_empty())
                .map(String::from)
                .collect()
        };
        match k {
            "undated" => opts.features[0] = names(),
            "dated" => opts.features[1] = names(),
            "skip" => {
                opts.skip = match v {
                    "undated" => Some(Half::Undated),
                    "dated" => Some(Half::Dated),
                    _ => None,
                }
            }
            "ridge" => opts.ridge = v.parse().expect("ridge"),
            "orders" => opts.orders = v.parse().expect("orders"),
            "keep_dated" => {
                let m = newsgraph_link::JoinModel::from_json(
                    &std::fs::read_to_string(v).expect("model file"),
                )
                .expect("model");
                opts.keep[1] = m.dated;
            }
            "config" => opts.config.apply(v).expect("config"),
            _ => panic!("unknown option {k}"),
        }
    }
    let sets: Vec<TrainSet> = ["ecbplus", "gva"]
        .iter()
        .map(|name| TrainSet {
            name: name.to_string(),
            docs: docs
                .iter()
                .filter(|d| d.story.starts_with("gva") == (*name == "gva"))
                .cloned()
                .collect(),
        })
        .filter(|s| !s.docs.is_empty())
        .collect();
    let (model, scores) = train::train(&sets, &opts, &mut |l| eprintln!("{l}"));
    for s in &scores {
        println!(
            "{} {} F1 min {:.4} mean {:.4}",
            s.set, s.split, s.min_f1, s.mean_f1
        );
    }
    std::fs::write(
        &args[2],
        serde_json::to_string_pretty(&model).expect("json") + "\n",
    )
    .expect("write model");
}
