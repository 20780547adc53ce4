//! Training the syntax layer from treebank documents: the ambiguity lexicon, the tagger,
//! jackknifed tags for the parser (so it learns on tags as noisy as the tagger's), the
//! parser with its arc labeler, and the lemmatiser.

use super::bounds::{self, BoundsExample};
use super::conllu::TreebankDoc;
use super::lemma::Lemmatiser;
use super::model::SyntaxModel;
use super::parser::{self, ParseExample};
use super::tagger;
use super::tags::{deprel_index, upos_index};
use super::words::{normalise, observe, WordObs};
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct TrainConfig {
    pub tagger_epochs: usize,
    pub parser_epochs: usize,
    pub tagger_rows_log2: u32,
    pub parser_rows_log2: u32,
    /// The parser's arc labeler (relations as arcs are made, read by its features).
    pub labeler_rows_log2: u32,
    pub bounds_epochs: usize,
    pub bounds_rows_log2: u32,
    /// The margin above which a tree ends inside a sentence (`bounds.rs`).
    pub bounds_margin: f32,
    /// Folds for the parser's training tags (0 or 1: gold tags).
    pub jackknife: usize,
    pub seed: u64,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            tagger_epochs: 10,
            parser_epochs: 15,
            tagger_rows_log2: 18,
            parser_rows_log2: 21,
            labeler_rows_log2: 17,
            bounds_epochs: 5,
            bounds_rows_log2: 18,
            bounds_margin: -5.0,
            jackknife: 4,
            seed: 7,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct TrainReport {
    pub sentences: usize,
    pub words: usize,
    pub tagger_errors: Vec<f64>,
    /// Accuracy of the jackknifed tags the parser trained on.
    pub jackknife_accuracy: Option<f64>,
    pub parser_errors: Vec<f64>,
    pub bounds_errors: Vec<f64>,
}

/// xorshift64*: a deterministic shuffle without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn shuffle(&mut self, v: &mut [usize]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

struct Sent<'a> {
    /// Which paragraph of the corpus the sentence is in (counted over all documents).
    para: usize,
    forms: Vec<&'a str>,
    tags: Vec<usize>,
    heads: Vec<usize>,
    labels: Vec<usize>,
}

/// Trains every part of the model.
pub fn train(docs: &[TreebankDoc], cfg: &TrainConfig) -> (SyntaxModel, TrainReport) {
    let mut sents: Vec<Sent> = Vec::new();
    let mut para = 0;
    for d in docs {
        let mut p = 0;
        para += 1;
        for r in &d.sentences {
            let ws = &d.words[r.clone()];
            let n = ws.len();
            let start = ws.first().map_or(0, |w| w.span.start);
            while d.paragraphs.get(p).is_some_and(|s| s.end <= start) {
                p += 1;
                para += 1;
            }
            sents.push(Sent {
                para,
                forms: ws.iter().map(|w| w.form.as_str()).collect(),
                tags: ws.iter().map(|w| upos_index(&w.upos)).collect(),
                heads: ws
                    .iter()
                    .map(|w| w.head.map_or(n, |h| h - r.start))
                    .collect(),
                labels: ws.iter().map(|w| deprel_index(&w.deprel)).collect(),
            });
        }
    }
    let mut report = TrainReport {
        sentences: sents.len(),
        words: sents.iter().map(|s| s.forms.len()).sum(),
        ..Default::default()
    };
    // Ambiguity classes: forms seen at least twice (a form seen once behaves as unseen,
    // so the tagger learns what to do with unknown words).
    let mut buf = String::new();
    let mut seen: HashMap<String, (u32, u32)> = HashMap::new();
    for s in &sents {
        for (f, t) in s.forms.iter().zip(&s.tags) {
            normalise(f, &mut buf);
            let e = seen.entry(buf.clone()).or_default();
            e.0 += 1;
            e.1 |= 1 << t;
        }
    }
    let ambiguity: HashMap<String, u32> = seen
        .into_iter()
        .filter(|(_, (n, _))| *n >= 2)
        .map(|(f, (_, m))| (f, m))
        .collect();
    let obs: Vec<Vec<WordObs>> = sents
        .iter()
        .map(|s| observe_sentence(&s.forms, &ambiguity, &mut buf))
        .collect();
    let mut rng = Rng(cfg.seed.max(1));
    let tag_data: Vec<(Vec<WordObs>, Vec<usize>)> = obs
        .iter()
        .zip(&sents)
        .map(|(o, s)| (o.clone(), s.tags.clone()))
        .collect();
    let (tagger, errs) = tagger::train(&tag_data, cfg.tagger_epochs, cfg.tagger_rows_log2, |v| {
        rng.shuffle(v)
    });
    report.tagger_errors = errs;
    // The parser's training tags.
    let mut parse_tags: Vec<Vec<usize>> = sents.iter().map(|s| s.tags.clone()).collect();
    if cfg.jackknife >= 2 {
        let k = cfg.jackknife;
        let (mut right, mut total) = (0usize, 0usize);
        for fold in 0..k {
            let train_part: Vec<(Vec<WordObs>, Vec<usize>)> = tag_data
                .iter()
                .enumerate()
                .filter(|(i, _)| i % k != fold)
                .map(|(_, x)| x.clone())
                .collect();
            let (t, _) = tagger::train(&train_part, cfg.tagger_epochs, cfg.tagger_rows_log2, |v| {
                rng.shuffle(v)
            });
            let mut out = Vec::new();
            for (i, (o, gold)) in tag_data.iter().enumerate() {
                if i % k == fold {
                    t.tag(o, &mut out);
                    right += out.iter().zip(gold).filter(|(a, b)| a == b).count();
                    total += gold.len();
                    parse_tags[i] = out.clone();
                }
            }
        }
        report.jackknife_accuracy = Some(right as f64 / total.max(1) as f64);
    }
    let examples: Vec<ParseExample> = obs
        .iter()
        .zip(&sents)
        .zip(&parse_tags)
        .map(|((o, s), t)| ParseExample {
            obs: o.clone(),
            tags: t.clone(),
            heads: s.heads.clone(),
            labels: s.labels.clone(),
        })
        .collect();
    let (parser, errs) = parser::train(
        &examples,
        cfg.parser_epochs,
        cfg.parser_rows_log2,
        cfg.labeler_rows_log2,
        |v| rng.shuffle(v),
    );
    report.parser_errors = errs;
    // Tree bounds: every paragraph's sentences run together, with the parser's tags.
    let mut paras: Vec<BoundsExample> = Vec::new();
    for (i, s) in sents.iter().enumerate() {
        if i == 0 || sents[i - 1].para != s.para {
            paras.push(BoundsExample {
                obs: Vec::new(),
                tags: Vec::new(),
                ends: Vec::new(),
            });
        }
        if let Some(p) = paras.last_mut() {
            p.obs.extend_from_slice(&examples[i].obs);
            p.tags.extend_from_slice(&examples[i].tags);
            p.ends
                .extend((0..s.forms.len()).map(|k| k + 1 == s.forms.len()));
        }
    }
    let (bounds, errs) = bounds::train(
        &paras,
        cfg.bounds_epochs,
        cfg.bounds_rows_log2,
        cfg.bounds_margin,
        |v| rng.shuffle(v),
    );
    report.bounds_errors = errs;
    let lemmatiser = Lemmatiser::learn(
        docs.iter()
            .flat_map(|d| d.words.iter())
            .map(|w| (w.form.as_str(), upos_index(&w.upos), w.lemma.as_str())),
    );
    (
        SyntaxModel {
            hyphen: super::hyphen::HyphenRule::learn(docs),
            splits: super::splits::SplitRule::learn(docs),
            bounds,
            tagger,
            parser,
            ambiguity,
            lemmatiser,
        },
        report,
    )
}

/// Observations of a sentence's words with their ambiguity classes.
pub(crate) fn observe_sentence(
    forms: &[&str],
    ambiguity: &HashMap<String, u32>,
    buf: &mut String,
) -> Vec<WordObs> {
    forms
        .iter()
        .map(|f| {
            let mut o = observe(f, buf);
            o.ambiguity = ambiguity.get(buf.as_str()).copied().unwrap_or(0);
            o
        })
        .collect()
}
