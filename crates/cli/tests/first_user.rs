//! The command line as a first real user met it (issue 15): closed pipes, exit codes,
//! errors said once, `--data` and `--addr` mistakes, directory filters, feed lists, CSV
//! output, `train ner --out`, and the README/demo promises. Fixtures are written here.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

mod common;
use common::{TempDir, BIN};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

const STORY: &str = "Harbour wall repaired\n\nThe harbour wall damaged in the winter storms has been repaired, the port authority said on Monday.\n\nWork cost about two million pounds and took four months, according to the authority.\n";

fn write(dir: &Path, name: &str, body: &[u8]) -> String {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, body).unwrap();
    p.display().to_string()
}

fn run(args: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run newsgraph")
}

#[test]
fn a_closed_pipe_ends_extract_quietly() {
    let dir = TempDir::new("pipe");
    // Far more output than a pipe buffers (64 KiB), so writes hit the closed pipe.
    let mut inputs = Vec::new();
    for i in 0..300 {
        inputs.push(write(
            &dir.0,
            &format!("s{i:02}.txt"),
            STORY.replace("two", &format!("{i}")).as_bytes(),
        ));
    }
    for merge_stderr in [false, true] {
        let mut cmd = Command::new(BIN);
        cmd.args(["extract", "--clean-only"]).args(&inputs);
        cmd.stdout(Stdio::piped()).stdin(Stdio::null());
        if merge_stderr {
            // `2>&1 | head -c 100`: stderr is the same closed pipe.
            cmd.stderr(Stdio::piped());
        }
        let mut child = cmd.spawn().unwrap();
        let mut out = child.stdout.take().unwrap();
        let mut first = [0u8; 100];
        out.read_exact(&mut first).unwrap();
        drop(out);
        drop(child.stderr.take());
        let status = child.wait().unwrap();
        assert!(
            status.success(),
            "exit {status:?} (101 is a panic) with stderr merged: {merge_stderr}"
        );
    }
}

#[test]
fn exit_codes_say_whether_every_input_was_read() {
    let dir = TempDir::new("exit");
    let good = write(&dir.0, "good.txt", STORY.as_bytes());
    let junk = write(&dir.0, "junk.bin", &[0u8, 1, 2, 3, 0, 0, 7, 8]);
    let all = run(&["extract", "--clean-only", &good]);
    assert_eq!(all.status.code(), Some(0));
    let partial = run(&["extract", "--clean-only", &good, &junk]);
    assert_eq!(
        partial.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&partial.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&partial.stdout).lines().count(), 1);
    let none = run(&["extract", "--clean-only", &junk]);
    assert_eq!(none.status.code(), Some(1));
    let help = run(&["--help"]);
    assert!(String::from_utf8_lossy(&help.stdout).contains("3 partial"));
}

#[test]
fn a_data_path_that_is_a_file_says_so_once() {
    let dir = TempDir::new("datafile");
    let file = write(&dir.0, "not-a-dir", b"x");
    let story = write(&dir.0, "s.txt", STORY.as_bytes());
    for args in [
        vec!["serve", "--data", file.as_str(), "--addr", "127.0.0.1:0"],
        vec!["ingest", "--data", file.as_str(), story.as_str()],
    ] {
        let out = run(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?}");
        assert!(
            err.contains("is a file, not a directory"),
            "{args:?}: {err}"
        );
        // No cause repeated ("File exists (os error 17): File exists (os error 17)").
        for line in err.lines() {
            let parts: Vec<&str> = line.split(": ").collect();
            let mut seen = std::collections::HashSet::new();
            assert!(
                parts.iter().all(|p| seen.insert(*p)),
                "repeated cause: {line}"
            );
        }
    }
}

#[test]
fn serve_takes_a_host_name_and_warns_about_a_missing_store() {
    let dir = TempDir::new("serve");
    let data = dir.0.join("no-store-here");
    let mut child = Command::new(BIN)
        .args([
            "serve",
            "--data",
            data.to_str().unwrap(),
            "--addr",
            "localhost:0",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    let mut out = child.stdout.take().unwrap();
    let mut byte = [0u8; 1];
    while out.read(&mut byte).unwrap_or(0) == 1 && byte[0] != b'\n' {
        line.push(byte[0] as char);
    }
    let _ = child.kill();
    let _ = child.wait();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(
        line.contains("serving") && line.contains("http://127.0.0.1:"),
        "{line} / {err}"
    );
    assert!(
        err.contains("warning") && err.contains("does not exist"),
        "{err}"
    );
}

#[test]
fn directories_skip_non_articles_and_take_globs() {
    let dir = TempDir::new("globs");
    write(
        &dir.0,
        "news/README.TXT",
        b"This folder holds the articles of the dump, one per file, in plain text.\n",
    );
    write(&dir.0, "news/Makefile", b"all:\n\tcat *.txt > all\n");
    write(&dir.0, "news/001.txt", STORY.as_bytes());
    write(
        &dir.0,
        "news/002.txt",
        STORY.replace("Monday", "Friday").as_bytes(),
    );
    let news = dir.0.join("news").display().to_string();
    let out = run(&["extract", "--clean-only", &news]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    assert!(!stdout.contains("This folder holds"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("README.TXT"));
    let out = run(&["extract", "--clean-only", "--exclude", "002*", &news]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    let out = run(&["extract", "--clean-only", "--include", "*.TXT", &news]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 3);
}

/// A one-shot HTTP server on loopback answering every request with `body`.
fn serve_feed(body: &'static str, requests: usize) -> (String, std::thread::JoinHandle<()>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let h = std::thread::spawn(move || {
        for _ in 0..requests {
            let Ok((mut s, _)) = listener.accept() else {
                return;
            };
            let mut buf = [0u8; 4096];
            let _ = s.read(&mut buf);
            let _ = write!(
                s,
                "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    (format!("http://127.0.0.1:{port}"), h)
}

const FEED: &str = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Loop Times</title><link>https://loop.example.org/</link>
<item><title>Bridge reopens</title><link>/bridge</link><description>&lt;p&gt;The old bridge reopened on Friday after eight months of repairs to its piers, the council said.&lt;/p&gt;</description></item>
</channel></rss>"#;

#[test]
fn extract_reads_a_feed_list_like_ingest() {
    let (base, server) = serve_feed(FEED, 1);
    let dir = TempDir::new("feedlist");
    let list = write(
        &dir.0,
        "feeds.txt",
        format!("# my feeds\n{base}/rss.xml\n").as_bytes(),
    );
    let out = run(&["extract", "--clean-only", &list]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rec: serde_json::Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    assert_eq!(rec["title"], "Bridge reopens");
    assert_eq!(rec["url"], "https://loop.example.org/bridge");
    server.join().unwrap();
}

#[test]
fn extract_writes_csv() {
    let dir = TempDir::new("csv");
    let a = write(&dir.0, "a.txt", STORY.as_bytes());
    let b = write(&dir.0, "b.txt", "Vote, \"at last\"\n\nThe council voted on Tuesday, after a long debate, to keep the library open.\n".as_bytes());
    let out = run(&["extract", "--format", "csv", &a, &b]);
    assert!(out.status.success());
    let csv = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = csv.split("\r\n").filter(|r| !r.is_empty()).collect();
    assert!(
        rows[0].starts_with("id,url,source,language,published,authors,title,entities,"),
        "{}",
        rows[0]
    );
    // Quoted fields hold commas, quotes and line breaks; 1 header + 2 records.
    assert!(csv.contains("\"Vote, \"\"at last\"\"\""), "{csv}");
    let records = csv.matches("\r\n").count();
    assert_eq!(records, 3, "{csv}");
}

#[test]
fn train_ner_needs_an_explicit_out() {
    let out = run(&[
        "train",
        "ner",
        "--gum",
        "/nonexistent",
        "--meantime",
        "/nonexistent",
    ]);
    assert_eq!(out.status.code(), Some(2), "a usage error");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--out"));
}

#[test]
fn readme_and_demo_keep_their_promises() {
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    assert!(
        readme.contains("ADDR=") && readme.contains("DATA="),
        "ADDR/DATA documented"
    );
    for field in [
        "`url`",
        "`html` or `text`",
        "`title`",
        "`published`",
        "`source`",
    ] {
        assert!(
            readme.contains(field),
            "JSON Lines field {field} documented"
        );
    }
    // No command line that pastes as a shell pipe between eval layers.
    assert!(
        !readme
            .lines()
            .any(|l| l.contains("eval ") && l.contains(" | ")),
        "an `eval a | b` line"
    );
    let demo = std::fs::read_to_string(Path::new(ROOT).join("scripts/demo")).unwrap();
    assert!(
        demo.contains("several minutes"),
        "the demo says it builds for minutes"
    );
    assert!(
        !demo.contains("head -c"),
        "the demo prints a summary, not raw bytes"
    );
    assert!(demo.contains("--format summary"));
    assert!(
        demo.contains("hostile*"),
        "hostile fixtures are kept out of the demo store"
    );
}

#[test]
fn summary_format_lists_the_layers() {
    let dir = TempDir::new("summary");
    let a = write(&dir.0, "a.txt", STORY.as_bytes());
    let out = run(&[
        "extract",
        "--format",
        "summary",
        "--published",
        "2025-03-04",
        &a,
    ]);
    assert!(out.status.success());
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.starts_with("Harbour wall repaired\n"), "{s}");
    for layer in ["entities (", "quotes (", "claims (", "times (", "figures ("] {
        assert!(s.contains(layer), "{layer} in {s}");
    }
}

#[test]
fn ctrl_c_during_ingest_keeps_what_was_analysed_and_the_rerun_skips_it() {
    let dir = TempDir::new("ctrlc");
    let (input, data) = (dir.0.join("in"), dir.0.join("data"));
    // Enough inputs that the interrupt 1.5 s in lands mid-ingest on a quiet machine too
    // (2,000 finished in under 1.5 s once the layers got faster).
    let n = 8000;
    for i in 0..n {
        write(
            &input,
            &format!("a{i:05}.txt"),
            format!("Council meeting {i}\n\nThe council met on Tuesday to discuss item {i} of the budget, the mayor said.\n").as_bytes(),
        );
    }
    // One huge batch: without a clean stop, everything analysed would be lost.
    let child = Command::new(BIN)
        .args(["ingest", "-q", "-j", "1", "--batch", "100000", "--data"])
        .arg(&data)
        .arg(&input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let sent = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{err}");
    let stored: u64 = err
        .split("interrupted: ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no 'interrupted: N stored' in {err}"));
    assert!(err.contains("re-run to continue"), "{err}");
    assert!(stored > 0 && stored < n as u64, "{stored} of {n}: {err}");
    let in_store = newsgraph_store::Store::stats(
        &newsgraph_store::EmbeddedStore::open_read_only(&data).unwrap(),
    )
    .unwrap()
    .articles;
    assert_eq!(in_store, stored, "what it says it stored is in the store");
    // The re-run stores the rest and skips (does not re-analyse) what is there.
    let out = run(&[
        "ingest",
        "-q",
        "--data",
        data.to_str().unwrap(),
        input.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains(&format!(
            "{} inserted, {stored} duplicate(s)",
            n as u64 - stored
        )),
        "{err}"
    );
}
