//! Connections: the pool (r2d2 over the synchronous `postgres` client), a statement
//! cache per connection, explicit transactions, and errors that name the server.

use crate::{Result, StoreError};
use ::postgres::types::ToSql;
use ::postgres::{Client, NoTls, Row, Statement};
use std::collections::HashMap;
use std::time::Duration;

/// A parsed `postgres://USER[:PASSWORD]@HOST:PORT/DB` and where it points, for messages
/// (never with the password).
#[derive(Clone)]
pub struct Target {
    pub config: postgres::Config,
    pub shown: String,
}

impl Target {
    pub fn parse(url: &str) -> Result<Self> {
        let mut config: postgres::Config = url.parse().map_err(|e| StoreError::At {
            target: format!("{}: not a PostgreSQL URL", redact(url)),
            source: Box::new(e),
        })?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(5));
        }
        config.application_name("newsgraph");
        let host = config
            .get_hosts()
            .first()
            .map(|h| match h {
                postgres::config::Host::Tcp(s) => s.clone(),
                postgres::config::Host::Unix(p) => p.display().to_string(),
            })
            .unwrap_or_else(|| "localhost".into());
        let port = config.get_ports().first().copied().unwrap_or(5432);
        let shown = format!(
            "postgres://{}@{host}:{port}/{}",
            config.get_user().unwrap_or(""),
            config.get_dbname().unwrap_or("")
        );
        Ok(Target { config, shown })
    }

    /// One connection, with the failure said in one line naming the server.
    pub fn connect(&self) -> Result<Client> {
        self.config.connect(NoTls).map_err(|e| StoreError::At {
            target: format!("cannot connect to {}", self.shown),
            source: Box::new(PgError::from(e)),
        })
    }
}

/// The URL with any password replaced by `***`.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// The useful part of a client error: the server's message, else the I/O cause.
pub fn reason(e: &postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        return db.message().to_string();
    }
    let mut s = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(inner) = src {
        s = format!("{s}: {inner}");
        src = inner.source();
    }
    s
}

/// A client error shown by its useful part ([`reason`]), the error itself kept as the
/// source.
#[derive(Debug)]
pub struct PgError {
    reason: String,
    source: postgres::Error,
}

impl From<postgres::Error> for PgError {
    fn from(source: postgres::Error) -> Self {
        PgError {
            reason: reason(&source),
            source,
        }
    }
}

impl std::fmt::Display for PgError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for PgError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

pub fn pg_err(e: postgres::Error) -> StoreError {
    StoreError::Database(Box::new(PgError::from(e)))
}

/// A pooled connection with its prepared statements.
pub struct Conn {
    client: Client,
    statements: HashMap<String, Statement>,
}

impl Conn {
    pub fn new(client: Client) -> Self {
        Conn {
            client,
            statements: HashMap::new(),
        }
    }

    fn statement(&mut self, sql: &str) -> Result<Statement> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let s = self.client.prepare(sql).map_err(pg_err)?;
        self.statements.insert(sql.to_string(), s.clone());
        Ok(s)
    }

    pub fn execute(&mut self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<u64> {
        let s = self.statement(sql)?;
        self.client.execute(&s, params).map_err(pg_err)
    }

    pub fn query(&mut self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Vec<Row>> {
        let s = self.statement(sql)?;
        self.client.query(&s, params).map_err(pg_err)
    }

    pub fn query_opt(&mut self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Option<Row>> {
        let s = self.statement(sql)?;
        self.client.query_opt(&s, params).map_err(pg_err)
    }

    pub fn query_one(&mut self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Row> {
        let s = self.statement(sql)?;
        self.client.query_one(&s, params).map_err(pg_err)
    }

    /// Plain SQL, no parameters (schema, transaction control).
    pub fn batch(&mut self, sql: &str) -> Result<()> {
        self.client.batch_execute(sql).map_err(pg_err)
    }

    /// Runs `f` in a transaction (`begin` is the `BEGIN ...` statement): commits on
    /// success, rolls back on error.
    pub fn transaction<T>(
        &mut self,
        begin: &str,
        f: impl FnOnce(&mut Conn) -> Result<T>,
    ) -> Result<T> {
        self.batch(begin)?;
        match f(self) {
            Ok(v) => {
                self.batch("COMMIT")?;
                Ok(v)
            }
            Err(e) => {
                let _ = self.batch("ROLLBACK");
                Err(e)
            }
        }
    }

    pub fn is_broken(&self) -> bool {
        self.client.is_closed()
    }
}

/// Makes pool connections.
pub struct Manager(pub Target);

impl r2d2::ManageConnection for Manager {
    type Connection = Conn;
    type Error = StoreError;

    fn connect(&self) -> Result<Conn> {
        self.0.connect().map(Conn::new)
    }

    fn is_valid(&self, conn: &mut Conn) -> Result<()> {
        conn.batch("")
    }

    fn has_broken(&self, conn: &mut Conn) -> bool {
        conn.is_broken()
    }
}

pub type Pool = r2d2::Pool<Manager>;

/// The pool; `first` (a connection made to check the target) is not reused, so that
/// connection failures are reported by [`Target::connect`] in one line first.
pub fn pool(target: &Target, size: u32) -> Result<Pool> {
    r2d2::Pool::builder()
        .max_size(size.max(1))
        .min_idle(Some(0))
        .connection_timeout(Duration::from_secs(10))
        .build(Manager(target.clone()))
        .map_err(|e| StoreError::At {
            target: target.shown.clone(),
            source: Box::new(e),
        })
}
