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
//! MinHash, `Linker::bands`), so nothing is lost by not writing them to the database.
//! The index has two parts: `base`, one sorted array of (band, seq) pairs, and the
//! articles linked since it was made, in hash maps. `base` is made on the writer's
//! first link after open (or after a failed transaction cleared the cache) from the
//! snapshot file `band_file.rs` wrote at the last close, plus the signatures stored
//! after it; without a usable snapshot, from every stored signature (sorted in one
//! pass: 4M pairs at 100k stored). Rebuilding all of it at every open cost ~1.4 s of
//! the writer's CPU at 100k stored, a fixed cost of every ingest run.
//!
//! It answers exactly what `SELECT seq FROM lsh_bands WHERE band = ? ORDER BY seq
//! LIMIT ?` answered.

use super::band_file::{self, BandFile};
use super::db::{db_err, Q};
use crate::Result;
use newsgraph_link::{Linker, Signature};
use rusqlite::{params, Connection};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;

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

/// A snapshot is rewritten at close only when the articles linked since the last one
/// are at least this many, and at least an eighth of those it holds: a run that adds
/// a few articles to a large store reads them back at the next open (one indexed
/// range of `article_links`) instead of rewriting every pair.
pub const SNAPSHOT_MIN_NEW: usize = 1000;

/// Bits of a band key that pick its bucket in `BaseDirectory`.
const DIRECTORY_BITS: u32 = 16;

/// Where each bucket of band keys (their top `DIRECTORY_BITS` bits, in sort order)
/// starts in `base`: a lookup searches one bucket (~60 pairs at 100k stored) instead of
/// the whole 4M-pair array, whose 22 binary-search steps were each a cache miss (3% of
/// the writer's CPU in `perf`).
#[derive(Default)]
struct BaseDirectory(Vec<u32>);

impl BaseDirectory {
    fn bucket(band: i64) -> usize {
        // Flipping the sign bit makes unsigned order the signed order of the keys.
        (((band as u64) ^ (1 << 63)) >> (64 - DIRECTORY_BITS)) as usize
    }

    fn of(base: &[(i64, i64)]) -> BaseDirectory {
        let n = 1usize << DIRECTORY_BITS;
        let mut starts = Vec::with_capacity(n + 1);
        let mut i = 0usize;
        for bucket in 0..n {
            while i < base.len() && Self::bucket(base[i].0) < bucket {
                i += 1;
            }
            starts.push(i as u32);
        }
        starts.push(base.len() as u32);
        BaseDirectory(starts)
    }

    /// The part of `base` that can hold `band`.
    fn range(&self, band: i64) -> std::ops::Range<usize> {
        let b = Self::bucket(band);
        match (self.0.get(b), self.0.get(b + 1)) {
            (Some(&lo), Some(&hi)) => lo as usize..hi as usize,
            _ => 0..0,
        }
    }
}

#[derive(Default)]
pub struct BandIndex {
    /// (band, seq), sorted: every article up to the snapshot, and those stored after it
    /// that `load` read back.
    base: Vec<(i64, i64)>,
    directory: BaseDirectory,
    /// Articles `base` holds.
    base_articles: usize,
    /// Articles `base` holds that no snapshot file holds yet.
    base_unsaved: usize,
    /// Band → the first article added since `base` was made that holds it.
    first: BandMap<i64>,
    /// Band → the later ones, ascending (copies and boilerplate).
    more: BandMap<Vec<i64>>,
    /// Articles added since `base` was made.
    added: usize,
}

impl BandIndex {
    /// Every band of every linked article: the snapshot at `file` when it agrees with
    /// the stored signatures, then the signatures stored after it; else all of them.
    pub fn load(conn: &Connection, linker: &Linker, file: Option<&Path>) -> Result<BandIndex> {
        let fingerprint = band_file::fingerprint(linker);
        let snapshot = file
            .and_then(|f| band_file::read(f, fingerprint))
            .filter(|s| covers_stored(conn, s).unwrap_or(false));
        let (mut base, from_seq, saved_articles) = match snapshot {
            Some(s) => (s.pairs, s.max_seq, s.articles),
            None => (Vec::new(), i64::MIN, 0),
        };
        let mut stmt =
            conn.q("SELECT seq, signature FROM article_links WHERE seq > ?1 ORDER BY seq")?;
        let mut rows = stmt.query(params![from_seq]).map_err(db_err)?;
        let mut later = Vec::new();
        let mut later_articles = 0;
        while let Some(r) = rows.next().map_err(db_err)? {
            let seq: i64 = r.get(0).map_err(db_err)?;
            let bytes: Vec<u8> = r.get(1).map_err(db_err)?;
            later_articles += 1;
            if let Some(sig) = Signature::from_bytes(&bytes) {
                later.extend(linker.bands(&sig).into_iter().map(|b| (b, seq)));
            }
        }
        later.sort_unstable();
        if base.is_empty() {
            base = later;
        } else if !later.is_empty() {
            base = merge_sorted(&base, &later);
        }
        Ok(BandIndex {
            directory: BaseDirectory::of(&base),
            base,
            base_articles: saved_articles + later_articles,
            base_unsaved: later_articles,
            ..BandIndex::default()
        })
    }

    /// Records `seq` under `bands`. Seqs arrive ascending at ingest; `relink` links
    /// articles stored unlinked later, below seqs already here, so each band's list is
    /// kept sorted by inserting in place.
    pub fn add(&mut self, seq: i64, bands: &[i64]) {
        self.added += 1;
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
        let mut one: Vec<i64> = Vec::new();
        for &b in bands {
            one.clear();
            let bucket = &self.base[self.directory.range(b)];
            let lo = bucket.partition_point(|&(k, _)| k < b);
            one.extend(
                bucket[lo..]
                    .iter()
                    .take_while(|&&(k, _)| k == b)
                    .map(|&(_, s)| s)
                    .take(limit),
            );
            if let Some(&f) = self.first.get(&b) {
                let more = self.more.get(&b).map(Vec::as_slice).unwrap_or(&[]);
                one.extend(std::iter::once(f).chain(more.iter().copied()).take(limit));
                one.sort_unstable();
                one.dedup();
            }
            seqs.extend(one.iter().copied().take(limit));
        }
        seqs.sort_unstable();
        seqs.dedup();
        seqs.truncate(limit);
        seqs
    }

    /// Writes the snapshot `load` reads, when at least `min_new` articles (and an
    /// eighth of those it held) are new since the last one. Call only when every
    /// article added is committed (the writer at close).
    pub fn save_if_worth(
        &self,
        conn: &Connection,
        linker: &Linker,
        file: &Path,
        min_new: usize,
    ) -> Result<bool> {
        let new = self.base_unsaved + self.added;
        let held = self.base_articles - self.base_unsaved;
        if new == 0 || new < min_new || new < held / 8 {
            return Ok(false);
        }
        let (articles, max_seq): (i64, i64) = conn
            .q("SELECT count(*), coalesce(max(seq), 0) FROM article_links")?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(db_err)?;
        let mut added: Vec<(i64, i64)> = Vec::new();
        for (&b, &f) in &self.first {
            added.push((b, f));
            if let Some(more) = self.more.get(&b) {
                added.extend(more.iter().map(|&s| (b, s)));
            }
        }
        added.sort_unstable();
        let snapshot = BandFile {
            fingerprint: band_file::fingerprint(linker),
            articles: articles.max(0) as usize,
            max_seq,
            pairs: merge_sorted(&self.base, &added),
        };
        band_file::write(file, &snapshot)?;
        Ok(true)
    }
}

/// Whether the stored signatures up to the snapshot's last seq are the ones it holds
/// (same count): a `relink` that linked older articles, or a store restored from
/// elsewhere, makes it stale and it is rebuilt.
fn covers_stored(conn: &Connection, s: &BandFile) -> Result<bool> {
    let (n, max): (i64, i64) = conn
        .q("SELECT count(*), coalesce(max(seq), 0) FROM article_links WHERE seq <= ?1")?
        .query_row(params![s.max_seq], |r| Ok((r.get(0)?, r.get(1)?)))
        .map_err(db_err)?;
    Ok(n.max(0) as usize == s.articles && max == s.max_seq)
}

/// Two sorted lists as one, sorted (duplicates kept once).
fn merge_sorted(a: &[(i64, i64)], b: &[(i64, i64)]) -> Vec<(i64, i64)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers_like_the_ordered_limited_query(ix: &mut BandIndex) {
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

    #[test]
    fn added_articles_answer_like_the_query() {
        answers_like_the_ordered_limited_query(&mut BandIndex::default());
    }

    #[test]
    fn base_and_added_articles_answer_as_one() {
        // Seqs 5 and 7 in the sorted base, the rest added after it.
        let base = vec![(20, 5), (20, 7), (30, 7), (50, 5)];
        let mut ix = BandIndex {
            directory: BaseDirectory::of(&base),
            base,
            base_articles: 2,
            ..BandIndex::default()
        };
        ix.add(1, &[10, 20]);
        ix.add(8, &[20, 30]);
        ix.add(3, &[30, 60]);
        assert_eq!(ix.matches(&[20], 10), vec![1, 5, 7, 8]);
        // Per band its first `limit` over both parts, then the union's first `limit`.
        assert_eq!(ix.matches(&[20], 2), vec![1, 5]);
        assert_eq!(ix.matches(&[30], 2), vec![3, 7]);
        assert_eq!(ix.matches(&[50, 60], 1), vec![3]);
        assert_eq!(ix.matches(&[50, 10, 30], 3), vec![1, 3, 5]);
        assert_eq!(ix.matches(&[99], 3), Vec::<i64>::new());
    }

    /// A store's `article_links` with `seqs`' signatures (seq 100 + k a copy of k).
    fn stored(conn: &Connection, seqs: impl Iterator<Item = i64>) {
        for seq in seqs {
            let of = if seq >= 100 { seq - 100 } else { seq };
            let mins = (0..120u32)
                .map(|i| (of as u32 * 7919 + i).wrapping_mul(2_654_435_761))
                .collect();
            let sig = Signature { mins, size: 50 };
            conn.execute(
                "INSERT INTO article_links (seq, signature) VALUES (?1, ?2)",
                params![seq, sig.to_bytes()],
            )
            .unwrap();
        }
    }

    fn bands_of(ix: &BandIndex, conn: &Connection, linker: &Linker) -> Vec<Vec<i64>> {
        let mut stmt = conn
            .prepare("SELECT signature FROM article_links ORDER BY seq")
            .unwrap();
        let sigs: Vec<Vec<u8>> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        sigs.iter()
            .map(|b| ix.matches(&linker.bands(&Signature::from_bytes(b).unwrap()), 10))
            .collect()
    }

    #[test]
    fn a_snapshot_and_what_was_stored_after_it_answer_as_a_rebuild() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE article_links (seq INTEGER PRIMARY KEY, signature BLOB)")
            .unwrap();
        let linker = Linker::default();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(band_file::FILE_NAME);
        stored(&conn, 10..40);
        let first = BandIndex::load(&conn, &linker, Some(&file)).unwrap();
        assert_eq!(
            first.base_unsaved, 30,
            "no snapshot yet: every signature read"
        );
        assert!(!first.save_if_worth(&conn, &linker, &file, 31).unwrap());
        assert!(first.save_if_worth(&conn, &linker, &file, 0).unwrap());
        // Stored after the snapshot: new articles and copies of old ones.
        stored(&conn, (40..45).chain(110..113));
        let resumed = BandIndex::load(&conn, &linker, Some(&file)).unwrap();
        assert_eq!(resumed.base_unsaved, 8, "the snapshot was used");
        let rebuilt = BandIndex::load(&conn, &linker, None).unwrap();
        let answers = bands_of(&rebuilt, &conn, &linker);
        assert_eq!(bands_of(&resumed, &conn, &linker), answers);
        assert!(answers.iter().any(|a| a.len() == 2), "copies share bands");
        // An article linked below the snapshot's last seq (a relink of older articles)
        // makes the snapshot stale: everything is read again.
        stored(&conn, 1..2);
        let stale = BandIndex::load(&conn, &linker, Some(&file)).unwrap();
        assert_eq!(stale.base_unsaved, 39);
        let rebuilt = BandIndex::load(&conn, &linker, None).unwrap();
        assert_eq!(
            bands_of(&stale, &conn, &linker),
            bands_of(&rebuilt, &conn, &linker)
        );
    }

    #[test]
    fn the_directory_finds_every_key_of_the_sorted_base() {
        let mut base: Vec<(i64, i64)> = (0..5000i64)
            .map(|i| (i.wrapping_mul(0x9e37_79b9_7f4a_7c15u64 as i64), i))
            .chain([(i64::MIN, 1), (i64::MAX, 2), (0, 3), (-1, 4)])
            .collect();
        base.sort_unstable();
        let dir = BaseDirectory::of(&base);
        for &(band, _) in &base {
            let r = dir.range(band);
            assert!(base[r].iter().any(|&(k, _)| k == band), "{band}");
        }
    }

    #[test]
    fn merge_keeps_order_and_drops_repeats() {
        let a = vec![(1, 1), (2, 5), (4, 1)];
        let b = vec![(1, 0), (2, 5), (3, 9), (9, 9)];
        assert_eq!(
            merge_sorted(&a, &b),
            vec![(1, 0), (1, 1), (2, 5), (3, 9), (4, 1), (9, 9)]
        );
    }
}
