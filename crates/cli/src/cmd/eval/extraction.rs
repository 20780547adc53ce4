//! `newsgraph eval extraction`: main-text extraction scored on WCXB article pages.

use newsgraph_eval::extraction::{evaluate, load_wcxb, Mode, Report};
use newsgraph_eval::half::Half;
use newsgraph_read::Extractor;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// WCXB folder (with `html/` and `ground-truth/`).
    #[arg(long, default_value = "../shared/data/extraction/wcxb-dev-articles")]
    pub wcxb: PathBuf,
    /// Flatten each page to all its visible text first and clean it as a text dump.
    #[arg(long)]
    pub as_text: bool,
    /// Only the first N pages.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Extractor for HTML: auto, fast, learned, both, trafilatura, readability, page-text, or
    /// `all` to compare.
    #[arg(long, default_value = "auto")]
    pub extractor: String,
    /// Also list the N worst pages by F1.
    #[arg(long, default_value_t = 0)]
    pub worst: usize,
    /// Write each page's extracted body to DIR/<extractor>/<id>.txt.
    #[arg(long, value_name = "DIR")]
    pub dump: Option<PathBuf>,
}

fn print(r: &Report, worst: usize) {
    let n = r.pages.len();
    out!(
        "{:<22} pages {:>4}  P {:.3}  R {:.3}  F1 {:.5}  | title {:.3}  author {:.3} (of {})  date {:.3} (of {})  | {:.1} pages/s",
        r.mode,
        n,
        r.precision,
        r.recall,
        r.f1,
        r.title_match,
        r.author_match,
        r.with_author,
        r.date_match,
        r.with_date,
        n as f64 / r.seconds.max(1e-9)
    );
    for h in Half::BOTH {
        let (n, prf, titles, dates) = r.half(h);
        out!(
            "  {:<20} pages {:>4}  P {:.3}  R {:.3}  F1 {:.5}  | title {:.3}  date {:.3}",
            format!("{} half", h.name()),
            n,
            prf.precision,
            prf.recall,
            prf.f1,
            titles,
            dates
        );
    }
    if worst > 0 {
        let mut v: Vec<_> = r.pages.iter().collect();
        v.sort_by(|a, b| a.prf.f1.total_cmp(&b.prf.f1));
        for p in v.into_iter().take(worst) {
            out!(
                "    {}  P {:.3}  R {:.3}  F1 {:.3}",
                p.id,
                p.prf.precision,
                p.prf.recall,
                p.prf.f1
            );
        }
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let pages = load_wcxb(&args.wcxb, args.limit).map_err(anyhow::Error::msg)?;
    anyhow::ensure!(
        !pages.is_empty(),
        "no WCXB pages under {}",
        args.wcxb.display()
    );
    out!(
        "WCXB {} — {} pages; word-level bag-of-words P/R/F1 per page, macro-averaged",
        args.wcxb.display(),
        pages.len()
    );
    let modes: Vec<Mode> = if args.as_text {
        vec![Mode::AsText]
    } else if args.extractor == "all" {
        Extractor::ALL.iter().map(|e| Mode::Html(*e)).collect()
    } else {
        vec![Mode::Html(
            args.extractor
                .parse::<Extractor>()
                .map_err(anyhow::Error::msg)?,
        )]
    };
    for m in modes {
        print(&evaluate(&pages, m, args.dump.as_deref()), args.worst);
    }
    Ok(ExitCode::SUCCESS)
}
