//! Scoring of the times layer: TempEval-3 style span and value scores on TimeML
//! (TBAQ) and MEANTIME.
//!
//! Definitions (TempEval-3, UzZaman et al. 2013): a system expression matches a gold
//! one *strictly* when the spans are equal, *relaxed* when they overlap (one-to-one,
//! largest overlap first). Value (and type) F1 are counted over relaxed matches:
//! precision = matches with the right value / system expressions, recall = matches
//! with the right value / gold expressions.

pub mod bench;
pub mod timeml;

use newsgraph_model::{Article, CharIndex};
use newsgraph_nlp::corpus::{files_under, Depth};
use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;
pub use timeml::{parse_meantime, parse_timeml, GoldDoc, GoldTimex};

#[derive(Debug, thiserror::Error)]
pub enum TimesEvalError {
    #[error("reading {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Walk(#[from] newsgraph_nlp::corpus::CorpusError),
    #[error("{path}: {source}")]
    Xml {
        path: String,
        #[source]
        source: quick_xml::Error,
    },
    #[error("{path}: {source}")]
    Cat {
        path: String,
        #[source]
        source: newsgraph_nlp::corpus::cat::CatError,
    },
    #[error("predictions {path} line {line}: {source}")]
    Json {
        path: String,
        line: usize,
        source: serde_json::Error,
    },
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> TimesEvalError + '_ {
    move |source| TimesEvalError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Reads every `.tml` file under `dir`.
pub fn load_tbaq(dir: &Path) -> Result<Vec<GoldDoc>, TimesEvalError> {
    let mut out = Vec::new();
    for p in files_under(dir, ".tml", Depth::Recursive)? {
        let src = std::fs::read_to_string(&p).map_err(io_err(&p))?;
        let id = p
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        out.push(
            parse_timeml(&id, &src).map_err(|source| TimesEvalError::Xml {
                path: p.display().to_string(),
                source,
            })?,
        );
    }
    Ok(out)
}

/// Reads every MEANTIME `.xml` document under `dir`.
pub fn load_meantime(dir: &Path) -> Result<Vec<GoldDoc>, TimesEvalError> {
    let mut out = Vec::new();
    for p in files_under(dir, ".xml", Depth::Recursive)? {
        let src = std::fs::read_to_string(&p).map_err(io_err(&p))?;
        if !src.contains("<token ") {
            continue;
        }
        let id = p
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        out.push(
            parse_meantime(&id, &src).map_err(|source| TimesEvalError::Cat {
                path: p.display().to_string(),
                source,
            })?,
        );
    }
    Ok(out)
}

/// Runs the newsgraph times layer on a gold document.
pub fn run_newsgraph(doc: &GoldDoc) -> Vec<GoldTimex> {
    let mut a = Article {
        text: doc.text.clone(),
        published: doc.dct.clone(),
        ..Default::default()
    };
    newsgraph_facts::times(&mut a);
    a.times
        .into_iter()
        .map(|t| GoldTimex {
            span: [t.span.start, t.span.end],
            kind: serde_json::to_value(t.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_uppercase))
                .unwrap_or_default(),
            value: t.value,
        })
        .collect()
}

/// Raw counts of one system on a set of documents.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct Counts {
    pub gold: usize,
    pub sys: usize,
    pub strict: usize,
    pub relaxed: usize,
    pub value: usize,
    pub kind: usize,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.gold += o.gold;
        self.sys += o.sys;
        self.strict += o.strict;
        self.relaxed += o.relaxed;
        self.value += o.value;
        self.kind += o.kind;
    }
}

/// Precision, recall, F1.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct Prf {
    pub p: f64,
    pub r: f64,
    pub f1: f64,
}

pub fn prf(ok: usize, sys: usize, gold: usize) -> Prf {
    let p = if sys == 0 {
        0.0
    } else {
        ok as f64 / sys as f64
    };
    let r = if gold == 0 {
        0.0
    } else {
        ok as f64 / gold as f64
    };
    let f1 = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    Prf { p, r, f1 }
}

/// The scores of one system on one corpus.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Scores {
    pub system: String,
    pub corpus: String,
    pub docs: usize,
    pub counts: Counts,
    pub strict: Prf,
    pub relaxed: Prf,
    pub value: Prf,
    pub kind: Prf,
    /// Value accuracy over relaxed matches.
    pub value_accuracy: f64,
    /// Wall time of the system on these documents, when it ran in this process.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seconds: Option<f64>,
}

/// A value error or a miss, for inspection.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Miss {
    pub doc: String,
    pub text: String,
    pub gold: Option<String>,
    pub sys: Option<String>,
}

fn overlap(a: [usize; 2], b: [usize; 2]) -> usize {
    a[1].min(b[1]).saturating_sub(a[0].max(b[0]))
}

fn slice(ix: &CharIndex, text: &str, s: [usize; 2]) -> String {
    let r = ix.bytes(newsgraph_model::Span::new(s[0], s[1].max(s[0])));
    text.get(r).unwrap_or("").to_string()
}

/// TIMEX3 values compare as exact strings, as in the TempEval-3 scorer
/// (`evaluate_entities.py`: `g.value == s.value`); no normalisation of either side.
pub fn same_value(a: &str, b: &str) -> bool {
    a == b
}

/// Scores one document; appends misses and value errors to `misses`.
pub fn score_doc(
    doc: &GoldDoc,
    gold: &[GoldTimex],
    sys: &[GoldTimex],
    misses: &mut Vec<Miss>,
) -> Counts {
    let sys: Vec<&GoldTimex> = sys
        .iter()
        .filter(|s| !doc.ignore.iter().any(|ig| overlap(*ig, s.span) > 0))
        .collect();
    let ix = CharIndex::new(&doc.text);
    let mut c = Counts {
        gold: gold.len(),
        sys: sys.len(),
        ..Default::default()
    };
    let mut used = vec![false; sys.len()];
    for g in gold {
        let best = sys
            .iter()
            .enumerate()
            .filter(|(k, s)| !used[*k] && overlap(g.span, s.span) > 0)
            .max_by_key(|(k, s)| (s.span == g.span, overlap(g.span, s.span), usize::MAX - k))
            .map(|(k, _)| k);
        match best {
            Some(k) => {
                used[k] = true;
                let s = sys[k];
                c.relaxed += 1;
                if s.span == g.span {
                    c.strict += 1;
                }
                if same_value(&s.value, &g.value) {
                    c.value += 1;
                } else {
                    misses.push(Miss {
                        doc: doc.id.clone(),
                        text: slice(&ix, &doc.text, g.span),
                        gold: Some(g.value.clone()),
                        sys: Some(s.value.clone()),
                    });
                }
                if s.kind.eq_ignore_ascii_case(&g.kind) {
                    c.kind += 1;
                }
            }
            None => misses.push(Miss {
                doc: doc.id.clone(),
                text: slice(&ix, &doc.text, g.span),
                gold: Some(g.value.clone()),
                sys: None,
            }),
        }
    }
    for (k, s) in sys.iter().enumerate() {
        if !used[k] {
            misses.push(Miss {
                doc: doc.id.clone(),
                text: slice(&ix, &doc.text, s.span),
                gold: None,
                sys: Some(s.value.clone()),
            });
        }
    }
    c
}

/// Scores a system's output (`sys[doc index]`) on `docs`.
pub fn score(
    system: &str,
    corpus: &str,
    docs: &[GoldDoc],
    sys: &[Vec<GoldTimex>],
    misses: &mut Vec<Miss>,
) -> Scores {
    let mut c = Counts::default();
    for (d, s) in docs.iter().zip(sys) {
        c.add(score_doc(d, &d.gold, s, misses));
    }
    Scores {
        system: system.to_string(),
        corpus: corpus.to_string(),
        docs: docs.len(),
        counts: c,
        strict: prf(c.strict, c.sys, c.gold),
        relaxed: prf(c.relaxed, c.sys, c.gold),
        value: prf(c.value, c.sys, c.gold),
        kind: prf(c.kind, c.sys, c.gold),
        value_accuracy: if c.relaxed == 0 {
            0.0
        } else {
            c.value as f64 / c.relaxed as f64
        },
        seconds: None,
    }
}

/// Runs newsgraph on `docs` and scores it, timing the run.
pub fn evaluate_newsgraph(corpus: &str, docs: &[GoldDoc], misses: &mut Vec<Miss>) -> Scores {
    let t0 = Instant::now();
    let sys: Vec<Vec<GoldTimex>> = docs.iter().map(run_newsgraph).collect();
    let secs = t0.elapsed().as_secs_f64();
    let mut s = score("newsgraph", corpus, docs, &sys, misses);
    s.seconds = Some(secs);
    s
}

/// One line of a predictions file written by another system (see `bench/times`).
#[derive(Debug, serde::Deserialize)]
struct PredLine {
    id: String,
    corpus: String,
    times: Vec<GoldTimex>,
    #[serde(default)]
    seconds: Option<f64>,
}

/// Predictions of another system, keyed by (corpus, doc id), and its total run time.
pub struct Predictions {
    pub by_doc: HashMap<(String, String), Vec<GoldTimex>>,
    /// Run time per document, when the file gives it.
    pub seconds: HashMap<(String, String), f64>,
}

pub fn load_predictions(path: &Path) -> Result<Predictions, TimesEvalError> {
    let src = std::fs::read_to_string(path).map_err(io_err(path))?;
    let mut by_doc = HashMap::new();
    let mut seconds = HashMap::new();
    for (n, line) in src.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let p: PredLine = serde_json::from_str(line).map_err(|source| TimesEvalError::Json {
            path: path.display().to_string(),
            line: n + 1,
            source,
        })?;
        if let Some(t) = p.seconds {
            seconds.insert((p.corpus.clone(), p.id.clone()), t);
        }
        by_doc.insert((p.corpus, p.id), p.times);
    }
    Ok(Predictions { by_doc, seconds })
}

/// Scores loaded predictions on `docs` (documents without predictions count as empty).
pub fn evaluate_predictions(
    name: &str,
    corpus: &str,
    docs: &[GoldDoc],
    preds: &Predictions,
    misses: &mut Vec<Miss>,
) -> Scores {
    let sys: Vec<Vec<GoldTimex>> = docs
        .iter()
        .map(|d| {
            preds
                .by_doc
                .get(&(d.corpus.clone(), d.id.clone()))
                .cloned()
                .unwrap_or_default()
        })
        .collect();
    let mut s = score(name, corpus, docs, &sys, misses);
    let secs: f64 = docs
        .iter()
        .filter_map(|d| preds.seconds.get(&(d.corpus.clone(), d.id.clone())))
        .sum();
    s.seconds = (secs > 0.0).then_some(secs);
    s
}

/// A fixed-width table of scores.
pub fn table(rows: &[Scores]) -> String {
    let mut out = String::from(
        "corpus         system        docs  gold   sys | strict P   R    F1  | relaxed P   R    F1  | value P   R    F1   acc | type F1 | sec\n",
    );
    for s in rows {
        out.push_str(&format!(
            "{:<14} {:<12} {:>5} {:>5} {:>5} | {:.3} {:.3} {:.3} | {:.3} {:.3} {:.3} | {:.3} {:.3} {:.3} {:.3} | {:.3} | {}\n",
            s.corpus,
            s.system,
            s.docs,
            s.counts.gold,
            s.counts.sys,
            s.strict.p,
            s.strict.r,
            s.strict.f1,
            s.relaxed.p,
            s.relaxed.r,
            s.relaxed.f1,
            s.value.p,
            s.value.r,
            s.value.f1,
            s.value_accuracy,
            s.kind.f1,
            s.seconds.map(|x| format!("{x:.2}")).unwrap_or_else(|| "-".into()),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: usize, e: usize, v: &str) -> GoldTimex {
        GoldTimex {
            span: [s, e],
            kind: "DATE".into(),
            value: v.into(),
        }
    }

    #[test]
    fn strict_relaxed_and_value_counts() {
        let doc = GoldDoc {
            id: "d".into(),
            corpus: "c".into(),
            text: "x".repeat(100),
            dct: None,
            gold: vec![],
            ignore: vec![[90, 95]],
            values: vec![],
        };
        let gold = vec![t(0, 5, "A"), t(10, 20, "B"), t(30, 35, "C")];
        let sys = vec![t(0, 5, "A"), t(12, 20, "X"), t(50, 55, "D"), t(91, 93, "I")];
        let mut m = Vec::new();
        let c = score_doc(&doc, &gold, &sys, &mut m);
        assert_eq!(
            (c.gold, c.sys, c.strict, c.relaxed, c.value),
            (3, 3, 1, 2, 1)
        );
        let p = prf(c.value, c.sys, c.gold);
        assert!((p.f1 - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(m.len(), 3); // value error, miss, false positive
    }

    #[test]
    fn values_compare_exactly() {
        assert!(same_value("1998-W08", "1998-W08"));
        // TimeBank's unpadded week numbers are not equal to ISO ones (TempEval-3 compares strings).
        assert!(!same_value("1998-W8", "1998-W08"));
    }
}
