//! The build-script half: `cfg(shared_data)` when `../shared` is present.

use std::path::Path;

/// The files whose presence means `../shared` is usable: the seed example and the gold
/// data's index.
const MARKERS: [&str; 2] = ["examples/seed/article.txt", "data/README.md"];

/// Whether `dir` holds the shared examples and data.
pub fn has_shared(dir: &Path) -> bool {
    MARKERS.iter().all(|m| dir.join(m).is_file())
}

/// Call from a crate's `build.rs`: declares `cfg(shared_data)` and sets it when
/// `../shared` is there. Cargo re-runs the script when a marker file changes (or, while
/// one is missing, on every build — cheap, and it notices the folder appearing).
pub fn shared_cfg() {
    println!("cargo::rustc-check-cfg=cfg(shared_data)");
    println!("cargo::rerun-if-env-changed=NEWSGRAPH_SHARED");
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let dir = crate::shared_dir(&manifest);
    for m in MARKERS {
        println!("cargo::rerun-if-changed={}", dir.join(m).display());
    }
    if has_shared(&dir) {
        println!("cargo::rustc-cfg=shared_data");
    }
}
