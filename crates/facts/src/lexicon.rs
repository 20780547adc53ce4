//! The embedded lexicons (`crates/facts/data/*.tsv`), parsed once on first use.

use std::borrow::Borrow;
use std::collections::{HashMap, HashSet};
use std::hash::Hash;
use std::sync::OnceLock;

/// The hasher of the lexicon maps: rustc-hash's Fx (keys are short words from our own
/// data files; no untrusted key sets, so no DoS concern).
type FastHasher = rustc_hash::FxBuildHasher;

/// HashMap with the fast hasher.
pub type FastMap<K, V> = HashMap<K, V, FastHasher>;

/// A HashSet of words with the fast hasher and a [`WordFilter`] in front of
/// `contains` (most text words are in no such set). Reads go through `Deref`; only
/// `insert` and `extend` add, so the filter always covers the set.
#[derive(Debug, Clone)]
pub struct FastSet<K> {
    set: HashSet<K, FastHasher>,
    filter: WordFilter,
}

impl<K> Default for FastSet<K> {
    fn default() -> Self {
        FastSet {
            set: HashSet::default(),
            filter: WordFilter::default(),
        }
    }
}

impl<K: Hash + Eq + AsRef<str>> FastSet<K> {
    pub fn insert(&mut self, k: K) -> bool {
        self.filter.insert(k.as_ref());
        self.set.insert(k)
    }

    #[inline]
    pub fn contains<Q>(&self, q: &Q) -> bool
    where
        K: Borrow<Q>,
        Q: Hash + Eq + AsRef<str> + ?Sized,
    {
        self.filter.may_contain(q.as_ref()) && self.set.contains(q)
    }
}

impl<K: Hash + Eq + AsRef<str>> Extend<K> for FastSet<K> {
    fn extend<I: IntoIterator<Item = K>>(&mut self, iter: I) {
        for k in iter {
            self.insert(k);
        }
    }
}

impl<K: Hash + Eq + AsRef<str>> FromIterator<K> for FastSet<K> {
    fn from_iter<I: IntoIterator<Item = K>>(iter: I) -> Self {
        let mut s = FastSet::default();
        s.extend(iter);
        s
    }
}

impl<K> std::ops::Deref for FastSet<K> {
    type Target = HashSet<K, FastHasher>;
    fn deref(&self) -> &Self::Target {
        &self.set
    }
}

/// A 4096-bit filter over (first two bytes, last byte, length) of a word set: when it says
/// no, the word is not in the set, without hashing it. Most text words are in no
/// lexicon, so most lookups end here.
#[derive(Clone)]
pub struct WordFilter {
    bits: [u64; 64],
}

impl Default for WordFilter {
    fn default() -> Self {
        WordFilter { bits: [0; 64] }
    }
}

impl std::fmt::Debug for WordFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WordFilter")
    }
}

impl WordFilter {
    #[inline(always)]
    fn slot(w: &[u8]) -> usize {
        let (Some(&a), Some(&z)) = (w.first(), w.last()) else {
            return 0;
        };
        let b = w.get(1).copied().unwrap_or(0);
        let x =
            (a as u64) | ((b as u64) << 8) | ((z as u64) << 16) | ((w.len().min(255) as u64) << 24);
        (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 52) as usize
    }

    pub fn insert(&mut self, w: &str) {
        let s = Self::slot(w.as_bytes());
        self.bits[s / 64] |= 1 << (s % 64);
    }

    /// False only when `w` was never inserted.
    #[inline(always)]
    pub fn may_contain(&self, w: &str) -> bool {
        let s = Self::slot(w.as_bytes());
        self.bits[s / 64] & (1 << (s % 64)) != 0
    }
}

/// One lexicon file: category → (form → value).
#[derive(Debug, Default)]
pub struct Lexicon {
    by_cat: FastMap<&'static str, FastMap<&'static str, &'static str>>,
    /// form → its (category, value) pairs: a lookup is one hash of the form (most
    /// lookups miss, and most forms have one category).
    by_form: FastMap<&'static str, Vec<(&'static str, &'static str)>>,
    filter: WordFilter,
}

impl Lexicon {
    fn parse(src: &'static str) -> Self {
        let mut by_cat: FastMap<&'static str, FastMap<&'static str, &'static str>> =
            FastMap::default();
        for line in src.lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut f = line.split('\t');
            let (Some(cat), Some(form)) = (f.next(), f.next()) else {
                continue;
            };
            let value = f.next().unwrap_or("").trim();
            by_cat
                .entry(cat.trim())
                .or_default()
                .insert(form.trim(), value);
        }
        let mut by_form: FastMap<&'static str, Vec<(&'static str, &'static str)>> =
            FastMap::default();
        let mut filter = WordFilter::default();
        for (cat, forms) in &by_cat {
            for (form, value) in forms {
                by_form.entry(*form).or_default().push((*cat, *value));
                filter.insert(form);
            }
        }
        Lexicon {
            by_cat,
            by_form,
            filter,
        }
    }

    #[inline]
    pub fn get(&self, cat: &str, form: &str) -> Option<&'static str> {
        if !self.filter.may_contain(form) {
            return None;
        }
        self.by_form
            .get(form)?
            .iter()
            .find(|(c, _)| *c == cat)
            .map(|(_, v)| *v)
    }

    pub fn has(&self, cat: &str, form: &str) -> bool {
        self.get(cat, form).is_some()
    }

    /// Every (form, value) of a category.
    pub fn entries(&self, cat: &str) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        self.by_cat
            .get(cat)
            .into_iter()
            .flat_map(|m| m.iter().map(|(k, v)| (*k, *v)))
    }
}

pub fn time() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| Lexicon::parse(include_str!("../data/time_lexicon.tsv")))
}

pub fn numbers() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| Lexicon::parse(include_str!("../data/numbers.tsv")))
}

pub fn figures() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| Lexicon::parse(include_str!("../data/figures.tsv")))
}

pub fn event_context() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| Lexicon::parse(include_str!("../data/event_context.tsv")))
}
