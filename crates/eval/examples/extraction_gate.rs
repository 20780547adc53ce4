//! Per-page measurements behind the `auto` extractor's gate (when to pay for
//! rs-trafilatura after readability), one JSON line per WCXB page: the page's half,
//! its `<p>` words and visible words, each extractor's body words, F1 and time.
//!
//!     cargo run --release -p newsgraph-eval --example extraction_gate -- WCXB_DIR > gate.jsonl

use newsgraph_eval::extraction::{body_text, clean_page, load_wcxb, prf, Mode};
use newsgraph_eval::half::Half;
use newsgraph_read::Extractor;
use std::time::Instant;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data/extraction/wcxb-dev-articles".into());
    let pages = load_wcxb(std::path::Path::new(&dir), None).expect("WCXB folder");
    for p in &pages {
        let mut row = serde_json::Map::new();
        row.insert("id".into(), p.id.clone().into());
        row.insert("half".into(), Half::of_id(&p.id).name().into());
        row.insert("bytes".into(), p.html.len().into());
        let (p_words, text_words) = newsgraph_read::clean::html::gate_words(&p.html);
        row.insert("p_words".into(), p_words.into());
        row.insert("text_words".into(), text_words.into());
        let visible = newsgraph_read::page_text(&p.html);
        row.insert(
            "visible_words".into(),
            visible.split_whitespace().count().into(),
        );
        for e in [
            Extractor::Readability,
            Extractor::Trafilatura,
            Extractor::Auto,
            Extractor::Both,
        ] {
            let t0 = Instant::now();
            let a = clean_page(p, Mode::Html(e));
            let ms = t0.elapsed().as_secs_f64() * 1e3;
            let body = body_text(&a);
            let name = e.name();
            row.insert(
                format!("{name}_words"),
                body.split_whitespace().count().into(),
            );
            row.insert(format!("{name}_f1"), prf(&body, &p.gold).f1.into());
            row.insert(format!("{name}_ms"), ms.into());
        }
        println!("{}", serde_json::Value::Object(row));
    }
}
