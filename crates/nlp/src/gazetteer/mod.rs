//! The model-borne gazetteer: phrase hashes → kinds (companies, tickers, parties, news
//! outlets, legal forms, given names by gender, surnames), built by `newsgraph train ner`
//! from the open lexicons in `../shared/data/lexicons/` ([`build`]) and saved inside the
//! model file, so the shipped binary carries the features it was trained with and no
//! lexicon text.
//!
//! Keys are hashes of the phrase's tokens (our tokenizer), lowercased as the tagger
//! lowercases words, joined by one space. Lookups hash the same way over token n-grams
//! up to [`Gazetteer::max_words`].

pub mod build;

use crate::lexicon::GazKind;
use rustc_hash::FxHashMap;

/// The kinds the model gazetteer holds, in bit order.
pub const MODEL_GAZ_KINDS: [GazKind; 9] = [
    GazKind::Company,
    GazKind::CompanyHead,
    GazKind::Ticker,
    GazKind::Party,
    GazKind::Publisher,
    GazKind::LegalForm,
    GazKind::GivenMale,
    GazKind::GivenFemale,
    GazKind::Surname,
];

/// Bit of a kind in a [`Gazetteer`] entry (0 for kinds it does not hold).
pub fn kind_bit(k: GazKind) -> u32 {
    MODEL_GAZ_KINDS
        .iter()
        .position(|g| *g == k)
        .map_or(0, |i| 1 << i)
}

/// Phrase hashes → kind bits, with where they came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Gazetteer {
    /// Fx-hashed: the keys are hashes already, and the tagger looks up every n-gram.
    map: FxHashMap<u64, u32>,
    max_words: usize,
    /// Sources and counts, one line each (printed by `train ner`, kept in the model).
    pub provenance: String,
}

const MAGIC: &[u8; 4] = b"GAZ1";

/// Hash of a phrase given as lowercased tokens.
pub fn phrase_hash<'a>(lower_tokens: impl IntoIterator<Item = &'a str>) -> u64 {
    let mut h = PhraseHash::new();
    for t in lower_tokens {
        h.push(t);
    }
    h.get()
}

/// [`phrase_hash`] built a token at a time: after each `push`, `get` is the hash of the
/// tokens so far, so every n-gram starting at one word costs one pass over its words.
#[derive(Debug, Clone, Copy)]
pub struct PhraseHash {
    h: u64,
    empty: bool,
}

impl Default for PhraseHash {
    fn default() -> Self {
        Self::new()
    }
}

impl PhraseHash {
    pub fn new() -> Self {
        PhraseHash {
            h: 0xcbf2_9ce4_8422_2325,
            empty: true,
        }
    }

    /// Appends a token (joined to the previous one by a space).
    pub fn push(&mut self, token: &str) {
        if !self.empty {
            self.h = (self.h ^ 0x20).wrapping_mul(0x0100_0000_01b3);
        }
        self.empty = false;
        for b in token.bytes() {
            self.h = (self.h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
    }

    pub fn get(&self) -> u64 {
        self.h
    }
}

impl Gazetteer {
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Longest phrase, in tokens.
    pub fn max_words(&self) -> usize {
        self.max_words
    }

    /// Adds a phrase (lowercased tokens) of kind `k`.
    pub fn insert(&mut self, lower_tokens: &[String], k: GazKind) {
        if lower_tokens.is_empty() || kind_bit(k) == 0 {
            return;
        }
        let h = phrase_hash(lower_tokens.iter().map(String::as_str));
        *self.map.entry(h).or_default() |= kind_bit(k);
        self.max_words = self.max_words.max(lower_tokens.len());
    }

    /// Kind bits of a phrase hash (0 when absent).
    #[inline]
    pub fn bits(&self, h: u64) -> u32 {
        self.map.get(&h).copied().unwrap_or(0)
    }

    /// Whether a phrase (any text; tokenized and lowercased here) is of kind `k`.
    pub fn has(&self, phrase: &str, k: GazKind) -> bool {
        let lex = crate::Lexicons::get();
        let toks: Vec<String> = crate::tokenize(phrase, lex)
            .into_iter()
            .filter_map(|r| phrase.get(r).map(lower))
            .collect();
        !toks.is_empty()
            && self.bits(phrase_hash(toks.iter().map(String::as_str))) & kind_bit(k) != 0
    }

    /// Appends the serialised gazetteer: magic, max words, entry count, entries (hash,
    /// bits) sorted by hash, provenance length and UTF-8 text.
    pub fn write_to(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(self.max_words as u32).to_le_bytes());
        out.extend_from_slice(&(self.map.len() as u32).to_le_bytes());
        let mut entries: Vec<(&u64, &u32)> = self.map.iter().collect();
        entries.sort_unstable();
        for (h, b) in entries {
            out.extend_from_slice(&h.to_le_bytes());
            out.extend_from_slice(&b.to_le_bytes());
        }
        out.extend_from_slice(&(self.provenance.len() as u32).to_le_bytes());
        out.extend_from_slice(self.provenance.as_bytes());
    }

    /// Parses what [`write_to`](Self::write_to) wrote; `None` when malformed. Returns the
    /// gazetteer and the bytes read.
    pub fn read_from(b: &[u8]) -> Option<(Gazetteer, usize)> {
        let u32_at = |o: usize| -> Option<u32> {
            Some(u32::from_le_bytes(b.get(o..o + 4)?.try_into().ok()?))
        };
        if b.get(..4)? != MAGIC {
            return None;
        }
        let max_words = u32_at(4)? as usize;
        let n = u32_at(8)? as usize;
        if max_words > 64 || n > b.len() / 12 {
            return None;
        }
        let mut map = FxHashMap::with_capacity_and_hasher(n, Default::default());
        let mut o = 12;
        for _ in 0..n {
            let h = u64::from_le_bytes(b.get(o..o + 8)?.try_into().ok()?);
            let bits = u32_at(o + 8)?;
            map.insert(h, bits);
            o += 12;
        }
        let plen = u32_at(o)? as usize;
        o += 4;
        let provenance = std::str::from_utf8(b.get(o..o + plen)?).ok()?.to_string();
        Some((
            Gazetteer {
                map,
                max_words,
                provenance,
            },
            o + plen,
        ))
    }
}

/// Lowercases like the tagger (typographic apostrophes as ASCII).
pub(crate) fn lower(w: &str) -> String {
    let mut s = String::with_capacity(w.len());
    for c in w.chars() {
        match c {
            '’' | '‘' => s.push('\''),
            c => s.extend(c.to_lowercase()),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_round_trip_through_bytes() {
        let mut g = Gazetteer::default();
        g.insert(&["general".into(), "motors".into()], GazKind::Company);
        g.insert(&["gm".into()], GazKind::Ticker);
        g.insert(&["gm".into()], GazKind::Company);
        g.insert(&["mary".into()], GazKind::GivenFemale);
        g.provenance = "test".into();
        assert!(g.has("General Motors", GazKind::Company));
        assert!(!g.has("General", GazKind::Company));
        assert!(g.has("GM", GazKind::Ticker) && g.has("GM", GazKind::Company));
        assert!(g.has("Mary", GazKind::GivenFemale) && !g.has("Mary", GazKind::GivenMale));
        let mut b = Vec::new();
        g.write_to(&mut b);
        let (back, used) = Gazetteer::read_from(&b).expect("parses");
        assert_eq!(used, b.len());
        assert_eq!(back, g);
        assert!(Gazetteer::read_from(&b[..b.len() - 1]).is_none());
        assert!(Gazetteer::read_from(b"GAZ1\xff\xff\xff\xff").is_none());
    }

    #[test]
    fn a_phrase_hashed_a_token_at_a_time_is_its_phrase_hash() {
        let toks = ["general", "motors", "co."];
        let mut h = PhraseHash::new();
        for k in 0..toks.len() {
            h.push(toks[k]);
            assert_eq!(h.get(), phrase_hash(toks[..=k].iter().copied()));
        }
        // The separator keeps "ab" apart from "a b".
        assert_ne!(phrase_hash(["ab"]), phrase_hash(["a", "b"]));
    }
}
