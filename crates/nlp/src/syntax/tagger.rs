//! The UPOS tagger: greedy left to right, an averaged perceptron over the word, its
//! neighbours (±2), affixes, shape, the tags a form was seen with in training (its
//! ambiguity class, for the word and its right neighbours) and the two tags before it;
//! then a second pass with the same features plus the first pass's tags of the word and
//! the two to its right (trained on jackknifed first-pass tags, so on tags as wrong as
//! they are at tagging time). EWT dev gold words, tagger-only runs over three shuffle
//! seeds: UPOS tune 0.9531 → 0.9536, check 0.9510 → 0.9523.

use super::hash::feat;
use super::perceptron::{argmax, Trainer, Weights};
use super::tags::UPOS;
use super::words::WordObs;

const N_TAGS: usize = UPOS.len();
/// History values before the sentence start.
const START: u64 = 100;
const START2: u64 = 101;
const PAD: WordObs = WordObs {
    norm: 0xdead,
    suf1: 0,
    suf2: 0,
    suf3: 0,
    suf4: 0,
    pre1: 0,
    pre3: 0,
    shape: 0,
    ambiguity: 1 << 31,
    cluster: [1 << 21; 2],
};

/// The features of word `i` given the two tags before it and, in the second pass, the
/// first pass's tags of the whole sentence (`first`).
fn features(
    obs: &[WordObs],
    i: usize,
    p1: u64,
    p2: u64,
    first: Option<&[usize]>,
    out: &mut Vec<u64>,
) {
    out.clear();
    let at = |j: isize| -> &WordObs {
        if j < 0 || j as usize >= obs.len() {
            &PAD
        } else {
            &obs[j as usize]
        }
    };
    let i = i as isize;
    let w = at(i);
    let (m1, m2, n1, n2) = (at(i - 1), at(i - 2), at(i + 1), at(i + 2));
    let amb = |o: &WordObs| o.ambiguity as u64;
    out.extend_from_slice(&[
        feat(0, &[]),
        feat(1, &[w.norm]),
        feat(2, &[w.suf1]),
        feat(3, &[w.suf2]),
        feat(4, &[w.suf3]),
        feat(5, &[w.suf4]),
        feat(6, &[w.pre1]),
        feat(7, &[w.pre3]),
        feat(8, &[w.shape]),
        feat(9, &[p1]),
        feat(10, &[p1, p2]),
        feat(11, &[p1, w.norm]),
        feat(12, &[m1.norm]),
        feat(13, &[m1.suf3]),
        feat(14, &[m2.norm]),
        feat(15, &[n1.norm]),
        feat(16, &[n1.suf3]),
        feat(17, &[n2.norm]),
        feat(18, &[amb(w)]),
        feat(19, &[amb(n1)]),
        feat(20, &[amb(n2)]),
        feat(21, &[p1, amb(w)]),
        feat(22, &[amb(w), amb(n1)]),
        feat(23, &[w.norm, n1.norm]),
        feat(24, &[m1.norm, w.norm]),
        feat(25, &[(i == 0) as u64, w.shape]),
        feat(26, &[p1, amb(w), amb(n1)]),
        feat(27, &[w.suf3, n1.suf3]),
        feat(28, &[n1.shape]),
        // the unknown word's ending with its left tag; the words around with their classes
        feat(29, &[p1, w.suf3]),
        feat(30, &[p1, m1.norm]),
        feat(31, &[w.norm, amb(n1)]),
        feat(32, &[n2.suf3]),
        feat(33, &[n1.pre1]),
        feat(34, &[m1.suf2, w.suf2]),
        feat(35, &[p1, n1.norm]),
        // the cased word (`US` / `us`, `May` / `may`), the words around it together, and
        // the left tag pair with the word's class
        feat(36, &[w.norm, w.shape]),
        feat(37, &[m1.norm, n1.norm]),
        feat(38, &[n1.norm, n2.norm]),
        feat(39, &[p1, p2, amb(w)]),
        feat(40, &[w.suf2, amb(n1)]),
        feat(41, &[m1.shape, w.shape, n1.shape]),
    ]);
    if let Some(f) = first {
        // The first pass's tags to the right (and of the word itself): the left tags are
        // the pass's own, the right ones only a guess, but they tell `that` before a
        // verb from `that` before a noun.
        let ft = |j: usize| f.get(j).map_or(START, |t| *t as u64);
        let (r0, r1, r2) = (ft(i as usize), ft(i as usize + 1), ft(i as usize + 2));
        out.extend_from_slice(&[
            feat(60, &[r1]),
            feat(61, &[r1, r2]),
            feat(62, &[r1, w.norm]),
            feat(63, &[p1, r1]),
            feat(64, &[r1, amb(w)]),
            feat(65, &[r0]),
            feat(66, &[r0, amb(w)]),
            feat(67, &[p1, r0, r1]),
            feat(68, &[r1, w.suf3]),
            feat(69, &[r0, w.norm]),
        ]);
    }
}

/// The trained tagger.
#[derive(Debug, Clone)]
pub struct Tagger {
    pub(crate) weights: Weights,
    /// The second pass, reading the first pass's tags to the right (absent: one pass).
    pub(crate) second: Option<Weights>,
}

/// The second pass re-tags only the words whose first-pass margin (best score minus the
/// runner-up's) is below this; the others keep their first-pass tag (the second pass
/// rarely overturns a confident tag). Chosen on the EWT dev tune half, gold words, for
/// the score scale of `train syntax`'s defaults (10 epochs): UPOS tune / check at margin
/// ∞ (every word) 0.9543 / 0.9528, 20: 0.9542 / 0.9532, 10: 0.9534 / 0.9531, 5: 0.9540
/// / 0.9530; `analyse` over EWT dev ×10 (`syntax_exp -- --speed`, user CPU at load ~8,
/// two runs): every word 2.82 / 3.71 s, 20: 2.45 / 3.47 s, no second pass 2.58 / 3.00 s.
/// Overridden by `NEWSGRAPH_SECOND_PASS_MARGIN` for tuning (`inf`: every word).
pub fn second_pass_margin() -> f32 {
    static M: std::sync::OnceLock<f32> = std::sync::OnceLock::new();
    *M.get_or_init(|| {
        std::env::var("NEWSGRAPH_SECOND_PASS_MARGIN")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(20.0)
    })
}

impl Tagger {
    /// Tags one sentence (UPOS indices).
    pub fn tag(&self, obs: &[WordObs], out: &mut Vec<usize>) {
        let mut margins = Vec::new();
        greedy(&self.weights, obs, None, None, out, &mut margins);
        if let Some(w) = &self.second {
            let first = std::mem::take(out);
            greedy(w, obs, Some(&first), Some(&margins), out, &mut Vec::new());
        }
    }

    /// The first pass alone (a one-pass tagger's tags).
    pub fn tag_first(&self, obs: &[WordObs], out: &mut Vec<usize>) {
        greedy(&self.weights, obs, None, None, out, &mut Vec::new());
    }
}

/// Greedy tagging; with `first` (the second pass), words whose first-pass margin is at
/// least [`second_pass_margin`] keep their first tag. Fills `margins` with each word's.
fn greedy(
    weights: &Weights,
    obs: &[WordObs],
    first: Option<&[usize]>,
    first_margins: Option<&[f32]>,
    out: &mut Vec<usize>,
    margins: &mut Vec<f32>,
) {
    out.clear();
    margins.clear();
    let mut feats = Vec::with_capacity(64);
    let mut scores = [0f32; N_TAGS];
    let (mut p1, mut p2) = (START, START2);
    let keep = second_pass_margin();
    for i in 0..obs.len() {
        let sure = first_margins
            .and_then(|m| m.get(i))
            .is_some_and(|m| *m >= keep);
        let t = match first {
            Some(f) if sure => f.get(i).copied().unwrap_or(0),
            _ => {
                features(obs, i, p1, p2, first, &mut feats);
                weights.score(&feats, &mut scores);
                let t = argmax(&scores, |_| true).unwrap_or(0);
                let runner_up = scores
                    .iter()
                    .enumerate()
                    .filter(|(c, _)| *c != t)
                    .fold(f32::MIN, |m, (_, s)| m.max(*s));
                margins.push(scores[t] - runner_up);
                t
            }
        };
        out.push(t);
        p2 = p1;
        p1 = t as u64;
    }
}

/// Trains one pass over `sentences` (observations and gold UPOS indices), reading the
/// first pass's tags of each sentence when `first` is given (the second pass), in a
/// shuffled order each epoch. Returns the weights and the training error rate per epoch.
pub fn train_pass(
    sentences: &[(Vec<WordObs>, Vec<usize>)],
    first: Option<&[Vec<usize>]>,
    epochs: usize,
    rows_log2: u32,
    mut shuffle: impl FnMut(&mut [usize]),
) -> (Weights, Vec<f64>) {
    let mut t = Trainer::new(rows_log2, N_TAGS);
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut feats = Vec::with_capacity(64);
    let mut scores = [0f32; N_TAGS];
    let mut errors = Vec::new();
    for _ in 0..epochs {
        shuffle(&mut order);
        let (mut wrong, mut total) = (0usize, 0usize);
        for &s in &order {
            let (obs, gold) = &sentences[s];
            let f = first.and_then(|f| f.get(s)).map(|v| v.as_slice());
            let (mut p1, mut p2) = (START, START2);
            for (i, &truth) in gold.iter().enumerate().take(obs.len()) {
                features(obs, i, p1, p2, f, &mut feats);
                t.score(&feats, &mut scores);
                let guess = argmax(&scores, |_| true).unwrap_or(0);
                t.update(&feats, truth, guess);
                t.tick();
                wrong += (guess != truth) as usize;
                total += 1;
                // Condition on the guess, as at tagging time.
                p2 = p1;
                p1 = guess as u64;
            }
        }
        errors.push(wrong as f64 / total.max(1) as f64);
    }
    (t.finish(), errors)
}

/// A one-pass tagger (see [`train_pass`]).
pub fn train(
    sentences: &[(Vec<WordObs>, Vec<usize>)],
    epochs: usize,
    rows_log2: u32,
    shuffle: impl FnMut(&mut [usize]),
) -> (Tagger, Vec<f64>) {
    let (weights, errors) = train_pass(sentences, None, epochs, rows_log2, shuffle);
    (
        Tagger {
            weights,
            second: None,
        },
        errors,
    )
}
