//! Scoring of the extraction layer on WCXB (Web Content Extraction Benchmark, dev split,
//! article pages): word-level precision / recall / F1 over the bag (multiset) of
//! lowercased `\w+` tokens of the extracted body against the gold `main_content`,
//! computed per page and averaged over pages (macro). The title is not part of the
//! scored text (the gold `main_content` has none). Also reported: how often the title,
//! the first author and the publication date match the gold metadata.
//!
//! Two modes: HTML pages cleaned by a chosen extractor, and `--as-text`, where each page
//! is first flattened to all its visible text (navigation and footers included, one
//! block per line) and then cleaned by the text-dump cleaner.

mod wcxb;
mod words;

pub use wcxb::{load_wcxb, WcxbPage};
pub use words::{prf, word_bag, Prf};

use crate::half::Half;
use newsgraph_model::{Article, BlockKind, Meta};
use newsgraph_read::Extractor;
use std::time::Instant;

/// How pages are turned into articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The HTML reader with this extractor.
    Html(Extractor),
    /// Visible page text through the text-dump cleaner.
    AsText,
}

impl Mode {
    pub fn name(&self) -> String {
        match self {
            Mode::Html(e) => e.name().to_string(),
            Mode::AsText => "text-dump (as-text)".to_string(),
        }
    }
}

/// One page's scores.
#[derive(Debug, Clone)]
pub struct PageScore {
    pub id: String,
    pub prf: Prf,
    /// Whether the title matches the gold title (see [`evaluate`]).
    pub title_ok: bool,
    /// Whether the date matches the gold date, for pages with one.
    pub date_ok: Option<bool>,
}

/// Scores of one mode over a set of pages.
#[derive(Debug, Clone)]
pub struct Report {
    pub mode: String,
    pub pages: Vec<PageScore>,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub title_match: f64,
    pub author_match: f64,
    pub date_match: f64,
    /// Pages with gold author / date (denominators of the matches above).
    pub with_author: usize,
    pub with_date: usize,
    pub seconds: f64,
}

impl Report {
    /// Macro-averaged P/R/F1, the title match and the date match (of pages with a gold
    /// date) over the pages of one half, and how many pages it has.
    pub fn half(&self, half: Half) -> (usize, Prf, f64, f64) {
        let kept: Vec<&PageScore> = self.pages.iter().filter(|p| half.keeps_id(&p.id)).collect();
        let n = kept.len().max(1) as f64;
        let mean = |f: fn(&Prf) -> f64| kept.iter().map(|p| f(&p.prf)).sum::<f64>() / n;
        let prf = Prf {
            precision: mean(|p| p.precision),
            recall: mean(|p| p.recall),
            f1: mean(|p| p.f1),
        };
        let titles = kept.iter().filter(|p| p.title_ok).count() as f64 / n;
        let dated: Vec<bool> = kept.iter().filter_map(|p| p.date_ok).collect();
        let dates = dated.iter().filter(|&&ok| ok).count() as f64 / dated.len().max(1) as f64;
        (kept.len(), prf, titles, dates)
    }
}

/// The scored body of an article: every block but the title.
pub fn body_text(a: &Article) -> String {
    a.blocks
        .iter()
        .filter(|b| b.kind != BlockKind::Title)
        .map(|b| a.slice(b.span))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Cleans one page in the given mode.
pub fn clean_page(page: &WcxbPage, mode: Mode) -> Article {
    let meta = Meta {
        url: page.url.clone(),
        ..Default::default()
    };
    match mode {
        Mode::Html(e) => newsgraph_read::clean_html(&page.html, meta, e),
        Mode::AsText => newsgraph_read::clean_text(&newsgraph_read::page_text(&page.html), meta),
    }
}

fn norm(s: &str) -> String {
    words::tokens(s).collect::<Vec<_>>().join(" ")
}

/// Evaluates one mode on the pages. With `dump`, each page's scored body is written to
/// `dump/<mode>/<id>.txt` for inspection.
pub fn evaluate(pages: &[WcxbPage], mode: Mode, dump: Option<&std::path::Path>) -> Report {
    let dump_dir = dump.map(|d| d.join(mode.name().replace([' ', '(', ')'], "")));
    if let Some(d) = &dump_dir {
        let _ = std::fs::create_dir_all(d);
    }
    let start = Instant::now();
    let mut scores = Vec::with_capacity(pages.len());
    let (mut title_ok, mut author_ok, mut date_ok, mut with_author, mut with_date) =
        (0, 0, 0, 0, 0);
    for p in pages {
        let a = clean_page(p, mode);
        let body = body_text(&a);
        if let Some(d) = &dump_dir {
            let _ = std::fs::write(d.join(format!("{}.txt", p.id)), &body);
        }
        let title_matches = match (&a.title, &p.title) {
            (Some(t), Some(g)) => {
                let (t, g) = (norm(t), norm(g));
                !g.is_empty() && (t == g || t.contains(&g) || g.contains(&t) && !t.is_empty())
            }
            _ => false,
        };
        title_ok += usize::from(title_matches);
        scores.push(PageScore {
            id: p.id.clone(),
            prf: prf(&body, &p.gold),
            title_ok: title_matches,
            date_ok: None,
        });
        if let Some(g) = p.author.as_deref().filter(|g| !g.trim().is_empty()) {
            with_author += 1;
            let g = norm(g);
            if a.authors.iter().any(|x| {
                let x = norm(x);
                !x.is_empty() && (g.contains(&x) || x.contains(&g))
            }) {
                author_ok += 1;
            }
        }
        let date_matches = p.date.as_deref().filter(|g| g.len() >= 10).map(|g| {
            a.published
                .as_deref()
                .is_some_and(|d| d.len() >= 10 && d[..10] == g[..10])
        });
        if let Some(ok) = date_matches {
            with_date += 1;
            date_ok += usize::from(ok);
        }
        if let Some(s) = scores.last_mut() {
            s.date_ok = date_matches;
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    let n = scores.len().max(1) as f64;
    let mean = |f: fn(&Prf) -> f64| scores.iter().map(|s| f(&s.prf)).sum::<f64>() / n;
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    Report {
        mode: mode.name(),
        precision: mean(|p| p.precision),
        recall: mean(|p| p.recall),
        f1: mean(|p| p.f1),
        title_match: ratio(title_ok, pages.len()),
        author_match: ratio(author_ok, with_author),
        date_match: ratio(date_ok, with_date),
        with_author,
        with_date,
        pages: scores,
        seconds,
    }
}
