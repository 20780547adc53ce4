//! Gzip (`.gz`, `.warc.gz`: concatenated members are read as one stream).

use flate2::read::MultiGzDecoder;
use std::io::Read;

pub(crate) fn is_gzip(b: &[u8]) -> bool {
    b.len() >= 2 && b[0] == 0x1f && b[1] == 0x8b
}

/// Decompresses up to `max` bytes. A truncated or corrupt stream is an error.
pub(crate) fn gunzip(b: &[u8], max: usize) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    MultiGzDecoder::new(b)
        .take(max as u64)
        .read_to_end(&mut out)
        .map_err(|e| format!("bad gzip data ({e})"))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::{write::GzEncoder, Compression};
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn round_trip_and_truncation() {
        let data = b"hello gzip world ".repeat(100);
        let z = gz(&data);
        assert_eq!(gunzip(&z, 1 << 20).unwrap(), data);
        assert!(gunzip(&z[..z.len() / 2], 1 << 20).is_err());
    }
}
