//! Command-line arguments to inputs: feed lists become their feeds, directories their
//! files; `--watch` re-polls what can change (URLs and feed lists).

use crate::feeds;
use newsgraph_read::Input;

/// True for an `http(s)://` argument.
pub fn is_url(arg: &str) -> bool {
    arg.starts_with("http://") || arg.starts_with("https://")
}

/// The arguments worth polling again: URLs, feeds and feed lists (files are read once).
pub fn pollable(args: &[String]) -> Vec<String> {
    args.iter()
        .filter(|a| is_url(a) || feeds::is_feed_list_path(a))
        .cloned()
        .collect()
}

/// Expands the arguments into inputs, with the errors of those that cannot be expanded
/// (each naming its argument); feed lists become their feed URLs.
pub fn resolve(args: &[String]) -> (Vec<Input>, Vec<String>) {
    let mut expanded_args = Vec::with_capacity(args.len());
    let mut errors = Vec::new();
    for a in args {
        match feeds::feed_list(a) {
            Ok(Some(urls)) => {
                if urls.is_empty() {
                    errors.push(format!("{a}: feed list holds no feed URL"));
                }
                expanded_args.extend(urls);
            }
            Ok(None) => expanded_args.push(a.clone()),
            Err(e) => errors.push(format!("{a}: {e}")),
        }
    }
    let mut inputs = Vec::new();
    for i in newsgraph_read::expand(&expanded_args) {
        match i {
            Ok(i) => inputs.push(i),
            Err(e) => errors.push(e.to_string()),
        }
    }
    (inputs, errors)
}
