//! Link-stage cost per article as the store grows (`bench/stories/run`).
//!
//! Reads a JSON Lines stream (`{url, title, text, published, source}`, e.g. from
//! `bench/stories/synth_stream.py`), stores it in batches of 256 into a fresh store
//! (clean text only: no analysis layers, so entity features are absent and the time is
//! the store's and the linker's), and prints, at each checkpoint, the link time per
//! article and the put rate over the last `--window` articles.
//!
//! `cargo run --release -p newsgraph-store --example link_cost -- DIR STREAM.jsonl 10000,50000,100000`

use newsgraph_model::{Article, BlockKind, Meta};
use newsgraph_store::{EmbeddedStore, Store};
use std::io::BufRead;

fn article(line: &str) -> Option<Article> {
    let v: serde_json::Value = serde_json::from_str(line).ok()?;
    let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
    let body: Vec<(BlockKind, String)> = s("text")?
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| (BlockKind::Paragraph, p.to_string()))
        .collect();
    Some(Article::from_blocks(
        Meta {
            url: s("url"),
            source: s("source"),
            published: s("published"),
            ..Default::default()
        },
        s("title"),
        &body,
    ))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, stream, checkpoints] = &args[..] else {
        return Err("usage: link_cost DIR STREAM.jsonl N,N,N [--window N]".into());
    };
    let window = 2000usize;
    let mut checkpoints: Vec<usize> = checkpoints
        .split(',')
        .map(|c| c.trim().parse())
        .collect::<Result<_, _>>()?;
    checkpoints.sort();
    let last = *checkpoints.last().ok_or("no checkpoint")?;
    let _ = std::fs::remove_dir_all(dir);
    let store = EmbeddedStore::open(std::path::Path::new(dir))?;
    store.set_commit_interval(std::time::Duration::from_secs(5));
    let reader = std::io::BufReader::new(std::fs::File::open(stream)?);
    let mut batch = Vec::with_capacity(256);
    let mut n = 0usize;
    let mut mark = (0usize, std::time::Duration::ZERO, std::time::Instant::now());
    println!("stored  link ms/article (last {window})  put articles/s (last {window})  stories");
    for line in reader.lines() {
        let line = line?;
        let Some(a) = article(&line) else { continue };
        batch.push(a);
        if batch.len() == 256 || n + batch.len() >= last {
            n += batch.len();
            store.put_batch(&batch)?;
            batch.clear();
            if let Some(&cp) = checkpoints.first() {
                if n + window >= cp && mark.0 + window < cp {
                    mark = (n, store.link_time(), std::time::Instant::now());
                }
                if n >= cp {
                    checkpoints.remove(0);
                    let k = (n - mark.0).max(1) as f64;
                    let link = (store.link_time() - mark.1).as_secs_f64() * 1000.0 / k;
                    let rate = k / mark.2.elapsed().as_secs_f64();
                    let stories = store.stats()?.stories;
                    println!("{n:>6}  {link:>10.3}                  {rate:>10.0}                  {stories}");
                }
            }
            if n >= last {
                break;
            }
        }
    }
    store.commit()?;
    Ok(())
}
