//! Readers end to end: feeds, WARC, JSON Lines, HTML, URLs over loopback, and bad input.

use newsgraph_model::{Article, BlockKind, FurnitureKind};
use newsgraph_read::{read, read_bytes, Extractor, Input, ReadError, ReadOptions};
use std::io::Write;

fn collect(name: &str, bytes: Vec<u8>) -> (Vec<Article>, Vec<ReadError>, Option<ReadError>) {
    let mut ok = Vec::new();
    let mut errs = Vec::new();
    let r = read_bytes(name, bytes, &ReadOptions::default(), &mut |r| match r {
        Ok(a) => ok.push(a),
        Err(e) => errs.push(e),
    });
    (ok, errs, r.err())
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

const ARTICLE_HTML: &str = r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Storm hits coast | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2025-07-08T09:00:00Z">
<meta name="author" content="Jane Doe">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article>
<h1>Storm hits coast</h1>
<p>A powerful storm made landfall on the southern coast on Monday night, bringing heavy rain and strong winds that cut power to thousands of homes across the region.</p>
<p>Emergency services said they had rescued dozens of people from flooded houses overnight, and warned residents to stay indoors until the winds eased later in the week.</p>
<h2>Damage assessment</h2>
<p>Officials said it would take weeks to assess the full extent of the damage to roads, bridges and farmland, but early estimates ran into the hundreds of millions.</p>
<p>The national weather service said a second, weaker system could reach the same area by the weekend, and urged local authorities to clear drains and prepare shelters.</p>
</article>
<footer><p>© 2025 Example News. All rights reserved.</p><p><a href="/privacy">Privacy policy</a></p></footer>
</body></html>"#;

#[test]
fn html_page_gives_title_body_and_metadata() {
    for ex in Extractor::ALL {
        let a = newsgraph_read::clean_html(ARTICLE_HTML, Default::default(), ex);
        assert_eq!(a.title.as_deref(), Some("Storm hits coast"), "{ex:?}");
        assert!(a.text.contains("powerful storm"), "{ex:?}");
        assert!(
            a.text.contains("second, weaker system"),
            "{ex:?}: {}",
            a.text
        );
        assert!(!a.text.contains("All rights reserved"), "{ex:?}");
        assert!(!a.text.contains("Sport"), "{ex:?}");
        assert_eq!(a.published.as_deref(), Some("2025-07-08T09:00:00Z"));
        assert_eq!(a.authors, vec!["Jane Doe"]);
        assert_eq!(a.source.as_deref(), Some("Example News"));
        assert_eq!(a.language.as_deref(), Some("en"));
    }
}

#[test]
fn html_gz_and_latin1() {
    let page = b"<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9</title></head><body><p>Le caf\xe9 est ouvert depuis ce matin, a annonc\xe9 le propri\xe9taire aux clients venus nombreux.</p></body></html>";
    let (arts, errs, fatal) = collect("page.html.gz", gz(page));
    assert!(fatal.is_none() && errs.is_empty());
    assert_eq!(arts.len(), 1);
    assert!(arts[0].text.contains("café est ouvert"), "{}", arts[0].text);
}

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Example Feed</title><language>en-gb</language>
<item><title>First &amp; foremost</title><link>https://example.test/a</link>
<pubDate>Tue, 08 Jul 2025 14:20:00 +0000</pubDate><dc:creator>Jane Doe</dc:creator>
<content:encoded><![CDATA[<p>The first item's body is here.</p><p>Read also</p><ul><li>Other story</li></ul>]]></content:encoded></item>
<item><title>Second</title><link>https://example.test/b</link>
<description>&lt;p&gt;Escaped &amp;amp; body.&lt;/p&gt;</description></item>
"#;

#[test]
fn rss_items_become_articles_and_a_truncated_feed_keeps_earlier_items() {
    let full = format!("{RSS}</channel></rss>");
    let (arts, errs, fatal) = collect("feed.xml", full.into_bytes());
    assert!(fatal.is_none(), "{fatal:?}");
    assert!(errs.is_empty(), "{errs:?}");
    assert_eq!(arts.len(), 2);
    let a = &arts[0];
    assert_eq!(a.title.as_deref(), Some("First & foremost"));
    assert_eq!(a.url.as_deref(), Some("https://example.test/a"));
    assert_eq!(a.published.as_deref(), Some("2025-07-08T14:20:00+00:00"));
    assert_eq!(a.authors, vec!["Jane Doe"]);
    assert_eq!(a.source.as_deref(), Some("Example Feed"));
    // Normalised to BCP-47 case (the feed says `en-gb`).
    assert_eq!(a.language.as_deref(), Some("en-GB"));
    assert_eq!(
        a.block_texts(BlockKind::Paragraph),
        vec!["The first item's body is here."]
    );
    assert_eq!(a.furniture[0].kind, FurnitureKind::Related);
    assert_eq!(a.furniture[0].items[0].text, "Other story");
    assert!(arts[1].text.contains("Escaped & body."));

    // Cut inside the second item.
    let cut = RSS.find("<description>").unwrap();
    let (arts, errs, fatal) = collect("feed.xml", RSS.as_bytes()[..cut].to_vec());
    assert!(fatal.is_none());
    assert!(!arts.is_empty() && arts[0].title.as_deref() == Some("First & foremost"));
    assert!(!errs.is_empty() && errs[0].to_string().contains("feed.xml"));
}

#[test]
fn atom_entries() {
    let atom = r#"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr"><title>Flux</title>
      <entry><title>Titre</title><link rel="alternate" href="https://ex.test/1"/><published>2025-07-08T10:00:00Z</published>
      <author><name>Marie Curie</name></author><content type="html">&lt;p&gt;Le texte de l'article.&lt;/p&gt;</content></entry></feed>"#;
    let (arts, errs, fatal) = collect("f.atom", atom.as_bytes().to_vec());
    assert!(fatal.is_none() && errs.is_empty(), "{errs:?}");
    assert_eq!(arts.len(), 1);
    assert_eq!(arts[0].url.as_deref(), Some("https://ex.test/1"));
    assert_eq!(arts[0].authors, vec!["Marie Curie"]);
    assert_eq!(arts[0].language.as_deref(), Some("fr"));
    assert_eq!(arts[0].published.as_deref(), Some("2025-07-08T10:00:00Z"));
    assert!(arts[0].text.contains("Le texte de l'article."));
}

fn warc_record(kind: &str, uri: &str, payload: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-07-09T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        payload.len()
    )
    .into_bytes();
    r.extend_from_slice(payload);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http(body: &str) -> Vec<u8> {
    format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{body}").into_bytes()
}

#[test]
fn warc_records_and_truncation() {
    let mut w = warc_record("warcinfo", "", b"software: test\r\n");
    w.extend(warc_record(
        "response",
        "https://example.test/storm",
        &http(ARTICLE_HTML),
    ));
    w.extend(warc_record(
        "request",
        "https://example.test/storm",
        b"GET / HTTP/1.1\r\n\r\n",
    ));
    w.extend(warc_record("response", "https://example.test/two", &http("<html><body><p>Second page text that is long enough to be an article paragraph of its own.</p></body></html>")));
    let good_len = w.len();
    w.extend(warc_record(
        "response",
        "https://example.test/three",
        &http(ARTICLE_HTML),
    ));
    for compressed in [false, true] {
        let cut = &w[..good_len + 200];
        let bytes = if compressed { gz(cut) } else { cut.to_vec() };
        let name = if compressed {
            "crawl.warc.gz"
        } else {
            "crawl.warc"
        };
        let (arts, errs, fatal) = collect(name, bytes);
        assert!(fatal.is_none());
        assert_eq!(arts.len(), 2, "compressed={compressed}");
        assert_eq!(arts[0].url.as_deref(), Some("https://example.test/storm"));
        assert_eq!(arts[0].title.as_deref(), Some("Storm hits coast"));
        assert!(arts[0].origin.as_deref().unwrap().contains("#record-2"));
        assert_eq!(errs.len(), 1);
        assert!(errs[0].to_string().contains("truncated"), "{}", errs[0]);
    }
}

#[test]
fn truncated_gzip_member_keeps_whole_records_before_it() {
    let mut w = warc_record(
        "response",
        "https://example.test/storm",
        &http(ARTICLE_HTML),
    );
    w.extend(warc_record(
        "response",
        "https://example.test/three",
        &http(ARTICLE_HTML),
    ));
    // Per-record gzip members, the second cut short.
    let first = gz(&w[..w.len() / 2 - 1]);
    let _ = first;
    let whole = gz(&w);
    let cut = &whole[..whole.len() - 20];
    let (arts, errs, fatal) = collect("crawl.warc.gz", cut.to_vec());
    // Either the stream is reported broken, or what could be decoded is read; never a panic
    // and never silence.
    assert!(fatal.is_some() || !errs.is_empty() || !arts.is_empty());
}

#[test]
fn jsonl_bad_line_names_file_and_line() {
    let data = format!(
        "{}\n{{not json\n{}\n{{\"url\":\"https://x.test/4\"}}\n",
        serde_json::json!({"url": "https://x.test/1", "html": ARTICLE_HTML}),
        serde_json::json!({"url": "https://x.test/3", "text": "A title\nThe body of the third line is a sentence long enough to count as one.", "published": "2025-07-01"}),
    );
    let (arts, errs, fatal) = collect("items.jsonl", data.into_bytes());
    assert!(fatal.is_none());
    assert_eq!(arts.len(), 2);
    assert_eq!(arts[0].url.as_deref(), Some("https://x.test/1"));
    assert_eq!(arts[1].published.as_deref(), Some("2025-07-01"));
    assert_eq!(arts[1].title.as_deref(), Some("A title"));
    assert_eq!(errs.len(), 2);
    assert!(
        errs[0].to_string().starts_with("items.jsonl:2:"),
        "{}",
        errs[0]
    );
    assert!(
        errs[1].to_string().starts_with("items.jsonl:4:"),
        "{}",
        errs[1]
    );
}

#[test]
fn bad_inputs_error_clearly() {
    let (_, _, fatal) = collect("empty.txt", Vec::new());
    assert!(fatal.unwrap().to_string().contains("empty.txt"));
    let (_, _, fatal) = collect(
        "junk.bin",
        (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect(),
    );
    assert!(fatal.unwrap().to_string().contains("junk.bin"));
    // A cut gzip stream: what decompressed is read (best effort), the cut is reported.
    let (_, errs, fatal) = collect("page.html.gz", gz(ARTICLE_HTML.as_bytes())[..100].to_vec());
    let cut = fatal
        .iter()
        .chain(&errs)
        .next()
        .expect("the cut is reported");
    assert!(cut.to_string().contains("gzip") && cut.to_string().contains("page.html.gz"));
    let (arts, _, fatal) = collect("broken.txt", b"Titre \xff\xfe\nUn paragraphe avec des octets \xc3\x28 invalides mais assez long pour compter.".to_vec());
    assert!(fatal.is_none());
    // Bytes that are not UTF-8 are read as Windows-1252, one character each.
    assert!(arts[0].text.contains("Titre ÿþ"), "{}", arts[0].text);
    assert!(
        arts[0].text.contains("octets Ã( invalides"),
        "{}",
        arts[0].text
    );
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let n = 100_000;
    let html = format!("<html><body>{}<p>Deep text that is the only content of this page, long enough to count.</p>{}</body></html>", "<div>".repeat(n), "</div>".repeat(n));
    for ex in Extractor::ALL {
        let a = newsgraph_read::clean_html(&html, Default::default(), ex);
        assert!(a.text.contains("Deep text"), "{ex:?}");
    }
    let unclosed = "<div><span><b>".repeat(n / 3);
    let a = newsgraph_read::clean_html(&unclosed, Default::default(), Extractor::default());
    assert!(a.text.is_empty());
}

#[test]
fn huge_page_finishes_in_bounded_time() {
    // 50 MB, mostly markup and inline data, as real giant pages are.
    let mut html = String::from("<html><head><title>Huge page</title><script>var data = \"");
    html.push_str(&"0123456789abcdef".repeat(20 * 1024 * 1024 / 16));
    html.push_str("\";</script></head><body>");
    let block = "<div class=\"c\"><span><a href=\"/x\">link</a></span><img src=\"/i.png\"></div>\n";
    while html.len() < 50 * 1024 * 1024 {
        html.push_str(block);
    }
    html.push_str("<p>The only real paragraph of this very large page is here, at the very end of it.</p></body></html>");
    let t = std::time::Instant::now();
    let a = newsgraph_read::clean_html(&html, Default::default(), Extractor::default());
    assert!(
        a.text.contains("only real paragraph"),
        "{}",
        &a.text[..a.text.len().min(200)]
    );
    assert!(t.elapsed().as_secs() < 120, "took {:?}", t.elapsed());
}

#[test]
fn a_page_too_deep_for_a_dom_still_gets_its_main_text_picked() {
    // Nested past the DOM extractors' limit: the learned extractor reads it in one pass,
    // so its sidebar is recorded as what was cut, not cleaned as part of a text dump.
    let story = [
        "The council voted on Tuesday to close the old bridge, citing a report that found \
         its supports badly corroded after years of neglect.",
        "Repairs will take at least eighteen months, and a free ferry will run for \
         residents in the meantime, the council said on Tuesday.",
    ];
    let mut html = String::from("<html><body>");
    html.push_str(&"<div class=\"wrap\">".repeat(1000));
    html.push_str("<nav><ul><li><a href=/>Home</a></li><li><a href=/s>Sport</a></li></ul></nav>");
    html.push_str("<article><h1>Council closes the bridge</h1>");
    for p in story {
        html.push_str(&format!("<p>{p}</p>"));
    }
    html.push_str(
        "</article><aside><ul><li><a href=/a>A different story \
        on this site</a></li><li><a href=/b>Another one</a></li></ul></aside>",
    );
    html.push_str(&"</div>".repeat(1000));
    html.push_str("</body></html>");
    let a = newsgraph_read::clean_html(&html, Default::default(), Extractor::default());
    for p in story {
        assert!(a.text.contains(p), "{}", a.text);
    }
    assert!(
        !a.text.contains("Sport") && !a.text.contains("different story"),
        "{}",
        a.text
    );
    assert!(
        a.furniture.iter().any(|f| f.kind == FurnitureKind::Related),
        "{:?}",
        a.furniture
    );
}

#[test]
fn large_text_page_is_linear() {
    let para = "<div class=\"x\"><p>Some filler paragraph text, with words, that repeats again and again.</p></div>\n";
    let html = format!(
        "<html><body>{}</body></html>",
        para.repeat(5 * 1024 * 1024 / para.len())
    );
    let t = std::time::Instant::now();
    let a = newsgraph_read::clean_html(&html, Default::default(), Extractor::default());
    assert!(a.blocks.len() > 50_000);
    assert!(t.elapsed().as_secs() < 120, "took {:?}", t.elapsed());
}

#[test]
fn a_big_titled_page_keeps_every_paragraph_once() {
    // Over the DOM limit, so the page goes through its visible text and the title
    // swap; every paragraph differs and is not ASCII (the char-index path that was
    // quadratic in the number of blocks).
    let mut html = String::from(
        "<html><head><title>Le grand rapport | Gazette</title></head><body><h1>Le grand rapport</h1>",
    );
    let mut n = 0;
    while html.len() < 5 * 1024 * 1024 {
        n += 1;
        html.push_str(&format!(
            "<p>Paragraphe n° {n} : « la décision » coûtera {n} millions d’euros, a déclaré la maire.</p>\n"
        ));
    }
    html.push_str("</body></html>");
    let a = newsgraph_read::clean_html(&html, Default::default(), Extractor::default());
    assert_eq!(a.title.as_deref(), Some("Le grand rapport"));
    let paras = a.block_texts(BlockKind::Paragraph);
    assert_eq!(paras.len(), n, "first: {:?}", paras.first());
    assert!(paras[0].starts_with("Paragraphe n° 1 :"), "{}", paras[0]);
    assert!(
        paras[n - 1].contains(&format!("n° {n} :")),
        "{}",
        paras[n - 1]
    );
    assert_eq!(a.block_texts(BlockKind::Title), ["Le grand rapport"]);
}

#[test]
fn url_over_loopback_and_http_errors() {
    use std::io::{BufRead, BufReader};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        for _ in 0..2 {
            let (mut s, _) = listener.accept().unwrap();
            let mut req = String::new();
            let mut r = BufReader::new(s.try_clone().unwrap());
            loop {
                let mut line = String::new();
                if r.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                req.push_str(&line);
            }
            let resp = if req.starts_with("GET /missing") {
                "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .to_string()
            } else {
                format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}", ARTICLE_HTML.len(), ARTICLE_HTML)
            };
            s.write_all(resp.as_bytes()).unwrap();
        }
    });
    let url = format!("http://127.0.0.1:{port}/story");
    let inputs = newsgraph_read::expand(&[url.clone(), format!("http://127.0.0.1:{port}/missing")]);
    let mut got = Vec::new();
    let opts = ReadOptions {
        http_timeout_secs: 10,
        ..Default::default()
    };
    read(inputs[0].as_ref().unwrap(), &opts, &mut |r| {
        got.push(r.unwrap())
    })
    .unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].title.as_deref(), Some("Storm hits coast"));
    let err = read(inputs[1].as_ref().unwrap(), &opts, &mut |_| {}).unwrap_err();
    assert!(err.to_string().contains("/missing"), "{err}");
    server.join().unwrap();
    assert!(matches!(inputs[0], Ok(Input::Url(_))));
}
