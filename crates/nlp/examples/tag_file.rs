//! Prints the raw tagger spans and the entities of a text file (one block per line):
//! `cargo run -p newsgraph-nlp --example tag_file -- FILE`
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: tag_file FILE")?;
    let text = std::fs::read_to_string(path)?;
    let body: Vec<(newsgraph_model::BlockKind, String)> = text
        .lines()
        .map(|l| (newsgraph_model::BlockKind::Paragraph, l.to_string()))
        .collect();
    let mut a = newsgraph_model::Article::from_blocks(Default::default(), None, &body);
    let model = newsgraph_nlp::EntityModel::load_default()?;
    newsgraph_nlp::segment(&mut a);
    for n in newsgraph_nlp::ner::tag(&a, &model) {
        let (s, e) = (&a.tokens[n.tokens.start], &a.tokens[n.tokens.end - 1]);
        println!("tag {:?} {}", n.kind, &a.text[s.start_byte..e.end_byte]);
    }
    newsgraph_nlp::entities(&mut a, &model);
    println!("{}", serde_json::to_string_pretty(&a.entities)?);
    Ok(())
}
