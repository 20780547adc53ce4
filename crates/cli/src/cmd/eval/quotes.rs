//! `newsgraph eval quotes`: quotes and speakers on PolNeAR, ours and peers' side by side.
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use newsgraph_eval::half::Half;
use newsgraph_eval::quotes::{self as q, Analyser, PeerDoc, Report};

#[derive(clap::Args)]
pub struct Args {
    /// PolNeAR directory (with train/ and dev/).
    #[arg(long, default_value = "../shared/data/quotes/polnear")]
    polnear: PathBuf,
    /// Which split to score.
    #[arg(long, default_value = "dev")]
    split: String,
    /// Run the attribution layer alone (no entities, no times).
    #[arg(long)]
    bare: bool,
    /// Write the documents and their gold as JSON Lines (for a peer to predict on).
    #[arg(long)]
    dump: Option<PathBuf>,
    /// Write our predictions as JSON Lines (same format as a peer's).
    #[arg(long)]
    save: Option<PathBuf>,
    /// Score a peer's predictions too: NAME=FILE (JSON Lines of {name, quotes}).
    #[arg(long, value_name = "NAME=FILE")]
    peer: Vec<String>,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let docs = q::load_polnear(&args.polnear, &args.split)?;
    if let Some(p) = &args.dump {
        q::dump(&docs, p)?;
    }
    let pipeline;
    let how = if args.bare {
        Analyser::Bare
    } else {
        pipeline = newsgraph_pipeline::Pipeline::new().context("loading the pipeline")?;
        Analyser::Pipeline(&pipeline)
    };
    let t0 = std::time::Instant::now();
    let mut ours = Vec::with_capacity(docs.len());
    let mut saved = Vec::new();
    for d in &docs {
        let a = q::analyse(d, &how);
        let preds = q::preds_of(&a);
        ours.push(q::score_doc(d, &preds));
        if args.save.is_some() {
            saved.push(PeerDoc {
                name: d.name.clone(),
                quotes: preds,
            });
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    if let Some(p) = &args.save {
        let mut s = String::new();
        for d in &saved {
            s.push_str(&serde_json::to_string(d)?);
            s.push('\n');
        }
        std::fs::write(p, s).with_context(|| format!("writing {}", p.display()))?;
    }
    // every system on the whole split, then on its tune and check halves (by document)
    let with_halves = |name: &str, reports: &[Report]| -> Vec<(String, Report)> {
        let mut v = vec![(name.to_string(), q::total(reports))];
        for h in Half::BOTH {
            let kept: Vec<Report> = docs
                .iter()
                .zip(reports)
                .filter(|(d, _)| h.keeps_id(&d.name))
                .map(|(_, r)| *r)
                .collect();
            v.push((format!("{name} {}", h.name()), q::total(&kept)));
        }
        v
    };
    let mut rows: Vec<(String, Report)> = with_halves("newsgraph", &ours);
    for spec in &args.peer {
        let (name, file) = spec
            .split_once('=')
            .with_context(|| format!("--peer wants NAME=FILE, got {spec:?}"))?;
        let preds = q::read_peer(std::path::Path::new(file))?;
        let reports: Vec<Report> = docs
            .iter()
            .map(|d| q::score_doc(d, preds.get(&d.name).map(Vec::as_slice).unwrap_or(&[])))
            .collect();
        rows.extend(with_halves(name, &reports));
    }
    if args.json {
        let v: Vec<serde_json::Value> = rows
            .iter()
            .map(|(n, r)| serde_json::json!({"system": n, "report": r}))
            .collect();
        out!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(ExitCode::SUCCESS);
    }
    out!(
        "PolNeAR {} ({} docs, {} gold attributions, {} with quotation marks; newsgraph {:.2}s{})",
        args.split,
        rows[0].1.docs,
        rows[0].1.all.gold,
        rows[0].1.quoted.gold,
        secs,
        if args.bare {
            ", attribution layer only"
        } else {
            ", full pipeline"
        }
    );
    out!("content match: word-token overlap >= 50%; speaker: predicted speaker span or entity mention overlaps gold Source");
    out!();
    out!(
        "{:<16} | {:^31} | {:^31}",
        "",
        "quoted (with quotation marks)",
        "all attributions"
    );
    out!(
        "{:<16} | {:>6} {:>6} {:>6} {:>9} | {:>6} {:>6} {:>6} {:>9}",
        "system",
        "P",
        "R",
        "F1",
        "spk acc",
        "P",
        "R",
        "F1",
        "spk acc"
    );
    for (n, r) in &rows {
        out!(
            "{:<16} | {:>6.3} {:>6.3} {:>6.3} {:>9.3} | {:>6.3} {:>6.3} {:>6.3} {:>9.3}",
            n,
            r.quoted.precision(),
            r.quoted.recall(),
            r.quoted.f1(),
            r.quoted.speaker_accuracy(),
            r.all.precision(),
            r.all.recall(),
            r.all.f1(),
            r.all.speaker_accuracy()
        );
    }
    Ok(ExitCode::SUCCESS)
}
