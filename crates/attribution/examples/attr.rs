//! Prints the quotes and claims found in a text file (debugging aid):
//! `cargo run -p newsgraph-attribution --example attr -- FILE`
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: attr FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let mut a = newsgraph_model::Article {
        text,
        ..Default::default()
    };
    newsgraph_attribution::quotes(&mut a);
    newsgraph_attribution::claims(&mut a);
    for q in &a.quotes {
        println!(
            "{} {:?} [{}] <{}> venue={:?} when={:?}\n    {}",
            q.id,
            q.kind,
            q.speaker_text.as_deref().unwrap_or("-"),
            q.cue.as_deref().unwrap_or("-"),
            q.venue,
            q.when,
            q.text.replace('\n', "⏎")
        );
    }
    for c in &a.claims {
        println!(
            "{} {:?} [{}] <{}> answers={:?}: {}",
            c.id,
            c.stance,
            c.holder_text.as_deref().unwrap_or("-"),
            c.cue.as_deref().unwrap_or("-"),
            c.answers,
            c.content
        );
    }
}
