//! Training labels: which blocks of a page are main text, by how much of each block's
//! word sequence the gold text holds.

use std::collections::HashSet;

/// Lowercased `\w+` words (Unicode letters, digits and `_`, as Python's `re` `\w`):
/// what the extraction scorer (`newsgraph_eval::extraction`) counts, and so what the
/// training labels compare.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Share of a block's word trigrams that must be in the gold text for it to be main
/// text (a block of one or two words must appear as a whole).
const MIN_SHARE: f64 = 0.5;

/// The gold text, indexed for [`Gold::contains`].
pub struct Gold {
    trigrams: HashSet<(String, String, String)>,
    /// The gold words joined by single spaces, with a space at each end.
    joined: String,
}

impl Gold {
    pub fn new(gold: &str) -> Gold {
        let w: Vec<String> = words(gold).collect();
        let trigrams = w
            .windows(3)
            .map(|t| (t[0].clone(), t[1].clone(), t[2].clone()))
            .collect();
        Gold {
            trigrams,
            joined: format!(" {} ", w.join(" ")),
        }
    }

    /// Whether a block with this text is main text.
    pub fn contains(&self, block: &str) -> bool {
        let w: Vec<String> = words(block).collect();
        if w.is_empty() {
            return false;
        }
        if w.len() < 3 {
            return self.joined.contains(&format!(" {} ", w.join(" ")));
        }
        let hits = w
            .windows(3)
            .filter(|t| {
                self.trigrams
                    .contains(&(t[0].clone(), t[1].clone(), t[2].clone()))
            })
            .count();
        hits as f64 >= MIN_SHARE * (w.len() - 2) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_labelled_by_the_gold_words_they_share() {
        let g =
            Gold::new("The council voted on Tuesday to close the bridge. Repairs start in May.");
        assert!(g.contains("The council voted on Tuesday to close the bridge."));
        assert!(g.contains("Repairs start in May, officials said")); // 2 of its 4 trigrams
        assert!(!g.contains("Share this article on social media"));
        assert!(g.contains("Repairs"));
        assert!(!g.contains("Subscribe"));
        assert!(!g.contains(""));
    }
}
