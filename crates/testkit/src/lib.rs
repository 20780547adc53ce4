//! Test support shared by the crates' tests: one way to find `../shared` (the seed
//! example and the gold data beside the workspace) and one seeded noise generator for
//! the no-panic tests.
//!
//! Tests that need `../shared` must never pass by returning early when it is missing.
//! Each crate with such tests has a one-line `build.rs` calling [`build::shared_cfg`],
//! which sets `cfg(shared_data)` when the folder is there; the tests carry
//!
//! ```text
//! #[cfg_attr(not(shared_data), ignore = "needs ../shared (seed example, gold data)")]
//! ```
//!
//! so without it libtest reports them as *ignored* with the reason, and
//! [`require_shared_under_ci!`] adds a test that fails under `CI=true` naming the
//! missing folder. A compile-time cfg is used (not a runtime `return`, not
//! libtest-mimic) because it works the same for unit tests in `src/` and integration
//! tests in `tests/`, keeps the standard harness, and is the only way libtest itself
//! prints "ignored, <reason>".

use std::path::{Path, PathBuf};

pub mod build;
mod noise;

pub use noise::{mutations, Rng};

/// The `shared` folder beside the workspace (`<workspace>/../shared`), from a crate's
/// manifest directory (`crates/<name>`); `NEWSGRAPH_SHARED` points elsewhere (a data
/// checkout in another place, or a missing folder to see the tests refuse to run).
pub fn shared_dir(manifest_dir: &str) -> PathBuf {
    match std::env::var_os("NEWSGRAPH_SHARED") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(manifest_dir).join("../../../shared"),
    }
}

/// Fails (panics) under `CI=true` when `../shared` is missing, naming the folder; does
/// nothing elsewhere (the data tests are then reported as ignored). Called by the test
/// [`require_shared_under_ci!`] generates.
pub fn check_shared_under_ci(manifest_dir: &str) {
    let dir = shared_dir(manifest_dir);
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    if ci && !build::has_shared(&dir) {
        panic!(
            "CI=true but the shared data folder {} (../shared beside the workspace) is missing \
             or incomplete: the seed and gold-data acceptance tests cannot run",
            dir.display()
        );
    }
}

/// Adds a test that fails under `CI=true` when `../shared` is missing (put it once in
/// each test binary that has `shared_data` tests).
#[macro_export]
macro_rules! require_shared_under_ci {
    () => {
        #[test]
        fn shared_data_present_under_ci() {
            $crate::check_shared_under_ci(env!("CARGO_MANIFEST_DIR"));
        }
    };
}

/// The seed article (`../shared/examples/seed/article.txt`).
#[macro_export]
macro_rules! seed_path {
    () => {
        $crate::shared_dir(env!("CARGO_MANIFEST_DIR")).join("examples/seed/article.txt")
    };
}
