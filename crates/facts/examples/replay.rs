//! Re-runs the facts stages (times, figures, events) on article records read as JSON
//! Lines on stdin (`newsgraph extract` output: sentences, entities and quotes come
//! from the record) and prints the facts layers of each, one JSON line per article.
//! For checking that a change keeps the output byte-identical, and for profiling the
//! layer on real records:
//!
//! `cargo run --release -p newsgraph-facts --example replay -- [--repeat N] [--quiet] < records.jsonl`
use std::io::{BufRead, Write};
use std::time::Instant;

fn main() {
    let mut repeat = 1usize;
    let mut quiet = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--repeat" => repeat = args.next().and_then(|n| n.parse().ok()).unwrap_or(1),
            "--quiet" => quiet = true,
            _ => {
                eprintln!("usage: replay [--repeat N] [--quiet] < records.jsonl");
                std::process::exit(2);
            }
        }
    }
    let mut inputs = Vec::new();
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<newsgraph_model::Article>(&line) {
            Ok(mut a) => {
                a.times.clear();
                a.figures.clear();
                a.events.clear();
                inputs.push(a);
            }
            Err(e) => eprintln!("skipping a record: {e}"),
        }
    }
    // Per stage, the fastest round (the least disturbed by other processes).
    let mut best = [f64::INFINITY; 3];
    let out = std::io::stdout();
    let mut out = out.lock();
    for round in 0..repeat {
        let (mut t_times, mut t_figures, mut t_events) = (0f64, 0f64, 0f64);
        for base in &inputs {
            let mut a = base.clone();
            let t = Instant::now();
            newsgraph_facts::times(&mut a);
            t_times += t.elapsed().as_secs_f64();
            let t = Instant::now();
            newsgraph_facts::figures(&mut a);
            t_figures += t.elapsed().as_secs_f64();
            let t = Instant::now();
            newsgraph_facts::events(&mut a);
            t_events += t.elapsed().as_secs_f64();
            if round == 0 && !quiet {
                let rec = serde_json::json!({
                    "id": a.id, "times": a.times, "figures": a.figures, "events": a.events, "quotes": a.quotes,
                });
                let _ = writeln!(out, "{rec}");
            }
        }
        for (b, t) in best.iter_mut().zip([t_times, t_figures, t_events]) {
            *b = b.min(t);
        }
    }
    eprintln!(
        "{} records, fastest of {repeat} rounds: times {:.1} ms, figures {:.1} ms, events {:.1} ms, sum {:.1} ms",
        inputs.len(),
        best[0] * 1e3,
        best[1] * 1e3,
        best[2] * 1e3,
        best.iter().sum::<f64>() * 1e3
    );
}
