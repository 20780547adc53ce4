//! `newsgraph serve`: the HTTP JSON API and the web UI over the store.

use super::store::StoreArgs;
use anyhow::Context;
use newsgraph_server::write::WriteToken;
use std::net::SocketAddr;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub store: StoreArgs,
    /// Address to listen on: an IP or a host name (`localhost:8104`) and a port (port 0
    /// picks a free port).
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "HOST:PORT", value_parser = parse_addr)]
    pub addr: SocketAddr,
    /// Take registry corrections (merge/split through the API and the entity page's
    /// forms) from requests carrying this token (at least 16 characters). Without it (or
    /// --generate-write-token) the server is read-only and every write answers 403.
    #[arg(
        long,
        value_name = "TOKEN",
        env = "NEWSGRAPH_WRITE_TOKEN",
        hide_env_values = true
    )]
    pub write_token: Option<String>,
    /// Take registry corrections with a fresh random token, printed at start.
    #[arg(long, conflicts_with = "write_token")]
    pub generate_write_token: bool,
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
    if args.store.postgres_url().is_none() {
        let dir = args.store.dir();
        super::check_data_dir(&dir)?;
        if !dir.exists() {
            note!(
                "warning: {} does not exist: serving an empty store (ingest into it first: \
                 newsgraph ingest --data {} INPUT...)",
                dir.display(),
                dir.display()
            );
        }
    }
    let token = match (&args.write_token, args.generate_write_token) {
        (Some(t), _) => Some(WriteToken::new(t).context("--write-token")?),
        (None, true) => Some(WriteToken::generate()?),
        (None, false) => None,
    };
    // Without a write token the server only reads: the embedded store opens read-only
    // (no lock, so an ingest can run beside it; a directory with no store yet gets an
    // empty one, so the UI still comes up). With one it opens for writing (registry
    // corrections touch SQLite only, so an ingest can still run beside it; SQLite
    // serialises the two writers). A PostgreSQL store gets a pool either way.
    let opened = if token.is_some() {
        args.store.open(16)?
    } else {
        args.store.open_for_reading(16, true)?
    };
    let place = opened.place();
    let stats = opened.store().stats().context("reading the store")?;
    let announce = match (&token, args.generate_write_token) {
        (Some(t), true) => format!(" (writes need the write token {})", t.as_str()),
        (Some(_), false) => " (writes need the write token)".to_string(),
        (None, _) => " (read-only)".to_string(),
    };
    newsgraph_server::run(args.addr, opened.into_shared(), token, |addr| {
        // One line on stdout, so scripts can wait for it and read the address.
        out!(
            "newsgraph: serving {} articles from {place} on http://{addr}/{announce}",
            stats.articles
        );
    })
    .context("serving")?;
    Ok(ExitCode::SUCCESS)
}
