//! Running and training the tagger over articles.

use crate::corpus::{GoldDoc, GoldKind};
use crate::gazetteer::Gazetteer;
use crate::lexicon::Lexicons;
use crate::tagger::{self, ModelError, TrainDoc, Trainer, Weights};
use newsgraph_model::{Article, Block, Span};
use std::ops::Range;

/// The trained entity model: tagger weights and the gazetteer they were trained with
/// (the static lexicons are shared and embedded).
#[derive(Debug, Clone)]
pub struct EntityModel {
    pub(crate) weights: Weights,
    pub(crate) gazetteer: Gazetteer,
}

/// The model shipped with the binary, trained by `newsgraph train ner` (see `data/README.md`).
const DEFAULT_MODEL: &[u8] = include_bytes!("../data/ner.model");

/// Why an entity model could not be loaded; keeps the underlying error as its source.
#[derive(Debug, thiserror::Error)]
pub enum EntityModelError {
    #[error("reading the entity model {path}")]
    Read {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the entity model is not valid")]
    Invalid(#[from] ModelError),
}

impl EntityModel {
    /// Loads the model shipped with the binary.
    pub fn load_default() -> Result<Self, EntityModelError> {
        Self::from_bytes(DEFAULT_MODEL)
    }

    pub fn from_bytes(b: &[u8]) -> Result<Self, EntityModelError> {
        let (weights, used) = Weights::from_bytes_prefix(b)?;
        let rest = &b[used..];
        let gazetteer = match Gazetteer::read_from(rest) {
            Some((g, n)) if n == rest.len() => g,
            _ => return Err(ModelError::Truncated.into()),
        };
        Ok(EntityModel { weights, gazetteer })
    }

    /// The gazetteer the model was trained with (companies, parties, given names…).
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    pub fn load(path: &std::path::Path) -> Result<Self, EntityModelError> {
        let bytes = std::fs::read(path).map_err(|source| EntityModelError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Self::from_bytes(&bytes)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut b = self.weights.to_bytes();
        self.gazetteer.write_to(&mut b);
        b
    }
}

/// A name the tagger found: a token range and its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameSpan {
    pub tokens: Range<usize>,
    pub kind: GoldKind,
}

/// Token-index ranges of the article's sentences (tokens outside any sentence are
/// grouped on their own).
pub fn sentence_token_ranges(article: &Article) -> Vec<(usize, usize)> {
    let toks = &article.tokens;
    let mut out = Vec::with_capacity(article.sentences.len());
    let mut i = 0;
    for s in &article.sentences {
        let start = i;
        while i < toks.len() && toks[i].span.start < s.span.end {
            i += 1;
        }
        if i > start {
            out.push((start, i));
        }
    }
    if i < toks.len() {
        out.push((i, toks.len()));
    }
    out
}

pub(crate) fn words(article: &Article) -> Vec<&str> {
    article
        .tokens
        .iter()
        .map(|t| article.text.get(t.start_byte..t.end_byte).unwrap_or(""))
        .collect()
}

fn kind_of_label(l: usize) -> Option<GoldKind> {
    match l {
        1 | 2 => Some(GoldKind::Person),
        3 | 4 => Some(GoldKind::Organization),
        5 | 6 => Some(GoldKind::Place),
        _ => None,
    }
}

/// Tags an already segmented article.
pub fn tag(article: &Article, model: &EntityModel) -> Vec<NameSpan> {
    let w = words(article);
    let obs = tagger::observe(&w, Lexicons::get(), &model.gazetteer);
    tag_obs(article, model, &obs)
}

pub(crate) fn tag_obs(
    article: &Article,
    model: &EntityModel,
    obs: &[tagger::Obs],
) -> Vec<NameSpan> {
    let w = obs;
    let mut labels = vec![0usize; w.len()];
    let mut feats = Vec::with_capacity(48);
    for (s, e) in sentence_token_ranges(article) {
        tagger::tag_range(&model.weights, obs, s, e, &mut labels, &mut feats);
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < labels.len() {
        let l = labels[i];
        if let Some(k) = kind_of_label(l) {
            let mut j = i + 1;
            while j < labels.len() && labels[j] == l + (l % 2) && l % 2 == 1 {
                j += 1;
            }
            out.push(NameSpan {
                tokens: i..j,
                kind: k,
            });
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// The article a gold document's text makes (blocks as given), segmented.
pub fn gold_article(doc: &GoldDoc) -> Article {
    let mut a = Article {
        id: doc.id.clone(),
        text: doc.text.clone(),
        blocks: doc
            .blocks
            .iter()
            .map(|(k, s)| Block { kind: *k, span: *s })
            .collect(),
        ..Default::default()
    };
    crate::segment(&mut a);
    a
}

/// BIO labels of the article's tokens for the gold mentions; returns the labels and the
/// number of mentions whose ends do not fall on token boundaries (skipped).
pub fn gold_labels(article: &Article, mentions: &[(Span, GoldKind)]) -> (Vec<usize>, usize) {
    let toks = &article.tokens;
    let mut labels = vec![0usize; toks.len()];
    let mut misaligned = 0;
    // Outer names first: "University of Michigan" wins over the "Michigan" inside it.
    let mut sorted: Vec<&(Span, GoldKind)> = mentions.iter().collect();
    sorted.sort_by_key(|(s, _)| (std::cmp::Reverse(s.len()), s.start));
    for (span, kind) in sorted {
        let s = toks.iter().position(|t| t.span.start == span.start);
        let e = toks.iter().position(|t| t.span.end == span.end);
        match (s, e) {
            (Some(s), Some(e)) if s <= e && labels[s..=e].iter().all(|l| *l == 0) => {
                let b = match kind {
                    GoldKind::Person => 1,
                    GoldKind::Organization => 3,
                    GoldKind::Place => 5,
                };
                labels[s] = b;
                for l in &mut labels[s + 1..=e] {
                    *l = b + 1;
                }
            }
            _ => misaligned += 1,
        }
    }
    (labels, misaligned)
}

/// What training did.
#[derive(Debug, Clone, Default)]
pub struct TrainReport {
    pub docs: usize,
    pub tokens: usize,
    pub mentions: usize,
    pub misaligned: usize,
    /// Token error rate of each epoch (on the training data, before the update).
    pub epoch_errors: Vec<f64>,
}

/// Trains a model on gold documents, with `gazetteer` as features (saved in the model).
pub fn train(
    docs: &[GoldDoc],
    epochs: usize,
    log2_rows: u32,
    gazetteer: Gazetteer,
) -> (EntityModel, TrainReport) {
    let lex = Lexicons::get();
    let mut report = TrainReport::default();
    let mut tdocs = Vec::with_capacity(docs.len());
    for d in docs {
        let a = gold_article(d);
        let (gold, mis) = gold_labels(&a, &d.mentions);
        report.docs += 1;
        report.tokens += a.tokens.len();
        report.mentions += d.mentions.len();
        report.misaligned += mis;
        let w = words(&a);
        let obs = tagger::observe(&w, lex, &gazetteer);
        // Sentences past the annotation teach nothing: their names are unmarked, not absent.
        let mut sents = sentence_token_ranges(&a);
        if let Some(end) = d.annotated_end {
            sents.retain(|&(_, e)| a.tokens[e - 1].span.end <= end);
        }
        tdocs.push(TrainDoc { obs, sents, gold });
    }
    let mut trainer = Trainer::new(log2_rows);
    let mut order: Vec<usize> = (0..tdocs.len()).collect();
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..epochs {
        // Deterministic shuffle (xorshift).
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let (mut n, mut err) = (0, 0);
        for &i in &order {
            let (a, b) = trainer.train_doc(&tdocs[i]);
            n += a;
            err += b;
        }
        report.epoch_errors.push(err as f64 / n.max(1) as f64);
    }
    (
        EntityModel {
            weights: trainer.finish(),
            gazetteer,
        },
        report,
    )
}
