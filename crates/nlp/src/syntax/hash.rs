//! Feature hashing: every feature is a template id mixed with the hashes of the strings
//! and classes it looks at, folded into one `u64`; the perceptron takes a row from it.
//! Kept apart from the NER tagger's hashing for the reason given in `words.rs`.

/// Mixes `x` into the running hash `h` (a multiply-rotate step; not cryptographic).
#[inline]
pub(crate) fn mix(h: u64, x: u64) -> u64 {
    (h ^ x)
        .wrapping_mul(0x9e37_79b9_7f4a_7c15)
        .rotate_left(29)
        .wrapping_add(0x632b_e59b_d9b4_e019)
}

/// Hash of a byte string (FNV-style over 8-byte chunks, then the length).
pub(crate) fn str_hash(s: &str) -> u64 {
    let b = s.as_bytes();
    let mut h = 0x243f_6a88_85a3_08d3u64;
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

/// A feature: template `t` over the values `xs`.
#[inline]
pub(crate) fn feat(t: u64, xs: &[u64]) -> u64 {
    let mut h = mix(0x1357_9bdf_2468_ace0, t);
    for x in xs {
        h = mix(h, *x);
    }
    h
}
