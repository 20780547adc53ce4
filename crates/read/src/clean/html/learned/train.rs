//! Training the block classifier: every block of every training page, labelled by the
//! gold text ([`super::label`]), weighted by its share of the page's words (the scorer
//! averages per page, and a page's F1 is made of its words), fitted by logistic
//! regression with AdaGrad steps in a fixed shuffled order. Stage 2 reads stage 1's
//! probabilities; its training probabilities come from two folds (each half of the
//! pages scored by a stage 1 trained on the other half), so it learns how far to trust
//! stage 1 on pages stage 1 has not seen.

use super::features::{context_feature_names, page_feature_names};
use super::label::Gold;
use super::model::BlockModel;
use crate::clean::html::blocks::{page_layout, Layout};
use crate::clean::html::tokenizer::strip_for_dom;
use std::collections::HashMap;

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    pub epochs: usize,
    /// AdaGrad's base step.
    pub rate: f32,
    /// L2 penalty per step on the weights a step touches.
    pub l2: f32,
    /// Features seen on fewer training pages than this are dropped (a class name of
    /// one site would only learn that site).
    pub min_count: usize,
    /// The same for the words of `class`/`id` attributes (`m0=`, `ma=`, …): utility
    /// classes (`mb`, `pt`, `underline`) differ from site to site and teach nothing.
    pub mark_min_count: usize,
    /// Feature families left out (by name prefix: `first=`, `ma=`): for ablations.
    pub drop: Vec<String>,
    /// The total weight of one page's blocks.
    pub page_weight: f32,
    pub threshold: f32,
    /// Whether to train stage 2.
    pub context: bool,
    pub seed: u64,
}

/// The shipped model's settings, chosen by two-fold cross-validation inside the WCXB
/// tune half (crates/read/ARCH.md).
impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 10,
            rate: 0.02,
            l2: 0.01,
            min_count: 10,
            mark_min_count: 10,
            drop: Vec::new(),
            page_weight: 20.0,
            threshold: 0.5,
            context: false,
            seed: 7,
        }
    }
}

/// One training page: its HTML and its gold main text.
pub struct TrainPage<'a> {
    pub html: &'a str,
    pub gold: &'a str,
}

struct Example {
    features: Vec<u32>,
    positive: bool,
    weight: f32,
}

/// Feature names to dense ids, with the number of pages each was seen on.
#[derive(Default)]
struct Vocab {
    ids: HashMap<String, u32>,
    pages: Vec<usize>,
    last_page: Vec<usize>,
}

impl Vocab {
    fn id(&mut self, name: String, page: usize) -> u32 {
        let next = self.ids.len() as u32;
        let id = *self.ids.entry(name).or_insert(next);
        if id as usize == self.pages.len() {
            self.pages.push(0);
            self.last_page.push(usize::MAX);
        }
        if self.last_page[id as usize] != page {
            self.last_page[id as usize] = page;
            self.pages[id as usize] += 1;
        }
        id
    }
}

/// One page's blocks as stage-1 examples, with its layout for stage 2.
struct PageData {
    layout: Layout,
    stage1: Vec<Example>,
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

fn score(w: &[f32], e: &Example) -> f32 {
    sigmoid(e.features.iter().map(|&f| w[f as usize]).sum())
}

/// Logistic regression over the examples (AdaGrad, fixed shuffle).
fn fit(examples: &[&Example], dims: usize, opts: &TrainOptions) -> Vec<f32> {
    let mut w = vec![0f32; dims];
    let mut g2 = vec![1e-6f32; dims];
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = opts.seed.max(1);
    for _ in 0..opts.epochs {
        // Fisher-Yates with xorshift: the same order for the same seed.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &k in &order {
            let e = examples[k];
            let y = if e.positive { 1.0 } else { 0.0 };
            let g = (score(&w, e) - y) * e.weight;
            for &f in &e.features {
                let f = f as usize;
                let grad = g + opts.l2 * w[f];
                g2[f] += grad * grad;
                w[f] -= opts.rate * grad / g2[f].sqrt();
            }
        }
    }
    w
}

/// Trains a model on the pages (each read as the extractor reads it: stripped for the
/// DOM first).
pub fn train_block_model(pages: &[TrainPage<'_>], opts: &TrainOptions) -> BlockModel {
    let mut vocab = Vocab::default();
    let mut data: Vec<PageData> = Vec::new();
    let mut labels: Vec<Vec<(bool, f32)>> = Vec::new();
    for p in pages {
        let dom = strip_for_dom(p.html);
        let layout = page_layout(&dom.html);
        let gold = Gold::new(p.gold);
        let total: u32 = layout.details.iter().map(|d| d.words).sum();
        if total == 0 {
            continue;
        }
        let page = data.len();
        let lab: Vec<(bool, f32)> = layout
            .blocks
            .iter()
            .zip(&layout.details)
            .map(|(b, d)| {
                (
                    gold.contains(&b.text),
                    opts.page_weight * d.words.max(1) as f32 / total as f32,
                )
            })
            .collect();
        let stage1 = page_feature_names(&layout)
            .into_iter()
            .zip(&lab)
            .map(|(feats, &(positive, weight))| Example {
                features: feats.into_iter().map(|f| vocab.id(f, page)).collect(),
                positive,
                weight,
            })
            .collect();
        data.push(PageData { layout, stage1 });
        labels.push(lab);
    }
    let is_mark = |name: &str| name.starts_with('m') && name.as_bytes().get(2) == Some(&b'=');
    let mut min_pages = vec![opts.min_count; vocab.ids.len()];
    for (name, &id) in &vocab.ids {
        if is_mark(name) {
            min_pages[id as usize] = opts.mark_min_count.max(opts.min_count);
        }
        if opts.drop.iter().any(|d| name.starts_with(d.as_str())) {
            min_pages[id as usize] = usize::MAX;
        }
    }
    let keep_rare = |vocab: &Vocab, examples: &mut Vec<Example>| {
        for e in examples {
            e.features.retain(|&f| {
                vocab.pages[f as usize]
                    >= min_pages.get(f as usize).copied().unwrap_or(opts.min_count)
            });
        }
    };
    for d in &mut data {
        keep_rare(&vocab, &mut d.stage1);
    }
    let all1: Vec<&Example> = data.iter().flat_map(|d| &d.stage1).collect();
    let w1 = fit(&all1, vocab.ids.len(), opts);

    let mut w2 = Vec::new();
    if opts.context {
        // Stage-1 probabilities of each page from the fold that did not see it.
        let fold = |k: usize| -> Vec<&Example> {
            data.iter()
                .enumerate()
                .filter(|(i, _)| i % 2 == k)
                .flat_map(|(_, d)| &d.stage1)
                .collect()
        };
        let folds = [
            fit(&fold(1), vocab.ids.len(), opts),
            fit(&fold(0), vocab.ids.len(), opts),
        ];
        let mut stage2: Vec<Vec<Example>> = Vec::new();
        for (page, (d, lab)) in data.iter().zip(&labels).enumerate() {
            let w = &folds[page % 2];
            let probs: Vec<f32> = d.stage1.iter().map(|e| score(w, e)).collect();
            let mut ex: Vec<Example> = context_feature_names(&d.layout, &probs)
                .into_iter()
                .zip(lab)
                .map(|(feats, &(positive, weight))| Example {
                    features: feats.into_iter().map(|f| vocab.id(f, page)).collect(),
                    positive,
                    weight,
                })
                .collect();
            keep_rare(&vocab, &mut ex);
            stage2.push(ex);
        }
        let all2: Vec<&Example> = stage2.iter().flatten().collect();
        w2 = fit(&all2, vocab.ids.len(), opts);
    }

    let mut weights = HashMap::new();
    for (name, id) in vocab.ids {
        let stage2 = name.starts_with("2:");
        let v = if stage2 {
            w2.get(id as usize).copied().unwrap_or(0.0)
        } else {
            w1.get(id as usize).copied().unwrap_or(0.0)
        };
        let min = min_pages
            .get(id as usize)
            .copied()
            .unwrap_or(opts.min_count);
        if vocab.pages[id as usize] >= min && v.abs() >= 1e-3 {
            weights.insert(name, v);
        }
    }
    let blocks: usize = labels.iter().map(Vec::len).sum();
    let positives = labels.iter().flatten().filter(|(p, _)| *p).count();
    let mut model = BlockModel {
        weights,
        threshold: opts.threshold,
        header: vec![
            format!(
                "block classifier of the `learned` HTML extractor: a logistic regression \
                 over block features (crates/read/src/clean/html/learned/features.rs){}",
                if opts.context {
                    ", and a second one (features prefixed `2:`) over its probabilities"
                } else {
                    ""
                }
            ),
            format!(
                "trained by `newsgraph train extraction` on {} pages ({blocks} blocks, \
                 {positives} main text), epochs {}, rate {}, l2 {}, min count {} pages \
                 ({} for class/id words), page weight {}, seed {}",
                data.len(),
                opts.epochs,
                opts.rate,
                opts.l2,
                opts.min_count,
                opts.mark_min_count,
                opts.page_weight,
                opts.seed
            ),
        ],
        ..Default::default()
    };
    model.index();
    model
}
