//! `newsgraph relink`: links articles stored before the link stage existed, then merges
//! stories the link stage now puts together (old id → new id stays resolvable).

use super::store::StoreArgs;
use anyhow::Context;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub store: StoreArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let opened = args.store.open_existing(2)?;
    let store = opened.store();
    let started = std::time::Instant::now();
    let r = store.relink().context("relinking")?;
    for (old, new) in &r.merges {
        println!("merged {old} -> {new}");
    }
    eprintln!(
        "newsgraph: relink: {} article(s) linked, {} merge(s) in {:.2}s",
        r.linked,
        r.merges.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
