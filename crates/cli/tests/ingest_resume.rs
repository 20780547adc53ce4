//! `newsgraph ingest` end to end on generated fixtures: counts, idempotence, and
//! resuming after `kill -9` with nothing lost and nothing duplicated.

use newsgraph_store::{EmbeddedStore, SearchQuery, Store};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_newsgraph");

struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
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

const WORDS: &[&str] = &[
    "minister", "council", "market", "election", "river", "budget", "court", "harbour", "strike",
    "treaty", "festival", "airport", "museum", "senate", "factory", "vaccine", "bridge", "tariff",
    "drought", "league",
];

/// `n` distinct articles (a title line, a blank line, paragraphs), plus `dups` exact
/// copies of the first ones under other names. Article `i` holds the unique token `tokNNNNNx`.
fn fixtures(dir: &Path, n: usize, dups: usize) {
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

fn ingest(data: &Path, input: &Path, extra: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .arg("ingest")
        .arg("--data")
        .arg(data)
        .args(extra)
        .arg(input)
        .output()
        .expect("run newsgraph")
}

fn counts(data: &Path) -> (u64, u64) {
    let s = EmbeddedStore::open_read_only(data)
        .unwrap()
        .stats()
        .unwrap();
    (s.articles, s.indexed)
}

#[test]
fn ingest_twice_adds_nothing_and_dedups_copies() {
    let t = TempDir::new("twice");
    let (input, data) = (t.0.join("in"), t.0.join("data"));
    std::fs::create_dir_all(&input).unwrap();
    fixtures(&input, 40, 5);
    let out = ingest(&data, &input, &["--batch", "8"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("45 article(s) read, 40 inserted, 5 duplicate(s), 0 error(s)"),
        "{err}"
    );
    assert_eq!(counts(&data), (40, 40));

    let out = ingest(&data, &input, &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("0 inserted, 45 duplicate(s)"), "{err}");
    assert_eq!(counts(&data), (40, 40));

    let store = EmbeddedStore::open_read_only(&data).unwrap();
    for i in [0, 17, 39] {
        let r = store
            .search(&SearchQuery {
                text: Some(format!("tok{i:05}x")),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(r.total, 1, "article {i} is searchable once");
    }
}

#[test]
fn kill_9_mid_ingest_then_rerun_ends_complete() {
    let t = TempDir::new("kill");
    let (input, data) = (t.0.join("in"), t.0.join("data"));
    std::fs::create_dir_all(&input).unwrap();
    let n = 1500;
    fixtures(&input, n, 0);

    let mut child = Command::new(BIN)
        .args(["ingest", "-q", "--batch", "16", "-j", "1", "--data"])
        .arg(&data)
        .arg(&input)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn newsgraph");
    // Kill as soon as some batches are committed but not all.
    let start = Instant::now();
    let mut at_kill = None;
    while start.elapsed() < Duration::from_secs(300) {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        if data.join("newsgraph.sqlite").is_file() {
            if let Ok(store) = EmbeddedStore::open_read_only(&data) {
                if let Ok(s) = store.stats() {
                    if s.articles >= 32 {
                        child.kill().expect("kill -9");
                        at_kill = Some(s.articles);
                        break;
                    }
                }
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.wait();
    let at_kill = at_kill.expect("the ingest was killed mid-way");
    let (after_kill, _) = counts(&data);
    assert!(
        after_kill < n as u64,
        "killed before the end ({after_kill} of {n} stored, {at_kill} seen)"
    );

    let out = ingest(&data, &input, &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains(&format!("{n} article(s) read")), "{err}");
    assert!(
        err.contains(&format!("{} inserted", n as u64 - after_kill)),
        "{err}"
    );
    assert_eq!(
        counts(&data),
        (n as u64, n as u64),
        "nothing lost, nothing duplicated"
    );
    let store = EmbeddedStore::open_read_only(&data).unwrap();
    let r = store
        .search(&SearchQuery {
            text: Some("tok00000x".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(r.total, 1);
}
