//! The embedded lexicons (`crates/facts/data/*.tsv`), parsed once on first use.

use std::collections::HashMap;
use std::sync::OnceLock;

/// One lexicon file: category → (form → value).
#[derive(Debug, Default)]
pub struct Lexicon {
    by_cat: HashMap<&'static str, HashMap<&'static str, &'static str>>,
}

impl Lexicon {
    fn parse(src: &'static str) -> Self {
        let mut by_cat: HashMap<&'static str, HashMap<&'static str, &'static str>> = HashMap::new();
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
