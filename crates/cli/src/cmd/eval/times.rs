//! `newsgraph eval times`: TIMEX3 span and value scores on TimeML (TBAQ) and MEANTIME,
//! optionally side by side with another system's predictions (`--compare`).

use anyhow::Context;
use newsgraph_eval::half::Half;
use newsgraph_eval::times as ev;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// TimeML directory (TimeBank + AQUAINT `.tml` files).
    #[arg(long, default_value = "../shared/data/time/tbaq")]
    tbaq: PathBuf,
    /// MEANTIME directory (NAF-style `.xml` files); `none` to skip.
    #[arg(long, default_value = "../shared/data/entities/meantime")]
    meantime: PathBuf,
    /// Write the gold documents (id, corpus, text, dct, gold) as JSON Lines, for other
    /// systems to run on (`bench/times/dateparser_eval.py`).
    #[arg(long)]
    dump: Option<PathBuf>,
    /// Score another system's predictions too: NAME=FILE (JSON Lines of {id, corpus, times}).
    #[arg(long = "compare", value_name = "NAME=FILE")]
    compare: Vec<String>,
    /// Print this many errors (misses, false positives, wrong values) of newsgraph.
    #[arg(long, default_value_t = 0)]
    errors: usize,
    /// Print the scores as JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// Instead of scoring: time every pipeline stage on this corpus of `.txt` articles
    /// (e.g. ../shared/data/corpus/bbc) and report the times/figures/events share.
    #[arg(long, value_name = "DIR")]
    bench_corpus: Option<PathBuf>,
    /// At most this many articles for --bench-corpus.
    #[arg(long, default_value_t = usize::MAX)]
    bench_limit: usize,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if let Some(dir) = &args.bench_corpus {
        let texts = ev::bench::read_corpus(dir, args.bench_limit)
            .with_context(|| format!("reading {}", dir.display()))?;
        let st = ev::bench::bench_stages(&texts)?;
        if args.json {
            out!("{}", serde_json::to_string_pretty(&st)?);
        } else {
            out!("{}", ev::bench::report(&st).trim_end());
        }
        return Ok(ExitCode::SUCCESS);
    }
    let mut corpora: Vec<(&str, Vec<ev::GoldDoc>)> = Vec::new();
    if args.tbaq.as_os_str() != "none" {
        corpora.push((
            "tbaq",
            ev::load_tbaq(&args.tbaq)
                .with_context(|| format!("TimeML from {}", args.tbaq.display()))?,
        ));
    }
    if args.meantime.as_os_str() != "none" && args.meantime.exists() {
        corpora.push(("meantime", ev::load_meantime(&args.meantime)?));
    }
    if let Some(p) = &args.dump {
        let mut f = std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
        );
        for (_, docs) in &corpora {
            for d in docs {
                serde_json::to_writer(&mut f, d)?;
                f.write_all(b"\n")?;
            }
        }
        f.flush()?;
    }
    let mut compare = Vec::new();
    for c in &args.compare {
        let (name, file) = c.split_once('=').context("--compare wants NAME=FILE")?;
        compare.push((
            name.to_string(),
            ev::load_predictions(std::path::Path::new(file))?,
        ));
    }
    let mut rows = Vec::new();
    let mut misses = Vec::new();
    for (name, docs) in &corpora {
        rows.push(ev::evaluate_newsgraph(name, docs, &mut misses));
        for (cname, preds) in &compare {
            rows.push(ev::evaluate_predictions(
                cname,
                name,
                docs,
                preds,
                &mut Vec::new(),
            ));
        }
        // the same on the tune and check halves (by document id)
        for h in Half::BOTH {
            let half: Vec<ev::GoldDoc> =
                docs.iter().filter(|d| h.keeps_id(&d.id)).cloned().collect();
            let label = format!("{name} {}", h.name());
            rows.push(ev::evaluate_newsgraph(&label, &half, &mut Vec::new()));
            for (cname, preds) in &compare {
                rows.push(ev::evaluate_predictions(
                    cname,
                    &label,
                    &half,
                    preds,
                    &mut Vec::new(),
                ));
            }
        }
    }
    if args.json {
        out!("{}", serde_json::to_string_pretty(&rows)?);
    } else {
        out!("{}", ev::table(&rows).trim_end());
    }
    for m in misses.iter().take(args.errors) {
        errln!(
            "{}\t{:?}\tgold={}\tsys={}",
            m.doc,
            m.text,
            m.gold.as_deref().unwrap_or("-"),
            m.sys.as_deref().unwrap_or("-")
        );
    }
    Ok(ExitCode::SUCCESS)
}
