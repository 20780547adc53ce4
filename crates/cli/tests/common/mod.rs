//! Helpers shared by the end-to-end tests of the binary: temp dirs and generated
//! article fixtures.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub const BIN: &str = env!("CARGO_BIN_EXE_newsgraph");

pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        let p = std::env::temp_dir().join(format!("ng-ingest-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub const WORDS: &[&str] = &[
    "minister", "council", "market", "election", "river", "budget", "court", "harbour", "strike",
    "treaty", "festival", "airport", "museum", "senate", "factory", "vaccine", "bridge", "tariff",
    "drought", "league",
];

/// `n` distinct articles (a title line, a blank line, paragraphs), plus `dups` exact
/// copies of the first ones under other names. Article `i` holds the unique token `tokNNNNNx`.
pub fn fixtures(dir: &Path, n: usize, dups: usize) {
    for i in 0..n {
        let w = |k: usize| WORDS[(i * 7 + k * 3) % WORDS.len()];
        let mut body = format!("{} {} reaches {} deal {i}\n\n", w(0), w(1), w(2));
        for p in 0..4 {
            body.push_str(&format!(
                "The {} said on Tuesday that the {} would meet the {} again (tok{i:05}x, paragraph {p}). \
                 Officials from the {} declined to comment on the {} before the {} vote.\n\n",
                w(p),
                w(p + 1),
                w(p + 2),
                w(p + 3),
                w(p + 4),
                w(p + 5)
            ));
        }
        std::fs::write(dir.join(format!("a{i:05}.txt")), &body).unwrap();
        if i < dups {
            std::fs::write(dir.join(format!("copy{i:05}.txt")), &body).unwrap();
        }
    }
}
