//! Queue mode end to end, on real servers: `ingest --queue` into a nats-server
//! (Debian's, JetStream, started per test on a free loopback port so a test can kill
//! it) and `worker`s into PostgreSQL (a fresh database on `$NEWSGRAPH_TEST_PG`).
//! Under CI=true a missing server fails the test; elsewhere the test says it skipped.

mod common;

use common::*;
use newsgraph_queue::testing::NatsServer;
use newsgraph_store::{EmbeddedStore, PostgresStore, Store};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A nats-server and a PostgreSQL database for one test.
struct Servers {
    nats: NatsServer,
    pg: String,
    tmp: TempDir,
}

fn servers(tag: &str) -> Option<Servers> {
    let tmp = TempDir::new(&format!("queue-{tag}"));
    let nats = NatsServer::start(&tmp.0.join("nats"))?;
    let pg = newsgraph_store::testing::test_database(&format!("q_{tag}"))?;
    Some(Servers { nats, pg, tmp })
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("run newsgraph")
}

fn publish(s: &Servers, input: &Path) {
    let out = run(&[
        "ingest",
        "--queue",
        &s.nats.url(),
        "--ack-wait",
        "3",
        "-q",
        input.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn worker(s: &Servers, extra: &[&str]) -> Child {
    Command::new(BIN)
        .args(["worker", "--clean-only", "--ack-wait", "3", "--queue"])
        .arg(s.nats.url())
        .arg("--store")
        .arg(&s.pg)
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn worker")
}

fn finish(child: Child) -> String {
    let out = child.wait_with_output().expect("worker exits");
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "worker failed: {err}");
    err
}

/// Every stored article id.
fn ids(s: &dyn Store) -> BTreeSet<String> {
    let n = s.stats().unwrap().articles as usize;
    s.latest(n + 10, 0)
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect()
}

fn pg_ids(url: &str) -> BTreeSet<String> {
    ids(&PostgresStore::connect(url, 1).unwrap())
}

/// The ids an embedded ingest of the same inputs stores.
fn embedded_ids(input: &Path, data: &Path) -> BTreeSet<String> {
    let out = run(&[
        "ingest",
        "--clean-only",
        "-q",
        "--data",
        data.to_str().unwrap(),
        input.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    ids(&EmbeddedStore::open_read_only(data).unwrap())
}

fn status(s: &Servers) -> String {
    let out = run(&["queue", "status", "--queue", &s.nats.url()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

fn wait_for_articles(url: &str, at_least: u64, child: &mut Child) -> u64 {
    let store = PostgresStore::connect(url, 1).unwrap();
    let start = Instant::now();
    loop {
        let n = store.stats().unwrap().articles;
        if n >= at_least {
            return n;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the worker exited early"
        );
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "no progress ({n} stored)"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn queued_inputs_end_in_postgres_like_an_embedded_ingest() {
    let Some(s) = servers("roundtrip") else {
        return;
    };
    let input = s.tmp.0.join("in");
    std::fs::create_dir_all(&input).unwrap();
    fixtures(&input, 60, 6);
    publish(&s, &input);
    assert!(
        status(&s).contains("pending 66, in flight 0, dead 0"),
        "{}",
        status(&s)
    );
    let err = finish(worker(&s, &["--idle-exit", "2"]));
    assert!(
        err.contains("66 acknowledged, 0 redelivered, 0 dead"),
        "{err}"
    );
    let want = embedded_ids(&input, &s.tmp.0.join("embedded"));
    assert_eq!(want.len(), 60);
    assert_eq!(pg_ids(&s.pg), want, "same articles as the embedded store");
    assert!(
        status(&s).contains("pending 0, in flight 0, dead 0"),
        "{}",
        status(&s)
    );
    // Publishing again is idempotent end to end: nothing new is stored.
    publish(&s, &input);
    let err = finish(worker(&s, &["--idle-exit", "2"]));
    assert!(err.contains("0 inserted"), "{err}");
    assert_eq!(pg_ids(&s.pg).len(), 60);
}

#[test]
fn a_worker_killed_mid_batch_then_restarted_stores_every_input_once() {
    let Some(s) = servers("kill") else { return };
    let input = s.tmp.0.join("in");
    std::fs::create_dir_all(&input).unwrap();
    let n = 600;
    fixtures(&input, n, 0);
    publish(&s, &input);
    let mut w = worker(&s, &["--batch", "16", "-j", "1"]);
    let seen = wait_for_articles(&s.pg, 48, &mut w);
    w.kill().expect("kill -9 the worker");
    let _ = w.wait();
    let after_kill = pg_ids(&s.pg).len();
    assert!(
        after_kill < n,
        "killed mid-way ({after_kill} of {n} stored, {seen} seen)"
    );
    // Its unacknowledged messages come back after the ack wait (3 s).
    let err = finish(worker(&s, &["--idle-exit", "6"]));
    let want = embedded_ids(&input, &s.tmp.0.join("embedded"));
    assert_eq!(
        pg_ids(&s.pg),
        want,
        "every input stored exactly once: {err}"
    );
    assert!(status(&s).contains("in flight 0, dead 0"), "{}", status(&s));
}

#[test]
fn nats_killed_and_restarted_loses_nothing() {
    let Some(mut s) = servers("natskill") else {
        return;
    };
    let input = s.tmp.0.join("in");
    std::fs::create_dir_all(&input).unwrap();
    let n = 300;
    fixtures(&input, n, 0);
    publish(&s, &input);
    // Published messages are on disk: a kill -9 right after loses none of them.
    s.nats.kill9();
    s.nats.restart();
    assert!(
        status(&s).contains(&format!("pending {n}")),
        "{}",
        status(&s)
    );
    // And a kill -9 while a worker is consuming: it reconnects and carries on.
    let mut w = worker(&s, &["--batch", "16", "-j", "1", "--idle-exit", "8"]);
    wait_for_articles(&s.pg, 32, &mut w);
    s.nats.kill9();
    std::thread::sleep(Duration::from_millis(500));
    s.nats.restart();
    let err = finish(w);
    let want = embedded_ids(&input, &s.tmp.0.join("embedded"));
    assert_eq!(pg_ids(&s.pg), want, "nothing lost: {err}");
}

#[test]
fn poison_inputs_go_to_the_dead_letters_with_their_error_while_the_rest_flows() {
    let Some(s) = servers("poison") else { return };
    let input = s.tmp.0.join("in");
    std::fs::create_dir_all(&input).unwrap();
    fixtures(&input, 20, 0);
    // Binary junk, and a 50 MB page (over the 30 MB the queue stores whole: it is
    // published as its head, marked, and dead-lettered unread).
    let junk: Vec<u8> = (0..200_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(input.join("junk.bin"), &junk).unwrap();
    let mut page = b"<html><head><title>Huge</title></head><body>".to_vec();
    while page.len() < 50 * 1024 * 1024 {
        page.extend_from_slice(b"<p>filler paragraph of a huge page</p>\n");
    }
    std::fs::write(input.join("huge.html"), &page).unwrap();
    publish(&s, &input);
    let err = finish(worker(&s, &["--idle-exit", "8", "--max-failures", "2"]));
    assert_eq!(pg_ids(&s.pg).len(), 20, "the good inputs flow: {err}");
    let st = status(&s);
    assert!(st.contains("pending 0, in flight 0, dead 2"), "{st}");
    let huge = st
        .lines()
        .find(|l| l.contains("huge.html"))
        .expect("huge page is dead");
    assert!(huge.contains("over the queue's input limit"), "{huge}");
    let junk = st
        .lines()
        .find(|l| l.contains("junk.bin"))
        .expect("junk is dead");
    assert!(junk.contains("junk.bin:"), "its error names it: {junk}");
}

/// Runs a command expected to fail fast; returns its stderr.
fn fails_fast(args: &[&str]) -> String {
    let start = Instant::now();
    let out = run(args);
    let took = start.elapsed();
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(!out.status.success(), "{args:?} should fail: {err}");
    assert!(took < Duration::from_secs(15), "{args:?} took {took:?}");
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    err
}

#[test]
fn bad_configuration_fails_fast_in_one_line_naming_what_and_where() {
    let Some(s) = servers("badconf") else { return };
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let nats_down = format!("nats://127.0.0.1:{closed}");
    let err = fails_fast(&["worker", "--queue", &nats_down, "--store", &s.pg]);
    assert!(err.contains(&nats_down) && err.contains("NATS"), "{err}");
    let err = fails_fast(&["ingest", "--queue", &nats_down, "/nonexistent"]);
    assert!(err.contains(&nats_down), "{err}");

    let pg_down = format!("postgres://newsgraph@127.0.0.1:{closed}/newsgraph");
    let err = fails_fast(&["worker", "--queue", &s.nats.url(), "--store", &pg_down]);
    assert!(err.contains(&format!("127.0.0.1:{closed}")), "{err}");

    // Wrong password: named, and the password itself is not printed.
    let (head, tail) = s.pg.split_once('@').unwrap();
    let user = head.rsplit_once("//").unwrap().1.split(':').next().unwrap();
    let wrong = format!("postgres://{user}:wrong-secret@{tail}");
    let err = fails_fast(&["worker", "--queue", &s.nats.url(), "--store", &wrong]);
    assert!(err.contains("password authentication failed"), "{err}");
    assert!(!err.contains("wrong-secret"), "{err}");

    // A stream of another layout under our name.
    let other = NatsServer::start(&s.tmp.0.join("nats-other")).unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let c = async_nats::connect(other.url()).await.unwrap();
        let js = async_nats::jetstream::new(c);
        js.create_stream(async_nats::jetstream::stream::Config {
            name: "NEWSGRAPH_INPUTS".into(),
            subjects: vec!["something.else".into()],
            ..Default::default()
        })
        .await
        .unwrap();
    });
    let err = fails_fast(&["worker", "--queue", &other.url(), "--store", &s.pg]);
    assert!(
        err.contains("NEWSGRAPH_INPUTS")
            && err.contains("another schema")
            && err.contains(&other.url()),
        "{err}"
    );
}
