//! Page furniture recognisers shared by the text-dump and HTML cleaners: block labels
//! ("Read also", "Latest News", ... from `data/furniture_labels.tsv`), furniture lines
//! (share bars, cookie banners, footers, from `data/furniture_lines.tsv`), time-stamped
//! list items (`- 17:20 Headline`) and bylines.

use newsgraph_model::FurnitureKind;
use std::collections::HashMap;
use std::sync::OnceLock;

const LABELS: &str = include_str!("../../data/furniture_labels.tsv");
const LINES: &str = include_str!("../../data/furniture_lines.tsv");
const DATE_WORDS: &str = include_str!("../../data/date_words.tsv");
const BYLINE_WORDS: &str = include_str!("../../data/byline_words.tsv");

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

/// Block labels: exact labels, and patterns where `*` stands for one to five words and
/// `#` for a number (`* says`, `# comments`).
struct Labels {
    exact: HashMap<String, FurnitureKind>,
    patterns: Vec<(FurnitureKind, Vec<String>)>,
}

fn labels() -> &'static Labels {
    static L: OnceLock<Labels> = OnceLock::new();
    L.get_or_init(|| {
        let mut l = Labels {
            exact: HashMap::new(),
            patterns: Vec::new(),
        };
        for (k, v) in parse_tsv(LABELS) {
            let words: Vec<String> = v.split_whitespace().map(str::to_string).collect();
            if words.iter().any(|w| w == "*" || w == "#") {
                l.patterns.push((k, words));
            } else {
                l.exact.insert(normalise_label(&v), k);
            }
        }
        l
    })
}

/// A number as written in a label ("12", "1,234").
fn is_number(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_digit())
        && w.chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

fn word_matches(p: &str, w: &str) -> bool {
    if p == "#" {
        is_number(w)
    } else {
        p == w
    }
}

/// Matches label words against a pattern with at most one `*` (one to five words).
fn pattern_matches(pattern: &[String], words: &[&str]) -> bool {
    match pattern.iter().position(|p| p == "*") {
        None => {
            pattern.len() == words.len()
                && pattern.iter().zip(words).all(|(p, w)| word_matches(p, w))
        }
        Some(star) => {
            let (pre, post) = (&pattern[..star], &pattern[star + 1..]);
            let fixed = pre.len() + post.len();
            if words.len() <= fixed || words.len() - fixed > 5 {
                return false;
            }
            let tail = &words[words.len() - post.len()..];
            pre.iter().zip(words).all(|(p, w)| word_matches(p, w))
                && post.iter().zip(tail).all(|(p, w)| word_matches(p, w))
        }
    }
}

/// Furniture phrases as word sequences, indexed by their first word; phrases that are
/// a lone symbol (`©`) are matched as characters.
struct Phrases {
    by_first: HashMap<String, Vec<(FurnitureKind, Vec<String>)>>,
    symbols: Vec<(FurnitureKind, char)>,
}

fn phrase_words(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

fn phrases() -> &'static Phrases {
    static P: OnceLock<Phrases> = OnceLock::new();
    P.get_or_init(|| {
        let mut p = Phrases {
            by_first: HashMap::new(),
            symbols: Vec::new(),
        };
        for (k, phrase) in parse_tsv(LINES)
            .into_iter()
            .filter(|(_, p)| !p.ends_with(':'))
        {
            let words = phrase_words(&phrase);
            match words.first() {
                Some(first) => p
                    .by_first
                    .entry(first.clone())
                    .or_default()
                    .push((k, words)),
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
        c.is_whitespace()
            || matches!(
                c,
                ':' | '»'
                    | '›'
                    | '>'
                    | '…'
                    | '|'
                    | '-'
                    | '–'
                    | '—'
                    | '•'
                    | '·'
                    | '*'
                    | '.'
                    | '#'
            )
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
    let l = labels();
    let norm = normalise_label(line);
    if let Some(k) = l.exact.get(&norm) {
        return Some(*k);
    }
    let words: Vec<&str> = norm.split_whitespace().collect();
    l.patterns
        .iter()
        .find(|(_, p)| pattern_matches(p, &words))
        .map(|(k, _)| *k)
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
    p.symbols
        .iter()
        .find(|(_, c)| line.contains(*c))
        .map(|(k, _)| *k)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum DateWord {
    Month(u32),
    Weekday,
    Filler,
}

fn date_words() -> &'static HashMap<String, DateWord> {
    static D: OnceLock<HashMap<String, DateWord>> = OnceLock::new();
    D.get_or_init(|| {
        DATE_WORDS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut f = l.split('\t').map(str::trim);
                let (k, w) = (f.next()?, f.next()?);
                let kind = match k {
                    "month" => DateWord::Month(f.next()?.parse().ok()?),
                    "weekday" => DateWord::Weekday,
                    "filler" => DateWord::Filler,
                    _ => return None,
                };
                Some((w.to_lowercase(), kind))
            })
            .collect()
    })
}

/// A numeric date: `2025-07-08`, `08/07/2025`, `8.7.25`, with an optional `T…` time.
fn numeric_date(w: &str) -> bool {
    let w = w.split_once('t').map_or(w, |(d, _)| d);
    let parts: Vec<&str> = w.split(['-', '/', '.']).collect();
    if parts.len() != 3
        || !parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return false;
    }
    let num = |p: &str| p.parse::<u32>().unwrap_or(0);
    let day_month = |p: &str| p.len() <= 2 && (1..=31).contains(&num(p));
    let year = |p: &str| p.len() == 4 && (1900..=2100).contains(&num(p));
    (year(parts[0]) && day_month(parts[1]) && day_month(parts[2]))
        || (day_month(parts[0]) && day_month(parts[1]) && (year(parts[2]) || parts[2].len() == 2))
}

/// A clock time: `10:41`, `10:41:07`, `10h41`, `10:41am`.
fn clock(w: &str) -> bool {
    let w = w.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
    let mut parts = w.split([':', 'h']);
    let h = parts.next().unwrap_or("");
    (1..=2).contains(&h.len())
        && h.bytes().all(|b| b.is_ascii_digit())
        && parts.clone().count() >= 1
        && parts.all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// A day or year number, possibly ordinal (`22nd`, `1er`, `8.`).
fn day_or_year(w: &str) -> bool {
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &w[digits..];
    (1..=4).contains(&digits)
        && (rest.is_empty() || matches!(rest, "st" | "nd" | "rd" | "th" | "er" | "o" | "º"))
}

/// The parts of a date-only line: month number, day/year numbers, numeric dates.
struct DateParts<'a> {
    month: Option<u32>,
    numbers: Vec<u32>,
    numeric: Option<&'a str>,
}

fn date_parts(lower: &str) -> Option<DateParts<'_>> {
    let toks: Vec<&str> = lower
        .split(|c: char| {
            c.is_whitespace() || matches!(c, ',' | '|' | '·' | '•' | '–' | '—' | '(' | ')' | '@')
        })
        .map(|w| w.trim_end_matches(['.', ':']))
        .filter(|w| !w.is_empty() && *w != "-")
        .collect();
    if toks.is_empty() || toks.len() > 12 {
        return None;
    }
    let dw = date_words();
    let mut p = DateParts {
        month: None,
        numbers: Vec::new(),
        numeric: None,
    };
    for w in toks {
        match dw.get(w) {
            Some(DateWord::Month(m)) => {
                p.month.get_or_insert(*m);
            }
            Some(_) => {}
            None if numeric_date(w) => {
                p.numeric.get_or_insert(w);
            }
            None if day_or_year(w) => {
                let digits = w.bytes().take_while(u8::is_ascii_digit).count();
                p.numbers.push(w[..digits].parse().unwrap_or(0));
            }
            None if clock(w) => {}
            None => return None,
        }
    }
    (p.numeric.is_some() || (p.month.is_some() && !p.numbers.is_empty())).then_some(p)
}

/// A line that is only a date or date-time (`Updated March 3, 2025 at 10:41 am`,
/// `Mardi 8 juillet 2025`, `2025-07-08 10:00`): page furniture, never body text.
pub(crate) fn date_line(line: &str) -> bool {
    date_parts(&line.to_lowercase()).is_some()
}

/// The calendar date (`YYYY-MM-DD`) of a date-only line with a year: `March 3, 2025`,
/// `3 mars 2025`, `2025-03-03`, `03/28/2025`. Numeric dates whose day and month could be
/// swapped (`03/04/2025`) give nothing.
pub(crate) fn line_date(line: &str) -> Option<String> {
    let lower = line.to_lowercase();
    let p = date_parts(&lower)?;
    let (y, m, d) = if let Some(n) = p.numeric {
        let n = n.split_once('t').map_or(n, |(d, _)| d);
        let v: Vec<u32> = n
            .split(['-', '/', '.'])
            .map(|x| x.parse().unwrap_or(0))
            .collect();
        match v[..] {
            [y, m, d] if y >= 1900 => (y, m, d),
            [a, b, y] if y >= 1900 && a > 12 => (y, b, a),
            [a, b, y] if y >= 1900 && b > 12 => (y, a, b),
            _ => return None,
        }
    } else {
        let y = *p.numbers.iter().find(|&&n| (1900..=2100).contains(&n))?;
        let d = *p.numbers.iter().find(|&&n| (1..=31).contains(&n))?;
        (y, p.month?, d)
    };
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// A dated link line (`Storm hits coast - 3 March 2025`, `12/03/2025 | Storm hits
/// coast`, `Is it over? 16 February 2026`): the date and the headline. The date is set
/// off by a dash, bar or dot, or follows a headline's final `?`/`!`/`.`.
pub(crate) fn dated_item(line: &str) -> Option<(String, String)> {
    const SEPS: &[&str] = &["-", "–", "—", "|", "·", "•"];
    let words: Vec<&str> = line.split_whitespace().collect();
    let n = words.len();
    if !(4..=40).contains(&n) {
        return None;
    }
    let headline = |ws: &[&str]| -> Option<String> {
        let ws: Vec<&str> = ws.iter().copied().filter(|w| !SEPS.contains(w)).collect();
        (ws.len() >= 2).then(|| ws.join(" "))
    };
    // Date at the end.
    for k in (2..=6).rev() {
        if n < k + 2 {
            continue;
        }
        let (head, date) = words.split_at(n - k);
        if SEPS.contains(&date[0]) {
            continue;
        }
        let set_off = head
            .last()
            .is_some_and(|w| SEPS.contains(w) || w.ends_with(['?', '!', '.']));
        let date = date.join(" ");
        if set_off && date_line(&date) {
            return Some((date, headline(head)?));
        }
    }
    // Date at the start, then a separator.
    let sep = words.iter().position(|w| SEPS.contains(w))?;
    if (1..=6).contains(&sep) {
        let date = words[..sep].join(" ");
        if date_line(&date) {
            return Some((date, headline(&words[sep + 1..])?));
        }
    }
    None
}

/// Credit labels (`Photo:`, `Credit:`): the lexicon phrases of `furniture_lines.tsv`
/// that end in a colon, as words.
fn credit_labels() -> &'static Vec<Vec<String>> {
    static C: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    C.get_or_init(|| {
        parse_tsv(LINES)
            .into_iter()
            .filter(|(_, p)| p.ends_with(':'))
            .map(|(_, p)| phrase_words(&p))
            .collect()
    })
}

/// A photo caption or credit: a line of at most 40 words that starts or ends with a
/// credit label and one to six words (`… on the quay. Photo: Jane Doe`, `(Photo credit:
/// Jane Doe)`, `Image: Example Media`).
pub(crate) fn credit_line(line: &str) -> bool {
    // French typography sets a space before the colon (`Photo : BSS`).
    let line = line.replace(" :", ":");
    let raw: Vec<&str> = line.split_whitespace().collect();
    if raw.len() > 40 {
        return false;
    }
    let labels = credit_labels();
    // Every position where a word ends in ':' may close a credit label.
    for (i, w) in raw.iter().enumerate() {
        if !w.ends_with(':') {
            continue;
        }
        let tail = raw.len() - i - 1;
        if !(1..=6).contains(&tail) {
            continue;
        }
        for label in labels {
            let n = label.len();
            if i + 1 >= n && phrase_words(&raw[i + 1 - n..=i].join(" ")) == *label {
                return true;
            }
        }
    }
    false
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
    let text = rest.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '|' | '-' | '–' | '—' | ':')
    });
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
    let names = byline_names(strip_byline_prefix(t)?);
    (!names.is_empty()).then_some(names)
}

/// The words of `data/byline_words.tsv`, as matched: each prefix with the space after
/// it ("by "), each word joiner between spaces (" and "), a symbol joiner bare ("&").
struct BylineWords {
    prefixes: Vec<String>,
    joiners: Vec<String>,
    marks: Vec<String>,
}

fn byline_words() -> &'static BylineWords {
    static W: OnceLock<BylineWords> = OnceLock::new();
    W.get_or_init(|| {
        let mut w = BylineWords {
            prefixes: Vec::new(),
            joiners: Vec::new(),
            marks: Vec::new(),
        };
        for line in BYLINE_WORDS.lines().filter(|l| !l.starts_with('#')) {
            match line.split_once('\t') {
                Some(("prefix", p)) => w.prefixes.push(format!("{} ", p.trim())),
                Some(("joiner", j)) if j.trim().chars().all(char::is_alphabetic) => {
                    w.joiners.push(format!(" {} ", j.trim()))
                }
                Some(("joiner", j)) => w.joiners.push(j.trim().to_string()),
                Some(("mark", m)) => w.marks.push(m.trim().to_ascii_lowercase()),
                _ => {}
            }
        }
        w
    })
}

/// Whether a word of a `class`/`id` attribute names a byline element (`author`,
/// `byline`: the `mark` lines of `data/byline_words.tsv`).
pub(crate) fn is_byline_mark(word: &str) -> bool {
    byline_words().marks.iter().any(|m| m == word)
}

/// The text after a byline prefix (`By `, `Par `, `Written by `…), if the line has one.
pub(crate) fn strip_byline_prefix(t: &str) -> Option<&str> {
    // The prefixes are ASCII: compared case-blind in place (this runs on every text
    // node of a page until a byline is found; a lowercase copy each was a cost).
    let prefix = byline_words().prefixes.iter().find(|p| {
        t.as_bytes()
            .get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
    })?;
    t.get(prefix.len()..)
}

/// The person names of a byline without its prefix: `Jane Doe and John Roe, The Paper`
/// → both names; `A, B and C` → three; `Jane Doe, Reuters | 8 July 2025` → Jane Doe.
/// A comma after a pair joined by "and" (or after a full name, when what follows is a
/// single word or not capitalised) introduces the outlet or the role, not another name.
pub(crate) fn byline_names(rest: &str) -> Vec<String> {
    // Cut trailing date or role ("By Jane Doe, Reuters | 8 July 2025").
    let rest = rest
        .split(['|', '•', '·', '\u{2014}'])
        .next()
        .unwrap_or(rest)
        .trim();
    let conj = &byline_words().joiners;
    let has_conj = |p: &str| conj.iter().any(|c| p.contains(c));
    let parts: Vec<&str> = rest.split(',').map(str::trim).collect();
    let caps = |p: &str| {
        p.split_whitespace()
            .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
    };
    let listed = match parts.as_slice() {
        [] | [_] => parts.clone(),
        // "A and B, The Paper": the pair is the byline, the rest its outlet.
        [first, ..] if has_conj(first) => vec![*first],
        // "A, B and C": a list of names.
        [.., last] if has_conj(last) => parts.clone(),
        // "A, B": names only when every part is a full name (two or more words).
        _ if parts
            .iter()
            .all(|p| caps(p) && p.split_whitespace().count() >= 2) =>
        {
            parts.clone()
        }
        [first, ..] => vec![*first],
    };
    let mut names = Vec::new();
    for part in listed {
        let mut pieces = vec![part];
        for c in conj.iter().map(String::as_str) {
            pieces = pieces.into_iter().flat_map(|p| p.split(c)).collect();
        }
        for p in pieces {
            let p = p.trim();
            if !p.is_empty() && caps(p) && p.split_whitespace().count() <= 4 {
                names.push(p.to_string());
            }
        }
    }
    names
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
        assert_eq!(
            (k, l.as_str(), item.as_str()),
            (FurnitureKind::Related, "Read also", "Markets fall again")
        );
    }

    #[test]
    fn time_items() {
        assert_eq!(
            time_item("- 17:20 Hakimi ready to face Mbappé"),
            Some(("17:20".into(), "Hakimi ready to face Mbappé".into()))
        );
        assert_eq!(
            time_item("9:05 pm | Storm hits coast").map(|x| x.0),
            Some("9:05 pm".into())
        );
        assert_eq!(
            time_item("17h20 Le match"),
            Some(("17h20".into(), "Le match".into()))
        );
        assert_eq!(time_item("2025 was a year"), None);
        assert_eq!(time_item("25:99 nope nope"), None);
        assert_eq!(time_item("1.5 million people fled"), None);
    }

    #[test]
    fn label_patterns() {
        assert_eq!(label_kind("12 Comments"), Some(FurnitureKind::Comments));
        assert_eq!(
            label_kind("Jane Q. Reader says:"),
            Some(FurnitureKind::Comments)
        );
        assert_eq!(label_kind("Everyone in the whole old town says"), None);
        assert_eq!(label_kind("says"), None);
        assert_eq!(label_kind("Many comments"), None);
    }

    #[test]
    fn dated_items() {
        assert_eq!(
            dated_item("Ferry strike ends after three days - 28 January 2026"),
            Some((
                "28 January 2026".into(),
                "Ferry strike ends after three days".into()
            ))
        );
        assert_eq!(
            dated_item("Will the ferry run again? 3 Feb 2026").map(|x| x.0),
            Some("3 Feb 2026".into())
        );
        assert_eq!(
            dated_item("2026-01-28 | Ferry strike ends").map(|x| x.1),
            Some("Ferry strike ends".into())
        );
        assert_eq!(dated_item("Prices fell sharply in March 2025"), None);
        assert_eq!(dated_item("The meeting is on March 3, 2025"), None);
    }

    #[test]
    fn credit_lines() {
        assert!(credit_line(
            "Boats moored in the old harbour at dusk. Photo: Jane Doe"
        ));
        assert!(credit_line("The new quay (Photo credit: Example Studio)"));
        assert!(credit_line("Credit: Example Media"));
        assert!(!credit_line("Credit: the bank raised its rates twice this year and may do so again before the end of it"));
        assert!(!credit_line(
            "Credit cards are the most common way to pay online."
        ));
    }

    #[test]
    fn line_dates() {
        assert_eq!(
            line_date("Updated March 3, 2025 at 10:41 am").as_deref(),
            Some("2025-03-03")
        );
        assert_eq!(
            line_date("mardi 8 juillet 2025").as_deref(),
            Some("2025-07-08")
        );
        assert_eq!(
            line_date("Posted on 22nd Sept 2024").as_deref(),
            Some("2024-09-22")
        );
        assert_eq!(line_date("2025-07-08").as_deref(), Some("2025-07-08"));
        assert_eq!(line_date("28/03/2025").as_deref(), Some("2025-03-28"));
        assert_eq!(line_date("03/28/2025").as_deref(), Some("2025-03-28"));
        assert_eq!(line_date("03/04/2025"), None);
        assert_eq!(line_date("March 3"), None);
        assert_eq!(line_date("Sunday lunch at 12:30"), None);
    }

    #[test]
    fn date_lines() {
        for l in [
            "Updated March 3, 2025 at 10:41 am",
            "Tuesday, February 11, 2025",
            "mardi 8 juillet 2025",
            "2025-07-08",
            "08/07/2025 10:00",
            "July 14, 2015 at 4:30 pm",
            "Posted on 22nd March 2024",
        ] {
            assert!(date_line(l), "{l}");
        }
        for l in [
            "713-429-4311",
            "2025-13-45",
            "March",
            "May I help you",
            "2025",
            "Sunday lunch at 12:30",
            "In March 2025 prices rose",
            "10:41",
        ] {
            assert!(!date_line(l), "{l}");
        }
    }

    #[test]
    fn lines_and_bylines() {
        assert_eq!(line_kind("Share on Facebook"), Some(FurnitureKind::Share));
        assert_eq!(
            line_kind("© 2025 Example Media. All rights reserved."),
            Some(FurnitureKind::Footer)
        );
        assert_eq!(line_kind("The minister said the talks would resume."), None);
        assert_eq!(
            byline("By Jane Doe and John Smith"),
            Some(vec!["Jane Doe".into(), "John Smith".into()])
        );
        assert_eq!(byline("By the time we arrived it was over"), None);
    }
}
