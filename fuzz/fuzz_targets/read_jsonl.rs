//! Fuzz the jsonl reader: any bytes, read as jsonl, must give articles or errors, never a
//! panic or a hang.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsgraph_read::{read_bytes, Extractor, Format, ReadOptions};

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions { format: Some(Format::Jsonl), extractor: Extractor::PageText, ..Default::default() };
    let _ = read_bytes("fuzz.jsonl", data.to_vec(), &opts, &mut |_| {});
});
