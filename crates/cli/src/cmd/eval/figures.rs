//! `newsgraph eval figures`: casualty-count accuracy on CIS530P and VALUE spans on MEANTIME.

use anyhow::Context;
use newsgraph_eval::figures as ev;
use newsgraph_eval::half::Half;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// CIS530P directory (with `dev/X_val.json` and `dev/y_val.json`); `none` to skip.
    #[arg(long, default_value = "../shared/data/figures/cis530p")]
    cis530p: PathBuf,
    /// MEANTIME directory; `none` to skip.
    #[arg(long, default_value = "../shared/data/entities/meantime")]
    meantime: PathBuf,
    /// Print this many wrong article counts.
    #[arg(long, default_value_t = 0)]
    errors: usize,
    /// Print the scores as JSON.
    #[arg(long)]
    json: bool,
}

/// `cis530p` for the whole set, `cis530p tune` / `cis530p check` for a half.
fn label(set: &str, h: Half) -> String {
    match h {
        Half::All => set.to_string(),
        _ => format!("{set} {}", h.name()),
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut report = serde_json::Map::new();
    let mut misses = Vec::new();
    if args.cis530p.as_os_str() != "none" {
        for h in [Half::All, Half::Tune, Half::Check] {
            // the misses listed with --errors are those of the whole set
            let mut half_misses = Vec::new();
            let s = ev::eval_cis530p(&args.cis530p, h, &mut half_misses)
                .with_context(|| format!("CIS530P from {}", args.cis530p.display()))?;
            let label = label("cis530p", h);
            if !args.json {
                out!(
                    "{label:<15} docs {:>4} | killed acc {:.3} (all-zero baseline {:.3}) | injured acc {:.3} (all-zero baseline {:.3}) | {:.2}s",
                    s.docs, s.killed_accuracy, s.killed_zero_baseline, s.injured_accuracy, s.injured_zero_baseline, s.seconds
                );
            }
            if h == Half::All {
                misses = half_misses;
            }
            report.insert(label, serde_json::to_value(&s)?);
        }
    }
    if args.meantime.as_os_str() != "none" && args.meantime.exists() {
        for h in [Half::All, Half::Tune, Half::Check] {
            let s = ev::eval_meantime_values(&args.meantime, h)?;
            let label = label("meantime", h);
            if !args.json {
                out!(
                    "{label:<15} docs {:>4} | VALUE gold {} sys {} | strict P {:.3} R {:.3} F1 {:.3} | relaxed P {:.3} R {:.3} F1 {:.3} | typed F1 {:.3}",
                    s.docs, s.gold, s.sys, s.strict.p, s.strict.r, s.strict.f1, s.relaxed.p, s.relaxed.r, s.relaxed.f1, s.typed.f1
                );
            }
            report.insert(label, serde_json::to_value(&s)?);
        }
    }
    if args.json {
        out!("{}", serde_json::to_string_pretty(&report)?);
    }
    for m in misses.iter().take(args.errors) {
        errln!(
            "#{}\t{}\tgold={}\tsys={}\t{:?}",
            m.index,
            m.kind,
            m.gold,
            m.sys,
            m.figures
        );
    }
    Ok(ExitCode::SUCCESS)
}
