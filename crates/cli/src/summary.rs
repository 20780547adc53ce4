//! `extract --format summary`: an article record as a few readable lines per layer
//! (who is mentioned, who said what, the claims, the dates and the figures), for a
//! person at a terminal; the JSON record stays the contract for programs.

use newsgraph_model::Article;
use std::fmt::Write;

/// Items listed per layer; the rest is counted.
const MAX_ITEMS: usize = 8;

/// Cuts a text to about `max` characters on a char boundary, one line.
fn short(s: &str, max: usize) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    let cut: String = one_line.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}

/// Writes the heading of a layer and up to [`MAX_ITEMS`] of its lines.
fn section(out: &mut String, name: &str, lines: Vec<String>) {
    let _ = writeln!(out, "{name} ({}):", lines.len());
    for l in lines.iter().take(MAX_ITEMS) {
        let _ = writeln!(out, "  - {l}");
    }
    if lines.len() > MAX_ITEMS {
        let _ = writeln!(out, "  … and {} more", lines.len() - MAX_ITEMS);
    }
}

/// The summary of one article.
pub fn summary(a: &Article) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", a.title.as_deref().unwrap_or("(no title)"));
    let dash = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".into());
    let _ = writeln!(
        out,
        "published {} · source {} · language {} · {} words · id {}",
        dash(&a.published),
        dash(&a.source),
        dash(&a.language),
        a.text.split_whitespace().count(),
        a.id
    );
    if !a.authors.is_empty() {
        let _ = writeln!(out, "by {}", a.authors.join(", "));
    }
    let name_of = |id: &Option<String>, text: &Option<String>| {
        id.as_ref()
            .and_then(|id| a.entities.iter().find(|e| &e.id == id))
            .map(|e| e.name.clone())
            .or_else(|| text.clone())
            .unwrap_or_else(|| "(unattributed)".into())
    };
    section(
        &mut out,
        "entities",
        a.entities
            .iter()
            .map(|e| {
                let n = e.mentions.len();
                let mentions = if n == 1 { "mention" } else { "mentions" };
                format!("{} ({:?}, {n} {mentions})", e.name, e.kind)
            })
            .collect(),
    );
    section(
        &mut out,
        "quotes",
        a.quotes
            .iter()
            .map(|q| {
                format!(
                    "{}: \"{}\"",
                    name_of(&q.speaker, &q.speaker_text),
                    short(&q.text, 100)
                )
            })
            .collect(),
    );
    section(
        &mut out,
        "claims",
        a.claims
            .iter()
            .map(|c| {
                format!(
                    "{} ({}): {}",
                    name_of(&c.holder, &c.holder_text),
                    format!("{:?}", c.stance).to_lowercase(),
                    short(&c.content, 100)
                )
            })
            .collect(),
    );
    section(
        &mut out,
        "times",
        a.times
            .iter()
            .map(|t| format!("\"{}\" → {}", short(&t.text, 60), t.value))
            .collect(),
    );
    section(
        &mut out,
        "figures",
        a.figures
            .iter()
            .map(|f| {
                let unit = f
                    .unit
                    .as_deref()
                    .map(|u| format!(" {u}"))
                    .unwrap_or_default();
                format!(
                    "\"{}\" → {}{unit} ({})",
                    short(&f.text, 60),
                    f.value,
                    f.kind
                )
            })
            .collect(),
    );
    section(
        &mut out,
        "events",
        a.events
            .iter()
            .map(|e| format!("{}: {}", e.kind, short(&e.text, 80)))
            .collect(),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_model::{Entity, EntityKind, Span};

    #[test]
    fn lists_each_layer_with_names_not_ids() {
        let mut a = Article {
            title: Some("Storm hits coast".into()),
            text: "Storm hits coast\n\"We are ready,\" said Ann Lee.".into(),
            ..Default::default()
        };
        a.entities.push(Entity {
            id: "e1".into(),
            name: "Ann Lee".into(),
            kind: EntityKind::Person,
            aliases: vec![],
            descriptors: vec![],
            mentions: vec![Span::new(30, 37)],
            registry_ref: None,
            gender: None,
        });
        // Built from JSON so fields added to the model later do not break the test.
        a.quotes.push(
            serde_json::from_value(serde_json::json!({
                "id": "q1", "kind": "direct", "text": "We are ready,",
                "span": Span::new(18, 31), "speaker": "e1",
            }))
            .unwrap(),
        );
        let s = summary(&a);
        assert!(s.starts_with("Storm hits coast\n"), "{s}");
        assert!(
            s.contains("entities (1):\n  - Ann Lee (Person, 1 mention)"),
            "{s}"
        );
        assert!(s.contains("Ann Lee: \"We are ready,\""), "{s}");
        assert!(s.contains("claims (0):"), "{s}");
    }

    #[test]
    fn long_lists_are_cut() {
        let lines: Vec<String> = (0..12).map(|i| format!("item {i}")).collect();
        let mut out = String::new();
        section(&mut out, "times", lines);
        assert!(out.contains("item 7") && !out.contains("item 8"));
        assert!(out.contains("… and 4 more"));
    }
}
