//! HTML to blocks without a DOM: one pass of the tokenizer, a bounded stack of open
//! block elements, text flushed at every block boundary with the kind of the innermost
//! block element (heading, list item, blockquote, caption, else paragraph).

use super::tokenizer::{is_void, no_depth, Token, Tokenizer};
use newsgraph_model::{BlockKind, FurnitureKind};

/// Elements that start a new block.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "main"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "figure"
            | "figcaption"
            | "table"
            | "tbody"
            | "thead"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "pre"
            | "br"
            | "hr"
            | "form"
            | "address"
            | "details"
            | "summary"
            | "caption"
            | "center"
            | "body"
            | "html"
            | "fieldset"
            | "legend"
            | "menu"
            | "button"
            | "label"
            | "option"
            | "img"
            | "video"
            | "audio"
            | "picture"
    )
}

/// Elements whose content is never visible text.
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "head" | "svg" | "template" | "math" | "select" | "object" | "canvas" | "map"
    )
}

const MAX_STACK: usize = 4096;

/// A visible-text block of an HTML page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlBlock {
    pub kind: BlockKind,
    pub text: String,
}

struct Builder {
    /// Open block elements, innermost last: name and index into `layout.elements`
    /// (`NO_ELEMENT` when the layout is not recorded).
    stack: Vec<(String, u32)>,
    overflow: usize,
    buf: String,
    space: bool,
    out: Vec<HtmlBlock>,
    /// The page region of each block of `out` (see [`region_of`]).
    regions: Vec<Option<FurnitureKind>>,
    /// Open `<a>` elements: words pushed while one is open are link words.
    links_open: usize,
    /// Words and link words of the block being filled.
    words: u32,
    link_words: u32,
    /// The element tree and per-block details, when asked for ([`page_layout`]).
    layout: Option<Layout>,
}

/// The element index on the stack when the layout is not recorded.
const NO_ELEMENT: u32 = u32::MAX;

/// One block element of a page, as [`page_layout`] records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    /// Lowercased tag name.
    pub name: String,
    /// The enclosing block element, if any.
    pub parent: Option<u32>,
    /// Lowercased words of its `class` and `id` attributes (`article-body main` →
    /// `article`, `body`, `main`; a final `s` of five letters or more dropped, each word
    /// once), and `role` / `itemprop` values with a prefix (`role:main`,
    /// `itemprop:articlebody`): what page templates name their parts.
    pub marks: Vec<String>,
}

/// What [`page_layout`] knows of one block beyond its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockDetail {
    /// The innermost open block element (`None` at the top level).
    pub element: Option<u32>,
    /// Whitespace-separated words, and those inside `<a>` elements.
    pub words: u32,
    pub link_words: u32,
    pub region: Option<FurnitureKind>,
}

/// A page as blocks in the tree of block elements they sit in: what a learned block
/// classifier reads (`learned/`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    pub blocks: Vec<HtmlBlock>,
    /// One per block of `blocks`.
    pub details: Vec<BlockDetail>,
    pub elements: Vec<Element>,
}

/// Marks kept per element, and the longest mark word.
const MAX_MARKS: usize = 8;
const MAX_MARK_LEN: usize = 24;

/// The mark words of an element's attributes (see [`Element::marks`]).
fn marks_of(attrs: &[(std::borrow::Cow<'_, str>, std::borrow::Cow<'_, str>)]) -> Vec<String> {
    let mut marks = Vec::new();
    for (k, v) in attrs {
        match k.as_ref() {
            "class" | "id" => {
                for w in v.split(|c: char| !c.is_ascii_alphanumeric()) {
                    if marks.len() >= MAX_MARKS {
                        break;
                    }
                    if w.len() >= 2
                        && w.len() <= MAX_MARK_LEN
                        && !w.bytes().all(|b| b.is_ascii_digit())
                    {
                        let mut w = w.to_ascii_lowercase();
                        // `comments` and `comment` are one mark, and each is kept once:
                        // the learned extractor's features count a word once.
                        if w.len() >= 5 && w.ends_with('s') {
                            w.pop();
                        }
                        if !marks.contains(&w) {
                            marks.push(w);
                        }
                    }
                }
            }
            "role" | "itemprop" if v.len() <= MAX_MARK_LEN => {
                let m = format!("{k}:{}", v.trim().to_ascii_lowercase());
                if !marks.contains(&m) {
                    marks.push(m);
                }
            }
            _ => {}
        }
    }
    marks
}

/// The furniture kind of the page region an element opens: navigation, a sidebar of
/// related links, the page footer. `<header>` is not one: articles put their headline
/// and byline in it.
fn region_of(name: &str) -> Option<FurnitureKind> {
    match name {
        "nav" | "menu" => Some(FurnitureKind::Nav),
        "aside" => Some(FurnitureKind::Related),
        "footer" => Some(FurnitureKind::Footer),
        _ => None,
    }
}

impl Builder {
    fn kind(&self) -> BlockKind {
        let mut kind = BlockKind::Paragraph;
        for (name, _) in self.stack.iter().rev() {
            match name.as_str() {
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => return BlockKind::Heading,
                "li" | "dd" | "dt" if kind == BlockKind::Paragraph => kind = BlockKind::ListItem,
                "figcaption" | "caption" => return BlockKind::Caption,
                "blockquote" => return BlockKind::Blockquote,
                _ => {}
            }
        }
        kind
    }

    fn flush(&mut self) {
        let t = self.buf.trim();
        if !t.is_empty() {
            let kind = self.kind();
            self.out.push(HtmlBlock {
                kind,
                text: t.to_string(),
            });
            let region = self.stack.iter().rev().find_map(|(n, _)| region_of(n));
            self.regions.push(region);
            if let Some(layout) = &mut self.layout {
                layout.details.push(BlockDetail {
                    element: self.stack.last().map(|(_, e)| *e),
                    words: self.words,
                    link_words: self.link_words,
                    region,
                });
            }
        }
        self.buf.clear();
        self.space = false;
        self.words = 0;
        self.link_words = 0;
    }

    /// Opens a block element (recorded in the layout when there is one).
    fn open(
        &mut self,
        name: String,
        attrs: &[(std::borrow::Cow<'_, str>, std::borrow::Cow<'_, str>)],
    ) {
        if self.stack.len() >= MAX_STACK {
            self.overflow += 1;
            return;
        }
        let element = match &mut self.layout {
            Some(layout) => {
                let id = layout.elements.len() as u32;
                layout.elements.push(Element {
                    name: name.clone(),
                    parent: self.stack.last().map(|(_, e)| *e),
                    marks: marks_of(attrs),
                });
                id
            }
            None => NO_ELEMENT,
        };
        self.stack.push((name, element));
    }

    fn push_text(&mut self, s: &str) {
        // Runs of whitespace (and zero-width spaces) become one space between words;
        // the words are copied whole, not a character at a time.
        for (i, word) in s
            .split(|c: char| c.is_whitespace() || c == '\u{200b}')
            .enumerate()
        {
            if i > 0 {
                self.space = true;
            }
            if word.is_empty() {
                continue;
            }
            if self.space && !self.buf.is_empty() {
                self.buf.push(' ');
            }
            self.space = false;
            self.buf.push_str(word);
            self.words += 1;
            if self.links_open > 0 {
                self.link_words += 1;
            }
        }
    }
}

/// Splits HTML into visible-text blocks, in document order.
pub fn html_blocks(html: &str) -> Vec<HtmlBlock> {
    html_blocks_with_regions(html).0
}

/// Visible-text blocks with the page region (`<nav>`, `<aside>`, `<footer>`) each one is
/// in, if any: what a main-text extractor cut can be recorded as furniture.
pub fn html_blocks_with_regions(html: &str) -> (Vec<HtmlBlock>, Vec<Option<FurnitureKind>>) {
    let b = build(html, None);
    (b.out, b.regions)
}

/// The page's blocks with the block elements they sit in, their words and link words:
/// one pass, as [`html_blocks_with_regions`].
pub fn page_layout(html: &str) -> Layout {
    let b = build(html, Some(Layout::default()));
    let mut layout = b.layout.unwrap_or_default();
    layout.blocks = b.out;
    layout
}

fn build(html: &str, layout: Option<Layout>) -> Builder {
    let mut b = Builder {
        stack: Vec::new(),
        overflow: 0,
        buf: String::new(),
        space: false,
        out: Vec::new(),
        regions: Vec::new(),
        links_open: 0,
        words: 0,
        link_words: 0,
        layout,
    };
    let mut skip: Option<(String, usize)> = None;
    for tok in Tokenizer::new(html) {
        if let Some((name, depth)) = skip.as_mut() {
            match &tok {
                // A `<head>` never closed ends where the body starts.
                Token::Start { name: n, .. } if name == "head" && n == "body" => {
                    skip = None;
                    continue;
                }
                Token::Start {
                    name: n,
                    self_closing: false,
                    ..
                } if n == name && !is_void(n) => *depth += 1,
                Token::End { name: n } if n == name => {
                    *depth -= 1;
                    if *depth == 0 {
                        skip = None;
                    }
                }
                _ => {}
            }
            continue;
        }
        match tok {
            Token::Text(t) => b.push_text(&t),
            Token::Raw { .. } => {}
            Token::Start {
                name,
                attrs,
                self_closing,
            } => {
                // `hidden` is not honoured: script-rendered pages (Next.js streaming) ship
                // their content in hidden containers and reveal it.
                let hidden = attrs.iter().any(|(k, v)| {
                    k == "style"
                        && v.replace(' ', "")
                            .to_ascii_lowercase()
                            .contains("display:none")
                });
                if (is_skipped(&name) || hidden) && !self_closing && !is_void(&name) {
                    skip = Some((name.into_owned(), 1));
                    continue;
                }
                if is_block(&name) {
                    b.flush();
                    if !is_void(&name) && !self_closing {
                        b.open(name.into_owned(), &attrs);
                    }
                } else if name == "a" && !self_closing {
                    b.links_open += 1;
                }
            }
            Token::End { name } => {
                if name == "a" {
                    b.links_open = b.links_open.saturating_sub(1);
                } else if is_block(&name) {
                    b.flush();
                    if b.overflow > 0 {
                        b.overflow -= 1;
                    } else if let Some(pos) =
                        b.stack.iter().rev().take(64).position(|(n, _)| *n == name)
                    {
                        let at = b.stack.len() - 1 - pos;
                        b.stack.truncate(at);
                    }
                }
            }
        }
    }
    b.flush();
    b
}

/// All visible text of an HTML page, one block per line: what a person would get by
/// selecting the whole page and copying it (navigation and footers included).
pub fn page_text(html: &str) -> String {
    let blocks = html_blocks(html);
    // Sized once (a big page's text is tens of megabytes; doubling would hold two).
    let mut out = String::with_capacity(blocks.iter().map(|b| b.text.len() + 1).sum());
    for bl in blocks {
        out.push_str(&bl.text);
        out.push('\n');
    }
    out
}

/// Greatest nesting depth of non-void elements (an upper bound: unclosed elements
/// count as open).
pub fn nesting_depth(html: &str) -> usize {
    let mut depth = 0usize;
    let mut max = 0usize;
    for tok in Tokenizer::new(html) {
        match tok {
            Token::Start {
                name,
                self_closing: false,
                ..
            } if !no_depth(&name) => {
                depth += 1;
                max = max.max(depth);
            }
            Token::End { name } if !no_depth(&name) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_with_kinds() {
        let html = "<html><head><title>T</title><style>p{}</style></head><body><nav>Home</nav>\
            <h1>Head line</h1><p>First <b>bold</b>\n para.</p><ul><li>One</li><li>Two</li></ul>\
            <blockquote><p>Quoted.</p></blockquote><figure><img src=x><figcaption>Cap</figcaption></figure>\
            <div style=\"display: none\">secret</div><script>var x;</script><p>Line<br>break</p></body></html>";
        let bl = html_blocks(html);
        let got: Vec<(BlockKind, &str)> = bl.iter().map(|b| (b.kind, b.text.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (BlockKind::Paragraph, "Home"),
                (BlockKind::Heading, "Head line"),
                (BlockKind::Paragraph, "First bold para."),
                (BlockKind::ListItem, "One"),
                (BlockKind::ListItem, "Two"),
                (BlockKind::Blockquote, "Quoted."),
                (BlockKind::Caption, "Cap"),
                (BlockKind::Paragraph, "Line"),
                (BlockKind::Paragraph, "break"),
            ]
        );
    }

    #[test]
    fn deep_nesting_is_linear_and_safe() {
        let n = 100_000;
        let html = format!("{}deep text{}", "<div>".repeat(n), "</div>".repeat(n));
        assert_eq!(nesting_depth(&html), n);
        assert_eq!(page_text(&html).trim(), "deep text");
    }
}
