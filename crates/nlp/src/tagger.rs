//! The named-entity tagger: a greedy left-to-right averaged perceptron over BIO labels,
//! with hashed features and an `f32` weight table.
//!
//! Features are computed from token strings without allocation: each template mixes a
//! template id with hashes of the lowercased word, its shape, affixes, gazetteer matches
//! and the labels already predicted; the hash picks a row of the weight table
//! (`2^log2_rows` rows × `N_LABELS`) of `f32`. The model file is versioned (see [`MODEL_VERSION`]).

use crate::gazetteer::{Gazetteer, PhraseHash, MODEL_GAZ_KINDS};
use crate::lexicon::{GazKind, Lexicons};
use rustc_hash::FxHashSet;

/// Labels: `O`, then B/I for person, organisation, place.
pub const LABELS: [&str; 7] = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"];
pub const N_LABELS: usize = LABELS.len();
/// Version of the model file layout *and* of the feature set: a model trained with other
/// features is refused.
pub const MODEL_VERSION: u32 = 4;
const MAGIC: &[u8; 8] = b"NGNERMD\0";

#[inline]
fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(0x517c_c1b7_2722_0a95)
}

fn hash_bytes(b: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        h = mix(h, u64::from_le_bytes(a));
    }
    let r = chunks.remainder();
    let mut a = [0u8; 8];
    a[..r.len()].copy_from_slice(r);
    mix(mix(h, u64::from_le_bytes(a)), b.len() as u64)
}

/// Hash of a word lowercased (ASCII fast path), with ’ as '.
pub(crate) fn lower_hash(w: &str, buf: &mut String) -> u64 {
    buf.clear();
    if w.is_ascii() {
        for c in w.bytes() {
            buf.push(c.to_ascii_lowercase() as char);
        }
    } else {
        for c in w.chars() {
            match c {
                '’' | '‘' => buf.push('\''),
                c => buf.extend(c.to_lowercase()),
            }
        }
    }
    hash_bytes(buf.as_bytes())
}

/// Word shape with runs collapsed: `Trump` → `Xx`, `U.S.` → `X.X.`, `1,060` → `d,d`.
fn shape_hash(w: &str) -> u64 {
    // At most 9 classes: the trained model was built with this limit.
    crate::shape::classes(w)
        .take(9)
        .fold(0x9e37_79b9u64, |h, k| mix(h, k as u64))
}

fn affix_hashes(lower: &str) -> (u64, u64, u64) {
    let chars: Vec<char> = lower.chars().collect();
    let n = chars.len();
    let hs = |cs: &[char]| {
        let mut h = 0x1234_5678u64;
        for c in cs {
            h = mix(h, *c as u64);
        }
        h
    };
    let suf3 = hs(&chars[n.saturating_sub(3)..]);
    let suf2 = hs(&chars[n.saturating_sub(2)..]);
    let pre3 = hs(&chars[..n.min(3)]);
    (suf3, suf2, pre3)
}

/// Per-token observations the features are built from.
#[derive(Debug, Clone, Default)]
pub(crate) struct Obs {
    pub(crate) lw: u64,
    shape: u64,
    suf3: u64,
    suf2: u64,
    pre3: u64,
    /// First char uppercase.
    pub(crate) cap: bool,
    /// Bit per (gazetteer kind × begin/inside).
    pub(crate) gaz: u64,
    /// The lowercased word is seen lowercase elsewhere in the document.
    pub(crate) seen_lower: bool,
}

const GAZ_KINDS: [GazKind; 18] = [
    GazKind::Country,
    GazKind::Demonym,
    GazKind::Place,
    GazKind::Title,
    GazKind::Role,
    GazKind::OrgSuffix,
    GazKind::OrgDescriptor,
    GazKind::Group,
    GazKind::FirstName,
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

pub(crate) fn gaz_bit(k: GazKind, inside: bool) -> u64 {
    let i = GAZ_KINDS.iter().position(|g| *g == k).unwrap_or(0) as u64;
    1 << (i * 2 + inside as u64)
}

/// Computes observations for a document's tokens (all of them, so document-level
/// features see the whole text).
pub(crate) fn observe(words: &[&str], lex: &Lexicons, model_gaz: &Gazetteer) -> Vec<Obs> {
    let mut buf = String::new();
    let mut obs: Vec<Obs> = Vec::with_capacity(words.len());
    let mut lowers: Vec<String> = Vec::with_capacity(words.len());
    for w in words {
        let lw = lower_hash(w, &mut buf);
        let (suf3, suf2, pre3) = affix_hashes(&buf);
        lowers.push(buf.clone());
        obs.push(Obs {
            lw,
            shape: shape_hash(w),
            suf3,
            suf2,
            pre3,
            cap: w.chars().next().is_some_and(char::is_uppercase),
            gaz: 0,
            seen_lower: false,
        });
    }
    // Words seen starting lowercase.
    let lower_seen: FxHashSet<u64> = words
        .iter()
        .zip(&obs)
        .filter(|(w, _)| w.chars().next().is_some_and(char::is_lowercase))
        .map(|(_, o)| o.lw)
        .collect();
    for o in &mut obs {
        o.seen_lower = o.cap && lower_seen.contains(&o.lw);
    }
    // Gazetteer phrases (longest match first at each start), trying only the lengths
    // of the phrases that start with this word (a token with a space in it, which no
    // key's first word is, tries them all).
    let maxw = lex.max_phrase_words.clamp(1, 6);
    let mut key = String::new();
    let mut i = 0;
    while i < words.len() {
        let mut matched = 0;
        let longest = if lowers[i].contains(' ') {
            maxw
        } else {
            lex.max_phrase_words_from(&lowers[i]).min(maxw)
        };
        for len in (1..=longest.min(words.len() - i)).rev() {
            key.clear();
            for (k, l) in lowers[i..i + len].iter().enumerate() {
                if k > 0 {
                    key.push(' ');
                }
                key.push_str(l);
            }
            let kinds = lex.kinds_norm(&key);
            if !kinds.is_empty() {
                for k in kinds {
                    for (j, o) in obs[i..i + len].iter_mut().enumerate() {
                        o.gaz |= gaz_bit(*k, j > 0);
                    }
                }
                matched = len;
                break;
            }
        }
        i += matched.max(1);
    }
    // The model's gazetteer, matched on its own (longest match first at each start);
    // the hashes of the n-grams at a word are built in one pass over them.
    let maxw = model_gaz.max_words().min(8);
    let mut hashes = [0u64; 8];
    let mut i = 0;
    while i < words.len() && maxw > 0 {
        let mut matched = 0;
        let upto = maxw.min(words.len() - i);
        let mut ph = PhraseHash::new();
        for (k, l) in lowers[i..i + upto].iter().enumerate() {
            ph.push(l);
            hashes[k] = ph.get();
        }
        for len in (1..=upto).rev() {
            let bits = model_gaz.bits(hashes[len - 1]);
            if bits != 0 {
                for (b, k) in MODEL_GAZ_KINDS.iter().enumerate() {
                    if bits & (1 << b) != 0 {
                        for (j, o) in obs[i..i + len].iter_mut().enumerate() {
                            o.gaz |= gaz_bit(*k, j > 0);
                        }
                    }
                }
                matched = len;
                break;
            }
        }
        i += matched.max(1);
    }
    obs
}

/// Static (label-independent) feature hashes of token `i` within `[s, e)`.
fn static_features(obs: &[Obs], s: usize, e: usize, i: usize, out: &mut Vec<u64>) {
    const NONE: u64 = 0x5555;
    let at = |j: isize| -> Option<&Obs> {
        if j < s as isize || j >= e as isize {
            None
        } else {
            obs.get(j as usize)
        }
    };
    let o = &obs[i];
    let ii = i as isize;
    let lw = |j: isize| at(j).map_or(NONE, |o| o.lw);
    let sh = |j: isize| at(j).map_or(NONE, |o| o.shape);
    let gz = |j: isize| at(j).map_or(0, |o| o.gaz);
    let f = |t: u64, a: u64| mix(mix(t, a), 0x77);
    out.push(f(1, 0));
    out.push(f(2, o.lw));
    out.push(f(3, lw(ii - 1)));
    out.push(f(4, lw(ii + 1)));
    out.push(f(5, lw(ii - 2)));
    out.push(f(6, lw(ii + 2)));
    out.push(f(7, o.shape));
    out.push(f(8, sh(ii - 1)));
    out.push(f(9, sh(ii + 1)));
    out.push(f(10, o.suf3));
    out.push(f(11, o.pre3));
    out.push(f(12, o.suf2));
    out.push(f(13, mix(mix(o.shape, sh(ii - 1)), sh(ii + 1))));
    out.push(f(14, mix(lw(ii - 1), o.shape)));
    out.push(f(15, mix(o.lw, lw(ii + 1))));
    out.push(f(16, mix(lw(ii - 1), o.lw)));
    out.push(f(17, mix((i == s) as u64, o.shape)));
    out.push(f(18, mix(o.seen_lower as u64, o.shape)));
    out.push(f(19, mix(o.shape, lw(ii + 1))));
    for (t, g) in [(20u64, o.gaz), (21, gz(ii - 1)), (22, gz(ii + 1))] {
        let mut g = g;
        while g != 0 {
            let b = g.trailing_zeros() as u64;
            out.push(f(t, b));
            g &= g - 1;
        }
    }
    if o.gaz != 0 {
        out.push(f(23, mix(o.gaz, o.cap as u64)));
    }
}

/// Label-history features.
#[inline]
fn history_features(o: &Obs, p1: usize, p2: usize, out: &mut [u64; 4]) {
    out[0] = mix(mix(30, p1 as u64), 0x77);
    out[1] = mix(mix(31, (p2 * 16 + p1) as u64), 0x77);
    out[2] = mix(mix(32, mix(p1 as u64, o.lw)), 0x77);
    out[3] = mix(mix(33, mix(p1 as u64, o.shape)), 0x77);
}

/// Whether `label` may follow `prev` (I-X only after B-X or I-X).
#[inline]
pub(crate) fn allowed(prev: usize, label: usize) -> bool {
    if label == 0 || label % 2 == 1 {
        return true;
    }
    prev == label || prev == label - 1
}

/// The weight table of a trained model, stored sparse: only ~8% of the hashed rows
/// hold a non-zero weight, so the dense table (29 MB for 2^20 rows) was mostly zeros
/// that every lookup missed the cache on and every start zero-filled. The rows that
/// hold something are kept packed, in row order; a bit per row says which, and a
/// running count per 64 rows turns a row number into its packed position. Lookups
/// read the same floats in the same order as the dense table did.
#[derive(Debug, Clone)]
pub struct Weights {
    log2_rows: u32,
    /// Bit `r % 64` of word `r / 64`: row `r` is stored.
    present: Vec<u64>,
    /// Stored rows before word `i` of `present`.
    before: Vec<u32>,
    /// The stored rows, `N_LABELS` weights each.
    packed: Vec<f32>,
}

#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("not a newsgraph NER model (bad magic)")]
    Magic,
    #[error("model format version {0}, this build reads version {MODEL_VERSION}: retrain with `newsgraph train ner`")]
    Version(u32),
    #[error("model file truncated or inconsistent")]
    Truncated,
}

/// Builds [`Weights`] from non-zero weights given in increasing dense index order.
struct PackedBuilder {
    log2_rows: u32,
    present: Vec<u64>,
    packed: Vec<f32>,
    last_row: Option<usize>,
}

impl PackedBuilder {
    fn new(log2_rows: u32) -> Self {
        PackedBuilder {
            log2_rows,
            present: vec![0; (1usize << log2_rows).div_ceil(64)],
            packed: Vec::new(),
            last_row: None,
        }
    }

    /// `i` must be above every index pushed before.
    fn push(&mut self, i: usize, v: f32) {
        let row = i / N_LABELS;
        if self.last_row != Some(row) {
            self.last_row = Some(row);
            self.present[row / 64] |= 1 << (row % 64);
            self.packed.resize(self.packed.len() + N_LABELS, 0.0);
        }
        let base = self.packed.len() - N_LABELS;
        self.packed[base + i % N_LABELS] = v;
    }

    fn finish(self) -> Weights {
        let mut before = Vec::with_capacity(self.present.len());
        let mut n = 0u32;
        for w in &self.present {
            before.push(n);
            n += w.count_ones();
        }
        Weights {
            log2_rows: self.log2_rows,
            present: self.present,
            before,
            packed: self.packed,
        }
    }
}

impl Weights {
    pub fn empty(log2_rows: u32) -> Self {
        PackedBuilder::new(log2_rows).finish()
    }

    /// From a dense table of `2^log2_rows * N_LABELS` weights.
    fn from_dense(log2_rows: u32, dense: &[f32]) -> Self {
        let mut b = PackedBuilder::new(log2_rows);
        for (i, &v) in dense.iter().enumerate() {
            if v != 0.0 {
                b.push(i, v);
            }
        }
        b.finish()
    }

    fn dense_len(&self) -> usize {
        (1usize << self.log2_rows) * N_LABELS
    }

    /// The stored weights of row `r`, `None` when the row is all zeros.
    #[inline]
    fn stored_row(&self, r: usize) -> Option<&[f32]> {
        let word = *self.present.get(r / 64)?;
        let bit = 1u64 << (r % 64);
        if word & bit == 0 {
            return None;
        }
        let k = self.before[r / 64] as usize + (word & (bit - 1)).count_ones() as usize;
        self.packed.get(k * N_LABELS..(k + 1) * N_LABELS)
    }

    /// The weight at dense index `i`.
    fn at(&self, i: usize) -> f32 {
        self.stored_row(i / N_LABELS)
            .map_or(0.0, |ws| ws[i % N_LABELS])
    }

    #[inline]
    fn row(&self, h: u64) -> usize {
        (h >> 20) as usize & ((1usize << self.log2_rows) - 1)
    }

    #[inline]
    fn add_scores(&self, h: u64, scores: &mut [f32; N_LABELS]) {
        if let Some(ws) = self.stored_row(self.row(h)) {
            for (s, w) in scores.iter_mut().zip(ws) {
                *s += *w;
            }
        }
    }

    /// Serialises: magic, version, log2 rows, label count, then the dense table as
    /// little-endian `f32`s where a run of zeros is written as `0.0` followed by a `u32`
    /// run length.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&MODEL_VERSION.to_le_bytes());
        out.extend_from_slice(&self.log2_rows.to_le_bytes());
        out.extend_from_slice(&(N_LABELS as u32).to_le_bytes());
        let total = self.dense_len();
        let mut i = 0;
        while i < total {
            let v = self.at(i);
            if v == 0.0 {
                let mut n = 0u32;
                while i < total && self.at(i) == 0.0 {
                    n += 1;
                    i += 1;
                }
                out.extend_from_slice(&0f32.to_le_bytes());
                out.extend_from_slice(&n.to_le_bytes());
            } else {
                out.extend_from_slice(&v.to_le_bytes());
                i += 1;
            }
        }
        out
    }

    pub fn from_bytes(b: &[u8]) -> Result<Self, ModelError> {
        match Self::from_bytes_prefix(b)? {
            (w, used) if used == b.len() => Ok(w),
            _ => Err(ModelError::Truncated),
        }
    }

    /// Parses the weight table at the start of `b`; returns it and the bytes it took
    /// (the model file continues with its gazetteer).
    pub fn from_bytes_prefix(b: &[u8]) -> Result<(Self, usize), ModelError> {
        if b.len() < 20 || &b[..8] != MAGIC {
            return Err(ModelError::Magic);
        }
        let u32_at = |o: usize| -> u32 { u32::from_le_bytes([b[o], b[o + 1], b[o + 2], b[o + 3]]) };
        let version = u32_at(8);
        if version != MODEL_VERSION {
            return Err(ModelError::Version(version));
        }
        let log2_rows = u32_at(12);
        let nl = u32_at(16) as usize;
        if nl != N_LABELS || !(8..=24).contains(&log2_rows) {
            return Err(ModelError::Truncated);
        }
        let total = (1usize << log2_rows) * N_LABELS;
        let mut built = PackedBuilder::new(log2_rows);
        let mut i = 0usize;
        let mut o = 20;
        while o + 4 <= b.len() && i < total {
            let v = f32::from_le_bytes([b[o], b[o + 1], b[o + 2], b[o + 3]]);
            o += 4;
            if v == 0.0 {
                if o + 4 > b.len() {
                    return Err(ModelError::Truncated);
                }
                let n = u32_at(o) as usize;
                o += 4;
                if n == 0 || i + n > total {
                    return Err(ModelError::Truncated);
                }
                i += n;
            } else if v.is_finite() {
                built.push(i, v);
                i += 1;
            } else {
                return Err(ModelError::Truncated);
            }
        }
        if i != total {
            return Err(ModelError::Truncated);
        }
        Ok((built.finish(), o))
    }
}

/// Tags tokens `[s, e)` greedily; writes label indices into `labels[s..e]`.
pub(crate) fn tag_range(
    weights: &Weights,
    obs: &[Obs],
    s: usize,
    e: usize,
    labels: &mut [usize],
    feats: &mut Vec<u64>,
) {
    let mut p1 = 0usize;
    let mut p2 = 0usize;
    let mut hist = [0u64; 4];
    for i in s..e {
        feats.clear();
        static_features(obs, s, e, i, feats);
        history_features(&obs[i], p1, p2, &mut hist);
        let mut scores = [0f32; N_LABELS];
        for h in feats.iter().chain(hist.iter()) {
            weights.add_scores(*h, &mut scores);
        }
        let mut best = 0;
        let mut best_s = f32::MIN;
        for (l, sc) in scores.iter().enumerate() {
            if allowed(p1, l) && *sc > best_s {
                best_s = *sc;
                best = l;
            }
        }
        labels[i] = best;
        p2 = p1;
        p1 = best;
    }
}

/// One training sequence: observations of a document and its sentences with gold labels.
pub struct TrainDoc {
    pub(crate) obs: Vec<Obs>,
    pub(crate) sents: Vec<(usize, usize)>,
    pub(crate) gold: Vec<usize>,
}

/// Averaged perceptron trainer over `f32` weights.
pub struct Trainer {
    log2_rows: u32,
    w: Vec<f32>,
    total: Vec<f32>,
    stamp: Vec<u32>,
    t: u32,
}

impl Trainer {
    pub fn new(log2_rows: u32) -> Self {
        let n = (1usize << log2_rows) * N_LABELS;
        Trainer {
            log2_rows,
            w: vec![0.0; n],
            total: vec![0.0; n],
            stamp: vec![0; n],
            t: 0,
        }
    }

    #[inline]
    fn row(&self, h: u64) -> usize {
        ((h >> 20) as usize & ((1usize << self.log2_rows) - 1)) * N_LABELS
    }

    #[inline]
    fn bump(&mut self, idx: usize, d: f32) {
        let elapsed = (self.t - self.stamp[idx]) as f32;
        self.total[idx] += elapsed * self.w[idx];
        self.stamp[idx] = self.t;
        self.w[idx] += d;
    }

    /// One pass over a document; returns (tokens, errors).
    pub fn train_doc(&mut self, d: &TrainDoc) -> (usize, usize) {
        let mut feats = Vec::with_capacity(48);
        let mut hist = [0u64; 4];
        let mut errors = 0;
        let mut n = 0;
        for &(s, e) in &d.sents {
            let mut p1 = 0usize;
            let mut p2 = 0usize;
            for i in s..e {
                self.t += 1;
                n += 1;
                feats.clear();
                static_features(&d.obs, s, e, i, &mut feats);
                history_features(&d.obs[i], p1, p2, &mut hist);
                feats.extend_from_slice(&hist);
                let mut scores = [0f32; N_LABELS];
                for h in &feats {
                    let r = self.row(*h);
                    for (l, sc) in scores.iter_mut().enumerate() {
                        *sc += self.w[r + l];
                    }
                }
                let mut best = 0;
                let mut best_s = f32::MIN;
                for (l, sc) in scores.iter().enumerate() {
                    if allowed(p1, l) && *sc > best_s {
                        best_s = *sc;
                        best = l;
                    }
                }
                let g = d.gold[i];
                if best != g {
                    errors += 1;
                    for h in &feats {
                        let r = self.row(*h);
                        self.bump(r + g, 1.0);
                        self.bump(r + best, -1.0);
                    }
                }
                p2 = p1;
                // Gold history (teacher forcing): keeps B→I transitions learnable.
                p1 = g;
            }
        }
        (n, errors)
    }

    /// The averaged weights.
    pub fn finish(self) -> Weights {
        let t = self.t.max(1) as f32;
        let now = self.t;
        let w: Vec<f32> = self
            .w
            .iter()
            .zip(&self.total)
            .zip(&self.stamp)
            .map(|((w, total), stamp)| (total + (now - stamp) as f32 * w) / t)
            .collect();
        Weights::from_dense(self.log2_rows, &w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_bytes_round_trip_and_reject_garbage() {
        let mut dense = vec![0.0; (1 << 10) * N_LABELS];
        dense[5] = 7.0;
        dense[6] = 0.25;
        dense[1000] = -3.5;
        dense[(1 << 10) * N_LABELS - 1] = 1.0;
        let w = Weights::from_dense(10, &dense);
        let b = w.to_bytes();
        let back = Weights::from_bytes(&b).unwrap();
        let read: Vec<f32> = (0..dense.len()).map(|i| back.at(i)).collect();
        assert_eq!(read, dense);
        assert_eq!(back.to_bytes(), b);
        // a lookup adds the row's weights, and nothing for an empty row
        let mut scores = [0f32; N_LABELS];
        back.add_scores((1000 / N_LABELS as u64) << 20, &mut scores);
        assert_eq!(scores[1000 % N_LABELS], -3.5);
        let mut none = [0f32; N_LABELS];
        back.add_scores(500 << 20, &mut none);
        assert_eq!(none, [0f32; N_LABELS]);
        assert!(Weights::from_bytes(b"garbage").is_err());
        assert!(Weights::from_bytes(&b[..b.len() - 3]).is_err());
        let mut v = b.clone();
        v[8] = 99;
        assert!(matches!(
            Weights::from_bytes(&v),
            Err(ModelError::Version(_))
        ));
    }

    #[test]
    fn bio_constraint() {
        assert!(allowed(0, 1));
        assert!(!allowed(0, 2));
        assert!(allowed(1, 2));
        assert!(allowed(2, 2));
        assert!(!allowed(3, 2));
    }
}
