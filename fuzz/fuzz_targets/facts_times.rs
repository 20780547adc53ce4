//! Fuzz the times recogniser and normaliser: any UTF-8 text, with and without a
//! publication date, must not panic, and every span must lie inside the text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let len = text.chars().count();
    for dct in [None, newsgraph_facts::calendar::parse_iso_date("2025-07-08")] {
        for t in newsgraph_facts::times_with_reference(text, dct) {
            assert!(t.span.start <= t.span.end && t.span.end <= len);
        }
    }
});
