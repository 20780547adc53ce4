//! The embedded lexicons (`crates/facts/data/*.tsv`), parsed once on first use.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// A small, fast, non-cryptographic hasher for the lexicon maps (keys are short
/// words from our own data files; no untrusted key sets, so no DoS concern).
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut a = [0u8; 8];
            a.copy_from_slice(c);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(a)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ b as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
        self.0 = h;
    }
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// HashMap / HashSet with the fast hasher.
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
pub type FastSet<K> = std::collections::HashSet<K, BuildHasherDefault<FastHasher>>;

/// One lexicon file: category → (form → value).
#[derive(Debug, Default)]
pub struct Lexicon {
    by_cat: FastMap<&'static str, FastMap<&'static str, &'static str>>,
}

impl Lexicon {
    fn parse(src: &'static str) -> Self {
        let mut by_cat: FastMap<&'static str, FastMap<&'static str, &'static str>> = FastMap::default();
        for line in src.lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut f = line.split('\t');
            let (Some(cat), Some(form)) = (f.next(), f.next()) else { continue };
            let value = f.next().unwrap_or("").trim();
            by_cat.entry(cat.trim()).or_default().insert(form.trim(), value);
        }
        Lexicon { by_cat }
    }

    pub fn get(&self, cat: &str, form: &str) -> Option<&'static str> {
        self.by_cat.get(cat)?.get(form).copied()
    }

    pub fn has(&self, cat: &str, form: &str) -> bool {
        self.get(cat, form).is_some()
    }

    /// Every (form, value) of a category.
    pub fn entries(&self, cat: &str) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        self.by_cat.get(cat).into_iter().flat_map(|m| m.iter().map(|(k, v)| (*k, *v)))
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
