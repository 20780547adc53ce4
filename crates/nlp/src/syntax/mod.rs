//! The syntax layer: UPOS tags, lemmas and dependency trees over the tokens and
//! sentences of [`crate::segment`], trained from UD English by `newsgraph train syntax`.
//!
//! Start at [`analyse_article`] (the pipeline stage) and [`SyntaxModel::analyse`] (one
//! sentence), then `tagger.rs`, `parser.rs` (arc-hybrid, dynamic oracle, relations
//! named as arcs are made),
//! `lemma.rs`; `model.rs` is the file format, `train.rs` the training run, `score.rs`
//! what `newsgraph eval syntax` measures, `conllu.rs` the treebank reader.

pub mod bounds;
pub mod clusters;
pub mod conllu;
mod hash;
pub mod hyphen;
pub mod lemma;
pub mod lexicon;
pub mod model;
pub mod parser;
mod perceptron;
pub mod score;
pub mod splits;
pub mod tagger;
pub mod tags;
pub mod train;
pub mod unlabelled;
pub mod words;

pub use model::{ModelError, SyntaxModel};

use newsgraph_model::{Article, SyntaxToken};
use std::borrow::Cow;
use tags::{DEPRELS, UPOS};

/// Sentences longer than this are parsed in pieces of this many words (each piece its own
/// tree), so one run-on "sentence" of a 50 MB dump costs no more per word than news prose.
pub const MAX_SENTENCE_WORDS: usize = 200;

/// The analysis of one word of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordAnalysis {
    /// Index into [`UPOS`].
    pub upos: usize,
    pub lemma: String,
    /// Index of the head word within the sentence, `None` for the root.
    pub head: Option<usize>,
    /// Index into [`DEPRELS`].
    pub deprel: usize,
}

impl SyntaxModel {
    /// Sets the margin above which `bounds.rs` ends a tree inside a sentence (for tuning
    /// it on a dev half without retraining; `f32::INFINITY`: never).
    pub fn set_bounds_margin(&mut self, margin: f32) {
        self.bounds.margin = margin;
    }

    /// Tags, lemmatises and parses one sentence (pieces of at most
    /// [`MAX_SENTENCE_WORDS`] words are parsed on their own).
    pub fn analyse(&self, words: &[&str]) -> Vec<WordAnalysis> {
        let mut out = Vec::with_capacity(words.len());
        let mut buf = String::new();
        let (mut tags, mut heads, mut labels) = (Vec::new(), Vec::new(), Vec::new());
        let mut cuts = Vec::new();
        for (k, piece) in words.chunks(MAX_SENTENCE_WORDS).enumerate() {
            let obs = self.lexicon.observe_sentence(piece, &mut buf);
            self.tagger.tag(&obs, &mut tags);
            // One tree per piece between the ends `bounds.rs` finds.
            self.bounds.cuts(&obs, &tags, &mut cuts);
            let mut from = 0;
            for to in cuts.iter().map(|c| c + 1).chain([piece.len()]) {
                let base = k * MAX_SENTENCE_WORDS + from;
                self.parser
                    .parse(&obs[from..to], &tags[from..to], &mut heads, &mut labels);
                let n = to - from;
                for i in 0..n {
                    let t = tags[from + i];
                    out.push(WordAnalysis {
                        upos: t,
                        lemma: self.lemmatiser.lemma(piece[from + i], t),
                        head: (heads[i] < n).then(|| base + heads[i]),
                        deprel: labels[i],
                    });
                }
                from = to;
            }
        }
        out
    }
}

/// Fills `article.syntax` (the record's `tokens` layer) from the article's tokens and
/// sentences (segmenting first when needed). A hyphenated token is cut as UD cuts it
/// (`15-year` → `15` `-` `year`, see `hyphen.rs`), and so are the tokens the treebanks
/// hold as several words (`cannot` → `can` `not`, see `splits.rs`), so the layer can hold
/// more tokens than `article.tokens`. Tokens outside every sentence (none are, from `segment`) are
/// analysed as one-word sentences.
pub fn analyse_article(article: &mut Article, model: &SyntaxModel) {
    if article.tokens.is_empty() && !article.text.is_empty() {
        crate::segment(article);
    }
    let text = article.text.as_str();
    let toks = &article.tokens;
    let mut layer: Vec<SyntaxToken> = Vec::with_capacity(toks.len() + toks.len() / 64);
    let mut sents = article.sentences.iter().peekable();
    let mut words: Vec<&str> = Vec::new();
    let mut spans: Vec<newsgraph_model::Span> = Vec::new();
    let (mut parts, mut buf) = (Vec::new(), String::new());
    let mut i = 0;
    while i < toks.len() {
        // Skip sentences that end before this token.
        while sents
            .peek()
            .is_some_and(|s| s.span.end <= toks[i].span.start)
        {
            sents.next();
        }
        let end = match sents.peek() {
            Some(s) if s.span.start <= toks[i].span.start => {
                let mut j = i;
                while j < toks.len() && toks[j].span.end <= s.span.end {
                    j += 1;
                }
                j.max(i + 1)
            }
            _ => i + 1,
        };
        words.clear();
        spans.clear();
        for t in &toks[i..end] {
            let w = text.get(t.start_byte..t.end_byte).unwrap_or("");
            if !model.splits.split(w, &mut parts) {
                model.hyphen.split(w, &mut parts, &mut buf);
            }
            for r in &parts {
                let start = t.span.start + w[..r.start].chars().count();
                let len = w[r.clone()].chars().count();
                words.push(&w[r.clone()]);
                spans.push(newsgraph_model::Span::new(start, start + len));
            }
        }
        let base = layer.len();
        for (k, a) in model.analyse(&words).into_iter().enumerate() {
            layer.push(SyntaxToken {
                span: spans[k],
                pos: Cow::Borrowed(UPOS[a.upos]),
                lemma: a.lemma,
                head: a.head.map_or(-1, |h| (base + h) as i64),
                dep: Cow::Borrowed(DEPRELS[a.deprel]),
            });
        }
        i = end;
    }
    article.syntax = layer;
}
