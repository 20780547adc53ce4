//! `newsgraph serve`: the HTTP JSON API and the web UI over the store.

use anyhow::Context;
use newsgraph_store::{EmbeddedStore, StoreError};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(clap::Args)]
pub struct Args {
    /// Data directory [default: $NEWSGRAPH_DATA, else $XDG_DATA_HOME/newsgraph, else
    /// ~/.local/share/newsgraph].
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "HOST:PORT")]
    pub addr: SocketAddr,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let dir = args.data.unwrap_or_else(newsgraph_store::default_data_dir);
    // The server only reads: open read-only (no lock, so an ingest can run beside it);
    // a data directory with no store yet gets an empty one, so the UI still comes up.
    let store = match EmbeddedStore::open_read_only(&dir) {
        Ok(s) => s,
        Err(StoreError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            newsgraph_store::open(&dir)
                .with_context(|| format!("creating an empty store in {}", dir.display()))?
        }
        Err(e) => return Err(e).with_context(|| format!("opening the store in {}", dir.display())),
    };
    let stats = newsgraph_store::Store::stats(&store).context("reading the store")?;
    newsgraph_server::run(args.addr, Arc::new(store), |addr| {
        // One line on stdout, so scripts can wait for it and read the address.
        println!(
            "newsgraph: serving {} articles from {} on http://{addr}/",
            stats.articles,
            dir.display()
        );
        use std::io::Write;
        let _ = std::io::stdout().flush();
    })
    .context("serving")?;
    Ok(ExitCode::SUCCESS)
}
