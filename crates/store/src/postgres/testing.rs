//! For tests only (the conformance suite, the queue and worker tests): a fresh database
//! on the PostgreSQL server named by `$NEWSGRAPH_TEST_PG`, which `scripts/servers`
//! (run by `scripts/test`) starts on loopback.

use super::conn::{Conn, Target};

/// The variable that names the test server.
pub const TEST_PG_VAR: &str = "NEWSGRAPH_TEST_PG";

/// A new, empty database named after `tag` (dropped first if a previous run left it).
/// Without `$NEWSGRAPH_TEST_PG`: under `CI=true` this panics (a test must not pass
/// without its server); elsewhere it returns `None` after saying so on stderr, and the
/// caller returns early.
pub fn test_database(tag: &str) -> Option<String> {
    let admin = match std::env::var(TEST_PG_VAR) {
        Ok(u) if !u.is_empty() => u,
        _ => {
            let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
            assert!(
                !ci,
                "{TEST_PG_VAR} is not set: the PostgreSQL tests need a server (scripts/test starts one with scripts/servers)"
            );
            eprintln!(
                "skipping: {TEST_PG_VAR} is not set (run scripts/servers start DIR and export it)"
            );
            return None;
        }
    };
    let name: String = format!("ng_{tag}_{}", std::process::id())
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    let target = Target::parse(&admin).expect("a valid $NEWSGRAPH_TEST_PG");
    let mut c = Conn::new(
        target
            .connect()
            .expect("the test PostgreSQL server answers"),
    );
    c.batch(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .expect("drop the old test database");
    c.batch(&format!("CREATE DATABASE {name}"))
        .expect("create the test database");
    let (base, query) = match admin.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (admin.as_str(), None),
    };
    let base = match base.rfind('/') {
        Some(i) if i > base.find("://").map_or(0, |s| s + 2) => &base[..i],
        _ => base,
    };
    Some(match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    })
}
