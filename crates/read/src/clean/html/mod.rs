//! HTML pages to articles: metadata from the page, main text from the chosen
//! [`Extractor`], furniture cut from the extracted blocks. Pages too large or too deeply
//! nested for a DOM are cleaned from their visible text by the text-dump cleaner.

mod blocks;
mod extractor;
pub mod learned;
mod metadata;
mod tokenizer;

pub use blocks::{
    html_blocks, html_blocks_with_regions, nesting_depth, page_layout, page_text, BlockDetail,
    Element, HtmlBlock, Layout,
};
pub use extractor::{
    Auto, Both, Extracted, Extractor, MainTextExtractor, Readability, Trafilatura,
};
pub(crate) use metadata::iso_date as iso_date_pub;
pub use metadata::{page_meta, PageMeta};

use super::furniture::{byline, credit_line, label_kind, line_kind};
use newsgraph_model::{Article, BlockKind, Furniture, FurnitureItem, FurnitureKind, Meta};

/// Pages larger than this skip the DOM extractors (bounded time on huge pages); `auto`
/// and `learned` read them with the learned extractor alone.
const MAX_DOM_BYTES: usize = 4 * 1024 * 1024;
/// Pages nested deeper than this skip the DOM extractors (no deep recursion); `auto`
/// and `learned` read them with the learned extractor alone.
const MAX_DOM_DEPTH: usize = 400;

fn merge_meta(mut meta: Meta, pm: &PageMeta, ex: Option<&Extracted>) -> (Meta, Option<String>) {
    if meta.url.is_none() {
        meta.url = pm.url.clone();
    }
    if let Some(s) = pm
        .site_name
        .clone()
        .or_else(|| ex.and_then(|e| e.site_name.clone()))
    {
        meta.source = Some(s);
    }
    if meta.language.is_none() {
        meta.language = pm
            .language
            .clone()
            .or_else(|| ex.and_then(|e| e.language.clone()));
    }
    if meta.published.is_none() {
        meta.published = pm
            .published
            .clone()
            .or_else(|| ex.and_then(|e| e.published.clone()));
    }
    if meta.authors.is_empty() {
        meta.authors = if pm.authors.is_empty() {
            ex.map(|e| e.authors.clone()).unwrap_or_default()
        } else {
            pm.authors.clone()
        };
    }
    let title = pm
        .title
        .clone()
        .or_else(|| ex.and_then(|e| e.title.clone()));
    (meta, title)
}

/// The first `max` bytes of `s`, cut at a char boundary.
fn prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Blocks with at least this many words are kept only once, when they appear at most
/// `MAX_COPIES` times.
const REPEAT_MIN_WORDS: usize = 6;

/// Cuts labelled furniture ("Related", "Read also" + its list, share lines) and repeated
/// paragraphs out of the extracted blocks.
fn cut_furniture(
    blocks: Vec<HtmlBlock>,
    title: Option<&str>,
) -> (Vec<(BlockKind, String)>, Vec<Furniture>) {
    let mut body = Vec::with_capacity(blocks.len());
    let mut furniture: Vec<Furniture> = Vec::new();
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut copies: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for b in &blocks {
        if b.text
            .split_whitespace()
            .nth(REPEAT_MIN_WORDS - 1)
            .is_some()
        {
            *copies.entry(b.text.as_str()).or_default() += 1;
        }
    }
    let mut i = 0;
    while i < blocks.len() {
        let b = &blocks[i];
        // The page's own headline repeated at the top of the content.
        if body.is_empty() && title.is_some_and(|t| super::same_text(t, &b.text)) {
            i += 1;
            continue;
        }
        if b.kind != BlockKind::Paragraph || b.text.split_whitespace().count() <= 6 {
            if let Some(kind) = label_kind(&b.text).filter(|k| {
                matches!(
                    k,
                    FurnitureKind::Related
                        | FurnitureKind::Latest
                        | FurnitureKind::Share
                        | FurnitureKind::Comments
                        | FurnitureKind::Nav
                )
            }) {
                let mut items = Vec::new();
                let mut j = i + 1;
                while j < blocks.len() && blocks[j].kind == BlockKind::ListItem && items.len() < 50
                {
                    items.push(FurnitureItem {
                        text: blocks[j].text.clone(),
                        time: None,
                        url: None,
                    });
                    j += 1;
                }
                furniture.push(Furniture {
                    kind,
                    label: Some(b.text.trim_end_matches([':', ' ']).to_string()),
                    items,
                });
                i = j;
                continue;
            }
        }
        if b.kind != BlockKind::Heading && b.text.split_whitespace().nth(12).is_none() {
            // Share bars, footers, bylines (`By Jane Doe, Business reporter`), photo
            // credits (`Photo : BSS`), caption toggles and paywall prompts.
            let kind = line_kind(&b.text)
                .or_else(|| label_kind(&b.text).filter(|k| *k == FurnitureKind::Ad))
                .or_else(|| byline(&b.text).map(|_| FurnitureKind::Byline))
                .or_else(|| credit_line(&b.text).then_some(FurnitureKind::Byline));
            if let Some(kind) = kind {
                furniture.push(Furniture {
                    kind,
                    label: None,
                    items: vec![FurnitureItem {
                        text: b.text.clone(),
                        time: None,
                        url: None,
                    }],
                });
                i += 1;
                continue;
            }
        }
        // A paragraph repeated (pull quotes, widgets rendered twice) is kept once.
        if b.text
            .split_whitespace()
            .nth(REPEAT_MIN_WORDS - 1)
            .is_some()
            && copies
                .get(b.text.as_str())
                .is_some_and(|&n| n <= super::MAX_COPIES)
            && !seen.insert(b.text.as_str())
        {
            i += 1;
            continue;
        }
        body.push((b.kind, b.text.clone()));
        i += 1;
    }
    (body, furniture)
}

/// Items kept per recorded page region, and regions recorded per page.
const MAX_REGION_ITEMS: usize = 50;
const MAX_REGIONS: usize = 20;

/// The page regions the extractor left out (`<nav>`, `<aside>`, `<footer>`), as
/// furniture: what was cut is recorded, not only what was labelled. Text that is in the
/// body, or already in `known` furniture, is not repeated; an `<aside>`'s heading that
/// is a furniture label (`Related`) becomes the region's label.
fn cut_regions(
    (blocks, regions): (Vec<HtmlBlock>, Vec<Option<FurnitureKind>>),
    body: &[(BlockKind, String)],
    known: &[Furniture],
) -> Vec<Furniture> {
    let mut seen: std::collections::HashSet<&str> = body.iter().map(|(_, t)| t.as_str()).collect();
    for f in known {
        seen.extend(f.label.as_deref());
        seen.extend(f.items.iter().map(|i| i.text.as_str()));
    }
    let mut out: Vec<Furniture> = Vec::new();
    let mut prev: Option<FurnitureKind> = None;
    for (b, region) in blocks.iter().zip(&regions) {
        let Some(kind) = *region else {
            prev = None;
            continue;
        };
        if seen.contains(b.text.as_str()) {
            continue;
        }
        let label = (b.kind == BlockKind::Heading || b.text.split_whitespace().count() <= 4)
            .then(|| label_kind(&b.text))
            .flatten();
        let open_new = prev != Some(kind) || label.is_some();
        if open_new {
            if out.len() >= MAX_REGIONS {
                break;
            }
            out.push(Furniture {
                kind: label.unwrap_or(kind),
                label: label.map(|_| b.text.trim_end_matches([':', ' ']).to_string()),
                items: Vec::new(),
            });
            prev = Some(kind);
            if label.is_some() {
                continue;
            }
        }
        if let Some(f) = out.last_mut().filter(|f| f.items.len() < MAX_REGION_ITEMS) {
            f.items.push(FurnitureItem {
                text: b.text.clone(),
                time: None,
                url: None,
            });
        }
    }
    out.retain(|f| !f.items.is_empty() || f.label.is_some());
    out
}

/// Words of text inside the page's `<p>` elements and words of all its text, as the
/// `auto` extractor's gate counts them (for measuring the gate:
/// `crates/eval/examples/extraction_gate.rs`).
pub fn gate_words(html: &str) -> (usize, usize) {
    let d = tokenizer::strip_for_dom(html);
    (d.paragraph_words, d.text_words)
}

/// Cleans one HTML page into an article. `meta` holds what the container knew (URL,
/// feed date, ...); the page's own metadata fills the gaps.
pub fn clean_html(html: &str, meta: Meta, extractor: Extractor) -> Article {
    clean_html_by(
        html,
        meta,
        |dom, url| match extractor {
            Extractor::Auto => Auto {
                paragraph_words: dom.paragraph_words,
                text_words: dom.text_words,
            }
            .extract(&dom.html, url),
            Extractor::Both => Both.extract(&dom.html, url),
            Extractor::Trafilatura => Trafilatura.extract(&dom.html, url),
            Extractor::Learned => learned::Learned::default().extract(&dom.html, url),
            Extractor::Readability => Readability.extract(&dom.html, url),
            Extractor::PageText => None,
        },
        match extractor {
            Extractor::Auto | Extractor::Learned => {
                Some(learned::BlockModel::shipped()).filter(|m| m.is_trained())
            }
            _ => None,
        },
        extractor == Extractor::PageText,
    )
}

/// [`clean_html`] with the learned extractor's model given (training and its eval).
pub fn clean_html_with_model(html: &str, meta: Meta, model: &learned::BlockModel) -> Article {
    clean_html_by(
        html,
        meta,
        |dom, url| learned::Learned { model }.extract(&dom.html, url),
        Some(model),
        false,
    )
}

/// `extract` runs on pages within the DOM limits; `linear`, when given, is the learned
/// extractor's model for the pages past them: it reads the page in one pass with no
/// recursion, so a page too big or too deep for a DOM still gets its main text picked,
/// not only its visible text cleaned as a dump.
fn clean_html_by(
    html: &str,
    meta: Meta,
    extract: impl FnOnce(&tokenizer::DomInput, Option<&str>) -> Option<Extracted>,
    linear: Option<&learned::BlockModel>,
    page_text_only: bool,
) -> Article {
    // Metadata lives in the head and near the top: on huge pages only the first
    // megabytes are scanned.
    let pm = page_meta(prefix(html, 2 * 1024 * 1024));
    let url = meta.url.clone().or_else(|| pm.url.clone());
    let too_big = html.len() > MAX_DOM_BYTES;
    let (extracted, page_blocks) = if page_text_only || (too_big && linear.is_none()) {
        (None, None)
    } else {
        // Script, style and SVG are often most of a page's bytes: the DOM parse is
        // cheaper without them, and no extractor reads them.
        let dom = tokenizer::strip_for_dom(html);
        let mut ex = if too_big || dom.depth > MAX_DOM_DEPTH {
            linear.and_then(|model| learned::Learned { model }.extract(&dom.html, url.as_deref()))
        } else {
            extract(&dom, url.as_deref())
        };
        // The page's blocks with their regions, for recording what was cut: the
        // learned extractor made them already; else one more pass over the page, made
        // here so that the page is dropped before the article is built.
        let page_blocks = ex.as_mut().map(|e| {
            e.page_blocks
                .take()
                .unwrap_or_else(|| html_blocks_with_regions(&dom.html))
        });
        (ex, page_blocks)
    };
    let (meta, title) = merge_meta(meta, &pm, extracted.as_ref());
    match extracted {
        Some(ex) => {
            let (body, mut furniture) = cut_furniture(ex.blocks, title.as_deref());
            if let Some(page_blocks) = page_blocks {
                furniture.extend(cut_regions(page_blocks, &body, &furniture));
            }
            let mut a = Article::from_blocks(meta, title, &body);
            a.furniture = furniture;
            a
        }
        None => {
            // Visible text through the text-dump cleaner; the page title replaces the
            // first line's guess when the page has one.
            let text = page_text(html);
            super::textdump::clean_text_titled(&text, meta, title)
        }
    }
}

/// Cleans an HTML fragment that is already the article's content (a feed item's
/// `content:encoded`, say): blocks straight from the markup, furniture cut.
pub fn clean_fragment(html: &str, meta: Meta, title: Option<String>) -> Article {
    let (body, furniture) = cut_furniture(html_blocks(html), title.as_deref());
    let mut a = Article::from_blocks(meta, title, &body);
    a.furniture = furniture;
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_paragraphs_are_kept_once() {
        let long = "A paragraph long enough to be a real one.";
        let blocks = [
            long,
            "Short one.",
            long,
            "Short one.",
            "Another paragraph with quite a few words.",
        ]
        .iter()
        .map(|t| HtmlBlock {
            kind: BlockKind::Paragraph,
            text: t.to_string(),
        })
        .collect();
        let (body, _) = cut_furniture(blocks, None);
        let texts: Vec<&str> = body.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                long,
                "Short one.",
                "Short one.",
                "Another paragraph with quite a few words."
            ]
        );
    }
}
