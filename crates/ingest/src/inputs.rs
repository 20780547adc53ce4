//! Command-line arguments to inputs: feed lists become their feeds, directories their
//! files (filtered by the walk options); `--watch` re-polls what can change (URLs and
//! feed lists). The expansion itself is the reader's (`newsgraph_read::expand_with`),
//! so `extract` and `ingest` read the same arguments the same way.

use newsgraph_read::{Input, WalkOptions};

/// True for an `http(s)://` argument.
pub fn is_url(arg: &str) -> bool {
    arg.starts_with("http://") || arg.starts_with("https://")
}

/// The arguments worth polling again: URLs, feeds and feed lists (files are read once).
pub fn pollable(args: &[String]) -> Vec<String> {
    args.iter()
        .filter(|a| is_url(a) || newsgraph_read::is_feed_list_path(a))
        .cloned()
        .collect()
}

/// The arguments as inputs, with the errors of those that cannot be expanded (each
/// naming its argument) and the warnings (files skipped as non-articles).
#[derive(Debug, Default)]
pub struct Resolved {
    pub inputs: Vec<Input>,
    pub errors: Vec<String>,
    pub warnings: Vec<String>,
}

/// Expands the arguments into inputs; feed lists become their feed URLs.
pub fn resolve(args: &[String], walk: &WalkOptions) -> Resolved {
    let mut r = Resolved::default();
    for i in newsgraph_read::expand_with(args, walk) {
        match i {
            Ok(i) => r.inputs.push(i),
            Err(e) if e.is_warning() => r.warnings.push(e.to_string()),
            Err(e) => r.errors.push(e.to_string()),
        }
    }
    r
}
