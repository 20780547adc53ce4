//! Cleaning of text dumps: a scraped page as plain text, one block per line. Works out
//! the title (first line), sub-headings (short lines without final punctuation between
//! body paragraphs), body paragraphs and list items, and cuts the page furniture out
//! with its kind: labelled blocks ("Read also", "Latest News"), runs of time-stamped
//! headlines, bylines, share/cookie/footer lines, and the navigation or footer lines
//! before and after the article's main run of paragraphs.

use super::furniture::{byline, inline_label, label_kind, line_kind, strip_bullet, time_item};
use newsgraph_model::{Article, BlockKind, Furniture, FurnitureItem, FurnitureKind, Meta};

/// How a line was classified.
#[derive(Debug, Clone)]
enum Class {
    Label(FurnitureKind),
    Inline(FurnitureKind, String, String),
    TimeItem(String, String),
    Line(FurnitureKind),
    Byline(Vec<String>),
    /// A paragraph-like line: long, or a full sentence of some length.
    Good,
    /// Anything else: headings, navigation, captions, short sentences.
    Short,
}

const TERMINAL: &[char] = &['.', '!', '?', '…', '"', '”', '»', '\'', '’', ')', ':', ';', '。', '؟', '!', '?'];

fn ends_sentence(s: &str) -> bool {
    s.trim_end().ends_with(TERMINAL)
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Lines of the dump, with hard-wrapped paragraphs joined back: a long line without
/// final punctuation followed by a line starting in lower case continues it.
fn units(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut prev_blank = true;
    for raw in text.lines() {
        let line = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}');
        if line.is_empty() {
            prev_blank = true;
            continue;
        }
        let joined = match out.last_mut() {
            Some(last)
                if !prev_blank
                    && last.chars().count() >= 50
                    && !ends_sentence(last)
                    && line.chars().next().is_some_and(|c| c.is_lowercase()) =>
            {
                last.push(' ');
                last.push_str(line);
                true
            }
            _ => false,
        };
        if !joined {
            out.push(line.split_whitespace().collect::<Vec<_>>().join(" "));
        }
        prev_blank = false;
    }
    out
}

fn classify(line: &str) -> Class {
    if let Some(k) = label_kind(line) {
        return Class::Label(k);
    }
    if let Some((k, label, item)) = inline_label(line) {
        return Class::Inline(k, label, item);
    }
    if let Some((t, s)) = time_item(line) {
        return Class::TimeItem(t, s);
    }
    let n = words(line);
    if let Some(k) = line_kind(line) {
        // A long sentence that merely mentions "cookies" or "©" stays text.
        if n <= 12 || !ends_sentence(line) {
            return Class::Line(k);
        }
    }
    if let Some(names) = byline(line) {
        return Class::Byline(names);
    }
    if (n >= 8 && ends_sentence(line)) || n >= 20 {
        Class::Good
    } else {
        Class::Short
    }
}

/// A body candidate: index of the unit and whether it is paragraph-like.
struct Cand {
    idx: usize,
    good: bool,
}

/// Number of consecutive short lines that separates two runs of paragraphs.
const GAP: usize = 3;

/// Picks the runs of body lines that form the article: splits at long runs of short
/// lines, keeps the run with the most paragraph text and any run at least an eighth of
/// its size, and trims short lines off the outer edges.
fn select_body(units: &[String], cands: &[Cand]) -> (Vec<usize>, Vec<usize>, Vec<usize>) {
    // Segments: [start, end) into cands.
    let mut segs: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    let mut short_run = 0;
    for (i, c) in cands.iter().enumerate() {
        if c.good {
            if short_run >= GAP && i > start + short_run {
                segs.push((start, i - short_run));
                start = i - short_run;
            }
            short_run = 0;
        } else {
            short_run += 1;
        }
    }
    segs.push((start, cands.len()));
    let weight = |s: &(usize, usize)| -> usize {
        cands[s.0..s.1].iter().filter(|c| c.good).map(|c| units[c.idx].chars().count()).sum()
    };
    let best = segs.iter().map(weight).max().unwrap_or(0);
    let mut keep = vec![false; cands.len()];
    if best == 0 {
        // No paragraph-like line at all: keep everything (a very short article).
        keep.iter_mut().for_each(|k| *k = true);
    } else {
        for s in &segs {
            if weight(s) * 8 >= best {
                keep[s.0..s.1].iter_mut().for_each(|k| *k = true);
            }
        }
        // Trim short lines off the outer edges of the kept text.
        if let Some(first) = (0..cands.len()).find(|&i| keep[i] && cands[i].good) {
            keep[..first].iter_mut().for_each(|k| *k = false);
        }
        if let Some(last) = (0..cands.len()).rev().find(|&i| keep[i] && cands[i].good) {
            keep[last + 1..].iter_mut().for_each(|k| *k = false);
        }
    }
    let first_kept = keep.iter().position(|k| *k).unwrap_or(cands.len());
    let mut body = Vec::new();
    let mut before = Vec::new();
    let mut after = Vec::new();
    for (i, c) in cands.iter().enumerate() {
        if keep[i] {
            body.push(c.idx);
        } else if i < first_kept {
            before.push(c.idx);
        } else {
            after.push(c.idx);
        }
    }
    (body, before, after)
}

/// Cleans a text dump into an article.
pub fn clean_text(text: &str, mut meta: Meta) -> Article {
    let units = units(text);
    if units.is_empty() {
        return Article::from_blocks(meta, None, &[]);
    }
    let classes: Vec<Class> = units.iter().map(|u| classify(u)).collect();
    // The title: the first line, when it is title-sized and not furniture.
    let title_idx = match classes[0] {
        Class::Good | Class::Short if units.len() > 1 && units[0].chars().count() <= 300 => Some(0),
        _ => None,
    };
    let mut furniture: Vec<Furniture> = Vec::new();
    let mut cands: Vec<Cand> = Vec::new();
    let mut i = title_idx.map_or(0, |t| t + 1);
    while i < units.len() {
        match &classes[i] {
            Class::Label(kind) => {
                let kind = *kind;
                let mut items = Vec::new();
                let mut j = i + 1;
                while j < units.len() && items.len() < 50 {
                    match &classes[j] {
                        Class::TimeItem(t, s) => items.push(FurnitureItem { text: s.clone(), time: Some(t.clone()), url: None }),
                        Class::Short if kind != FurnitureKind::Comments => {
                            let s = strip_bullet(&units[j]).unwrap_or(&units[j]);
                            items.push(FurnitureItem { text: s.to_string(), time: None, url: None });
                        }
                        Class::Good if strip_bullet(&units[j]).is_some() && words(&units[j]) <= 30 => {
                            let s = strip_bullet(&units[j]).unwrap_or(&units[j]);
                            items.push(FurnitureItem { text: s.to_string(), time: None, url: None });
                        }
                        _ => break,
                    }
                    j += 1;
                }
                furniture.push(Furniture { kind, label: Some(units[i].trim_end_matches([':', ' ']).to_string()), items });
                i = j;
                continue;
            }
            Class::Inline(kind, label, item) => {
                let it = FurnitureItem { text: item.clone(), time: None, url: None };
                match furniture.last_mut() {
                    Some(f) if f.kind == *kind && f.label.as_deref() == Some(label.as_str()) => f.items.push(it),
                    _ => furniture.push(Furniture { kind: *kind, label: Some(label.clone()), items: vec![it] }),
                }
            }
            Class::TimeItem(..) => {
                let mut j = i;
                let mut items = Vec::new();
                while let Some(Class::TimeItem(t, s)) = classes.get(j) {
                    items.push(FurnitureItem { text: s.clone(), time: Some(t.clone()), url: None });
                    j += 1;
                }
                if items.len() >= 2 {
                    furniture.push(Furniture { kind: FurnitureKind::Latest, label: None, items });
                    i = j;
                    continue;
                }
                let good = words(&units[i]) >= 8 && ends_sentence(&units[i]);
                cands.push(Cand { idx: i, good });
            }
            Class::Line(kind) => {
                let it = FurnitureItem { text: units[i].clone(), time: None, url: None };
                match furniture.last_mut() {
                    Some(f) if f.kind == *kind && f.label.is_none() => f.items.push(it),
                    _ => furniture.push(Furniture { kind: *kind, label: None, items: vec![it] }),
                }
            }
            Class::Byline(names) => {
                if meta.authors.is_empty() {
                    meta.authors = names.clone();
                }
                furniture.push(Furniture {
                    kind: FurnitureKind::Byline,
                    label: None,
                    items: vec![FurnitureItem { text: units[i].clone(), time: None, url: None }],
                });
            }
            Class::Good => cands.push(Cand { idx: i, good: true }),
            Class::Short => cands.push(Cand { idx: i, good: false }),
        }
        i += 1;
    }
    let (body, before, after) = select_body(&units, &cands);
    let edge = |idx: &[usize]| -> Vec<FurnitureItem> {
        idx.iter().map(|&i| FurnitureItem { text: units[i].clone(), time: None, url: None }).collect()
    };
    if !before.is_empty() {
        furniture.insert(0, Furniture { kind: FurnitureKind::Nav, label: None, items: edge(&before) });
    }
    if !after.is_empty() {
        furniture.push(Furniture { kind: FurnitureKind::Footer, label: None, items: edge(&after) });
    }
    let mut blocks: Vec<(BlockKind, String)> = Vec::with_capacity(body.len());
    for (k, &idx) in body.iter().enumerate() {
        let u = &units[idx];
        let kind = if let Some(item) = strip_bullet(u) {
            blocks.push((BlockKind::ListItem, item.to_string()));
            continue;
        } else if !matches!(classes[idx], Class::Good)
            && words(u) <= 15
            && !ends_sentence(u)
            && k + 1 < body.len()
            && u.chars().next().is_some_and(|c| !c.is_lowercase())
        {
            BlockKind::Heading
        } else {
            BlockKind::Paragraph
        };
        blocks.push((kind, u.clone()));
    }
    let title = title_idx.map(|t| units[t].clone());
    let mut a = Article::from_blocks(meta, title, &blocks);
    a.furniture = furniture;
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_are_joined() {
        let u = units("This is a long line of a hard wrapped paragraph that goes\non here. Next.\n\nNew para.");
        assert_eq!(u.len(), 2);
        assert!(u[0].ends_with("goes on here. Next."));
    }

    #[test]
    fn title_headings_paragraphs_and_tail() {
        let text = "Big storm hits the coast\n\
            The storm made landfall on Monday night, bringing heavy rain and strong winds to the region.\n\
            Damage assessment\n\
            Officials said it would take weeks to assess the full extent of the damage to homes and roads.\n\
            Read also\n\
            Latest News\n\
            - 10:00 First headline here\n\
            - 09:30 Second headline here\n";
        let a = clean_text(text, Meta::default());
        assert_eq!(a.title.as_deref(), Some("Big storm hits the coast"));
        assert_eq!(a.block_texts(BlockKind::Heading), vec!["Damage assessment"]);
        assert_eq!(a.block_texts(BlockKind::Paragraph).len(), 2);
        assert!(!a.text.contains("headline"));
        assert_eq!(a.furniture.len(), 2);
        assert_eq!(a.furniture[0].kind, FurnitureKind::Related);
        assert!(a.furniture[0].items.is_empty());
        assert_eq!(a.furniture[1].kind, FurnitureKind::Latest);
        assert_eq!(a.furniture[1].items[1].time.as_deref(), Some("09:30"));
        assert_eq!(a.furniture[1].items[1].text, "Second headline here");
    }

    #[test]
    fn navigation_before_and_footer_after_are_cut() {
        let mut text = String::from("Home\nNews\nSport\nWeather\nMenu\nSearch\nLogin\n");
        text.push_str("The council approved the new budget on Tuesday after a long debate about school funding.\n");
        text.push_str("Members voted nine to four in favour, and the mayor welcomed the decision as a fair compromise.\n");
        text.push_str("Contact us\nAbout\nCareers\n© 2025 Example Media. All rights reserved.\n");
        let a = clean_text(&text, Meta::default());
        assert_eq!(a.block_texts(BlockKind::Paragraph).len(), 2);
        assert!(!a.text.contains("Careers") && !a.text.contains("Weather"));
        assert!(a.furniture.iter().any(|f| f.kind == FurnitureKind::Footer));
        assert!(a.furniture.iter().any(|f| f.kind == FurnitureKind::Nav));
    }

    #[test]
    fn byline_fills_authors() {
        let a = clean_text(
            "A headline\nBy Jane Doe\nThe first paragraph of the story is here and it is long enough to count.",
            Meta::default(),
        );
        assert_eq!(a.authors, vec!["Jane Doe"]);
        assert!(!a.text.contains("Jane"));
    }
}
