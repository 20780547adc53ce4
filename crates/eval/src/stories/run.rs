//! One online run: put the (analysed) documents into a fresh embedded store in a given
//! order, then read every document's story back through `export`.

use newsgraph_link::LinkConfig;
use newsgraph_model::Article;
use newsgraph_store::{EmbeddedStore, ExportFilter, PutOutcome, Store};
use std::collections::HashMap;
use std::path::Path;

/// The stories of one run, one per article (in the articles' order), what each copies
/// (an article id), and the time spent storing + linking.
#[derive(Debug, Clone)]
pub struct LinkRun {
    pub stories: Vec<String>,
    pub duplicate_of: Vec<Option<String>>,
    pub seconds: f64,
}

/// A seeded Fisher–Yates shuffle of `0..n` (splitmix64), the same on every machine.
pub fn shuffled(n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut state = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut next = || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    for i in (1..n).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    order
}

/// Stores `docs` in `order` (batches of `batch`) into a new store at `dir` with the
/// linker configured by `cfg`, and returns each article's story. An exact copy that
/// the store keeps once gets the story of the stored copy and counts as its duplicate.
pub fn link_in_order(
    docs: &[Article],
    order: &[usize],
    dir: &Path,
    cfg: &LinkConfig,
    batch: usize,
) -> Result<LinkRun, newsgraph_store::StoreError> {
    let _ = std::fs::remove_dir_all(dir);
    let mut store = EmbeddedStore::open(dir)?;
    store.set_link_config(cfg.clone());
    store.set_commit_interval(std::time::Duration::from_secs(3600));
    let started = std::time::Instant::now();
    let mut stored_as: HashMap<String, String> = HashMap::new();
    for chunk in order.chunks(batch.max(1)) {
        // As `ingest` stores them: prepared (the put's store-free part), then put.
        let articles: Vec<_> = chunk
            .iter()
            .map(|&i| store.prepare(docs[i].clone()))
            .collect();
        let articles_put = store.put_prepared(&articles)?;
        for (a, o) in articles.iter().map(|p| &p.article).zip(articles_put) {
            if let PutOutcome::Duplicate { existing_id } = o {
                stored_as.insert(a.id.clone(), existing_id);
            }
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let mut story_of: HashMap<String, (Option<String>, Option<String>)> = HashMap::new();
    store.export(&ExportFilter::default(), &mut |a| {
        story_of.insert(a.id, (a.story, a.duplicate_of.map(|d| d.id)));
        true
    })?;
    let mut stories = Vec::with_capacity(docs.len());
    let mut duplicate_of = Vec::with_capacity(docs.len());
    for d in docs {
        let stored = stored_as.get(&d.id);
        let id = stored.unwrap_or(&d.id);
        let (story, dup) = story_of.get(id).cloned().unwrap_or_default();
        stories.push(story.unwrap_or_else(|| format!("unlinked:{id}")));
        duplicate_of.push(stored.cloned().or(dup));
    }
    drop(store);
    let _ = std::fs::remove_dir_all(dir);
    Ok(LinkRun {
        stories,
        duplicate_of,
        seconds,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shuffles_are_seeded_permutations() {
        let a = shuffled(50, 1);
        assert_eq!(a, shuffled(50, 1));
        assert_ne!(a, shuffled(50, 2));
        let mut s = a.clone();
        s.sort();
        assert_eq!(s, (0..50).collect::<Vec<_>>());
    }
}
