//! The features of each block of a page, as the block classifier reads them: what the
//! block is (element, words, link share, punctuation), where it sits (page region,
//! ancestor elements and the words their `class`/`id` attributes are made of, position),
//! its neighbours, and whether it is inside the page's best text container: the element
//! a Readability-style score picks (paragraph scores added to the paragraph's ancestors,
//! discounted by their link share), computed here in one pass over the blocks instead
//! of over a DOM.

use super::super::blocks::Layout;
use newsgraph_model::BlockKind;

/// Ancestor levels whose marks are features of their own (the block's element, its
/// parent, its grandparent); the marks of every level up to `FAR_LEVELS` are also pooled.
const NEAR_LEVELS: usize = 3;
const FAR_LEVELS: usize = 12;
/// Ancestors a block's words are added to (pages nest far deeper than text matters).
const MAX_UP: usize = 64;
/// Ancestor levels a paragraph's score reaches, as Readability's.
const SCORE_LEVELS: usize = 5;

/// Where features go: collected by name (training, `explain`) or scored on the fly.
pub(crate) trait Sink {
    fn feature(&mut self, name: std::fmt::Arguments<'_>);
    /// The features of one block are complete.
    fn end_block(&mut self);
}

/// Features by name, one list per block.
#[derive(Default)]
pub(crate) struct Named {
    pub blocks: Vec<Vec<String>>,
    current: Vec<String>,
}

impl Sink for Named {
    fn feature(&mut self, name: std::fmt::Arguments<'_>) {
        self.current.push(name.to_string());
    }
    fn end_block(&mut self) {
        // No dedup: the features of a block are distinct where they are made, and the
        // scorer counts each as it comes, so training must see them the same way.
        self.blocks.push(std::mem::take(&mut self.current));
    }
}

/// The stage-1 features of every block of `layout`, in block order.
pub(crate) fn page_features(layout: &Layout, sink: &mut impl Sink) {
    let ctx = Context::new(layout);
    let stats: Vec<TextStats> = layout
        .blocks
        .iter()
        .map(|b| TextStats::of(&b.text))
        .collect();
    for i in 0..layout.blocks.len() {
        block_features(layout, &ctx, &stats, i, sink);
        sink.end_block();
    }
}

/// [`page_features`] by name.
pub(crate) fn page_feature_names(layout: &Layout) -> Vec<Vec<String>> {
    let mut named = Named::default();
    page_features(layout, &mut named);
    named.blocks
}

/// What one block's text looks like.
#[derive(Clone, Copy)]
struct TextStats {
    commas: usize,
    /// Class of the last character: sentence end, colon, quote, other.
    end: &'static str,
    capitalised: usize,
    words: usize,
    digits_share: f32,
    chars: usize,
}

impl TextStats {
    fn of(text: &str) -> TextStats {
        let mut words = 0;
        let mut capitalised = 0;
        for w in text.split_whitespace() {
            words += 1;
            if w.chars().next().is_some_and(char::is_uppercase) {
                capitalised += 1;
            }
        }
        let (mut digits, mut chars) = (0usize, 0usize);
        for c in text.chars() {
            chars += 1;
            if c.is_ascii_digit() {
                digits += 1;
            }
        }
        let end = match text.chars().last() {
            Some('.' | '!' | '?' | '…') => "stop",
            Some(':') => "colon",
            Some('"' | '”' | '\'' | '’' | '»') => "quote",
            Some(',' | ';') => "comma",
            Some(c) if c.is_alphanumeric() => "word",
            _ => "other",
        };
        TextStats {
            commas: text.matches(',').count() + text.matches('，').count(),
            end,
            capitalised,
            words,
            digits_share: digits as f32 / chars.max(1) as f32,
            chars,
        }
    }
}

/// Page-level facts every block's features are relative to.
struct Context {
    /// Words and link words under each element.
    words: Vec<u32>,
    links: Vec<u32>,
    /// Words of good paragraphs (see [`is_good`]) under each element, and on the page.
    good: Vec<u32>,
    total_good: u32,
    /// The Readability-style score of each element (see the module doc).
    score: Vec<f32>,
    /// The best-scoring element, with the range of blocks inside it.
    best: Option<(u32, usize, usize)>,
    total_words: u32,
    first_h1: Option<usize>,
}

/// A block that reads as running text: long enough, few links, ends a sentence.
fn is_good(text: &str, words: u32, link_words: u32) -> bool {
    words >= 12
        && link_words * 4 < words
        && text
            .trim_end_matches(['"', '”', '\'', '’', '»', ')'])
            .ends_with(['.', '!', '?', '…', ':'])
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

impl Context {
    fn new(layout: &Layout) -> Context {
        let ne = layout.elements.len();
        let mut words = vec![0u32; ne];
        let mut links = vec![0u32; ne];
        let mut score = vec![0f32; ne];
        let mut good = vec![0u32; ne];
        let mut total_good = 0;
        let mut total_words = 0;
        let mut first_h1 = None;
        for (i, (b, d)) in layout.blocks.iter().zip(&layout.details).enumerate() {
            total_words += d.words;
            let own = d.element.map(|e| layout.elements[e as usize].name.as_str());
            if first_h1.is_none() && own == Some("h1") {
                first_h1 = Some(i);
            }
            let g = if is_good(&b.text, d.words, d.link_words) {
                d.words
            } else {
                0
            };
            total_good += g;
            for (_, e) in ancestors(layout, d.element).take(MAX_UP) {
                words[e as usize] += d.words;
                links[e as usize] += d.link_words;
                good[e as usize] += g;
            }
            let chars = b.text.chars().count();
            if chars < 25 || own.is_some_and(is_heading) || b.kind == BlockKind::ListItem {
                continue;
            }
            let s = 1.0 + b.text.matches(',').count() as f32 + (chars / 100).min(3) as f32;
            // The paragraph's own element is the paragraph: the score goes to its parent
            // (whole), grandparent (half) and the levels above (a third of the level).
            let up = d.element.and_then(|e| layout.elements[e as usize].parent);
            for (level, e) in ancestors(layout, up).take(SCORE_LEVELS) {
                let divider = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f32 * 3.0,
                };
                score[e as usize] += s / divider;
            }
        }
        for e in 0..ne {
            if words[e] > 0 {
                score[e] *= 1.0 - links[e] as f32 / words[e] as f32;
            }
        }
        let best = (0..ne)
            .filter(|&e| score[e] > 0.0)
            .max_by(|&a, &b| score[a].total_cmp(&score[b]).then(b.cmp(&a)))
            .map(|e| e as u32);
        let best = best.map(|t| {
            let inside: Vec<usize> = (0..layout.blocks.len())
                .filter(|&i| distance_to(layout, layout.details[i].element, t).is_some())
                .collect();
            let first = inside.first().copied().unwrap_or(0);
            let last = inside.last().copied().unwrap_or(0);
            (t, first, last)
        });
        Context {
            words,
            links,
            good,
            total_good,
            score,
            best,
            total_words,
            first_h1,
        }
    }
}

/// `from` and its ancestors, with their level (0 = `from`).
fn ancestors(layout: &Layout, from: Option<u32>) -> impl Iterator<Item = (usize, u32)> + '_ {
    let mut at = from;
    let mut level = 0;
    std::iter::from_fn(move || {
        let e = at?;
        at = layout.elements[e as usize].parent;
        level += 1;
        Some((level - 1, e))
    })
}

/// Levels from `from` up to `target`, if `target` is `from` or one of its ancestors.
fn distance_to(layout: &Layout, from: Option<u32>, target: u32) -> Option<usize> {
    ancestors(layout, from)
        .take(MAX_UP)
        .find(|&(_, e)| e == target)
        .map(|(l, _)| l)
}

/// log2 buckets of a count: 0, 1, 2-3, 4-7, … capped.
fn log_bucket(n: usize) -> usize {
    (usize::BITS - n.leading_zeros()).min(10) as usize
}

/// Share buckets: 0, (0, .25), [.25, .5), [.5, .75), [.75, 1), 1.
fn share_bucket(part: u32, whole: u32) -> usize {
    if whole == 0 || part == 0 {
        return 0;
    }
    if part >= whole {
        return 5;
    }
    1 + (4 * part / whole) as usize
}

/// Elements that say what part of a page their content is.
fn is_landmark(name: &str) -> bool {
    matches!(
        name,
        "article"
            | "main"
            | "nav"
            | "aside"
            | "footer"
            | "header"
            | "form"
            | "li"
            | "table"
            | "ul"
            | "ol"
            | "figure"
            | "blockquote"
            | "section"
            | "menu"
            | "dl"
    )
}

fn tag_of(layout: &Layout, i: usize) -> &str {
    layout.details[i]
        .element
        .map_or("top", |e| layout.elements[e as usize].name.as_str())
}

fn block_features(
    layout: &Layout,
    ctx: &Context,
    stats: &[TextStats],
    i: usize,
    f: &mut impl Sink,
) {
    let n = layout.blocks.len();
    let d = &layout.details[i];
    let st = &stats[i];
    let tag = tag_of(layout, i);
    let nw = log_bucket(st.words);
    let ld = share_bucket(d.link_words, d.words);
    f.feature(format_args!("bias"));
    f.feature(format_args!("tag={tag}"));
    f.feature(format_args!("kind={:?}", layout.blocks[i].kind));
    f.feature(format_args!("nw={nw}"));
    f.feature(format_args!("ld={ld}"));
    f.feature(format_args!("ld.nw={ld}.{nw}"));
    f.feature(format_args!("tag.nw={tag}.{nw}"));
    f.feature(format_args!("end={}", st.end));
    f.feature(format_args!("end.nw={}.{nw}", st.end));
    f.feature(format_args!("commas={}", st.commas.min(4)));
    f.feature(format_args!("chars={}", log_bucket(st.chars)));
    if st.words >= 3 {
        f.feature(format_args!(
            "cap={}",
            share_bucket(st.capitalised as u32, st.words as u32)
        ));
    }
    f.feature(format_args!(
        "digits={}",
        (st.digits_share * 4.0).min(4.0) as usize
    ));
    if let Some(r) = d.region {
        f.feature(format_args!("region={r:?}"));
    }
    if st.words <= 6 {
        if let Some(w) = layout.blocks[i].text.split_whitespace().next() {
            let w: String = w
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect();
            if !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()) {
                f.feature(format_args!("first={w}"));
            }
        }
    }

    // Ancestors: landmark elements, and the words of their marks (each once).
    let mut seen_tags: Vec<&str> = Vec::new();
    let mut seen_marks: Vec<&str> = Vec::new();
    for (level, e) in ancestors(layout, d.element).take(FAR_LEVELS) {
        let el = &layout.elements[e as usize];
        if level > 0 && is_landmark(&el.name) && !seen_tags.contains(&el.name.as_str()) {
            seen_tags.push(el.name.as_str());
            f.feature(format_args!("anc={}", el.name));
        }
        for m in &el.marks {
            let m = m.as_str();
            if level < NEAR_LEVELS {
                f.feature(format_args!("m{level}={m}"));
            }
            if !seen_marks.contains(&m) {
                seen_marks.push(m);
                f.feature(format_args!("ma={m}"));
            }
        }
    }
    let good = is_good(&layout.blocks[i].text, d.words, d.link_words);
    f.feature(format_args!("good={good}"));
    let up = d.element.and_then(|e| layout.elements[e as usize].parent);
    for (level, e) in ancestors(layout, up).take(3) {
        let e = e as usize;
        f.feature(format_args!(
            "up{level}.share={}",
            share_bucket(ctx.words[e], ctx.total_words)
        ));
        f.feature(format_args!(
            "up{level}.ld={}",
            share_bucket(ctx.links[e], ctx.words[e])
        ));
        let gs = share_bucket(ctx.good[e], ctx.total_good);
        f.feature(format_args!("up{level}.good={gs}"));
        f.feature(format_args!("up{level}.good.nw={gs}.{nw}"));
        f.feature(format_args!("up{level}.good.own={gs}.{good}"));
    }

    // The best text container.
    match ctx.best {
        Some((t, first, last)) => match distance_to(layout, d.element, t) {
            Some(level) => {
                f.feature(format_args!("inbest.d={}", level.min(4)));
                f.feature(format_args!("inbest.tag={tag}"));
                f.feature(format_args!("inbest.ld={ld}"));
                f.feature(format_args!("inbest.nw={nw}"));
            }
            None => {
                let tp = layout.elements[t as usize].parent;
                // A sibling of the best container, scored against it (Readability keeps
                // siblings scoring a fifth of the best).
                let sib = tp.and_then(|tp| {
                    ancestors(layout, d.element)
                        .take(MAX_UP)
                        .find(|&(_, e)| layout.elements[e as usize].parent == Some(tp))
                });
                match sib {
                    // The block's own element is the sibling: a paragraph beside the
                    // best container.
                    Some((0, _)) => f.feature(format_args!("sibling=own.{good}")),
                    Some((_, s)) => {
                        let r = ctx.score[s as usize] / ctx.score[t as usize].max(1e-3);
                        let b = if r <= 0.0 {
                            0
                        } else if r < 0.2 {
                            1
                        } else if r < 0.5 {
                            2
                        } else {
                            3
                        };
                        f.feature(format_args!("sibling={b}"));
                        f.feature(format_args!("sibling.nw={b}.{nw}"));
                    }
                    None => f.feature(format_args!("outside")),
                }
                let side = if i < first {
                    "before"
                } else if i > last {
                    "after"
                } else {
                    "between"
                };
                f.feature(format_args!("side={side}"));
                f.feature(format_args!("side.nw={side}.{nw}"));
            }
        },
        None => f.feature(format_args!("nobest")),
    }

    // Position and neighbours.
    f.feature(format_args!("pos={}", 10 * i / n.max(1)));
    if let Some(h) = ctx.first_h1 {
        f.feature(format_args!(
            "h1={}",
            if i < h { "before" } else { "after" }
        ));
    }
    for (name, j) in [
        ("prev", i.checked_sub(1)),
        ("next", Some(i + 1).filter(|&j| j < n)),
    ] {
        match j {
            Some(j) => {
                let dj = &layout.details[j];
                f.feature(format_args!("{name}.nw={}", log_bucket(stats[j].words)));
                f.feature(format_args!(
                    "{name}.ld={}",
                    share_bucket(dj.link_words, dj.words)
                ));
                f.feature(format_args!("{name}.tag={}", tag_of(layout, j)));
                let same = dj.element.and_then(|e| layout.elements[e as usize].parent)
                    == d.element.and_then(|e| layout.elements[e as usize].parent);
                f.feature(format_args!("{name}.same={same}"));
            }
            None => f.feature(format_args!("{name}=none")),
        }
    }
}

/// Stage-2 features of every block: the stage-1 probabilities of the block and its
/// neighbours, and whether it is inside the element the stage-1 probabilities favour
/// most (the most words of likely main text, less those of unlikely text). Main text
/// is mostly one run of blocks in one container, which stage 1 sees one block at a time.
pub(crate) fn context_features(layout: &Layout, probs: &[f32], f: &mut impl Sink) {
    let n = layout.blocks.len();
    let ne = layout.elements.len();
    let mut mass = vec![0f32; ne];
    for (d, p) in layout.details.iter().zip(probs) {
        let m = d.words.max(1) as f32 * (2.0 * p - 1.0);
        for (_, e) in ancestors(layout, d.element).take(MAX_UP) {
            mass[e as usize] += m;
        }
    }
    let best = (0..ne)
        .filter(|&e| mass[e] > 0.0)
        .max_by(|&a, &b| mass[a].total_cmp(&mass[b]).then(b.cmp(&a)))
        .map(|e| e as u32);
    let bucket = |p: f32| ((p * 10.0) as usize).min(9);
    for i in 0..n {
        let own = bucket(probs[i]);
        f.feature(format_args!("2:own={own}"));
        for (name, off) in [("p1", -1isize), ("p2", -2), ("n1", 1), ("n2", 2)] {
            let j = i as isize + off;
            let b = if j < 0 || j >= n as isize {
                10
            } else {
                bucket(probs[j as usize])
            };
            f.feature(format_args!("2:{name}={b}"));
            f.feature(format_args!("2:{name}.own={b}.{own}"));
        }
        // Words of likely main text among the five blocks on each side.
        let (lo, hi) = (i.saturating_sub(5), (i + 6).min(n));
        let (mut yes, mut all) = (0f32, 0f32);
        for (j, (d, p)) in layout.details[lo..hi]
            .iter()
            .zip(&probs[lo..hi])
            .enumerate()
        {
            if lo + j != i {
                let w = d.words.max(1) as f32;
                yes += w * p;
                all += w;
            }
        }
        let win = bucket(yes / all.max(1.0));
        f.feature(format_args!("2:win={win}"));
        f.feature(format_args!("2:win.own={win}.{own}"));
        let inside = best.and_then(|b| distance_to(layout, layout.details[i].element, b));
        let tag = match inside {
            Some(_) => "in",
            None if best.is_some() => "out",
            None => "none",
        };
        f.feature(format_args!("2:best={tag}"));
        f.feature(format_args!("2:best.own={tag}.{own}"));
        f.end_block();
    }
}

/// [`context_features`] by name.
pub(crate) fn context_feature_names(layout: &Layout, probs: &[f32]) -> Vec<Vec<String>> {
    let mut named = Named::default();
    context_features(layout, probs, &mut named);
    named.blocks
}
