//! The no-panic property, exercised in CI without a fuzzer: every reader gets a few
//! thousand deterministic pseudo-random mutations of small valid inputs (bit flips,
//! truncations, splices, inserted markup and bytes) and must return articles or errors.
//! The cargo-fuzz targets in `fuzz/fuzz_targets/read_*.rs` do the same with coverage.

use newsgraph_read::{read_bytes, Extractor, Format, ReadOptions};

use newsgraph_testkit::Rng;

const PIECES: &[&str] = &[
    "<",
    ">",
    "</",
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<script>",
    "</script>",
    "<![CDATA[",
    "]]>",
    "<!--",
    "-->",
    "&",
    "&#x",
    ";",
    "\"",
    "'",
    "=",
    "\r\n",
    "\n\n",
    "WARC/1.0\r\n",
    "Content-Length: 99999\r\n",
    "\r\n\r\n",
    "{",
    "}",
    "\"html\":",
    "<item>",
    "</item>",
    "<entry>",
    "<title>",
    "</title>",
    "é",
    "\u{202e}",
    "\u{0}",
    "- 17:20 ",
    "Lire aussi",
    "Latest News",
    "By Jane Doe",
    "<h1>",
    "<li>",
    "<table>",
    "<td>",
    "\u{feff}",
    "\u{fffd}",
    "<?xml version='1.0'?>",
];

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut v = seed.to_vec();
    for _ in 0..1 + rng.below(6) {
        let len = v.len();
        match rng.below(6) {
            0 if len > 0 => {
                let i = rng.below(len);
                v[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => v.truncate(rng.below(len)),
            2 => {
                let p = PIECES[rng.below(PIECES.len())].as_bytes();
                let at = rng.below(len + 1);
                v.splice(at..at, p.iter().copied());
            }
            3 if len > 1 => {
                let a = rng.below(len);
                let b = (a + rng.below(64)).min(len);
                let chunk = v[a..b].to_vec();
                let at = rng.below(len + 1);
                v.splice(at..at, chunk);
            }
            4 => {
                let at = rng.below(len + 1);
                let byte = rng.next_u64() as u8;
                v.insert(at, byte);
            }
            _ if len > 2 => {
                let a = rng.below(len);
                let b = (a + rng.below(32)).min(len);
                v.drain(a..b);
            }
            _ => {}
        }
    }
    v
}

const HTML: &str = "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>T | S</title><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"H\",\"author\":{\"name\":\"A B\"},\"datePublished\":\"2025-07-08\"}</script></head><body><nav><a href=/>Home</a></nav><article><h1>H</h1><p>One paragraph of text, long enough to be kept as body text by the extractor.</p><h2>Sub</h2><p>Another paragraph with &amp; entities &#233; and <b>bold</b>.</p><p>Read also</p><ul><li>X</li></ul></article></body></html>";
const RSS: &str = "<?xml version=\"1.0\"?><rss><channel><title>F</title><item><title>A</title><link>https://x.test/a</link><pubDate>Tue, 08 Jul 2025 14:20:00 +0000</pubDate><description>&lt;p&gt;Body text.&lt;/p&gt;</description></item><item><title>B</title><content:encoded><![CDATA[<p>More.</p>]]></content:encoded></item></channel></rss>";
const TEXT: &str = "Title line\nA first paragraph of the article, with a full sentence.\nSub heading\nA second paragraph, also a full sentence.\nLire aussi\nLatest News\n- 17:20 One headline\n- 16:50 Another headline\n";
const JSONL: &str = "{\"url\":\"https://x.test/1\",\"text\":\"T\\nBody sentence here.\"}\n{\"url\":\"https://x.test/2\",\"html\":\"<p>Para.</p>\"}\n";

fn warc() -> Vec<u8> {
    let payload = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n{HTML}\r\n0\r\n\r\n", HTML.len());
    format!("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.test/w\r\nContent-Length: {}\r\n\r\n{payload}\r\n\r\n", payload.len()).into_bytes()
}

fn run(
    format: Format,
    name: &str,
    seed: &[u8],
    iterations: usize,
    extractor: Extractor,
    rng: &mut Rng,
) {
    let opts = ReadOptions {
        format: Some(format),
        extractor,
        ..Default::default()
    };
    let sniffed = ReadOptions {
        extractor,
        ..Default::default()
    };
    for _ in 0..iterations {
        let input = mutate(rng, seed);
        let mut n = 0usize;
        let _ = read_bytes(name, input.clone(), &opts, &mut |_| n += 1);
        let _ = read_bytes("x", input, &sniffed, &mut |_| n += 1);
    }
}

#[test]
fn readers_never_panic_on_mutated_input() {
    let mut rng = Rng::new(0x9E37_79B9_7F4A_7C15);
    run(
        Format::Text,
        "a.txt",
        TEXT.as_bytes(),
        1500,
        Extractor::PageText,
        &mut rng,
    );
    run(
        Format::Html,
        "a.html",
        HTML.as_bytes(),
        600,
        Extractor::PageText,
        &mut rng,
    );
    run(
        Format::Html,
        "a.html",
        HTML.as_bytes(),
        300,
        Extractor::Trafilatura,
        &mut rng,
    );
    run(
        Format::Html,
        "a.html",
        HTML.as_bytes(),
        300,
        Extractor::Readability,
        &mut rng,
    );
    run(
        Format::Feed,
        "a.xml",
        RSS.as_bytes(),
        1000,
        Extractor::PageText,
        &mut rng,
    );
    run(
        Format::Warc,
        "a.warc",
        &warc(),
        500,
        Extractor::PageText,
        &mut rng,
    );
    run(
        Format::Jsonl,
        "a.jsonl",
        JSONL.as_bytes(),
        500,
        Extractor::PageText,
        &mut rng,
    );
}
