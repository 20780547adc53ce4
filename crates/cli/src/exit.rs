//! Exit codes, the same for every command (listed in `newsgraph --help` and the README):
//!
//! | code | meaning |
//! |---|---|
//! | 0 | everything asked for was done: every input read (warnings aside) |
//! | 1 | failure: nothing could be read, or a fatal error (bad store, bad flag value) |
//! | 2 | usage error (unknown flag, missing argument), from the argument parser |
//! | 3 | partial: some inputs or records could not be read; the rest was written |
//! | 130 | interrupted (Ctrl-C) after writing what was done; re-run to continue |

/// Some inputs or records failed; the others were read and written.
pub const PARTIAL: u8 = 3;

/// Interrupted by Ctrl-C after a clean stop (128 + SIGINT, as shells report it).
pub const INTERRUPTED: u8 = 130;

/// The table above, for `--help`.
pub const HELP: &str = "Exit codes: 0 every input read; 1 nothing read or a fatal error; \
2 usage error; 3 partial (some inputs or records could not be read, the rest was written); \
130 interrupted (what was done is kept; re-run to continue).";
