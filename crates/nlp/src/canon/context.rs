//! The article as the merging rules read it: words, tagger observations, sentence
//! starts, and small tests on words.

use crate::lexicon::{GazKind, Lexicons};
use crate::tagger::{gaz_bit, Obs};
use newsgraph_model::{Article, Span};

pub(super) fn is_possessive(w: &str) -> bool {
    matches!(w, "'s" | "’s" | "'" | "’")
}

pub(super) fn has(o: &Obs, k: GazKind) -> bool {
    o.gaz & (gaz_bit(k, false) | gaz_bit(k, true)) != 0
}

pub(super) fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

pub(super) fn is_alpha_lower(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_lowercase)
        && w.chars().all(|c| c.is_alphabetic() || c == '-')
}

pub(super) struct Ctx<'a> {
    pub(super) article: &'a Article,
    pub(super) words: Vec<&'a str>,
    pub(super) obs: Vec<Obs>,
    pub(super) lex: &'static Lexicons,
    /// The model's gazetteer (companies, parties, given names).
    pub(super) gaz: &'a crate::gazetteer::Gazetteer,
    /// Token index → sentence start token index.
    pub(super) sent_start: Vec<usize>,
}

impl<'a> Ctx<'a> {
    pub(super) fn text(&self, s: usize, e: usize) -> &'a str {
        let toks = &self.article.tokens;
        match (toks.get(s), e.checked_sub(1).and_then(|i| toks.get(i))) {
            (Some(a), Some(b)) if a.start_byte <= b.end_byte => self
                .article
                .text
                .get(a.start_byte..b.end_byte)
                .unwrap_or(""),
            _ => "",
        }
    }

    pub(super) fn span(&self, s: usize, e: usize) -> Span {
        let toks = &self.article.tokens;
        match (toks.get(s), e.checked_sub(1).and_then(|i| toks.get(i))) {
            (Some(a), Some(b)) => Span::new(a.span.start, b.span.end.max(a.span.start)),
            _ => Span::default(),
        }
    }

    /// Extent of the gazetteer phrase of kind `k` starting at `i` (B bit then I bits).
    pub(super) fn gaz_phrase(&self, i: usize, k: GazKind) -> Option<usize> {
        let b = gaz_bit(k, false);
        let inside = gaz_bit(k, true);
        if self.obs.get(i)?.gaz & b == 0 {
            return None;
        }
        let mut e = i + 1;
        while e < self.obs.len() && self.obs[e].gaz & inside != 0 {
            e += 1;
        }
        Some(e)
    }

    /// Whether tokens `[s, e)` are exactly one gazetteer phrase of kind `k`.
    pub(super) fn exactly(&self, s: usize, e: usize, k: GazKind) -> bool {
        let (b, inside) = (gaz_bit(k, false), gaz_bit(k, true));
        e > s
            && self.obs[s].gaz & b != 0
            && self.obs[s + 1..e].iter().all(|o| o.gaz & inside != 0)
            && self.obs.get(e).is_none_or(|o| o.gaz & inside == 0)
    }

    /// A capitalised proper-name-looking match: uppercase first letter; short single tokens
    /// must be all caps ("US", not "Us"/"us").
    pub(super) fn proper(&self, s: usize, e: usize) -> bool {
        let w = self.words[s];
        if !starts_upper(w) {
            return false;
        }
        if e == s + 1 && w.chars().count() <= 3 && w.chars().any(char::is_alphabetic) {
            return w
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
        }
        true
    }

    /// Whether tokens `a` and `b` are in one sentence.
    pub(super) fn same_sentence(&self, a: usize, b: usize) -> bool {
        self.sent_start[a] == self.sent_start[b]
    }
}

/// Whether no mention has taken a token of `[s, e)` yet.
pub(super) fn free(taken: &[bool], s: usize, e: usize) -> bool {
    taken[s..e].iter().all(|t| !t)
}
