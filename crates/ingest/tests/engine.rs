//! The engine against a real embedded store (SQLite + Tantivy in a temp dir): a job is
//! reported done only once its articles are committed, a second pass adds nothing, a
//! job that cannot be read is reported failed with its error, batches of any size
//! store every article once, and one input analysed on many threads is stored in its
//! own order.

use newsgraph_ingest::{Engine, EngineOptions, Events, JobOutcome, Jobs, NamedBytes, Tally};
use newsgraph_read::ReadOptions;
use newsgraph_store::{EmbeddedStore, Store};
use std::cell::RefCell;
use std::path::Path;
use std::sync::Mutex;

/// A source over a fixed list of byte inputs.
struct Queue(Mutex<Vec<NamedBytes>>);

impl Queue {
    fn new(mut jobs: Vec<NamedBytes>) -> Self {
        jobs.reverse();
        Queue(Mutex::new(jobs))
    }
}

impl Jobs<NamedBytes> for Queue {
    fn next(&self) -> Option<NamedBytes> {
        self.0.lock().unwrap().pop()
    }
}

fn text_job(i: usize) -> NamedBytes {
    let body = format!(
        "Harbour council {i} approves budget\n\nThe council said on Tuesday that item {i} \
         (tok{i:05}x) would go ahead. Officials declined to comment on the vote.\n"
    );
    NamedBytes {
        name: format!("doc{i:03}.txt"),
        bytes: body.into_bytes(),
        format: None,
        published: Some("2025-03-04".into()),
    }
}

/// The ids the reader gives a job's bytes (what the store must hold once it is done).
fn ids_of(job: &NamedBytes) -> Vec<String> {
    let mut ids = Vec::new();
    newsgraph_read::read_loaded(
        &job.name,
        job.bytes.clone(),
        &ReadOptions::default(),
        &mut |r| {
            if let Ok(a) = r {
                ids.push(a.id)
            }
        },
    )
    .unwrap();
    ids
}

/// Checks, at each `job_done`, through a second read-only handle on the files, that
/// every article of the job is committed.
struct CommittedCheck<'a> {
    dir: &'a Path,
    done: RefCell<Vec<(String, JobOutcome)>>,
}

impl Events<NamedBytes> for CommittedCheck<'_> {
    fn job_done(&self, job: NamedBytes, outcome: &JobOutcome, _total: &Tally) {
        let reader = EmbeddedStore::open_read_only(self.dir).unwrap();
        if !outcome.failed {
            for id in ids_of(&text_job_named(&job.name)) {
                assert!(
                    reader.summary(&id).unwrap().is_some(),
                    "{} reported done before {id} was committed",
                    job.name
                );
            }
        }
        self.done.borrow_mut().push((job.name, outcome.clone()));
    }
}

/// The job a name stands for (jobs give their bytes up to the reader).
fn text_job_named(name: &str) -> NamedBytes {
    let i: usize = name
        .trim_start_matches("doc")
        .trim_end_matches(".txt")
        .parse()
        .unwrap();
    text_job(i)
}

fn engine_opts(batch: usize, jobs: usize) -> EngineOptions {
    EngineOptions {
        batch,
        jobs,
        ..Default::default()
    }
}

#[test]
fn jobs_are_done_only_after_commit_and_a_second_pass_adds_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(tmp.path()).unwrap();
    for (batch, threads) in [(7, 3), (1, 1), (500, 2)] {
        let engine = Engine::new(&store, None, engine_opts(batch, threads));
        let check = CommittedCheck {
            dir: tmp.path(),
            done: RefCell::new(Vec::new()),
        };
        let pass = engine.pass(&Queue::new((0..40).map(text_job).collect()), &check);
        let done = check.done.into_inner();
        assert_eq!(done.len(), 40, "every job reported once");
        assert_eq!(pass.jobs, 40);
        assert_eq!(pass.tally.read, 40);
        assert_eq!(pass.tally.errors, 0);
        // The first configuration inserts everything; later ones find it all stored.
        let first = batch == 7;
        assert_eq!(pass.tally.inserted, if first { 40 } else { 0 });
        assert_eq!(pass.tally.duplicates, if first { 0 } else { 40 });
        let per_job: usize = done.iter().map(|(_, o)| o.tally.inserted).sum();
        assert_eq!(
            per_job, pass.tally.inserted,
            "job tallies add up to the pass"
        );
    }
    assert_eq!(store.stats().unwrap().articles, 40);
}

#[test]
fn an_unreadable_job_is_reported_failed_with_its_error_and_the_rest_flows() {
    let tmp = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(tmp.path()).unwrap();
    let engine = Engine::new(&store, None, engine_opts(4, 2));
    let mut jobs: Vec<NamedBytes> = (0..10).map(text_job).collect();
    jobs.insert(
        5,
        NamedBytes {
            name: "broken.warc.gz".into(),
            bytes: vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xde, 0xad],
            format: None,
            published: None,
        },
    );
    struct Seen(RefCell<Vec<(String, JobOutcome)>>);
    impl Events<NamedBytes> for Seen {
        fn job_done(&self, job: NamedBytes, outcome: &JobOutcome, _: &Tally) {
            self.0.borrow_mut().push((job.name, outcome.clone()));
        }
    }
    let seen = Seen(RefCell::new(Vec::new()));
    let pass = engine.pass(&Queue::new(jobs), &seen);
    let seen = seen.0.into_inner();
    assert_eq!(seen.len(), 11);
    let (_, broken) = seen.iter().find(|(n, _)| n == "broken.warc.gz").unwrap();
    assert!(broken.tally.errors >= 1, "{broken:?}");
    assert!(
        broken.errors.iter().all(|e| e.contains("broken.warc.gz")),
        "errors name the input: {:?}",
        broken.errors
    );
    assert_eq!(broken.tally.inserted, 0);
    assert_eq!(pass.tally.inserted, 10);
    assert_eq!(store.stats().unwrap().articles, 10);
}

#[test]
fn one_input_analysed_on_many_threads_is_stored_in_its_own_order() {
    let tmp = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(tmp.path()).unwrap();
    let n = 600;
    let lines: String = (0..n)
        .map(|i| {
            format!(
                "{{\"url\": \"https://order.test/{i}\", \"title\": \"Item {i}\", \
                 \"published\": \"2025-03-04\", \"text\": \"Harbour council item {i} \
                 (tok{i:05}x) goes ahead, officials said.\"}}\n"
            )
        })
        .collect();
    let job = NamedBytes {
        name: "feed.jsonl".into(),
        bytes: lines.into_bytes(),
        format: None,
        published: None,
    };
    let in_order = ids_of(&job);
    assert_eq!(in_order.len(), n);
    let engine = Engine::new(&store, None, engine_opts(16, 4));
    let pass = engine.pass(&Queue::new(vec![job]), &());
    assert_eq!(pass.tally.inserted, n);
    // All share one publication day, so `latest` lists them by store order, newest first.
    let mut stored: Vec<String> = store
        .latest(n, 0)
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    stored.reverse();
    assert_eq!(stored.len(), n);
    let first_out = stored.iter().zip(&in_order).position(|(s, i)| s != i);
    assert_eq!(first_out, None, "stored in the input's order");
}
