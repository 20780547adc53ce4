//! Search latency over a store: a few hundred varied queries built from what the store
//! holds (title words, phrases, entity/source/date/layer filters, empty queries),
//! each run through `Store::search`, timed; prints p50/p95/p99/max.
//!
//! `cargo run --release -p newsgraph-store --example search_latency -- DIR [N]`

use newsgraph_store::*;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(dir) = args.get(1) else {
        eprintln!("usage: search_latency DATA_DIR [QUERIES]");
        std::process::exit(2);
    };
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(400);
    let store = match EmbeddedStore::open(std::path::Path::new(dir)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("search_latency: {e}");
            std::process::exit(1);
        }
    };
    let stats = store.stats().unwrap_or_default();
    let latest = store.latest(2000, 0).unwrap_or_default();
    let entities = store.entities(50, 0, None).unwrap_or_default();
    let sources: Vec<String> = {
        let mut s: Vec<String> = latest.iter().filter_map(|a| a.source.clone()).collect();
        s.sort();
        s.dedup();
        s
    };
    let words: Vec<String> = latest
        .iter()
        .filter_map(|a| a.title.as_deref())
        .flat_map(|t| {
            t.split(|c: char| !c.is_alphanumeric())
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .filter(|w| w.len() >= 4)
        .collect();
    let titles: Vec<&str> = latest.iter().filter_map(|a| a.title.as_deref()).collect();
    if words.is_empty() {
        eprintln!("search_latency: the store in {dir} holds no titled article");
        std::process::exit(1);
    }
    // A small deterministic generator, so runs are comparable.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut rnd = move |m: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % m.max(1) as u64) as usize
    };
    let mut queries = Vec::with_capacity(n);
    for i in 0..n {
        let mut q = SearchQuery::default();
        match i % 8 {
            0 => q.text = Some(words[rnd(words.len())].clone()),
            1 => {
                q.text = Some(format!(
                    "{} {}",
                    words[rnd(words.len())],
                    words[rnd(words.len())]
                ))
            }
            2 => {
                // A phrase from a title.
                let t: Vec<&str> = titles[rnd(titles.len())].split_whitespace().collect();
                let s = rnd(t.len().saturating_sub(1).max(1));
                q.text = Some(format!("\"{}\"", t[s..(s + 2).min(t.len())].join(" ")));
            }
            3 => {
                q.text = Some(words[rnd(words.len())].clone());
                if !sources.is_empty() {
                    q.source = Some(sources[rnd(sources.len())].clone());
                }
            }
            4 => {
                if !entities.is_empty() {
                    q.entity = Some(entities[rnd(entities.len())].key.clone());
                } else {
                    q.text = Some(words[rnd(words.len())].clone());
                }
            }
            5 => {
                q.text = Some(words[rnd(words.len())].clone());
                q.date_from = Some("2000-01-01".into());
                q.date_to = Some("2030-12-31".into());
            }
            6 => q.layer = Some(LayerKind::ALL[rnd(LayerKind::ALL.len())]),
            _ => {
                // The front page of search: no text, newest first, page 1..5.
                q.offset = 20 * rnd(5);
            }
        }
        queries.push(q);
    }
    // Warm up (first mmap touches), then measure.
    for q in queries.iter().take(20) {
        let _ = store.search(q);
    }
    let mut times = Vec::with_capacity(n);
    let mut hits = 0u64;
    let mut errors = 0;
    let start = Instant::now();
    for q in &queries {
        let t = Instant::now();
        match store.search(q) {
            Ok(r) => hits += r.total,
            Err(_) => errors += 1,
        }
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let wall = start.elapsed().as_secs_f64();
    times.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| times[((times.len() as f64 - 1.0) * p).round() as usize];
    println!(
        "store: {} articles, {} entities; {} queries in {:.2}s ({} errors, {} total matches)",
        stats.articles, stats.entities, n, wall, errors, hits
    );
    println!(
        "Store::search latency ms: p50 {:.2}  p95 {:.2}  p99 {:.2}  max {:.2}",
        pct(0.50),
        pct(0.95),
        pct(0.99),
        times.last().copied().unwrap_or(0.0)
    );
}
