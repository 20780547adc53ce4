//! Cleaning of text dumps: a scraped page as plain text, one block per line. Works out
//! the title (first line), sub-headings (short lines without final punctuation between
//! body paragraphs), body paragraphs and list items, and cuts the page furniture out
//! with its kind: labelled blocks ("Read also", "Latest News"), runs of time-stamped
//! headlines, bylines, share/cookie/footer lines, and the navigation or footer lines
//! before and after the article's main run of paragraphs.

use super::furniture::{
    byline, credit_line, date_line, dated_item, inline_label, label_kind, line_date, line_kind,
    strip_bullet, time_item,
};
use newsgraph_model::{
    Article, BlockKind, Furniture, FurnitureItem, FurnitureKind, Meta, PublishedFrom,
};
use std::collections::{HashMap, HashSet};

/// How a line was classified.
#[derive(Debug, Clone)]
enum Class {
    Label(FurnitureKind),
    Inline(FurnitureKind, String, String),
    TimeItem(String, String),
    Line(FurnitureKind),
    Byline(Vec<String>),
    /// A line that is only a date (a dateline, a comment's time stamp).
    Date,
    /// A paragraph-like line: long, or a full sentence of some length.
    Good,
    /// Anything else: headings, navigation, captions, short sentences.
    Short,
}

const TERMINAL: &[char] = &[
    '.', '!', '?', '…', '"', '”', '»', '\'', '’', ')', ':', ';', '。', '؟', '!', '?',
];

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
    // Whether the last unit has 50 characters or more: kept as it grows, so joining
    // many continuation lines stays linear (counting the unit each time was quadratic).
    let mut last_long = false;
    for raw in text.lines() {
        let line =
            raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}');
        if line.is_empty() {
            prev_blank = true;
            continue;
        }
        let joined = match out.last_mut() {
            Some(last)
                if !prev_blank
                    && last_long
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
            let unit = line.split_whitespace().collect::<Vec<_>>().join(" ");
            last_long = unit.chars().nth(49).is_some();
            out.push(unit);
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
    if date_line(line) {
        return Class::Date;
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
    if credit_line(line) {
        return Class::Line(FurnitureKind::Byline);
    }
    if let Some((t, s)) = dated_item(line) {
        return Class::TimeItem(t, s);
    }
    if (n >= 8 && ends_sentence(line)) || n >= 20 {
        Class::Good
    } else {
        Class::Short
    }
}

/// What a candidate line is to the body selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sep {
    /// A body line.
    No,
    /// Furniture between body lines (a label, a date line, a share line): ends a run.
    Split,
    /// A date line: splits like `Split`; a series of them after the main run dates
    /// comments or teasers.
    Date,
    /// The start of the reader comments (or the page footer): ends a run, and nothing
    /// after it joins the main run.
    Stop,
}

/// A body candidate: index of the unit, whether it is paragraph-like, and whether it is
/// a separator that never enters the body.
struct Cand {
    idx: usize,
    good: bool,
    sep: Sep,
}

/// A run joins the main run when it has at least 1/JOIN of its paragraph text.
const JOIN: usize = 12;

/// Date lines after the main run from which the first of them ends the article.
const DATE_SERIES: usize = 3;

/// Number of consecutive short lines that separates two runs of paragraphs.
const GAP: usize = 3;

/// Picks the runs of body lines that form the article: splits at long runs of short
/// lines and at furniture lines, keeps the run with the most paragraph text and any run
/// at least a twelfth of its size (but nothing after the start of the comments, the
/// footer, or a series of date lines that follows it), and trims short lines off the
/// outer edges.
fn select_body(units: &[String], cands: &[Cand]) -> (Vec<usize>, Vec<usize>, Vec<usize>) {
    // Segments: [start, end) into cands, with whether a Stop comes before them.
    let mut segs: Vec<(usize, usize, bool)> = Vec::new();
    let mut start = 0;
    let mut short_run = 0;
    let mut stop_before = false;
    let mut date_before: Vec<bool> = Vec::new();
    let mut db = false;
    for (i, c) in cands.iter().enumerate() {
        if c.sep != Sep::No {
            if i > start {
                segs.push((start, i, stop_before));
                date_before.push(db);
                db = false;
                stop_before = false;
            }
            stop_before |= c.sep == Sep::Stop;
            db |= c.sep == Sep::Date;
            start = i + 1;
            short_run = 0;
        } else if c.good {
            if short_run >= GAP && i > start + short_run {
                segs.push((start, i - short_run, stop_before));
                date_before.push(db);
                db = false;
                stop_before = false;
                start = i - short_run;
            }
            short_run = 0;
        } else {
            short_run += 1;
        }
    }
    if cands.len() > start {
        segs.push((start, cands.len(), stop_before));
        date_before.push(db);
    }
    let weight = |s: &(usize, usize, bool)| -> usize {
        cands[s.0..s.1]
            .iter()
            .filter(|c| c.good)
            .map(|c| units[c.idx].chars().count())
            .sum()
    };
    let weights: Vec<usize> = segs.iter().map(weight).collect();
    let best = weights.iter().copied().max().unwrap_or(0);
    let best_seg = weights.iter().position(|&w| w == best).unwrap_or(0);
    let mut keep = vec![false; cands.len()];
    if best == 0 {
        // No paragraph-like line at all: keep everything (a very short article).
        keep.iter_mut()
            .zip(cands)
            .for_each(|(k, c)| *k = c.sep == Sep::No);
    } else {
        let mut stopped = false;
        // A series of date lines after the main run: time-stamped comments or teasers.
        let dated_tail = cands[segs[best_seg].1..]
            .iter()
            .filter(|c| c.sep == Sep::Date)
            .count()
            >= DATE_SERIES;
        for (n, s) in segs.iter().enumerate() {
            stopped |= n > best_seg && (s.2 || (date_before[n] && dated_tail));
            if weights[n] * JOIN >= best && !stopped {
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
        if c.sep != Sep::No {
            continue;
        }
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

/// Lines after a comments label that confirm a comment section: another comments label
/// or a date line.
const COMMENT_CONFIRM: usize = 8;

/// Whether the comments label at `i` opens the reader comments: another comments label
/// or a time stamp follows within a few lines.
fn comments_follow(classes: &[Class], i: usize) -> bool {
    classes
        .iter()
        .skip(i + 1)
        .take(COMMENT_CONFIRM)
        .any(|c| matches!(c, Class::Label(FurnitureKind::Comments) | Class::Date))
}

/// A date line among this many first lines is the article's dateline.
const DATELINE_WINDOW: usize = 12;

/// Lines cut before the body from which on the first line is taken for navigation.
const NAV_LINES: usize = 3;
/// How many of the last lines cut before the body may hold the headline.
const TITLE_WINDOW: usize = 8;
/// How many lines above a headline found after navigation its dateline may be.
const DATE_ABOVE_TITLE: usize = 6;
/// Longest headline, in words (a longer line is a standfirst or a paragraph).
const TITLE_MAX_WORDS: usize = 25;

/// A line that can be a headline: a few words, no final full stop, not starting in
/// lower case.
fn title_like(u: &str) -> bool {
    let n = words(u);
    (3..=TITLE_MAX_WORDS).contains(&n)
        && u.chars().count() <= 300
        && !u.trim_end().ends_with('.')
        && u.chars().next().is_some_and(|c| !c.is_lowercase())
}

/// Cleans a text dump into an article.
pub fn clean_text(text: &str, meta: Meta) -> Article {
    clean_text_titled(text, meta, None)
}

/// [`clean_text`] for the visible text of a page whose title is known: `page_title`
/// is the title instead of the first line's guess, and body lines that only repeat it
/// go.
pub(crate) fn clean_text_titled(text: &str, mut meta: Meta, page_title: Option<String>) -> Article {
    let units = units(text);
    if units.is_empty() {
        return Article::from_blocks(meta, None, &[]);
    }
    let classes: Vec<Class> = units.iter().map(|u| classify(u)).collect();
    // Without a date in the metadata, a dateline at the top stands in for it (marked
    // as such: it may be an update time).
    let dateline_near = |from: usize| {
        classes
            .iter()
            .zip(&units)
            .skip(from)
            .take(DATELINE_WINDOW)
            .filter(|(c, _)| matches!(c, Class::Date))
            .find_map(|(_, u)| line_date(u))
    };
    let mut dateline = if meta.published.is_none() {
        dateline_near(0)
    } else {
        None
    };
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
                        Class::TimeItem(t, s) => items.push(FurnitureItem {
                            text: s.clone(),
                            time: Some(t.clone()),
                            url: None,
                        }),
                        Class::Short if kind != FurnitureKind::Comments => {
                            let s = strip_bullet(&units[j]).unwrap_or(&units[j]);
                            items.push(FurnitureItem {
                                text: s.to_string(),
                                time: None,
                                url: None,
                            });
                        }
                        Class::Good
                            if strip_bullet(&units[j]).is_some() && words(&units[j]) <= 30 =>
                        {
                            let s = strip_bullet(&units[j]).unwrap_or(&units[j]);
                            items.push(FurnitureItem {
                                text: s.to_string(),
                                time: None,
                                url: None,
                            });
                        }
                        _ => break,
                    }
                    j += 1;
                }
                furniture.push(Furniture {
                    kind,
                    label: Some(units[i].trim_end_matches([':', ' ']).to_string()),
                    items,
                });
                // Reader comments, or a list of other stories, end the article.
                let list =
                    matches!(kind, FurnitureKind::Related | FurnitureKind::Latest) && j > i + 1;
                let sep =
                    if (kind == FurnitureKind::Comments && comments_follow(&classes, i)) || list {
                        Sep::Stop
                    } else {
                        Sep::Split
                    };
                cands.push(Cand {
                    idx: i,
                    good: false,
                    sep,
                });
                i = j;
                continue;
            }
            Class::Inline(kind, label, item) => {
                let it = FurnitureItem {
                    text: item.clone(),
                    time: None,
                    url: None,
                };
                match furniture.last_mut() {
                    Some(f) if f.kind == *kind && f.label.as_deref() == Some(label.as_str()) => {
                        f.items.push(it)
                    }
                    _ => furniture.push(Furniture {
                        kind: *kind,
                        label: Some(label.clone()),
                        items: vec![it],
                    }),
                }
            }
            Class::TimeItem(..) => {
                let mut j = i;
                let mut items = Vec::new();
                while let Some(Class::TimeItem(t, s)) = classes.get(j) {
                    items.push(FurnitureItem {
                        text: s.clone(),
                        time: Some(t.clone()),
                        url: None,
                    });
                    j += 1;
                }
                if items.len() >= 2 {
                    furniture.push(Furniture {
                        kind: FurnitureKind::Latest,
                        label: None,
                        items,
                    });
                    cands.push(Cand {
                        idx: i,
                        good: false,
                        sep: Sep::Split,
                    });
                    i = j;
                    continue;
                }
                let good = words(&units[i]) >= 8 && ends_sentence(&units[i]);
                cands.push(Cand {
                    idx: i,
                    good,
                    sep: Sep::No,
                });
            }
            Class::Line(kind) => {
                let it = FurnitureItem {
                    text: units[i].clone(),
                    time: None,
                    url: None,
                };
                match furniture.last_mut() {
                    Some(f) if f.kind == *kind && f.label.is_none() => f.items.push(it),
                    _ => furniture.push(Furniture {
                        kind: *kind,
                        label: None,
                        items: vec![it],
                    }),
                }
                let sep = if *kind == FurnitureKind::Footer {
                    Sep::Stop
                } else {
                    Sep::Split
                };
                cands.push(Cand {
                    idx: i,
                    good: false,
                    sep,
                });
            }
            Class::Date => {
                furniture.push(Furniture {
                    kind: FurnitureKind::Byline,
                    label: None,
                    items: vec![FurnitureItem {
                        text: units[i].clone(),
                        time: None,
                        url: None,
                    }],
                });
                cands.push(Cand {
                    idx: i,
                    good: false,
                    sep: Sep::Date,
                });
            }
            Class::Byline(names) => {
                if meta.authors.is_empty() {
                    meta.authors = names.clone();
                }
                furniture.push(Furniture {
                    kind: FurnitureKind::Byline,
                    label: None,
                    items: vec![FurnitureItem {
                        text: units[i].clone(),
                        time: None,
                        url: None,
                    }],
                });
                cands.push(Cand {
                    idx: i,
                    good: false,
                    sep: Sep::Split,
                });
            }
            Class::Good => cands.push(Cand {
                idx: i,
                good: true,
                sep: Sep::No,
            }),
            Class::Short => cands.push(Cand {
                idx: i,
                good: false,
                sep: Sep::No,
            }),
        }
        i += 1;
    }
    let (mut body, mut before, after) = select_body(&units, &cands);
    let mut title_idx = title_idx;
    if page_title.is_none() && before.len() >= NAV_LINES {
        // Lines were cut before the body: the page opens with navigation, so its first
        // line is no headline. The headline sits among the last lines cut, above the
        // standfirst, byline and date: the longest title-like one there, or the first
        // body line (a long headline reads as a paragraph). Tuned on the WCXB tune half
        // flattened to text (crates/read/ARCH.md).
        let window = &before[before.len().saturating_sub(TITLE_WINDOW)..];
        let best = window
            .iter()
            .chain(body.first())
            .copied()
            .filter(|&j| title_like(&units[j]))
            .max_by_key(|&j| (words(&units[j]), j));
        if let Some(j) = best {
            before.retain(|&k| k != j);
            body.retain(|&k| k != j);
            if let Some(t) = title_idx.filter(|&t| t != j) {
                before.insert(0, t);
            }
            title_idx = Some(j);
            // and the dateline is the one by the headline (a date just above it, or in
            // the lines after it), not one in the navigation
            if meta.published.is_none() {
                dateline = dateline_near(j.saturating_sub(DATE_ABOVE_TITLE));
            }
        }
    }
    let edge = |idx: &[usize]| -> Vec<FurnitureItem> {
        idx.iter()
            .map(|&i| FurnitureItem {
                text: units[i].clone(),
                time: None,
                url: None,
            })
            .collect()
    };
    if !before.is_empty() {
        furniture.insert(
            0,
            Furniture {
                kind: FurnitureKind::Nav,
                label: None,
                items: edge(&before),
            },
        );
    }
    if !after.is_empty() {
        furniture.push(Furniture {
            kind: FurnitureKind::Footer,
            label: None,
            items: edge(&after),
        });
    }
    // A paragraph repeated word for word up to ten times (a page's mobile and desktop
    // copies, a pull quote) is kept once; a text that is one paragraph over and over
    // stays as it is.
    let mut copies: HashMap<&str, usize> = HashMap::new();
    for &i in &body {
        if matches!(classes[i], Class::Good) {
            *copies.entry(units[i].as_str()).or_default() += 1;
        }
    }
    let mut seen = HashSet::new();
    let body: Vec<usize> = body
        .into_iter()
        .filter(|&i| {
            copies
                .get(units[i].as_str())
                .is_none_or(|&n| n > super::MAX_COPIES)
                || seen.insert(units[i].as_str())
        })
        .collect();
    // Borrowed from the units: a big page's body is not copied once more.
    let mut blocks: Vec<(BlockKind, &str)> = Vec::with_capacity(body.len());
    for (k, &idx) in body.iter().enumerate() {
        let u = &units[idx];
        let kind = if let Some(item) = strip_bullet(u) {
            blocks.push((BlockKind::ListItem, item));
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
        blocks.push((kind, u));
    }
    let title = match page_title {
        Some(t) => {
            blocks.retain(|(_, s)| !super::same_text(s, &t));
            Some(t)
        }
        None => title_idx.map(|t| units[t].clone()),
    };
    let mut a = Article::from_block_texts(meta, title, &blocks);
    a.furniture = furniture;
    if let Some(d) = dateline {
        a.published = Some(d);
        a.published_from = Some(PublishedFrom::Dateline);
    }
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

    const HEADLINE: &str = "Council approves new budget after long school funding debate";

    /// A flattened page: `nav` lines, the headline, `between` lines, two paragraphs.
    fn page_after_navigation(nav: &str, between: &str) -> String {
        format!(
            "{nav}{HEADLINE}\n{between}The council approved the new budget on Tuesday after a long debate about school funding.\nMembers voted nine to four in favour, and the mayor welcomed the decision as a fair compromise.\n"
        )
    }

    #[test]
    fn after_cut_navigation_the_dateline_is_the_one_by_the_headline() {
        // a date widget in the navigation, then the article's own dateline
        let nav = "1 January 2024\nWorld\nBusiness\nOpinion\nCulture\nTravel\nSport\nScience\nHealth\nVideo\nPodcasts\nWeather\nPuzzles\n";
        let a = clean_text(
            &page_after_navigation(nav, "3 March 2025\n"),
            Meta::default(),
        );
        assert_eq!(a.title.as_deref(), Some(HEADLINE));
        assert_eq!(a.published.as_deref(), Some("2025-03-03"));
        assert_eq!(a.published_from, Some(PublishedFrom::Dateline));
    }

    #[test]
    fn after_cut_navigation_the_headline_above_the_body_is_the_title() {
        let nav = "World\nBusiness\nOpinion\nCulture\nTravel\n";
        let a = clean_text(
            &page_after_navigation(nav, "By Jane Smith\n"),
            Meta::default(),
        );
        assert_eq!(a.title.as_deref(), Some(HEADLINE));
        assert_eq!(a.block_texts(BlockKind::Paragraph).len(), 2);
        // the first line the old guess took is navigation now
        let nav: Vec<&str> = a
            .furniture
            .iter()
            .filter(|f| f.kind == FurnitureKind::Nav)
            .flat_map(|f| f.items.iter().map(|i| i.text.as_str()))
            .collect();
        assert!(nav.contains(&"World") && nav.contains(&"Travel"), "{nav:?}");
        assert!(!nav.contains(&HEADLINE));
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
    fn reader_comments_are_cut() {
        let mut text = String::from("Bridge reopens after repairs\n");
        text.push_str("The old bridge over the river reopened on Friday after eight months of repair work on its piers.\n");
        text.push_str("Engineers said the structure should now last for another fifty years with regular inspections.\n");
        text.push_str("Local shops near the crossing expect their trade to recover quickly once traffic returns.\n");
        text.push_str("3 Comments\nSam Example says:\nMarch 4, 2025 at 9:15 am\n");
        text.push_str("I drove over it this morning and it feels much smoother than before, great job by the crews.\n");
        text.push_str("Reply\nAlex Sample says:\nMarch 4, 2025 at 10:02 am\n");
        text.push_str("About time too, the detour added twenty minutes to my commute every single day of the week.\n");
        let a = clean_text(&text, Meta::default());
        assert_eq!(a.block_texts(BlockKind::Paragraph).len(), 3);
        assert!(
            !a.text.contains("smoother") && !a.text.contains("detour") && !a.text.contains("2025")
        );
        assert!(a
            .furniture
            .iter()
            .any(|f| f.kind == FurnitureKind::Comments));
    }

    #[test]
    fn a_lone_comments_label_only_splits() {
        let mut text = String::from("Harbour plan approved\n");
        text.push_str("The harbour authority approved the expansion plan on Monday after two years of consultation.\n");
        text.push_str("Comments\n");
        text.push_str("The new quay will be able to handle ships twice the size of those that dock there today.\n");
        let a = clean_text(&text, Meta::default());
        assert_eq!(a.block_texts(BlockKind::Paragraph).len(), 2);
    }

    #[test]
    fn date_lines_are_not_body() {
        let text = "Rain expected all week\nUpdated June 3, 2025 at 8:10 am\n\
            Forecasters expect heavy rain across the region for the rest of the week, with local flooding.\n\
            Farmers welcomed the news after a long dry spell that left many fields parched and brown.";
        let a = clean_text(text, Meta::default());
        assert!(!a.text.contains("Updated"));
        assert_eq!(a.block_texts(BlockKind::Paragraph).len(), 2);
    }

    #[test]
    fn nothing_after_a_footer_line_joins_the_body() {
        let mut text = String::from("Library extends opening hours\n");
        text.push_str("The city library will open until nine in the evening from next month, the council said.\n");
        text.push_str("Staff numbers will rise by four to cover the extra hours, funded from the culture budget.\n");
        text.push_str("© 2025 Example Media\n");
        text.push_str("Example Media is an independent publisher of local news covering the whole of the valley.\n");
        let a = clean_text(&text, Meta::default());
        assert_eq!(a.block_texts(BlockKind::Paragraph).len(), 2);
        assert!(!a.text.contains("independent"));
    }

    #[test]
    fn dated_link_lists_are_furniture() {
        let mut text = String::from("Orchard harvest begins early\n");
        text.push_str("Growers in the valley began picking apples two weeks early this year after a warm spring and dry summer.\n");
        text.push_str("Most expect a smaller crop than last year, although the fruit is larger and sweeter than usual.\n");
        text.push_str("Cider makers said the early start would give them more time to press before the first frosts.\n");
        text.push_str("Archive\n");
        for d in 1..=6 {
            text.push_str(&format!("Some older headline about the long running story of the town number {d} - {d} March 2024\n"));
        }
        let a = clean_text(&text, Meta::default());
        assert_eq!(a.block_texts(BlockKind::Paragraph).len(), 3);
        assert!(!a.text.contains("older headline"));
        let latest: Vec<_> = a
            .furniture
            .iter()
            .filter(|f| f.kind == FurnitureKind::Latest)
            .collect();
        assert_eq!(latest.len(), 1);
        assert_eq!(latest[0].items.len(), 6);
        assert_eq!(latest[0].items[0].time.as_deref(), Some("1 March 2024"));
    }

    #[test]
    fn repeated_paragraphs_are_kept_once() {
        let p = "The museum will reopen its east wing in spring after a two year renovation of the roof.";
        let text = format!("Museum wing to reopen\n{p}\nVisitors will be able to see the restored ceiling paintings for the first time in decades.\n{p}\n");
        let a = clean_text(&text, Meta::default());
        assert_eq!(a.block_texts(BlockKind::Paragraph).len(), 2);
    }

    #[test]
    fn a_series_of_dated_entries_after_the_article_is_cut() {
        let mut text = String::from("Town hall gets solar roof\n");
        text.push_str("The town hall roof is now covered in solar panels that should supply most of its power.\n");
        text.push_str("The project cost less than expected thanks to a regional grant for public buildings.\n");
        text.push_str(
            "The council hopes to fit panels to the two primary schools in the town next year.\n",
        );
        for d in 1..=3 {
            text.push_str(&format!("Reader {d}\nMay {d}, 2025\nThis is a long reader remark about the roof that goes on for quite a few words in total.\n"));
        }
        let a = clean_text(&text, Meta::default());
        assert_eq!(a.block_texts(BlockKind::Paragraph).len(), 3);
        assert!(!a.text.contains("remark"));
    }

    #[test]
    fn a_related_list_after_the_article_ends_it() {
        let mut text = String::from("Rail line to reopen\n");
        text.push_str("The branch line closed by the floods last winter will reopen to passengers at the end of May.\n");
        text.push_str("Engineers rebuilt two bridges and nearly a kilometre of embankment during the spring.\n");
        text.push_str("Related stories\nFlood damage worse than feared\nBridges to be rebuilt\n");
        text.push_str("The operator also announced a new timetable with more trains in the evenings and at weekends.\n");
        let a = clean_text(&text, Meta::default());
        assert_eq!(a.block_texts(BlockKind::Paragraph).len(), 2);
        assert!(!a.text.contains("timetable"));
        assert_eq!(
            a.furniture
                .iter()
                .find(|f| f.kind == FurnitureKind::Related)
                .map(|f| f.items.len()),
            Some(2)
        );
    }

    #[test]
    fn a_dateline_is_the_fallback_date_and_says_so() {
        let text = "Rain expected all week\nJune 3, 2025\n\
            Forecasters expect heavy rain across the region for the rest of the week, with local flooding.";
        let a = clean_text(text, Meta::default());
        assert_eq!(a.published.as_deref(), Some("2025-06-03"));
        assert_eq!(a.published_from, Some(PublishedFrom::Dateline));
        let given = Meta {
            published: Some("2025-06-04".into()),
            ..Default::default()
        };
        let a = clean_text(text, given);
        assert_eq!(a.published.as_deref(), Some("2025-06-04"));
        assert_eq!(a.published_from, None);
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
