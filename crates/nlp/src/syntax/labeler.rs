//! The relation labeler: given a parsed sentence, an averaged perceptron names each arc
//! (`nsubj`, `obj`, `case`, …) from the dependent, its head, their tags, the direction
//! and distance, the grandparent and the dependent's own children.

use super::hash::feat;
use super::perceptron::{argmax, Trainer, Weights};
use super::tags::DEPRELS;
use super::words::WordObs;

const N_LABELS: usize = DEPRELS.len();
const T_NONE: u64 = 200;
const T_ROOT: u64 = 201;

/// Per-sentence view used by the features: children counts and extreme children.
struct Tree {
    n_kids: Vec<u8>,
    leftmost: Vec<usize>,
    rightmost: Vec<usize>,
}

fn tree(heads: &[usize]) -> Tree {
    let n = heads.len();
    let mut t = Tree {
        n_kids: vec![0; n + 1],
        leftmost: vec![usize::MAX; n + 1],
        rightmost: vec![usize::MAX; n + 1],
    };
    for (d, &h) in heads.iter().enumerate() {
        let h = h.min(n);
        t.n_kids[h] = t.n_kids[h].saturating_add(1);
        if d < h && (t.leftmost[h] == usize::MAX || d < t.leftmost[h]) {
            t.leftmost[h] = d;
        }
        if d > h && (t.rightmost[h] == usize::MAX || d > t.rightmost[h]) {
            t.rightmost[h] = d;
        }
    }
    t
}

fn features(
    obs: &[WordObs],
    tags: &[usize],
    heads: &[usize],
    tr: &Tree,
    d: usize,
    out: &mut Vec<u64>,
) {
    out.clear();
    let n = obs.len();
    let t = |i: usize| -> u64 {
        if i == usize::MAX {
            T_NONE
        } else if i >= n {
            T_ROOT
        } else {
            tags[i] as u64
        }
    };
    let w = |i: usize| -> u64 {
        if i == usize::MAX {
            T_NONE
        } else if i >= n {
            T_ROOT
        } else {
            obs[i].norm
        }
    };
    let h = heads[d].min(n);
    let g = if h < n { heads[h].min(n) } else { usize::MAX };
    let right = (d > h) as u64;
    let dist = (d as i64 - h as i64).unsigned_abs().min(6);
    let prev = d.checked_sub(1).unwrap_or(usize::MAX);
    let next = if d + 1 < n { d + 1 } else { usize::MAX };
    let kids = tr.n_kids[d].min(4) as u64;
    let (td, wd, th, wh) = (t(d), w(d), t(h), w(h));
    out.extend_from_slice(&[
        feat(0, &[]),
        feat(1, &[wd]),
        feat(2, &[td]),
        feat(3, &[wd, td]),
        feat(4, &[wh]),
        feat(5, &[th]),
        feat(6, &[td, th]),
        feat(7, &[wd, th]),
        feat(8, &[td, wh]),
        feat(9, &[wd, wh]),
        feat(10, &[td, th, right]),
        feat(11, &[td, th, right, dist]),
        feat(12, &[obs[d].suf3, td]),
        feat(13, &[td, th, t(g)]),
        feat(14, &[td, t(prev), right]),
        feat(15, &[td, t(next), right]),
        feat(16, &[td, kids, right]),
        feat(17, &[td, t(tr.leftmost[d]), th]),
        feat(18, &[td, t(tr.rightmost[d]), th]),
        feat(19, &[td, w(tr.leftmost[d])]),
        feat(20, &[wd, th, right]),
        feat(21, &[td, wh, right]),
        feat(22, &[obs[d].shape, td]),
        feat(23, &[td, th, (h == n) as u64]),
        feat(24, &[wh, w(g), td]),
    ]);
}

#[derive(Debug, Clone)]
pub struct Labeler {
    pub(crate) weights: Weights,
}

const ROOT_LABEL: usize = 34;

impl Labeler {
    /// Relation indices (into [`DEPRELS`]) for every word of a parsed sentence.
    pub fn label(&self, obs: &[WordObs], tags: &[usize], heads: &[usize], out: &mut Vec<usize>) {
        out.clear();
        let n = obs.len();
        let tr = tree(heads);
        let mut feats = Vec::with_capacity(32);
        let mut scores = [0f32; N_LABELS];
        for d in 0..n {
            if heads[d] >= n {
                out.push(ROOT_LABEL);
                continue;
            }
            features(obs, tags, heads, &tr, d, &mut feats);
            self.weights.score(&feats, &mut scores);
            out.push(argmax(&scores, |l| l != ROOT_LABEL).unwrap_or(0));
        }
    }
}

/// One training sentence: observations, tags, heads with `n` = root, gold labels.
pub type LabelExample<'a> = (&'a [WordObs], &'a [usize], &'a [usize], Vec<usize>);

/// Trains on gold trees.
pub fn train(
    sents: &[LabelExample<'_>],
    epochs: usize,
    rows_log2: u32,
    mut shuffle: impl FnMut(&mut [usize]),
) -> (Labeler, Vec<f64>) {
    debug_assert_eq!(DEPRELS[ROOT_LABEL], "root");
    let mut tr = Trainer::new(rows_log2, N_LABELS);
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut feats = Vec::with_capacity(32);
    let mut scores = [0f32; N_LABELS];
    let mut errors = Vec::new();
    for _ in 0..epochs {
        shuffle(&mut order);
        let (mut wrong, mut total) = (0usize, 0usize);
        for &si in &order {
            let (obs, tags, heads, labels) = &sents[si];
            let n = obs.len();
            let tree_ = tree(heads);
            for d in 0..n {
                if heads[d] >= n {
                    continue;
                }
                features(obs, tags, heads, &tree_, d, &mut feats);
                tr.score(&feats, &mut scores);
                let guess = argmax(&scores, |l| l != ROOT_LABEL).unwrap_or(0);
                tr.update(&feats, labels[d], guess);
                tr.tick();
                wrong += (guess != labels[d]) as usize;
                total += 1;
            }
        }
        errors.push(wrong as f64 / total.max(1) as f64);
    }
    (
        Labeler {
            weights: tr.finish(),
        },
        errors,
    )
}
