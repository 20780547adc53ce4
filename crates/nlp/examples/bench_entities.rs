//! Throughput of the entity layer (segment + entities), single thread, over the `.txt`
//! files of a folder (first non-empty line = title, other lines = paragraphs). Reading is
//! not timed. Prints one JSON object. Same measure as `newsgraph eval entities --bench-corpus`.
//! `cargo run -p newsgraph-nlp --release --example bench_entities -- DIR`
use newsgraph_model::{Article, BlockKind};
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.is_dir() {
            collect(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(p);
        }
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).ok_or("usage: bench_entities DIR")?;
    let mut files = Vec::new();
    collect(dir.as_ref(), &mut files)?;
    files.sort();
    let mut articles = Vec::with_capacity(files.len());
    for f in &files {
        let bytes = std::fs::read(f)?;
        let text = String::from_utf8_lossy(&bytes);
        let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
        let title = lines.next().map(str::to_string);
        let body: Vec<(BlockKind, String)> = lines
            .map(|l| (BlockKind::Paragraph, l.to_string()))
            .collect();
        articles.push(Article::from_blocks(Default::default(), title, &body));
    }
    let model = newsgraph_nlp::EntityModel::load_default()?;
    let t0 = std::time::Instant::now();
    let (mut tokens, mut entities) = (0usize, 0usize);
    for a in &mut articles {
        newsgraph_nlp::segment(a);
        newsgraph_nlp::entities(a, &model);
        tokens += a.tokens.len();
        entities += a.entities.len();
    }
    let secs = t0.elapsed().as_secs_f64().max(1e-9);
    println!(
        "{{\"articles\":{},\"tokens\":{},\"entities\":{},\"seconds\":{:.4},\"articles_per_s\":{:.1},\"tokens_per_s\":{:.0}}}",
        articles.len(),
        tokens,
        entities,
        secs,
        articles.len() as f64 / secs,
        tokens as f64 / secs
    );
    Ok(())
}
