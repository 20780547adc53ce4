//! Registry correction cost (`bench/registry/corrections`): builds a person with N
//! mentions (N articles, each naming "Gordon Brown" once and quoting him once) plus a
//! second entity of one article, then times merging the big one into the small one
//! (every mention and quote row moves) and splitting one article off the result.
//!
//! `cargo run -p newsgraph-store --example correction_cost -- DIR|postgres://… [N]`
//! (DIR is emptied first; a PostgreSQL database should be empty).

use newsgraph_model::{Article, BlockKind, Meta};
use newsgraph_store::{EmbeddedStore, PostgresStore, Store};
use std::time::Instant;

/// `[start, end)` of `needle` in `text`, in code points (the model's spans).
fn span(text: &str, needle: &str) -> [usize; 2] {
    let b = text.find(needle).expect("needle in text");
    let start = text[..b].chars().count();
    [start, start + needle.chars().count()]
}

fn article(i: usize, name: &str) -> Article {
    let quote = format!("“The budget number {i} is fair to every family.”");
    let mut a = Article::from_blocks(
        Meta {
            url: Some(format!("https://bench.test/brown/{i}")),
            source: Some(format!("Outlet {}", i % 7)),
            published: Some(format!("2005-{:02}-{:02}", 1 + i % 12, 1 + i % 28)),
            ..Default::default()
        },
        Some(format!("Budget day {i}")),
        &[(
            BlockKind::Paragraph,
            format!("{quote} {name} said on day {i}."),
        )],
    );
    let t = a.text.clone();
    a.entities = vec![serde_json::from_value(serde_json::json!({
        "id": "e1", "name": name, "kind": "person", "aliases": [], "descriptors": ["Chancellor"],
        "mentions": [span(&t, name)]
    }))
    .expect("entity")];
    a.quotes = vec![serde_json::from_value(serde_json::json!({
        "id": "q1", "kind": "direct", "text": quote, "span": span(&t, &quote),
        "speaker": "e1", "speaker_text": name, "cue": "said", "cue_span": span(&t, "said")
    }))
    .expect("quote")];
    a
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(place) = args.first() else {
        return Err("usage: correction_cost DIR|postgres://… [N]".into());
    };
    let n: usize = args
        .get(1)
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(10_000);
    let store: Box<dyn Store> = if place.starts_with("postgres://") {
        let s = PostgresStore::connect(place, 4)?;
        s.set_linking(false);
        Box::new(s)
    } else {
        let _ = std::fs::remove_dir_all(place);
        let s = EmbeddedStore::open(std::path::Path::new(place))?;
        s.set_linking(false);
        s.set_commit_interval(std::time::Duration::from_secs(30));
        Box::new(s)
    };
    let t = Instant::now();
    let mut batch = Vec::with_capacity(500);
    for i in 0..n {
        batch.push(article(i, "Gordon Brown"));
        if batch.len() == 500 {
            store.put_batch(&batch)?;
            batch.clear();
        }
    }
    batch.push(article(n, "J. G. Brown"));
    store.put_batch(&batch)?;
    store.commit()?;
    let big = "person:gordon brown";
    let small = "person:j g brown";
    let page = store.entity(big)?.ok_or("no big entity")?;
    println!(
        "stored {} articles in {:.1} s; {big}: {} mentions in {} articles, {} quotes",
        n + 1,
        t.elapsed().as_secs_f64(),
        page.mention_count,
        page.article_count,
        page.quote_count
    );

    let t = Instant::now();
    let out = store.merge_entities(big, small)?;
    store.commit()?;
    let merge_ms = t.elapsed().as_secs_f64() * 1e3;
    let merged = store.entity(small)?.ok_or("no merged entity")?;
    assert_eq!(merged.article_count as usize, n + 1, "every article moved");
    println!(
        "merge {big} into {small}: {merge_ms:.0} ms ({} article entities moved)",
        out.mentions_moved
    );

    let one = merged.articles.first().ok_or("no article")?.id.clone();
    let t = Instant::now();
    let s = store.split_entity(small, &one)?;
    store.commit()?;
    let split_ms = t.elapsed().as_secs_f64() * 1e3;
    let rest = store.entity(small)?.ok_or("entity vanished")?;
    assert_eq!(rest.article_count as usize, n, "one article split off");
    println!(
        "split article {one} off {small} ({} articles): {split_ms:.0} ms -> {}",
        merged.article_count, s.new_ref
    );
    let t = Instant::now();
    let _ = store.entity(small)?;
    println!(
        "read the merged record: {:.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    Ok(())
}
