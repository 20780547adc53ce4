//! Page furniture recognisers shared by the text-dump and HTML cleaners: block labels
//! ("Read also", "Latest News", ... from `data/furniture_labels.tsv`), furniture lines
//! (share bars, cookie banners, footers, from `data/furniture_lines.tsv`), time-stamped
//! list items (`- 17:20 Headline`) and bylines.

use newsgraph_model::FurnitureKind;
use std::collections::HashMap;
use std::sync::OnceLock;

const LABELS: &str = include_str!("../../data/furniture_labels.tsv");
const LINES: &str = include_str!("../../data/furniture_lines.tsv");

fn parse_kind(s: &str) -> Option<FurnitureKind> {
    Some(match s {
        "related" => FurnitureKind::Related,
        "latest" => FurnitureKind::Latest,
        "nav" => FurnitureKind::Nav,
        "share" => FurnitureKind::Share,
        "byline" => FurnitureKind::Byline,
        "footer" => FurnitureKind::Footer,
        "comments" => FurnitureKind::Comments,
        "ad" => FurnitureKind::Ad,
        _ => return None,
    })
}

fn parse_tsv(data: &str) -> Vec<(FurnitureKind, String)> {
    data.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let (k, v) = l.split_once('\t')?;
            Some((parse_kind(k.trim())?, v.trim().to_lowercase()))
        })
        .collect()
}

fn labels() -> &'static HashMap<String, FurnitureKind> {
    static L: OnceLock<HashMap<String, FurnitureKind>> = OnceLock::new();
    L.get_or_init(|| parse_tsv(LABELS).into_iter().map(|(k, v)| (v, k)).collect())
}

/// Furniture phrases as word sequences, indexed by their first word; phrases that are
/// a lone symbol (`©`) are matched as characters.
struct Phrases {
    by_first: HashMap<String, Vec<(FurnitureKind, Vec<String>)>>,
    symbols: Vec<(FurnitureKind, char)>,
}

fn phrase_words(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

fn phrases() -> &'static Phrases {
    static P: OnceLock<Phrases> = OnceLock::new();
    P.get_or_init(|| {
        let mut p = Phrases { by_first: HashMap::new(), symbols: Vec::new() };
        for (k, phrase) in parse_tsv(LINES) {
            let words = phrase_words(&phrase);
            match words.first() {
                Some(first) => p.by_first.entry(first.clone()).or_default().push((k, words)),
                None => {
                    if let Some(c) = phrase.chars().next() {
                        p.symbols.push((k, c));
                    }
                }
            }
        }
        p
    })
}

/// Lowercases, collapses spaces, and trims bullets and trailing label punctuation.
pub(crate) fn normalise_label(line: &str) -> String {
    let t = line.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ':' | '»' | '›' | '>' | '…' | '|' | '-' | '–' | '—' | '•' | '·' | '*' | '.' | '#')
    });
    let mut out = String::with_capacity(t.len());
    for w in t.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

/// The furniture kind of a line that is exactly a block label.
pub(crate) fn label_kind(line: &str) -> Option<FurnitureKind> {
    if line.chars().count() > 60 {
        return None;
    }
    labels().get(&normalise_label(line)).copied()
}

/// A line of the form `Label: item text` ("Read also: Iran says ..."): the kind, the
/// label as written and the item text.
pub(crate) fn inline_label(line: &str) -> Option<(FurnitureKind, String, String)> {
    let (head, rest) = line.split_once([':', '»', '|'])?;
    let rest = rest.trim();
    if rest.is_empty() || head.chars().count() > 40 {
        return None;
    }
    let kind = label_kind(head)?;
    if !matches!(kind, FurnitureKind::Related | FurnitureKind::Latest) {
        return None;
    }
    Some((kind, head.trim().to_string(), rest.to_string()))
}

/// The furniture kind of a short line containing a furniture phrase.
pub(crate) fn line_kind(line: &str) -> Option<FurnitureKind> {
    if line.split_whitespace().count() > 30 {
        return None;
    }
    let p = phrases();
    let words = phrase_words(line);
    for i in 0..words.len() {
        if let Some(cands) = p.by_first.get(&words[i]) {
            for (k, ph) in cands {
                if words.len() - i >= ph.len() && words[i..i + ph.len()] == ph[..] {
                    return Some(*k);
                }
            }
        }
    }
    p.symbols.iter().find(|(_, c)| line.contains(*c)).map(|(k, _)| *k)
}

/// Strips a list bullet (`-`, `*`, `•`, `–`, `·`, `▪`) from the start of a line.
pub(crate) fn strip_bullet(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let mut chars = t.chars();
    let c = chars.next()?;
    if matches!(c, '-' | '*' | '•' | '–' | '—' | '·' | '▪' | '►' | '▸' | '◦') {
        let rest = chars.as_str();
        if rest.starts_with(char::is_whitespace) {
            return Some(rest.trim_start());
        }
    }
    None
}

/// A time-stamped list line (`- 17:20 Headline`, `17h20 Headline`, `9:05 pm | Headline`):
/// the time as written (`17:20`) and the headline.
pub(crate) fn time_item(line: &str) -> Option<(String, String)> {
    let t = strip_bullet(line).unwrap_or(line).trim_start();
    let b = t.as_bytes();
    let mut i = 0;
    while i < b.len() && i < 2 && b[i].is_ascii_digit() {
        i += 1;
    }
    if i == 0 || i >= b.len() || !matches!(b[i], b':' | b'h' | b'H' | b'.') {
        return None;
    }
    let sep = i;
    let m = &b[sep + 1..];
    if m.len() < 2 || !m[0].is_ascii_digit() || !m[1].is_ascii_digit() {
        return None;
    }
    let hours: u32 = t[..sep].parse().ok()?;
    let mins: u32 = t[sep + 1..sep + 3].parse().ok()?;
    if hours > 23 || mins > 59 {
        return None;
    }
    let mut end = sep + 3;
    let mut rest = &t[end..];
    // Optional am/pm.
    let lower_rest = rest.trim_start().to_ascii_lowercase();
    for ampm in ["am", "pm", "a.m.", "p.m."] {
        if lower_rest.starts_with(ampm) {
            let skip = rest.len() - rest.trim_start().len() + ampm.len();
            end += skip;
            rest = &t[end..];
            break;
        }
    }
    if !rest.starts_with(char::is_whitespace) && !rest.starts_with(['|', '-', '–', '—']) {
        return None;
    }
    let time = t[..end].trim().to_string();
    let text = rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '|' | '-' | '–' | '—' | ':'));
    if text.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return None;
    }
    Some((time, text.trim().to_string()))
}

/// A byline (`By Jane Doe`, `Par Jean Dupont et Marie Curie`, `Por ...`, `Von ...`): the
/// author names.
pub(crate) fn byline(line: &str) -> Option<Vec<String>> {
    let t = line.trim();
    let words = t.split_whitespace().count();
    if !(2..=12).contains(&words) {
        return None;
    }
    let lower = t.to_lowercase();
    let prefix = ["by ", "par ", "por ", "von ", "di ", "door ", "written by ", "text: "]
        .into_iter()
        .find(|p| lower.starts_with(p))?;
    let rest = t.get(prefix.len()..)?;
    // Cut trailing date or role ("By Jane Doe, Reuters | 8 July 2025").
    let rest = rest.split(['|', '•', '·', '\u{2014}']).next().unwrap_or(rest).trim();
    let mut names = Vec::new();
    for part in rest.split([',', '&']).flat_map(|p| p.split(" and ")).flat_map(|p| p.split(" et ")).flat_map(|p| p.split(" y ")).flat_map(|p| p.split(" und ")) {
        let p = part.trim();
        if p.is_empty() {
            continue;
        }
        let caps = p.split_whitespace().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()));
        if caps && p.split_whitespace().count() <= 4 {
            names.push(p.to_string());
        }
    }
    if names.is_empty() {
        None
    } else {
        Some(names)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_in_many_languages() {
        assert_eq!(label_kind("Lire aussi"), Some(FurnitureKind::Related));
        assert_eq!(label_kind("READ ALSO:"), Some(FurnitureKind::Related));
        assert_eq!(label_kind("Lesen Sie auch"), Some(FurnitureKind::Related));
        assert_eq!(label_kind("اقرأ أيضا"), Some(FurnitureKind::Related));
        assert_eq!(label_kind("Latest News"), Some(FurnitureKind::Latest));
        assert_eq!(label_kind("Iran denies US negotiation request"), None);
        let (k, l, item) = inline_label("Read also: Markets fall again").unwrap();
        assert_eq!((k, l.as_str(), item.as_str()), (FurnitureKind::Related, "Read also", "Markets fall again"));
    }

    #[test]
    fn time_items() {
        assert_eq!(
            time_item("- 17:20 Hakimi ready to face Mbappé"),
            Some(("17:20".into(), "Hakimi ready to face Mbappé".into()))
        );
        assert_eq!(time_item("9:05 pm | Storm hits coast").map(|x| x.0), Some("9:05 pm".into()));
        assert_eq!(time_item("17h20 Le match"), Some(("17h20".into(), "Le match".into())));
        assert_eq!(time_item("2025 was a year"), None);
        assert_eq!(time_item("25:99 nope nope"), None);
        assert_eq!(time_item("1.5 million people fled"), None);
    }

    #[test]
    fn lines_and_bylines() {
        assert_eq!(line_kind("Share on Facebook"), Some(FurnitureKind::Share));
        assert_eq!(line_kind("© 2025 Example Media. All rights reserved."), Some(FurnitureKind::Footer));
        assert_eq!(line_kind("The minister said the talks would resume."), None);
        assert_eq!(byline("By Jane Doe and John Smith"), Some(vec!["Jane Doe".into(), "John Smith".into()]));
        assert_eq!(byline("By the time we arrived it was over"), None);
    }
}
