//! Versioned migrations, numbered as the embedded store's (`migrations/NNNN_*.sql`
//! there, `migrations/postgres/NNNN_*.sql` here): version N means the same schema on
//! both backends. Every process that opens the store runs `migrate` under a
//! session advisory lock, so workers starting together apply each migration once.

use super::conn::Conn;
use crate::{Result, StoreError};
use std::collections::HashSet;

const MIGRATIONS: &[(i32, &str, &str)] = &[
    (
        1,
        "init",
        include_str!("../../migrations/postgres/0001_init.sql"),
    ),
    (
        2,
        "published_utc",
        include_str!("../../migrations/postgres/0002_published_utc.sql"),
    ),
    (
        3,
        "registry",
        include_str!("../../migrations/postgres/0003_registry.sql"),
    ),
    (
        4,
        "stories",
        include_str!("../../migrations/postgres/0004_stories.sql"),
    ),
    (
        5,
        "search",
        include_str!("../../migrations/postgres/0005_search.sql"),
    ),
    (
        6,
        "article_copies",
        include_str!("../../migrations/postgres/0006_article_copies.sql"),
    ),
    (
        7,
        "postings_cover",
        include_str!("../../migrations/postgres/0007_postings_cover.sql"),
    ),
];

/// The schema version this build writes: the embedded store's, by construction.
pub const SCHEMA_VERSION: i32 = crate::embedded::SCHEMA_VERSION as i32;

/// Advisory-lock key of the migration step ("ngmigrat").
const MIGRATE_LOCK: i64 = 0x6e67_6d69_6772_6174;

pub fn migrate(conn: &mut Conn) -> Result<u32> {
    conn.query_one("SELECT pg_advisory_lock($1)", &[&MIGRATE_LOCK])?;
    let out = apply(conn);
    let _ = conn.query_one("SELECT pg_advisory_unlock($1)", &[&MIGRATE_LOCK]);
    out
}

fn apply(conn: &mut Conn) -> Result<u32> {
    conn.batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
    )?;
    let current = schema_version(conn)?;
    if current > SCHEMA_VERSION {
        return Err(StoreError::Schema(format!(
            "the database has schema version {current}, newer than this build's {SCHEMA_VERSION}"
        )));
    }
    // Every listed migration not yet recorded runs, even below the current maximum
    // (as on the embedded store: parallel work may land out of number order).
    let applied: HashSet<i32> = conn
        .query("SELECT version FROM schema_migrations", &[])?
        .iter()
        .map(|r| r.get(0))
        .collect();
    for (version, name, sql) in MIGRATIONS {
        if applied.contains(version) {
            continue;
        }
        let now = crate::util::now_rfc3339();
        let failed = |e: StoreError| StoreError::Migration {
            version: *version as u32,
            name,
            source: Box::new(e),
        };
        conn.transaction("BEGIN", |c| {
            c.batch(sql).map_err(failed)?;
            if *version == 2 {
                renormalise_published(c).map_err(failed)?;
            }
            c.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                &[version, name, &now],
            )?;
            Ok(())
        })?;
    }
    Ok(SCHEMA_VERSION as u32)
}

/// Migration 2 in Rust (as the embedded store's): every stored `published` gets its
/// UTC form, and the sort keys of articles, quotes and claims become UTC instants.
fn renormalise_published(c: &mut Conn) -> Result<()> {
    let rows: Vec<(i64, String)> = c
        .query(
            "SELECT seq, published FROM articles WHERE published IS NOT NULL",
            &[],
        )?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    for (seq, published) in rows {
        let utc = crate::util::utc_time(&published).map(|t| t.published_utc);
        let sort = crate::util::pub_sort_key(Some(&published));
        c.execute(
            "UPDATE articles SET published_utc = $2, pub_sort = $3 WHERE seq = $1",
            &[&seq, &utc, &sort],
        )?;
        c.execute(
            "UPDATE quotes SET pub_sort = $2 WHERE seq = $1",
            &[&seq, &sort],
        )?;
        c.execute(
            "UPDATE claims SET pub_sort = $2 WHERE seq = $1",
            &[&seq, &sort],
        )?;
    }
    Ok(())
}

pub fn schema_version(conn: &mut Conn) -> Result<i32> {
    let row = conn.query_one(
        "SELECT coalesce(max(version), 0) FROM schema_migrations",
        &[],
    )?;
    Ok(row.get(0))
}
