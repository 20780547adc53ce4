//! Training the syntax layer from treebank documents: the ambiguity lexicon (`lexicon.rs`), the tagger,
//! jackknifed tags for the parser (so it learns on tags as noisy as the tagger's), the
//! parser with its arc labeler, and the lemmatiser.

use super::bounds::{self, BoundsExample};
use super::clusters::Clusters;
use super::conllu::TreebankDoc;
use super::lemma::Lemmatiser;
use super::lexicon::Lexicon;
use super::model::SyntaxModel;
use super::parser::{self, ParseExample};
use super::tagger;
use super::tags::{deprel_index, upos_index};
use super::words::WordObs;

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
    /// A second tagger pass reading the first pass's tags to the right (needs
    /// `jackknife` ≥ 2: it learns on jackknifed first-pass tags).
    pub two_pass: bool,
    pub seed: u64,
    /// Word clusters the tagger and parser read (`clusters.rs`; empty: none).
    pub clusters: Clusters,
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
            two_pass: true,
            seed: 7,
            clusters: Clusters::default(),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct TrainReport {
    pub sentences: usize,
    pub words: usize,
    pub tagger_errors: Vec<f64>,
    pub second_pass_errors: Vec<f64>,
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
    let lexicon = Lexicon::learn(
        sents
            .iter()
            .flat_map(|s| s.forms.iter().copied().zip(s.tags.iter().copied())),
        cfg.clusters.clone(),
    );
    let mut buf = String::new();
    let obs: Vec<Vec<WordObs>> = sents
        .iter()
        .map(|s| lexicon.observe_sentence(&s.forms, &mut buf))
        .collect();
    let mut rng = Rng(cfg.seed.max(1));
    let tag_data: Vec<(Vec<WordObs>, Vec<usize>)> = obs
        .iter()
        .zip(&sents)
        .map(|(o, s)| (o.clone(), s.tags.clone()))
        .collect();
    let (mut tagger, errs) =
        tagger::train(&tag_data, cfg.tagger_epochs, cfg.tagger_rows_log2, |v| {
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
                    t.tag_first(o, &mut out);
                    right += out.iter().zip(gold).filter(|(a, b)| a == b).count();
                    total += gold.len();
                    parse_tags[i] = out.clone();
                }
            }
        }
        report.jackknife_accuracy = Some(right as f64 / total.max(1) as f64);
        // The second tagger pass learns on the jackknifed first-pass tags (as noisy as
        // they will be at tagging time).
        if cfg.two_pass {
            let (w, errs) = tagger::train_pass(
                &tag_data,
                Some(&parse_tags),
                cfg.tagger_epochs,
                cfg.tagger_rows_log2,
                |v| rng.shuffle(v),
            );
            tagger.second = Some(w);
            report.second_pass_errors = errs;
        }
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
        !cfg.clusters.is_empty(),
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
            lexicon,
            lemmatiser,
        },
        report,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::clusters::Clusters;

    /// A model with a second tagger pass and word clusters survives its file: the same
    /// analyses after `to_bytes` / `from_bytes`, the parser reading clusters again.
    #[test]
    fn two_pass_model_with_clusters_round_trips() {
        let mut src = String::from("# newdoc id = d1\n");
        for (w1, w2) in [("dogs", "bark"), ("cats", "sleep"), ("birds", "sing")] {
            for _ in 0..3 {
                src.push_str(&format!(
                    "1\t{w1}\t{w1}\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n\
                     2\t{w2}\t{w2}\tVERB\tVBP\t_\t0\troot\t_\t_\n\
                     3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n"
                ));
            }
        }
        let docs = super::super::conllu::parse(&src, "t.conllu".as_ref()).unwrap();
        let cfg = TrainConfig {
            tagger_epochs: 3,
            parser_epochs: 3,
            tagger_rows_log2: 10,
            parser_rows_log2: 10,
            labeler_rows_log2: 10,
            bounds_epochs: 1,
            bounds_rows_log2: 10,
            jackknife: 2,
            two_pass: true,
            clusters: Clusters::read("dogs\t0\t1\ncats\t0\t1\nbark\t1\t2\n").unwrap(),
            ..Default::default()
        };
        let (model, _) = train(&docs, &cfg);
        assert!(model.tagger.second.is_some() && model.parser.clusters);
        let back = SyntaxModel::from_bytes(&model.to_bytes()).unwrap();
        assert!(back.tagger.second.is_some() && back.parser.clusters);
        assert_eq!(back.lexicon.clusters, model.lexicon.clusters);
        let words = ["cats", "bark", "."];
        assert_eq!(back.analyse(&words), model.analyse(&words));
    }
}
