//! Queue mode end to end, on real servers: `ingest --queue` into a nats-server
//! (Debian's, JetStream, started per test on a free loopback port so a test can kill
//! it) and `worker`s into PostgreSQL (a fresh database on `$NEWSGRAPH_TEST_PG`).
//! Under CI=true a missing server fails the test; elsewhere the test says it skipped.

mod common;

use common::*;
use newsgraph_queue::testing::NatsServer;
use newsgraph_store::{EmbeddedStore, PostgresStore, Store};
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read};
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

/// A worker that has opened its store and loaded its pipeline: it prints its start line
/// just before it pulls, so what is published after this returns reaches it too.
struct ReadyWorker {
    child: Child,
    stderr: BufReader<std::process::ChildStderr>,
    start: String,
}

fn ready(mut child: Child) -> ReadyWorker {
    let mut stderr = BufReader::new(child.stderr.take().expect("worker stderr piped"));
    let mut start = String::new();
    stderr.read_line(&mut start).expect("worker start line");
    ReadyWorker {
        child,
        stderr,
        start,
    }
}

/// [`finish`] for a [`ReadyWorker`]: its whole stderr.
fn finish_ready(mut w: ReadyWorker) -> String {
    let mut rest = String::new();
    w.stderr.read_to_string(&mut rest).expect("worker stderr");
    let status = w.child.wait().expect("worker exits");
    let err = w.start + &rest;
    assert!(status.success(), "worker failed: {err}");
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
    // Ack after commit: every input the server counts as done (neither pending nor
    // held by the dead worker) is stored (one article per input here).
    let st = status(&s);
    let count = |what: &str| -> usize {
        let rest = &st[st.find(what).unwrap_or_else(|| panic!("{what} in {st}")) + what.len()..];
        rest.trim_start()
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .and_then(|d| d.parse().ok())
            .unwrap_or_else(|| panic!("a count after {what} in {st}"))
    };
    let acked = n - count("pending") - count("in flight");
    assert!(
        acked <= after_kill,
        "{acked} acknowledged but {after_kill} stored: {st}"
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

/// Six unrelated events, each reported by three wire copies (other headline, a
/// dateline, the last paragraph dropped) and one rewrite by another outlet.
const EVENTS: [[&str; 6]; 6] = [
    [
        "Earthquake topples Velden cathedral tower",
        "A magnitude 6.1 earthquake struck the mountain town of Velden early on Sunday, collapsing the old cathedral bell tower and cutting power to thousands of homes.",
        "Rescuers pulled two survivors from the rubble of a bakery, mayor Ilse Brandauer said, as aftershocks rattled the valley.",
        "The regional seismology office said the quake was centred nine kilometres beneath Velden.",
        "Geologists warned that further tremors were likely in the coming days.",
        "Ilse Brandauer, Velden's mayor, said the collapsed bell tower and bakery were searched through the night after the magnitude 6.1 quake; two survivors were found.",
    ],
    [
        "Carrow dockers walk out over pay",
        "Dock workers at the port of Carrow walked out on Monday over a pay offer, leaving container ships idle in the estuary.",
        "The dockers' union leader Tomas Okafor said the strike would last until the harbour board reopened talks on wages.",
        "Shipping agents said at least eleven vessels were waiting to unload.",
        "The harbour board called the offer fair and final.",
        "Container ships sat idle off Carrow as dockers struck over wages; union leader Tomas Okafor demanded the harbour board reopen pay talks.",
    ],
    [
        "Ashby votes to close its last coal mine",
        "Councillors in Ashby voted on Tuesday to close the town's last coal mine by 2030, ending two centuries of mining.",
        "Council leader Marta Lindqvist said retraining grants would be offered to the 340 miners still employed at the pit.",
        "The vote passed by nineteen to six after a five-hour debate.",
        "Unions said they would challenge the decision in court.",
        "The 340 miners at Ashby's last pit will be offered retraining, council leader Marta Lindqvist said after the vote to shut the coal mine by 2030.",
    ],
    [
        "Morland orchestra names new conductor",
        "The Morland Philharmonic named the violinist Piet Vandermeer as its principal conductor on Wednesday, the first change at the podium in eighteen years.",
        "Vandermeer, 41, will open the autumn season with Mahler's fifth symphony.",
        "The orchestra's board said ticket sales had risen by a third since last season.",
        "He succeeds a conductor who retired in the spring.",
        "Violinist Piet Vandermeer takes over the Morland Philharmonic podium and will conduct Mahler's fifth symphony to open the autumn season.",
    ],
    [
        "Tressel river turns green after chemical leak",
        "A leak of industrial dye turned the river through Tressel bright green on Thursday, and the water company shut two intakes as a precaution.",
        "Environment officer Yusuf Demir said the dye came from a split tank at a textile works upstream.",
        "Anglers reported dead fish along a four-kilometre stretch below the works.",
        "The textile firm said it was cooperating with the investigation.",
        "Dead fish and bright green water: environment officer Yusuf Demir traced the Tressel river dye to a split tank at an upstream textile works.",
    ],
    [
        "Dunmore wins regional chess title",
        "The sixteen-year-old Clara Hoffmann of Dunmore won the regional chess championship on Saturday with a queen sacrifice in the final round.",
        "Hoffmann finished with seven points from eight games, a full point ahead of the field.",
        "She will represent the region at the national finals in March.",
        "Her coach said she had trained for the event for two years.",
        "A final-round queen sacrifice gave Dunmore teenager Clara Hoffmann the regional chess championship, with seven points from eight games.",
    ],
];

fn event_fixtures(dir: &Path) {
    for (i, [title, p1, p2, p3, p4, rewrite]) in EVENTS.iter().enumerate() {
        let place = title.split(' ').next().unwrap_or("");
        let heads = [
            title.to_string(),
            format!("{place}: {}", title.to_lowercase()),
            format!("Update: {title}"),
        ];
        for (c, head) in heads.iter().enumerate() {
            let mut body: Vec<String> = [p1, p2, p3, p4].iter().map(|p| p.to_string()).collect();
            if c > 0 {
                body[0] = format!("{} (Wire) - {}", place.to_uppercase(), body[0]);
            }
            if c == 2 {
                body.pop();
            }
            std::fs::write(
                dir.join(format!("e{i}-copy{c}.txt")),
                format!("{head}\n\n{}\n", body.join("\n\n")),
            )
            .unwrap();
        }
        std::fs::write(
            dir.join(format!("e{i}-rewrite.txt")),
            format!("{place} follow-up\n\n{rewrite}\n"),
        )
        .unwrap();
    }
}

/// A store's stories as sets of article ids (story ids differ by run: see the test),
/// its copy groups (an original with the copies pointing at it), and its registry:
/// entity key -> articles.
struct Linked {
    stories: BTreeSet<BTreeSet<String>>,
    copies: BTreeSet<BTreeSet<String>>,
    registry: BTreeSet<(String, BTreeSet<String>)>,
}

fn linked(url: &str) -> Linked {
    let s = PostgresStore::connect(url, 1).unwrap();
    let mut out = Linked {
        stories: BTreeSet::new(),
        copies: BTreeSet::new(),
        registry: BTreeSet::new(),
    };
    for st in s.stories(1000, 0).unwrap() {
        let rec = s.story(&st.id).unwrap().unwrap();
        let members: BTreeSet<String> = rec.articles.iter().map(|a| a.article.id.clone()).collect();
        // A copy points at the first copy stored, which is itself no copy.
        let mut groups: std::collections::BTreeMap<String, BTreeSet<String>> = Default::default();
        for a in &rec.articles {
            if let Some(d) = &a.duplicate_of {
                assert!(members.contains(d), "a copy points inside its story");
                let g = groups.entry(d.clone()).or_default();
                g.insert(d.clone());
                g.insert(a.article.id.clone());
            }
        }
        out.copies.extend(groups.into_values());
        out.stories.insert(members);
    }
    for e in s.entities(1000, 0, None).unwrap() {
        let page = s.entity(&e.key).unwrap().unwrap();
        out.registry
            .insert((e.key, page.articles.into_iter().map(|a| a.id).collect()));
    }
    out
}

fn full_worker(nats: &str, pg: &str) -> Child {
    Command::new(BIN)
        .args(["worker", "-j", "1", "--batch", "2", "--prefetch", "1"])
        .args(["--idle-exit", "4"])
        .args(["--queue", nats, "--store", pg])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn worker")
}

/// Linking under concurrency: the writers' advisory lock makes two workers commit
/// their batches one after another, so stories and registry entities are decided as by
/// one writer. What the arrival order decides, and the test therefore does not compare:
/// a story's id (derived from its first stored article) and which of a group of copies
/// is the original (the first stored; the others point at it) — only the groups.
#[test]
fn two_concurrent_workers_make_the_stories_and_registry_of_one() {
    let Some(s) = servers("two") else { return };
    let Some(pg_two) = newsgraph_store::testing::test_database("q_two_b") else {
        return;
    };
    let input = s.tmp.0.join("in");
    std::fs::create_dir_all(&input).unwrap();
    event_fixtures(&input);
    let publish_to = |url: &str| {
        let out = run(&["ingest", "--queue", url, "-q", input.to_str().unwrap()]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    // One worker, into the first database.
    publish_to(&s.nats.url());
    finish(full_worker(&s.nats.url(), &s.pg));
    // Two at once on a second server, into the second database. Both are pulling
    // before anything is published: one started early would drain the queue alone.
    let other = NatsServer::start(&s.tmp.0.join("nats-two")).unwrap();
    let (a, b) = (
        ready(full_worker(&other.url(), &pg_two)),
        ready(full_worker(&other.url(), &pg_two)),
    );
    publish_to(&other.url());
    let (ea, eb) = (finish_ready(a), finish_ready(b));
    assert!(
        !ea.contains(" 0 acknowledged") && !eb.contains(" 0 acknowledged"),
        "both workers took inputs:\n{ea}\n{eb}"
    );
    let (one, two) = (linked(&s.pg), linked(&pg_two));
    assert_eq!(pg_ids(&s.pg).len(), 24);
    assert_eq!(pg_ids(&pg_two), pg_ids(&s.pg));
    assert_eq!(
        one.stories.len(),
        6,
        "one story per event: {:?}",
        one.stories
    );
    assert_eq!(two.stories, one.stories, "same stories");
    // The three wire copies of each event: one group per event, whichever came first.
    assert_eq!(one.copies.len(), 6, "copy groups: {:?}", one.copies);
    assert!(one.copies.iter().all(|g| g.len() == 3), "{:?}", one.copies);
    assert_eq!(two.copies, one.copies, "the same copy groups");
    assert!(
        one.registry.len() >= 12,
        "mayors and places: {:?}",
        one.registry
    );
    assert_eq!(two.registry, one.registry, "same registry entities");
}
