//! Times the facts tokenizer and recognisers on a corpus directory of `.txt` files:
//! `cargo run --release -p newsgraph-facts --example profile -- DIR`.
use std::time::Instant;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: profile DIR");
        std::process::exit(2);
    };
    let mut texts = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(dir)];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "txt") {
                if let Ok(b) = std::fs::read(&p) {
                    texts.push(String::from_utf8_lossy(&b).into_owned());
                }
            }
        }
    }
    let chars: usize = texts.iter().map(|t| t.len()).sum();
    let t = Instant::now();
    let n: usize = texts
        .iter()
        .map(|x| newsgraph_facts::tokens::tokenize(x).len())
        .sum();
    println!("tokenize: {:?} ({n} tokens, {chars} bytes)", t.elapsed());
    // What the stages use: the previous text's buffers are reused.
    let t = Instant::now();
    let n: usize = texts
        .iter()
        .map(|x| newsgraph_facts::tokens::tokenize_shared(x).len())
        .sum();
    println!("tokenize_shared: {:?} ({n} tokens)", t.elapsed());
    let dct = newsgraph_facts::calendar::parse_iso_date("2005-01-01");
    let t = Instant::now();
    let n: usize = texts
        .iter()
        .map(|x| newsgraph_facts::times_with_reference(x, dct).len())
        .sum();
    println!("times: {:?} ({n})", t.elapsed());
    let t = Instant::now();
    let mut n = 0;
    for x in &texts {
        let mut a = newsgraph_model::Article {
            text: x.clone(),
            published: Some("2005-01-01".into()),
            ..Default::default()
        };
        newsgraph_facts::times(&mut a);
        newsgraph_facts::figures(&mut a);
        n += a.figures.len();
    }
    println!("times+figures: {:?} ({n})", t.elapsed());
    let t = Instant::now();
    for x in &texts {
        let mut a = newsgraph_model::Article {
            text: x.clone(),
            published: Some("2005-01-01".into()),
            ..Default::default()
        };
        newsgraph_facts::times(&mut a);
        newsgraph_facts::figures(&mut a);
        newsgraph_facts::events(&mut a);
        n += a.events.len();
    }
    println!("times+figures+events: {:?} ({n})", t.elapsed());
}
