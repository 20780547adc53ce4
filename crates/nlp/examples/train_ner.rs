//! Trains the tagger without the CLI (same as `newsgraph train ner`):
//! `cargo run -p newsgraph-nlp --release --example train_ner -- GUM_DIR MEANTIME_DIR OUT [train|all] [EPOCHS] [ROWS_LOG2]`
use newsgraph_nlp::corpus::{self, Split};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        return Err(
            "usage: train_ner GUM_DIR MEANTIME_DIR OUT [train|all] [EPOCHS] [ROWS_LOG2]".into(),
        );
    }
    let split = if args.get(4).map(String::as_str) == Some("all") {
        Split::All
    } else {
        Split::Train
    };
    let epochs = args.get(5).and_then(|s| s.parse().ok()).unwrap_or(20);
    let rows = args.get(6).and_then(|s| s.parse().ok()).unwrap_or(18);
    let mut docs = corpus::read_gum(args[1].as_ref(), split, false)?;
    docs.extend(corpus::read_meantime(args[2].as_ref(), split)?);
    let gaz = newsgraph_nlp::gazetteer::build::build("../shared/data/lexicons".as_ref())?;
    let (model, report) = newsgraph_nlp::ner::train(&docs, epochs, rows, gaz);
    std::fs::write(&args[3], model.to_bytes())?;
    eprintln!("{report:?}");
    Ok(())
}
