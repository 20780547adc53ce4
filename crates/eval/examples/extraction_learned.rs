//! The tuning loop of the `learned` extractor: trains a block model on the WCXB dev
//! tune half with the settings given, scores it on both halves (the same scorer as
//! `newsgraph eval extraction`), and writes the model when asked.
//!
//!     cargo run --release -p newsgraph-eval --example extraction_learned -- \
//!         [WCXB_DIR] [--cv] [--out FILE] [--epochs N] [--rate R] [--l2 L] \
//!         [--min-count C] [--mark-min-count C] [--page-weight W] [--context] \
//!         [--drop PREFIX,...] [--seed S] [--threshold T,T,...] [--rows FILE]
//!
//! Defaults are the shipped model's (`TrainOptions::default()`). `--cv` scores two folds
//! of the tune half instead (train on one, score the other): how the settings were
//! chosen without the check half. `EXPLAIN=ID` prints one page's blocks with their
//! probabilities and heaviest features.
//!
//! `--rows` writes per page: id, half, P/R/F1 of the model at the first threshold and
//! of `auto`.

use newsgraph_eval::extraction::{body_text, load_wcxb, prf};
use newsgraph_eval::half::Half;
use newsgraph_model::Meta;
use newsgraph_read::learned::{train_block_model, TrainOptions, TrainPage};

fn main() {
    let mut args = std::env::args().skip(1);
    let mut dir = "../shared/data/extraction/wcxb-dev-articles".to_string();
    let mut out = None;
    let mut opts = TrainOptions::default();
    let mut thresholds = vec![0.5f32];
    let mut rows = None;
    while let Some(a) = args.next() {
        let mut val = || args.next().expect("a value after the flag");
        match a.as_str() {
            "--out" => out = Some(val()),
            "--rows" => rows = Some(val()),
            "--epochs" => opts.epochs = val().parse().unwrap(),
            "--rate" => opts.rate = val().parse().unwrap(),
            "--l2" => opts.l2 = val().parse().unwrap(),
            "--min-count" => opts.min_count = val().parse().unwrap(),
            "--page-weight" => opts.page_weight = val().parse().unwrap(),
            "--no-context" => opts.context = false,
            "--context" => opts.context = true,
            "--drop" => opts.drop = val().split(',').map(str::to_string).collect(),
            "--mark-min-count" => opts.mark_min_count = val().parse().unwrap(),
            "--seed" => opts.seed = val().parse().unwrap(),
            "--threshold" => thresholds = val().split(',').map(|t| t.parse().unwrap()).collect(),
            "--cv" => {}
            _ => dir = a,
        }
    }
    let pages = load_wcxb(std::path::Path::new(&dir), None).expect("WCXB folder");
    let tune: Vec<TrainPage> = pages
        .iter()
        .filter(|p| Half::Tune.keeps_id(&p.id))
        .map(|p| TrainPage {
            html: &p.html,
            gold: &p.gold,
        })
        .collect();
    if std::env::args().any(|a| a == "--cv") {
        // Two folds of the tune half (by the id's last digit): hyperparameters chosen
        // without the check half, and without scoring pages the model was trained on.
        let tune_pages: Vec<_> = pages
            .iter()
            .filter(|p| Half::Tune.keeps_id(&p.id))
            .collect();
        for &t in &thresholds {
            let mut f1 = [0.0f64; 2];
            for (k, f1k) in f1.iter_mut().enumerate() {
                let fold = |p: &&newsgraph_eval::extraction::WcxbPage| {
                    usize::from(p.id.bytes().last().unwrap_or(0) % 2 == 1) == k
                };
                let train: Vec<TrainPage> = tune_pages
                    .iter()
                    .filter(|p| !fold(p))
                    .map(|p| TrainPage {
                        html: &p.html,
                        gold: &p.gold,
                    })
                    .collect();
                let mut model = train_block_model(&train, &opts);
                model.threshold = t;
                let test: Vec<_> = tune_pages.iter().filter(|p| fold(p)).collect();
                for p in &test {
                    let meta = Meta {
                        url: p.url.clone(),
                        ..Default::default()
                    };
                    let a = newsgraph_read::clean_html_with_model(&p.html, meta, &model);
                    *f1k += prf(&body_text(&a), &p.gold).f1 / test.len() as f64;
                }
            }
            println!(
                "threshold {t}: tune 2-fold F1 {:.4} / {:.4}, mean {:.4}",
                f1[0],
                f1[1],
                (f1[0] + f1[1]) / 2.0
            );
        }
        return;
    }
    let t0 = std::time::Instant::now();
    let mut model = train_block_model(&tune, &opts);
    eprintln!(
        "trained on {} pages in {:.1} s: {} weights",
        tune.len(),
        t0.elapsed().as_secs_f64(),
        model.weights.len()
    );
    if let Ok(id) = std::env::var("EXPLAIN") {
        let p = pages.iter().find(|p| p.id == id).expect("page id");
        let gold = newsgraph_read::learned::Gold::new(&p.gold);
        for (b, prob, f) in newsgraph_read::learned::explain(&p.html, &model) {
            let mut top: Vec<(f32, &String)> = f
                .iter()
                .filter_map(|x| model.weights.get(x).map(|w| (*w, x)))
                .collect();
            top.sort_by(|a, b| b.0.abs().total_cmp(&a.0.abs()));
            let top: Vec<String> = top
                .iter()
                .take(6)
                .map(|(w, x)| format!("{x}:{w:.1}"))
                .collect();
            println!(
                "{prob:.2} {} {:.60} | {}",
                if gold.contains(&b.text) { "G" } else { "-" },
                b.text,
                top.join(" ")
            );
        }
        return;
    }
    let mut lines = String::new();
    for &t in &thresholds {
        model.threshold = t;
        let mut sums = [(0.0f64, 0.0f64, 0.0f64, 0usize); 2];
        let t1 = std::time::Instant::now();
        for p in &pages {
            let meta = Meta {
                url: p.url.clone(),
                ..Default::default()
            };
            let a = newsgraph_read::clean_html_with_model(&p.html, meta, &model);
            let s = prf(&body_text(&a), &p.gold);
            let h = usize::from(Half::of_id(&p.id) == Half::Check);
            if rows.is_some() && t == thresholds[0] {
                let auto = prf(
                    &body_text(&newsgraph_eval::extraction::clean_page(
                        p,
                        newsgraph_eval::extraction::Mode::Html(newsgraph_read::Extractor::Auto),
                    )),
                    &p.gold,
                );
                let (pw, tw) = newsgraph_read::clean::html::gate_words(&p.html);
                let body_words = body_text(&a).split_whitespace().count();
                lines.push_str(&format!(
                    "{}\t{}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{pw}\t{tw}\t{body_words}\n",
                    p.id,
                    Half::of_id(&p.id).name(),
                    s.precision,
                    s.recall,
                    s.f1,
                    auto.precision,
                    auto.recall,
                    auto.f1
                ));
            }
            sums[h].0 += s.precision;
            sums[h].1 += s.recall;
            sums[h].2 += s.f1;
            sums[h].3 += 1;
        }
        let secs = t1.elapsed().as_secs_f64();
        for (h, name) in [(0, "tune"), (1, "check")] {
            let (p, r, f, n) = sums[h];
            let n = n.max(1) as f64;
            println!(
                "threshold {t}: {name} P {:.4} R {:.4} F1 {:.4} ({} pages)",
                p / n,
                r / n,
                f / n,
                n
            );
        }
        eprintln!("scored {} pages in {secs:.1} s", pages.len());
    }
    if let Some(r) = rows {
        std::fs::write(&r, lines).expect("write the rows");
    }
    if let Some(o) = out {
        model.threshold = thresholds[0];
        std::fs::write(&o, model.to_tsv()).expect("write the model");
    }
}
