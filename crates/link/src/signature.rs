//! Near-duplicate signatures: a MinHash of an article's shingle set, cut into LSH bands.
//!
//! The hasher is gaoya's `MinHasher32` (seeded, so signatures are the same in every
//! process and every run: they are stored). Two articles whose signatures agree on
//! every row of one band become candidates; the candidate is then verified on the
//! estimated containment of the smaller shingle set in the larger, which stays high for
//! a trimmed copy where Jaccard would drop.

use gaoya::minhash::{MinHasher, MinHasher32};

/// The shape of signatures and bands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignatureConfig {
    /// Rows per band; `num_hashes / rows` bands.
    pub rows: usize,
    pub num_hashes: usize,
}

impl Default for SignatureConfig {
    /// 120 hashes in 40 bands of 3: a pair at Jaccard 0.3 becomes a candidate with
    /// probability 0.67, at 0.5 with 0.995, at 0.05 (same story, other words) 0.005.
    fn default() -> Self {
        SignatureConfig {
            rows: 3,
            num_hashes: 120,
        }
    }
}

/// The MinHash of one article's shingles and the size of the set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    pub mins: Vec<u32>,
    /// Distinct shingles summarised.
    pub size: u32,
}

pub(crate) struct Hasher {
    inner: MinHasher32<fnv::FnvBuildHasher>,
    cfg: SignatureConfig,
}

impl Hasher {
    pub fn new(cfg: SignatureConfig) -> Hasher {
        Hasher {
            inner: MinHasher32::new(cfg.num_hashes),
            cfg,
        }
    }

    pub fn signature(&self, shingles: &[u64]) -> Signature {
        Signature {
            mins: self.inner.create_signature(shingles.iter()),
            size: shingles.len().min(u32::MAX as usize) as u32,
        }
    }

    /// Band keys: a hash of (band number, its rows). Empty for an empty set (nothing
    /// to match on).
    pub fn bands(&self, sig: &Signature) -> Vec<i64> {
        if sig.size == 0 || self.cfg.rows == 0 {
            return Vec::new();
        }
        sig.mins
            .chunks_exact(self.cfg.rows)
            .enumerate()
            .map(|(i, rows)| {
                let mut h: u64 =
                    0xcbf2_9ce4_8422_2325 ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
                for r in rows {
                    for b in r.to_le_bytes() {
                        h ^= b as u64;
                        h = h.wrapping_mul(0x0100_0000_01b3);
                    }
                }
                h as i64
            })
            .collect()
    }
}

impl Signature {
    /// Estimated Jaccard similarity of the two shingle sets.
    pub fn jaccard(&self, other: &Signature) -> f32 {
        if self.mins.len() != other.mins.len() || self.mins.is_empty() {
            return 0.0;
        }
        let same = self
            .mins
            .iter()
            .zip(&other.mins)
            .filter(|(a, b)| a == b)
            .count();
        same as f32 / self.mins.len() as f32
    }

    /// Estimated share of the smaller set found in the larger one:
    /// |A∩B| = J·(|A|+|B|)/(1+J), over min(|A|,|B|).
    pub fn containment(&self, other: &Signature) -> f32 {
        let j = self.jaccard(other);
        let small = self.size.min(other.size) as f32;
        if small == 0.0 {
            return 0.0;
        }
        let inter = j * (self.size as f32 + other.size as f32) / (1.0 + j);
        (inter / small).min(1.0)
    }

    /// Little-endian bytes: the size, then each min.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(4 + self.mins.len() * 4);
        out.extend_from_slice(&self.size.to_le_bytes());
        for m in &self.mins {
            out.extend_from_slice(&m.to_le_bytes());
        }
        out
    }

    pub fn from_bytes(b: &[u8]) -> Option<Signature> {
        if b.len() < 4 || !b.len().is_multiple_of(4) {
            return None;
        }
        let mut it = b
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]));
        let size = it.next()?;
        Some(Signature {
            size,
            mins: it.collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similar_sets_share_bands_and_signatures_round_trip() {
        let h = Hasher::new(SignatureConfig::default());
        let a: Vec<u64> = (0..400).collect();
        let b: Vec<u64> = (0..360).chain(1000..1040).collect();
        let c: Vec<u64> = (5000..5400).collect();
        let (sa, sb, sc) = (h.signature(&a), h.signature(&b), h.signature(&c));
        assert!(sa.jaccard(&sb) > 0.6, "{}", sa.jaccard(&sb));
        assert!(sa.jaccard(&sc) < 0.1);
        let (ba, bb, bc) = (h.bands(&sa), h.bands(&sb), h.bands(&sc));
        assert_eq!(ba.len(), 40);
        assert!(ba.iter().any(|x| bb.contains(x)));
        assert!(!ba.iter().any(|x| bc.contains(x)));
        assert_eq!(Signature::from_bytes(&sa.to_bytes()), Some(sa.clone()));
        // Half the text trimmed: Jaccard ~0.5, containment ~1.
        let half: Vec<u64> = (0..200).collect();
        let sh = h.signature(&half);
        assert!(sa.containment(&sh) > 0.85, "{}", sa.containment(&sh));
        assert!(h.bands(&h.signature(&[])).is_empty());
    }
}
