//! Training the join model ([`JoinModel`], `data/join_model.json`) from story dev sets:
//! what `newsgraph train stories` runs.
//!
//! For each set's tune half, in `orders` seeded orders, the articles are replayed over
//! a [`MemoryIndex`] following the gold stories (every article joins the candidate
//! holding its story, else starts one); each time-gated candidate the index offers gives
//! one training pair: its [`pair_features`](crate::pair_features), and whether the
//! candidate's majority story is the article's. So the features are those the online
//! linker sees. A logistic regression per dated / undated article (Newton steps, ridge
//! on the standardised features) is fitted to the pairs of all sets, each set's pairs
//! weighted to the same total. Then the join and bridge probabilities are chosen on the
//! tune halves (replays driven by the model; the mean over sets of the mean B-cubed
//! F1) against the hand-set cosine rule: a half that does not beat the rule is left
//! `None`. The check halves are only reported.

use crate::{Candidate, EntityFeature, Features, JoinModel, LinkConfig, Linker, Logistic};
use crate::{MemoryIndex, FEATURE_NAMES};
use newsgraph_model::Article;
use std::collections::HashMap;

const N: usize = FEATURE_NAMES.len();

fn tune_of(s: &TrainSet) -> Vec<&TrainDoc> {
    s.docs.iter().filter(|d| d.tune).collect()
}

/// One analysed dev article: its record, its entity keys (as the store resolves them),
/// its gold story and whether it is in the tune half.
#[derive(Debug, Clone)]
pub struct TrainDoc {
    pub article: Article,
    pub entities: Vec<EntityFeature>,
    pub story: String,
    pub tune: bool,
}

/// A named dev set.
#[derive(Debug, Clone)]
pub struct TrainSet {
    pub name: String,
    pub docs: Vec<TrainDoc>,
}

/// Which half of the model is left `None` without fitting (its articles keep the rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Half {
    Undated,
    Dated,
}

#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Gold-following (and model-driven) replays per set.
    pub orders: u64,
    /// Ridge on the standardised weights.
    pub ridge: f64,
    pub skip: Option<Half>,
    /// The link settings the replays use (its `join_model` is ignored).
    pub config: LinkConfig,
    /// Join / bridge probabilities tried.
    pub joins: Vec<f32>,
    pub bridges: Vec<f32>,
    /// The features each half (undated, dated) is fitted on, by name; empty: all. The
    /// others weigh 0. The undated half has one set of a dozen topics to learn from
    /// (ECB+ tune): all the features overfit it.
    pub features: [Vec<String>; 2],
    /// What a `skip`ped half (undated, dated) ships as instead of `None`: a regression
    /// kept from an earlier model, used as is (no fit, no choice of probabilities).
    pub keep: [Option<Logistic>; 2],
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            orders: 3,
            ridge: 1.0,
            skip: None,
            config: LinkConfig::default(),
            joins: vec![0.2, 0.3, 0.4, 0.5, 0.6, 0.7],
            bridges: vec![0.5, 0.6, 0.7, 0.8, 0.9, 2.0],
            features: [Vec::new(), Vec::new()],
            keep: [None, None],
        }
    }
}

/// B-cubed F1 of one replay (min / mean over orders) of one set's half.
#[derive(Debug, Clone, PartialEq)]
pub struct SplitScore {
    pub set: String,
    pub split: &'static str,
    pub min_f1: f64,
    pub mean_f1: f64,
}

/// Trains the model; `log` receives progress lines. The returned model's provenance
/// names the sets, options and the replay scores; the scores are returned too.
pub fn train(
    sets: &[TrainSet],
    opts: &TrainOptions,
    log: &mut dyn FnMut(&str),
) -> (JoinModel, Vec<SplitScore>) {
    let mut cfg = LinkConfig {
        join_model: None,
        ..opts.config.clone()
    };
    let oracle = Linker::new(cfg.clone());

    // Pairs from gold-following replays of the tune halves, apart for dated and
    // undated articles; each set's pairs weighted to the same total.
    let mut data: [Pairs; 2] = [Pairs::default(), Pairs::default()];
    let mut mostly_dated: Vec<bool> = Vec::new();
    for set in sets {
        let tune = tune_of(set);
        let dated = tune
            .iter()
            .filter(|d| d.article.published.is_some())
            .count();
        mostly_dated.push(2 * dated > tune.len());
        let mut mine: [Pairs; 2] = [Pairs::default(), Pairs::default()];
        for seed in 1..=opts.orders {
            pairs(&oracle, &tune, seed, &mut mine);
        }
        for (h, p) in mine.into_iter().enumerate() {
            let n = p.y.len();
            log(&format!(
                "{}: {} tune docs, {n} {} pairs ({} joins)",
                set.name,
                tune.len(),
                ["undated", "dated"][h],
                p.y.iter().sum::<f64>()
            ));
            data[h].x.extend(p.x);
            data[h].y.extend(p.y);
            data[h]
                .w
                .extend(std::iter::repeat_n(1.0 / n.max(1) as f64, n));
        }
    }
    let mut halves: Vec<Option<Logistic>> = Vec::new();
    for (h, d) in data.iter_mut().enumerate() {
        let skipped = opts.skip == Some([Half::Undated, Half::Dated][h]);
        // Both classes are needed for a regression.
        let joins = d.y.iter().filter(|y| **y > 0.5).count();
        if skipped || joins == 0 || joins == d.y.len() {
            halves.push(None);
            continue;
        }
        let only = &opts.features[h];
        if !only.is_empty() {
            // A constant column standardises to 0 and gets weight 0.
            for (k, name) in FEATURE_NAMES.iter().enumerate() {
                if !only.iter().any(|o| o == name) {
                    for x in &mut d.x {
                        x[k] = 0.0;
                    }
                }
            }
        }
        let total: f64 = d.w.iter().sum();
        let n = d.y.len() as f64;
        for w in &mut d.w {
            *w *= n / total.max(1e-12);
        }
        let (weights, bias) = fit(&d.x, &d.y, &d.w, opts.ridge);
        log(&format!("{} model:", ["undated", "dated"][h]));
        for (n, w) in FEATURE_NAMES.iter().zip(&weights) {
            log(&format!("  {n:<18} {w:+.3}"));
        }
        log(&format!("  bias               {bias:+.3}"));
        halves.push(Some(Logistic {
            weights: weights.iter().map(|&w| w as f32).collect(),
            bias: bias as f32,
            join: 0.5,
            bridge: 2.0,
        }));
    }
    let kept = |half: Half, h: usize| {
        if opts.skip == Some(half) {
            opts.keep[h].clone()
        } else {
            None
        }
    };
    let mut model = JoinModel {
        version: 1,
        features: FEATURE_NAMES.iter().map(|s| s.to_string()).collect(),
        dated: halves.pop().flatten().or_else(|| kept(Half::Dated, 1)),
        undated: halves.pop().flatten().or_else(|| kept(Half::Undated, 0)),
        provenance: String::new(),
    };

    // Join and bridge probabilities of each half, on the tune halves of the sets
    // mostly of its kind.
    for dated in [false, true] {
        let mine: Vec<Vec<&TrainDoc>> = sets
            .iter()
            .zip(&mostly_dated)
            .filter(|x| *x.1 == dated)
            .map(|x| tune_of(x.0))
            .collect();
        let kind = ["undated", "dated"][dated as usize];
        if opts.skip == Some([Half::Undated, Half::Dated][dated as usize]) {
            continue;
        }
        let fitted = if dated {
            model.dated.take()
        } else {
            model.undated.take()
        };
        let Some(fitted) = fitted else { continue };
        if mine.is_empty() {
            log(&format!(
                "{kind}: no set is mostly {kind}: the half is left out"
            ));
            continue;
        }
        let score_of = |m: &JoinModel, cfg: &mut LinkConfig| -> f64 {
            cfg.join_model = Some(m.clone());
            let linker = Linker::new(cfg.clone());
            let mut score = 0.0;
            for tune in &mine {
                let f1: Vec<f64> = replay(&linker, tune, opts.orders)
                    .iter()
                    .map(|r| r.2)
                    .collect();
                score += f1.iter().sum::<f64>() / f1.len() as f64 / mine.len() as f64;
            }
            score
        };
        let set_half = |m: &mut JoinModel, h: Option<Logistic>| {
            if dated {
                m.dated = h;
            } else {
                m.undated = h;
            }
        };
        // The hand-set cosine rule for this kind of article: the bar to beat.
        let rule = score_of(&model, &mut cfg);
        log(&format!("{kind} cosine rule: tune {rule:.4}"));
        let mut best: (f64, Option<Logistic>) = (rule, None);
        for &join in &opts.joins {
            for &bridge in &opts.bridges {
                if bridge < join {
                    continue;
                }
                let h = Logistic {
                    join,
                    bridge,
                    ..fitted.clone()
                };
                set_half(&mut model, Some(h.clone()));
                let score = score_of(&model, &mut cfg);
                log(&format!(
                    "{kind} join {join:.2} bridge {bridge:.2}: tune {score:.4}"
                ));
                if score > best.0 {
                    best = (score, Some(h));
                }
            }
        }
        set_half(&mut model, best.1);
    }
    cfg.join_model = Some(model.clone());
    let linker = Linker::new(cfg);
    let mut scores = Vec::new();
    for set in sets {
        for split in ["tune", "check"] {
            let sub: Vec<&TrainDoc> = set
                .docs
                .iter()
                .filter(|d| d.tune == (split == "tune"))
                .collect();
            if sub.is_empty() {
                continue;
            }
            let f1: Vec<f64> = replay(&linker, &sub, opts.orders.max(1))
                .iter()
                .map(|r| r.2)
                .collect();
            scores.push(SplitScore {
                set: set.name.clone(),
                split,
                min_f1: f1.iter().cloned().fold(f64::INFINITY, f64::min),
                mean_f1: f1.iter().sum::<f64>() / f1.len() as f64,
            });
        }
    }
    let report: Vec<String> = scores
        .iter()
        .map(|s| {
            format!(
                "{} {} replay F1 min/mean {:.4}/{:.4}",
                s.set, s.split, s.min_f1, s.mean_f1
            )
        })
        .collect();
    model.provenance = format!(
        "newsgraph train stories on the tune halves of {} ({} gold-following orders, ridge \
         {}, skip {:?}, features undated {:?} dated {:?}); join/bridge chosen on the tune \
         halves; MemoryIndex {}",
        sets.iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        opts.orders,
        opts.ridge,
        opts.skip,
        opts.features[0],
        opts.features[1],
        report.join("; ")
    );
    (model, scores)
}

#[derive(Default)]
struct Pairs {
    x: Vec<[f64; N]>,
    y: Vec<f64>,
    w: Vec<f64>,
}

/// One gold-following replay of `docs` in the order of `seed`, its pairs appended.
fn pairs(linker: &Linker, docs: &[&TrainDoc], seed: u64, out: &mut [Pairs; 2]) {
    let mut ix = MemoryIndex::new();
    // Gold stories per predicted story.
    let mut members: HashMap<String, HashMap<String, u32>> = HashMap::new();
    for &i in &shuffled(docs.len(), seed) {
        let d = docs[i];
        let f = Features::of(&d.article, &d.entities, linker.config());
        let majority = |story: &str, members: &HashMap<String, HashMap<String, u32>>| {
            members.get(story).and_then(|m| {
                m.iter()
                    .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                    .map(|x| x.0.clone())
            })
        };
        let half = &mut out[f.day.is_some() as usize];
        let mut decide = |cands: &[Candidate]| -> Option<usize> {
            let mut pick = None;
            for (j, c) in cands.iter().enumerate() {
                let yes = majority(&c.profile.id, &members).as_deref() == Some(d.story.as_str());
                let mut x = [0f64; N];
                for (k, v) in c.features.iter().enumerate() {
                    x[k] = *v as f64;
                }
                half.x.push(x);
                half.y.push(yes as u8 as f64);
                if yes && pick.is_none() {
                    pick = Some(j);
                }
            }
            pick
        };
        let Ok(out) = linker.link_decided(&mut ix, &d.article.id, &f, Some(&mut decide));
        *members
            .entry(out.story)
            .or_default()
            .entry(d.story.clone())
            .or_default() += 1;
    }
}

/// A seeded shuffle of `0..n` (xorshift), the same on every machine.
pub fn shuffled(n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    for i in (1..n).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        order.swap(i, (state % (i as u64 + 1)) as usize);
    }
    order
}

/// B-cubed (precision, recall) of a predicted clustering against gold.
pub fn bcubed(gold: &[&str], pred: &[String]) -> (f64, f64) {
    let mut pair: HashMap<(&str, &str), f64> = HashMap::new();
    let mut g: HashMap<&str, f64> = HashMap::new();
    let mut p: HashMap<&str, f64> = HashMap::new();
    for (a, b) in gold.iter().zip(pred) {
        *pair.entry((a, b)).or_default() += 1.0;
        *g.entry(a).or_default() += 1.0;
        *p.entry(b).or_default() += 1.0;
    }
    let n = gold.len().max(1) as f64;
    let prec: f64 = gold
        .iter()
        .zip(pred)
        .map(|(a, b)| pair[&(*a, b.as_str())] / p[b.as_str()])
        .sum();
    let rec: f64 = gold
        .iter()
        .zip(pred)
        .map(|(a, b)| pair[&(*a, b.as_str())] / g[a])
        .sum();
    (prec / n, rec / n)
}

/// (precision, recall, F1) of each of `orders` seeded replays of `docs` through
/// `linker` over a fresh [`MemoryIndex`].
pub fn replay(linker: &Linker, docs: &[&TrainDoc], orders: u64) -> Vec<(f64, f64, f64)> {
    let gold: Vec<&str> = docs.iter().map(|d| d.story.as_str()).collect();
    (1..=orders)
        .map(|seed| {
            let mut ix = MemoryIndex::new();
            for &i in &shuffled(docs.len(), seed) {
                let d = docs[i];
                let Ok(_) = linker.link(&mut ix, &d.article, &d.entities);
            }
            let pred: Vec<String> = docs
                .iter()
                .map(|d| ix.story_of(&d.article.id).unwrap_or_default())
                .collect();
            let (p, r) = bcubed(&gold, &pred);
            let f = if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            };
            (p, r, f)
        })
        .collect()
}

/// Weighted logistic regression by Newton's method on standardised features, ridge
/// `lambda` on the weights (not the bias); returns weights and bias on the raw scale.
fn fit(xs: &[[f64; N]], ys: &[f64], ws: &[f64], lambda: f64) -> ([f64; N], f64) {
    let n = xs.len().max(1) as f64;
    let mut mean = [0f64; N];
    let mut sd = [0f64; N];
    for x in xs {
        for k in 0..N {
            mean[k] += x[k] / n;
        }
    }
    for x in xs {
        for k in 0..N {
            sd[k] += (x[k] - mean[k]).powi(2) / n;
        }
    }
    for s in &mut sd {
        *s = if *s > 1e-12 { s.sqrt() } else { 1.0 };
    }
    let z = |x: &[f64; N]| -> [f64; N + 1] {
        let mut v = [1f64; N + 1];
        for k in 0..N {
            v[k + 1] = (x[k] - mean[k]) / sd[k];
        }
        v
    };
    let mut beta = [0f64; N + 1];
    for _ in 0..25 {
        let mut grad = [0f64; N + 1];
        let mut hess = [[0f64; N + 1]; N + 1];
        for ((x, &y), &w) in xs.iter().zip(ys).zip(ws) {
            let v = z(x);
            let t: f64 = v.iter().zip(&beta).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-t).exp());
            for i in 0..=N {
                grad[i] += w * (y - p) * v[i];
                for j in 0..=N {
                    hess[i][j] += w * p * (1.0 - p) * v[i] * v[j];
                }
            }
        }
        for i in 1..=N {
            grad[i] -= lambda * beta[i];
            hess[i][i] += lambda;
        }
        let step = solve(hess, grad);
        let mut moved = 0.0;
        for i in 0..=N {
            beta[i] += step[i];
            moved += step[i].abs();
        }
        if moved < 1e-8 {
            break;
        }
    }
    let mut weights = [0f64; N];
    let mut bias = beta[0];
    for k in 0..N {
        weights[k] = beta[k + 1] / sd[k];
        bias -= beta[k + 1] * mean[k] / sd[k];
    }
    (weights, bias)
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting.
fn solve(mut a: [[f64; N + 1]; N + 1], mut b: [f64; N + 1]) -> [f64; N + 1] {
    let m = N + 1;
    for c in 0..m {
        let p = (c..m)
            .max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))
            .unwrap_or(c);
        a.swap(c, p);
        b.swap(c, p);
        if a[c][c].abs() < 1e-12 {
            continue;
        }
        for r in c + 1..m {
            let f = a[r][c] / a[c][c];
            let pivot = a[c];
            for (x, p) in a[r][c..].iter_mut().zip(&pivot[c..]) {
                *x -= f * p;
            }
            b[r] -= f * b[c];
        }
    }
    let mut x = [0f64; N + 1];
    for c in (0..m).rev() {
        if a[c][c].abs() < 1e-12 {
            continue;
        }
        let s: f64 = (c + 1..m).map(|k| a[c][k] * x[k]).sum();
        x[c] = (b[c] - s) / a[c][c];
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fit_recovers_a_separating_weight() {
        // y = 1 exactly when feature 0 is high: its weight must come out positive and
        // dominate.
        let mut xs = Vec::new();
        let mut ys = Vec::new();
        for i in 0..200 {
            let mut x = [0f64; N];
            x[0] = (i % 10) as f64 / 10.0;
            x[1] = ((i * 7) % 13) as f64 / 13.0;
            xs.push(x);
            ys.push(((i % 10) >= 5 || i % 37 == 0) as u8 as f64);
        }
        let ws = vec![1.0; xs.len()];
        let (w, b) = fit(&xs, &ys, &ws, 1.0);
        assert!(w[0] > 3.0 && w[0].abs() > 3.0 * w[1].abs(), "{w:?}");
        let p = |x0: f64| 1.0 / (1.0 + (-(b + w[0] * x0)).exp());
        assert!(p(0.9) > 0.8 && p(0.1) < 0.2);
    }
}
