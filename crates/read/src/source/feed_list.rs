//! Feed lists: a text file of feed URLs (one per line, `#` comments) or an OPML file.
//! [`crate::expand`] turns a feed list named on the command line into its feed URLs, so
//! `extract` and `ingest` read it the same way.

use std::io::Read;
use std::path::Path;

/// Largest feed list read.
const MAX_LIST: u64 = 16 * 1024 * 1024;

/// True when the argument names a file that is a feed list.
pub fn is_feed_list_path(arg: &str) -> bool {
    matches!(feed_list(arg), Ok(Some(_)))
}

/// The feed URLs of a feed-list file; `None` when the argument is not one (a URL, a
/// directory, an article file, ...).
pub fn feed_list(arg: &str) -> std::io::Result<Option<Vec<String>>> {
    let path = Path::new(arg);
    if arg == "-" || arg.starts_with("http://") || arg.starts_with("https://") || !path.is_file() {
        return Ok(None);
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    // Peek: an OPML file, or a file whose first line is a URL.
    let mut head = Vec::with_capacity(1024);
    std::fs::File::open(path)?
        .take(1024)
        .read_to_end(&mut head)?;
    let head_text = String::from_utf8_lossy(&head);
    let looks_opml = ext == "opml" || head_text.to_ascii_lowercase().contains("<opml");
    let first_line = head_text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'));
    let looks_list =
        first_line.is_some_and(|l| l.starts_with("http://") || l.starts_with("https://"));
    if !looks_opml && !looks_list {
        return Ok(None);
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_LIST)
        .read_to_end(&mut bytes)?;
    let text = String::from_utf8_lossy(&bytes);
    if looks_opml {
        return Ok(Some(opml_urls(&text)));
    }
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    if lines.iter().all(|l| {
        (l.starts_with("http://") || l.starts_with("https://")) && !l.contains(char::is_whitespace)
    }) {
        Ok(Some(lines.into_iter().map(str::to_string).collect()))
    } else {
        Ok(None)
    }
}

/// The `xmlUrl` attributes of an OPML document, in order, without repeats.
pub fn opml_urls(xml: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let lower = xml.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find("xmlurl") {
        let at = from + i + "xmlurl".len();
        from = at;
        let rest = &xml[at..];
        let rest = rest.trim_start();
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        let rest = rest.trim_start();
        let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        let Some(end) = rest[1..].find(q) else {
            continue;
        };
        let url = html_escape::decode_html_entities(&rest[1..1 + end]);
        let url = url.trim().to_string();
        if (url.starts_with("http://") || url.starts_with("https://")) && !out.contains(&url) {
            out.push(url);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opml_urls_are_read_in_order() {
        let xml = r#"<?xml version="1.0"?><opml version="2.0"><body>
            <outline text="A" type="rss" xmlUrl="https://a.test/feed?x=1&amp;y=2"/>
            <outline text="B" XMLURL = 'http://b.test/rss' />
            <outline text="dup" xmlUrl="https://a.test/feed?x=1&amp;y=2"/>
            <outline text="bad" xmlUrl="javascript:alert(1)"/><outline xmlUrl="unterminated
        </body></opml>"#;
        assert_eq!(
            opml_urls(xml),
            vec![
                "https://a.test/feed?x=1&y=2".to_string(),
                "http://b.test/rss".to_string()
            ]
        );
    }

    #[test]
    fn feed_lists_are_told_from_articles() {
        let dir = std::env::temp_dir().join(format!("ng-feeds-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let list = dir.join("feeds.txt");
        std::fs::write(
            &list,
            "# my feeds\nhttps://a.test/rss\n\nhttp://b.test/atom.xml\n",
        )
        .unwrap();
        let article = dir.join("a.txt");
        std::fs::write(
            &article,
            "https://a.test/ is a site\nBody of an article that starts with a URL.\n",
        )
        .unwrap();
        assert_eq!(
            feed_list(list.to_str().unwrap()).unwrap(),
            Some(vec![
                "https://a.test/rss".to_string(),
                "http://b.test/atom.xml".to_string()
            ])
        );
        assert_eq!(feed_list(article.to_str().unwrap()).unwrap(), None);
        assert_eq!(feed_list(dir.to_str().unwrap()).unwrap(), None);
        assert_eq!(feed_list("https://a.test/rss").unwrap(), None);
        std::fs::remove_dir_all(&dir).ok();
    }
}
