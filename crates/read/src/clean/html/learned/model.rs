//! The block classifier's model: a logistic regression over named features, kept as a
//! tab-separated data file (`crates/read/data/block_model.tsv`: a provenance header,
//! the decision threshold, then one `feature<TAB>weight` line per feature).

use super::features::Sink;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::{BuildHasherDefault, Hasher};

/// The hasher of a map whose keys are already hashes ([`name_hash`]).
#[derive(Default)]
pub(super) struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only `u64` keys are hashed here; any other input still hashes, slowly.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A trained block classifier.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BlockModel {
    pub weights: HashMap<String, f32>,
    /// `weights` by the hash of the name ([`name_hash`]), for scoring without building
    /// the names: filled by [`BlockModel::parse`] and [`BlockModel::index`].
    pub(super) hashed: HashMap<u64, f32, BuildHasherDefault<Prehashed>>,
    /// Whether any weight is stage 2's: filled by [`BlockModel::index`].
    pub(super) context: bool,
    /// Blocks whose probability reaches this are kept.
    pub threshold: f32,
    /// The provenance lines written at the top of the file (without their `# `).
    pub header: Vec<String>,
}

/// The model file shipped with the reader.
const SHIPPED: &str = include_str!("../../../../data/block_model.tsv");

impl BlockModel {
    /// The shipped model, parsed once.
    pub fn shipped() -> &'static BlockModel {
        static MODEL: std::sync::OnceLock<BlockModel> = std::sync::OnceLock::new();
        MODEL.get_or_init(|| BlockModel::parse(SHIPPED).unwrap_or_default())
    }

    /// Whether the model has any weight (a build whose model file is empty extracts
    /// nothing with it).
    pub fn is_trained(&self) -> bool {
        !self.weights.is_empty()
    }

    /// Reads the file format (see the module doc).
    pub fn parse(text: &str) -> Result<BlockModel, String> {
        let mut m = BlockModel {
            threshold: 0.5,
            ..Default::default()
        };
        for (n, line) in text.lines().enumerate() {
            if let Some(h) = line.strip_prefix('#') {
                m.header.push(h.trim_start().to_string());
                continue;
            }
            if line.trim().is_empty() {
                continue;
            }
            let (k, v) = line
                .rsplit_once('\t')
                .ok_or_else(|| format!("block model line {}: no tab", n + 1))?;
            let v: f32 = v
                .parse()
                .map_err(|e| format!("block model line {}: {e}", n + 1))?;
            if k == "@threshold" {
                m.threshold = v;
            } else {
                m.weights.insert(k.to_string(), v);
            }
        }
        m.index();
        Ok(m)
    }

    /// The file format, features sorted (a retrained model diffs line by line).
    pub fn to_tsv(&self) -> String {
        let mut out = String::new();
        for h in &self.header {
            let _ = writeln!(out, "# {h}");
        }
        let _ = writeln!(out, "@threshold\t{}", self.threshold);
        let mut keys: Vec<&String> = self.weights.keys().collect();
        keys.sort();
        for k in keys {
            let _ = writeln!(out, "{k}\t{:.4}", self.weights[k]);
        }
        out
    }

    /// Whether the model has a stage 2 (features prefixed `2:`).
    pub fn has_context(&self) -> bool {
        self.context
    }

    /// Rebuilds the hashed weights (and whether there is a stage 2) after `weights`
    /// changed.
    pub fn index(&mut self) {
        self.hashed = self
            .weights
            .iter()
            .map(|(k, v)| (name_hash(k.as_bytes()), *v))
            .collect();
        self.context = self.weights.keys().any(|k| k.starts_with("2:"));
    }

    /// The probability that a block with these features is main text.
    pub fn probability(&self, features: &[String]) -> f32 {
        let z: f32 = features
            .iter()
            .filter_map(|f| self.weights.get(f.as_str()))
            .sum();
        1.0 / (1.0 + (-z).exp())
    }
}

/// FNV-1a, 64 bits, fed piece by piece: feature names are short, and a collision
/// among a few thousand names in 2^64 is not a concern.
struct NameHash(u64);

impl NameHash {
    const START: NameHash = NameHash(0xcbf2_9ce4_8422_2325);
}

impl std::fmt::Write for NameHash {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        for &b in s.as_bytes() {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
        Ok(())
    }
}

fn name_hash(bytes: &[u8]) -> u64 {
    let mut h = NameHash::START;
    let _ = h.write_str(std::str::from_utf8(bytes).unwrap_or_default());
    h.0
}

/// Scores blocks as their features arrive: each name is hashed as it is formatted
/// and its weight looked up by that hash, so no feature string is built. The features
/// of one block are distinct (`features.rs` makes them so), so none is counted twice.
pub(crate) struct Scorer<'m> {
    model: &'m BlockModel,
    z: f32,
    pub probabilities: Vec<f32>,
}

impl<'m> Scorer<'m> {
    pub(crate) fn new(model: &'m BlockModel) -> Self {
        Scorer {
            model,
            z: 0.0,
            probabilities: Vec::new(),
        }
    }
}

impl Sink for Scorer<'_> {
    fn feature(&mut self, name: std::fmt::Arguments<'_>) {
        let mut h = NameHash::START;
        let _ = h.write_fmt(name);
        self.z += self.model.hashed.get(&h.0).copied().unwrap_or(0.0);
    }
    fn end_block(&mut self) {
        self.probabilities.push(1.0 / (1.0 + (-self.z).exp()));
        self.z = 0.0;
    }
}
