//! Throughput of the attribution layer (quotes + claims) over a directory tree of
//! text files, single thread: `cargo run --release -p newsgraph-attribution --example
//! bench -- DIR [REPEAT]`. Prints one JSON line: docs, bytes, seconds, docs/s, MB/s,
//! quotes found. Files are read first (not timed), as lossy UTF-8.
use std::path::{Path, PathBuf};
use std::time::Instant;

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "txt")
            && !p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().eq_ignore_ascii_case("README.TXT"))
        {
            out.push(p);
        }
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: bench DIR [REPEAT]");
        std::process::exit(2);
    };
    let repeat: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(1).max(1);
    let mut files = Vec::new();
    walk(Path::new(&dir), &mut files);
    let texts: Vec<String> = files
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut quotes = 0usize;
    let mut claims = 0usize;
    let t0 = Instant::now();
    for _ in 0..repeat {
        quotes = 0;
        claims = 0;
        for t in &texts {
            let mut a = newsgraph_model::Article {
                text: t.clone(),
                ..Default::default()
            };
            newsgraph_attribution::quotes(&mut a);
            newsgraph_attribution::claims(&mut a);
            quotes += a.quotes.len();
            claims += a.claims.len();
        }
    }
    let secs = t0.elapsed().as_secs_f64() / repeat as f64;
    println!(
        "{{\"system\":\"newsgraph\",\"docs\":{},\"bytes\":{},\"seconds\":{:.4},\"docs_per_s\":{:.1},\"mb_per_s\":{:.2},\"quotes\":{},\"claims\":{}}}",
        texts.len(),
        bytes,
        secs,
        texts.len() as f64 / secs,
        bytes as f64 / 1e6 / secs,
        quotes,
        claims
    );
}
