//! Main-text extraction behind one trait, [`MainTextExtractor`], with the crates we
//! measured wrapped behind it (see ARCH.md for the numbers that chose the default).

use super::blocks::{html_blocks, HtmlBlock};
use super::learned::{BlockModel, Learned};

/// Which main-text extractor to use for HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Extractor {
    /// `learned`, and the DOM extractors only when its output looks short against the
    /// page: less than half the words the page has in `<p>` elements, or less than a
    /// fifth of all its text (about 4% of WCXB pages). Then readability, and trafilatura
    /// too when readability looks short by the same test (as `both`). Also accepted as
    /// `fast` (its former name).
    #[default]
    Auto,
    /// Both DOM extractors on every page, the readability output kept unless
    /// trafilatura's is much longer (readability under-extracts more often than it
    /// over-extracts). Slightly better F1 than `auto` at several times the cost.
    Both,
    /// `rs-trafilatura` (a Rust port of trafilatura).
    Trafilatura,
    /// `dom_smoothie` (a Rust port of Mozilla Readability).
    Readability,
    /// Our own block classifier (`learned/`): the reader's tokenizer, no DOM, a trained
    /// logistic regression over block features.
    Learned,
    /// No extractor: every visible block of the page, cleaned by the text-dump cleaner.
    PageText,
}

impl Extractor {
    pub const ALL: [Extractor; 6] = [
        Extractor::Auto,
        Extractor::Both,
        Extractor::Trafilatura,
        Extractor::Readability,
        Extractor::Learned,
        Extractor::PageText,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Extractor::Auto => "auto",
            Extractor::Both => "both",
            Extractor::Trafilatura => "trafilatura",
            Extractor::Readability => "readability",
            Extractor::Learned => "learned",
            Extractor::PageText => "page-text",
        }
    }
}

impl std::str::FromStr for Extractor {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        if s == "fast" {
            return Ok(Extractor::Auto);
        }
        let e = Extractor::ALL
            .into_iter()
            .find(|e| e.name() == s)
            .ok_or_else(|| {
                format!("unknown extractor {s:?} (auto, both, trafilatura, readability, learned, page-text)")
            })?;
        if matches!(e, Extractor::Both | Extractor::Trafilatura) && !Trafilatura::AVAILABLE {
            return Err(format!(
                "extractor {s:?} is not in this build (newsgraph-read feature `trafilatura`)"
            ));
        }
        Ok(e)
    }
}

/// What an extractor found: the main content as blocks, plus what it knows of the page.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    pub blocks: Vec<HtmlBlock>,
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<String>,
    pub site_name: Option<String>,
    pub language: Option<String>,
    /// Every block of the page with its region (`<nav>`, `<aside>`, `<footer>`), when the
    /// extractor made them anyway: what was cut is recorded from these without cutting
    /// the page into blocks again.
    pub page_blocks: Option<(Vec<HtmlBlock>, Vec<Option<newsgraph_model::FurnitureKind>>)>,
}

/// Finds the main content of an HTML page. `None` when it finds nothing.
pub trait MainTextExtractor {
    fn extract(&self, html: &str, url: Option<&str>) -> Option<Extracted>;
}

/// Plain text with one paragraph per line to blocks.
#[cfg(feature = "trafilatura")]
fn text_blocks(text: &str) -> Vec<HtmlBlock> {
    use newsgraph_model::BlockKind;
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| HtmlBlock {
            kind: BlockKind::Paragraph,
            text: l.split_whitespace().collect::<Vec<_>>().join(" "),
        })
        .collect()
}

pub struct Trafilatura;

impl Trafilatura {
    /// Whether this build has rs-trafilatura (feature `trafilatura`); without it
    /// [`Trafilatura`] extracts nothing and `auto` is readability alone.
    pub const AVAILABLE: bool = cfg!(feature = "trafilatura");
}

#[cfg(not(feature = "trafilatura"))]
impl MainTextExtractor for Trafilatura {
    fn extract(&self, _html: &str, _url: Option<&str>) -> Option<Extracted> {
        None
    }
}

#[cfg(feature = "trafilatura")]
impl MainTextExtractor for Trafilatura {
    fn extract(&self, html: &str, url: Option<&str>) -> Option<Extracted> {
        // Every page we read is taken for an article: skips the page-type classifier
        // (a fifth of the extractor's time) at no cost in F1 on WCXB articles.
        let opts = rs_trafilatura::Options {
            url: url.map(str::to_string),
            page_type: Some(rs_trafilatura::page_type::PageType::Article),
            ..Default::default()
        };
        let r = rs_trafilatura::extract_with_options(html, &opts).ok()?;
        let mut blocks = r
            .content_html
            .as_deref()
            .map(html_blocks)
            .unwrap_or_default();
        if blocks.is_empty() {
            blocks = text_blocks(&r.content_text);
        }
        if blocks.is_empty() {
            return None;
        }
        let m = r.metadata;
        Some(Extracted {
            blocks,
            title: m.title,
            authors: m
                .author
                .map(|a| {
                    a.split(';')
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
            published: m.date.map(|d| d.format("%Y-%m-%d").to_string()),
            site_name: m.sitename,
            language: m.language,
            page_blocks: None,
        })
    }
}

pub struct Readability;

impl MainTextExtractor for Readability {
    fn extract(&self, html: &str, url: Option<&str>) -> Option<Extracted> {
        let url = url.filter(|u| u.starts_with("http"));
        // JSON-LD is read by `metadata.rs` from the original page: readability parsing
        // it again only costs time.
        let cfg = dom_smoothie::Config {
            disable_json_ld: true,
            ..Default::default()
        };
        let mut r = dom_smoothie::Readability::new(html, url, Some(cfg)).ok()?;
        let a = r.parse().ok()?;
        let blocks = html_blocks(&a.content);
        if blocks.is_empty() {
            return None;
        }
        Some(Extracted {
            blocks,
            title: Some(a.title).filter(|t| !t.trim().is_empty()),
            authors: a.byline.into_iter().collect(),
            published: a.published_time,
            site_name: a.site_name,
            language: a.lang,
            page_blocks: None,
        })
    }
}

fn words(e: &Extracted) -> usize {
    e.blocks
        .iter()
        .map(|b| b.text.split_whitespace().count())
        .sum()
}

/// How much longer trafilatura's output must be to be preferred (tuned on WCXB dev:
/// see ARCH.md).
const AUTO_RATIO: f64 = 1.7;

pub struct Both;

/// Readability output shorter than this share of the page's paragraph words makes
/// `auto` consult trafilatura too ...
const FAST_MIN_SHARE: f64 = 0.5;
/// ... and so does output shorter than this share of all the page's text. Both are
/// relative, so a short page pays for the second extractor no more often than a long
/// one (the 400-word minimum this replaced sent every short article to both). Chosen
/// on the WCXB dev tune half, see ARCH.md.
const FAST_MIN_TEXT_SHARE: f64 = 0.2;

/// `learned`, then readability, then `both`, each only where the one before looks
/// short against the page.
pub struct Auto {
    /// Words inside the page's `<p>` elements (0 when unknown).
    pub paragraph_words: usize,
    /// Words of all the page's text (0 when unknown).
    pub text_words: usize,
}

impl Auto {
    fn looks_short(&self, r: &Extracted) -> bool {
        let n = words(r) as f64;
        n < FAST_MIN_SHARE * self.paragraph_words as f64
            || n < FAST_MIN_TEXT_SHARE * self.text_words as f64
    }
}

impl MainTextExtractor for Auto {
    fn extract(&self, html: &str, url: Option<&str>) -> Option<Extracted> {
        let model = BlockModel::shipped();
        if model.is_trained() {
            let l = Learned { model }.extract(html, url);
            if let Some(l) = l.filter(|l| !self.looks_short(l)) {
                return Some(l);
            }
        }
        let r = Readability.extract(html, url);
        if r.as_ref().is_some_and(|r| !self.looks_short(r)) {
            return r;
        }
        combine(r, Trafilatura.extract(html, url))
    }
}

impl MainTextExtractor for Both {
    fn extract(&self, html: &str, url: Option<&str>) -> Option<Extracted> {
        combine(
            Readability.extract(html, url),
            Trafilatura.extract(html, url),
        )
    }
}

/// Readability's output unless trafilatura's is much longer.
fn combine(r: Option<Extracted>, t: Option<Extracted>) -> Option<Extracted> {
    {
        match (r, t) {
            (Some(mut r), Some(t)) => {
                let (nr, nt) = (words(&r), words(&t));
                if nt as f64 > AUTO_RATIO * nr as f64 {
                    Some(t)
                } else {
                    // Keep trafilatura's metadata where readability has none.
                    r.title = r.title.or(t.title);
                    if r.authors.is_empty() {
                        r.authors = t.authors;
                    }
                    r.published = r.published.or(t.published);
                    r.site_name = r.site_name.or(t.site_name);
                    r.language = r.language.or(t.language);
                    Some(r)
                }
            }
            (r, t) => r.or(t),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_model::BlockKind;

    fn extracted(words: usize) -> Extracted {
        let text = vec!["word"; words].join(" ");
        Extracted {
            blocks: vec![HtmlBlock {
                kind: BlockKind::Paragraph,
                text,
            }],
            ..Default::default()
        }
    }

    #[test]
    fn auto_consults_trafilatura_only_when_readability_looks_short() {
        // Nothing known of the page: readability's output stands, however short.
        let unknown = Auto {
            paragraph_words: 0,
            text_words: 0,
        };
        assert!(!unknown.looks_short(&extracted(20)));
        // Half the page's paragraph text missing: short, however long.
        let page = Auto {
            paragraph_words: 2000,
            text_words: 2500,
        };
        assert!(page.looks_short(&extracted(999)));
        assert!(!page.looks_short(&extracted(1000)));
        // A short page whose paragraphs readability kept is not short ...
        let small = Auto {
            paragraph_words: 150,
            text_words: 600,
        };
        assert!(!small.looks_short(&extracted(140)));
        // ... unless most of the page's text is left out.
        assert!(small.looks_short(&extracted(110)));
    }

    #[test]
    fn combine_prefers_much_longer_trafilatura_output() {
        let r = extracted(100);
        assert_eq!(
            words(&combine(Some(r.clone()), Some(extracted(171))).unwrap()),
            171
        );
        assert_eq!(
            words(&combine(Some(r.clone()), Some(extracted(169))).unwrap()),
            100
        );
        assert_eq!(words(&combine(None, Some(extracted(5))).unwrap()), 5);
        assert!(combine(None, None).is_none());
        assert_eq!("fast".parse::<Extractor>(), Ok(Extractor::Auto));
        assert_eq!(Extractor::default().name(), "auto");
    }
}
