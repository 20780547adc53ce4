//! `newsgraph relink`: links articles stored before the link stage existed, then merges
//! stories the link stage now puts together (old id → new id stays resolvable).

use anyhow::Context;
use newsgraph_store::{EmbeddedStore, Store};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Data directory [default: $NEWSGRAPH_DATA, else $XDG_DATA_HOME/newsgraph, else
    /// ~/.local/share/newsgraph].
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let dir = args
        .data
        .clone()
        .unwrap_or_else(newsgraph_store::default_data_dir);
    anyhow::ensure!(
        dir.join("newsgraph.sqlite").is_file(),
        "{}: no store here (run `newsgraph ingest` first)",
        dir.display()
    );
    let store = EmbeddedStore::open(&dir)
        .with_context(|| format!("opening the store in {}", dir.display()))?;
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
