//! Which store a subcommand works on: the embedded one in a data directory (`--data`,
//! the default) or a PostgreSQL database (`--store postgres://…` or `NEWSGRAPH_STORE`).

use anyhow::Context;
use newsgraph_store::{EmbeddedStore, PostgresStore, Store, StoreError};
use std::path::PathBuf;

#[derive(clap::Args, Debug, Clone)]
pub struct StoreArgs {
    /// Data directory of the embedded store [default: $NEWSGRAPH_DATA, else
    /// $XDG_DATA_HOME/newsgraph, else ~/.local/share/newsgraph].
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// A PostgreSQL store instead: postgres://USER[:PASSWORD]@HOST:PORT/DB (a directory
    /// here means the embedded store in it).
    #[arg(
        long,
        value_name = "URL",
        env = "NEWSGRAPH_STORE",
        conflicts_with = "data"
    )]
    pub store: Option<String>,
}

/// An opened store.
pub enum Opened {
    Embedded(Box<EmbeddedStore>, PathBuf),
    Postgres(Box<PostgresStore>),
}

impl Opened {
    pub fn store(&self) -> &dyn Store {
        match self {
            Opened::Embedded(s, _) => s.as_ref(),
            Opened::Postgres(s) => s.as_ref(),
        }
    }

    /// The store shared by the server's threads.
    pub fn into_shared(self) -> std::sync::Arc<dyn Store> {
        match self {
            Opened::Embedded(s, _) => std::sync::Arc::from(s as Box<dyn Store>),
            Opened::Postgres(s) => std::sync::Arc::from(s as Box<dyn Store>),
        }
    }

    /// Where it is, for messages (no password).
    pub fn place(&self) -> String {
        match self {
            Opened::Embedded(_, dir) => dir.display().to_string(),
            Opened::Postgres(s) => s.target().to_string(),
        }
    }
}

fn is_postgres(s: &str) -> bool {
    s.starts_with("postgres://") || s.starts_with("postgresql://")
}

impl StoreArgs {
    /// The PostgreSQL URL, when one was given.
    pub fn postgres_url(&self) -> Option<&str> {
        self.store.as_deref().filter(|s| is_postgres(s))
    }

    /// The embedded store's directory (when no PostgreSQL URL was given).
    pub fn dir(&self) -> PathBuf {
        match (&self.data, &self.store) {
            (Some(d), _) => d.clone(),
            (None, Some(s)) if !is_postgres(s) && !s.is_empty() => PathBuf::from(s),
            _ => newsgraph_store::default_data_dir(),
        }
    }

    /// Opens the store for writing; `pool` is the most connections a PostgreSQL store
    /// keeps (one per thread that uses it).
    pub fn open(&self, pool: u32) -> anyhow::Result<Opened> {
        if let Some(url) = self.postgres_url() {
            // The error names the server already (and never the password).
            let s = PostgresStore::connect(url, pool)?;
            return Ok(Opened::Postgres(Box::new(s)));
        }
        if let Some(s) = &self.store {
            anyhow::ensure!(
                !s.contains("://"),
                "--store {s:?}: not a store (use postgres://USER@HOST:PORT/DB or a directory)"
            );
        }
        let dir = self.dir();
        let s = EmbeddedStore::open(&dir)
            .with_context(|| format!("opening the store in {}", dir.display()))?;
        Ok(Opened::Embedded(Box::new(s), dir))
    }

    /// Opens an existing store: a data directory without one is an error naming it.
    pub fn open_existing(&self, pool: u32) -> anyhow::Result<Opened> {
        if self.postgres_url().is_none() {
            let dir = self.dir();
            anyhow::ensure!(
                dir.join("newsgraph.sqlite").is_file(),
                "{}: no store here (run `newsgraph ingest` first, or pass --data/--store)",
                dir.display()
            );
        }
        self.open(pool)
    }

    /// Opens the store to read beside a running writer: the embedded store read-only
    /// (no lock, no migration); with `create_empty`, a directory holding no store yet
    /// gets an empty one (the server's UI still comes up), else that is an error.
    pub fn open_for_reading(&self, pool: u32, create_empty: bool) -> anyhow::Result<Opened> {
        if self.postgres_url().is_some() {
            return self.open(pool);
        }
        let dir = self.dir();
        let s = match EmbeddedStore::open_read_only(&dir) {
            Ok(s) => s,
            Err(StoreError::Io { source, .. })
                if create_empty && source.kind() == std::io::ErrorKind::NotFound =>
            {
                newsgraph_store::open(&dir)
                    .with_context(|| format!("creating an empty store in {}", dir.display()))?
            }
            Err(e) => {
                return Err(e).with_context(|| format!("opening the store in {}", dir.display()))
            }
        };
        Ok(Opened::Embedded(Box::new(s), dir))
    }
}
