//! The SQLite connection: numbered migrations, connection settings, the statement
//! cache and error mapping. The write path is `write.rs`, the read queries `read.rs`.

use super::util::{now_rfc3339, pub_sort_key, utc_time};
use crate::*;
use rusqlite::{params, Connection, Transaction};
use std::collections::HashSet;

/// Numbered migrations, applied in order at open; each runs once, in a transaction.
const MIGRATIONS: &[(u32, &str, &str)] = &[
    (1, "init", include_str!("../../migrations/0001_init.sql")),
    (
        2,
        "published_utc",
        include_str!("../../migrations/0002_published_utc.sql"),
    ),
    (
        3,
        "registry",
        include_str!("../../migrations/0003_registry.sql"),
    ),
    (
        4,
        "stories",
        include_str!("../../migrations/0004_stories.sql"),
    ),
    (
        5,
        "search",
        include_str!("../../migrations/0005_search.sql"),
    ),
    (
        6,
        "article_copies",
        include_str!("../../migrations/0006_article_copies.sql"),
    ),
    (
        7,
        "postings_cover",
        include_str!("../../migrations/0007_postings_cover.sql"),
    ),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = 7;

pub fn db_err(e: rusqlite::Error) -> StoreError {
    StoreError::Database(Box::new(e))
}

/// `conn.q(sql)`: a cached prepared statement, errors mapped.
pub trait Q {
    fn q(&self, sql: &str) -> Result<rusqlite::CachedStatement<'_>>;
}

impl Q for Connection {
    fn q(&self, sql: &str) -> Result<rusqlite::CachedStatement<'_>> {
        self.prepare_cached(sql).map_err(db_err)
    }
}

/// Prepared statements kept per connection (more than the write path and the reads use).
const STATEMENT_CACHE: usize = 256;

/// Connection settings shared by writer and readers.
pub fn configure(conn: &Connection, writer: bool) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(10))
        .map_err(db_err)?;
    // The write path alone uses ~60 distinct statements (article rows, registry, link
    // stage); rusqlite's default cache of 16 evicted them in turn, so every article
    // re-prepared most of its statements.
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    // The bundled SQLite is built with STAT4, so a statement whose plan looked at a
    // bound value (a `LIMIT ?` among them) is compiled again whenever that value
    // changes: at 100k stored that re-preparing was ~11% of the writer's time
    // (`perf record` of an ingest, ARCH.md). The store keeps no statistics tables,
    // so a plan never depends on a value: the query planner stability guarantee
    // keeps each cached plan.
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )
    .map_err(db_err)?;
    if writer {
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(db_err)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(db_err)?;
        // Checkpoint every ~32 MB of WAL instead of SQLite's 4 MB: a 256-article batch
        // writes more than 4 MB, so each commit checkpointed (and fsynced), copying the
        // link stage's hot index pages (postings, document frequencies, stories) back
        // to the database once per batch; ~4% of an ingest's CPU at 100k stored (perf).
        conn.pragma_update(None, "wal_autocheckpoint", 8192)
            .map_err(db_err)?;
    }
    conn.pragma_update(None, "foreign_keys", "ON")
        .map_err(db_err)?;
    // Pages kept in memory (KiB). The writer's working set is the link stage's B-trees
    // (LSH bands: 40 rows per article, postings, document frequencies), which at 100k
    // articles outgrow 16 MB; readers mostly touch what one query returns.
    let cache_kib: i64 = if writer { 65_536 } else { 16_000 };
    conn.pragma_update(None, "cache_size", -cache_kib)
        .map_err(db_err)?;
    conn.pragma_update(None, "temp_store", "MEMORY")
        .map_err(db_err)?;
    Ok(())
}

/// Applies every migration not yet recorded; refuses a database newer than this build.
pub fn migrate(conn: &mut Connection) -> Result<u32> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
    )
    .map_err(db_err)?;
    let current: u32 = conn
        .query_row(
            "SELECT coalesce(max(version), 0) FROM schema_migrations",
            [],
            |r| r.get(0),
        )
        .map_err(db_err)?;
    if current > SCHEMA_VERSION {
        return Err(StoreError::Schema(format!(
            "the data directory has schema version {current}, newer than this build's {SCHEMA_VERSION}"
        )));
    }
    // Every listed migration not yet recorded runs, even below the current maximum:
    // migrations of parallel work may land out of number order.
    let applied: HashSet<u32> = conn
        .prepare("SELECT version FROM schema_migrations")
        .map_err(db_err)?
        .query_map([], |r| r.get(0))
        .map_err(db_err)?
        .collect::<rusqlite::Result<_>>()
        .map_err(db_err)?;
    for (version, name, sql) in MIGRATIONS {
        if applied.contains(version) {
            continue;
        }
        let tx = conn.transaction().map_err(db_err)?;
        tx.execute_batch(sql)
            .map_err(|e| migration_err(*version, name, e))?;
        if *version == 2 {
            renormalise_published(&tx).map_err(|e| migration_err(*version, name, e))?;
        }
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
            params![version, name, now_rfc3339()],
        )
        .map_err(db_err)?;
        tx.commit().map_err(db_err)?;
    }
    Ok(SCHEMA_VERSION)
}

fn migration_err(
    version: u32,
    name: &'static str,
    e: impl std::error::Error + Send + Sync + 'static,
) -> StoreError {
    StoreError::Migration {
        version,
        name,
        source: Box::new(e),
    }
}

/// Migration 2 in Rust: every stored `published` gets its UTC form, and the sort keys
/// of articles, quotes and claims become UTC instants (they were the local date).
fn renormalise_published(tx: &Transaction) -> Result<()> {
    let rows: Vec<(i64, String)> = {
        let mut stmt = tx
            .prepare("SELECT seq, published FROM articles WHERE published IS NOT NULL")
            .map_err(db_err)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(db_err)?;
        rows.collect::<rusqlite::Result<_>>().map_err(db_err)?
    };
    for (seq, published) in rows {
        let utc = utc_time(&published).map(|t| t.published_utc);
        let sort = pub_sort_key(Some(&published));
        tx.execute(
            "UPDATE articles SET published_utc = ?2, pub_sort = ?3 WHERE seq = ?1",
            params![seq, utc, sort],
        )
        .map_err(db_err)?;
        for table in ["quotes", "claims"] {
            tx.execute(
                &format!("UPDATE {table} SET pub_sort = ?2 WHERE seq = ?1"),
                params![seq, sort],
            )
            .map_err(db_err)?;
        }
    }
    Ok(())
}

/// The schema version recorded in the database (0 when none).
pub fn schema_version(conn: &Connection) -> Result<u32> {
    conn.query_row(
        "SELECT coalesce(max(version), 0) FROM schema_migrations",
        [],
        |r| r.get(0),
    )
    .map_err(db_err)
}
