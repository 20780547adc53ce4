//! Scoring a syntax layer against a treebank document from raw text, the way the CoNLL
//! 2018 shared task does: predicted and gold words are aligned by their character spans
//! (only identical spans align), and every metric is an F1 over words — a word cut
//! differently from the gold counts as wrong for tokens, UPOS, lemma and attachment.
//! A head is right when the predicted head aligns with the gold head (or both are roots).

use super::conllu::TreebankDoc;
use newsgraph_model::{Span, SyntaxToken};
use serde::Serialize;
use std::collections::HashMap;

/// Counts over any number of documents; [`Counts::f1`] turns one into a score.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Counts {
    pub gold_words: usize,
    pub pred_words: usize,
    pub aligned: usize,
    pub upos: usize,
    pub lemma: usize,
    pub uas: usize,
    pub las: usize,
    pub gold_sentences: usize,
    pub pred_sentences: usize,
    pub sentences: usize,
}

impl Counts {
    pub fn add(&mut self, o: &Counts) {
        self.gold_words += o.gold_words;
        self.pred_words += o.pred_words;
        self.aligned += o.aligned;
        self.upos += o.upos;
        self.lemma += o.lemma;
        self.uas += o.uas;
        self.las += o.las;
        self.gold_sentences += o.gold_sentences;
        self.pred_sentences += o.pred_sentences;
        self.sentences += o.sentences;
    }

    /// F1 of `right` against the word counts.
    pub fn f1(&self, right: usize) -> f64 {
        let d = self.gold_words + self.pred_words;
        if d == 0 {
            0.0
        } else {
            2.0 * right as f64 / d as f64
        }
    }

    pub fn sentence_f1(&self) -> f64 {
        let d = self.gold_sentences + self.pred_sentences;
        if d == 0 {
            0.0
        } else {
            2.0 * self.sentences as f64 / d as f64
        }
    }
}

/// Scores one document's predicted layer (and predicted sentence spans) against gold.
pub fn score_doc(gold: &TreebankDoc, pred: &[SyntaxToken], pred_sentences: &[Span]) -> Counts {
    let mut c = Counts {
        gold_words: gold.words.len(),
        pred_words: pred.len(),
        gold_sentences: gold.sentences.len(),
        pred_sentences: pred_sentences.len(),
        ..Default::default()
    };
    let gold_at: HashMap<Span, usize> = gold
        .words
        .iter()
        .enumerate()
        .map(|(i, w)| (w.span, i))
        .collect();
    let pred_at: HashMap<Span, usize> = pred.iter().enumerate().map(|(i, t)| (t.span, i)).collect();
    for t in pred {
        let Some(&g) = gold_at.get(&t.span) else {
            continue;
        };
        let gw = &gold.words[g];
        c.aligned += 1;
        c.upos += (t.pos == gw.upos) as usize;
        c.lemma += (t.lemma == gw.lemma) as usize;
        let head_ok = match (gw.head, usize::try_from(t.head).ok()) {
            (None, None) => true,
            (Some(gh), Some(ph)) => pred
                .get(ph)
                .is_some_and(|p| pred_at.contains_key(&p.span) && p.span == gold.words[gh].span),
            _ => false,
        };
        if head_ok {
            c.uas += 1;
            c.las += (t.dep == gw.deprel) as usize;
        }
    }
    let gold_sents: std::collections::HashSet<Span> = gold
        .sentences
        .iter()
        .filter(|r| !r.is_empty())
        .map(|r| {
            Span::new(
                gold.words[r.start].span.start,
                gold.words[r.end - 1].span.end,
            )
        })
        .collect();
    c.sentences = pred_sentences
        .iter()
        .filter(|s| gold_sents.contains(s))
        .count();
    c
}

#[cfg(test)]
mod tests {
    use super::super::conllu::parse;
    use super::*;
    use std::borrow::Cow;

    fn tok(s: usize, e: usize, pos: &'static str, head: i64, dep: &'static str) -> SyntaxToken {
        SyntaxToken {
            span: Span::new(s, e),
            pos: Cow::Borrowed(pos),
            lemma: String::new(),
            head,
            dep: Cow::Borrowed(dep),
        }
    }

    #[test]
    fn misaligned_words_count_against_every_metric() {
        let src = "1\tDogs\tdog\tNOUN\t_\t_\t2\tnsubj\t_\t_\n2\tbark\tbark\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No\n3\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n\n";
        let docs = parse(src, std::path::Path::new("t")).unwrap();
        let gold = &docs[0];
        assert_eq!(gold.text, "Dogs bark.");
        // Perfect.
        let pred = vec![
            tok(0, 4, "NOUN", 1, "nsubj"),
            tok(5, 9, "VERB", -1, "root"),
            tok(9, 10, "PUNCT", 1, "punct"),
        ];
        let c = score_doc(gold, &pred, &[Span::new(0, 10)]);
        assert_eq!(
            (c.aligned, c.upos, c.uas, c.las, c.sentences),
            (3, 3, 3, 3, 1)
        );
        assert_eq!(c.f1(c.las), 1.0);
        // "bark." as one token: two gold words lost, heads to it are wrong too.
        let pred = vec![
            tok(0, 4, "NOUN", 1, "nsubj"),
            tok(5, 10, "VERB", -1, "root"),
        ];
        let c = score_doc(gold, &pred, &[]);
        assert_eq!((c.aligned, c.upos, c.uas), (1, 1, 0));
        assert!((c.f1(c.aligned) - 2.0 / 5.0).abs() < 1e-9);
        // Wrong label: UAS right, LAS not.
        let pred = vec![
            tok(0, 4, "NOUN", 1, "obj"),
            tok(5, 9, "VERB", -1, "root"),
            tok(9, 10, "PUNCT", 0, "punct"),
        ];
        let c = score_doc(gold, &pred, &[]);
        assert_eq!((c.uas, c.las), (2, 1));
    }
}
