//! Prints the times of a text read from stdin: `cargo run -p newsgraph-facts --example
//! times -- [PUBLISHED]`.
use std::io::Read;

fn main() {
    let mut text = String::new();
    if std::io::stdin().read_to_string(&mut text).is_err() {
        eprintln!("stdin is not UTF-8 text");
        std::process::exit(2);
    }
    let dct = std::env::args()
        .nth(1)
        .and_then(|s| newsgraph_facts::calendar::parse_iso_date(&s));
    for t in newsgraph_facts::times_with_reference(&text, dct) {
        println!(
            "{:?}\t{}\t{:?}\t{}\t{:?}",
            t.span, t.text, t.kind, t.value, t.anchor
        );
    }
}
