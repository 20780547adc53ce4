//! The story postings (`story_keys`: feature key → story) of the keys the linker has
//! asked for, kept in the writer's memory.
//!
//! Every linked article asks for the stories posted under its 16 heaviest keys, newest
//! first, 40 per key. At 100k stored articles those index walks were the link step that
//! grew most with the store (×5 per article from 10k to 100k: the B-tree deepens and its
//! pages stop fitting the page cache; `crates/link/ARCH.md`, session 13). A key with many
//! postings is read from SQLite once, on its first ask, and then kept up to date by the
//! writer's own saves, so later asks are a walk back from the end of a vector; a key
//! with few is read from SQLite each time.
//!
//! A save appends, it never edits: a story's postings from an earlier save stay in the
//! vectors, and a posting counts only while it comes from the story's latest save
//! (`latest`; saves are numbered, as one article can save a story twice at the same
//! `touched`); a merged-away story has no latest save. A key whose stale postings
//! outnumber its live ones is compacted when it is next read.
//!
//! The order is the SQL index's (`story_keys_recent`: touched descending, then last day
//! ascending with the undated first, then story id), so the answer is the statement's.

use super::db::{db_err, Q};
use crate::Result;
use rusqlite::{params, Connection};
use std::collections::HashMap;

/// Keys with fewer postings are not kept: most keys are rare words and names, cheap to
/// look up and, kept, most of the memory (a vector and a key string each).
const MIN_KEPT: usize = 8;
/// Postings kept (24 bytes each: ≤ 24 MB). Past it the stale ones go from every key
/// (most are stale by then: each save of a story leaves its previous postings behind),
/// and if that is not enough every key is dropped and read again on its next ask.
const MAX_POSTINGS: usize = 1 << 20;

#[derive(Debug, Clone, Copy)]
struct Posting {
    touched: i64,
    last_day: Option<i32>,
    story: u32,
    /// The save it comes from (0: read from SQLite before the story's first save here).
    save: u32,
}

/// A story's latest save in this cache's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Latest {
    /// Not saved since the cache was filled: its rows in SQLite are its postings.
    Unknown,
    Saved(u32),
    /// Merged into another story: none of its postings count.
    Gone,
}

pub struct PostingsCache {
    /// [`MAX_POSTINGS`] (smaller in tests).
    cap: usize,
    keys: HashMap<String, Vec<Posting>>,
    /// Story id ↔ its number in `Posting::story`.
    ids: Vec<String>,
    numbers: HashMap<String, u32>,
    /// By story number.
    latest: Vec<Latest>,
    saves: u32,
    postings: usize,
}

impl Default for PostingsCache {
    fn default() -> Self {
        PostingsCache {
            cap: MAX_POSTINGS,
            keys: HashMap::new(),
            ids: Vec::new(),
            numbers: HashMap::new(),
            latest: Vec::new(),
            saves: 0,
            postings: 0,
        }
    }
}

impl PostingsCache {
    fn number(&mut self, story: &str) -> u32 {
        if let Some(&n) = self.numbers.get(story) {
            return n;
        }
        let n = self.ids.len() as u32;
        self.ids.push(story.to_string());
        self.numbers.insert(story.to_string(), n);
        self.latest.push(Latest::Unknown);
        n
    }

    fn live(&self, p: &Posting) -> bool {
        match self.latest[p.story as usize] {
            Latest::Unknown => p.save == 0,
            Latest::Saved(s) => s == p.save,
            Latest::Gone => false,
        }
    }

    /// Reads a key's postings, oldest first, and keeps them if the key has many.
    fn load(&mut self, conn: &Connection, key: &str) -> Result<Option<Vec<Posting>>> {
        if self.postings > self.cap {
            let keys: Vec<String> = self.keys.keys().cloned().collect();
            for k in keys {
                self.compact(&k);
            }
            if self.postings > self.cap / 2 {
                self.keys.clear();
                self.postings = 0;
            }
        }
        let mut stmt = conn.q(
            "SELECT story, touched, last_day FROM story_keys WHERE key = ?1
             ORDER BY touched, last_day DESC, story DESC",
        )?;
        let rows = stmt
            .query_map(params![key], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, Option<i32>>(2)?,
                ))
            })
            .map_err(db_err)?;
        let mut list = Vec::new();
        for r in rows {
            let (story, touched, last_day) = r.map_err(db_err)?;
            let story = self.number(&story);
            // SQLite holds only what the story's latest save wrote.
            let save = match self.latest[story as usize] {
                Latest::Saved(s) => s,
                Latest::Unknown | Latest::Gone => 0,
            };
            list.push(Posting {
                touched,
                last_day,
                story,
                save,
            });
        }
        if list.len() < MIN_KEPT {
            return Ok(Some(list));
        }
        self.postings += list.len();
        self.keys.insert(key.to_string(), list);
        Ok(None)
    }

    /// The stories posted under `key`: at most `per_key`, the most recently touched
    /// first, only those last active on or after `since_day` when given (undated
    /// stories always qualify). Calls `hit` with each.
    pub fn stories(
        &mut self,
        conn: &Connection,
        key: &str,
        since_day: Option<i32>,
        per_key: usize,
        mut hit: impl FnMut(&str),
    ) -> Result<()> {
        let short = if self.keys.contains_key(key) {
            None
        } else {
            self.load(conn, key)?
        };
        let Some(list) = short.as_ref().or_else(|| self.keys.get(key)) else {
            return Ok(());
        };
        let mut taken = 0;
        let mut stale = 0;
        let mut group: Vec<Posting> = Vec::new();
        let mut end = list.len();
        // Newest first, one `touched` at a time: within a save's postings the index
        // orders by last day, then id.
        while end > 0 && taken < per_key {
            let t = list[end - 1].touched;
            let mut start = end - 1;
            while start > 0 && list[start - 1].touched == t {
                start -= 1;
            }
            group.clear();
            for p in &list[start..end] {
                if !self.live(p) {
                    stale += 1;
                } else if since_day.is_none_or(|s| p.last_day.is_none_or(|d| d >= s)) {
                    group.push(*p);
                }
            }
            if group.len() > 1 {
                group.sort_by(|a, b| {
                    a.last_day
                        .cmp(&b.last_day)
                        .then_with(|| self.ids[a.story as usize].cmp(&self.ids[b.story as usize]))
                });
            }
            for p in group.iter().take(per_key - taken) {
                hit(&self.ids[p.story as usize]);
                taken += 1;
            }
            end = start;
        }
        if stale > 64 && stale * 2 > list.len() {
            self.compact(key);
        }
        Ok(())
    }

    fn compact(&mut self, key: &str) {
        let Some(mut list) = self.keys.remove(key) else {
            return;
        };
        let before = list.len();
        list.retain(|p| self.live(p));
        self.postings -= before - list.len();
        self.keys.insert(key.to_string(), list);
    }

    /// A story saved with these keys (its earlier postings stop counting).
    pub fn saved(&mut self, story: &str, keys: &[String], touched: i64, last_day: Option<i32>) {
        // A writer that saved 4 billion stories starts over rather than wrap (before
        // numbering the story: the numbers go too).
        if self.saves == u32::MAX {
            *self = PostingsCache {
                cap: self.cap,
                ..PostingsCache::default()
            };
        }
        let n = self.number(story);
        self.saves += 1;
        let save = self.saves;
        self.latest[n as usize] = Latest::Saved(save);
        for (i, k) in keys.iter().enumerate() {
            // A key listed twice is one posting (the table's key is (key, story)).
            if keys[..i].contains(k) {
                continue;
            }
            // Keys never asked for are read from SQLite when first asked, saves included.
            if let Some(list) = self.keys.get_mut(k.as_str()) {
                list.push(Posting {
                    touched,
                    last_day,
                    story: n,
                    save,
                });
                self.postings += 1;
            }
        }
    }

    /// A story merged away: none of its postings count any more.
    pub fn removed(&mut self, story: &str) {
        let n = self.number(story);
        self.latest[n as usize] = Latest::Gone;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table and statement of `embedded/link.rs`, as the reference.
    fn table() -> Connection {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch(
            "CREATE TABLE story_keys (key TEXT NOT NULL, story TEXT NOT NULL,
               touched INTEGER NOT NULL, last_day INTEGER, PRIMARY KEY (key, story)) WITHOUT ROWID;
             CREATE INDEX story_keys_recent ON story_keys (key, touched DESC, last_day);",
        )
        .unwrap();
        c
    }

    fn sql_stories(c: &Connection, key: &str, since: Option<i32>, per_key: usize) -> Vec<String> {
        let mut st = c
            .prepare(
                "SELECT story FROM story_keys WHERE key = ?1
                 AND (?2 IS NULL OR last_day IS NULL OR last_day >= ?2)
                 ORDER BY touched DESC LIMIT ?3",
            )
            .unwrap();
        st.query_map(params![key, since, per_key as i64], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<Vec<String>>>()
            .unwrap()
    }

    fn sql_save(c: &Connection, story: &str, keys: &[String], touched: i64, last_day: Option<i32>) {
        c.execute("DELETE FROM story_keys WHERE story = ?1", params![story])
            .unwrap();
        for k in keys {
            c.execute(
                "INSERT OR IGNORE INTO story_keys VALUES (?1, ?2, ?3, ?4)",
                params![k, story, touched, last_day],
            )
            .unwrap();
        }
    }

    /// A small deterministic generator (no test dependency for one test).
    struct Lcg(u64);
    impl Lcg {
        fn below(&mut self, n: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (self.0 >> 33) % n
        }
    }

    #[test]
    fn the_last_save_number_starts_the_cache_over() {
        let c = table();
        let keys = vec!["w:a".to_string()];
        sql_save(&c, "s1", &keys, 1, None);
        let mut cache = PostingsCache::default();
        cache.stories(&c, "w:a", None, 5, |_| {}).unwrap();
        cache.saves = u32::MAX;
        cache.saved("s2", &keys, 2, None);
        sql_save(&c, "s2", &keys, 2, None);
        assert_eq!(cache.saves, 1);
        let mut got = Vec::new();
        cache
            .stories(&c, "w:a", None, 5, |s| got.push(s.to_string()))
            .unwrap();
        assert_eq!(got, sql_stories(&c, "w:a", None, 5));
    }

    #[test]
    fn a_posting_is_as_small_as_the_cap_assumes() {
        assert_eq!(std::mem::size_of::<Posting>(), 24);
    }

    #[test]
    fn answers_as_the_table_does_through_saves_and_merges() {
        replay_against_the_table(PostingsCache::default());
    }

    #[test]
    fn answers_the_same_when_its_cap_makes_it_compact_and_drop() {
        replay_against_the_table(PostingsCache {
            cap: 40,
            ..PostingsCache::default()
        });
    }

    fn replay_against_the_table(mut cache: PostingsCache) {
        let c = table();
        let mut rng = Lcg(7);
        let key = |i: u64| format!("w:{i}");
        for step in 0..3000i64 {
            // several saves can share a `touched`, as one article's joins and merges do
            let touched = step / 3;
            let story = format!("s{}", rng.below(60));
            match rng.below(10) {
                0 => {
                    c.execute("DELETE FROM story_keys WHERE story = ?1", params![story])
                        .unwrap();
                    cache.removed(&story);
                }
                _ => {
                    let keys: Vec<String> = (0..rng.below(6)).map(|_| key(rng.below(12))).collect();
                    let last_day = (rng.below(4) > 0).then(|| rng.below(30) as i32);
                    sql_save(&c, &story, &keys, touched, last_day);
                    cache.saved(&story, &keys, touched, last_day);
                }
            }
            if step % 7 == 0 {
                let k = key(rng.below(12));
                let since = (rng.below(2) == 0).then(|| rng.below(30) as i32);
                let per_key = 1 + rng.below(8) as usize;
                let mut got = Vec::new();
                cache
                    .stories(&c, &k, since, per_key, |s| got.push(s.to_string()))
                    .unwrap();
                assert_eq!(
                    got,
                    sql_stories(&c, &k, since, per_key),
                    "step {step} key {k}"
                );
            }
        }
        // Stale postings were compacted away or are few.
        assert!(cache.postings < 3000 * 6);
    }
}
