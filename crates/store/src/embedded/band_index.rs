//! The near-duplicate LSH bands, held by the writer in memory instead of the
//! `lsh_bands` table.
//!
//! Each linked article has 40 band keys, hashes spread uniformly over `i64`: as a
//! SQLite B-tree (schema 4) every article's 40 inserts land on 40 random leaf pages,
//! so at 100k stored (4M rows, ~100 MB) a batch of 256 articles dirtied ~10k pages
//! (~40 MB of WAL) and most of them were not in the page cache. Measured with
//! `bench/stories/band_inserts.py`: 0.19 ms CPU per article at 10k stored, 0.65 ms at
//! 100k, the largest part of the link stage's growth with the store.
//!
//! The bands are a pure function of the signature stored in `article_links` (seeded
//! MinHash, `Linker::bands`), so nothing is lost by not writing them: the index is
//! rebuilt from `article_links` on the writer's first link after open (or after a
//! failed transaction cleared the cache), in seq order, and answers exactly what
//! `SELECT seq FROM lsh_bands WHERE band = ? ORDER BY seq LIMIT ?` answered (each band's
//! list kept sorted).

use super::db::{db_err, Q};
use crate::Result;
use newsgraph_link::{Linker, Signature};
use rusqlite::Connection;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Band keys are already hashes (FNV over the band's MinHash rows), spread over
/// `i64`: hashing them again with SipHash was most of rebuilding the index at open
/// (4M keys at 100k stored, ~6% of a 5,000-article ingest's CPU in `perf`). One
/// xor-shift and multiply spreads their bits over the table's bucket bits.
#[derive(Default, Clone, Copy)]
pub struct BandKeyHasher(u64);

impl Hasher for BandKeyHasher {
    fn finish(&self) -> u64 {
        let x = self.0 ^ (self.0 >> 32);
        x.wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ b as u64;
        }
    }

    fn write_i64(&mut self, i: i64) {
        self.0 = i as u64;
    }
}

type BandMap<V> = HashMap<i64, V, BuildHasherDefault<BandKeyHasher>>;

#[derive(Default)]
pub struct BandIndex {
    /// Band → the first article holding it (almost every band has one: 16 bytes).
    first: BandMap<i64>,
    /// Band → the later articles holding it, ascending (copies and boilerplate).
    more: BandMap<Vec<i64>>,
}

impl BandIndex {
    /// Every band of every linked article, from the stored signatures.
    pub fn load(conn: &Connection, linker: &Linker) -> Result<BandIndex> {
        let mut ix = BandIndex::default();
        // Sized once for every article's bands (no rehashing of millions of keys).
        let linked: i64 = conn
            .q("SELECT count(*) FROM article_links")?
            .query_row([], |r| r.get(0))
            .map_err(db_err)?;
        let sig = linker.config().signature;
        let bands = sig.num_hashes / sig.rows.max(1);
        ix.first
            .reserve((linked.max(0) as usize).saturating_mul(bands));
        let mut stmt = conn.q("SELECT seq, signature FROM article_links ORDER BY seq")?;
        let mut rows = stmt.query([]).map_err(db_err)?;
        while let Some(r) = rows.next().map_err(db_err)? {
            let seq: i64 = r.get(0).map_err(db_err)?;
            let bytes: Vec<u8> = r.get(1).map_err(db_err)?;
            if let Some(sig) = Signature::from_bytes(&bytes) {
                ix.add(seq, &linker.bands(&sig));
            }
        }
        Ok(ix)
    }

    /// Records `seq` under `bands`. Seqs arrive ascending at ingest; `relink` links
    /// articles stored unlinked later, below seqs already here, so each band's list is
    /// kept sorted by inserting in place.
    pub fn add(&mut self, seq: i64, bands: &[i64]) {
        for &b in bands {
            let f = *self.first.entry(b).or_insert(seq);
            if f == seq {
                continue;
            }
            // The smaller seq is the band's first; the other goes to `more`, sorted.
            let other = if seq < f {
                self.first.insert(b, seq);
                f
            } else {
                seq
            };
            let more = self.more.entry(b).or_default();
            if let Err(i) = more.binary_search(&other) {
                more.insert(i, other);
            }
        }
    }

    /// The articles sharing any of `bands`, ascending, at most `limit`: per band its
    /// first `limit`, then the first `limit` of their union.
    pub fn matches(&self, bands: &[i64], limit: usize) -> Vec<i64> {
        let mut seqs: Vec<i64> = Vec::new();
        for b in bands {
            let Some(&f) = self.first.get(b) else {
                continue;
            };
            let more = self.more.get(b).map(Vec::as_slice).unwrap_or(&[]);
            seqs.extend(std::iter::once(f).chain(more.iter().copied()).take(limit));
        }
        seqs.sort_unstable();
        seqs.dedup();
        seqs.truncate(limit);
        seqs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_like_the_ordered_limited_query() {
        let mut ix = BandIndex::default();
        ix.add(1, &[10, 20]);
        ix.add(2, &[20, 30]);
        ix.add(3, &[20, 30, 30]);
        ix.add(4, &[40]);
        assert_eq!(ix.matches(&[20], 10), vec![1, 2, 3]);
        assert_eq!(ix.matches(&[20], 2), vec![1, 2]);
        // Per band first `limit`, then the union's first `limit`.
        assert_eq!(ix.matches(&[40, 30], 1), vec![2]);
        assert_eq!(ix.matches(&[40, 30], 3), vec![2, 3, 4]);
        assert_eq!(ix.matches(&[99], 5), Vec::<i64>::new());
        assert_eq!(ix.matches(&[30], 5), vec![2, 3]);
        // A lower seq linked later (relink of articles stored unlinked) sorts first.
        ix.add(0, &[20, 40]);
        ix.add(2, &[40]);
        assert_eq!(ix.matches(&[20], 2), vec![0, 1]);
        assert_eq!(ix.matches(&[40], 5), vec![0, 2, 4]);
    }
}
