//! Fuzz the HTML cleaner with each DOM extractor (rs-trafilatura, dom_smoothie) behind it.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    for ex in [newsgraph_read::Extractor::Trafilatura, newsgraph_read::Extractor::Readability] {
        let _ = newsgraph_read::clean_html(&html, Default::default(), ex);
    }
});
