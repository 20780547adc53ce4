//! `newsgraph train extraction`: the block classifier of the `learned` HTML extractor
//! (`crates/read/data/block_model.tsv`) from the tune half of WCXB dev. The check half
//! is left for `newsgraph eval extraction`.
use anyhow::Context;
use newsgraph_eval::extraction::load_wcxb;
use newsgraph_eval::half::Half;
use newsgraph_read::learned::{train_block_model, TrainOptions, TrainPage};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// WCXB folder (`html/`, `ground-truth/`).
    #[arg(long, default_value = "../shared/data/extraction/wcxb-dev-articles")]
    wcxb: PathBuf,
    /// Which pages to train on: `tune` keeps the check half for evaluation.
    #[arg(long, default_value = "tune", value_parser = ["tune", "all"])]
    half: String,
    // Defaults: `TrainOptions::default()`, the shipped model's settings (chosen by
    // two-fold cross-validation inside the tune half: crates/read/ARCH.md).
    #[arg(long, default_value_t = TrainOptions::default().epochs)]
    epochs: usize,
    #[arg(long, default_value_t = TrainOptions::default().rate)]
    rate: f32,
    #[arg(long, default_value_t = TrainOptions::default().l2)]
    l2: f32,
    /// Features seen on fewer training pages are dropped.
    #[arg(long, default_value_t = TrainOptions::default().min_count)]
    min_count: usize,
    /// The same for the words of `class`/`id` attributes.
    #[arg(long, default_value_t = TrainOptions::default().mark_min_count)]
    mark_min_count: usize,
    /// Train the second stage (neighbours' probabilities); off: it did not help in
    /// cross-validation.
    #[arg(long)]
    context: bool,
    #[arg(long, default_value_t = TrainOptions::default().threshold)]
    threshold: f32,
    #[arg(long, default_value_t = TrainOptions::default().seed)]
    seed: u64,
    /// Where to write the model (pass `crates/read/data/block_model.tsv` to replace
    /// the shipped one).
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(a.epochs >= 1, "--epochs must be at least 1");
    anyhow::ensure!(
        a.rate > 0.0 && a.rate.is_finite(),
        "--rate must be a positive number"
    );
    anyhow::ensure!(
        (0.0..1.0).contains(&a.threshold),
        "--threshold must be within [0, 1)"
    );
    let pages = load_wcxb(&a.wcxb, None)
        .map_err(anyhow::Error::msg)
        .with_context(|| format!("reading WCXB from {}", a.wcxb.display()))?;
    let half = if a.half == "all" {
        Half::All
    } else {
        Half::Tune
    };
    let train: Vec<TrainPage> = pages
        .iter()
        .filter(|p| half.keeps_id(&p.id))
        .map(|p| TrainPage {
            html: &p.html,
            gold: &p.gold,
        })
        .collect();
    anyhow::ensure!(
        !train.is_empty(),
        "no WCXB pages with gold text under {}",
        a.wcxb.display()
    );
    let opts = TrainOptions {
        epochs: a.epochs,
        rate: a.rate,
        l2: a.l2,
        min_count: a.min_count,
        mark_min_count: a.mark_min_count,
        context: a.context,
        threshold: a.threshold,
        seed: a.seed,
        ..Default::default()
    };
    let t0 = std::time::Instant::now();
    let mut model = train_block_model(&train, &opts);
    model.header.push(format!(
        "data: WCXB (Web Content Extraction Benchmark) dev articles, {} half, {} pages; \
         CC BY 4.0, Murrough Foley; only weights learned from the pages are here",
        a.half,
        train.len()
    ));
    std::fs::write(&a.out, model.to_tsv())
        .with_context(|| format!("writing {}", a.out.display()))?;
    eprintln!(
        "trained on {} pages ({} half) in {:.1}s: {} weights; wrote {}",
        train.len(),
        a.half,
        t0.elapsed().as_secs_f64(),
        model.weights.len(),
        a.out.display()
    );
    Ok(ExitCode::SUCCESS)
}
