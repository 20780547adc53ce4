//! One module per subcommand.
pub mod eval;
pub mod extract;
pub mod ingest;
pub mod serve;
pub mod train;
pub mod train_syntax;

/// Checks a `--published` value: an ISO 8601 date (`YYYY-MM-DD`, optionally followed by
/// a time), so a typo fails loudly instead of silently leaving dates unresolved.
pub fn check_published(d: &str) -> anyhow::Result<()> {
    let b = d.as_bytes();
    let ok = b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit);
    anyhow::ensure!(ok, "--published {d:?} is not an ISO 8601 date (YYYY-MM-DD)");
    Ok(())
}
