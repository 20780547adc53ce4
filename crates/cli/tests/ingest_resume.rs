//! `newsgraph ingest` end to end on generated fixtures: counts, idempotence, and
//! resuming after `kill -9` with nothing lost and nothing duplicated.

mod common;

use common::*;
use newsgraph_store::{EmbeddedStore, SearchQuery, Store};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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
