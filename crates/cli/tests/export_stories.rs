//! `ingest` → `export` end to end with the link stage: JSON Lines input identified by
//! `url`, the story of each url in the export (JSON Lines and CSV), bad input to the
//! new commands, a closed pipe, and kill -9 mid-ingest giving the same stories.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::{TempDir, BIN};

const PLACES: &[&str] = &[
    "Velden", "Carrow", "Ashby", "Morland", "Tressel", "Dunmore", "Halvard", "Quenby", "Ostwick",
    "Pellham", "Rigby", "Sallow",
];
const WHAT: &[&str] = &[
    "warehouse fire",
    "bridge collapse",
    "bank robbery",
    "chemical spill",
    "ferry sinking",
    "factory explosion",
];
const WHO: &[&str] = &[
    "Ilse Brandauer",
    "Tomas Reeve",
    "Anya Okafor",
    "Lior Benz",
    "Mara Quint",
    "Osric Vale",
];

/// `stories` events, each told by `per` outlets in their own words (shared names,
/// place, day), dated a week apart from one another.
fn jsonl(stories: usize, per: usize) -> (String, HashMap<String, usize>) {
    let mut out = String::new();
    let mut gold = HashMap::new();
    for s in 0..stories {
        let place = PLACES[s % PLACES.len()];
        let what = WHAT[(s / PLACES.len() + s) % WHAT.len()];
        let who = WHO[s % WHO.len()];
        let day = 1 + (s * 7) % 27;
        let month = 1 + (s * 7) / 27 % 12;
        for k in 0..per {
            let url = format!("https://outlet{k}.test/{s}/{k}");
            let title = match k % 3 {
                0 => format!("{what} in {place}: {who} speaks"),
                1 => format!("{place} reels after {what}"),
                _ => format!("Investigators study {place} {what}"),
            };
            let text = format!(
                "The {what} in {place} on Tuesday left residents shaken, {who} said (ref{s:03}z). \
                 Outlet {k} reports that emergency crews worked through the night in {place}.\n\n\
                 {who}, who leads the {place} council, promised an inquiry into the {what}. \
                 Witnesses in {place} described the scene to reporter number {k}."
            );
            let line = serde_json::json!({
                "url": url, "title": title, "text": text,
                "published": format!("2024-{month:02}-{day:02}"),
            });
            out.push_str(&line.to_string());
            out.push('\n');
            gold.insert(url, s);
        }
    }
    (out, gold)
}

fn run(args: &[&str], data: &Path) -> std::process::Output {
    Command::new(BIN)
        .args(args)
        .arg("--data")
        .arg(data)
        .output()
        .expect("run newsgraph")
}

/// url → story from a JSON Lines export.
fn stories_by_url(data: &Path) -> HashMap<String, String> {
    let out = run(&["export"], data);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["url"].as_str().unwrap().to_string(),
                v["story"]
                    .as_str()
                    .expect("every exported record has a story")
                    .to_string(),
            )
        })
        .collect()
}

#[test]
fn ingest_then_export_gives_each_url_its_story() {
    let t = TempDir::new("basic");
    let (input, data) = (t.0.join("in.jsonl"), t.0.join("data"));
    let (mut lines, mut gold) = jsonl(6, 3);
    // Exact copies of two inputs under other urls (another outlet): stored once, yet
    // each url comes out of the export, in its original's story.
    let first: Vec<serde_json::Value> = lines
        .lines()
        .take(4)
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for (i, mut v) in [(0, first[0].clone()), (3, first[3].clone())] {
        let url = format!("https://mirror.test/copy/{i}");
        let src = v["url"].as_str().unwrap().to_string();
        v["url"] = serde_json::json!(url);
        v["source"] = serde_json::json!("Mirror");
        lines.push_str(&format!("{v}\n"));
        let s = gold[&src];
        gold.insert(url, s);
    }
    std::fs::write(&input, lines).unwrap();
    let out = Command::new(BIN)
        .args(["ingest", "-q", "--data"])
        .arg(&data)
        .arg(&input)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = stories_by_url(&data);
    assert_eq!(got.len(), gold.len());
    // A copy's row: its own url and outlet, `duplicate_of` the stored article.
    let out = run(&["export"], &data);
    let rows: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let copy = rows
        .iter()
        .find(|r| r["url"] == "https://mirror.test/copy/0")
        .unwrap();
    let stored = rows
        .iter()
        .find(|r| r["url"] == "https://outlet0.test/0/0")
        .unwrap();
    assert_eq!(copy["source"], "Mirror");
    assert_eq!(copy["duplicate_of"]["id"], stored["id"]);
    assert_eq!(copy["duplicate_of"]["similarity"], 1.0);
    assert_ne!(copy["id"], stored["id"]);
    for (u, s) in &gold {
        for (v, r) in &gold {
            assert_eq!(
                got[u] == got[v],
                s == r,
                "{u} and {v}: gold same story = {}",
                s == r
            );
        }
    }
    // CSV: a header and one row per article, with the story column.
    let out = run(&["export", "--format", "csv"], &data);
    assert!(out.status.success());
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    assert!(
        header.starts_with("id,url,source,published,title,story,duplicate_of"),
        "{header}"
    );
    assert_eq!(lines.count(), gold.len());
    // --story keeps one story; --since keeps the later ones.
    let one = got["https://outlet0.test/5/0"].clone();
    let out = run(&["export", "--story", &one], &data);
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 3);
    // A story with a copy: its three articles and the copy's row.
    let copied = got["https://mirror.test/copy/0"].clone();
    let out = run(&["export", "--story", &copied], &data);
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 4);
    let out = run(&["export", "--since", "2024-01-20"], &data);
    let n = String::from_utf8_lossy(&out.stdout).lines().count();
    assert!(n > 0 && n < gold.len(), "{n}");
}

#[test]
fn bad_input_to_export_and_relink_is_a_clear_error() {
    let t = TempDir::new("bad");
    let data = t.0.join("data");
    // No store yet.
    let out = run(&["export"], &data);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no store here"));
    let out = run(&["relink"], &data);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no store here"));
    // An empty store exports nothing, successfully; relink does nothing.
    drop(newsgraph_store::EmbeddedStore::open(&data).unwrap());
    let out = run(&["export"], &data);
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    let out = run(&["relink"], &data);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (args, needle) in [
        (&["export", "--since", "yesterday"][..], "yesterday"),
        (&["export", "--story", "s-unknown"][..], "s-unknown"),
        (&["export", "--format", "xml"][..], "xml"),
    ] {
        let out = run(args, &data);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?}");
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn export_to_a_closed_pipe_exits_quietly() {
    let t = TempDir::new("pipe");
    let (input, data) = (t.0.join("in.jsonl"), t.0.join("data"));
    std::fs::write(&input, jsonl(12, 4).0).unwrap();
    let out = Command::new(BIN)
        .args(["ingest", "-q", "--clean-only", "--data"])
        .arg(&data)
        .arg(&input)
        .output()
        .unwrap();
    assert!(out.status.success());
    for format in ["jsonl", "csv"] {
        let mut child = Command::new(BIN)
            .args(["export", "--format", format, "--data"])
            .arg(&data)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // the reader goes away before the first write
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{format}: {err}");
        assert!(err.is_empty(), "{format}: {err}");
    }
}

#[test]
fn kill_9_mid_ingest_then_rerun_gives_the_same_stories() {
    let t = TempDir::new("kill");
    let input = t.0.join("in.jsonl");
    let (lines, gold) = jsonl(120, 5);
    std::fs::write(&input, lines).unwrap();
    let ingest = |data: &Path| {
        let mut c = Command::new(BIN);
        c.args(["ingest", "-q", "--clean-only", "--batch", "8", "--data"])
            .arg(data)
            .arg(&input)
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        c
    };
    let whole = t.0.join("whole");
    assert!(ingest(&whole).status().unwrap().success());
    let reference = stories_by_url(&whole);
    assert_eq!(reference.len(), gold.len());

    let killed = t.0.join("killed");
    let mut child = ingest(&killed).spawn().unwrap();
    let start = Instant::now();
    let mut was_killed = false;
    while start.elapsed() < Duration::from_secs(120) {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        if let Ok(store) = newsgraph_store::EmbeddedStore::open_read_only(&killed) {
            if newsgraph_store::Store::stats(&store).is_ok_and(|s| s.articles >= 40) {
                child.kill().unwrap();
                was_killed = true;
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let _ = child.wait();
    let mid = stories_by_url(&killed).len();
    assert!(
        was_killed && mid < gold.len(),
        "killed mid-way ({mid} stored)"
    );
    assert!(ingest(&killed).status().unwrap().success());
    let after = stories_by_url(&killed);
    assert_eq!(
        after, reference,
        "the same stories as the uninterrupted run"
    );
    let _ = std::io::stderr().flush();
}
