//! One module per subcommand.
pub mod entity;
pub mod eval;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod queue;
pub mod relink;
pub mod serve;
pub mod store;
pub mod train;
pub mod train_clusters;
pub mod train_extraction;
pub mod train_stories;
pub mod train_syntax;
pub mod worker;

/// Checks a `--published` value: an ISO 8601 date (`YYYY-MM-DD`, optionally followed by
/// a time) that exists on the calendar, so a typo fails loudly instead of silently
/// leaving dates unresolved. The same parser and message as the API's date filters.
pub fn check_published(d: &str) -> anyhow::Result<()> {
    newsgraph_model::CivilDate::parse(d).map_err(|e| anyhow::anyhow!("--published {e}"))?;
    Ok(())
}

/// Checks a `--data` directory: a path that exists and is not a directory (a file
/// given by mistake) is an error that says so, before the store tries to open it.
pub fn check_data_dir(dir: &std::path::Path) -> anyhow::Result<()> {
    if dir.exists() && !dir.is_dir() {
        anyhow::bail!(
            "--data {}: is a file, not a directory (the store is a directory)",
            dir.display()
        );
    }
    Ok(())
}

/// Checks an ISO 8601 date prefix (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) given to `flag`.
pub fn check_iso_prefix(flag: &str, d: &str) -> anyhow::Result<()> {
    newsgraph_model::DatePrefix::parse(d)
        .map(|_| ())
        .map_err(|e| anyhow::anyhow!("{flag} {e}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn published_must_be_a_calendar_date() {
        assert!(super::check_published("2025-07-08T10:00:00Z").is_ok());
        for bad in ["2025-13-45", "2025-02-30", "July 8"] {
            let e = super::check_published(bad).unwrap_err().to_string();
            assert!(
                e.starts_with("--published \"") && e.contains("not a valid ISO 8601 date"),
                "{e}"
            );
        }
    }

    #[test]
    fn a_date_filter_error_names_the_flag_and_the_format_once() {
        assert!(super::check_iso_prefix("--since", "2025-07").is_ok());
        let e = super::check_iso_prefix("--since", "yesterday")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("--since \"yesterday\""), "{e}");
        assert_eq!(e.matches("YYYY-MM-DD").count(), 1, "{e}");
    }
}
