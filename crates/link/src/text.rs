//! Words for linking: lowercase alphanumeric runs. Story terms drop stop words
//! (`data/stopwords.txt`) and short tokens; near-duplicate shingles keep every word.

use std::collections::HashSet;
use std::sync::OnceLock;

fn stopwords() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        include_str!("../data/stopwords.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// Every word of `s`, lowercased (apostrophes inside words are dropped: `don't` → `dont`).
pub fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
}

/// The words of `s` that can carry a story: no stop words, no one- or two-letter
/// tokens, no bare numbers shorter than a year; a possessive or plural `s` folded.
pub fn terms(s: &str) -> impl Iterator<Item = String> + '_ {
    words(s).filter_map(|w| {
        let n = w.chars().count();
        let numeric = w.chars().all(|c| c.is_ascii_digit());
        if n < 3 || (numeric && n != 4) || stopwords().contains(w.as_str()) {
            return None;
        }
        Some(fold_plural(w))
    })
}

/// `shootings` → `shooting`, `victims` → `victim`; leaves `news`, `bus`, `crisis`.
fn fold_plural(w: String) -> String {
    if w.len() > 4
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
    {
        let mut w = w;
        w.pop();
        return w;
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_drop_function_words_and_fold_plurals() {
        let t: Vec<String> =
            terms("The shootings in Memphis: 3 victims, 2014 — police said").collect();
        assert_eq!(t, ["shooting", "memphis", "victim", "2014", "police"]);
        let w: Vec<String> = words("Don't STOP").collect();
        assert_eq!(w, ["dont", "stop"]);
    }
}
