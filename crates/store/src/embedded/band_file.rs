//! The band index's snapshot file (`link-bands.bin` in the data directory), written by
//! the writer at close and read at its next first link (`band_index.rs`).
//!
//! Layout, little-endian: magic `NGBANDS1`, the linker fingerprint (u64: the signature
//! settings the bands depend on), articles held (u64), their highest seq (i64), pair
//! count (u64), then the (band i64, seq i64) pairs sorted. It is a cache, never the
//! truth: a file that is missing, of another layout or linker, short, unsorted or that
//! disagrees with `article_links` is ignored and the index rebuilt from the signatures.
//! It is written to a temporary name and renamed, so a kill leaves the old one whole.

use crate::{Result, StoreError};
use newsgraph_link::Linker;
use std::io::{Read, Write};
use std::path::Path;

pub const FILE_NAME: &str = "link-bands.bin";
const MAGIC: &[u8; 8] = b"NGBANDS1";
const HEADER: usize = 8 + 8 + 8 + 8 + 8;

pub struct BandFile {
    pub fingerprint: u64,
    pub articles: usize,
    pub max_seq: i64,
    pub pairs: Vec<(i64, i64)>,
}

/// What the bands of a signature depend on: its rows per band, hash count, and the
/// shingle minimum below which an article has no bands.
pub fn fingerprint(linker: &Linker) -> u64 {
    let cfg = linker.config();
    let parts = [
        cfg.signature.rows as u64,
        cfg.signature.num_hashes as u64,
        cfg.duplicate_min_shingles as u64,
    ];
    parts.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &p| {
        (h ^ p).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The snapshot at `path`, if there is a whole one made with `fingerprint`.
pub fn read(path: &Path, fingerprint: u64) -> Option<BandFile> {
    let mut f = std::fs::File::open(path).ok()?;
    let mut head = [0u8; HEADER];
    f.read_exact(&mut head).ok()?;
    let word =
        |i: usize| u64::from_le_bytes(head[8 + 8 * i..16 + 8 * i].try_into().unwrap_or_default());
    if &head[..8] != MAGIC || word(0) != fingerprint {
        return None;
    }
    let articles = usize::try_from(word(1)).ok()?;
    let max_seq = word(2) as i64;
    let count = usize::try_from(word(3)).ok()?;
    let len = f.metadata().ok()?.len();
    if len != (HEADER as u64).checked_add((count as u64).checked_mul(16)?)? {
        return None;
    }
    let mut bytes = Vec::new();
    f.read_to_end(&mut bytes).ok()?;
    let pairs: Vec<(i64, i64)> = bytes
        .chunks_exact(16)
        .map(|c| {
            let (b, s) = c.split_at(8);
            (
                i64::from_le_bytes(b.try_into().unwrap_or_default()),
                i64::from_le_bytes(s.try_into().unwrap_or_default()),
            )
        })
        .collect();
    if pairs.len() != count || !pairs.windows(2).all(|w| w[0] < w[1]) {
        return None;
    }
    Some(BandFile {
        fingerprint,
        articles,
        max_seq,
        pairs,
    })
}

/// Writes `snapshot` to `path` (through a temporary file and a rename).
pub fn write(path: &Path, snapshot: &BandFile) -> Result<()> {
    let io = |source| StoreError::Io {
        path: path.display().to_string(),
        source,
    };
    let tmp = path.with_extension("bin.tmp");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp).map_err(io)?);
    out.write_all(MAGIC).map_err(io)?;
    for w in [
        snapshot.fingerprint,
        snapshot.articles as u64,
        snapshot.max_seq as u64,
        snapshot.pairs.len() as u64,
    ] {
        out.write_all(&w.to_le_bytes()).map_err(io)?;
    }
    for &(b, s) in &snapshot.pairs {
        out.write_all(&b.to_le_bytes()).map_err(io)?;
        out.write_all(&s.to_le_bytes()).map_err(io)?;
    }
    out.into_inner()
        .map_err(|e| io(e.into_error()))?
        .sync_all()
        .map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_snapshot_reads_back_and_a_damaged_one_does_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let snap = BandFile {
            fingerprint: 7,
            articles: 2,
            max_seq: 9,
            pairs: vec![(-3, 9), (4, 2), (4, 9)],
        };
        write(&path, &snap).unwrap();
        let back = read(&path, 7).expect("reads back");
        assert_eq!((back.articles, back.max_seq), (2, 9));
        assert_eq!(back.pairs, snap.pairs);
        // Another linker's bands are not these.
        assert!(read(&path, 8).is_none());
        // A short file (a disk that lost its tail) is ignored.
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() - 5]).unwrap();
        assert!(read(&path, 7).is_none());
        // So is garbage of the right length.
        std::fs::write(&path, vec![0xAB; bytes.len()]).unwrap();
        assert!(read(&path, 7).is_none());
        assert!(read(&dir.path().join("absent"), 7).is_none());
    }
}
