//! Gzip (`.gz`, `.warc.gz`: concatenated members are read as one stream).

use super::FormatError;
use flate2::read::MultiGzDecoder;
use std::io::Read;

pub(crate) fn is_gzip(b: &[u8]) -> bool {
    b.len() >= 2 && b[0] == 0x1f && b[1] == 0x8b
}

/// Decompresses up to `max` bytes. A truncated or corrupt stream is an error.
pub(crate) fn gunzip(b: &[u8], max: usize) -> Result<Vec<u8>, FormatError> {
    let (out, err) = gunzip_partial(b, max);
    match err {
        Some(e) => Err(e),
        None => Ok(out),
    }
}

/// Decompresses up to `max` bytes, keeping what came out before a truncated or corrupt
/// part: the bytes, and the error that stopped the stream early, if any. An archive cut
/// short (a crawl interrupted, a download stopped) still holds every complete record
/// before the cut.
pub(crate) fn gunzip_partial(b: &[u8], max: usize) -> (Vec<u8>, Option<FormatError>) {
    let mut out = Vec::new();
    // `read_to_end` keeps the bytes read before an error in `out`.
    let err = MultiGzDecoder::new(b)
        .take(max as u64)
        .read_to_end(&mut out)
        .err()
        .map(FormatError::Gzip);
    (out, err)
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

    #[test]
    fn a_truncated_stream_keeps_its_complete_members() {
        let mut z = gz(b"first member, complete\n");
        let second = gz(&b"second member, cut short ".repeat(50));
        z.extend_from_slice(&second[..second.len() - 40]);
        let (out, err) = gunzip_partial(&z, 1 << 20);
        assert!(out.starts_with(b"first member, complete\n"), "{out:?}");
        assert!(matches!(err, Some(FormatError::Gzip(_))), "{err:?}");
        let (out, err) = gunzip_partial(&gz(b"whole"), 1 << 20);
        assert_eq!(out.as_slice(), &b"whole"[..]);
        assert!(err.is_none(), "{err:?}");
    }
}
