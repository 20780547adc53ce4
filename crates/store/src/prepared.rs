//! The work of storing an article that needs no store: the record JSON and text hash
//! (`record::ArticleRow`) and the link stage's text features and MinHash signature
//! (`newsgraph_link::Prepared`). The ingest engine's analysis threads make it
//! ([`crate::Store::prepare`]) so the one writer thread, the bound of ingest speed,
//! spends its time on what needs the store (session 8 profile at 100k stored: the
//! record JSON and the features were ~11% of the writer's samples).

use crate::record::ArticleRow;
use newsgraph_model::Article;

/// An article and what was worked out of it ahead of its put.
#[derive(Debug)]
pub struct Prepared {
    pub article: Article,
    /// `None` when it failed (the writer computes it again and reports the error).
    pub(crate) row: Option<ArticleRow>,
    /// For the linker that prepared it (another one recomputes).
    pub(crate) link: Option<newsgraph_link::Prepared>,
}

impl Prepared {
    /// Nothing worked out ahead: the writer does it all.
    pub fn bare(article: Article) -> Prepared {
        Prepared {
            article,
            row: None,
            link: None,
        }
    }

    /// The record row, and the link stage's part when `linker` is given.
    pub(crate) fn full(article: Article, linker: Option<&newsgraph_link::Linker>) -> Prepared {
        let row = ArticleRow::of(&article).ok();
        let link = linker.map(|l| l.prepare(&article));
        Prepared { article, row, link }
    }
}
