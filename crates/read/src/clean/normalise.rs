//! The last step of every reader: metadata in one shape whatever the container said.
//! `source` is an outlet (the site or feed name, else the URL's host), never an input
//! file name; `language` is a BCP-47 tag in its canonical case; `authors` are person
//! names without a byline prefix, one per entry.

use super::furniture::{byline_names, strip_byline_prefix};
use newsgraph_model::{Article, PublishedFrom};

/// Normalises the metadata of an article a reader produced. `given` is the date to
/// use when the document has none (`--published`); it beats the fallbacks a reader may
/// have found (crawl time, dateline), which are only used when nothing else is known.
pub(crate) fn finish(a: &mut Article, given: Option<&str>) {
    if a.published.is_some() && a.published_from.is_none() {
        a.published_from = Some(PublishedFrom::Document);
    }
    let fallback = matches!(
        a.published_from,
        None | Some(PublishedFrom::Crawl | PublishedFrom::Dateline)
    );
    if let Some(d) = given.filter(|_| fallback) {
        a.published = Some(d.to_string());
        a.published_from = Some(PublishedFrom::Given);
    }
    if a.source.as_deref().is_none_or(|s| s.trim().is_empty()) {
        a.source = a.url.as_deref().and_then(host);
    }
    a.language = a.language.as_deref().and_then(bcp47);
    a.authors = authors(std::mem::take(&mut a.authors));
}

/// The host of an `http(s)` URL without a leading `www.`.
pub(crate) fn host(url: &str) -> Option<String> {
    let u = url::Url::parse(url).ok()?;
    if !matches!(u.scheme(), "http" | "https") {
        return None;
    }
    let h = u.host_str()?;
    Some(h.strip_prefix("www.").unwrap_or(h).to_string())
}

/// A language tag in BCP-47 form: `_` becomes `-`, the language subtag lower case, a
/// four-letter script title case, a two-letter (or three-digit) region upper case
/// (`EN_US` → `en-US`, `zh-hant-tw` → `zh-Hant-TW`). Anything that is not a tag's
/// shape (letters and digits in subtags of 1–8, a 2–3 letter language first) is
/// dropped rather than passed on.
pub fn bcp47(tag: &str) -> Option<String> {
    let tag = tag.trim();
    let subtags: Vec<&str> = tag.split(['-', '_']).collect();
    let ok_shape = subtags
        .iter()
        .all(|s| (1..=8).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric()));
    let first = subtags.first()?;
    if !ok_shape
        || !(2..=3).contains(&first.len())
        || !first.chars().all(|c| c.is_ascii_alphabetic())
    {
        return None;
    }
    let mut out = first.to_ascii_lowercase();
    let mut extension = false;
    for (i, s) in subtags.iter().enumerate().skip(1) {
        out.push('-');
        // After an extension or private-use singleton, subtags are lower case as is.
        if s.len() == 1 {
            extension = true;
        }
        let cased = if extension {
            s.to_ascii_lowercase()
        } else if s.len() == 4 && i == 1 && s.chars().all(|c| c.is_ascii_alphabetic()) {
            let mut c = s.to_ascii_lowercase();
            c[..1].make_ascii_uppercase();
            c
        } else if (s.len() == 2 && s.chars().all(|c| c.is_ascii_alphabetic()))
            || (s.len() == 3 && s.chars().all(|c| c.is_ascii_digit()))
        {
            s.to_ascii_uppercase()
        } else {
            s.to_ascii_lowercase()
        };
        out.push_str(&cased);
    }
    Some(out)
}

/// Authors as person names: `By ` and its kin stripped, `A and B, The Paper` split
/// into A and B, duplicates dropped. An entry that does not parse as names (`danah
/// boyd`, `BBC News`) is kept as written, prefix stripped.
fn authors(raw: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for a in raw {
        let a = a.split_whitespace().collect::<Vec<_>>().join(" ");
        let rest = strip_byline_prefix(&a).unwrap_or(&a).trim();
        let names = byline_names(rest);
        let names = if names.is_empty() {
            vec![rest.to_string()]
        } else {
            names
        };
        for n in names {
            if !n.is_empty() && !out.contains(&n) {
                out.push(n);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_in_canonical_case() {
        assert_eq!(bcp47("EN_US").as_deref(), Some("en-US"));
        assert_eq!(bcp47("en-us").as_deref(), Some("en-US"));
        assert_eq!(bcp47("zh-hant-tw").as_deref(), Some("zh-Hant-TW"));
        assert_eq!(bcp47("es-419").as_deref(), Some("es-419"));
        assert_eq!(bcp47(" fr ").as_deref(), Some("fr"));
        assert_eq!(bcp47("de-DE-x-Phonebk").as_deref(), Some("de-DE-x-phonebk"));
        assert_eq!(bcp47("english please"), None);
        assert_eq!(bcp47(""), None);
    }

    #[test]
    fn authors_are_names_without_byline_words() {
        let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(authors(v(&["By Jane Doe"])), v(&["Jane Doe"]));
        assert_eq!(
            authors(v(&["Ann Lee and Bo Chan, The Paper"])),
            v(&["Ann Lee", "Bo Chan"])
        );
        assert_eq!(
            authors(v(&["By Jenny Walsh, Business reporter"])),
            v(&["Jenny Walsh"])
        );
        assert_eq!(
            authors(v(&["Ann Lee, Bo Chan and Cy Dunn"])),
            v(&["Ann Lee", "Bo Chan", "Cy Dunn"])
        );
        assert_eq!(
            authors(v(&["danah boyd", "danah boyd"])),
            v(&["danah boyd"])
        );
    }

    #[test]
    fn source_is_the_host_when_nothing_names_the_outlet() {
        assert_eq!(
            host("https://www.example.com/a/b").as_deref(),
            Some("example.com")
        );
        assert_eq!(host("file:///tmp/001.txt"), None);
        let mut a = Article {
            url: Some("https://news.example.org/x".into()),
            language: Some("EN_gb".into()),
            ..Default::default()
        };
        finish(&mut a, None);
        assert_eq!(a.source.as_deref(), Some("news.example.org"));
        assert_eq!(a.language.as_deref(), Some("en-GB"));
    }
}
