//! Tree boundaries inside a pipeline sentence. The pipeline's splitter (`segment.rs`)
//! ends sentences at stops; web text often has none where a sentence ends (`Regards,`
//! `Debra`, `where did you grow up? india?`, an e-mail header line then the greeting),
//! and one tree over two sentences gets most of the second one's heads wrong. This
//! averaged perceptron reads the words and tags around each gap between two words of a
//! tagged sentence and says whether a sentence ends there; the parser then builds one tree
//! per piece. It only adds ends (the pipeline's sentences, which other stages read, stay
//! as they are). Trained on the gaps inside the treebanks' paragraphs (a gold sentence
//! end or not), with the jackknifed tags the parser sees; a gap is cut only when the
//! perceptron's margin exceeds [`Bounds::margin`], chosen on the EWT dev tune half.

use super::hash::feat;
use super::perceptron::{Trainer, Weights};
use super::words::WordObs;

/// Feature values outside the sentence.
const T_EDGE: u64 = 300;

fn bucket(d: usize) -> u64 {
    match d {
        0..=3 => d as u64,
        4..=6 => 4,
        7..=12 => 5,
        _ => 6,
    }
}

/// Features of the gap after word `i` (of `n`), for a piece that started at `start`.
fn features(obs: &[WordObs], tags: &[usize], i: usize, start: usize, out: &mut Vec<u64>) {
    out.clear();
    let n = obs.len();
    let w = |j: isize| {
        if j < 0 || j as usize >= n {
            T_EDGE
        } else {
            obs[j as usize].norm
        }
    };
    let t = |j: isize| {
        if j < 0 || j as usize >= n {
            T_EDGE
        } else {
            tags[j as usize] as u64
        }
    };
    let sh = |j: isize| {
        if j < 0 || j as usize >= n {
            T_EDGE
        } else {
            obs[j as usize].shape
        }
    };
    let k = i as isize;
    let (w0, w1, t0, t1) = (w(k), w(k + 1), t(k), t(k + 1));
    let (s0, s1) = (sh(k), sh(k + 1));
    let before = bucket(i + 1 - start);
    let after = bucket(n - i - 1);
    out.extend_from_slice(&[
        feat(0, &[]),
        feat(1, &[w0]),
        feat(2, &[w1]),
        feat(3, &[t0, t1]),
        feat(4, &[w0, t1]),
        feat(5, &[t0, w1]),
        feat(6, &[w0, w1]),
        feat(7, &[t(k - 1), t0, t1]),
        feat(8, &[t0, t1, t(k + 2)]),
        feat(9, &[s0, s1]),
        feat(10, &[t0, s1]),
        feat(11, &[s0, t1]),
        feat(12, &[before, t1]),
        feat(13, &[after, t0]),
        feat(14, &[before, after]),
        feat(15, &[w(k - 1), w0]),
        feat(16, &[w1, w(k + 2)]),
        feat(17, &[t0, t1, s1, before]),
        feat(18, &[w0, s1]),
        feat(19, &[obs[i].suf3, t1]),
    ]);
}

#[derive(Debug, Clone)]
pub struct Bounds {
    pub(crate) weights: Weights,
    /// Cut where score(end) − score(no end) exceeds this.
    pub(crate) margin: f32,
}

impl Bounds {
    /// Word indices after which a tree ends (ascending, never the last word).
    pub fn cuts(&self, obs: &[WordObs], tags: &[usize], out: &mut Vec<usize>) {
        out.clear();
        let mut feats = Vec::with_capacity(24);
        let mut scores = [0f32; 2];
        let mut start = 0;
        for i in 0..obs.len().saturating_sub(1) {
            features(obs, tags, i, start, &mut feats);
            self.weights.score(&feats, &mut scores);
            if scores[1] - scores[0] > self.margin {
                out.push(i);
                start = i + 1;
            }
        }
    }
}

/// One training paragraph: its words, the tags the parser will see, and after which
/// words a gold sentence ends (`ends[i]`).
pub struct BoundsExample {
    pub obs: Vec<WordObs>,
    pub tags: Vec<usize>,
    pub ends: Vec<bool>,
}

pub fn train(
    paras: &[BoundsExample],
    epochs: usize,
    rows_log2: u32,
    margin: f32,
    mut shuffle: impl FnMut(&mut [usize]),
) -> (Bounds, Vec<f64>) {
    let mut tr = Trainer::new(rows_log2, 2);
    let mut order: Vec<usize> = (0..paras.len()).collect();
    let mut feats = Vec::with_capacity(24);
    let mut scores = [0f32; 2];
    let mut errors = Vec::new();
    for _ in 0..epochs {
        shuffle(&mut order);
        let (mut wrong, mut total) = (0usize, 0usize);
        for &p in &order {
            let ex = &paras[p];
            let n = ex.obs.len().min(ex.tags.len()).min(ex.ends.len());
            let mut start = 0;
            for i in 0..n.saturating_sub(1) {
                features(&ex.obs[..n], &ex.tags[..n], i, start, &mut feats);
                tr.score(&feats, &mut scores);
                let guess = (scores[1] > scores[0]) as usize;
                let truth = ex.ends[i] as usize;
                tr.update(&feats, truth, guess);
                tr.tick();
                wrong += (guess != truth) as usize;
                total += 1;
                // The piece length feature follows the gold ends, as the cuts would.
                if truth == 1 {
                    start = i + 1;
                }
            }
        }
        errors.push(wrong as f64 / total.max(1) as f64);
    }
    (
        Bounds {
            weights: tr.finish(),
            margin,
        },
        errors,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Learns that a sentence ends between `x` and a capitalised `Y` (and nowhere else)
    /// from a toy corpus, and cuts there.
    #[test]
    fn learns_an_end_between_two_words() {
        let mut buf = String::new();
        let obs = |ws: &[&str], buf: &mut String| -> Vec<WordObs> {
            ws.iter()
                .map(|w| super::super::words::observe(w, buf))
                .collect()
        };
        let words = ["a", "b", "x", "Y", "c", "d"];
        let exs: Vec<BoundsExample> = (0..10)
            .map(|_| BoundsExample {
                obs: obs(&words, &mut buf),
                tags: vec![0, 1, 2, 3, 0, 1],
                ends: vec![false, false, true, false, false, true],
            })
            .collect();
        // A margin of 1: gaps no update ever touched score about 0 either way.
        let (b, errors) = train(&exs, 10, 12, 1.0, |_| {});
        assert_eq!(errors.last(), Some(&0.0));
        let mut cuts = Vec::new();
        b.cuts(&obs(&words, &mut buf), &[0, 1, 2, 3, 0, 1], &mut cuts);
        assert_eq!(cuts, vec![2]);
        b.cuts(&obs(&["a", "b", "c"], &mut buf), &[0, 1, 0], &mut cuts);
        assert!(cuts.is_empty());
    }
}
