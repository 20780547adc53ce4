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
    /// Address to listen on: an IP or a host name (`localhost:8104`) and a port (port 0
    /// picks a free port).
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "HOST:PORT", value_parser = parse_addr)]
    pub addr: SocketAddr,
}

/// `HOST:PORT` to a socket address: an IP address as is, a host name resolved (the
/// first IPv4 address it has, else the first address).
fn parse_addr(s: &str) -> Result<SocketAddr, String> {
    if let Ok(a) = s.parse::<SocketAddr>() {
        return Ok(a);
    }
    let addrs: Vec<SocketAddr> = std::net::ToSocketAddrs::to_socket_addrs(s)
        .map_err(|e| format!("{s:?} is not HOST:PORT ({e})"))?
        .collect();
    addrs
        .iter()
        .find(|a| a.is_ipv4())
        .or(addrs.first())
        .copied()
        .ok_or_else(|| format!("{s:?} resolves to no address"))
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let dir = args.data.unwrap_or_else(newsgraph_store::default_data_dir);
    super::check_data_dir(&dir)?;
    if !dir.exists() {
        note!(
            "warning: {} does not exist: serving an empty store (ingest into it first: \
             newsgraph ingest --data {} INPUT...)",
            dir.display(),
            dir.display()
        );
    }
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
        out!(
            "newsgraph: serving {} articles from {} on http://{addr}/",
            stats.articles,
            dir.display()
        );
    })
    .context("serving")?;
    Ok(ExitCode::SUCCESS)
}
