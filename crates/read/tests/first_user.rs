//! What a first real user hit in the readers (issue 15), each on a fixture written here:
//! Atom XHTML content, damaged archives, metadata (source, links, furniture, bylines,
//! authors, language, fallback dates), text encodings and feed items without a body.

use newsgraph_model::{Article, FurnitureKind, PublishedFrom};
use newsgraph_read::{read_bytes, Extractor, ReadError, ReadOptions};
use std::io::Write;

fn collect_with(
    name: &str,
    bytes: Vec<u8>,
    opts: &ReadOptions,
) -> (Vec<Article>, Vec<ReadError>, Option<ReadError>) {
    let mut ok = Vec::new();
    let mut errs = Vec::new();
    let r = read_bytes(name, bytes, opts, &mut |r| match r {
        Ok(a) => ok.push(a),
        Err(e) => errs.push(e),
    });
    (ok, errs, r.err())
}

fn collect(name: &str, bytes: Vec<u8>) -> (Vec<Article>, Vec<ReadError>, Option<ReadError>) {
    collect_with(name, bytes, &ReadOptions::default())
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="EN_us">
  <title>Lakeside Post</title>
  <link href="https://post.example.net/"/>
  <entry>
    <title>Ferry timetable changes</title>
    <link href="/news/ferry"/>
    <published>2025-05-02T08:00:00Z</published>
    <content type="html">&lt;p&gt;The ferry company will run two extra crossings each weekday from June, its operations manager said on Friday.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Library roof repaired</title>
    <link rel="alternate" href="https://post.example.net/news/library"/>
    <published>2025-05-01T18:00:00Z</published>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Workers finished repairing the roof of the central library on Thursday, three weeks ahead of schedule.</p><p>The library will reopen its <b>upper floor</b> &amp; reading room on Monday.</p></div></content>
  </entry>
  <entry>
    <title>Title only, no body</title>
    <link href="https://post.example.net/news/empty"/>
  </entry>
</feed>"#;

#[test]
fn atom_xhtml_and_escaped_html_content_are_the_body() {
    let (arts, errs, fatal) = collect("post.atom", ATOM.as_bytes().to_vec());
    assert!(fatal.is_none());
    assert_eq!(arts.len(), 2, "{errs:?}");
    assert!(
        arts[0].text.contains("two extra crossings"),
        "{}",
        arts[0].text
    );
    let lib = &arts[1];
    assert!(
        lib.text.contains("three weeks ahead of schedule"),
        "{}",
        lib.text
    );
    assert!(
        lib.text.contains("upper floor & reading room"),
        "{}",
        lib.text
    );
    assert_eq!(lib.title.as_deref(), Some("Library roof repaired"));
}

#[test]
fn feed_items_without_a_body_are_skipped_with_a_warning() {
    let (arts, errs, _) = collect("post.atom", ATOM.as_bytes().to_vec());
    assert!(arts
        .iter()
        .all(|a| a.title.as_deref() != Some("Title only, no body")));
    let warning = errs
        .iter()
        .find(|e| e.to_string().contains("Title only"))
        .expect("a warning names the skipped item");
    assert!(warning.is_warning(), "{warning}");
}

#[test]
fn feed_metadata_relative_links_source_and_language() {
    let (arts, _, _) = collect("post.atom", ATOM.as_bytes().to_vec());
    assert_eq!(
        arts[0].url.as_deref(),
        Some("https://post.example.net/news/ferry")
    );
    assert_eq!(arts[0].source.as_deref(), Some("Lakeside Post"));
    assert_eq!(arts[0].language.as_deref(), Some("en-US"));
    let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Echo</title>
        <link>https://echo.example.org/</link><language>en-gb</language>
        <item><title>Road closed</title><link>/local/road</link>
        <description>&lt;p&gt;The hill road was closed on Tuesday after a landslide, the council said.&lt;/p&gt;</description></item>
        </channel></rss>"#;
    let (arts, _, _) = collect("echo.xml", rss.as_bytes().to_vec());
    assert_eq!(
        arts[0].url.as_deref(),
        Some("https://echo.example.org/local/road")
    );
    assert_eq!(arts[0].language.as_deref(), Some("en-GB"));
}

/// A WARC with two complete HTML responses and a third one.
fn warc() -> Vec<u8> {
    let page = |title: &str, body: &str| {
        format!("<html><head><title>{title}</title></head><body><h1>{title}</h1><p>{body}</p></body></html>")
    };
    let mut out = Vec::new();
    let pages = [
        (
            "https://a.example.com/one",
            page(
                "First story",
                "The first story of the crawl is long enough to be an article body on its own.",
            ),
        ),
        (
            "https://a.example.com/two",
            page(
                "Second story",
                "The second story of the crawl also has a paragraph that is long enough to keep.",
            ),
        ),
        (
            "https://a.example.com/three",
            page(
                "Third story",
                "The third story is the one whose record is cut short at the end of the file.",
            ),
        ),
    ];
    for (url, html) in pages {
        let http = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n{html}",
            html.len()
        );
        let rec = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Date: 2025-03-04T10:00:00Z\r\nWARC-Target-URI: {url}\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
            http.len()
        );
        // One gzip member per record, as crawlers write them.
        out.extend(gz(rec.as_bytes()));
    }
    out
}

#[test]
fn a_truncated_warc_gz_keeps_its_complete_records_and_reports_the_tail() {
    let mut w = warc();
    w.truncate(w.len() - 40);
    let (arts, errs, fatal) = collect("crawl.warc.gz", w);
    assert!(fatal.is_none(), "{fatal:?}");
    let titles: Vec<_> = arts.iter().filter_map(|a| a.title.as_deref()).collect();
    assert_eq!(titles, vec!["First story", "Second story"], "{errs:?}");
    assert!(!errs.is_empty(), "the lost tail is reported");
    assert!(errs.iter().all(|e| !e.is_warning()));
    assert!(errs[0].to_string().contains("crawl.warc.gz"), "{}", errs[0]);
}

#[test]
fn a_truncated_jsonl_gz_keeps_its_complete_lines() {
    let mut lines = String::new();
    for i in 0..40 {
        lines.push_str(&format!(
            "{{\"url\":\"https://b.example.com/{i}\",\"text\":\"Story {i}\\nThe body of story number {i} is a sentence long enough to count as text.\"}}\n"
        ));
    }
    let mut z = gz(lines.as_bytes());
    z.truncate(z.len() - 30);
    let (arts, errs, fatal) = collect("dump.jsonl.gz", z);
    assert!(fatal.is_none());
    assert!(arts.len() >= 30, "{} articles, {errs:?}", arts.len());
    assert!(!errs.is_empty());
}

#[test]
fn a_truncated_feed_keeps_the_items_before_the_cut() {
    let cut = &ATOM[..ATOM.find("<title>Title only").unwrap() + 10];
    let (arts, errs, fatal) = collect("post.atom", gz(cut.as_bytes()));
    assert!(fatal.is_none());
    assert_eq!(arts.len(), 2);
    assert!(errs.iter().any(|e| !e.is_warning()), "{errs:?}");
}

#[test]
fn crawl_time_is_a_marked_fallback_for_the_date() {
    let (arts, _, _) = collect("crawl.warc.gz", warc());
    assert_eq!(arts[0].published.as_deref(), Some("2025-03-04T10:00:00Z"));
    assert_eq!(arts[0].published_from, Some(PublishedFrom::Crawl));
    // A date given by the user beats the crawl time.
    let opts = ReadOptions {
        published: Some("2025-03-01".into()),
        ..Default::default()
    };
    let (arts, _, _) = collect_with("crawl.warc.gz", warc(), &opts);
    assert_eq!(arts[0].published.as_deref(), Some("2025-03-01"));
    assert_eq!(arts[0].published_from, Some(PublishedFrom::Given));
    // The source of a WARC record is its host, not the archive's file name.
    assert_eq!(arts[0].source.as_deref(), Some("a.example.com"));
}

#[test]
fn source_is_never_the_file_name() {
    let text = "Harbour wall repaired\nThe harbour wall damaged in the winter storms has been repaired, the port authority said on Monday.\n";
    let (arts, _, _) = collect("bbc/business/001.txt", text.as_bytes().to_vec());
    assert_eq!(arts[0].source, None);
    let jsonl = r#"{"url":"https://www.gazette.example.org/a","text":"Title\nA body sentence that is long enough to be an article paragraph here."}"#;
    let (arts, _, _) = collect("x.jsonl", jsonl.as_bytes().to_vec());
    assert_eq!(arts[0].source.as_deref(), Some("gazette.example.org"));
}

const FURNITURE_PAGE: &str = r#"<!doctype html><html lang="en-gb"><head><title>Port strike ends | Coast News</title>
<meta name="author" content="By Ann Lee and Bo Chan, The Coast News"></head>
<body><nav><a href="/">Home</a> | <a href="/business">Business</a> | <a href="/sport">Sport</a></nav>
<article><h1>Port strike ends</h1><p class="byline">By Ann Lee, Business reporter</p>
<figure><img src="/a.jpg"><figcaption>Dockers at the gate. Photo : BSS</figcaption></figure>
<p>Show Caption</p>
<p>Dock workers returned to work on Monday after union leaders accepted a pay rise, ending a strike that lasted three weeks and closed the port.</p>
<p>The port operator said the dispute had cost it about twelve million pounds, and that ships would be unloaded around the clock to clear the queue.</p>
<p>Union members voted by a large margin to accept the offer, which also includes a review of shift patterns and overtime rates next spring.</p>
<p>Subscribe to continue reading</p></article>
<aside><h3>Related</h3><ul><li><a href="/a">Strike enters third week</a></li><li><a href="/b">Union balloting members</a></li></ul></aside>
<footer>© 2025 Coast News. All rights reserved. <a href="/privacy">Privacy</a></footer></body></html>"#;

#[test]
fn html_furniture_records_what_was_cut() {
    for ex in [
        Extractor::Auto,
        Extractor::Readability,
        Extractor::Trafilatura,
    ] {
        let a = newsgraph_read::clean_html(FURNITURE_PAGE, Default::default(), ex);
        assert!(a.text.contains("Dock workers returned"), "{ex:?}");
        let kinds: Vec<FurnitureKind> = a.furniture.iter().map(|f| f.kind).collect();
        for k in [
            FurnitureKind::Nav,
            FurnitureKind::Related,
            FurnitureKind::Footer,
        ] {
            assert!(
                kinds.contains(&k),
                "{ex:?}: {k:?} missing in {:?}",
                a.furniture
            );
        }
        let related = a
            .furniture
            .iter()
            .find(|f| f.kind == FurnitureKind::Related)
            .unwrap();
        assert!(related
            .items
            .iter()
            .any(|i| i.text == "Strike enters third week"));
    }
}

#[test]
fn bylines_credits_toggles_and_paywall_lines_leave_the_body() {
    for ex in [
        Extractor::Auto,
        Extractor::Readability,
        Extractor::Trafilatura,
    ] {
        let a = newsgraph_read::clean_html(FURNITURE_PAGE, Default::default(), ex);
        for junk in [
            "By Ann Lee",
            "Photo : BSS",
            "Show Caption",
            "Subscribe to continue",
        ] {
            assert!(!a.text.contains(junk), "{ex:?}: {junk:?} in {}", a.text);
        }
        assert!(a.text.contains("Dock workers returned"));
    }
}

#[test]
fn authors_are_split_names_without_by() {
    let (arts, _, _) = collect("page.html", FURNITURE_PAGE.as_bytes().to_vec());
    assert_eq!(arts[0].authors, vec!["Ann Lee", "Bo Chan"]);
    assert_eq!(arts[0].language.as_deref(), Some("en-GB"));
}

#[test]
fn utf16_with_a_bom_is_read() {
    let mut b = vec![0xff, 0xfe];
    let text = "Téléphone lines restored\nEngineers restored the téléphone lines to the valley villages on Sunday night.\n";
    for u in text.encode_utf16() {
        b.extend_from_slice(&u.to_le_bytes());
    }
    let (arts, errs, fatal) = collect("note.txt", b);
    assert!(fatal.is_none(), "{fatal:?}");
    assert!(errs.is_empty(), "{errs:?}");
    assert_eq!(arts[0].title.as_deref(), Some("Téléphone lines restored"));
}

#[test]
fn a_stray_latin1_byte_in_utf8_text_is_read_as_cp1252() {
    let mut b = "Vote delayed\nThe vote was delayed on Tuesday, "
        .as_bytes()
        .to_vec();
    b.extend_from_slice(b"caf\xe9 owners said, and the na\xc3\xafve plan was dropped.\n");
    let (arts, _, _) = collect("note.txt", b);
    assert!(
        arts[0].text.contains("café owners") && arts[0].text.contains("naïve"),
        "{}",
        arts[0].text
    );
}
