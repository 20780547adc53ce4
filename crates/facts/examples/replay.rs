//! Re-runs the facts stages (times, figures, events) on article records read as JSON
//! Lines on stdin (`newsgraph extract` output: sentences, entities and quotes come
//! from the record) and prints the facts layers of each, one JSON line per article.
//! The byte-identical check itself is the pipeline test
//! `facts_replay_from_the_record_is_byte_identical`; this example times the layer on
//! real records (fastest round; thread CPU time is not inflated by other
//! processes on a busy machine):
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
    let out = std::io::stdout();
    let mut out = out.lock();
    // Per stage, the fastest round (the least disturbed by other processes).
    let mut best = [f64::INFINITY; 3];
    let mut best_cpu = f64::INFINITY;
    for round in 0..repeat.max(1) {
        let mut articles = inputs.clone();
        let mut wall = [0f64; 3];
        let cpu0 = thread_cpu();
        for a in &mut articles {
            let t = Instant::now();
            newsgraph_facts::times(a);
            wall[0] += t.elapsed().as_secs_f64();
            let t = Instant::now();
            newsgraph_facts::figures(a);
            wall[1] += t.elapsed().as_secs_f64();
            let t = Instant::now();
            newsgraph_facts::reanchor_quotes(a);
            newsgraph_facts::events(a);
            wall[2] += t.elapsed().as_secs_f64();
        }
        if let (Some(c0), Some(c1)) = (cpu0, thread_cpu()) {
            best_cpu = best_cpu.min(c1 - c0);
        }
        for (b, w) in best.iter_mut().zip(wall) {
            *b = b.min(w);
        }
        if round == 0 && !quiet {
            for a in &articles {
                let rec = serde_json::json!({
                    "id": a.id, "times": a.times, "figures": a.figures, "events": a.events, "quotes": a.quotes,
                });
                let _ = writeln!(out, "{rec}");
            }
        }
    }
    eprintln!(
        "{} records, fastest of {repeat} rounds: times {:.1} ms, figures {:.1} ms, events {:.1} ms, sum {:.1} ms; thread CPU {:.1} ms",
        inputs.len(),
        best[0] * 1e3,
        best[1] * 1e3,
        best[2] * 1e3,
        best.iter().sum::<f64>() * 1e3,
        best_cpu * 1e3
    );
}

/// This thread's CPU time in seconds (Linux `schedstat`: time on a CPU, so waiting
/// for other processes on a busy machine is not counted).
fn thread_cpu() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}
